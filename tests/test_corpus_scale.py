"""The corpus stage without all-pairs work: blocking finds every pair that must be weighed, and
the blocked computations decide as the all-pairs ones did (references written out here)."""

from __future__ import annotations

import heapq
import random

from newsprism.cluster import (BLOCK_MAX_DF, ClusterConfig, _average_linkage, _closeness, _cosine, _Dates,
                               _days_apart, _tfidf, build_stories, candidate_pairs)
from newsprism.coding import link_figures
from newsprism.records import Article, EntityRef, Event, Evidence, Figure
from newsprism.reconcile import _Parties, figure_contradictions


# --------------------------------------------------------------------------------------------
# stories
# --------------------------------------------------------------------------------------------
def _all_pairs_linkage(vecs, dates, cfg):
    """The average linkage as it was before blocking: every pair scored, every group revisited."""
    n = len(vecs)
    sums = {i: {} for i in range(n)}
    heap = []
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
            continue
        k, next_id = next_id, next_id + 1
        members[k] = members.pop(a) + members.pop(b)
        sums[k] = {}
        for c in members:
            if c == k:
                continue
            total = sums[a].get(c, 0.0) + sums[b].get(c, 0.0)
            sums[k][c] = sums[c][k] = total
            mean = total / (len(members[k]) * len(members[c]))
            da = [dates[i] for i in members[k] if dates[i]]
            db = [dates[i] for i in members[c] if dates[i]]
            apart = min((_days_apart(x, y) for x in da for y in db), default=0)
            if mean >= cfg.link_similarity and apart <= cfg.max_days_apart:
                heapq.heappush(heap, (-mean, min(k, c), max(k, c)))
        for c in (a, b):
            for other in sums.pop(c):
                sums.get(other, {}).pop(c, None)
    return sorted(sorted(m) for m in members.values())


