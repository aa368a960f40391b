"""ACLED actor names from the words a report uses (newsprism/actors.py), on phrases of no dev set."""

from __future__ import annotations

import pytest

from newsprism.actors import acled_actor, named_group, state_force


@pytest.mark.parametrize("phrase, kwargs, name, inter", [
    ("Malian troops", {}, "Military Forces of Mali (2021-)", 1),
    ("Nigeria's army", {}, "Military Forces of Nigeria (2023-)", 1),
    ("Bolivian riot police", {}, "Police Forces of Bolivia", 1),  # no year known for Bolivia: no bracket
    ("unidentified gunmen", {"event_country": "BF"}, "Unidentified Armed Group (Burkina Faso)", 2),
    ("masked assailants", {"event_country": "PK"}, "Unidentified Armed Group (Pakistan)", 2),
    ("fighters of the Islamic State West Africa Province", {}, "Islamic State", 2),
    ("the ISWAP", {}, "Islamic State", 2),
    ("al-Shabaab militants", {}, "Al Shabaab", 2),
    ("thousands of demonstrators", {"event_country": "RS"}, "Protesters (Serbia)", 6),
    ("an angry mob", {"event_country": "IN"}, "Rioters (India)", 5),
    ("three schoolchildren", {"event_country": "CM", "role": "recipient"}, "Civilians (Cameroon)", 7),
    ("displaced families in the camp", {"event_country": "SS", "role": "recipient"}, "Civilians (South Sudan)", 7),
    ("Ethiopian peacekeepers", {}, "Military Forces of Ethiopia (2018-)", 1),
    ("Niger", {"entity_type": "state"}, "Military Forces of Niger", 1),
    ("Tigrayan separatists", {}, None, None),  # Tigray is no country: not a state's rebels, see below
    ("US special forces", {"event_country": "SO"}, "Military Forces of the United States", 1),
    ("British troops", {"event_country": "IQ"}, "Military Forces of the United Kingdom", 1),
    ("the Isis group", {}, "Islamic State", 2),  # British papers capitalise it so
    ("Oromia forces", {}, "Military Forces of Oromia", 2),  # forces named after a region, not a state
    ("Captain Musa's soldiers", {"event_country": "NE"}, "Military Forces of Niger", 1),  # no region "Captain"
])
def test_acled_actor_names(phrase, kwargs, name, inter):
    got = acled_actor(phrase, **kwargs)
    if name is None:
        assert got is None or got.kind == "rebel"
        return
    assert got is not None and (got.name, got.inter) == (name, inter)


@pytest.mark.parametrize("phrase, kwargs", [
    ("HIMARS", {}),  # a weapon
    ("the rockets", {}),
    ("Al-Shifa hospital", {"entity_type": "org"}),  # a building
    ("the Grand Bazaar in Tehran", {"entity_type": "org"}),
    ("Bamako", {"entity_type": "place"}),  # a town is where, not who
    ("Serbian", {"entity_type": "state"}),  # a bare demonym
    ("they", {}),
    ("its forces", {}),  # whose, the phrase does not say
    ("Amina Yusuf", {"entity_type": "person"}),
    ("17", {}),
    ("rebel outposts", {"role": "recipient"}),  # things, plural as singular
    ("the army's positions", {"role": "recipient"}),
])
def test_acled_actor_refuses_what_is_no_actor(phrase, kwargs):
    assert acled_actor(phrase, **kwargs) is None


def test_short_aliases_only_in_capitals():
    assert named_group("the RSF").name == "Rapid Support Forces"
    assert named_group("is") is None and named_group("this is a town") is None
    assert named_group("IS").name == "Islamic State"


def test_state_forces_come_from_country_data():
    assert state_force("Military Forces", "RU") == "Military Forces of Russia (2000-)"
    assert state_force("Government", "FR") == "Government of France"
    assert state_force("Military Forces", None) is None


def test_generic_descriptions_do_not_contradict_named_actors():
    assert acled_actor("the paramilitaries", event_country="SD").generic
    assert not acled_actor("Sudanese soldiers").generic
    assert not acled_actor("the RSF").generic


def test_state_forces_take_the_article_english_gives_them():
    assert state_force("Military Forces", "CD") == "Military Forces of the Democratic Republic of Congo (2019-)"
    assert state_force("Police Forces", "GB") == "Police Forces of the United Kingdom"
    assert state_force("Government", "TR") == "Government of Turkey (2002-)"
