"""In-process tests of the web UI and JSON API (issue 6): every route, the one error envelope,
escaping of hostile corpus text, the security headers, the charts' marks, the token-guarded
ingest, and the docs listing every route.

The store is built by hand from a small synthetic record (SCHEMA shapes, evidence = real spans of
the texts), so no NLP model runs except in the one ingest test.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsprism.errors import StoreError
from newsprism.records import Article, Boilerplate, Discarded, RawDocument
from newsprism.store import Store

DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"

TEXT_A = ("Strike on Stepanakert\n"
          "Shelling hit Stepanakert on 19 September, killing at least 25 people, officials said.\n"
          "“We will not leave,” said Anna Petrosyan.\n"
          "Subscribe to our newsletter\n")
TEXT_B = ("Ceasefire agreed\n"
          "Azerbaijan said 27 people were killed before a ceasefire was agreed in Yevlakh on 20 September. "
          "Officials called it an anti-terrorist operation. Pašinjan was not there.\n")
TEXT_C = ("Breaking <script>window.__pwned = 1</script> news\n"
          "Officials said 3 people were killed <img src=x onerror=\"window.__pwned = 2\"> near the border.\n")
TEXT_D = "Football results\nThe local team won 3-0 at home.\n"
STORY = "sty_test000000001"
EMPTY_STORY = "sty_test000000002"


def ev(doc: str, text: str, phrase: str) -> dict[str, Any]:
    i = text.index(phrase)
    return {"doc": doc, "start": i, "end": i + len(phrase), "text": phrase}


def build_store(path: Path) -> dict[str, Any]:
    """A small store with every record type; returns the ids the tests look at."""
    docs = {"doc_a": TEXT_A, "doc_b": TEXT_B, "doc_c": TEXT_C, "doc_d": TEXT_D}
    meta = {"doc_a": ("Alpha News", "2023-09-19", "Strike on Stepanakert"),
            "doc_b": ("Beta Daily", "2023-09-20", "Ceasefire agreed"),
            "doc_c": ("<b>Evil</b> Outlet", "2023-09-21", "<script>window.__pwned = 3</script> Breaking"),
            "doc_d": ("Sport Page", "2023-09-21", "Football results")}
    bp = ev("doc_a", TEXT_A, "Subscribe to our newsletter")
    with Store(path) as store, store.transaction():
        for doc_id, text in docs.items():
            outlet, published, title = meta[doc_id]
            store.put_document(RawDocument(doc_id, f"pages/{doc_id}.txt", "0" * 64, text, None, None, outlet,
                                           "manifest", published, "manifest", "en", title, "utf-8"), "v1")
            art = Article(f"art_{doc_id[-1]}", doc_id, 0, 0, len(text), title, outlet, published, "en",
                          on_topic=doc_id != "doc_d",
                          off_topic_reason=None if doc_id != "doc_d" else "no conflict terms",
                          story_id=STORY if doc_id != "doc_d" else None,
                          boilerplate=(Boilerplate(bp["doc"], bp["start"], bp["end"], bp["text"], "newsletter"),)
                          if doc_id == "doc_a" else ())
            store.put_article(art, text)
        store.record_discarded([Discarded("pages/broken.pdf", "unsupported file type .pdf")], [])
        store.replace_corpus("stories", [
            (STORY, {"story_id": STORY, "title": "Strikes and a ceasefire in Karabakh",
                     "article_ids": ["art_a", "art_b", "art_c"], "period_start": None, "period_end": None}),
            (EMPTY_STORY, {"story_id": EMPTY_STORY, "title": "A story with no facts yet", "article_ids": [],
                           "period_start": None, "period_end": None})])
        ents = [
            {"entity_id": "ent_stepanakert", "type": "place", "canonical_name": "Stepanakert",
             "aliases": ["Stepanakert", "Khankendi"], "geonames_id": 174875, "lat": 39.8177, "lon": 46.7528, "mentions": 2},
            {"entity_id": "ent_azerbaijan", "type": "place", "canonical_name": "Azerbaijan", "aliases": ["Azerbaijan"],
             "geonames_id": None, "lat": None, "lon": None, "mentions": 1},
            {"entity_id": "ent_anna", "type": "person", "canonical_name": "Anna Petrosyan", "aliases": ["Anna Petrosyan"],
             "geonames_id": None, "lat": None, "lon": None, "mentions": 1},
            {"entity_id": "ent_pasinjan", "type": "person", "canonical_name": "Pashinyan",
             "aliases": ["Pashinyan", "Pašinjan"], "geonames_id": None, "lat": None, "lon": None, "mentions": 1},
            {"entity_id": "ent_evil", "type": "org", "canonical_name": "<script>window.__pwned = 4</script>",
             "aliases": ["<script>window.__pwned = 4</script>"], "geonames_id": None, "lat": None, "lon": None,
             "mentions": 1},
        ]
        store.replace_corpus("entities", [(e["entity_id"], e) for e in ents])

        def mention(mid: str, aid: str, doc: str, text: str, phrase: str, label: str, nth: int = 0) -> tuple[str, Any]:
            i = -1
            for _ in range(nth + 1):
                i = text.index(phrase, i + 1)
            return mid, {"mention_id": mid, "article_id": aid, "label": label,
                         "evidence": {"doc": doc, "start": i, "end": i + len(phrase), "text": phrase}}

        store.put_facts("mentions", "art_a", [
            mention("men_a1", "art_a", "doc_a", TEXT_A, "Stepanakert", "GPE"),
            mention("men_a2", "art_a", "doc_a", TEXT_A, "Stepanakert", "GPE", 1),
            mention("men_a3", "art_a", "doc_a", TEXT_A, "Anna Petrosyan", "PERSON")])
        store.put_facts("mentions", "art_b", [mention("men_b1", "art_b", "doc_b", TEXT_B, "Azerbaijan", "GPE"),
                                              mention("men_b2", "art_b", "doc_b", TEXT_B, "Pašinjan", "PERSON")])
        store.put_facts("mentions", "art_c", [mention("men_c1", "art_c", "doc_c", TEXT_C, "<script>", "ORG")])
        events = [
            {"event_id": "evt_strike", "story_id": STORY, "plover_type": "ASSAULT", "plover_mode": ["aerial"],
             "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Shelling/artillery/missile attack",
             "actors": [{"entity_id": "ent_azerbaijan", "name": "Azerbaijan"}], "recipients": [],
             "location": {"entity_id": "ent_stepanakert", "name": "Stepanakert", "lat": 39.8177, "lon": 46.7528,
                          "where_prec": 1},
             "date_start": "2023-09-19", "date_end": "2023-09-19", "date_precision": "day", "date_anchor": "explicit",
             "negated": False, "hypothetical": False,
             "evidence": [ev("doc_a", TEXT_A, "Shelling hit Stepanakert on 19 September")], "reported_by": ["art_a"]},
            {"event_id": "evt_ceasefire", "story_id": STORY, "plover_type": "AGREE", "plover_mode": [],
             "acled_event_type": None, "acled_sub_event_type": None,
             "actors": [{"entity_id": "ent_azerbaijan", "name": "Azerbaijan"}],
             "recipients": [{"entity_id": None, "name": "Karabakh authorities"}],
             "location": {"entity_id": None, "name": "Yevlakh", "lat": 40.6186, "lon": 47.15, "where_prec": 1},
             "date_start": "2023-09-20", "date_end": "2023-09-20", "date_precision": "day", "date_anchor": "explicit",
             "negated": False, "hypothetical": False,
             "evidence": [ev("doc_b", TEXT_B, "a ceasefire was agreed in Yevlakh on 20 September")],
             "reported_by": ["art_b"]},
            {"event_id": "evt_undated", "story_id": STORY, "plover_type": "REQUEST", "plover_mode": [],
             "acled_event_type": None, "acled_sub_event_type": None, "actors": [], "recipients": [],
             "location": None, "date_start": None, "date_end": None, "date_precision": "unknown",
             "date_anchor": "unknown", "negated": False, "hypothetical": False,
             "evidence": [ev("doc_b", TEXT_B, "Officials called it an anti-terrorist operation")], "reported_by": ["art_b"]},
        ]
        store.replace_corpus("events", [(e["event_id"], e) for e in events])

        def figure(fid: str, aid: str, doc: str, text: str, phrase: str, low: int, high: int | None, q: str,
                   att: str | None, hedge: str, as_of: str) -> tuple[str, dict[str, Any]]:
            return fid, {"figure_id": fid, "article_id": aid, "metric": "killed", "low": low, "high": high,
                         "qualifier": q, "vague_term": None, "who": "all", "includes": [],
                         "attributed_to": {"entity_id": None, "name": att} if att else None, "hedge": hedge,
                         "interim": False, "as_of": as_of, "event_id": None, "evidence": ev(doc, text, phrase)}

        store.put_facts("figures", "art_a", [figure("fig_a", "art_a", "doc_a", TEXT_A, "at least 25 people", 25, None,
                                                    "at_least", "officials", "said", "2023-09-19")])
        store.put_facts("figures", "art_b", [figure("fig_b", "art_b", "doc_b", TEXT_B, "27 people were killed", 27, 27,
                                                    "exact", "Azerbaijan", "said", "2023-09-20")])
        store.put_facts("figures", "art_c", [figure("fig_c", "art_c", "doc_c", TEXT_C, "3 people were killed", 3, 3,
                                                    "exact", "<img src=x onerror=\"window.__pwned = 5\">", "said",
                                                    "2023-09-21")])
        store.replace_corpus("reconciled_figures", [("rec_killed", {
            "scope": {"story_id": STORY, "event_id": None, "metric": "killed", "who": "all"}, "low": 25, "best": 25,
            "high": 27, "inputs": ["fig_a", "fig_b"], "excluded": [{"figure_id": "fig_c", "reason": "unreliable"}],
            "best_basis": "lower_figure_rule", "acled_fatalities": 25, "notes": "25 or 27 killed"})])
        store.put_facts("quotes", "art_a", [("quo_a", {
            "quote_id": "quo_a", "article_id": "art_a", "speaker": {"entity_id": "ent_anna", "name": "Anna Petrosyan"},
            "text": "We will not leave", "kind": "direct", "evidence": ev("doc_a", TEXT_A, "We will not leave")})])
        store.replace_corpus("contradictions", [("con_1", {
            "contradiction_id": "con_1", "kind": "numeric", "notes": "25 against 27 killed",
            "claims": [{"figure_id": "fig_a", "quote_id": None, "evidence": None, "source": None},
                       {"figure_id": "fig_b", "quote_id": None, "evidence": None, "source": None}]})])
        store.put_facts("framing_terms", "art_b", [("frm_1", {
            "article_id": "art_b", "outlet": "Beta Daily", "concept": "operation_label", "term": "anti-terrorist operation",
            "refers_to": "the 19 Sep 2023 offensive", "voice": "quoted",
            "evidence": ev("doc_b", TEXT_B, "anti-terrorist operation")})])
    return {"story": STORY}


class Client:
    """A synchronous in-process client over ``httpx.ASGITransport`` (no server, no network)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "test.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Client:
    from newsprism.serve import create_app

    return Client(create_app(str(db)))


