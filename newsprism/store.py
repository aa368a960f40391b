"""The DuckDB store: the only module that speaks SQL.

- Named, versioned migrations, recorded in ``schema_migrations`` and applied in a transaction.
- Content-hash primary keys (documents, articles, facts), so re-running on the same input writes
  the same rows and changes nothing.
- Per-article facts (mentions, figures, quotes, event mentions, ...) live in ``article_facts``
  and are written once per article version; corpus-wide records (stories, entities, events,
  reconciled figures, contradictions) live in ``corpus_records`` and are rebuilt on every run.
- Writes are bulk: one ``INSERT ... SELECT unnest(list)`` per table and batch, not one statement
  per row (DuckDB pays per statement).
- A run commits its per-article results in batches (a run killed mid-way resumes where it
  stopped: the document versions say what is done) and the corpus stage in one transaction of its
  own (``Store.transaction``): a crash rolls that back and leaves the record built before intact.
  ``corpus_state`` holds the fingerprint of what the corpus record was built from, so an unchanged
  re-run skips the corpus stage.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsprism.errors import StoreError
from newsprism.records import Article, Boilerplate, Discarded, RawDocument

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
            text VARCHAR NOT NULL, raw_html VARCHAR, url VARCHAR, outlet VARCHAR, outlet_basis VARCHAR,
            published VARCHAR, published_basis VARCHAR, language VARCHAR, title VARCHAR,
            encoding VARCHAR, version VARCHAR NOT NULL
        );
        CREATE TABLE articles (
            article_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, title VARCHAR, outlet VARCHAR,
            outlet_basis VARCHAR, published VARCHAR, published_basis VARCHAR, language VARCHAR,
            on_topic BOOLEAN NOT NULL, off_topic_reason VARCHAR, duplicate_of VARCHAR,
            story_id VARCHAR, boilerplate VARCHAR NOT NULL, nlp_text VARCHAR NOT NULL
        );
        CREATE TABLE discarded (path VARCHAR PRIMARY KEY, reason VARCHAR NOT NULL);
        CREATE TABLE article_facts (
            kind VARCHAR NOT NULL, id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, data VARCHAR NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE TABLE corpus_records (
            kind VARCHAR NOT NULL, id VARCHAR NOT NULL, data VARCHAR NOT NULL, PRIMARY KEY (kind, id)
        );
    """),
    ("0002_corpus_state", """
        CREATE TABLE corpus_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
    """),
    # a coder's corrections (newsprism/corrections.py): their own table, which no run deletes from
    ("0003_corrections", """
        CREATE TABLE IF NOT EXISTS corrections (
            correction_id VARCHAR PRIMARY KEY, target_kind VARCHAR NOT NULL, target VARCHAR NOT NULL,
            target_key VARCHAR NOT NULL, field VARCHAR NOT NULL, old_value VARCHAR, new_value VARCHAR NOT NULL,
            "by" VARCHAR NOT NULL, "at" VARCHAR NOT NULL, why VARCHAR NOT NULL,
            status VARCHAR NOT NULL DEFAULT 'pending', applied_to VARCHAR, note VARCHAR
        );
    """),
)

# primary-key width (leading columns) of each table written in bulk: rows of one batch are
# de-duplicated on it, the first one kept, as DuckDB does within one multi-row INSERT OR REPLACE
_KEY_COLUMNS = {"documents": 1, "articles": 1, "discarded": 1, "article_facts": 2, "corpus_records": 2,
                "corpus_state": 1}

_DOC_COLUMNS = ("doc_id", "path", "sha256", "text", "raw_html", "url", "outlet", "outlet_basis", "published",
                "published_basis", "language", "title", "encoding")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


