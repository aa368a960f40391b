"""Date expressions in an article, resolved to calendar dates with UCDP-style precision.

``resolve_dates(doc, ctx)`` reads the spaCy ``DATE``/``TIME`` entities (plus explicit numeric
dates the NER missed) and resolves each against the article's publication date (or, when that is
unknown, an anchor date the caller gives):

- explicit dates need no anchor: "September 19, 2023", "19.09.2023", "In 2020", "September 2023";
  a day and month without a year ("On September 24") take the anchor's year (the previous year
  when that day is later than the anchor: news reports the past);
- relative to the publication: "on Tuesday" (the most recent Tuesday on or before it, or the next
  one when the sentence is in the future tense), "today", "yesterday", "last week" (a Monday-Sunday
  week), "this month", "in May" (the anchor's year, or the previous year if May is later than the
  anchor's month), "three days ago";
- relative to another event: "a day earlier", "the next day", "that night": counted from the
  nearest preceding mention resolved to a day.

Precision follows the schema (``day|range|week|month|year|unknown``); a relative expression with
no anchor gets ``unknown`` and no dates. Durations ("three days") and ages ("43-year-old") are
kept with ``kind`` ``duration``/``age`` (clock times: ``time``) and no dates, so callers can skip
them.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from newsprism.extract import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsprism.records import ArticleContext

PRECISIONS = ("day", "range", "week", "month", "year", "unknown")
ANCHORS = ("explicit", "relative_to_published", "relative_to_other_event", "unknown")


@dataclass(frozen=True)
class DateMention:
    """One date expression: article-relative offsets ``[start, end)`` and what it resolves to."""

    start: int
    end: int
    text: str
    date_start: str | None  # ISO date
    date_end: str | None
    precision: str  # day|range|week|month|year|unknown
    anchor: str  # explicit|relative_to_published|relative_to_other_event|unknown
    kind: str = "point"  # point|duration|age|time
    label: str = "DATE"  # the spaCy label, or "PATTERN" for a date the NER missed


# ----------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------

_WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
             "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
             "sat": 5, "sunday": 6, "sun": 6}
_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
           "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
           "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
           "dec": 12}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"(?:\d+|" + "|".join(k for k in _NUMBERS if _NUMBERS[k]) + ")"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight|midday|noon|dawn))?"

# Leading words that do not change which day is meant ("early on Wednesday", "since Tuesday").
_LEAD = re.compile(r"^(?:(?:on|in|at|by|since|from|until|till|through|during|of|as of|around|about|"
                   r"before|after|early|late|earlier|later|the|this past|until late)\s+)+")
_TRAIL = re.compile(r"(?:['\u2019]s|\s+(?:local time|gmt|utc))$")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")

_REL_EVENT = re.compile(
    r"^(?P<n>" + _NUM + r")\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|before|later|after|previously)$")
_REL_EVENT_WORDS = {
    "the day before": -1, "the previous day": -1, "the preceding day": -1, "a day before": -1,
    "the night before": -1, "the previous night": -1, "the day after": 1, "the next day": 1,
    "the following day": 1, "next day": 1, "following day": 1, "the same day": 0, "that day": 0,
    "that night": 0, "that morning": 0, "that evening": 0, "that afternoon": 0, "earlier that day": 0,
    "later that day": 0, "the same night": 0, "hours later": 0, "hours earlier": 0, "a few hours later": 0,
    "the next morning": 1, "the following morning": 1, "the next night": 1, "the following night": 1,
}
_TODAY = re.compile(r"^(?:today|tonight|this (?:morning|afternoon|evening)|earlier today|later today|"
                    r"now|today" + _PART_OF_DAY + r")$")
_YESTERDAY = re.compile(r"^(?:yesterday" + _PART_OF_DAY + r"|last night|overnight)$")
_AGO = re.compile(r"^(?P<n>" + _NUM + r")\s+(?P<unit>day|week|month|year)s?\s+ago$")
_WEEKDAY = re.compile(r"^(?:(?P<q>last|this past|past|previous|next|this|coming)\s+)?(?P<wd>" + _WD +
                      r")\.?" + _PART_OF_DAY + r"$")
_MONTH_ONLY = re.compile(r"^(?:(?P<q>last|this|next|early|mid|late|earlier this|later this)[\s-]+)?(?P<mo>" +
                         _MO + r")\.?$")
_PERIOD = re.compile(r"^(?:(?P<q>last|this|next|previous|past|coming|earlier this|later this|the previous|"
                     r"the past|the last|the coming|the next|the following)\s+)(?P<unit>week|weekend|month|year)$")
_WEEKEND = re.compile(r"^(?:(?P<q>last|this|the|past|this past|over the)\s+)?weekend$")
_DECADE = re.compile(r"^(?:the\s+)?(?:early\s+|mid\s+|late\s+)?(?P<y>1[6-9]\d0|20\d0)s$")
_RANGE_MD = re.compile(  # "September 19-20, 2023", "Sept. 20 to 22"
    r"^(?P<mo>" + _MO + r")\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$")
_RANGE_DM = re.compile(  # "19-21 September 2023", "between 19 and 21 September"
    r"^(?:between\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?P<mo>" + _MO + r")\.?(?:,?\s+(?P<y>\d{4}))?$")
_MONTH_YEAR = re.compile(r"^(?:(?:early|mid|late)[\s-]+)?(?P<mo>" + _MO + r")\.?,?\s+(?P<y>\d{4})$")
_YEAR_ONLY = re.compile(r"^(?:the\s+(?:year\s+)?)?(?P<y>1[6-9]\d\d|20\d\d)$")
_HAS_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b.*\b(?:" + _MO + r")\b|\b(?:" + _MO +
                            r")\b\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_CLOCK = re.compile(r"^(?:at\s+|around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h|hrs|gmt|utc|"
                    r"local time|[a-z]{2,4}t)?(?:\s+(?:local time|gmt|utc|et|bst|cet))?$")
_AGE = re.compile(r"\b\d+[- ]years?[- ]old\b|\baged?\s+\d+|\b\d+[- ](?:month|week|day)[- ]old\b")
_DURATION = re.compile(r"^(?:for\s+|the\s+(?:past|last|next|first)\s+|over\s+(?:the\s+)?(?:past|last)\s+|"
                       r"more than\s+|nearly\s+|almost\s+|about\s+|some\s+|up to\s+|at least\s+)?"
                       r"(?:" + _NUM + r"|several|few|many|a few|two or three|decades|years|months|weeks|days|"
                       r"hours)(?:\s+(?:and a half|or so))?\s*(?:full\s+)?(?:day|week|month|year|hour|decade|"
                       r"century|centuries|minute)?s?(?:\s+(?:long|ago))?$")
# Explicit numeric or written dates the NER may miss.
_PATTERN_DATES = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(m.capitalize() for m in _MONTHS if len(m) > 3) + r")\s+\d{4}|"
    r"(?:" + "|".join(m.capitalize() for m in _MONTHS if len(m) > 3) + r")\s+\d{1,2}(?:st|nd|rd|th)?,\s+\d{4})\b")


# ----------------------------------------------------------------------------------------------
# Calendar arithmetic
# ----------------------------------------------------------------------------------------------


def _iso(d: date) -> str:
    return d.isoformat()


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def last_weekday(base: date, weekday: int, *, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` (0 = Monday) on or before ``base`` (strictly before if asked)."""
    back = (base.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return base - timedelta(days=back)


def next_weekday(base: date, weekday: int, *, strictly_after: bool = True) -> date:
    """The next ``weekday`` after ``base`` (on or after unless ``strictly_after``)."""
    ahead = (weekday - base.weekday()) % 7
    if ahead == 0 and strictly_after:
        ahead = 7
    return base + timedelta(days=ahead)


@dataclass(frozen=True)
class _Resolved:
    start: date | None
    end: date | None
    precision: str
    anchor: str  # "explicit", "base", "event", "unknown"
    kind: str = "point"


_UNKNOWN = _Resolved(None, None, "unknown", "unknown")


def _day(d: date, anchor: str) -> _Resolved:
    return _Resolved(d, d, "day", anchor)


@functools.lru_cache(maxsize=1)
def _date_parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past",
                                                      "RETURN_AS_TIMEZONE_AWARE": False})


