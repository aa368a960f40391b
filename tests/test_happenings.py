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


def _record_of(tmp_path, pages: dict[str, tuple[str, str]]) -> dict:
    """Analyze pages {file name: (text, publication day)} with the whole pipeline; the JSON record."""
    from newsprism import analyze, load_record

    rows = ["path,url,outlet,published,language"]
    for n, (name, (text, day)) in enumerate(pages.items()):
        (tmp_path / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},https://example.org/{n},Wire {chr(65 + n)},{day},en")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    analyze([str(tmp_path / name) for name in pages], db=str(tmp_path / "h.duckdb"),
            manifest=str(tmp_path / "manifest.csv"))
    return load_record(str(tmp_path / "h.duckdb"))


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


# --- places a gazetteer does not know, big cities, implied days, counted victims -----------------

BAMAKO = Location("ent_bamako", "Bamako", 12.65, -8.0, 1, "ML", population=2_500_000)
KATI = Location("ent_kati", "Kati", 12.74, -8.07, 1, "ML", population=60_000)  # ~12 km from Bamako
KOULIKORO_R = Location("ent_koul", "Koulikoro Region", 13.5, -7.5, 4, "ML")
VILLAGE = Location(None, "Dar es-Kuna", None, None, 1, "ML", "Mopti Region")  # unlocated


def test_an_attack_placed_at_a_big_city_and_at_the_town_on_its_edge_is_one_happening():
    mentions = [_m("a1", day="2025-05-02", loc=KATI, actors=["gunmen"]),
                _m("b1", "art_2", day="2025-05-02", loc=BAMAKO, actors=["gunmen"])]  # "outside Bamako"
    assert _groups(mentions) == [["a1", "b1"]]


def test_protests_downtown_and_in_a_suburb_stay_two_events():
    protest = ("Protests", "Peaceful protest")
    mentions = [_m("a1", day="2025-05-02", loc=KATI, actors=["protesters"], acled=protest, ptype="PROTEST"),
                _m("b1", "art_2", day="2025-05-02", loc=BAMAKO, actors=["protesters"], acled=protest, ptype="PROTEST")]
    assert _groups(mentions) == [["a1"], ["b1"]]


def test_a_village_missing_from_the_gazetteer_is_a_place_of_its_own():
    from newsprism.happenings import place_skeleton

    assert place_skeleton("Wad al-Kuna") == place_skeleton("Wad Al-Kouna") == place_skeleton("wad alkuna")
    assert place_skeleton("Dar es-Kuna") != place_skeleton("Dar es-Salam")
    assert same_place(VILLAGE, MOPTI_REGION) and same_place(VILLAGE, MALI)  # inside its region and country
    assert not same_place(VILLAGE, MOPTI)  # another town
    assert same_place(VILLAGE, Location(None, "Dar Es Kouna", None, None, 1, "ML"))  # another spelling
    assert not same_place(VILLAGE, NIGER)


def test_the_day_a_report_was_written_does_not_split_a_happening():
    late = _m("b1", "art_2", loc=MOPTI, day="2025-05-03")
    late.day_implied = True  # "UNICEF said on Saturday that children were killed in Mopti"
    assert _groups([_m("a1", day="2025-05-02", loc=MOPTI), late]) == [["a1", "b1"]]


def test_a_count_of_people_is_not_a_count_of_acts():
    s = "Two alleged suspects were detained overnight near the border."
    assert not told_as_history(s, s.index("detained"), s.index("detained") + 8)
    s = "The neighbours fought two wars over the valley."
    assert told_as_history(s, s.index("wars"), s.index("wars") + 4)


def test_crowds_never_tell_two_happenings_apart():
    riot = ("Riots", "Violent demonstration")
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI, actors=["police"], acled=riot),
                _m("a2", day="2025-05-02", actors=["protesters"], acled=riot, offset=40)]
    assert _groups(mentions) == [["a1", "a2"]]