def _synthetic_corpus(seed: int, n: int) -> tuple[list[list[str]], list[str | None]]:
    """Reports of a few made-up happenings: each shares its happening's names and some of the
    common war words; dates spread over two months, some missing."""
    rng = random.Random(seed)
    common = ["shelling", "troops", "killed", "attack", "forces", "village", "drone", "convoy", "wounded", "strike"]
    happenings = [[f"name{h}x{k}" for k in range(6)] for h in range(max(2, n // 6))]
    docs, dates = [], []
    for _ in range(n):
        h = rng.randrange(len(happenings))
        words = rng.sample(happenings[h], 3) + rng.sample(common, 4) + [f"rare{rng.randrange(4 * n)}"]
        docs.append(words + rng.sample(words, 2))
        dates.append(None if rng.random() < 0.2 else f"2031-0{rng.choice((4, 5))}-{rng.randrange(1, 29):02d}")
    return docs, dates


def test_candidate_pairs_hold_every_pair_with_a_shared_term_in_small_corpora():
    docs, _ = _synthetic_corpus(1, 40)
    vecs = _tfidf(docs)
    sharing = {(i, j) for i in range(len(vecs)) for j in range(i + 1, len(vecs)) if _cosine(vecs[i], vecs[j]) > 0}
    assert set(candidate_pairs(vecs)) == sharing


def test_candidate_pairs_through_a_rare_name_not_through_common_words():
    # every article says "killed"; only two name the (made-up) town of Vorostel
    docs = [["killed", "troops", f"other{i}"] for i in range(30)]
    docs[4] += ["vorostel"]
    docs[21] += ["vorostel"]
    pairs = set(candidate_pairs(_tfidf(docs), max_df=10))
    assert (4, 21) in pairs
    assert (0, 1) not in pairs  # they share only words found in more than max_df articles
    assert len(pairs) == 1


def test_blocked_average_linkage_decides_as_all_pairs():
    cfg = ClusterConfig()
    for seed in range(6):
        docs, dates = _synthetic_corpus(seed, 60)
        vecs = _tfidf(docs)
        assert len(vecs) < BLOCK_MAX_DF
        got = _average_linkage(vecs, dates, cfg)
        assert got == _all_pairs_linkage(vecs, dates, cfg)
        assert any(len(g) > 2 for g in got)  # stories formed, not only singletons


def test_group_dates_closest_days_as_all_pairs():
    rng = random.Random(7)
    for _ in range(200):
        a = [rng.randrange(0, 400) for _ in range(rng.randrange(0, 6))]
        b = [rng.randrange(0, 400) for _ in range(rng.randrange(0, 6))]
        want = min((abs(x - y) for x in a for y in b), default=0) if a and b else 0
        assert _Dates(a).min_apart(_Dates(b)) == want
        assert _Dates(a).merged(_Dates(b)).days == sorted(set(a + b))


def test_closeness_of_a_large_story_through_its_summed_vector():
    docs, _ = _synthetic_corpus(3, 120)
    vecs = _tfidf(docs)
    members = list(range(120))
    got = _closeness(members, vecs)
    for i in (0, 17, 119):
        want = sum(_cosine(vecs[i], vecs[j]) for j in members if j != i)
        assert abs(got[i] - want) < 1e-9


def test_copies_of_a_story_far_apart_in_time_stay_apart_and_copies_join_their_original():
    text = ("Militia fighters stormed the river port of Ostravel on Sunday, killing nine guards, "
            "and the militia said its fighters held the port of Ostravel by nightfall.")
    other = ("Drone strikes hit fuel depots outside Karvena on Sunday; the army said the drones "
             "killed three soldiers guarding the Karvena depots and wounded seven.")
    arts = []
    for k, day in enumerate(("2031-04-06", "2031-04-07", "2031-09-01", "2031-09-02")):
        for j, t in enumerate((text, other)):
            arts.append((Article(f"a{k}{j}", f"d{k}{j}", 0, 0, len(t), None, None, day, "en"), t + f" Report {k}."))
    dup = (Article("copy", "dc", 0, 0, len(text), None, None, "2031-04-06", "en"), arts[0][1])
    linked, stories = build_stories(arts + [dup], {"copy": "a00"})
    by_id = {a.article_id: a.story_id for a in linked}
    assert by_id["a00"] == by_id["a10"] == by_id["copy"]
    assert by_id["a20"] == by_id["a30"] != by_id["a00"]
    assert by_id["a01"] != by_id["a00"]


# --------------------------------------------------------------------------------------------
# figures to events, parties, contradictions
# --------------------------------------------------------------------------------------------
def _event(eid: str, doc: str, start: int, end: int) -> Event:
    ev = Evidence(doc, start, end, "x" * (end - start))
    return Event(event_id=eid, story_id=None, plover_type="ASSAULT", plover_mode=(), acled_event_type=None,
                 acled_sub_event_type=None, actors=(), recipients=(), location=None, date_start=None, date_end=None,
                 date_precision="unknown", date_anchor="unknown", negated=False, hypothetical=False,
                 evidence=(ev,), reported_by=())


def _figure(fid: str, doc: str, start: int, end: int, *, who: str = "all", low: int = 4, source: str | None = None,
            article: str | None = None) -> Figure:
    return Figure(figure_id=fid, article_id=article or doc, metric="killed", low=low, high=low, qualifier="exact",
                  vague_term=None, who=who, includes=(), attributed_to=EntityRef(None, source) if source else None,
                  hedge="said" if source else "none", interim=False, as_of=None, event_id=None,
                  evidence=Evidence(doc, start, end, "y" * (end - start)), scope=None)


def test_link_figures_only_weighs_events_of_the_figures_document():
    # many documents with an event over the same offsets: a figure links to its own document's
    events = [_event(f"e{i}", f"doc{i}", 0, 50) for i in range(300)]
    figures = [_figure("f7", "doc7", 10, 20), _figure("f250", "doc250", 30, 40), _figure("fx", "nowhere", 0, 50)]
    assert link_figures(figures, events) == {"f7": "e7", "f250": "e250"}


def test_link_figures_two_events_of_one_sentence_stay_a_tie():
    events = [_event("e1", "d", 0, 80), _event("e2", "d", 0, 80), _event("e3", "other", 0, 80)]
    assert link_figures([_figure("f", "d", 10, 20)], events) == {}


def _parties_all_pairs(figures):
    """The party grouping as it was: the first party whose stems meet the name's, by a scan."""
    from newsprism.reconcile import UNNAMED, _source_name, _stems

    key, named = {}, []
    for f in figures:
        name = _source_name(f)
        if name is None or name == UNNAMED or not _stems(name):
            continue
        st = _stems(name)
        match = next((k for k, s in named if s & st), None)
        if match is None:
            match = f"party:{name.lower()}"
            named.append((match, set(st)))
        else:
            for k, s in named:
                if k == match:
                    s |= st
        key[f.figure_id] = match
    return key


def test_parties_by_stem_index_as_by_scan():
    names = ["Ministry of Health in Varnos", "Varnos health officials", "Coastal Guard command",
             "Guard spokesman Ilter", "Red Crescent of Tavira", "Tavira ministry", "Ilter Benak",
             "Northern Front media office", "Front commander", "Benak family"]
    rng = random.Random(5)
    for _ in range(20):
        seq = [rng.choice(names) for _ in range(25)]
        figs = [_figure(f"f{i}", f"d{i}", 0, 5, source=s) for i, s in enumerate(seq)]
        parties = _Parties(figs, {})
        assert {f.figure_id: parties.of(f) for f in figs} == _parties_all_pairs(figs)


def test_population_contradiction_found_among_many_other_figures():
    arts = {f"a{i}": Article(f"a{i}", f"d{i}", 0, 0, 100, None, f"Outlet {i}", "2031-04-06", "en", story_id="s")
            for i in range(40)}
    figs = [_figure(f"n{i}", f"d{i}", 0, 5, who="civilians", low=100 + i, article=f"a{i}") for i in range(40)]
    figs += [_figure("m", "d3", 10, 15, who="military", low=6, article="a3"),
             _figure("p", "d30", 10, 15, who="police", low=6, article="a30")]
    cons = [c for c in figure_contradictions(figs, arts) if c.kind == "population"]
    assert [{cl.figure_id for cl in c.claims} for c in cons] == [{"m", "p"}]
