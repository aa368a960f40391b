"""The analyst's desk on the seeds as analyzed (issue 11): the story page reads tolls first and
fits the budget, an article's highlight layers toggle independently, and no internal id reaches
a reader (every page of the server, the brief, the CLI timeline).

The store is ``newsprism analyze examples/seeds`` (nothing planted). Browser tests use Debian's
``/usr/bin/chromium`` through Playwright, 1400 px wide, and skip when either is absent; the id
crawl needs no browser.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"

_spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
assert _spec and _spec.loader
shots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shots)

# newsprism's content ids (``ent_0af8046ac538cd98``) and bare hex digests
ID_PATTERN = re.compile(r"\b(?:ent|evt|fig|art|doc|quo|con|rec|frm|men|sty|hap)_[0-9a-f]{6,}\b|\b[0-9a-f]{16,}\b")
VISIBLE_ATTRS = ("title", "alt", "aria-label", "placeholder", "value")


class VisibleText(HTMLParser):
    """What a reader sees of a page: its text and tooltips, not its links, data attributes,
    scripts, styles or the JSON it shows as JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag in ("script", "style") or (tag == "pre" and "json" in str(a.get("class") or "").split()):
            self._skip.append(tag)
        self.parts += [str(a[k]) for k in VISIBLE_ATTRS if a.get(k) and tag != "input" or (k == "placeholder" and a.get(k))]

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> tuple[str, list[str]]:
    p = VisibleText()
    p.feed(html)
    return " ".join(p.parts), p.links


def ids_in(text: str) -> list[str]:
    return sorted(set(ID_PATTERN.findall(text)))


def test_id_pattern_finds_ids_and_leaves_names_and_file_names_alone() -> None:
    assert ids_in("Actor ent_0af8046ac538cd98 and evt_00bc548e31ed3772") == ["ent_0af8046ac538cd98",
                                                                            "evt_00bc548e31ed3772"]
    assert ids_in("digest 3f2a9c1b7d4e5f60a1b2") == ["3f2a9c1b7d4e5f60a1b2"]
    assert ids_in("pages/003_b850a5c8953961c5.txt, Military Forces of Ruritania (2019-), 2,906 displaced") == []
    text, links = visible('<a href="/entities/ent_0af8046ac538cd98" data-id="evt_1234567890">Azerbaijan</a>'
                          '<script type="application/json">{"id": "fig_1234567890abcdef"}</script>'
                          '<span title="see ent_0af8046ac538cd98">x</span>')
    assert links == ["/entities/ent_0af8046ac538cd98"]
    assert ids_in(text) == ["ent_0af8046ac538cd98"]  # a tooltip is read, so it counts


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    import newsprism

    db = str(tmp_path_factory.mktemp("desk") / "seeds.duckdb")
    newsprism.analyze([str(SEEDS)], db=db, manifest=str(SEEDS / "manifest.csv"))
    return db


@pytest.fixture(scope="module")
def server(seeds_db: str) -> Iterator[str]:
    with shots.serve(seeds_db) as base:
        yield base


@pytest.fixture(scope="module")
def story_id(seeds_db: str) -> str:
    return str(shots.biggest_story(seeds_db))


def crawl(base: str, limit: int = 600) -> dict[str, str]:
    """Every page reachable from ``/`` on the server (article and document pages once each plus
    one selected fact, story pages in each listing mode), as visible text by URL."""
    seen: dict[str, str] = {}
    queue = ["/", "/entities", "/docs", "/search?q=Azerbaijan"]
    kinds_with_fact: set[str] = set()
    with httpx.Client(base_url=base, timeout=30) as client:
        while queue and len(seen) < limit:
            url = queue.pop(0)
            if url in seen:
                continue
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
            text, links = visible(r.text) if "html" in r.headers.get("content-type", "") else (r.text, [])
            seen[url] = text
            for link in links:
                parts = urlsplit(urljoin(base + url, link))
                if parts.netloc != urlsplit(base).netloc or parts.path.startswith("/static"):
                    continue
                if parts.path.endswith((".json", ".csv")) or parts.path == "/openapi.json":
                    continue  # JSON and CSV downloads are for machines; ids belong there
                path = parts.path
                if path.startswith(("/articles/", "/documents/")):
                    queue.append(path)
                    if "fact=" in parts.query and path not in kinds_with_fact:
                        kinds_with_fact.add(path)
                        queue.append(f"{path}?{parts.query}")
                elif path.startswith("/stories/"):
                    queue.append(path + (f"?{parts.query}" if parts.query else ""))
                else:
                    queue.append(path)
    return seen


def test_no_internal_id_reaches_a_reader_of_the_seeds(server: str, seeds_db: str, story_id: str) -> None:
    pages = crawl(server)
    kinds = {urlsplit(u).path.split("/")[1] for u in pages}
    assert {"", "stories", "articles", "documents", "entities"} <= kinds, kinds
    assert any("show=all" in u for u in pages) and any("offset=" in u for u in pages)
    assert f"/stories/{story_id}/brief.html" in pages and f"/stories/{story_id}/brief.md" in pages
    leaks = {u: ids_in(t)[:5] for u, t in pages.items() if ids_in(t)}
    assert leaks == {}, leaks
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    for args in (["timeline"], ["timeline", "--all"], ["quotes"]):
        out = subprocess.run([sys.executable, "-m", "newsprism", *args, "--db", seeds_db], capture_output=True,
                             text=True, env=env, check=True).stdout
        assert out.strip() and ids_in(out) == [], (args, ids_in(out)[:5])


