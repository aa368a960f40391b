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

import bisect
import datetime as dt
import itertools
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
# a sentence ends: a word, its final mark (and a closing quote), then a space or the line end
_PROSE_END = re.compile(r"[.!…][\"”’)»]*\s*$")
_SENTENCE_BREAK = re.compile(r"[\w)\]\"”’»][.!?…][\"”’)»]*\s")


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


def _is_prose(line: str) -> bool:
    """A line of running text: eight words or more ending a sentence, or two sentences, or long."""
    n = len(_WORD.findall(line))
    return n >= 8 and (bool(_PROSE_END.search(line)) or len(_SENTENCE_BREAK.findall(line + " ")) >= 2 or n > 30)


def _is_clutter_line(line: str) -> bool:
    return any(rx.fullmatch(line) for _, rx in _LINE_RES)


def _prose_lines(lines: list[Line]) -> list[str]:
    """Lines of running text: five words or more, not a clutter pattern."""
    return [ln.stripped for ln in lines
            if len(_WORD.findall(ln.stripped)) >= 5 and not _is_clutter_line(ln.stripped)]


def has_body(lines: list[Line]) -> bool:
    """Whether a stretch of lines holds an article body: two sentences or more, 40 words or more.

    A teaser (a headline and a one-line summary), a menu, a weather widget or a list of headlines
    has none.
    """
    prose = _prose_lines(lines)
    sentences = sum(len(_SENTENCE_BREAK.findall(p + " ")) for p in prose)
    return sentences >= 2 and sum(len(_WORD.findall(p)) for p in prose) >= 40


def _starts_with_headline(lines: list[Line]) -> bool:
    """The first line that is not clutter is a headline (a new article starts with its title)."""
    first = next((ln.stripped for ln in lines if ln.stripped and not _is_clutter_line(ln.stripped)), "")
    return bool(first) and _is_headline(first)


def segment(text: str) -> list[tuple[int, int]]:
    """Article spans in a document.

    Separator blocks (see ``separator_lines``) cut the page into stretches; a stretch starts a new
    article only when it opens with a headline and holds a body of sentences of its own.
    Stretches that do not (a header, a teaser, a widget, the repeated byline of a page printed
    twice) stay with the article before them, or the one after them at the top of the page, as
    its clutter. A page without separators is one article, trimmed.
    """
    lines = lines_of(text)
    seps = separator_lines(lines)
    chunks: list[list[Line]] = [[]]
    for ln in lines:
        if ln.stripped in seps:
            chunks.append([])
        else:
            chunks[-1].append(ln)
    articles: list[list[Line]] = []
    pending: list[Line] = []  # matter above the first article
    for i, chunk in enumerate(chunks):
        body = [ln for ln in chunk if ln.stripped]
        if not body:
            continue
        starts = has_body(body) and (not articles or _starts_with_headline(body))
        if starts:
            articles.append(pending + body)
            pending = []
        elif articles:
            articles[-1].extend(body)
        else:
            pending.extend(body)
    if pending:  # no chunk with a body: the whole page is one article
        articles.append(pending)
    spans = [(b[0].start + len(b[0].text) - len(b[0].text.lstrip()), b[-1].start + len(b[-1].text.rstrip()))
             for b in articles]
    return [(s, e) for s, e in spans if e > s]


def find_boilerplate(doc_id: str, text: str, start: int, end: int,
                     repeated: frozenset[str] | set[str] = frozenset()) -> list[Boilerplate]:
    """Clutter inside one article span, as document-offset spans with their kind.

    ``repeated``: the page's separator lines (``separator_lines``); inside an article they are
    the clutter of a page printed in pieces (a byline and time stamp over each copy).
    """
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
        if kind is None and line in repeated:
            kind = "repeated_line"
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
    out += _block_clutter(doc_id, text, lines, {b.start for b in out})
    return sorted(out, key=lambda b: b.start)


