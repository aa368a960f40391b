"""Corrections over HTTP: ``POST /-/correct`` (needs the write token) and ``GET /corrections.json``.

The write token is the server's ``--ingest-token``. It must come as ``Authorization: Bearer
<token>``, a header a page of another origin cannot make a browser send: no cookie carries write
access, so a cross-site form cannot forge a correction (the same guard as the upload). The page's
correction form (``templates/_correct.html``, ``static/correct.js``) sends it with ``fetch``.
"""

from __future__ import annotations

from newsprism.serve.models import CorrectionsPage

import asyncio
import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newsprism.serve.api import bearer_token, snapshot

router = APIRouter(tags=["corrections"])  # only with a write token
read_router = APIRouter(tags=["json"])


class CorrectionIn(BaseModel):
    """One correction of one field of one record (fields: ``newsprism.corrections.FIELDS``)."""

    kind: Literal["event", "figure", "entity"]
    target: str = Field(min_length=1, max_length=200, description="The record's id.")
    field: str = Field(min_length=1, max_length=50, description="e.g. acled_event_type, date, rejected, merge.")
    value: str | list[str] | bool | None = Field(None, description="The new value (names: a list).")
    by: str = Field(min_length=1, max_length=200)
    why: str = Field(min_length=1, max_length=2000)


@router.post("/-/correct", status_code=201, summary="Correct the record (needs the write token)",
             responses={400: {"description": "unknown target or bad value"}, 401: {"description": "missing or wrong token"}})
async def correct(request: Request, body: CorrectionIn,
                  authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """Store the correction and apply it; it stays applied on every later ``analyze``."""
    from newsprism.corrections import CorrectionError, add_correction, make_correction
    from newsprism.store import Store

    token = request.app.state.ingest_token
    given = bearer_token(authorization)
    if not token or given is None or not hmac.compare_digest(given.encode(), str(token).encode()):
        raise HTTPException(status_code=401, detail="corrections need 'Authorization: Bearer <token>' with the server's token",
                            headers={"www-authenticate": "Bearer"})
    source = request.app.state.source
    value: Any = True if body.field in ("rejected", "superseded") else body.value

    def run() -> Any:
        with source.writer(), Store(source.db) as store:  # no read connection is open while it writes
            return add_correction(store, make_correction(store, body.kind, body.target, body.field, value,
                                                         body.by, body.why))

    try:
        done = await asyncio.to_thread(run)
    except CorrectionError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    return JSONResponse({"ok": True, "correction": done.public()}, status_code=201)


@read_router.get("/corrections.json", summary="Every correction: who, when, what, why, and where it stands",
                 response_model=CorrectionsPage)
def corrections_json(request: Request) -> dict[str, Any]:
    return {"corrections": snapshot(request).view.record.get("corrections", [])}
