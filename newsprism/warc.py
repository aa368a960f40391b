"""WARC reader: the HTML pages of the HTTP responses stored in a .warc or .warc.gz file.

``iter_warc(path)`` yields one ``WarcPage`` per complete HTTP response record (status 2xx)
whose Content-Type is HTML (or, when the server sent none, whose body looks like HTML);
request, metadata, warcinfo, revisit, resource and non-HTML records are skipped. The body
is de-chunked and content-decoded (gzip/deflate/br) but not charset-decoded: pass
``html`` and ``http_charset`` to ``newsprism.html.decode_html_bytes``.

Damage stops the file: the pages of the records read before it are yielded, then
``InputError(path, "truncated WARC after N complete records")`` (or "corrupt WARC after …")
is raised. A file that is not a WARC at all raises ``InputError`` before yielding anything.

Gzip is decompressed here (zlib, member by member) rather than by warcio, because warcio
ends iteration silently on a truncated or corrupt gzip member. A record is yielded only
after its gzip member passed its CRC check (plain WARCs: after its WARC digests, when
present, matched). Per-record and whole-file gzip are both read.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newsprism.errors import InputError

__all__ = ["WarcPage", "iter_warc"]


@dataclass(frozen=True)
class WarcPage:
    """One HTML page captured in a WARC response record."""

    record_id: str  # WARC-Record-ID as written, e.g. "<urn:uuid:…>"
    url: str | None  # WARC-Target-URI
    date: str | None  # WARC-Date (ISO 8601, as written)
    html: bytes  # HTTP body, de-chunked and content-decoded, not charset-decoded
    http_charset: str | None  # charset parameter of the HTTP Content-Type, if any


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
_BLOCK = 1 << 16


class _Damaged(Exception):
    """Damage found in the file. Raised through warcio's reads, so deliberately not an
    EOFError: warcio takes an EOFError while parsing a header for the clean end of the file."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind  # "truncated" or "corrupt"
        self.detail = detail


class _CheckedGzip:
    """A decompressed, read-only view of a (multi-member) gzip file that raises ``_Damaged``.

    Members are decompressed lazily, one piece at a time, so the data of a whole member is
    handed out before a damaged next member is touched. ``verify_through(offset)`` reads
    ahead until the member holding uncompressed byte ``offset`` has passed zlib's CRC-32 and
    length check, so a record is only yielded once its own member is known to be intact.
    """

    _CHUNK = 1 << 16  # compressed bytes per read
    _OUT_LIMIT = 1 << 20  # decompressed bytes per step (bounds gzip-bomb expansion)
    _MAX_LOOKAHEAD = 1 << 24  # give up verifying (whole-file gzip) beyond 16 MiB read ahead

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._pending = b""  # compressed bytes read but not yet consumed
        self._out = bytearray()  # decompressed bytes not yet handed out
        self._pos = 0  # decompressed bytes handed out
        self._produced = 0  # decompressed bytes produced
        self._verified = 0  # ``_produced`` at the end of the last member that passed its checks
        self._member = None  # decompressor of the current member; None between members
        self._members = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if size is None or size < 0:
            while self._step():
                pass
            size = len(self._out)
        while not self._out:
            if not self._step():
                return b""
        chunk = bytes(self._out[:size])
        del self._out[:size]
        self._pos += len(chunk)
        return chunk

    def tell(self) -> int:
        return self._pos

    def verify_through(self, offset: int) -> None:
        while self._verified < offset and len(self._out) <= self._MAX_LOOKAHEAD:
            if not self._step():
                return

    def _step(self) -> bool:
        """Decompress one more piece into ``_out``; False at the clean end of the file."""
        if self._member is None:
            if not self._start_member():
                return False
        data = self._pending or self._fh.read(self._CHUNK)
        if not data:
            raise _Damaged("truncated", f"gzip member {self._members} ends early")
        try:
            out = self._member.decompress(data, self._OUT_LIMIT)
        except zlib.error as err:
            raise _Damaged("corrupt", f"bad gzip data in member {self._members} ({err})") from None
        self._out += out
        self._produced += len(out)
        if self._member.eof:  # trailer read: CRC-32 and length matched
            self._pending = self._member.unused_data
            self._member = None
            self._verified = self._produced
        else:
            self._pending = self._member.unconsumed_tail
        return True

    def _start_member(self) -> bool:
        while True:
            if not self._pending:
                self._pending = self._fh.read(self._CHUNK)
                if not self._pending:
                    return False
            self._pending = self._pending.lstrip(b"\0")  # zero padding between members is allowed
            if self._pending:
                break
        if len(self._pending) < 2:
            self._pending += self._fh.read(self._CHUNK)
        if not self._pending.startswith(b"\x1f\x8b"):
            detail = "data after the last gzip member is not gzip" if self._members else "not gzip data"
            raise _Damaged("corrupt", detail)
        self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._members += 1
        return True


