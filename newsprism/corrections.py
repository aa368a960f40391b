"""A coder's corrections: their own records, applied on top of every run.

A correction says who changed which field of which record, from what to what, when and why. It is
stored in the ``corrections`` table, which no run deletes from, and ``apply_corrections`` applies
every stored correction to the corpus records after each ``analyze`` (``pipeline.analyze`` calls it
right after the corpus stage), so a re-run never loses one.

What can be corrected (``kind`` / ``field``):

- event: ``rejected`` (the happening is not one: it leaves the record), ``acled_event_type``,
  ``acled_sub_event_type``, ``actors``, ``recipients`` (lists of names), ``location`` (a place
  name), ``date`` (``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD``), ``fatalities`` (an integer);
- figure: ``superseded`` (the figure leaves the reconciled ranges, listed as excluded
  ``superseded``);
- entity: ``merge`` (another entity, by id or name, is folded into this one: its aliases,
  mentions and every reference to it), ``split`` (some aliases become an entity of their own).

Finding the target again. Ids are content hashes of what extraction found, so they can change when
extraction does. Each correction keeps a stable key beside the id, and a target is found by:

- event: the event with the same id; else the one whose mentions share the most triggers
  (article id and span) with the key's, then (among events of the same PLOVER type: another kind
  of act in the same sentence is another happening) the most overlapping evidence spans; a tie,
  or nothing shared, finds none;
- figure: the same id; else the figure of the same article at the same evidence span;
- entity: the same id; else the entity of the same type with the same canonical name, else the
  one whose aliases hold that name.

A correction whose target is not found is kept, marked ``orphaned`` (with the reason) and reported
on every run, never dropped: the next run may find its target again.

Every corrected record carries ``corrected`` (the fields a correction changed) and
``corrections`` (the ids of those corrections).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.errors import ConfigError
from newsprism.records import content_id
from newsprism.store import Store

log = logging.getLogger(__name__)

# ACLED's event types and sub-event types (ACLED codebook, 2023)
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
FIELDS: dict[str, tuple[str, ...]] = {
    "event": ("rejected", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "location", "date",
              "fatalities"),
    "figure": ("superseded",),
    "entity": ("merge", "split"),
}


class CorrectionError(ConfigError):
    """A correction that cannot be made (unknown target, bad value): one line, nothing stored."""


@dataclass(frozen=True)
class Correction:
    """One coder's edit of one field of one record."""

    correction_id: str
    target_kind: str  # event | figure | entity
    target: str  # the record's id when the correction was made
    target_key: dict[str, Any]  # enough to find the record again when ids change (module doc)
    field: str
    old_value: Any
    new_value: Any
    by: str
    at: str  # ISO time, UTC
    why: str
    status: str = "pending"  # applied | orphaned
    applied_to: str | None = None  # the id of the record it was applied to on the last run
    note: str | None = None  # why it is orphaned

    def public(self) -> dict[str, Any]:
        """As the JSON export lists it (SCHEMA's ``corrections``, plus where it stands)."""
        return {"correction_id": self.correction_id, "target": self.target, "target_kind": self.target_kind,
                "field": self.field, "value": self.new_value, "old_value": self.old_value, "by": self.by,
                "at": self.at, "why": self.why, "status": self.status, "applied_to": self.applied_to,
                "note": self.note}


def stored_corrections(store: Store) -> list[Correction]:
    return [Correction(**row) for row in store.corrections()]


# --- the corpus in memory -------------------------------------------------------------------------
@dataclass
class _Corpus:
    """The stored records a correction can touch, with what changed, to write back once."""

    events: dict[str, dict[str, Any]]
    entities: dict[str, dict[str, Any]]
    figures: dict[str, dict[str, Any]]
    quotes: dict[str, dict[str, Any]]
    framing: list[tuple[str, dict[str, Any]]]
    changed: set[str] = field(default_factory=set)
    changed_facts: dict[str, set[str]] = field(default_factory=lambda: {"figures": set(), "quotes": set()})
    reconcile: bool = False

    @classmethod
    def load(cls, store: Store) -> _Corpus:
        return cls(events=dict(store.corpus_items("events")), entities=dict(store.corpus_items("entities")),
                   figures={f["figure_id"]: f for f in store.facts("figures")},
                   quotes={q["quote_id"]: q for q in store.facts("quotes")},
                   framing=store.corpus_items("framing_terms"))

    def save(self, store: Store) -> None:
        if "events" in self.changed:
            store.replace_corpus("events", list(self.events.items()))
        if "entities" in self.changed:
            store.replace_corpus("entities", list(self.entities.items()))
        if "framing_terms" in self.changed:
            store.replace_corpus("framing_terms", self.framing)
        for kind, table in (("figures", self.figures), ("quotes", self.quotes)):
            for fid in sorted(self.changed_facts[kind]):
                store.put_facts(kind, table[fid]["article_id"], [(fid, table[fid])])