def test_settlements_are_read_from_how_the_text_names_them():
    from newsprism.coding import _reporting_verb, _settlement_names
    from newsprism.records import Evidence

    def ev(text):
        return Evidence("doc_x", 100, 100 + len(text), text)

    assert _settlement_names(ev("Gunmen stormed Kafr Ruma village at dawn.")) == ["Kafr Ruma"]
    assert _settlement_names(ev("They shelled the village of “Tell Hamra” twice.")) == ["Tell Hamra"]
    assert _settlement_names(ev("Police dispersed crowds around the Kibera area.")) == ["Kibera"]
    assert _settlement_names(ev("The attack on the village killed nine.")) == []
    s = ev("The agency stated on Friday that it received reports of 12 deaths.")
    day = s.text.index("Friday")
    verb = _reporting_verb(Evidence("doc_x", 100 + day, 100 + day + 6, "Friday"), s)
    assert verb is not None and verb.text == "stated"


def test_a_report_written_before_a_happening_is_not_of_it():
    early = _m("b1", "art_2", loc=MOPTI, day="2025-04-28")
    early.day_implied = True  # written on 28 April, so not of the 2 May attack
    assert _groups([_m("a1", day="2025-05-02", loc=MOPTI), early]) == [["a1"], ["b1"]]


def test_a_mine_and_a_shelling_are_two_happenings():
    mine = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    shell = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    strike = ("Explosions/Remote violence", "Air/drone strike")
    mentions = [_m("a1", day="2025-05-01", acled=mine, recipients=["soldiers"]),
                _m("b1", "art_2", day="2025-05-01", loc=MOPTI, acled=shell, recipients=["soldiers"]),
                _m("c1", "art_3", day="2025-05-01", loc=MOPTI, acled=strike, recipients=["soldiers"])]
    assert _groups(mentions) == [["a1"], ["b1", "c1"]]


def test_an_undated_mention_joins_the_happening_most_like_it():
    mine = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    clash = ("Battles", "Armed clash")
    mentions = [_m("m1", day="2025-05-04", acled=mine, recipients=["soldiers"]),
                _m("o1", "art_2", day="2025-05-01", loc=MOPTI_REGION, acled=clash, actors=["Malian army"]),
                _m("o2", "art_3", loc=MOPTI_REGION, acled=clash, actors=["Malian army"], trigger="operation")]
    assert _groups(mentions) == [["m1"], ["o1", "o2"]]


def test_the_weapon_and_the_outcome_type_a_happening():
    shell = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    attack = ("Violence against civilians", "Attack")
    group = [_m("a", acled=shell, recipients=["civilians"]), _m("b", acled=shell), _m("c", acled=attack, recipients=["civilians"])]
    assert happening_type(group) == shell  # shells that hit civilians are still remote violence
    clash, gains = ("Battles", "Armed clash"), ("Battles", "Government regains territory")
    group = [_m("a", acled=clash), _m("b", acled=clash), _m("c", acled=clash), _m("d", acled=gains), _m("e", acled=gains)]
    assert happening_type(group) == gains


def test_a_town_shelled_during_an_offensive_is_an_event_of_its_own():
    clash = ("Battles", "Armed clash")
    shell = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    mentions = [_m("o1", day="2025-05-01", loc=MOPTI_REGION, acled=clash, actors=["Malian army"]),
                _m("s1", "art_2", day="2025-05-01", loc=SEVARE, acled=shell, recipients=["civilians"])]
    assert _groups(mentions) == [["o1"], ["s1"]]


def test_a_long_past_told_in_the_perfect_is_history():
    s = "The two neighbours have fought three wars since the collapse of the empire, and truces between them failed."
    assert told_as_history(s, s.index("truces"), s.index("truces") + 6)


def test_the_dead_of_two_groups_add_up_at_both_ends():
    from newsprism.coding import event_fatalities
    from newsprism.records import Evidence, Figure

    def fig(fid, low, high, who):
        return Figure(fid, "art_1", "killed", low, high, "exact", None, who, (), None, "none", False, None, "evt_1",
                      Evidence("doc_1", 0, 10, "x"))

    tolls = event_fatalities([fig("f1", 4, 4, "police"), fig("f2", 2, 2, "civilians")], {})
    assert tolls["evt_1"]["low"] == 6 and tolls["evt_1"]["high"] == 6


