"""Browse and filter (issue 11): ``newsprism/filters.py``, the ``/events``, ``/figures``, ``/quotes``
and ``/entities`` pages with their ``.json`` and ``.csv`` twins, the typed OpenAPI models, the CLI
filter flags, and one real-Chromium run of a filter and its CSV download.

The filter semantics are pinned on a small record written here (an invented conflict); the views
run on the seeds' store (``newsprism analyze examples/seeds``), and every count they give is
checked against a count computed independently from the JSON export with plain comprehensions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsprism import filters as flt

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
CHROMIUM = "/usr/bin/chromium"
INTERNAL_ID = re.compile(r"\b(?:ent|evt|sty|art|doc|fig|quo|con|men|rec|frm)_[0-9a-f]{16}\b")


# -- the filter module on a record written here ----------------------------------------------------
def _art(aid: str, outlet: str | None, published: str, story: str) -> dict[str, Any]:
    return {"article_id": aid, "doc_id": "doc_" + aid, "seq": 0, "start": 0, "end": 10, "title": aid, "outlet": outlet,
            "published": published, "on_topic": True, "off_topic_reason": None, "duplicate_of": None,
            "story_id": story, "boilerplate": []}


def _event(eid: str, story: str, start: str | None, end: str | None = None, *, actors=(), recipients=(),
           place: dict[str, Any] | None = None, acled=(None, None), realis="actual", background=False,
           reported_by=("a1",)) -> dict[str, Any]:
    return {"event_id": eid, "story_id": story, "plover_type": "ASSAULT", "plover_mode": [],
            "acled_event_type": acled[0], "acled_sub_event_type": acled[1],
            "actors": [{"entity_id": None, "name": n, "acled_name": None, "inter": None} for n in actors],
            "recipients": [{"entity_id": None, "name": n, "acled_name": None, "inter": None} for n in recipients],
            "location": place, "date_start": start, "date_end": end or start, "date_precision": "day" if start else "unknown",
            "date_anchor": "explicit", "negated": realis == "negated", "hypothetical": False,
            "evidence": [{"doc": "doc_a1", "start": 0, "end": 4, "text": "text"}], "reported_by": list(reported_by),
            "realis": realis, "background": background}


KOSTRAVA = {"entity_id": "ent_k", "name": "Kostrava", "lat": 1.0, "lon": 2.0, "where_prec": 1,
            "country_code": "QZ", "admin1": "Upper Velmor"}
RECORD: dict[str, Any] = {
    "articles": [_art("a1", "Harbour Wire", "2031-04-02", "s1"), _art("a2", "Inland Post", "2031-04-03", "s1"),
                 _art("a3", None, "2031-05-01", "s2")],
    "documents": [],
    "stories": [{"story_id": "s1", "title": "Fighting around Kostrava", "article_ids": ["a1", "a2"],
                 "period_start": "2031-04-01", "period_end": "2031-04-05"},
                {"story_id": "s2", "title": "Talks in Dremmel", "article_ids": ["a3"], "period_start": None,
                 "period_end": None}],
    "events": [
        _event("e1", "s1", "2031-04-01", actors=["Velmoran Army"], recipients=["Dunmark Militia"], place=KOSTRAVA,
               acled=("Battles", "Armed clash"), reported_by=("a1", "a2")),
        _event("e2", "s1", "2031-03-28", "2031-04-02", actors=["Dunmark Militia's fighters"], place=KOSTRAVA,
               acled=("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        _event("e3", "s1", "2019-06-01", actors=["Velmoran Army"], acled=("Battles", "Armed clash"), background=True),
        _event("e4", "s2", None, actors=["Ämir Solvé"], realis="negated", reported_by=("a3",)),
        _event("e5", "s2", "2031-05-01", realis="speech_act", reported_by=("a3",)),
    ],
    "figures": [
        {"figure_id": "f1", "article_id": "a1", "metric": "killed", "who": "all", "low": 4, "high": 4,
         "attributed_to": {"entity_id": None, "name": "Velmoran Army"}, "hedge": "said", "as_of": "2031-04-01",
         "event_id": "e1", "evidence": {"doc": "doc_a1", "start": 0, "end": 1, "text": "t"}},
        {"figure_id": "f2", "article_id": "a3", "metric": "displaced", "who": "all", "low": 900, "high": None,
         "attributed_to": None, "hedge": "none", "as_of": None, "event_id": None,
         "evidence": {"doc": "doc_a3", "start": 0, "end": 1, "text": "t"}},
    ],
    "quotes": [{"quote_id": "q1", "article_id": "a2", "speaker": {"entity_id": None, "name": "Ämir Solvé"},
                "text": "We will hold", "kind": "direct", "evidence": {"doc": "doc_a2", "start": 0, "end": 1, "text": "t"}}],
    "entities": [],
}


def ids(kind: str, **params: Any) -> list[str]:
    key = {"events": "event_id", "figures": "figure_id", "quotes": "quote_id", "entities": "entity_id"}[kind]
    return [r[key] for r in flt.select(RECORD, kind, flt.Filters.build(**params))]


def test_filters_values_of_one_parameter_are_ored_and_parameters_anded() -> None:
    assert ids("events", event_type="Battles") == ["e1", "e3"]
    assert ids("events", event_type=["Battles", "Explosions/Remote violence"]) == ["e1", "e2", "e3"]
    assert ids("events", event_type="Battles", background=False) == ["e1"]
    assert ids("events", story="s2") == ["e4", "e5"]
    assert ids("events", story="s2", realis="negated") == ["e4"]


def test_filters_names_fold_case_accents_and_possessives_and_cover_both_sides() -> None:
    assert ids("events", actor="velmoran army") == ["e1", "e3"]
    assert ids("events", actor="Dunmark Militia") == ["e1"]  # a recipient counts as an actor
    assert ids("events", actor="amir solve") == ["e4"]
    assert ids("quotes", actor="AMIR SOLVÉ") == ["q1"]
    assert ids("figures", actor="Velmoran Army") == ["f1"]
    # a place by its name, the region it is in, or its country code
    assert ids("events", place="kostrava") == ids("events", place="Upper Velmor") == ids("events", place="qz") == ["e1", "e2"]
    assert ids("figures", place="Kostrava") == ["f1"]  # a figure's place is its event's
    assert ids("events", place="-") == ["e3", "e4", "e5"]  # '-': no place known


def test_filters_date_range_overlaps_the_events_span_and_drops_undated() -> None:
    assert ids("events", date_from="2031-04-02") == ["e2", "e5"]  # e2 runs to 2 April
    assert ids("events", date_to="2031-03-31") == ["e2", "e3"]
    assert ids("events", date_from="2031-04", date_to="2031-04") == ["e1", "e2"]  # a month
    assert ids("events", date_from="2019", date_to="2019") == ["e3"]  # a year
    assert "e4" not in ids("events", date_from="1900-01-01")  # undated: in no range
    assert ids("figures", date_from="2031-05-01") == ["f2"]  # no as_of: the article's date
    assert ids("quotes", date_to="2031-04-02") == []


def test_filters_outlet_and_story_reach_through_the_reporting_articles() -> None:
    assert ids("events", outlet="Inland Post") == ["e1"]
    assert ids("events", outlet="harbour wire") == ["e1", "e2", "e3"]
    assert ids("events", outlet="-") == ["e4", "e5"]  # reported by an unnamed outlet only
    assert ids("figures", story="s2") == ["f2"]
    assert ids("quotes", outlet="Inland Post") == ["q1"]


def test_filters_refuse_what_a_record_type_does_not_have_and_bad_values() -> None:
    with pytest.raises(flt.FilterError, match="figures cannot be filtered by realis"):
        ids("figures", realis="actual")
    with pytest.raises(flt.FilterError, match="not a date"):
        flt.Filters.build(date_from="next Tuesday")
    with pytest.raises(flt.FilterError, match="unknown filter"):
        flt.Filters.from_pairs([("colour", "red")])
    with pytest.raises(flt.FilterError, match="not true or false"):
        flt.Filters.from_pairs([("background", "maybe")])
    with pytest.raises(flt.FilterError, match="no story 's9'"):
        ids("events", story="s9")


def test_filters_round_trip_as_query_pairs_and_toggle_like_a_facet_click() -> None:
    spec = flt.Filters.from_pairs([("event_type", "Battles"), ("date_to", "2031-04"), ("background", "false"),
                                   ("limit", "5")], ignore=("limit",))
    assert spec.date_to == dt.date(2031, 4, 30)
    assert flt.Filters.from_pairs(spec.pairs()) == spec
    assert spec.toggled("event_type", "Battles").event_type == ()
    assert spec.toggled("event_type", "Protests").event_type == ("Battles", "Protests")
    assert spec.without("date_to").date_to is None
    assert flt.Filters().is_empty() and not spec.is_empty()


def test_filters_facets_count_each_value_over_the_rows() -> None:
    ix = flt.Index(RECORD)
    facets = flt.facets("events", RECORD["events"], ix)
    assert [(v.value, v.count) for v in facets["event_type"]] == [("Battles", 2), ("-", 2),
                                                                  ("Explosions/Remote violence", 1)]
    assert [(v.value, v.label, v.count) for v in facets["story"]] == [("s1", "Fighting around Kostrava", 3),
                                                                      ("s2", "Talks in Dremmel", 2)]
    # a span counts in every month it touches (e2 runs from March into April), as the month filter selects
    assert [(v.value, v.count) for v in facets["month"]] == [("2019-06", 1), ("2031-03", 1), ("2031-04", 2),
                                                             ("2031-05", 1), ("-", 1)]
    assert ids("events", date_from="2031-04", date_to="2031-04") == ["e1", "e2"]


def test_filters_facet_count_of_a_name_is_what_selecting_it_selects() -> None:
    # "Velmoran Army" is also the ACLED name of another actor's entry: selecting the name finds both
    record = {**RECORD, "events": [*RECORD["events"], {**_event("e6", "s1", "2031-04-04"), "actors": [
        {"entity_id": None, "name": "the army", "acled_name": "Velmoran Army", "inter": 1}]}]}
    ix = flt.Index(record)
    count = {v.value: v.count for v in flt.facets("events", record["events"], ix)["actor"]}
    assert count["Velmoran Army"] == len(flt.select(record, "events", flt.Filters.build(actor="Velmoran Army"), ix)) == 3


def test_filter_record_narrows_each_type_by_the_filters_it_has() -> None:
    out = flt.filter_record(RECORD, flt.Filters.build(story="s1", event_type="Battles"))
    assert [e["event_id"] for e in out["events"]] == ["e1", "e3"]
    assert [f["figure_id"] for f in out["figures"]] == ["f1"]  # story narrows figures; event_type: their event's
    assert [a["article_id"] for a in out["articles"]] == ["a1", "a2"]
    assert [s["story_id"] for s in out["stories"]] == ["s1"]
    assert flt.filter_record(RECORD, flt.Filters()) == RECORD


# -- the seeds' store --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    import newsprism

    db = str(tmp_path_factory.mktemp("browse") / "seeds.duckdb")
    newsprism.analyze([str(SEEDS)], db=db, manifest=str(SEEDS / "manifest.csv"))
    return db, newsprism.load_record(db)


@pytest.fixture(scope="module")
def client(seeds: tuple[str, dict[str, Any]]) -> Any:
    from fastapi.testclient import TestClient

    from newsprism.serve import create_app

    return TestClient(create_app(seeds[0]))


def _outlets(record: dict[str, Any]) -> dict[str, str | None]:
    return {a["article_id"]: a["outlet"] for a in record["articles"]}


def _names(e: dict[str, Any]) -> set[str]:
    return {str(r.get("name")).lower() for r in [*e["actors"], *e["recipients"]]}


def _story(record: dict[str, Any]) -> str:
    return max(record["stories"], key=lambda s: len(s["article_ids"]))["story_id"]


def expected_events(record: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(query, event ids) pairs, each computed from the export with its own comprehension."""
    outlet = _outlets(record)
    sid = _story(record)
    ev = record["events"]
    cases = [
        ("event_type=Battles", [e for e in ev if e["acled_event_type"] == "Battles"]),
        (f"story={sid}&event_type=Battles&event_type=Protests",
         [e for e in ev if e["story_id"] == sid and e["acled_event_type"] in ("Battles", "Protests")]),
        ("actor=Azerbaijan", [e for e in ev if "azerbaijan" in _names(e)]),
        ("outlet=CNN", [e for e in ev if any(outlet.get(a) == "CNN" for a in e["reported_by"])]),
        ("event_type=Battles&outlet=CNN",
         [e for e in ev if e["acled_event_type"] == "Battles" and any(outlet.get(a) == "CNN" for a in e["reported_by"])]),
        ("date_from=2023-09-19&date_to=2023-09-19",
         [e for e in ev if e["date_start"] and e["date_start"] <= "2023-09-19" <= (e["date_end"] or e["date_start"])]),
        ("background=true", [e for e in ev if e["background"]]),
        ("realis=negated&realis=threatened", [e for e in ev if e["realis"] in ("negated", "threatened")]),
        ("place=Nagorno-Karabakh", [e for e in ev if (e["location"] or {}).get("name") == "Nagorno-Karabakh"
                                    or (e["location"] or {}).get("admin1") == "Nagorno-Karabakh"]),
    ]
    return [(query, [e["event_id"] for e in rows]) for query, rows in cases]


