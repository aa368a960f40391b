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

import bisect
import datetime as dt
import heapq
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsprism.extract.patterns.topic import (CASUALTY_CUES, CONFLICT_TERMS, HAZARD_CUES, SHARED_CUES, STOP_WORDS,
                                              VIOLENCE_CUES)
from newsprism.records import Article, Story, content_id

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")
_CONFLICT = re.compile(r"\b(?:" + "|".join(CONFLICT_TERMS) + r")\b", re.IGNORECASE)


def _cue_res(cues: tuple[tuple[str, float], ...]) -> list[tuple[re.Pattern[str], float]]:
    return [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), w) for p, w in cues]


_VIOLENCE = _cue_res(VIOLENCE_CUES)
_SHARED = _cue_res(SHARED_CUES)
_HAZARDS = {beat: _cue_res(cues) for beat, cues in HAZARD_CUES.items()}
_CASUALTY = re.compile(rf"\b(?:{CASUALTY_CUES})\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
READABLE_LANGUAGES = frozenset({"en"})  # what the NLP stage (spaCy en_core_web_md) reads


@dataclass(frozen=True)
class TopicScore:
    """Weighted cues of one text: violence by organised actors and protest, against each other beat."""

    words: int
    violence: float
    hazards: dict[str, float]  # beat -> weight of its cues
    cues: dict[str, Counter[str]]  # "violence" or a beat -> the cue words seen

    @property
    def beat(self) -> str | None:
        """The non-conflict beat with the most weight, when it has any."""
        best = max(self.hazards, key=lambda b: self.hazards[b], default=None)
        return best if best is not None and self.hazards[best] > 0 else None

    def per_100_words(self, weight: float) -> float:
        return 100.0 * weight / max(1, self.words)


def topic_score(text: str) -> TopicScore:
    """Weigh a text's cues sentence by sentence.

    A casualty word ("killed", "displaced") says nothing by itself about who or what did the harm:
    it is counted for violence when its sentence holds more violence cues than hazard cues ("police
    shot dead two protesters"), for the sentence's leading beat when hazards lead ("floods have
    killed 13 people"), and not at all otherwise.
    """
    violence = 0.0
    hazards = {beat: 0.0 for beat in _HAZARDS}
    cues: dict[str, Counter[str]] = {"violence": Counter(), **{b: Counter() for b in _HAZARDS}}
    for sentence in _SENTENCE.split(text):
        v = 0.0
        for rx, w in _VIOLENCE:
            for m in rx.finditer(sentence):
                v += w
                cues["violence"][m.group(0).lower()] += 1
        h: dict[str, float] = {}
        for beat, res in _HAZARDS.items():
            for rx, w in res:
                for m in rx.finditer(sentence):
                    h[beat] = h.get(beat, 0.0) + w
                    cues[beat][m.group(0).lower()] += 1
        if v > 0:  # words policing shares with conflict count only beside a violence cue
            for rx, w in _SHARED:
                for m in rx.finditer(sentence):
                    cues["violence"][m.group(0).lower()] += 1
                    v += w
        harm = len(_CASUALTY.findall(sentence))
        lead = max(h, key=lambda b: h[b], default=None)
        if harm and v > (h[lead] if lead else 0.0):
            v += harm
        elif harm and lead and h[lead] > v:
            h[lead] += harm
        violence += v
        for beat, x in h.items():
            hazards[beat] += x
    return TopicScore(len(_WORD.findall(text)), violence, hazards, cues)


def off_topic_reason(text: str, language: str | None, cfg: "ClusterConfig") -> str | None:
    """Why an article is set aside before stories are built, or None.

    A page the NLP stage cannot read is set aside for that reason alone (it may well report a
    war). A page is off topic when another beat outweighs violence and protest: its cues are
    dense and weigh more than the violence cues, so a flood report that counts its dead, a
    derby that ends in a brawl or a market report that mentions a war are not conflict news.
    """
    if language and language not in READABLE_LANGUAGES:
        return f"language {language}: not analyzed"
    score = topic_score(text)
    beat = score.beat
    if beat is None:
        return None
    weight = score.hazards[beat]
    if score.per_100_words(weight) >= cfg.min_beat_density and weight > cfg.beat_over_violence * score.violence:
        top = ", ".join(w for w, _ in score.cues[beat].most_common(3))
        return (f"off topic: {beat} ({top}; cue weight {weight:.0f}) outweighs violence and protest "
                f"(cue weight {score.violence:.0f})")
    return None


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
    min_beat_density: float = 2.0  # weight of another beat's cues per 100 words that can make an article off topic
    beat_over_violence: float = 1.0  # ... when it is more than this times the weight of its violence cues


# a capitalised word after a lower-case word or a comma: a name inside a sentence, not its first word
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]+")


