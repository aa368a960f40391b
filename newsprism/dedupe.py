"""Dedupe: exact and near-duplicate articles (syndicated copies, re-saved pages).

Exact duplicates share the hash of their normalised clean text; near duplicates are found with
MinHash LSH over word 5-shingles (datasketch) and confirmed by their estimated Jaccard. Each
duplicate points at one canonical article: the earliest published, then the first in corpus order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from newsprism.groups import DisjointSets
from newsprism.records import Article

_WORD = re.compile(r"\w+")
NUM_PERM = 128
SHINGLE = 5


@dataclass(frozen=True)
class DedupeConfig:
    threshold: float = 0.8  # estimated Jaccard of 5-shingles above which two articles are one
    min_words: int = 20  # shorter articles are only deduplicated exactly


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def find_duplicates(articles: list[tuple[Article, str]], cfg: DedupeConfig | None = None) -> dict[str, str]:
    """Map each duplicate article_id to its canonical article_id.

    Args:
        articles: (article, clean text) in corpus order; clean text has clutter blanked.
    """
    from datasketch import MinHash, MinHashLSH

    cfg = cfg or DedupeConfig()
    order = {a.article_id: i for i, (a, _) in enumerate(articles)}
    by_id = {a.article_id: a for a, _ in articles}

    def rank(article_id: str) -> tuple[str, int]:
        return (by_id[article_id].published or "9999-99-99", order[article_id])

    copies: DisjointSets[str] = DisjointSets(by_id)
    join = copies.union

    exact: dict[str, str] = {}
    lsh = MinHashLSH(threshold=cfg.threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for article, text in articles:
        words = _words(text)
        if not words:
            continue
        key = hashlib.sha256(" ".join(words).encode()).hexdigest()
        if key in exact:
            join(exact[key], article.article_id)
            continue
        exact[key] = article.article_id
        if len(words) < cfg.min_words:
            continue
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch([" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)])
        for other in lsh.query(mh):
            if hashes[other].jaccard(mh) >= cfg.threshold:
                join(other, article.article_id)
        lsh.insert(article.article_id, mh)
        hashes[article.article_id] = mh
    out: dict[str, str] = {}
    for group in copies.groups():
        canonical = min(group, key=rank)
        out.update({a: canonical for a in group if a != canonical})
    return dict(sorted(out.items(), key=lambda kv: rank(kv[0])))