def test_a_peaceful_protest_has_no_second_side_and_a_battle_no_civilian_one():
    protest = [_m("a", acled=("Protests", "Peaceful protest"), actors=["protesters"], recipients=["Malian army"], ptype="PROTEST")]
    side1, side2 = happening_actors(protest, "Protests", "ML", "Peaceful protest")
    assert [a.name for a in side1] == ["Protesters (Mali)"] and side2 == []
    battle = [_m("a", acled=("Battles", "Armed clash"), actors=["Malian army"], recipients=["civilians", "JNIM"])]
    _side1, side2 = happening_actors(battle, "Battles", "ML", "Armed clash")
    assert "Civilians (Mali)" not in [a.name for a in side2]


def test_a_states_government_army_and_police_are_one_side():
    clash = ("Battles", "Armed clash")
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI_REGION, acled=clash, actors=["Malian army"]),
                _m("b1", "art_2", day="2025-05-02", acled=clash, actors=["Mali"], trigger="offensive")]
    assert _groups(mentions) == [["a1", "b1"]]


def test_a_report_told_on_its_own_day_dates_the_statement():
    from newsprism.coding import _dates_a_statement
    from newsprism.records import Evidence

    text = "The medical union reported the casualties on Friday, after a day of clashes on Thursday."
    s = Evidence("d", 0, len(text), text)
    fri, thu = text.index("Friday"), text.index("Thursday")
    trig = Evidence("d", text.index("clashes"), text.index("clashes") + 7, "clashes")
    assert _dates_a_statement(Evidence("d", fri, fri + 6, "Friday"), s, trig)
    assert not _dates_a_statement(Evidence("d", thu, thu + 8, "Thursday"), s, trig)


def test_a_vague_mention_goes_to_the_one_happening_it_is_clearly_like():
    riot = ("Riots", "Violent demonstration")
    mentions = [_m("a1", day="2025-05-02", loc=MOPTI, actors=["police"], acled=riot),
                _m("b1", "art_2", day="2025-05-02", loc=SEVARE, acled=riot, actors=["protesters"]),
                _m("c1", "art_3", actors=["police"], acled=riot, trigger="opened fire")]  # no day, no place
    assert _groups(mentions) == [["a1", "c1"], ["b1"]]


def test_two_towns_a_few_km_apart_are_two_places_two_names_of_a_region_one():
    town_a = Location("ent_a", "Kelbaj", 39.80, 46.75, 1, "AZ")
    town_b = Location("ent_b", "Tursa", 39.76, 46.75, 1, "AZ")  # ~4.5 km away
    assert not same_place(town_a, town_b)
    region_a = Location("ent_ra", "Gezira", 14.667, 33.222, 4, "SD")
    region_b = Location("ent_rb", "al-Jazira", 14.70, 33.25, 4, "SD")
    assert same_place(region_a, region_b)


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


def test_a_report_of_a_protest_the_police_shot_at_reads_as_a_demonstration():
    clash = ("Battles", "Armed clash")  # "shootings", with no side named
    group = [_m("a", acled=clash, trigger="shootings"), _m("b", acled=clash, trigger="shot"),
             _m("c", acled=("Protests", "Excessive force against protesters"), trigger="protest",
                sentence="The protest that began peacefully turned riotous."),
             _m("d", acled=("Protests", "Peaceful protest"), trigger="protests")]
    assert happening_type(group) == ("Riots", "Violent demonstration")


def test_what_a_protest_is_against_is_no_victim():
    """"protests against tax rises in Mali" names the state as what the crowd opposes, not as a
    victim: a shooting of civilians the same day at the same place is still the same happening."""
    protest = _m("a1", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Protests", "Peaceful protest"),
                 actors=["protesters"], recipients=["the government"], trigger="protests")
    shooting = _m("b1", "art_2", day="2025-05-02", loc=MOPTI, recipients=["several people"], trigger="shot")
    shooting.day_implied = True  # "several people have been shot in Mopti", in a report of that day
    assert _groups([protest, shooting]) == [["a1", "b1"]]


def test_a_shooting_another_day_is_not_the_protest():
    protest = _m("a1", day="2025-05-02", loc=MOPTI, ptype="PROTEST", acled=("Protests", "Peaceful protest"),
                 actors=["protesters"], trigger="protests")
    shooting = _m("b1", "art_2", day="2025-05-03", loc=MOPTI, recipients=["several people"], trigger="shot")
    shooting.day_implied = True
    assert _groups([protest, shooting]) == [["a1"], ["b1"]]


