"""Filters over the record: one typed spec, one function that applies it, used everywhere.

The web desk's browse pages (``/events``, ``/figures``, ``/quotes``, ``/entities`` and their
``.json`` / ``.csv`` twins), ``newsprism export`` and ``newsprism timeline`` all filter through
:func:`select` (one record type) or :func:`filter_record` (the whole record), so a filter means the
same thing in a URL and on the command line. Parameters are named after the record's fields
(``story`` = ``story_id``, ``event_type`` = ``acled_event_type``); a parameter given several
times matches any of its values (OR), different parameters must all match (AND), as in datasette.

What each filter reads, per record type:

=============== ================================= ============================= ===================== ==================
filter          events                            figures                       quotes                entities
=============== ================================= ============================= ===================== ==================
story           ``story_id``                      its article's story           its article's story   mentioned in it
outlet          any reporting article's outlet    its article's outlet          its article's outlet  mentioned by it
date_from/to    [date_start, date_end] overlaps   ``as_of``, else published     its article's date    -
actor           an actor or recipient             ``attributed_to``             ``speaker``           -
place           ``location`` (name, admin1, ISO2) its event's location          -                     -
event_type      ``acled_event_type``              its event's                   -                     -
sub_event_type  ``acled_sub_event_type``          its event's                   -                     -
plover_type     ``plover_type``                   -                             -                     -
realis          ``realis``                        -                             -                     -
background      ``background``                    -                             -                     -
metric, who     -                                 ``metric``, ``who``           -                     -
hedge           -                                 ``hedge``                     -                     -
kind            -                                 -                             ``kind``              -
type            -                                 -                             -                     ``type``
=============== ================================= ============================= ===================== ==================

Names match case-, accent- and possessive-insensitively (``resolve.name_key``) against the
entity's name, its ACLED name or its entity id. A filter that does not apply to a record type is
an error for that type's view (:func:`check`); on the whole record (``filter_record``) it narrows
the types it applies to and leaves the others whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from newsprism.errors import ConfigError

KINDS = ("events", "figures", "quotes", "entities")

# filter name -> the record types it applies to (the table in the module docstring)
APPLIES: dict[str, tuple[str, ...]] = {
    "story": KINDS, "outlet": KINDS,
    "date_from": ("events", "figures", "quotes"), "date_to": ("events", "figures", "quotes"),
    "actor": ("events", "figures", "quotes"), "place": ("events", "figures"),
    "event_type": ("events", "figures"), "sub_event_type": ("events", "figures"), "plover_type": ("events",),
    "realis": ("events",), "background": ("events",),
    "metric": ("figures",), "who": ("figures",), "hedge": ("figures",), "kind": ("quotes",), "type": ("entities",),
}
REALIS = ("actual", "planned", "threatened", "hypothetical", "negated", "speech_act")
NONE_VALUE = "-"  # the value that selects records where the field is empty (an undated event, an unnamed outlet)


class FilterError(ConfigError):
    """A filter that cannot be applied: a bad date, a filter the record type does not have."""


@dataclass(frozen=True)
class Filters:
    """A filter spec. Empty tuples and None mean "no constraint"; tuple values are ORed."""

    story: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    plover_type: tuple[str, ...] = ()
    realis: tuple[str, ...] = ()
    background: bool | None = None
    metric: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    hedge: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    type: tuple[str, ...] = ()

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def active(self) -> list[str]:
        """The names of the filters that constrain something."""
        return [n for n in self.names() if getattr(self, n) not in ((), None)]

    def is_empty(self) -> bool:
        return not self.active()

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], ignore: Iterable[str] = ()) -> Filters:
        """A spec from query parameters (``[("event_type", "Battles"), ...]``); blank values are ignored.

        Raises:
            FilterError: an unknown parameter, a date that is not ISO, a background that is not a boolean.
        """
        skip = set(ignore)
        values: dict[str, list[str]] = {}
        for key, value in pairs:
            if key in skip:
                continue
            if key not in cls.names():
                raise FilterError(f"unknown filter {key!r} (filters: {', '.join(cls.names())})")
            value = value.strip()
            if value:
                values.setdefault(key, []).append(value)
        kwargs: dict[str, Any] = {}
        for key, vals in values.items():
            if key in ("date_from", "date_to"):
                kwargs[key] = parse_day(vals[-1], key)
            elif key == "background":
                kwargs[key] = parse_bool(vals[-1], key)
            else:
                kwargs[key] = tuple(dict.fromkeys(vals))
        return cls(**kwargs)

    @classmethod
    def build(cls, **kwargs: Any) -> Filters:
        """A spec from keyword values as the CLI gives them (strings, tuples of strings, None)."""
        pairs: list[tuple[str, str]] = []
        for key, value in kwargs.items():
            if value is None:
                continue
            if isinstance(value, bool):
                pairs.append((key, "true" if value else "false"))
            elif isinstance(value, (list, tuple)):
                pairs += [(key, str(v)) for v in value]
            else:
                pairs.append((key, str(value)))
        return cls.from_pairs(pairs)

    def pairs(self) -> list[tuple[str, str]]:
        """The spec as query parameters (what :meth:`from_pairs` reads back)."""
        out: list[tuple[str, str]] = []
        for name in self.names():
            value = getattr(self, name)
            if value in ((), None):
                continue
            if isinstance(value, tuple):
                out += [(name, v) for v in value]
            elif isinstance(value, bool):
                out.append((name, "true" if value else "false"))
            else:
                out.append((name, value.isoformat()))
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.active():
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        return out

    def toggled(self, name: str, value: str) -> Filters:
        """This spec with ``value`` added to filter ``name``, or removed when it was there (a facet click)."""
        current = getattr(self, name)
        if name in ("date_from", "date_to"):
            new: Any = None if current is not None and current.isoformat() == value else parse_day(value, name)
        elif name == "background":
            new = None if current is not None and current == parse_bool(value, name) else parse_bool(value, name)
        else:
            new = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.but(**{name: new})

    def without(self, *names: str) -> Filters:
        return self.but(**{n: (None if n in ("date_from", "date_to", "background") else ()) for n in names})

    def but(self, **changes: Any) -> Filters:
        """This spec with some filters set to other values."""
        return dataclasses.replace(self, **changes)


def parse_day(value: str, name: str = "date") -> dt.date:
    """An ISO day, or a month (``2023-09``: its first day for date_from, its last for date_to), or a year."""
    value = value.strip()
    try:
        if len(value) == 4 and value.isdigit():
            y = int(value)
            return dt.date(y, 12, 31) if name == "date_to" else dt.date(y, 1, 1)
        if len(value) == 7:
            first = dt.date.fromisoformat(value + "-01")
            if name == "date_to":
                return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            return first
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None


def parse_bool(value: str, name: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise FilterError(f"{name}: {value!r} is not true or false")


def iso_day(value: Any) -> dt.date | None:
    """An ISO date (or datetime) string as a date; None when absent or unreadable."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _key(value: Any) -> str:
    from newsprism.resolve import name_key

    return name_key(str(value)) if value is not None else ""