def _is_short(line: str) -> bool:
    """A menu item, tag, label or stamp: four tokens at most, not a sentence."""
    return len(line.split()) <= 4 and len(line) <= 40 and not line.endswith((".", ",", ";"))


def _block_clutter(doc_id: str, text: str, lines: list[Line], marked: set[int]) -> list[Boilerplate]:
    """Clutter that shows as a block rather than a line.

    - a run of three or more short lines above the text (a site menu, a weather widget, a
      section label with its time stamp and share buttons);
    - whatever follows the last line of running text when it is three lines or more and none of
      them reads as text: a list of headlines, a tag list, a footer menu.

    Lines already recorded as clutter do not break a run.
    """
    items = [(ln.start + len(ln.text) - len(ln.text.lstrip()), ln.start + len(ln.text.rstrip())) for ln in lines]
    texts = [text[a:b] for a, b in items]

    def reads_as_text(i: int) -> bool:
        line = texts[i]
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        # a hard-wrapped paragraph: the line goes on below, or goes on from above
        return _is_prose(line) or line[:1].islower() or (nxt[:1].islower() and len(line.split()) >= 5)

    text_at = [i for i in range(len(texts)) if items[i][0] not in marked and reads_as_text(i)]
    if not text_at:
        return []
    out: list[Boilerplate] = []

    def mark(idx: list[int], kind: str) -> None:
        out.extend(Boilerplate(doc_id, items[i][0], items[i][1], texts[i], kind)
                   for i in idx if items[i][0] not in marked)

    run: list[int] = []
    for i in range(text_at[0] + 1):
        if i < text_at[0] and (items[i][0] in marked or _is_short(texts[i])):
            run.append(i)
            continue
        if sum(1 for j in run if items[j][0] not in marked) >= 3 or len(run) >= 4:
            mark(run, "menu")
        run = []
    tail = list(range(text_at[-1] + 1, len(texts)))
    if len(tail) >= 3:
        mark(tail, "footer")
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
    for i, n in shared.items():
        other_sh = seen.shingles[i]
        if n / (len(sh) + len(other_sh) - n) < 0.35:
            continue
        # a paragraph that contains the earlier one and adds to it (a standfirst, then the full
        # lead) is the fuller telling, not a copy
        if len(other_sh - sh) / len(other_sh) < 0.1 and len(sh - other_sh) / len(sh) > 0.2:
            continue
        return True
    return False


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


def headline(text: str, start: int, end: int, boilerplate: list[Boilerplate]) -> str | None:
    """The article's title: the first headline-like line of four words or more above its first
    paragraph of sentences (a section label or a city line above it is not the title), else the
    first line when it reads as a headline."""
    spans = sorted((b.start, b.end) for b in boilerplate)
    starts = [a for a, _b in spans]
    reach = list(itertools.accumulate((b for _a, b in spans), max))  # the furthest end of spans so far

    def in_boilerplate(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos)  # spans starting at or before pos
        return i > 0 and reach[i - 1] > pos

    # lazily: only the lines above the first paragraph are read (a page of 100,000 lines is not)
    lines = (ln for ln in lines_of(text, start, end)
             if ln.stripped and not in_boilerplate(ln.start + len(ln.text) - len(ln.text.lstrip())))
    first = None
    for ln in lines:
        first = first or ln
        if _is_prose(ln.stripped):
            break
        if _is_headline(ln.stripped) and len(_WORD.findall(ln.stripped)) >= 4:
            return ln.stripped
    if first is not None and _is_headline(first.stripped):
        return first.stripped
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


_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0[1-9]|1[0-2])[/-](?P<day>0[1-9]|[12]\d|3[01])(?=[/._-]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?=[/._-]|$)"),
]
# a wire dateline: "Moscow [Russia], January 4 (ANI) -", "NAIROBI, June 25 (Reuters) -"
_WIRE_DATELINE = re.compile(rf"^[A-Z][\w .'’-]{{1,40}}(?:\s*\[[\w .'’-]+\])?,\s+{_MONTH_RE}\s+(?P<day>\d{{1,2}})"
                            rf"(?:,?\s+(?P<year>\d{{4}}))?\s*\(", re.I)