def test_the_day_of_a_reaction_is_not_the_day_of_the_act():
    from newsprism.coding import _reacted_to
    from newsprism.records import Evidence

    def check(text, trigger):
        s = Evidence("d", 0, len(text), text)
        t = text.index(trigger)
        return _reacted_to(s, Evidence("d", t, t + len(trigger), trigger))

    assert check("The same day that Mali celebrated the recapture of Kidal, the rebels regrouped.", "recapture")
    assert check("On Monday the council condemned Friday's bombing of the market.", "bombing")
    assert not check("The army recaptured Kidal on Monday, and crowds celebrated in Bamako.", "recaptured")


def test_pipeline_dates_reported_acts_and_the_statements_that_report_them(tmp_path):
    """"... were killed during protests in Gao on Tuesday, the medical union said on Wednesday":
    the killing is Tuesday's and the statement Wednesday's; an undated claim by a named source in a
    past-tense report is a statement of the report's day, never an ACLED row."""
    record = _record_of(tmp_path, {
        "a.txt": ("Gao protests turn deadly\n\n"
                  "At least nine people were killed and 40 wounded during protests against fuel prices in Gao on "
                  "Tuesday, the Mali Medical Union said on Wednesday.\n", "2025-05-08"),
        "b.txt": ("Mali blames foreigners for Gao riots\n\n"
                  "Prime Minister Choguel Maiga claimed that foreign agents had organised the deadly riots in Gao.\n",
                  "2025-05-09"),
    })
    killed = [e for e in record["events"] if e["realis"] == "actual"
              and any(m["trigger"]["text"] == "killed" for m in e["mentions"])]
    assert killed and all(e["date_start"] == "2025-05-06" for e in killed), killed
    statements = {e["mentions"][0]["trigger"]["text"]: e for e in record["events"] if e["realis"] == "speech_act"
                  and e["mentions"][0]["trigger"]["text"] in ("said", "claimed")}
    assert statements["said"]["date_start"] == "2025-05-07"
    assert statements["claimed"]["date_start"] == "2025-05-09"
    assert statements["claimed"]["acled_event_type"] is None


def test_a_habit_is_no_happening():
    s = "The ministry said rebels in the hills systematically shell army positions."
    assert told_as_history(s, s.index("shell"), s.index("shell") + 5)
    s = "Rebels shelled army positions in the hills on Monday."
    assert not told_as_history(s, s.index("shelled"), s.index("shelled") + 7)


def test_an_undated_blast_in_a_report_of_an_offensive_is_the_story_s_blast():
    """A report of an offensive mentions, undated, the mine blasts before it: they are the blast
    the story dates and places elsewhere, and the doer named there comes first."""
    mine = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    battle = ("Battles", "Armed clash")
    mentions = [
        _m("o1", "art_1", day="2025-05-02", loc=MOPTI_REGION, acled=battle, actors=["the Malian army"], trigger="offensive"),
        _m("b1", "art_2", day="2025-05-01", loc=MOPTI, acled=mine, recipients=["policemen"], trigger="blast"),
        _m("b2", "art_2", day="2025-05-01", loc=MOPTI, acled=("Violence against civilians", "Attack"),
           actors=["the Malian army"], recipients=["civilians"], trigger="targeting", offset=300),
        _m("o2", "art_1", acled=mine, actors=["jihadist rebels"], recipients=["soldiers"], trigger="explosions", offset=120),
    ]
    mentions[3].day, mentions[3].day_implied = "2025-05-02", True
    groups = assemble(mentions, lambda _s: dt.date(2025, 5, 3))
    blast = next(g for g in groups if any(m.mention_id == "b1" for m in g))
    assert sorted(m.mention_id for m in blast) == ["b1", "b2", "o2"]
    side1, _ = happening_actors(blast, "Explosions/Remote violence", "ML", mine[1])
    assert side1[0].name != "Military Forces of Mali (2021-)" and side1[0].kind == "rebel"