class Index:
    """Lookups one filter run needs over a record: articles, events, entity mentions.

    Args:
        record: the export's dict (``newsprism.load_record``).
        mentions: stored entity mentions (``Store.facts("mentions")``), for entity filters by
            story or outlet; ``entity_of`` maps a mention to its entity id (the web view resolves
            mentions that carry none).
    """

    def __init__(self, record: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]] | None = None,
                 entity_of: Callable[[Mapping[str, Any]], str | None] | None = None) -> None:
        self.record = record
        self.articles = {a["article_id"]: a for a in record.get("articles") or []}
        self.documents = {d["doc_id"]: d for d in record.get("documents") or []}
        self.stories = {s["story_id"]: s for s in record.get("stories") or []}
        self.events = {e["event_id"]: e for e in record.get("events") or [] if e.get("event_id")}
        self.entities = {e["entity_id"]: e for e in record.get("entities") or []}
        self.story_of: dict[str, str | None] = {aid: a.get("story_id") for aid, a in self.articles.items()}
        for s in self.stories.values():
            for aid in s.get("article_ids") or []:
                self.story_of.setdefault(aid, s["story_id"])
        # entity -> the articles that mention it (None: mentions unknown, story/outlet cannot filter entities)
        self.entity_articles: dict[str, set[str]] | None = None
        if mentions is not None:
            self.entity_articles = {}
            for m in mentions:
                eid = entity_of(m) if entity_of else m.get("entity_id")
                if eid and m.get("article_id") in self.articles:
                    self.entity_articles.setdefault(str(eid), set()).add(str(m["article_id"]))

    def outlet(self, article_id: Any) -> str | None:
        return (self.articles.get(str(article_id)) or {}).get("outlet")

    def published(self, article_id: Any) -> str | None:
        a = self.articles.get(str(article_id)) or {}
        return a.get("published") or (self.documents.get(str(a.get("doc_id"))) or {}).get("published")

    def story_label(self, story_id: str) -> str:
        return (self.stories.get(story_id) or {}).get("title") or "untitled story"


