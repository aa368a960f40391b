"""Exports: read-only views of the store in the shapes of ``shared/SCHEMA.md``.

The JSON export is deterministic (sorted records, no timestamps), so exporting the same store
twice gives byte-identical files. Facts of off-topic articles are not exported: they never
become part of the record.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import Counter, defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import Any

from newsprism import __version__
from newsprism.coding import DISJOINT_VICTIMS
from newsprism.errors import ConfigError
from newsprism.filters import Filters, filter_record
from newsprism.store import Store

TOP_LEVEL = ("documents", "articles", "discarded", "stories", "entities", "events", "figures",
             "reconciled_figures", "quotes", "contradictions", "framing_terms", "places", "entity_mentions", "corrections")
FORMATS = ("json", "csv", "acled", "plover", "geojson")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
# Our ids carry this after the country code: real ACLED ids are the code followed by digits only.
ACLED_ID_PREFIX = "NPX"


def build_record(store: Store) -> dict[str, Any]:
    """The whole record as one JSON-able dict (top-level arrays of SCHEMA.md)."""
    articles = store.articles()
    n_articles: dict[str, int] = {}
    for a, _ in articles:
        n_articles[a.doc_id] = n_articles.get(a.doc_id, 0) + 1
    documents = [
        {"doc_id": d.doc_id, "path": d.path, "sha256": d.sha256, "outlet": d.outlet, "published": d.published,
         "published_basis": d.published_basis, "language": d.language, "n_articles": n_articles.get(d.doc_id, 0),
         "url": d.url, "title": d.title, "encoding": d.encoding}
        for d in store.documents()
    ]
    on_topic = {a.article_id for a, _ in articles if a.on_topic}
    record: dict[str, Any] = {
        "newsprism_version": __version__,
        "documents": documents,
        "articles": [
            {"article_id": a.article_id, "doc_id": a.doc_id, "seq": a.seq, "start": a.start, "end": a.end,
             "title": a.title, "outlet": a.outlet, "published": a.published, "on_topic": a.on_topic,
             "off_topic_reason": a.off_topic_reason, "duplicate_of": a.duplicate_of, "story_id": a.story_id,
             "boilerplate": [{"doc": b.doc, "start": b.start, "end": b.end, "text": b.text, "kind": b.kind}
                             for b in a.boilerplate],
             "language": a.language, "outlet_basis": a.outlet_basis, "published_basis": a.published_basis}
            for a, _ in articles
        ],
        "discarded": [{"path": d.path, "reason": d.reason} for d in store.discarded()],
    }
    for kind in TOP_LEVEL[3:-3]:  # (places, entity_mentions and corrections: below)
        per_article = [r for r in store.facts(kind) if r.get("article_id") in on_topic]
        record[kind] = per_article + store.corpus(kind)
    # every place mention of every page (off-topic ones flagged), its span, place and geo_basis
    from newsprism.corrections import stored_corrections
    from newsprism.geocode import record_places
    from newsprism.resolve import entity_mentions

    mentions = store.facts("mentions")
    record["places"] = record_places(mentions, on_topic, record.get("entities", ()))
    # every mention an entity lists (off-topic pages' too), with its span
    record["entity_mentions"] = entity_mentions(mentions, record.get("entities", []), on_topic)
    record["corrections"] = [c.public() for c in stored_corrections(store)]
    return record


def export(store: Store, fmt: str, out: str | None, *, include_background: bool = False,
           filters: Filters | None = None) -> str | None:
    """Write the record in ``fmt`` to ``out`` (a file, or a folder for csv); return the text when out is None.

    ``include_background`` brings history told as background back onto the ACLED export.
    ``filters`` (``newsprism.filters``) narrows what is written, as the web desk's browse pages
    do: the JSON and CSV hold the filtered record; the ACLED, PLOVER and GeoJSON exports the rows
    of the filtered events (ACLED ids stay those of the unfiltered export).

    Raises:
        ConfigError: unknown format, or csv without an output folder, or a filter naming no story.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (use one of: {', '.join(FORMATS)})")
    record = build_record(store)
    if filters is not None and not filters.is_empty():
        from newsprism.serve.view import RecordView

        view = RecordView(record, mentions=store.facts("mentions"))  # resolves mentions to entities
        full, record = record, filter_record(record, filters, view.mentions, view.entity_for_mention)
    else:
        full = record
    if fmt in ("acled", "plover", "geojson"):
        if fmt == "acled":
            keep = None if full is record else {e["event_id"] for e in record["events"]}
            text, extra = acled_csv(full, include_background=include_background, keep=keep)
            if out is not None:
                Path(out).parent.mkdir(parents=True, exist_ok=True)
                Path(out).write_text(text, encoding="utf-8")
                side = Path(out).with_name(Path(out).stem + ".extra.csv")
                side.write_text(extra, encoding="utf-8")
                return None
            return text
        text = plover_jsonl(record) if fmt == "plover" else json.dumps(geojson(record), ensure_ascii=False, indent=1) + "\n"
        if out is None:
            return text
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        return None
    if fmt == "json":
        text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        if out is None:
            return text
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        return None
    if out is None:
        raise ConfigError("--format csv writes one file per record type: give a folder with --out")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for kind in TOP_LEVEL:
        (folder / f"{kind}.csv").write_text(records_to_csv(record[kind]), encoding="utf-8")
    return None


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """One level of nesting spread into columns (evidence_text, attributed_to_name); lists as JSON."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict):
            for kk, vv in v.items():
                out[f"{k}_{kk}"] = json.dumps(vv, ensure_ascii=False) if isinstance(vv, (dict, list)) else vv
        elif isinstance(v, list):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


def records_to_csv(rows: list[dict[str, Any]]) -> str:
    """One spreadsheet-friendly CSV: nested records spread into columns, lists as compact JSON."""
    if not rows:
        return ""
    flat = [_flat(r) for r in rows]
    buf = io.StringIO()
    columns = list(dict.fromkeys(k for r in flat for k in r))
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buf.getvalue()


# --- event exports --------------------------------------------------------------------------------

# ACLED disorder type by sub-event type (ACLED codebook 2023); anything else is Political violence.
_DISORDER = {
    "Peaceful protest": "Demonstrations", "Protest with intervention": "Demonstrations",
    "Violent demonstration": "Demonstrations", "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence; Demonstrations",
}
_STRATEGIC = "Strategic developments"
_TIME_PRECISION = {"day": 1, "range": 2, "week": 2, "month": 3}
_GEO_PRECISION = {1: 1, 2: 2}  # UCDP where_prec -> ACLED geo_precision (3 for anything coarser)


def _span_days(e: dict[str, Any]) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(e["date_end"] or e["date_start"]) - dt.date.fromisoformat(e["date_start"])).days


# Strategic developments ACLED codes from news (ACLED-GOLD.md): agreements reached, arrests by state
# forces, seized weapons, territory handed over, bases set up; not talks, statements or sieges
ACLED_STRATEGIC_CODED = frozenset({"Agreement", "Arrests", "Disrupted weapons use", "Non-violent transfer of territory",
                                   "Headquarters or base established", "Looting/property destruction"})


def acled_events(record: dict[str, Any], *, include_background: bool = False) -> list[dict[str, Any]]:
    """Happenings ACLED would code: an ACLED type, that really happened (``realis`` actual), inside
    the story's period (not ``background``), known to the month or better, and ``anchored`` (some
    report states its day or its place: vague mentions alone make no row).

    ACLED has no year precision, so history told without a closer date is left out too.
    """
    return [e for e in record["events"] if e.get("acled_event_type") and e.get("date_start")
            and e["date_precision"] in ("day", "range", "week", "month") and _span_days(e) <= 31
            and e.get("realis", "actual") == "actual" and (include_background or not e.get("background"))
            and e.get("anchored", True)
            and (e["acled_event_type"] != _STRATEGIC or e.get("acled_sub_event_type") in ACLED_STRATEGIC_CODED)]


def _acled_date(e: dict[str, Any]) -> str:
    """ACLED codes a week or a month to its middle (time_precision 2 and 3)."""
    import datetime as dt

    if e["date_precision"] == "day":
        return str(e["date_start"])
    start = dt.date.fromisoformat(e["date_start"])
    return (start + dt.timedelta(days=_span_days(e) // 2)).isoformat()


def _named(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actors ACLED would name: the ones with an ACLED name (never places, weapons or pronouns)."""
    return [r for r in refs if r.get("acled_name")]


