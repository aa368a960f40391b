"""Charts as SVG drawn in Python: the event timeline, figure ranges per metric, the map of event places.

Server-side SVG needs no JavaScript library, obeys a strict Content-Security-Policy (styling is
done with presentation attributes, never ``style=""``), prints, and embeds as-is in the
self-contained HTML brief. Every mark is a link to the evidence it rests on and has a ``<title>``
tooltip; marks carry the class ``mark`` (tests count them). Each function returns ``None`` when
there is nothing to draw, so a page shows no empty chart pretending to be data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from html import escape
from typing import Any

from newsprism.serve import geo
from newsprism.serve.view import PLOVER_ORDER, parse_date

FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
INK, MUTED, GRID = "#1f2933", "#616e7c", "#e4e7eb"

# PLOVER quad classes (verbal/material x cooperation/conflict), as POLECAT dashboards colour them
PLOVER_COLOURS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST"), "#2f6db5"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "#2a8a57"),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE"), "#d9822b"),
    **dict.fromkeys(("COERCE", "ASSAULT"), "#c23030"),
}
WHO_COLOURS = {"all": "#3e4c59", "civilians": "#c23030", "children": "#a4266b", "combatants": "#5a4bb5",
               "military": "#5a4bb5", "police": "#2f6db5", "peacekeepers": "#2a8a57", "unknown": "#7b8794"}

Href = Callable[[dict[str, Any]], "str | None"]



def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{_e(href)}">{inner}</a>' if href else inner


def fmt_date(d: dt.date, with_year: bool = True) -> str:
    return f"{d.day} {d.strftime('%b')}" + (f" {d.year}" if with_year else "")


def fmt_int(n: int | float | None) -> str:
    return "?" if n is None else f"{int(n):,}"


# -- time axis ---------------------------------------------------------------------------------
def _time_ticks(t0: float, t1: float) -> list[tuple[float, str]]:
    """Tick positions (ordinal days) and labels for a date range."""
    span = t1 - t0
    first, last = dt.date.fromordinal(max(int(math.floor(t0)), 1)), dt.date.fromordinal(int(math.ceil(t1)))
    ticks: list[tuple[float, str]] = []
    if span <= 12:
        d = first
        while d <= last:
            if t0 <= d.toordinal() + 0.5 <= t1:
                ticks.append((d.toordinal() + 0.5, fmt_date(d, with_year=not ticks)))
            d += dt.timedelta(days=1)
    elif span <= 90:
        d = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while d <= last:
            ticks.append((d.toordinal(), fmt_date(d, with_year=not ticks)))
            d += dt.timedelta(days=7)
    elif span <= 1100:
        d = first.replace(day=1)
        step = 1 if span <= 400 else 3
        while d <= last:
            if d.toordinal() >= t0 and (d.month - 1) % step == 0:
                ticks.append((d.toordinal(), d.strftime("%b %Y") if (not ticks or d.month == 1) else d.strftime("%b")))
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        for y in range(first.year, last.year + 2):
            o = dt.date(y, 1, 1).toordinal()
            if t0 <= o <= t1:
                ticks.append((o, str(y)))
    return ticks


# -- timeline ----------------------------------------------------------------------------------
def _event_title(e: dict[str, Any]) -> str:
    d0, d1 = parse_date(e.get("date_start")), parse_date(e.get("date_end"))
    when = "undated" if d0 is None else fmt_date(d0) + (f" – {fmt_date(d1)}" if d1 and d1 != d0 else "")
    acled = " / ".join(x for x in (e.get("acled_event_type"), e.get("acled_sub_event_type")) if x)
    actors = ", ".join(a.get("name", "?") for a in e.get("actors") or [] if isinstance(a, dict))
    recips = ", ".join(a.get("name", "?") for a in e.get("recipients") or [] if isinstance(a, dict))
    loc = (e.get("location") or {}).get("name")
    parts = [when, str(e.get("plover_type") or "?") + (f" ({acled})" if acled else "")]
    if actors or recips:
        parts.append(f"{actors or '?'} → {recips or '?'}")
    if loc:
        parts.append(str(loc))
    if e.get("negated"):
        parts.append("reported as NOT having happened")
    if e.get("hypothetical"):
        parts.append("hypothetical / threatened")
    n = len(e.get("reported_by") or [])
    parts.append(f"{n} source{'s' if n != 1 else ''}")
    return " · ".join(parts)


IMPRECISE = ("week", "month", "year")  # a date known only to this precision is a span, not a day's event


def timeline_svg(events: list[dict[str, Any]], href: Href | None = None, width: int = 900,
                 lane_h: int = 34) -> str | None:
    """Events in lanes by PLOVER type along a date axis: single days as dots, stated ranges as
    bars. An event dated only to its week, month or year is a small hollow mark at the middle of
    that span with a hairline across it, so it never outweighs the day-dated events beside it;
    the axis spans the precisely dated days."""
    dated = []
    for e in events:
        d0 = parse_date(e.get("date_start"))
        if d0 is None:
            continue
        d1 = parse_date(e.get("date_end")) or d0
        dated.append((e, d0, max(d1, d0)))
    if not dated:
        return None
    types = {str(e.get("plover_type") or "?") for e, _, _ in dated}
    lanes = [t for t in PLOVER_ORDER if t in types] + sorted(types - set(PLOVER_ORDER))
    left, right, top = 112, 24, 12
    height = top + lane_h * len(lanes) + 34
    precise = [(d0, d1) for e, d0, d1 in dated if e.get("date_precision") not in IMPRECISE] or \
        [(d0, d0) for _, d0, _ in dated]
    t0 = float(min(d0.toordinal() for d0, _ in precise))
    t1 = float(max(d1.toordinal() + 1 for _, d1 in precise))
    pad = max(0.6, (t1 - t0) * 0.04)
    t0, t1 = t0 - pad, t1 + pad
    plot_w = width - left - right

    def x(t: float) -> float:
        return left + (min(max(t, t0), t1) - t0) / (t1 - t0) * plot_w

    out = [f'<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-label="Timeline of {len(dated)} dated events" {FONT} font-size="12">']
    for i, lane in enumerate(lanes):
        y = top + i * lane_h
        band = "#f8f9fa" if i % 2 else "#ffffff"
        out.append(f'<rect x="{left}" y="{y}" width="{plot_w}" height="{lane_h}" fill="{band}"/>')
        out.append(f'<text x="{left - 8}" y="{y + lane_h / 2 + 4}" text-anchor="end" fill="{INK}">{_e(lane)}</text>')
    axis_y = top + lane_h * len(lanes)
    for t, label in _time_ticks(t0, t1):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top}" y2="{axis_y + 4}" stroke="{GRID}"/>')
        out.append(f'<text x="{x(t):.1f}" y="{axis_y + 18}" text-anchor="middle" fill="{MUTED}">{_e(label)}</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>')
    stacks: dict[tuple[str, int], int] = {}
    step = lane_h / 3.4
    offsets = (0.0, -step, step)
    r_dot = min(5.5, lane_h / 6)
    for e, d0, d1 in sorted(dated, key=lambda r: (r[0].get("date_precision") in IMPRECISE, r[1],
                                                  str(r[0].get("event_id")))):
        lane = str(e.get("plover_type") or "?")
        li = lanes.index(lane)
        imprecise = e.get("date_precision") in IMPRECISE
        mid = (d0.toordinal() + d1.toordinal() + 1) / 2 if imprecise else d0.toordinal() + 0.5
        k = stacks.get((lane, int(mid)), 0)
        stacks[(lane, int(mid))] = k + 1
        cy = top + li * lane_h + lane_h / 2 + offsets[k % len(offsets)]
        # marks of one lane and day fill three rows, then spread sideways inside the day's width
        col = k // len(offsets)
        day_w = plot_w / (t1 - t0)
        shift = min((col + 1) // 2 * (2 * r_dot + 1), 0.45 * day_w) * (1 if col % 2 else -1)
        colour = PLOVER_COLOURS.get(lane, "#7b8794")
        hollow = bool(e.get("negated") or e.get("hypothetical") or imprecise)
        fill = "#ffffff" if hollow else colour
        dash = ' stroke-dasharray="3 2"' if (e.get("negated") or e.get("hypothetical")) else ""
        attrs = (f'class="mark ev-mark" data-event-id="{_e(e.get("event_id"))}" data-precision="'
                 f'{_e(e.get("date_precision") or "day")}" fill="{fill}" stroke="{colour}" stroke-width="1.5"{dash}')
        title = f"<title>{_e(_event_title(e))}</title>"
        if imprecise:  # a hairline over the span the date allows, a small mark at its middle
            xa, xb = x(d0.toordinal()), x(d1.toordinal() + 1)
            xm = x(mid) + shift
            shape = (f'<g {attrs}>{title}<line x1="{xa:.1f}" x2="{xb:.1f}" y1="{cy:.1f}" y2="{cy:.1f}" '
                     f'stroke-opacity="0.45" stroke-width="1"/><rect x="{xm - 3.5:.1f}" y="{cy - 3.5:.1f}" '
                     f'width="7" height="7" transform="rotate(45 {xm:.1f} {cy:.1f})"/></g>')
        elif d1 > d0:  # a stated range: from the first day's centre to the last day's (ticks sit at day centres)
            xa, xb = x(d0.toordinal() + 0.5) - 5, x(d1.toordinal() + 0.5) + 5
            shape = (f'<rect {attrs} x="{xa:.1f}" y="{cy - r_dot:.1f}" width="{max(xb - xa, 8):.1f}" '
                     f'height="{2 * r_dot:.1f}" rx="{r_dot:.1f}">{title}</rect>')
        else:
            shape = (f'<circle {attrs} cx="{x(d0.toordinal() + 0.5) + shift:.1f}" cy="{cy:.1f}" r="{r_dot:.1f}">'
                     f'{title}</circle>')
        out.append(_link(href(e) if href else None, shape))
    out.append("</svg>")
    return "".join(out)


# -- figure ranges -----------------------------------------------------------------------------
def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= m * exp:
            return m * exp
    return 10.0 * exp


def figure_value(f: dict[str, Any]) -> tuple[int | None, int | None]:
    """The (low, high) to draw for a reported figure; high None when the text gives no upper bound."""
    lo, hi = f.get("low"), f.get("high")
    lo = lo if isinstance(lo, int) and not isinstance(lo, bool) else None
    hi = hi if isinstance(hi, int) and not isinstance(hi, bool) else None
    if lo is None and hi is None:
        return None, None
    return lo, hi


def describe_figure(f: dict[str, Any]) -> str:
    """A figure's number in words, as reported: "at least 200", "25–30", "dozens (12)"."""
    lo, hi = figure_value(f)
    q = f.get("qualifier")
    if lo is None and hi is None:
        return str(f.get("vague_term") or "no number")
    if q in ("at_least", "more_than") or (hi is None and lo is not None and q != "exact"):
        text = ("more than " if q == "more_than" else "at least ") + fmt_int(lo)
    elif q == "up_to":
        text = "up to " + fmt_int(hi if hi is not None else lo)
    elif lo is not None and hi is not None and hi != lo:
        text = f"{fmt_int(lo)}–{fmt_int(hi)}"
    else:
        text = ("about " if q == "about" else "") + fmt_int(lo if lo is not None else hi)
    if f.get("vague_term"):
        text = f"{f['vague_term']} (read as {text})"
    return text


