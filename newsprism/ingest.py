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

import codecs
import csv
import datetime as dt
import hashlib
import json
import logging
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    skipped: list[Discarded]  # unsupported and hidden files met while walking folders, and why


# The input being read or analyzed now, so that log lines of the libraries we call can name it.
CURRENT_INPUT: ContextVar[str | None] = ContextVar("newsprism_input", default=None)


class InputNameFilter(logging.Filter):
    """Prefix third-party log lines (trafilatura, htmldate, charset-normalizer) with the input they
    were about; newsprism's own lines name their file already."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = CURRENT_INPUT.get()
        if current and not record.name.startswith("newsprism"):
            record.msg = f"{current}: [{record.name}] {record.getMessage()}"
            record.args = ()
        return True


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(name: str) -> str:
    """A file name fit for a one-line report and for UTF-8: control characters and bytes that
    were not UTF-8 (surrogate escapes from the file system) written as escapes (``\\n``, ``\\xff``)."""
    def esc(m: re.Match[str]) -> str:
        c = ord(m.group())
        if 0xDC80 <= c <= 0xDCFF:  # os.fsdecode's escape for an undecodable byte
            return f"\\x{c - 0xDC00:02x}"
        return m.group().encode("unicode_escape").decode("ascii")

    return _UNPRINTABLE.sub(esc, name)


def one_line(text: str, limit: int = 300) -> str:
    """A reason on one line, clipped."""
    text = " ".join(printable(str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextmanager
def time_budget(seconds: float, what: str) -> Iterator[None]:
    """Raise ``InputError(what, ...)`` when the block runs longer than ``seconds``.

    A backstop against a pathological input that a library handles in super-linear time. Uses
    SIGALRM, so it only acts in the main thread of a Unix process (elsewhere it is a no-op).
    """
    if seconds <= 0 or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise _Overrun  # not an Exception: a library's broad ``except Exception`` cannot swallow it

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Overrun:
        raise InputError(what, f"took longer than {seconds:.0f} s (set aside)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Overrun(BaseException):
    """The time budget of ``time_budget`` ran out."""


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file: BOM, UTF-16, UTF-8, else the legacy rule of ``decode_undeclared``.

    Undecodable bytes become U+FFFD and the encoding says how many ("utf-8, 2 undecodable
    byte(s) replaced"); a file is never rejected for a few bad bytes.

    Raises:
        InputError: empty or binary.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked_text(*_decode_counting(data, encoding), path)
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
        return _checked_text(text, encoding, path)
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    return _checked_text(*decode_undeclared(data), path)


def decode_undeclared(data: bytes) -> tuple[str, str]:
    """The one rule for bytes whose encoding nobody declared (text files; HTML without a usable charset).

    Strict UTF-8; else UTF-8 with its few bad bytes replaced when most high bytes form valid UTF-8
    sequences; else cp1251 when the high bytes read as Cyrillic words that make up a real share
    of the letters; else, when most bytes are high (CJK and other multi-byte scripts), what
    charset-normalizer detects; else cp1252 (latin-1 when it suffices). Undecodable bytes are
    replaced, and counted in the returned encoding name.
    """
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    valid = len(_UTF8_MULTIBYTE.findall(data))
    high = len(_HIGH_BYTE.findall(data))
    if valid and valid * 2 >= high - valid:  # mostly well-formed UTF-8 with a few broken bytes
        return _decode_counting(data, "utf-8")
    as_cp1251 = data.decode("cp1251", errors="replace")
    high_chars = [c for c in as_cp1251 if ord(c) > 127]
    cyrillic = sum(1 for c in high_chars if _CYRILLIC.match(c))
    letters = sum(1 for c in as_cp1251 if c.isalpha())
    if (high_chars and cyrillic / len(high_chars) > 0.8 and cyrillic >= 0.3 * letters
            and re.search(r"[\u0400-\u04ff]{3}", as_cp1251)):
        return _decode_counting(data, "cp1251")
    if high > 0.3 * len(data):
        detected = _detected_codec(data)
        if detected:
            return _decode_counting(data, detected)
    return _decode_counting(data, "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1")


def _detected_codec(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return text_codec(best.encoding) if best is not None and best.encoding else None


def _decode_counting(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode with undecodable bytes replaced; the encoding name says how many were."""
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return text, (f"{encoding}, {replaced} undecodable byte(s) replaced" if replaced > 0 else encoding)


