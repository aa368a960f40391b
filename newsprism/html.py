"""HTML reader: decode raw bytes, then pull the main text and page metadata out with trafilatura.

- ``decode_html_bytes(data, http_charset)``: bytes → str, trying in order the byte-order mark,
  the HTTP charset, a ``<meta charset>`` / ``http-equiv`` / XML declaration in the head,
  strict UTF-8, then charset detection (charset-normalizer).
- ``extract_html(html, url, path)``: str → ``HtmlPage`` (main text without boilerplate or
  reader comments, plus title, publication date, site name, URL and language when the page
  states them). A page with no extractable main text raises ``InputError(path, reason)``.

The trafilatura options are pinned in ``_EXTRACT_OPTIONS``; they were chosen on the scrapinghub
article-extraction-benchmark (see ``eval/floors/main_text.json`` and ``tests/test_html.py``).
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from datetime import datetime

import trafilatura
from lxml.html import HtmlElement

from newsprism.errors import InputError

__all__ = ["HtmlPage", "decode_html", "decode_html_bytes", "extract_html"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlPage:
    """The readable part of one HTML page."""

    text: str  # main text, one paragraph (or list item, heading, table row) per line
    title: str | None
    published: str | None  # ISO date, YYYY-MM-DD
    sitename: str | None
    url: str | None  # canonical URL stated by the page, else the URL given by the caller
    language: str | None  # primary language subtag stated by the page ("en", "uk"), lower case


# Chosen on the benchmark: favor_precision drops more boilerplate at a small cost in recall
# (4-gram F1 0.964 against 0.960 for the defaults); tables stay in (news pages carry casualty
# tables; dropping them lowers recall). Comments never belong to the article.
_EXTRACT_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
}


def _date_params() -> dict:
    # extensive_search=False: only dates the page's markup or URL states. The extensive search
    # falls back to dates written in the article text ("invaded on 24 February 2022"), which
    # are event dates, not the publication date. On the benchmark: 179/181 pages dated
    # (extensive: 181/181), the same date wherever both found one.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }


# Below this, what trafilatura's fallbacks return is a stray link ("Home"), not an article.
_MIN_TEXT_CHARS = 20
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def extract_html(html: str, url: str | None = None, path: str = "<html>") -> HtmlPage:
    """Extract the main text and metadata of one HTML page.

    ``url`` is where the page came from (helps trafilatura and is the fallback ``url``);
    ``path`` names the input in errors. Raises ``InputError`` when the page has no main text.
    """
    if not isinstance(html, str):
        raise TypeError(f"extract_html expects str, got {type(html).__name__}; decode bytes first")
    html = _clean_chars(html)
    if not html.strip():
        raise InputError(path, "empty HTML document")
    try:
        tree = trafilatura.load_html(html)
    except Exception as err:  # lxml rejects some inputs outright
        raise InputError(path, f"HTML could not be parsed ({type(err).__name__})") from None
    if tree is None:
        raise InputError(path, "HTML could not be parsed")
    language = _page_language(tree)
    if len(html) > _MAX_EXTRACT_CHARS or _count_elements(tree) > _MAX_EXTRACT_ELEMENTS:
        return _plain_page(tree, url, path, language)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, date_extraction_params=_date_params(), **_EXTRACT_OPTIONS)
    except RecursionError:
        raise InputError(path, "HTML nested too deeply to extract") from None
    except Exception as err:  # noqa: BLE001  lxml/htmldate asserting on a non-HTML tree (an SVG saved as .html)
        log.warning("%s: main-text extraction failed (%s); reading the page without its metadata",
                    path, type(err).__name__)
        try:
            doc = trafilatura.bare_extraction(trafilatura.load_html(html), url=url,
                                              **{**_EXTRACT_OPTIONS, "with_metadata": False})
        except Exception as err2:  # noqa: BLE001
            raise InputError(path, f"HTML extractor failed ({type(err2).__name__})") from None
    text = _normalise_text(doc.text) if doc is not None else ""
    if len(text) < _MIN_TEXT_CHARS:
        raise InputError(path, "no main text found in HTML")
    published = doc.date if doc.date and _ISO_DATE.fullmatch(doc.date) else None
    return HtmlPage(
        text=text,
        title=_clean_field(doc.title),
        published=published,
        sitename=_clean_field(doc.sitename),
        url=_clean_field(doc.url) or url,
        language=language,
    )


# Work budget of the main-text extractor: trafilatura takes about a second per 5,000 elements
# (100 s for a page of 100,000 paragraphs). Bigger pages get the plain text of their blocks.
_MAX_EXTRACT_ELEMENTS = 30_000
_MAX_EXTRACT_CHARS = 5_000_000
_BLOCK_TAGS = frozenset("p div li h1 h2 h3 h4 h5 h6 tr td th pre blockquote br section article dd dt".split())
_SKIP_TAGS = ("script", "style", "noscript", "template", "head", "nav", "footer", "form", "aside")


def _count_elements(tree: HtmlElement) -> int:
    n = 0
    for _ in tree.iter():
        n += 1
        if n > _MAX_EXTRACT_ELEMENTS:
            break
    return n


def _plain_page(tree: HtmlElement, url: str | None, path: str, language: str | None) -> HtmlPage:
    """A page too big for the extractor: the text of its blocks, one per line (linear time)."""
    log.warning("%s: page too large for main-text extraction (over %s elements or %s characters); "
                "its plain text is kept", path, f"{_MAX_EXTRACT_ELEMENTS:,}", f"{_MAX_EXTRACT_CHARS:,}")
    title = tree.findtext(".//title")
    for bad in list(tree.iter(*_SKIP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    text = _normalise_text(tree.text_content())
    if len(text) < _MIN_TEXT_CHARS:
        raise InputError(path, "no main text found in HTML")
    return HtmlPage(text=text, title=_clean_field(title), published=None, sitename=None, url=url, language=language)


# ---------------------------------------------------------------- text helpers

# lxml refuses (or silently stops at) C0 controls, lone surrogates and U+FFFE/U+FFFF.
_SPACE_CHARS = re.compile(r"[\x0b\x0c]")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean_chars(html: str) -> str:
    return _BAD_CHARS.sub("", _SPACE_CHARS.sub(" ", html))


def _normalise_text(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _page_language(tree: HtmlElement) -> str | None:
    """The language the page declares: <html lang>, xml:lang, Content-Language, og:locale."""
    candidates: list[str | None] = []
    root = tree.getroottree().getroot()
    candidates.append(root.get("lang"))
    candidates.append(root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    candidates.append(root.get("xml:lang"))
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        if not value:
            continue
        match = _LANG_TAG.fullmatch(value.strip().split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers (WHATWG Encoding Standard) decode with a superset codec.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "x-sjis": "shift_jis",
    "x-cp1251": "cp1251",
    "x-cp1252": "cp1252",
    "unicode-1-1-utf-8": "utf-8",
}

# Declared Western single-byte charsets are often server defaults that lie about UTF-8 pages.
_WESTERN = {"cp1252"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_PRESCAN_BYTES = 4096


def decode_html_bytes(data: bytes, http_charset: str | None) -> str:
    """The text of an HTML document (see ``decode_html``)."""
    return decode_html(data, http_charset)[0]


def decode_html(data: bytes, http_charset: str | None) -> tuple[str, str]:
    """Decode an HTML document the way a browser would, with a lenient end: (text, encoding).

    Order: byte-order mark; the HTTP ``charset``; ``<meta charset>`` (or ``http-equiv``
    Content-Type, or the XML declaration) in the first 4 KiB; then the rule for undeclared bytes
    (``ingest.decode_undeclared``: UTF-8, else cp1251/detected/cp1252). A declared label that
    names no text encoding (``base64``, ``rot13``, ``idna``) is ignored. A declared
    ISO-8859-1/windows-1252/ASCII charset loses to UTF-8 when the bytes are valid UTF-8 with
    non-ASCII characters (a common server-default mislabel). Never raises on bad bytes:
    undecodable bytes become U+FFFD and the encoding says how many were replaced.
    """
    from newsprism.ingest import _decode_counting, decode_undeclared

    if not data:
        return "", "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_counting(data[len(bom):], codec)

    for label in (http_charset, _meta_charset(data)):
        codec = _codec_for(label)
        if codec is None:
            continue
        if codec.startswith(("utf-16", "utf-32")):
            # a BOM-less document whose ASCII head we could read is not UTF-16/32
            codec = "utf-8"
        if codec in _WESTERN and _is_utf8_with_non_ascii(data):
            return data.decode("utf-8"), "utf-8"
        if codec == "utf-8":
            return decode_undeclared(data)  # a page saying UTF-8 with a few bad bytes is still UTF-8
        return _decode_counting(data, codec)
    return decode_undeclared(data)


def _codec_for(label: str | None) -> str | None:
    from newsprism.ingest import text_codec

    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    name = text_codec(_LABEL_ALIASES.get(label, label))
    if name in ("latin-1", "iso8859-1", "ascii"):
        name = "cp1252"
    return name


def _meta_charset(data: bytes) -> str | None:
    head = data[:_PRESCAN_BYTES]
    xml = _XML_DECL.match(head)
    match = _META_CHARSET.search(head)
    if match:
        return match.group(1).decode("ascii", errors="ignore")
    if xml:
        return xml.group(1).decode("ascii", errors="ignore")
    return None


def _is_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
