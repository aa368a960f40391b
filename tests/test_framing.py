"""Framing terms: what each article calls the operation, the sides, the victims, the displaced and
the places, and in whose voice (fresh sentences from other conflicts; the seeds at the end)."""

from __future__ import annotations

import re

import pytest

from newsprism.extract import read_article
from newsprism.extract.quotes import extract_quotes
from newsprism.framing import (
    SourcedTerm,
    corpus_framing,
    discover_terms,
    extract_framing,
    frame_of,
    framing_candidates,
    framing_table,
    side_of,
)
from newsprism.records import ArticleContext, Evidence, to_json


def _terms(nlp, text, outlet="Wire"):
    doc, ctx = read_article(nlp, text, outlet=outlet)
    return extract_framing(doc, ctx, extract_quotes(doc, ctx)), text


def _assert_spans(terms, text):
    for t in terms:
        assert t.term == t.evidence.text == text[t.evidence.start:t.evidence.end]


# (text, [(concept, term, voice, speaker substring or None)])
MUST = [
    # Russian state-media style (Ukraine)
    ("The Russian Defense Ministry said its forces continued the special military operation, destroying "
     "positions of Ukrainian nationalists near Avdiivka.",
     [("operation_label", "special military operation", "quoted", "Defense Ministry"),
      ("actor_label", "Ukrainian nationalists", "quoted", "Defense Ministry")]),
    # wire style (Ukraine), the outlet's own label
    ("Russia launched its full-scale invasion of Ukraine in February 2022.",
     [("operation_label", "full-scale invasion", "outlet", None)]),
    # Gaza: a status marker in reported speech
    ("Israeli forces killed 12 Palestinians in the occupied West Bank, the Palestinian health ministry said.",
     [("legitimacy", "occupied West Bank", "quoted", "health ministry")]),
    # Gaza: army communique style, a dehumanising kill verb and an actor label
    ("The IDF said it had eliminated dozens of Hamas terrorists in Khan Younis.",
     [("victim_label", "eliminated", "quoted", "IDF"), ("actor_label", "Hamas terrorists", "quoted", "IDF")]),
    # Myanmar: the speaker's label vs the outlet's own word for the speaker
    ('The junta described the offensive as a counter-terrorism operation against what it called '
     '"terrorist groups" in Sagaing.',
     [("actor_label", "junta", "outlet", None),
      ("operation_label", "counter-terrorism operation", "quoted", "junta"),
      ("actor_label", "terrorist groups", "quoted", "junta")]),
    # Ethiopia: "what X called Y"
    ("Federal forces launched what Addis Ababa called a law enforcement operation in Tigray.",
     [("operation_label", "law enforcement operation", "quoted", "Addis Ababa")]),
    # Sahel: the outlet's own words
    ("Jihadist militants killed 20 civilians in an attack on a village in northern Burkina Faso on Sunday.",
     [("actor_label", "Jihadist militants", "outlet", None), ("victim_label", "civilians", "outlet", None)]),
    # displacement vocabulary, own voice and a humanitarian agency's
    ("More than 500,000 refugees have fled to Poland, while UNHCR said some 6.5 million people are "
     "internally displaced.",
     [("displacement_label", "refugees", "outlet", None), ("displacement_label", "fled", "outlet", None),
      ("displacement_label", "internally displaced", "quoted", "UNHCR")]),
    # a legitimacy marker inside the speaker's own description stays the outlet's
    ("Denis Pushilin, head of the self-proclaimed Donetsk People's Republic, said the shelling continued.",
     [("legitimacy", "self-proclaimed Donetsk People's Republic", "outlet", None)]),
    ("Moscow held so-called referendums in four occupied regions.",
     [("legitimacy", "so-called referendums", "outlet", None), ("legitimacy", "occupied regions", "outlet", None)]),
    # Azerbaijani/Turkish agency style victim label
    ("Two servicemen were martyred as a result of the provocation, the ministry said.",
     [("victim_label", "martyred", "quoted", "ministry")]),
    ("Thousands of residents were evacuated from Mariupol through a humanitarian corridor.",
     [("displacement_label", "evacuated", "outlet", None),
      ("displacement_label", "humanitarian corridor", "outlet", None)]),
    # a scare-quoted label is the source's, not the outlet's
    ("Azerbaijan launches \u2018anti-terrorist\u2019 operation in the region",
     [("operation_label", "\u2018anti-terrorist\u2019 operation", "quoted", "Azerbaijan")]),
    # a request verb does not put the outlet's noun in the requester's mouth
    ("Kyiv called on Moscow to halt the invasion.", [("operation_label", "invasion", "outlet", None)]),
    # TASS style: a capture verb as a label; "continued" is no speech verb, the ministry speaks
    ("Russian forces have liberated the settlement of Avdeyevka, the Russian Defense Ministry said. Units "
     "continued the special military operation and inflicted losses on Ukrainian armed formations, the "
     "ministry said.",
     [("operation_label", "liberated", "quoted", "Defense Ministry"),
      ("actor_label", "Ukrainian armed formations", "quoted", "Defense Ministry")]),
    # "X, according to Y": attributed
    ("Separatist forces shelled the town overnight, according to the defence ministry.",
     [("actor_label", "Separatist forces", "quoted", "defence ministry")]),
]


