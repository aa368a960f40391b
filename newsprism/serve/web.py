"""HTML routes: the pages an analyst reads. Each renders the dict of its ``.json`` twin (``pages.py``)
plus what only a page needs (SVG charts, the marked-up text). Jinja2 autoescapes everything; the
only markup passed through unescaped is built by ``charts``/``text``, which escape corpus text
themselves."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from newsprism.corrections import FIELDS as CORRECTION_FIELDS
from newsprism.serve import CSP, TEMPLATES, charts, pages
from newsprism.serve.api import found, snapshot
from newsprism.serve.data import Snapshot
from newsprism.serve.text import fact_spans, render_text
from newsprism.serve.view import RecordView, evidence_list, in_period, parse_date

router = APIRouter(tags=["pages"])

_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def json_script(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` data block: ``<``, ``>`` and ``&`` escaped,
    so corpus text can never close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fmt_day(value: Any) -> str:
    d = parse_date(value)
    return f"{d.day} {d.strftime('%b %Y')}" if d else ""


_env.filters["json_script"] = json_script
_env.filters["day"] = fmt_day
_env.filters["q"] = pages.q
_env.filters["num"] = charts.fmt_int
_env.globals["describe_figure"] = charts.describe_figure
_env.globals["correction_fields"] = {k: list(v) for k, v in CORRECTION_FIELDS.items()}  # the correction form


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = _env.get_template(template).render(request_path=request.url.path,
                                              can_correct=bool(getattr(request.app.state, "ingest_token", None)), **ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, body: dict[str, Any]) -> HTMLResponse:
    return render(request, "error.html", status=int(body["status"]), title=f"Error {body['status']}", env=body)


def json_link(request: Request) -> str:
    path = request.url.path
    base = "/index" if path == "/" else path
    return base + ".json" + (f"?{request.url.query}" if request.url.query else "")


# -- corpus --------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse, summary="Corpus page")
def corpus(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    data = pages.corpus_page(snapshot(request), limit, offset)
    return render(request, "corpus.html", title="Corpus", d=data, json_url=json_link(request))


# -- story ---------------------------------------------------------------------------------------
def _event_rows(view: RecordView, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        evs = evidence_list(e)
        sources = []
        for ev in evs:
            a = view.article_of_evidence(ev)
            sources.append({"outlet": view.outlet(a["article_id"]) if a else "?", "text": ev.get("text"),
                            "href": pages.evidence_href(view, ev, e.get("event_id"))})
        rows.append({"e": e, "when": _when(e), "sources": sources})
    return rows


def _when(e: dict[str, Any]) -> str:
    from newsprism.brief import event_when

    return event_when(e)


MAX_QUOTE_GROUPS = 6  # speakers (or sides) shown open; the rest collapse
MAX_FRAMING_ROWS = 8
MAX_CONTRADICTIONS = 4


def story_context(snap: Snapshot, story_id: str, show: str = "actual", offset: int = 0) -> dict[str, Any]:
    """The story page as an analyst reads it: headline tolls, the happenings (timeline, map, one
    page of the list), outlets side by side, then disagreements, quotes and framing."""
    view = snap.view
    data = found(pages.story_page, snap, story_id, show, offset)

    def href(record: dict[str, Any]) -> str | None:
        fid = record.get("figure_id") or record.get("event_id")
        return pages.fact_href(view, record, fid)

    def date_of(f: dict[str, Any]) -> str | None:
        return pages.figure_date(view, f)

    # headline tolls: one chart per metric, titled with its scope, each source's figure over time
    tolls = []
    for t in data["tolls"]["headline"]:
        rec = t["reconciled"]
        figs = [view.figures[fid] for fid in t["figure_ids"]]
        svg = charts.figure_chart_svg(figs, rec, date_of=date_of, label_of=lambda f: pages.source_of_figure(view, f), href=href,
                                      width=460, height=190)  # the card's heading is the chart's title
        tolls.append({**t, "svg": Markup(svg) if svg else None,
                      "sides": [{**sd, "value": charts.describe_figure(sd)} for sd in t["sides"]]})

    # happenings: the chart and map show every happening of the chosen kind, the list one page
    shown = pages.story_happenings(view, story_id, data["happenings"]["show"])
    drawn, background = in_period(shown, data["period"]["start"], data["period"]["end"])
    timeline = charts.timeline_svg(drawn, href=href, width=900, lane_h=22)
    undated = sum(1 for e in shown if not parse_date(e.get("date_start")))
    places = []
    for p in pages.event_places(view, shown):
        names = [f"{view.events[eid].get('plover_type')} {fmt_day(view.events[eid].get('date_start'))}".strip()
                 for eid in p["event_ids"]]
        first = view.events[p["event_ids"][0]]
        places.append({**p, "count": len(p["event_ids"]), "title": f"{p['name']}: " + "; ".join(names[:12])
                       + (f"; and {len(names) - 12} more" if len(names) > 12 else ""),
                       "href": (f"/entities/{pages.q(p['entity_id'])}" if p.get("entity_id") in view.entities
                                else href(first))})
    mapped = sum(len(p["event_ids"]) for p in places)
    map_svg = charts.map_svg(places, width=560, height=330)

    hp = data["happenings"]
    base = f"/stories/{pages.q(story_id)}"

    def page_link(show_: str, offset_: int) -> str:
        params = {k: v for k, v in (("show", show_ if show_ == "all" else None),
                                    ("offset", offset_ or None)) if v}
        return base + (("?" + "&".join(f"{k}={pages.q(v)}" for k, v in params.items())) if params else "") + "#happenings"

    pager = {"prev": page_link(hp["show"], max(0, hp["offset"] - hp["limit"])) if hp["offset"] > 0 else None,
             "next": page_link(hp["show"], hp["offset"] + hp["limit"]) if hp["offset"] + hp["limit"] < hp["total"] else None,
             "toggle": page_link("actual" if hp["show"] == "all" else "all", 0),
             "first": hp["offset"] + 1 if hp["total"] else 0, "last": min(hp["offset"] + hp["limit"], hp["total"])}

    # every figure once, in one table (the charts above draw them; no chart repeats it)
    status: dict[str, str] = {}
    scope_of: dict[str, str] = {}
    for r in view.story_reconciled(story_id):
        if (r.get("scope") or {}).get("event_id"):
            continue
        for fid in r.get("inputs") or []:
            status.setdefault(fid, "input")
            scope_of.setdefault(fid, pages.scope_label(view, r))
        for x in r.get("excluded") or []:
            if x.get("reason") != "different_scope":
                status.setdefault(str(x.get("figure_id")), f"set aside: {str(x.get('reason')).replace('_', ' ')}")
    figure_rows = [{"f": f, "outlet": view.outlet(f.get("article_id")), "article_id": f.get("article_id"),
                    "href": href(f), "text": (evidence_list(f) or [{}])[0].get("text"),
                    "source": pages.source_of_figure(view, f), "scope": scope_of.get(f["figure_id"], "—"),
                    "status": status.get(f["figure_id"], "not reconciled")}
                   for f in data["figures"]]

    quotes = pages.quote_groups(view, data["quotes"])
    for grp in quotes["groups"]:
        grp["rows"] = [{"q": qt, "outlet": view.outlet(qt.get("article_id")), "href": href_quote(view, qt)}
                       for qt in grp["quotes"]]
    missing = [name for name, key in (("events", "events"), ("figures", "figures"), ("quotes", "quotes"),
                                      ("contradictions", "contradictions"), ("framing terms", "framing_terms"))
               if not data[key]]
    framing = pages.framing_table(view, data["framing_terms"]) if data["framing_terms"] else None
    return {
        "d": data, "view": view, "tolls": tolls, "also": data["tolls"]["also"],
        "other_scopes": data["tolls"]["other_scopes"],
        "timeline": Markup(timeline) if timeline else None, "undated": undated, "background": background,
        "map": Markup(map_svg) if map_svg else None, "unmapped": len(shown) - mapped, "n_places": len(places),
        "hp": hp, "pager": pager, "matrix": data["outlet_matrix"], "figure_rows": figure_rows,
        "framing": framing, "max_framing": MAX_FRAMING_ROWS,
        "contradictions": pages.contradiction_rows(view, data["contradictions"]), "max_contradictions": MAX_CONTRADICTIONS,
        "quotes": quotes, "max_quote_groups": MAX_QUOTE_GROUPS, "missing": missing,
    }


def href_quote(view: RecordView, qt: dict[str, Any]) -> str | None:
    return pages.fact_href(view, qt, qt.get("quote_id"))


@router.get("/stories/{story_id}/brief.md", response_class=PlainTextResponse, summary="The story's brief (Markdown)")
def story_brief_md(request: Request, story_id: str) -> Response:
    from newsprism.brief import render_brief

    snap = snapshot(request)
    if story_id not in snap.view.stories:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r} in the record")
    return Response(render_brief(snap.view.record, story_id, "md"), media_type="text/markdown; charset=utf-8")


@router.get("/stories/{story_id}/brief.html", response_class=HTMLResponse,
            summary="The story's brief (one self-contained HTML file)")
def story_brief_html(request: Request, story_id: str) -> Response:
    from newsprism.brief import BRIEF_CSS, render_brief
    from newsprism.serve import style_hash

    snap = snapshot(request)
    if story_id not in snap.view.stories:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r} in the record")
    csp = CSP.replace("style-src 'self'", f"style-src {style_hash(BRIEF_CSS)}")
    return HTMLResponse(render_brief(snap.view.record, story_id, "html"), headers={"content-security-policy": csp})


@router.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story page")
def story(request: Request, story_id: str,
          show: Annotated[str, Query(pattern="^(actual|all)$",
                                     description="Happenings listed: actual (default: what took place in the story's "
                                                 "period) or all (adds background, denials, threats, statements).")] = "actual",
          offset: Annotated[int, Query(ge=0, description="First happening listed (pages of 15).")] = 0) -> HTMLResponse:
    ctx = story_context(snapshot(request), story_id, show, offset)
    return render(request, "story.html", title=ctx["d"]["story"].get("title") or "Untitled story",
                  json_url=json_link(request), **ctx)


# -- article and document --------------------------------------------------------------------------
def fact_summary(view: RecordView, fact: dict[str, Any]) -> str:
    r, kind = fact["record"], fact["kind"]
    if kind == "figure":
        att = (r.get("attributed_to") or {}).get("name")
        return (f"{charts.describe_figure(r)} {r.get('metric')} ({r.get('who')}); hedge {r.get('hedge')}"
                + (f"; according to {att}" if att else "; outlet's own voice")
                + (f"; as of {r.get('as_of')}" if r.get("as_of") else ""))
    if kind == "quote":
        return f"{(r.get('speaker') or {}).get('name') or 'unidentified speaker'} ({r.get('kind')})"
    if kind == "event":
        return charts._event_title(r)
    if kind == "contradiction":
        return f"{r.get('kind')}: {r.get('notes') or ''}"
    if kind == "framing":
        target = view.name_of(r.get("refers_to"))
        return (f"{str(r.get('concept')).replace('_', ' ')}: “{r.get('term')}” ({r.get('voice')})"
                + (f" → {target}" if target else ""))
    if kind == "mention":
        ent = view.entities.get(str(fact.get("entity_id")))
        return f"{r.get('label')} mention" + (f" of {ent['canonical_name']} ({ent['type']})" if ent else "")
    return str(kind)


def _text_context(snap: Snapshot, data: dict[str, Any], text: str, base: int, boilerplate: list[dict[str, Any]],
                  hl: str | None, fact: str | None) -> dict[str, Any]:
    view = snap.view
    facts = data["facts"]
    from newsprism.serve.view import Fact

    objs = [Fact(f["fact_id"], f["kind"], f["record"], f["evidence"]) for f in facts]
    highlight = pages.parse_hl(hl)
    body = render_text(text, base, fact_spans(objs), boilerplate, highlight=highlight,
                       selected=fact if fact else None,
                       fact_href="?fact={fid}#f-{fid}")
    panel = {}
    for f in facts:
        panel[f["fact_id"]] = {
            "kind": f["kind"], "summary": fact_summary(view, f), "record": f["record"],
            "evidence_ok": f["evidence_ok"], "related": [{"kind": r["kind"], "id": r["id"], "role": r.get("role")}
                                                          for r in f["related"]],
            "entity_href": f"/entities/{pages.q(f['entity_id'])}" if f.get("entity_id") else None,
        }
    selected = next((f for f in facts if f["fact_id"] == fact), None)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_kind.setdefault(f["kind"], []).append({**f, "summary": panel[f["fact_id"]]["summary"]})
    return {"body": body, "panel": panel, "selected": selected,
            "selected_json": json.dumps(selected["record"], ensure_ascii=False, indent=1) if selected else None,
            "selected_summary": panel[selected["fact_id"]]["summary"] if selected else None,
            "by_kind": by_kind, "bad_evidence": [f for f in facts if not f["evidence_ok"]]}


@router.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article page")
def article(request: Request, article_id: str,
            hl: Annotated[str | None, Query(description="Document span to highlight: start-end.")] = None,
            fact: Annotated[str | None, Query(description="Fact to select.")] = None) -> HTMLResponse:
    snap = snapshot(request)
    data = found(pages.article_page, snap, article_id)
    a = data["article"]
    ctx = _text_context(snap, data, data["text"], a["start"], a.get("boilerplate") or [], hl, fact)
    return render(request, "article.html", title=a.get("title") or f"Untitled article ({snap.view.outlet(article_id)})", d=data, json_url=json_link(request),
                  outlet=snap.view.outlet(article_id), **ctx)


@router.get("/documents/{doc_id}", response_class=HTMLResponse, summary="Document page")
def document(request: Request, doc_id: str, hl: Annotated[str | None, Query()] = None,
             fact: Annotated[str | None, Query()] = None) -> HTMLResponse:
    snap = snapshot(request)
    data = found(pages.document_page, snap, doc_id)
    boiler = [b for a in data["articles"] for b in snap.view.articles[a["article_id"]].get("boilerplate") or []]
    ctx = _text_context(snap, data, data["text"], 0, boiler, hl, fact)
    return render(request, "document.html", title=data["document"].get("path") or "Document", d=data,
                  json_url=json_link(request), **ctx)


# -- entities ------------------------------------------------------------------------------------
@router.get("/entities/{entity_id}", response_class=HTMLResponse, summary="Entity page")
def entity(request: Request, entity_id: str) -> HTMLResponse:
    snap = snapshot(request)
    view = snap.view
    data = found(pages.entity_page, snap, entity_id)
    mentions = []
    for m in data["mentions"]:
        ev = m.get("evidence") or {}
        text = view.texts.get(str(ev.get("doc")), "")
        s, e = int(ev.get("start", 0)), int(ev.get("end", 0))
        mentions.append({"m": m, "before": " ".join(text[max(0, s - 70):s].split()), "hit": text[s:e],
                         "after": " ".join(text[e:e + 70].split()), "outlet": view.outlet(m.get("article_id")),
                         "title": view.article_title(m.get("article_id")),
                         "href": pages.evidence_href(view, ev, m.get("mention_id"))})
    events = _event_rows(view, data["events"])
    quotes = [{"q": qt, "outlet": view.outlet(qt.get("article_id")), "href": href_quote(view, qt)} for qt in data["quotes"]]
    figures = [{"f": f, "outlet": view.outlet(f.get("article_id")),
                "href": pages.fact_href(view, f, f.get("figure_id"))} for f in data["figures"]]
    e = data["entity"]
    where = charts.map_svg([{"name": e.get("canonical_name"), "lat": e.get("lat"), "lon": e.get("lon"), "count": 1,
                             "title": e.get("canonical_name"), "href": None}], height=300)
    return render(request, "entity.html", title=e.get("canonical_name") or "Unnamed entity", d=data,
                  json_url=json_link(request), mentions=mentions, events=events, quotes=quotes, figures=figures,
                  map=Markup(where) if where else None)


# -- search --------------------------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse, summary="Search page")
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "",
           limit: Annotated[int, Query(ge=1, le=500)] = 50) -> HTMLResponse:
    snap = snapshot(request)
    data: dict[str, Any] = (pages.search_page(snap, q, limit) if q.strip()
                            else {"ok": True, "q": q, "articles": [], "entities": []})
    for a in data["articles"]:
        a["snippet_markup"] = Markup(a["snippet_html"])
        a["href"] = pages.evidence_href(snap.view, a["hit"]) if a.get("hit") else f"/articles/{pages.q(a['article_id'])}"
    return render(request, "search.html", title=f"Search: {q}" if q else "Search", d=data,
                  json_url=json_link(request) if q.strip() else None)


# -- API docs ------------------------------------------------------------------------------------
@router.get("/docs", response_class=HTMLResponse, summary="API reference (from the OpenAPI schema)")
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or "string",
                       "description": p.get("description") or (p.get("schema") or {}).get("description") or ""}
                      for p in op.get("parameters", [])]
            ops.append({"path": path, "method": method.upper(), "summary": op.get("summary") or "",
                        "description": op.get("description") or "", "params": params,
                        "tag": (op.get("tags") or [""])[0],
                        "id": re.sub(r"[^A-Za-z0-9_-]+", "_", f"{method}-{path}")})
    ops.sort(key=lambda o: ({"json": 0, "pages": 1}.get(o["tag"], 2), o["path"], o["method"]))
    return render(request, "docs.html", title="API", ops=ops, spec=spec, escape=escape)
