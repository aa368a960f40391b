"""What each page shows, as plain JSON-able data: the ``.json`` twin of a page is exactly this.

``web.py`` renders these dicts (adding charts and marked-up text); ``api.py`` returns them as
they are. All functions take a :class:`~newsprism.serve.data.Snapshot` and raise
:class:`NotFound` for an unknown id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from newsprism.serve.charts import describe_figure
from newsprism.serve.data import Snapshot, tokens
from newsprism.serve.text import snippet
from newsprism.serve.view import (
    METRIC_ORDER,
    WHO_ORDER,
    Fact,
    RecordView,
    actor_names,
    evidence_list,
    framing_id,
    is_actual,
    parse_date,
    reconciled_id,
    side_of_quote,
)

# the tolls an analyst reads first, in this order; other metrics are listed under them
HEADLINE_METRICS = ("killed", "wounded", "displaced")
METRIC_WORDS = {"killed": "killed", "wounded": "wounded", "killed_or_wounded": "killed or wounded",
                "missing": "missing", "displaced": "displaced", "evacuated": "evacuated", "detained": "detained",
                "other": "other"}
HAPPENINGS_PER_PAGE = 15
MAX_SIDES = 6  # latest figure of at most this many sources per toll


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


# -- headline tolls ------------------------------------------------------------------------------
def _day(value: Any) -> str | None:
    d = parse_date(value)
    return f"{d.day} {d.strftime('%b %Y')}" if d else None


def figure_date(view: RecordView, f: dict[str, Any]) -> str | None:
    """A figure's as-of date, else its article's publication date."""
    return f.get("as_of") or view.article_date(f.get("article_id"))


def scope_label(view: RecordView, r: dict[str, Any]) -> str:
    """What a reconciled range covers, in words: "cumulative to 25 Sep 2023", "one explosion
    incident (19 Sep 2023)", "year 2020", "on 19 Sep 2023" (from its inputs' ``scope``)."""
    figs = [view.figures[fid] for fid in r.get("inputs") or [] if fid in view.figures]
    kinds = [str(f.get("scope") or "cumulative") for f in figs]
    kind = max(set(kinds), key=kinds.count) if kinds else "cumulative"
    head, _, arg = kind.partition(":")
    dates = sorted(d for f in figs if (d := figure_date(view, f)) and parse_date(d))
    if head == "historical":
        return f"year {arg}" if arg else "an earlier period"
    if head == "incident":
        return f"one {arg or 'single'} incident" + (f" ({_day(dates[0])})" if dates else "")
    if head == "day":
        return f"on {_day(arg) or arg}"
    return "cumulative" + (f" to {_day(dates[-1])}" if dates else "")


def _is_headline_scope(view: RecordView, r: dict[str, Any]) -> bool:
    return scope_label(view, r).startswith("cumulative")


def source_of_figure(view: RecordView, f: dict[str, Any]) -> str:
    """Who gives a figure: its named source (the entity's name when resolved), else the outlet's own voice."""
    att = f.get("attributed_to") or {}
    # the words the report uses ("separatist authorities in Nagorno-Karabakh") say more than the
    # entity they resolve to; an id-like or missing name falls back to the entity's name
    name = view.name_of(att.get("name")) or (view.name_of(att.get("entity_id")) if att.get("entity_id") else None)
    return name or f"{view.outlet(f.get('article_id'))} (own voice)"


def toll_title(metric: str, who: str | None, scope: str) -> str:
    noun = METRIC_WORDS.get(metric, metric)
    group = "" if who in (None, "all", "unknown") else f" ({who})"
    return f"{noun[0].upper()}{noun[1:]}{group}, {scope}"


def _toll(view: RecordView, r: dict[str, Any]) -> dict[str, Any]:
    scope = r.get("scope") or {}
    metric, who = str(scope.get("metric")), scope.get("who")
    label = scope_label(view, r)
    excluded = {x.get("figure_id"): x.get("reason") for x in r.get("excluded") or []}
    ids = [fid for fid in [*(r.get("inputs") or []), *excluded] if fid in view.figures
           and excluded.get(fid) != "different_scope"]
    figs = [view.figures[fid] for fid in dict.fromkeys(ids)]
    latest, sides = _latest_sides(view, figs, lambda f: "input" if f["figure_id"] in (r.get("inputs") or [])
                                  else f"set aside: {str(excluded.get(f['figure_id'])).replace('_', ' ')}")
    return {"metric": metric, "who": who, "scope": label, "title": toll_title(metric, who, label),
            "reconciled_id": reconciled_id(r), "low": r.get("low"), "best": r.get("best"), "high": r.get("high"),
            "best_basis": r.get("best_basis"), "acled_fatalities": r.get("acled_fatalities"), "notes": r.get("notes"),
            "figure_ids": [f["figure_id"] for f in figs], "n_sources": len(latest),
            "sides": sides[:MAX_SIDES], "more_sides": max(0, len(sides) - MAX_SIDES), "reconciled": r}


