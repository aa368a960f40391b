"""Happenings, not mentions: every mention in a story that reports the same real happening becomes
one event, and each event says whether it really happened inside the story's period.

A coder reading six reports of one shooting writes one row. So mentions are grouped per story and
per *family* of act (armed violence and demonstrations are one family: a protest the police shoot
at is one happening told as "protest", "clash" or "shooting"; arrests, agreements and other
strategic developments each their own). Two mentions are the same happening when nothing they say
tells them apart: the same day (when both give one), places that can be the same (the same place,
or one inside the other: a town inside its region or country; a shared named facility), actors that
do not conflict, and victims of the same kind (police at one place and civilians at another are two
happenings). Mentions that give a day or a place seed the happenings; a mention that gives neither
("the attack", "the killings") joins the one happening of its family it can be, preferring one its
own article reports.

``realis`` says whether a mention reports something that happened (``actual``) or was denied,
threatened, planned, hypothetical or only said (``speech_act``). ``background`` marks what the story
tells as history: dated more than a month before the story's latest report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsprism.actors import AcledActor, state_force
from newsprism.geocode import haversine_km
from newsprism.records import Location

# how long before the story's latest report a happening still belongs to the story (ACLED's coders
# take about a month); earlier dates are history told as background
BACKGROUND_DAYS = 31
# PLOVER types that are words, not deeds
_SPEECH = frozenset({"ACCUSE", "REJECT", "REQUEST", "CONSULT"})
_DISORDER = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots"})
# victims of different kinds make different happenings
_VICTIM_KINDS = frozenset({"civilians", "state", "protesters", "rioters", "external"})


@dataclass
class CodedMention:
    """One event mention with everything the assembly needs, resolved against the corpus."""

    mention_id: str
    article_id: str
    story_id: str | None
    plover_type: str
    acled_type: tuple[str | None, str | None]
    modes: tuple[str, ...]
    actors: list[AcledActor | None]  # parallel to the phrases as written
    recipients: list[AcledActor | None]
    location: Location | None
    place_names: frozenset[str]  # every place phrase of the mention, folded (facilities too)
    day: str | None  # ISO day when the mention's date is known to the day
    date_rank: int  # 0 explicit, 1 relative to the page, 2 relative to another date, 3 none
    date_end: str | None  # the last day the mention's date can be (for background)
    realis: str
    trigger_text: str
    sentence: str = ""
    offset: int = 0  # where the sentence starts in its document
    article_order: int = 0
    told_as_history: bool = False  # no date, but worded as the past ("two wars were fought")
    date_start: str | None = None  # the first day it can be (a week or a month: "last week's attack")
    country: str | None = None  # where it happened: its place's country, else its story's
    day_implied: bool = False  # the day is the report's (a past-tense sentence with no date of its own)


@dataclass
class _Happening:
    members: list[CodedMention] = field(default_factory=list)

    @property
    def days(self) -> set[str]:
        """The days its reports state (a day only implied by when a report was written is no evidence)."""
        return {m.day for m in self.members if m.day and not m.day_implied}

    @property
    def places(self) -> list[Location]:
        return [m.location for m in self.members if m.location is not None]


def realis(plover_type: str, negated: bool, hypothetical: bool) -> str:
    """Whether a mention reports a deed that happened, in SCHEMA's words."""
    if negated:
        return "negated"
    if plover_type == "THREATEN":
        return "threatened"
    if hypothetical:
        return "hypothetical"
    if plover_type in _SPEECH:
        return "speech_act"
    return "actual"


def family(m: CodedMention) -> str:
    """What kind of act a mention is, for grouping: disorder, or one strategic sub-type, or its PLOVER type.

    Looting and destruction are told as part of the attack they come with, so they group with it.
    """
    event_type, sub_type = m.acled_type
    if event_type in _DISORDER or sub_type == "Looting/property destruction":
        return "disorder"
    if event_type:
        return f"{event_type}/{sub_type}"
    return f"plover/{m.plover_type}"


