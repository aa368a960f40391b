"""Reconcile reported figures into low / best / high ranges, and find where sources disagree.

Rules follow UCDP GED's handling of conflicting reports (see ``shared/CODEBOOKS.md``):

- Figures are compared per story (``Article.story_id``) and, when set, per event, per metric and
  per victim group (``who``).
- Figures about a different **scope** are kept apart, never averaged: an earlier year, one
  incident (a blast, a strike, an ambush) versus the whole operation, one named day versus the
  cumulative count, and cumulative counts more than :data:`WINDOW_DAYS` apart. The scope comes
  from ``Figure.scope`` (set by the extractor from trigger words and time expressions) and the
  figure's ``as_of`` date. Each scope gets its own :class:`ReconciledFigure`, which lists the other
  scopes' figures as ``different_scope``.
- Within a scope: an **interim** figure ("so far", "had risen to") yields to a final one; a
  **later** figure from the same originating source supersedes its earlier one; a vague count
  ("dozens") yields to any precise count (``vague_only``); a figure the text itself calls
  unverified yields to verified ones (``unreliable``).
- ``low`` / ``high`` are the lowest / highest remaining figures; an open bound ("at least 200")
  stays open (``high`` None) unless a closed figure reaches past it; nothing is invented.
- ``best`` is the figure of the most reliable source when one source is more reliable than all
  others (a named source speaking plainly beats the outlet's own voice, which beats hearsay,
  which beats claims, allegations and unconfirmed reports); otherwise the lower figure.
- ``acled_fatalities`` is ACLED's conservative count: the low of a ``killed`` scope, else 0.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from newsprism.records import (
    Article,
    Claim,
    Contradiction,
    Exclusion,
    Figure,
    ReconciledFigure,
    Scope,
    content_id,
)

__all__ = ["reconcile_figures", "figure_contradictions", "format_figures_table", "WINDOW_DAYS"]

WINDOW_DAYS = 3  # cumulative counts further apart than this cover different periods
UNNAMED = "unnamed source"
_SPECIFIC_WHO = {"civilians", "combatants", "military", "police", "peacekeepers", "children"}
# words that do not identify a party when comparing source names
_GENERIC_SOURCE_WORDS = {
    "the", "of", "and", "a", "an", "in", "on", "by", "as", "to", "for", "its", "their", "his", "her",
    "said", "says", "according", "reported", "report", "reports", "quoted", "cited", "citing",
    "official", "officials", "ministry", "minister", "authorities", "authority", "government",
    "office", "state", "press", "service", "spokesman", "spokeswoman", "spokesperson", "source",
    "sources", "media", "agency", "news", "statement", "local", "senior", "department", "national",
}
_HEDGE_RANK = {"none": 3, "said": 3, "estimate": 3, "reportedly": 1, "claimed": 0, "alleged": 0,
               "unconfirmed": 0}


# --------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------


def _stems(name: str) -> set[str]:
    words = re.findall(r"[a-z0-9\u00c0-\u024f]+", name.lower())
    return {w[:5] for w in words if w not in _GENERIC_SOURCE_WORDS and len(w) > 2}


def _source_name(f: Figure) -> str | None:
    return f.attributed_to.name if f.attributed_to is not None else None


def _origin(f: Figure, articles: dict[str, Article]) -> str:
    """A printable originating source: the named source, else the outlet's own voice."""
    name = _source_name(f)
    if name:
        return name
    art = articles.get(f.article_id)
    return f"{art.outlet} (own voice)" if art is not None and art.outlet else "outlet (own voice)"


