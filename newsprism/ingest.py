"""Ingest: paths on disk -> decoded documents (or a one-line reason why an input was unusable).

Reads ``.txt``, ``.html``/``.htm`` (main text + metadata with trafilatura, raw HTML kept),
``.jsonl`` (one article per line) and ``.warc``/``.warc.gz`` (one document per HTML response).
Folders are walked recursively without following a symlink back into a folder already seen.
A manifest (CSV or JSON: path,url,outlet,published,language) describes pages saved without
metadata; what it leaves empty stays unknown here and may be read from the text by ``clean``.

The text of every document is stored verbatim after decoding and newline normalisation: every
later offset points into it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError, InputError
from newsprism.records import Discarded, RawDocument, content_id

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
MANIFEST_NAMES = ("manifest.csv", "manifest.json")
MANIFEST_FIELDS = ("path", "url", "outlet", "published", "language")

# A valid multi-byte UTF-8 sequence. Text that has these *and* invalid bytes is broken UTF-8;
# text with high bytes but none of these is a legacy 8-bit encoding (cp1251, latin-1).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class ManifestRow:
    path: str
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True)
class IngestResult:
    documents: list[RawDocument]
    discarded: list[Discarded]
    skipped: int  # files of unsupported types met while walking folders


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file: BOM, UTF-16, UTF-8, else cp1251 / latin-1 by what the bytes look like.

    Raises:
        InputError: empty, binary, or broken UTF-8.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding), path), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} at byte {exc.start}") from None
    head = data[:4096]
    even_nuls, odd_nuls = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
    if max(even_nuls, odd_nuls) > len(head) // 4 and min(even_nuls, odd_nuls) <= max(even_nuls, odd_nuls) // 20:
        # UTF-16 without a BOM: every other byte of Latin-script text is NUL, on one side only.
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(path, "binary file (not text)") from None
        # the NUL pattern only arises from Latin-script text: most characters must be ASCII
        if sum(1 for c in text[:4096] if ord(c) < 128) < 0.6 * len(text[:4096]):
            raise InputError(path, "binary file (not text)")
        return _checked_text(text, path), encoding
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return _checked_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as exc:
        valid = len(_UTF8_MULTIBYTE.findall(data))
        high = len(_HIGH_BYTE.findall(data))
        if valid * 2 >= high - valid:  # mostly well-formed UTF-8 with a few broken bytes
            raise InputError(path, f"invalid UTF-8 at byte {exc.start}") from None
    encoding = _legacy_encoding(data)
    return _checked_text(data.decode(encoding), path), encoding


def _legacy_encoding(data: bytes) -> str:
    """cp1251 when the high bytes read as Cyrillic words, else latin-1 (cp1252 if it needs it)."""
    as_cp1251 = data.decode("cp1251", errors="replace")
    high_chars = [c for c in as_cp1251 if ord(c) > 127]
    cyrillic = sum(1 for c in high_chars if _CYRILLIC.match(c))
    if high_chars and cyrillic / len(high_chars) > 0.8 and re.search(r"[\u0400-\u04ff]{3}", as_cp1251):
        return "cp1251"
    return "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"


def _checked_text(text: str, path: str) -> str:
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(path, "empty file")
    if len(_CONTROL.findall(text[:20000])) > len(text[:20000]) // 100:
        raise InputError(path, "binary file (control characters, not text)")
    return text


def read_manifest(path: Path) -> dict[str, ManifestRow]:
    """Manifest rows keyed by the real path of the file they describe.

    Raises:
        ConfigError: the manifest cannot be parsed (bad CSV/JSON, no ``path`` column).
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read manifest: {exc.strerror or exc}") from None
    rows: list[dict[str, str]]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"{path}: manifest is not valid JSON ({exc})") from None
        data = data.get("documents", data) if isinstance(data, dict) else data
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ConfigError(f"{path}: a JSON manifest is a list of objects with path,url,outlet,published,language")
        rows = [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in data]
    else:
        reader = csv.DictReader(raw.splitlines())
        if not reader.fieldnames or "path" not in reader.fieldnames:
            raise ConfigError(f"{path}: a CSV manifest needs a header with path,url,outlet,published,language")
        rows = list(reader)
    out: dict[str, ManifestRow] = {}
    for n, row in enumerate(rows, start=2 if path.suffix.lower() != ".json" else 1):
        rel = (row.get("path") or "").strip()
        if not rel:
            raise ConfigError(f"{path}: row {n} has no path")
        published = (row.get("published") or "").strip() or None
        if published:
            try:
                published = dt.date.fromisoformat(published[:10]).isoformat()
            except ValueError:
                raise ConfigError(f"{path}: row {n}: published {published!r} is not an ISO date (YYYY-MM-DD)") from None
        target = (path.parent / rel).resolve()
        out[str(target)] = ManifestRow(
            path=str(path.parent / rel),
            url=(row.get("url") or "").strip() or None,
            outlet=(row.get("outlet") or "").strip() or None,
            published=published,
            language=(row.get("language") or "").strip() or None,
        )
    return out


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def walk(paths: list[str]) -> tuple[list[tuple[str, Path]], list[Discarded], int]:
    """Expand the given paths into files to read, in a stable order.

    Returns (display path, real path) pairs, the inputs that cannot be walked, and how many files
    of unsupported types were passed over inside folders.
    """
    files: list[tuple[str, Path]] = []
    discarded: list[Discarded] = []
    skipped = 0
    seen_files: set[Path] = set()
    for given in paths:
        p = Path(given)
        if not os.path.lexists(given):
            discarded.append(Discarded(given, "no such file or directory"))
            continue
        try:
            real = p.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            reason = "symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", 0) == 40 else "broken symlink or unreadable path"
            discarded.append(Discarded(given, reason))
            continue
        if real.is_dir():
            seen_dirs: set[Path] = {real}
            for disp, entry, problem in _walk_dir(given, real, seen_dirs):
                if problem:
                    discarded.append(Discarded(disp, problem))
                elif entry is not None:
                    if _suffix(entry) not in SUPPORTED:
                        skipped += 1
                    elif entry not in seen_files:
                        seen_files.add(entry)
                        files.append((disp, entry))
        elif _suffix(real) not in SUPPORTED and _suffix(p) not in SUPPORTED:
            discarded.append(Discarded(given, f"unsupported file type {p.suffix or '(none)'!r} (use {', '.join(SUPPORTED)})"))
        elif real not in seen_files:
            seen_files.add(real)
            files.append((given, real))
    return files, discarded, skipped


