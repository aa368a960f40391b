"""ACLED actor names: the words a report uses for who acted ("Azerbaijani troops", "gunmen",
"the RSF", "anti-tax protesters") -> the name an ACLED coder writes ("Military Forces of
Azerbaijan (2003-)", "Unidentified Armed Group (Russia)", "Rapid Support Forces", "Protesters
(Kenya)") and its ``inter`` code.

An actor is a state force, an armed group, an organisation, an identifiable group or civilians:
never a place, a building, a weapon, a number, a pronoun or a bare demonym; those give ``None``.
State forces are generated from country data (the country a phrase names, else the country the
event happened in); named groups come from ``data/acled_actors.json``, which users extend.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from newsprism.framing import side_of

# head words, by what the actor is (lower-case, singular)
_MILITARY = frozenset({
    "army", "military", "troop", "soldier", "force", "forces", "navy", "airforce", "serviceman", "servicemen",
    "battalion", "brigade", "regiment", "unit", "division", "marine", "paratrooper", "artillery", "commando",
    "defence", "defense", "mod",
})
_POLICE = frozenset({
    "police", "policeman", "policemen", "officer", "gendarmerie", "gendarme", "constabulary",
    "security", "intelligence", "fsb", "sbu", "enforcement", "guard", "riot",
})
_GOVERNMENT = frozenset({"government", "ministry", "authority", "authorities", "president", "minister",
                         "cabinet", "administration", "junta", "regime", "presidency", "kremlin"})
_UNNAMED_ARMED = frozenset({
    "gunman", "gunmen", "attacker", "assailant", "militant", "terrorist", "perpetrator", "raider",
    "bandit", "insurgent", "jihadist", "fighter", "kidnapper", "abductor", "shooter", "bomber",
    "man", "men", "group", "suspect", "unknown",
})
# the people an arrest or a search is about, when no group is named
_SUSPECTS = frozenset({"suspect", "perpetrator", "attacker", "assailant", "gunman", "gunmen", "militant", "terrorist"})
_REBEL = frozenset({"rebel", "separatist", "guerrilla", "guerilla", "insurgency", "movement", "front"})
_MILITIA = frozenset({"militia", "militiaman", "militiamen", "paramilitary", "paramilitaries", "vigilante"})
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "activist", "youth", "crowd"})
_RIOTERS = frozenset({"rioter", "mob", "looter"})
_CIVILIANS = frozenset({
    "civilian", "people", "person", "resident", "schoolchild", "schoolchildren", "youngster", "infant", "baby", "villager", "inhabitant", "child", "children", "woman",
    "women", "girl", "boy", "family", "families", "student", "pupil", "worshipper", "passenger", "shopper",
    "farmer", "herder", "patient", "pilgrim", "journalist", "reporter", "worker", "refugee", "migrant",
    "spectator", "concertgoer", "audience", "fan", "attendee", "guest", "teacher", "doctor", "nurse",
    "elderly", "population", "displaced", "victim", "casualty", "dead", "engineer",
})
_PEACEKEEPERS = frozenset({"peacekeeper", "peacekeeping", "contingent", "mission"})
# never actors: weapons, things, acts
_NOT_ACTORS = frozenset({
    "missile", "rocket", "drone", "shell", "artillery piece", "bomb", "mine", "landmine", "ied", "grenade",
    "himars", "tank", "jet", "aircraft", "helicopter", "weapon", "gun", "rifle", "bullet", "mortar",
    "fire", "explosion", "blast", "attack", "strike", "shelling", "bill", "law", "flood", "floods",
    "earthquake", "storm", "building", "hall", "village", "town", "city", "camp", "road", "school",
    "hospital", "house", "home", "parliament", "statement", "report", "video", "post", "state", "province",
    "region", "district", "county", "area", "square", "street", "centre", "center", "theatre", "theater",
    "stadium", "mall", "market", "mosque", "church", "airport", "station", "bridge", "venue", "base",
    "compound", "office", "headquarters", "embassy", "border", "territory", "vehicle", "car", "bus", "convoy",
    "outpost", "position", "checkpoint", "target", "trench", "height", "post",
})
_POSSESSIVE = frozenset({"its", "their", "his", "her", "our", "whose"})
# where a noun phrase's head ends: what follows is where or when, not who
_TAIL = re.compile(r"\s+(?:in|at|near|on|from|outside|inside|during|with|for|across|around|after|before|who|which|that)\s.*$",
                   re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which",
                       "that", "this", "these", "those", "one", "some", "others", "both", "all"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "several", "some", "many",
                          "two", "three", "four", "five", "six", "dozens", "hundreds", "of", "number", "at",
                          "least", "more", "than", "about", "up", "to", "other", "another", "armed", "feared",
                          "unidentified", "unknown", "alleged", "suspected", "so-called", "illegal"})

INTER = {"state": 1, "rebel": 2, "militia": 3, "identity_militia": 4, "rioters": 5, "protesters": 6,
         "civilians": 7, "external": 8}


@dataclass(frozen=True)
class AcledActor:
    name: str  # ACLED's name: "Police Forces of Kenya (2022-)"
    inter: int  # ACLED's inter code: 1 state ... 8 external/other
    kind: str  # state|rebel|militia|rioters|protesters|civilians|external
    # how the phrase names it: "named" (a proper name: "the RSF", "Kenyan police"), "described" (a
    # generic description: "gunmen", "the paramilitary force") or "state_name" (a bare country name)
    basis: str = "named"

    @property
    def generic(self) -> bool:
        """A description that could be any group of its kind: it never contradicts a named actor."""
        return self.basis == "described" and self.kind not in ("state", "protesters", "rioters", "civilians")


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("newsprism").joinpath("data/acled_actors.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _group_aliases() -> dict[str, tuple[str, int]]:
    """folded alias -> (ACLED name, inter)."""
    out: dict[str, tuple[str, int]] = {}
    for name, g in _data()["groups"].items():
        for alias in (name, *g.get("aliases", ())):
            out[_fold(alias)] = (name, int(g.get("inter", 2)))
    return out


def _fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"[\w'-]+", text.lower()))


def _words(text: str) -> list[str]:
    return [w[:-1] if w.endswith("s") and w[:-1] in _ALL_HEADS else w for w in _fold(text).replace("-", " ").split()]


_ALL_HEADS = _MILITARY | _POLICE | _GOVERNMENT | _UNNAMED_ARMED | _REBEL | _MILITIA | _PROTESTERS | _RIOTERS \
    | _CIVILIANS | _PEACEKEEPERS


def country_name(code: str | None) -> str | None:
    """ACLED's country name for an ISO alpha-2 code (pycountry's common name)."""
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return None
    name = getattr(c, "common_name", None) or c.name
    # ACLED's spelling where pycountry's short name differs (ACLED country list)
    return {"Russian Federation": "Russia", "Iran, Islamic Republic of": "Iran", "Syrian Arab Republic": "Syria",
            "Congo, The Democratic Republic of the": "Democratic Republic of Congo", "Congo": "Republic of Congo",
            "Türkiye": "Turkey", "Côte d'Ivoire": "Ivory Coast"}.get(name, name.split(",")[0])


def state_force(kind: str, code: str | None) -> str | None:
    """'Military Forces of X (YYYY-)', 'Police Forces of X (YYYY-)' or 'Government of X (YYYY-)'."""
    name = country_name(code)
    if name is None:
        return None
    year = _data()["state_years"].get(code or "")
    suffix = f" ({year}-)" if year else ""
    return f"{kind} of {_with_article(name)}{suffix}"


_ARTICLE_NAMES = re.compile(r"^(?:United |Democratic Republic|Central African Republic|Republic of |Czech Republic"
                            r"|Netherlands$|Philippines$|Bahamas$|Gambia$|Maldives$|Comoros$)")


def _with_article(country: str) -> str:
    """'the United States', 'the Democratic Republic of Congo': ACLED writes the article English takes."""
    return f"the {country}" if _ARTICLE_NAMES.match(country) else country


def named_group(text: str) -> AcledActor | None:
    """A group the data file knows, by any of its names inside the phrase ("the paramilitary RSF")."""
    folded = _fold(text)
    aliases = _group_aliases()
    # a short name counts written in capitals ("RSF", "IS"), or capitalised from four letters ("Isis")
    upper = {w.lower() for w in re.findall(r"[\w'-]+", text) if w.isupper() or len(w) >= 4 and w[:1].isupper()}
    if folded in aliases and (len(folded) > 4 or folded in upper):
        name, inter = aliases[folded]
        return AcledActor(name, inter, "rebel" if inter == 2 else "militia" if inter == 3 else "external")
    words = folded.split()
    for n in range(len(words), 0, -1):  # the longest run of words that is a known name
        for i in range(len(words) - n + 1):
            hit = aliases.get(" ".join(words[i:i + n]))
            # a short alias ("RSF", "IS") inside a longer phrase counts only written in capitals,
            # and a two-letter one only as the whole phrase
            short = n == 1 and len(words[i]) <= 4
            if hit and (not short or (words[i] in upper and (len(words[i]) > 2 or folded == words[i]))):
                name, inter = hit
                return AcledActor(name, inter, "rebel" if inter == 2 else "militia" if inter == 3 else "external")
    return None


def acled_actor(text: str, *, entity_type: str | None = None, canonical: str | None = None,
                event_country: str | None = None, role: str = "actor") -> AcledActor | None:
    """ACLED's name for an actor phrase, or None when the phrase is no actor.

    Args:
        text: the phrase as written ("Kenya's anti-riot police", "gunmen in camouflage").
        entity_type: the resolved entity's type (person|org|armed_group|state|place|population|other).
        canonical: the resolved entity's canonical name (for named organisations).
        event_country: ISO alpha-2 of where the event happened (the country of unnamed actors).
        role: "actor" or "recipient" (a recipient may be civilians; an actor rarely is).
    """
    raw = _TAIL.sub("", " ".join(text.split()))
    if not raw or not re.search(r"[A-Za-z]", raw):
        return None
    group = named_group(raw) or (named_group(canonical) if canonical else None)
    if group is not None:
        return group
    all_words = _words(raw)
    if all_words and all_words[0] in _POSSESSIVE:
        return None  # "its forces": whose, the phrase does not say
    words = [w for w in all_words if w not in _DETERMINERS and not w.isdigit()]
    if not words or all(w in _PRONOUNS for w in words):
        return None
    if any(w in _NOT_ACTORS or w.endswith("s") and w[:-1] in _NOT_ACTORS for w in words[-1:]):
        return None  # the head noun is a weapon, a building, a place word or an act
    if entity_type in ("place", "person") and not (set(words) & _ALL_HEADS):
        if not (entity_type == "place" and side_of(raw) and _is_country_name(raw, side_of(raw) or "")):
            return None  # a town, a building or a person is no ACLED actor
    country = side_of(raw) or (side_of(canonical) if canonical else None)
    if len(words) == 1 and country and not _is_country_name(raw, country) and words[0] not in _ALL_HEADS:
        return None  # a bare demonym ("Azerbaijani", "Sudanese") names no actor
    heads = set(words)
    if heads & _PEACEKEEPERS:
        name = state_force("Military Forces", country) if country else None
        return AcledActor(name or "Peacekeepers", 1 if name else 8, "state" if name else "external")
    if heads & _RIOTERS:
        return _grouped("Rioters", country or event_country, "rioters")
    if heads & _PROTESTERS:
        return _grouped("Protesters", country or event_country, "protesters")
    if heads & _MILITIA:
        return _grouped("Militia", country or event_country, "militia", "described") if not _is_named(raw) else \
            AcledActor(_title(raw), 3, "militia")
    if heads & _POLICE:
        name = state_force("Police Forces", country or event_country)
        return AcledActor(name, 1, "state") if name else None
    if heads & _REBEL:
        if _is_named(raw):
            return AcledActor(_title(raw), 2, "rebel")
        head = next((w for w in reversed(words) if w in _REBEL), "rebel")
        return _grouped(head.capitalize() + "s", country, "rebel", "described") if country else \
            _grouped("Unidentified Armed Group", event_country, "rebel", "described")
    if heads & _MILITARY:
        if entity_type in ("org", "armed_group") and _is_named(raw) and not country:
            return AcledActor(_title(raw), 2, "rebel")
        place = _non_state_place(raw)
        if place and not country:
            return AcledActor(f"Military Forces of {place}", 2, "rebel")
        name = state_force("Military Forces", country or event_country)
        return AcledActor(name, 1, "state") if name else None
    if heads & _GOVERNMENT:
        name = state_force("Government", country or event_country)
        return AcledActor(name, 1, "state") if name else None
    if heads & _UNNAMED_ARMED and (role == "actor" or heads & _SUSPECTS) or heads <= {"unknown", "group", "men", "man"}:
        return _grouped("Unidentified Armed Group", event_country or country, "rebel", "described")
    if heads & _CIVILIANS:
        return _grouped("Civilians", event_country or country, "civilians")
    if entity_type == "state" or (entity_type == "place" and country and _is_country_name(raw, country)):
        # a state acting by its name ("Azerbaijan launched ...") is its forces
        name = state_force("Military Forces", country)
        return AcledActor(name, 1, "state", "state_name") if name else None
    if entity_type in ("org", "armed_group") and _is_named(raw):
        return AcledActor(canonical or _title(raw), 2 if entity_type == "armed_group" else 8,
                          "rebel" if entity_type == "armed_group" else "external")
    return None


def _grouped(label: str, country: str | None, kind: str, basis: str = "named") -> AcledActor:
    name = country_name(country)
    return AcledActor(f"{label} ({name})" if name else label, INTER.get(kind, 2), kind, basis)


def _is_named(text: str) -> bool:
    """A proper name: capitalised words beyond the first ("Popular Resistance Forces")."""
    caps = [w for w in text.split()[1:] if w[:1].isupper()]
    return len(caps) >= 1 and text.split()[0][:1].isupper()


def _title(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words) or text


def _is_country_name(text: str, code: str) -> bool:
    name = (country_name(code) or "").lower()
    return bool(name) and _fold(text) in {name, _fold(name)}


def _non_state_place(text: str) -> str | None:
    """'Karabakh forces' -> 'Karabakh': forces named after a place that is no country (a de facto
    state or breakaway region), which ACLED names 'Military Forces of <region>'."""
    words = text.replace("\u2019", "'").split()
    names = [w.rstrip("'s").rstrip("'") for w in words if w[:1].isupper() and w.lower().rstrip("s") not in _ALL_HEADS]
    names = [n for n in names if n.lower() not in _DETERMINERS]
    if not names:
        return None
    candidate = " ".join(names)
    if side_of(candidate):
        return None
    from newsprism.geocode import geocode

    # only a name the gazetteer knows as a region ("Karabakh", "Tigray"), never any capitalised
    # word before "soldier" ("Brave soldier", "Special Forces")
    place = geocode(candidate)
    return candidate if place is not None and (place.where_prec or 9) in (3, 4, 5) and place.kind != "city" else None
