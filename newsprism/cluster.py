"""Stories: articles about the same happening, across documents and outlets; off-topic set aside.

Articles are grouped by average-linkage clustering of their TF-IDF vectors (content words of the
clean text): two groups merge while the mean cosine between their members is high enough and
their publication dates, when known, come within a fortnight. The mean, not the single closest
pair, decides, so a chain of articles that each share a few words with the next (Aleppo, then
a Turkish bus bombing, then the Russian ambassador's murder, then Karabakh) does not become
one story. Short reports that share few words with anything join the story whose places they
name. A story is on topic when its text is about armed conflict or political
violence, measured by the density of conflict vocabulary; an article in no such story is set
aside with a reason and yields no facts.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from newsprism.extract.patterns.topic import CONFLICT_TERMS, STOP_WORDS
from newsprism.records import Article, Story, content_id

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")
_CONFLICT = re.compile(r"\b(?:" + "|".join(CONFLICT_TERMS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClusterConfig:
    link_similarity: float = 0.10  # mean cosine of TF-IDF vectors above which two groups form one story
    attach_similarity: float = 0.05  # a short article joins a story with this cosine to its centroid...
    attach_place_share: float = 0.5  # ...when at least this share of the places it names are the story's,
    attach_km: float = 100.0  # ...or one of its places lies this close to one of the story's;
    attach_near_km: float = 25.0  # a place this close (same town or district) ...
    attach_near_similarity: float = 0.04  # ... needs only this cosine
    max_days_apart: int = 14  # articles further apart in publication date are not linked
    min_conflict_density: float = 1.0  # conflict terms per 100 words a story needs to be on topic


def _terms(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2]


def conflict_density(text: str) -> float:
    """Conflict terms per 100 words."""
    words = max(1, len(_WORD.findall(text)))
    return 100.0 * len(_CONFLICT.findall(text)) / words


def _tfidf(docs: list[list[str]]) -> list[dict[str, float]]:
    df = Counter(t for d in docs for t in set(d))
    n = len(docs)
    vecs = []
    for d in docs:
        tf = Counter(d)
        v = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t]) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return vecs


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _centroid(vecs: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vecs:
        for t, x in v.items():
            out[t] = out.get(t, 0.0) + x
    norm = math.sqrt(sum(x * x for x in out.values())) or 1.0
    return {t: x / norm for t, x in out.items()}


def _attach_small_groups(
    groups: dict[int, list[int]],
    originals: list[tuple[Article, str]],
    vecs: list[dict[str, float]],
    places: dict[str, set[str]],
    points: dict[str, list[tuple[float, float]]],
    cfg: ClusterConfig,
) -> None:
    """Join groups of one or two articles to the larger group they share most places and words with."""
    from newsprism.geocode import haversine_km

    def nearest_km(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
        return min((haversine_km(*p, *q) for p in a for q in b), default=math.inf)

    large = {g: m for g, m in groups.items() if len(m) > 2}
    if not large:
        return
    centroids = {g: _centroid([vecs[i] for i in m]) for g, m in large.items()}
    group_places = {g: set().union(*(places.get(originals[i][0].article_id, set()) for i in m)) for g, m in large.items()}
    group_points = {g: [p for i in m for p in points.get(originals[i][0].article_id, [])] for g, m in large.items()}
    group_dates = {g: [originals[i][0].published for i in m] for g, m in large.items()}
    for g, members in sorted((g, m) for g, m in groups.items() if len(m) <= 2):
        own = set().union(*(places.get(originals[i][0].article_id, set()) for i in members))
        own_points = [p for i in members for p in points.get(originals[i][0].article_id, [])]
        own_centroid = _centroid([vecs[i] for i in members])
        own_dates = [originals[i][0].published for i in members]
        best, best_score = None, 0.0
        for h in sorted(large):
            if _min_days_apart(own_dates, group_dates[h]) > cfg.max_days_apart:
                continue
            cos = _cosine(own_centroid, centroids[h])
            share = len(own & group_places[h]) / len(own) if own else 0.0
            km = nearest_km(own_points, group_points[h])
            # a shared town or district ties a two-line agency note to its story even when the
            # words differ; a shared country, or a place 100 km off, needs more words in common
            fits = (cos >= cfg.attach_similarity and (share >= cfg.attach_place_share or km <= cfg.attach_km)) \
                or (cos >= cfg.attach_near_similarity and km <= cfg.attach_near_km)
            if fits and cos + share > best_score:
                best, best_score = h, cos + share + (km <= cfg.attach_km)
        if best is not None:
            large[best].extend(groups.pop(g))


def _min_days_apart(a: list[str | None], b: list[str | None]) -> int:
    """Closest publication dates of two groups; 0 when either has no known date."""
    da, db = [d for d in a if d], [d for d in b if d]
    if not da or not db:
        return 0
    return min(_days_apart(x, y) for x in da for y in db)


def _average_linkage(vecs: list[dict[str, float]], dates: list[str | None], cfg: ClusterConfig) -> list[list[int]]:
    """Merge the closest pair of groups while their mean pairwise cosine reaches ``link_similarity``.

    Groups whose publication dates lie more than ``max_days_apart`` apart never merge. The sums of
    pairwise cosines are kept per pair of groups, so a merge costs one pass over the others.
    """
    n = len(vecs)
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            c = _cosine(vecs[i], vecs[j])
            if c > 0:
                sums[i][j] = sums[j][i] = c
            if c >= cfg.link_similarity and _days_apart(dates[i], dates[j]) <= cfg.max_days_apart:
                heapq.heappush(heap, (-c, i, j))
    members = {i: [i] for i in range(n)}
    next_id = n
    while heap:
        _neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side has merged since this pair was scored
        k, next_id = next_id, next_id + 1
        members[k] = members.pop(a) + members.pop(b)
        sums[k] = {}
        for c in members:
            if c == k:
                continue
            total = sums[a].get(c, 0.0) + sums[b].get(c, 0.0)
            sums[k][c] = sums[c][k] = total
            mean = total / (len(members[k]) * len(members[c]))
            if mean >= cfg.link_similarity and _min_days_apart(
                    [dates[i] for i in members[k]], [dates[i] for i in members[c]]) <= cfg.max_days_apart:
                heapq.heappush(heap, (-mean, min(k, c), max(k, c)))
        for c in (a, b):
            for other in sums.pop(c):
                sums.get(other, {}).pop(c, None)
    return sorted(sorted(m) for m in members.values())


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def build_stories(
    articles: list[tuple[Article, str]],
    duplicates: dict[str, str],
    places: dict[str, set[str]] | None = None,
    cfg: ClusterConfig | None = None,
    points: dict[str, list[tuple[float, float]]] | None = None,
) -> tuple[list[Article], list[Story]]:
    """Group articles into stories and mark off-topic ones.

    Args:
        articles: (article, clean text) in corpus order.
        duplicates: duplicate article_id -> canonical one (a copy joins its original's story).
        places: article_id -> normalised names of the places it mentions. Short articles (a
            two-line agency note) share few words with anything; the places they name tie them
            to their story.
        points: article_id -> coordinates of the places it mentions (geocoded), for the same
            purpose when a short article names only local places (a village, a district).

    Returns:
        The articles with ``story_id``, ``on_topic``, ``off_topic_reason`` and ``duplicate_of``
        set, and the stories (on-topic ones only).
    """
    cfg = cfg or ClusterConfig()
    originals = [(a, t) for a, t in articles if a.article_id not in duplicates]
    vecs = _tfidf([_terms(t) for _, t in originals])
    clusters = _average_linkage(vecs, [a.published for a, _ in originals], cfg)
    groups: dict[int, list[int]] = {members[0]: members for members in clusters}
    _attach_small_groups(groups, originals, vecs, places or {}, points or {}, cfg)

    story_of: dict[str, str | None] = {}
    reason_of: dict[str, str | None] = {}
    stories: list[Story] = []
    for members in groups.values():
        texts = " ".join(originals[i][1] for i in members)
        density = conflict_density(texts)
        ids = [originals[i][0].article_id for i in members]
        ids += [d for d, c in duplicates.items() if c in ids]
        if density < cfg.min_conflict_density:
            for aid in ids:
                story_of[aid] = None
                reason_of[aid] = (f"belongs to no story about armed conflict or political violence "
                                  f"({density:.1f} conflict terms per 100 words, {len(members)} article(s))")
            continue
        # title: the headline of the article most similar to the rest of its story
        centre = max(members, key=lambda i: sum(_cosine(vecs[i], vecs[j]) for j in members if j != i)
                     + (0.0 if originals[i][0].title else -1.0))
        dates = sorted(d for d in (originals[i][0].published for i in members) if d)
        story = Story(
            story_id=content_id("sty", *sorted(ids)),
            title=originals[centre][0].title,
            article_ids=tuple(sorted(ids)),
            period_start=dates[0] if dates else None,
            period_end=dates[-1] if dates else None,
        )
        stories.append(story)
        for aid in ids:
            story_of[aid] = story.story_id
            reason_of[aid] = None
    out = [
        replace(a, story_id=story_of.get(a.article_id), on_topic=reason_of.get(a.article_id) is None,
                off_topic_reason=reason_of.get(a.article_id), duplicate_of=duplicates.get(a.article_id))
        for a, _ in articles
    ]
    return out, sorted(stories, key=lambda s: s.story_id)