def _walk_dir(display: str, real: Path, seen_dirs: set[Path]) -> Iterator[tuple[str, Path | None, str | None]]:
    try:
        entries = sorted(os.scandir(real), key=lambda e: e.name)
    except OSError as exc:
        yield display, None, f"cannot read folder: {exc.strerror or exc}"
        return
    for entry in entries:
        disp = os.path.join(display, entry.name)
        if entry.name.startswith(".") or entry.name.lower() in MANIFEST_NAMES:
            continue
        try:
            target = Path(entry.path).resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            loop = isinstance(exc, RuntimeError) or getattr(exc, "errno", 0) == 40
            yield disp, None, "symlink loop (not followed)" if loop else "broken symlink or unreadable file"
            continue
        if target.is_dir():
            if target in seen_dirs or any(target in d.parents or target == d for d in seen_dirs if entry.is_symlink()):
                yield disp, None, f"symlink loop back to {target} (not followed)"
                continue
            seen_dirs.add(target)
            yield from _walk_dir(disp, target, seen_dirs)
        else:
            yield disp, target, None


def ingest(paths: list[str], manifest: str | None = None, max_bytes: int = 20_000_000) -> IngestResult:
    """Read every input into documents; unusable inputs become Discarded with a one-line reason.

    Args:
        paths: files and folders (walked recursively).
        manifest: optional manifest file; a missing one is warned about and ignored.
        max_bytes: larger files are discarded (the NLP stage has no use for a 50 MB page).
    """
    meta: dict[str, ManifestRow] = {}
    if manifest:
        mpath = Path(manifest)
        if mpath.exists():
            meta = read_manifest(mpath)
        else:
            log.warning("manifest %s not found; reading metadata from the pages themselves", manifest)
    files, discarded, skipped = walk(paths)
    documents: list[RawDocument] = []
    for real_str, row in sorted(meta.items()):
        if not Path(real_str).exists():
            discarded.append(Discarded(row.path, f"listed in manifest {manifest} but missing"))
    for display, real in files:
        try:
            docs, bad = read_file(display, real, meta.get(str(real)), max_bytes)
        except InputError as exc:
            docs, bad = [], [Discarded(exc.path, exc.reason)]
        documents.extend(docs)
        discarded.extend(bad)
    return IngestResult(documents, discarded, skipped)


