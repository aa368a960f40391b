"""The pipeline: the only place that knows the order of the stages.

    ingest -> clean (articles, clutter) -> NLP + per-article extractors -> [store]
           -> dedupe -> stories/topic -> entities -> corpus records -> [store]

Per-article work is cached by content: a document whose text, metadata and pipeline version are
unchanged is not read again, so a second run on the same input changes nothing. Everything a run
writes goes into one transaction.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsprism.clean import clean
from newsprism.cluster import build_stories
from newsprism.coding import (DateFact, article_anchor, carry_dates, code_events, event_fatalities, link_figures,
                              reanchor, story_calendar)
from newsprism.dedupe import find_duplicates
from newsprism.errors import InputError
from newsprism.ingest import ingest
from newsprism.claims import claim_contradictions
from newsprism.framing import corpus_framing
from newsprism.reconcile import figure_contradictions, reconcile_figures
from newsprism.records import (
    Article,
    ArticleContext,
    Discarded,
    Event,
    Figure,
    RawDocument,
    ReconciledFigure,
    Story,
    content_id,
    from_json,
    to_json,
)
from newsprism.resolve import LABEL_TYPES, EntityIndex, name_key, resolve_entities
from newsprism.settings import Settings, load_settings
from newsprism.store import Store

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Bump when an extractor's output changes, so stored per-article facts are recomputed.
PIPELINE_VERSION = "14"
DEFAULT_DB = "newsprism.duckdb"


@dataclass
class Summary:
    """What one run did, for the CLI summary and for callers."""

    documents: int = 0  # in the store after the run
    new_documents: int = 0  # read (again) in this run
    articles: int = 0
    on_topic: int = 0
    duplicates: int = 0
    entities: int = 0
    discarded: list[Discarded] = field(default_factory=list)  # in this run
    skipped_files: int = 0
    skipped: list[Discarded] = field(default_factory=list)  # the files behind skipped_files, and why
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"documents:  {self.documents} ({self.new_documents} read in this run)",
            f"articles:   {self.articles} ({self.on_topic} on topic)",
            f"duplicates: {self.duplicates}",
            f"entities:   {self.entities}",
        ]
        for kind in ("figures", "quotes", "events", "stories"):
            if kind in self.counts:
                out.append(f"{kind + ':':11s} {self.counts[kind]}")
        out.append(f"discarded:  {len(self.discarded)}")
        out += [f"  {d.path}: {d.reason}" for d in self.discarded]
        if self.skipped_files:
            out.append(f"skipped:    {self.skipped_files} file(s) of unsupported types or hidden, in folders")
            out += [f"  {d.path}: {d.reason}" for d in self.skipped]
        out.append(f"time:       {self.seconds:.1f} s")
        return out


def document_version(doc: RawDocument) -> str:
    """Changes when anything that per-article facts depend on changes."""
    return content_id("ver", PIPELINE_VERSION, *to_json(doc).values())


def _event_mentions(doc: Doc, ctx: ArticleContext) -> list[tuple[str, Any]]:
    from newsprism.extract.events import extract_event_mentions

    out = []
    for m in extract_event_mentions(doc, ctx):
        mid = content_id("evm", ctx.article_id, m.evidence.start, m.trigger.start, m.trigger.end, m.plover_type)
        out.append((mid, {**to_json(m), "article_id": ctx.article_id, "mention_id": mid}))
    return out


def _dates(doc: Doc, ctx: ArticleContext) -> list[tuple[str, Any]]:
    """Date expressions resolved against the publication date, else the article's own latest date."""
    from newsprism.extract.dates import resolve_dates

    found = resolve_dates(doc, ctx)
    if ctx.published is None:
        explicit = [m.date_start for m in found
                    if m.anchor == "explicit" and m.precision == "day" and m.kind == "point" and m.date_start]
        if explicit:
            found = resolve_dates(doc, ctx, anchor_date=max(explicit), anchor_kind="relative_to_other_event")
    out = []
    for m in found:
        fact = DateFact(ctx.article_id, ctx.evidence(m.start, m.end), m.date_start, m.date_end, m.precision,
                        m.anchor, m.kind)
        out.append((content_id("dat", ctx.article_id, m.start, m.end), to_json(fact)))
    # a sentence that tells of the past with no date of its own takes the date the report is at
    # (the news peg, or the day last named): recorded here, resolved at the corpus stage
    points = [(m.start, m.end) for m in found if m.kind == "point"]
    for sent in doc.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in points) or not _tells_past(sent):
            continue
        fact = DateFact(ctx.article_id, ctx.evidence(sent.start_char, sent.end_char), None, None, "unknown",
                        "unknown", "implied")
        out.append((content_id("dat", ctx.article_id, sent.start_char, sent.end_char, "implied"), to_json(fact)))
    return out


