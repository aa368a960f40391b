"""The spine end to end: store, migrations, idempotency, failure isolation, exports, CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsprism
from newsprism.cli import cli
from newsprism.errors import StoreError
from newsprism.export import TOP_LEVEL, build_record
from newsprism.store import MIGRATIONS, Store

SEEDS = Path(__file__).parent.parent / "examples" / "seeds"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "seeds.duckdb"
    summary = newsprism.analyze([str(SEEDS)], db=str(db), manifest=str(SEEDS / "manifest.csv"))
    return db, summary


def test_pipeline_seeds_summary(seeds_db):
    _, summary = seeds_db
    assert summary.documents == 5 and summary.articles == 14
    assert summary.discarded == []
    assert summary.entities > 20


def test_pipeline_record_follows_schema(seeds_db):
    record = newsprism.load_record(str(seeds_db[0]))
    assert list(record) == ["newsprism_version", *TOP_LEVEL]
    doc_fields = {"doc_id", "path", "sha256", "outlet", "published", "published_basis", "language", "n_articles"}
    art_fields = {"article_id", "doc_id", "seq", "start", "end", "title", "outlet", "published", "on_topic",
                  "off_topic_reason", "duplicate_of", "story_id", "boilerplate"}
    assert all(doc_fields <= set(d) for d in record["documents"])
    assert all(art_fields <= set(a) for a in record["articles"])
    assert sum(d["n_articles"] for d in record["documents"]) == len(record["articles"])
    # the manifest gives every page's language and the first four pages' dates; 004 stays undated
    assert all(d["language"] == "en" for d in record["documents"])
    assert [(d["published"], d["published_basis"]) for d in record["documents"]] == [
        ("2023-09-19", "manifest"), ("2023-09-20", "manifest"), ("2023-09-19", "manifest"), ("2023-09-19", "manifest"),
        (None, None)]
    assert [d["outlet"] for d in record["documents"]][:2] == ["RT", "CNN"]


def test_pipeline_every_span_matches_document_text(seeds_db):
    record = newsprism.load_record(str(seeds_db[0]))
    with Store(seeds_db[0], read_only=True) as store:
        texts = {d.doc_id: d.text for d in store.documents()}
        mentions = store.facts("mentions")
    spans = [b for a in record["articles"] for b in a["boilerplate"]] + [m["evidence"] for m in mentions]
    for kind in ("figures", "quotes"):
        spans += [r["evidence"] for r in record[kind]]
    assert spans
    for ev in spans:
        assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["text"]


def test_pipeline_rerun_changes_nothing(seeds_db, tmp_path):
    db, _ = seeds_db
    copy = tmp_path / "again.duckdb"
    shutil.copy(db, copy)
    first = json.dumps(newsprism.load_record(str(copy)), sort_keys=True)
    summary = newsprism.analyze([str(SEEDS)], db=str(copy), manifest=str(SEEDS / "manifest.csv"))
    assert summary.new_documents == 0
    assert json.dumps(newsprism.load_record(str(copy)), sort_keys=True) == first


def test_pipeline_bad_input_keeps_what_was_stored(seeds_db, tmp_path):
    db, _ = seeds_db
    copy = tmp_path / "keep.duckdb"
    shutil.copy(db, copy)
    before = newsprism.load_record(str(copy))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 64)
    summary = newsprism.analyze([str(tmp_path / "empty.txt"), str(tmp_path / "bin.txt"), str(tmp_path / "nope")],
                                db=str(copy))
    assert sorted(Path(d.path).name for d in summary.discarded) == ["bin.txt", "empty.txt", "nope"]
    after = newsprism.load_record(str(copy))
    assert after["articles"] == before["articles"] and after["documents"] == before["documents"]
    assert len(after["discarded"]) == 3


def test_pipeline_crash_in_corpus_stage_rolls_it_back_and_keeps_the_analyzed_documents(seeds_db, tmp_path,
                                                                                      monkeypatch):
    db, _ = seeds_db
    copy, clean_copy = tmp_path / "crash.duckdb", tmp_path / "clean.duckdb"
    shutil.copy(db, copy)
    shutil.copy(db, clean_copy)
    before = newsprism.load_record(str(copy))
    new = tmp_path / "new.txt"
    new.write_text("Troops shelled the town on Monday, killing three people, officials said.\n" * 3)

    def boom(*args, **kwargs):
        raise RuntimeError("bug in a stage")

    with monkeypatch.context() as patch:
        patch.setattr("newsprism.pipeline.build_stories", boom)
        with pytest.raises(RuntimeError):
            newsprism.analyze([str(new)], db=str(copy))
    after = newsprism.load_record(str(copy))
    # the corpus record is the one built before; the analyzed document was committed before the crash
    for kind in ("stories", "entities", "events", "contradictions"):
        assert after[kind] == before[kind], kind
    assert len(after["documents"]) == len(before["documents"]) + 1
    # the re-run reads nothing again, builds the corpus stage, and ends where an uncrashed run ends
    summary = newsprism.analyze([str(new)], db=str(copy))
    assert summary.new_documents == 0
    newsprism.analyze([str(new)], db=str(clean_copy))
    assert newsprism.load_record(str(copy)) == newsprism.load_record(str(clean_copy))


def test_pipeline_unchanged_rerun_skips_the_corpus_stage_and_the_model(seeds_db, tmp_path, monkeypatch):
    db, _ = seeds_db
    copy = tmp_path / "again.duckdb"
    shutil.copy(db, copy)

    def boom(*args, **kwargs):
        raise AssertionError("not needed on an unchanged re-run")

    monkeypatch.setattr("newsprism.pipeline.corpus_stage", boom)
    monkeypatch.setattr("newsprism.extract.build_nlp", boom)
    summary = newsprism.analyze([str(SEEDS)], db=str(copy), manifest=str(SEEDS / "manifest.csv"))
    assert summary.new_documents == 0 and summary.documents == 5
    # other settings of the corpus stages are other inputs: the stage runs again
    from newsprism.settings import load_settings

    with pytest.raises(AssertionError, match="not needed"):
        newsprism.analyze([str(SEEDS)], db=str(copy), manifest=str(SEEDS / "manifest.csv"),
                          settings=load_settings(overrides={"dedupe": {"threshold": 0.7}}))


def test_pipeline_changed_file_replaces_its_older_version(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Headline one\nRebels attacked a base near the river on Monday, the army said.\n")
    db = str(tmp_path / "v.duckdb")
    newsprism.analyze([str(page)], db=db)
    page.write_text("Headline two\nGovernment forces retook the base on Tuesday, the army said.\n")
    newsprism.analyze([str(page)], db=db)
    record = newsprism.load_record(db)
    assert [a["title"] for a in record["articles"]] == ["Headline two"]


def test_store_migrations_are_named_and_recorded(tmp_path):
    with Store(tmp_path / "m.duckdb") as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.migrate() == []  # nothing left to apply


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("this is not a database")
    with pytest.raises(StoreError) as exc:
        Store(bad)
    assert str(bad) in str(exc.value) and "\n" not in str(exc.value)


def test_cli_analyze_export_info(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "c.duckdb")
    page = tmp_path / "in" / "a.txt"
    page.parent.mkdir()
    page.write_text("Clashes in the north\nFighting between the army and rebels killed 12 people, officials said.\n")
    (tmp_path / "in" / "empty.txt").write_text("")
    res = runner.invoke(cli, ["analyze", str(tmp_path / "in"), "--db", db, "--no-progress"])
    assert res.exit_code == 1  # one input discarded
    assert "empty.txt: empty file" in res.output
    assert "documents:  1" in res.output
    out = tmp_path / "out" / "r.json"
    res = runner.invoke(cli, ["export", "--db", db, "--format", "json", "--out", str(out)])
    assert res.exit_code == 0, res.output
    first = out.read_bytes()
    runner.invoke(cli, ["analyze", str(page), "--db", db, "--no-progress"])
    runner.invoke(cli, ["export", "--db", db, "--format", "json", "--out", str(out)])
    assert out.read_bytes() == first
    res = runner.invoke(cli, ["export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv")])
    assert res.exit_code == 0
    assert (tmp_path / "csv" / "articles.csv").read_text().startswith("article_id,doc_id,seq,start,end,title")
    res = runner.invoke(cli, ["info", "--db", db])
    assert "articles" in res.output and "schema" in res.output


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "json"])
    assert res.exit_code == 2
    assert res.output.strip().count("\n") == 0 and "none.duckdb" in res.output


def test_build_record_is_deterministic(seeds_db):
    with Store(seeds_db[0], read_only=True) as store:
        assert json.dumps(build_record(store)) == json.dumps(build_record(store))


def test_settings_layers_and_refusals(tmp_path):
    from newsprism.errors import ConfigError
    from newsprism.settings import DEFAULTS, load_settings

    assert load_settings().dedupe.threshold == 0.8
    user = tmp_path / "s.toml"
    user.write_text("[dedupe]\nthreshold = 0.9\n[cluster]\nmax_days_apart = 3\n")
    s = load_settings(str(user), {"cluster": {"max_days_apart": 5}})
    assert (s.dedupe.threshold, s.cluster.max_days_apart) == (0.9, 5)
    for bad, message in [("[dedupe]\nthreshhold = 1\n", "unknown setting dedupe.threshhold"),
                         ("[nope]\nx = 1\n", "unknown settings section"),
                         ("[dedupe]\nthreshold = 'high'\n", "must be a float"),
                         ("[dedupe\n", "not valid TOML")]:
        user.write_text(bad)
        with pytest.raises(ConfigError, match=message):
            load_settings(str(user))
    # every default key carries a comment line above it
    lines = DEFAULTS.read_text().splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert lines[i - 1].startswith("#"), line


def test_cli_max_bytes_flag(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("Fighting between the army and rebels killed 12 people, officials said.\n" * 20)
    res = CliRunner().invoke(cli, ["analyze", str(page), "--db", str(tmp_path / "x.duckdb"), "--no-progress",
                                   "--max-bytes", "100"])
    assert res.exit_code == 1 and "too large" in res.output


@pytest.mark.parametrize("args,expected", [
    (["stories"], ["period 2023-09-18 .. 2023-09-25", "set aside (off topic):", "Iran Says No One Takes"]),
    (["quotes", "--speaker", "Pashinyan"], ["Nikol Pashinyan (", "Armenia has not had an army in Nagorno-Karabakh"]),
    (["figures"], ["killed / all: low 25 / best 25 / high open", "set aside 1 interim"]),
    (["timeline"], ["2023-09-19", "sources:"]),
    (["export", "--format", "acled"], ["event_id_cnty,event_date,year,time_precision", "AZENPX000001"]),
    (["framing"], ["OPERATION_LABEL", "anti-terrorist", "TOPONYM"]),
])
def test_cli_views_of_the_seeds(seeds_db, args, expected):
    res = CliRunner().invoke(cli, [*args, "--db", str(seeds_db[0])])
    assert res.exit_code == 0, res.output
    for text in expected:
        assert text in res.output, text


def test_cli_brief_of_the_seeds_keeps_to_the_story(seeds_db):
    res = CliRunner().invoke(cli, ["brief", "--db", str(seeds_db[0]), "--format", "md"])
    assert res.exit_code == 0, res.output
    text = res.output
    assert "18–25 Sep 2023" in text and "## What happened" in text and "earlier history" in text
    assert "**2020**" not in text and "**1988**" not in text  # background history is not what happened
    assert "Threatened or expected" not in text.split("## What happened")[1].split("## ")[0]
    # one headline line per toll, its scope in the lead, its range, then each source's latest figure
    assert re.search(r"^- \*\*Killed, cumulative[^*]*\*\* — At least 25\. Latest from each source: ", text, re.M)
    for line in text.split("## What happened")[1].split("\n## ")[0].splitlines():
        if line.startswith("- **"):
            assert line.rstrip().endswith("]"), line  # every listed event cites its articles


def test_pipeline_a_count_goes_to_the_event_it_counts(tmp_path):
    # two violent events in one sentence: the four dead belong to the bomb, not to Monday's offensive
    page = tmp_path / "report.txt"
    page.write_text(
        "Army says offensive in the north is going to plan\n\n"
        "KADUNA, March 5, 2024 (Wire) - In justifying Monday's military offensive against the rebels, the army "
        "cited a roadside bomb explosion near Kafanchan a day earlier that killed four soldiers.\n\n"
        "The rebels have not commented on the fighting, which has displaced hundreds of families.\n",
        encoding="utf-8")
    db = tmp_path / "one.duckdb"
    newsprism.analyze([str(page)], db=str(db))
    record = newsprism.load_record(str(db))
    four = next(f for f in record["figures"] if f["metric"] == "killed" and f["low"] == 4)
    assert four["count"]["text"] == "four"
    event = next(e for e in record["events"] if e["event_id"] == four["event_id"])
    assert "explosives" in event["plover_mode"] and event["date_start"] == "2024-03-03"