def _country(code: str | None) -> tuple[str, str, str]:
    """(ISO 3166 numeric, country name, ISO alpha-3) for an alpha-2 code."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if code else None
    if c is None:
        return "", "", "XXX"
    return str(int(c.numeric)), getattr(c, "common_name", None) or c.name, c.alpha_3


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """ISO alpha-2 -> ACLED region, from the data file (read once)."""
    data = json.loads((Path(__file__).parent / "data" / "acled_regions.json").read_text(encoding="utf-8"))
    return {code: name for name, codes in data["regions"].items() for code in codes}


def _region(code: str | None) -> str:
    return _regions().get(code or "", "")


def acled_rows(record: dict[str, Any], *, include_background: bool = False) -> list[list[dict[str, Any]]]:
    """ACLED's unit of record is the happening: one row per event the export keeps (``acled_events``)."""
    return [[e] for e in sorted(acled_events(record, include_background=include_background),
                                key=lambda e: (_acled_date(e), e["event_id"]))]




def _acled_fatalities(killed: list[dict[str, Any]], numeric_figures: set[str]) -> int:
    """ACLED's count for one group of victims: the most conservative of the reports that give a
    number; a vague word ("dozens" = 12) only when none does; 0 when nothing is reported."""
    counted = [r for r in killed if any(i in numeric_figures for i in r["inputs"])] or killed
    return min((r["acled_fatalities"] for r in counted if r["acled_fatalities"]), default=0)


