"""The record, indexed for reading: pure functions over the record dict (``shared/SCHEMA.md``).

The web UI, its JSON twins and the brief all read the record through :class:`RecordView`, so a
page and its ``.json`` twin show the same facts, and everything here is testable with a record
dict built by hand. Nothing is inferred that the record does not hold: a story's events are the
events whose ``story_id`` (or a reporting article) says so; a figure belongs to the story of its
article; evidence is placed in the article whose span contains it.
"""

from __future__ import annotations

import bisect
import re
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsprism.filters import iso_day as parse_date  # one reading of ISO dates for the views
from newsprism.records import content_id

# Display order of fact kinds: a span covered by several facts selects the first kind listed.
FACT_KINDS = ("figure", "quote", "event", "contradiction", "framing", "mention")

METRIC_ORDER = ("killed", "wounded", "killed_or_wounded", "missing", "displaced", "evacuated", "detained", "other")
WHO_ORDER = ("all", "civilians", "combatants", "military", "police", "peacekeepers", "children", "unknown")

# PLOVER event types from cooperation to conflict (the order lanes are drawn in).
PLOVER_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# spaCy mention label -> entity type (as newsprism.resolve groups them)
_LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "population"}


# words that are never an actor's name: a pronoun left by extraction names nobody
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which",
                      "his", "its", "their", "our", "my", "your", "this", "that", "these", "those"})


def actor_name(ref: Any) -> str | None:
    """How a page names an actor: ACLED's actor name when it has one, else its name; None for a
    pronoun or a possessive ("he", "their"), which names nobody."""
    if not isinstance(ref, dict):
        return None
    name = str(ref.get("acled_name") or ref.get("name") or "").strip()
    if not name or name.casefold() in PRONOUNS or str(ref.get("name") or "").strip().casefold() in PRONOUNS:
        return None
    return name


def actor_names(refs: Any) -> list[str]:
    """The distinct named actors of a list of references (pronouns left out)."""
    return list(dict.fromkeys(n for r in refs or [] if (n := actor_name(r))))


def is_actual(e: dict[str, Any]) -> bool:
    """A happening that took place in the story's period: realis actual (records before happenings
    carry only ``negated``/``hypothetical``), not background history."""
    realis = e.get("realis") or ("negated" if e.get("negated") else "hypothetical" if e.get("hypothetical") else "actual")
    return realis == "actual" and not e.get("background") and not e.get("negated")


def evidence_list(record: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A record's evidence as a list (figures carry one span, events a list)."""
    if not record:
        return []
    ev = record.get("evidence")
    if isinstance(ev, dict):
        return [ev]
    if isinstance(ev, list):
        return [e for e in ev if isinstance(e, dict)]
    return []


def in_period(events: list[dict[str, Any]], start: str | None, end: str | None) -> tuple[list[dict[str, Any]], int]:
    """Events dated within a story's period (three days' margin), in date order, and how many dated
    events fall outside it (background history such as "the 2020 war")."""
    d0, d1 = parse_date(start), parse_date(end)
    if d0 is None or d1 is None:
        return events, 0
    margin = dt.timedelta(days=3)
    dated = [(d, e) for e in events if (d := parse_date(e.get("date_start"))) is not None]
    keep = [e for d, e in dated if d0 - margin <= d <= d1 + margin]
    return sorted(keep, key=lambda e: (e["date_start"], -len(e.get("reported_by") or []))), len(dated) - len(keep)


def framing_id(term: dict[str, Any]) -> str:
    """Framing terms carry no id in the schema: a stable one from what they say and where."""
    ev = evidence_list(term)
    where = (ev[0].get("doc"), ev[0].get("start"), ev[0].get("end")) if ev else (None, None, None)
    return content_id("frm", term.get("article_id"), *where, term.get("concept"), term.get("term"))


def reconciled_id(rec: dict[str, Any]) -> str:
    """Reconciled figures carry no id in the schema: a stable one from their scope."""
    s = rec.get("scope") or {}
    return content_id("rec", s.get("story_id"), s.get("event_id"), s.get("metric"), s.get("who"))


# entity types that a mention's NER type may have become (a GPE may resolve to a state, an ORG to an armed group)
_TYPE_FAMILY = {"place": "place", "state": "place", "org": "org", "armed_group": "org", "person": "person",
                "population": "population"}


def mention_type(mention: dict[str, Any]) -> str | None:
    return _LABEL_TYPES.get(str(mention.get("label")))


@dataclass
class Fact:
    """One record that points at text: its id, kind, the record itself and its evidence spans."""

    fact_id: str
    kind: str
    record: dict[str, Any]
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"fact_id": self.fact_id, "kind": self.kind, "record": self.record}


