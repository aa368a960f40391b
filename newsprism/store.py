"""The DuckDB store: the only module that speaks SQL.

- Named, versioned migrations, recorded in ``schema_migrations`` and applied in a transaction.
- Content-hash primary keys (documents, articles, facts), so re-running on the same input writes
  the same rows and changes nothing.
- Per-article facts (mentions, figures, quotes, event mentions, ...) live in ``article_facts``
  and are written once per article version; corpus-wide records (stories, entities, events,
  reconciled figures, contradictions) live in ``corpus_records`` and are rebuilt on every run.
- All writes of a run happen in one transaction (``Store.transaction``): a crash rolls back and
  leaves what was stored before intact.
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
    # a coder's corrections (newsprism/corrections.py): their own table, which no run deletes from
    ("0002_corrections", """
        CREATE TABLE IF NOT EXISTS corrections (
            correction_id VARCHAR PRIMARY KEY, target_kind VARCHAR NOT NULL, target VARCHAR NOT NULL,
            target_key VARCHAR NOT NULL, field VARCHAR NOT NULL, old_value VARCHAR, new_value VARCHAR NOT NULL,
            "by" VARCHAR NOT NULL, "at" VARCHAR NOT NULL, why VARCHAR NOT NULL,
            status VARCHAR NOT NULL DEFAULT 'pending', applied_to VARCHAR, note VARCHAR
        );
    """),
)

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
        values = [getattr(doc, c) for c in _DOC_COLUMNS] + [version]
        self.con.execute(f"INSERT OR REPLACE INTO documents VALUES ({', '.join('?' * len(values))})", values)

    def put_article(self, article: Article, nlp_text: str) -> None:
        a = article
        boiler = _dumps([{"doc": b.doc, "start": b.start, "end": b.end, "text": b.text, "kind": b.kind}
                         for b in a.boilerplate])
        self.con.execute(
            "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [a.article_id, a.doc_id, a.seq, a.start, a.end, a.title, a.outlet, a.outlet_basis, a.published,
             a.published_basis, a.language, a.on_topic, a.off_topic_reason, a.duplicate_of, a.story_id, boiler,
             nlp_text],
        )

    def update_article_links(self, article: Article) -> None:
        """Write the corpus-level fields of an article (topic, duplicate, story)."""
        self.con.execute(
            "UPDATE articles SET on_topic = ?, off_topic_reason = ?, duplicate_of = ?, story_id = ? WHERE article_id = ?",
            [article.on_topic, article.off_topic_reason, article.duplicate_of, article.story_id, article.article_id],
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
        for path in succeeded_paths:
            self.con.execute("DELETE FROM discarded WHERE path = ?", [path])
        for d in items:
            self.con.execute("INSERT OR REPLACE INTO discarded VALUES (?, ?)", [d.path, d.reason])

    def discarded(self) -> list[Discarded]:
        return [Discarded(*r) for r in self.con.execute("SELECT path, reason FROM discarded ORDER BY path").fetchall()]

    # -- facts ----------------------------------------------------------------------------------
    def put_facts(self, kind: str, article_id: str, items: Iterable[tuple[str, Any]]) -> None:
        """Store per-article facts of one kind as (id, JSON-able data) pairs."""
        rows = [[kind, fid, article_id, _dumps(data)] for fid, data in items]
        self._insert_many("article_facts", rows)

    def _insert_many(self, table: str, rows: list[list[Any]], chunk: int = 500) -> None:
        """Multi-row INSERT OR REPLACE: one statement per chunk (single-row inserts are slow in DuckDB)."""
        for i in range(0, len(rows), chunk):
            part = rows[i:i + chunk]
            one = "(" + ", ".join("?" * len(part[0])) + ")"
            self.con.execute(f"INSERT OR REPLACE INTO {table} VALUES " + ", ".join([one] * len(part)),
                             [v for row in part for v in row])

    def facts(self, kind: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT data FROM article_facts WHERE kind = ? ORDER BY article_id, id", [kind]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def replace_corpus(self, kind: str, items: Iterable[tuple[str, Any]]) -> None:
        """Replace every corpus-wide record of one kind (they are rebuilt on each run)."""
        self.con.execute("DELETE FROM corpus_records WHERE kind = ?", [kind])
        self._insert_many("corpus_records", [[kind, rid, _dumps(data)] for rid, data in items])

    def corpus(self, kind: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT data FROM corpus_records WHERE kind = ? ORDER BY id", [kind]).fetchall()
        return [json.loads(r[0]) for r in rows]

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