# Python codecs that are text encodings a web page or a saved file can be in. Others that
# codecs.lookup() knows (base64, rot13, zlib, idna, punycode, unicode_escape, utf-7) are not
# charsets: a page naming one is decoded as if it had named none.
_TEXT_CODEC = re.compile(
    r"(utf-8|utf-16(-[lb]e)?|utf-32(-[lb]e)?|cp\d+|iso8859-\d+|koi8-[a-z]|mac-[a-z]+|latin-1|ascii|"
    r"gb2312|gbk|gb18030|big5|big5hkscs|euc[-_](jp|kr|jis[-_]2004|jisx0213)|shift[-_]jis(-?2004|x0213)?|"
    r"iso2022[-_]jp(-[0-9a-z]+)?|iso2022[-_]kr|johab|hz|tis-620|kz1048|ptcp154|hp-roman8)")


def text_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label names no text encoding."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError, UnicodeError, TypeError):
        return None
    return name if _TEXT_CODEC.fullmatch(name) else None


def _checked_text(text: str, encoding: str, path: str) -> tuple[str, str]:
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(path, "empty file")
    if len(_CONTROL.findall(text[:20000])) > len(text[:20000]) // 100:
        raise InputError(path, "binary file (control characters, not text)")
    if text.count("\ufffd") > len(text) // 10:
        raise InputError(path, f"binary file (most bytes undecodable as {encoding.split(',')[0]})")
    if "replaced" in encoding:
        log.warning("%s: %s", path, encoding)
    return text, encoding


def read_manifest(path: Path) -> dict[str, ManifestRow]:
    """Manifest rows keyed by the real path of the file they describe.

    Raises:
        ConfigError: the manifest cannot be parsed (bad CSV/JSON, no ``path`` column).
    """
    where = printable(str(path))
    try:
        raw, _ = decode_bytes(path.read_bytes(), where)
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read manifest: {exc.strerror or exc}") from None
    except InputError as exc:
        raise ConfigError(f"{where}: manifest is not text: {exc.reason}") from None
    rows: list[dict[str, str]]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"{where}: manifest is not valid JSON ({one_line(exc)})") from None
        except RecursionError:
            raise ConfigError(f"{where}: manifest JSON is nested too deeply") from None
        data = data.get("documents", data) if isinstance(data, dict) else data
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data) or not all(
                isinstance(v, (str, int, float, type(None))) for r in data for v in r.values()):
            raise ConfigError(f"{where}: a JSON manifest is a list of flat objects with "
                              "path,url,outlet,published,language")
        rows = [{str(k): ("" if v is None else printable(str(v))) for k, v in r.items()} for r in data]
    else:
        try:
            reader = csv.DictReader(raw.splitlines())
            if not reader.fieldnames or "path" not in reader.fieldnames:
                raise ConfigError(f"{where}: a CSV manifest needs a header with path,url,outlet,published,language")
            rows = [{k: v if isinstance(v, str) else "" for k, v in r.items() if isinstance(k, str)} for r in reader]
        except csv.Error as exc:
            raise ConfigError(f"{where}: manifest is not valid CSV ({one_line(exc)})") from None
    out: dict[str, ManifestRow] = {}
    for n, row in enumerate(rows, start=2 if path.suffix.lower() != ".json" else 1):
        rel = (row.get("path") or "").strip()
        if not rel:
            raise ConfigError(f"{where}: row {n} has no path")
        published = (row.get("published") or "").strip() or None
        if published:
            try:
                published = dt.date.fromisoformat(published[:10]).isoformat()
            except ValueError:
                raise ConfigError(f"{where}: row {n}: published {one_line(published, 60)!r} is not an ISO date "
                                  "(YYYY-MM-DD)") from None
        try:
            target = (path.parent / rel).resolve()
        except (OSError, RuntimeError, ValueError):
            continue  # a path that cannot name a file here (NUL, a loop) describes nothing
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


