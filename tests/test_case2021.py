"""Scored test: ACLED sub-types on CASE 2021 Task 2 snippets nobody tuned for (dev half).

``shared/external/case2021/dev.tsv`` holds 510 real news snippets, each labelled with one of the 25
ACLED sub-event types or one of five non-ACLED classes (disasters, crime, diplomacy, attribution).
The project's scorer ``shared/eval/case2021.py`` analyzes every snippet as one document with this
checkout's CLI, takes the ACLED sub-type of the first ACLED-typed event in text order, and prints the
macro-F1 over the 25 ACLED classes as its last line. The data carries no licence: it is read from
``../shared`` and never copied here; the test skips when it is absent.

Floor: ``eval/floors/case2021.json`` (pinned a little under the measured score); a drop below it
fails. The run takes two to three minutes on an idle machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
DEV = SHARED / "external" / "case2021" / "dev.tsv"
SCORER = SHARED / "eval" / "case2021.py"
FLOORS = ROOT / "eval" / "floors" / "case2021.json"


@pytest.mark.skipif(not (DEV.exists() and SCORER.exists()), reason="CASE 2021 dev snippets (../shared/external/case2021) absent")
def test_case2021_dev_macro_f1_holds_its_floor(tmp_path):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NP_MAIN": str(ROOT)}
    cli = ROOT / ".venv" / "bin" / "newsprism"
    if not cli.exists():
        pytest.skip("no .venv/bin/newsprism in this checkout for the scorer to run")
    run = subprocess.run([sys.executable, str(SCORER), str(DEV), str(tmp_path), "--examples", "0"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    macro25 = float(lines[-1])
    macro30 = next(float(x.split()[-1]) for x in lines if x.startswith("macro-F1 over 30 classes"))
    assert macro25 >= floors["macro_f1_25"], "\n".join(lines[-60:])
    assert macro30 >= floors["macro_f1_30"], "\n".join(lines[-60:])