@pytest.mark.parametrize("text,expected", MUST, ids=[m[0][:40] for m in MUST])
def test_framing_terms_found_with_voice(nlp, text, expected):
    terms, text = _terms(nlp, text)
    _assert_spans(terms, text)
    got = {(t.concept, t.term): t for t in terms}
    for concept, term, voice, speaker in expected:
        assert (concept, term) in got, f"{concept} {term!r} not in {sorted(got)}"
        t = got[(concept, term)]
        assert t.voice == voice, (term, t.voice)
        if speaker is None:
            assert t.speaker is None
        else:
            assert t.speaker and speaker.lower() in t.speaker.lower(), (term, t.speaker)


MUST_NOT = [
    ("The company launched a marketing campaign in Kyiv.", "operation_label"),
    ("Officials said the operation on his knee went well.", "operation_label"),
    ("Doctors evacuated the injured soldier to a hospital.", "displacement_label"),
    ("The state-run news agency reported the figures.", "legitimacy"),
    ("The army said it would neutralise the threat to the power grid.", "victim_label"),
    ("The president met the foreign minister in Geneva.", "actor_label"),
    ("The figures come from the U.N. refugee agency.", "displacement_label"),
    ("Protesters occupied the main hall of the university.", "operation_label"),
]


@pytest.mark.parametrize("text,concept", MUST_NOT, ids=[m[0][:40] for m in MUST_NOT])
def test_framing_no_false_labels(nlp, text, concept):
    terms, _ = _terms(nlp, text)
    assert not [t for t in terms if t.concept == concept], [t.term for t in terms]


def test_framing_operation_refers_to_place_and_year(nlp):
    terms, _ = _terms(nlp, "Russia launched its full-scale invasion of Ukraine in February 2022.")
    ref = next(t.refers_to for t in terms if t.term == "full-scale invasion")
    assert "Ukraine" in ref and "2022" in ref


def test_framing_evidence_is_document_slice(nlp):
    text = "Header\n\nThe army said it had eliminated dozens of militants, the ministry said."
    offset = 7
    doc, ctx = read_article(nlp, text[offset:], doc_id="doc_x", article_id="art_x", offset=offset)
    terms = extract_framing(doc, ctx, extract_quotes(doc, ctx))
    assert terms
    for t in terms:
        assert t.evidence.doc == "doc_x"
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text == t.term


def test_framing_terms_export_extra_fields(nlp):
    terms, _ = _terms(nlp, "Federal forces launched what Addis Ababa called a law enforcement operation in Tigray.")
    data = to_json(terms[0])
    assert {"article_id", "outlet", "concept", "term", "refers_to", "voice", "evidence"} <= set(data)
    assert data["speaker"] == "Addis Ababa" and data["basis"] == "lexicon"


@pytest.mark.parametrize("name,side", [
    ("Armenia's Foreign Ministry", "AM"), ("Yerevan", "AM"), ("the Azerbaijani defense ministry", "AZ"),
    ("Kremlin spokesman Dmitry Peskov", "RU"), ("the Ukrainian military", "UA"), ("Sudanese army", "SD"),
    ("Israeli officials", "IL"), ("Nikol Pashinyan", None), ("local residents", None),
    ("US marines", "US"), ("the UK defence ministry", "GB"), ("British troops", "GB"), ("Dutch police", "NL"),
    ("let us know", None), ("Swiss mediators", "CH"),
])
def test_framing_side_of(name, side):
    assert side_of(name) == side