def is_background(date_end: str | None, story_end: dt.date | None) -> bool:
    if not date_end or story_end is None:
        return False
    return (story_end - dt.date.fromisoformat(date_end)).days > BACKGROUND_DAYS


def assemble(mentions: Sequence[CodedMention], story_end: Callable[[str | None], dt.date | None]) -> list[list[CodedMention]]:
    """Group mentions into happenings; each group is one event (mentions in input order)."""
    groups: list[list[CodedMention]] = []
    by_family: dict[tuple[str | None, str], list[CodedMention]] = {}
    for m in mentions:
        if m.realis != "actual" or m.told_as_history or is_background(m.date_end, story_end(m.story_id)):
            groups.append([m])  # kept in the record with its flag, never merged into a real happening
            continue
        by_family.setdefault((m.story_id, family(m)), []).append(m)
    for (_story, fam), members in by_family.items():
        if fam.startswith("plover/"):
            groups += _by_identity(members)
            continue
        anchored = [m for m in members if anchors(m)]
        loose = [m for m in members if not anchors(m)]
        happenings: list[_Happening] = []
        # the best-anchored mentions first: they set the day and place the others must fit
        for m in sorted(anchored, key=lambda m: (stated_day(m) is None, m.date_rank, _prec(m.location), m.article_order)):
            home = _best_home([h for h in happenings if _fits(h, m)], m)
            if home is None:
                home = _Happening()
                happenings.append(home)
            home.members.append(m)
        seeded = list(happenings)
        for m in loose:
            fitting = [h for h in seeded if _fits(h, m)]
            if _weapon(m) == "planted":
                # a planted bomb is an act of its own: told in a report of an offensive, it is still
                # the blast the story dates and places elsewhere, when there is one
                blasts = [h for h in fitting if any(_weapon(x) == "planted" for x in h.members if anchors(x))]
                if len(blasts) == 1:
                    blasts[0].members.append(m)
                    continue
                fitting = blasts or fitting
            # a report's vague mention ("the attack") is of the happening its own report tells
            # nearest to it; else of the story's one happening of its kind, if it has only one
            same_article = [h for h in fitting if any(x.article_id == m.article_id for x in h.members)]
            if same_article:
                home = min(same_article, key=lambda h: min(abs(x.offset - m.offset) for x in h.members
                                                             if x.article_id == m.article_id))
            elif len(seeded) == 1 and fitting:
                home = fitting[0]
            elif (liked := _clearly_most_like(fitting, m)) is not None:
                home = liked  # the one happening it shares its kind of act, its actors or its place with
            else:
                happenings.append(_Happening([m]))
                continue
            home.members.append(m)
        groups += [h.members for h in happenings]
    return groups


_HISTORY_WORDS = frozenset({"previous", "past", "earlier", "former", "decades", "years",
                            "since", "ago", "last", "prior", "recurring", "repeated", "repeatedly",
                            # a habit, not one happening ("the rebels routinely shell army posts")
                            "systematically", "regularly", "routinely", "constantly", "continually",
                            "habitually", "frequently"})
# words that make the act itself plural ("two wars", "both conflicts"), but only right before it:
# "two suspects were detained" counts people, not acts
_COUNTING_WORDS = frozenset({"two", "three", "both", "several", "many"})
_PLURAL_ACTS = frozenset({"wars", "conflicts", "battles", "offensives", "campaigns", "rounds", "times", "uprisings"})


def told_as_history(sentence: str, trigger_start: int, trigger_end: int) -> bool:
    """An undated mention worded as history or habit: the words next to its trigger say it is past
    or recurring, not one happening ("fought two wars", "in previous wars", "the 2020 conflict",
    "has repeatedly attacked", "systematically shell")."""
    before = re.findall(r"[\w']+", sentence[:trigger_start].lower())[-4:]
    after = re.findall(r"[\w']+", sentence[trigger_end:].lower())[:3]
    window = before + after
    return any(w in _HISTORY_WORDS or re.fullmatch(r"1[89]\d\d|20\d\d|\d{4}s", w) for w in window) \
        or bool(before) and before[-1] in _COUNTING_WORDS \
        or len(after) > 1 and after[0] in _COUNTING_WORDS and after[1] in _PLURAL_ACTS \
        or bool(_SPAN_OF_TIME.search(sentence)) or bool(_LONG_PAST.search(sentence))