def _tells_past(sent: Any) -> bool:
    """A sentence whose verbs report what happened: a past or present-perfect verb, no future or
    conditional modal ("will", "would", "could", "may")."""
    if any(t.tag_ == "MD" for t in sent):
        return False
    return any(t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.lemma_ == "have" for c in t.children)) for t in sent)


def extract_article(doc: Doc, ctx: ArticleContext) -> dict[str, list[tuple[str, Any]]]:
    """Every per-article extractor on one parsed article: fact kind -> [(fact id, JSON-able fact)].

    Quotes come first: framing and claims need to know which words are a source's, not the outlet's.
    """
    from newsprism.claims import extract_claims
    from newsprism.extract.figures import extract_figures
    from newsprism.extract.quotes import extract_quotes
    from newsprism.framing import article_framing, voices

    quotes = extract_quotes(doc, ctx)
    voiced = voices(doc, ctx, quotes)
    framing = article_framing(doc, ctx, quotes, voiced)
    return {
        "mentions": _mentions(doc, ctx),
        "figures": [(f.figure_id, to_json(f)) for f in extract_figures(doc, ctx)],
        "quotes": [(q.quote_id, to_json(q)) for q in quotes],
        "event_mentions": _event_mentions(doc, ctx),
        "dates": _dates(doc, ctx),
        "framing": [(content_id("frm", t.article_id, t.evidence.start, t.evidence.end, t.concept, t.term), to_json(t))
                    for t in framing],
        "claims": [(c.claim_id, to_json(c)) for c in extract_claims(doc, ctx, quotes, voiced)],
    }


def _mentions(doc: Doc, ctx: ArticleContext) -> list[tuple[str, dict[str, Any]]]:
    """NER mentions; place mentions carry their resolved ``place`` and ``geo_basis``, and the place
    names found outside the NER's place entities (inside an organisation's name, demonyms,
    datelines) are added with their ``source`` (entities and stories use only ``source: ner``)."""
    from newsprism.geocode import place_json, resolve_article_places

    places = resolve_article_places(doc, ctx.outlet)
    out = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES or not ent.text.strip():
            continue
        ev = ctx.evidence(ent.start_char, ent.end_char)
        mid = content_id("men", ctx.article_id, ev.start, ev.end, ent.label_)
        fact = {"mention_id": mid, "article_id": ctx.article_id, "label": ent.label_, "evidence": to_json(ev)}
        pm = places.pop((ent.start_char, ent.end_char), None)
        if pm is not None:
            fact.update(place=place_json(pm.place), geo_basis=pm.basis)
        out.append((mid, fact))
    for pm in places.values():
        ev = ctx.evidence(pm.start, pm.end)
        mid = content_id("men", ctx.article_id, ev.start, ev.end, pm.label, pm.source)
        out.append((mid, {"mention_id": mid, "article_id": ctx.article_id, "label": pm.label, "evidence": to_json(ev),
                          "source": pm.source, "place": place_json(pm.place), "geo_basis": pm.basis}))
    return out


