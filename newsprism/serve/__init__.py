"""The web UI and JSON API over a newsprism store (``newsprism serve``).

``create_app(db_path)`` builds the ASGI app (FastAPI): server-rendered pages (``web.py``), each
with a ``.json`` twin (``api.py``), OpenAPI at ``/openapi.json`` rendered at ``/docs``, and one
error envelope everywhere::

    {"ok": false, "error": "<one line>", "errors": ["..."], "status": 404}

Safe by default: ``serve`` binds to 127.0.0.1; the store is opened read-only, per read, never
held open; corpus text is escaped everywhere; every response carries a strict
Content-Security-Policy (scripts and styles only from the server, no inline script, nothing
from other origins); the ingest endpoint exists only when a token is given and requires it.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def envelope(status: int, error: str, errors: list[str] | None = None) -> dict[str, Any]:
    """The one error shape of pages and API."""
    return {"ok": False, "error": error, "errors": errors or [error], "status": status}


def wants_json(path: str, accept: str = "") -> bool:
    """Whether a request gets JSON: ``.json`` routes, ``/-/`` endpoints, or a JSON-only Accept header."""
    return (path.endswith(".json") or path.startswith("/-/")
            or ("application/json" in accept and "text/html" not in accept))


def style_hash(css: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"


class _SecurityHeaders:
    """ASGI middleware: security headers on every response, and (optionally) a Host allow-list
    against DNS rebinding when bound to loopback."""

    def __init__(self, app: Any, allowed_hosts: list[str] | None) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                from starlette.responses import JSONResponse

                body = envelope(400, f"host {host!r} is not served here (start with --host to serve another name)")
                response = JSONResponse(body, status_code=400, headers=SECURITY_HEADERS)
                await response(scope, receive, send)
                return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _ResponseCache:
    """ASGI middleware: a page or JSON answer computed once per snapshot of the store.

    Every GET answer is a pure function of the snapshot, the path, the query and whether JSON
    was asked for, so readers after the first get the stored bytes (a story page takes a second
    to render). Readers asking for the same page at once wait for the first one's rendering.
    The cache is dropped when the snapshot changes and is bounded in bytes (least recently used
    answers go first); uploads, errors and other methods pass through.
    """

    MAX_BYTES = 128 * 1024 * 1024
    MAX_ENTRY = 8 * 1024 * 1024

    def __init__(self, app: Any, source: Any) -> None:
        from collections import OrderedDict

        self.app = app
        self.source = source
        self.snap: Any = None
        self.stamp: Any = None
        self.entries: OrderedDict[tuple[Any, ...], tuple[int, list[Any], bytes]] = OrderedDict()
        self.size = 0
        self.pending: dict[tuple[Any, ...], Any] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        import asyncio

        # two stat() calls tell whether the store changed; only then is it re-read (in a thread)
        stamp = self.source._file_stamp()
        if self.snap is None or stamp != self.stamp or self.source.writing.is_set():
            snap = await asyncio.to_thread(self.source.snapshot)
            self.stamp = stamp
        else:
            snap = self.snap
        if snap is not self.snap:
            self.snap, self.entries, self.size = snap, type(self.entries)(), 0
        headers = dict(scope.get("headers") or [])
        key = (scope.get("path"), scope.get("query_string"),
               wants_json(scope.get("path", ""), headers.get(b"accept", b"").decode("latin-1")))
        while key not in self.entries and key in self.pending:
            await self.pending[key].wait()
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            status, response_headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": response_headers})
            await send({"type": "http.response.body", "body": body})
            return
        done = self.pending[key] = asyncio.Event()
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200 and snap is self.snap:
                    body = b"".join(chunks)
                    if len(body) <= self.MAX_ENTRY:
                        self.entries[key] = (200, list(start.get("headers", [])), body)
                        self.size += len(body)
                        while self.size > self.MAX_BYTES and self.entries:
                            self.size -= len(self.entries.popitem(last=False)[1][2])
            await send(message)

        try:
            await self.app(scope, receive, keep)
        finally:
            self.pending.pop(key, None)
            done.set()


def create_app(db_path: str, ingest_token: str | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The ASGI app serving the store at ``db_path`` (read-only).

    Args:
        db_path: a newsprism DuckDB file (it must exist).
        ingest_token: when given, ``POST /-/ingest`` accepts pages with ``Authorization: Bearer <token>``;
            without it the route does not exist.
        allowed_hosts: Host header names to answer (None: any); ``serve`` sets the loopback names.

    Raises:
        StoreError: the database cannot be read.
    """
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from newsprism import __version__
    from newsprism.serve import api, browse, correct, web
    from newsprism.serve.data import Source

    source = Source(db_path)
    source.snapshot()  # fail now, with the store's one-line reason, not on the first request
    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="The newsprism record over HTTP: every page has a `.json` twin; errors are "
                              '`{"ok": false, "error": ..., "errors": [...], "status": N}`.')
    app.state.source = source
    app.state.ingest_token = ingest_token

    def error_response(request: Request, status: int, error: str, errors: list[str] | None = None) -> Response:
        body = envelope(status, error, errors)
        if wants_json(request.url.path, request.headers.get("accept", "")):
            return JSONResponse(body, status_code=status)
        return web.error_page(request, body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no page at {request.url.path}"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        response = error_response(request, exc.status_code, detail)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return error_response(request, 400, "invalid request: " + "; ".join(errors), errors)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        from newsprism.errors import NewsprismError

        if isinstance(exc, NewsprismError):
            return error_response(request, 503, str(exc))
        return error_response(request, 500, "internal error (a bug: the server log has the traceback)")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)  # JSON twins first: /x/{id}.json must not match /x/{id}
    app.include_router(browse.router)  # /events, /figures, /quotes, /entities (+ .json, .csv), before web's
    app.include_router(correct.read_router)
    if ingest_token:
        app.include_router(api.ingest_router)
        app.include_router(correct.router)  # corrections take the same write token
    app.include_router(web.router)
    app.add_middleware(_ResponseCache, source=source)  # inside the host check and security headers
    app.add_middleware(_SecurityHeaders, allowed_hosts=allowed_hosts)
    return app


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False



