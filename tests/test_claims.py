"""Claim contradictions between sources: asserted vs denied, clashing times, different culprits
(fresh sentences from other conflicts; the seeds are checked in test_framing.py)."""

from __future__ import annotations

import pytest

from newsprism.claims import ClaimMention, claim_contradictions, extract_claims
from newsprism.extract import read_article
from newsprism.extract.quotes import extract_quotes
from newsprism.records import from_json, to_json


def _run(nlp, texts, story="s1"):
    claims, arts = [], []
    for i, text in enumerate(texts):
        doc, ctx = read_article(nlp, text, doc_id=f"doc_{i}", article_id=f"art_{i}", outlet=f"Outlet {i}")
        got = extract_claims(doc, ctx, extract_quotes(doc, ctx))
        for m in got:
            assert m.evidence.text == text[m.evidence.start:m.evidence.end]
        claims += got
        arts.append({"article_id": f"art_{i}", "story_id": story, "on_topic": True, "duplicate_of": None})
    return claims, claim_contradictions(claims, arts)


FOUND = [
    # Ukraine: a state's forces, asserted by one side, denied by the other
    (["The Kremlin denied that Russian troops were fighting in Donbas.",
      "\u201cRussian troops are fighting in Donbas,\u201d Ukraine\u2019s defence ministry said."],
     "occurred", {"Kremlin", "Ukraine\u2019s defence ministry"}),
    # Ethiopia/Eritrea: a negated statement against a demand that presupposes presence
    (["Ethiopia has no troops in Eritrea, the prime minister said.",
      "Eritrean officials said Ethiopian troops must withdraw from Eritrea."],
     "occurred", {"prime minister", "Eritrean officials"}),
    # Sudan: attacks on civilians vs "only military targets"
    (["The RSF accused the army of bombing residential neighbourhoods in Omdurman.",
      "The Sudanese army said it only struck military targets in Omdurman."],
     "occurred", {"RSF", "Sudanese army"}),
    # Gaza: "X rejected Y's claims that P" (one sentence, two sources)
    (["Israel rejected claims by Hamas that an Israeli airstrike had hit the hospital."],
     "occurred", {"Israel", "Hamas"}),
    # wire style: "P, a charge X denied"
    (["Kyiv said Russian forces had executed prisoners of war, a charge the Kremlin denied."],
     "occurred", {"Kyiv", "Kremlin"}),
    # DR Congo: ceasefire violation vs "respected the ceasefire"
    (["The rebels accused government forces of violating the ceasefire near Goma.",
      "The ministry said the army respected the ceasefire."],
     "occurred", {"rebels", "ministry"}),
    # Zaporizhzhia: when the notice came
    (["Kyiv said it had warned the IAEA only hours before the strike.",
      "Rosatom rejected reports that the agency had been informed days in advance."],
     "date", {"Kyiv", "reports"}),
    # South Caucasus border: different culprits for one act
    (["Armenia blamed Azerbaijan for the shelling of Jermuk.",
      "Azerbaijan blamed Armenia for the shelling of Jermuk."],
     "attribution", {"Armenia", "Azerbaijan"}),
]


@pytest.mark.parametrize("texts,kind,sources", FOUND, ids=[f[0][0][:40] for f in FOUND])
def test_claims_contradiction_found(nlp, texts, kind, sources):
    _, cons = _run(nlp, texts)
    assert len(cons) >= 1, cons
    match = [c for c in cons if c.kind == kind]
    assert match, [(c.kind, c.notes) for c in cons]
    con = match[0]
    assert {cl.source for cl in con.claims} == sources
    assert all(cl.evidence is not None for cl in con.claims)
    assert con.notes and con.notes.endswith(".") and "\n" not in con.notes


NOT_FOUND = [
    # both sources on one side: no dispute
    ["The Kremlin denied that Russian troops were fighting in Donbas.",
     "Russia\u2019s foreign ministry said Russian troops had left Donbas."],
    # the outlet's own statement is no source's claim
    ["Russian troops are fighting in Donbas.",
     "The Kremlin denied that Russian troops were fighting in Donbas."],
    # a condition is no assertion
    ["If Russian troops enter Donbas, Kyiv said, it will respond.",
     "The Kremlin denied that Russian troops were fighting in Donbas."],
    # the same time from two sides
    ["Kyiv said it had warned the IAEA only minutes before the strike.",
     "Moscow said the agency had been informed a few minutes before the strike."],
    # different places
    ["The Kremlin denied that Russian troops were fighting in Donbas.",
     "\u201cRussian troops are fighting in Syria,\u201d the monitor said."],
    # a denial with nothing it denies in the corpus
    ["Turkey\u2019s president said he had played no part in the operation."],
    # the same culprit named by both
    ["Armenia blamed Azerbaijan for the shelling of Jermuk.",
     "The EU blamed Azerbaijan for the shelling of Jermuk."],
    # a pledge is no denial of a fact
    ["Officials accused the army of shelling villages near Kidal.",
     "The army pledged not to attack civilians."],
]


@pytest.mark.parametrize("texts", NOT_FOUND, ids=[t[0][:40] for t in NOT_FOUND])
def test_claims_no_false_contradiction(nlp, texts):
    _, cons = _run(nlp, texts)
    assert cons == [], [(c.kind, c.notes) for c in cons]


def test_claims_only_within_a_story(nlp):
    texts = ["The Kremlin denied that Russian troops were fighting in Donbas.",
             "\u201cRussian troops are fighting in Donbas,\u201d Ukraine\u2019s defence ministry said."]
    claims, _ = _run(nlp, texts)
    arts = [{"article_id": "art_0", "story_id": "s1", "on_topic": True, "duplicate_of": None},
            {"article_id": "art_1", "story_id": "s2", "on_topic": True, "duplicate_of": None}]
    assert claim_contradictions(claims, arts) == []


def test_claims_roundtrip_json(nlp):
    claims, cons = _run(nlp, ["Israel rejected claims by Hamas that an Israeli airstrike had hit the hospital."])
    back = [from_json(ClaimMention, to_json(m)) for m in claims]
    assert back == claims
    assert claim_contradictions([to_json(m) for m in claims]) == cons


def test_claims_quote_speaker_is_source(nlp):
    text = ("\u201cArmenia has not had an army in Karabakh since 2021,\u201d Pashinyan said.")
    claims, _ = _run(nlp, [text])
    deny = [m for m in claims if m.frame == "presence" and m.polarity == "deny"]
    assert deny and deny[0].source == "Pashinyan" and deny[0].actor == "AM" and deny[0].quote_id