class _Parties:
    """Groups figures by originating source: names that share a distinctive word are one party
    ("the health ministry in Gaza" ~ "Gaza health ministry"); the
    outlet's own voice is its outlet; unnamed sources are never merged across articles."""

    def __init__(self, figures: Iterable[Figure], articles: dict[str, Article]) -> None:
        self.key: dict[str, str] = {}
        named: list[tuple[str, set[str]]] = []
        # stem -> the earliest party (its place in ``named``) whose names hold it: a name's party
        # is the earliest sharing a stem with it, found without a scan of all parties
        holders: dict[str, int] = {}
        for f in figures:
            name = _source_name(f)
            if name is None:
                art = articles.get(f.article_id)
                outlet = art.outlet if art is not None and art.outlet else f.article_id
                self.key[f.figure_id] = f"outlet:{outlet.lower()}"
            elif name == UNNAMED or not _stems(name):
                self.key[f.figure_id] = f"unnamed:{f.article_id}:{name.lower()}"
            else:
                st = _stems(name)
                first = min((holders[s] for s in st if s in holders), default=None)
                if first is None:
                    first = len(named)
                    named.append((f"party:{name.lower()}", set()))
                # the party's name grows by the new stems (a later name may match through them)
                match, stems = named[first]
                for s in st - stems:
                    stems.add(s)
                    holders[s] = min(holders.get(s, first), first)
                self.key[f.figure_id] = match

    def of(self, f: Figure) -> str:
        return self.key[f.figure_id]


def _reliability(f: Figure) -> int:
    """3 named source speaking plainly, 2 outlet's own voice, 1 hearsay, 0 claims/unverified."""
    name = _source_name(f)
    rank = _HEDGE_RANK.get(f.hedge, 1)
    if name is None:
        return min(rank, 2)
    if name == UNNAMED:
        return min(rank, 1)
    return rank


# --------------------------------------------------------------------------------------------
# scopes
# --------------------------------------------------------------------------------------------


def _date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _when(f: Figure, articles: dict[str, Article]) -> _dt.date | None:
    art = articles.get(f.article_id)
    return _date(f.as_of) or _date(art.published if art is not None else None)


def _scope_class(f: Figure) -> tuple[str, str]:
    s = f.scope or ""
    kind, _, rest = s.partition(":")
    if kind in ("historical", "incident", "day"):
        return kind, rest
    return "cumulative", ""


def _scope_label(key: tuple[str, ...]) -> str:
    kind = key[0]
    if kind == "historical":
        return f"year {key[1]}"
    if kind == "incident":
        return f"one {key[1]} incident" + (f" ({key[2]})" if len(key) > 2 and key[2] else "")
    if kind == "day":
        return f"day {key[1]}"
    return "cumulative" + (f" to {key[1]}" if len(key) > 1 and key[1] else "")


def _partition(figs: list[Figure], articles: dict[str, Article],
               parties: _Parties) -> list[tuple[tuple[str, ...], list[Figure]]]:
    """Split one (story, event, metric, who) group into scopes that must not be mixed."""
    buckets: dict[tuple[str, ...], list[Figure]] = {}
    cumulative: list[Figure] = []
    # an earlier cumulative count of a source follows that source's latest count wherever it
    # falls, so that it is marked superseded rather than given a period of its own
    latest: dict[str, Figure] = {}
    for f in figs:
        if _scope_class(f)[0] == "cumulative" and _when(f, articles) is not None:
            cur = latest.get(parties.of(f))
            if cur is None or _when(f, articles) > _when(cur, articles):  # type: ignore[operator]
                latest[parties.of(f)] = f
    followers: dict[str, list[Figure]] = {}
    for f in figs:
        kind, arg = _scope_class(f)
        if kind == "cumulative":
            lead = latest.get(parties.of(f))
            if lead is not None and lead.figure_id != f.figure_id and _when(f, articles) is not None \
                    and _when(f, articles) < _when(lead, articles):  # type: ignore[operator]
                followers.setdefault(lead.figure_id, []).append(f)
            else:
                cumulative.append(f)
            continue
        key: tuple[str, ...] = (kind, arg)
        buckets.setdefault(key, []).append(f)
    # one kind of incident on dates more than WINDOW_DAYS apart is several incidents
    for key in [k for k in buckets if k[0] == "incident"]:
        members = buckets.pop(key)
        for cluster in _date_clusters(members, articles):
            first = _when(cluster[0], articles)
            buckets[(key[0], key[1], first.isoformat() if first else "")] = cluster
    # cumulative counts: windows anchored at the latest date; undated ones join the latest window
    dated = sorted((f for f in cumulative if _when(f, articles) is not None),
                   key=lambda f: _when(f, articles) or _dt.date.min, reverse=True)
    undated = [f for f in cumulative if _when(f, articles) is None]
    windows: list[list[Figure]] = []
    for f in dated:
        d = _when(f, articles)
        if windows:
            anchor = _when(windows[-1][0], articles)
            if anchor is not None and d is not None and (anchor - d).days <= WINDOW_DAYS:
                windows[-1].append(f)
                continue
        windows.append([f])
    if undated:
        if windows:
            windows[0].extend(undated)
        else:
            windows.append(undated)
    for w in windows:
        for f in list(w):
            w.extend(followers.get(f.figure_id, []))
    out: list[tuple[tuple[str, ...], list[Figure]]] = []
    for w in windows:
        anchor = _when(w[0], articles)
        out.append((("cumulative", anchor.isoformat() if anchor and len(windows) > 1 else ""), w))
    out.extend(sorted(buckets.items()))
    return out


