"""Happenings assembled from mentions (newsprism/happenings.py), on reports written for these tests."""

from __future__ import annotations

import csv
import datetime as dt
import io

from newsprism.actors import acled_actor
from newsprism.happenings import (CodedMention, assemble, happening_actors, happening_type, realis, same_place,
                                  told_as_history)
from newsprism.records import Location

MOPTI = Location("ent_mopti", "Mopti", 14.49, -4.2, 1, "ML")
SEVARE = Location("ent_sevare", "Sévaré", 14.53, -4.09, 1, "ML")
MOPTI_REGION = Location("ent_mopti_r", "Mopti Region", 14.5, -3.5, 4, "ML")
MALI = Location("ent_mali", "Mali", 17.0, -4.0, 6, "ML")
NIGER = Location("ent_niger", "Niger", 17.6, 8.1, 6, "NE")


def _m(mid, article="art_1", *, day=None, loc=None, actors=(), recipients=(), acled=("Violence against civilians", "Attack"),
       ptype="ASSAULT", places=(), sentence="", trigger="attack", offset=0, story="sty_1", realis_="actual",
       start=None, end=None):
    return CodedMention(
        mention_id=mid, article_id=article, story_id=story, plover_type=ptype, acled_type=acled, modes=(),
        actors=[acled_actor(a, event_country="ML") for a in actors],
        recipients=[acled_actor(r, event_country="ML", role="recipient") for r in recipients],
        location=loc, place_names=frozenset(places), day=day, date_rank=0 if day else 3, date_end=end or day,
        realis=realis_, trigger_text=trigger, sentence=sentence, offset=offset, date_start=start or day)


def _groups(mentions, end=dt.date(2025, 5, 3)):
    return sorted(sorted(m.mention_id for m in g) for g in assemble(mentions, lambda _s: end))


def test_reports_of_one_attack_in_two_outlets_are_one_happening():
    mentions = [
        _m("a1", day="2025-05-02", loc=MOPTI, actors=["unidentified gunmen"], recipients=["villagers"]),
        _m("a2", offset=200, trigger="attack"),  # "the attack" later in the same report
        _m("b1", "art_2", day="2025-05-02", loc=MOPTI_REGION, actors=["JNIM"], recipients=["civilians"]),
        _m("b2", "art_2", start="2025-04-28", end="2025-05-04", trigger="raid"),  # "this week's raid"
    ]
    assert _groups(mentions) == [["a1", "a2", "b1", "b2"]]


def test_two_towns_or_two_days_are_two_happenings():
    mentions = [
        _m("a1", day="2025-05-02", loc=MOPTI, actors=["gunmen"]),
        _m("b1", "art_2", day="2025-05-02", loc=SEVARE, actors=["gunmen"]),
        _m("c1", "art_3", day="2025-05-01", loc=MOPTI, actors=["gunmen"]),
    ]
    assert _groups(mentions) == [["a1"], ["b1"], ["c1"]]


def test_a_shared_facility_ties_reports_that_name_different_towns():
    hall = "the grand mosque"
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI, places=[hall]),
                _m("b1", "art_2", day="2025-05-02", loc=SEVARE, places=[hall])]
    assert _groups(mentions) == [["a1", "b1"]]


def test_named_actors_that_differ_make_different_happenings():
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI_REGION, actors=["JNIM fighters"]),
                _m("b1", "art_2", day="2025-05-02", loc=MOPTI_REGION, actors=["the Islamic State Sahel Province"]),
                _m("c1", "art_3", day="2025-05-02", loc=MOPTI_REGION, actors=["militants"])]  # fits either: joins the first
    assert _groups(mentions) == [["a1", "c1"], ["b1"]]


def test_victims_of_another_kind_elsewhere_are_another_happening():
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI, recipients=["three policemen"]),
                _m("a2", day="2025-05-02", loc=SEVARE, recipients=["two civilians"], offset=80)]
    assert _groups(mentions) == [["a1"], ["a2"]]


def test_a_mention_in_another_country_never_joins():
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI), _m("a2", loc=NIGER, offset=90, trigger="war")]
    assert _groups(mentions) == [["a1"], ["a2"]]


def test_history_denials_and_statements_stay_apart():
    mentions = [
        _m("a1", day="2025-05-02", loc=MOPTI),
        _m("a2", day="2024-11-10", loc=MOPTI, offset=50),  # six months before the story: background
        _m("a3", loc=MOPTI, offset=90, realis_="negated"),
        _m("a4", loc=MALI, offset=120, realis_="speech_act", ptype="ACCUSE", acled=(None, None)),
    ]
    assert _groups(mentions) == [["a1"], ["a2"], ["a3"], ["a4"]]
    assert realis("ASSAULT", True, False) == "negated" and realis("THREATEN", False, False) == "threatened"
    assert realis("ACCUSE", False, False) == "speech_act" and realis("ASSAULT", False, True) == "hypothetical"


def test_undated_history_is_recognised_by_its_wording():
    s = "The two countries fought three wars over the valley."
    assert told_as_history(s, s.index("fought"), s.index("fought") + 6)
    s = "In previous clashes, dozens died."
    assert told_as_history(s, s.index("clashes"), s.index("clashes") + 7)
    s = "Soldiers attacked the camp at dawn."
    assert not told_as_history(s, s.index("attacked"), s.index("attacked") + 8)


def test_places_contain_each_other():
    assert same_place(MOPTI, MOPTI_REGION) and same_place(MOPTI, MALI)
    assert not same_place(MOPTI, SEVARE) and not same_place(MOPTI, NIGER)