class Store:
    """A newsprism database file. Use as a context manager; writes go through ``transaction()``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `newsprism analyze` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"{self.path}: cannot open the database ({first})") from None
        if not read_only:
            self.migrate()
        elif not self._has_table("schema_migrations"):
            raise StoreError(f"{self.path}: not a newsprism database")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ---------------------------------------------------------------------------------
    def _has_table(self, name: str) -> bool:
        rows = self.con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()
        return bool(rows)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction; return their names."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, seq INTEGER)")
        done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for seq, (name, sql) in enumerate(MIGRATIONS):
            if name in done:
                continue
            with self.transaction():
                for statement in filter(str.strip, sql.split(";")):
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, seq])
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM schema_migrations ORDER BY seq").fetchall()]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- documents and articles -----------------------------------------------------------------
    def document_versions(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT doc_id, version FROM documents").fetchall())

    def doc_ids_at_path(self, path: str) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT doc_id FROM documents WHERE path = ?", [path]).fetchall()]

    def delete_document(self, doc_id: str) -> None:
        """Remove a document and everything derived from it (a newer version replaces it)."""
        ids = "SELECT article_id FROM articles WHERE doc_id = ?"
        self.con.execute(f"DELETE FROM article_facts WHERE article_id IN ({ids})", [doc_id])
        self.con.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])

    def put_document(self, doc: RawDocument, version: str) -> None:
        self.put_documents([(doc, version)])

    def put_documents(self, items: Iterable[tuple[RawDocument, str]]) -> None:
        """Store documents with their versions (``pipeline.document_version``), in one statement."""
        self._insert_many("documents", [[getattr(doc, c) for c in _DOC_COLUMNS] + [version] for doc, version in items])

    def put_article(self, article: Article, nlp_text: str) -> None:
        self.put_articles([(article, nlp_text)])

    def put_articles(self, items: Iterable[tuple[Article, str]]) -> None:
        """Store articles with their masked NLP texts, in one statement."""
        rows = []
        for a, nlp_text in items:
            boiler = _dumps([{"doc": b.doc, "start": b.start, "end": b.end, "text": b.text, "kind": b.kind}
                             for b in a.boilerplate])
            rows.append([a.article_id, a.doc_id, a.seq, a.start, a.end, a.title, a.outlet, a.outlet_basis, a.published,
                         a.published_basis, a.language, a.on_topic, a.off_topic_reason, a.duplicate_of, a.story_id,
                         boiler, nlp_text])
        self._insert_many("articles", rows)

    def delete_documents_at(self, paths: Iterable[str]) -> None:
        """Remove every document stored under these paths and all derived from them (``delete_document``)."""
        paths = sorted(set(paths))
        if not paths:
            return
        docs = "SELECT doc_id FROM documents WHERE path IN (SELECT unnest($1::VARCHAR[]))"
        arts = f"SELECT article_id FROM articles WHERE doc_id IN ({docs})"
        self.con.execute(f"DELETE FROM article_facts WHERE article_id IN ({arts})", [paths])
        self.con.execute(f"DELETE FROM articles WHERE doc_id IN ({docs})", [paths])
        self.con.execute("DELETE FROM documents WHERE path IN (SELECT unnest($1::VARCHAR[]))", [paths])

    def update_article_links(self, article: Article) -> None:
        """Write the corpus-level fields of an article (topic, duplicate, story)."""
        self.update_articles_links([article])

    def update_articles_links(self, articles: Iterable[Article]) -> None:
        """``update_article_links`` for many articles, in one statement."""
        rows = [[a.article_id, a.on_topic, a.off_topic_reason, a.duplicate_of, a.story_id] for a in articles]
        if not rows:
            return
        ids, on_topic, reason, dup, story = (list(c) for c in zip(*rows))
        self.con.execute(
            "UPDATE articles SET on_topic = u.on_topic, off_topic_reason = u.reason, duplicate_of = u.dup,"
            " story_id = u.story FROM (SELECT unnest($1::VARCHAR[]) AS id, unnest($2::BOOLEAN[]) AS on_topic,"
            " unnest($3::VARCHAR[]) AS reason, unnest($4::VARCHAR[]) AS dup, unnest($5::VARCHAR[]) AS story) u"
            " WHERE articles.article_id = u.id",
            [ids, on_topic, reason, dup, story],
        )

    def documents(self) -> list[RawDocument]:
        rows = self.con.execute(f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents ORDER BY path, doc_id").fetchall()
        return [RawDocument(*r) for r in rows]

    def articles(self) -> list[tuple[Article, str]]:
        """Every article with its masked NLP text, in document order."""
        rows = self.con.execute(
            "SELECT a.article_id, a.doc_id, a.seq, a.span_start, a.span_end, a.title, a.outlet, a.published, a.language,"
            " a.on_topic, a.off_topic_reason, a.duplicate_of, a.story_id, a.boilerplate, a.outlet_basis,"
            " a.published_basis, a.nlp_text FROM articles a JOIN documents d USING (doc_id) ORDER BY d.path, a.doc_id, a.seq"
        ).fetchall()
        out = []
        for r in rows:
            boiler = tuple(Boilerplate(**b) for b in json.loads(r[13]))
            out.append((Article(*r[:13], boilerplate=boiler, outlet_basis=r[14], published_basis=r[15]), r[16]))
        return out

    # -- discarded ------------------------------------------------------------------------------
    def record_discarded(self, items: Iterable[Discarded], succeeded_paths: Iterable[str]) -> None:
        """Remember unusable inputs; an input that now reads fine is no longer listed."""
        paths = sorted(set(succeeded_paths))
        if paths:
            self.con.execute("DELETE FROM discarded WHERE path IN (SELECT unnest($1::VARCHAR[]))", [paths])
        self._insert_many("discarded", [[d.path, d.reason] for d in items])

    def discarded(self) -> list[Discarded]:
        return [Discarded(*r) for r in self.con.execute("SELECT path, reason FROM discarded ORDER BY path").fetchall()]

    # -- facts ----------------------------------------------------------------------------------
    def put_facts(self, kind: str, article_id: str, items: Iterable[tuple[str, Any]]) -> None:
        """Store per-article facts of one kind as (id, JSON-able data) pairs."""
        self.put_fact_rows((kind, fid, article_id, data) for fid, data in items)

    def put_fact_rows(self, rows: Iterable[tuple[str, str, str, Any]]) -> None:
        """Store per-article facts of any kinds and articles as (kind, id, article_id, JSON-able data)."""
        self._insert_many("article_facts", [[kind, fid, article_id, _dumps(data)] for kind, fid, article_id, data in rows])

    def _column_types(self, table: str) -> list[str]:
        if not hasattr(self, "_types"):
            self._types: dict[str, list[str]] = {}
        if table not in self._types:
            rows = self.con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = ?"
                                    " ORDER BY ordinal_position", [table]).fetchall()
            self._types[table] = [r[0] for r in rows]
        return self._types[table]

    def _insert_many(self, table: str, rows: list[list[Any]]) -> None:
        """INSERT OR REPLACE of many rows in one statement: each column goes in as one list and is
        unnested (DuckDB binds a list parameter once; a multi-row VALUES binds every value)."""
        if not rows:
            return
        key = _KEY_COLUMNS[table]
        first: dict[tuple[Any, ...], list[Any]] = {}
        for row in rows:
            first.setdefault(tuple(row[:key]), row)
        if len(first) < len(rows):
            rows = list(first.values())
        types = self._column_types(table)
        cols = ", ".join(f"unnest(${i + 1}::{t}[])" for i, t in enumerate(types))
        self.con.execute(f"INSERT OR REPLACE INTO {table} SELECT {cols}", [list(c) for c in zip(*rows)])

    def facts(self, kind: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT data FROM article_facts WHERE kind = ? ORDER BY article_id, id", [kind]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def replace_corpus(self, kind: str, items: Iterable[tuple[str, Any]]) -> None:
        """Replace every corpus-wide record of one kind (they are rebuilt on each run)."""
        self.con.execute("DELETE FROM corpus_records WHERE kind = ?", [kind])
        self._insert_many("corpus_records", [[kind, rid, _dumps(data)] for rid, data in items])

    def corpus_fingerprint(self) -> str | None:
        """The fingerprint of the inputs the stored corpus record was built from (None: never built)."""
        row = self.con.execute("SELECT value FROM corpus_state WHERE key = 'fingerprint'").fetchone()
        return row[0] if row else None

    def set_corpus_fingerprint(self, fingerprint: str) -> None:
        self._insert_many("corpus_state", [["fingerprint", fingerprint]])

    def corpus(self, kind: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT data FROM corpus_records WHERE kind = ? ORDER BY id", [kind]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def topic_counts(self) -> tuple[int, int]:
        """(articles on topic, articles that duplicate another), counted in the store."""
        row = self.con.execute("SELECT count(*) FILTER (WHERE on_topic), count(*) FILTER (WHERE duplicate_of IS NOT NULL)"
                               " FROM articles").fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def counts(self) -> dict[str, int]:
        """Record counts per type, for ``newsprism info``."""
        out = {
            "documents": self.con.execute("SELECT count(*) FROM documents").fetchone()[0],  # type: ignore[index]
            "articles": self.con.execute("SELECT count(*) FROM articles").fetchone()[0],  # type: ignore[index]
            "discarded": self.con.execute("SELECT count(*) FROM discarded").fetchone()[0],  # type: ignore[index]
        }
        for kind, n in self.con.execute("SELECT kind, count(*) FROM article_facts GROUP BY kind ORDER BY kind").fetchall():
            out[kind] = n
        for kind, n in self.con.execute("SELECT kind, count(*) FROM corpus_records GROUP BY kind ORDER BY kind").fetchall():
            out[kind] = n
        return out

    # -- corrections (newsprism/corrections.py) ---------------------------------------------------
    _CORRECTION_COLUMNS = ("correction_id", "target_kind", "target", "target_key", "field", "old_value",
                           "new_value", "by", "at", "why", "status", "applied_to", "note")
    _CORRECTION_JSON = ("target_key", "old_value", "new_value")

    def _quoted(self) -> list[str]:
        return [f'"{c}"' for c in self._CORRECTION_COLUMNS]  # "by" and "at" are SQL keywords

    def put_correction(self, row: dict[str, Any]) -> None:
        """Store one correction (a new one, or its status after applying)."""
        values = [_dumps(row.get(c)) if c in self._CORRECTION_JSON else row.get(c) for c in self._CORRECTION_COLUMNS]
        self.con.execute(f"INSERT OR REPLACE INTO corrections ({', '.join(self._quoted())}) "
                         f"VALUES ({', '.join('?' * len(values))})", values)

    def set_correction_status(self, correction_id: str, status: str, applied_to: str | None, note: str | None) -> None:
        self.con.execute("UPDATE corrections SET status = ?, applied_to = ?, note = ? WHERE correction_id = ?",
                         [status, applied_to, note, correction_id])

    def corrections(self) -> list[dict[str, Any]]:
        """Every correction, oldest first; none in a store made before corrections existed."""
        if not self._has_table("corrections"):
            return []
        rows = self.con.execute(f"SELECT {', '.join(self._quoted())} FROM corrections "
                                'ORDER BY "at", correction_id').fetchall()
        out = []
        for r in rows:
            row = dict(zip(self._CORRECTION_COLUMNS, r))
            for c in self._CORRECTION_JSON:
                row[c] = json.loads(row[c]) if row[c] is not None else None
            out.append(row)
        return out

    def corpus_items(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """(id, data) of every corpus-wide record of one kind, to write them back changed."""
        rows = self.con.execute("SELECT id, data FROM corpus_records WHERE kind = ? ORDER BY id", [kind]).fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]
