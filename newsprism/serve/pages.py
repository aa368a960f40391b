"""What each page shows, as plain JSON-able data: the ``.json`` twin of a page is exactly this.

``web.py`` renders these dicts (adding charts and marked-up text); ``api.py`` returns them as
they are. All functions take a :class:`~newsprism.serve.data.Snapshot` and raise
:class:`NotFound` for an unknown id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from newsprism.serve.data import Snapshot, tokens
from newsprism.serve.text import snippet
from newsprism.serve.view import (
    METRIC_ORDER,
    WHO_ORDER,
    Fact,
    RecordView,
    evidence_list,
    framing_id,
    reconciled_id,
    side_of_quote,
)


class NotFound(Exception):
    """An id that names nothing in the record; the message says which."""


def q(value: Any) -> str:
    return quote(str(value), safe="")


def evidence_href(view: RecordView, ev: dict[str, Any] | None, fact_id: str | None = None) -> str | None:
    """The page showing ``ev`` highlighted: its article (or its document when no article holds it)."""
    if not ev or not isinstance(ev.get("start"), int) or not isinstance(ev.get("end"), int):
        return None
    params = {"hl": f"{ev['start']}-{ev['end']}"}
    if fact_id:
        params["fact"] = fact_id
    a = view.article_of_evidence(ev)
    if a:
        return f"/articles/{q(a['article_id'])}?{urlencode(params)}#hl"
    if ev.get("doc") in view.documents:
        return f"/documents/{q(ev['doc'])}?{urlencode(params)}#hl"
    return None


def fact_href(view: RecordView, record: dict[str, Any], fact_id: str | None) -> str | None:
    evs = evidence_list(record)
    return evidence_href(view, evs[0], fact_id) if evs else None


def article_summary(view: RecordView, a: dict[str, Any]) -> dict[str, Any]:
    doc = view.documents.get(a["doc_id"]) or {}
    return {
        "article_id": a["article_id"], "title": a.get("title"), "outlet": a.get("outlet"),
        "published": a.get("published"), "doc_id": a["doc_id"], "path": doc.get("path"), "seq": a.get("seq"),
        "on_topic": a.get("on_topic"), "off_topic_reason": a.get("off_topic_reason"),
        "duplicate_of": a.get("duplicate_of"), "story_id": a.get("story_id"),
        "n_chars": a["end"] - a["start"], "n_boilerplate": len(a.get("boilerplate") or []),
    }


def _page(limit: int, offset: int, total: int) -> dict[str, int]:
    return {"limit": limit, "offset": offset, "total": total}


# -- corpus --------------------------------------------------------------------------------------
def corpus_page(snap: Snapshot, limit: int = 500, offset: int = 0) -> dict[str, Any]:
    view = snap.view
    stories = []
    for s in view.stories_by_size():
        sid = s["story_id"]
        start, end = view.story_period(sid)
        stories.append({
            "story_id": sid, "title": s.get("title"), "period_start": start, "period_end": end,
            "n_articles": len(view.story_articles.get(sid, [])), "outlets": view.story_outlets(sid),
            "n_events": len(view.story_events(sid)), "n_figures": len(view.story_figures(sid)),
            "n_quotes": len(view.story_quotes(sid)), "n_contradictions": len(view.story_contradictions(sid)),
        })
    docs = list(view.documents.values())
    arts = [article_summary(view, a) for a in view.articles.values()]
    return {
        "ok": True,
        "newsprism_version": view.record.get("newsprism_version"),
        "counts": snap.counts,
        "stories": stories,
        "documents": docs[offset:offset + limit],
        "documents_page": _page(limit, offset, len(docs)),
        "articles": arts[offset:offset + limit],
        "articles_page": _page(limit, offset, len(arts)),
        "discarded": view.discarded,
    }


# -- story ---------------------------------------------------------------------------------------
def figure_groups(view: RecordView, story_id: str) -> list[dict[str, Any]]:
    """Charts of a story: one per reconciled scope (its inputs and exclusions), then the figures
    no reconciliation covers, one chart per (metric, who)."""
    figs = {f["figure_id"]: f for f in view.story_figures(story_id)}
    groups = []
    covered: set[str] = set()
    for r in view.story_reconciled(story_id):
        scope = r.get("scope") or {}
        if scope.get("event_id") and len(r.get("inputs") or []) < 2:
            continue  # one figure tied to one event: already drawn in its story-level chart
        ids = [fid for fid in [*(r.get("inputs") or []), *(x.get("figure_id") for x in r.get("excluded") or [])]
               if fid in figs]
        covered.update(ids)
        groups.append({"metric": scope.get("metric"), "who": scope.get("who"), "event_id": scope.get("event_id"),
                       "reconciled_id": reconciled_id(r), "reconciled": r, "figure_ids": list(dict.fromkeys(ids))})
    rest: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fid, f in figs.items():
        if fid not in covered:
            rest[(str(f.get("metric")), str(f.get("who")))].append(fid)
    for (metric, who), ids in rest.items():
        groups.append({"metric": metric, "who": who, "event_id": None, "reconciled_id": None, "reconciled": None,
                       "figure_ids": ids})
    return sorted(groups, key=lambda g: (METRIC_ORDER.index(g["metric"]) if g["metric"] in METRIC_ORDER else 99,
                                         WHO_ORDER.index(g["who"]) if g["who"] in WHO_ORDER else 99,
                                         g["reconciled"] is None, str(g["event_id"] or "")))


def event_places(view: RecordView, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct event locations with coordinates, with the events at each."""
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in events:
        loc = e.get("location") or {}
        lat, lon = loc.get("lat"), loc.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue
        key = (round(float(lat), 4), round(float(lon), 4), loc.get("name"))
        p = places.setdefault(key, {"name": loc.get("name"), "entity_id": loc.get("entity_id"), "lat": lat,
                                    "lon": lon, "where_prec": loc.get("where_prec"), "event_ids": []})
        p["event_ids"].append(e["event_id"])
    return list(places.values())