def _mark(record: dict[str, Any], fld: str, c: Correction) -> None:
    """Name the field and the correction on the record (idempotent)."""
    record["corrected"] = sorted({*record.get("corrected", []), fld})
    record["corrections"] = list(dict.fromkeys([*record.get("corrections", []), c.correction_id]))


# --- stable keys and finding targets again ----------------------------------------------------------
def _spans(items: Iterable[dict[str, Any]], id_field: str) -> list[list[Any]]:
    return [[x.get(id_field), x.get("start"), x.get("end")] for x in items if isinstance(x, dict)]


def target_key(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """What finds ``record`` again after a re-run changed its id (the rule in the module doc)."""
    if kind == "event":
        return {"event_id": record["event_id"], "story_id": record.get("story_id"), "plover_type": record.get("plover_type"),
                "triggers": sorted([m.get("article_id"), (m.get("trigger") or m.get("evidence") or {}).get("start"),
                                    (m.get("trigger") or m.get("evidence") or {}).get("end")]
                                   for m in record.get("mentions") or []),
                "evidence": sorted(_spans(record.get("evidence") or [], "doc"))}
    if kind == "figure":
        ev = record.get("evidence") or {}
        return {"figure_id": record["figure_id"], "article_id": record.get("article_id"),
                "evidence": [ev.get("doc"), ev.get("start"), ev.get("end")]}
    return {"entity_id": record["entity_id"], "type": record.get("type"), "canonical_name": record.get("canonical_name")}


def _find_event(key: dict[str, Any], events: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    if key["event_id"] in events:
        return key["event_id"], None
    triggers = {tuple(t) for t in key.get("triggers") or []}
    spans = [tuple(s) for s in key.get("evidence") or []]

    def score(e: dict[str, Any]) -> tuple[int, int]:
        mine = {tuple(t) for t in target_key("event", e)["triggers"]}
        if e.get("plover_type") != key.get("plover_type"):  # another kind of act in the same words is another happening
            return len(triggers & mine), 0
        ev = _spans(e.get("evidence") or [], "doc")
        overlap = sum(1 for d, s, t in spans for d2, s2, t2 in ev if d == d2 and s < t2 and s2 < t)
        return len(triggers & mine), overlap

    scored = sorted(((score(e), eid) for eid, e in events.items()), reverse=True)
    if not scored or scored[0][0] == (0, 0):
        return None, "no happening of this run shares its reports"
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None, f"ambiguous: {sum(1 for s, _ in scored if s == scored[0][0])} happenings share its reports equally"
    return scored[0][1], None


def _find_figure(key: dict[str, Any], figures: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    if key["figure_id"] in figures:
        return key["figure_id"], None
    for fid, f in figures.items():
        ev = f.get("evidence") or {}
        if f.get("article_id") == key.get("article_id") and [ev.get("doc"), ev.get("start"), ev.get("end")] == key.get("evidence"):
            return fid, None
    return None, "no figure of this run stands at its words"


def _find_entity(key: dict[str, Any], entities: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    from newsprism.resolve import name_key

    if key["entity_id"] in entities:
        return key["entity_id"], None
    name = name_key(key.get("canonical_name") or "")
    same = [eid for eid, e in entities.items() if e.get("type") == key.get("type")]
    for test in (lambda e: name_key(e.get("canonical_name") or "") == name,
                 lambda e: name in {name_key(a) for a in e.get("aliases") or []}):
        hits = [eid for eid in same if test(entities[eid])]
        if len(hits) == 1:
            return hits[0], None
    return None, "no entity of this run has its name"


def _find(kind: str, key: dict[str, Any], corpus: _Corpus) -> tuple[str | None, str | None]:
    if kind == "event":
        return _find_event(key, corpus.events)
    if kind == "figure":
        return _find_figure(key, corpus.figures)
    return _find_entity(key, corpus.entities)


# --- parsing and making a correction ----------------------------------------------------------------
def _one(raw: Any) -> str:
    if isinstance(raw, list):
        if len(raw) != 1:
            raise CorrectionError(f"expected one value, got {len(raw)}")
        raw = raw[0]
    return str(raw).strip()


def parse_date(raw: str) -> tuple[str, str]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` -> (start, end)."""
    parts = raw.split("/")
    try:
        days = [dt.date.fromisoformat(p.strip()) for p in parts]
    except ValueError:
        raise CorrectionError(f"bad date {raw!r} (use YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD)") from None
    if len(days) > 2 or (len(days) == 2 and days[1] < days[0]):
        raise CorrectionError(f"bad date {raw!r} (use YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD, start before end)")
    return days[0].isoformat(), days[-1].isoformat()


def _entity_named(name: str, entities: dict[str, dict[str, Any]], types: tuple[str, ...] = ()) -> dict[str, Any] | None:
    from newsprism.resolve import name_key

    key = name_key(name)
    for e in entities.values():
        if (not types or e.get("type") in types) and key in {name_key(n) for n in [e.get("canonical_name") or "", *e.get("aliases", [])]}:
            return e
    return None


def _actor_ref(name: str, entities: dict[str, dict[str, Any]], role: str) -> dict[str, Any]:
    """An actor as the record holds it: its entity when one has the name, and ACLED's name for it
    (the coder's words when ACLED's naming rules give none: the coder says it is an actor)."""
    from newsprism.actors import acled_actor

    e = _entity_named(name, entities)
    actor = acled_actor(name, entity_type=e.get("type") if e else None, canonical=e.get("canonical_name") if e else None,
                        role=role)
    return {"entity_id": e["entity_id"] if e else None, "name": e["canonical_name"] if e else name,
            "acled_name": actor.name if actor else name, "inter": actor.inter if actor else 8}


def _place(name: str, entities: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from newsprism.geocode import geocode

    e = _entity_named(name, entities, ("place",))
    place = geocode(name)
    if e is None and place is None:
        raise CorrectionError(f"unknown place {name!r} (not in the record's places nor the gazetteer)")
    out: dict[str, Any] = {"entity_id": e["entity_id"] if e else None, "name": e["canonical_name"] if e else name}
    for k in ("lat", "lon", "where_prec", "country_code", "admin1"):
        out[k] = (e or {}).get(k) if (e or {}).get(k) is not None else getattr(place, k, None)
    out["where_prec"] = out["where_prec"] or 7
    return out


def parse_value(kind: str, fld: str, raw: Any, corpus: _Corpus, target: dict[str, Any]) -> Any:
    """The stored new value of a correction from what the coder typed (a string or list of strings).

    Raises:
        CorrectionError: the value is not one the field takes.
    """
    if fld == "rejected":
        return {"rejected": True}  # SCHEMA's value of a rejection
    if fld == "superseded":
        return True
    if fld == "acled_event_type":
        value = _one(raw)
        if value not in ACLED_TYPES:
            raise CorrectionError(f"unknown ACLED event type {value!r} (use one of: {', '.join(ACLED_TYPES)})")
        return value
    if fld == "acled_sub_event_type":
        value = _one(raw)
        allowed = {s for subs in ACLED_TYPES.values() for s in subs}
        if value and value not in allowed:
            raise CorrectionError(f"unknown ACLED sub-event type {value!r}")
        return value or None
    if fld in ("actors", "recipients"):
        names = [str(n).strip() for n in (raw if isinstance(raw, list) else str(raw).split(";")) if str(n).strip()]
        role = "actor" if fld == "actors" else "recipient"
        return [_actor_ref(n, corpus.entities, role) for n in names]
    if fld == "location":
        return _place(_one(raw), corpus.entities)
    if fld == "date":
        start, end = parse_date(_one(raw))
        return {"date_start": start, "date_end": end, "date_precision": "day" if start == end else "range"}
    if fld == "fatalities":
        text = _one(raw)
        if not text.isdigit():
            raise CorrectionError(f"bad fatalities {text!r} (a whole number, 0 or more)")
        return int(text)
    if fld == "merge":
        name = _one(raw)
        named = [e for e in corpus.entities.values() if e is not target and _entity_named(name, {e["entity_id"]: e})]
        other = corpus.entities.get(name) or (named[0] if len(named) == 1 else None)
        if other is None:
            raise CorrectionError(f"no entity {name!r} in the record to merge" +
                                  (f" ({len(named)} have that name: give its id)" if named else ""))
        if other["entity_id"] == target["entity_id"]:
            raise CorrectionError("an entity cannot be merged into itself")
        return target_key("entity", other)
    if fld == "split":
        from newsprism.resolve import name_key

        names = [str(n).strip() for n in (raw if isinstance(raw, list) else str(raw).split(";")) if str(n).strip()]
        have = {name_key(a) for a in target.get("aliases") or []}
        missing = [n for n in names if name_key(n) not in have]
        if not names or missing:
            raise CorrectionError(f"{', '.join(missing) or 'nothing'}: not an alias of {target.get('canonical_name')!r} "
                                  f"(aliases: {'; '.join(target.get('aliases') or [])})")
        if len({name_key(n) for n in names}) >= len(have):
            raise CorrectionError("a split must leave the entity at least one alias")
        return {"aliases": names}
    raise CorrectionError(f"unknown field {fld!r}")  # pragma: no cover - checked by make_correction


def _old_value(fld: str, record: dict[str, Any]) -> Any:
    if fld == "date":
        return {k: record.get(k) for k in ("date_start", "date_end", "date_precision")}
    if fld == "fatalities":
        return record.get("fatalities")
    if fld in ("rejected", "superseded"):
        return False
    if fld in ("merge", "split"):
        return {"aliases": record.get("aliases")}
    return record.get(fld)


def make_correction(store: Store, kind: str, target: str, fld: str, raw_value: Any, by: str, why: str,
                    at: str | None = None) -> Correction:
    """A new correction of the record ``target`` (an id in the stored record), checked, not yet stored.

    Raises:
        CorrectionError: unknown kind, field or target, a bad value, or no ``by``/``why``.
    """
    if kind not in FIELDS:
        raise CorrectionError(f"unknown kind {kind!r} (use one of: {', '.join(FIELDS)})")
    if fld not in FIELDS[kind]:
        raise CorrectionError(f"a {kind} has no correctable field {fld!r} (use one of: {', '.join(FIELDS[kind])})")
    if not (by or "").strip() or not (why or "").strip():
        raise CorrectionError("a correction needs --by (who) and --why (the reason)")
    corpus = _Corpus.load(store)
    table = {"event": corpus.events, "figure": corpus.figures, "entity": corpus.entities}[kind]
    record = table.get(target)
    if record is None:
        raise CorrectionError(f"no {kind} {target!r} in the record")
    value = parse_value(kind, fld, raw_value, corpus, record)
    at = at or dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    cid = content_id("cor", kind, target, fld, value, by, at)
    return Correction(correction_id=cid, target_kind=kind, target=target, target_key=target_key(kind, record),
                      field=fld, old_value=_old_value(fld, record), new_value=value, by=by.strip(), at=at,
                      why=why.strip())


def add_correction(store: Store, correction: Correction) -> Correction:
    """Store a new correction and apply it to the stored record now (the others are applied already).

    Raises:
        CorrectionError: its target is not in the record (nothing stored).
    """
    with store.transaction():
        store.put_correction(correction.__dict__)
        applied = apply_corrections(store, [correction])[0]
        if applied.status != "applied":
            raise CorrectionError(f"correction not applied: {applied.note}")
    return applied


# --- applying ----------------------------------------------------------------------------------
def apply_corrections(store: Store, corrections: list[Correction] | None = None) -> list[Correction]:
    """Apply corrections (by default every stored one, oldest first) to the stored corpus records,
    record where each landed (``applied``, or ``orphaned`` with the reason) and return them.

    Called right after the corpus stage, which rebuilds the records it applies to."""
    todo = stored_corrections(store) if corrections is None else corrections
    if not todo:
        return []
    corpus = _Corpus.load(store)
    out = []
    for c in todo:
        target, note = _find(c.target_kind, c.target_key, corpus)
        if target is not None:
            note = _apply(c, target, corpus)
        done = replace(c, status="applied" if note is None else "orphaned",
                       applied_to=target if note is None else None, note=note)
        if note is not None:
            log.warning("correction %s (%s %s, %s, by %s) is orphaned: %s", c.correction_id, c.target_kind,
                        c.target, c.field, c.by, note)
        store.set_correction_status(c.correction_id, done.status, done.applied_to, done.note)
        out.append(done)
    if corpus.reconcile:
        _reconcile_again(store, corpus)
    corpus.save(store)
    return out


def _apply(c: Correction, target: str, corpus: _Corpus) -> str | None:
    """Apply one correction to its (found) target; a reason when it cannot be applied."""
    v = copy.deepcopy(c.new_value)  # the record's own copy: later merges edit references in place
    if c.target_kind == "event":
        e = corpus.events[target]
        corpus.changed.add("events")
        if c.field == "rejected":
            del corpus.events[target]
            for f in corpus.figures.values():  # figures tied to it are about no happening now
                if f.get("event_id") == target:
                    f["event_id"] = None
                    _mark(f, "event_id", c)
                    corpus.changed_facts["figures"].add(f["figure_id"])
            corpus.reconcile = True
            return None
        if c.field == "date":
            e.update(v, date_anchor="explicit", anchored=True)
            e["background"] = False
        elif c.field == "fatalities":
            e["fatalities"] = {"low": v, "high": v, "acled": v}
        elif c.field == "location":
            e["location"] = v
            e["anchored"] = True
        elif c.field == "acled_event_type" and e.get("acled_event_type") != v:
            e["acled_event_type"] = v
            if e.get("acled_sub_event_type") not in ACLED_TYPES[v]:
                e["acled_sub_event_type"] = None
        elif c.field == "acled_sub_event_type" and v:
            e["acled_sub_event_type"] = v
            parent = next(t for t, subs in ACLED_TYPES.items() if v in subs)  # a sub-event type has one type
            if e.get("acled_event_type") != parent:
                e["acled_event_type"] = parent
                _mark(e, "acled_event_type", c)
        else:
            e[c.field] = v
        _mark(e, c.field, c)
        return None
    if c.target_kind == "figure":
        f = corpus.figures[target]
        f["superseded"] = True
        _mark(f, "superseded", c)
        corpus.changed_facts["figures"].add(target)
        corpus.reconcile = True
        return None
    if c.field == "merge":
        other, note = _find_entity(v, corpus.entities)
        if other is None:
            return f"the entity to merge in is gone ({note})"
        if other != target:
            _merge(corpus, target, other, c)
        return None
    return _split(corpus, target, v["aliases"], c)


def _refs(corpus: _Corpus) -> Iterable[tuple[dict[str, Any], str, str, set[str] | None]]:
    """(record, field, kind of record, changed-facts set) for every entity reference in the records."""
    for e in corpus.events.values():
        yield e, "actors", "events", None
        yield e, "recipients", "events", None
        yield e, "location", "events", None
    for f in corpus.figures.values():
        yield f, "attributed_to", "figures", corpus.changed_facts["figures"]
    for q in corpus.quotes.values():
        yield q, "speaker", "quotes", corpus.changed_facts["quotes"]


def _repoint(corpus: _Corpus, c: Correction, new_id: str, new_name: str, applies: Any) -> None:
    """Point every reference for which ``applies(ref)`` holds at entity ``new_id``."""
    for record, fld, kind, changed in _refs(corpus):
        value = record.get(fld)
        refs = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        hit = False
        for ref in refs:
            if isinstance(ref, dict) and applies(ref):
                ref.update(entity_id=new_id, name=new_name)
                hit = True
        if not hit:
            continue
        if isinstance(value, list):  # one actor named twice after a merge is one actor
            seen: set[Any] = set()
            record[fld] = [r for r in value if not (r.get("entity_id") in seen or seen.add(r.get("entity_id")))]
        _mark(record, fld, c)
        if changed is None:
            corpus.changed.add(kind)
        else:
            changed.add(record["figure_id" if kind == "figures" else "quote_id"])
    for i, (fid, t) in enumerate(corpus.framing):
        if isinstance(t.get("refers_to"), str) and applies({"entity_id": t["refers_to"], "name": t.get("term") or ""}):
            corpus.framing[i] = (fid, {**t, "refers_to": new_id})
            corpus.changed.add("framing_terms")


def _merge(corpus: _Corpus, keep: str, other: str, c: Correction) -> None:
    a, b = corpus.entities[keep], corpus.entities.pop(other)
    a["aliases"] = sorted({*a.get("aliases", []), *b.get("aliases", []), b["canonical_name"]})
    a["mentions"] = (a.get("mentions") or 0) + (b.get("mentions") or 0)
    a["merged"] = sorted({*a.get("merged", []), other})
    _mark(a, "merge", c)
    corpus.changed.add("entities")
    _repoint(corpus, c, keep, a["canonical_name"], lambda ref: ref.get("entity_id") == other)


def _split(corpus: _Corpus, source: str, aliases: list[str], c: Correction) -> str | None:
    from newsprism.resolve import name_key

    a = corpus.entities[source]
    keys = {name_key(n) for n in aliases}
    moved = [n for n in a.get("aliases", []) if name_key(n) in keys]
    if not moved:
        return f"{'; '.join(aliases)}: no longer aliases of {a['canonical_name']!r}"
    if len(moved) == len(a.get("aliases", [])):
        return "a split must leave the entity at least one alias"
    new_id = content_id("ent", a.get("type"), "split", *sorted(keys))
    rest = [n for n in a["aliases"] if name_key(n) not in keys]
    canonical = a["canonical_name"] if name_key(a["canonical_name"]) not in keys else rest[0]
    name = aliases[0]
    corpus.entities[new_id] = {**{k: v for k, v in a.items() if k not in ("corrected", "corrections")},
                               "entity_id": new_id, "canonical_name": name, "aliases": sorted(moved),
                               "mentions": 0, "split_from": source}
    a.update(aliases=rest, canonical_name=canonical)
    _mark(a, "split", c)
    _mark(corpus.entities[new_id], "split", c)
    corpus.changed.add("entities")
    _repoint(corpus, c, new_id, name, lambda ref: ref.get("entity_id") == source and name_key(ref.get("name") or "") in keys)
    return None


def _reconcile_again(store: Store, corpus: _Corpus) -> None:
    """Reconcile the figures again without the superseded ones (each listed as excluded
    ``superseded`` in its scope) and with rejected happenings untied; event tolls follow, except
    where a coder set them."""
    from newsprism.coding import event_fatalities
    from newsprism.pipeline import _reconciled_id
    from newsprism.reconcile import reconcile_figures
    from newsprism.records import Exclusion, Figure, from_json

    articles = {a.article_id: a for a, _ in store.articles()}
    on_topic = {aid for aid, a in articles.items() if a.on_topic}
    figures = [from_json(Figure, f) for f in corpus.figures.values() if f["article_id"] in on_topic]
    superseded = [f for f in figures if corpus.figures[f.figure_id].get("superseded")]
    live = [f for f in figures if not corpus.figures[f.figure_id].get("superseded")]
    story_level = reconcile_figures([replace(f, event_id=None) for f in live], articles)
    event_level = [r for r in reconcile_figures([f for f in live if f.event_id], articles) if r.scope.event_id]
    reconciled = []
    for r in story_level + event_level:
        gone = [f.figure_id for f in superseded if f.metric == r.scope.metric and f.who == r.scope.who
                and articles[f.article_id].story_id == r.scope.story_id
                and (r.scope.event_id is None or f.event_id == r.scope.event_id)]
        reconciled.append(replace(r, excluded=(*r.excluded, *(Exclusion(g, "superseded") for g in gone))))
    from newsprism.records import to_json

    store.replace_corpus("reconciled_figures", [(_reconciled_id(r), to_json(r)) for r in reconciled])
    tolls = event_fatalities(live, articles)
    for eid, e in corpus.events.items():
        if "fatalities" not in e.get("corrected", []):
            e["fatalities"] = tolls.get(eid)
    corpus.changed.add("events")


# --- for people --------------------------------------------------------------------------------
def format_corrections(corrections: list[Correction]) -> str:
    """One line per correction: when, who, what, the new value, why, and where it stands."""
    if not corrections:
        return "no corrections\n"
    lines = []
    for c in corrections:
        where = f"applied to {c.applied_to}" if c.status == "applied" else f"{c.status}" + (f": {c.note}" if c.note else "")
        lines.append(f"{c.at}  {c.by}: {c.target_kind} {c.target} {c.field} -> {_show(c.new_value)}  "
                     f"({c.why})  [{where}]  {c.correction_id}")
    return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v.get("name") if isinstance(v, dict) else v) for v in value) or "none"
    if isinstance(value, dict):
        if value.get("rejected"):
            return "rejected"
        if "canonical_name" in value:
            return str(value["canonical_name"])
        if "aliases" in value:
            return "; ".join(value["aliases"])
        if "date_start" in value:
            return value["date_start"] + ("" if value["date_end"] == value["date_start"] else "/" + value["date_end"])
        return str(value.get("name"))
    return str(value)
