"""Date resolution: sentences from other conflicts, in wire, state-media and live-blog styles.

The publication date of every sentence is fixed (Wednesday 10 April 2024 unless the case says
otherwise), so each expected date is exact.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.extract import read_article
from newsprism.extract.dates import DateMention, last_weekday, resolve_dates, resolve_expression

PUBLISHED = "2024-04-10"  # a Wednesday

# (sentence, mention text, date_start, date_end, precision, anchor)
CASES = [
    # wire style
    ("Russian forces shelled Kharkiv on Tuesday, killing three people, the regional governor said.",
     "Tuesday", "2024-04-09", "2024-04-09", "day", "relative_to_published"),
    ("KHARTOUM, Sudan (AP) \u2014 Fighting resumed early on Wednesday in the capital's southern districts.",
     "Wednesday", "2024-04-10", "2024-04-10", "day", "relative_to_published"),
    ("Paramilitaries violated Wednesday's agreement within hours, residents said.",
     "Wednesday", "2024-04-10", "2024-04-10", "day", "relative_to_published"),
    ("The Rapid Support Forces said last week that it had taken control of the town of Wad Madani.",
     "last week", "2024-04-01", "2024-04-07", "week", "relative_to_published"),
    ("In 2020, Ethiopian federal troops entered Mekelle after weeks of fighting.",
     "2020", "2020-01-01", "2020-12-31", "year", "explicit"),
    ("Israeli troops withdrew from Khan Younis on 7 April 2024, the military said.",
     "7 April 2024", "2024-04-07", "2024-04-07", "day", "explicit"),
    ("The truce agreed on November 22, 2023 was extended twice.",
     "November 22, 2023", "2023-11-22", "2023-11-22", "day", "explicit"),
    ("Yesterday the health ministry in Gaza reported 40 dead in Rafah.",
     "Yesterday", "2024-04-09", "2024-04-09", "day", "relative_to_published"),
    ("Protests broke out in Niamey in May and spread to other towns.",
     "May", "2023-05-01", "2023-05-31", "month", "relative_to_published"),
    ("Talks between the army and the rebels are set to resume in Jeddah this month.",
     "this month", "2024-04-01", "2024-04-30", "month", "relative_to_published"),
    ("Fighting intensified in March around the city of El Fasher.",
     "March", "2024-03-01", "2024-03-31", "month", "relative_to_published"),
    ("The M23 rebels seized Rubaya in September 2023.",
     "September 2023", "2023-09-01", "2023-09-30", "month", "explicit"),
    # state-media style
    ("On March 30, at 17:35, enemy drones attacked a substation in the Belgorod region, the ministry said.",
     "March 30", "2024-03-30", "2024-03-30", "day", "explicit"),
    ("Air defence systems destroyed 12 drones over the Kursk region on 19.03.2024, the ministry reported.",
     "19.03.2024", "2024-03-19", "2024-03-19", "day", "explicit"),
    ("Today, the president chaired a meeting of the Security Council in Baku.",
     "Today", "2024-04-10", "2024-04-10", "day", "relative_to_published"),
    # live-blog style
    ("Three days ago, a strike on an aid convoy killed seven workers near Deir al-Balah.",
     "Three days ago", "2024-04-07", "2024-04-07", "day", "relative_to_published"),
    ("Over the weekend, Houthi forces fired missiles at a tanker in the Red Sea.",
     "the weekend", "2024-04-06", "2024-04-07", "range", "relative_to_published"),
    ("Mediators will meet the delegations on Friday in Cairo.",
     "Friday", "2024-04-12", "2024-04-12", "day", "relative_to_published"),
    ("Last month, 1,200 people fled Port-au-Prince, the UN migration agency said.",
     "Last month", "2024-03-01", "2024-03-31", "month", "relative_to_published"),
    ("Sporadic clashes continued between 2 and 4 April along the border.",
     "between 2 and 4 April", "2024-04-02", "2024-04-04", "range", "relative_to_published"),
]


def _mention(mentions: list[DateMention], text: str) -> DateMention:
    found = [m for m in mentions if text in m.text]
    assert found, f"no mention containing {text!r} in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision", "anchor"), CASES)
def test_extract_dates_resolves_against_publication(nlp, sentence, text, start, end, precision, anchor):
    doc, ctx = read_article(nlp, sentence, published=PUBLISHED)
    m = _mention(resolve_dates(doc, ctx), text)
    assert (m.date_start, m.date_end, m.precision, m.anchor) == (start, end, precision, anchor)
    assert sentence[m.start:m.end] == m.text


def test_extract_dates_a_day_earlier_counts_from_the_preceding_event(nlp):
    text = ("A missile hit a school in Sumy on 5 April 2024. A day earlier, a drone strike hit a power "
            "plant in the same region. The next day, rescuers recovered two more bodies.")
    doc, ctx = read_article(nlp, text, published=PUBLISHED)
    mentions = resolve_dates(doc, ctx)
    earlier = _mention(mentions, "A day earlier")
    assert (earlier.date_start, earlier.precision, earlier.anchor) == ("2024-04-04", "day", "relative_to_other_event")
    nxt = _mention(mentions, "The next day")
    assert (nxt.date_start, nxt.anchor) == ("2024-04-05", "relative_to_other_event")


def test_extract_dates_use_the_given_anchor_when_published_is_missing(nlp):
    doc, ctx = read_article(nlp, "Government forces retook the town on Sunday, state television said.",
                            published=None)
    m = _mention(resolve_dates(doc, ctx, anchor_date="2024-02-15", anchor_kind="relative_to_other_event"), "Sunday")
    assert (m.date_start, m.date_end, m.precision, m.anchor) == ("2024-02-11", "2024-02-11", "day",
                                                                 "relative_to_other_event")


def test_extract_dates_relative_without_any_anchor_is_unknown(nlp):
    doc, ctx = read_article(nlp, "Shelling resumed on Tuesday and again last week near Avdiivka.", published=None)
    for m in resolve_dates(doc, ctx):
        assert (m.date_start, m.date_end, m.precision, m.anchor) == (None, None, "unknown", "unknown")


def test_extract_dates_explicit_needs_no_anchor(nlp):
    doc, ctx = read_article(nlp, "The offensive began on September 19, 2023, officials said.", published=None)
    m = _mention(resolve_dates(doc, ctx), "September 19, 2023")
    assert (m.date_start, m.precision, m.anchor) == ("2023-09-19", "day", "explicit")


def test_extract_dates_durations_and_ages_have_no_dates(nlp):
    doc, ctx = read_article(nlp, "The 43-year-old commander held out for three days.", published=PUBLISHED)
    kinds = {m.text: (m.kind, m.date_start) for m in resolve_dates(doc, ctx)}
    assert kinds.get("43-year-old") == ("age", None)
    assert kinds.get("three days") == ("duration", None)


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("the 1990s", "1990-01-01", "1999-12-31", "range"),
    ("Sept. 20-21, 2023", "2023-09-20", "2023-09-21", "range"),
    ("Tuesday, September 19", "2023-09-19", "2023-09-19", "day"),
    ("earlier this week", "2023-09-18", "2023-09-20", "week"),
    ("last Wednesday", "2023-09-13", "2023-09-13", "day"),
    ("October", "2022-10-01", "2022-10-31", "month"),
    ("last year", "2022-01-01", "2022-12-31", "year"),
    ("2023-09-19", "2023-09-19", "2023-09-19", "day"),
])
def test_extract_dates_expression_forms(text, start, end, precision):
    r = resolve_expression(text, date(2023, 9, 20))  # a Wednesday
    assert (r.start.isoformat(), r.end.isoformat(), r.precision) == (start, end, precision)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 6))
def test_extract_dates_last_weekday_is_on_or_before_and_within_a_week(base, weekday):
    d = last_weekday(base, weekday)
    assert d.weekday() == weekday
    assert 0 <= (base - d).days <= 6


@given(st.text(max_size=40))
def test_extract_dates_expression_never_raises(text):
    r = resolve_expression(text, date(2024, 4, 10))
    assert r.precision in ("day", "range", "week", "month", "year", "unknown")


def test_dates_reported_future_takes_the_next_weekday(nlp):
    from newsprism.extract import read_article
    from newsprism.extract.dates import resolve_dates

    text = ("The ministry said negotiators would meet on Thursday in the capital. "
            "Rebels said they had met on Thursday. They would have met on Friday had the road been open.")
    doc, ctx = read_article(nlp, text, published="2024-03-06")  # a Wednesday
    got = [(m.text, m.date_start) for m in resolve_dates(doc, ctx) if m.precision == "day"]
    assert got == [("Thursday", "2024-03-07"), ("Thursday", "2024-02-29"), ("Friday", "2024-03-01")]


# --- corpus-stage anchoring (newsprism.coding): news pegs, carried days, undated reports ---------

def _fact(start: int, text: str, date: str | None, precision: str = "day", anchor: str = "explicit",
          kind: str = "point"):
    from newsprism.coding import DateFact
    from newsprism.records import Evidence

    return DateFact("a", Evidence("d", start, start + len(text), text), date, date, precision, anchor, kind)


def test_carry_dates_news_peg_takes_the_publication_date_then_the_day_last_named():
    import datetime as dt

    from newsprism.coding import carry_dates

    facts = [
        _fact(0, "Dock workers have seized the port.", None, "unknown", "unknown", "implied"),  # the peg
        _fact(40, "on Monday", "2031-05-05", anchor="relative_to_published"),
        _fact(90, "Guards fired on the crowd.", None, "unknown", "unknown", "implied"),  # goes on from Monday
        _fact(120, "in 2019", "2019-01-01", "year"),
        _fact(150, "1 March 2031", "2031-03-01"),  # weeks before: history, not carried on
        _fact(170, "The union struck.", None, "unknown", "unknown", "implied"),
    ]
    out = carry_dates(facts, dt.date(2031, 5, 7), "relative_to_published")
    implied = [d for d in out if d.evidence.start in (0, 90, 170)]
    assert [(d.date_start, d.anchor, d.kind) for d in implied] == [
        ("2031-05-07", "relative_to_published", "point"),
        ("2031-05-05", "relative_to_other_event", "point"),
        ("2031-05-05", "relative_to_other_event", "point")]
    assert carry_dates(facts[:1], None, "unknown") == []  # no anchor: no day, the fact is dropped


def test_undated_report_weekdays_resolve_against_the_storys_latest_report():
    from newsprism.coding import reanchor
    from newsprism.records import Article

    art = Article("a", "d", 0, 0, 100, None, None, None, "en")
    facts = [_fact(0, "on Tuesday", None, "unknown", "unknown"), _fact(30, "on Wednesday", None, "unknown", "unknown")]
    # the story's dated reports run to Thursday 12 June 2031; no calendar of explicit days
    out = reanchor(facts, art, None, 2031, story_published="2031-06-12")
    assert [d.date_start for d in out] == ["2031-06-10", "2031-06-11"]
    assert {d.anchor for d in out} == {"relative_to_other_event"}


def test_a_copy_dated_only_by_its_own_words_is_read_on_its_originals_date(tmp_path):
    from dataclasses import replace

    from newsprism.pipeline import _anchored_dates
    from newsprism.records import Article, to_json
    from newsprism.store import Store

    original = Article("orig", "d1", 0, 0, 100, None, None, "2031-05-02", "en", on_topic=True, story_id="s",
                       published_basis="manifest")
    # a scraper's copy whose only date is the stamp it added weeks later
    copy = replace(original, article_id="copy", doc_id="d2", published="2031-06-20", published_basis="text_latest",
                   duplicate_of="orig")
    friday = replace(_fact(10, "on Friday", "2031-06-20", anchor="relative_to_published"), article_id="copy")
    peg = replace(_fact(40, "Eleven men were detained.", None, "unknown", "unknown", "implied"), article_id="copy")
    with Store(str(tmp_path / "t.duckdb")) as store:
        store.put_facts("dates", "copy", [("f1", to_json(friday)), ("f2", to_json(peg))])
        dates = _anchored_dates(store, [original, copy])
    assert [(d.evidence.text, d.date_start) for d in dates["copy"]] == [
        ("on Friday", "2031-05-02"), ("Eleven men were detained.", "2031-05-02")]