def test_browse_events_json_returns_exactly_the_rows_counted_from_the_export(client: Any, seeds: Any) -> None:
    record = seeds[1]
    for query, want in expected_events(record):
        body = client.get(f"/events.json?{query}&limit=5000").json()
        assert body["ok"] and body["kind"] == "events"
        got = [e["event_id"] for e in body["events"]]
        assert sorted(got) == sorted(want), query
        assert body["page"]["total"] == len(want), query
        assert want or query.startswith("realis"), f"{query}: the seeds should hold some ({query})"


def test_browse_other_lists_return_exactly_the_rows_counted_from_the_export(client: Any, seeds: Any) -> None:
    record = seeds[1]
    outlet = _outlets(record)
    cases = [
        ("figures", "metric=killed", [f["figure_id"] for f in record["figures"] if f["metric"] == "killed"]),
        ("figures", "metric=killed&outlet=CNN", [f["figure_id"] for f in record["figures"]
                                                 if f["metric"] == "killed" and outlet[f["article_id"]] == "CNN"]),
        ("quotes", "kind=direct&outlet=CNN", [q["quote_id"] for q in record["quotes"]
                                              if q["kind"] == "direct" and outlet[q["article_id"]] == "CNN"]),
        ("entities", "type=person", [e["entity_id"] for e in record["entities"] if e["type"] == "person"]),
    ]
    key = {"figures": "figure_id", "quotes": "quote_id", "entities": "entity_id"}
    for kind, query, want in cases:
        body = client.get(f"/{kind}.json?{query}&limit=5000").json()
        assert sorted(r[key[kind]] for r in body[kind]) == sorted(want), (kind, query)
        assert want, (kind, query)


