"""Hardening (issue 12): no input ends a run. One regression test per crash or hang class, the
decoding rule, exit codes, and the bar: a folder of every hostile class plus two good pages."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.errors import ConfigError, InputError
from newsprism.ingest import CURRENT_INPUT, InputNameFilter, decode_bytes, ingest, printable, read_manifest

sys.path.insert(0, str(Path(__file__).parent))
from hostile import GOOD_HTML, GOOD_TXT, nested_json, write_hostile  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _one(tmp_path: Path, name: str, data: bytes | str):
    _write(tmp_path, name, data)
    return ingest([str(tmp_path / name)])


# -- 1. deep nesting ------------------------------------------------------------------------------
def test_deeply_nested_jsonl_line_is_discarded_and_the_next_line_read(tmp_path):
    line2 = json.dumps({"text": "Militia fighters shelled the ferry port at dawn, the navy said."})
    r = _one(tmp_path, "n.jsonl", nested_json() + "\n" + line2 + "\n")
    assert [d.reason for d in r.discarded] == ["line 1 is JSON nested too deeply"]
    assert len(r.documents) == 1 and r.documents[0].path.endswith("#L2")


def test_deeply_nested_json_manifest_is_one_line_and_the_pages_still_read(tmp_path):
    m = _write(tmp_path, "manifest.json", nested_json())
    with pytest.raises(ConfigError, match="nested too deeply") as exc:
        read_manifest(m)
    assert "\n" not in str(exc.value)
    _write(tmp_path, "in/a.txt", GOOD_TXT)
    r = ingest([str(tmp_path / "in")], manifest=str(m))
    assert len(r.documents) == 1
    assert [(Path(d.path).name, d.reason) for d in r.discarded] == [("manifest.json", "manifest JSON is nested too deeply")]


# -- 2. cp1252 undefined bytes, and the decoding rule --------------------------------------------
def test_byte_undefined_in_cp1252_is_replaced_and_flagged():
    text, encoding = decode_bytes(b"The mayor said \x93the shelling stopped\x94 at noon \x81 today.", "x.txt")
    assert "\u201cthe shelling stopped\u201d" in text and "\ufffd" in text
    assert encoding == "cp1252, 1 undecodable byte(s) replaced"


def test_utf8_with_one_bad_byte_is_kept_not_rejected():
    text, encoding = decode_bytes("Le ministère a déclaré que douze soldats ont été blessés ".encode() + b"\xff", "x.txt")
    assert text.startswith("Le ministère a déclaré") and text.endswith("\ufffd")
    assert encoding == "utf-8, 1 undecodable byte(s) replaced"


def test_ascii_with_a_few_bad_bytes_is_not_read_as_cyrillic():
    text, encoding = decode_bytes(b"Officials said twelve people were killed in the market \xe9\xf0\xfa on Monday.",
                                  "x.txt")
    assert not encoding.startswith("cp1251")
    assert not any("\u0400" <= c <= "\u04ff" for c in text)
    # while real Cyrillic in cp1251 still is
    ru = "Колонна техники прошла через мост у села ночью, сообщил губернатор.".encode("cp1251")
    assert decode_bytes(ru, "x.txt") == (ru.decode("cp1251"), "cp1251")


def test_mostly_undecodable_bytes_are_binary_not_text():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(0x80, 0x100)) * 50 + b"\x81\x8d" * 400, "x.txt")


# -- 3. charsets that are not text encodings ------------------------------------------------------
@pytest.mark.parametrize("charset", ["base64", "rot13", "idna", "punycode", "zlib", "unicode_escape", "utf-7"])
def test_declared_non_text_charset_is_ignored(tmp_path, charset):
    html = GOOD_HTML.replace("charset='utf-8'", f"charset='{charset}'").replace("hospital", "hospitál")
    r = _one(tmp_path, "p.html", html)
    assert not r.discarded and "hospitál" in r.documents[0].text


# -- 4. lone surrogates, non-UTF-8 and unprintable file names -------------------------------------
def test_lone_surrogate_in_jsonl_is_replaced(tmp_path):
    r = _one(tmp_path, "s.jsonl", json.dumps({"text": "Two soldiers were killed \ud800 near the crossing.",
                                              "title": "Crossing \udc00 attack"}) + "\n")
    (doc,) = r.documents
    assert "\ufffd" in doc.text and "\ud800" not in doc.text and "\udc00" not in (doc.title or "")
    assert "surrogate" in doc.encoding


def test_non_utf8_file_name_is_read_and_named_printably(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"bad_\xff.txt"), "wb") as fh:
        fh.write(GOOD_TXT.encode())
    r = ingest([str(tmp_path)])
    (doc,) = r.documents
    assert doc.path.endswith("bad_\\xff.txt")
    doc.path.encode("utf-8")  # storable


def test_newline_in_a_file_name_keeps_the_discard_line_whole(tmp_path):
    r = _one(tmp_path, "two\nlines.txt", b"")
    (bad,) = r.discarded
    assert "\n" not in bad.path and bad.path.endswith("two\\nlines.txt") and bad.reason == "empty file"


def test_printable():
    assert printable("a\nb\tc\x00") == "a\\nb\\tc\\x00"
    assert printable(os.fsdecode(b"x\xfey")) == "x\\xfey"
    assert printable("Київ/zürich.txt") == "Київ/zürich.txt"


# -- 5. wrong-typed JSONL fields ------------------------------------------------------------------
@pytest.mark.parametrize("field,value,kind", [("title", 5, "number"), ("url", ["x"], "list"),
                                              ("published", {"y": 1}, "object"), ("outlet", True, "boolean")])
def test_wrong_typed_jsonl_field_discards_its_line_only(tmp_path, field, value, kind):
    good = {"text": "The army said it repelled an attack on the airfield at Sarn."}
    r = _one(tmp_path, "w.jsonl", json.dumps({**good, field: value}) + "\n" + json.dumps(good) + "\n")
    assert len(r.documents) == 1
    (bad,) = r.discarded
    assert bad.path.endswith("#L1") and f'"{field}" is a' in bad.reason and kind in bad.reason


# -- 6. an SVG saved as .html ---------------------------------------------------------------------
def test_svg_saved_as_html_does_not_crash(tmp_path):
    svg = ("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script>"
           "<text x='1' y='1'>Shelling killed twelve people in the town on Monday, officials said.</text></svg>")
    r = _one(tmp_path, "d.html", svg)
    assert len(r.documents) + len(r.discarded) == 1
    assert all("\n" not in d.reason for d in r.discarded)


# -- 7. a text over the model's limit -------------------------------------------------------------
def test_text_over_the_model_limit_is_set_aside_with_its_reason(nlp):
    from newsprism.pipeline import analyze_document
    from newsprism.records import RawDocument

    text = "The convoy was stopped at the checkpoint. " * (nlp.max_length // 40 + 10)
    doc = RawDocument(doc_id="doc_x", path="long.txt", sha256="0", text=text, raw_html=None, url=None, outlet=None,
                      outlet_basis=None, published=None, published_basis=None, language="en", title=None,
                      encoding="utf-8")
    with pytest.raises(InputError, match="over the NLP model's limit"):
        analyze_document(nlp, doc)


# -- 8. UTF-16 and binary manifests ---------------------------------------------------------------
def test_utf16_manifest_is_read(tmp_path):
    _write(tmp_path, "a.txt", GOOD_TXT)
    m = _write(tmp_path, "manifest.csv", "path,outlet\na.txt,Example Wire\n".encode("utf-16"))
    assert read_manifest(m)[str((tmp_path / "a.txt").resolve())].outlet == "Example Wire"


def test_binary_manifest_is_one_line(tmp_path):
    m = _write(tmp_path, "manifest.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ConfigError, match="not text") as exc:
        read_manifest(m)
    assert "\n" not in str(exc.value)


# -- hangs ----------------------------------------------------------------------------------------
def _growth(run, small: int, large: int) -> float:
    """How much longer ``run(large)`` takes than ``run(small)``, best of two in one process: a
    ratio, so a loaded box slows both alike (linear work gives large/small, quadratic its square)."""
    def best(n):
        times = []
        for _ in range(2):
            t = time.process_time()
            run(n)
            times.append(time.process_time() - t)
        return min(times)
    return best(large) / max(best(small), 1e-3)


def test_clean_is_linear_in_distinct_lines():
    from newsprism.clean import clean
    from newsprism.records import RawDocument

    def run(n):
        text = "\n".join(f"Checkpoint {i} reported {i * 3} vehicles passing towards the eastern bridge at noon."
                         for i in range(n))
        doc = RawDocument(doc_id="doc_x", path="x.txt", sha256="0", text=text, raw_html=None, url=None, outlet=None,
                          outlet_basis=None, published=None, published_basis=None, language="en", title=None,
                          encoding="utf-8")
        (article,) = clean(doc)
        assert article.article.end == len(text)

    assert _growth(run, 1500, 6000) < 8  # 4x the lines: ~4x the work (it was 16x: quadratic)


def test_duplicate_paragraphs_still_found_after_the_index():
    from newsprism.clean import find_boilerplate

    para = "The commander said the brigade had withdrawn from the hills above the valley after three days."
    reworded = "The commander said the brigade had withdrawn from the hills above the valley after four days."
    text = "\n".join([para, "Another line about the weather in the port city today.", reworded, para])
    kinds = [(b.text, b.kind) for b in find_boilerplate("d", text, 0, len(text))]
    assert kinds == [(reworded, "duplicate_paragraph"), (para, "duplicate_paragraph")]


def test_page_of_100000_paragraphs_is_bounded(tmp_path):
    from newsprism.html import extract_html

    def run(n):
        html = "<html><body>" + "".join(f"<p>Paragraph {i} of the report.</p>" for i in range(n)) + "</body></html>"
        page = extract_html(html)
        assert page.text.startswith("Paragraph 0 of the report.\nParagraph 1 of")

    assert _growth(run, 25_000, 100_000) < 8  # trafilatura's own path grew quadratically (100 s)


# -- logs, exit codes -----------------------------------------------------------------------------
def test_third_party_log_lines_name_the_input():
    record = logging.LogRecord("trafilatura.core", logging.WARNING, "x", 1, "discarding %s", ("x",), None)
    token = CURRENT_INPUT.set("in/page.html")
    try:
        InputNameFilter().filter(record)
    finally:
        CURRENT_INPUT.reset(token)
    assert record.getMessage() == "in/page.html: [trafilatura.core] discarding x"


def test_exit_codes(tmp_path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli, ["analyze"]).exit_code == 2  # usage
    bad = tmp_path / "s.toml"
    bad.write_text("[nope]\n")
    res = runner.invoke(cli, ["analyze", str(tmp_path), "--config", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert res.exit_code == 2 and res.output.count("\n") == 1

    import newsprism.pipeline

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(newsprism.pipeline, "analyze", broken)
    res = runner.invoke(cli, ["analyze", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert res.exit_code == 3 and "internal error" in res.output and "Traceback" not in res.output


def test_hidden_and_unsupported_files_are_listed(tmp_path):
    _write(tmp_path, "a.txt", GOOD_TXT)
    _write(tmp_path, ".b.txt", GOOD_TXT)
    _write(tmp_path, ".git/config", "x")
    _write(tmp_path, "c.pdf", "x")
    r = ingest([str(tmp_path)])
    assert sorted((Path(d.path).name, d.reason) for d in r.skipped) == [
        (".b.txt", "hidden file (not read)"), (".git", "hidden folder (not read)"),
        ("c.pdf", "unsupported file type '.pdf'")]


# -- the bar --------------------------------------------------------------------------------------
def test_bar_every_hostile_class_in_one_folder(tmp_path):
    """analyze exits 1 within 5 minutes, no traceback, both good pages analyzed, every bad file
    in discarded with one line."""
    expected = write_hostile(tmp_path / "in")
    db = tmp_path / "bar.duckdb"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsprism", "analyze", str(tmp_path / "in"), "--db", str(db),
                           "--manifest", str(tmp_path / "nested_manifest.json"), "--no-progress"],
                          capture_output=True, text=True, env=env, timeout=600)
    seconds = time.perf_counter() - t
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert seconds < 300
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout

    from newsprism.store import Store

    with Store(str(db), read_only=True) as store:
        stored = {Path(d.path.split("#")[0]).name for d in store.documents()}
        discarded = {Path(d.path.split("#")[0]).name: d.reason for d in store.discarded()}
    assert {"good_page.txt", "good_page.html"} <= stored
    for name, outcome in expected.items():
        shown = printable(name)
        if outcome == "analyzed":
            assert shown in stored, name
        elif outcome == "discarded":
            assert shown in discarded and shown not in stored, name
        elif outcome == "either":
            assert (shown in stored) != (shown in discarded), name
        else:  # skipped: listed in the summary
            assert f"{shown}: " in proc.stdout, name
    assert "nested_manifest.json" in discarded
    lines = proc.stdout.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("discarded:"))
    n = int(lines[start].split()[1])
    assert n >= 8 and all(ln.startswith("  /") for ln in lines[start + 1:start + 1 + n])


# -- server: bearer only, streamed uploads --------------------------------------------------------
def test_bearer_scheme_is_required():
    from newsprism.serve.api import bearer_token

    assert bearer_token("Bearer s3cret") == "s3cret" and bearer_token("bearer  s3cret ") == "s3cret"
    for bad in ("s3cret", "Basic s3cret", "Bearer", "Bearer ", "Token s3cret", "Bearer a b", None, ""):
        assert bearer_token(bad) is None, bad


def _empty_store(path: Path) -> None:
    from newsprism.store import Store

    with Store(str(path)):
        pass


def test_bare_token_is_refused(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.serve import create_app

    db = tmp_path / "s.duckdb"
    _empty_store(db)
    client = TestClient(create_app(str(db), ingest_token="s3cret"))
    r = client.post("/-/ingest?filename=a.txt", content=GOOD_TXT.encode(), headers={"authorization": "s3cret"})
    assert r.status_code == 401
    big = client.post("/-/ingest?filename=a.txt", content=b"x" * 10,
                      headers={"authorization": "Bearer s3cret", "content-length": str(10**9)})
    assert big.status_code in (400, 413)


def _vm(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(key)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read the server's memory")
def test_one_gigabyte_upload_is_refused_while_streaming(tmp_path):
    """A 1 GB authorised upload (chunked, no length given) gets 413 while the server's peak memory
    grows by less than 50 MB: the body goes to disk and reading stops at the limit."""
    import select
    import socket

    db = tmp_path / "s.duckdb"
    _empty_store(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--port", str(port),
                               "--ingest-token", "s3cret"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "server did not start"
                time.sleep(0.3)
        before, rss_before = _vm(server.pid, "VmHWM"), _vm(server.pid, "VmRSS")
        rss_peak = rss_before
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /-/ingest?filename=big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Authorization: Bearer s3cret\r\nTransfer-Encoding: chunked\r\n\r\n")
        piece = b"Shelling resumed near the port, officials said. " * 21000  # ~1 MB
        chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        sent, reply = 0, b""
        sock.setblocking(False)
        pending = memoryview(chunk)
        while sent < 10**9 and b"\r\n\r\n" not in reply:
            rss_peak = max(rss_peak, _vm(server.pid, "VmRSS"))
            readable, writable, _ = select.select([sock], [sock], [], 30)
            if readable:
                data = sock.recv(65536)
                if not data:
                    break
                reply += data
                continue
            if writable:
                try:
                    n = sock.send(pending)
                except (BrokenPipeError, ConnectionResetError):
                    break
                sent += n
                pending = pending[n:] if n < len(pending) else memoryview(chunk)
        sock.setblocking(True)
        sock.settimeout(30)
        while b"\r\n\r\n" not in reply:
            data = sock.recv(65536)
            if not data:
                break
            reply += data
        sock.close()
        grown = _vm(server.pid, "VmHWM") - before
        print(f"upload: {sent / 1e6:.0f} MB sent before the 413, server peak memory +{grown / 1e6:.1f} MB, "
              f"resident memory at most +{(rss_peak - rss_before) / 1e6:.1f} MB")
        assert rss_peak - rss_before < 50 * 1024 * 1024
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        assert sent < 200_000_000  # refused while reading, not after taking the whole body
        assert grown < 50 * 1024 * 1024, f"server peak memory grew by {grown / 1e6:.0f} MB"
        assert not [p for p in (tmp_path / "s-uploads").glob("*") if p.name.endswith(".part")]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_time_budget_stops_a_runaway_step_even_through_broad_excepts():
    from newsprism.ingest import time_budget

    t = time.perf_counter()
    with pytest.raises(InputError, match="took longer than 1 s"):
        with time_budget(1, "slow.html"):
            while True:
                try:
                    sum(range(10_000))
                except Exception:  # noqa: BLE001  what a library might do
                    pass
    assert time.perf_counter() - t < 10
