"""Event exports (ACLED CSV, PLOVER JSONL, GeoJSON) and the timeline, on a hand-built record."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsprism.errors import ConfigError
from newsprism.export import ACLED_COLUMNS, acled_csv, format_timeline, geojson, plover_jsonl


_ACLED_NAMES = {"Army": ("Military Forces of Sudan (2019-)", 1), "Rebels": ("SPLM/A-North", 2)}


def _ev(event_id, date, precision="day", etype="Battles", sub="Armed clash", actors=(("ent_a", "Army"),),
        recipients=(("ent_r", "Rebels"),), loc=("ent_town", "Kadugli", 11.0, 29.7, 1, "SD"), article="art_1",
        negated=False, hypothetical=False, date_end=None, story="sty_1", text="The army attacked rebels.",
        background=False, reported_by=None):
    def actor(i, n):
        return {"entity_id": i, "name": n, "acled_name": _ACLED_NAMES[n][0], "inter": _ACLED_NAMES[n][1]}

    return {
        "event_id": event_id, "story_id": story, "plover_type": "ASSAULT", "plover_mode": ["firearms"],
        "acled_event_type": etype, "acled_sub_event_type": sub,
        "actors": [actor(i, n) for i, n in actors],
        "recipients": [actor(i, n) for i, n in recipients],
        "location": None if loc is None else dict(zip(("entity_id", "name", "lat", "lon", "where_prec", "country_code"), loc)),
        "date_start": date, "date_end": date_end or date, "date_precision": precision,
        "date_anchor": "explicit", "negated": negated, "hypothetical": hypothetical,
        "evidence": [{"doc": "doc_1", "start": 0, "end": len(text), "text": text}],
        "reported_by": reported_by or [article],
        "realis": "negated" if negated else "hypothetical" if hypothetical else "actual", "background": background,
    }


@pytest.fixture()
def record():
    return {
        "newsprism_version": "test",
        "articles": [{"article_id": "art_1", "outlet": "Wire", "title": "T1", "language": "en"},
                     {"article_id": "art_2", "outlet": None, "title": "T2", "language": "en"}],
        "stories": [{"story_id": "sty_1"}],
        "entities": [{"entity_id": "ent_a", "type": "state"}, {"entity_id": "ent_r", "type": "armed_group"}],
        "events": [
            # one clash reported by two outlets (one happening: its mentions are in the event)
            _ev("evt_1", "2024-02-03", reported_by=["art_1", "art_2"]),
            _ev("evt_3", "2020-01-01", precision="year", date_end="2020-12-31", background=True),  # history
            _ev("evt_4", "2024-02-04", negated=True),
            _ev("evt_5", "2024-02-01", precision="month", date_end="2024-02-29", loc=None, sub="Shelling/artillery/missile attack",
                etype="Explosions/Remote violence"),
        ],
        "reconciled_figures": [
            {"scope": {"story_id": "sty_1", "event_id": "evt_1", "metric": "killed", "who": "all"}, "low": 12,
             "best": 12, "high": 15, "inputs": ["f1", "f2"], "acled_fatalities": 12, "notes": "Army: 12; rebels: 15."},
            {"scope": {"story_id": "sty_1", "event_id": "evt_1", "metric": "wounded", "who": "all"}, "low": 30,
             "best": 30, "high": 30, "inputs": ["f3"], "acled_fatalities": 0, "notes": ""},
        ],
        "figures": [{"figure_id": "f1"}, {"figure_id": "f2"}, {"figure_id": "f3"}],
    }


def test_exports_acled_columns_rows_and_rules(record):
    main, extra = acled_csv(record)
    rows = list(csv.DictReader(io.StringIO(main)))
    assert tuple(main.splitlines()[0].split(",")) == ACLED_COLUMNS
    assert [r["event_date"] for r in rows] == ["2024-02-03", "2024-02-15"]  # month coded to mid-month
    clash = rows[0]
    assert clash["event_id_cnty"] == "SDNNPX000001"
    assert clash["event_id_cnty"][3:6] == "NPX"  # never a real ACLED id (ISO3 + digits)
    assert (clash["actor1"], clash["actor2"], clash["inter1"], clash["inter2"], clash["interaction"]) == (
        "Military Forces of Sudan (2019-)", "SPLM/A-North", "1", "2", "12")
    assert (clash["country"], clash["iso"], clash["region"], clash["geo_precision"]) == ("Sudan", "729", "Northern Africa", "1")
    assert clash["fatalities"] == "12" and clash["tags"] == "wounded=30"
    assert clash["source"] == "Wire; unidentified outlet"
    assert clash["notes"].startswith("On 3 February 2024, in Kadugli, Military Forces of Sudan (2019-): ")
    assert "Army: 12; rebels: 15." in clash["notes"]
    assert rows[1]["time_precision"] == "3" and rows[1]["country"] == "Sudan"  # country from the story
    extras = list(csv.DictReader(io.StringIO(extra)))
    assert extras[0]["event_ids"] == "evt_1" and extras[0]["best"] == "12"
    assert extras[1]["country_basis"] == "story"


def test_exports_plover_lines(record):
    lines = [json.loads(x) for x in plover_jsonl(record).splitlines()]
    assert len(lines) == 4
    for obj in lines:
        assert {"id", "date", "actor", "event"} <= set(obj)
    negated = next(o for o in lines if o["id"] == "evt_4")
    assert negated["comment"] == "negation"
    assert lines[0]["event_loc"]["extracted_place"] == "Kadugli"


def test_exports_geojson_points(record):
    data = geojson(record)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3  # evt_5 has no place
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [29.7, 11.0]}


def test_exports_timeline_leaves_out_background(record):
    text = format_timeline(record)
    assert "2020-01-01" not in text
    assert text.index("2024-02-01 (month)") < text.index("2024-02-03")
    assert "(denied)" not in text and "sources: Wire" in text  # what really happened, by default
    assert "(denied)" in format_timeline(record, include_all=True)
    with pytest.raises(ConfigError):
        format_timeline(record, "sty_missing")


def _killed(event_id: str, who: str, low: int, inputs: list[str]) -> dict:
    return {"scope": {"story_id": "sty_1", "event_id": event_id, "metric": "killed", "who": who}, "low": low,
            "best": low, "high": None, "inputs": inputs, "acled_fatalities": low, "notes": ""}


def test_exports_acled_fatalities_prefer_a_number_to_a_vague_word(record):
    # "dozens" (ACLED reads 12) from one report, "27 people had been killed" from another
    record["reconciled_figures"] = [_killed("evt_1", "all", 12, ["f_vague"]), _killed("evt_1", "all", 27, ["f_27"])]
    record["figures"] = [{"figure_id": "f_vague", "vague_term": "dozens"}, {"figure_id": "f_27", "vague_term": None}]
    rows = list(csv.DictReader(io.StringIO(acled_csv(record)[0])))
    assert rows[0]["fatalities"] == "27"
    # with only the vague word reported, ACLED's reading of it stands
    record["reconciled_figures"] = [_killed("evt_1", "all", 12, ["f_vague"])]
    assert list(csv.DictReader(io.StringIO(acled_csv(record)[0])))[0]["fatalities"] == "12"


def test_exports_acled_fatalities_add_up_disjoint_victim_groups(record):
    # "a landmine explosion that killed four soldiers and two civilians": no total given
    record["reconciled_figures"] = [_killed("evt_1", "military", 4, ["f_4"]), _killed("evt_1", "civilians", 2, ["f_2"]),
                                    _killed("evt_1", "children", 1, ["f_1"])]  # children are among the civilians
    record["figures"] = [{"figure_id": f, "vague_term": None} for f in ("f_4", "f_2", "f_1")]
    assert list(csv.DictReader(io.StringIO(acled_csv(record)[0])))[0]["fatalities"] == "6"
