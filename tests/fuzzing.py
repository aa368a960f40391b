"""Fuzz harness (issue 12): hypothesis generators for every input kind, and one step that feeds a
generated input through ingest -> clean -> store and says whether it crashed or hung.

A *crash* is an exception escaping ingest/clean/store, or an input that the per-file guard had to
catch as an unexpected error ("could not be read (TypeError: ...)"): a guarded bug is still a bug.
A *hang* is an input that took more than ``HANG_SECONDS`` of CPU time (CPU, not wall-clock time,
so that a loaded machine does not count as a hang), or more than ``HANG_WALL_SECONDS`` of wall time.

Used by ``tests/test_fuzz.py`` (a bounded run in CI) and ``bench/fuzz.py`` (the long run).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

HANG_SECONDS = 10.0
HANG_WALL_SECONDS = 120.0

# -- building blocks ------------------------------------------------------------------------------
_WORDS = st.sampled_from("the army said shelling killed 12 people near town rebels officials drone strike "
                         "ceasefire « » “ ” — Київ Zürich 北京 ❤ \u200b \ufeff \x00 \x0c \r \t".split(" "))
_TEXT = st.one_of(st.text(max_size=60), st.lists(_WORDS, max_size=40).map(" ".join))
_CHARSETS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "cp1251", "latin-1", "koi8-r", "gb18030",
                             "shift_jis", "utf-7", "base64", "rot13", "idna", "punycode", "hex", "", "nonsense",
                             "x-user-defined", "utf-32", "ascii"])
_ENCODE_AS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "cp1251", "latin-1",
                              "gb18030", "shift_jis", "koi8-r", "utf-32"])


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="replace")


@st.composite
def raw_bytes(draw: st.DrawFn) -> bytes:
    """Bytes of every shape: random, text in some encoding with damage, BOMs, NULs."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=2000))
    data = _encode(draw(_TEXT), draw(_ENCODE_AS))
    if kind == 2 and data:  # damage: flip or insert a few bytes
        for _ in range(draw(st.integers(1, 5))):
            i = draw(st.integers(0, len(data)))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i:]
    if kind == 3:
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b""])) + data
    return data


@st.composite
def txt_bytes(draw: st.DrawFn) -> bytes:
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return draw(raw_bytes())
    lines = draw(st.lists(_TEXT, max_size=50))
    if shape == 2:  # repeated short lines (separator detection), many distinct lines
        lines = lines + [draw(st.sampled_from(["Categories", "Read more", "---"]))] * draw(st.integers(0, 5)) + lines
    return _encode("\n".join(lines), draw(_ENCODE_AS))


_TAGS = st.sampled_from(["p", "div", "span", "h1", "article", "script", "style", "table", "tr", "td", "li", "ul",
                         "svg", "math", "template", "iframe", "noscript", "a", "br", "meta", "title", "body", "head"])


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(_TAGS)
    attrs = draw(st.sampled_from(["", " class='content'", " lang='uk'", " id=x", " style='x'", " onload=alert(1)",
                                  " property='og:site_name' content='X'", " charset='%s'" % draw(_CHARSETS)]))
    children = "" if depth > 1 else "".join(draw(st.lists(_element(depth + 1), max_size=3)))
    text = draw(_TEXT)
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
    return f"<{tag}{attrs}>{text}{children}{close}"


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    shape = draw(st.integers(0, 4))
    if shape == 0:
        return draw(raw_bytes())
    head = f"<meta charset='{draw(_CHARSETS)}'>" if draw(st.booleans()) else ""
    body = "".join(draw(st.lists(_element(), max_size=4)))
    if shape == 2:  # deep nesting
        n = draw(st.integers(100, 5000))
        body = "<div>" * n + body + "</div>" * draw(st.integers(0, n))
    if shape == 3:  # XML and SVG documents saved as HTML
        body = draw(st.sampled_from(["<?xml version='1.0'?>", "<!DOCTYPE svg>", ""])) + \
            f"<svg xmlns='http://www.w3.org/2000/svg'><text>{draw(_TEXT)}</text>{body}</svg>"
        return _encode(body, draw(_ENCODE_AS))
    doc = f"<!doctype html><html><head>{head}<title>{draw(_TEXT)}</title></head><body>{body}</body></html>"
    return _encode(doc, draw(_ENCODE_AS))


_JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                           max_leaves=8)
_FIELDS = st.sampled_from(["text", "title", "url", "outlet", "published", "date", "language"])


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        shape = draw(st.integers(0, 4))
        if shape == 0:
            lines.append(draw(st.text(max_size=100)))
        elif shape == 1:  # nested
            n = draw(st.integers(10, 50_000))
            lines.append("[" * n + "]" * draw(st.integers(0, n)))
        elif shape == 2:  # lone surrogates escaped in JSON
            lines.append('{"text": "%s \\ud800 %s", "title": "\\udfff"}' % (draw(_WORDS), draw(_WORDS)))
        else:
            obj = draw(st.dictionaries(_FIELDS, _JSON_VALUE, max_size=6))
            if shape == 4:
                obj["text"] = draw(_TEXT)
            lines.append(json.dumps(obj))
    return _encode("\n".join(lines), draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"])))


def _warc_record(rec_type: str, body: bytes, extra: str = "") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(body)) % 10**12:012d}>\r\n"
            f"WARC-Target-URI: http://example.org/a\r\nWARC-Date: 2031-01-01T00:00:00Z\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body + b"\r\n\r\n"


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    out = b""
    for _ in range(draw(st.integers(0, 3))):
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "302 Found", "abc"]))
        ctype = draw(st.sampled_from(["text/html", "text/html; charset=%s" % draw(_CHARSETS), "image/png", ""]))
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode("latin-1") + draw(html_bytes())
        out += _warc_record(draw(st.sampled_from(["response", "request", "metadata", "warcinfo"])), http,
                            "Content-Type: application/http; msgtype=response\r\n")
    if draw(st.booleans()) and out:  # truncate or damage
        out = out[:draw(st.integers(0, len(out)))]
    if draw(st.booleans()):
        out = gzip.compress(out)
        if draw(st.booleans()):
            out = out[:draw(st.integers(0, len(out)))]
    return out


@st.composite
def manifest_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    if draw(st.booleans()):
        rows = draw(st.lists(st.dictionaries(st.sampled_from(["path", "url", "outlet", "published", "x"]),
                                             _JSON_VALUE, max_size=5), max_size=4))
        data: bytes = json.dumps(rows).encode() if draw(st.booleans()) else draw(raw_bytes())
        if draw(st.integers(0, 4)) == 0:
            n = draw(st.integers(10, 50_000))
            data = ("[" * n + "]" * n).encode()
        return "manifest.json", data
    header = draw(st.sampled_from(["path,url,outlet,published,language", "url,outlet", "path", ""]))
    rows = draw(st.lists(st.lists(_TEXT, max_size=5).map(",".join), max_size=5))
    return "manifest.csv", _encode("\n".join([header, *rows]), draw(_ENCODE_AS))


# a name for the input: unicode, newlines, bytes that are not UTF-8
NAMES = st.one_of(st.just(b"page"), st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
                                            min_size=1, max_size=30).map(os.fsencode),
                  st.binary(min_size=1, max_size=20).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")))
SUFFIXES = {"txt": b".txt", "html": b".html", "jsonl": b".jsonl", "warc": b".warc", "manifest": b""}
KINDS = {"txt": txt_bytes(), "html": html_bytes(), "jsonl": jsonl_bytes(), "warc": warc_bytes()}
INPUTS = st.one_of(*[st.tuples(st.just(k), s) for k, s in KINDS.items()],
                   st.tuples(st.just("manifest"), manifest_bytes()))


# -- one step -------------------------------------------------------------------------------------
@dataclass
class Outcome:
    crash: str | None  # one line: what escaped or what the guard caught
    seconds: float  # CPU seconds
    wall: float = 0.0

    @property
    def hang(self) -> bool:
        return self.seconds > HANG_SECONDS or self.wall > HANG_WALL_SECONDS


_GUARD_CAUGHT = ("could not be read (", "analysis failed (")


def run_input(kind: str, payload: object, name: bytes, folder: Path, store: object | None = None) -> Outcome:
    """Write one generated input into ``folder`` and run ingest -> clean (-> store) on it."""
    from newsprism.clean import clean
    from newsprism.ingest import ingest
    from newsprism.pipeline import document_version

    base = os.fsencode(folder)
    for entry in os.listdir(base):
        os.unlink(os.path.join(base, entry))
    manifest = None
    if kind == "manifest":
        mname, data = payload  # type: ignore[misc]
        with open(os.path.join(base, os.fsencode(mname)), "wb") as fh:
            fh.write(data)
        manifest = os.path.join(folder, mname)
        with open(os.path.join(base, b"page.txt"), "wb") as fh:
            fh.write(b"Shelling hit the port town of Arvel overnight, officials said.")
    else:
        name = (name[:40] or b"x") + SUFFIXES[kind]
        with open(os.path.join(base, name), "wb") as fh:
            fh.write(payload)  # type: ignore[arg-type]
    cpu, wall = time.process_time(), time.perf_counter()

    def outcome(crash: str | None) -> Outcome:
        return Outcome(crash, time.process_time() - cpu, time.perf_counter() - wall)

    try:
        result = ingest([str(folder)], manifest=manifest)
        for d in result.discarded:
            if d.reason.startswith(_GUARD_CAUGHT):
                return outcome(f"guard caught: {d.reason}")
            if "\n" in d.path or "\n" in d.reason:
                return outcome(f"discard line split: {d.path!r}")
        for doc in result.documents:
            cleaned = clean(doc)
            if store is not None:
                for old in store.doc_ids_at_path(doc.path):  # type: ignore[attr-defined]
                    store.delete_document(old)  # type: ignore[attr-defined]
                store.put_document(doc, document_version(doc))  # type: ignore[attr-defined]
                for c in cleaned:
                    store.put_article(c.article, c.nlp_text)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001  this is what the harness looks for
        return outcome(f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
    return outcome(None)
