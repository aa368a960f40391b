"""reconcile_figures / figure_contradictions / format_figures_table (issue 3).

Figures are built by hand (the extractor is tested in ``test_extract_figures.py``), one case per
UCDP-style rule; the last tests run the extractor on two fresh articles and reconcile them.
"""

from __future__ import annotations

import pytest

from newsprism.extract import read_article
from newsprism.extract.figures import extract_figures
from newsprism.records import Article, EntityRef, Evidence, Figure
from newsprism.reconcile import figure_contradictions, format_figures_table, reconcile_figures


def art(aid: str, outlet: str | None = None, published: str | None = None, story: str | None = "s1",
        **kw) -> Article:
    return Article(aid, f"d_{aid}", 0, 0, 100, None, outlet, published, "en", story_id=story, **kw)


def fig(fid: str, aid: str, low: int | None, high: int | None = -1, *, metric: str = "killed",
        qualifier: str = "exact", who: str = "all", source: str | None = None, hedge: str | None = None,
        interim: bool = False, as_of: str | None = None, scope: str | None = None,
        includes: tuple[str, ...] = (), vague_term: str | None = None, event_id: str | None = None) -> Figure:
    high = low if high == -1 else high
    if hedge is None:
        hedge = "said" if source else "none"
    return Figure(
        figure_id=fid, article_id=aid, metric=metric, low=low, high=high, qualifier=qualifier,
        vague_term=vague_term, who=who, includes=includes,
        attributed_to=EntityRef(None, source) if source else None, hedge=hedge, interim=interim,
        as_of=as_of, event_id=event_id, evidence=Evidence(f"d_{aid}", 0, 10, "0123456789"), scope=scope)


def one(recs, **scope):
    found = [r for r in recs if all(getattr(r.scope, k) == v for k, v in scope.items())]
    assert len(found) == 1, [(r.scope, r.inputs) for r in recs]
    return found[0]


def reasons(r) -> dict[str, str]:
    return {e.figure_id: e.reason for e in r.excluded}


ARTS = {a.article_id: a for a in [
    art("a1", "Wire A", "2024-03-10"), art("a2", "Wire B", "2024-03-11"), art("a3", "Daily C", "2024-03-12"),
    art("a4", "Blog D", "2024-03-12"), art("x1", "Other", "2024-03-12", story="s2"),
]}


def test_reconcile_single_source():
    r = reconcile_figures([fig("f1", "a1", 33, source="health ministry", as_of="2024-03-10")], ARTS)
    assert len(r) == 1
    assert (r[0].low, r[0].best, r[0].high, r[0].best_basis) == (33, 33, 33, "single_source")
    assert r[0].inputs == ("f1",) and r[0].excluded == ()
    assert r[0].acled_fatalities == 33
    assert "health ministry" in r[0].notes


