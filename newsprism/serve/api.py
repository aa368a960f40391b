"""JSON routes: the ``.json`` twin of every page, the whole record, and the token-guarded ingest."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from newsprism.serve import pages
from newsprism.serve.data import Snapshot

router = APIRouter(tags=["json"])
ingest_router = APIRouter(tags=["ingest"])

Limit = Annotated[int, Query(ge=1, le=5000, description="Rows per table.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]

INGEST_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
MAX_UPLOAD = 20_000_000


def snapshot(request: Request) -> Snapshot:
    return request.app.state.source.snapshot()  # type: ignore[no-any-return]


def found(func: Any, *args: Any) -> dict[str, Any]:
    try:
        return func(*args)  # type: ignore[no-any-return]
    except pages.NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None


@router.get("/index.json", summary="Corpus: stories, documents, articles, discarded inputs")
def corpus_json(request: Request, limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
    return pages.corpus_page(snapshot(request), limit, offset)


@router.get("/record.json", summary="The whole record (as `newsprism export --format json`)")
def record_json(request: Request) -> dict[str, Any]:
    return snapshot(request).view.record


@router.get("/stories/{story_id}.json", summary="A story: events, places, figures, quotes, contradictions, framing")
def story_json(request: Request, story_id: str) -> dict[str, Any]:
    return found(pages.story_page, snapshot(request), story_id)


@router.get("/articles/{article_id}.json", summary="An article: its text, clutter spans and every fact in it")
def article_json(request: Request, article_id: str) -> dict[str, Any]:
    return found(pages.article_page, snapshot(request), article_id)


@router.get("/documents/{doc_id}.json", summary="A document: its stored text, its articles and facts")
def document_json(request: Request, doc_id: str) -> dict[str, Any]:
    return found(pages.document_page, snapshot(request), doc_id)


@router.get("/entities.json", summary="Entities, most mentioned first")
def entities_json(request: Request, type: Annotated[str | None, Query(description="Entity type filter.")] = None,
                  limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
    return pages.entities_page(snapshot(request), type, limit, offset)


@router.get("/entities/{entity_id}.json", summary="An entity: aliases, mentions, events, quotes, figures")
def entity_json(request: Request, entity_id: str) -> dict[str, Any]:
    return found(pages.entity_page, snapshot(request), entity_id)


@router.get("/search.json", summary="Search articles (BM25) and entities (names and aliases)")
def search_json(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
                limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    return pages.search_page(snapshot(request), q, limit)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@ingest_router.post("/-/ingest", status_code=201, summary="Add one page to the store (needs the ingest token)",
                    responses={401: {"description": "missing or wrong token"}, 413: {"description": "too large"}})
async def ingest(request: Request, filename: Annotated[str, Query(min_length=1, max_length=200,
                                                                  description="Name of the page, e.g. story.html")],
                 authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """The request body is the page as saved (bytes: .txt, .html, .jsonl, .warc[.gz]). It is kept
    beside the database (``<db>-uploads/``) and analyzed into the store; the read snapshot is
    refreshed afterwards."""
    token = request.app.state.ingest_token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), str(token).encode()):
        raise HTTPException(status_code=401, detail="ingest needs 'Authorization: Bearer <token>' with the server's token",
                            headers={"www-authenticate": "Bearer"})
    name = _SAFE_NAME.sub("_", Path(filename).name).lstrip(".")
    if not name.lower().endswith(INGEST_SUFFIXES):
        raise HTTPException(status_code=400,
                            detail=f"{filename!r}: unsupported type (use one of: {', '.join(INGEST_SUFFIXES)})")
    body = await request.body()
    if len(body) > MAX_UPLOAD:
        raise HTTPException(status_code=413, detail=f"{filename!r}: larger than {MAX_UPLOAD:,} bytes")
    if not body:
        raise HTTPException(status_code=400, detail=f"{filename!r}: empty body")
    source = request.app.state.source
    folder = Path(source.db).parent / (Path(source.db).stem + "-uploads")
    path = folder / f"{hashlib.sha256(body).hexdigest()[:12]}_{name}"

    def run() -> Any:
        from newsprism import analyze

        with source.writer():  # no read connection is open while the pipeline writes
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            return analyze([str(path)], db=source.db)

    summary = await asyncio.to_thread(run)
    if summary.discarded:
        reasons = [f"{d.path}: {d.reason}" for d in summary.discarded]
        raise HTTPException(status_code=422, detail="; ".join(reasons))
    return JSONResponse({"ok": True, "path": str(path), "new_documents": summary.new_documents,
                         "documents": summary.documents, "articles": summary.articles}, status_code=201)
