"""Invariants that must hold for any input (hypothesis): spans, lengths, idempotence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean
from newsprism.dedupe import find_duplicates
from newsprism.ingest import _document, decode_bytes, normalize_newlines

_LINES = st.sampled_from([
    "Categories", "Saved web pages", "Read more", "Photo: Reuters", "12.5 C", "Leave a Reply",
    "Clashes erupted near the border town on Monday, officials said.",
    "At least 14 people were killed and 30 wounded, the health ministry said.",
    "more like this", "Soldiers patrol a street in the capital, March 3, 2024.",
    "The army denied the report.", "", "a-long-image-slug-left-behind", "Source: Wire",
])
_PAGES = st.lists(st.one_of(_LINES, st.text(min_size=0, max_size=80)), min_size=1, max_size=40).map("\n".join)

relaxed = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(text: str):
    return _document("page.txt", text.encode("utf-8", "surrogatepass"), normalize_newlines(text), "utf-8")


@relaxed
@given(_PAGES)
def test_properties_every_span_slices_the_document(page):
    doc = _doc(page)
    for c in clean(doc):
        a = c.article
        assert 0 <= a.start <= a.end <= len(doc.text)
        assert len(c.nlp_text) == a.end - a.start
        for b in a.boilerplate:
            assert a.start <= b.start <= b.end <= a.end
            assert doc.text[b.start:b.end] == b.text
        # outside clutter, the NLP text only differs from the original by joined line breaks
        for i, ch in enumerate(c.nlp_text):
            orig = doc.text[a.start + i]
            assert ch == orig or ch == " "


@relaxed
@given(_PAGES)
def test_properties_clean_is_deterministic(page):
    assert clean(_doc(page)) == clean(_doc(page))


@relaxed
@given(st.lists(st.sampled_from([
    "Rebels shelled the city overnight and the army responded with air strikes on their positions near the river.",
    "The ministry said talks would resume next week in the capital with mediators from two neighbouring states.",
    "Aid convoys reached the besieged town after a three-day pause in fighting agreed by both sides.",
]), min_size=1, max_size=6))
def test_properties_dedupe_is_idempotent_and_points_to_kept_articles(texts):
    from newsprism.records import Article

    arts = [(Article(f"art_{i}", "d", i, 0, len(t), None, None, None, None), t * 3) for i, t in enumerate(texts)]
    dups = find_duplicates(arts)
    assert dups == find_duplicates(arts)
    assert all(canon not in dups for canon in dups.values())  # a canonical article is never itself a copy
    assert len(set(texts)) == len(arts) - len(dups)


@relaxed
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(str.strip))
def test_properties_utf8_round_trip(text):
    decoded, encoding = decode_bytes(text.encode("utf-8"), "x.txt")
    assert decoded == normalize_newlines(text) and encoding == "utf-8"