def _date_clusters(figs: list[Figure], articles: dict[str, Article]) -> list[list[Figure]]:
    """Figures whose dates are within WINDOW_DAYS of the previous one; undated join the first."""
    dated = sorted((f for f in figs if _when(f, articles) is not None), key=lambda f: _when(f, articles))  # type: ignore[arg-type,return-value]
    clusters: list[list[Figure]] = []
    last: _dt.date | None = None
    for f in dated:
        d = _when(f, articles)
        if clusters and last is not None and d is not None and (d - last).days <= WINDOW_DAYS:
            clusters[-1].append(f)
        else:
            clusters.append([f])
        last = d
    undated = [f for f in figs if _when(f, articles) is None]
    if undated:
        if clusters:
            clusters[0].extend(undated)
        else:
            clusters.append(undated)
    return clusters


# --------------------------------------------------------------------------------------------
# reconciliation
# --------------------------------------------------------------------------------------------


@dataclass
class _Group:
    scope: Scope
    scope_key: tuple[str, ...]
    members: list[Figure]
    inputs: list[Figure] = field(default_factory=list)
    excluded: list[tuple[Figure, str]] = field(default_factory=list)
    others: list[Figure] = field(default_factory=list)  # same metric/who, different scope


def _point(f: Figure) -> int | None:
    return f.low if f.low is not None else f.high


def _apply_rules(g: _Group, parties: _Parties, articles: dict[str, Article]) -> None:
    live = list(g.members)
    excluded: list[tuple[Figure, str]] = []

    # interim figures yield to final ones reported no earlier
    finals = [f for f in live if not f.interim]
    for f in list(live):
        if not f.interim or not finals:
            continue
        fw = _when(f, articles)
        if any(_when(x, articles) is None or fw is None or _when(x, articles) >= fw for x in finals):  # type: ignore[operator]
            live.remove(f)
            excluded.append((f, "interim"))
    # a later figure from the same originating source supersedes an earlier one
    by_party: dict[str, list[Figure]] = {}
    for f in live:
        by_party.setdefault(parties.of(f), []).append(f)
    for fs in by_party.values():
        dated = [f for f in fs if _when(f, articles) is not None]
        if len(dated) < 2:
            continue
        latest = max(_when(f, articles) for f in dated)  # type: ignore[type-var]
        for f in dated:
            if _when(f, articles) < latest:  # type: ignore[operator]
                live.remove(f)
                excluded.append((f, "superseded"))
    # a vague count yields to any precise one
    if any(f.qualifier != "vague" for f in live):
        for f in [f for f in live if f.qualifier == "vague"]:
            live.remove(f)
            excluded.append((f, "vague_only"))
    # figures the text itself calls unverified yield to the rest
    if any(f.hedge != "unconfirmed" for f in live):
        for f in [f for f in live if f.hedge == "unconfirmed"]:
            live.remove(f)
            excluded.append((f, "unreliable"))
    g.inputs = live
    g.excluded = excluded