def test_story_json_twin_leads_with_tolls_and_pages_happenings(server: str, story_id: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        body = client.get(f"/stories/{story_id}.json").json()
    tolls = body["tolls"]["headline"]
    assert [t["metric"] for t in tolls][:1] == ["killed"]
    for t in tolls:
        assert t["scope"] in t["title"] and t["sides"]
        # a range and its sources never mix scopes: no figure set aside as another scope is drawn
        excluded = {x["figure_id"]: x["reason"] for x in t["reconciled"]["excluded"]}
        assert all(excluded.get(fid) != "different_scope" for fid in t["figure_ids"])
    hp = body["happenings"]
    assert hp["show"] == "actual" and hp["total"] < hp["total_all"] and len(hp["rows"]) == hp["limit"]
    assert all(r["realis"] == "actual" and not r["background"] for r in hp["rows"])
    for r in hp["rows"]:
        assert not {a.casefold() for a in r["actors"] + r["recipients"]} & {"he", "she", "we", "they", "their"}


# -- browser -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(shots.CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests never download one")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with shots.browser() as ctx:
        yield ctx


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    yield pg
    pg.close()


def test_story_first_screen_shows_tolls_and_happenings_and_page_fits(page: Any, server: str, story_id: str) -> None:
    page.goto(f"{server}/stories/{story_id}")
    page.wait_for_load_state("load")
    height = shots.page_height(page)
    assert height < shots.MAX_STORY_HEIGHT, height

    def top_and_bottom(selector: str) -> tuple[float, float]:
        box = page.locator(selector).first.bounding_box()
        assert box, selector
        return box["y"], box["y"] + box["height"]

    # the headline tolls, each with its scope in the chart's title, and their charts, in full on the first screen
    cards = page.locator("#tolls .toll-card")
    assert cards.count() >= 2
    first_title = cards.first.locator("h3.chart-title").inner_text()
    assert first_title.startswith("Killed") and "cumulative" in first_title
    assert top_and_bottom("#tolls .toll-card svg.figure-chart")[1] <= shots.FIRST_SCREEN
    assert page.locator("#tolls .toll-card svg.figure-chart").count() == cards.count()
    # the happenings' timeline starts on the first screen
    assert top_and_bottom("#happenings svg.timeline")[0] < shots.FIRST_SCREEN - 150
    assert page.locator("#happenings svg.timeline .ev-mark").count() > 10
    # a week-precision happening is no wider than a day's mark
    widths = page.locator('#happenings svg.timeline .ev-mark[data-precision="week"] rect').evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) < 15
    # map labels never overlap
    boxes = page.locator("#happenings svg.map text.map-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
    # the framing table fits the page width (nothing cut off at 1400 px)
    framing = page.locator("#framing table").bounding_box()
    assert framing and framing["x"] + framing["width"] <= shots.WIDTH
    # the toggle brings background and statements back
    page.locator("#happenings h2 a").first.click()
    page.wait_for_load_state("load")
    assert "show=all" in page.url
    assert page.locator("#happenings tr.not-actual").count() > 0
    assert page.errors == []


def test_article_highlight_layers_toggle_independently(page: Any, server: str, seeds_db: str,
                                                       story_id: str) -> None:
    aid = shots.article_with_most_facts(seeds_db, story_id)
    page.goto(f"{server}/articles/{aid}")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"

    def paint(selector: str) -> dict[str, str]:
        return page.locator(selector).first.evaluate(
            "e => { const s = getComputedStyle(e); return {bg: s.backgroundColor, line: s.textDecorationLine}; }")

    figure = "#text a.fact.k-figure"
    both = "#text a.fact.k-figure.k-event"
    assert page.locator(figure).count() > 0 and page.locator(both).count() > 0
    yellow = paint(figure)["bg"]
    assert yellow not in ("rgba(0, 0, 0, 0)", "transparent")
    # events underline their trigger words: most of the text carries no event mark at all
    event_chars = page.locator("#text a.fact.k-event").evaluate_all("els => els.reduce((n, e) => n + e.textContent.length, 0)")
    assert event_chars < 0.25 * len(page.locator("#text").inner_text())
    assert paint(both)["line"] == "underline" and paint(both)["bg"] == yellow

    def toggle(kind: str) -> None:
        page.locator(f'#legend input[data-kind="{kind}"]').click()

    toggle("event")  # events off: the figure in the same span keeps its colour
    assert paint(both)["bg"] == yellow and paint(both)["line"] == "none"
    toggle("figure")  # figures off too: the figure's colour goes, nothing else comes back
    assert paint(figure)["bg"] != yellow
    toggle("event")  # events back on, figures still off
    assert paint(both)["line"] == "underline" and paint(both)["bg"] != yellow
    if page.locator("#text a.fact.k-figure.k-quote").count():
        quote_bg = paint("#text a.fact.k-quote:not(.k-figure)")["bg"]
        assert paint("#text a.fact.k-figure.k-quote")["bg"] == quote_bg  # the quote shows under the hidden figure
    toggle("figure")
    assert paint(figure)["bg"] == yellow
    assert page.errors == []
