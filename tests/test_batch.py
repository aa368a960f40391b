"""spaCy over the whole stream of documents (``analyze_documents``), with the per-document guard.

Parsing many documents in one ``nlp.pipe`` must give each document the facts that
``analyze_document`` gives it alone, and one bad document must still be set aside with its
one-line reason while the others go on.
"""

from __future__ import annotations

import pytest

from newsprism.pipeline import analyze_document, analyze_documents
from newsprism.records import Discarded, RawDocument

PAGES = [
    "Rebels overrun border post\nInsurgents of the Red Delta Movement overran a border post at Kessaline on "
    "Sunday, killing four guards, the interior ministry said.\n",
    "Talks resume in Orvieto Bay\n\"We are ready to sign a ceasefire,\" said Tomas Ferrand, the movement's envoy, "
    "on Tuesday.\nMediators said 1,200 prisoners could be exchanged.\n",
    "Drone strike hits fuel depot\nA drone struck a fuel depot outside Lavrenka overnight, regional governor "
    "Mira Osk said, adding that two workers were hurt.\n",
]


def _doc(i: int, text: str) -> RawDocument:
    return RawDocument(doc_id=f"doc_b{i}", path=f"page{i}.txt", sha256=str(i), text=text, raw_html=None, url=None,
                       outlet=None, outlet_basis=None, published="2031-04-0" + str(i + 1), published_basis="manifest",
                       language="en", title=None, encoding="utf-8")


def test_the_stream_gives_every_document_what_it_gets_alone_in_order(nlp):
    docs = [_doc(i, t) for i, t in enumerate(PAGES)]
    out = list(analyze_documents(nlp, docs, batch_size=2))
    assert [d.path for d, _ in out] == [d.path for d in docs]
    for document, analyzed in out:
        assert analyzed == analyze_document(nlp, document)


def test_a_document_over_the_model_limit_is_set_aside_and_the_rest_go_on(nlp):
    long = "The convoy was stopped at the checkpoint. " * (nlp.max_length // 40 + 10)
    docs = [_doc(0, PAGES[0]), _doc(1, long), _doc(2, PAGES[2])]
    out = dict((d.path, o) for d, o in analyze_documents(nlp, docs, batch_size=4))
    assert isinstance(out["page1.txt"], Discarded) and "over the NLP model's limit" in out["page1.txt"].reason
    assert out["page0.txt"] == analyze_document(nlp, docs[0])
    assert out["page2.txt"] == analyze_document(nlp, docs[2])


def test_an_extractor_failing_on_one_document_sets_only_that_one_aside(nlp, monkeypatch):
    import newsprism.pipeline as pipeline

    real = pipeline.extract_article

    def fragile(doc, ctx):
        if "Orvieto" in doc.text:
            raise ValueError("extractor bug\non two lines")
        return real(doc, ctx)

    monkeypatch.setattr(pipeline, "extract_article", fragile)
    docs = [_doc(i, t) for i, t in enumerate(PAGES)]
    out = list(analyze_documents(nlp, docs, batch_size=8))
    assert [type(o).__name__ for _, o in out] == ["list", "Discarded", "list"]
    assert out[1][1].reason.startswith("analysis failed (ValueError: extractor bug")
    assert "\n" not in out[1][1].reason


def test_the_model_failing_on_a_batch_falls_back_to_one_document_at_a_time(nlp):
    from spacy.language import Language

    name = "test_fails_on_lavrenka"
    if not Language.has_factory(name):
        @Language.component(name)
        def _fails(doc):  # a component that breaks on one text, as a model bug would
            if "Lavrenka" in doc.text:
                raise RuntimeError("component bug")
            return doc

    docs = [_doc(i, t) for i, t in enumerate(PAGES)] + [_doc(3, PAGES[0].replace("Kessaline", "Maroset"))]
    nlp.add_pipe(name, last=True)
    try:
        out = list(analyze_documents(nlp, docs, batch_size=8))
    finally:
        nlp.remove_pipe(name)
    assert [d.path for d, _ in out] == [d.path for d in docs]
    assert isinstance(out[2][1], Discarded) and "component bug" in out[2][1].reason
    for i in (0, 1, 3):
        assert out[i][1] == analyze_document(nlp, docs[i])


@pytest.mark.parametrize("n_process", [2])
def test_two_processes_give_the_same_facts(nlp, n_process):
    docs = [_doc(i, t) for i, t in enumerate(PAGES)]
    alone = [analyze_document(nlp, d) for d in docs]
    assert [o for _, o in analyze_documents(nlp, docs, n_process=n_process, batch_size=1)] == alone
