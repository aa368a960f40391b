"""Browse and filter, datasette-style: ``/events``, ``/figures``, ``/quotes``, ``/entities``.

Each list is a page, a ``.json`` twin and a ``.csv`` twin over the same query: filters named after
the record's fields (``newsprism.filters``, the module ``export`` and ``timeline`` use too),
``limit``/``offset`` paging, and facets (counts per value over every filtered row, each value a
link that adds or removes it). The CSV holds every filtered row (``limit``/``offset`` only when
given), in the columns ``newsprism export --format csv`` writes. People read names, never ids:
ids appear only in hrefs and in the JSON and CSV.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from newsprism import filters as flt
from newsprism.serve import models, pages
from newsprism.serve.api import snapshot
from newsprism.serve.data import Snapshot
from newsprism.serve.view import RecordView, evidence_list

router = APIRouter()

DEFAULT_LIMIT = 100
PAGING = ("limit", "offset")
TITLES = {"events": "Events", "figures": "Figures", "quotes": "Quotes", "entities": "Entities"}
FACET_TITLES = {"story": "Story", "event_type": "ACLED type", "sub_event_type": "ACLED sub-event", "plover_type": "PLOVER",
                "realis": "Realis", "background": "Background", "actor": "Actor", "place": "Place",
                "outlet": "Outlet", "month": "Month", "metric": "Metric", "who": "Who", "hedge": "Hedge",
                "kind": "Kind", "type": "Type"}
ACTOR_TITLES = {"figures": "Source", "quotes": "Speaker"}  # what `actor` reads on each list
FILTER_HELP = {
    "story": "story_id (repeat for any of several)",
    "outlet": "outlet name of a reporting article ('-': none named)",
    "date_from": "YYYY-MM-DD, YYYY-MM or YYYY: on or after",
    "date_to": "YYYY-MM-DD, YYYY-MM or YYYY: on or before",
    "actor": "name, ACLED name or entity_id (events: actors and recipients; figures: attributed_to; quotes: speaker)",
    "place": "location name, admin1, ISO 3166 alpha-2 or entity_id",
    "event_type": "acled_event_type, e.g. Battles ('-': none)",
    "sub_event_type": "acled_sub_event_type, e.g. Armed clash",
    "plover_type": "PLOVER type, e.g. ASSAULT",
    "realis": "actual|planned|threatened|hypothetical|negated|speech_act",
    "background": "true: only background history; false: only in the story's period",
    "metric": "killed|wounded|killed_or_wounded|missing|displaced|evacuated|detained|other",
    "who": "all|civilians|combatants|military|police|peacekeepers|children|unknown",
    "hedge": "none|reportedly|said|claimed|alleged|unconfirmed|estimate",
    "kind": "direct|indirect",
    "type": "person|org|armed_group|state|place|population|other",
}


def _parameters(kind: str) -> list[dict[str, Any]]:
    """OpenAPI entries for the filters of ``kind`` (read from the query string, not the signature)."""
    out = []
    for name in flt.Filters.names():
        if kind not in flt.APPLIES[name]:
            continue
        many = name not in ("date_from", "date_to", "background")
        schema: dict[str, Any] = ({"type": "array", "items": {"type": "string"}} if many
                                  else {"type": "boolean"} if name == "background" else {"type": "string"})
        out.append({"name": name, "in": "query", "required": False, "schema": schema,
                    "description": FILTER_HELP[name], **({"style": "form", "explode": True} if many else {})})
    return out


Limit = Annotated[int | None, Query(ge=1, le=5000, description=f"Rows per page ({DEFAULT_LIMIT} by default; "
                                                                 "the CSV holds every row unless given).")]
Offset = Annotated[int | None, Query(ge=0, description="Rows to skip.")]


# -- the data of one view ------------------------------------------------------------------------
def _sort_key(kind: str, ix: flt.Index) -> Any:
    if kind == "events":
        return lambda e: (e.get("date_start") is None, str(e.get("date_start") or ""), str(e.get("event_id")))
    if kind == "figures":
        return lambda f: (str(f.get("as_of") or ix.published(f.get("article_id")) or "9999"), str(f.get("figure_id")))
    if kind == "quotes":
        return lambda q: (str(ix.published(q.get("article_id")) or "9999"), str(q.get("quote_id")))
    return lambda e: (-int(e.get("mentions") or 0), str(e.get("canonical_name")), str(e.get("entity_id")))


def index_of(snap: Snapshot) -> flt.Index:
    """The filter index of a snapshot, built once per snapshot (entity mentions resolved as the view does)."""
    ix = getattr(snap, "_filter_index", None)
    if ix is None:
        view = snap.view
        ix = flt.Index(view.record, view.mentions, view.entity_for_mention)
        snap._filter_index = ix  # type: ignore[attr-defined]
    return ix


def spec_of(request: Request) -> flt.Filters:
    try:
        return flt.Filters.from_pairs(request.query_params.multi_items(), ignore=PAGING)
    except flt.FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def rows_of(snap: Snapshot, kind: str, spec: flt.Filters) -> list[dict[str, Any]]:
    ix = index_of(snap)
    try:
        rows = flt.select(snap.view.record, kind, spec, ix)
    except flt.FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    return sorted(rows, key=_sort_key(kind, ix))


def _href(base: str, spec: flt.Filters, **paging: int | None) -> str:
    pairs = spec.pairs() + [(k, str(v)) for k, v in paging.items() if v is not None]
    return base + ("?" + urlencode(pairs) if pairs else "")


def _month_bounds(value: str) -> tuple[dt.date, dt.date]:
    return flt.parse_day(value, "date_from"), flt.parse_day(value, "date_to")


def facet_entries(kind: str, spec: flt.Filters, rows: list[dict[str, Any]], ix: flt.Index, base: str,
                  limit: int | None) -> dict[str, list[dict[str, Any]]]:
    """Each facet's values with their counts, whether selected, and the link that toggles them."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, vals in flt.facets(kind, rows, ix).items():
        entries = []
        for v in vals:
            if name == "month":
                if v.value == flt.NONE_VALUE:
                    continue  # undated rows: counted in the total, no range selects them
                first, last = _month_bounds(v.value)
                selected = spec.date_from == first and spec.date_to == last
                toggled = (spec.without("date_from", "date_to") if selected
                           else spec.but(date_from=first, date_to=last))
            else:
                current = getattr(spec, name)
                selected = (current == flt.parse_bool(v.value, name)) if name == "background" else v.value in current
                toggled = spec.toggled(name, v.value)
            entries.append({"value": v.value, "label": v.label, "count": v.count, "selected": selected,
                            "href": _href(base, toggled, limit=limit)})
        out[name] = entries
    return out


