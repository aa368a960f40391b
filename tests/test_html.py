"""newsprism.html: main-text quality on a public benchmark, then small hand-written pages.

The scored test follows the scrapinghub article-extraction-benchmark's own evaluate.py
(https://github.com/scrapinghub/article-extraction-benchmark, MIT): per page, counts of
token 4-gram shingles (tokens = ``\\w+``) give TP/FP/FN normalised to sum 1; precision and
recall are averaged over pages; F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.html import HtmlPage, decode_html_bytes, extract_html

REPO = Path(__file__).resolve().parent.parent
FLOOR_FILE = REPO / "eval" / "floors" / "main_text.json"


# ---------------------------------------------------------------- benchmark scoring

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def _tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def benchmark_scores(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def test_benchmark_scorer_matches_reference_semantics():
    assert _tp_fp_fn("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert _tp_fp_fn("a b c d", "") == (0.0, 0.0, 1.0)
    tp, fp, fn = _tp_fp_fn("a b c d e", "a b c d x")  # shingles (abcd, bcde) vs (abcd, bcdx)
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    scores = benchmark_scores([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert scores["precision"] == pytest.approx(0.75) and scores["recall"] == pytest.approx(1.0)


@pytest.mark.slow
def test_main_text_f1_on_article_extraction_benchmark(shared_dir):
    bench = shared_dir / "external" / "article-extraction-benchmark"
    if not (bench / "ground-truth.json").exists():
        pytest.skip("article-extraction-benchmark is not in ../shared/external")
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["main_text_f1"]
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for key in sorted(truth):
        data = gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes())
        try:
            # the benchmark's pages are stored as UTF-8, as if an HTTP header said so
            pred = extract_html(decode_html_bytes(data, "utf-8"), url=truth[key].get("url"), path=key).text
        except InputError:
            pred = ""
        rows.append(_tp_fp_fn(truth[key].get("articleBody", ""), pred))
    assert len(rows) == 181
    scores = benchmark_scores(rows)
    assert scores["f1"] >= floor, f"main-text F1 {scores['f1']:.4f} fell below the floor {floor} ({scores})"


# ---------------------------------------------------------------- hand-written pages

ARTICLE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Shelling hits Kharkiv market | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Shelling hits Kharkiv market">
<meta property="article:published_time" content="2024-03-05T08:30:00+02:00">
<link rel="canonical" href="https://news.example.org/2024/03/05/kharkiv-market">
</head>
<body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
</ul></nav></header>
<main>
<article>
<h1>Shelling hits Kharkiv market</h1>
<p>Artillery shells struck a crowded market in the centre of Kharkiv on Tuesday morning, killing at
least four civilians and wounding eleven others, the regional governor said.</p>
<p>Emergency services worked for several hours to put out fires that spread to nearby apartment
blocks. Local officials said the attack began shortly after eight o'clock.</p>
<p>The city has been hit repeatedly since the start of the year, and residents described the
latest strike as the heaviest in weeks.</p>
</article>
<aside class="newsletter"><h3>Subscribe</h3>
<p>Subscribe to our newsletter for daily updates. Sign up now!</p></aside>
<section id="comments" class="comments">
<h3>Leave a Reply</h3>
<form id="commentform"><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form>
<div class="comment"><p>Great article, thanks for sharing this with all of us here.</p></div>
</section>
</main>
<footer><p>Copyright 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

FIRST = "Artillery shells struck a crowded market in the centre of Kharkiv on Tuesday morning"
LAST = "latest strike as the heaviest in weeks."


def test_article_text_and_metadata():
    page = extract_html(ARTICLE, url="https://news.example.org/?id=42")
    assert isinstance(page, HtmlPage)
    assert page.title == "Shelling hits Kharkiv market"
    assert page.published == "2024-03-05"
    assert page.sitename == "Example News"
    assert page.url == "https://news.example.org/2024/03/05/kharkiv-market"  # canonical beats the fetch URL
    assert page.language == "en"
    assert FIRST in " ".join(page.text.split())
    assert page.text.rstrip().endswith(LAST)


def test_paragraphs_are_lines():
    lines = extract_html(ARTICLE).text.split("\n")
    assert any(line.startswith("Artillery shells struck") for line in lines)
    assert any(line.startswith("Emergency services worked") for line in lines)
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize(
    "boilerplate",
    ["Home", "Politics", "Subscribe", "newsletter", "Leave a Reply", "Post Comment", "Great article", "Copyright", "Privacy"],
)
def test_boilerplate_left_out(boilerplate):
    assert boilerplate not in extract_html(ARTICLE).text


def test_page_is_frozen():
    page = extract_html(ARTICLE)
    with pytest.raises(AttributeError):
        page.text = "x"  # type: ignore[misc]


def test_metadata_absent_is_none_and_url_falls_back():
    html = "<html><body><article>" + "<p>Residents of the village reported heavy fighting overnight near the river crossing.</p>" * 3
    html += "</article></body></html>"
    page = extract_html(html, url="https://example.org/a")
    assert page.published is None
    assert page.language is None
    assert page.url == "https://example.org/a"
    assert "heavy fighting overnight" in page.text
    assert extract_html(html).url is None


def test_dates_in_article_text_are_not_the_publication_date():
    html = (
        "<html><head><title>Bakhmut</title></head><body><article>"
        "<p>Russia launched its full-scale invasion on 24 February 2022. Since then the town has been shelled daily.</p>"
        "<p>Officials said on 3 March 2023 that the last bridge was destroyed.</p></article></body></html>"
    )
    assert extract_html(html).published is None
    dated = html.replace("<title>", '<meta name="date" content="2023-03-04"><title>')
    assert extract_html(dated).published == "2023-03-04"


def test_crlf_normalised():
    page = extract_html(ARTICLE.replace("\n", "\r\n"))
    assert "\r" not in page.text
    assert FIRST in " ".join(page.text.split())


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda h: h[: h.index("Emergency services") + 30], id="truncated-mid-paragraph"),
        pytest.param(lambda h: h[: h.index("</article>")], id="truncated-before-article-end"),
        pytest.param(lambda h: re.sub(r"</(p|article|main|body|html|div|section)>", "", h), id="unclosed-tags"),
        pytest.param(lambda h: h.replace("<p>", "<p><b><i>", 2), id="misnested"),
        pytest.param(lambda h: "<?xml version='1.0' encoding='utf-8'?>\n" + h, id="xml-declaration-in-str"),
        pytest.param(lambda h: h.replace("Artillery", "Art\x00illery"), id="nul-char"),
        pytest.param(lambda h: h.replace("Artillery", "Art\ud800illery"), id="lone-surrogate"),
    ],
)
def test_broken_html_still_gives_text(cut):
    page = extract_html(cut(ARTICLE))
    assert "Artillery shells struck a crowded market" in page.text


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="whitespace"),
        pytest.param("\x00\x00", id="nul-only"),
        pytest.param("<", id="lone-bracket"),
        pytest.param("<html", id="truncated-tag"),
        pytest.param("<html><head><title>x</title></head><body></body></html>", id="empty-body"),
        pytest.param("<html><body><script>document.write('hi')</script></body></html>", id="script-only"),
        pytest.param("<html><body><nav><a href='/'>Home</a></nav></body></html>", id="nav-only"),
        pytest.param("<html><body>" + "<div>" * 3000 + "</body></html>", id="deep-nesting"),
        pytest.param(bytes(range(256)).decode("latin-1") * 4, id="binary-junk"),
    ],
)
def test_no_main_text_is_input_error(html):
    with pytest.raises(InputError) as info:
        extract_html(html, path="pages/x.html")
    err = info.value
    assert err.path == "pages/x.html"
    assert "\n" not in str(err) and err.reason


def test_empty_body_reason():
    with pytest.raises(InputError, match="no main text found in HTML"):
        extract_html("<html><head><title>Only a title</title></head><body><p></p></body></html>")


def test_non_str_is_a_bug():
    with pytest.raises(TypeError):
        extract_html(b"<html></html>")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "<!--", "-->", "<", ">", "&amp", "\r\n"]),
            st.text(max_size=40),
        ),
        max_size=40,
    )
)
def test_arbitrary_markup_never_crashes(parts):
    try:
        page = extract_html("<html><body>" + "".join(parts))
    except InputError:
        return
    assert page.text and "\r" not in page.text


# ---------------------------------------------------------------- decoding

RU = (
    "Артиллерийский обстрел центрального рынка Харькова во вторник утром унёс жизни четырёх мирных "
    "жителей, ещё одиннадцать человек получили ранения, сообщил глава областной администрации. "
    "Спасатели несколько часов тушили пожар, перекинувшийся на соседние дома."
)
UK = (
    "Артилерійський обстріл центрального ринку Харкова у вівторок вранці забрав життя чотирьох цивільних, "
    "ще одинадцять людей дістали поранення, повідомив голова обласної адміністрації. Рятувальники кілька "
    "годин гасили пожежу, що перекинулася на сусідні будинки."
)
FR = (
    "Des obus d'artillerie ont frappé mardi matin un marché très fréquenté du centre de Kharkiv, tuant au "
    "moins quatre civils et en blessant onze autres, a déclaré le gouverneur régional. Les secours ont "
    "travaillé pendant des heures pour éteindre les incendies."
)
DE = (
    "Artilleriegeschosse trafen am Dienstagmorgen einen belebten Markt im Zentrum von Charkiw, töteten "
    "mindestens vier Zivilisten und verletzten elf weitere, teilte der Gouverneur mit. Die Rettungskräfte "
    "löschten stundenlang die Brände in den Häusern gegenüber."
)


def _page(text: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>News</title></head><body><article><p>{text}</p></article></body></html>"


ENCODED = [
    pytest.param(RU, "cp1251", "windows-1251", id="ru-cp1251"),
    pytest.param(UK, "cp1251", "windows-1251", id="uk-cp1251"),
    pytest.param(FR, "latin-1", "iso-8859-1", id="fr-latin1"),
    pytest.param(DE, "latin-1", "ISO-8859-1", id="de-latin1"),
]


@pytest.mark.parametrize("text, codec, label", ENCODED)
@pytest.mark.parametrize(
    "where",
    ["meta-charset", "meta-http-equiv", "http-header", "detected"],
)
def test_legacy_encodings_decoded(text, codec, label, where):
    head, http = "", None
    if where == "meta-charset":
        head = f'<meta charset="{label}">'
    elif where == "meta-http-equiv":
        head = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    elif where == "http-header":
        http = label
    html = decode_html_bytes(_page(text, head).encode(codec), http)
    assert text in html
    assert text in extract_html(html).text


def test_utf8_bom():
    data = b"\xef\xbb\xbf" + _page(UK).encode("utf-8")
    html = decode_html_bytes(data, None)
    assert html.startswith("<!DOCTYPE html>")
    assert UK in html


def test_bom_beats_http_and_meta():
    data = b"\xef\xbb\xbf" + _page(UK, '<meta charset="windows-1251">').encode("utf-8")
    assert UK in decode_html_bytes(data, "iso-8859-1")


def test_utf16_bom():
    assert RU in decode_html_bytes(_page(RU).encode("utf-16"), None)


def test_http_charset_beats_meta():
    data = _page(RU, '<meta charset="iso-8859-1">').encode("cp1251")
    assert RU in decode_html_bytes(data, "windows-1251")


def test_utf8_page_mislabelled_latin1_is_read_as_utf8():
    data = _page(FR, '<meta charset="iso-8859-1">').encode("utf-8")
    assert FR in decode_html_bytes(data, None)
    assert FR in decode_html_bytes(_page(FR).encode("utf-8"), "ISO-8859-1")


def test_unknown_labels_fall_through():
    data = _page(RU).encode("cp1251")
    assert RU in decode_html_bytes(data, "no-such-charset")
    assert RU in decode_html_bytes(_page(RU, '<meta charset="bogus">').encode("cp1251"), None)


def test_undecodable_bytes_replaced_not_raised():
    data = _page("Kyiv \xe9").encode("latin-1") + b"\x81\x8d\x8f\x90\x9d"
    html = decode_html_bytes(data, "utf-8")
    assert "Kyiv" in html and "\ufffd" in html


def test_empty_bytes():
    assert decode_html_bytes(b"", None) == ""


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600), st.one_of(st.none(), st.sampled_from(["utf-8", "latin1", "cp1251", "utf-16", "koi8-r", "x", ""])))
def test_decode_never_raises(data, label):
    assert isinstance(decode_html_bytes(data, label), str)
