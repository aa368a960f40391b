"""The bounded fuzz run (issue 12): generated txt/html/jsonl/warc/manifest inputs with hostile names
through ingest -> clean -> store: 0 crashes, 0 hangs. ``bench/fuzz.py --n 100000`` is the long run."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import INPUTS, NAMES, run_input  # noqa: E402

# ~2,000 inputs in all; no example database, so every CI run draws afresh and leaves no files
FUZZ = settings(max_examples=int(__import__("os").environ.get("NEWSPRISM_FUZZ_N", "2000")), deadline=None, database=None, derandomize=False,
                phases=[Phase.explicit, Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from newsprism.store import Store

    with Store(str(tmp_path_factory.mktemp("fuzzdb") / "fuzz.duckdb")) as s:
        yield s


def test_fuzz_ingest_clean_store(store):
    folder = Path(tempfile.mkdtemp(prefix="newsprism-fuzz-"))
    count = [0]

    @FUZZ
    @given(INPUTS, NAMES)
    def one(item, name):
        kind, payload = item
        count[0] += 1
        # a DuckDB write costs more than the rest of a step: every tenth input goes on to the store
        outcome = run_input(kind, payload, name, folder, store if count[0] % 10 == 0 else None)
        assert outcome.crash is None, outcome.crash
        assert not outcome.hang, f"{kind} input took {outcome.seconds:.1f} s"

    one()
