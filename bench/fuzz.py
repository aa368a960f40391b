"""The long fuzz run (issue 12): generated inputs through ingest -> clean -> store, counting instead
of stopping at the first failure.

    PYTHONPATH=. python bench/fuzz.py --n 100000 [--seed 1] [--no-store] [--json out.json]

Prints inputs tried, crashes, hangs (over tests/fuzzing.HANG_SECONDS), seconds per kind, and the
first few crashing inputs' one-line reasons (their bytes are written to --keep DIR if given).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="inputs to generate")
    ap.add_argument("--seed", type=int, default=None, help="hypothesis seed (a fixed one repeats the run)")
    ap.add_argument("--no-store", action="store_true", help="stop after clean (skip the DuckDB writes)")
    ap.add_argument("--keep", type=Path, help="write crashing and hanging inputs into this folder")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    import logging

    from hypothesis import HealthCheck, Phase, given, seed, settings

    from fuzzing import HANG_SECONDS, HANG_WALL_SECONDS, INPUTS, NAMES, run_input
    from newsprism.store import Store

    logging.disable(logging.WARNING)  # a warning per flagged input would drown the figures
    tried: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    crashes: list[tuple[str, str]] = []
    hangs: list[tuple[str, float]] = []
    slowest = (0.0, "")
    folder = Path(tempfile.mkdtemp(prefix="newsprism-fuzz-"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "fuzz.duckdb")) as store:

        @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(INPUTS, NAMES)
        def one(item, name):
            nonlocal slowest
            kind, payload = item
            outcome = run_input(kind, payload, name, folder, None if args.no_store else store)
            tried[kind] += 1
            seconds[kind] += outcome.seconds
            slowest = max(slowest, (outcome.seconds, kind))
            if outcome.crash or outcome.hang:
                if outcome.crash:
                    crashes.append((kind, outcome.crash))
                else:
                    hangs.append((kind, outcome.seconds))
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    n = len(crashes) + len(hangs)
                    data = payload[1] if kind == "manifest" else payload
                    (args.keep / f"{n:04d}.{kind}").write_bytes(data)
            done = sum(tried.values())
            if done % 2000 == 0:
                print(f"... {done} inputs, {len(crashes)} crashes, {len(hangs)} hangs, "
                      f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

        if args.seed is not None:
            one = seed(args.seed)(one)
        one()
    figures = {
        "inputs": sum(tried.values()), "crashes": len(crashes), "hangs": len(hangs),
        "seconds": round(time.perf_counter() - started, 1),
        "slowest_input_s": round(slowest[0], 2), "slowest_kind": slowest[1],
        "per_kind": {k: {"inputs": tried[k], "mean_ms": round(1000 * seconds[k] / tried[k], 1)} for k in sorted(tried)},
        "crash_reasons": Counter(f"{k}: {r[:120]}" for k, r in crashes).most_common(10),
    }
    print(f"inputs tried: {figures['inputs']}")
    print(f"crashes:      {figures['crashes']}")
    print(f"hangs:        {figures['hangs']} (over {HANG_SECONDS:.0f} CPU s or {HANG_WALL_SECONDS:.0f} wall s per input)")
    print(f"time:         {figures['seconds']} s; slowest input {figures['slowest_input_s']} s ({slowest[1]})")
    for k, v in figures["per_kind"].items():
        print(f"  {k:9s} {v['inputs']:7d} inputs, {v['mean_ms']} ms each")
    for reason, n in figures["crash_reasons"]:
        print(f"  crash x{n}: {reason}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