def test_a_region_of_states_is_no_events_location():
    """"killed in action in the Middle East": a continent or a region of states places nothing."""
    from newsprism.coding import _location
    from newsprism.records import Evidence
    from newsprism.resolve import EntityIndex

    index = EntityIndex.__new__(EntityIndex)
    index.lookup = lambda _name: None  # nothing resolved: the gazetteer alone decides
    index.places, index.names = {}, {}
    assert _location([Evidence("d", 0, 11, "Middle East")], index) is None
    loc = _location([Evidence("d", 0, 11, "Middle East"), Evidence("d", 20, 25, "Raqqa")], index)
    assert loc is not None and loc.name == "Raqqa" and loc.country_code == "SY"


def test_a_region_inside_one_country_places_a_happening_and_one_across_states_does_not():
    from newsprism.happenings import precise
    assert precise(Location(None, "Eastern Valley", 10.0, 10.0, 5, "ML"))
    assert not precise(Location(None, "the Sahel", 15.0, 2.0, 5, None))


def test_pipeline_a_present_tense_attribution_dates_the_act_by_its_report(tmp_path):
    """"The army says it has retaken Kidal": the news of the report's day, as ACLED codes it."""
    record = _record_of(tmp_path, {"a.txt": (
        "Mali army retakes Kidal\n\n"
        "The Malian army says it has retaken the northern town of Kidal from Tuareg rebels after heavy fighting.\n",
        "2025-05-08")})
    retaken = [e for e in record["events"] if any(m["trigger"]["text"] == "retaken" for m in e["mentions"])]
    assert retaken and retaken[0]["date_start"] == "2025-05-08", retaken


def test_a_state_adjective_before_an_attack_names_its_forces_a_place_name_does_not():
    from newsprism.coding import _attributive_demonym
    from newsprism.framing import demonym_country
    from newsprism.records import Evidence

    text = "reports of further Malian strikes and of the Bamako attack"
    trig1, trig2 = text.index("strikes"), text.index("attack")
    mal, bko = text.index("Malian"), text.index("Bamako")
    assert _attributive_demonym(Evidence("d", mal, mal + 6, "Malian"), Evidence("d", trig1, trig1 + 7, "strikes"))
    assert not _attributive_demonym(Evidence("d", bko, bko + 6, "Bamako"), Evidence("d", trig2, trig2 + 6, "attack"))
    assert demonym_country("Malian") == "ML" and demonym_country("Mali") is None


def test_a_crowd_is_never_the_doer_of_an_armed_act():
    mine = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    group = [_m("a1", day="2025-05-02", loc=MOPTI, acled=mine, recipients=["worshippers"], trigger="blast"),
             _m("a2", acled=("Protests", "Peaceful protest"), ptype="PROTEST", actors=["mourners and protesters"],
                trigger="chanted", offset=300)]
    side1, _ = happening_actors(group, "Explosions/Remote violence", "ML", mine[1])
    assert side1 and side1[0].name == "Unidentified Armed Group (Mali)"


def test_pipeline_a_small_namesake_abroad_places_nothing(tmp_path):
    """A district the gazetteer knows only in another country the story never names is no place of it."""
    from newsprism.geocode import geocode

    abroad = geocode("Heliopolis")
    if abroad is None or abroad.country_code == "EG":
        import pytest
        pytest.skip("the gazetteer has no foreign namesake for this name")
    record = _record_of(tmp_path, {"a.txt": (
        "Bombs kill police in Cairo\n\n"
        "Two bombs killed six police officers in Cairo, Egypt, on Friday, the interior ministry said. "
        "Police in Egypt said a second bomb exploded on Saturday in Heliopolis.\n", "2025-05-10")})
    assert not [e for e in record["events"] if (e["location"] or {}).get("country_code") == abroad.country_code]


def test_the_suspects_held_are_the_arrested_side_before_people():
    arrests = ("Strategic developments", "Arrests")
    group = [_m("a1", day="2025-05-02", loc=MOPTI, acled=arrests, ptype="COERCE", actors=["the police"],
                recipients=["11 people"], trigger="detained"),
             _m("a2", acled=arrests, ptype="COERCE", recipients=["four suspects"], trigger="arrested", offset=200)]
    _, side2 = happening_actors(group, "Strategic developments", "ML", "Arrests")
    assert side2 and side2[0].name == "Unidentified Armed Group (Mali)"