@pytest.mark.parametrize("concept,term,row", [
    ("operation_label", "local counter-terrorism measures", "anti-terrorist / counter-terrorism …"),
    ("operation_label", "\u201canti-terrorist\u201d campaign", "anti-terrorist / counter-terrorism …"),
    ("operation_label", "full-scale aggression", "aggression"),
    ("actor_label", "separatist authorities", "separatist(s)"),
    ("displacement_label", "forcibly displaced persons", "forcibly displaced persons"),
    ("legitimacy", "internationally recognized as part of Serbia", "internationally recognised as part of …"),
])
def test_framing_frame_families(concept, term, row):
    assert frame_of(concept, term) == row


# --- corpus level ----------------------------------------------------------------------------

def _ev(doc, start, text):
    return Evidence(doc, start, start + len(text), text)


def _t(aid, concept, term, voice="outlet", refers_to=None, basis="lexicon", speaker=None, outlet=None, start=0):
    return SourcedTerm(aid, outlet, concept, term, refers_to, voice, _ev("d_" + aid, start, term), speaker=speaker,
                       basis=basis)


ENTITIES = [
    {"entity_id": "ent_kyiv", "type": "place", "canonical_name": "Kyiv", "aliases": ["Kyiv", "Kiev"]},
    {"entity_id": "ent_ru", "type": "state", "canonical_name": "Russia", "aliases": ["Russia", "Russian Federation"]},
    {"entity_id": "ent_shusha", "type": "place", "canonical_name": "Shusha", "aliases": ["Shusha", "Susha"]},
]
ARTICLES = [{"article_id": a, "outlet": o, "story_id": "s1", "on_topic": True, "duplicate_of": None,
             "title": f"title {a}", "doc_id": "d_" + a, "seq": 0} for a, o in (("a1", "TASS"), ("a2", "Kyiv Independent"))]


def test_framing_toponyms_only_for_places_named_several_ways():
    raw = [_t("a1", "toponym", "Kiev", basis="place"), _t("a2", "toponym", "Kyiv", basis="place"),
           _t("a1", "toponym", "Russian Federation", basis="place"), _t("a2", "toponym", "Russia", basis="place"),
           _t("a1", "toponym", "Susha", basis="place"), _t("a2", "toponym", "Shusha", basis="place")]
    out = corpus_framing(raw, ENTITIES, ARTICLES)
    topo = {(t.article_id, t.term, t.refers_to) for t in out if t.concept == "toponym"}
    assert topo == {("a1", "Kiev", "ent_kyiv"), ("a2", "Kyiv", "ent_kyiv")}


def test_framing_toponym_republic_of_and_slash_forms():
    ents = [{"entity_id": "ent_nk", "type": "place", "canonical_name": "Nagorno-Karabakh",
             "aliases": ["Nagorno-Karabakh", "Artsakh"]}]
    raw = [_t("a1", "toponym", "Nagorno-Karabakh", basis="place"), _t("a2", "toponym", "Republic of Artsakh",
                                                                        basis="place", voice="quoted")]
    out = corpus_framing(raw, ents, ARTICLES)
    assert {(t.term, t.refers_to, t.voice) for t in out} == {("Nagorno-Karabakh", "ent_nk", "outlet"),
                                                             ("Republic of Artsakh", "ent_nk", "quoted")}