def _bounds(inputs: list[Figure]) -> tuple[int | None, int | None, int | None, str]:
    points = [p for p in (_point(f) for f in inputs) if p is not None]
    if not points:
        return None, None, None, "single_source" if len(inputs) == 1 else "lower_figure_rule"
    low = min(points)
    closed = [f.high for f in inputs if f.high is not None]
    open_lows = [f.low for f in inputs if f.high is None and f.low is not None]
    top = max(closed) if closed else None
    high: int | None
    if top is None or any(lo >= top for lo in open_lows):
        high = None
    else:
        high = top
    if len(inputs) == 1:
        return low, _point(inputs[0]), high, "single_source"
    ranks = {f.figure_id: _reliability(f) for f in inputs}
    best_rank = max(ranks.values())
    top_figs = [f for f in inputs if ranks[f.figure_id] == best_rank]
    top_points = {_point(f) for f in top_figs}
    if len(top_figs) < len(inputs) and len(top_points) == 1:
        return low, top_points.pop(), high, "most_reliable_source"
    return low, min(p for p in (_point(f) for f in top_figs) if p is not None) if any(
        _point(f) is not None for f in top_figs) else low, high, "lower_figure_rule"


def _value_text(f: Figure) -> str:
    if f.qualifier == "vague":
        return f.vague_term or "an unspecified number"
    if f.qualifier == "range":
        return f"{f.low}-{f.high}"
    prefix = {"at_least": "at least ", "more_than": "more than ", "up_to": "up to ", "about": "about "}
    value = f.low if f.low is not None else f.high
    return f"{prefix.get(f.qualifier, '')}{value}"


def _notes(g: _Group, best_basis: str, articles: dict[str, Article]) -> str:
    what = f"{g.scope.metric} ({g.scope.who}, {_scope_label(g.scope_key)})"
    parts = []
    for f in g.inputs:
        art = articles.get(f.article_id)
        outlet = f" via {art.outlet}" if art is not None and art.outlet and _source_name(f) else ""
        parts.append(f"{_origin(f, articles)}{outlet}: {_value_text(f)}")
    reasons: dict[str, int] = {}
    for _, r in g.excluded:
        reasons[r] = reasons.get(r, 0) + 1
    tail = ""
    if reasons:
        tail = "; set aside " + ", ".join(f"{n} {r.replace('_', ' ')}" for r, n in sorted(reasons.items()))
    if len(g.inputs) == 1:
        return f"{what}: one source, {parts[0]}{tail}." if parts else f"{what}: no usable figure{tail}."
    rule = {"lower_figure_rule": "the lower figure is taken as best",
            "most_reliable_source": "the most reliable source's figure is taken as best"}.get(best_basis, "")
    return f"{what} disputed: {'; '.join(parts)} ({rule}){tail}."