def figure_chart_svg(figures: list[dict[str, Any]], reconciled: dict[str, Any] | None,
                     date_of: Callable[[dict[str, Any]], str | None], label_of: Callable[[dict[str, Any]], str],
                     href: Href | None = None, width: int = 760, height: int = 250,
                     title: str | None = None) -> str | None:
    """One metric's figures: each source's number as a mark at its as-of date, the reconciled
    low–high as a band and best as a line. Marks filled when they went into the reconciled range,
    hollow when excluded (the reason is in the tooltip), grey when not reconciled at all."""
    inputs = set((reconciled or {}).get("inputs") or [])
    excluded = {x.get("figure_id"): x.get("reason") for x in (reconciled or {}).get("excluded") or []}
    # a figure about another scope (the 2020 war beside this week's offensive) has its own chart;
    # drawn here it would set the scale and flatten the dispute this chart is about
    drawable = [f for f in figures if figure_value(f) != (None, None)
                and excluded.get(f.get("figure_id")) != "different_scope"]
    if not drawable:
        return None
    left, right, top, bottom = 64, 130, (34 if title else 14), 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for f in drawable for v in figure_value(f) if v is not None]
    if reconciled:
        values += [v for v in (reconciled.get("low"), reconciled.get("best"), reconciled.get("high")) if isinstance(v, int)]
    top_value = max(max(values) * 1.12, 1)
    step = _nice(top_value / 4)
    ymax = step * math.ceil(top_value / step)

    def y(v: float) -> float:
        return top + plot_h - v / ymax * plot_h

    dates = {id(f): parse_date(date_of(f)) for f in drawable}
    known = sorted({d for d in dates.values() if d})
    undated = any(d is None for d in dates.values())
    slots_w = plot_w - (60 if undated and known else 0)
    if known:
        t0, t1 = float(known[0].toordinal()), float(known[-1].toordinal() + 1)
        pad = max(0.6, (t1 - t0) * 0.06)
        t0, t1 = t0 - pad, t1 + pad

    def x_of(d: dt.date | None) -> float:
        if d is None:
            return left + (slots_w + (plot_w - slots_w) / 2 if known else plot_w / 2)
        return left + (d.toordinal() + 0.5 - t0) / (t1 - t0) * slots_w

    out = [f'<svg class="chart figure-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-label="{_e(title) + ": " if title else ""}{len(drawable)} reported figures" '
           f'{FONT} font-size="12">']
    if title:
        out.append(f'<text class="chart-title" x="8" y="18" fill="{INK}" font-size="14" font-weight="bold">{_e(title)}</text>')
    for i in range(int(round(ymax / step)) + 1):
        v = step * i
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="{MUTED}">{fmt_int(v)}</text>')
    if reconciled and isinstance(reconciled.get("low"), int):
        lo, hi, best = reconciled["low"], reconciled.get("high"), reconciled.get("best")
        y_hi = y(hi) if isinstance(hi, int) else top
        open_dash = "" if isinstance(hi, int) else ' stroke-dasharray="4 3"'
        out.append(f'<rect class="band" x="{left}" y="{y_hi:.1f}" width="{plot_w}" height="{max(y(lo) - y_hi, 2):.1f}" '
                   f'fill="#f5d76e" fill-opacity="0.35" stroke="#c99a06" stroke-width="1"{open_dash}>'
                   f'<title>{_e(_band_title(reconciled))}</title></rect>')
        labels: list[tuple[float, str, bool]] = []
        same_hi = isinstance(hi, int) and hi == lo
        if isinstance(best, int):
            out.append(f'<line class="best" x1="{left}" x2="{left + plot_w}" y1="{y(best):.1f}" y2="{y(best):.1f}" '
                       f'stroke="#8a6d00" stroke-width="2" stroke-dasharray="6 3"/>')
        if isinstance(best, int) and best == lo:
            labels.append((y(lo), ("low = best = high " if same_hi else "low = best ") + fmt_int(lo), True))
        else:
            labels.append((y(lo), ("low = high " if same_hi else "low ") + fmt_int(lo), False))
            if isinstance(best, int):
                labels.append((y(best), ("best = high " if best == hi else "best ") + fmt_int(best), True))
        if not same_hi and not (isinstance(best, int) and best == hi):
            labels.append((y_hi, "high " + fmt_int(hi) if isinstance(hi, int) else "no upper bound", False))
        for ly, text, bold in _spread(labels, 14.0):
            weight = ' font-weight="bold"' if bold else ""
            out.append(f'<text x="{left + plot_w + 8}" y="{ly + 4:.1f}" fill="#8a6d00"{weight}>{_e(text)}</text>')
    axis_y = top + plot_h
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>')
    if known:
        for t, label in _time_ticks(t0, t1):
            tx = left + (t - t0) / (t1 - t0) * slots_w
            if undated and tx > left + slots_w - 22:
                continue  # would run into the "no date" slot's label
            out.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="{MUTED}">{_e(label)}</text>')
        out.append(f'<text x="{left + slots_w / 2:.1f}" y="{axis_y + 32}" text-anchor="middle" fill="{MUTED}">as of</text>')
    if undated:
        out.append(f'<text x="{x_of(None):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="{MUTED}">no date</text>')
    slot_count: dict[Any, int] = {}
    for f in sorted(drawable, key=lambda f: (dates[id(f)] or dt.date.max, str(f.get("figure_id")))):
        d = dates[id(f)]
        k = slot_count.get(d, 0)
        slot_count[d] = k + 1
        cx = x_of(d) + (0 if k == 0 else (10 * ((k + 1) // 2)) * (1 if k % 2 else -1))
        lo, hi = figure_value(f)
        colour = WHO_COLOURS.get(str(f.get("who")), "#3e4c59")
        fid = f.get("figure_id")
        if fid in inputs:
            fill, status = colour, "input to the reconciled range"
        elif fid in excluded:
            fill, status = "#ffffff", f"excluded: {excluded[fid]}"
        else:
            colour, fill, status = "#9aa5b1", "#9aa5b1", "not reconciled"
        v = float(lo if lo is not None else (hi if hi is not None else 0))
        parts = []
        if lo is not None and hi is not None and hi != lo:
            parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(hi):.1f}" y2="{y(lo):.1f}" stroke="{colour}" '
                         'stroke-width="3"/>')
            parts.append(f'<circle cx="{cx:.1f}" cy="{y(hi):.1f}" r="4" fill="{fill}" stroke="{colour}" '
                         'stroke-width="1.5"/>')
        q = f.get("qualifier")
        if hi is None and q != "exact":  # open upper bound: an arrow up
            parts.append(f'<path d="M{cx - 5:.1f},{y(v) - 10:.1f}L{cx:.1f},{y(v) - 18:.1f}L{cx + 5:.1f},{y(v) - 10:.1f}" '
                         f'fill="none" stroke="{colour}" stroke-width="1.8"/>')
            parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(v) - 6:.1f}" y2="{y(v) - 18:.1f}" '
                         f'stroke="{colour}" stroke-width="1.8"/>')
        if q == "up_to":
            v = hi if hi is not None else v
            parts.append(f'<path d="M{cx - 5:.1f},{y(v) + 10:.1f}L{cx:.1f},{y(v) + 18:.1f}L{cx + 5:.1f},{y(v) + 10:.1f}" '
                         f'fill="none" stroke="{colour}" stroke-width="1.8"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="{y(v):.1f}" r="6" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
        title = (f"{label_of(f)}: {describe_figure(f)} {f.get('metric')} ({f.get('who')})"
                 f"{'; as of ' + str(date_of(f)) if date_of(f) else '; no date'}; hedge: {f.get('hedge')}"
                 f"{'; according to ' + str((f.get('attributed_to') or {}).get('name')) if f.get('attributed_to') else ''}"
                 f"; {status}")
        g = (f'<g class="mark fig-mark" data-figure-id="{_e(fid)}"><title>{_e(title)}</title>{"".join(parts)}</g>')
        out.append(_link(href(f) if href else None, g))
    out.append("</svg>")
    return "".join(out)


def _spread(labels: list[tuple[float, str, bool]], gap: float) -> list[tuple[float, str, bool]]:
    """Label positions pushed apart vertically so no two are closer than ``gap`` pixels."""
    placed: list[tuple[float, str, bool]] = []
    for y, text, bold in sorted(labels, key=lambda t: -t[0]):  # bottom first, push upwards
        if placed and placed[-1][0] - y < gap:
            y = placed[-1][0] - gap
        placed.append((y, text, bold))
    return placed


def _band_title(r: dict[str, Any]) -> str:
    s = r.get("scope") or {}
    hi = r.get("high")
    return (f"reconciled {s.get('metric')} ({s.get('who')}): low {fmt_int(r.get('low'))}, best {fmt_int(r.get('best'))}, "
            f"high {fmt_int(hi) if isinstance(hi, int) else 'open'}; basis {r.get('best_basis')}"
            + (f"; {r['notes']}" if r.get("notes") else ""))


# -- map ---------------------------------------------------------------------------------------
FRAME_KM = 800.0


def geo_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    from newsprism.geocode import haversine_km

    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def map_svg(places: list[dict[str, Any]], width: int = 760, height: int = 430) -> str | None:
    """Event places on the Natural Earth country outlines, sized by the number of events.

    ``places``: dicts with ``name``, ``lat``, ``lon``, ``count``, ``title`` and ``href`` (or None).
    """
    pts = [p for p in places if isinstance(p.get("lat"), (int, float)) and isinstance(p.get("lon"), (int, float))
           and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180]
    if not pts:
        return None
    # frame on the places that say where things happened (towns, districts, regions); a country's
    # centroid (Russia's lies in Siberia) only says which state, and would shrink the story to a dot
    precise = [p for p in pts if (p.get("where_prec") or 9) <= 5]
    if precise:
        # ...and on those near the busiest one: a capital named as a speaker's seat far away would
        # otherwise set the frame
        busiest = max(precise, key=lambda p: (p.get("count") or 0, p["name"] or ""))
        precise = [p for p in precise if geo_km(p, busiest) <= FRAME_KM]
    frame = precise or pts
    proj = geo.Projection.fit([(p["lon"], p["lat"]) for p in frame], width, height)
    pts = [p for p in pts if p in frame or (proj.lon0 <= p["lon"] <= proj.lon1
                                            and min(proj.lat0, proj.lat1) <= p["lat"] <= max(proj.lat0, proj.lat1))]
    out = [f'<svg class="chart map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="Map of {len(pts)} event places" {FONT} font-size="12">',
           f'<defs><clipPath id="mapclip"><rect width="{width}" height="{height}"/></clipPath></defs>',
           f'<rect width="{width}" height="{height}" fill="#dcebf5"/>', '<g clip-path="url(#mapclip)">']
    names: list[tuple[tuple[float, float], str]] = []
    scale = "110m" if proj.lon1 - proj.lon0 > geo.WIDE_VIEW_DEGREES else "50m"
    for c in geo.countries(scale):
        if not proj.visible(c.bbox):
            continue
        d = geo.country_path(c, proj)
        if d:
            out.append(f'<path class="country" d="{d}" fill="#f4f1ea" stroke="#9aa5b1" stroke-width="0.8">'
                       f'<title>{_e(c.name)}</title></path>')
            lp = geo.label_point(c, proj)
            if lp:
                names.append((lp, c.name))
    span = proj.lon1 - proj.lon0
    step = next((s for s in (0.5, 1, 2, 5, 10, 20, 30, 60) if span / s <= 8), 90)
    g = math.ceil(proj.lon0 / step) * step
    while g <= proj.lon1:
        gx, _ = proj(g, proj.lat0)
        out.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="0" y2="{height}" stroke="#ffffff" stroke-opacity="0.6"/>')
        out.append(f'<text x="{gx + 3:.1f}" y="12" fill="{MUTED}" font-size="10">{_deg(g, "E", "W")}</text>')
        g += step
    g = math.ceil(proj.lat1 / step) * step
    while g <= proj.lat0:
        _, gy = proj(proj.lon0, g)
        out.append(f'<line x1="0" x2="{width}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#ffffff" stroke-opacity="0.6"/>')
        out.append(f'<text x="4" y="{gy - 3:.1f}" fill="{MUTED}" font-size="10">{_deg(g, "N", "S")}</text>')
        g += step
    boxes: list[tuple[float, float, float, float]] = []
    ordered = sorted(pts, key=lambda p: (-int(p.get("count") or 1), str(p.get("name"))))
    for p in ordered:
        px, py = proj(p["lon"], p["lat"])
        n = int(p.get("count") or 1)
        r = 5 + 2.5 * math.sqrt(max(n - 1, 0))
        boxes.append((px - r, py - r, px + r, py + r))
    taken = list(boxes)  # a label covers neither another label nor a mark
    marks = []
    for p in ordered:
        px, py = proj(p["lon"], p["lat"])
        n = int(p.get("count") or 1)
        r = 5 + 2.5 * math.sqrt(max(n - 1, 0))
        label = f'{p.get("name") or ""}{f" ({n})" if n > 1 else ""}'
        spot = _place_label(px, py, r, len(label) * 7.2 + 4, taken, width, height)
        text = ""
        if spot:  # no free spot: the name stays in the mark's tooltip rather than over another label
            lx, ly, anchor = spot
            text = (f'<text class="map-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="{INK}" '
                    f'font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke">{_e(label)}</text>')
        mark = (f'<g class="mark map-mark" data-place="{_e(p.get("name"))}">'
                f'<title>{_e(p.get("title") or p.get("name"))}</title>'
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="#c23030" fill-opacity="0.85" stroke="#ffffff" '
                f'stroke-width="1.5"/>{text}</g>')
        marks.append(_link(p.get("href"), mark))
    # country names are background: drawn only where no place mark or label is
    for (lx, ly), name in names:
        w = len(name) * 8.0 + 4
        box = (lx - w / 2, ly - 11, lx + w / 2, ly + 3)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        out.append(f'<text class="country-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" fill="#7b8794" '
                   f'font-size="11" font-style="italic" letter-spacing="1">{_e(name.upper())}</text>')
    out.append("</g>")
    out.extend(marks)
    km = _nice(proj.km_per_px() * width / 6)
    bar = km / proj.km_per_px()
    out.append(f'<g class="scale"><line x1="{width - bar - 16:.1f}" x2="{width - 16}" y1="{height - 26}" '
               f'y2="{height - 26}" stroke="{INK}" stroke-width="2"/><text x="{width - 16}" y="{height - 32}" '
               f'text-anchor="end" fill="{INK}" font-size="10">{fmt_int(km)} km</text></g>')
    out.append(f'<text x="6" y="{height - 6}" fill="{MUTED}" font-size="9">Base map: Natural Earth (public domain)</text>')
    out.append("</svg>")
    return "".join(out)


def _place_label(px: float, py: float, r: float, w: float, taken: list[tuple[float, float, float, float]],
                 width: float, height: float = 1e9) -> tuple[float, float, str] | None:
    """A label position beside a mark that overlaps no label or mark placed before (right, left,
    above, below), or None when every spot is taken."""
    h = 14.0
    options = [(px + r + 4, py + 4, "start"), (px - r - 4, py + 4, "end"),
               (px + r + 2, py - r - 4, "start"), (px + r + 2, py + r + 13, "start"),
               (px - r - 2, py - r - 4, "end"), (px - r - 2, py + r + 13, "end"),
               (px - w / 2, py - r - 6, "start"), (px - w / 2, py + r + 15, "start")]
    for x, y, anchor in options:
        x0 = x if anchor == "start" else x - w
        box = (x0, y - h + 3, x0 + w, y + 3)
        if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
            continue
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            taken.append(box)
            return x, y, anchor
    return None


def _deg(v: float, pos: str, neg: str) -> str:
    text = f"{abs(v):g}°"
    return text + (pos if v >= 0 else neg)
