"""Load test for ``newsprism serve`` (issue 12): N concurrent readers over a mix of pages and JSON.

    PYTHONPATH=. python bench/load.py --db STORE --clients 50 --seconds 30 [--workers 4] [--json FILE]
    PYTHONPATH=. python bench/load.py --url http://127.0.0.1:8000 --clients 50 --seconds 30

With ``--db`` it starts ``newsprism serve`` on a free loopback port (``--workers`` processes) and
stops it afterwards; with ``--url`` it loads a server already running, which must be on loopback.
Bounded: at most 1,000 clients and 300 seconds. Prints requests/s, errors and latency percentiles;
``--json`` writes them (keys ``clients``, ``seconds``, ``requests``, ``errors``, ``requests_per_s``,
``p50_ms``, ``p95_ms``, ``p99_ms``, ``max_ms``, ``workers``, ``error_kinds``, ``warmup_s``). By
default every path is fetched a few times before the clock starts (``--no-warmup``: cold start).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
MAX_CLIENTS = 1000
MAX_SECONDS = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _start_server(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("NEWSPRISM_INGEST_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"load: the server exited with code {proc.returncode}")
        try:
            if httpx.get(url + "/index.json?limit=1", timeout=2).status_code == 200:
                # every worker must be up, not just the first: ask a few times
                for _ in range(4 * workers):
                    httpx.get(url + "/index.json?limit=1", timeout=10)
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    _stop(proc)
    raise SystemExit("load: the server did not answer within 120 s")


def _stop(proc: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGINT)  # the server's own process group (start_new_session)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _paths(url: str) -> list[str]:
    """A reader's mix: corpus, stories, articles, documents, entities, search, as pages and JSON."""
    import httpx

    index = httpx.get(url + "/index.json", timeout=60).json()
    entities = httpx.get(url + "/entities.json?limit=50", timeout=60).json()
    paths = ["/", "/index.json", "/entities", "/search?q=killed", "/search.json?q=army"]
    for s in (index.get("stories") or [])[:10]:
        sid = quote(str(s.get("story_id")), safe="")
        paths += [f"/stories/{sid}", f"/stories/{sid}.json"]
    for a in (index.get("articles") or [])[:20]:
        aid = quote(str(a.get("article_id")), safe="")
        paths += [f"/articles/{aid}", f"/articles/{aid}.json"]
    for e in (entities.get("entities") or [])[:20]:
        eid = quote(str(e.get("entity_id")), safe="")
        paths += [f"/entities/{eid}", f"/entities/{eid}.json"]
    return paths


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status (the body is read whole).
    A minimal client, so that the load generator spends little of the machine the server runs on."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode("latin-1"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _run(url: str, paths: list[str], clients: int, seconds: float) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    stop_at = time.perf_counter() + seconds

    async def client(n: int) -> None:
        rng = random.Random(n)
        conn = None
        while time.perf_counter() < stop_at:
            path = rng.choice(paths)
            t = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.open_connection(host, port)
                status = await asyncio.wait_for(_get(*conn, f"{host}:{port}", path), timeout=30)
                if status != 200:
                    errors[f"HTTP {status}"] += 1
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError) as exc:
                errors[type(exc).__name__] += 1
                if conn is not None:
                    conn[1].close()
                conn = None
            latencies.append(time.perf_counter() - t)
        if conn is not None:
            conn[1].close()

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0

    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
            "errors": sum(errors.values()), "error_kinds": dict(errors),
            "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "max_ms": round(1000 * latencies[-1], 1) if latencies else 0.0, "paths": len(paths)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="a newsprism store: start a server on it (loopback, free port)")
    where.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8000")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=None, help="server processes (with --db; default: serve's)")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="measure from a cold start (every page rendered for the first time)")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS:
        ap.error(f"--clients must be 1..{MAX_CLIENTS}")
    if not 0 < args.seconds <= MAX_SECONDS:
        ap.error(f"--seconds must be in (0, {MAX_SECONDS}]")
    if args.url and not _loopback(args.url):
        ap.error("--url must be a loopback address (this tool only loads a server on this machine)")

    proc = None
    workers = args.workers
    if args.db:
        if not Path(args.db).exists():
            ap.error(f"--db {args.db}: no such file")
        if workers is None:
            sys.path.insert(0, str(ROOT))
            from newsprism.serve import default_workers

            workers = default_workers()
        proc, url = _start_server(args.db, workers)
    else:
        url = args.url.rstrip("/")
    try:
        paths = _paths(url)
        warm = 0.0
        if args.warmup:
            # a serving process renders a page once per snapshot, then answers from memory: fetch
            # every path a few times (reaching every worker) so the figures are the steady state
            import httpx

            t = time.perf_counter()
            for _ in range(2 * (workers or 1)):
                for path in paths:
                    httpx.get(url + path, timeout=120)  # a new connection each time: any worker may take it
            warm = round(time.perf_counter() - t, 1)
        result = asyncio.run(_run(url, paths, args.clients, args.seconds))
        result["warmup_s"] = warm
    finally:
        if proc is not None:
            _stop(proc)
    result["workers"] = workers
    print(f"warm-up {result['warmup_s']} s; clients {result['clients']}, {result['seconds']} s, workers {workers}: {result['requests']} requests, "
          f"{result['requests_per_s']} requests/s, {result['errors']} errors {result['error_kinds'] or ''}")
    print(f"latency ms: p50 {result['p50_ms']}  p95 {result['p95_ms']}  p99 {result['p99_ms']}  max {result['max_ms']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