def _dateparser_day(text: str, base: date | None) -> tuple[date, str] | None:
    """An explicit date through dateparser: (date, period), with ``base`` for a missing year."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12, 0)
    parser = _date_parser() if base is None else DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def resolve_expression(text: str, base: date | None, *, previous: date | None = None,
                       future: bool = False) -> _Resolved:
    """Resolve one date expression. ``base``: the anchor date (publication); ``previous``: the
    date of the nearest preceding event (for "a day earlier"); ``future``: the sentence speaks of
    the future (weekdays and bare months then mean the next one)."""
    raw = " ".join(text.replace("\u2013", "-").split())
    t = raw.lower().rstrip(".,;:")
    t = _TRAIL.sub("", t).strip()
    if _AGE.search(t):
        return _Resolved(None, None, "unknown", "unknown", "age")
    if _CLOCK.match(t):
        return _Resolved(None, None, "unknown", "unknown", "time")

    # Relative to another event.
    for core in (t, _LEAD.sub("", t)):
        if core in _REL_EVENT_WORDS or _REL_EVENT.match(core):
            if core in _REL_EVENT_WORDS:
                offset, unit = _REL_EVENT_WORDS[core], "day"
            else:
                m = _REL_EVENT.match(core)
                assert m is not None
                n = _count(m.group("n")) or 1
                sign = -1 if m.group("dir") in ("earlier", "before", "previously") else 1
                offset, unit = sign * n, m.group("unit")
            ref, anchor = (previous, "event") if previous is not None else (base, "base")
            if ref is None:
                return _UNKNOWN
            if unit == "day":
                return _day(ref + timedelta(days=offset), anchor)
            if unit == "week":
                return _Resolved(*_week_of(ref + timedelta(days=7 * offset)), "week", anchor)
            if unit == "month":
                y, mo = _add_months(ref, offset)
                return _Resolved(*_month_bounds(y, mo), "month", anchor)
            return _Resolved(date(ref.year + offset, 1, 1), date(ref.year + offset, 12, 31), "year", anchor)

    core = _LEAD.sub("", t).strip()
    if not core:
        return _UNKNOWN

    # Explicit: decades, ranges, month + year, year, full dates.
    m = _DECADE.match(t) or _DECADE.match(core)
    if m:
        y = int(m.group("y"))
        return _Resolved(date(y, 1, 1), date(y + 9, 12, 31), "range", "explicit")
    m = _RANGE_MD.match(core) or _RANGE_DM.match(core)
    if m:
        mo, d1, d2 = _MONTHS[m.group("mo")], int(m.group("d1")), int(m.group("d2"))
        year = int(m.group("y")) if m.group("y") else None
        anchor = "explicit"
        if year is None:
            if base is None:
                return _UNKNOWN
            year = base.year if (mo, d1) <= (base.month, base.day) or future else base.year - 1
            anchor = "base"
        try:
            a, b = date(year, mo, d1), date(year, mo, d2)
        except ValueError:
            return _UNKNOWN
        return _Resolved(a, b, "range" if a != b else "day", anchor)
    m = _MONTH_YEAR.match(core)
    if m:
        return _Resolved(*_month_bounds(int(m.group("y")), _MONTHS[m.group("mo")]), "month", "explicit")
    m = _YEAR_ONLY.match(core)
    if m:
        y = int(m.group("y"))
        return _Resolved(date(y, 1, 1), date(y, 12, 31), "year", "explicit")
    if _HAS_DAY_MONTH.search(core):
        has_year = bool(_YEAR.search(core))
        if not has_year and base is None:
            return _UNKNOWN
        cleaned = re.sub(r"\b(?:" + _WD + r")\b,?", "", core)  # "Tuesday, September 19"
        cleaned = re.sub(r",?\s*\b(?:at|around|about)\s+\d{1,2}[:.]\d{2}.*$|\b\d{1,2}:\d{2}.*$", "", cleaned)
        cleaned = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", cleaned).strip(" ,")
        got = _dateparser_day(cleaned, base)
        if got is not None:
            d, period = got
            if not has_year and base is not None and future and d < base:
                d = d.replace(year=d.year + 1) if not (d.month == 2 and d.day == 29) else d
            # "On September 19" is explicit (the codebooks' reading) though its year is the anchor's
            return _day(d, "explicit") if period in ("day", "time") else _UNKNOWN
        return _UNKNOWN

    # Relative to the publication (or the caller's anchor).
    if _TODAY.match(core) or _TODAY.match(t):
        return _day(base, "base") if base else _UNKNOWN
    if _YESTERDAY.match(core) or _YESTERDAY.match(t):
        return _day(base - timedelta(days=1), "base") if base else _UNKNOWN
    if core in ("the day before yesterday",) or t == "the day before yesterday":
        return _day(base - timedelta(days=2), "base") if base else _UNKNOWN
    if re.match(r"^tomorrow" + _PART_OF_DAY + "$", core):
        return _day(base + timedelta(days=1), "base") if base else _UNKNOWN
    m = _AGO.match(core)
    if m:
        n = _count(m.group("n"))
        if base is None or n is None:
            return _UNKNOWN
        unit = m.group("unit")
        if unit == "day":
            return _day(base - timedelta(days=n), "base")
        if unit == "week":
            return _Resolved(*_week_of(base - timedelta(days=7 * n)), "week", "base")
        if unit == "month":
            y, mo = _add_months(base, -n)
            return _Resolved(*_month_bounds(y, mo), "month", "base")
        return _Resolved(date(base.year - n, 1, 1), date(base.year - n, 12, 31), "year", "base")
    m = _WEEKDAY.match(t) or _WEEKDAY.match(core)
    if m:
        if base is None:
            return _UNKNOWN
        wd, q = _WEEKDAYS[m.group("wd")], m.group("q")
        if q in ("next", "coming") or (q is None and future):
            return _day(next_weekday(base, wd, strictly_after=q is not None), "base")
        if q == "this":
            return _day(_week_of(base)[0] + timedelta(days=wd), "base")
        return _day(last_weekday(base, wd, strictly_before=q in ("last", "previous")), "base")
    m = _WEEKEND.match(t) or _WEEKEND.match(core)
    if m:
        if base is None:
            return _UNKNOWN
        sunday = last_weekday(base, 6) if base.weekday() != 5 else base + timedelta(days=1)
        if future and base.weekday() < 5:
            sunday = next_weekday(base, 6)
        return _Resolved(sunday - timedelta(days=1), sunday, "range", "base")
    m = _PERIOD.match(t) or _PERIOD.match(core)
    if m:
        if base is None:
            return _UNKNOWN
        q, unit = m.group("q"), m.group("unit")
        step = -1 if q in ("last", "previous", "the previous") else 1 if q in ("next", "coming", "the coming",
                                                                              "the next", "the following") else 0
        if q in ("past", "the past", "the last") and unit in ("week", "month", "year"):
            span = {"week": 7, "month": 30, "year": 365}[unit]  # "the past week": the days up to now
            return _Resolved(base - timedelta(days=span), base, "range", "base")
        if unit == "weekend":
            sunday = last_weekday(base, 6, strictly_before=True) + timedelta(days=7 * (step if step > 0 else 0))
            return _Resolved(sunday - timedelta(days=1), sunday, "range", "base")
        if unit == "week":
            monday, sunday = _week_of(base + timedelta(days=7 * step))
            if q == "earlier this" and base > monday:
                return _Resolved(monday, base, "week", "base")
            return _Resolved(monday, sunday, "week", "base")
        if unit == "month":
            y, mo = _add_months(base, step)
            return _Resolved(*_month_bounds(y, mo), "month", "base")
        y = base.year + step
        return _Resolved(date(y, 1, 1), date(y, 12, 31), "year", "base")
    m = _MONTH_ONLY.match(t) or _MONTH_ONLY.match(core)
    if m:
        if base is None:
            return _UNKNOWN
        mo, q = _MONTHS[m.group("mo")], m.group("q")
        if q == "last":
            year = base.year if mo < base.month else base.year - 1
        elif q == "next" or (future and q not in ("early", "mid", "late")):
            year = base.year if mo > base.month else base.year + 1
        elif q in ("this", "earlier this", "later this"):
            year = base.year
        else:
            year = base.year if mo <= base.month else base.year - 1
        return _Resolved(*_month_bounds(year, mo), "month", "base")
    if _DURATION.match(t) or _DURATION.match(core) or re.search(r"\b(?:days|weeks|months|years|decades|hours)\b", t):
        return _Resolved(None, None, "unknown", "unknown", "duration")
    return _UNKNOWN


# ----------------------------------------------------------------------------------------------
# Over a Doc
# ----------------------------------------------------------------------------------------------

_FUTURE_AUX = frozenset({"will", "'ll", "\u2019ll", "shall"})
_DATE_WORD = re.compile(r"\b(?:" + _WD + r"|" + _MO + r"|today|tonight|yesterday|tomorrow|day|week|month|year)\b",
                        re.IGNORECASE)


def _future_in_the_past(aux: Token) -> bool:
    """Reported future: "X said officials would meet on Thursday" (would + a bare verb, not
    "would have met", under a reporting verb)."""
    if aux.lower_ not in ("would", "'d", "\u2019d"):
        return False
    verb = aux.head
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
        return False
    return verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX")


def _is_future(span: Span) -> bool:
    """Whether the clause the date belongs to is in the future tense ("will meet on Friday",
    "said they would meet on Friday")."""
    token = span.root
    for _ in range(4):
        head = token.head
        for child in head.children:
            if child.dep_ == "aux" and (child.lower_ in _FUTURE_AUX or _future_in_the_past(child)):
                return True
            if child.lower_ == "going" and any(c.lower_ == "to" for c in child.children):
                return True
        if head == token:
            break
        token = head
    sent = span.sent
    before = span.doc[sent.start:span.start]
    return any(t.lower_ in _FUTURE_AUX for t in before[-6:])


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve_dates(doc: Doc, ctx: ArticleContext, anchor_date: str | None = None,
                  anchor_kind: str = "relative_to_published") -> list[DateMention]:
    """Every date expression of the article, resolved (see the module docstring).

    ``ctx.published`` is the anchor of relative expressions; when it is ``None``, ``anchor_date``
    (ISO) is used instead and relative mentions get ``anchor_kind``. With neither, relative
    mentions get precision ``unknown``, anchor ``unknown`` and no dates.
    """
    if anchor_kind not in ANCHORS:
        raise ValueError(f"anchor_kind must be one of {ANCHORS}, not {anchor_kind!r}")
    base = _parse_iso(ctx.published)
    base_anchor = "relative_to_published"
    if base is None:
        base = _parse_iso(anchor_date)
        base_anchor = anchor_kind
    spans: list[tuple[int, int, str, Span | None]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DATE_WORD.search(ent.text)):
            spans.append((ent.start_char, ent.end_char, ent.label_, ent))
    covered = [(s, e) for s, e, _, _ in spans]
    for m in _PATTERN_DATES.finditer(doc_text(doc)):
        if not any(s < m.end() and m.start() < e for s, e in covered):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            spans.append((m.start(), m.end(), "PATTERN", span))
    spans.sort(key=lambda x: x[0])

    out: list[DateMention] = []
    previous: date | None = None
    for start, end, label, span in spans:
        text = ctx.text[start:end]
        future = _is_future(span) if span is not None else False
        r = resolve_expression(text, base, previous=previous, future=future)
        anchor = {"explicit": "explicit", "base": base_anchor, "event": "relative_to_other_event",
                  "unknown": "unknown"}[r.anchor]
        if r.precision == "unknown":
            anchor = "unknown"
        out.append(DateMention(start=start, end=end, text=text,
                               date_start=_iso(r.start) if r.start else None,
                               date_end=_iso(r.end) if r.end else None,
                               precision=r.precision, anchor=anchor, kind=r.kind, label=label))
        if r.precision == "day" and r.start is not None:
            previous = r.start
    return out