def _latest_sides(view: RecordView, figs: list[dict[str, Any]], status: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The latest figure each source gave (a source's later count stands for it), latest first."""
    latest: dict[str, dict[str, Any]] = {}
    for f in sorted(figs, key=lambda f: (figure_date(view, f) or "", str(f.get("figure_id")))):
        latest[source_of_figure(view, f)] = f
    sides = [{"source": src, "figure_id": f.get("figure_id"), "article_id": f.get("article_id"),
              "outlet": view.outlet(f.get("article_id")), "low": f.get("low"), "high": f.get("high"),
              "qualifier": f.get("qualifier"), "vague_term": f.get("vague_term"), "as_of": figure_date(view, f),
              "status": status(f), "href": fact_href(view, f, f.get("figure_id"))}
             for src, f in sorted(latest.items(), key=lambda kv: (figure_date(view, kv[1]) or "", kv[0]), reverse=True)]
    return latest, sides


def _unreconciled_toll(view: RecordView, metric: str, figs: list[dict[str, Any]]) -> dict[str, Any]:
    latest, sides = _latest_sides(view, figs, lambda _f: "input")
    scope = "as reported, not reconciled"
    return {"metric": metric, "who": None, "scope": scope, "title": toll_title(metric, None, scope),
            "reconciled_id": None, "low": None, "best": None, "high": None, "best_basis": None,
            "acled_fatalities": None, "notes": None, "figure_ids": [f["figure_id"] for f in figs],
            "n_sources": len(latest), "sides": sides[:MAX_SIDES], "more_sides": max(0, len(sides) - MAX_SIDES),
            "reconciled": None}


def headline_tolls(view: RecordView, story_id: str) -> dict[str, Any]:
    """The story's tolls as an analyst reads them first: per metric, the story-wide cumulative range
    of all victims (else of the victim group most reported), with its scope, each source's latest
    figure, and the figures drawn over time; the other ranges (one incident, one day, a victim
    group, an earlier war, one happening) are listed apart, never mixed in."""
    story_level = [r for r in view.story_reconciled(story_id) if not (r.get("scope") or {}).get("event_id")]
    headline: dict[str, tuple[tuple[bool, bool, bool, int], dict[str, Any]]] = {}
    for r in story_level:
        scope = r.get("scope") or {}
        metric = str(scope.get("metric"))
        rank = (_is_headline_scope(view, r), scope.get("who") in ("all", "unknown", None),
                isinstance(r.get("low"), int), len(r.get("inputs") or []))
        if metric not in headline or rank > headline[metric][0]:
            headline[metric] = (rank, r)
    chosen = {id(r) for _, r in headline.values()}
    order = sorted(headline, key=lambda m: (m not in HEADLINE_METRICS,
                                            METRIC_ORDER.index(m) if m in METRIC_ORDER else 99))
    tolls = [_toll(view, headline[m][1]) for m in order]
    others = []
    for r in story_level:
        if id(r) in chosen:
            continue
        scope = r.get("scope") or {}
        label = scope_label(view, r)
        others.append({"title": toll_title(str(scope.get("metric")), scope.get("who"), label),
                       "metric": scope.get("metric"), "who": scope.get("who"), "scope": label,
                       "low": r.get("low"), "best": r.get("best"), "high": r.get("high"),
                       "n_inputs": len(r.get("inputs") or []), "reconciled_id": reconciled_id(r),
                       "sources": list(dict.fromkeys(source_of_figure(view, view.figures[fid])
                                                     for fid in r.get("inputs") or [] if fid in view.figures))})
    others.sort(key=lambda o: (METRIC_ORDER.index(o["metric"]) if o["metric"] in METRIC_ORDER else 99,
                               WHO_ORDER.index(o["who"]) if o["who"] in WHO_ORDER else 99, o["scope"]))
    tolls = [t for t in tolls if isinstance(t["low"], int) or isinstance(t["best"], int)]
    # a headline metric reported but never reconciled still leads, as each source gave it
    for metric in HEADLINE_METRICS:
        if metric in headline:
            continue
        figs = [f for f in view.story_figures(story_id) if f.get("metric") == metric and not f.get("event_id")]
        if figs:
            tolls.append(_unreconciled_toll(view, metric, figs))
    tolls.sort(key=lambda t: (t["metric"] not in HEADLINE_METRICS,
                              METRIC_ORDER.index(t["metric"]) if t["metric"] in METRIC_ORDER else 99))
    return {"headline": [t for t in tolls if t["metric"] in HEADLINE_METRICS] or tolls[:3],
            "also": [t for t in tolls if t["metric"] not in HEADLINE_METRICS] if any(
                t["metric"] in HEADLINE_METRICS for t in tolls) else tolls[3:],
            "other_scopes": others}


# -- happenings ----------------------------------------------------------------------------------
def _quote_spans(view: RecordView, story_id: str) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for qt in view.story_quotes(story_id):
        speaker = view.name_of((qt.get("speaker") or {}).get("entity_id")) or (qt.get("speaker") or {}).get("name")
        for ev in evidence_list(qt):
            if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans[str(ev.get("doc"))].append((ev["start"], ev["end"], str(speaker or "an unidentified speaker")))
    return spans


def event_mentions(view: RecordView, e: dict[str, Any]) -> list[dict[str, Any]]:
    """A happening's mentions (records before happenings: one per evidence span)."""
    ms = [m for m in e.get("mentions") or [] if isinstance(m, dict)]
    if ms:
        return ms
    out = []
    for ev in evidence_list(e):
        a = view.article_of_evidence(ev)
        out.append({"article_id": a["article_id"] if a else None, "outlet": (a or {}).get("outlet"),
                    "trigger": ev, "evidence": ev})
    return out


def happening_row(view: RecordView, e: dict[str, Any],
                  quote_spans: dict[str, list[tuple[int, int, str]]] | None = None) -> dict[str, Any]:
    """One happening in words: when, what (ACLED type, else PLOVER), who → whom (named actors
    only), where, the toll tied to it, and each outlet that reports it, in whose voice."""
    from newsprism.brief import event_when

    outlets: dict[str, dict[str, Any]] = {}
    for m in event_mentions(view, e):
        aid = m.get("article_id")
        outlet = m.get("outlet") or view.outlet(aid)
        trig = m.get("trigger") or m.get("evidence") or {}
        voice = "own voice"
        for s0, s1, speaker in (quote_spans or {}).get(str(trig.get("doc")), []):
            if isinstance(trig.get("start"), int) and s0 <= trig["start"] < s1:
                voice = f"quoting {speaker}"
                break
        if outlet not in outlets:
            sentence = (m.get("evidence") or trig).get("text")
            outlets[outlet] = {"outlet": outlet, "article_id": aid, "voice": voice, "text": sentence,
                               "href": evidence_href(view, trig, e.get("event_id"))}
    loc = e.get("location") or {}
    kind = " / ".join(str(x) for x in (e.get("acled_event_type"), e.get("acled_sub_event_type")) if x)
    return {"event_id": e.get("event_id"), "when": event_when(e), "date_start": e.get("date_start"),
            "date_precision": e.get("date_precision"), "plover_type": e.get("plover_type"),
            "kind": kind or None, "actors": actor_names(e.get("actors")), "recipients": actor_names(e.get("recipients")),
            "place": loc.get("name"), "place_entity": loc.get("entity_id") if loc.get("entity_id") in view.entities else None,
            "fatalities": e.get("fatalities"), "realis": e.get("realis") or "actual", "background": bool(e.get("background")),
            "negated": bool(e.get("negated")), "outlets": list(outlets.values()),
            "n_mentions": len(event_mentions(view, e)), "corrected": e.get("corrected")}


def story_happenings(view: RecordView, story_id: str, show: str = "actual") -> list[dict[str, Any]]:
    """The story's happenings in date order (undated last): by default only those that took place
    in its period (``show="all"`` adds background history, denials, threats and statements)."""
    events = view.story_events(story_id)
    if show != "all":
        events = [e for e in events if is_actual(e)]
    # day-dated happenings in order, then those dated only to a week or month, then the undated
    return sorted(events, key=lambda e: (parse_date(e.get("date_start")) is None,
                                         e.get("date_precision") in ("week", "month", "year"),
                                         str(e.get("date_start") or ""),
                                         -len(event_mentions(view, e)), str(e.get("event_id"))))


# -- outlets side by side --------------------------------------------------------------------------
MAX_MATRIX_HAPPENINGS = 10


def outlet_matrix(view: RecordView, story_id: str, rows: list[dict[str, Any]],
                  tolls: list[dict[str, Any]]) -> dict[str, Any]:
    """Outlets as columns: which happening each reported (in whose voice), the latest figure each
    gave for every headline toll, and what each left out of what the others reported."""
    outlets = view.story_outlets(story_id)
    ranked = sorted((r for r in rows if r["outlets"]), key=lambda r: (-len(r["outlets"]), r["date_start"] is None,
                                                                     str(r["date_start"] or ""), str(r["event_id"])))
    shown = ranked[:MAX_MATRIX_HAPPENINGS]
    table = []
    for r in shown:
        label = " · ".join(x for x in (r["when"], r["kind"] or r["plover_type"],
                                         ", ".join(r["actors"]) or None, r["place"]) if x)
        table.append({"kind": "happening", "label": label, "event_id": r["event_id"],
                      "cells": {o["outlet"]: {"text": o["voice"], "href": o["href"]} for o in r["outlets"]}})
    for t in tolls:
        cells: dict[str, dict[str, Any]] = {}
        for fid in t["figure_ids"]:
            f = view.figures[fid]
            outlet = view.outlet(f.get("article_id"))
            prev = cells.get(outlet)
            if prev is None or (figure_date(view, f) or "") >= prev["date"]:
                src = source_of_figure(view, f)
                cells[outlet] = {"text": describe_figure(f), "voice": "own voice" if src.endswith("(own voice)") else src,
                                 "href": fact_href(view, f, fid), "date": figure_date(view, f) or ""}
        table.append({"kind": "toll", "label": t["title"], "cells": cells})
    reporting = {o: sum(1 for r in ranked if any(x["outlet"] == o for x in r["outlets"])) for o in outlets}
    shared = [r for r in ranked if len(r["outlets"]) > 1]
    left_out = {}
    for o in outlets:
        missed = sum(1 for r in shared if not any(x["outlet"] == o for x in r["outlets"]))
        no_toll = [t["title"].split(",")[0] for t in tolls if not any(
            view.outlet(view.figures[fid].get("article_id")) == o for fid in t["figure_ids"])]
        left_out[o] = {"happenings": missed, "of": len(shared), "tolls": no_toll}
    return {"outlets": outlets, "rows": table, "reported": reporting, "left_out": left_out,
            "n_happenings": len(ranked), "n_shown": len(shown)}


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
        cell = rows[(str(t.get("concept")), view.name_of(t.get("refers_to")) or "")][outlet]
        same = next((c for c in cell if c["term"].casefold() == str(t.get("term")).casefold()
                     and c["voice"] == t.get("voice")), None)
        if same:
            same["count"] += 1
            same["fact_ids"].append(framing_id(t))
        else:
            cell.append({"term": str(t.get("term")), "voice": t.get("voice"), "count": 1, "fact_ids": [framing_id(t)],
                         "article_id": t.get("article_id")})
    outlets.sort(key=lambda o: (o == "unnamed outlet", o))
    out = [{"concept": c, "refers_to": r or None, "cells": dict(cells)} for (c, r), cells in rows.items()]
    # the rows most outlets share first: where their words can be compared
    out.sort(key=lambda row: (-len(row["cells"]), -sum(t["count"] for ts in row["cells"].values() for t in ts)))
    return {"outlets": outlets, "rows": out}


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


def story_page(snap: Snapshot, story_id: str, show: str = "actual", offset: int = 0,
               limit: int = HAPPENINGS_PER_PAGE) -> dict[str, Any]:
    """The story: ``tolls`` (headline ranges first), ``happenings`` (one page of them, actual ones
    unless ``show="all"``), ``outlet_matrix`` (outlets side by side), and the record's facts."""
    view = snap.view
    s = view.story(story_id)
    if s is None:
        raise NotFound(f"no story {story_id!r} in the record")
    events = view.story_events(story_id)
    start, end = view.story_period(story_id)
    shown = story_happenings(view, story_id, "all" if show == "all" else "actual")
    qspans = _quote_spans(view, story_id)
    rows = [happening_row(view, e, qspans) for e in shown]
    tolls = headline_tolls(view, story_id)
    offset = max(0, min(offset, max(len(rows) - 1, 0)))
    return {
        "tolls": tolls,
        "happenings": {"show": "all" if show == "all" else "actual", "total": len(rows),
                       "total_all": len(events), "offset": offset, "limit": limit,
                       "rows": rows[offset:offset + limit]},
        "outlet_matrix": outlet_matrix(view, story_id, rows, tolls["headline"]),
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