def test_a_protest_the_police_fire_on_is_a_riot_when_the_crowd_turns_violent():
    group = [
        _m("a1", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Protests", "Peaceful protest"),
           actors=["students"], trigger="protest"),
        _m("a2", day="2025-05-02", loc=MOPTI, actors=["riot police"], recipients=["demonstrators"],
           acled=("Protests", "Excessive force against protesters"), trigger="fired",
           sentence="Riot police fired live rounds after demonstrators set a police post on fire."),
    ]
    assert happening_type(group) == ("Riots", "Violent demonstration")
    side1, side2 = happening_actors(group, "Riots", "ML")
    assert side1[0].name == "Rioters (Mali)" and side2[0].name == "Police Forces of Mali (2021-)"


def test_an_attack_on_villagers_by_a_named_group_is_violence_against_civilians():
    group = [_m("a1", day="2025-05-02", loc=MOPTI, actors=["gunmen"], recipients=["villagers"],
                acled=("Battles", "Armed clash"), trigger="stormed"),
             _m("b1", "art_2", day="2025-05-02", loc=MOPTI, actors=["JNIM"], recipients=["residents"],
                acled=("Violence against civilians", "Attack"), trigger="killed")]
    assert happening_type(group) == ("Violence against civilians", "Attack")
    side1, side2 = happening_actors(group, "Violence against civilians", "ML")
    assert side1[0].name.startswith("JNIM") and side2[0].name == "Civilians (Mali)"


def test_pipeline_codes_one_row_for_one_shooting_told_twice(tmp_path):
    """End to end: two outlets report one market attack; one ACLED row with the latest toll."""
    from newsprism import analyze, load_record
    from newsprism.export import acled_csv

    (tmp_path / "a.txt").write_text(
        "Gunmen kill 12 at Mopti market\n\n"
        "Unidentified gunmen opened fire on shoppers at the central market in Mopti, Mali, on Friday, "
        "killing at least 12 civilians, the regional governor said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Death toll from Mopti market attack rises to 19\n\n"
        "At least 19 civilians were killed when gunmen opened fire at the central market in Mopti on Friday, "
        "local officials said on Sunday. The attack was the deadliest in the region this year.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,url,outlet,published,language\n"
        "a.txt,https://example.org/a,Wire A,2025-05-02,en\n"
        "b.txt,https://example.org/b,Wire B,2025-05-04,en\n", encoding="utf-8")
    analyze([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db=str(tmp_path / "h.duckdb"),
            manifest=str(tmp_path / "manifest.csv"))
    record = load_record(str(tmp_path / "h.duckdb"))
    rows = list(csv.DictReader(io.StringIO(acled_csv(record)[0])))
    attacks = [r for r in rows if r["event_type"] == "Violence against civilians"]
    assert len(attacks) == 1, rows
    row = attacks[0]
    assert row["event_date"] == "2025-05-02" and row["location"] == "Mopti"
    assert row["actor1"] == "Unidentified Armed Group (Mali)" and row["actor2"] == "Civilians (Mali)"
    assert row["fatalities"] == "19"  # the latest report's toll
    event = next(e for e in record["events"] if e["acled_event_type"] == "Violence against civilians")
    assert {m["outlet"] for m in event["mentions"]} == {"Wire A", "Wire B"}
    assert all(m["trigger"]["text"] in m["evidence"]["text"] for m in event["mentions"])
    assert event["fatalities"]["acled"] == 19 and event["realis"] == "actual" and not event["background"]


def _typed(m, modes):
    from dataclasses import replace
    return replace(m, modes=tuple(modes))


def test_a_happening_most_reports_tell_as_a_shelling_is_not_the_rally_one_report_files_beside_it():
    group = [
        _m("a1", day="2025-05-02", loc=MOPTI, acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
           actors=["the army"], recipients=["rebel positions"], trigger="shelled"),
        _m("b1", "art_2", day="2025-05-02", loc=MOPTI, acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
           trigger="shelling"),
        _typed(_m("c1", "art_3", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Protests", "Peaceful protest"),
                  actors=["students"], trigger="rally"), ["demo"]),
    ]
    assert happening_type(group) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_one_report_one_voice_and_the_most_specific_reading_on_a_tie():
    # one report repeats "attack" three times; the other names the weapon: a tie of two reports,
    # which the named weapon decides
    group = [_m(f"a{i}", offset=i * 50, acled=("Violence against civilians", "Attack"), recipients=["villagers"])
             for i in range(3)]
    group.append(_m("b1", "art_2", acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                    recipients=["villagers"], trigger="bomb"))
    assert happening_type(group) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_a_mob_that_attacks_a_rally_is_mob_violence_and_a_riot_with_no_demonstration_too():
    rally = _typed(_m("a1", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Protests", "Peaceful protest"),
                      actors=["farmers"], trigger="rally"), ["demo"])
    mob = _typed(_m("a2", day="2025-05-02", loc=MOPTI, acled=("Riots", "Mob violence"), actors=["a group of local men"],
                    trigger="attacked"), ["mob"])
    assert happening_type([rally, mob]) == ("Riots", "Mob violence")
    riot = _typed(_m("b1", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Riots", "Violent demonstration"),
                     trigger="riot"), ["riot"])
    lynching = _typed(_m("b2", day="2025-05-02", loc=MOPTI, acled=("Riots", "Mob violence"), actors=["a mob"],
                         trigger="lynched"), ["beat", "mob"])
    assert happening_type([riot, lynching]) == ("Riots", "Mob violence")
    # demonstrators who turn violent stay a violent demonstration
    stones = _m("c2", day="2025-05-02", loc=MOPTI, acled=("Riots", "Violent demonstration"), actors=["protesters"],
                trigger="hurled")
    assert happening_type([rally, stones]) == ("Riots", "Violent demonstration")
