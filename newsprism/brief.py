"""The brief: a story as an analyst reads it, built only from the record, every line citing its sources.

Sections (each only when the record holds its data): in brief, what happened (dated timeline),
the numbers (reconciled low/best/high with each source's figure and hedge), who said what,
where the sources disagree, how each outlet framed it, and the numbered sources (outlet, date,
title). Sentences are composed from extracted fields (an event's type, actors, place and date; a
figure's number, qualifier, hedge and attribution) and carry the exact source words as an
excerpt; nothing is asserted that the record does not hold, and what the record lacks is said
once, plainly, instead of being filled in.

``render_brief(record, story_id, "md"|"html")``: Markdown, or one self-contained HTML file (inline
CSS and SVG charts, no scripts, no network) that prints well.
"""

from __future__ import annotations


import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Any

from newsprism.errors import ConfigError
from newsprism.serve import charts
from newsprism.serve.pages import (
    contradiction_rows,
    event_places,
    figure_date,
    framing_table,
    headline_tolls,
    quote_groups,
    source_of_figure,
)
from newsprism.serve.view import RecordView, actor_names, evidence_list, in_period, is_actual, parse_date

FORMATS = ("md", "html")
MAX_EVENTS = 40  # a brief lists at most this many events (the timeline chart draws all)
MAX_QUOTE_GROUPS = 8  # speakers (or sides) quoted, the most quoted first
MAX_QUOTES_PER_GROUP = 3

METRIC_WORDS = {"killed": "killed", "wounded": "wounded", "killed_or_wounded": "killed or wounded",
                "missing": "missing", "displaced": "displaced", "evacuated": "evacuated", "detained": "detained",
                "other": "affected (other)"}
BASIS_WORDS = {"single_source": "only one source gives it",
               "lower_figure_rule": "the lower figure, as UCDP takes when sources disagree",
               "most_reliable_source": "the most reliable source's figure"}
CONTRADICTION_WORDS = {"numeric": "The numbers differ", "population": "Who the victims were",
                       "actor": "Who did it", "occurred": "Whether it happened", "date": "When it happened",
                       "place": "Where it happened", "attribution": "Who said it"}
CONCEPT_WORDS = {"operation_label": "the operation", "actor_label": "the actors", "victim_label": "the victims",
                 "toponym": "place names", "displacement_label": "the displacement", "legitimacy": "legitimacy"}

BRIEF_CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--rule:#d9dde3;--accent:#8a6d00}
*{box-sizing:border-box}
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:var(--ink);max-width:58rem;margin:2rem auto;padding:0 1.2rem}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 .3rem}
h2{font:600 1.05rem/1.3 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
 border-bottom:1px solid var(--rule);padding-bottom:.2rem;margin:1.8rem 0 .6rem}