def _terms(text: str, names_twice: bool = True) -> list[str]:
    """Content words, with names inside sentences counted twice: who and where a report is about
    tell one story from another better than what happened, which every conflict story shares."""
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2]
    if not names_twice:
        return words
    return words + [w.lower() for w in _NAME.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2]


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
    # the products in a's order, as a generator would give them, without a Python frame per term
    return sum(map(operator.mul, a.values(), map(b.get, a, itertools.repeat(0.0))))


def _summed(vecs: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vecs:
        for t, x in v.items():
            out[t] = out.get(t, 0.0) + x
    return out


EXACT_CENTRE_MAX = 50  # stories up to this size pick their title article by summing every pair


def _closeness(members: list[int], vecs: list[dict[str, float]]) -> dict[int, float]:
    """Each member's summed cosine to the other members. Large stories take it through the
    members' summed vector (one pass per member, not one per pair): v . (sum - v)."""
    if len(members) <= EXACT_CENTRE_MAX:
        return {i: sum(_cosine(vecs[i], vecs[j]) for j in members if j != i) for i in members}
    total = _summed([vecs[j] for j in members])
    return {i: _cosine(vecs[i], total) - sum(x * x for x in vecs[i].values()) for i in members}


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
    from newsprism.geocode import geocode, haversine_km

    def nearest_km(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
        return min((haversine_km(*p, *q) for p in a for q in b), default=math.inf)

    large = {g: m for g, m in groups.items() if len(m) > 2}
    if not large:
        return
    centroids = {g: _centroid([vecs[i] for i in m]) for g, m in large.items()}
    group_places = {g: set().union(*(places.get(originals[i][0].article_id, set()) for i in m)) for g, m in large.items()}
    # the nearest of a story's places is all that is asked of them: each point once
    group_points = {g: sorted({p for i in m for p in points.get(originals[i][0].article_id, [])}) for g, m in large.items()}
    group_days = {g: _group_days([originals[i][0].published for i in m]) for g, m in large.items()}
    # blocking by date: a short report is weighed only against the stories within the window
    by_day: dict[int, set[int]] = {}
    undated: set[int] = set()
    for h, days in group_days.items():
        for d in days.days:
            by_day.setdefault(d, set()).add(h)
        if not days.days:
            undated.add(h)
    near_words = min(cfg.attach_similarity, cfg.attach_near_similarity)
    for g, members in sorted((g, m) for g, m in groups.items() if len(m) <= 2):
        own = set().union(*(places.get(originals[i][0].article_id, set()) for i in members))
        # names the gazetteer does not know are mostly the NER's misreadings ("Githurai by"):
        # the share is taken over the places that resolve, when any does
        own = {p for p in own if geocode(p) is not None} or own
        own_points = [p for i in members for p in points.get(originals[i][0].article_id, [])]
        own_centroid = _centroid([vecs[i] for i in members])
        own_days = _group_days([originals[i][0].published for i in members])
        if own_days.days:
            window = range(-cfg.max_days_apart, cfg.max_days_apart + 1)
            candidates = sorted(undated.union(*(by_day.get(d + k, ()) for d in own_days.days for k in window)))
        else:
            candidates = sorted(large)
        best, best_score = None, 0.0
        for h in candidates:
            if own_days.min_apart(group_days[h]) > cfg.max_days_apart:
                continue
            cos = _cosine(own_centroid, centroids[h])
            if cos < near_words:
                continue  # too few words in common, however near its places
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


def _group_days(published: list[str | None]) -> _Dates:
    return _Dates([dt.date.fromisoformat(d).toordinal() for d in published if d])


# A term in more articles than this does not by itself make two articles candidates for one story
# (every conflict report shares "killed" and "forces"): pairs are found through rarer terms, so the
# work grows with the corpus, not with its square. Below this size every pair that shares any term
# is a candidate, which is exact.
BLOCK_MAX_DF = 200


def candidate_pairs(vecs: list[dict[str, float]], max_df: int = BLOCK_MAX_DF) -> Iterator[tuple[int, int]]:
    """(i, j), i < j, of articles that share a term found in at most ``max_df`` articles, in order.

    Two articles with a positive cosine share a term; unless every term they share is a common
    one, they are a candidate pair here. Cosines of other pairs are taken as 0. Pairs are made
    one article at a time, so no set of every pair is held.
    """
    postings: dict[str, list[int]] = {}
    for i, v in enumerate(vecs):
        for t in v:
            postings.setdefault(t, []).append(i)
    for i, v in enumerate(vecs):
        later: set[int] = set()
        for t in v:
            docs = postings[t]
            if 1 < len(docs) <= max_df:
                later.update(docs[bisect.bisect_right(docs, i):])
        for j in sorted(later):
            yield i, j


class _Dates:
    """A group's known publication days, sorted, for the closest-days test without all pairs."""

    def __init__(self, days: list[int]) -> None:
        self.days = sorted(set(days))

    def merged(self, other: _Dates) -> _Dates:
        return _Dates(self.days + other.days)

    def min_apart(self, other: _Dates) -> int:
        """As ``_min_days_apart``: 0 when either side has no known day."""
        if not self.days or not other.days:
            return 0
        small, large = (self.days, other.days) if len(self.days) <= len(other.days) else (other.days, self.days)
        best = abs(small[0] - large[0])
        for d in small:
            k = bisect.bisect_left(large, d)
            for j in (k - 1, k):
                if 0 <= j < len(large):
                    best = min(best, abs(large[j] - d))
        return best


def _average_linkage(vecs: list[dict[str, float]], dates: list[str | None], cfg: ClusterConfig) -> list[list[int]]:
    """Merge the closest pair of groups while their mean pairwise cosine reaches ``link_similarity``.

    Groups whose publication dates lie more than ``max_days_apart`` apart never merge. The sums of
    pairwise cosines are kept per pair of groups that share a term (``candidate_pairs``): a pair
    with no sum has mean 0 and never merges, so a merge costs one pass over the neighbours of
    the two groups, not over every group.
    """
    n = len(vecs)
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    for i, j in candidate_pairs(vecs):
        c = _cosine(vecs[i], vecs[j])
        if c > 0:
            sums[i][j] = sums[j][i] = c
        if c >= cfg.link_similarity and _days_apart(dates[i], dates[j]) <= cfg.max_days_apart:
            heapq.heappush(heap, (-c, i, j))
    members = {i: [i] for i in range(n)}
    days = {i: _group_days([d]) for i, d in enumerate(dates)}
    next_id = n
    while heap:
        _neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side has merged since this pair was scored
        k, next_id = next_id, next_id + 1
        members[k] = members.pop(a) + members.pop(b)
        days[k] = days.pop(a).merged(days.pop(b))
        sums[k] = {}
        # groups sharing no term with either side have a sum of 0: their mean never reaches the threshold
        for c in sorted(set(sums[a]) | set(sums[b])):
            if c not in members:
                continue
            total = sums[a].get(c, 0.0) + sums[b].get(c, 0.0)
            sums[k][c] = sums[c][k] = total
            mean = total / (len(members[k]) * len(members[c]))
            if mean >= cfg.link_similarity and days[k].min_apart(days[c]) <= cfg.max_days_apart:
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
    # articles set aside on their own (another language, another beat) take no part in stories
    set_aside = {a.article_id: r for a, t in articles
                 if a.article_id not in duplicates and (r := off_topic_reason(t, a.language, cfg))}
    set_aside.update({d: set_aside[c] for d, c in duplicates.items() if c in set_aside})
    originals = [(a, t) for a, t in articles if a.article_id not in duplicates and a.article_id not in set_aside]
    vecs = _tfidf([_terms(t) for _, t in originals])
    clusters = _average_linkage(vecs, [a.published for a, _ in originals], cfg)
    groups: dict[int, list[int]] = {members[0]: members for members in clusters}
    # attaching short reports weighs their places separately, so their words count plainly there
    plain = _tfidf([_terms(t, names_twice=False) for _, t in originals])
    _attach_small_groups(groups, originals, plain, places or {}, points or {}, cfg)

    copies_of: dict[str, list[str]] = {}
    for d, c in duplicates.items():
        copies_of.setdefault(c, []).append(d)
    story_of: dict[str, str | None] = {aid: None for aid in set_aside}
    reason_of: dict[str, str | None] = dict(set_aside)
    stories: list[Story] = []
    for members in groups.values():
        texts = " ".join(originals[i][1] for i in members)
        density = conflict_density(texts)
        ids = [originals[i][0].article_id for i in members]
        ids += [d for i in ids for d in copies_of.get(i, ())]
        if density < cfg.min_conflict_density:
            for aid in ids:
                story_of[aid] = None
                reason_of[aid] = (f"belongs to no story about armed conflict or political violence "
                                  f"({density:.1f} conflict terms per 100 words, {len(members)} article(s))")
            continue
        # title: the headline of the article most similar to the rest of its story
        close = _closeness(members, vecs)
        centre = max(members, key=lambda i: close[i] + (0.0 if originals[i][0].title else -1.0))
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
