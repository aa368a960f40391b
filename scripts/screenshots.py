"""Regenerate the screenshots in ``docs/screenshots/`` from the example corpus, the way the browser
tests drive the UI: ``newsprism serve`` in a thread on a free loopback port, Debian's Chromium
(``/usr/bin/chromium``, never downloaded) through Playwright, 1400 px wide.

    PYTHONPATH=. .venv/bin/python scripts/screenshots.py [--db STORE] [--out docs/screenshots]

Without ``--db`` the seeds (``examples/seeds``) are analyzed into a temporary store first. Prints
the story page's height, which the tests keep under :data:`MAX_STORY_HEIGHT`.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
WIDTH, FIRST_SCREEN = 1400, 900
MAX_STORY_HEIGHT = 8000


@contextlib.contextmanager
def serve(db: str) -> Iterator[str]:
    """The app ``newsprism serve`` builds, run by uvicorn in a thread; yields its base URL."""
    from newsprism.serve import LOOPBACK_HOSTS, create_app, serve_in_thread

    with serve_in_thread(create_app(db, allowed_hosts=list(LOOPBACK_HOSTS)), start_seconds=30) as url:
        yield url


@contextlib.contextmanager
def browser(width: int = WIDTH, height: int = FIRST_SCREEN) -> Iterator[Any]:
    """A headless Chromium context (a throwaway profile) at ``width`` x ``height``."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="newsprism-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                           args=BROWSER_ARGS, viewport={"width": width, "height": height})
            context.set_default_timeout(20_000)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def page_height(pg: Any) -> int:
    return int(pg.evaluate("Math.ceil(document.documentElement.scrollHeight)"))


def biggest_story(db: str) -> str:
    import newsprism
    from newsprism.serve.view import RecordView

    view = RecordView(newsprism.load_record(db))
    return view.stories_by_size()[0]["story_id"]


def article_with_most_facts(db: str, story_id: str) -> str:
    """The story's article whose text holds figures, quotes and events together (the reader's best demo)."""
    import newsprism
    from newsprism.serve.view import RecordView

    view = RecordView(newsprism.load_record(db))
    counts: dict[str, set[str]] = {}
    for f in view.story_figures(story_id):
        counts.setdefault(str(f.get("article_id")), set()).add("figure")
    for q in view.story_quotes(story_id):
        counts.setdefault(str(q.get("article_id")), set()).add("quote")
    arts = view.story_articles.get(story_id, [])
    return max(arts, key=lambda a: (len(counts.get(a, set())),
                                    sum(1 for f in view.story_figures(story_id) if f.get("article_id") == a), a))


def take(db: str, out: Path) -> dict[str, Any]:
    """Screenshots of the story page (first screen, tolls, timeline, map) and an article page."""
    out.mkdir(parents=True, exist_ok=True)
    sid = biggest_story(db)
    aid = article_with_most_facts(db, sid)
    result: dict[str, Any] = {"story_id": sid, "article_id": aid}
    with serve(db) as base, browser() as ctx:
        pg = ctx.new_page()
        pg.goto(f"{base}/stories/{sid}")
        pg.wait_for_load_state("load")
        result["story_height"] = page_height(pg)
        pg.screenshot(path=str(out / "story-top.png"))  # the first screen, 1400 x 900
        for name, selector in (("tolls.png", "#tolls"), ("timeline.png", "#happenings figure.timeline-box"),
                               ("map.png", "#happenings figure.map-box"), ("outlets.png", "#outlets")):
            loc = pg.locator(selector)
            if loc.count():
                loc.first.screenshot(path=str(out / name))
        pg.goto(f"{base}/articles/{aid}")
        pg.wait_for_load_state("load")
        pg.screenshot(path=str(out / "article-highlight.png"))
        pg.close()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="a store to show (default: analyze examples/seeds into a temporary store)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args(argv)
    tmp = None
    db = args.db
    if not db:
        import newsprism

        tmp = tempfile.mkdtemp(prefix="newsprism-shots-")
        db = str(Path(tmp) / "seeds.duckdb")
        newsprism.analyze([str(SEEDS)], db=db, manifest=str(SEEDS / "manifest.csv"))
    try:
        result = take(db, Path(args.out))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"story page {result['story_id']}: {result['story_height']} px tall at {WIDTH} px wide"
          f" (limit {MAX_STORY_HEIGHT}); screenshots in {args.out}")
    return 0 if result["story_height"] < MAX_STORY_HEIGHT else 1


if __name__ == "__main__":
    sys.exit(main())