class RecordView:
    """Indexes over one record dict (plus, optionally, document texts and entity mentions).

    Args:
        record: the export's dict (``newsprism.load_record``).
        texts: document text by doc_id (article pages and evidence checks need it).
        mentions: stored entity mention facts (``Store.facts("mentions")``), for entity pages.
    """

    def __init__(self, record: dict[str, Any], texts: dict[str, str] | None = None,
                 mentions: list[dict[str, Any]] | None = None) -> None:
        self.record = record
        self.texts = texts or {}
        get = record.get
        self.documents: dict[str, dict[str, Any]] = {d["doc_id"]: d for d in get("documents") or []}
        self.articles: dict[str, dict[str, Any]] = {a["article_id"]: a for a in get("articles") or []}
        self.stories: dict[str, dict[str, Any]] = {s["story_id"]: s for s in get("stories") or []}
        self.entities: dict[str, dict[str, Any]] = {e["entity_id"]: e for e in get("entities") or []}
        self.events: dict[str, dict[str, Any]] = {e["event_id"]: e for e in get("events") or [] if e.get("event_id")}
        self.figures: dict[str, dict[str, Any]] = {f["figure_id"]: f for f in get("figures") or [] if f.get("figure_id")}
        self.quotes: dict[str, dict[str, Any]] = {q["quote_id"]: q for q in get("quotes") or [] if q.get("quote_id")}
        self.contradictions: dict[str, dict[str, Any]] = {
            c["contradiction_id"]: c for c in get("contradictions") or [] if c.get("contradiction_id")}
        self.reconciled: list[dict[str, Any]] = list(get("reconciled_figures") or [])
        self.framing: dict[str, dict[str, Any]] = {framing_id(t): t for t in get("framing_terms") or []}
        self.discarded: list[dict[str, Any]] = list(get("discarded") or [])
        # a document's articles by start offset, to place evidence in the article that holds it
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in self.articles.values():
            by_doc[a["doc_id"]].append(a)
        self._doc_articles = {d: sorted(arts, key=lambda a: (a["start"], a["seq"])) for d, arts in by_doc.items()}
        self._doc_starts = {d: [a["start"] for a in arts] for d, arts in self._doc_articles.items()}
        self.story_articles: dict[str, list[str]] = {}
        for sid, s in self.stories.items():
            self.story_articles[sid] = [aid for aid in s.get("article_ids") or [] if aid in self.articles]
        for a in self.articles.values():
            a_sid = a.get("story_id")
            if a_sid in self.story_articles and a["article_id"] not in self.story_articles[a_sid]:
                self.story_articles[a_sid].append(a["article_id"])
        # entity lookup for mentions that carry no entity_id: (type family, name key of a surface form),
        # the most mentioned entity first; a key that names one entity only also matches across types
        self._alias_index: dict[tuple[str, str], str] = {}
        by_key: dict[str, set[str]] = defaultdict(set)
        for e in sorted(self.entities.values(), key=lambda e: (-int(e.get("mentions") or 0), e["entity_id"])):
            family = _TYPE_FAMILY.get(str(e.get("type")), str(e.get("type")))
            for alias in [e.get("canonical_name"), *(e.get("aliases") or [])]:
                if alias:
                    key = _name_key(str(alias))
                    self._alias_index.setdefault((family, key), e["entity_id"])
                    by_key[key].add(e["entity_id"])
        self._unique_key = {k: next(iter(ids)) for k, ids in by_key.items() if len(ids) == 1}
        self.mentions: list[dict[str, Any]] = [m for m in mentions or []
                                               if m.get("article_id") in self.articles]

    # -- places and labels ----------------------------------------------------------------------
    def article_at(self, doc_id: str | None, start: int | None) -> dict[str, Any] | None:
        """The article of ``doc_id`` whose span holds offset ``start``."""
        if doc_id not in self._doc_articles or not isinstance(start, int):
            return None
        arts = self._doc_articles[doc_id]
        i = bisect.bisect_right(self._doc_starts[doc_id], start) - 1
        for a in arts[max(i - 1, 0):i + 2]:
            if a["start"] <= start < a["end"] or (start == a["end"] == a["start"]):
                return a
        return None

    def article_of_evidence(self, ev: dict[str, Any]) -> dict[str, Any] | None:
        return self.article_at(ev.get("doc"), ev.get("start"))

    def evidence_ok(self, ev: dict[str, Any]) -> bool | None:
        """Whether the evidence text equals the stored slice (None when the text is not loaded)."""
        text = self.texts.get(str(ev.get("doc")))
        if text is None:
            return None
        s, e = ev.get("start"), ev.get("end")
        return isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text) and text[s:e] == ev.get("text")

    def outlet(self, article_id: str | None) -> str:
        a = self.articles.get(str(article_id))
        return (a or {}).get("outlet") or "unnamed outlet"

    def article_title(self, article_id: str | None) -> str:
        a = self.articles.get(str(article_id))
        return (a or {}).get("title") or "untitled"

    def article_date(self, article_id: str | None) -> str | None:
        a = self.articles.get(str(article_id)) or {}
        doc = self.documents.get(str(a.get("doc_id"))) or {}
        return a.get("published") or doc.get("published")

    def name_of(self, value: Any) -> str | None:
        """A record's reference as people read it: an entity id becomes the entity's name (a
        framing term's ``refers_to``, say); any other label stays as it is."""
        if value is None or value == "":
            return None
        ent = self.entities.get(str(value))
        if ent:
            return str(ent.get("canonical_name") or "an unnamed entity")
        return None if _looks_like_id(str(value)) else str(value)

    def entity_for_mention(self, mention: dict[str, Any]) -> str | None:
        if mention.get("entity_id"):
            return str(mention["entity_id"])
        etype = mention_type(mention)
        text = str((mention.get("evidence") or {}).get("text") or "")
        if not etype or not text:
            return None
        key = _name_key(text)
        return self._alias_index.get((_TYPE_FAMILY.get(etype, etype), key)) or self._unique_key.get(key)

    # -- story membership -----------------------------------------------------------------------
    def story_of_article(self, article_id: str | None) -> str | None:
        a = self.articles.get(str(article_id))
        return a.get("story_id") if a else None

    def event_story(self, event: dict[str, Any]) -> str | None:
        if event.get("story_id"):
            return str(event["story_id"])
        for aid in event.get("reported_by") or []:
            if self.story_of_article(aid):
                return self.story_of_article(aid)
        for ev in evidence_list(event):
            a = self.article_of_evidence(ev)
            if a and a.get("story_id"):
                return str(a["story_id"])
        return None

    def claim_article(self, claim: dict[str, Any]) -> str | None:
        """The article a contradiction claim rests on (via its figure, quote or evidence)."""
        if claim.get("figure_id") in self.figures:
            return str(self.figures[claim["figure_id"]].get("article_id"))
        if claim.get("quote_id") in self.quotes:
            return str(self.quotes[claim["quote_id"]].get("article_id"))
        ev = claim.get("evidence")
        if isinstance(ev, dict):
            a = self.article_of_evidence(ev)
            if a:
                return str(a["article_id"])
        if claim.get("source") in self.articles:
            return str(claim["source"])
        return None

    def claim_evidence(self, claim: dict[str, Any]) -> dict[str, Any] | None:
        if claim.get("figure_id") in self.figures:
            ev = evidence_list(self.figures[claim["figure_id"]])
            return ev[0] if ev else None
        if claim.get("quote_id") in self.quotes:
            ev = evidence_list(self.quotes[claim["quote_id"]])
            return ev[0] if ev else None
        own = claim.get("evidence")
        return own if isinstance(own, dict) else None

    def contradiction_story(self, c: dict[str, Any]) -> str | None:
        if c.get("story_id"):
            return str(c["story_id"])
        for claim in c.get("claims") or []:
            sid = self.story_of_article(self.claim_article(claim))
            if sid:
                return sid
        return None

    def story(self, story_id: str) -> dict[str, Any] | None:
        return self.stories.get(story_id)

    def story_events(self, story_id: str) -> list[dict[str, Any]]:
        events = [e for e in self.events.values() if self.event_story(e) == story_id]
        return sorted(events, key=_event_sort_key)

    def story_figures(self, story_id: str) -> list[dict[str, Any]]:
        figs = [f for f in self.figures.values() if self.story_of_article(f.get("article_id")) == story_id]
        return sorted(figs, key=lambda f: (_order(METRIC_ORDER, f.get("metric")), _order(WHO_ORDER, f.get("who")),
                                           f.get("as_of") or self.article_date(f.get("article_id")) or "9999",
                                           f.get("figure_id") or ""))

    def story_reconciled(self, story_id: str) -> list[dict[str, Any]]:
        out = []
        for r in self.reconciled:
            scope = r.get("scope") or {}
            sid = scope.get("story_id")
            if sid is None:  # scope without a story: it belongs where its inputs are
                sids = {self.story_of_article(self.figures.get(fid, {}).get("article_id")) for fid in r.get("inputs") or []}
                sid = sids.pop() if len(sids) == 1 else None
            if sid == story_id:
                out.append(r)
        return sorted(out, key=lambda r: (_order(METRIC_ORDER, (r.get("scope") or {}).get("metric")),
                                          _order(WHO_ORDER, (r.get("scope") or {}).get("who")),
                                          str((r.get("scope") or {}).get("event_id") or "")))

    def story_quotes(self, story_id: str) -> list[dict[str, Any]]:
        return [q for q in self.quotes.values() if self.story_of_article(q.get("article_id")) == story_id]

    def story_contradictions(self, story_id: str) -> list[dict[str, Any]]:
        return [c for c in self.contradictions.values() if self.contradiction_story(c) == story_id]

    def story_framing(self, story_id: str) -> list[dict[str, Any]]:
        return [t for t in self.framing.values() if self.story_of_article(t.get("article_id")) == story_id]

    def story_outlets(self, story_id: str) -> list[str]:
        counts = Counter(self.outlet(aid) for aid in self.story_articles.get(story_id, []))
        return sorted(counts, key=lambda o: (o == "unnamed outlet", -counts[o], o))

    def story_period(self, story_id: str) -> tuple[str | None, str | None]:
        """The story's period as stored, else the span of its events' and articles' dates."""
        s = self.stories.get(story_id) or {}
        if s.get("period_start") or s.get("period_end"):
            return s.get("period_start"), s.get("period_end")
        dates: list[str] = [str(d) for e in self.story_events(story_id) for d in (e.get("date_start"), e.get("date_end"))
                            if parse_date(d)]
        dates += [str(d) for aid in self.story_articles.get(story_id, [])
                  if (d := self.article_date(aid)) and parse_date(d)]
        if not dates:
            return None, None
        dates.sort()
        return dates[0][:10], dates[-1][:10]

    def stories_by_size(self) -> list[dict[str, Any]]:
        return sorted(self.stories.values(), key=lambda s: (-len(self.story_articles.get(s["story_id"], [])),
                                                            s["story_id"]))

    # -- facts placed in text -------------------------------------------------------------------
    def all_facts(self) -> Iterable[Fact]:
        for fid, f in self.figures.items():
            yield Fact(fid, "figure", f, evidence_list(f))
        for fid, q in self.quotes.items():
            yield Fact(fid, "quote", q, evidence_list(q))
        for fid, e in self.events.items():
            # a happening is marked at the words that name the act (its mentions' triggers), not
            # at whole sentences: a sentence-long mark would bury the figures and quotes inside it
            triggers = [m["trigger"] for m in e.get("mentions") or []
                        if isinstance(m, dict) and isinstance(m.get("trigger"), dict)]
            yield Fact(fid, "event", e, triggers or evidence_list(e))
        for fid, c in self.contradictions.items():
            evs = [ev for claim in c.get("claims") or [] if isinstance(ev := claim.get("evidence"), dict)]
            yield Fact(fid, "contradiction", c, evs)
        for fid, t in self.framing.items():
            yield Fact(fid, "framing", t, evidence_list(t))
        for m in self.mentions:
            mid = str(m.get("mention_id") or content_id("men", m.get("article_id"), *_ev_key(m)))
            yield Fact(mid, "mention", m, evidence_list(m))

    def facts_in_span(self, doc_id: str, start: int, end: int) -> list[Fact]:
        """Facts with evidence inside ``[start, end)`` of a document (only that evidence kept)."""
        out = []
        for fact in self.all_facts():
            evs = [ev for ev in fact.evidence if ev.get("doc") == doc_id and isinstance(ev.get("start"), int)
                   and isinstance(ev.get("end"), int) and start <= ev["start"] and ev["end"] <= end]
            if evs:
                out.append(Fact(fact.fact_id, fact.kind, fact.record, evs))
        out.sort(key=lambda f: (FACT_KINDS.index(f.kind), f.evidence[0]["start"], f.fact_id))
        return out

    def related(self, fact: Fact) -> list[dict[str, Any]]:
        """Records that refer to a fact: reconciliations using a figure, contradictions citing it."""
        out: list[dict[str, Any]] = []
        if fact.kind == "figure":
            for r in self.reconciled:
                excluded = {x.get("figure_id"): x.get("reason") for x in r.get("excluded") or []}
                if fact.fact_id in (r.get("inputs") or []) or fact.fact_id in excluded:
                    out.append({"kind": "reconciled_figure", "id": reconciled_id(r), "record": r,
                                "role": "input" if fact.fact_id in (r.get("inputs") or [])
                                else f"excluded: {excluded[fact.fact_id]}"})
        if fact.kind in ("figure", "quote"):
            key = f"{fact.kind}_id"
            for c in self.contradictions.values():
                if any(claim.get(key) == fact.fact_id for claim in c.get("claims") or []):
                    out.append({"kind": "contradiction", "id": c["contradiction_id"], "record": c})
        if fact.kind == "figure" and fact.record.get("event_id") in self.events:
            out.append({"kind": "event", "id": fact.record["event_id"], "record": self.events[fact.record["event_id"]]})
        return out

    # -- entities -------------------------------------------------------------------------------
    def entity_mentions(self, entity_id: str) -> list[dict[str, Any]]:
        return [m for m in self.mentions if self.entity_for_mention(m) == entity_id]

    def entity_events(self, entity_id: str) -> list[dict[str, Any]]:
        def involved(e: dict[str, Any]) -> bool:
            refs = [*(e.get("actors") or []), *(e.get("recipients") or []), e.get("location") or {}]
            return any(isinstance(r, dict) and r.get("entity_id") == entity_id for r in refs)

        return sorted((e for e in self.events.values() if involved(e)), key=_event_sort_key)

    def entity_quotes(self, entity_id: str) -> list[dict[str, Any]]:
        return [q for q in self.quotes.values() if (q.get("speaker") or {}).get("entity_id") == entity_id]

    def entity_figures(self, entity_id: str) -> list[dict[str, Any]]:
        return [f for f in self.figures.values() if (f.get("attributed_to") or {}).get("entity_id") == entity_id]