def framing_table(view: RecordView, terms: list[dict[str, Any]]) -> dict[str, Any]:
    """Outlets side by side: rows (concept, refers_to), one column per outlet, cells the terms used."""
    outlets: list[str] = []
    rows: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for t in sorted(terms, key=lambda t: (str(t.get("concept")), str(t.get("refers_to")), str(t.get("term")))):
        outlet = t.get("outlet") or view.outlet(t.get("article_id"))
        if outlet not in outlets:
            outlets.append(outlet)
        cell = rows[(str(t.get("concept")), str(t.get("refers_to") or ""))][outlet]
        same = next((c for c in cell if c["term"].casefold() == str(t.get("term")).casefold()
                     and c["voice"] == t.get("voice")), None)
        if same:
            same["count"] += 1
            same["fact_ids"].append(framing_id(t))
        else:
            cell.append({"term": str(t.get("term")), "voice": t.get("voice"), "count": 1, "fact_ids": [framing_id(t)],
                         "article_id": t.get("article_id")})
    outlets.sort(key=lambda o: (o == "unnamed outlet", o))
    return {"outlets": outlets, "rows": [{"concept": c, "refers_to": r or None, "cells": dict(cells)}
                                         for (c, r), cells in rows.items()]}


def quote_groups(view: RecordView, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Quotes by side when the record gives sides, else by speaker."""
    by_side = any(side_of_quote(view, qt) for qt in quotes)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for qt in quotes:
        ref = qt.get("speaker") or {}
        entity = view.entities.get(str(ref.get("entity_id")))  # one group per entity, whatever the spelling
        speaker = entity.get("canonical_name") if entity else ref.get("name")
        key = (side_of_quote(view, qt) or "side not given") if by_side else (speaker or "speaker not identified")
        groups[key].append(qt)
    unknown = ("side not given", "speaker not identified")
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] in unknown, -len(kv[1]), kv[0]))
    return {"by": "side" if by_side else "speaker", "groups": [{"label": k, "quotes": v} for k, v in ordered]}


def contradiction_rows(view: RecordView, contradictions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for c in contradictions:
        claims = []
        for claim in c.get("claims") or []:
            aid = view.claim_article(claim)
            ev = view.claim_evidence(claim)
            fid = claim.get("figure_id") or claim.get("quote_id")
            claims.append({**claim, "article_id": aid, "outlet": view.outlet(aid) if aid else claim.get("source"),
                           "title": view.article_title(aid) if aid else None, "text": (ev or {}).get("text"),
                           "href": evidence_href(view, ev, fid or c.get("contradiction_id"))})
        out.append({**c, "claims": claims})
    return out


def story_page(snap: Snapshot, story_id: str) -> dict[str, Any]:
    view = snap.view
    s = view.story(story_id)
    if s is None:
        raise NotFound(f"no story {story_id!r} in the record")
    events = view.story_events(story_id)
    start, end = view.story_period(story_id)
    return {
        "ok": True,
        "story": s,
        "period": {"start": start, "end": end},
        "outlets": view.story_outlets(story_id),
        "articles": [article_summary(view, view.articles[aid]) for aid in view.story_articles.get(story_id, [])],
        "events": events,
        "places": event_places(view, events),
        "figures": view.story_figures(story_id),
        "reconciled_figures": view.story_reconciled(story_id),
        "figure_groups": [{k: v for k, v in g.items() if k != "reconciled"} for g in figure_groups(view, story_id)],
        "quotes": view.story_quotes(story_id),
        "contradictions": view.story_contradictions(story_id),
        "framing_terms": view.story_framing(story_id),
    }


# -- article and document ------------------------------------------------------------------------
def parse_hl(value: str | None) -> tuple[int, int] | None:
    """``?hl=start-end`` as offsets; None when absent or malformed (a bad value is ignored)."""
    if not value:
        return None
    a, sep, b = value.partition("-")
    if not sep or not a.isdigit() or not b.isdigit() or int(b) < int(a):
        return None
    return int(a), int(b)


def _fact_json(view: RecordView, f: Fact) -> dict[str, Any]:
    out = f.to_json()
    out["evidence"] = f.evidence
    out["evidence_ok"] = all(view.evidence_ok(ev) is not False for ev in f.evidence)
    if f.kind == "mention":
        out["entity_id"] = view.entity_for_mention(f.record)
    out["related"] = view.related(f)
    return out


def article_page(snap: Snapshot, article_id: str) -> dict[str, Any]:
    view = snap.view
    a = view.articles.get(article_id)
    if a is None:
        raise NotFound(f"no article {article_id!r} in the record")
    text = view.texts.get(a["doc_id"], "")
    facts = view.facts_in_span(a["doc_id"], a["start"], a["end"])
    return {
        "ok": True,
        "article": a,
        "document": view.documents.get(a["doc_id"]),
        "story": view.story(a["story_id"]) if a.get("story_id") else None,
        "text": text[a["start"]:a["end"]],
        "offset": a["start"],
        "facts": [_fact_json(view, f) for f in facts],
    }


def document_page(snap: Snapshot, doc_id: str) -> dict[str, Any]:
    view = snap.view
    d = view.documents.get(doc_id)
    if d is None:
        raise NotFound(f"no document {doc_id!r} in the record")
    text = view.texts.get(doc_id, "")
    arts = sorted((a for a in view.articles.values() if a["doc_id"] == doc_id), key=lambda a: a["seq"])
    facts = view.facts_in_span(doc_id, 0, len(text))
    return {"ok": True, "document": d, "text": text, "articles": [article_summary(view, a) for a in arts],
            "facts": [_fact_json(view, f) for f in facts]}


# -- entities ------------------------------------------------------------------------------------
def entities_page(snap: Snapshot, type_: str | None = None, limit: int = 500, offset: int = 0) -> dict[str, Any]:
    ents = sorted(snap.view.entities.values(), key=lambda e: (-int(e.get("mentions") or 0), str(e.get("canonical_name"))))
    if type_:
        ents = [e for e in ents if e.get("type") == type_]
    return {"ok": True, "type": type_, "entities": ents[offset:offset + limit], "page": _page(limit, offset, len(ents))}


def entity_page(snap: Snapshot, entity_id: str) -> dict[str, Any]:
    view = snap.view
    e = view.entities.get(entity_id)
    if e is None:
        raise NotFound(f"no entity {entity_id!r} in the record")
    mentions = sorted(view.entity_mentions(entity_id), key=lambda m: (str(m.get("article_id")),
                                                                       (m.get("evidence") or {}).get("start", 0)))
    return {"ok": True, "entity": e, "mentions": mentions, "events": view.entity_events(entity_id),
            "quotes": view.entity_quotes(entity_id), "figures": view.entity_figures(entity_id)}


# -- search --------------------------------------------------------------------------------------
def search_page(snap: Snapshot, query: str, limit: int = 50) -> dict[str, Any]:
    view = snap.view
    terms = tokens(query)
    articles = []
    for aid, score in snap.index.articles(query)[:limit]:
        a = view.articles[aid]
        body = snap.nlp_texts.get(aid, "")
        html, s, e = snippet(body, terms)
        hit = None
        if s is not None and e is not None:
            hit = {"doc": a["doc_id"], "start": a["start"] + s, "end": a["start"] + e,
                   "text": view.texts.get(a["doc_id"], "")[a["start"] + s:a["start"] + e]}
        articles.append({**article_summary(view, a), "score": round(score, 4), "snippet_html": str(html), "hit": hit})
    entities = [{**view.entities[eid], "score": score} for eid, score in snap.index.entities(query)[:limit]]
    return {"ok": True, "q": query, "articles": articles, "entities": entities}
