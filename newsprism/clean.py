"""Clean: a document -> its articles, with clutter recorded as boilerplate spans.

A saved page may hold several articles glued together. Boundaries come from the page's own
structure: short lines that repeat through the document and are followed by different text each
time ("Categories / Saved web pages" blocks between saved pages) separate articles. Clutter —
comment forms, "Subscribe", photo captions and credits, image file names, a weather widget,
"more like this" teasers, a paragraph printed twice — stays in the stored text and is recorded as
``Boilerplate`` spans that extraction never reads.

Outlet and publication date come from the manifest or page metadata first, else from what the
article's own text says; a value the text does not give stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from newsprism.extract.patterns import boilerplate as bp
from newsprism.extract.patterns import outlets as op
from newsprism.records import Article, Boilerplate, RawDocument, content_id

_LINE_RES = [(kind, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for kind, pattern in bp.LINE_PATTERNS]
_CAPTION_CREDIT = re.compile(bp.CAPTION_CREDIT, re.IGNORECASE)
_CAPTION_DATED = re.compile(bp.CAPTION_DATED)
_TEASER = re.compile(bp.TEASER_MARKERS, re.IGNORECASE)
_OUTLET_RES = [(kind, re.compile(p)) for kind, p in op.OUTLET_PATTERNS]
_TITLE_SUFFIX = re.compile(op.TITLE_SUFFIX)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)»…]\s*$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # excluding the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class CleanArticle:
    """An article plus the masked copy of its text the NLP stage reads."""

    article: Article
    nlp_text: str  # same length as the article text; clutter blanked, hard wraps joined


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]`` with document offsets."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def _is_headline(line: str) -> bool:
    words = _WORD.findall(line)
    return 0 < len(words) <= 30 and len(line) <= 250 and not line.rstrip().endswith((".", ",", ";", ":"))


def separator_lines(lines: list[Line]) -> set[str]:
    """Short non-sentence lines that recur and are followed by different text each time.

    A repeated headline block (a teaser printed twice) is followed by the same line every time,
    so it is not a separator.
    """
    counts = Counter(ln.stripped for ln in lines if ln.stripped)
    candidates = {t for t, n in counts.items()
                  if n >= 2 and len(_WORD.findall(t)) <= 8 and not _SENTENCE_END.search(t) and not t.endswith(",")}
    if not candidates:
        return set()
    followers: dict[str, set[str]] = {t: set() for t in candidates}
    for i, ln in enumerate(lines):
        if ln.stripped in candidates:
            nxt = next((m.stripped for m in lines[i + 1:] if m.stripped and m.stripped not in candidates), "")
            followers[ln.stripped].add(nxt)
    return {t for t in candidates if len(followers[t]) == counts[t]}


def segment(text: str) -> list[tuple[int, int]]:
    """Article spans in a document: between separator blocks, or the whole text trimmed."""
    lines = lines_of(text)
    seps = separator_lines(lines)
    spans: list[tuple[int, int]] = []
    chunk: list[Line] = []
    after_separator = False

    def close() -> None:
        body = [ln for ln in chunk if ln.stripped]
        # leading matter before the first separator (site header) counts only when article-sized
        if body and (after_separator or not seps or sum(len(_WORD.findall(ln.text)) for ln in body) >= 30):
            spans.append((body[0].start + len(body[0].text) - len(body[0].text.lstrip()), body[-1].end))

    for ln in lines:
        if ln.stripped in seps:
            close()
            chunk = []
            after_separator = True
        else:
            chunk.append(ln)
    close()
    return [(s, e) for s, e in spans if e > s]


def find_boilerplate(doc_id: str, text: str, start: int, end: int) -> list[Boilerplate]:
    """Clutter inside one article span, as document-offset spans with their kind."""
    out: list[Boilerplate] = []
    lines = [ln for ln in lines_of(text, start, end) if ln.stripped]
    seen_paragraphs = _SeenParagraphs()
    in_teaser = False
    for ln in lines:
        s = ln.start + len(ln.text) - len(ln.text.lstrip())
        e = ln.start + len(ln.text.rstrip())
        line = text[s:e]

        def add(kind: str, a: int = s, b: int = e) -> None:
            out.append(Boilerplate(doc_id, a, b, text[a:b], kind))

        if in_teaser:
            add("teaser")
            continue
        if _TEASER.fullmatch(line):
            in_teaser = True
            add("teaser")
            continue
        kind = next((k for k, rx in _LINE_RES if rx.fullmatch(line)), None)
        if kind:
            add(kind)
            continue
        if _CAPTION_CREDIT.search(line) or (_CAPTION_DATED.search(line) and _one_sentence(line)):
            add("photo_caption")
            continue
        if _duplicate_of_earlier(line, seen_paragraphs):
            add("duplicate_paragraph")
            continue
        # The headline only counts for verbatim repeats: a lede that expands it is not a copy.
        seen_paragraphs.add(line, set() if _is_headline(line) else _shingles(line))
    return out


def _one_sentence(line: str) -> bool:
    # a caption is one sentence: no ". X" sentence break before its final date
    return len(re.findall(r"[.!?]\s+[A-Z]", line)) == 0 and len(_WORD.findall(line)) <= 40


def _shingles(line: str, n: int = 3) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(line)]
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


# A word triple shared by more paragraphs than this ("said in a") is too common to find copies by.
_MAX_POSTINGS = 256


class _SeenParagraphs:
    """The paragraphs met so far, indexed so each new line is compared in time linear in its own
    length: exact copies by their normalised words, near copies through the shingles they share."""

    def __init__(self) -> None:
        self.norms: set[str] = set()
        self.shingles: list[set[tuple[str, ...]]] = []
        self.by_shingle: dict[tuple[str, ...], list[int]] = {}

    def add(self, line: str, shingles: set[tuple[str, ...]]) -> None:
        self.norms.add(" ".join(w.lower() for w in _WORD.findall(line)))
        if shingles:
            for sh in shingles:
                ids = self.by_shingle.setdefault(sh, [])
                if len(ids) < _MAX_POSTINGS:
                    ids.append(len(self.shingles))
            self.shingles.append(shingles)


def _duplicate_of_earlier(line: str, seen: _SeenParagraphs) -> bool:
    """A paragraph printed again (verbatim, or reworded by a translation pass) yields no new fact."""
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    if " ".join(w.lower() for w in words) in seen.norms:
        return True
    if len(words) < 12:
        return False
    sh = _shingles(line)
    shared: Counter[int] = Counter(i for s in sh for i in seen.by_shingle.get(s, ()))
    return any(n / (len(sh) + len(seen.shingles[i]) - n) >= 0.35 for i, n in shared.items())


def nlp_text(text: str, start: int, end: int, boilerplate: list[Boilerplate]) -> str:
    """The article text with clutter blanked to spaces and hard-wrapped lines joined.

    The result has exactly the article's length so Doc offsets are article offsets.
    """
    chars = list(text[start:end])
    for b in boilerplate:
        for i in range(max(b.start, start), min(b.end, end)):
            if chars[i - start] != "\n":
                chars[i - start] = " "
    masked = "".join(chars)
    # In articles whose paragraphs are separated by blank lines, a single newline inside a
    # paragraph is a hard wrap (e-mail style copies), not a boundary.
    blank_line_paragraphs = masked.count("\n\n") >= 2
    out = list(masked)
    for m in re.finditer(r"(?<=[^\n])\n(?=[^\n])", masked):
        i = m.start()
        # the neighbouring lines, found without copying the text around them (linear in the text)
        before = masked[masked.rfind("\n", 0, i) + 1:i].rstrip()
        nxt = masked.find("\n", i + 1)
        after = masked[i + 1:nxt if nxt >= 0 else len(masked)].lstrip()
        if not before.strip() or not after:
            continue
        if _SENTENCE_END.search(before):
            continue
        if after[:1].islower() or after[:1].isdigit() or (blank_line_paragraphs and len(before) >= 30):
            out[i] = " "
    return "".join(out)


def _first_body_line(text: str, start: int, end: int, boilerplate: list[Boilerplate]) -> Line | None:
    spans = [(b.start, b.end) for b in boilerplate]
    for ln in lines_of(text, start, end):
        if ln.stripped and not any(a <= ln.start + len(ln.text) - len(ln.text.lstrip()) < b for a, b in spans):
            return ln
    return None


def outlet_from_text(article_text: str, title: str | None) -> tuple[str | None, str | None]:
    """(outlet, cue kind) as the article's own text names it, else (None, None)."""
    for kind, rx in _OUTLET_RES:
        m = rx.search(article_text)
        if m:
            outlet = m.group("outlet").strip().rstrip(".,;:")
            via = (m.groupdict().get("via") or "").strip().rstrip(".,;:")
            return (f"{outlet} (via {via})" if via else outlet), kind
    if title:
        m = _TITLE_SUFFIX.search(title)
        if m:
            return m.group("outlet").strip(), "title_suffix"
    return None, None


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH_RE = r"(?P<month>" + "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS] + ["sept"]) + r")\.?"
_DATELINE_RES = [
    re.compile(rf"(?:published|updated|posted)?:?\s*(?:\w+day,?\s+)?{_MONTH_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?:[\s,]+\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*\w{{2,4}})?)?", re.I),
    re.compile(rf"(?:published|updated|posted)?:?\s*(?:\w+day,?\s+)?(?P<day>\d{{1,2}})\s+{_MONTH_RE}\s+(?P<year>\d{{4}})(?:[\s,]+\d{{1,2}}[:.]\d{{2}})?", re.I),
    re.compile(r"(?:published|updated|posted)?:?\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T\s]\d{2}:\d{2}(?::\d{2})?\S*)?", re.I),
    re.compile(r"(?:published|updated|posted)?:?\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:\s+\d{1,2}:\d{2})?", re.I),
]