def test_browse_csv_holds_the_same_rows_as_the_json(client: Any, seeds: Any) -> None:
    from newsprism.export import records_to_csv

    for query in ("event_type=Battles", "outlet=CNN&date_from=2023-09-19", "actor=Azerbaijan"):
        body = client.get(f"/events.json?{query}&limit=5000").json()
        response = client.get(f"/events.csv?{query}")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [r["event_id"] for r in rows] == [e["event_id"] for e in body["events"]]
        assert response.text == records_to_csv(body["events"])  # the columns of `export --format csv`
        assert body["csv_url"].startswith("/events.csv?") and "limit" not in body["csv_url"]
    # the CSV holds every row; the JSON pages them
    page = client.get("/events.json?limit=7").json()
    assert len(page["events"]) == 7 and page["next_url"] == "/events.json?limit=7&offset=7"
    assert len(list(csv.DictReader(io.StringIO(client.get("/events.csv").text)))) == len(seeds[1]["events"])
    second = client.get(page["next_url"]).json()
    assert second["prev_url"] == "/events.json?limit=7" and second["page"]["offset"] == 7
    assert {e["event_id"] for e in second["events"]}.isdisjoint(e["event_id"] for e in page["events"])


def test_browse_facets_count_every_filtered_row_and_their_links_select_that_many(client: Any) -> None:
    body = client.get("/events.json?background=false&limit=3").json()
    total = body["page"]["total"]
    for name in ("event_type", "sub_event_type", "outlet", "actor", "place", "realis", "story"):
        values = body["facets"][name]
        assert values, name
        for v in values:  # every value: its count is what clicking it selects
            narrowed = client.get(v["href"]).json()
            assert narrowed["page"]["total"] == v["count"], (name, v)
            assert narrowed["page"]["total"] <= total
            assert any(x["selected"] for x in narrowed["facets"][name]), (name, v)
    # a selected value's link removes it again
    battles = client.get("/events.json?event_type=Battles").json()
    on = next(v for v in battles["facets"]["event_type"] if v["selected"])
    assert on["href"] == "/events.json" and on["label"] == "Battles"
    # the month facet selects that month
    for month in body["facets"]["month"]:
        got = client.get(month["href"]).json()
        assert got["filters"]["date_from"].startswith(month["value"]) and got["page"]["total"] == month["count"]