def test_framing_discover_terms_keeps_contrasting_labels():
    cands = [_t("a1", "actor_label", "Tigrayan rebels", refers_to="authorities of Tigray", basis="slot", start=5),
             _t("a2", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot", start=9),
             _t("a2", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot", start=40)]
    got = discover_terms(cands, [], ARTICLES)
    assert {t.term for t in got} == {"Tigrayan rebels", "Tigray authorities"}
    assert all(t.basis == "corpus" for t in got)


def test_framing_discover_terms_drops_shared_or_single_voice_labels():
    same = [_t("a1", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot"),
            _t("a2", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot")]
    assert discover_terms(same, [], ARTICLES) == []
    alone = [_t("a1", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot"),
             _t("a1", "actor_label", "Tigrayan rebels", refers_to="authorities of Tigray", basis="slot", start=30)]
    assert discover_terms(alone, [], ARTICLES) == []


def test_framing_discover_terms_skips_spans_the_lexicon_found():
    cands = [_t("a1", "actor_label", "Tigrayan rebels", refers_to="authorities of Tigray", basis="slot"),
             _t("a2", "actor_label", "Tigray authorities", refers_to="authorities of Tigray", basis="slot")]
    known = [_t("a1", "actor_label", "rebels", start=9)]
    assert {t.term for t in discover_terms(cands, known, ARTICLES)} == {"Tigray authorities"}


def test_framing_table_marks_voice_per_outlet():
    terms = [_t("a1", "operation_label", "special military operation", outlet="TASS"),
             _t("a2", "operation_label", "special military operation", voice="quoted", speaker="Kremlin",
                outlet="Kyiv Independent"),
             _t("a2", "operation_label", "full-scale invasion", outlet="Kyiv Independent")]
    table = framing_table([to_json(t) for t in terms], ARTICLES)
    assert "TASS" in table and "Kyiv Independent" in table
    row = next(line for line in table.splitlines() if line.strip().startswith("special military operation"))
    assert re.search(r"\u25cf\s+\u25cb\s*$", row), row  # A: own words, B: quoted only
    inv = next(line for line in table.splitlines() if line.strip().startswith("invasion"))
    assert re.search(r"\u00b7\s+\u25cf\s*$", inv), inv
    assert "Kremlin" in table  # who is quoted
    assert framing_table([], ARTICLES).startswith("No framing terms")


def test_framing_candidates_are_places_and_slots(nlp):
    doc, ctx = read_article(nlp, "Karabakh officials said Azerbaijan launched a lightning offensive in Stepanakert.")
    cands = framing_candidates(doc, ctx, [])
    bases = {t.basis for t in cands}
    assert bases <= {"place", "slot"}
    assert any(t.basis == "place" and t.term == "Stepanakert" for t in cands)
    assert any(t.basis == "slot" and t.term == "Karabakh officials" for t in cands)
    for t in cands:
        assert t.term == ctx.text[t.evidence.start:t.evidence.end]


# --- the seeds -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_framing(shared_dir, nlp, tmp_path_factory):
    """The seeds analysed (with their manifest), then framing and claims run on the stored articles."""
    from newsprism.claims import claim_contradictions, extract_claims
    from newsprism.framing import article_framing
    from newsprism.pipeline import analyze
    from newsprism.records import Quote, from_json
    from newsprism.store import Store

    db = str(tmp_path_factory.mktemp("fr") / "seeds.duckdb")
    seeds = shared_dir / "seeds"
    analyze([str(seeds)], db=db, manifest=str(seeds / "manifest.csv"))
    with Store(db, read_only=True) as store:
        docs = {d.doc_id: d for d in store.documents()}
        arts = store.articles()
        quotes = [from_json(Quote, q) for q in store.facts("quotes")]
        entities = store.corpus("entities")
    raw, claims = [], []
    for a, nlp_text in arts:
        text = docs[a.doc_id].text[a.start:a.end]
        ctx = ArticleContext(a.doc_id, a.article_id, a.start, text, a.published, a.outlet)
        doc = nlp(nlp_text)
        qs = [q for q in quotes if q.article_id == a.article_id]
        raw += article_framing(doc, ctx, qs)
        claims += extract_claims(doc, ctx, qs)
    art_json = [to_json(a) for a, _ in arts]
    terms = corpus_framing(raw, entities, art_json)
    paths = {d.doc_id: d.path.rsplit("/", 1)[-1][:3] for d in docs.values()}
    return {"terms": terms, "docs": docs, "paths": paths, "articles": art_json,
            "contradictions": claim_contradictions(claims, art_json)}


def _in(seed, prefix):
    return [t for t in seed["terms"] if seed["paths"][t.evidence.doc] == prefix]


def test_framing_seeds_evidence_matches_documents(seeds_framing):
    for t in seeds_framing["terms"]:
        text = seeds_framing["docs"][t.evidence.doc].text
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text == t.term


def test_framing_seeds_baku_label_only_in_sources_words_outside_baku(seeds_framing):
    """'anti-terrorist'/'counter-terrorism' is Baku's label: the RT, CNN, Rtvslo and agency pages
    (000-003) only carry it in Azerbaijani sources' words, never their own."""
    for prefix in ("000", "001", "002", "003"):
        ct = [t for t in _in(seeds_framing, prefix) if t.concept == "operation_label"
              and re.search(r"(anti|counter).?terror", t.term, re.I)]
        assert ct, prefix
        assert all(t.voice == "quoted" for t in ct), [(t.term, t.voice) for t in ct]
    rt = next(t for t in _in(seeds_framing, "000") if t.term == "local counter-terrorism measures")
    assert rt.speaker == "Baku"


def test_framing_seeds_aggression_is_armenian_sources(seeds_framing):
    agg = [t for t in seeds_framing["terms"] if t.concept == "operation_label" and "aggression" in t.term]
    assert agg and all(t.voice == "quoted" for t in agg)
    assert any(re.search(r"Armenia|Yerevan", t.speaker or "") for t in agg)


def test_framing_seeds_neutral_labels_are_outlets_own(seeds_framing):
    own = {t.term.lower() for t in seeds_framing["terms"] if t.concept == "operation_label" and t.voice == "outlet"}
    assert {"military operation", "lightning offensive"} <= own


def test_framing_seeds_toponyms(seeds_framing):
    topo = [t for t in seeds_framing["terms"] if t.concept == "toponym"]
    both = next(t for t in topo if t.term == "Stepanakert/Khankendi")
    assert seeds_framing["paths"][both.evidence.doc] == "004" and both.voice == "outlet"
    assert any(t.term == "Stepanakert" and t.refers_to == both.refers_to for t in topo)
    artsakh = [t for t in _in(seeds_framing, "002") if t.concept == "toponym" and t.term == "Republic of Artsakh"]
    assert artsakh and artsakh[0].voice == "quoted"
    nk = {t.refers_to for t in topo if t.term in {"Nagorno-Karabakh", "Artsakh", "Republic of Artsakh", "Karabakh"}}
    assert len(nk) == 1


def test_framing_seeds_legitimacy_victims_displacement(seeds_framing):
    terms = seeds_framing["terms"]
    assert any(t.term == "puppet regime" and t.voice == "quoted" for t in terms if t.concept == "legitimacy")
    assert any(t.term.startswith("self-proclaimed") and t.voice == "outlet" for t in _in(seeds_framing, "003"))
    assert any(t.term == "martyred" for t in terms if t.concept == "victim_label")
    disp = {(t.term, t.voice) for t in terms if t.concept == "displacement_label"}
    assert ("forcibly displaced persons", "outlet") in disp and ("refugees", "outlet") in disp


def test_framing_seeds_table_readable(seeds_framing):
    table = framing_table([to_json(t) for t in seeds_framing["terms"]], seeds_framing["articles"])
    assert "OPERATION_LABEL" in table and "TOPONYM" in table
    assert "Stepanakert/Khankendi" in table and "RT" in table
    assert max(len(line) for line in table.splitlines()) <= 130


def test_claims_seeds_contradictions(seeds_framing):
    cons = seeds_framing["contradictions"]
    kinds = [c.kind for c in cons]
    assert kinds.count("date") == 1 and kinds.count("occurred") >= 3
    presence = next(c for c in cons if "armed forces" in c.notes and "Pashinyan" in c.notes)
    assert any("Baku" in (cl.source or "") or "Azerbaijan" in (cl.source or "") for cl in presence.claims)
    date = next(c for c in cons if c.kind == "date")
    assert "minutes" in date.notes and "long before" in date.notes
    for c in cons:
        assert len({cl.source for cl in c.claims}) >= 2
        for cl in c.claims:
            text = seeds_framing["docs"][cl.evidence.doc].text
            assert text[cl.evidence.start:cl.evidence.end] == cl.evidence.text
    assert not any("Peskov" in c.notes for c in cons)


# --- properties ------------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FRAGMENTS = [
    "the army said", "separatists", "what it called a \u201ccounter-terrorism operation\u201d", "in the occupied",
    "region", "refugees fled", "Kyiv", "so-called", "\u2018anti-terrorist\u2019", "civilians were martyred", ",",
    "according to officials", "launched a full-scale invasion", "de facto authorities", "\u201c", "\u201d", ".",
    "internationally recognized as part of", "Sudan", "the junta", "evacuated thousands", "\n\n", "denied that",
    "troops", "rejected claims that", "minutes before", "long before",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=0, max_size=18))
def test_framing_never_breaks_and_spans_hold(nlp, parts):
    from newsprism.claims import extract_claims

    text = " ".join(parts)
    doc, ctx = read_article(nlp, text)
    quotes = extract_quotes(doc, ctx)
    for t in extract_framing(doc, ctx, quotes) + framing_candidates(doc, ctx, quotes):
        assert t.term == text[t.evidence.start:t.evidence.end]
        assert t.voice in {"outlet", "quoted"}
    for m in extract_claims(doc, ctx, quotes):
        assert m.evidence.text == text[m.evidence.start:m.evidence.end]
