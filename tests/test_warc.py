"""newsprism.warc: HTML pages out of WARC files built here with warcio's WARCWriter."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.errors import InputError
from newsprism.html import decode_html_bytes, extract_html
from newsprism.warc import WarcPage, iter_warc

ARTICLE = (
    "<!DOCTYPE html><html lang='uk'><head><title>{title}</title></head><body><article>"
    + "<p>{text} Рятувальники кілька годин гасили пожежу, що перекинулася на сусідні будинки.</p>" * 4
    + "</article></body></html>"
)


def _html(n: int) -> bytes:
    return ARTICLE.format(title=f"Page {n}", text=f"Сторінка {n}: обстріл Харкова.").encode("utf-8")


def _response(writer, url, body, content_type="text/html; charset=utf-8", status="200 OK", extra=()):
    headers = [("Content-Type", content_type)] if content_type else []
    headers += list(extra)
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def _write(path: Path, records_fn, gz: bool) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for record in records_fn(writer):
            writer.write_record(record)
    return path


def _mixed(writer):
    yield writer.create_warcinfo_record("test.warc", {"software": "newsprism-tests"})
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    yield writer.create_warc_record("https://news.example.org/a", "request", payload=io.BytesIO(b""), http_headers=request)
    yield _response(writer, "https://news.example.org/a", _html(1))
    yield _response(writer, "https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    yield _response(writer, "https://news.example.org/api", b'{"a": 1}', content_type="application/json")
    yield _response(writer, "https://news.example.org/missing", _html(9), status="404 Not Found")
    yield writer.create_warc_record(
        "https://news.example.org/a", "metadata", payload=io.BytesIO(b"outlinks: none\n"), warc_content_type="text/plain"
    )
    yield _response(
        writer,
        "https://news.example.org/b",
        _html(2).decode("utf-8").encode("cp1251"),
        content_type='text/html; charset="windows-1251"',
    )
    yield _response(writer, "https://news.example.org/c", _html(3), content_type="application/xhtml+xml")
    yield _response(writer, "https://news.example.org/d", _html(4), content_type=None)  # sniffed


def _two_pages(writer):
    yield _response(writer, "https://news.example.org/1", _html(1))
    yield _response(writer, "https://news.example.org/2", _html(2) * 20)


def _offsets(path: Path) -> list[tuple[int, int]]:
    with path.open("rb") as fh:
        archive = ArchiveIterator(fh)
        return [(archive.get_record_offset(), archive.get_record_length()) for _ in archive]


def _suffix(gz: bool) -> str:
    return ".warc.gz" if gz else ".warc"


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_html_responses_yielded_others_skipped(tmp_path, gz):
    path = _write(tmp_path / f"mixed{_suffix(gz)}", _mixed, gz)
    pages = list(iter_warc(path))
    assert [p.url for p in pages] == [
        "https://news.example.org/a",
        "https://news.example.org/b",
        "https://news.example.org/c",
        "https://news.example.org/d",
    ]
    first = pages[0]
    assert isinstance(first, WarcPage)
    assert first.html == _html(1)
    assert first.http_charset == "utf-8"
    assert first.record_id.startswith("<urn:uuid:") and first.record_id.endswith(">")
    assert first.date and first.date[:4].isdigit() and "T" in first.date
    assert len({p.record_id for p in pages}) == 4
    assert pages[1].http_charset == "windows-1251"
    assert pages[2].http_charset is None and pages[3].http_charset is None


def test_page_decodes_and_extracts(tmp_path):
    path = _write(tmp_path / "mixed.warc.gz", _mixed, True)
    page = [p for p in iter_warc(path) if p.url.endswith("/b")][0]
    html = decode_html_bytes(page.html, page.http_charset)
    extracted = extract_html(html, url=page.url, path=f"{path}#{page.record_id}")
    assert "Сторінка 2: обстріл Харкова." in extracted.text
    assert extracted.language == "uk"


def test_chunked_and_gzip_encoded_body_is_decoded(tmp_path):
    body = _html(5)
    encoded = gzip.compress(body)
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(encoded[i : i + 100]), encoded[i : i + 100]) for i in range(0, len(encoded), 100)
    ) + b"0\r\n\r\n"

    def records(writer):
        yield _response(
            writer,
            "https://news.example.org/z",
            chunked,
            extra=[("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
        )

    path = _write(tmp_path / "chunked.warc.gz", records, True)
    (page,) = list(iter_warc(path))
    assert page.html == body


def test_whole_file_gzip_is_read(tmp_path):
    plain = _write(tmp_path / "two.warc", _two_pages, False)
    whole = tmp_path / "two.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert [p.url for p in iter_warc(whole)] == [p.url for p in iter_warc(plain)] == [
        "https://news.example.org/1",
        "https://news.example.org/2",
    ]


def _consume(path: Path) -> tuple[list[WarcPage], InputError | None]:
    pages: list[WarcPage] = []
    try:
        for page in iter_warc(path):
            pages.append(page)
    except InputError as err:
        return pages, err
    return pages, None


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_in_second_record(tmp_path, gz, fraction):
    path = _write(tmp_path / f"two{_suffix(gz)}", _two_pages, gz)
    (_, _), (second_start, second_length) = _offsets(path)
    data = path.read_bytes()
    cut = tmp_path / f"cut{_suffix(gz)}"
    cut.write_bytes(data[: second_start + int(second_length * fraction)])

    pages, err = _consume(cut)
    assert [p.url for p in pages] == ["https://news.example.org/1"]
    assert pages[0].html == _html(1)
    assert err is not None
    assert err.path == str(cut)
    assert err.reason.startswith("truncated WARC after 1 complete record")
    assert "\n" not in str(err)


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_cut_at_record_boundary_is_a_shorter_warc(tmp_path, gz):
    path = _write(tmp_path / f"two{_suffix(gz)}", _two_pages, gz)
    (_, _), (second_start, _) = _offsets(path)
    cut = tmp_path / f"cut{_suffix(gz)}"
    cut.write_bytes(path.read_bytes()[:second_start])
    assert [p.url for p in iter_warc(cut)] == ["https://news.example.org/1"]


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_corrupt_second_record(tmp_path, gz):
    path = _write(tmp_path / f"two{_suffix(gz)}", _two_pages, gz)
    (_, _), (second_start, second_length) = _offsets(path)
    data = bytearray(path.read_bytes())
    data[second_start + second_length // 2] ^= 0xFF  # gzip: bad data or CRC; plain: digest mismatch
    bad = tmp_path / f"bad{_suffix(gz)}"
    bad.write_bytes(bytes(data))

    pages, err = _consume(bad)
    assert [p.url for p in pages] == ["https://news.example.org/1"]
    assert err is not None and err.reason.startswith("corrupt WARC after 1 complete record")


def test_trailing_garbage_after_last_record(tmp_path):
    path = _write(tmp_path / "two.warc", _two_pages, False)
    path.write_bytes(path.read_bytes() + b"this is not a record\r\n")
    pages, err = _consume(path)
    assert len(pages) == 2
    assert err is not None and err.reason.startswith("corrupt WARC after 2 complete records")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"<html><body><p>just a page</p></body></html>\n", id="html-file"),
        pytest.param(b"hello world\nnot a warc\n", id="text"),
        pytest.param(gzip.compress(b"hello world\nnot a warc\n"), id="gzipped-text"),
        pytest.param(b"\x1f\x8b" + bytes(64), id="broken-gzip"),
        pytest.param(zlib.compress(b"WARC/1.0\r\n"), id="zlib-not-gzip"),
        pytest.param(bytes(range(256)) * 4, id="binary"),
        pytest.param(b"", id="empty"),
    ],
)
def test_not_a_warc(tmp_path, content):
    path = tmp_path / "input.warc.gz"
    path.write_bytes(content)
    pages, err = _consume(path)
    assert pages == []
    assert err is not None and err.path == str(path)
    assert "WARC" in err.reason and "\n" not in str(err)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot open WARC file"):
        list(iter_warc(tmp_path / "nope.warc"))


def test_str_path_accepted(tmp_path):
    path = _write(tmp_path / "two.warc.gz", _two_pages, True)
    assert len(list(iter_warc(str(path)))) == 2  # type: ignore[arg-type]