def read_file(display: str, real: Path, row: ManifestRow | None, max_bytes: int) -> tuple[list[RawDocument], list[Discarded]]:
    """Read one file into its documents (a JSONL or WARC file may hold many) and its bad parts.

    Raises:
        InputError: the whole file is unusable.
    """
    try:
        size = real.stat().st_size
        if size > max_bytes:
            raise InputError(display, f"too large ({size / 1e6:.0f} MB > {max_bytes / 1e6:.0f} MB limit)")
        data = real.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None
    suffix = _suffix(real)
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(display, data)
    if suffix in WARC_SUFFIXES:
        return _read_warc(display, real)
    if suffix in HTML_SUFFIXES:
        return [_html_document(display, data, None, row)], []
    text, encoding = decode_bytes(data, display)
    return [_document(display, data, text, encoding, row=row)], []


def _document(
    path: str,
    data: bytes,
    text: str,
    encoding: str,
    *,
    row: ManifestRow | None = None,
    raw_html: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    published_basis: str | None = None,
    language: str | None = None,
    title: str | None = None,
    meta_basis: str = "metadata",
) -> RawDocument:
    sha = hashlib.sha256(data).hexdigest()
    outlet_basis = meta_basis if outlet else None
    if row is not None:
        url = row.url or url
        if row.outlet:
            outlet, outlet_basis = row.outlet, "manifest"
        if row.published:
            published, published_basis = row.published, "manifest"
        language = row.language or language
    if published is None and url:
        published = _date_from_url(url)
        published_basis = "url" if published else None
    return RawDocument(
        doc_id=content_id("doc", path, sha),
        path=path,
        sha256=sha,
        text=text,
        raw_html=raw_html,
        url=url,
        outlet=outlet,
        outlet_basis=outlet_basis,
        published=published,
        published_basis=published_basis if published else None,
        language=language,
        title=title,
        encoding=encoding,
    )


_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")


def _date_from_url(url: str) -> str | None:
    """A /YYYY/MM/DD/ path in the URL is the publication date news sites put there."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _html_document(path: str, data: bytes, http_charset: str | None, row: ManifestRow | None, url: str | None = None) -> RawDocument:
    from newsprism.html import decode_html_bytes, extract_html

    raw_html = decode_html_bytes(data, http_charset)
    page = extract_html(raw_html, url=(row.url if row else None) or url, path=path)
    return _document(
        path, data, normalize_newlines(page.text), "html", row=row, raw_html=raw_html,
        url=page.url or url, outlet=page.sitename, published=page.published,
        published_basis="metadata" if page.published else None,
        language=page.language, title=page.title,
    )


def _read_jsonl(path: str, data: bytes) -> tuple[list[RawDocument], list[Discarded]]:
    """One document per line; a bad line is reported on its own and the others are still read."""
    text, _ = decode_bytes(data, path)
    documents: list[RawDocument] = []
    discarded: list[Discarded] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}#L{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            discarded.append(Discarded(where, f"invalid JSON on line {n} ({getattr(exc, 'msg', exc)})"))
            continue
        body = obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(body, str) or not body.strip():
            discarded.append(Discarded(where, f'line {n} has no "text"'))
            continue
        published = obj.get("published") or obj.get("date")
        try:
            published = dt.date.fromisoformat(str(published)[:10]).isoformat() if published else None
        except ValueError:
            published = None
        documents.append(_document(
            where, line.encode("utf-8"), normalize_newlines(body), "utf-8",
            url=obj.get("url") or None, outlet=obj.get("outlet") or None, published=published,
            published_basis="metadata" if published else None, language=obj.get("language") or None,
            title=obj.get("title") or None,
        ))
    return documents, discarded


def _read_warc(path: str, real: Path) -> tuple[list[RawDocument], list[Discarded]]:
    """One document per HTML response; a truncated WARC keeps the records read before the damage."""
    from newsprism.warc import iter_warc

    documents: list[RawDocument] = []
    discarded: list[Discarded] = []
    try:
        for page in iter_warc(real):
            where = f"{path}#{page.record_id}"
            try:
                documents.append(_html_document(where, page.html, page.http_charset, None, url=page.url))
            except InputError as exc:
                discarded.append(Discarded(exc.path, exc.reason))
    except InputError as exc:
        discarded.append(Discarded(path, exc.reason))
    if not documents and not discarded:
        discarded.append(Discarded(path, "no HTML pages in this WARC"))
    return documents, discarded