_ID = re.compile(r"^(?:[a-z]{3}_[0-9a-f]{8,}|[0-9a-f]{16,})$")


def _looks_like_id(value: str) -> bool:
    """A newsprism content id (``ent_0af8…``, ``evt_…``) or a bare hex digest: never shown to people."""
    return bool(_ID.match(value.strip()))


def _name_key(name: str) -> str:
    try:
        from newsprism.resolve import name_key
    except ImportError:  # pragma: no cover - resolve is part of the package
        return " ".join(name.lower().split())
    return name_key(name)


def _ev_key(record: dict[str, Any]) -> tuple[Any, ...]:
    ev = evidence_list(record)
    return (ev[0].get("doc"), ev[0].get("start"), ev[0].get("end")) if ev else ()


def _order(seq: tuple[str, ...], value: Any) -> int:
    return seq.index(value) if value in seq else len(seq)


def _event_sort_key(e: dict[str, Any]) -> tuple[str, int, str]:
    return (str(e.get("date_start") or "9999"), _order(PLOVER_ORDER, e.get("plover_type")), str(e.get("event_id")))


def side_of_quote(view: RecordView, quote: dict[str, Any]) -> str | None:
    """The side a quote speaks for, when the record says it (``side`` on the quote, speaker or entity)."""
    speaker = quote.get("speaker") or {}
    for source in (quote, speaker, view.entities.get(str(speaker.get("entity_id"))) or {}):
        side = source.get("side")
        if isinstance(side, str) and side:
            return side
    return None