def acled_csv(record: dict[str, Any], *, include_background: bool = False,
              keep: Collection[str] | None = None) -> tuple[str, str]:
    """ACLED's CSV (columns in ACLED's order since March 2023) and the side file of our extra columns.

    ``keep`` (event ids) writes only those events' rows; each keeps the id it has in the whole export,
    and the country an unplaced event takes from its story is read from every event, not the kept ones.
    """
    articles = {a["article_id"]: a for a in record["articles"]}
    reconciled = record["reconciled_figures"]
    numeric_figures = {f["figure_id"] for f in record.get("figures", []) if not f.get("vague_term")}
    figures = {f["figure_id"]: f for f in record["figures"]}
    rows, extras = [], []
    # an event placed nowhere keeps its story's country (the one most of its placed events are in)
    story_country: dict[str, Counter[str]] = defaultdict(Counter)
    for e in record["events"]:
        if (e.get("location") or {}).get("country_code"):
            story_country[e["story_id"]][e["location"]["country_code"]] += 1
    focus = _story_regions(record)
    for serial, group in enumerate(acled_rows(record, include_background=include_background), start=1):
        e = group[0]
        if keep is not None and not any(x["event_id"] in keep for x in group):
            continue
        loc = next((x["location"] for x in group if x.get("location")), None) or {}
        code = loc.get("country_code") or next(iter(c for c, _ in story_country[e["story_id"]].most_common(1)), None)
        if not code:
            continue  # ACLED codes every event in a country; one the texts place nowhere is not a row
        if not loc and focus.get(e["story_id"], {}).get("country_code") == code:
            # ACLED's rule for a happening the texts place only in the story's area: the region it is
            # in, at geo_precision 3 (its name and point)
            loc = {**focus[e["story_id"]], "where_prec": 4}
        numeric, country, alpha3 = _country(code)
        actors: list[dict[str, Any]] = []
        recipients: list[dict[str, Any]] = []
        for x in group:
            actors += [a for a in _named(x["actors"]) if a not in actors]
            recipients += [a for a in _named(x["recipients"]) if a not in recipients and a not in actors]
        event_ids = {x["event_id"] for x in group}
        reported_by = sorted({a for x in group for a in x["reported_by"]})

        inter1 = actors[0].get("inter") or 0 if actors else 0
        inter2 = recipients[0].get("inter") or 0 if recipients else 0
        mine = [r for r in reconciled if (r["scope"] or {}).get("event_id") in event_ids]
        killed = [r for r in mine if r["scope"]["metric"] == "killed" and r["scope"]["who"] == "all"]
        toll = e.get("fatalities") or {}
        fatalities = toll["acled"] if toll.get("acled") is not None else _acled_fatalities(killed, numeric_figures) if killed else sum(
            # no total given: the dead of each disjoint group ("four soldiers and two civilians")
            _acled_fatalities([r for r in mine if r["scope"]["metric"] == "killed" and r["scope"]["who"] == who],
                              numeric_figures)
            for who in DISJOINT_VICTIMS)
        wounded = [r for r in mine if r["scope"]["metric"] == "wounded" and r["best"] is not None]
        date = _acled_date(e)
        place = loc.get("name") or ""
        actor_text = ", ".join(a["acled_name"] for a in actors) or "an unidentified actor"
        notes = f"On {_long_date(date)}, {'in ' + place + ', ' if place else ''}{actor_text}: " \
                f"{' '.join(e['evidence'][0]['text'].split())}"
        disputes = " ".join(r["notes"] for r in killed if r.get("notes"))
        event_id_cnty = f"{alpha3}{ACLED_ID_PREFIX}{serial:06d}"
        rows.append({
            "event_id_cnty": event_id_cnty, "event_date": date, "year": date[:4],
            "time_precision": _TIME_PRECISION.get(e["date_precision"], 3),
            "disorder_type": _STRATEGIC if e["acled_event_type"] == _STRATEGIC else
            _DISORDER.get(e["acled_sub_event_type"] or "", "Political violence"),
            "event_type": e["acled_event_type"], "sub_event_type": e["acled_sub_event_type"] or "",
            "actor1": actors[0]["acled_name"] if actors else "",
            "assoc_actor_1": "; ".join(a["acled_name"] for a in actors[1:]), "inter1": inter1,
            "actor2": recipients[0]["acled_name"] if recipients else "",
            "assoc_actor_2": "; ".join(a["acled_name"] for a in recipients[1:]), "inter2": inter2,
            "interaction": int("".join(sorted(f"{inter1}{inter2}"))) if inter2 else inter1 * 10,
            "civilian_targeting": "Civilian targeting" if e["acled_event_type"] == "Violence against civilians" else "",
            "iso": numeric, "region": _region(code), "country": country,
            "admin1": loc.get("admin1") or "", "admin2": "", "admin3": "", "location": place,
            "latitude": loc.get("lat") if loc.get("lat") is not None else "",
            "longitude": loc.get("lon") if loc.get("lon") is not None else "",
            "geo_precision": _GEO_PRECISION.get(loc.get("where_prec") or 0, 3) if loc else "",
            "source": "; ".join(sorted({articles[a]["outlet"] or "unidentified outlet" for a in reported_by if a in articles})),
            "source_scale": "",
            "notes": (notes + (" " + disputes if disputes else "")).strip(),
            "fatalities": fatalities,
            "tags": "; ".join(f"wounded={r['best']}" for r in wounded),
            "timestamp": record.get("last_change", 0),
        })
        spans = [f"{ev['doc']}:{ev['start']}-{ev['end']}" for x in group for ev in x["evidence"]]
        rec = killed[0] if killed else {}
        extras.append({"event_id_cnty": event_id_cnty, "event_ids": ";".join(sorted(event_ids)),
                       "plover_type": e["plover_type"], "plover_mode": ";".join(sorted({m for x in group for m in x["plover_mode"]})), "low": rec.get("low", ""), "best": rec.get("best", ""),
                       "high": rec.get("high", ""), "where_prec": loc.get("where_prec", ""),
                       "date_prec": e["date_precision"], "date_anchor": e["date_anchor"],
                       "country_basis": "place" if loc.get("country_code") else "story" if code else "",
                       "evidence": " ".join(spans),
                       "figures": ";".join(sorted({i for r in killed for i in r["inputs"] if i in figures})),
                       "corrected": ";".join(sorted({f for x in group for f in x.get("corrected", [])}))})
    return _csv(rows, ACLED_COLUMNS), _csv(extras, tuple(extras[0]) if extras else ("event_id_cnty",))


