"""Plain records passed between pipeline stages.

They mirror the output contract (``shared/SCHEMA.md``): field names are the contract's, and
``to_json()`` gives exactly the exported shape. Stages take and return these records; only
``store.py`` turns them into rows and back.

Offsets are Unicode code points, half-open, into the *document* text (after decoding and newline
normalisation), never into a cleaned or masked copy.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def content_id(prefix: str, *parts: object) -> str:
    """A stable id from content: the same parts always give the same id (sqlite-utils' hash_id)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


def to_json(record: Any) -> Any:
    """Turn a record (or a list/dict of them) into plain JSON data, keeping field order."""
    names = _field_names(type(record))
    if names is not None:
        return {name: to_json(getattr(record, name)) for name in names}
    if isinstance(record, (list, tuple)):
        return [to_json(r) for r in record]
    if isinstance(record, dict):
        return {k: to_json(v) for k, v in record.items()}
    return record


@functools.cache
def _field_names(tp: type[Any]) -> tuple[str, ...] | None:
    """The field names of a record type, in order; None for any other type (a record class
    itself included: its type is ``type``)."""
    return tuple(f.name for f in dataclasses.fields(tp)) if dataclasses.is_dataclass(tp) else None


def from_json(cls: type[Any], data: Any) -> Any:
    """Rebuild a record of type ``cls`` from ``to_json`` output (nested records and tuples too)."""
    return None if data is None else _converter(cls)(data)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """How a non-None JSON value becomes a ``tp``, worked out once per type: the corpus stage
    rebuilds tens of thousands of records, and resolving their type hints each time cost more
    than building them."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return lambda value: tuple(None if v is None else _converter(item)(v) for v in value)
    if dataclasses.is_dataclass(tp):
        return _record_converter(tp)
    return _same


def _record_converter(tp: type[Any]) -> Callable[[Any], Any]:
    resolved: list[tuple[tuple[str, Callable[[Any], Any]], ...]] = []

    def convert(value: Any) -> Any:
        if not resolved:  # on first use, so a record may name its own type
            hints = typing.get_type_hints(tp)
            resolved.append(tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(tp)))
        return tp(**{name: None if (v := value[name]) is None else conv(v)
                     for name, conv in resolved[0] if name in value})

    return convert


@dataclass(frozen=True)
class Evidence:
    """The exact characters that support a fact: ``text == document_text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Boilerplate:
    """Clutter kept in the stored text but excluded from extraction (an evidence span + why)."""

    doc: str
    start: int
    end: int
    text: str
    kind: str  # e.g. comment_form, photo_credit, image_name, weather, teaser, duplicate_paragraph


@dataclass(frozen=True)
class RawDocument:
    """One decoded input: the text every later offset points into."""

    doc_id: str
    path: str
    sha256: str  # of the bytes as read
    text: str
    raw_html: str | None
    url: str | None
    outlet: str | None
    outlet_basis: str | None  # manifest|metadata|text|None
    published: str | None  # ISO date
    published_basis: str | None  # manifest|metadata|url|text|None
    language: str | None
    title: str | None  # from metadata (HTML <title>, JSONL "title")
    encoding: str


@dataclass(frozen=True)
class Discarded:
    """An input that could not be used, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One article inside a document (a document may hold several)."""

    article_id: str
    doc_id: str
    seq: int
    start: int
    end: int
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    on_topic: bool = True
    off_topic_reason: str | None = None
    duplicate_of: str | None = None
    story_id: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    outlet_basis: str | None = None
    published_basis: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named-entity mention found by the NLP pipeline."""

    mention_id: str
    article_id: str
    label: str  # spaCy label: PERSON, ORG, GPE, ...
    evidence: Evidence


@dataclass(frozen=True)
class EntityRef:
    entity_id: str | None
    name: str


@dataclass(frozen=True)
class Entity:
    entity_id: str
    type: str  # person|org|armed_group|state|place|population|other
    canonical_name: str
    aliases: tuple[str, ...]
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    #: newsprism extensions: the ids of the mentions (``entity_mentions`` in the export), and
    #: whether every one of them is on an off-topic page
    mention_ids: tuple[str, ...] = ()
    off_topic: bool = False


@dataclass(frozen=True)
class Figure:
    """One reported number of people killed, wounded, displaced, ..."""

    figure_id: str
    article_id: str
    metric: str  # killed|wounded|killed_or_wounded|missing|displaced|evacuated|detained|other
    low: int | None
    high: int | None  # None when open-ended ("at least 200")
    qualifier: str  # exact|at_least|more_than|up_to|about|range|vague
    vague_term: str | None
    who: str  # all|civilians|combatants|military|police|peacekeepers|children|unknown
    includes: tuple[str, ...]
    attributed_to: EntityRef | None
    hedge: str  # none|reportedly|said|claimed|alleged|unconfirmed|estimate
    interim: bool
    as_of: str | None
    event_id: str | None
    evidence: Evidence
    # optional (newsprism extension): what the count covers, e.g. "incident:explosion",
    # "cumulative", "day:2023-09-19", "historical:2020" (keeps scopes apart when reconciling)
    scope: str | None = None
    # optional: who passed the figure on, originating source first ("SSS", "Report")
    source_chain: tuple[str, ...] = ()
    # optional: the count's own words ("at least 200"), inside ``evidence``
    count: Evidence | None = None


@dataclass(frozen=True)
class Quote:
    quote_id: str
    article_id: str
    speaker: EntityRef | None
    text: str
    kind: str  # direct|indirect
    evidence: Evidence
    # optional (newsprism extension): where it was said ("on Telegram", "in a television address")
    channel: str | None = None


@dataclass(frozen=True)
class Story:
    story_id: str
    title: str | None
    article_ids: tuple[str, ...]
    period_start: str | None
    period_end: str | None


@dataclass(frozen=True)
class ArticleContext:
    """What an extractor needs to know about the article it reads.

    Extractors work on a spaCy ``Doc`` built over ``nlp_text`` (the article with clutter blanked
    out, same length as the article); they turn Doc offsets into document evidence with
    :meth:`evidence`, which slices the *original* text so evidence always matches the store.
    """

    doc_id: str
    article_id: str
    offset: int  # where the article starts in the document text
    text: str  # the article's original text (document_text[offset:offset+len(text)])
    published: str | None
    outlet: str | None
    extra: dict[str, Any] = field(default_factory=dict)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for article-relative offsets ``[start, end)``."""
        return Evidence(self.doc_id, self.offset + start, self.offset + end, self.text[start:end])


@dataclass(frozen=True)
class Location:
    entity_id: str | None
    name: str
    lat: float | None
    lon: float | None
    where_prec: int | None  # UCDP 1-7
    # optional (newsprism extension): ISO 3166-1 alpha-2 of the place, for ACLED's country columns
    country_code: str | None = None
    admin1: str | None = None  # the first-level unit the place lies in, when the gazetteer knows it
    population: int | None = None  # the gazetteer's population (a suburb is more specific than its city)


@dataclass(frozen=True)
class Actor:
    """An event's actor or recipient: the entity (or the phrase as written) and ACLED's name for it."""

    entity_id: str | None
    name: str
    acled_name: str | None = None  # "Military Forces of Russia (2000-)"; None: not an ACLED actor
    inter: int | None = None  # ACLED inter code


@dataclass(frozen=True)
class MentionRef:
    """One report of a happening: the words that name the act (``trigger``) in their sentence."""

    article_id: str
    outlet: str | None
    trigger: Evidence
    evidence: Evidence
    plover_type: str
    realis: str = "actual"


@dataclass(frozen=True)
class Event:
    """One happening, assembled from every mention that reports it (across sentences and outlets)."""

    event_id: str
    story_id: str | None
    plover_type: str
    plover_mode: tuple[str, ...]
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    location: Location | None
    date_start: str | None
    date_end: str | None
    date_precision: str  # day|range|week|month|year|unknown
    date_anchor: str  # explicit|relative_to_published|relative_to_other_event|unknown
    negated: bool
    hypothetical: bool
    evidence: tuple[Evidence, ...]
    reported_by: tuple[str, ...]
    mentions: tuple[MentionRef, ...] = ()
    realis: str = "actual"  # actual|planned|threatened|hypothetical|negated|speech_act
    background: bool = False  # before the story's period, told as history
    fatalities: dict[str, int | None] | None = None  # {"low", "high", "acled"} from the figures tied to it
    # newsprism extension: some report states its day or places it below the country; a happening
    # known only from vague mentions ("the attack", dated by when the report was written) is not
    # coded as a row of its own
    anchored: bool = True


@dataclass(frozen=True)
class Scope:
    story_id: str | None
    event_id: str | None
    metric: str
    who: str


@dataclass(frozen=True)
class Exclusion:
    figure_id: str
    reason: str  # superseded|interim|different_scope|vague_only|unreliable


@dataclass(frozen=True)
class ReconciledFigure:
    scope: Scope
    low: int | None
    best: int | None
    high: int | None  # None: open upper bound, nothing invented
    inputs: tuple[str, ...]
    excluded: tuple[Exclusion, ...]
    best_basis: str  # single_source|lower_figure_rule|most_reliable_source
    acled_fatalities: int
    notes: str


@dataclass(frozen=True)
class Claim:
    source: str | None
    figure_id: str | None = None
    quote_id: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Contradiction:
    contradiction_id: str
    kind: str  # numeric|population|actor|occurred|date|place|attribution
    claims: tuple[Claim, ...]
    notes: str


@dataclass(frozen=True)
class FramingTerm:
    article_id: str
    outlet: str | None
    concept: str  # operation_label|actor_label|victim_label|toponym|displacement_label|legitimacy
    term: str
    refers_to: str | None
    voice: str  # outlet|quoted
    evidence: Evidence
