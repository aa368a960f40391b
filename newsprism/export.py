"""Exports: read-only views of the store in the shapes of ``shared/SCHEMA.md``.

The JSON export is deterministic (sorted records, no timestamps), so exporting the same store
twice gives byte-identical files. Facts of off-topic articles are not exported: they never
become part of the record.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from newsprism import __version__
from newsprism.errors import ConfigError
from newsprism.store import Store

TOP_LEVEL = ("documents", "articles", "discarded", "stories", "entities", "events", "figures",
             "reconciled_figures", "quotes", "contradictions", "framing_terms")
FORMATS = ("json", "csv")


def build_record(store: Store) -> dict[str, Any]:
    """The whole record as one JSON-able dict (top-level arrays of SCHEMA.md)."""
    articles = store.articles()
    n_articles: dict[str, int] = {}
    for a, _ in articles:
        n_articles[a.doc_id] = n_articles.get(a.doc_id, 0) + 1
    documents = [
        {"doc_id": d.doc_id, "path": d.path, "sha256": d.sha256, "outlet": d.outlet, "published": d.published,
         "published_basis": d.published_basis, "language": d.language, "n_articles": n_articles.get(d.doc_id, 0),
         "url": d.url, "title": d.title, "encoding": d.encoding}
        for d in store.documents()
    ]
    on_topic = {a.article_id for a, _ in articles if a.on_topic}
    record: dict[str, Any] = {
        "newsprism_version": __version__,
        "documents": documents,
        "articles": [
            {"article_id": a.article_id, "doc_id": a.doc_id, "seq": a.seq, "start": a.start, "end": a.end,
             "title": a.title, "outlet": a.outlet, "published": a.published, "on_topic": a.on_topic,
             "off_topic_reason": a.off_topic_reason, "duplicate_of": a.duplicate_of, "story_id": a.story_id,
             "boilerplate": [{"doc": b.doc, "start": b.start, "end": b.end, "text": b.text, "kind": b.kind}
                             for b in a.boilerplate],
             "language": a.language, "outlet_basis": a.outlet_basis, "published_basis": a.published_basis}
            for a, _ in articles
        ],
        "discarded": [{"path": d.path, "reason": d.reason} for d in store.discarded()],
    }
    for kind in TOP_LEVEL[3:]:
        per_article = [r for r in store.facts(kind) if r.get("article_id") in on_topic]
        record[kind] = per_article + store.corpus(kind)
    return record


def export(store: Store, fmt: str, out: str | None) -> str | None:
    """Write the record in ``fmt`` to ``out`` (a file, or a folder for csv); return the text when out is None.

    Raises:
        ConfigError: unknown format, or csv without an output folder.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (use one of: {', '.join(FORMATS)})")
    record = build_record(store)
    if fmt == "json":
        text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        if out is None:
            return text
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        return None
    if out is None:
        raise ConfigError("--format csv writes one file per record type: give a folder with --out")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for kind in TOP_LEVEL:
        (folder / f"{kind}.csv").write_text(records_to_csv(record[kind]), encoding="utf-8")
    return None


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """One level of nesting spread into columns (evidence_text, attributed_to_name); lists as JSON."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict):
            for kk, vv in v.items():
                out[f"{k}_{kk}"] = json.dumps(vv, ensure_ascii=False) if isinstance(vv, (dict, list)) else vv
        elif isinstance(v, list):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


def records_to_csv(rows: list[dict[str, Any]]) -> str:
    """One spreadsheet-friendly CSV: nested records spread into columns, lists as compact JSON."""
    if not rows:
        return ""
    flat = [_flat(r) for r in rows]
    buf = io.StringIO()
    columns = list(dict.fromkeys(k for r in flat for k in r))
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buf.getvalue()
