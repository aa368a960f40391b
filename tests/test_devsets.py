"""Scored runs of the whole pipeline on both dev sets (the seeds and dev2), floors pinned.

Each set is analyzed once into a fresh store, exported as JSON and as ACLED's CSV, and scored with
the shared scorers (``shared/eval/score.py``, ``shared/eval/acled_rows.py``) exactly as the issues
measure. ``score.py`` places an event in the document of its first evidence span, so a happening
told by several outlets counts once; event recall and date accuracy are also read from the
per-report view (``eval/per_report.py``), where every reporting article has its copy. Floors live
in ``eval/floors/devsets.json``, just under what was measured; lower one only with a reason there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FLOORS = json.loads((REPO / "eval" / "floors" / "devsets.json").read_text(encoding="utf-8"))
SETS = {
    "seeds": ("seeds", "eval/seeds-gold", "eval/seeds-acled.json"),
    "dev2": ("eval/dev2/articles", "eval/dev2/gold", "eval/dev2/acled.json"),
}


def _run(args: list[str], cwd: Path) -> None:
    done = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: some inputs discarded (reported, not fatal)


@pytest.fixture(scope="module", params=sorted(SETS))
def scores(request, shared_dir: Path, tmp_path_factory) -> tuple[str, dict]:
    name = request.param
    docs_rel, gold_rel, acled_rel = SETS[name]
    docs, gold, acled_gold = shared_dir / docs_rel, shared_dir / gold_rel, shared_dir / acled_rel
    if not (docs / "manifest.csv").exists() or not gold.exists():
        pytest.skip(f"{docs} or {gold} is missing")
    work = tmp_path_factory.mktemp(name)
    db, record, acled = work / "h.duckdb", work / "record.json", work / "acled.csv"
    _run(["-m", "newsprism", "analyze", str(docs), "--manifest", str(docs / "manifest.csv"), "--db", str(db)], REPO)
    _run(["-m", "newsprism", "export", "--db", str(db), "--format", "json", "--out", str(record)], REPO)
    _run(["-m", "newsprism", "export", "--db", str(db), "--format", "acled", "--out", str(acled)], REPO)
    _run([str(REPO / "eval" / "per_report.py"), str(record), str(work / "per_report.json")], REPO)
    out: dict = {}
    for key, rec in (("record", record), ("per_report", work / "per_report.json")):
        _run([str(shared_dir / "eval" / "score.py"), str(rec), str(gold), str(docs), "--json", str(work / f"{key}.json")],
             REPO)
        out[key] = json.loads((work / f"{key}.json").read_text())
    _run([str(shared_dir / "eval" / "acled_rows.py"), str(acled), str(acled_gold), "--json", str(work / "acled.json")],
         REPO)
    out["acled"] = json.loads((work / "acled.json").read_text())
    return name, out


def _value(scores: dict, path: str) -> float:
    part, *keys = path.split(".")
    value = scores[part]
    for k in keys:
        value = value[k]
    return float(value)


def test_devset_scores_meet_floors(scores):
    name, got = scores
    failures = [f"{path}: {_value(got, path)} < {floor}" for path, floor in FLOORS[name].items()
                if _value(got, path) < floor]
    assert not failures, f"{name}: " + "; ".join(failures)


def test_devset_acled_rows_have_no_duplicates(scores):
    name, got = scores
    assert _value(got, "acled.duplicate_rows") <= FLOORS["max_duplicate_rows"][name]
