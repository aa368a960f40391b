"""The served data: one read-only snapshot of the store, reloaded when the file changes.

DuckDB allows one writer at a time and no writer while another process holds the file, so the
server never keeps a connection open: it reads the whole record in one short read-only
connection, keeps it in memory, and reopens only when the database file (or its WAL) changed.
The ingest endpoint takes the same lock, so reading and writing never overlap in this process.

Search is an in-memory BM25 index over article text (clutter removed) and entity names: the
DuckDB full-text extension would need a download at run time, which newsprism never does.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.serve.view import RecordView

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case- and accent-folded text (Pašinjan -> pasinjan)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass
class SearchIndex:
    """BM25 over articles; token and prefix match over entity names and aliases."""

    k1: float = 1.2
    b: float = 0.75
    postings: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    lengths: dict[str, int] = field(default_factory=dict)
    entity_names: dict[str, list[list[str]]] = field(default_factory=dict)

    def add_article(self, article_id: str, title: str, body: str) -> None:
        counts = Counter(tokens(body))
        for t in tokens(title):  # a word in the title counts as three in the body
            counts[t] += 3
        for t, n in counts.items():
            self.postings[t][article_id] = n
        self.lengths[article_id] = sum(counts.values())

    def add_entity(self, entity_id: str, names: list[str]) -> None:
        self.entity_names[entity_id] = [tokens(n) for n in names if n]

    def articles(self, query: str) -> list[tuple[str, float]]:
        terms = list(dict.fromkeys(tokens(query)))
        if not terms or not self.lengths:
            return []
        n = len(self.lengths)
        avg = sum(self.lengths.values()) / n
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, int] = defaultdict(int)
        for t in terms:
            posting = self.postings.get(t, {})
            if not posting:
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for aid, tf in posting.items():
                norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * self.lengths[aid] / avg))
                scores[aid] += idf * norm
                matched[aid] += 1
        # every query word must occur (AND), as a search box user expects
        hits = [(aid, s) for aid, s in scores.items() if matched[aid] == len(terms)]
        return sorted(hits, key=lambda h: (-h[1], h[0]))

    def entities(self, query: str) -> list[tuple[str, float]]:
        terms = tokens(query)
        if not terms:
            return []
        out = []
        for eid, names in self.entity_names.items():
            best = 0.0
            for name in names:
                if all(any(w == t for w in name) for t in terms):
                    best = max(best, 2.0 if name == terms else 1.5)
                elif all(any(w.startswith(t) for w in name) for t in terms):
                    best = max(best, 1.0)
            if best:
                out.append((eid, best))
        return sorted(out, key=lambda h: (-h[1], h[0]))


@dataclass
class Snapshot:
    """What one read of the store gives: the record view, the masked article texts, the index."""

    view: RecordView
    nlp_texts: dict[str, str]
    index: SearchIndex
    counts: dict[str, int]


def build_snapshot(record: dict[str, Any], texts: dict[str, str], mentions: list[dict[str, Any]],
                   nlp_texts: dict[str, str] | None = None, counts: dict[str, int] | None = None) -> Snapshot:
    """A snapshot from plain data (tests build one without a store)."""
    view = RecordView(record, texts=texts, mentions=mentions)
    nlp = dict(nlp_texts or {})
    index = SearchIndex()
    for aid, a in view.articles.items():
        body = nlp.get(aid)
        if body is None or len(body) != a["end"] - a["start"]:
            body = texts.get(a["doc_id"], "")[a["start"]:a["end"]]
        chars = list(body)  # clutter blanked out (the pipeline's masked text already is; a hand-made one may not be)
        for b in a.get("boilerplate") or []:
            for i in range(max(b["start"] - a["start"], 0), min(b["end"] - a["start"], len(chars))):
                chars[i] = " "
        body = nlp[aid] = "".join(chars)
        index.add_article(aid, a.get("title") or "", body)
    for eid, e in view.entities.items():
        index.add_entity(eid, [e.get("canonical_name") or "", *(e.get("aliases") or [])])
    if counts is None:
        counts = {k: len(v) for k, v in record.items() if isinstance(v, list)}
    return Snapshot(view=view, nlp_texts=nlp, index=index, counts=counts)


def read_snapshot(db: str) -> Snapshot:
    """Read the whole store in one short read-only connection."""
    from newsprism.export import build_record
    from newsprism.store import Store

    with Store(db, read_only=True) as store:
        record = build_record(store)
        texts = {d.doc_id: d.text for d in store.documents()}
        nlp_texts = {a.article_id: nlp for a, nlp in store.articles()}
        mentions = store.facts("mentions")
        counts = store.counts()
    return build_snapshot(record, texts, mentions, nlp_texts, counts)


class Source:
    """The store behind the app: a cached snapshot, and one lock shared with the ingest endpoint."""

    def __init__(self, db: str) -> None:
        self.db = str(db)
        self.lock = threading.RLock()  # held while the store is read
        self.write_lock = threading.Lock()  # one ingest at a time
        self.writing = threading.Event()  # set while an ingest writes: reads keep the cached snapshot
        self._stamp: tuple[Any, ...] | None = None
        self._snapshot: Snapshot | None = None

    def _file_stamp(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for p in (Path(self.db), Path(self.db + ".wal")):
            try:
                st = os.stat(p)
                out += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                out += [None, None]
        return tuple(out)

    def snapshot(self) -> Snapshot:
        """The current snapshot; re-read when the file changed, else (or if busy) the cached one."""
        from newsprism.errors import StoreError

        with self.lock:
            if self.writing.is_set() and self._snapshot is not None:
                return self._snapshot
            stamp = self._file_stamp()
            if self._snapshot is None or stamp != self._stamp:
                try:
                    self._snapshot = read_snapshot(self.db)
                    self._stamp = stamp
                except StoreError:
                    if self._snapshot is None:
                        raise
                    # another process is writing: keep serving what was read last
            return self._snapshot

    def invalidate(self) -> None:
        with self.lock:
            self._stamp = None

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Exclusive write access: waits for a read in progress, then lets reads use the cached snapshot
        (no read connection is opened while the pipeline writes); the next read re-reads the store."""
        with self.write_lock:
            self.writing.set()
            try:
                with self.lock:  # a read that started before has finished
                    pass
                yield
            finally:
                self.writing.clear()
                self.invalidate()