# -- what a record says, per filter ----------------------------------------------------------------
def _refs(refs: Iterable[Any]) -> list[Mapping[str, Any]]:
    return [r for r in refs if isinstance(r, Mapping)]


def values(kind: str, name: str, row: Mapping[str, Any], ix: Index) -> list[tuple[str, str]]:
    """What ``row`` (of record type ``kind``) holds for filter ``name``: (value, label) pairs, the value
    being what a query parameter names (an id for stories, a name for people and places), the label
    what a reader sees. An empty field gives ``(NONE_VALUE, "none")``."""
    out: list[tuple[str, str]] = []
    if kind == "events":
        out = _event_values(name, row, ix)
    elif kind == "figures":
        out = _figure_values(name, row, ix)
    elif kind == "quotes":
        out = _quote_values(name, row, ix)
    elif kind == "entities":
        out = _entity_values(name, row, ix)
    return list(dict.fromkeys(out)) or [(NONE_VALUE, "none")]


def _story(sid: Any, ix: Index) -> list[tuple[str, str]]:
    return [(str(sid), ix.story_label(str(sid)))] if sid else []


def _outlets(article_ids: Iterable[Any], ix: Index) -> list[tuple[str, str]]:
    names = sorted({o for aid in article_ids if (o := ix.outlet(aid))})
    return [(o, o) for o in names]


def _person(ref: Mapping[str, Any]) -> list[tuple[str, str]]:
    name = ref.get("name") or ref.get("acled_name")
    return [(str(name), str(name))] if name else []


def _place(loc: Any) -> list[tuple[str, str]]:
    if not isinstance(loc, Mapping) or not loc.get("name"):
        return []
    return [(str(loc["name"]), str(loc["name"]))]