def test_browse_errors_name_the_parameter(client: Any) -> None:
    for url, words in [("/figures.json?realis=actual", "figures cannot be filtered by realis"),
                       ("/events.json?date_from=soon", "not a date"), ("/events.json?colour=red", "unknown filter"),
                       ("/events.json?story=sty_nothere", "no story"), ("/events.json?limit=0", "limit")]:
        response = client.get(url)
        assert response.status_code == 400, url
        body = response.json()
        assert body["ok"] is False and words in body["error"], (url, body)
    for url in ("/events?colour=red", "/events.csv?story=sty_nothere"):  # a page or a CSV: the error page
        response = client.get(url)
        assert response.status_code == 400 and "text/html" in response.headers["content-type"], url


def test_browse_pages_show_names_never_ids(client: Any, seeds: Any) -> None:
    sid = _story(seeds[1])
    for url in ["/events", "/events?event_type=Battles", f"/events?story={sid}&actor=Azerbaijan", "/figures",
                "/quotes", "/entities", "/entities?type=place", f"/figures?story={sid}&metric=killed"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        visible = re.sub(r"<[^>]*>", " ", html)  # text a reader sees (ids live in hrefs and data- attributes)
        assert not INTERNAL_ID.findall(visible), (url, INTERNAL_ID.findall(visible)[:3])
        assert 'id="csv-link"' in html and 'href="/static/browse.css"' in html
    story_page = client.get(f"/events?story={sid}").text
    title = next(s["title"] for s in seeds[1]["stories"] if s["story_id"] == sid)
    assert f"Story: {title}" in story_page.replace("&#39;", "'")  # the active filter shown by the story's title


def test_browse_entities_keeps_the_type_filter_and_filters_by_story(client: Any, seeds: Any) -> None:
    record = seeds[1]
    people = client.get("/entities.json?type=person&limit=5000").json()
    assert {e["type"] for e in people["entities"]} == {"person"}
    assert people["entities"] == sorted(people["entities"], key=lambda e: (-e["mentions"], e["canonical_name"],
                                                                          e["entity_id"]))
    in_story = client.get(f"/entities.json?story={_story(record)}&limit=5000").json()
    assert 0 < in_story["page"]["total"] <= len(record["entities"])


# -- typed OpenAPI ------------------------------------------------------------------------------
def test_openapi_json_routes_have_typed_schemas(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    json_routes = [p for p in spec["paths"] if p.endswith(".json") and p != "/openapi.json"]
    assert {"/events.json", "/figures.json", "/quotes.json", "/entities.json", "/record.json", "/index.json",
            "/stories/{story_id}.json", "/articles/{article_id}.json", "/search.json"} <= set(json_routes)
    for path in json_routes:
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, path  # a named model, not a bare object
        name = schema["$ref"].rsplit("/", 1)[1]
        assert schemas[name]["properties"], path
    event = schemas["Event"]["properties"]
    assert event["actors"]["items"]["$ref"].endswith("/Actor")
    assert set(event["realis"]["enum"]) == set(flt.REALIS)
    assert schemas["EventsPage"]["properties"]["events"]["items"]["$ref"].endswith("/Event")
    params = {p["name"] for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert {"story", "event_type", "actor", "place", "outlet", "date_from", "date_to", "background", "realis",
            "limit", "offset"} <= params
    assert "realis" not in {p["name"] for p in spec["paths"]["/figures.json"]["get"]["parameters"]}


def test_answers_validate_against_their_models(client: Any, seeds: Any) -> None:
    from newsprism.serve import models

    record = seeds[1]
    sid = _story(record)
    article = record["articles"][0]["article_id"]
    entity = max(record["entities"], key=lambda e: e["mentions"])["entity_id"]
    for url, model in [("/events.json?limit=5000", models.EventsPage), ("/figures.json", models.FiguresPage),
                       ("/quotes.json", models.QuotesPage), ("/entities.json", models.EntitiesPage),
                       ("/record.json", models.Record), ("/index.json", models.CorpusPage),
                       (f"/stories/{sid}.json", models.StoryPage), (f"/articles/{article}.json", models.ArticlePage),
                       (f"/documents/{record['documents'][0]['doc_id']}.json", models.DocumentPage),
                       (f"/entities/{entity}.json", models.EntityPage), ("/search.json?q=ceasefire", models.SearchPage)]:
        body = client.get(url).json()
        model.model_validate(body)  # raises on a field of the wrong type or a missing SCHEMA field
    assert client.get("/record.json").json() == json.loads(json.dumps(record))  # served as stored, not re-shaped


# -- the command line -------------------------------------------------------------------------------
def test_cli_export_takes_the_same_filters_as_the_views(client: Any, seeds: Any, tmp_path: Path) -> None:
    from newsprism.cli import cli

    db, record = seeds
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", db, "--format", "json", "--event-type", "Battles",
                                 "--outlet", "CNN"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    served = client.get("/events.json?event_type=Battles&outlet=CNN&limit=5000").json()
    assert [e["event_id"] for e in out["events"]] == [e["event_id"] for e in record["events"]
                                                       if e["event_id"] in {x["event_id"] for x in served["events"]}]
    assert out["events"] and {a["outlet"] for a in out["articles"]} == {"CNN"}
    assert all(a["outlet"] == "CNN" for f in out["figures"] for a in record["articles"] if a["article_id"] == f["article_id"])

    folder = tmp_path / "csv"
    result = runner.invoke(cli, ["export", "--db", db, "--format", "csv", "--out", str(folder), "--actor", "Azerbaijan"])
    assert result.exit_code == 0, result.output
    exported = list(csv.DictReader(io.StringIO((folder / "events.csv").read_text(encoding="utf-8"))))
    served_csv = list(csv.DictReader(io.StringIO(client.get("/events.csv?actor=Azerbaijan").text)))
    assert sorted(r["event_id"] for r in exported) == sorted(r["event_id"] for r in served_csv)

    # ACLED: the filtered rows are rows of the whole export, with the same ids
    whole = runner.invoke(cli, ["export", "--db", db, "--format", "acled"]).output
    battles = runner.invoke(cli, ["export", "--db", db, "--format", "acled", "--event-type", "Battles"]).output
    all_rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(whole))}
    rows = list(csv.DictReader(io.StringIO(battles)))
    assert rows and all(r["event_type"] == "Battles" and all_rows[r["event_id_cnty"]] == r for r in rows)
    assert len(rows) == sum(1 for r in all_rows.values() if r["event_type"] == "Battles")

    bad = runner.invoke(cli, ["export", "--db", db, "--format", "json", "--date-from", "2023-02-30"])
    assert bad.exit_code == 2 and "not a date" in bad.output
    bad = runner.invoke(cli, ["export", "--db", db, "--format", "json", "--story", "sty_nothere"])
    assert bad.exit_code == 2 and "no story" in bad.output


def test_cli_timeline_takes_the_filters(seeds: Any) -> None:
    from newsprism.cli import cli
    from newsprism.export import format_timeline

    db, record = seeds
    runner = CliRunner()
    whole = runner.invoke(cli, ["timeline", "--db", db]).output
    assert whole == format_timeline(record)  # no filter: as before
    out = runner.invoke(cli, ["timeline", "--db", db, "--event-type", "Battles", "--date-from", "2023-09-19",
                              "--date-to", "2023-09-20"])
    assert out.exit_code == 0, out.output
    dates = re.findall(r"^(\d{4}-\d\d-\d\d)", out.output, flags=re.M)
    want = [e for e in record["events"] if e["acled_event_type"] == "Battles" and e["realis"] == "actual"
            and not e["background"] and e["date_start"] and e["date_start"] <= "2023-09-20"
            and (e["date_end"] or e["date_start"]) >= "2023-09-19" and e["date_precision"] != "year"]
    assert len(dates) == len(want) > 0
    denied = runner.invoke(cli, ["timeline", "--db", db, "--realis", "negated"]).output
    flagged = re.findall(r"^\d{4}-.*$", denied, flags=re.M)
    assert flagged and all("(denied)" in line for line in flagged)
    history = runner.invoke(cli, ["timeline", "--db", db, "--include-background"]).output
    assert "(background)" in history and "(background)" not in whole
    assert runner.invoke(cli, ["timeline", "--db", db, "--story", "sty_nothere"]).exit_code == 2


# -- a real browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(seeds: tuple[str, dict[str, Any]]) -> Iterator[str]:
    from newsprism.serve import LOOPBACK_HOSTS, create_app, serve_in_thread

    with serve_in_thread(create_app(seeds[0], allowed_hosts=list(LOOPBACK_HOSTS))) as url:
        yield url


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install "
                                                         "chromium); browser tests never download a browser")