PAGES = [
    ("/", "Strikes and a ceasefire in Karabakh"),
    (f"/stories/{STORY}", "Strikes and a ceasefire in Karabakh"),
    ("/articles/art_a", "Shelling hit Stepanakert"),
    ("/documents/doc_b", "Ceasefire agreed"),
    ("/entities", "Anna Petrosyan"),
    ("/entities/ent_stepanakert", "Khankendi"),
    ("/search?q=Stepanakert", "Strike on Stepanakert"),
]
JSON_ROUTES = [
    ("/index.json", "stories"),
    ("/record.json", "figures"),
    (f"/stories/{STORY}.json", "events"),
    ("/articles/art_a.json", "facts"),
    ("/documents/doc_b.json", "text"),
    ("/entities.json", "entities"),
    ("/entities/ent_stepanakert.json", "mentions"),
    ("/search.json?q=Stepanakert", "articles"),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_serve_api_page_renders(client: Client, path: str, expected: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert expected in r.text


@pytest.mark.parametrize("path,key", JSON_ROUTES)
def test_serve_api_json_route(client: Client, path: str, key: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert key in body
    if path != "/record.json":
        assert body["ok"] is True


@pytest.mark.parametrize("path", [p for p, _ in PAGES])
def test_serve_api_every_page_has_a_json_twin(client: Client, path: str) -> None:
    base, _, query = path.partition("?")
    twin = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
    page = client.get(path)
    assert f'href="{twin.replace("&", "&amp;")}"' in page.text
    assert client.get(twin).json()["ok"] is True


@pytest.mark.parametrize("path", ["/stories/{s}/brief.md", "/stories/{s}/brief.html", "/docs", "/openapi.json",
                                  "/static/app.css", "/static/app.js", "/static/vendor/world-atlas/LICENSE"])
def test_serve_api_other_routes(client: Client, path: str) -> None:
    r = client.get(path.format(s=STORY))
    assert r.status_code == 200 and r.content


def test_serve_api_story_json_holds_the_story(client: Client) -> None:
    body = client.get(f"/stories/{STORY}.json").json()
    assert [e["event_id"] for e in body["events"]] == ["evt_strike", "evt_ceasefire", "evt_undated"]
    assert {p["name"] for p in body["places"]} == {"Stepanakert", "Yevlakh"}
    assert {f["figure_id"] for f in body["figures"]} == {"fig_a", "fig_b", "fig_c"}
    assert body["figure_groups"][0]["figure_ids"] == ["fig_a", "fig_b", "fig_c"]
    assert body["outlets"] == ["<b>Evil</b> Outlet", "Alpha News", "Beta Daily"]
    assert [c["contradiction_id"] for c in body["contradictions"]] == ["con_1"]
    assert len(body["quotes"]) == 1 and len(body["framing_terms"]) == 1


def _count(html: str, svg_class: str, mark_class: str) -> int:
    m = re.search(rf'<svg class="chart {svg_class}".*?</svg>', html, re.S)
    assert m, svg_class
    return len(re.findall(rf'class="mark {mark_class}"', m.group(0)))


def test_serve_api_story_page_draws_each_chart(client: Client) -> None:
    html = client.get(f"/stories/{STORY}").text
    assert _count(html, "timeline", "ev-mark") == 2  # the undated event is listed, not drawn
    assert "1 event without a date not drawn" in html
    assert _count(html, "map", "map-mark") == 2
    assert _count(html, "figure-chart", "fig-mark") == 3
    assert 'class="band"' in html and 'class="best"' in html
    for section in ("timeline", "map", "numbers", "framing", "contradictions", "quotes"):
        assert f'id="{section}"' in html


def test_serve_api_story_without_facts_shows_no_empty_parts(client: Client) -> None:
    html = client.get(f"/stories/{EMPTY_STORY}").text
    assert "<svg" not in html
    for section in ("timeline", "map", "numbers", "framing", "contradictions", "quotes"):
        assert f'id="{section}"' not in html
    assert "Not in the record for this story: events, figures, quotes, contradictions, framing terms." in html


def test_serve_api_chart_links_lead_to_the_highlighted_span(client: Client) -> None:
    html = client.get(f"/stories/{STORY}").text
    chart = re.search(r'<svg class="chart figure-chart".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    hrefs = re.findall(r'<a href="([^"]+)"><g class="mark fig-mark" data-figure-id="fig_b"', chart)
    start = TEXT_B.index("27 people were killed")
    assert hrefs == [f"/articles/art_b?hl={start}-{start + 21}&amp;fact=fig_b#hl"]
    page = client.get(hrefs[0].replace("&amp;", "&")).text
    marked = re.search(r'<mark class="hl">(.*?)</mark>', page, re.S)
    assert marked and re.sub(r"<[^>]+>", "", marked.group(1)) == "27 people were killed"
    assert "27 killed (all)" in page  # the selected fact's record is shown in the panel


def test_serve_api_article_highlights_every_fact_at_its_span(client: Client) -> None:
    body = client.get("/articles/art_a.json").json()
    kinds = {f["fact_id"]: f["kind"] for f in body["facts"]}
    assert kinds == {"fig_a": "figure", "quo_a": "quote", "evt_strike": "event", "men_a1": "mention",
                     "men_a2": "mention", "men_a3": "mention"}
    assert all(f["evidence_ok"] for f in body["facts"])
    html = client.get("/articles/art_a").text
    for fact in body["facts"]:
        for e in fact["evidence"]:
            assert f'id="f-{fact["fact_id"]}"' in html
            assert e["text"] in re.sub(r"<[^>]+>", "", html)
    assert re.search(r'<span class="clutter" title="clutter: newsletter">Subscribe to our newsletter</span>', html)
    assert re.search(r'<a class="fact k-figure[^"]*" href="\?fact=fig_a#f-fig_a"[^>]*>at least 25 people</a>', html)


def test_serve_api_figure_fact_shows_what_uses_it(client: Client) -> None:
    fact = next(f for f in client.get("/articles/art_c.json").json()["facts"] if f["fact_id"] == "fig_c")
    assert [(r["kind"], r.get("role")) for r in fact["related"]] == [("reconciled_figure", "excluded: unreliable")]


def test_serve_api_hostile_text_is_escaped_everywhere(client: Client) -> None:
    for path in ["/articles/art_c", "/documents/doc_c", f"/stories/{STORY}", "/entities", "/entities/ent_evil",
                 "/search?q=pwned", "/", f"/stories/{STORY}/brief.html", "/articles/art_c?fact=fig_c&hl=9-17"]:
        html = client.get(path).text
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all('src="/static/app.js"' in s or 'type="application/json"' in s for s in scripts), path
        assert "<script>window" not in html and "<img src=x" not in html and "<b>Evil</b>" not in html, path
    data = re.search(r'<script type="application/json" id="facts-data">(.*?)</script>',
                     client.get("/articles/art_c").text, re.S)
    assert data and "<" not in data.group(1)
    assert json.loads(data.group(1))["fig_c"]["record"]["attributed_to"]["name"].startswith("<img")


def test_serve_api_security_headers_on_every_response(client: Client) -> None:
    for path in ["/", "/index.json", "/nope", "/nope.json", "/static/app.css", "/docs"]:
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"
    brief = client.get(f"/stories/{STORY}/brief.html").headers["content-security-policy"]
    assert "style-src 'sha256-" in brief and "unsafe" not in brief


ERRORS = [
    ("GET", "/nope", 404, "text/html"),
    ("GET", "/nope.json", 404, "application/json"),
    ("GET", "/stories/sty_missing", 404, "text/html"),
    ("GET", "/stories/sty_missing.json", 404, "application/json"),
    ("GET", "/stories/sty_missing/brief.md", 404, "text/html"),
    ("GET", "/articles/art_missing.json", 404, "application/json"),
    ("GET", "/documents/doc_missing", 404, "text/html"),
    ("GET", "/entities/ent_missing.json", 404, "application/json"),
    ("GET", "/search.json", 400, "application/json"),
    ("GET", "/search.json?q=" + "x" * 201, 400, "application/json"),
    ("GET", "/index.json?limit=0", 400, "application/json"),
    ("GET", "/?offset=-1", 400, "text/html"),
    ("POST", "/index.json", 405, "application/json"),
    ("POST", "/-/ingest?filename=a.txt", 404, "application/json"),  # no token: the route does not exist
]


@pytest.mark.parametrize("method,path,status,ctype", ERRORS)
def test_serve_api_error_shape(client: Client, method: str, path: str, status: int, ctype: str) -> None:
    r = client.request(method, path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith(ctype)
    if ctype == "application/json":
        body = r.json()
    else:
        m = re.search(r'<pre class="json">(.*?)</pre>', r.text, re.S)
        assert m, r.text[:300]
        import html as html_mod

        body = json.loads(html_mod.unescape(m.group(1)))
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    assert isinstance(body["errors"], list) and body["errors"]


def test_serve_api_validation_errors_name_each_problem(client: Client) -> None:
    body = client.get("/entities.json?limit=0&offset=-3").json()
    assert body["status"] == 400 and len(body["errors"]) == 2
    assert any(e.startswith("query.limit") for e in body["errors"])


def test_serve_api_search_finds_articles_and_entities(client: Client) -> None:
    body = client.get("/search.json?q=Stepanakert").json()
    assert [a["article_id"] for a in body["articles"]] == ["art_a"]
    assert body["articles"][0]["hit"]["text"] == "Stepanakert"
    assert "<mark>Stepanakert</mark>" in body["articles"][0]["snippet_html"]
    assert [e["entity_id"] for e in body["entities"]] == ["ent_stepanakert"]
    assert [a["article_id"] for a in client.get("/search.json?q=ceasefire Yevlakh").json()["articles"]] == ["art_b"]
    assert client.get("/search.json?q=ceasefire Stepanakert").json()["articles"] == []  # every word must occur
    assert [e["entity_id"] for e in client.get("/search.json?q=pasinjan").json()["entities"]] == ["ent_pasinjan"]
    assert [e["entity_id"] for e in client.get("/search.json?q=khank").json()["entities"]] == ["ent_stepanakert"]
    assert client.get("/search.json?q=newsletter").json()["articles"] == []  # clutter is not searched


def test_serve_api_entity_page_gathers_its_facts(client: Client) -> None:
    body = client.get("/entities/ent_stepanakert.json").json()
    assert [m["mention_id"] for m in body["mentions"]] == ["men_a1", "men_a2"]
    assert [e["event_id"] for e in body["events"]] == ["evt_strike"]
    anna = client.get("/entities/ent_anna.json").json()
    assert [q["quote_id"] for q in anna["quotes"]] == ["quo_a"]
    html = client.get("/entities/ent_stepanakert").text
    assert "Khankendi" in html and "/articles/art_a?hl=" in html


def test_serve_api_corpus_lists_discarded_and_off_topic(client: Client) -> None:
    body = client.get("/index.json").json()
    assert body["discarded"] == [{"path": "pages/broken.pdf", "reason": "unsupported file type .pdf"}]
    off = [a for a in body["articles"] if not a["on_topic"]]
    assert [(a["article_id"], a["off_topic_reason"]) for a in off] == [("art_d", "no conflict terms")]
    html = client.get("/").text
    assert "unsupported file type .pdf" in html and "no conflict terms" in html


def test_serve_api_brief_routes(client: Client) -> None:
    md = client.get(f"/stories/{STORY}/brief.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Strikes and a ceasefire in Karabakh")
    html = client.get(f"/stories/{STORY}/brief.html").text
    assert "<style>" in html and "<script" not in html.replace("&lt;script", "")


def test_serve_api_is_read_only(db: Path, client: Client) -> None:
    before = db.stat().st_mtime_ns
    for path, _ in PAGES + JSON_ROUTES:
        client.get(path)
    assert db.stat().st_mtime_ns == before
    for method in ("POST", "PUT", "DELETE"):
        assert client.request(method, f"/stories/{STORY}").status_code == 405


def test_serve_api_rereads_a_changed_store(tmp_path: Path) -> None:
    from newsprism.serve import create_app

    path = tmp_path / "live.duckdb"
    build_store(path)
    client = Client(create_app(str(path)))
    assert client.get("/stories/sty_new.json").status_code == 404
    with Store(path) as store, store.transaction():
        stories = store.corpus("stories")
        stories.append({"story_id": "sty_new", "title": "A new story", "article_ids": [], "period_start": None,
                        "period_end": None})
        store.replace_corpus("stories", [(s["story_id"], s) for s in stories])
    os.utime(path)  # the file's stamp changes even when the write lands within the same tick
    assert client.get("/stories/sty_new.json").json()["story"]["title"] == "A new story"


def test_serve_api_missing_store_fails_at_start(tmp_path: Path) -> None:
    from newsprism.serve import create_app

    with pytest.raises(StoreError, match="no such database"):
        create_app(str(tmp_path / "absent.duckdb"))


def test_serve_api_answers_only_its_host_names(db: Path) -> None:
    from newsprism.serve import LOOPBACK_HOSTS, create_app

    client = Client(create_app(str(db), allowed_hosts=list(LOOPBACK_HOSTS)))
    assert client.get("/index.json", headers={"host": "localhost:8000"}).status_code == 200
    r = client.get("/index.json", headers={"host": "evil.example:8000"})
    assert r.status_code == 400 and r.json()["status"] == 400 and "evil.example" in r.json()["error"]


def test_serve_api_ingest_needs_the_token(tmp_path: Path) -> None:
    from newsprism.serve import create_app

    path = tmp_path / "ingest.duckdb"
    build_store(path)
    client = Client(create_app(str(path), ingest_token="s3cret"))
    page = (b"Shelling in Martuni\nArtillery shelling hit the town of Martuni in Nagorno-Karabakh on 19 September 2023, "
            b"killing two civilians, local officials said. Azerbaijan denied targeting civilians.\n")
    assert client.post("/-/ingest?filename=a.txt", content=page).status_code == 401
    wrong = client.post("/-/ingest?filename=a.txt", content=page, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["status"] == 401
    bad = client.post("/-/ingest?filename=a.exe", content=page, headers={"authorization": "Bearer s3cret"})
    assert bad.status_code == 400 and "unsupported type" in bad.json()["error"]
    ok = client.post("/-/ingest?filename=../../martuni.txt", content=page, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["new_documents"] == 1
    saved = Path(ok.json()["path"])
    assert saved.parent == tmp_path / "ingest-uploads" and saved.name.endswith("_martuni.txt")
    titles = [a["title"] for a in client.get("/index.json").json()["articles"]]
    assert "Shelling in Martuni" in titles


def test_serve_api_openapi_lists_the_json_routes(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, _ in JSON_ROUTES:
        assert path.split("?")[0].replace("art_a", "{article_id}").replace("doc_b", "{doc_id}").replace(
            "ent_stepanakert", "{entity_id}").replace(STORY, "{story_id}") in paths


def app_routes(app: Any) -> list[str]:
    """Every route path the app answers (from its OpenAPI schema, plus what the schema leaves out)."""
    return sorted({*app.openapi()["paths"], "/openapi.json", "/static/{path}"})


def test_docs_api_lists_every_route(db: Path) -> None:
    from newsprism.serve import create_app

    docs = DOCS.read_text(encoding="utf-8")
    routes = app_routes(create_app(str(db), ingest_token="t"))
    assert "/-/ingest" in routes and len(routes) >= 20
    for path in routes:
        assert f"`{path}`" in docs, f"{path} is not documented in docs/api.md"
    documented = set(re.findall(r"^\| (?:GET|POST) \| `([^`]+)` \|", docs, re.M))
    assert documented == set(routes), documented ^ set(routes)


@pytest.mark.parametrize("places,expected", [([], None), ([{"name": "x", "lat": None, "lon": 3}], None),
                                             ([{"name": "x", "lat": 95, "lon": 3}], None)])
def test_serve_api_charts_draw_nothing_without_data(places: list[dict[str, Any]], expected: None) -> None:
    from newsprism.serve import charts

    assert charts.map_svg(places) is expected
    assert charts.timeline_svg([{"event_id": "e", "date_start": None}]) is None
    assert charts.figure_chart_svg([{"figure_id": "f", "low": None, "high": None}], None, lambda f: None,
                                   lambda f: "x") is None


def test_serve_api_map_uses_the_vendored_base_map() -> None:
    from newsprism.serve import charts

    svg = charts.map_svg([{"name": "Stepanakert", "lat": 39.8177, "lon": 46.7528, "count": 2, "href": None}])
    assert svg is not None and "<title>Armenia</title>" in svg and "<title>Azerbaijan</title>" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert len(svg) < 60_000  # clipped and simplified to the view


def test_serve_api_reads_keep_the_snapshot_while_a_write_runs(tmp_path: Path) -> None:
    from newsprism.serve.data import Source

    path = tmp_path / "write.duckdb"
    build_store(path)
    source = Source(str(path))
    before = source.snapshot()
    with source.writer(), Store(path) as store:  # the write connection is the only one open
        with store.transaction():
            store.replace_corpus("stories", [])
        assert source.snapshot() is before  # served from memory, no read connection opened
    assert source.snapshot().view.stories == {}
