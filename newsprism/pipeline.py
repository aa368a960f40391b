"""The pipeline: the only place that knows the order of the stages.

    ingest -> clean (articles, clutter) -> NLP + per-article extractors -> [store]
           -> dedupe -> stories/topic -> entities -> corpus records -> [store]

Per-article work is cached by content: a document whose text, metadata and pipeline version are
unchanged is not read again, so a second run on the same input changes nothing. Analyzed documents
are committed in batches (a killed run resumes where it stopped); the corpus stage runs in one
transaction of its own, and not at all when nothing it reads changed.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import replace
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsprism.clean import CleanArticle, clean
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
from newsprism.resolve import LABEL_TYPES, EntityIndex, name_key, resolve_entities, with_off_topic
from newsprism.settings import RunConfig, Settings, load_settings
from newsprism.store import Store

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Bump when an extractor's output changes, so stored per-article facts are recomputed.
PIPELINE_VERSION = "16"
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
        if any(s < sent.end_char and sent.start_char < e for s, e in points) or not (_tells_past(sent) or _tells_now(sent)):
            continue
        fact = DateFact(ctx.article_id, ctx.evidence(sent.start_char, sent.end_char), None, None, "unknown",
                        "unknown", "implied")
        out.append((content_id("dat", ctx.article_id, sent.start_char, sent.end_char, "implied"), to_json(fact)))
    return out


def _tells_now(sent: Any) -> bool:
    """A sentence that tells what goes on as the report is written ("the city is currently under
    fire"): its day is the report's."""
    return not any(t.tag_ == "MD" for t in sent) and any(t.lower_ in ("currently", "now") and t.pos_ == "ADV"
                                                         for t in sent)


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
    from newsprism.extract import doc_text
    from newsprism.extract.figures import extract_figures
    from newsprism.extract.quotes import extract_quotes, find_quote_spans, quoted_ranges
    from newsprism.extract.speakers import SpeakerResolver
    from newsprism.framing import article_framing, voices

    # who speaks where is read once from the whole article: the quotes and the voices share it
    speakers = SpeakerResolver(doc, quoted_ranges(find_quote_spans(doc_text(doc))))
    quotes = extract_quotes(doc, ctx, resolver=speakers)
    voiced = voices(doc, ctx, quotes, resolver=speakers)
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

    Analyzed documents are committed in batches as the run goes (a run killed mid-way resumes
    where it stopped); the corpus stage then runs in a transaction of its own, and only when its
    inputs (document versions, settings, pipeline version) changed since it last ran.

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
        failed = _process_documents(store, todo, progress, settings.run) if todo else []
        summary.discarded += failed
        failed_paths = {d.path for d in failed}
        with store.transaction():
            store.record_discarded(summary.discarded, sorted({d.path for d in result.documents} - failed_paths))
            fingerprint = corpus_fingerprint(store, settings)
            if store.corpus_fingerprint() != fingerprint:
                corpus_stage(store, settings)
                from newsprism.corrections import apply_corrections

                apply_corrections(store)  # a coder's corrections, on top of every rebuilt record
                store.set_corpus_fingerprint(fingerprint)
        summary.new_documents = len(todo) - len(failed)
        counts = store.counts()
        summary.counts = counts
        summary.documents = counts["documents"]
        summary.articles = counts["articles"]
        summary.entities = counts.get("entities", 0)
        summary.on_topic, summary.duplicates = store.topic_counts()
    summary.seconds = time.perf_counter() - started
    return summary


def corpus_fingerprint(store: Store, settings: Settings) -> str:
    """What the corpus stage reads: every stored document's version (its content, metadata and
    the pipeline version), the settings of the corpus stages, and the pipeline version."""
    versions = sorted(f"{doc_id}={version}" for doc_id, version in store.document_versions().items())
    return content_id("corpus", PIPELINE_VERSION, repr(settings.dedupe), repr(settings.cluster), *versions)


# Analyzing one document is bounded by its size (the model's length limit); this is the backstop
# (for cleaning and for extracting, each).
DOCUMENT_SECONDS = 300.0


def _process_documents(store: Store, documents: list[RawDocument], progress: bool,
                       run: RunConfig | None = None) -> list[Discarded]:
    """Clean, parse and extract every document (``analyze_documents``) and commit the results in
    batches (``run.commit_documents`` documents or ``run.commit_seconds``, whichever comes first).
    A document that fails is set aside as Discarded with a one-line reason and nothing of it is
    stored; the others go on."""
    from tqdm import tqdm

    from newsprism.extract import build_nlp

    run = run or RunConfig()
    nlp = build_nlp()
    if run.processes() > 1:
        _workers_die_with_parent()
    failed: list[Discarded] = []
    pending: list[tuple[RawDocument, Analyzed]] = []
    bar = tqdm(total=len(documents), desc="analyzing", unit="doc", file=sys.stderr, disable=not progress)
    started = last_commit = time.monotonic()
    n_articles = 0

    committed = 0

    def commit() -> None:
        nonlocal committed
        if pending:
            with store.transaction():
                store_batch(store, pending)
            committed += len(pending)
            pending.clear()
            logging.getLogger(__name__).info("committed %d of %d documents", committed, len(documents))

    for document, outcome in analyze_documents(nlp, documents, n_process=run.processes(), batch_size=run.batch_size):
        if isinstance(outcome, Discarded):
            failed.append(outcome)
        else:
            pending.append((document, outcome))
            n_articles += len(outcome)
        if len(pending) >= run.commit_documents or time.monotonic() - last_commit >= run.commit_seconds:
            commit()
            last_commit = time.monotonic()
        bar.set_postfix_str(f"{n_articles / max(time.monotonic() - started, 1e-9):.1f} articles/s", refresh=False)
        bar.update(1)
    commit()
    bar.close()
    return failed


_FORK_HOOKED = False


def _workers_die_with_parent() -> None:
    """spaCy's workers are forked and wait on a queue for texts: were this process killed
    (SIGKILL, the OOM killer), they would wait forever holding a model each. On Linux, ask the
    kernel to kill every process forked from here when this one dies."""
    global _FORK_HOOKED
    if _FORK_HOOKED or not sys.platform.startswith("linux"):
        return
    import ctypes
    import os
    import signal

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig = 1
    os.register_at_fork(after_in_child=lambda: prctl(pr_set_pdeathsig, signal.SIGKILL))
    _FORK_HOOKED = True


Analyzed = list[tuple[Article, str, dict[str, list[tuple[str, Any]]]]]


def analyze_guarded(nlp: Any, document: RawDocument) -> Analyzed | Discarded:
    """``analyze_document`` under the guard of the local path, for a runner that calls it alone
    (Spark): its time budget, and a failure as a Discarded with a one-line reason, not an exception."""
    return _guarded(document, lambda: analyze_document(nlp, document))


def store_analyzed(store: Store, document: RawDocument, analyzed: Analyzed) -> None:
    """Write one document and its per-article facts (what ``analyze_document`` gave)."""
    store_batch(store, [(document, analyzed)])


def store_batch(store: Store, items: list[tuple[RawDocument, Analyzed]]) -> None:
    """Write documents and their per-article facts, a few bulk statements for the whole batch."""
    # a newer version of a file replaces the older one stored under the same path
    store.delete_documents_at(document.path for document, _ in items)
    store.put_documents((document, document_version(document)) for document, _ in items)
    store.put_articles((a, text) for _, analyzed in items for a, text, _ in analyzed)
    store.put_fact_rows((kind, fid, a.article_id, data) for _, analyzed in items for a, _, facts in analyzed
                        for kind, rows in facts.items() for fid, data in rows)


def analyze_document(nlp: Any, document: RawDocument) -> Analyzed:
    """(article, its masked text, its facts) for every article of one document; nothing stored.
    A pure function of the document and the model: the local and the Spark runner both call it.

    Raises:
        InputError: an article is longer than the NLP model reads in one piece.
    """
    cleaned = _prepare(nlp, document)
    return _extract(document, cleaned, list(nlp.pipe([c.nlp_text for c in cleaned], batch_size=16)))


def _prepare(nlp: Any, document: RawDocument) -> list[CleanArticle]:
    """The document's articles, cleaned, each checked against the model's length limit."""
    cleaned = clean(document)
    for c in cleaned:
        if len(c.nlp_text) > nlp.max_length:
            raise InputError(document.path, f"article of {len(c.nlp_text):,} characters is over the NLP model's "
                                            f"limit of {nlp.max_length:,} (split the file)")
    return cleaned


def _extract(document: RawDocument, cleaned: list[CleanArticle], docs: list[Doc]) -> Analyzed:
    out = []
    for c, doc in zip(cleaned, docs, strict=True):
        a = c.article
        ctx = ArticleContext(doc_id=a.doc_id, article_id=a.article_id, offset=a.start,
                             text=document.text[a.start:a.end], published=a.published, outlet=a.outlet)
        out.append((a, c.nlp_text, extract_article(doc, ctx)))
    return out


def _guarded(document: RawDocument, step: Callable[[], Any]) -> Any:
    """``step()`` under the per-document guard: its result, or the Discarded that says why it failed."""
    from newsprism.ingest import CURRENT_INPUT, one_line, time_budget

    token = CURRENT_INPUT.set(document.path)
    try:
        with time_budget(DOCUMENT_SECONDS, document.path):
            return step()
    except InputError as exc:
        return Discarded(document.path, one_line(exc.reason))
    except Exception as exc:  # noqa: BLE001  one bad document must not end the run
        logging.getLogger(__name__).debug("analyzing %s failed", document.path, exc_info=True)
        return Discarded(document.path, f"analysis failed ({type(exc).__name__}: {one_line(exc, 200)})")
    finally:
        CURRENT_INPUT.reset(token)


def analyze_documents(nlp: Any, documents: Sequence[RawDocument], *, n_process: int = 1,
                      batch_size: int = 32) -> Iterator[tuple[RawDocument, Analyzed | Discarded]]:
    """``analyze_document`` over many documents, in their order, with spaCy over the whole stream
    (``nlp.pipe`` across documents, ``n_process`` workers) instead of one call per document.

    Each document is cleaned and extracted under the per-document guard: one that fails comes
    out as a Discarded with its one-line reason and the rest go on. Should the model itself fail
    on a batch, the documents of that batch are analyzed one by one (``analyze_document``, under
    the guard) and the stream starts again after them.
    """
    done = 0
    while done < len(documents):
        try:
            for index, outcome in _analyze_stream(nlp, documents, done, n_process, batch_size):
                done = index + 1
                yield documents[index], outcome
        except Exception:  # noqa: BLE001  the model failed somewhere in the batch in flight
            logging.getLogger(__name__).debug("nlp.pipe failed after %d documents", done, exc_info=True)
            for document in documents[done:done + batch_size]:
                yield document, _guarded(document, lambda: analyze_document(nlp, document))  # noqa: B023
            done += batch_size


@dataclass
class _InFlight:
    """A document between cleaning and extraction: its articles and the parses received so far."""

    index: int
    outcome: Analyzed | Discarded | None = None  # set once cleaned-and-failed, or extracted
    cleaned: list[CleanArticle] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)


