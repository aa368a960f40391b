"""Ingest: encodings, formats, manifests, and every kind of bad input (one line each, others kept)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsprism.errors import ConfigError, InputError
from newsprism.ingest import decode_bytes, ingest, read_manifest

TEXT = "Fighting resumed near the city on Monday, officials said.\nAt least 12 people were killed.\n"


@pytest.mark.parametrize("data,encoding,expected", [
    (TEXT.encode("utf-8"), "utf-8", TEXT),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig", TEXT),
    (TEXT.encode("utf-16"), "utf-16", TEXT),
    (TEXT.encode("utf-16-le"), "utf-16-le", TEXT),
    ("Бои возобновились в понедельник, сообщили власти города.\n".encode("cp1251"), "cp1251",
     "Бои возобновились в понедельник, сообщили власти города.\n"),
    ("Les combats ont repris près de la ville, a déclaré le ministère.\n".encode("latin-1"), "latin-1",
     "Les combats ont repris près de la ville, a déclaré le ministère.\n"),
    (b"Line one\r\nLine two\rLine three", "utf-8", "Line one\nLine two\nLine three"),
])
def test_ingest_decodes_encodings(data, encoding, expected):
    assert decode_bytes(data, "x.txt") == (expected, encoding)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n  ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
])
def test_ingest_rejects_bad_bytes(data, reason):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "bad.txt")
    assert exc.value.path == "bad.txt"
    assert reason in exc.value.reason
    assert "\n" not in str(exc.value)


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_ingest_bad_inputs_each_named_others_kept(tmp_path):
    good = _write(tmp_path, "in/good.txt", TEXT)
    _write(tmp_path, "in/empty.txt", b"")
    _write(tmp_path, "in/binary.txt", b"\x00\x01\x02\x03" * 100)
    _write(tmp_path, "in/badutf8.txt", "Le ministère a déclaré ".encode() + b"\xc3\x28 fin \xe9t\xc3\xa9")
    _write(tmp_path, "in/broken.html", "<html><body><div><p>unclosed <b>")
    _write(tmp_path, "in/big.txt", b"word " * 300_000)  # 1.5 MB against a 1 MB limit below
    os.symlink(tmp_path / "in" / "nowhere.txt", tmp_path / "in" / "dangling.txt")
    os.symlink(tmp_path / "in", tmp_path / "in" / "loop")
    result = ingest([str(tmp_path / "in"), str(tmp_path / "missing.txt")], max_bytes=1_000_000)
    reasons = {Path(d.path).name: d.reason for d in result.discarded}
    assert [d.path for d in result.documents] == [str(tmp_path / "in" / n) for n in ("badutf8.txt", "good.txt")]
    assert result.documents[0].encoding == "utf-8, 2 undecodable byte(s) replaced"
    assert result.documents[1].text == good.read_text()
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert "badutf8.txt" not in reasons  # a few bad bytes are replaced (and flagged), not the file rejected
    assert reasons["broken.html"]
    assert reasons["big.txt"].startswith("too large")
    assert reasons["dangling.txt"].startswith("broken symlink")
    assert "symlink loop" in reasons["loop"]
    assert reasons["missing.txt"] == "no such file or directory"
    assert all("\n" not in d.reason for d in result.discarded)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingest_unreadable_file(tmp_path):
    p = _write(tmp_path, "secret.txt", TEXT)
    p.chmod(0)
    result = ingest([str(p)])
    assert result.discarded[0].reason.startswith("cannot read")


def test_ingest_fifty_megabyte_text_is_refused_with_a_reason(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    result = ingest([str(p)])
    assert result.documents == []
    assert result.discarded[0].reason.startswith("too large (52 MB")


def test_ingest_jsonl_one_document_per_line_bad_lines_reported(tmp_path):
    lines = [
        json.dumps({"text": TEXT, "title": "Clashes", "url": "https://example.org/2024/02/03/x", "outlet": "Wire"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second story text about talks.", "published": "2024-02-05"}),
    ]
    p = _write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    result = ingest([str(p)])
    assert [(d.path.rsplit("#", 1)[1], d.outlet, d.published, d.published_basis) for d in result.documents] == [
        ("L1", "Wire", "2024-02-03", "url"), ("L4", None, "2024-02-05", "metadata")]
    assert {d.path.rsplit("#", 1)[1]: d.reason.split(" (")[0] for d in result.discarded} == {
        "L2": "invalid JSON on line 2", "L3": 'line 3 has no "text"'}


def test_ingest_manifest_fills_metadata_and_reports_missing_rows(tmp_path):
    _write(tmp_path, "pages/a.txt", TEXT)
    m = _write(tmp_path, "pages/manifest.csv",
               "path,url,outlet,published,language\na.txt,https://x.org/a,Wire,2024-02-03,en\ngone.txt,,,,\n")
    result = ingest([str(tmp_path / "pages")], manifest=str(m))
    doc = result.documents[0]
    assert (doc.outlet, doc.outlet_basis, doc.published, doc.published_basis, doc.language, doc.url) == (
        "Wire", "manifest", "2024-02-03", "manifest", "en", "https://x.org/a")
    assert [(Path(d.path).name, d.reason.split(" ")[0]) for d in result.discarded] == [("gone.txt", "listed")]


def test_ingest_json_manifest(tmp_path):
    _write(tmp_path, "a.txt", TEXT)
    m = _write(tmp_path, "manifest.json", json.dumps([{"path": "a.txt", "outlet": "Agency", "published": None}]))
    assert read_manifest(m)[str((tmp_path / "a.txt").resolve())].outlet == "Agency"


@pytest.mark.parametrize("content,message", [
    ("path,outlet\na.txt,X\n", None),
    ("url,outlet\nx,y\n", "needs a header"),
    ("path,published\na.txt,yesterday\n", "not an ISO date"),
])
def test_ingest_manifest_errors_are_one_line(tmp_path, content, message):
    m = _write(tmp_path, "manifest.csv", content)
    if message is None:
        assert read_manifest(m)
        return
    with pytest.raises(ConfigError) as exc:
        read_manifest(m)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_ingest_missing_manifest_is_a_warning_not_a_failure(tmp_path, caplog):
    _write(tmp_path, "a.txt", TEXT)
    result = ingest([str(tmp_path)], manifest=str(tmp_path / "nope.csv"))
    assert len(result.documents) == 1 and not result.discarded
    assert "not found" in caplog.text


def test_ingest_html_keeps_raw_html_and_metadata(tmp_path):
    html = ("<html><head><title>Clashes near the border</title><meta property='og:site_name' content='Example News'>"
            "<meta name='date' content='2024-02-03'></head><body><article><h1>Clashes near the border</h1>"
            + "".join(f"<p>Paragraph {i}: fighting between the army and rebels continued for a day, officials said.</p>" for i in range(6))
            + "</article><div class='comments'>Leave a Reply</div></body></html>")
    p = _write(tmp_path, "page.html", html)
    doc = ingest([str(p)]).documents[0]
    assert doc.raw_html == html
    assert doc.title == "Clashes near the border"
    assert "Paragraph 3: fighting" in doc.text
    assert "Leave a Reply" not in doc.text
    assert doc.published == "2024-02-03"


def test_ingest_warc_gz_pages_and_truncation(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("<html><head><title>T{n}</title></head><body><article>"
            + "<p>Paragraph about the ceasefire talks that went on for hours between the delegations.</p>" * 5
            + "</article></body></html>")
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        rec = writer.create_warc_record(f"https://news.example/2024/02/0{n + 1}/story", "response",
                                        payload=BytesIO(body.format(n=n).encode()), http_headers=headers)
        writer.write_record(rec)
    full = _write(tmp_path, "crawl.warc.gz", buf.getvalue())
    result = ingest([str(full)])
    assert len(result.documents) == 3 and not result.discarded
    assert result.documents[0].published == "2024-02-01"
    # cut in the middle of the second of three similar-sized records (not on a record boundary)
    cut = _write(tmp_path, "cut.warc.gz", buf.getvalue()[: len(buf.getvalue()) // 2])
    result = ingest([str(cut)])
    assert 1 <= len(result.documents) < 3
    assert len(result.discarded) == 1 and result.discarded[0].path == str(cut)


def test_ingest_gzip_text_is_not_a_supported_type(tmp_path):
    p = _write(tmp_path, "notes.txt.gz", gzip.compress(TEXT.encode()))
    result = ingest([str(p)])
    assert result.discarded[0].reason.startswith("unsupported file type")
