"""A run killed mid-way (SIGKILL, as the OOM killer or a pulled plug would) resumes where it stopped.

``analyze`` commits the analyzed documents in batches: the re-run reads only the documents that
were not committed and ends with the same record, byte for byte, as a run that was never killed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.store import Store

REPO = Path(__file__).resolve().parent.parent
N_DOCS = 48

# A made-up war, so no dev-set text is needed: towns, forces and counts vary per page.
TOWNS = ["Velmora", "Ostrakiv", "Dunhallow", "Serapine", "Kolbrek", "Marrowfield", "Tisza Nova", "Qaranel"]
FORCES = ["the Northern Liberation Front", "government troops", "the Free Highlands Army", "police"]


def _page(i: int) -> str:
    town, other = TOWNS[i % len(TOWNS)], TOWNS[(i * 3 + 1) % len(TOWNS)]
    force, rival = FORCES[i % len(FORCES)], FORCES[(i + 1) % len(FORCES)]
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][i % 5]
    return (
        f"Fighting near {town} leaves {i + 3} dead\n"
        f"Shelling by {force} killed {i + 3} civilians in {town} on {day}, local officials said.\n"
        f"\"We buried {i + 2} of our neighbours this morning,\" said Ilse Marek, a teacher in {town}.\n"
        f"{rival.capitalize()} said they had pushed back an assault on the road to {other} and "
        f"that {i % 7 + 1} of their fighters were wounded.\n"
        f"About {(i + 1) * 150} families have fled {town} since the offensive began, an aid group said.\n"
    )


def _analyze(corpus: Path, db: Path, config: Path, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "-v", "analyze", str(corpus), "--db", str(db), "--config", str(config),
         "--no-progress"],
        env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **popen)


def _export(db: Path, out: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "newsprism", "export", "--db", str(db), "--format", "json", "--out", str(out)],
                   env=env, check=True, capture_output=True, timeout=600)
    return out.read_bytes()


def _read_count(stdout: str) -> int:
    found = re.search(r"^documents:\s+(\d+) \((\d+) read in this run\)", stdout, re.M)
    assert found, stdout
    return int(found.group(2))


def test_killed_run_resumes_with_the_same_record(tmp_path: Path) -> None:
    corpus = tmp_path / "pages"
    corpus.mkdir()
    for i in range(N_DOCS):
        (corpus / f"{i:03d}.txt").write_text(_page(i), encoding="utf-8")
    # small batches so that the run commits many times; one process keeps it light on a busy box
    config = tmp_path / "run.toml"
    config.write_text("[run]\nn_process = 1\nbatch_size = 4\ncommit_documents = 3\ncommit_seconds = 600.0\n")

    whole = _analyze(corpus, tmp_path / "whole.duckdb", config)
    out, err = whole.communicate(timeout=900)
    assert whole.returncode == 0, err
    assert _read_count(out) == N_DOCS
    expected = _export(tmp_path / "whole.duckdb", tmp_path / "whole.json")

    killed_db = tmp_path / "killed.duckdb"
    run = _analyze(corpus, killed_db, config)
    commits = 0
    deadline = time.monotonic() + 900
    assert run.stderr is not None
    for line in run.stderr:  # the INFO line comes after each commit
        if "committed" in line:
            commits += 1
            if commits == 2:
                break
        assert time.monotonic() < deadline, "no commits seen"
    os.killpg(run.pid, signal.SIGKILL)  # the run and any spaCy worker it started
    run.communicate(timeout=60)
    assert run.returncode == -signal.SIGKILL

    with Store(killed_db) as store:
        stored = len(store.document_versions())
        assert store.corpus_fingerprint() is None  # the corpus stage never ran
    if stored >= N_DOCS:
        pytest.fail(f"the run finished all {N_DOCS} documents before it was killed: make the corpus larger")
    assert stored >= 6  # two commits of three documents

    again = _analyze(corpus, killed_db, config)
    out, err = again.communicate(timeout=900)
    assert again.returncode == 0, err
    assert _read_count(out) == N_DOCS - stored  # only what was not committed is read again
    assert _export(killed_db, tmp_path / "resumed.json") == expected
