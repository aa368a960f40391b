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

from newsprism.serve import models, pages
from newsprism.serve.data import Snapshot

router = APIRouter(tags=["json"])
ingest_router = APIRouter(tags=["ingest"])

Limit = Annotated[int, Query(ge=1, le=5000, description="Rows per table.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]

INGEST_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
MAX_UPLOAD = 20_000_000


def as_json(data: dict[str, Any]) -> JSONResponse:
    """The answer as it is: the routes' ``response_model`` documents it in OpenAPI, but the dicts the
    pages render are not re-validated per request (``tests/test_browse.py`` checks real answers
    against the models)."""
    return JSONResponse(data)


def snapshot(request: Request) -> Snapshot:
    return request.app.state.source.snapshot()  # type: ignore[no-any-return]


def found(func: Any, *args: Any) -> dict[str, Any]:
    try:
        return func(*args)  # type: ignore[no-any-return]
    except pages.NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None


@router.get("/index.json", response_model=models.CorpusPage, summary="Corpus: stories, documents, articles, discarded inputs")
def corpus_json(request: Request, limit: Limit = 500, offset: Offset = 0) -> JSONResponse:
    return as_json(pages.corpus_page(snapshot(request), limit, offset))


@router.get("/record.json", response_model=models.Record, summary="The whole record (as `newsprism export --format json`)")
def record_json(request: Request) -> JSONResponse:
    return as_json(snapshot(request).view.record)


@router.get("/stories/{story_id}.json", response_model=models.StoryPage, summary="A story: events, places, figures, quotes, contradictions, framing")
def story_json(request: Request, story_id: str) -> JSONResponse:
    return as_json(found(pages.story_page, snapshot(request), story_id))


@router.get("/articles/{article_id}.json", response_model=models.ArticlePage, summary="An article: its text, clutter spans and every fact in it")
def article_json(request: Request, article_id: str) -> JSONResponse:
    return as_json(found(pages.article_page, snapshot(request), article_id))


@router.get("/documents/{doc_id}.json", response_model=models.DocumentPage, summary="A document: its stored text, its articles and facts")
def document_json(request: Request, doc_id: str) -> JSONResponse:
    return as_json(found(pages.document_page, snapshot(request), doc_id))


@router.get("/entities/{entity_id}.json", response_model=models.EntityPage, summary="An entity: aliases, mentions, events, quotes, figures")
def entity_json(request: Request, entity_id: str) -> JSONResponse:
    return as_json(found(pages.entity_page, snapshot(request), entity_id))


@router.get("/search.json", response_model=models.SearchPage, summary="Search articles (BM25) and entities (names and aliases)")
def search_json(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
                limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
    return as_json(pages.search_page(snapshot(request), q, limit))


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


@ingest_router.post("/-/ingest", status_code=201, response_model=models.IngestResult, summary="Add one page to the store (needs the ingest token)",
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