def _story_regions(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """story_id -> the region (a first-level unit or larger area, not a country) its happenings are
    most often placed in: where ACLED codes one the texts place no closer."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, dict[str, Any]] = {}
    for e in acled_events(record):
        loc = e.get("location") or {}
        if loc.get("name") and 3 <= (loc.get("where_prec") or 9) <= 5 and loc.get("lat") is not None:
            counts[e["story_id"]][loc["name"]] += 1
            places[loc["name"]] = loc
    return {story: places[c.most_common(1)[0][0]] for story, c in counts.items()}


def _long_date(iso: str) -> str:
    import datetime as dt

    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def plover_jsonl(record: dict[str, Any]) -> str:
    """PLOVER JSON Lines: one event a line with the fields the PLOVER spec names."""
    articles = {a["article_id"]: a for a in record["articles"]}
    lines = []
    for e in record["events"]:
        if not e.get("date_start"):
            continue
        first = articles.get(e["reported_by"][0], {}) if e["reported_by"] else {}
        aux = "negation" if e["negated"] else "hypothetical" if e["hypothetical"] else None
        obj: dict[str, Any] = {
            "id": e["event_id"], "date": e["date_start"], "enddate": e["date_end"],
            "actor": [{"entity_text": a["name"], "identifier_id": a.get("entity_id")} for a in e["actors"]],
            "event": e["plover_type"], "mode": list(e["plover_mode"]),
            "recipient": [{"entity_text": a["name"], "identifier_id": a.get("entity_id")} for a in e["recipients"]],
            "event_text": e["evidence"][0]["text"],
            "text_info": {"sequence": [ev["doc"] for ev in e["evidence"]],
                          "start": e["evidence"][0]["start"], "end": e["evidence"][0]["end"]},
            "cite_info": {"corpus": "newsprism", "title": first.get("title"), "publication": first.get("outlet"),
                          "language": first.get("language"), "codebook": "PLOVER 2.0",
                          "version": record["newsprism_version"]},
            "coder": "newsprism",
        }
        if aux:
            obj["comment"] = aux
        loc = e.get("location")
        if loc:
            obj["event_loc"] = {"extracted_place": loc["name"], "lat": loc.get("lat"), "lon": loc.get("lon"),
                                "country_code": loc.get("country_code"), "resolution": loc.get("where_prec")}
        lines.append(json.dumps(obj, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def geojson(record: dict[str, Any]) -> dict[str, Any]:
    """Events with a known place as GeoJSON points."""
    features = []
    for e in record["events"]:
        loc = e.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {"event_id": e["event_id"], "date": e["date_start"], "plover_type": e["plover_type"],
                           "acled_event_type": e["acled_event_type"], "place": loc["name"],
                           "where_prec": loc.get("where_prec"), "actors": [a["name"] for a in e["actors"]],
                           "reported_by": e["reported_by"], "text": e["evidence"][0]["text"]},
        })
    return {"type": "FeatureCollection", "features": features}


def format_timeline(record: dict[str, Any], story_id: str | None = None, *, include_all: bool = False,
                    include_background: bool = False, filters: Filters | None = None) -> str:
    """Dated happenings in order, as plain text: date, type, who did what to whom, where, sources.

    Only what really happened inside the story's period, unless ``include_all``: then background
    history, denials, threats, plans and statements too, each flagged. ``include_background``
    adds the history only; ``filters`` (``newsprism.filters``) narrows the events, and a realis
    or background filter replaces the default choice.
    """
    articles = {a["article_id"]: a for a in record["articles"]}
    chosen = record["events"]
    if filters is not None and not filters.is_empty():
        from newsprism.filters import select

        chosen = select(record, "events", filters)
    realis_given = bool(filters and filters.realis)
    background_given = bool(filters and filters.background is not None)
    events = [e for e in chosen if e.get("date_start") and (story_id is None or e["story_id"] == story_id)
              and e["date_precision"] != "year" and _span_days(e) <= 31
              and (include_all or ((realis_given or e.get("realis", "actual") == "actual")
                                   and (include_background or background_given or not e.get("background"))))]
    if story_id is not None and not any(s["story_id"] == story_id for s in record["stories"]):
        raise ConfigError(f"no story {story_id!r} in the record")
    lines = []
    for e in sorted(events, key=lambda e: (e["date_start"], e["plover_type"], e["event_id"])):
        realis = e.get("realis", "negated" if e["negated"] else "hypothetical" if e["hypothetical"] else "actual")
        flags = {"actual": "", "negated": " (denied)", "speech_act": " (said)"}.get(realis, f" ({realis})")
        flags += " (background)" if e.get("background") else ""
        flags += " (corrected: " + ", ".join(e["corrected"]).replace("_", " ") + ")" if e.get("corrected") else ""
        who = ", ".join(a.get("acled_name") or a["name"] for a in e["actors"]) or "?"
        whom = ", ".join(a.get("acled_name") or a["name"] for a in e["recipients"])
        where = f" in {e['location']['name']}" if e.get("location") else ""
        acled = f" [{e['acled_sub_event_type']}]" if e.get("acled_sub_event_type") else ""
        when = e["date_start"] + ("" if e["date_precision"] == "day" else f" ({e['date_precision']})")
        outlets = sorted({articles[a]["outlet"] or articles[a]["title"] or a for a in e["reported_by"] if a in articles})
        lines.append(f"{when}  {e['plover_type']:<9}{acled} {who}{' -> ' + whom if whom else ''}{where}{flags}")
        lines.append(f"            {' '.join(e['evidence'][0]['text'].split())[:160]}")
        lines.append(f"            sources: {'; '.join(o for o in outlets if o)} ({len(e['reported_by'])} article(s))")
    return "\n".join(lines) + ("\n" if lines else "no dated events\n")


def format_stories(record: dict[str, Any]) -> str:
    """Stories with their period, outlets and articles; off-topic articles listed with their reason."""
    articles = {a["article_id"]: a for a in record["articles"]}
    lines = []
    for s in sorted(record["stories"], key=lambda s: (-len(s["article_ids"]), s["story_id"])):
        period = f"{s['period_start'] or '?'} .. {s['period_end'] or '?'}"
        outlets = sorted({articles[a]["outlet"] for a in s["article_ids"] if a in articles and articles[a]["outlet"]})
        lines.append(f"{s['story_id']}  {s['title'] or '(untitled)'}")
        lines.append(f"    {len(s['article_ids'])} articles, period {period}, outlets: {', '.join(outlets) or '?'}")
        for a in sorted((articles[a] for a in s["article_ids"] if a in articles), key=lambda a: (a["published"] or "", a["article_id"])):
            dup = f"  (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
            lines.append(f"    - {a['published'] or '????-??-??'}  {a['outlet'] or '?':<22} {(a['title'] or '(untitled)')[:80]}{dup}")
    off = [a for a in record["articles"] if not a["on_topic"]]
    if off:
        lines.append("set aside (off topic):")
        lines += [f"    - {(a['title'] or a['article_id'])[:70]}: {a['off_topic_reason']}" for a in off]
    return "\n".join(lines) + "\n"


def format_quotes(record: dict[str, Any], story_id: str | None = None, speaker: str | None = None) -> str:
    """Quotes grouped by speaker (most quoted first), each with its outlet and kind."""
    articles = {a["article_id"]: a for a in record["articles"]}
    if story_id is not None and not any(s["story_id"] == story_id for s in record["stories"]):
        raise ConfigError(f"no story {story_id!r} in the record")
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in record["quotes"]:
        art = articles.get(q["article_id"], {})
        if story_id is not None and art.get("story_id") != story_id:
            continue
        name = (q.get("speaker") or {}).get("name") or "(unattributed)"
        if speaker and speaker.lower() not in name.lower():
            continue
        by_speaker[name].append(q)
    lines = []
    for name, quotes in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"{name} ({len(quotes)})")
        for q in quotes:
            art = articles.get(q["article_id"], {})
            via = f" [{q['channel']}]" if q.get("channel") else ""
            lines.append(f"    “{' '.join(q['text'].split())}” — {art.get('outlet') or '?'}{via}")
    return "\n".join(lines) + "\n" if lines else "no quotes\n"
