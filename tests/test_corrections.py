"""Corrections that survive (issue 11): a coder's edits are their own records, applied on top of
every run, shown in the exports and the web UI, never lost by a re-run.

The corpus is two short reports written for these tests (a rebel attack on an army post, its
rising toll, a protest and arrests), analyzed once per module; each test works on a copy.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsprism
from newsprism.cli import cli
from newsprism.corrections import _find_event, target_key
from newsprism.export import acled_csv
from newsprism.store import Store

CORPUS = {
    "a1.txt": """Rebels attack army post in Gao, killing 12 soldiers

GAO, May 6 — Fighters of the Azawad Liberation Front attacked an army post in Gao on Tuesday, killing 12 soldiers, the Malian army said in a statement.

The army said its troops repelled the assault after several hours of fighting. Colonel Ousmane Traore, an army spokesman, said the attackers fled north towards Kidal.

"Our soldiers fought with courage," Traore said.

On Wednesday, hundreds of protesters marched in Bamako to demand more protection for the northern towns.
""",
    "a2.txt": """Toll from Gao attack rises to 19

BAMAKO, May 8 — The death toll from Tuesday's rebel attack on an army post in Gao has risen to 19 soldiers, Mali's defence ministry said on Thursday.

The Azawad Liberation Front claimed the attack in a message posted online. The group said its fighters had seized weapons at the post.

Mali's defence ministry said the army had arrested three suspects in Gao on Wednesday.
""",
    "manifest.csv": "path,url,outlet,published,language\n"
                    "a1.txt,https://example.org/a1,Sahel Wire,2031-05-06,en\n"
                    "a2.txt,https://example.net/a2,Bamako Daily,2031-05-08,en\n",
}


# -- fixtures and helpers --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(corpus folder, analyzed store) of the two reports."""
    root = tmp_path_factory.mktemp("corrections")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = str(root / "base.duckdb")
    newsprism.analyze([str(corpus)], db=db, manifest=str(corpus / "manifest.csv"))
    return str(corpus), db


def copy_store(base: tuple[str, str], folder: Path) -> str:
    db = folder / "store.duckdb"
    shutil.copy(base[1], db)
    return str(db)


def reanalyze(base: tuple[str, str], db: str) -> None:
    """A fresh ``analyze`` of the same corpus into the same store (the corpus stage is rebuilt when
    anything it reads changed; corrections hold either way)."""
    newsprism.analyze([base[0]], db=db, manifest=str(Path(base[0]) / "manifest.csv"))


def correct(db: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["correct", *args, "--db", db], catch_exceptions=False)


def ok(db: str, *args: str) -> str:
    result = correct(db, *args, "--by", "tester", "--why", "read the report again")
    assert result.exit_code == 0, result.output
    return result.output


def acled(db: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(acled_csv(newsprism.load_record(db))[0])))


def ids(record: dict[str, Any]) -> dict[str, str]:
    """The records these tests correct, found by what they are (not by id)."""
    events = record["events"]
    fig12 = next(f for f in record["figures"] if f["metric"] == "killed" and f["low"] == 12)
    fig19 = next(f for f in record["figures"] if f["metric"] == "killed" and f["low"] == 19)
    ents = {(e["type"], e["canonical_name"]): e["entity_id"] for e in record["entities"]}
    return {
        "battle": next(e["event_id"] for e in events if e["acled_event_type"] == "Battles"),
        "arrest": next(e["event_id"] for e in events if e["acled_sub_event_type"] == "Arrests"),
        "protest": next(e["event_id"] for e in events if e["acled_event_type"] == "Protests"),
        "fig12": fig12["figure_id"], "fig19": fig19["figure_id"],
        "person": ents[("person", "Ousmane Traore")],
        "surname": next(eid for (t, n), eid in ents.items() if n == "Traore"),
    }