@contextlib.contextmanager
def serve_in_thread(app: FastAPI, start_seconds: float = 20.0) -> Iterator[str]:
    """``app`` run by uvicorn in a daemon thread on a free loopback port, for browser tests and the
    screenshot script; yields its base URL and stops the server on exit.

    Raises:
        RuntimeError: the server did not start within ``start_seconds``.
    """
    import socket
    import threading
    import time

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_seconds
        while not srv.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()

def default_workers() -> int:
    """Worker processes for reading: one per core, at least 2 and at most 8."""
    import os

    return max(2, min(8, os.cpu_count() or 1))


def app_from_env() -> FastAPI:
    """The app each uvicorn worker process builds (``--workers`` needs an import string)."""
    import json
    import os

    conf = json.loads(os.environ["NEWSPRISM_SERVE_CONF"])
    return create_app(conf["db"], ingest_token=conf.get("ingest_token"), allowed_hosts=conf.get("allowed_hosts"))


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, ingest_token: str | None = None,
          workers: int | None = None) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Reading is served by ``workers`` processes (default ``default_workers()``), each holding its
    own in-memory snapshot, so one slow page does not queue every reader behind it. With the
    upload endpoint on, one process serves: DuckDB lets no process read the file while another
    writes it, and the write lock that keeps them apart lives in one process.

    Raises:
        StoreError: the database cannot be read.
    """
    import json
    import logging
    import os

    import uvicorn

    allowed = [*LOOPBACK_HOSTS, host] if _loopback(host) else None
    n = default_workers() if workers is None else max(1, workers)
    if ingest_token and n > 1:
        logging.getLogger(__name__).warning("the upload endpoint is on: serving with one process, not %d", n)
        n = 1
    app = create_app(db, ingest_token=ingest_token, allowed_hosts=allowed)  # fail here, with the store's reason
    if n == 1:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
        return
    os.environ["NEWSPRISM_SERVE_CONF"] = json.dumps({"db": os.path.abspath(db), "allowed_hosts": allowed})
    uvicorn.run("newsprism.serve:app_from_env", factory=True, host=host, port=port, workers=n,
                log_level="info", server_header=False)


__all__ = ["app_from_env", "create_app", "default_workers", "envelope", "serve"]