# a toll or an act told over a span of time ("in a little over a year, the war has killed …")
# a sentence that tells a long past ("have fought two wars since the collapse of the Soviet Union")
_LONG_PAST = re.compile(r"\bsince (?:the )?(?:collapse|fall|end|break-?up|dissolution|independence|1[89]\d\d\b|20\d\d\b)"
                        r"|\b(?:have|has) (?:already )?(?:fought|waged)\b", re.IGNORECASE)
_SPAN_OF_TIME = re.compile(r"\b(?:in|over|during|throughout|for) (?:the )?(?:past |last |a little over (?:a )?|more than (?:a )?"
                           r"|nearly (?:a )?|almost (?:a )?)?(?:a |one |two |three |several |many )?"
                           r"(?:years?|months|decades?)\b", re.IGNORECASE)


def _clearly_most_like(fitting: list[_Happening], m: CodedMention) -> _Happening | None:
    """The happening a vague mention is most like, when one stands out; else None (no guess)."""
    if len(fitting) < 2:
        return None
    scores = sorted(((_likeness(h, m), i) for i, h in enumerate(fitting)), reverse=True)
    (top, i), (second, _j) = scores[0], scores[1]
    return fitting[i] if top > second and top > 0 else None


def _likeness(h: _Happening, m: CodedMention) -> int:
    same_type = m.acled_type[0] is not None and any(x.acled_type[0] == m.acled_type[0] for x in h.members)
    actors = _named(m.actors) & set().union(*(_named(x.actors) | _named(x.recipients) for x in h.members))
    place = m.location is not None and any(x.location is not None and x.location.name == m.location.name
                                           for x in h.members)
    report = any(x.article_id == m.article_id for x in h.members)
    return 2 * same_type + bool(actors) + place + report


def _best_home(fitting: list[_Happening], m: CodedMention) -> _Happening | None:
    """Of the happenings a mention can be, the one most like it: the same kind of act, the same
    named actors, the same place, the same report (an undated "operation" in a region belongs to
    the offensive there, not to a mine blast the same story tells of)."""
    if not fitting:
        return None
    best = max(_likeness(h, m) for h in fitting)
    return next(h for h in fitting if _likeness(h, m) == best)


def _by_identity(members: list[CodedMention]) -> list[list[CodedMention]]:
    """Acts that are no ACLED event (meetings, aid, sanctions): merged only when actors, day and
    place are all the same, since the words alone cannot show two such reports are one act."""
    out: dict[tuple, list[CodedMention]] = {}
    for i, m in enumerate(members):
        names = tuple(sorted({a.name for a in m.actors if a}))
        key = (names, m.day, m.location.name if m.location else None) if names and m.day else (i,)
        out.setdefault(key, []).append(m)
    return list(out.values())


def precise(loc: Location | None) -> bool:
    """A place below the country: a town, a district, a region (one inside a single country, such as
    a valley or an enclave, as much as an administrative one)."""
    return loc is not None and ((loc.where_prec or 9) <= 4 or loc.where_prec == 5 and loc.country_code is not None)


def _prec(loc: Location | None) -> int:
    return (loc.where_prec or 9) if loc is not None else 9


def _fits(h: _Happening, m: CodedMention) -> bool:
    return _days_fit(h, m) and _places_fit(h, m) and _actors_fit(h, m) and _victims_fit(h, m) \
        and _kinds_fit(h, m) and _weapons_fit(h, m)


# a planted explosive and a fired one are different acts (a mine on a road, shells on a town);
# shelling and strikes are often told of one bombardment, so they may be one
_PLANTED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_FIRED = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})


def _weapon(m: CodedMention) -> str | None:
    sub = m.acled_type[1]
    return "planted" if sub in _PLANTED else "fired" if sub in _FIRED else None


