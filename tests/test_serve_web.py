"""Real-browser tests of the web UI (issue 6), with Debian's Chromium driven by Playwright.

The store is the seeds' store (``newsprism analyze examples/seeds``) plus SCHEMA-shaped events,
figures, reconciled figures, quotes, contradictions and framing terms planted at real spans of the
seeds' texts (the extractors that produce them land separately), and one hostile page whose text,
title, outlet and entity names carry ``<script>`` and event-handler payloads.

The browser is never downloaded: the tests use ``/usr/bin/chromium`` (``apt-get install
chromium``) and skip when it is absent. Screenshots go to ``tmp_path`` and, when
``NEWSPRISM_SCREENSHOTS`` names a folder, there too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.records import Article, RawDocument, content_id
from newsprism.store import Store

CHROMIUM = "/usr/bin/chromium"
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (apt-get install chromium); "
                                       "browser tests never download a browser")

STORY_PHRASE = "anti-terrorist"  # the big seeds story holds this phrase
HOSTILE_STORY = "sty_hostile000000"

HOSTILE_TEXT = ("Breaking <script>window.__pwned = 1</script> news\n"
                "Officials said 3 people were killed <img src=x onerror=\"window.__pwned = 2\"> near the border.\n"
                "</div><svg onload=\"window.__pwned = 3\"></svg> End.")


def plant(db: str, hostile: bool = True) -> dict[str, Any]:  # noqa: C901 - one linear script of records
    """Add synthetic facts (evidence = real spans of the seeds' texts) and a hostile page; return ids."""
    with Store(db) as store:
        docs = {d.doc_id: d for d in store.documents()}
        arts = [a for a, _ in store.articles()]
        stories = store.corpus("stories")
        entities = store.corpus("entities")

        def ev(phrase: str, nth: int = 0) -> tuple[dict[str, Any], Article]:
            hits = []
            for d in docs.values():
                i = d.text.find(phrase)
                while i >= 0:
                    hits.append((d, i))
                    i = d.text.find(phrase, i + 1)
            assert hits, phrase
            d, i = hits[nth]
            a = next(a for a in arts if a.doc_id == d.doc_id and a.start <= i < a.end)
            return {"doc": d.doc_id, "start": i, "end": i + len(phrase), "text": phrase}, a

        _, anchor = ev(STORY_PHRASE)
        sid = anchor.story_id
        ent = {e["canonical_name"]: e["entity_id"] for e in entities}

        def ref(name: str) -> dict[str, Any]:
            return {"entity_id": ent.get(name), "name": name}

        def place(name: str, lat: float, lon: float) -> dict[str, Any]:
            return {"entity_id": ent.get(name), "name": name, "lat": lat, "lon": lon, "where_prec": 1}

        events: list[dict[str, Any]] = []

        def event(ptype: str, phrases: list[str], date0: str | None, date1: str | None = None, *, actors=(),
                  recipients=(), location=None, acled=(None, None), precision="day", anchor="explicit",
                  negated=False, hypothetical=False) -> str:
            evs, reps = [], []
            for p in phrases:
                e, a = ev(p)
                evs.append(e)
                reps.append(a.article_id)
            eid = content_id("evt", ptype, *phrases)
            events.append({
                "event_id": eid, "story_id": sid, "plover_type": ptype, "plover_mode": [],
                "acled_event_type": acled[0], "acled_sub_event_type": acled[1],
                "actors": [ref(n) for n in actors], "recipients": [ref(n) for n in recipients],
                "location": location, "date_start": date0, "date_end": date1 or date0,
                "date_precision": precision if date0 else "unknown", "date_anchor": anchor if date0 else "unknown",
                "negated": negated, "hypothetical": hypothetical, "evidence": evs,
                "reported_by": sorted(set(reps))})
            return eid

        stepanakert = place("Stepanakert", 39.8177, 46.7528)
        e_assault = event("ASSAULT", ["Azerbaijan on Tuesday began what it called an “anti-terrorist” campaign against "
                                      "separatist forces in Nagorno-Karabakh",
                                      "Azerbaijan launched a military operation to capture Nagorno-Karabakh today"],
                          "2023-09-19", actors=["Azerbaijan"], recipients=["Nagorno-Karabakh"], location=stepanakert,
                          acled=("Battles", "Armed clash"))
        event("ASSAULT", ["a lightning 24-hour assault on Tuesday"], "2023-09-19", "2023-09-20",
              actors=["Azerbaijan"], recipients=["Nagorno-Karabakh"], location=stepanakert, precision="range",
              acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"))
        event("ASSAULT", ["a landmine explosion in the region a day earlier that killed four soldiers and two civilians"],
              "2023-09-18", anchor="relative_to_other_event",
              acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"))
        event("ASSAULT", ["shrapnel reportedly killed a construction engineer in the town of Susha"], "2023-09-19",
              location=place("Susha", 39.7586, 46.7494), acled=("Explosions/Remote violence", None))
        event("REQUEST", ["Authorities in the disputed region have called on Baku to end hostilities and begin "
                          "negotiations"],
              "2023-09-19", actors=["Nagorno-Karabakh"], recipients=["Baku"])
        event("ACCUSE", ["Armenia also accused Azerbaijan of trying to carry out ethnic cleansing in Nagorno-Karabakh"],
              "2023-09-19", actors=["Armenia"], recipients=["Azerbaijan"])
        event("AGREE", ["an agreement was reached on September 20 on the complete cessation of hostilities"], "2023-09-20",
              actors=["Nagorno-Karabakh"], recipients=["Azerbaijan"])
        event("CONSULT", ["The talks are taking place today in the town of Yevlakh",
                          "Azerbaijani officials met with ethnic Armenian representatives from Nagorno-Karabakh in Yevlakh"],
              "2023-09-21", actors=["Azerbaijan"], recipients=["Nagorno-Karabakh"],
              location=place("Yevlakh", 40.6186, 47.15))
        event("SUPPORT", ["said he supported the aims of Azerbaijan’s latest military operation"], None,
              actors=["Recep Tayyip Erdogan"], recipients=["Azerbaijan"])

        figures: list[tuple[str, dict[str, Any]]] = []

        def figure(phrase: str, metric: str, low: int | None, high: int | None, qualifier: str, *, who="all",
                   att: str | None = None, hedge="none", as_of: str | None = None, interim=False, nth=0,
                   event_id=None) -> str:
            e, a = ev(phrase, nth)
            fid = content_id("fig", a.article_id, e["start"], metric, who)
            figures.append((a.article_id, {
                "figure_id": fid, "article_id": a.article_id, "metric": metric, "low": low, "high": high,
                "qualifier": qualifier, "vague_term": None, "who": who, "includes": [],
                "attributed_to": {"entity_id": ent.get(att), "name": att} if att else None, "hedge": hedge,
                "interim": interim, "as_of": as_of, "event_id": event_id, "evidence": e}))
            return fid

        k_sputnik = figure("two people had been killed", "killed", 2, 2, "exact", att="Gegham Stepanyan",
                           hedge="claimed", as_of="2023-09-19", interim=True)
        k_rtv = figure("The Azerbaijani operation killed 25 people", "killed", 25, 25, "exact",
                       att="separatist authorities in Nagorno-Karabakh", hedge="said", as_of="2023-09-19")
        k_27 = figure("27 people had been killed", "killed", 27, 27, "exact", att="Karabakh separatist authorities",
                      hedge="said", as_of="2023-09-20")
        k_cnn = figure("killed at least 200 people", "killed", 200, None, "at_least", as_of="2023-09-21")
        k_200 = figure("more than 200 people were killed", "killed", 200, None, "more_than", att="Armenia",
                       hedge="said", as_of="2023-09-25")
        c_rtv = figure("including two civilians", "killed", 2, 2, "exact", who="civilians",
                       att="separatist authorities in Nagorno-Karabakh", hedge="said", as_of="2023-09-19")
        c_27 = figure("including two civilians", "killed", 2, 2, "exact", who="civilians", nth=1,
                      att="Karabakh separatist authorities", hedge="said", as_of="2023-09-20")
        d_2906 = figure("2906 forcibly displaced persons", "displaced", 2906, 2906, "exact", as_of="2023-09-25", nth=1)
        d_2900 = figure("more than 2,900 refugees", "displaced", 2900, None, "more_than",
                        att="Armenian government", hedge="said", as_of="2023-09-25")
        figure("Almost 3,000 ethnic Armenians", "displaced", None, 3000, "up_to", as_of="2023-09-25")
        figure("138 people were wounded", "wounded", 138, 138, "exact", att="separatist authorities in Nagorno-Karabakh",
               hedge="said", as_of="2023-09-19")
        figure("more than 200 injured", "wounded", 200, None, "more_than", att="Karabakh separatist authorities",
               hedge="said", as_of="2023-09-20")
        figure("400 wounded", "wounded", 400, 400, "exact", att="Armenia", hedge="said", as_of="2023-09-25")
        reconciled = [
            {"scope": {"story_id": sid, "event_id": None, "metric": "killed", "who": "all"}, "low": 27, "best": 27,
             "high": None, "inputs": [k_27, k_cnn, k_200],
             "excluded": [{"figure_id": k_sputnik, "reason": "interim"}, {"figure_id": k_rtv, "reason": "superseded"}],
             "best_basis": "lower_figure_rule", "acled_fatalities": 27,
             "notes": "Karabakh officials' first-day toll (25, then 27) against later counts of at least 200"},
            {"scope": {"story_id": sid, "event_id": None, "metric": "killed", "who": "civilians"}, "low": 2, "best": 2,
             "high": 2, "inputs": [c_rtv, c_27], "excluded": [], "best_basis": "single_source",
             "acled_fatalities": 2, "notes": ""},
            {"scope": {"story_id": sid, "event_id": None, "metric": "displaced", "who": "all"}, "low": 2900,
             "best": 2906, "high": None, "inputs": [d_2906, d_2900], "excluded": [],
             "best_basis": "most_reliable_source", "acled_fatalities": 0, "notes": ""},
        ]

        quotes: list[tuple[str, dict[str, Any]]] = []

        def quote(phrase: str, speaker: str | None, kind: str = "direct") -> str:
            e, a = ev(phrase)
            qid = content_id("quo", a.article_id, e["start"])
            quotes.append((a.article_id, {"quote_id": qid, "article_id": a.article_id,
                                          "speaker": {"entity_id": ent.get(speaker), "name": speaker} if speaker else None,
                                          "text": phrase, "kind": kind, "evidence": e}))
            return qid

        quote("Armenia has not had an army in Nagorno-Karabakh since August 2021. But in any case, we note this "
              "statement and that the Nagorno-Karabakh authorities have accepted it", "Pashinyan")
        q_fm = quote("On September 19, Azerbaijan launched another large-scale aggression against the people of "
                     "Nagorno-Karabakh to complete its policy of ethnic cleansing", "The Armenian Foreign Ministry")
        quote("they were close to fulfilling the main objectives of the operation", "Hikmet Hadjiyev", "indirect")
        quote("there are more than 20 villages under siege", None)

        e_deny, _ = ev("Armenia’s Defense Ministry denies having any troops stationed in the area.")
        e_threat, _ = ev("claimed that the Armenian armed forces “posed a serious threat to regional peace and stability.”")
        contradictions = [
            {"contradiction_id": content_id("con", "numeric", k_rtv, k_cnn), "kind": "numeric",
             "claims": [{"figure_id": k_rtv, "quote_id": None, "evidence": None, "source": None},
                        {"figure_id": k_cnn, "quote_id": None, "evidence": None, "source": None}],
             "notes": "Separatist authorities' first-day toll of 25 against CNN's at least 200 killed"},
            {"contradiction_id": content_id("con", "actor", e_deny["start"]), "kind": "actor",
             "claims": [{"figure_id": None, "quote_id": None, "evidence": e_threat, "source": "Azerbaijan"},
                        {"figure_id": None, "quote_id": None, "evidence": e_deny, "source": "Armenia"},
                        {"figure_id": None, "quote_id": q_fm, "evidence": None, "source": None}],
             "notes": "Azerbaijan says Armenian forces threatened the region; Armenia denies having troops there"},
        ]

        framing: list[tuple[str, dict[str, Any]]] = []

        def frame(phrase: str, concept: str, refers_to: str, voice: str = "outlet", nth: int = 0) -> None:
            e, a = ev(phrase, nth)
            framing.append((a.article_id, {"article_id": a.article_id, "outlet": a.outlet, "concept": concept,
                                           "term": phrase, "refers_to": refers_to, "voice": voice, "evidence": e}))

        op = "the 19 Sep 2023 offensive"
        frame("anti-terrorist", "operation_label", op, "quoted")
        frame("military operation", "operation_label", op, nth=1)
        frame("lightning 24-hour assault", "operation_label", op)
        frame("military offensive", "operation_label", op)
        frame("large-scale aggression", "operation_label", op, "quoted")
        frame("separatist forces", "actor_label", "Karabakh Armenian forces")
        frame("Armenian separatists", "actor_label", "Karabakh Armenian forces")
        frame("forcibly displaced persons", "displacement_label", "people leaving Karabakh", nth=1)
        frame("refugees pour into Armenia", "displacement_label", "people leaving Karabakh")

        out: dict[str, Any] = {"story_id": sid, "assault_event": e_assault, "cnn_figure": k_cnn,
                               "n_dated_events": sum(1 for e in events if e["date_start"]),
                               "n_places": 3, "n_killed_all_figures": 5}
        with store.transaction():
            store.replace_corpus("events", [(e["event_id"], e) for e in events])
            for aid, f in figures:
                store.put_facts("figures", aid, [(f["figure_id"], f)])
            store.replace_corpus("reconciled_figures",
                                 [(content_id("rec", r["scope"]["metric"], r["scope"]["who"]), r) for r in reconciled])
            for aid, q in quotes:
                store.put_facts("quotes", aid, [(q["quote_id"], q)])
            store.replace_corpus("contradictions", [(c["contradiction_id"], c) for c in contradictions])
            for aid, t in framing:
                store.put_facts("framing_terms", aid, [(content_id("frm", aid, t["evidence"]["start"]), t)])
            if hostile:
                doc = RawDocument(doc_id="doc_hostile000000", path="planted/hostile.html", sha256="0" * 64,
                                  text=HOSTILE_TEXT, raw_html="<p>" + HOSTILE_TEXT + "</p>", url=None,
                                  outlet="<b>Evil</b> Outlet", outlet_basis="manifest", published="2023-09-22",
                                  published_basis="manifest", language="en",
                                  title="<script>window.__pwned = 4</script>", encoding="utf-8")
                store.put_document(doc, "planted")
                art = Article(article_id="art_hostile000000", doc_id=doc.doc_id, seq=0, start=0, end=len(HOSTILE_TEXT),
                              title="<script>window.__pwned = 5</script> Breaking", outlet=doc.outlet,
                              published=doc.published, language="en", on_topic=True, story_id=HOSTILE_STORY)
                store.put_article(art, HOSTILE_TEXT)
                i = HOSTILE_TEXT.index("3 people were killed")
                hf = {"figure_id": "fig_hostile000000", "article_id": art.article_id, "metric": "killed", "low": 3,
                      "high": 3, "qualifier": "exact", "vague_term": None, "who": "all", "includes": [],
                      "attributed_to": {"entity_id": None, "name": "<img src=x onerror=\"window.__pwned = 6\">"},
                      "hedge": "said", "interim": False, "as_of": "2023-09-22", "event_id": None,
                      "evidence": {"doc": doc.doc_id, "start": i, "end": i + 20, "text": HOSTILE_TEXT[i:i + 20]}}
                store.put_facts("figures", art.article_id, [(hf["figure_id"], hf)])
                j = HOSTILE_TEXT.index("<script>")
                store.put_facts("mentions", art.article_id, [("men_hostile000000", {
                    "mention_id": "men_hostile000000", "article_id": art.article_id, "label": "ORG",
                    "evidence": {"doc": doc.doc_id, "start": j, "end": j + 8, "text": "<script>"}})])
                stories.append({"story_id": HOSTILE_STORY, "title": "<script>window.__pwned = 8</script> story",
                                "article_ids": [art.article_id], "period_start": None, "period_end": None})
                store.replace_corpus("stories", [(s["story_id"], s) for s in stories])
                evil = {"entity_id": "ent_hostile000000", "type": "org", "canonical_name": "<script>",
                        "aliases": ["<script>", "<script>window.__pwned = 7</script>"], "geonames_id": None,
                        "lat": None, "lon": None, "mentions": 1}
                store.replace_corpus("entities", [(e["entity_id"], e) for e in [*entities, evil]])
                out.update(hostile_article="art_hostile000000", hostile_figure="fig_hostile000000",
                           hostile_entity="ent_hostile000000")
        return out


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    import newsprism

    db = str(tmp_path_factory.mktemp("web") / "seeds.duckdb")
    newsprism.analyze([str(SEEDS)], db=db)
    return db, plant(db)


@pytest.fixture(scope="module")
def server(planted: tuple[str, dict[str, Any]]) -> Iterator[str]:
    """``newsprism serve`` in a thread: uvicorn on a free loopback port, the same app ``serve`` builds."""
    from newsprism.serve import LOOPBACK_HOSTS, create_app, serve_in_thread

    with serve_in_thread(create_app(planted[0], allowed_hosts=list(LOOPBACK_HOSTS))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    profile = tempfile.mkdtemp(prefix="newsprism-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                       args=BROWSER_ARGS, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A page that records every request and console error, and fails the test on a dialog."""
    pg = browser.new_page()
    pg.requests, pg.errors, pg.dialogs = [], [], []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    pg.close()


def shot(pg: Any, tmp_path: Path, name: str, full: bool = True) -> Path:
    """A screenshot of a page (or of one element, given a locator) into tmp_path and NEWSPRISM_SCREENSHOTS."""
    path = tmp_path / name
    if hasattr(pg, "screenshot") and hasattr(pg, "goto"):
        pg.screenshot(path=str(path), full_page=full)
    else:
        pg.screenshot(path=str(path))
    extra = os.environ.get("NEWSPRISM_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / name)
    return path


def only_local(pg: Any, server: str) -> None:
    outside = [u for u in pg.requests if not (u.startswith(server + "/") or u.startswith("data:"))]
    assert outside == [], outside


# -- tests ---------------------------------------------------------------------------------------
def test_serve_web_story_page_draws_charts_and_clicks_through_to_the_span(
        page: Any, server: str, planted: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    ids = planted[1]
    page.goto(f"{server}/stories/{ids['story_id']}")
    assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"

    timeline = page.locator("svg.timeline")
    assert timeline.locator(".ev-mark").count() == ids["n_dated_events"]
    box = timeline.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 100
    mark = timeline.locator(".ev-mark").first.bounding_box()
    assert mark and mark["width"] > 5  # drawn, not just present in the DOM

    world = page.locator("svg.map")
    assert world.locator(".map-mark").count() == ids["n_places"]
    assert world.locator("path.country").count() >= 2
    assert sorted(world.locator(".map-mark").evaluate_all("els => els.map(e => e.dataset.place)")) == [
        "Stepanakert", "Susha", "Yevlakh"]

    killed = page.locator("#toll-killed svg.figure-chart")
    assert killed.locator(".fig-mark").count() == ids["n_killed_all_figures"]
    assert killed.locator("rect.band").count() == 1 and killed.locator("line.best").count() == 1
    # one chart per headline toll, none repeating another: killed (5), wounded (3, as reported), displaced (the
    # 2 reconciled figures; "almost 3,000" went into no range and is listed under all figures)
    assert page.locator("#tolls svg.figure-chart").count() == 3
    import json as _json
    import urllib.request

    with urllib.request.urlopen(f"{server}/stories/{ids['story_id']}.json") as resp:
        headline = _json.load(resp)["tolls"]["headline"]
    assert page.locator("svg.figure-chart .fig-mark").count() == sum(len(t["figure_ids"]) for t in headline)
    assert "Killed, cumulative" in page.locator("#toll-killed h3").inner_text()
    shot(page, tmp_path, "story.png")
    shot(page.locator("#map"), tmp_path, "map.png")
    shot(page.locator("#tolls"), tmp_path, "figures.png")

    # one click from the CNN figure's mark to the exact words in the stored text
    page.locator(f'svg.figure-chart [data-figure-id="{ids["cnn_figure"]}"]').first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.hl").inner_text() == "killed at least 200 people"
    assert page.locator("#panel .kicker").inner_text().lower() == "figure"
    page.locator("mark.hl a.fact").first.click()
    assert f'"figure_id": "{ids["cnn_figure"]}"' in page.locator("#panel pre.json").first.inner_text()
    assert page.locator("#text a.fact.selected").count() >= 1
    assert f"fact={ids['cnn_figure']}" in page.url
    # clicking another fact (an entity mention) swaps the panel without a page load
    page.locator("#text a.fact.k-mention").first.click()
    assert page.locator("#panel .kicker").first.inner_text().lower() == "mention"
    shot(page, tmp_path, "article.png", full=False)

    only_local(page, server)
    assert page.errors == []


def test_serve_web_planted_script_does_not_run(page: Any, server: str, planted: tuple[str, dict[str, Any]],
                                               tmp_path: Path) -> None:
    ids = planted[1]
    for path in [f"/articles/{ids['hostile_article']}", f"/articles/{ids['hostile_article']}?fact={ids['hostile_figure']}",
                 f"/stories/{HOSTILE_STORY}", f"/entities/{ids['hostile_entity']}", "/entities", "/",
                 "/search?q=pwned", f"/stories/{HOSTILE_STORY}/brief.html"]:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{server}/articles/{ids['hostile_article']}")
    text = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned = 2"' in text
    assert page.locator("#text img, #text svg, #text script").count() == 0
    page.locator("#text a.fact.k-figure").click()
    assert "window.__pwned = 6" in page.locator("#panel pre.json").inner_text()  # shown as text, not run
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, tmp_path, "hostile.png", full=False)
    assert page.dialogs == []
    only_local(page, server)