def _analyze_stream(nlp: Any, documents: Sequence[RawDocument], start: int, n_process: int,
                    batch_size: int) -> Iterator[tuple[int, Analyzed | Discarded]]:
    """(index, outcome) for documents[start:], in order: cleaned as ``nlp.pipe`` pulls their texts,
    extracted once every article of the document is parsed."""
    from collections import deque

    queue: deque[_InFlight] = deque()  # documents cleaned (or failed), in order, not yet given out

    def texts() -> Iterator[tuple[str, int]]:
        for index in range(start, len(documents)):
            document = documents[index]
            item = _InFlight(index)
            prepared = _guarded(document, lambda: _prepare(nlp, document))  # noqa: B023
            if isinstance(prepared, Discarded):
                item.outcome = prepared
            else:
                item.cleaned = prepared
            queue.append(item)
            for c in item.cleaned:
                yield c.nlp_text, index

    def ready() -> Iterator[tuple[int, Analyzed | Discarded]]:
        while queue:
            head = queue[0]
            if head.outcome is None and len(head.docs) < len(head.cleaned):
                return
            if head.outcome is None:
                document = documents[head.index]
                head.outcome = _guarded(document, lambda: _extract(document, head.cleaned, head.docs))  # noqa: B023
            queue.popleft()
            yield head.index, head.outcome

    for doc, index in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        # parses come in the order the texts went in, so the document is in the queue
        next(item for item in queue if item.index == index).docs.append(doc)
        yield from ready()
    yield from ready()
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
    store.update_articles_links(linked)
    store.replace_corpus("stories", [(s.story_id, to_json(s)) for s in stories])
    on_topic = {a.article_id for a in linked if a.on_topic}
    story_of = {a.article_id: a.story_id for a in linked}
    entities, index = resolve_entities([m for m in mentions if m["article_id"] in on_topic], story_of)
    # off-topic pages keep their entities (flagged); the index that links events stays the story's
    off_entities, _ = resolve_entities([m for m in mentions if m["article_id"] not in on_topic], story_of)
    entities = with_off_topic(entities, off_entities)
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
    store.put_fact_rows(("figures", f.figure_id, f.article_id, to_json(f)) for f in figures)
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

    framing = corpus_framing(store.facts("framing"), [e for e in entities if not e.off_topic], linked)
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
    changed = []
    for kind, ref_field, id_field in (("figures", "attributed_to", "figure_id"), ("quotes", "speaker", "quote_id")):
        for fact in store.facts(kind):
            ref = fact.get(ref_field)
            if not ref:
                continue
            entity_id = index.lookup(ref["name"])
            if entity_id != ref.get("entity_id"):
                fact[ref_field] = {**ref, "entity_id": entity_id}
                changed.append((kind, fact[id_field], fact["article_id"], fact))
    store.put_fact_rows(changed)