def _weapons_fit(h: _Happening, m: CodedMention) -> bool:
    """A planted and a fired weapon are two acts; and a town shelled during an offensive is an
    event of its own (ACLED codes the shelling of a town apart from the ground fighting), unless
    one report tells them together or the fighting too is placed at that town."""
    if any(x.article_id == m.article_id and abs(x.offset - m.offset) < 400 for x in h.members):
        return True
    seeds = [x for x in h.members if anchors(x)]
    mine = _weapon(m)
    if mine is not None and any(_weapon(x) not in (None, mine) for x in seeds):
        return False
    return all(not _town_shelling_in_a_battle(a, b) for x in seeds for a, b in ((m, x), (x, m)))


def _town_shelling_in_a_battle(remote: CodedMention, fight: CodedMention) -> bool:
    """``remote`` tells of a weapon fired at a town, ``fight`` of ground fighting placed elsewhere."""
    if _weapon(remote) is None or fight.acled_type[0] != "Battles" or remote.location is None:
        return False
    if (remote.location.where_prec or 9) > 3:
        return False
    return fight.location is None or fight.location.name != remote.location.name


def stated_day(m: CodedMention) -> str | None:
    return None if m.day_implied else m.day


def anchors(m: CodedMention) -> bool:
    """A mention that dates or places its act itself: a stated day, or a place below the country."""
    return bool(stated_day(m)) or precise(m.location)


def _days_fit(h: _Happening, m: CodedMention) -> bool:
    days = h.days
    if not days:
        return True
    if stated_day(m):
        return m.day in days
    if m.day_implied:
        # the day a report was written only bounds the act: it happened that day or before
        return all(d <= m.day for d in days)  # type: ignore[operator]
    if m.date_start and m.date_end:  # a week or a month holds the happening's day
        return any(m.date_start <= d <= m.date_end for d in days)
    return True


def demonstration_kind(m: CodedMention) -> bool:
    """Told as a demonstration: a protest, or an act by or against protesters or rioters."""
    kinds = {a.kind for a in (*m.actors, *m.recipients) if a is not None}
    return m.plover_type == "PROTEST" or bool(kinds & {"protesters", "rioters"}) \
        or m.acled_type[0] == "Protests" or m.acled_type[1] == "Violent demonstration"


def _kinds_fit(h: _Happening, m: CodedMention) -> bool:
    """A protest and an armed attack are one happening only when something ties them: the same
    report, or the same day at the same place (police firing on a crowd, told as a shooting)."""
    mine = demonstration_kind(m)
    if any(demonstration_kind(x) == mine for x in h.members):
        return True
    if any(x.article_id == m.article_id and (abs(x.offset - m.offset) < 400 or m.location is not None
                                              and x.location is not None and same_place(m.location, x.location))
           for x in h.members):
        return True  # told together by one report: in one passage, or at one place
    # the same day: stated, or the day of a report that tells the act as just done
    return bool(m.day) and m.day in h.days and m.location is not None and any(
        x.location is not None and same_place(m.location, x.location) for x in h.members)


def _places_fit(h: _Happening, m: CodedMention) -> bool:
    if m.location is None:
        return True
    countries = {x.location.country_code for x in h.members if x.location is not None and x.location.country_code}
    if m.location.country_code and countries and m.location.country_code not in countries:
        return False
    if any(_shares_facility(m, x) for x in h.members):
        return True  # the same hall, market or camp, whichever town each report names beside it
    return all(same_place(m.location, x.location) or _same_metro(m, x) for x in h.members if x.location is not None)


# a city this large is what reports name for the towns around it ("a concert hall outside Moscow")
METRO_POPULATION = 1_000_000
METRO_KM = 40.0


def _same_metro(a: CodedMention, b: CodedMention) -> bool:
    """One report places an attack at a big city, another at a town on its edge: the same place.
    Not for demonstrations, which a coder records per site (a march downtown and a crowd in a
    suburb the same day are two events)."""
    if a.location is None or b.location is None or demonstration_kind(a) or demonstration_kind(b):
        return False
    big, small = sorted((a.location, b.location), key=lambda p: -(p.population or 0))
    if (big.population or 0) < METRO_POPULATION or big.where_prec != 1 or small.where_prec != 1:
        return False
    if None in (big.lat, big.lon, small.lat, small.lon):
        return False
    return haversine_km(big.lat, big.lon, small.lat, small.lon) <= METRO_KM  # type: ignore[arg-type]