.meta{color:var(--muted);font:13px/1.4 system-ui,sans-serif;margin:0 0 1rem}
ul{padding-left:1.2rem}li{margin:.25rem 0}ul ul{margin:.2rem 0}
section>ul>li+li{margin-top:.6rem}
.when{font-weight:bold;white-space:nowrap}
q{font-style:italic;color:#3e4c59}
sup.cite{font:11px system-ui,sans-serif;white-space:nowrap}sup.cite a{color:var(--accent);text-decoration:none}
table{border-collapse:collapse;width:100%;font:13px/1.4 system-ui,sans-serif;margin:.5rem 0}
th,td{border:1px solid var(--rule);padding:.3rem .4rem;text-align:left;vertical-align:top}th{background:#f5f7fa}
figure{margin:.6rem 0 1rem}figcaption{font:12px system-ui,sans-serif;color:var(--muted)}
svg{max-width:100%;height:auto}
.sources li{font-size:13px}.note{color:var(--muted);font-style:italic}
.story+.story{border-top:3px double var(--rule);margin-top:2.5rem;padding-top:1rem}
@media print{body{max-width:none;margin:0;font-size:11pt}a{color:inherit;text-decoration:none}
 h2{break-after:avoid}figure,li,tr{break-inside:avoid}.story+.story{break-before:page;border:0}
 @page{margin:16mm 14mm}}
"""


@dataclass
class Line:
    """One sentence: composed text, optional exact source words, and the articles it rests on."""

    text: str
    cites: list[str] = field(default_factory=list)
    excerpt: str | None = None
    lead: str | None = None
    sub: list[Line] = field(default_factory=list)
    anchor: str | None = None  # HTML id (timeline marks link to their line)
    figure: tuple[str, str] | None = None  # (svg, caption) drawn under the line, HTML only


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    table: tuple[list[str], list[list[Line]]] | None = None
    figures: list[tuple[str, str]] = field(default_factory=list)  # (svg, caption), HTML only
    note: str | None = None


@dataclass
class StoryBrief:
    story_id: str
    title: str
    meta: str
    sections: list[Section]
    sources: list[tuple[int, str, dict[str, Any]]]  # (number, article_id, article)


# -- words ---------------------------------------------------------------------------------------
def fmt_day(value: str | None) -> str | None:
    d = parse_date(value)
    return f"{d.day} {d.strftime('%b %Y')}" if d else None


def fmt_period(start: str | None, end: str | None) -> str | None:
    a, b = parse_date(start), parse_date(end)
    if not a and not b:
        return None
    if a and b and a != b:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {b.strftime('%b %Y')}"
        if a.year == b.year:
            return f"{a.day} {a.strftime('%b')} – {b.day} {b.strftime('%b %Y')}"
        return f"{fmt_day(start)} – {fmt_day(end)}"
    return fmt_day(start or end)


def event_when(e: dict[str, Any]) -> str:
    d0, d1 = parse_date(e.get("date_start")), parse_date(e.get("date_end"))
    prec = e.get("date_precision")
    if d0 is None:
        return "Date not given"
    if prec == "year":
        return str(d0.year)
    if prec == "month":
        return d0.strftime("%b %Y")
    if prec == "week":
        return f"week of {d0.day} {d0.strftime('%b %Y')}"
    return fmt_period(e.get("date_start"), e.get("date_end") if d1 and d1 != d0 else None) or "Date not given"


# PLOVER type -> (verb before the recipients, what the actors did when no recipient is named,
# the act as a noun when no actor is named, preposition before the recipients in that case)
EVENT_VERBS = {
    "ASSAULT": ("attacked", "carried out an attack", "an attack", "on"),
    "COERCE": ("took coercive action against", "took coercive action", "coercive action", "against"),
    "MOBILIZE": ("mobilized against", "mobilized", "a mobilization", "against"),
    "SANCTION": ("imposed sanctions on", "imposed sanctions", "sanctions", "against"),
    "PROTEST": ("protested against", "protested", "a protest", "against"),
    "THREATEN": ("threatened", "issued a threat", "a threat", "against"),
    "REJECT": ("rejected", "voiced a rejection", "a rejection", "of"),
    "ACCUSE": ("accused", "made an accusation", "an accusation", "against"),
    "REQUEST": ("appealed to", "made an appeal", "an appeal", "to"),
    "RETREAT": ("withdrew from", "withdrew", "a withdrawal", "from"),
    "AID": ("gave aid to", "gave aid", "aid", "to"),
    "COOPERATE": ("cooperated with", "cooperated", "cooperation", "with"),
    "CONCEDE": ("made a concession to", "made a concession", "a concession", "to"),
    "SUPPORT": ("expressed support for", "expressed support", "an expression of support", "for"),
    "CONSULT": ("held talks with", "held talks", "talks", "with"),
    "AGREE": ("reached an agreement with", "reached an agreement", "an agreement", "with"),
}


def _names(refs: Any) -> str:
    """Actors as an analyst names them: ACLED's name when the actor has one, never a pronoun."""
    names = actor_names(refs)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def event_sentence(e: dict[str, Any]) -> str:
    """A happening as one plain sentence: who did what to whom, where (ACLED's type), its toll."""
    verb, alone, noun, prep = EVENT_VERBS.get(str(e.get("plover_type")),
                                              ("acted towards", "acted", f"an event ({e.get('plover_type')})", "involving"))
    actors, recips = _names(e.get("actors")), _names(e.get("recipients"))
    if actors:
        text = f"{actors} {verb} {recips}" if recips else f"{actors} {alone}"
    else:
        text = noun + (f" {prep} {recips}" if recips else "")
    place = (e.get("location") or {}).get("name")
    if place:
        text += f" in {place}"
    if not actors:
        text += " was reported"
    acled = " / ".join(str(x) for x in (e.get("acled_event_type"), e.get("acled_sub_event_type")) if x)
    if acled:
        text += f" (ACLED: {acled})"
    toll = e.get("fatalities") or {}
    if toll.get("acled"):
        high = toll.get("high")
        text += f"; {toll['acled']:,} killed" + (f" (reports up to {high:,})" if isinstance(high, int) and high > toll["acled"] else "")
    outlets = sorted({str(m.get("outlet")) for m in e.get("mentions") or [] if m.get("outlet")})
    if len(outlets) > 1:
        text += f"; reported by {', '.join(outlets[:-1])} and {outlets[-1]}"
    realis = e.get("realis")
    if e.get("negated") or realis == "negated":
        text = "Reported as not having happened: " + text
    elif e.get("hypothetical") or realis in ("hypothetical", "planned", "threatened"):
        text = "Threatened or expected, not reported as done: " + text
    elif realis == "speech_act":
        text = "Said, not reported as done: " + text
    else:
        text = text[0].upper() + text[1:]
    if e.get("date_anchor") == "relative_to_published":
        text += "; date worked out from the publication date"
    elif e.get("date_anchor") == "relative_to_other_event":
        text += "; date worked out from another event"
    return text + "."


def figure_sentence(view: RecordView, f: dict[str, Any], status: str | None = None) -> str:
    metric = METRIC_WORDS.get(str(f.get("metric")), str(f.get("metric")))
    who = f.get("who")
    text = f"{outlet_name(view, f.get('article_id'))}: {charts.describe_figure(f)} {metric}"
    if who not in (None, "all", "unknown"):
        text += f" ({who})"
    att = (f.get("attributed_to") or {}).get("name")
    text += f", according to {att}" if att else ", in the outlet's own voice"
    if f.get("hedge") not in (None, "none"):
        text += f"; hedged: {f['hedge']}"
    if f.get("interim"):
        text += "; an interim count"
    as_of = fmt_day(f.get("as_of"))
    if as_of:
        text += f"; as of {as_of}"
    if status:
        text += f"; {status}"
    return text + "."


def reconciled_sentence(r: dict[str, Any], with_notes: bool = True) -> str:
    lo, best, hi = r.get("low"), r.get("best"), r.get("high")
    if not isinstance(lo, int):
        return "No reliable number to reconcile."
    if hi == lo:
        text = f"Every reliable report gives {lo:,}"
    elif isinstance(hi, int):
        text = f"Range {lo:,}–{hi:,}"
    else:
        text = f"Range at least {lo:,}, no upper bound given"
    if isinstance(best, int) and not (best == lo == hi):
        text += f"; best estimate {best:,} ({BASIS_WORDS.get(str(r.get('best_basis')), str(r.get('best_basis')))})"
    n_in = len(r.get("inputs") or [])
    text += f"; from {n_in} report{'s' if n_in != 1 else ''}"
    if r.get("excluded"):
        text += f", {len(r['excluded'])} set aside"
    if isinstance(r.get("acled_fatalities"), int) and r.get("scope", {}).get("metric") == "killed":
        text += f"; ACLED fatalities {r['acled_fatalities']:,}"
    text += "."
    if with_notes and r.get("notes"):
        text += " " + str(r["notes"]).rstrip(".") + "."
    return text


def _range_words(lo: Any, best: Any, hi: Any) -> str:
    if not isinstance(lo, int):
        return "no number given"
    if not isinstance(hi, int):
        text = f"at least {lo:,}"
    elif hi == lo:
        text = f"{lo:,}"
    else:
        text = f"{lo:,}–{hi:,}"
    if isinstance(best, int) and not (best == lo and (hi == lo or not isinstance(hi, int))):
        text += f", best estimate {best:,}"
    return text


def toll_sentence(t: dict[str, Any]) -> str:
    """A headline toll in one sentence: its range, then the latest figure each source gave."""
    sides = "; ".join(f"{sd['source']} {charts.describe_figure(sd)}" + (f" ({fmt_day(sd['as_of'])})" if sd.get("as_of") else "")
                      + ("" if sd.get("status") == "input" else f", {sd['status']}") for sd in t["sides"])
    more = f"; and {t['more_sides']} more" if t.get("more_sides") else ""
    if t.get("reconciled") is None:
        return f"As the sources give it: {sides}{more}."
    return f"{_range_words(t['low'], t['best'], t['high']).capitalize()}. Latest from each source: {sides}{more}."


def _same_range(r: dict[str, Any], other: dict[str, Any]) -> bool:
    from newsprism.serve.pages import reconciled_id

    return reconciled_id(r) == other["reconciled_id"] and r.get("low") == other["low"] and r.get("high") == other["high"]


def outlet_name(view: RecordView, article_id: str | None, sentence_start: bool = True) -> str:
    a = view.articles.get(str(article_id)) or {}
    if a.get("outlet"):
        return str(a["outlet"])
    return "An unnamed outlet" if sentence_start else "an unnamed outlet"


def excerpt(text: str | None, limit: int = 240) -> str | None:
    if not text:
        return None
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " …"


# -- building ------------------------------------------------------------------------------------
def _article_for(view: RecordView, record: dict[str, Any]) -> list[str]:
    if record.get("article_id") in view.articles:
        return [record["article_id"]]
    out = [aid for aid in record.get("reported_by") or [] if aid in view.articles]
    for ev in evidence_list(record):
        a = view.article_of_evidence(ev)
        if a and a["article_id"] not in out:
            out.append(a["article_id"])
    return out


def build_story_brief(view: RecordView, story_id: str) -> StoryBrief:
    story = view.stories[story_id]
    art_ids = view.story_articles.get(story_id, [])
    ordered = sorted(art_ids, key=lambda aid: (view.article_date(aid) or "9999", view.outlet(aid) == "unnamed outlet",
                                               view.outlet(aid), aid))
    sources = [(i + 1, aid, view.articles[aid]) for i, aid in enumerate(ordered)]
    events = view.story_events(story_id)
    figures = {f["figure_id"]: f for f in view.story_figures(story_id)}
    reconciled = view.story_reconciled(story_id)
    quotes = view.story_quotes(story_id)
    contradictions = view.story_contradictions(story_id)
    framing = view.story_framing(story_id)
    start, end = view.story_period(story_id)
    outlets = [o for o in view.story_outlets(story_id) if o != "unnamed outlet"]
    unnamed = sum(1 for aid in art_ids if view.outlet(aid) == "unnamed outlet")
    period = fmt_period(start, end)
    meta = f"{len(art_ids)} article{'s' if len(art_ids) != 1 else ''}"
    if outlets:
        meta += f" from {len(outlets)} named outlet{'s' if len(outlets) != 1 else ''}"
    if unnamed:
        meta += f" ({unnamed} without a named outlet)"
    if period:
        meta += f" · {period}"
    sections: list[Section] = []

    # in brief
    summary = Section("In brief")
    cover = f"{len(art_ids)} article{'s' if len(art_ids) != 1 else ''}"
    if outlets:
        cover += " from " + (", ".join(outlets[:-1]) + " and " + outlets[-1] if len(outlets) > 1 else outlets[0])
        if unnamed:
            cover += f", and {unnamed} from outlets not named in the pages"
    cover += " reports on this story" if len(art_ids) == 1 else " report on this story"
    dated = [d for aid in art_ids if (d := view.article_date(aid))]
    if dated:
        cover += f", published {fmt_period(min(dated), max(dated))}"
    summary.lines.append(Line(cover + ".", list(ordered)))
    # the story's own days: background history ("the 2020 war", "the 1990s") is not what happened
    events, background = in_period(events, start, end)
    dated_events = [e for e in events if parse_date(e.get("date_start")) and is_actual(e)]
    if dated_events:
        types = Counter(str(e.get("plover_type")) for e in dated_events)
        top, n_top = types.most_common(1)[0]
        p = fmt_period(min(e["date_start"] for e in dated_events),
                       max(e.get("date_end") or e["date_start"] for e in dated_events))
        summary.lines.append(Line(
            f"The record holds {len(dated_events)} dated happening{'s' if len(dated_events) != 1 else ''} that took "
            f"place ({p}); the most frequent type is {top} ({n_top}).",
            sorted({a for e in dated_events for a in _article_for(view, e)})))
    # one headline line per toll: its range and scope, then each source's latest figure
    tolls = headline_tolls(view, story_id)
    for t in tolls["headline"]:
        summary.lines.append(Line(toll_sentence(t), sorted({str(sd["article_id"]) for sd in t["sides"]}),
                                  lead=t["title"]))
    if quotes:
        qg = quote_groups(view, quotes)
        named = [g for g in qg["groups"] if g["label"] not in ("side not given", "speaker not identified")][:3]
        if named:
            who = [f"{g['label']} ({len(g['quotes'])})" for g in named]
            listed = ", ".join(who[:-1]) + " and " + who[-1] if len(who) > 1 else who[0]
            summary.lines.append(Line(
                f"The record holds {len(quotes)} quote{'s' if len(quotes) != 1 else ''}; the most quoted "
                f"{'sides are' if qg['by'] == 'side' else 'are'} {listed}.",
                sorted({str(q.get("article_id")) for g in named for q in g["quotes"]})))
    if contradictions:
        kinds = Counter(str(c.get("kind")) for c in contradictions)
        what = ", ".join(f"{CONTRADICTION_WORDS.get(k, k).lower()} ({n})" for k, n in kinds.most_common())
        cites = sorted({a for c in contradictions for claim in c.get("claims") or [] if (a := view.claim_article(claim))})
        summary.lines.append(Line(f"The sources disagree on {len(contradictions)} point"
                                  f"{'s' if len(contradictions) != 1 else ''}: {what}.", cites))
    missing = [name for name, items in (("events", events), ("casualty or displacement figures", figures),
                                        ("quotes", quotes), ("contradictions", contradictions),
                                        ("framing terms", framing)) if not items]
    if missing:
        summary.note = "Not in the record for this story: " + ", ".join(missing) + "."
    sections.append(summary)

    # what happened
    if events:
        sec = Section("What happened")
        seen_sentences: set[tuple[str, str]] = set()
        listed = []
        expected = sum(1 for e in events if e.get("realis", "hypothetical" if e.get("hypothetical") else "actual")
                       in ("hypothetical", "planned", "threatened"))
        # what happened: happenings that really took place in the story's period, not what was
        # threatened, denied or only said
        # in order: day-dated happenings, then those dated only to a week or month
        for e in sorted((x for x in events if is_actual(x)),
                        key=lambda x: (x.get("date_precision") in ("week", "month", "year"), str(x.get("date_start")))):
            ev = evidence_list(e)
            key = (event_when(e), (ev[0].get("text") or "") if ev else str(e.get("event_id")))
            if key not in seen_sentences:  # one line per reported sentence and date
                seen_sentences.add(key)
                listed.append(e)
        for e in listed[:MAX_EVENTS]:
            ev = evidence_list(e)
            sec.lines.append(Line(event_sentence(e), _article_for(view, e), excerpt(ev[0].get("text") if ev else None),
                                  lead=event_when(e), anchor=f"ev-{e.get('event_id')}"))
        notes = []
        if len(listed) > MAX_EVENTS:
            notes.append(f"The first {MAX_EVENTS} of {len(listed)} reported events are listed (the chart shows all).")
        if expected:
            notes.append(f"{expected} threatened, planned or demanded action{'s' if expected != 1 else ''} "
                         f"{'are' if expected != 1 else 'is'} not listed as having happened.")
        if background:
            notes.append(f"{background} dated mention{'s' if background != 1 else ''} of earlier history "
                         f"(before the story's period) {'are' if background != 1 else 'is'} left out.")
        if notes:
            sec.note = " ".join(notes)
        tl = charts.timeline_svg(events, href=lambda e: f"#ev-{e.get('event_id')}")
        if tl:
            sec.figures.append((tl, "Events by PLOVER type; hollow marks: negated or hypothetical."))
        places = event_places(view, events)
        mp = charts.map_svg([{**p, "count": len(p["event_ids"]), "title": f"{p['name']}: {len(p['event_ids'])} event(s)",
                              "href": None} for p in places])
        if mp:
            sec.figures.append((mp, "Event places (Natural Earth base map)."))
        sections.append(sec)

    # the numbers: each headline toll once (its chart, then every source's figure), then the
    # ranges kept apart (one incident, one day, a victim group, an earlier war), one line each
    if figures:
        sec = Section("The numbers")
        number = {aid: n for n, aid, _ in sources}
        for t in [*tolls["headline"], *tolls["also"]]:
            r = t["reconciled"]
            excluded = {x.get("figure_id"): x.get("reason") for x in (r or {}).get("excluded") or []}
            subs = []
            for fid in t["figure_ids"]:
                f = figures.get(fid) or view.figures[fid]
                status = f"set aside: {str(excluded[fid]).replace('_', ' ')}" if fid in excluded else None
                ev = evidence_list(f)
                subs.append(Line(figure_sentence(view, f, status), [f["article_id"]],
                                 excerpt(ev[0].get("text") if ev else None)))
            svg = charts.figure_chart_svg(
                [view.figures[fid] for fid in t["figure_ids"]], r, date_of=lambda f: figure_date(view, f),
                label_of=lambda f: source_of_figure(view, f),
                href=lambda f: f"#src-{number.get(str(f.get('article_id')), 0)}", title=t["title"])
            chart = (svg, "Each source's figure at its as-of date; band: reconciled low–high, dashed line: best "
                          "estimate; hollow: set aside; grey: not reconciled.") if svg else None
            if r:
                cites = sorted({figures[fid]["article_id"] for fid in r.get("inputs") or [] if fid in figures})
                # each source's figure follows as its own line, so the record's note would repeat them
                sec.lines.append(Line(reconciled_sentence(r, with_notes=False), cites, lead=t["title"], sub=subs,
                                      figure=chart))
            else:
                sec.lines.append(Line("", [], lead=t["title"], sub=subs, figure=chart))
        apart = []
        for o in tolls["other_scopes"]:
            rec = next((r for r in reconciled if _same_range(r, o)), None)
            cites = sorted({figures[fid]["article_id"] for fid in (rec or {}).get("inputs") or [] if fid in figures})
            apart.append(Line(f"{_range_words(o['low'], o['best'], o['high'])}, from {'; '.join(o['sources'])}.",
                              cites, lead=o["title"]))
        if apart:
            sec.lines.append(Line("", [], lead="Ranges kept apart (another scope than the headline tolls)", sub=apart))
        sections.append(sec)

    # who said what
    if quotes:
        sec = Section("Who said what")
        qg = quote_groups(view, quotes)
        shown = 0
        for grp in qg["groups"][:MAX_QUOTE_GROUPS]:
            subs = []
            # direct words first, then the fuller statements
            best = sorted(grp["quotes"], key=lambda q: (q.get("kind") != "direct", -min(len(str(q.get("text"))), 240)))
            for qt in best[:MAX_QUOTES_PER_GROUP]:
                shown += 1
                speaker = (qt.get("speaker") or {}).get("name") or "An unidentified speaker"
                where = f"in {outlet_name(view, qt.get('article_id'), sentence_start=False)}"
                how = ", reported speech" if qt.get("kind") == "indirect" else ""
                text = f"{speaker}, {where}{how}:" if qg["by"] == "side" else f"{where[0].upper()}{where[1:]}{how}:"
                subs.append(Line(text, [str(qt.get("article_id"))], excerpt(qt.get("text"), 400)))
            label = grp["label"]
            sec.lines.append(Line("", [], lead=label[0].upper() + label[1:], sub=subs))
        if shown < len(quotes):
            sec.note = (f"{shown} of the {len(quotes)} quotes in the record are shown: the most quoted "
                        f"{'sides' if qg['by'] == 'side' else 'speakers'} first, at most {MAX_QUOTES_PER_GROUP} each.")
        sections.append(sec)

    # contradictions
    if contradictions:
        sec = Section("Where the sources disagree")
        for c in contradiction_rows(view, contradictions):
            subs = [Line((outlet_name(view, cl["article_id"]) if cl.get("article_id")
                          else cl.get("source") or "A source") + ":",
                         [cl["article_id"]] if cl.get("article_id") else [], excerpt(cl.get("text")))
                    for cl in c["claims"]]
            sec.lines.append(Line(str(c.get("notes") or "").strip() or "Sources give incompatible accounts.",
                                  sorted({cl["article_id"] for cl in c["claims"] if cl.get("article_id")}),
                                  lead=CONTRADICTION_WORDS.get(str(c.get("kind")), str(c.get("kind"))), sub=subs))
        sections.append(sec)

    # framing
    if framing:
        sec = Section("How outlets framed it")
        table = framing_table(view, framing)
        header = ["What is named", *table["outlets"]]
        rows = []
        for row in table["rows"]:
            label = CONCEPT_WORDS.get(row["concept"], row["concept"]) + (f": {row['refers_to']}" if row["refers_to"] else "")
            cells = [Line(label)]
            for outlet in table["outlets"]:
                terms = row["cells"].get(outlet, [])
                text = "; ".join(f"“{t['term']}”" + (" (quoted)" if t["voice"] == "quoted" else "")
                                 + (f" ×{t['count']}" if t["count"] > 1 else "") for t in terms)
                cells.append(Line(text or "—", sorted({t["article_id"] for t in terms if t.get("article_id")})))
            rows.append(cells)
        sec.table = (header, rows)
        sec.note = "(quoted): the term appears in a quote, not in the outlet's own voice."
        sections.append(sec)

    return StoryBrief(story_id, story.get("title") or "Untitled story", meta, sections, sources)


# -- rendering -----------------------------------------------------------------------------------
def _ranges(nums: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in sorted(set(nums)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


# markdown specials; "_" only where it could open or close emphasis (not inside words or paths)
_MD_SPECIAL = re.compile(r"([\\`*{}\[\]<>|#])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _md_line(line: Line, number: dict[str, int]) -> str:
    parts = []
    if line.lead:
        parts.append(f"**{md_escape(line.lead)}**" + (" —" if line.text else ""))
    if line.text:
        parts.append(md_escape(line.text))
    if line.excerpt:
        parts.append(f"“{md_escape(line.excerpt)}”")
    cites = _ranges([number[a] for a in line.cites if a in number])
    if cites:
        parts.append("[" + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in cites) + "]")
    return " ".join(parts)


def _html_line(line: Line, number: dict[str, int], view: RecordView) -> str:
    parts = []
    if line.lead:
        parts.append(f'<span class="when">{escape(line.lead)}</span>' + (" — " if line.text else ""))
    if line.text:
        parts.append(escape(line.text))
    if line.excerpt:
        parts.append(f" <q>{escape(line.excerpt)}</q>")
    cites = _ranges([number[a] for a in line.cites if a in number])
    if cites:
        by_num = {n: a for a, n in number.items()}

        def link(n: int) -> str:
            tip = f"{view.outlet(by_num[n])} — {view.article_title(by_num[n])}"
            return f'<a href="#src-{n}" title="{escape(tip)}">{n}</a>'

        items = []
        for a, b in cites:
            if b > a + 1:
                items.append(f"{link(a)}–{link(b)}")
            else:
                items += [link(n) for n in range(a, b + 1)]
        parts.append(' <sup class="cite">[' + ", ".join(items) + "]</sup>")
    return "".join(parts)


def _source_text(view: RecordView, aid: str, a: dict[str, Any]) -> tuple[str, str, str]:
    doc = view.documents.get(a["doc_id"]) or {}
    date = fmt_day(view.article_date(aid))
    head = outlet_name(view, aid) + (f", {date}" if date else "")
    where = str(doc.get("url") or doc.get("path") or a["doc_id"])
    if (doc.get("n_articles") or 0) > 1:
        where += f" (article {a.get('seq', 0) + 1} of {doc['n_articles']})"
    if a.get("duplicate_of"):
        where += "; duplicate of another article"
    return head, a.get("title") or "untitled", where


def to_markdown(briefs: list[StoryBrief], view: RecordView) -> str:
    out: list[str] = []
    for b in briefs:
        number = {aid: n for n, aid, _ in b.sources}
        out += [f"# {md_escape(b.title)}", "", f"*{md_escape(b.meta)}*", ""]
        for sec in b.sections:
            out += [f"## {sec.title}", ""]
            for line in sec.lines:
                out.append(f"- {_md_line(line, number)}")
                out += [f"  - {_md_line(s, number)}" for s in line.sub]
            if sec.table:
                header, rows = sec.table
                out.append("| " + " | ".join(md_escape(h) for h in header) + " |")
                out.append("|" + "---|" * len(header))
                for row in rows:
                    out.append("| " + " | ".join(_md_line(c, number) for c in row) + " |")
            if sec.note:
                out += ["", f"*{md_escape(sec.note)}*"]
            out.append("")
        out += ["## Sources", ""]
        for n, aid, a in b.sources:
            head, title, where = _source_text(view, aid, a)
            shown = f"“{md_escape(title)}”" if a.get("title") else "untitled"
            out.append(f"{n}. {md_escape(head)}: {shown} — {md_escape(where)}")
        out += ["", "---", ""]
    out.append(f"*Brief built by newsprism {view.record.get('newsprism_version', '')} from its record; every "
               "sentence is composed from extracted facts and cites the numbered sources.*")
    return "\n".join(out) + "\n"


def to_html(briefs: list[StoryBrief], view: RecordView) -> str:
    title = briefs[0].title if len(briefs) == 1 else "newsprism brief"
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">",
           f"<title>{escape(title)}</title>", f"<style>{BRIEF_CSS}</style></head><body>"]
    for b in briefs:
        number = {aid: n for n, aid, _ in b.sources}
        out.append(f'<article class="story" id="story-{escape(b.story_id)}">')
        out.append(f"<h1>{escape(b.title)}</h1><p class=\"meta\">{escape(b.meta)}</p>")
        for sec in b.sections:
            out.append(f"<section><h2>{escape(sec.title)}</h2>")
            for svg, caption in sec.figures:
                out.append(f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>")
            if sec.lines:
                out.append("<ul>")
                for line in sec.lines:
                    anchor = f' id="{escape(line.anchor)}"' if line.anchor else ""
                    out.append(f"<li{anchor}>{_html_line(line, number, view)}")
                    if line.figure:
                        out.append(f"<figure>{line.figure[0]}<figcaption>{escape(line.figure[1])}</figcaption></figure>")
                    if line.sub:
                        out.append("<ul>" + "".join(f"<li>{_html_line(s, number, view)}</li>" for s in line.sub) + "</ul>")
                    out.append("</li>")
                out.append("</ul>")
            if sec.table:
                header, rows = sec.table
                out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
                for row in rows:
                    out.append("<tr>" + "".join(f"<td>{_html_line(c, number, view)}</td>" for c in row) + "</tr>")
                out.append("</tbody></table>")
            if sec.note:
                out.append(f'<p class="note">{escape(sec.note)}</p>')
            out.append("</section>")
        out.append('<section><h2>Sources</h2><ol class="sources">')
        for n, aid, a in b.sources:
            head, title_, where = _source_text(view, aid, a)
            doc = view.documents.get(a["doc_id"]) or {}
            url = doc.get("url")
            where_html = (f'<a href="{escape(url)}">{escape(where)}</a>' if isinstance(url, str)
                          and url.startswith(("http://", "https://")) else escape(where))
            shown = f"“{escape(title_)}”" if a.get("title") else "untitled"
            out.append(f'<li id="src-{n}" value="{n}">{escape(head)}: {shown} — {where_html}</li>')
        out.append("</ol></section></article>")
    out.append(f'<p class="meta">Brief built by newsprism {escape(str(view.record.get("newsprism_version", "")))} '
               "from its record; every sentence is composed from extracted facts and cites the numbered sources.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_brief(record: dict[str, Any], story_id: str | None, fmt: str) -> str:
    """The brief of one story (or of every story, largest first) as Markdown or self-contained HTML.

    Args:
        record: the record dict (``newsprism.load_record``).
        story_id: one story, or None for all stories.
        fmt: ``md`` or ``html``.

    Raises:
        ConfigError: unknown format, unknown story, or a record with no story.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown brief format {fmt!r} (use one of: {', '.join(FORMATS)})")
    view = RecordView(record)
    if story_id is not None:
        if story_id not in view.stories:
            known = ", ".join(sorted(view.stories)[:5]) or "none"
            raise ConfigError(f"no story {story_id!r} in the record (stories: {known})")
        ids = [story_id]
    else:
        ids = [s["story_id"] for s in view.stories_by_size() if view.story_articles.get(s["story_id"])]
        if not ids:
            raise ConfigError("the record holds no story yet (run `newsprism analyze` first)")
    briefs = [build_story_brief(view, sid) for sid in ids]
    return to_markdown(briefs, view) if fmt == "md" else to_html(briefs, view)


__all__ = ["BRIEF_CSS", "FORMATS", "render_brief"]