def iter_warc(path: Path) -> Iterator[WarcPage]:
    """Yield the HTML pages of ``path`` (.warc or .warc.gz) in file order."""
    path = Path(path)
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as err:
        raise InputError(name, f"cannot open WARC file: {err.strerror or err}") from None
    with fh:
        magic = fh.read(2)
        fh.seek(0)
        if not magic:
            raise InputError(name, "empty file, not a WARC")
        stream = _CheckedGzip(fh) if magic == b"\x1f\x8b" else fh
        yield from _iter_records(name, stream)


def _iter_records(name: str, stream) -> Iterator[WarcPage]:
    complete = 0  # records read to their end and checked, of any type
    try:
        archive = ArchiveIterator(stream, arc2warc=True, check_digests=True)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (_Damaged, OSError):
                raise
            except Exception as err:  # warcio failing to parse a damaged header is damage, not our bug
                raise _Damaged("corrupt", f"{type(err).__name__}: {err}") from None
            if archive.err_count:  # warcio found no blank line after the previous record
                raise _Damaged("corrupt", "a record is not followed by a blank line (wrong Content-Length?)")
            page = _read_record(record)
            if isinstance(stream, _CheckedGzip):
                stream.verify_through(stream.tell() - archive.reader.rem_length())
            complete += 1
            if page is not None:
                yield page
    except _Damaged as err:
        raise InputError(name, _damage_reason(err.kind, complete, err.detail)) from None
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError) as err:
        raise InputError(name, _damage_reason("corrupt", complete, f"{type(err).__name__}: {err}")) from None
    except OSError as err:
        raise InputError(name, f"cannot read WARC file: {err.strerror or err}") from None
    if complete == 0:
        raise InputError(name, "not a WARC file (no records)")


def _read_record(record) -> WarcPage | None:
    """Read ``record`` to its end, check it is whole, and return its page if it is HTML."""
    rec_headers = record.rec_headers
    length = rec_headers.get_header("Content-Length")
    try:
        declared = int(length) if length is not None else -1
    except ValueError:
        declared = -1
    if declared < 0:
        raise _Damaged("corrupt", f"record {_rid(record)} has no valid Content-Length")

    wanted = _wants_body(record)
    body = record.content_stream().read() if wanted else b""
    raw = record.raw_stream
    while raw.read(_BLOCK):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _Damaged("truncated", f"record {_rid(record)} is cut short")
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        problem = "; ".join(checker.problems) or "digest mismatch"
        raise _Damaged("corrupt", f"record {_rid(record)}: {problem}")
    if not wanted:
        return None

    content_type = record.http_headers.get_header("Content-Type")
    if not content_type and not _HTML_SNIFF.match(body[:2048]):
        return None
    charset = None
    if content_type:
        match = _CHARSET.search(content_type)
        charset = match.group(1) if match else None
    return WarcPage(
        record_id=rec_headers.get_header("WARC-Record-ID") or "",
        url=rec_headers.get_header("WARC-Target-URI") or None,
        date=rec_headers.get_header("WARC-Date") or None,
        html=body,
        http_charset=charset,
    )


def _wants_body(record) -> bool:
    """A 2xx HTTP response whose Content-Type is HTML or absent (then sniffed)."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    if not (status.isdigit() and 200 <= int(status) < 300):
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").strip().lower()
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip() in _HTML_TYPES


def _damage_reason(kind: str, complete: int, detail: str) -> str:
    if complete == 0 and kind == "corrupt":
        return f"not a readable WARC file ({_clip(detail)})"
    noun = "record" if complete == 1 else "records"
    return f"{kind} WARC after {complete} complete {noun}: {_clip(detail)}"


def _rid(record) -> str:
    return record.rec_headers.get_header("WARC-Record-ID") or "?"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