_PUBLISHED_CUE = re.compile(r"\b(?:published|updated|posted|first published|last updated)\b\s*:?", re.I)
_TEXT_DATES = [
    re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b"),
]


def _iso_of(m: re.Match[str], year: int | None = None) -> str | None:
    month = m.group("month")
    month_n = int(month) if month.isdigit() else _MONTHS.get(month.lower()) or next(
        (v for k, v in _MONTHS.items() if k.startswith(month.lower()[:3])), 0)
    y = m.groupdict().get("year")
    try:
        return dt.date(int(y) if y else year or 0, month_n, int(m.group("day"))).isoformat() if (y or year) else None
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """A date in the page's address: /2024/03/22/, /2024-03-23/, /20240329/."""
    for rx in _URL_DATES:
        m = rx.search(url or "")
        if m and (iso := _iso_of(m)):
            return iso
    return None


def published_from_page(text: str, start: int, end: int, boilerplate: list[Boilerplate],
                        url: str | None = None) -> tuple[str | None, str | None]:
    """(publication date, basis) as a saved page shows it, for pages whose manifest gives none.

    In order of trust: a date in the URL (``url``); a date line at the top of the article (a
    line that is only a date, a "Published/Updated" line, a byline or time stamp with a date, a
    wire dateline such as "NAIROBI, June 25 (Reuters)", whose year is the text's latest); else
    the latest full date the article's text gives (``text_latest``: a copier's stamp or an old
    caption may mislead it, so it comes last). A date without a year never takes the clock's.
    """
    iso = date_from_url(url)
    if iso:
        return iso, "url"
    lines = [ln for ln in lines_of(text, start, end) if ln.stripped]
    clutter = {b.start: b.kind for b in boilerplate}
    found = dateline(text, start, end)
    if found:
        return found, "text"
    body_years = [int(m.group("year")) for rx in _TEXT_DATES for m in rx.finditer(text, start, end)]
    for ln in lines[:8]:
        s = ln.start + len(ln.text) - len(ln.text.lstrip())
        m = _WIRE_DATELINE.match(ln.stripped)
        if m:
            year = int(m.group("year")) if m.group("year") else max(body_years, default=None)
            if (iso := _iso_of(m, year)):
                return iso, "text"
        if _PUBLISHED_CUE.search(ln.stripped) or clutter.get(s) in ("byline", "timestamp"):
            for rx in _TEXT_DATES:
                m = rx.search(ln.stripped)
                if m and (iso := _iso_of(m)):
                    return iso, "text"
    masked = [(b.start, b.end) for b in boilerplate if b.kind not in ("timestamp", "byline")]
    dates = [iso for rx in _TEXT_DATES for m in rx.finditer(text, start, end)
             if not any(a <= m.start() < b for a, b in masked) and (iso := _iso_of(m))]
    return (max(dates), "text_latest") if dates else (None, None)


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
    repeated = separator_lines(lines_of(text))
    single = len(spans) == 1
    out: list[CleanArticle] = []
    for seq, (start, end) in enumerate(spans):
        boiler = find_boilerplate(document.doc_id, text, start, end, repeated)
        title = document.title if single and document.title else None
        if title is None:
            title = headline(text, start, end, boiler)
        masked = nlp_text(text, start, end, boiler)
        body = text[start:end]
        outlet, outlet_basis = document.outlet, document.outlet_basis
        if not outlet:
            outlet, cue = outlet_from_text(body, title)
            outlet_basis = "text" if outlet else None
            _ = cue
        published, published_basis = document.published, document.published_basis
        if not published:
            published, published_basis = published_from_page(text, start, end, boiler, document.url)
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
