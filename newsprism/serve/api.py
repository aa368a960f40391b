"""JSON routes: the ``.json`` twin of every page, the whole record, and the token-guarded ingest."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import re
import tempfile
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


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None for any other form (a bare
    token, another scheme, no header)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


_CHUNK = 1 << 16


@ingest_router.post("/-/ingest", status_code=201, summary="Add one page to the store (needs the ingest token)",
                    responses={401: {"description": "missing or wrong token"}, 413: {"description": "too large"}})
async def ingest(request: Request, filename: Annotated[str, Query(min_length=1, max_length=200,
                                                                  description="Name of the page, e.g. story.html")],
                 authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """The request body is the page as saved (bytes: .txt, .html, .jsonl, .warc[.gz]). It is kept
    beside the database (``<db>-uploads/``) and analyzed into the store; the read snapshot is
    refreshed afterwards. The body is streamed to disk and refused (413) as soon as it passes the
    size limit: an upload never sits whole in the server's memory."""
    token = request.app.state.ingest_token
    given = bearer_token(authorization)
    if not token or given is None or not hmac.compare_digest(given.encode(), str(token).encode()):
        raise HTTPException(status_code=401, detail="ingest needs 'Authorization: Bearer <token>' with the server's token",
                            headers={"www-authenticate": "Bearer"})
    name = _SAFE_NAME.sub("_", Path(filename).name).lstrip(".")
    if not name.lower().endswith(INGEST_SUFFIXES):
        raise HTTPException(status_code=400,
                            detail=f"{filename!r}: unsupported type (use one of: {', '.join(INGEST_SUFFIXES)})")
    too_large = HTTPException(status_code=413, detail=f"{filename!r}: larger than {MAX_UPLOAD:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD:
        raise too_large
    source = request.app.state.source
    folder = Path(source.db).parent / (Path(source.db).stem + "-uploads")
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise too_large
                digest.update(chunk)
                fh.write(chunk)
        if not size:
            raise HTTPException(status_code=400, detail=f"{filename!r}: empty body")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    path = folder / f"{digest.hexdigest()[:12]}_{name}"

    def run() -> Any:
        from newsprism import analyze

        with source.writer():  # no read connection is open while the pipeline writes
            os.replace(tmp, path)
            return analyze([str(path)], db=source.db)

    try:
        summary = await asyncio.to_thread(run)
    finally:
        tmp.unlink(missing_ok=True)
    if summary.discarded:
        reasons = [f"{d.path}: {d.reason}" for d in summary.discarded]
        raise HTTPException(status_code=422, detail="; ".join(reasons))
    return JSONResponse({"ok": True, "path": str(path), "new_documents": summary.new_documents,
                         "documents": summary.documents, "articles": summary.articles}, status_code=201)
