"""Growth of the corpus stage: its time and memory at 1x, 3x, 10x a corpus' stored facts.

The per-article facts of an analyzed store (``--db``; by default the seeds, analyzed into a
temporary store first) are copied N times into a fresh store, and ``pipeline.corpus_stage`` is
timed on each. Copy k (k >= 1) is a new stretch of the same war: its ids are new, its dates lie
k * 120 days later, and its lower-case content words (not the topic's cue words, so stories stay
on topic) are letter-shifted with their lengths kept, so every span still points at its words.
Copies are therefore neither duplicates of each other nor, when dated, in each other's stories.

Each size runs in its own process so peak RSS is that size's own. Prints seconds, peak RSS and
the growth exponent fitted over the sizes (log time against log size; 1.0 is linear).

Usage: python bench/corpus_scale.py [--db STORE.duckdb] [--scale 1,3,10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_LETTERS = re.compile(r"[A-Za-z]+")
_PROSE_KEYS = ("text", "sentence", "trigger_text", "title")  # JSON fields holding the article's own words
SHIFT_DAYS = 120


class _Copier:
    """Rewrites one store's rows as copy ``k``: ids, dates and prose words changed consistently."""

    def __init__(self, k: int, known_ids: set[str]) -> None:
        from newsprism.cluster import _CASUALTY, _CONFLICT, _HAZARDS, _VIOLENCE
        from newsprism.extract.patterns.topic import STOP_WORDS

        self.k = k
        self.known = known_ids
        self.cues = [_CONFLICT, _CASUALTY, *(rx for rx, _ in _VIOLENCE), *(rx for res in _HAZARDS.values() for rx, _ in res)]
        self.stop = STOP_WORDS
        self.memo: dict[str, str] = {}

    def ident(self, s: str) -> str:
        return f"{s}k{self.k}" if self.k and s in self.known else s

    def date(self, s: str | None) -> str | None:
        if not self.k or not s or not (m := _DATE.match(s)):
            return s
        day = dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=SHIFT_DAYS * self.k)
        return day.isoformat() + s[10:]

    def _word(self, w: str) -> str:
        if w in self.memo:
            return self.memo[w]
        out = w
        if w.islower() and len(w) > 2 and w not in self.stop and not any(rx.fullmatch(w) for rx in self.cues):
            out = "".join(chr((ord(c) - 97 + 7 * self.k) % 26 + 97) for c in w)
        self.memo[w] = out
        return out

    def prose(self, s: str | None) -> str | None:
        if not self.k or not s:
            return s
        return _LETTERS.sub(lambda m: self._word(m.group(0)), s)

    def data(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self.data(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v, key) for v in value]
        if isinstance(value, str):
            if value in self.known:
                return self.ident(value)
            if key in _PROSE_KEYS:
                return self.prose(value)
            return self.date(value)
        return value


def build(source: str, target: str, copies: int) -> int:
    """Write ``copies`` copies of the per-article rows of ``source`` into a new store; article count."""
    import duckdb

    from newsprism.store import Store

    with Store(target):
        pass
    src = duckdb.connect(source, read_only=True)
    known = {r[0] for r in src.execute("SELECT doc_id FROM documents UNION SELECT article_id FROM articles"
                                      " UNION SELECT id FROM article_facts").fetchall()}
    docs = src.execute("SELECT * FROM documents").fetchall()
    arts = src.execute("SELECT * FROM articles").fetchall()
    facts = src.execute("SELECT kind, id, article_id, data FROM article_facts").fetchall()
    src.close()
    con = duckdb.connect(target)
    con.execute("BEGIN TRANSACTION")
    for k in range(copies):
        c = _Copier(k, known)
        con.executemany("INSERT INTO documents VALUES (" + ",".join("?" * 14) + ")", [
            [c.ident(r[0]), f"copy{k:02d}/{r[1]}", r[2] + (f"k{k}" if k else ""), c.prose(r[3]), r[4], r[5], r[6],
             r[7], c.date(r[8]), r[9], r[10], c.prose(r[11]), r[12], r[13]] for r in docs])
        con.executemany("INSERT INTO articles VALUES (" + ",".join("?" * 17) + ")", [
            [c.ident(r[0]), c.ident(r[1]), r[2], r[3], r[4], c.prose(r[5]), r[6], r[7], c.date(r[8]), r[9], r[10],
             r[11], r[12], None, None, json.dumps(c.data(json.loads(r[15]))), c.prose(r[16])] for r in arts])
        con.executemany("INSERT INTO article_facts VALUES (?,?,?,?)", [
            [kind, c.ident(fid), c.ident(aid), json.dumps(c.data(json.loads(data)), ensure_ascii=False,
                                                          separators=(",", ":"))]
            for kind, fid, aid, data in facts])
    con.execute("COMMIT")
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    con.close()
    return int(n)