def place_skeleton(name: str) -> str:
    """A spelling-blind key for a place name the gazetteer does not know: its consonants, so
    transliterations of one name ("Wad al-Nura", "Wad Al-Noura") meet."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.lower())
    letters = "".join(c for c in folded if c.isalpha())
    return re.sub(r"[aeiouy]", "", letters)


def _shares_facility(a: CodedMention, b: CodedMention) -> bool:
    """Both name a spot beyond the towns they are placed at (a hall, a square, a camp)."""
    towns = {x.location.name.lower() for x in (a, b) if x.location is not None}

    def spots(m: CodedMention) -> set[str]:
        out = set()
        for n in m.place_names:
            words = n.split()
            while words and words[0] in ("the", "a", "an"):
                words = words[1:]
            if len(words) > 1 and not any(t in n for t in towns):
                out.add(" " + " ".join(words) + " ")
        return out

    # "the Crocus City Hall" and "the Crocus City Hall concert venue" are one spot
    return any(x in y or y in x for x in spots(a) for y in spots(b))


def same_place(a: Location, b: Location) -> bool:
    """Two places that can be where one happening was: the same, or one inside the other."""
    if a.entity_id and a.entity_id == b.entity_id or a.name.lower() == b.name.lower():
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    unlocated = [p for p in (a, b) if p.lat is None and p.where_prec == 1]
    if unlocated:
        # a village the gazetteer lacks: the same when the names are, inside any wider unit of
        # its country (the text names it there; there is no point to test), else another place
        other = b if unlocated[0] is a else a
        if (other.where_prec or 9) == 1:
            key = place_skeleton(a.name)
            return len(key) >= 3 and key == place_skeleton(b.name)
        return True
    fine, coarse = sorted((a, b), key=lambda p: p.where_prec or 9)
    coarse_prec = coarse.where_prec or 9
    if None not in (a.lat, a.lon, b.lat, b.lon) and (fine.where_prec or 9) == coarse_prec >= 3 \
            and haversine_km(a.lat, a.lon, b.lat, b.lon) <= 10.0:  # type: ignore[arg-type]
        return True  # two names of one unit ("Gezira" and "al-Jazira" state)
    if coarse_prec >= 6:  # a country holds all of its places
        return bool(fine.country_code) and fine.country_code == coarse.country_code
    if (fine.where_prec or 9) >= coarse_prec:
        return False  # two towns, or two regions: different places
    if None in (fine.lat, fine.lon, coarse.lat, coarse.lon):
        return False
    # a town inside the district or region named beside it (no polygons: a radius by unit size)
    reach = {3: 60.0, 4: 250.0, 5: 400.0}.get(coarse_prec, 0.0)
    return haversine_km(fine.lat, fine.lon, coarse.lat, coarse.lon) <= reach  # type: ignore[arg-type]


# a crowd or its victims are whoever was there: they never tell two happenings apart
_CROWDS = frozenset({"protesters", "rioters", "civilians"})


def _named(actors: list[AcledActor | None]) -> set[str]:
    """Actors that tell happenings apart: named ones, not descriptions such as "gunmen"; a
    state's government, army and police are one side ("Azerbaijan" said, its army attacked)."""
    return {_side_key(a) for a in actors if a is not None and not a.generic and a.kind not in _CROWDS}


_STATE_ORGAN = re.compile(r"^(?:Government|Military Forces|Police Forces) of ")


def _side_key(a: AcledActor) -> str:
    return "state:" + _STATE_ORGAN.sub("", a.name) if a.kind == "state" else a.name