@pytest.fixture(scope="module")
def corrected(base: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Corrections made with the CLI, the record before and after a fresh analyze of the same corpus."""
    db = copy_store(base, tmp_path_factory.mktemp("corrected"))
    i = ids(newsprism.load_record(db))
    ok(db, "event", i["battle"], "--type", "Explosions/Remote violence", "--sub-type", "Shelling/artillery/missile attack")
    ok(db, "event", i["arrest"], "--reject")
    ok(db, "event", i["protest"], "--date", "2031-05-07", "--fatalities", "1")
    ok(db, "merge", i["person"], i["surname"])
    ok(db, "figure", i["fig12"], "--superseded")
    before = newsprism.load_record(db)
    acled_before = acled(db)
    reanalyze(base, db)
    return {"db": db, "ids": i, "before": before, "acled_before": acled_before,
            "after": newsprism.load_record(db), "acled_after": acled(db)}


def event(record: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in record["events"] if e["event_id"] == event_id)


# -- the CLI and the exports -----------------------------------------------------------------------
def test_a_cli_correction_is_its_own_record_in_the_json_export(corrected: dict[str, Any]) -> None:
    record, i = corrected["before"], corrected["ids"]
    listed = record["corrections"]
    assert len(listed) == 7  # type, sub-type, reject, date, fatalities, merge, superseded
    retype = next(c for c in listed if c["field"] == "acled_event_type")
    assert retype["target"] == i["battle"] and retype["value"] == "Explosions/Remote violence"
    assert retype["old_value"] == "Battles" and retype["by"] == "tester" and retype["why"] == "read the report again"
    assert retype["at"].startswith("20") and retype["status"] == "applied"
    e = event(record, i["battle"])
    assert e["acled_event_type"] == "Explosions/Remote violence"
    assert e["acled_sub_event_type"] == "Shelling/artillery/missile attack"
    assert {"acled_event_type", "acled_sub_event_type"} <= set(e["corrected"])
    assert retype["correction_id"] in e["corrections"]


def test_a_fresh_analyze_of_the_same_corpus_keeps_every_correction(corrected: dict[str, Any]) -> None:
    before, after, i = corrected["before"], corrected["after"], corrected["ids"]
    assert [c["correction_id"] for c in after["corrections"]] == [c["correction_id"] for c in before["corrections"]]
    assert {c["status"] for c in after["corrections"]} == {"applied"}
    for key in ("battle", "protest"):
        b, a = event(before, i[key]), event(after, i[key])
        assert {k: a[k] for k in ("acled_event_type", "acled_sub_event_type", "date_start", "fatalities", "corrected")} == \
               {k: b[k] for k in ("acled_event_type", "acled_sub_event_type", "date_start", "fatalities", "corrected")}
    assert corrected["acled_after"] == corrected["acled_before"]


def test_a_retype_shows_in_the_acled_export(corrected: dict[str, Any]) -> None:
    rows = corrected["acled_after"]
    assert not [r for r in rows if r["event_type"] == "Battles"]
    shelling = [r for r in rows if r["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1 and shelling[0]["event_type"] == "Explosions/Remote violence"
    assert shelling[0]["disorder_type"] == "Political violence"


def test_a_date_and_fatalities_correction_shows_in_the_acled_export(corrected: dict[str, Any]) -> None:
    protest = [r for r in corrected["acled_after"] if r["event_type"] == "Protests"]
    assert len(protest) == 1
    assert protest[0]["event_date"] == "2031-05-07" and protest[0]["fatalities"] == "1"


def test_a_rejected_event_leaves_the_record_and_the_acled_export(corrected: dict[str, Any]) -> None:
    after, i = corrected["after"], corrected["ids"]
    assert i["arrest"] not in {e["event_id"] for e in after["events"]}
    assert not [r for r in corrected["acled_after"] if r["sub_event_type"] == "Arrests"]
    assert not [f for f in after["figures"] if f.get("event_id") == i["arrest"]]  # its figures are untied
    rejected = next(c for c in after["corrections"] if c["field"] == "rejected")
    assert rejected["target"] == i["arrest"] and rejected["value"] == {"rejected": True}  # as SCHEMA.md says


def test_merged_entities_are_one_with_every_reference(corrected: dict[str, Any]) -> None:
    after, i = corrected["after"], corrected["ids"]
    ents = {e["entity_id"]: e for e in after["entities"]}
    assert i["surname"] not in ents
    kept = ents[i["person"]]
    assert "Traore" in kept["aliases"] and "merge" in kept["corrected"]
    refs = [r for e in after["events"] for r in [*e["actors"], *e["recipients"], e.get("location") or {}]]
    refs += [q["speaker"] for q in after["quotes"] if q.get("speaker")]
    refs += [f["attributed_to"] for f in after["figures"] if f.get("attributed_to")]
    assert not [r for r in refs if r.get("entity_id") == i["surname"]]


def test_an_entity_can_be_merged_by_name_and_split_again(base: tuple[str, str], tmp_path: Path) -> None:
    db = copy_store(base, tmp_path)
    i = ids(newsprism.load_record(db))
    ok(db, "merge", i["person"], "Traore")  # the name a coder reads on the page
    merged = {e["entity_id"]: e for e in newsprism.load_record(db)["entities"]}
    assert i["surname"] not in merged and "Traore" in merged[i["person"]]["aliases"]
    ok(db, "split", i["person"], "--alias", "Traore")
    reanalyze(base, db)
    ents = newsprism.load_record(db)["entities"]
    split = [e for e in ents if e.get("split_from") == i["person"]]
    assert len(split) == 1 and split[0]["aliases"] == ["Traore"] and "split" in split[0]["corrected"]
    assert "Traore" not in next(e for e in ents if e["entity_id"] == i["person"])["aliases"]


def test_a_superseded_figure_leaves_the_reconciliation(corrected: dict[str, Any]) -> None:
    after, i = corrected["after"], corrected["ids"]
    killed = [r for r in after["reconciled_figures"] if r["scope"]["metric"] == "killed"]
    assert killed
    for r in killed:
        assert i["fig12"] not in r["inputs"] and i["fig19"] in r["inputs"]
        assert {"figure_id": i["fig12"], "reason": "superseded"} in r["excluded"]
        assert r["low"] == r["best"] == 19
    fig = next(f for f in after["figures"] if f["figure_id"] == i["fig12"])
    assert fig["superseded"] is True and fig["corrected"] == ["superseded"]
    assert event(after, i["battle"])["fatalities"]["acled"] == 19


def test_the_csv_export_carries_the_corrections_and_corrected_values(corrected: dict[str, Any], tmp_path: Path) -> None:
    with Store(corrected["db"], read_only=True) as store:
        from newsprism.export import export

        export(store, "csv", str(tmp_path))
    rows = list(csv.DictReader((tmp_path / "corrections.csv").open(encoding="utf-8")))
    assert len(rows) == 7 and {r["status"] for r in rows} == {"applied"}
    events = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    battle = next(e for e in events if e["event_id"] == corrected["ids"]["battle"])
    assert battle["acled_event_type"] == "Explosions/Remote violence" and "acled_event_type" in battle["corrected"]


def test_a_sub_event_type_brings_its_event_type(base: tuple[str, str], tmp_path: Path) -> None:
    db = copy_store(base, tmp_path)
    i = ids(newsprism.load_record(db))
    ok(db, "event", i["protest"], "--sub-type", "Mob violence")
    e = event(newsprism.load_record(db), i["protest"])
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Riots", "Mob violence")
    assert {"acled_event_type", "acled_sub_event_type"} <= set(e["corrected"])
    assert [r["event_type"] for r in acled(db) if r["sub_event_type"] == "Mob violence"] == ["Riots"]


def test_the_timeline_flags_a_corrected_event(corrected: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["timeline", "--db", corrected["db"]])
    assert result.exit_code == 0
    line = next(ln for ln in result.output.splitlines() if "[Shelling/artillery/missile attack]" in ln)
    assert "(corrected: acled event type, acled sub event type)" in line


def test_correct_list_names_who_what_why(corrected: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["correct", "list", "--db", corrected["db"]])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 7 and all("tester" in ln and "read the report again" in ln and "applied" in ln for ln in lines)


# -- finding a target again, orphans, old stores ------------------------------------------------
def test_an_event_whose_id_changed_is_found_by_its_reports() -> None:
    old = {"event_id": "evt_old", "story_id": "s", "plover_type": "ASSAULT", "evidence": [],
           "mentions": [{"article_id": "a1", "trigger": {"start": 10, "end": 18}},
                        {"article_id": "a2", "trigger": {"start": 40, "end": 46}}]}
    key = target_key("event", old)
    events = {
        "evt_new": {**old, "event_id": "evt_new"},
        "evt_other": {**old, "event_id": "evt_other", "mentions": [{"article_id": "a3", "trigger": {"start": 1, "end": 5}}]},
    }
    assert _find_event(key, events) == ("evt_new", None)
    # split in two, one report each: no way to tell which one the coder meant
    halves = {"evt_x": {**old, "event_id": "evt_x", "mentions": old["mentions"][:1]},
              "evt_y": {**old, "event_id": "evt_y", "mentions": old["mentions"][1:]}}
    found, why = _find_event(key, halves)
    assert found is None and "ambiguous" in why
    assert _find_event(key, {"evt_other": events["evt_other"]})[0] is None


def test_a_correction_whose_target_is_gone_is_kept_as_orphaned(base: tuple[str, str], tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    db = copy_store(base, tmp_path)
    i = ids(newsprism.load_record(db))
    ok(db, "event", i["protest"], "--type", "Riots", "--sub-type", "Violent demonstration")
    # the extractor no longer finds the protest (as when extraction changes): its mentions are gone
    protest = event(newsprism.load_record(db), i["protest"])
    with Store(db) as store:
        for m in protest["mentions"]:
            store.con.execute("DELETE FROM article_facts WHERE kind = 'event_mentions' AND article_id = ? "
                              "AND json_extract(data, '$.trigger.start')::INTEGER = ?",
                              [m["article_id"], m["trigger"]["start"]])
        store.set_corpus_fingerprint("changed extraction")  # as a new pipeline version would: rebuild
    with caplog.at_level("WARNING"):
        reanalyze(base, db)
    record = newsprism.load_record(db)
    assert i["protest"] not in {e["event_id"] for e in record["events"]}
    assert len(record["corrections"]) == 2
    assert {c["status"] for c in record["corrections"]} == {"orphaned"}
    assert all(c["note"] and c["applied_to"] is None for c in record["corrections"])
    assert "orphaned" in caplog.text
    listed = CliRunner().invoke(cli, ["correct", "list", "--db", db]).output
    assert listed.count("orphaned") == 2


def test_a_store_made_before_corrections_opens_and_migrates(base: tuple[str, str], tmp_path: Path) -> None:
    db = copy_store(base, tmp_path)
    with Store(db) as store:  # as a store of the previous release was
        store.con.execute("DROP TABLE corrections")
        store.con.execute("DELETE FROM schema_migrations WHERE name = '0003_corrections'")
    with Store(db, read_only=True) as store:
        assert store.corrections() == []
    assert newsprism.load_record(db)["corrections"] == []
    with Store(db) as store:
        assert "0003_corrections" in store.migrations()
    assert "applied" in ok(db, "figure", ids(newsprism.load_record(db))["fig12"], "--superseded")


# -- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize("args, message", [
    (["event", "evt_0000000000000000", "--reject"], "no event 'evt_0000000000000000' in the record"),
    (["event", "{battle}", "--date", "2031-02-30"], "bad date '2031-02-30'"),
    (["event", "{battle}", "--date", "6 May"], "bad date '6 May'"),
    (["event", "{battle}", "--type", "Skirmish"], "unknown ACLED event type 'Skirmish'"),
    (["event", "{battle}", "--fatalities", "-3"], "bad fatalities '-3'"),
    (["event", "{battle}"], "nothing to correct"),
    (["figure", "fig_0000000000000000", "--superseded"], "no figure 'fig_0000000000000000'"),
    (["merge", "{person}", "{person}"], "cannot be merged into itself"),
    (["split", "{person}", "--alias", "Somebody Else"], "not an alias of"),
])
def test_bad_input_is_one_line_with_exit_code_2(base: tuple[str, str], tmp_path: Path, args: list[str],
                                                 message: str) -> None:
    db = copy_store(base, tmp_path)
    i = ids(newsprism.load_record(db))
    result = CliRunner().invoke(cli, ["correct", *[a.format(**i) for a in args], "--db", db, "--by", "t", "--why", "w"])
    assert result.exit_code == 2
    out = result.output.strip()
    assert message in out and len(out.splitlines()) == 1 and "Traceback" not in out
    assert newsprism.load_record(db)["corrections"] == []  # nothing stored


def test_a_correction_needs_by_and_why(base: tuple[str, str], tmp_path: Path) -> None:
    db = copy_store(base, tmp_path)
    result = CliRunner().invoke(cli, ["correct", "figure", "fig_x", "--superseded", "--db", db])
    assert result.exit_code == 2 and "--by" in result.output


# -- the web API -----------------------------------------------------------------------------
def test_the_correction_route_needs_the_bearer_token(base: tuple[str, str], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.serve import create_app

    db = copy_store(base, tmp_path)
    i = ids(newsprism.load_record(db))
    body = {"kind": "event", "target": i["battle"], "field": "fatalities", "value": "4", "by": "web", "why": "w"}
    assert TestClient(create_app(db)).post("/-/correct", json=body).status_code in (404, 405)  # no token: no route
    client = TestClient(create_app(db, ingest_token="s3cret"))
    assert client.post("/-/correct", json=body).status_code == 401
    assert client.post("/-/correct", json=body, headers={"Authorization": "s3cret"}).status_code == 401  # bare token
    assert client.post("/-/correct", json=body, headers={"Cookie": "token=s3cret"}).status_code == 401
    bad = client.post("/-/correct", json={**body, "field": "date", "value": "tomorrow"},
                      headers={"Authorization": "Bearer s3cret"})
    assert bad.status_code == 400 and "bad date" in bad.json()["error"]
    done = client.post("/-/correct", json=body, headers={"Authorization": "Bearer s3cret"})
    assert done.status_code == 201 and done.json()["correction"]["status"] == "applied"
    assert [c["by"] for c in client.get("/corrections.json").json()["corrections"]] == ["web"]
    page = client.get(f"/stories/{event(newsprism.load_record(db), i['battle'])['story_id']}").text
    assert 'class="tag corrected"' in page and "correct-panel" in page


# -- a real browser ----------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]


@pytest.fixture
def served(base: tuple[str, str], tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``newsprism serve --ingest-token`` on a copy of the store: uvicorn on a free loopback port."""
    from newsprism.serve import LOOPBACK_HOSTS, create_app, serve_in_thread

    db = copy_store(base, tmp_path)
    with serve_in_thread(create_app(db, ingest_token="desk-token", allowed_hosts=list(LOOPBACK_HOSTS))) as url:
        yield db, url


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)")
def test_browser_a_correction_made_in_the_ui_survives_a_fresh_analyze(base: tuple[str, str], served: tuple[str, str]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    db, url = served
    i = ids(newsprism.load_record(db))
    story = event(newsprism.load_record(db), i["battle"])["story_id"]
    profile = tempfile.mkdtemp(prefix="newsprism-chromium-")
    try:
        with sync_api.sync_playwright() as p:
            context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                           args=BROWSER_ARGS, viewport={"width": 1280, "height": 900})
            context.set_default_timeout(20_000)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{url}/stories/{story}")
            row = page.locator(f"#ev-{i['battle']}")
            assert row.locator(".tag.corrected").count() == 0
            row.locator("button.correct-open").click()
            panel = page.locator("#correct-panel")
            assert panel.is_visible()
            panel.locator("select[name=field]").select_option("acled_event_type")
            panel.locator("input[name=value]").fill("Violence against civilians")
            panel.locator("input[name=by]").fill("desk coder")
            panel.locator("input[name=why]").fill("the post was guarded by unarmed staff")
            panel.locator("input[name=token]").fill("wrong-token")
            panel.locator("button[type=submit]").click()
            sync_api.expect(panel.locator(".correct-msg")).to_contain_text("not saved")  # (CSP: no eval)
            assert "token" in panel.locator(".correct-msg").text_content()
            panel.locator("input[name=token]").fill("desk-token")
            with page.expect_navigation():
                panel.locator("button[type=submit]").click()
            row = page.locator(f"#ev-{i['battle']}")
            assert row.locator(".tag.corrected").count() == 1
            assert "Violence against civilians" in row.text_content()

            reanalyze(base, db)  # a fresh analyze of the same corpus, the server still up
            page.goto(f"{url}/stories/{story}")
            row = page.locator(f"#ev-{i['battle']}")
            assert row.locator(".tag.corrected").count() == 1
            assert "Violence against civilians" in row.text_content()
            assert errors == []
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    rows = acled(db)
    assert [r["event_type"] for r in rows if r["event_type"] in ("Battles", "Violence against civilians")] == \
           ["Violence against civilians"]
    listed = newsprism.load_record(db)["corrections"]
    assert [(c["by"], c["field"], c["status"]) for c in listed] == [("desk coder", "acled_event_type", "applied")]