def analyze(
    paths: list[str],
    db: str = DEFAULT_DB,
    manifest: str | None = None,
    *,
    progress: bool = False,
    settings: Settings | None = None,
) -> Summary:
    """Ingest files and folders into the store at ``db`` and run every stage.

    Args:
        paths: files and folders (walked recursively).
        db: the DuckDB file (created when missing).
        manifest: optional manifest (CSV or JSON) describing the pages.
        progress: draw a progress bar on stderr.
        settings: from ``load_settings()``; the defaults when None.

    Returns:
        A Summary; ``summary.discarded`` lists the inputs of this run that could not be used.

    Raises:
        StoreError: the database cannot be opened or written.
        ConfigError: the manifest or the NLP model is unusable.
    """
    started = time.perf_counter()
    settings = settings or load_settings()
    result = ingest(paths, manifest, max_bytes=settings.ingest.max_bytes)
    summary = Summary(discarded=list(result.discarded), skipped_files=len(result.skipped), skipped=result.skipped)
    with Store(db) as store:
        known = store.document_versions()
        todo = [d for d in result.documents if known.get(d.doc_id) != document_version(d)]
        with store.transaction():
            failed = _process_documents(store, todo, progress) if todo else []
            summary.discarded += failed
            failed_paths = {d.path for d in failed}
            store.record_discarded(summary.discarded,
                                   sorted({d.path for d in result.documents} - failed_paths))
            corpus_stage(store, settings)
        summary.new_documents = len(todo) - len(failed)
        counts = store.counts()
        summary.counts = counts
        summary.documents = counts["documents"]
        summary.articles = counts["articles"]
        summary.entities = counts.get("entities", 0)
        arts = store.articles()
        summary.on_topic = sum(1 for a, _ in arts if a.on_topic)
        summary.duplicates = sum(1 for a, _ in arts if a.duplicate_of)
    summary.seconds = time.perf_counter() - started
    return summary


# Analyzing one document is bounded by its size (the model's length limit); this is the backstop.
DOCUMENT_SECONDS = 300.0


def _process_documents(store: Store, documents: list[RawDocument], progress: bool) -> list[Discarded]:
    """Clean, parse and extract every document, each under a guard: a document that fails (or
    has an article over the model's length limit, or overruns its time budget) is set aside as
    Discarded with a one-line reason, nothing of it is stored, and the others go on."""
    from tqdm import tqdm

    from newsprism.extract import build_nlp
    from newsprism.ingest import CURRENT_INPUT, one_line, time_budget

    nlp = build_nlp()
    failed: list[Discarded] = []
    bar = tqdm(total=len(documents), desc="analyzing", unit="doc", file=sys.stderr, disable=not progress)
    for document in documents:
        token = CURRENT_INPUT.set(document.path)
        try:
            with time_budget(DOCUMENT_SECONDS, document.path):
                analyzed = analyze_document(nlp, document)
        except InputError as exc:
            failed.append(Discarded(document.path, one_line(exc.reason)))
            analyzed = None
        except Exception as exc:  # noqa: BLE001  one bad document must not end the run
            import logging

            logging.getLogger(__name__).debug("analyzing %s failed", document.path, exc_info=True)
            failed.append(Discarded(document.path, f"analysis failed ({type(exc).__name__}: {one_line(exc, 200)})"))
            analyzed = None
        finally:
            CURRENT_INPUT.reset(token)
        if analyzed is not None:
            store_analyzed(store, document, analyzed)
        bar.update(1)
    bar.close()
    return failed


Analyzed = list[tuple[Article, str, dict[str, list[tuple[str, Any]]]]]


def store_analyzed(store: Store, document: RawDocument, analyzed: Analyzed) -> None:
    """Write one document and its per-article facts (what ``analyze_document`` gave)."""
    # a newer version of a file replaces the older one stored under the same path
    for old in store.doc_ids_at_path(document.path):
        store.delete_document(old)
    store.put_document(document, document_version(document))
    for a, text, facts in analyzed:
        store.put_article(a, text)
        for kind, items in facts.items():
            store.put_facts(kind, a.article_id, items)


def analyze_document(nlp: Any, document: RawDocument) -> Analyzed:
    """(article, its masked text, its facts) for every article of one document; nothing stored.
    A pure function of the document and the model: the local and the Spark runner both call it.

    Raises:
        InputError: an article is longer than the NLP model reads in one piece.
    """
    cleaned = clean(document)
    for c in cleaned:
        if len(c.nlp_text) > nlp.max_length:
            raise InputError(document.path, f"article of {len(c.nlp_text):,} characters is over the NLP model's "
                                            f"limit of {nlp.max_length:,} (split the file)")
    out = []
    for c, doc in zip(cleaned, nlp.pipe([c.nlp_text for c in cleaned], batch_size=16)):
        a = c.article
        ctx = ArticleContext(doc_id=a.doc_id, article_id=a.article_id, offset=a.start,
                             text=document.text[a.start:a.end], published=a.published, outlet=a.outlet)
        out.append((a, c.nlp_text, extract_article(doc, ctx)))
    return out