def dateline(text: str, start: int, end: int) -> str | None:
    """A publication date printed as a line of its own near the top of the article, else None.

    Only a line that is nothing but a date (optionally "Published:" and a time) counts: a date
    inside a sentence is the date of an event, not of the page.
    """
    for ln in [ln for ln in lines_of(text, start, end) if ln.stripped][:6]:
        for rx in _DATELINE_RES:
            m = rx.fullmatch(ln.stripped)
            if m:
                month = m.group("month")
                month_n = int(month) if month.isdigit() else _MONTHS.get(month.lower()) or next(
                    (v for k, v in _MONTHS.items() if k.startswith(month.lower()[:3])), 0)
                try:
                    return dt.date(int(m.group("year")), month_n, int(m.group("day"))).isoformat()
                except ValueError:
                    return None
    return None


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by it at from his her their said has have were are be this".split())


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text (langdetect with a fixed seed, so runs repeat).

    Most of a news corpus is English, and English announces itself by its function words: when a
    third of the words are among the 25 commonest, langdetect (slow) is not asked.
    """
    sample = " ".join(text.split())[:1500]
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    if sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) >= len(words) / 3:
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(sample))
    except LangDetectException:
        return None


def clean(document: RawDocument) -> list[CleanArticle]:
    """Split a document into articles, find their clutter, title, outlet, date and language."""
    text = document.text
    spans = segment(text)
    single = len(spans) == 1
    out: list[CleanArticle] = []
    for seq, (start, end) in enumerate(spans):
        boiler = find_boilerplate(document.doc_id, text, start, end)
        first = _first_body_line(text, start, end, boiler)
        title = document.title if single and document.title else None
        if title is None and first is not None and _is_headline(first.stripped):
            title = first.stripped
        masked = nlp_text(text, start, end, boiler)
        body = text[start:end]
        outlet, outlet_basis = document.outlet, document.outlet_basis
        if not outlet:
            outlet, cue = outlet_from_text(body, title)
            outlet_basis = "text" if outlet else None
            _ = cue
        published, published_basis = document.published, document.published_basis
        if not published:
            published = dateline(text, start, end)
            published_basis = "text" if published else None
        language = document.language or detect_language(masked)
        out.append(CleanArticle(
            Article(
                article_id=content_id("art", document.doc_id, start, end),
                doc_id=document.doc_id, seq=seq, start=start, end=end, title=title,
                outlet=outlet, published=published, language=language,
                boilerplate=tuple(boiler), outlet_basis=outlet_basis, published_basis=published_basis,
            ),
            masked,
        ))
    return out
