"""Entities: mentions of the same actor or place grouped into one entity with its aliases.

This first version groups mentions whose normalised surface form and type agree; resolution
across spellings (transliteration variants, political toponyms) builds on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from newsprism.records import Entity, content_id

# spaCy label -> our entity type
LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "population"}

_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def name_key(name: str) -> str:
    """A comparison key: accents folded, case and punctuation dropped, a leading "the" removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def group_mentions(mentions: list[dict[str, Any]]) -> list[Entity]:
    """Entities from stored mention facts ({"label", "evidence": {...}}), one per (type, key)."""
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in mentions:
        etype = LABEL_TYPES.get(m["label"])
        surface = m["evidence"]["text"].strip()
        key = name_key(surface)
        if etype and key:
            forms[(etype, key)][_POSSESSIVE.sub("", surface)] += 1
    entities = []
    for (etype, key), counts in forms.items():
        canonical = max(counts, key=lambda s: (counts[s], len(s), s))
        entities.append(Entity(
            entity_id=content_id("ent", etype, key), type=etype, canonical_name=canonical,
            aliases=tuple(sorted(counts)), mentions=sum(counts.values()),
        ))
    return sorted(entities, key=lambda e: e.entity_id)