def corpus_stage(store: Store, settings: Settings) -> None:
    """Everything that looks across articles: rebuilt from the stored per-article facts."""
    articles = store.articles()
    duplicates = find_duplicates(articles, settings.dedupe)
    mentions = [m for m in store.facts("mentions") if m.get("source", "ner") == "ner"]  # NER's, not the geoparser's
    places: dict[str, set[str]] = {}
    for m in mentions:
        if LABEL_TYPES.get(m["label"]) == "place":
            places.setdefault(m["article_id"], set()).add(name_key(m["evidence"]["text"]))
    linked, stories = build_stories(articles, duplicates, places, settings.cluster, _place_points(mentions))
    for a in linked:
        store.update_article_links(a)
    store.replace_corpus("stories", [(s.story_id, to_json(s)) for s in stories])
    on_topic = {a.article_id for a in linked if a.on_topic}
    story_of = {a.article_id: a.story_id for a in linked}
    entities, index = resolve_entities([m for m in mentions if m["article_id"] in on_topic], story_of)
    store.replace_corpus("entities", [(e.entity_id, to_json(e)) for e in entities])
    _link_entities(store, index)

    by_id = {a.article_id: a for a in linked}
    dates = _anchored_dates(store, linked)
    doc_order = {d.doc_id: i for i, d in enumerate(store.documents())}  # the store lists them by path
    events, triggers = code_events(store.facts("event_mentions"), dates, by_id, index, doc_order)
    store.replace_corpus("events", [(e.event_id, to_json(e)) for e in events])
    events_of: dict[str | None, list[Event]] = {}
    for e in events:
        events_of.setdefault(e.story_id, []).append(e)
    stories = [_with_period(s, events_of.get(s.story_id, [])) for s in stories]
    store.replace_corpus("stories", [(s.story_id, to_json(s)) for s in stories])

    figures = [from_json(Figure, f) for f in store.facts("figures") if f["article_id"] in on_topic]
    event_of = link_figures(figures, events, triggers)
    figures = [replace(f, event_id=event_of.get(f.figure_id)) for f in figures]
    for f in figures:
        store.put_facts("figures", f.article_id, [(f.figure_id, to_json(f))])
    tolls = event_fatalities(figures, by_id)
    events = [replace(e, fatalities=tolls.get(e.event_id)) for e in events]
    store.replace_corpus("events", [(e.event_id, to_json(e)) for e in events])
    # per story (every figure of the story, whatever event it is tied to), and per event where
    # figures are tied to one (what ACLED's fatalities come from)
    story_level = reconcile_figures([replace(f, event_id=None) for f in figures], by_id)
    event_level = [r for r in reconcile_figures([f for f in figures if f.event_id], by_id) if r.scope.event_id]
    reconciled = story_level + event_level
    store.replace_corpus("reconciled_figures", [(_reconciled_id(r), to_json(r)) for r in reconciled])
    contradictions = figure_contradictions(figures, by_id) + claim_contradictions(store.facts("claims"), linked)
    store.replace_corpus("contradictions", [(c.contradiction_id, to_json(c)) for c in contradictions])

    framing = corpus_framing(store.facts("framing"), entities, linked)
    store.replace_corpus("framing_terms", [
        (content_id("frm", t.article_id, t.evidence.start, t.evidence.end, t.concept, t.term), to_json(t)) for t in framing])


def _with_period(story: Story, events: list[Event]) -> Story:
    """A story's period covers its pages' publication dates and the days its events happened
    (day-dated events within a month of its busiest week: background history does not stretch it)."""
    days = sorted(e.date_start for e in events if e.story_id == story.story_id and e.date_precision == "day"
                  and e.date_start and not e.hypothetical)
    if not days:
        return story
    # the day that starts the busiest week: the days ahead of each, counted by a sliding window
    ordinal = [_ordinal(d) for d in days]
    ahead, j = [], 0
    for i, o in enumerate(ordinal):
        j = max(j, i)
        while j < len(ordinal) and ordinal[j] - o < 7:
            j += 1
        ahead.append(j - i)
    busiest = days[max(range(len(days)), key=lambda i: (ahead[i], -i))]
    near = [d for d in days if abs(_days(busiest, d)) <= 30]
    start = min(d for d in (story.period_start, near[0]) if d)
    end = max(d for d in (story.period_end, near[-1]) if d)
    return replace(story, period_start=start, period_end=end)


