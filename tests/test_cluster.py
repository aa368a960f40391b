"""Stories and off-topic detection on small hand-built corpora."""

from __future__ import annotations

import pytest

from newsprism.cluster import ClusterConfig, build_stories, conflict_density, off_topic_reason, topic_score
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
    assert off.off_topic_reason.startswith("off topic: sport")


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


# Topic: who or what does the harm decides, not whether people died (sentences written for these tests).
CYCLONE = ("Cyclone Mirela made landfall on the southern coast on Sunday, killing at least 20 people and leaving "
           "thousands displaced. Heavy rains and storm surges flooded low-lying districts, and forecasters warned of "
           "more rainfall. Army helicopters joined rescue teams searching for missing fishermen.")
MINE = ("A tunnel collapsed at a copper mine in the hills on Tuesday, trapping 31 miners. Rescuers pulled out nine "
        "bodies overnight, and the company said a gas leak had slowed the rescue. Relatives gathered at the pit head "
        "as firefighters pumped water from the lower galleries.")
DERBY = ("City beat United 3-1 in a bad-tempered derby on Saturday. The striker scored twice before half-time and "
         "the goalkeeper saved a penalty. Police used tear gas on fans outside the stadium after the final whistle, "
         "and the club said two supporters were injured in the league match.")
STOCKS = ("Shares fell sharply on Monday as investors dumped technology stocks. The main index lost 6 percent, its "
          "worst day since the pandemic, and bond yields rose as traders priced in higher interest rates. Oil prices "
          "climbed on fears that the war in the region could spread.")
DRONE = ("A drone strike on a market in the border town killed eight civilians on Thursday, the governor said. The "
         "army blamed rebel fighters for the attack, while the rebels accused government troops of shelling the "
         "town's outskirts the night before.")
CRACKDOWN = ("Police fired tear gas and live rounds at protesters marching on the presidential palace on Friday, "
             "killing three people, rights groups said. Hundreds of demonstrators were arrested as security forces "
             "broke up the rally, and the opposition called for fresh protests next week.")

POLICE_WORK = ("Police in Leeds have arrested a 41-year-old man after officers found a handgun and 300 stolen phones "
               "in his flat. He is in custody and detectives said he was charged with handling stolen goods. "
               "Officers were called to the address on Tuesday after a neighbour reported a burglary.")
MEASLES = ("A measles outbreak has killed 41 children in the highlands since January, health officials said on "
           "Monday. The virus spread quickly in villages where few had been vaccinated, and infected patients were "
           "moved to an isolation unit at the provincial hospital.")
CHLORINE = ("Chlorine munitions were likely dropped on a residential neighbourhood during the armed conflict last "
            "year, an international watchdog said, after laboratory tests confirmed the toxic chemical.")


@pytest.mark.parametrize("text,beat", [(CYCLONE, "natural disaster"), (MINE, "accident"), (DERBY, "sport"),
                                       (STOCKS, "markets"), (POLICE_WORK, "crime"),
                                       (MEASLES, "health")])
def test_cluster_hazards_with_casualties_are_off_topic(text, beat):
    reason = off_topic_reason(text, "en", ClusterConfig())
    assert reason is not None and reason.startswith(f"off topic: {beat}")


@pytest.mark.parametrize("text", [DRONE, CRACKDOWN])
def test_cluster_violence_by_actors_is_on_topic(text):
    assert off_topic_reason(text, "en", ClusterConfig()) is None
    assert topic_score(text).violence > 10


def test_cluster_a_chemical_attack_confirmed_by_a_laboratory_is_still_war_news():
    assert off_topic_reason(CHLORINE, "en", ClusterConfig()) is None


def test_cluster_police_words_count_for_violence_only_beside_it():
    assert topic_score("Police arrested a man outside the bank.").violence == 0
    assert topic_score("Police fired tear gas and arrested 40 protesters.").violence > 4


def test_cluster_casualty_words_go_to_the_side_their_sentence_is_on():
    flood = topic_score("Floods and mudslides have killed 13 people and displaced thousands.")
    shooting = topic_score("Gunmen killed 13 people and displaced thousands.")
    assert flood.violence == 0 and flood.hazards["natural disaster"] > 4
    assert shooting.violence == 4 and shooting.hazards["natural disaster"] == 0  # gunmen (2) + two harms


def test_cluster_unreadable_language_is_set_aside_as_such_not_as_off_topic():
    text = "Ракетный удар по жилому кварталу убил 50 человек, сообщили местные власти."
    assert off_topic_reason(text, "ru", ClusterConfig()) == "language ru: not analyzed"
    arts = _arts(STORY) + [(Article("art_ru", "d", 9, 0, len(text), None, None, None, "ru"), text)]
    linked, stories = build_stories(arts, {}, {}, None, {})
    ru = {a.article_id: a for a in linked}["art_ru"]
    assert ru.off_topic_reason == "language ru: not analyzed" and ru.story_id is None
    assert len(stories) == 1 and "art_ru" not in stories[0].article_ids


def test_cluster_off_topic_article_does_not_join_a_story_that_shares_its_country():
    floods = ("Floods in the north of Kadugli province have killed 11 people as heavy rains continued, and "
              "forecasters expect more rainfall; the rains displaced thousands near Kadugli.")
    linked, stories = build_stories(_arts(STORY + [floods]), {}, {"art_3": {"kadugli"}}, None, {})
    assert len(stories) == 1 and "art_3" not in stories[0].article_ids
    assert {a.article_id: a for a in linked}["art_3"].off_topic_reason.startswith("off topic: natural disaster")


@pytest.mark.parametrize("text", [
    "Retired teachers staged a sit-in outside the education ministry on Monday.",
    "Hundreds of demonstrators rallied outside the court and some looted two shops.",
    "Customs officers seized pistols, rifles and ammunitions hidden in a lorry.",
    "A suicide bomber blew himself up outside the town hall.",
])
def test_cluster_demonstrations_weapons_and_bombers_are_conflict_vocabulary(text):
    """ACLED's protests, riots and weapons seizures count as conflict reporting, not only battles."""
    assert conflict_density(text) >= ClusterConfig().min_conflict_density


def test_cluster_mob_and_sexual_violence_outweigh_a_crime_word():
    """A lynching or a rape is political violence ACLED codes, even beside a word of the crime beat."""
    for text in ("A mob lynched a suspected thief from a smuggling ring in Kelvo.",
                 "Women in the camp told of gang rapes by men from a nearby town."):
        assert off_topic_reason(text, "en", ClusterConfig()) is None