def _groups(figures: list[Figure], articles: dict[str, Article]) -> list[_Group]:
    usable = []
    for f in figures:
        art = articles.get(f.article_id)
        if art is not None and (not art.on_topic or art.duplicate_of):
            continue  # off-topic pages and duplicate copies are not independent reports
        usable.append(f)
    parties = _Parties(usable, articles)
    by_key: dict[tuple[str | None, str | None, str, str], list[Figure]] = {}
    for f in usable:
        art = articles.get(f.article_id)
        story = art.story_id if art is not None else None
        who = "all" if f.who == "unknown" else f.who
        by_key.setdefault((story, f.event_id, f.metric, who), []).append(f)
    # a sub-count of the same metric and victim group ("eight hurt, two of them seriously";
    # "2,906 arrived ... 2,100 of them registered") counts a part of its parent, not the same
    # total: it is set aside in its parent's scope
    parent_of: dict[str, Figure] = {}
    for f in usable:
        for c in f.includes:
            parent_of[c] = f
    out: list[_Group] = []
    for (story, event, metric, who), figs in sorted(by_key.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        figs = sorted(figs, key=lambda f: (f.evidence.doc, f.evidence.start, f.figure_id))
        parts_of = [f for f in figs if f.figure_id in parent_of
                    and parent_of[f.figure_id].metric == f.metric and parent_of[f.figure_id].who == f.who]
        whole = [f for f in figs if f not in parts_of]
        parts = _partition(whole, articles, parties) if whole else []
        for key, members in parts:
            g = _Group(Scope(story, event, metric, who), key, members)
            g.others = [f for k, m in parts if k != key for f in m]
            _apply_rules(g, parties, articles)
            ids = {f.figure_id for f in members}
            g.excluded += [(f, "different_scope") for f in parts_of if _root(parent_of, f).figure_id in ids]
            g.others += [f for f in parts_of if _root(parent_of, f).figure_id not in ids]
            out.append(g)
    return out


def _root(parent_of: dict[str, Figure], f: Figure) -> Figure:
    seen = {f.figure_id}
    while f.figure_id in parent_of and parent_of[f.figure_id].figure_id not in seen:
        f = parent_of[f.figure_id]
        seen.add(f.figure_id)
    return f


def reconcile_figures(figures: list[Figure], articles: dict[str, Article]) -> list[ReconciledFigure]:
    """Reconcile figures into one low/best/high range per story, event, metric, who and scope.

    Args:
        figures: figures from every article (``extract_figures`` output).
        articles: the articles by id (story, outlet, publication date; off-topic and duplicate
            articles are left out).

    Returns:
        One :class:`ReconciledFigure` per scope; figures of the same metric and victim group
        about another scope appear in ``excluded`` as ``different_scope``.
    """
    out: list[ReconciledFigure] = []
    for g in _groups(figures, articles):
        low, best, high, basis = _bounds(g.inputs)
        excluded = [Exclusion(f.figure_id, r) for f, r in g.excluded]
        excluded += [Exclusion(f.figure_id, "different_scope") for f in g.others]
        acled = 0
        if g.scope.metric == "killed" and low is not None:
            acled = low
        elif g.scope.metric == "killed" and best is not None:
            acled = best
        out.append(ReconciledFigure(
            scope=g.scope,
            low=low,
            best=best,
            high=high,
            inputs=tuple(f.figure_id for f in g.inputs),
            excluded=tuple(excluded),
            best_basis=basis,
            acled_fatalities=acled,
            notes=_notes(g, basis, articles),
        ))
    return out


# --------------------------------------------------------------------------------------------
# contradictions
# --------------------------------------------------------------------------------------------


def _interval(f: Figure) -> tuple[float, float]:
    lo = f.low if f.low is not None else 0
    hi = f.high if f.high is not None else (float("inf") if f.low is not None else 0)
    if f.qualifier == "up_to" and f.high is not None:
        lo = 0
    return float(lo), float(hi)


def _scopes_compatible(a: Figure, b: Figure, articles: dict[str, Article]) -> bool:
    ka, kb = _scope_class(a), _scope_class(b)
    if "historical" in (ka[0], kb[0]):
        return ka == kb
    if ka[0] != "cumulative" and kb[0] != "cumulative" and ka != kb:
        return False
    wa, wb = _when(a, articles), _when(b, articles)
    return wa is None or wb is None or abs((wa - wb).days) <= WINDOW_DAYS


def figure_contradictions(figures: list[Figure], articles: dict[str, Article]) -> list[Contradiction]:
    """Disagreements between sources about the same scope.

    ``numeric``: different counts of the same metric and victim group for the same scope from
    different originating sources (ranges that do not overlap; vague counts never contradict).
    ``population``: the same count for the same scope given to different victim groups by
    different reports ("four soldiers and two civilians" vs "4 police officers, 2 civilians").
    """
    out: list[Contradiction] = []
    usable = [f for f in figures if articles.get(f.article_id) is None
              or (articles[f.article_id].on_topic and not articles[f.article_id].duplicate_of)]
    parties = _Parties(usable, articles)
    for g in _groups(figures, articles):
        current = [f for f in g.inputs if f.qualifier != "vague"]  # vague counts never contradict
        by_party: dict[str, list[Figure]] = {}
        for f in current:
            by_party.setdefault(parties.of(f), []).append(f)
        if len(by_party) < 2:
            continue
        reps = [fs[0] for fs in by_party.values()]
        disjoint = any(
            _interval(a)[1] < _interval(b)[0] or _interval(b)[1] < _interval(a)[0]
            for i, a in enumerate(reps) for b in reps[i + 1:])
        if not disjoint:
            continue
        claims = tuple(Claim(source=_origin(f, articles), figure_id=f.figure_id) for f in reps)
        parts = "; ".join(f"{_origin(f, articles)}: {_value_text(f)}" for f in reps)
        notes = (f"Sources disagree on {g.scope.metric} ({g.scope.who}, {_scope_label(g.scope_key)}): "
                 f"{parts}.")
        out.append(Contradiction(content_id("con", "numeric", *sorted(f.figure_id for f in reps)),
                                 "numeric", claims, notes))
    # population: the same exact count, same scope, different specific victim groups
    seen: set[tuple[str, str]] = set()
    exact = [f for f in usable if f.qualifier == "exact" and f.low is not None and f.who in _SPECIFIC_WHO]
    # only figures of one story, event, metric and count can pair: each is weighed against those
    same: dict[tuple[Any, ...], list[int]] = {}
    for n, f in enumerate(exact):
        art = articles.get(f.article_id)
        same.setdefault((art.story_id if art else None, f.event_id, f.metric, f.low), []).append(n)
    for i, a in enumerate(exact):
        sa = articles.get(a.article_id)
        for b in (exact[n] for n in same[(sa.story_id if sa else None, a.event_id, a.metric, a.low)] if n > i):
            if a.article_id == b.article_id or a.who == b.who:
                continue
            if not _scopes_compatible(a, b, articles):
                continue
            pair = tuple(sorted((a.figure_id, b.figure_id)))
            if pair in seen:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            claims = (Claim(source=_origin(a, articles), figure_id=a.figure_id),
                      Claim(source=_origin(b, articles), figure_id=b.figure_id))
            notes = (f"Same count, different victims: {_origin(a, articles)} says {a.low} {a.who} "
                     f"{a.metric}, {_origin(b, articles)} says {b.low} {b.who} {b.metric}.")
            out.append(Contradiction(content_id("con", "population", *pair), "population", claims, notes))
    return out


# --------------------------------------------------------------------------------------------
# table
# --------------------------------------------------------------------------------------------


def _fmt(v: int | None, open_mark: str = "?") -> str:
    return open_mark if v is None else f"{v:,}"


def format_figures_table(reconciled: list[ReconciledFigure], figures: list[Figure],
                         articles: dict[str, Article], titles: dict[str, str] | None = None,
                         happenings: dict[str, str] | None = None) -> str:
    """A plain-text table per story: each reconciled range, then every input and excluded figure
    with its source, outlet, hedge and as-of date (printed by ``newsprism figures``)."""
    by_id = {f.figure_id: f for f in figures}
    stories: dict[str | None, list[ReconciledFigure]] = {}
    for r in reconciled:
        stories.setdefault(r.scope.story_id, []).append(r)
    lines: list[str] = []
    header = f"    {'':1} {'value':>22}  {'source':<40} {'outlet':<18} {'hedge':<11} {'as of':<10} note"
    for story, recs in stories.items():
        name = (titles or {}).get(story or "") or "Untitled story"  # a title for people, never an id
        lines.append(f"Story: {name}")
        lines.append("=" * (7 + len(name)))
        for r in recs:
            rng = f"low {_fmt(r.low)} / best {_fmt(r.best)} / high {_fmt(r.high, 'open')}"
            event = f" of {(happenings or {}).get(r.scope.event_id) or 'one happening'}" if r.scope.event_id else ""
            lines.append(f"{r.scope.metric} / {r.scope.who}{event}: {rng}  [{r.best_basis}]"
                         + (f"  ACLED fatalities {r.acled_fatalities}" if r.scope.metric == "killed" else ""))
            lines.append(f"  {r.notes}")
            lines.append(header)
            rows = [(fid, "+", "") for fid in r.inputs]
            rows += [(e.figure_id, "-", e.reason) for e in r.excluded]
            for fid, mark, reason in rows:
                f = by_id.get(fid)
                if f is None:
                    lines.append(f"    {mark} {fid} (figure not given)")
                    continue
                art = articles.get(f.article_id)
                outlet = (art.outlet if art is not None and art.outlet else "?")[:18]
                source = (_source_name(f) or "(outlet's own voice)")[:40]
                note = ", ".join(x for x in (reason, "interim" if f.interim and reason != "interim" else "") if x)
                lines.append(f"    {mark} {_value_text(f):>22}  {source:<40} {outlet:<18} {f.hedge:<11} "
                             f"{(f.as_of or '?'):<10} {note}".rstrip())
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