def test_browser_filter_on_events_and_its_csv_download(server: str, seeds: Any, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    record = seeds[1]
    want = sorted(e["event_id"] for e in record["events"] if e["acled_event_type"] == "Battles")
    in_day = sorted(e["event_id"] for e in record["events"] if e["acled_event_type"] == "Battles"
                    and e["date_start"] and e["date_start"] <= "2023-09-19" <= (e["date_end"] or e["date_start"]))
    assert want and in_day and len(in_day) < len(want)
    profile = tempfile.mkdtemp(prefix="newsprism-chromium-")
    try:
        with sync_api.sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, accept_downloads=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
                viewport={"width": 1400, "height": 900})
            context.set_default_timeout(15_000)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server}/events")
            assert page.locator("#rows tbody tr").count() == min(len(record["events"]), 100)
            # click the facet value, as a reader would
            page.locator('#facet-event_type a[data-value="Battles"]').click()
            page.wait_for_url("**/events?event_type=Battles")
            rows = page.locator("#rows tbody tr")
            assert sorted(rows.evaluate_all("trs => trs.map(t => t.dataset.eventId)")) == want
            assert page.locator("#total").inner_text() == str(len(want))
            assert "Battles" in page.locator("#active-filters").inner_text()
            # narrow by date with the form; the facet filter is kept
            page.fill('input[name="date_from"]', "2023-09-19")
            page.fill('input[name="date_to"]', "2023-09-19")
            page.locator(".browse-form button[type=submit]").click()
            page.wait_for_url("**date_from=2023-09-19**")
            shown = sorted(page.locator("#rows tbody tr").evaluate_all("trs => trs.map(t => t.dataset.eventId)"))
            assert shown == in_day
            shot = tmp_path / "events-filtered.png"
            page.screenshot(path=str(shot), full_page=False)
            # the CSV link downloads the same rows
            with page.expect_download() as info:
                page.locator("#csv-link").click()
            path = info.value.path()
            downloaded = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
            assert sorted(r["event_id"] for r in downloaded) == in_day
            assert {r["acled_event_type"] for r in downloaded} == {"Battles"}
            # removing the facet filter by its chip keeps the dates
            page.locator("#active-filters a.chip", has_text="Battles").click()
            page.wait_for_load_state("load")
            assert "event_type" not in page.url and "date_from=2023-09-19" in page.url
            assert errors == []
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_browse_pages_escape_hostile_names_and_their_facet_links_work(tmp_path: Path) -> None:
    """The hand-made store of test_serve_api (an outlet, a title and entity names carrying markup)."""
    import importlib.util

    from fastapi.testclient import TestClient

    from newsprism.serve import create_app

    spec = importlib.util.spec_from_file_location("serve_api_store", Path(__file__).with_name("test_serve_api.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path / "hostile.duckdb"
    module.build_store(db)
    client = TestClient(create_app(str(db)))
    for path in ["/events", "/figures", "/quotes", "/entities", "/figures?outlet=%3Cb%3EEvil%3C%2Fb%3E+Outlet"]:
        html = client.get(path).text
        assert "<b>Evil</b>" not in html and "<script>window" not in html and "<img src=x" not in html, path
        assert all('src="/static/app.js"' in s for s in re.findall(r"<script\b[^>]*>", html)), path
    body = client.get("/figures.json").json()
    evil = next(v for v in body["facets"]["outlet"] if v["label"] == "<b>Evil</b> Outlet")
    assert client.get(evil["href"]).json()["page"]["total"] == evil["count"] > 0


def test_cli_quotes_and_framing_take_the_filters(seeds: tuple[str, dict[str, Any]]) -> None:
    """The CLI views narrow by the same filters as the browse pages (here: one outlet)."""
    from click.testing import CliRunner

    from newsprism.cli import cli

    seeds_db = seeds[0]
    runner = CliRunner()
    every = runner.invoke(cli, ["quotes", "--db", seeds_db]).output
    one = runner.invoke(cli, ["quotes", "--db", seeds_db, "--outlet", "CNN"]).output
    assert "— CNN" in one and one.count("\n") < every.count("\n")
    bad = runner.invoke(cli, ["framing", "--db", seeds_db, "--story", "no-such-story"])
    assert bad.exit_code == 2 and bad.output.count("\n") == 1