def test_reconcile_lower_figure_rule_between_sources():
    figs = [fig("f1", "a1", 38, source="rebel administration", as_of="2024-03-10"),
            fig("f2", "a2", 34, source="UN human rights office", as_of="2024-03-10")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert (r.low, r.best, r.high, r.best_basis) == (34, 34, 38, "lower_figure_rule")
    assert set(r.inputs) == {"f1", "f2"}
    assert r.acled_fatalities == 34
    assert "rebel administration" in r.notes and "UN human rights office" in r.notes


def test_reconcile_later_figure_of_same_source_supersedes():
    figs = [fig("f1", "a1", 12, source="Gaza health ministry", as_of="2024-03-10"),
            fig("f2", "a3", 31, source="the health ministry in Gaza", as_of="2024-03-12")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert (r.low, r.best, r.high, r.best_basis) == (31, 31, 31, "single_source")
    assert reasons(r) == {"f1": "superseded"}


def test_reconcile_same_source_same_day_keeps_both():
    figs = [fig("f1", "a1", 31, source="Tigray authorities"), fig("f2", "a1", 34, source="Tigray authorities")]
    r = one(reconcile_figures(figs, {"a1": art("a1")}), metric="killed")
    assert set(r.inputs) == {"f1", "f2"} and (r.low, r.high) == (31, 34)


def test_reconcile_interim_yields_to_final():
    figs = [fig("f1", "a1", 17, source="ministry", interim=True, as_of="2024-03-10"),
            fig("f2", "a2", 40, source="civil defence", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert r.inputs == ("f2",)
    assert reasons(r) == {"f1": "interim"}


def test_reconcile_interim_kept_when_nothing_final():
    r = reconcile_figures([fig("f1", "a1", 17, source="ministry", interim=True)], ARTS)
    assert r[0].inputs == ("f1",)


def test_reconcile_different_scope_incident_vs_whole_operation():
    figs = [fig("blast", "a1", 7, source="defence ministry", scope="incident:explosion", as_of="2024-03-10"),
            fig("war", "a3", 180, None, qualifier="more_than", source="government", scope="cumulative",
                as_of="2024-03-12")]
    recs = reconcile_figures(figs, ARTS)
    assert len(recs) == 2
    whole = next(r for r in recs if r.inputs == ("war",))
    blast = next(r for r in recs if r.inputs == ("blast",))
    assert (whole.low, whole.best, whole.high) == (180, 180, None)  # open bound stays open
    assert reasons(whole) == {"blast": "different_scope"}
    assert (blast.low, blast.best, blast.high) == (7, 7, 7)
    assert reasons(blast) == {"war": "different_scope"}
    assert "explosion" in blast.notes


def test_reconcile_different_scope_day_vs_cumulative_and_history():
    figs = [fig("day1", "a1", 34, source="authorities", scope="day:2024-03-10", as_of="2024-03-10"),
            fig("total", "a3", 187, source="ombudsman", scope="cumulative", as_of="2024-03-12"),
            fig("past", "a2", 4800, qualifier="about", scope="historical:2019")]
    recs = reconcile_figures(figs, ARTS)
    assert sorted(r.inputs for r in recs) == [("day1",), ("past",), ("total",)]
    for r in recs:
        assert set(reasons(r).values()) == {"different_scope"} and len(r.excluded) == 2


def test_reconcile_cumulative_counts_days_apart_are_different_periods():
    figs = [fig("early", "a1", 31, source="rebel administration", as_of="2024-03-01"),
            fig("late", "a3", 180, None, qualifier="more_than", source="the government", as_of="2024-03-12")]
    recs = reconcile_figures(figs, ARTS)
    assert sorted(r.inputs for r in recs) == [("early",), ("late",)]


def test_reconcile_open_bounds():
    figs = [fig("f1", "a1", 180, None, qualifier="at_least", as_of="2024-03-11"),
            fig("f2", "a2", 180, None, qualifier="more_than", source="Ukraine", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert (r.low, r.best, r.high) == (180, 180, None)


def test_reconcile_closed_figure_above_open_floor_closes_high():
    figs = [fig("f1", "a1", 180, None, qualifier="more_than", metric="wounded", source="authorities",
                as_of="2024-03-11"),
            fig("f2", "a2", 350, metric="wounded", source="ombudsman", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), metric="wounded")
    assert (r.low, r.best, r.high) == (180, 180, 350)
    assert r.acled_fatalities == 0  # ACLED counts no injuries


def test_reconcile_most_reliable_source():
    figs = [fig("claim", "a1", 12, source="rebel spokesman", hedge="claimed", as_of="2024-03-11"),
            fig("named", "a2", 20, source="UN mission", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert (r.low, r.best, r.high, r.best_basis) == (12, 20, 20, "most_reliable_source")


def test_reconcile_vague_yields_to_precise():
    figs = [fig("v", "a1", 12, None, qualifier="vague", vague_term="dozens", source="officials", as_of="2024-03-11"),
            fig("p", "a2", 34, source="authorities", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), metric="killed")
    assert r.inputs == ("p",) and reasons(r) == {"v": "vague_only"}


def test_reconcile_vague_only_gives_acled_reading():
    r = reconcile_figures([fig("v", "a1", 12, None, qualifier="vague", vague_term="dozens")], ARTS)[0]
    assert (r.low, r.best, r.high, r.acled_fatalities) == (12, 12, None, 12)


def test_reconcile_unverified_yields():
    figs = [fig("u", "a1", 13000, source="army", hedge="unconfirmed", who="combatants", as_of="2024-03-11"),
            fig("v", "a2", 9000, source="monitoring group", who="combatants", as_of="2024-03-11")]
    r = one(reconcile_figures(figs, ARTS), who="combatants")
    assert r.inputs == ("v",) and reasons(r) == {"u": "unreliable"}


def test_reconcile_groups_by_story_event_metric_who():
    figs = [fig("k", "a1", 5), fig("w", "a1", 9, metric="wounded"), fig("c", "a1", 2, who="civilians"),
            fig("o", "x1", 7), fig("e", "a1", 3, event_id="evt_1")]
    recs = reconcile_figures(figs, ARTS)
    assert sorted(((r.scope.story_id, r.scope.event_id, r.scope.metric, r.scope.who, r.inputs) for r in recs),
                  key=str) == [
        ("s1", "evt_1", "killed", "all", ("e",)), ("s1", None, "killed", "all", ("k",)),
        ("s1", None, "killed", "civilians", ("c",)), ("s1", None, "wounded", "all", ("w",)),
        ("s2", None, "killed", "all", ("o",))]


def test_reconcile_subcount_is_not_a_competing_total():
    figs = [fig("parent", "a1", 8, metric="wounded", includes=("part",)),
            fig("part", "a1", 2, metric="wounded")]
    r = one(reconcile_figures(figs, ARTS), metric="wounded")
    assert r.inputs == ("parent",) and reasons(r) == {"part": "different_scope"}


def test_reconcile_skips_off_topic_and_duplicate_articles():
    arts = dict(ARTS)
    arts["off"] = art("off", on_topic=False)
    arts["dup"] = art("dup", duplicate_of="a1")
    recs = reconcile_figures([fig("f", "a1", 5), fig("g", "off", 9), fig("h", "dup", 5)], arts)
    assert [r.inputs for r in recs] == [("f",)]


def test_figure_contradictions_numeric():
    figs = [fig("f1", "a1", 31, source="rebel administration", as_of="2024-03-11"),
            fig("f2", "a2", 4, source="defence ministry", as_of="2024-03-11"),
            fig("f3", "a3", 36, None, qualifier="at_least", source="rebel administration", as_of="2024-03-11")]
    cons = figure_contradictions(figs, ARTS)
    assert [c.kind for c in cons] == ["numeric"]
    assert {cl.figure_id for cl in cons[0].claims} >= {"f2"}
    assert {cl.source for cl in cons[0].claims} == {"rebel administration", "defence ministry"}
    assert "defence ministry" in cons[0].notes


def test_figure_contradictions_overlap_or_same_source_is_not_numeric():
    figs = [fig("f1", "a1", 180, None, qualifier="at_least", as_of="2024-03-11"),
            fig("f2", "a2", 187, source="ombudsman", as_of="2024-03-11"),
            fig("f3", "a3", 31, source="ombudsman office", as_of="2024-03-09", scope="day:2024-03-09")]
    assert figure_contradictions(figs, ARTS) == []


def test_figure_contradictions_population():
    # "five soldiers and three civilians" in one report, "5 police officers, 3 civilians" in another
    figs = [fig("s", "a1", 5, who="military", source="Mali", scope="incident:explosion", as_of="2024-03-10"),
            fig("c1", "a1", 3, who="civilians", source="Mali", scope="incident:explosion", as_of="2024-03-10"),
            fig("p", "a2", 5, who="police", source="security service", as_of="2024-03-11"),
            fig("c2", "a2", 3, who="civilians", source="security service", as_of="2024-03-11")]
    cons = figure_contradictions(figs, ARTS)
    assert [c.kind for c in cons] == ["population"]
    assert {cl.figure_id for cl in cons[0].claims} == {"s", "p"}
    assert "military" in cons[0].notes and "police" in cons[0].notes


def test_figure_contradictions_population_needs_same_scope():
    figs = [fig("s", "a1", 4, who="military", scope="historical:2020"),
            fig("p", "a2", 4, who="police", as_of="2024-03-11")]
    assert figure_contradictions(figs, ARTS) == []


def test_format_figures_table_lists_inputs_and_exclusions():
    figs = [fig("f1", "a1", 12, source="Gaza health ministry", as_of="2024-03-10"),
            fig("f2", "a3", 31, source="health ministry in Gaza", as_of="2024-03-12"),
            fig("f3", "a4", 28, None, qualifier="at_least", hedge="reportedly", source="unnamed source",
                as_of="2024-03-12")]
    recs = reconcile_figures(figs, ARTS)
    table = format_figures_table(recs, figs, ARTS, {"s1": "Strike on Rafah"})
    assert table.startswith("Story: Strike on Rafah\n")  # the title people read, never the id
    # the named ministry outranks an unnamed source: its figure is best, the hearsay sets the low
    assert "killed / all: low 28 / best 31 / high 31  [most_reliable_source]" in table
    for text in ("Wire A", "Daily C", "Blog D", "reportedly", "2024-03-12", "superseded", "at least 28",
                 "health ministry in Gaza"):
        assert text in table


# --- end to end: the extractor's figures reconciled ----------------------------------------
ARTICLE_1 = ("A drone strike on a market in the town killed 32 people on Monday, the local health "
             "department said. Twenty-one people were wounded.")
ARTICLE_2 = ("The local health department said on Tuesday that the death toll from Monday's drone strike "
             "had risen to 45. Separately, a landmine blast killed three soldiers.")


@pytest.fixture(scope="module")
def two_articles(nlp):
    figs = []
    arts = {}
    for aid, text, published in (("e1", ARTICLE_1, "2024-03-11"), ("e2", ARTICLE_2, "2024-03-12")):
        doc, ctx = read_article(nlp, text, doc_id=f"d_{aid}", article_id=aid, published=published)
        figs += extract_figures(doc, ctx)
        arts[aid] = Article(aid, f"d_{aid}", 0, 0, len(text), None, f"outlet {aid}", published, "en", story_id="s")
    return figs, arts


def test_reconcile_extracted_figures_end_to_end(two_articles):
    figs, arts = two_articles
    assert [(f.metric, f.low, f.who, f.scope) for f in figs] == [
        ("killed", 32, "all", "incident:strike"), ("wounded", 21, "all", None),
        ("killed", 45, "all", "incident:strike"), ("killed", 3, "military", "incident:explosion")]
    recs = reconcile_figures(figs, arts)
    strike = next(r for r in recs if r.scope.metric == "killed" and r.scope.who == "all")
    # the same department's later (and interim) toll: the earlier one is superseded
    assert (strike.low, strike.best, strike.high) == (45, 45, 45)
    assert [e.reason for e in strike.excluded] == ["superseded"]
    assert figure_contradictions(figs, arts) == []
    assert "outlet e2" in format_figures_table(recs, figs, arts)
