"""Stories and off-topic detection on small hand-built corpora."""

from __future__ import annotations

from newsprism.cluster import build_stories, conflict_density
from newsprism.records import Article

STORY = [
    "Army troops and rebels fought near Kadugli on Monday; army artillery shelled rebel positions and killed 14 fighters.",
    "Rebels said army artillery shelled villages near Kadugli; the fighting between the army and rebels wounded civilians.",
    "Fighting between the army and rebels near Kadugli continued as army artillery shelled rebel positions for a third day.",
]


def _arts(texts: list[str]) -> list[tuple[Article, str]]:
    return [(Article(f"art_{i}", "d", i, 0, len(t), None, None, None, "en"), t) for i, t in enumerate(texts)]


def test_cluster_short_local_report_joins_by_geography():
    texts = STORY + ["Police said mines planted by rebels exploded on a road in the Dilling district, killing four officers.",
                     "The football club won the cup final on penalties after extra time in the capital stadium."]
    arts = _arts(texts)
    places = {"art_0": {"kadugli"}, "art_1": {"kadugli"}, "art_2": {"kadugli"}, "art_3": {"dilling"}}
    points = {"art_0": [(11.01, 29.72)], "art_1": [(11.01, 29.72)], "art_2": [(11.01, 29.72)],
              "art_3": [(12.05, 29.65)], "art_4": [(15.6, 32.5)]}  # Dilling is ~115 km: beyond 100 km
    linked, stories = build_stories(arts, {}, places, None, points)
    # too far away: a story of its own (still conflict reporting, so on topic)
    assert sorted(len(s.article_ids) for s in stories) == [1, 3]
    assert {a.article_id: a for a in linked}["art_3"].on_topic
    points["art_3"] = [(11.4, 29.7)]  # a district ~45 km from Kadugli
    linked, stories = build_stories(arts, {}, places, None, points)
    assert len(stories) == 1 and set(stories[0].article_ids) == {"art_0", "art_1", "art_2", "art_3"}
    off = {a.article_id: a for a in linked}["art_4"]
    assert not off.on_topic and off.story_id is None
    assert off.off_topic_reason.startswith("belongs to no story about armed conflict")


def test_cluster_duplicate_joins_its_original_story():
    arts = _arts(STORY + [STORY[0]])
    linked, stories = build_stories(arts, {"art_3": "art_0"}, {}, None, {})
    by_id = {a.article_id: a for a in linked}
    assert by_id["art_3"].duplicate_of == "art_0" and by_id["art_3"].story_id == by_id["art_0"].story_id


def test_cluster_conflict_density():
    assert conflict_density(STORY[0]) > 10
    assert conflict_density("The orchestra played Mozart to a full hall on Sunday evening.") == 0


ALEPPO = [
    "Buses evacuating rebels and civilians from eastern Aleppo were halted at a checkpoint as the Aleppo evacuation deal faltered.",
    "The evacuation of eastern Aleppo resumed after rebels and the Syrian government agreed on buses for the wounded.",
    "Thousands of civilians waited in the cold in eastern Aleppo for evacuation buses promised under the deal with rebels.",
]
KARABAKH = [
    "Ethnic Armenians fled Nagorno-Karabakh along the Lachin corridor after Azerbaijan's offensive on Stepanakert.",
    "Refugees from Nagorno-Karabakh reached Goris as the Lachin corridor filled with cars leaving Stepanakert.",
    "Azerbaijan said the Lachin corridor would stay open for Armenians leaving Stepanakert and Nagorno-Karabakh.",
]
# one commentary names both: with single links it would chain the two stories into one
BRIDGE = ("Russian mediators brokered the Aleppo evacuation deal with the rebels, as they later brokered the "
          "ceasefire in Nagorno-Karabakh and kept the Lachin corridor open.")


def test_cluster_a_bridging_article_does_not_chain_two_stories():
    arts = _arts(ALEPPO + KARABAKH + [BRIDGE])
    linked, stories = build_stories(arts, {}, {}, None, {})
    groups = sorted(sorted(s.article_ids) for s in stories)
    aleppo, karabakh = {"art_0", "art_1", "art_2"}, {"art_3", "art_4", "art_5"}
    assert not any(aleppo <= set(g) and karabakh <= set(g) for g in groups)
    assert any(aleppo <= set(g) for g in groups) and any(karabakh <= set(g) for g in groups)
