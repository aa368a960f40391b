"""Stored text as HTML: clutter greyed out, each fact highlighted at its span, all of it escaped.

The text is cut at every span boundary; each piece is escaped and wrapped in the elements of the
spans covering it, so overlapping facts never produce broken markup and nothing from the corpus
reaches the page unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from newsprism.serve.view import FACT_KINDS, Fact

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    fact_id: str
    kind: str


def fact_spans(facts: list[Fact]) -> list[Span]:
    spans = []
    for f in facts:
        for ev in f.evidence:
            if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int) and ev["end"] > ev["start"]:
                spans.append(Span(ev["start"], ev["end"], f.fact_id, f.kind))
    return spans


def render_text(text: str, base: int, spans: list[Span], boilerplate: list[dict[str, Any]],
                highlight: tuple[int, int] | None = None, selected: str | None = None,
                fact_href: str = "?fact={fid}#f-{fid}") -> Markup:
    """``text`` (which starts at document offset ``base``) as escaped HTML with its spans marked.

    Args:
        spans: facts' evidence spans, in document offsets.
        boilerplate: evidence-like dicts (``start``, ``end``, ``kind``) of clutter, greyed out.
        highlight: a document span to mark (``?hl=start-end``), with an ``id="hl"`` anchor at its start.
        selected: a fact id whose spans get the ``selected`` class.
        fact_href: link of a fact piece; ``{fid}`` is replaced by the fact id (URL-safe ids).
    """
    end_all = base + len(text)
    clip = [s for s in spans if s.start < end_all and s.end > base]
    bps = [(max(b["start"], base), min(b["end"], end_all), str(b.get("kind") or "clutter")) for b in boilerplate
           if isinstance(b.get("start"), int) and isinstance(b.get("end"), int) and b["start"] < end_all and b["end"] > base]
    hl = (max(highlight[0], base), min(highlight[1], end_all)) if highlight else None
    cuts = {base, end_all}
    for s in clip:
        cuts.update((max(s.start, base), min(s.end, end_all)))
    for b0, b1, _ in bps:
        cuts.update((b0, b1))
    if hl and hl[0] < hl[1]:
        cuts.update(hl)
    points = sorted(cuts)
    starts: dict[int, list[str]] = {}
    for s in clip:
        starts.setdefault(max(s.start, base), [])
        if s.fact_id not in starts[max(s.start, base)]:
            starts[max(s.start, base)].append(s.fact_id)
    out: list[str] = []
    hl_anchor_done = False
    for p0, p1 in zip(points, points[1:], strict=False):
        piece = escape(text[p0 - base:p1 - base], quote=False)
        if not piece:
            continue
        for fid in starts.get(p0, []):
            out.append(f'<span class="anchor" id="f-{escape(quote(fid, safe=""))}"></span>')
        covering = [s for s in clip if s.start <= p0 and s.end >= p1]
        covering.sort(key=lambda s: (FACT_KINDS.index(s.kind) if s.kind in FACT_KINDS else 99, s.end - s.start))
        clutter = [k for b0, b1, k in bps if b0 <= p0 and b1 >= p1]
        in_hl = bool(hl and hl[0] <= p0 and hl[1] >= p1)
        if in_hl and not hl_anchor_done:
            out.append('<span class="anchor" id="hl"></span>')
            hl_anchor_done = True
        if clutter:
            piece = f'<span class="clutter" title="clutter: {escape(clutter[0])}">{piece}</span>'
        if covering:
            ids = list(dict.fromkeys(s.fact_id for s in covering))
            kinds = list(dict.fromkeys(s.kind for s in covering))
            classes = ["fact", *(f"k-{k}" for k in kinds)]
            if selected and selected in ids:
                classes.append("selected")
            href = fact_href.replace("{fid}", escape(quote(ids[0], safe="")))
            piece = (f'<a class="{" ".join(classes)}" href="{href}" data-facts="{escape(" ".join(ids))}"'
                     f' title="{escape(", ".join(kinds))}">{piece}</a>')
        if in_hl:
            piece = f'<mark class="hl">{piece}</mark>'
        out.append(piece)
    if hl and not hl_anchor_done:  # an empty or out-of-range highlight still gets its anchor
        out.insert(0, '<span class="anchor" id="hl"></span>')
    return Markup("".join(out))


def snippet(text: str, terms: list[str], width: int = 90) -> tuple[Markup, int | None, int | None]:
    """A short escaped excerpt of ``text`` around the first query term, the term in ``<mark>``.

    Returns the excerpt and the term's offsets in ``text`` (None when no term occurs).
    """
    lower = text.casefold()
    best: tuple[int, int] | None = None
    for t in terms:
        i = lower.find(t.casefold())
        while i >= 0 and i > 0 and lower[i - 1].isalnum():  # whole-word start
            i = lower.find(t.casefold(), i + 1)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(t))
    if best is None:
        head = _WS.sub(" ", text[: width * 2]).strip()
        return Markup(escape(head) + ("…" if len(text) > width * 2 else "")), None, None
    s, e = best
    a, b = max(0, s - width), min(len(text), e + width)
    before, hit, after = (_WS.sub(" ", text[a:s]), text[s:e], _WS.sub(" ", text[e:b]))
    html = ("…" if a > 0 else "") + escape(before) + "<mark>" + escape(hit) + "</mark>" + escape(after) + (
        "…" if b < len(text) else "")
    return Markup(html), s, e