def _actors_fit(h: _Happening, m: CodedMention) -> bool:
    """A mention's named actor must be one the happening already knows on either side, when the
    happening names actors at all (in a battle each side is the other's recipient)."""
    mine = _named(m.actors)
    if not mine:
        return True
    known = set().union(*(_named(x.actors) | _named(x.recipients) for x in h.members))
    known_actors = set().union(*(_named(x.actors) for x in h.members))
    return not known_actors or bool(mine & known)


def _victim_kinds(m: CodedMention) -> set[str]:
    """Who an act of force fell on; what a protest is against, or whom words are aimed at, is no victim."""
    if m.plover_type == "PROTEST" or m.plover_type in _SPEECH:
        return set()
    return {r.kind for r in m.recipients if r is not None and r.kind in _VICTIM_KINDS}


def _victims_fit(h: _Happening, m: CodedMention) -> bool:
    """Victims of another kind make another happening (police hit by a mine on one road, civilians
    by another in a village), unless the reports put both at the same place below the country."""
    mine = _victim_kinds(m)
    if not mine:
        return True
    theirs = set().union(*(_victim_kinds(x) for x in h.members))
    if not theirs or mine & theirs:
        return True
    return m.location is not None and (m.location.where_prec or 9) <= 4 and all(
        x.location is not None and same_place(m.location, x.location) for x in h.members if _victim_kinds(x))


def most_common(values: list, default=None):
    """The most frequent value, the earliest on ties (reports are in reading order)."""
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


# --- what the happening is, from all its reports -----------------------------------------------

_ORGANISED = frozenset({"state", "rebel", "militia", "external"})
# demonstrators who turn to violence make a riot (ACLED: "Violent demonstration")
_VIOLENT_CROWD = re.compile(
    r"\b(?:turned (?:violent|riotous)|riotous|rioting|rioters?|(?:set|sets|setting) (?:\w+ ){0,3}(?:on fire|ablaze|alight)"
    r"|torched|(?:hurl|hurled|threw|throwing|pelted|pelting) (?:stones|rocks|petrol bombs|molotov)|looted|looting"
    r"|(?:stormed|storm|breached|overran|overwhelmed) (?:the |a )?(?:police|parliament|compound|building|gates?|barricades?))",
    re.IGNORECASE)


# how much a reading says about the act, in the order ACLED's coders decide a sub-type: territory
# changing hands first (the battle that took it), then the weapon (a suicide bomber's blast is a
# suicide bombing, not a remote explosive), then the act (sexual violence, an abduction), then who
# is hit; a bare "attack" or "clash" says the least
_SPECIFICITY = (
    "Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
    "Suicide bomb", "Chemical weapon", "Air/drone strike", "Grenade", "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack", "Sexual violence", "Abduction/forced disappearance",
    "Mob violence", "Looting/property destruction", "Attack", "Armed clash",
)
_DEMONSTRATION = frozenset({"Protests", "Riots"})


def _specificity(t: tuple[str | None, str | None]) -> int:
    return _SPECIFICITY.index(t[1]) if t[1] in _SPECIFICITY else len(_SPECIFICITY)


def _report_readings(group: Sequence[CodedMention]) -> list[tuple[str | None, str | None]]:
    """One reading per report (article): the one its mentions give most often, the most specific on
    a tie. A report that tells the act in its lead and again in its body has one voice, not two."""
    by_article: dict[str, Counter[tuple[str | None, str | None]]] = {}
    for m in group:
        if m.acled_type[0]:
            by_article.setdefault(m.article_id, Counter())[m.acled_type] += _weight(m)
    out = []
    for counts in by_article.values():
        # first whether the report tells a demonstration (its protest words against its armed
        # ones: "protests", "turned riotous" and "police opened fire" are one telling), then how
        demo = sum(n for t, n in counts.items() if t[0] in _DEMONSTRATION)
        armed = sum(n for t, n in counts.items() if t[0] not in _DEMONSTRATION)
        if demo and armed:
            counts = Counter({t: n for t, n in counts.items() if (t[0] in _DEMONSTRATION) == (demo > armed)})
        best = max(counts.values())
        out.append(min((t for t in counts if counts[t] == best), key=_specificity))
    return out