def walk(paths: list[str]) -> tuple[list[tuple[str, Path]], list[Discarded], list[Discarded]]:
    """Expand the given paths into files to read, in a stable order.

    Returns (display path, real path) pairs, the inputs that cannot be walked, and the files
    inside folders passed over (unsupported types, hidden files) with why. Display paths are
    made printable (``printable``).
    """
    files: list[tuple[str, Path]] = []
    discarded: list[Discarded] = []
    skipped: list[Discarded] = []
    seen_files: set[Path] = set()
    for raw_given in paths:
        p = Path(raw_given)
        given = printable(raw_given)
        if not os.path.lexists(raw_given):
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
                if problem and problem.startswith(_HIDDEN):
                    skipped.append(Discarded(disp, problem))
                elif problem:
                    discarded.append(Discarded(disp, problem))
                elif entry is not None:
                    if _suffix(entry) not in SUPPORTED:
                        skipped.append(Discarded(disp, f"unsupported file type {_suffix(entry) or '(none)'!r}"))
                    elif entry not in seen_files:
                        seen_files.add(entry)
                        files.append((disp, entry))
        elif _suffix(real) not in SUPPORTED and _suffix(p) not in SUPPORTED:
            discarded.append(Discarded(given, f"unsupported file type {printable(p.suffix) or '(none)'!r} "
                                              f"(use {', '.join(SUPPORTED)})"))
        elif real not in seen_files:
            seen_files.add(real)
            files.append((given, real))
    return files, discarded, skipped


_HIDDEN = "hidden"


def _walk_dir(display: str, real: Path, seen_dirs: set[Path]) -> Iterator[tuple[str, Path | None, str | None]]:
    try:
        entries = sorted(os.scandir(real), key=lambda e: e.name)
    except OSError as exc:
        yield display, None, f"cannot read folder: {exc.strerror or exc}"
        return
    for entry in entries:
        disp = os.path.join(display, printable(entry.name))
        if entry.name.lower() in MANIFEST_NAMES:
            continue
        if entry.name.startswith("."):
            yield disp, None, f"{_HIDDEN} {'folder' if entry.is_dir(follow_symlinks=False) else 'file'} (not read)"
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
    files, discarded, skipped = plan(paths, manifest)
    documents: list[RawDocument] = []
    for display, real, row in files:
        docs, bad = read_guarded(display, real, row, max_bytes)
        documents.extend(docs)
        discarded.extend(bad)
    return IngestResult(documents, discarded, skipped)


def plan(paths: list[str], manifest: str | None = None) -> tuple[list[tuple[str, Path, ManifestRow | None]],
                                                                   list[Discarded], list[Discarded]]:
    """What ``ingest`` will read, before reading it: (display path, real path, manifest row) per
    file in order, the inputs already known unusable (a bad manifest, a missing path, a file the
    manifest lists that is not there), and the files passed over in folders. A distributed
    runner plans on the driver and reads each file with ``read_guarded`` where it runs."""
    meta: dict[str, ManifestRow] = {}
    manifest_problem: list[Discarded] = []
    if manifest:
        mpath = Path(manifest)
        if mpath.exists():
            try:
                meta = read_manifest(mpath)
            except ConfigError as exc:
                # the pages are still worth reading; the manifest is reported like any bad input
                log.warning("%s; reading metadata from the pages themselves", exc)
                manifest_problem.append(Discarded(printable(manifest), one_line(exc).split(": ", 1)[-1]))
        else:
            log.warning("manifest %s not found; reading metadata from the pages themselves", printable(manifest))
    files, discarded, skipped = walk(paths)
    discarded = manifest_problem + discarded
    for real_str, row in sorted(meta.items()):
        if not Path(real_str).exists():
            discarded.append(Discarded(printable(row.path), f"listed in manifest {printable(manifest or '')} but missing"))
    return [(display, real, meta.get(str(real))) for display, real in files], discarded, skipped


def read_guarded(display: str, real: Path, row: ManifestRow | None,
                 max_bytes: int) -> tuple[list[RawDocument], list[Discarded]]:
    """``read_file`` under the guard every input gets: a time budget, and any failure turned into
    a one-line Discarded reason instead of an exception (one bad file must not end the run)."""
    token = CURRENT_INPUT.set(display)
    try:
        with time_budget(_READ_SECONDS, display):
            return read_file(display, real, row, max_bytes)
    except InputError as exc:
        return [], [Discarded(printable(exc.path), one_line(exc.reason))]
    except Exception as exc:  # noqa: BLE001  one bad file must not end the run
        log.debug("reading %s failed", display, exc_info=True)
        return [], [Discarded(display, f"could not be read ({type(exc).__name__}: {one_line(exc, 200)})")]
    finally:
        CURRENT_INPUT.reset(token)


