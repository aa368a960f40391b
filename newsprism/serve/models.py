"""Typed response models of the JSON API, so ``/openapi.json`` describes what each route answers.

The record types follow ``shared/SCHEMA.md`` (its fields are required here; newsprism's own
extensions are optional) and allow extra fields, as the contract does ("you may add fields").
The routes hand back the dicts the pages render without re-validating them on every request;
``tests/test_browse.py`` validates real answers of the seeds' store against these models, so a
schema that drifted from the data fails there.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- record types (shared/SCHEMA.md) -------------------------------------------------------------------
class Evidence(_Open):
    doc: str
    start: int
    end: int
    text: str


class EntityRef(_Open):
    entity_id: str | None
    name: str | None


class Actor(EntityRef):
    acled_name: str | None = None
    inter: int | None = None


class Location(_Open):
    entity_id: str | None
    name: str
    lat: float | None
    lon: float | None
    where_prec: int | None
    country_code: str | None = None
    admin1: str | None = None


class EventMention(_Open):
    article_id: str
    outlet: str | None
    trigger: Evidence
    evidence: Evidence


class Fatalities(_Open):
    low: int | None
    high: int | None
    acled: int | None


class Event(_Open):
    event_id: str
    story_id: str | None
    plover_type: str
    plover_mode: list[str]
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actors: list[Actor]
    recipients: list[Actor]
    location: Location | None
    date_start: str | None
    date_end: str | None
    date_precision: str
    date_anchor: str
    negated: bool
    hypothetical: bool
    evidence: list[Evidence]
    reported_by: list[str]
    mentions: list[EventMention] = []
    realis: Literal["actual", "planned", "threatened", "hypothetical", "negated", "speech_act"] = "actual"
    background: bool = False
    fatalities: Fatalities | None = None


class Figure(_Open):
    figure_id: str
    article_id: str
    metric: str
    low: int | None
    high: int | None
    qualifier: str
    vague_term: str | None
    who: str
    includes: list[str]
    attributed_to: EntityRef | None
    hedge: str
    interim: bool
    as_of: str | None
    event_id: str | None
    evidence: Evidence


class Quote(_Open):
    quote_id: str
    article_id: str
    speaker: EntityRef | None
    text: str
    kind: str
    evidence: Evidence


class Entity(_Open):
    entity_id: str
    type: str
    canonical_name: str
    aliases: list[str]
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0


class EntityMention(_Open):
    mention_id: str | None = None
    entity_id: str | None = None
    article_id: str
    label: str | None = None
    evidence: Evidence


class Document(_Open):
    doc_id: str
    path: str | None
    sha256: str | None
    outlet: str | None
    published: str | None
    published_basis: str | None
    language: str | None
    n_articles: int


class Article(_Open):
    article_id: str
    doc_id: str
    seq: int
    start: int
    end: int
    title: str | None
    outlet: str | None
    published: str | None
    on_topic: bool
    off_topic_reason: str | None
    duplicate_of: str | None
    story_id: str | None
    boilerplate: list[Evidence]


class Discarded(_Open):
    path: str
    reason: str


class Story(_Open):
    story_id: str
    title: str | None
    article_ids: list[str]
    period_start: str | None
    period_end: str | None


class Scope(_Open):
    story_id: str | None
    event_id: str | None
    metric: str
    who: str


class Excluded(_Open):
    figure_id: str
    reason: str


class ReconciledFigure(_Open):
    scope: Scope
    low: int | None
    best: int | None
    high: int | None
    inputs: list[str]
    excluded: list[Excluded]
    best_basis: str | None
    acled_fatalities: int | None
    notes: str | None


class Claim(_Open):
    figure_id: str | None = None
    quote_id: str | None = None
    evidence: Evidence | None = None
    source: str | None = None


class Contradiction(_Open):
    contradiction_id: str
    kind: str
    claims: list[Claim]
    notes: str | None


class FramingTerm(_Open):
    article_id: str
    outlet: str | None
    concept: str
    term: str
    refers_to: str | None
    voice: str
    evidence: Evidence


class Record(_Open):
    """The whole record, as ``newsprism export --format json`` writes it."""

    newsprism_version: str
    documents: list[Document]
    articles: list[Article]
    discarded: list[Discarded]
    stories: list[Story]
    entities: list[Entity]
    events: list[Event]
    figures: list[Figure]
    reconciled_figures: list[ReconciledFigure]
    quotes: list[Quote]
    contradictions: list[Contradiction]
    framing_terms: list[FramingTerm]


# -- pages ---------------------------------------------------------------------------------------------
class Page(BaseModel):
    limit: int
    offset: int
    total: int


class StorySummary(_Open):
    story_id: str
    title: str | None
    period_start: str | None
    period_end: str | None
    n_articles: int
    outlets: list[str]
    n_events: int
    n_figures: int
    n_quotes: int
    n_contradictions: int


class ArticleSummary(_Open):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    doc_id: str
    on_topic: bool | None
    story_id: str | None
    n_chars: int


class CorpusPage(_Open):
    ok: bool = True
    newsprism_version: str | None
    counts: dict[str, int]
    stories: list[StorySummary]
    documents: list[Document]
    documents_page: Page
    articles: list[ArticleSummary]
    articles_page: Page
    discarded: list[Discarded]


class Period(_Open):
    start: str | None
    end: str | None


class StoryPage(_Open):
    ok: bool = True
    story: Story
    period: Period
    outlets: list[str]
    articles: list[ArticleSummary]
    events: list[Event]
    places: list[dict[str, Any]]
    figures: list[Figure]
    reconciled_figures: list[ReconciledFigure]
    figure_groups: list[dict[str, Any]]
    quotes: list[Quote]
    contradictions: list[Contradiction]
    framing_terms: list[FramingTerm]


class FactInText(_Open):
    fact_id: str
    kind: Literal["figure", "quote", "event", "contradiction", "framing", "mention"]
    record: dict[str, Any]
    evidence: list[Evidence]
    evidence_ok: bool | None
    related: list[dict[str, Any]]


class ArticlePage(_Open):
    ok: bool = True
    article: Article
    document: Document | None
    story: Story | None
    text: str
    offset: int
    facts: list[FactInText]


class DocumentPage(_Open):
    ok: bool = True
    document: Document
    text: str
    articles: list[ArticleSummary]
    facts: list[FactInText]


class EntityPage(_Open):
    ok: bool = True
    entity: Entity
    mentions: list[EntityMention]
    events: list[Event]
    quotes: list[Quote]
    figures: list[Figure]


class SearchArticle(_Open):
    article_id: str
    score: float
    snippet_html: str
    hit: Evidence | None


class SearchPage(_Open):
    ok: bool = True
    q: str
    articles: list[SearchArticle]
    entities: list[dict[str, Any]]


class IngestResult(BaseModel):
    ok: bool
    path: str
    new_documents: int
    documents: int
    articles: int


# -- browse (/events, /figures, /quotes, /entities) ------------------------------------------------------
class Correction(_Open):
    correction_id: str
    target_kind: str = Field(description="event, figure or entity")
    target: str
    field: str
    new_value: Any = None
    by: str
    at: str
    why: str
    status: str | None = Field(default=None, description="applied, or orphaned when its record was not found again")


class CorrectionsPage(_Open):
    corrections: list[Correction]


class FacetValue(BaseModel):
    value: str = Field(description="What the query parameter names (an id for stories, a name otherwise; '-' = none).")
    label: str = Field(description="What a reader sees (a story's title, a name).")
    count: int = Field(description="Rows of the filtered list that hold this value.")
    selected: bool = Field(description="Whether this value is one of the active filters.")
    href: str = Field(description="The JSON view with this value toggled (added, or removed when selected).")


class BrowseBase(BaseModel):
    ok: bool = True
    kind: Literal["events", "figures", "quotes", "entities"]
    filters: dict[str, Any] = Field(description="The active filters, as given (lists for repeatable ones).")
    page: Page
    facets: dict[str, list[FacetValue]] = Field(
        description="Counts per value of each facet over every filtered row (not only this page); "
                    "the `month` facet's values select date_from/date_to.")
    csv_url: str
    next_url: str | None
    prev_url: str | None


class EventsPage(BrowseBase):
    events: list[Event] = Field(description="This page of the filtered rows.")


class FiguresPage(BrowseBase):
    figures: list[Figure] = Field(description="This page of the filtered rows.")


class QuotesPage(BrowseBase):
    quotes: list[Quote] = Field(description="This page of the filtered rows.")


class EntitiesPage(BrowseBase):
    entities: list[Entity] = Field(description="This page of the filtered rows.")


BROWSE_MODELS: dict[str, type[BrowseBase]] = {"events": EventsPage, "figures": FiguresPage, "quotes": QuotesPage,
                                              "entities": EntitiesPage}
