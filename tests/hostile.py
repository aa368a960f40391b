"""Hostile inputs: one file per crash or hang class of issue 12, plus two good pages.

``write_hostile(folder)`` writes them and returns {file name as the report prints it: what must
happen}. Used by ``test_hardening.py`` (the bar test) and by ``bench/fuzz.py`` as seeds. Every
text here is written for these tests; none comes from a dev set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOOD_TXT = (
    "Drone strike hits fuel depot in northern Valdoria\n\n"
    "A drone struck a fuel depot outside the town of Mirensk on Tuesday, killing three workers and "
    "wounding seven others, the regional governor said.\n\n"
    "\"The fire burned through the night,\" the governor told reporters, adding that rescue teams "
    "had evacuated 200 residents from nearby streets.\n\n"
    "The Valdorian army said it had shot down four other drones over the region.\n"
)

GOOD_HTML = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Shelling damages hospital in Korvane</title>"
    "<meta property='article:published_time' content='2031-05-04'></head><body><article>"
    "<h1>Shelling damages hospital in Korvane</h1>"
    "<p>Artillery fire hit the main hospital in Korvane on Sunday, killing two nurses and injuring "
    "eleven patients, the city's health department said.</p>"
    "<p>\"We moved the children to the basement within minutes,\" a doctor at the hospital said.</p>"
    "<p>The rebel command denied firing at the building and blamed government forces.</p>"
    "</article></body></html>"
)

SENTENCE = "Officials in the province said the convoy was stopped at the checkpoint before dawn. "


def _write(folder: Path, name: str | bytes, data: bytes | str) -> None:
    data = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(name, bytes):  # a file name that is not valid UTF-8
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
        return
    (folder / name).write_bytes(data)


def nested_json(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


def write_hostile(folder: Path) -> dict[str, str]:
    """Write every hostile input into ``folder``; return {name: expected outcome}.

    Outcomes: "analyzed" (the file must give a document), "discarded" (one line in discarded),
    "either" (read with replacement/fallback or discarded, but never a crash).
    """
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str | bytes, data: bytes | str, outcome: str) -> None:
        _write(folder, name, data)
        expected[name if isinstance(name, str) else os.fsdecode(name)] = outcome

    put("good_page.txt", GOOD_TXT, "analyzed")
    put("good_page.html", GOOD_HTML, "analyzed")
    # 1. deep nesting: a JSONL line, and a JSON manifest (passed with --manifest by the test)
    put("nested.jsonl", nested_json() + "\n", "discarded")
    _write(folder.parent, "nested_manifest.json", nested_json())
    # 2. a byte undefined in cp1252 in a page read as cp1252
    put("cp1252_undefined.txt", b"The mayor said \x93the shelling stopped\x94 at noon \x81\x8d today. " * 3, "analyzed")
    # 3. charsets that are not text encodings
    for cs in ("base64", "rot13", "idna", "punycode"):
        put(f"charset_{cs}.html", GOOD_HTML.replace("charset='utf-8'", f"charset='{cs}'")
            .replace("Korvane", f"Korvane {cs}"), "analyzed")
    # 4. a lone surrogate in JSONL text; a file name that is not UTF-8; a newline in a name
    put("surrogate.jsonl", json.dumps({"text": "Two soldiers were killed \ud800 near the river crossing, "
                                               "the ministry said on Friday."}) + "\n", "analyzed")
    put(b"bad_name_\xff\xfe.txt", "Rebels said they had captured the bridge at Ostrel overnight.", "analyzed")
    put("new\nline.txt", b"\x00\x01\x02binary\x00", "discarded")
    # 5. wrong-typed JSONL fields
    put("wrong_types.jsonl", "\n".join(json.dumps(x) for x in (
        {"text": "The army said it repelled an attack on the airfield.", "title": 5},
        {"text": "The army said it repelled an attack on the airfield.", "url": ["x"]},
        {"text": "The army said it repelled an attack on the airfield.", "published": {"y": 1}},
        {"text": 12},
    )) + "\n", "discarded")
    # 6. an SVG saved as .html
    put("drawing.html", "<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                        "<script>alert(1)</script><text x='1' y='1'>Shelling killed twelve people in the town "
                        "on Monday, officials said.</text></svg>", "either")
    # 7. a text over spaCy's 1,000,000-character limit
    put("too_long.txt", SENTENCE * (1_100_000 // len(SENTENCE) + 1), "discarded")
    # 8. UTF-16 and binary manifests (passed with --manifest by the test)
    _write(folder.parent, "utf16_manifest.csv", "path,outlet\ngood_page.txt,Example Wire\n".encode("utf-16"))
    _write(folder.parent, "binary_manifest.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # hangs: many distinct lines; 100,000 paragraphs
    put("many_lines.txt", "\n".join(f"Post {i}: {i * 7} trucks" for i in range(4000)), "either")
    put("many_paragraphs.html", "<html><body>" + "".join(f"<p>Paragraph {i} of the long report.</p>"
                                                         for i in range(100_000)) + "</body></html>", "either")
    # also: UTF-8 with one bad byte is read, ASCII with a few bad bytes is not read as Cyrillic
    put("one_bad_byte.txt", "Le ministère a déclaré que douze soldats ont été blessés. ".encode() + b"\xff", "analyzed")
    put("ascii_bad_bytes.txt", b"Officials said twelve people were killed in the market \xe9\xf0\xfa on Monday.",
        "analyzed")
    # hidden and unsupported files are listed as skipped
    put(".hidden.txt", GOOD_TXT, "skipped")
    put("notes.pdf", b"%PDF-1.4 not really", "skipped")
    return expected