def browse_data(snap: Snapshot, kind: str, spec: flt.Filters, limit: int | None, offset: int | None,
                base: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The JSON twin of a browse page (``base`` is the path links go to) and every filtered row."""
    ix = index_of(snap)
    rows = rows_of(snap, kind, spec)
    size, skip = limit or DEFAULT_LIMIT, offset or 0
    total = len(rows)
    data = {
        "ok": True, "kind": kind, "filters": spec.to_json(), "page": {"limit": size, "offset": skip, "total": total},
        kind: rows[skip:skip + size],
        "facets": facet_entries(kind, spec, rows, ix, base, limit),
        "csv_url": _href(f"/{kind}.csv", spec),
        "next_url": _href(base, spec, limit=limit, offset=skip + size) if skip + size < total else None,
        "prev_url": _href(base, spec, limit=limit, offset=max(skip - size, 0) or None) if skip else None,
    }
    return data, rows


def browse_csv(snap: Snapshot, kind: str, spec: flt.Filters, limit: int | None, offset: int | None) -> str:
    from newsprism.export import records_to_csv

    rows = rows_of(snap, kind, spec)
    if limit is not None or offset is not None:
        rows = rows[offset or 0:(offset or 0) + (limit or len(rows))]
    return records_to_csv(rows)


# -- what a page shows per row (names, never ids) ---------------------------------------------------
def _names(view: RecordView, refs: Any) -> list[dict[str, Any]]:
    """People and places as a reader sees them: the name, linked to its entity page when there is one."""
    out = []
    for r in refs or []:
        if isinstance(r, dict) and (r.get("name") or r.get("acled_name")):
            eid = r.get("entity_id")
            out.append({"name": r.get("name") or r.get("acled_name"), "acled_name": r.get("acled_name"),
                        "href": f"/entities/{pages.q(eid)}" if eid in view.entities else None})
    return out


def _evidence(view: RecordView, record: dict[str, Any], fact_id: str | None) -> dict[str, Any]:
    evs = evidence_list(record)
    return {"text": " ".join(str(evs[0].get("text") or "").split()) if evs else "",
            "href": pages.evidence_href(view, evs[0], fact_id) if evs else None}


def display_rows(snap: Snapshot, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a browse page's table shows for each row."""
    from newsprism.brief import event_when
    from newsprism.serve.charts import describe_figure

    view = snap.view
    out = []
    for r in rows:
        if kind == "events":
            loc = r.get("location") or {}
            out.append({"r": r, "when": event_when(r), "actors": _names(view, r.get("actors")),
                        "recipients": _names(view, r.get("recipients")),
                        "place": _names(view, [loc])[0] if loc.get("name") else None,
                        "outlets": sorted({view.outlet(a) for a in r.get("reported_by") or []}),
                        "n_reports": len(r.get("reported_by") or []), "ev": _evidence(view, r, r.get("event_id"))})
        elif kind == "figures":
            out.append({"r": r, "value": describe_figure(r), "by": _names(view, [r.get("attributed_to")]),
                        "outlet": view.outlet(r.get("article_id")),
                        "when": r.get("as_of") or view.article_date(r.get("article_id")),
                        "ev": _evidence(view, r, r.get("figure_id"))})
        elif kind == "quotes":
            out.append({"r": r, "speaker": _names(view, [r.get("speaker")]), "outlet": view.outlet(r.get("article_id")),
                        "when": view.article_date(r.get("article_id")), "ev": _evidence(view, r, r.get("quote_id"))})
        else:
            out.append({"r": r, "href": f"/entities/{pages.q(r['entity_id'])}"})
    return out


def _chips(kind: str, spec: flt.Filters, ix: flt.Index) -> list[dict[str, str]]:
    """The active filters as removable chips, in words (a story by its title)."""
    chips = []
    for name, value in spec.pairs():
        label = ix.story_label(value) if name == "story" else "none" if value == flt.NONE_VALUE else value
        if name in ("date_from", "date_to"):
            rest = spec.without(name)
        elif name == "background":
            rest = spec.without("background")
        else:
            rest = spec.toggled(name, value)
        title = ACTOR_TITLES.get(kind, "Actor") if name == "actor" else FACET_TITLES.get(name, name.replace("_", " "))
        chips.append({"name": title, "label": label,
                      "href": _href(f"/{kind}", rest)})
    return chips


# -- routes --------------------------------------------------------------------------------------
def _register(kind: str) -> None:
    model = models.BROWSE_MODELS[kind]
    params = {"parameters": _parameters(kind)}
    title = TITLES[kind]

    def page(request: Request, limit: Limit = None, offset: Offset = None) -> HTMLResponse:
        from newsprism.serve import web

        snap = snapshot(request)
        spec = spec_of(request)
        data, _ = browse_data(snap, kind, spec, limit, offset, f"/{kind}")
        ix = index_of(snap)
        query = request.url.query
        return web.render(request, f"browse_{kind}.html", title=title, kind=kind, d=data,
                          rows=display_rows(snap, kind, data[kind]), chips=_chips(kind, spec, ix),
                          facet_titles={**FACET_TITLES, "actor": ACTOR_TITLES.get(kind, "Actor")}, spec=spec,
                          json_url=f"/{kind}.json" + (f"?{query}" if query else ""),
                          filter_names=[n for n in flt.Filters.names() if kind in flt.APPLIES[n]],
                          hidden=[(k, v) for k, v in spec.pairs() if k not in ("date_from", "date_to")])

    def as_json(request: Request, limit: Limit = None, offset: Offset = None) -> JSONResponse:
        data, _ = browse_data(snapshot(request), kind, spec_of(request), limit, offset, f"/{kind}.json")
        return JSONResponse(data)

    def as_csv(request: Request, limit: Limit = None, offset: Offset = None) -> Response:
        text = browse_csv(snapshot(request), kind, spec_of(request), limit, offset)
        return Response(text, media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{kind}.csv"'})

    page.__name__, as_json.__name__, as_csv.__name__ = f"browse_{kind}", f"browse_{kind}_json", f"browse_{kind}_csv"
    router.add_api_route(f"/{kind}.json", as_json, methods=["GET"], response_model=model, tags=["json"],
                         summary=f"{title}, filtered, with facets and paging", openapi_extra=params)
    router.add_api_route(f"/{kind}.csv", as_csv, methods=["GET"], response_class=Response, tags=["csv"],
                         summary=f"{title}, filtered: every row as CSV (the columns of `export --format csv`)",
                         responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
                         openapi_extra=params)
    router.add_api_route(f"/{kind}", page, methods=["GET"], response_class=HTMLResponse, tags=["pages"],
                         summary=f"{title} page: filters, facets, paging, CSV and JSON links", openapi_extra=params)


for _kind in flt.KINDS:
    _register(_kind)