# the corpus stage's parts, timed as the pipeline module calls them
PARTS = ("find_duplicates", "build_stories", "resolve_entities", "code_events", "link_figures", "event_fatalities",
         "reconcile_figures", "figure_contradictions", "claim_contradictions", "corpus_framing")


def _timed(parts: dict[str, float]) -> None:
    """Wrap the parts in ``newsprism.pipeline`` so their CPU seconds add up in ``parts``."""
    import functools

    from newsprism import pipeline

    for name in PARTS:
        fn = getattr(pipeline, name)

        @functools.wraps(fn)
        def wrapper(*a: Any, _fn: Any = fn, _name: str = name, **kw: Any) -> Any:
            t0 = time.process_time()
            try:
                return _fn(*a, **kw)
            finally:
                parts[_name] = parts.get(_name, 0.0) + time.process_time() - t0

        setattr(pipeline, name, wrapper)


def run_stage(target: str) -> dict[str, Any]:
    """Time the corpus stage on a built store (in this process)."""
    from newsprism.pipeline import corpus_stage
    from newsprism.settings import load_settings
    from newsprism.store import Store

    parts: dict[str, float] = {}
    _timed(parts)
    settings = load_settings()
    with Store(target) as store:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        c0 = time.process_time()
        with store.transaction():
            corpus_stage(store, settings)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        counts = store.counts()
    return {"wall_s": wall, "cpu_s": cpu, "rss_before_mb": before,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "stories": counts.get("stories", 0), "events": counts.get("events", 0),
            "entities": counts.get("entities", 0), "parts_cpu_s": parts}


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log time on log size."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sum((x - mx) ** 2 for x in xs) or 1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an analyzed store (default: the seeds, analyzed now)")
    ap.add_argument("--scale", default="1,3,10")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--_stage", help=argparse.SUPPRESS)  # child: time the corpus stage on this store
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    if args._stage:
        print(json.dumps(run_stage(args._stage)))
        return 0
    sizes = [int(x) for x in args.scale.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        source = args.db
        if source is None:
            import newsprism

            source = str(Path(tmp) / "seeds.duckdb")
            seeds = REPO / "examples" / "seeds"
            newsprism.analyze([str(seeds)], db=source, manifest=str(seeds / "manifest.csv")
                              if (seeds / "manifest.csv").exists() else None)
        else:  # never touch the caller's store
            shutil.copy(source, Path(tmp) / "source.duckdb")
            source = str(Path(tmp) / "source.duckdb")
        rows = []
        for n in sizes:
            target = str(Path(tmp) / f"x{n}.duckdb")
            articles = build(source, target, n)
            out = subprocess.run([sys.executable, __file__, "--_stage", target], capture_output=True, text=True,
                                 check=True, cwd=REPO)
            r = {"scale": n, "articles": articles, **json.loads(out.stdout.strip().splitlines()[-1])}
            rows.append(r)
            print(f"{n:>3}x  {articles:>6} articles  corpus stage {r['wall_s']:7.2f} s wall {r['cpu_s']:7.2f} s cpu  "
                  f"peak RSS {r['peak_rss_mb']:6.0f} MB  stories {r['stories']}  events {r['events']}", flush=True)
    fit = exponent([r["articles"] for r in rows], [r["cpu_s"] for r in rows]) if len(rows) > 1 else None
    if fit is not None:
        print(f"growth exponent (cpu time vs articles): {fit:.2f}")
        for name in PARTS:
            if all(name in r.get("parts_cpu_s", {}) for r in rows):
                secs = [r["parts_cpu_s"][name] for r in rows]
                print(f"  {name:<22} {' '.join(f'{t:7.2f}' for t in secs)} s  exponent "
                      f"{exponent([r['articles'] for r in rows], secs):.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "exponent": fit}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
