"""The brief (issue 6): built only from the record, each part only when its data exists, every
sentence citing its sources; Markdown and one self-contained HTML file. Records are built by hand
(SCHEMA shapes), so no pipeline runs here."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from newsprism.brief import event_sentence, render_brief
from newsprism.errors import ConfigError

TEXT = ("Shelling hit Stepanakert on 19 September, killing at least 25 people, officials said. "
        "“We will not leave,” said Anna Petrosyan. Azerbaijan said 27 people were killed. "
        "Officials called it an anti-terrorist operation. Armenia said 40 people were wounded.")
TEXT2 = "Baku says <script>alert(1)</script> the *offensive* ended with a ceasefire in Yevlakh on 20 September."


def ev(phrase: str, doc: str = "doc_1", text: str = TEXT) -> dict[str, Any]:
    i = text.index(phrase)
    return {"doc": doc, "start": i, "end": i + len(phrase), "text": phrase}


def fig(fid: str, phrase: str, low: int | None, high: int | None, qualifier: str, *, metric: str = "killed",
        att: str | None = None, hedge: str = "none", as_of: str | None = None, article: str = "art_1") -> dict[str, Any]:
    return {"figure_id": fid, "article_id": article, "metric": metric, "low": low, "high": high,
            "qualifier": qualifier, "vague_term": None, "who": "all", "includes": [],
            "attributed_to": {"entity_id": None, "name": att} if att else None, "hedge": hedge, "interim": False,
            "as_of": as_of, "event_id": None, "evidence": ev(phrase)}


def record() -> dict[str, Any]:
    arts = [
        {"article_id": "art_1", "doc_id": "doc_1", "seq": 0, "start": 0, "end": len(TEXT), "title": "Strike on Stepanakert",
         "outlet": "Alpha News", "published": "2023-09-19", "on_topic": True, "off_topic_reason": None,
         "duplicate_of": None, "story_id": "sty_1", "boilerplate": []},
        {"article_id": "art_2", "doc_id": "doc_2", "seq": 0, "start": 0, "end": len(TEXT2),
         "title": "<script>alert(2)</script> Ceasefire", "outlet": None, "published": "2023-09-21", "on_topic": True,
         "off_topic_reason": None, "duplicate_of": None, "story_id": "sty_1", "boilerplate": []},
        {"article_id": "art_3", "doc_id": "doc_3", "seq": 0, "start": 0, "end": 10, "title": "Quiet day",
         "outlet": "Gamma", "published": None, "on_topic": True, "off_topic_reason": None, "duplicate_of": None,
         "story_id": "sty_2", "boilerplate": []},
    ]
    return {
        "newsprism_version": "0.1.0",
        "documents": [{"doc_id": d, "path": f"pages/{d}.txt", "sha256": "0" * 64, "outlet": None, "published": None,
                       "published_basis": None, "language": "en", "n_articles": 1, "url": None}
                      for d in ("doc_1", "doc_2", "doc_3")],
        "articles": arts,
        "discarded": [],
        "stories": [{"story_id": "sty_1", "title": "Strikes and a ceasefire", "article_ids": ["art_1", "art_2"],
                     "period_start": None, "period_end": None},
                    {"story_id": "sty_2", "title": "A quiet story", "article_ids": ["art_3"], "period_start": None,
                     "period_end": None}],
        "entities": [],
        "events": [
            {"event_id": "evt_1", "story_id": "sty_1", "plover_type": "ASSAULT", "plover_mode": [],
             "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": None,
             "actors": [{"entity_id": None, "name": "Azerbaijan"}], "recipients": [],
             "location": {"entity_id": None, "name": "Stepanakert", "lat": 39.8177, "lon": 46.7528, "where_prec": 1},
             "date_start": "2023-09-19", "date_end": "2023-09-19", "date_precision": "day", "date_anchor": "explicit",
             "negated": False, "hypothetical": False, "evidence": [ev("Shelling hit Stepanakert on 19 September")],
             "reported_by": ["art_1"]},
            {"event_id": "evt_2", "story_id": "sty_1", "plover_type": "AGREE", "plover_mode": [],
             "acled_event_type": None, "acled_sub_event_type": None,
             "actors": [{"entity_id": None, "name": "Baku"}], "recipients": [{"entity_id": None, "name": "Karabakh"}],
             "location": {"entity_id": None, "name": "Yevlakh", "lat": 40.6186, "lon": 47.15, "where_prec": 1},
             "date_start": "2023-09-20", "date_end": "2023-09-20", "date_precision": "day", "date_anchor": "explicit",
             "negated": False, "hypothetical": False,
             "evidence": [ev("a ceasefire in Yevlakh on 20 September", "doc_2", TEXT2)], "reported_by": ["art_2"]},
        ],
        "figures": [fig("fig_a", "at least 25 people", 25, None, "at_least", att="officials", hedge="said",
                        as_of="2023-09-19"),
                    fig("fig_b", "27 people were killed", 27, 27, "exact", att="Azerbaijan", hedge="claimed",
                        as_of="2023-09-19"),
                    fig("fig_w", "40 people were wounded", 40, 40, "exact", metric="wounded", att="Armenia",
                        hedge="said")],
        "reconciled_figures": [{"scope": {"story_id": "sty_1", "event_id": None, "metric": "killed", "who": "all"},
                                "low": 25, "best": 25, "high": 27, "inputs": ["fig_a", "fig_b"], "excluded": [],
                                "best_basis": "lower_figure_rule", "acled_fatalities": 25,
                                "notes": "Officials give at least 25, Azerbaijan 27"}],
        "quotes": [{"quote_id": "quo_1", "article_id": "art_1",
                    "speaker": {"entity_id": None, "name": "Anna Petrosyan"}, "text": "We will not leave",
                    "kind": "direct", "evidence": ev("We will not leave")}],
        "contradictions": [{"contradiction_id": "con_1", "kind": "numeric", "notes": "25 against 27 killed",
                            "claims": [{"figure_id": "fig_a", "quote_id": None, "evidence": None, "source": None},
                                       {"figure_id": "fig_b", "quote_id": None, "evidence": None, "source": None}]}],
        "framing_terms": [{"article_id": "art_1", "outlet": "Alpha News", "concept": "operation_label",
                           "term": "anti-terrorist operation", "refers_to": "the offensive", "voice": "quoted",
                           "evidence": ev("anti-terrorist operation")},
                          {"article_id": "art_2", "outlet": None, "concept": "operation_label", "term": "offensive",
                           "refers_to": "the offensive", "voice": "outlet", "evidence": ev("offensive", "doc_2", TEXT2)}],
    }


SECTIONS = ["In brief", "What happened", "The numbers", "Who said what", "Where the sources disagree",
            "How outlets framed it", "Sources"]


def sections(md: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", md, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_brief_md_has_every_part_in_order() -> None:
    md = render_brief(record(), "sty_1", "md")
    assert md.startswith("# Strikes and a ceasefire\n")
    assert list(sections(md)) == SECTIONS
    assert "Not in the record" not in md


@pytest.mark.parametrize("drop,gone,named", [
    ("events", "What happened", "events"),
    ("figures", "The numbers", "casualty or displacement figures"),
    ("quotes", "Who said what", "quotes"),
    ("contradictions", "Where the sources disagree", "contradictions"),
    ("framing_terms", "How outlets framed it", "framing terms"),
])
def test_brief_part_only_when_its_data_exists(drop: str, gone: str, named: str) -> None:
    rec = record()
    rec[drop] = []
    if drop == "figures":
        rec["reconciled_figures"] = []
        rec["contradictions"] = []
    md = render_brief(rec, "sty_1", "md")
    assert gone not in sections(md)
    assert "Not in the record for this story: " in md and named in md.split("Not in the record")[1].split("\n")[0]


def test_brief_of_a_story_without_facts_says_so_and_lists_its_sources() -> None:
    md = render_brief(record(), "sty_2", "md")
    assert list(sections(md)) == ["In brief", "Sources"]
    assert ("*Not in the record for this story: events, casualty or displacement figures, quotes, contradictions, "
            "framing terms.*") in md
    assert "1. Gamma: “Quiet day” — pages/doc_3.txt" in md
    assert "- 1 article from Gamma reports on this story. [1]" in md


def test_brief_every_sentence_cites_its_sources() -> None:
    md = render_brief(record(), "sty_1", "md")
    body = md.split("## Sources")[0]
    for line in body.splitlines():
        if re.match(r"\s*- ", line) and not re.fullmatch(r"\s*- \*\*[^*]+\*\*", line):
            assert re.search(r"\[\d+(?:[–,] ?\d+)*\]$", line), line
    sources = sections(md)["Sources"]
    assert "1. Alpha News, 19 Sep 2023: “Strike on Stepanakert”" in sources
    assert "2. An unnamed outlet, 21 Sep 2023: “\\<script\\>alert(2)\\</script\\> Ceasefire”" in sources


def test_brief_figures_carry_number_hedge_attribution_and_the_source_words() -> None:
    numbers = sections(render_brief(record(), "sty_1", "md"))["The numbers"]
    assert ("**Killed, cumulative to 19 Sep 2023** — Range 25–27; best estimate 25 (the lower figure, as UCDP takes "
            "when sources disagree)") in numbers
    assert ("Alpha News: at least 25 killed, according to officials; hedged: said; as of 19 Sep 2023. "
            "“at least 25 people” [1]") in numbers
    assert "hedged: claimed" in numbers and "“27 people were killed” [1]" in numbers
    assert "- **Wounded, as reported, not reconciled**\n  - Alpha News: 40 wounded, according to Armenia" in numbers


def test_brief_asserts_no_number_the_record_does_not_hold() -> None:
    rec = record()
    numbers = sections(render_brief(rec, "sty_1", "md"))["The numbers"]
    known = set(re.findall(r"\d+", json.dumps(rec)))
    said = re.findall(r"\d[\d,]*", re.sub(r"\[[\d,– ]+\]", "", numbers))
    assert said and all(n.replace(",", "") in known for n in said), said


def test_brief_timeline_and_quotes_and_disagreements() -> None:
    parts = sections(render_brief(record(), "sty_1", "md"))
    assert parts["What happened"].splitlines()[2] == (
        "- **19 Sep 2023** — Azerbaijan carried out an attack in Stepanakert (ACLED: Explosions/Remote violence). "
        "“Shelling hit Stepanakert on 19 September” [1]")
    assert "**20 Sep 2023** — Baku reached an agreement with Karabakh in Yevlakh." in parts["What happened"]
    assert "- **Anna Petrosyan**\n  - In Alpha News: “We will not leave” [1]" in parts["Who said what"]
    assert "**The numbers differ** — 25 against 27 killed [1]" in parts["Where the sources disagree"]
    framing = parts["How outlets framed it"]
    assert "| What is named | Alpha News | unnamed outlet |" in framing
    assert "“anti-terrorist operation” (quoted) [1]" in framing and "“offensive” [2]" in framing


def test_brief_quotes_grouped_by_side_when_the_record_gives_sides() -> None:
    rec = record()
    rec["quotes"][0]["side"] = "Karabakh Armenians"
    part = sections(render_brief(rec, "sty_1", "md"))["Who said what"]
    assert "- **Karabakh Armenians**\n  - Anna Petrosyan, in Alpha News: “We will not leave” [1]" in part


@pytest.mark.parametrize("change,expected", [
    ({}, "Azerbaijan carried out an attack in Stepanakert (ACLED: Explosions/Remote violence)."),
    ({"negated": True}, "Reported as not having happened: Azerbaijan carried out an attack in Stepanakert"),
    ({"hypothetical": True}, "Threatened or expected, not reported as done: Azerbaijan carried out an attack"),
    ({"actors": [], "location": None, "acled_event_type": None}, "An attack was reported."),
    ({"recipients": [{"entity_id": None, "name": "Karabakh forces"}], "location": None, "acled_event_type": None},
     "Azerbaijan attacked Karabakh forces."),
    ({"date_anchor": "relative_to_published", "location": None, "acled_event_type": None},
     "Azerbaijan carried out an attack; date worked out from the publication date."),
])
def test_brief_event_sentence(change: dict[str, Any], expected: str) -> None:
    event = {**record()["events"][0], **change}
    assert event_sentence(event).startswith(expected)


def test_brief_html_is_one_self_contained_printable_file() -> None:
    html = render_brief(record(), "sty_1", "html")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "@media print" in html
    assert not re.search(r"<(script|link|img|iframe|object)\b", html)
    assert not re.search(r"\b(src|srcset)=", html)
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Ceasefire" in html and "<script>alert" not in html
    assert len(re.findall(r'class="mark ev-mark"', html)) == 2
    assert len(re.findall(r'class="mark map-mark"', html)) == 2
    assert len(re.findall(r'class="mark fig-mark"', html)) == 3
    assert '<li id="src-1" value="1">Alpha News, 19 Sep 2023: “Strike on Stepanakert”' in html
    assert 'href="#src-1" title="Alpha News — Strike on Stepanakert">1</a>' in html


def test_brief_md_escapes_markdown_in_record_text() -> None:
    rec = record()
    rec["stories"][0]["title"] = "Strikes | *bold* [link](http://x) <b>"
    md = render_brief(rec, "sty_1", "md")
    assert md.startswith("# Strikes \\| \\*bold\\* \\[link\\](http://x) \\<b\\>\n")


def test_brief_all_stories_largest_first_and_deterministic() -> None:
    md = render_brief(record(), None, "md")
    assert md.index("# Strikes and a ceasefire") < md.index("# A quiet story")
    assert md == render_brief(copy.deepcopy(record()), None, "md")
    assert render_brief(record(), None, "html").count('<article class="story"') == 2


@pytest.mark.parametrize("story,fmt,message", [
    ("sty_1", "pdf", "unknown brief format 'pdf'"),
    ("sty_nope", "md", "no story 'sty_nope' in the record"),
])
def test_brief_errors_are_one_line(story: str, fmt: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        render_brief(record(), story, fmt)


def test_brief_refuses_a_record_without_stories() -> None:
    rec = record()
    rec["stories"] = []
    with pytest.raises(ConfigError, match="holds no story"):
        render_brief(rec, None, "md")


def test_brief_groups_quotes_by_entity_whatever_the_spelling() -> None:
    rec = record()
    rec["entities"] = [{"entity_id": "ent_anna", "type": "person", "canonical_name": "Anna Petrosyan",
                        "aliases": ["Anna Petrosyan", "Petrosian"], "geonames_id": None, "lat": None, "lon": None,
                        "mentions": 2}]
    second = {**rec["quotes"][0], "quote_id": "quo_2", "speaker": {"entity_id": "ent_anna", "name": "Petrosian"},
              "text": "Officials said", "evidence": ev("officials said")}
    rec["quotes"][0]["speaker"]["entity_id"] = "ent_anna"
    rec["quotes"].append(second)
    md = render_brief(rec, "sty_1", "md")
    assert "the most quoted are Anna Petrosyan (2)." in md
    part = sections(md)["Who said what"]
    assert part.count("- **") == 1 and "**Petrosian**" not in part


def test_brief_reads_like_an_analysts_note() -> None:
    """One headline line per toll with its scope, range and each source's latest figure; the
    happenings in order as sentences with names (a pronoun is never an actor); history, threats
    and statements left out of what happened."""
    rec = record()
    rec["figures"].append(fig("fig_c", "27 people were killed", 31, 31, "exact", att="Azerbaijan", hedge="said",
                              as_of="2023-09-20"))
    rec["reconciled_figures"][0].update(high=31, inputs=["fig_a", "fig_c"],
                                        excluded=[{"figure_id": "fig_b", "reason": "superseded"}])
    base = rec["events"][0]
    rec["events"] += [
        {**base, "event_id": "evt_week", "date_start": "2023-09-11", "date_end": "2023-09-17", "date_precision": "week",
         "actors": [{"entity_id": None, "name": "he"}, {"entity_id": None, "name": "Kestrel Brigade",
                                                       "acled_name": "Kestrel Brigade"}],
         "recipients": [{"entity_id": None, "name": "they"}], "location": None},
        {**base, "event_id": "evt_old", "date_start": "2020-10-01", "date_end": "2020-10-01", "background": True},
        {**base, "event_id": "evt_said", "plover_type": "THREATEN", "realis": "threatened", "date_start": "2023-09-20",
         "date_end": "2023-09-20"},
    ]
    parts = sections(render_brief(rec, "sty_1", "md"))
    lines = [ln for ln in parts["In brief"].splitlines() if ln.startswith("- **Killed")]
    assert lines == ["- **Killed, cumulative to 20 Sep 2023** — 25–31, best estimate 25. Latest from each source: "
                     "Azerbaijan 31 (20 Sep 2023); officials at least 25 (19 Sep 2023). [1]"]
    happened = [ln for ln in parts["What happened"].splitlines() if ln.startswith("- ")]
    assert [ln.split("**")[1] for ln in happened] == ["19 Sep 2023", "20 Sep 2023", "week of 11 Sep 2023"]
    assert "Kestrel Brigade carried out an attack (ACLED" in happened[2]
    assert not re.search(r"\b(he|they)\b", happened[2].split("“")[0])
    assert "1 threatened, planned or demanded action is not listed" in parts["What happened"]