# Reading one file (decoding, HTML extraction, a WARC's pages) is linear; this is the backstop.
_READ_SECONDS = 120.0


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


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid_text(value: str) -> tuple[str, int]:
    """JSON's \\ud800 escapes can leave lone surrogates, which no UTF-8 store accepts: U+FFFD."""
    return _LONE_SURROGATE.subn("\ufffd", value)


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
    from newsprism.html import decode_html, extract_html

    raw_html, encoding = decode_html(data, http_charset)
    if "replaced" in encoding:
        log.warning("%s: %s", path, encoding)
    page = extract_html(raw_html, url=(row.url if row else None) or url, path=path)
    return _document(
        path, data, normalize_newlines(page.text), "html" + encoding.partition(",")[1] + encoding.partition(",")[2],
        row=row, raw_html=raw_html,
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
            discarded.append(Discarded(where, f"invalid JSON on line {n} ({one_line(getattr(exc, 'msg', exc), 80)})"))
            continue
        except RecursionError:
            discarded.append(Discarded(where, f"line {n} is JSON nested too deeply"))
            continue
        body = obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(body, str) or not body.strip():
            discarded.append(Discarded(where, f'line {n} has no "text"'))
            continue
        wrong = [k for k in _JSONL_FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
        if wrong:
            discarded.append(Discarded(where, f'line {n}: "{wrong[0]}" is a{_json_type(obj[wrong[0]])}, not a string'))
            continue
        fields = {k: _valid_text(obj[k])[0] if obj.get(k) else None for k in _JSONL_FIELDS}
        body, bad = _valid_text(body)
        encoding = "utf-8"
        if bad:
            encoding = f"utf-8, {bad} lone surrogate(s) replaced"
            log.warning("%s: %s", where, encoding)
        published = fields["published"] or fields["date"]
        try:
            published = dt.date.fromisoformat(published[:10]).isoformat() if published else None
        except ValueError:
            published = None
        documents.append(_document(
            where, line.encode("utf-8", "surrogatepass"), normalize_newlines(body), encoding,
            url=fields["url"], outlet=fields["outlet"], published=published,
            published_basis="metadata" if published else None, language=fields["language"],
            title=fields["title"],
        ))
    return documents, discarded


_JSONL_FIELDS = ("url", "outlet", "published", "date", "language", "title")


def _json_type(value: Any) -> str:
    return {bool: " boolean", int: " number", float: " number", list: " list", dict: "n object"}.get(type(value), " value")


def _read_warc(path: str, real: Path) -> tuple[list[RawDocument], list[Discarded]]:
    """One document per HTML response; a truncated WARC keeps the records read before the damage."""
    documents: list[RawDocument] = []
    discarded: list[Discarded] = []
    for item in iter_warc_documents(path, real):
        (documents if isinstance(item, RawDocument) else discarded).append(item)
    return documents, discarded


def iter_warc_documents(path: str, real: Path, record_seconds: float = 0.0) -> Iterator[RawDocument | Discarded]:
    """The documents of a WARC file, one per HTML response, streamed (a Common Crawl news WARC
    holds ~1 GB), a bad record as its Discarded; with ``record_seconds``, each record gets that
    time budget (a runner that reads a whole WARC in one task gives a budget per record, not per file)."""
    from newsprism.warc import iter_warc

    seen = False
    try:
        for page in iter_warc(real):
            where = f"{path}#{page.record_id}"
            seen = True
            item: RawDocument | Discarded
            try:
                with time_budget(record_seconds, where):
                    item = _html_document(where, page.html, page.http_charset, None, url=page.url)
            except InputError as exc:
                item = Discarded(printable(exc.path), one_line(exc.reason))
            except Exception as exc:  # noqa: BLE001  one bad record must not lose the others
                item = Discarded(printable(where), f"could not be read ({type(exc).__name__}: {one_line(exc, 200)})")
            yield item  # outside the budget: the reader's time is not the record's
    except InputError as exc:
        seen = True
        yield Discarded(path, one_line(exc.reason))
    if not seen:
        yield Discarded(path, "no HTML pages in this WARC")