def _weight(m: CodedMention) -> float:
    """A "clash" or "shooting" that names no side at all is the typing's fallback, not evidence
    of two armed sides (ACLED's clash): it counts half."""
    sideless = not any(m.actors) and not any(m.recipients)
    return 0.5 if sideless and m.acled_type == ("Battles", "Armed clash") else 1.0


def happening_type(group: Sequence[CodedMention]) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) of a happening, decided from all its reports together.

    Each report (article) gives one reading; the reading most reports give stands, the most
    specific one on a tie (the weapon or the act named beats a bare "attack"). A happening most
    reports tell as a demonstration is typed the ACLED way for demonstrations: any report of
    violent demonstrators makes it a riot, else lethal force, else intervention, else peaceful.
    """
    types = [m.acled_type for m in group if m.acled_type[0]]
    if not types:
        return None, None
    if len(set(types)) == 1 or not any(t[0] in _DISORDER for t in types):
        return most_common(types)  # the reports agree (or are no violence): their own reading stands
    votes = _report_readings(group)
    demo_votes = sum(t[0] in _DEMONSTRATION for t in votes)
    actor_kinds = {a.kind for m in group for a in m.actors if a}
    victim_kinds = {r.kind for m in group for r in m.recipients if r}
    # told as a demonstration by at least half the reports (a crowd's protest that others report as
    # a shooting is still that protest; a shelling one report files beside a rally is not a rally)
    if demo_votes * 2 >= len(votes) and not (actor_kinds & {"rebel", "militia"}):
        demo = [m for m in group if demonstration_kind(m)]
        subs = {m.acled_type[1] for m in demo}
        demonstrated = any(m.plover_type == "PROTEST" and "demo" in m.modes or
                           {a.kind for a in (*m.actors, *m.recipients) if a} & {"protesters"} for m in demo)
        if not demonstrated and ("Mob violence" in subs or any("mob" in m.modes for m in demo)):
            return "Riots", "Mob violence"  # a riot with no demonstration told: a mob
        if "Violent demonstration" in subs or any("riot" in m.modes for m in demo) \
                or any(_VIOLENT_CROWD.search(m.sentence) for m in demo):
            return "Riots", "Violent demonstration"
        if any(m.acled_type[1] == "Mob violence" and not {a.kind for a in m.actors if a} & {"protesters"} for m in demo):
            return "Riots", "Mob violence"  # a mob, not the demonstrators, did the violence
        if "Excessive force against protesters" in subs:
            return "Protests", "Excessive force against protesters"
        if "Protest with intervention" in subs:
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    # the weapon decides (ACLED): shelling, strikes and mines are remote violence even when they
    # hit civilians, once the reports tell of the weapon at least as often as of a fight
    remote = [t for t in types if t[0] == "Explosions/Remote violence"]
    fights = [t for t in types if t[0] == "Battles"]
    if remote and len(remote) >= len(fights) and len(remote) * 2 >= len(types) - len(remote) - len(fights):
        return most_common(remote)
    # a battle's outcome is its sub-type: forces that take ground (told more than once) make it
    # "Government regains territory" or "Non-state actor overtakes territory", not a plain clash
    territorial = [t for t in fights if t[1] in ("Government regains territory", "Non-state actor overtakes territory")]
    if len(territorial) >= 2 and len(fights) * 2 > len(types):
        return most_common(territorial)
    # otherwise the reading most reports give: each mention's own typing already weighs its
    # weapon, its victims and its sides; on a tie, the most specific reading
    armed = [t for t in votes if t[0] not in _DEMONSTRATION] or votes
    counts = Counter(armed)
    top = sorted((t for t in counts if counts[t] == max(counts.values())), key=_specificity)
    battle = any({a.kind for a in m.actors if a} & _ORGANISED and {r.kind for r in m.recipients if r} & _ORGANISED
                 for m in group)
    if "civilians" in victim_kinds and not battle and top[0] == ("Battles", "Armed clash"):
        # a clash needs two armed sides; reports that name none but civilian victims tell an attack
        return next((t for t in types if t[0] == "Violence against civilians"), ("Violence against civilians", "Attack"))
    return top[0]


def happening_actors(group: Sequence[CodedMention], event_type: str | None, country: str | None,
                     sub_type: str | None = None) -> tuple[list[AcledActor], list[AcledActor]]:
    """ACLED actor1 side and actor2 side: the names the reports agree on most, named groups
    before unidentified ones; demonstrations are led by their protesters or rioters."""
    from newsprism.actors import acled_actor

    actors = [a for m in group for a in m.actors if a is not None]
    recipients = [r for m in group for r in m.recipients if r is not None]
    if event_type in ("Protests", "Riots"):
        crowd = "Rioters" if event_type == "Riots" else "Protesters"
        lead = acled_actor(crowd.lower(), event_country=country) or AcledActor(crowd, 5 if crowd == "Rioters" else 6, crowd.lower())
        if (event_type, sub_type) == ("Protests", "Peaceful protest"):
            return [lead], []  # no one intervened: a peaceful protest has no second side (ACLED)
        others = [a for a in actors + recipients if a.kind not in ("protesters", "rioters", "civilians")]
        return [lead], _ranked(others)[:1]
    force = "Police Forces" if event_type == "Strategic developments" else "Military Forces"

    def as_side(a: AcledActor) -> AcledActor:
        return _as_force(a, force) if event_type in _DISORDER or force == "Police Forces" else a

    actors = [as_side(a) for a in actors]
    recipients = [_as_force(r, "Military Forces") if event_type in _DISORDER else r for r in recipients]
    # a crowd is never the doer of an armed act (ACLED codes crowd violence as a riot); civilians never
    side1 = _ranked([a for a in actors if a.kind not in ("civilians", "protesters", "rioters")])
    # the doer named where the act is told as this act ("killed in a roadside blast, blaming X")
    # before one named in a report of another kind of act the happening took in
    told_as_this = {as_side(a).name for m in group if sub_type and m.acled_type[1] == sub_type
                    for a in m.actors if a is not None}
    side1.sort(key=lambda a: a.name not in told_as_this)
    side2 = _ranked([r for r in recipients if r.name not in {a.name for a in side1[:1]}
                     # a battle is between armed sides: the civilians it killed are not one
                     and not (event_type == "Battles" and r.kind == "civilians")])
    if sub_type == "Arrests":
        # suspects of an attack, held, are who ACLED names as the arrested side, before "people"
        side2.sort(key=lambda r: r.kind == "civilians")
    if not side1 and any(m.acled_type[1] == "Arrests" for m in group):
        police = state_force("Police Forces", country)  # arrests are by state forces (ACLED)
        side1 = [AcledActor(police, 1, "state", "described")] if police else []
    if event_type == "Violence against civilians" and not side2:
        civ = acled_actor("civilians", event_country=country, role="recipient")
        side2 = [civ] if civ else []
    if not side1 and event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles"):
        unknown = acled_actor("unidentified armed group", event_country=country)
        side1 = [unknown] if unknown else []
    return side1, side2


_BASIS_RANK = {"named": 0, "described": 1, "state_name": 2}


def _as_force(actor: AcledActor, force: str) -> AcledActor:
    """A government that fights is its military; one that arrests, its police."""
    if actor.kind == "state" and actor.name.startswith("Government of "):
        return AcledActor(force + " of " + actor.name[len("Government of "):], actor.inter, actor.kind, actor.basis)
    return actor


def _ranked(actors: list[AcledActor]) -> list[AcledActor]:
    """Distinct actors: named ones first ("the RSF", "Kenyan police"), then descriptions
    ("gunmen"), then a state known only by its name ("Russia said ..."); most often named first."""
    counts = Counter(a.name for a in actors)
    first: dict[str, AcledActor] = {}
    for a in actors:
        if a.name not in first or _BASIS_RANK[a.basis] < _BASIS_RANK[first[a.name].basis]:
            first[a.name] = a
    order = list(dict.fromkeys(a.name for a in actors))
    return sorted(first.values(), key=lambda a: (_BASIS_RANK[a.basis], a.generic, -counts[a.name], order.index(a.name)))