def _ordinal(day: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day).toordinal()


def _days(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


_WEAK_BASES = ("text", "text_latest", None)  # publication dates read from the page's own words


def _anchored_dates(store: Store, articles: list[Article]) -> dict[str, list[DateFact]]:
    """Every article's date facts: undated articles anchored on their story (its latest
    publication date, else its calendar), and sentences without a date given the day their
    report is at (``carry_dates``)."""
    by_article: dict[str, list[DateFact]] = {}
    for fact in store.facts("dates"):
        by_article.setdefault(fact["article_id"], []).append(from_json(DateFact, fact))
    by_story: dict[str | None, list[DateFact]] = {}
    published: dict[str | None, list[str]] = {}
    for a in articles:
        if a.on_topic:
            by_story.setdefault(a.story_id, []).extend(by_article.get(a.article_id, []))
            if a.published:
                published.setdefault(a.story_id, []).append(a.published)
    calendars = {story: story_calendar(facts) for story, facts in by_story.items()}
    by_id = {a.article_id: a for a in articles}
    out: dict[str, list[DateFact]] = {}
    for a in articles:
        if not a.on_topic:
            continue
        facts = sorted(by_article.get(a.article_id, []), key=lambda d: d.evidence.start)
        calendar = calendars.get(a.story_id, (None, None))
        latest = max(published.get(a.story_id, []), default=None)
        original = by_id.get(a.duplicate_of or "")
        if original is not None and original.published and original.published != a.published and (
                not a.published or (a.published_basis in _WEAK_BASES and original.published_basis not in _WEAK_BASES)):
            # a copy (a syndicated or scraped page) without a date of its own, or only the one its
            # text shows (a copier's stamp is later than the original), was written when its
            # original was: its relative dates are read again from the original's date
            calendar, latest = (None, calendar[1]), original.published
            facts = [DateFact(d.article_id, d.evidence, None, None, "unknown", "unknown", d.kind)
                     if d.anchor == "relative_to_published" else d for d in facts]
            a = replace(a, published=None)
        facts = reanchor(facts, a, *calendar, story_published=latest)
        out[a.article_id] = carry_dates(facts, *article_anchor(facts, a, *calendar, story_published=latest))
    return out


def _place_points(mentions: list[dict[str, Any]]) -> dict[str, list[tuple[float, float]]]:
    """article_id -> coordinates of the towns, districts and regions it names.

    Countries are too coarse, and national capitals usually stand for their state ("Moscow said"),
    so neither ties a report to a place.
    """
    from newsprism.geocode import geocode
    from newsprism.resolve import capital_of

    found: dict[str, Any] = {}
    out: dict[str, list[tuple[float, float]]] = {}
    for m in mentions:
        if LABEL_TYPES.get(m["label"]) != "place":
            continue
        name = m["evidence"]["text"]
        if name not in found:
            found[name] = geocode(name)
        place = found[name]
        if place is not None and place.lat is not None and place.lon is not None and place.where_prec <= 4 \
                and not capital_of(place):
            out.setdefault(m["article_id"], []).append((place.lat, place.lon))
    return out


def _reconciled_id(r: ReconciledFigure) -> str:
    return content_id("rfig", r.scope.story_id, r.scope.event_id, r.scope.metric, r.scope.who, *r.inputs)


def _link_entities(store: Store, index: EntityIndex) -> None:
    """Point the sources of figures and the speakers of quotes at the resolved entities."""
    for kind, ref_field, id_field in (("figures", "attributed_to", "figure_id"), ("quotes", "speaker", "quote_id")):
        for fact in store.facts(kind):
            ref = fact.get(ref_field)
            if not ref:
                continue
            entity_id = index.lookup(ref["name"])
            if entity_id != ref.get("entity_id"):
                fact[ref_field] = {**ref, "entity_id": entity_id}
                store.put_facts(kind, fact["article_id"], [(fact[id_field], fact)])