def _event_values(name: str, e: Mapping[str, Any], ix: Index) -> list[tuple[str, str]]:
    if name == "story":
        return _story(e.get("story_id"), ix)
    if name == "outlet":
        ids = [*(e.get("reported_by") or []), *(m.get("article_id") for m in _refs(e.get("mentions") or []))]
        return _outlets(ids, ix)
    if name == "actor":
        return [v for r in _refs([*(e.get("actors") or []), *(e.get("recipients") or [])]) for v in _person(r)]
    if name == "place":
        return _place(e.get("location"))
    if name in ("event_type", "sub_event_type"):
        v = e.get(f"acled_{name}")
        return [(str(v), str(v))] if v else []
    if name in ("plover_type", "realis"):
        v = e.get(name) or ("actual" if name == "realis" else None)
        return [(str(v), str(v))] if v else []
    if name == "background":
        v = bool(e.get("background"))
        return [("true" if v else "false", "background" if v else "in period")]
    if name == "month":
        # every month the span touches, so a month's count is what selecting that month gives
        start, end = iso_day(e.get("date_start")), iso_day(e.get("date_end"))
        if start is None:
            return []
        months, y, m = [], start.year, start.month
        last = (end or start).year * 12 + (end or start).month
        while y * 12 + m <= last and len(months) < 24:
            months.append((f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return months
    return []


def _figure_values(name: str, f: Mapping[str, Any], ix: Index) -> list[tuple[str, str]]:
    aid = f.get("article_id")
    event = ix.events.get(str(f.get("event_id"))) if f.get("event_id") else None
    if name == "story":
        return _story(ix.story_of.get(str(aid)), ix)
    if name == "outlet":
        return _outlets([aid], ix)
    if name == "actor":
        att = f.get("attributed_to")
        return _person(att) if isinstance(att, Mapping) else []
    if name in ("place", "event_type", "sub_event_type"):
        return _event_values(name, event, ix) if event else []
    if name in ("metric", "who", "hedge"):
        v = f.get(name)
        return [(str(v), str(v))] if v else []
    if name == "month":
        d = f.get("as_of") or ix.published(aid)
        return [(str(d)[:7], str(d)[:7])] if iso_day(d) else []
    return []


def _quote_values(name: str, q: Mapping[str, Any], ix: Index) -> list[tuple[str, str]]:
    aid = q.get("article_id")
    if name == "story":
        return _story(ix.story_of.get(str(aid)), ix)
    if name == "outlet":
        return _outlets([aid], ix)
    if name == "actor":
        sp = q.get("speaker")
        return _person(sp) if isinstance(sp, Mapping) else []
    if name == "kind":
        v = q.get("kind")
        return [(str(v), str(v))] if v else []
    if name == "month":
        d = ix.published(aid)
        return [(str(d)[:7], str(d)[:7])] if iso_day(d) else []
    return []


def _entity_values(name: str, ent: Mapping[str, Any], ix: Index) -> list[tuple[str, str]]:
    arts = (ix.entity_articles or {}).get(str(ent.get("entity_id")), set())
    if name == "story":
        return [v for sid in sorted({ix.story_of.get(a) for a in arts} - {None}) for v in _story(sid, ix)]
    if name == "outlet":
        return _outlets(arts, ix)
    if name == "type":
        v = ent.get("type")
        return [(str(v), str(v))] if v else []
    return []


# -- matching ----------------------------------------------------------------------------------------
def _ref_keys(refs: Iterable[Mapping[str, Any]]) -> set[str]:
    keys: set[str] = set()
    for r in refs:
        for k in ("name", "acled_name", "admin1"):
            if r.get(k):
                keys.add(_key(r[k]))
        for k in ("entity_id", "country_code"):
            if r.get(k):
                keys.add(str(r[k]).casefold())
    return keys


def _matches_names(wanted: tuple[str, ...], refs: list[Mapping[str, Any]]) -> bool:
    if NONE_VALUE in wanted and not refs:
        return True
    keys = _ref_keys(refs)
    return any(_key(w) in keys or w.casefold() in keys for w in wanted if w != NONE_VALUE)


def _in_range(start: dt.date | None, end: dt.date | None, spec: Filters) -> bool:
    if spec.date_from is None and spec.date_to is None:
        return True
    if start is None:
        return False  # an undated record is in no date range
    end = end or start
    return (spec.date_from is None or end >= spec.date_from) and (spec.date_to is None or start <= spec.date_to)


def _plain(wanted: tuple[str, ...], got: list[tuple[str, str]]) -> bool:
    values_ = {v for v, _ in got}
    return any(w in values_ for w in wanted)


def matches(kind: str, row: Mapping[str, Any], spec: Filters, ix: Index) -> bool:
    """Whether ``row`` of record type ``kind`` passes every filter of ``spec`` that applies to it."""
    for name in spec.active():
        if kind not in APPLIES[name]:
            continue
        wanted = getattr(spec, name)
        if name in ("date_from", "date_to"):
            continue
        if name == "background":
            if bool(row.get("background")) != wanted:
                return False
        elif name in ("actor", "place"):
            if not _matches_names(wanted, _name_refs(kind, name, row, ix)):
                return False
        elif name == "outlet":
            got = values(kind, name, row, ix)
            keys = {_key(v) for v, _ in got}
            if not any(_key(w) in keys for w in wanted):
                return False
        elif not _plain(wanted, values(kind, name, row, ix)):
            return False
    if kind in APPLIES["date_from"] and (spec.date_from or spec.date_to):
        start, end = _dates(kind, row, ix)
        if not _in_range(start, end, spec):
            return False
    return True


def _name_refs(kind: str, name: str, row: Mapping[str, Any], ix: Index) -> list[Mapping[str, Any]]:
    """The references filter ``name`` (actor or place) reads on ``row``."""
    if name == "actor":
        return _actor_refs(kind, row)
    loc = row.get("location") if kind == "events" else (ix.events.get(str(row.get("event_id"))) or {}).get("location")
    return [loc] if isinstance(loc, Mapping) else []


def _actor_refs(kind: str, row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if kind == "events":
        return _refs([*(row.get("actors") or []), *(row.get("recipients") or [])])
    ref = row.get("attributed_to" if kind == "figures" else "speaker")
    return [ref] if isinstance(ref, Mapping) else []


def _dates(kind: str, row: Mapping[str, Any], ix: Index) -> tuple[dt.date | None, dt.date | None]:
    if kind == "events":
        return iso_day(row.get("date_start")), iso_day(row.get("date_end"))
    if kind == "figures":
        d = iso_day(row.get("as_of")) or iso_day(ix.published(row.get("article_id")))
        return d, d
    d = iso_day(ix.published(row.get("article_id")))
    return d, d


# -- the entry points ----------------------------------------------------------------------------------
def check(kind: str, spec: Filters, ix: Index | None = None) -> None:
    """Raise :class:`FilterError` when ``spec`` uses a filter ``kind`` does not have, or names a story
    the record does not hold."""
    if kind not in KINDS:
        raise FilterError(f"unknown record type {kind!r} (use one of: {', '.join(KINDS)})")
    wrong = [n for n in spec.active() if kind not in APPLIES[n]]
    if wrong:
        raise FilterError(f"{kind} cannot be filtered by {', '.join(wrong)} "
                          f"(their filters: {', '.join(n for n in Filters.names() if kind in APPLIES[n])})")
    if kind == "entities" and (spec.story or spec.outlet) and ix is not None and ix.entity_articles is None:
        raise FilterError("entities can be filtered by story or outlet only where their mentions are loaded")
    check_story(spec, ix)


def check_story(spec: Filters, ix: Index | None) -> None:
    if ix is None:
        return
    unknown = [s for s in spec.story if s not in ix.stories and s != NONE_VALUE]
    if unknown:
        raise FilterError(f"no story {', '.join(map(repr, unknown))} in the record (see `newsprism stories`)")


def select(record: Mapping[str, Any], kind: str, spec: Filters, ix: Index | None = None) -> list[dict[str, Any]]:
    """The rows of record type ``kind`` that pass ``spec``, in the record's order.

    Raises:
        FilterError: ``spec`` uses a filter ``kind`` does not have (:func:`check`).
    """
    ix = ix or Index(record)
    check(kind, spec, ix)
    return [r for r in record.get(kind) or [] if matches(kind, r, spec, ix)]


def filter_record(record: Mapping[str, Any], spec: Filters, mentions: Sequence[Mapping[str, Any]] | None = None,
                  entity_of: Callable[[Mapping[str, Any]], str | None] | None = None) -> dict[str, Any]:
    """The record with each of events, figures, quotes and entities narrowed by the filters that apply
    to it; ``story`` and ``outlet`` also narrow articles, stories, reconciled figures, contradictions
    and framing terms. Everything else is kept whole. The empty spec returns the record as it is.
    Entities are narrowed by story or outlet only when ``mentions`` are given (``entity_of`` maps a
    mention to its entity id).

    Raises:
        FilterError: ``spec`` names a story the record does not hold.
    """
    if spec.is_empty():
        return dict(record)
    ix = Index(record, mentions, entity_of)
    check_story(spec, ix)
    out = dict(record)
    for kind in KINDS:
        if any(kind in APPLIES[n] for n in spec.active()):
            if kind == "entities" and ix.entity_articles is None:
                continue
            out[kind] = [r for r in record.get(kind) or [] if matches(kind, r, spec, ix)]
    if spec.story or spec.outlet:
        keep_articles = {aid for aid, a in ix.articles.items()
                         if (not spec.story or str(ix.story_of.get(aid)) in spec.story)
                         and (not spec.outlet or _key(a.get("outlet")) in {_key(o) for o in spec.outlet})}
        out["articles"] = [a for a in record.get("articles") or [] if a["article_id"] in keep_articles]
        out["framing_terms"] = [t for t in record.get("framing_terms") or [] if t.get("article_id") in keep_articles]
    if spec.story:
        out["stories"] = [s for s in record.get("stories") or [] if s["story_id"] in spec.story]
        out["reconciled_figures"] = [r for r in record.get("reconciled_figures") or []
                                     if (r.get("scope") or {}).get("story_id") in spec.story]
        kept = {f["figure_id"] for f in out.get("figures") or []} | {q["quote_id"] for q in out.get("quotes") or []}
        out["contradictions"] = [c for c in record.get("contradictions") or []
                                 if any(cl.get("figure_id") in kept or cl.get("quote_id") in kept
                                        or _evidence_in(cl.get("evidence"), keep_articles, ix)
                                        for cl in c.get("claims") or [])]
    return out


def _evidence_in(ev: Any, articles: set[str], ix: Index) -> bool:
    if not isinstance(ev, Mapping):
        return False
    return any(a["doc_id"] == ev.get("doc") and a["start"] <= int(ev.get("start") or 0) < a["end"]
               for aid in articles if (a := ix.articles.get(aid)))


# -- facets ----------------------------------------------------------------------------------------
FACETS: dict[str, tuple[str, ...]] = {
    "events": ("story", "event_type", "sub_event_type", "plover_type", "realis", "background", "actor", "place",
               "outlet", "month"),
    "figures": ("story", "metric", "who", "hedge", "actor", "outlet", "event_type", "place", "month"),
    "quotes": ("story", "kind", "actor", "outlet", "month"),
    "entities": ("type", "story", "outlet"),
}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what a query parameter names, what a reader sees, how many rows hold it."""

    value: str
    label: str
    count: int


def facets(kind: str, rows: Sequence[Mapping[str, Any]], ix: Index, limit: int = 30) -> dict[str, list[FacetValue]]:
    """Counts per value of each facet of ``kind`` over ``rows`` (most frequent first, ``limit`` each).

    ``month`` is the date facet: its values are months (``2023-09``), which a page turns into a
    ``date_from``/``date_to`` range.
    """
    out: dict[str, list[FacetValue]] = {}
    for name in FACETS[kind]:
        if kind == "entities" and name in ("story", "outlet") and ix.entity_articles is None:
            continue
        counts: Counter[tuple[str, str]] = Counter()
        for r in rows:
            counts.update(values(kind, name, r, ix))
        if name in ("actor", "place"):
            # a name also matches an ACLED name, a region or a code: count what selecting it would select
            by_key: dict[str, set[int]] = {}
            for i, r in enumerate(rows):
                for k in _ref_keys(_name_refs(kind, name, r, ix)):
                    by_key.setdefault(k, set()).add(i)
            counts = Counter({(v, label): len(by_key.get(_key(v), set()) | by_key.get(v.casefold(), set())) or n
                              for (v, label), n in counts.items()})
        # months in calendar order (undated last); other values most frequent first
        ordered = sorted(counts.items(), key=lambda kv: (
            (kv[0][0] == NONE_VALUE, kv[0][0]) if name == "month" else (False, ""), -kv[1], kv[0][1]))
        out[name] = [FacetValue(v, label, n) for (v, label), n in ordered[:limit]]
    return out


__all__ = ["APPLIES", "FACETS", "KINDS", "FacetValue", "FilterError", "Filters", "Index", "check", "facets",
           "filter_record", "matches", "select", "values"]
