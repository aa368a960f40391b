"""Who says it: speaker phrases, and their resolution to a named antecedent within one article.

Reusable by any extractor that attributes a claim (quotes, figures): given the subject token of a
reporting verb, :class:`SpeakerResolver` gives the best *name* the article offers for it:

- pronouns (``he``, ``she``, ``it``, ``they``) -> the most recent fitting speaker before them,
  preferring those who were themselves reporting something;
- titles and roles (``the spokesman``, ``the Armenian leader``) -> the last person introduced with
  that role ("Kremlin spokesman Dmitry Peskov", "X, an adviser to …");
- institutions by head noun (``the ministry``) -> the last fuller mention ("the Foreign Ministry");
- documents (``a statement read``) -> whoever last issued something;
- follow-ups (``another``, ``one of them``) -> the kind of the last indefinite speaker
  ("one protester" -> "another protester");
- surnames -> the full name used elsewhere in the article ("Peskov" -> "Dmitry Peskov").

All offsets are the Doc's; nothing here reads the store.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism.extract import doc_text
from newsprism.extract.patterns import quotes as P
from newsprism.records import EntityRef

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_NP_LEFT_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod",
                           "npadvmod", "case", "predet", "punct", "advmod", "prep", "pobj"})
_NP_PREPS = frozenset({"of", "in", "for", "from", "at"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "relcl", "acl", "parataxis"})


@dataclass(frozen=True)
class Agent:
    """Someone (or something) the article has presented as acting or speaking."""

    token_i: int  # head token of the mention
    sent_i: int  # index of its sentence
    name: str  # best display name at that point
    kind: str  # person|org|plural
    head: str  # lowercase lemma of the head noun
    words: frozenset[str]  # lowercase words of the phrase (and roles, for persons)
    reporting: bool  # subject of a reporting verb
    indefinite: bool  # "one protester", "a resident"
    named: bool = False  # the phrase holds a proper name


# --- phrases -----------------------------------------------------------------------------------

def entity_of(token: Token) -> Span | None:
    """The named-entity span that contains ``token``, if any."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _strip_possessive(text: str) -> str:
    for suffix in ("\u2019s", "'s", "\u2019", "'"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _clean_phrase(span: Span) -> Span:
    """Drop leading determiners/punctuation and trailing punctuation from a phrase."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _DETS or doc[start].is_punct or doc[start].is_space):
        start += 1
    for k in range(start + 1, end):  # "UN agency for refugees (UNRWA)": drop the parenthesis
        if doc[k].text in "([":
            end = k
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in {"'s", "\u2019s"}):
        end -= 1
    return doc[start:end] if end > start else span


def noun_phrase(token: Token, bounds: tuple[int, int] | None = None) -> Span:
    """The name-like phrase headed by ``token``: modifiers, possessors and a short "of/in X",
    without relative clauses or appositions ("the Prosecutor General's Office in Baku").

    ``bounds`` (token indices, half-open) keeps the phrase inside a window.
    """
    doc = token.doc
    lo, hi = bounds if bounds else (0, len(doc))
    ent = entity_of(token)
    if ent is not None and ent.label_ in PERSON_LABELS:
        return ent
    left = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT_DEPS and child.left_edge.i >= lo:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in {"compound", "case", "nummod"} or (child.dep_ == "punct" and child.text == "-"):
            right = max(right, child.right_edge.i)
        elif (child.dep_ == "prep" and child.lower_ in _NP_PREPS
              and child.right_edge.i - child.i <= 6
              and not any(t.pos_ in {"VERB", "AUX"} for t in child.subtree)):
            right = max(right, child.right_edge.i)
            break
        else:
            break
    if ent is not None and ent.label_ in ORG_LABELS:
        left, right = min(left, ent.start), max(right, ent.end - 1)
    left, right = max(left, lo), min(right, hi - 1)
    return _clean_phrase(doc[left:right + 1])


def appositive_person(token: Token) -> Span | None:
    """A PERSON named in apposition to ``token`` ("Armenia's prime minister, Nikol Pashinyan")."""
    for child in token.children:
        if child.dep_ == "appos":
            for t in child.subtree:
                ent = entity_of(t)
                if ent is not None and ent.label_ in PERSON_LABELS:
                    return ent
    return None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a (reporting) verb, climbing coordinations and participles
    ("…, adding that" / "said … but warned that") to the clause that has one."""
    # "KCNA quoted Kim as saying …" / "the general was quoted as saying …": the one quoted
    if verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in {"quote", "cite", "report"}:
        frame = verb.head.head
        for child in frame.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                return child
    # "the statement quoted the director saying …": the one quoted, not the statement
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "acl", "dep"}:
        frame = verb.head
        if frame.pos_ in {"NOUN", "PROPN"} and verb.dep_ == "acl" and frame.head.lemma_.lower() in {"quote", "cite"}:
            return frame
        if frame.lemma_.lower() in {"quote", "cite"}:
            obj = next((c for c in frame.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if obj is not None:
                return obj
    seen = 0
    while verb is not None and seen < 6:
        if any(c.dep_ == "auxpass" for c in verb.children):
            # passive: "it was announced by the ministry" -> the agent; "X was quoted as
            # saying" -> X; "he was told" -> not the speaker
            for child in verb.children:
                if child.dep_ == "agent":
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            return grandchild
            if verb.lemma_.lower() in {"quote", "cite"}:
                return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            return None
        for child in verb.children:
            if child.dep_ in _SUBJ_DEPS:
                return child
        # "X said the army was … and called on Y": a reporting verb coordinated with the
        # reported clause belongs to the reporting verb above it
        head = verb.head
        if (verb.dep_ == "conj" and verb.lemma_.lower() in P.REPORTING_VERBS
                and head.lemma_.lower() not in P.REPORTING_VERBS and head.dep_ in {"ccomp", "xcomp"}
                and head.head.lemma_.lower() in P.REPORTING_VERBS):
            verb = head.head
            seen += 1
            continue
        for child in verb.children:  # passive with agent: "was announced by the ministry"
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return _adjacent_subject(verb)
    return None


def _adjacent_subject(verb: Token) -> Token | None:
    """When the parse gave a reporting verb no subject, the noun right before it (over adverbs
    and commas of an apposition), as in "Armenia said …" parsed as two roots."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].pos_ == "ADV" or doc[i].pos_ == "AUX" and doc[i].dep_ == "aux"):
        i -= 1
    if i < 0:
        return None
    t = doc[i]
    if t.pos_ not in {"PROPN", "NOUN", "PRON"} or t.dep_ in {"dobj", "poss"} or "\n" in t.whitespace_:
        return None
    if t.dep_ == "pobj" and not any(x.text == "," for x in doc[t.head.i:t.i]):
        return None  # "in a post on X, spokesperson Y said": a comma ends the opening phrase
    return t


def phrase_kind(token: Token, phrase: Span | None = None) -> str:
    """person|org|plural|document|pronoun|followup|thing for the phrase headed by ``token``."""
    low = token.lower_
    if token.pos_ == "PRON" or low in P.PERSON_PRONOUNS | P.THING_PRONOUNS | P.PLURAL_PRONOUNS:
        if low in P.FOLLOWUP_WORDS:
            return "followup"
        return "pronoun"
    if low in P.FOLLOWUP_WORDS and token.pos_ in {"NUM", "DET", "PRON", "ADJ"}:
        return "followup"
    phrase = phrase if phrase is not None else noun_phrase(token)
    ent = entity_of(token)
    if ent is not None and ent.label_ in PERSON_LABELS:
        return "person"
    if any(t.ent_type_ in PERSON_LABELS for t in phrase) and token.pos_ == "PROPN":
        return "person"
    lemma = token.lemma_.lower()
    if lemma in P.DOCUMENT_NOUNS or low in P.DOCUMENT_NOUNS:
        return "document"
    animate = (low in P.PERSON_ROLE_NOUNS or lemma in P.PERSON_ROLE_NOUNS or low in P.ORG_HEAD_NOUNS
               or lemma in P.ORG_HEAD_NOUNS or token.pos_ == "PROPN"
               or (ent is not None and ent.label_ in ORG_LABELS))
    if token.tag_ in {"NNS", "NNPS"} and animate and not (ent is not None and ent.label_ in {"ORG", "GPE"}):
        return "plural"
    if low in P.PERSON_ROLE_NOUNS or lemma in P.PERSON_ROLE_NOUNS:
        return "person"
    if animate:
        return "org"
    return "thing"  # "the agreement", "60 positions": not someone who speaks


def _role_words(ent: Span) -> set[str]:
    """Title/role words the article attaches to a person mention."""
    words: set[str] = set()
    root = ent.root
    doc = ent.doc
    # "Kremlin spokesman Dmitry Peskov", "US Secretary of State Antony Blinken"
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 7:
        t = doc[i]
        if t.ent_type_ in PERSON_LABELS or t.is_punct or not (root in t.ancestors):
            break
        words.add(t.lower_)
        i -= 1
    # "The President of Kenya, William Ruto has said": a role phrase before a comma, however
    # the parse attached it
    if i >= 1 and doc[i].text == "," and ent.start - i == 1:
        j, phrase = i - 1, []
        while j >= 0 and i - j <= 6 and not doc[j].is_punct and doc[j].pos_ not in {"VERB", "AUX"} \
                and doc[j].ent_type_ not in PERSON_LABELS and "\n" not in doc[j].whitespace_:
            phrase.append(doc[j])
            if doc[j].is_sent_start:
                break
            j -= 1
        if phrase and (phrase[-1].is_sent_start or phrase[-1].lower_ in _DETS) and any(
                t.lower_ in P.PERSON_ROLE_NOUNS or t.lemma_.lower() in P.PERSON_ROLE_NOUNS for t in phrase):
            words.update(t.lower_ for t in phrase)
    # "Armenia's prime minister, Nikol Pashinyan" / "X, an adviser to Y"
    if root.dep_ == "appos":
        words.update(x.lower_ for x in root.head.subtree if x.i < root.head.i or x.i == root.head.i)
        words.add(root.head.lower_)
    for child in root.children:
        if child.dep_ == "appos" and child.right_edge.i - child.left_edge.i <= 14:
            words.update(x.lower_ for x in child.subtree if x.ent_type_ not in PERSON_LABELS)
    return {w for w in words if w.isalpha() and w not in _DETS}


def _matches_role(role: str, words: Iterable[str]) -> bool:
    wanted = P.ROLE_SYNONYMS.get(role, frozenset({role}))
    ws = set(words)
    return bool(ws & wanted) or role in ws


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


# --- the resolver ------------------------------------------------------------------------------

class SpeakerResolver:
    """Names for the speakers of one article (a Doc), resolved against what came before them.

    ``quoted`` are char ranges of quoted text: reporting verbs inside them are not the
    article's attributions and are skipped.
    """

    def __init__(self, doc: Doc, quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self._quoted = sorted(quoted)
        self._sent_of = [0] * len(doc)
        for si, sent in enumerate(doc.sents):
            for t in sent:
                self._sent_of[t.i] = si
        self._full_names = self._collect_full_names()
        self._acronyms = self._collect_acronyms()
        self._genders = self._collect_genders()
        self._roles: list[tuple[int, str, frozenset[str]]] = []  # (token_i, full name, roles)
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS and len(ent.text) > 1:
                self._roles.append((ent.start, self.full_name(ent.text), frozenset(_role_words(ent))))
        self.agents: list[Agent] = []
        self._agent_pos: list[int] = []
        self._resolved: dict[int, EntityRef | None] = {}
        self._build_agents()

    # -- names --
    def _collect_full_names(self) -> dict[str, str]:
        """surname -> the full form the article uses most (ties: the longer)."""
        ents = self.doc.ents
        other = {e.text.lower() for e in ents if e.label_ not in PERSON_LABELS}
        counts: dict[str, dict[str, int]] = {}
        for ent in ents:
            if ent.label_ not in PERSON_LABELS:
                continue
            words = [w for w in _strip_possessive(ent.text).split()]
            # "Armenia Nikol Pashinyan", "Minister Nikol Pashinyan": drop what is not the name
            while len(words) > 1 and (words[0].lower() in P.HONORIFICS or words[0].lower() in other
                                      or words[0].lower() in P.PERSON_ROLE_NOUNS
                                      or not words[0][:1].isupper()):
                words = words[1:]
            if len(words) < 2:
                continue
            key = words[-1].lower()
            form = " ".join(words)
            counts.setdefault(key, {})
            counts[key][form] = counts[key].get(form, 0) + 1
        return {key: max(forms, key=lambda f: (forms[f], len(f))) for key, forms in counts.items()}

    def full_name(self, name: str) -> str:
        """The longest name the article uses for the same person ("Peskov" -> "Dmitry Peskov")."""
        words = [w for w in _strip_possessive(name.strip()).split() if w.lower() not in P.HONORIFICS]
        if not words:
            return name.strip()
        if len(words) <= 3:
            full = self._full_names.get(words[-1].lower())
            fw = full.split() if full else []
            if full and (len(words) == 1 or fw[-len(words):] == words
                         or (len(words) == 2 and fw[0][0].lower() == words[0][0].lower())):
                return full
        return " ".join(words)

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self._quoted, (char, 10**12)) - 1
        return k >= 0 and self._quoted[k][0] <= char < self._quoted[k][1]

    # -- agents --
    def _build_agents(self) -> None:
        doc = self.doc
        for tok in doc:
            if self.in_quote(tok.idx):
                continue
            reporting = tok.pos_ == "VERB" and tok.lemma_.lower() in P.REPORTING_VERBS
            if reporting:
                subj = subject_of(tok)
                if subj is not None and subj.dep_ != "nsubjpass" and not self.in_quote(subj.idx):
                    self._add(subj, reporting=True)
            elif tok.dep_ == "nsubj" and tok.pos_ != "PRON":
                self._add(tok, reporting=False)
            elif tok.ent_type_ in PERSON_LABELS and tok.ent_iob_ == "B":
                ent = entity_of(tok)
                if ent is not None:
                    self._add(ent.root, reporting=False)

    def _add(self, token: Token, *, reporting: bool) -> None:
        ref, kind, phrase = self._resolve_now(token)
        if ref is None or kind in {"thing", "pronoun", "followup"}:
            return
        head = token.lemma_.lower()
        words = {t.lower_ for t in phrase} if phrase is not None else set()
        if kind == "person":
            for ti, name, roles in self._roles:
                if name == ref.name:
                    words |= roles
        indefinite = phrase is not None and len(phrase) > 0 and (
            token.doc[phrase.start - 1].lower_ in {"a", "an", "one"} if phrase.start > 0 else False
        ) or (phrase is not None and phrase[0].lower_ == "one")
        named = phrase is not None and any(t.pos_ == "PROPN" for t in phrase)
        agent = Agent(token.i, self._sent_of[token.i], ref.name, kind, head, frozenset(words),
                      reporting, bool(indefinite) and kind != "org", named)
        # the same head token may be added twice (reporting + entity); keep the reporting one
        if self.agents and self.agents[-1].token_i == token.i:
            if reporting:
                self.agents[-1] = agent
            return
        k = bisect.bisect_right(self._agent_pos, token.i)
        self.agents.insert(k, agent)
        self._agent_pos.insert(k, token.i)
        self._resolved[token.i] = ref

    def _before(self, token_i: int) -> list[Agent]:
        k = bisect.bisect_left(self._agent_pos, token_i)
        return self.agents[:k]

    def _pick(self, token: Token, kinds: set[str], window: int = 4,
              test=None) -> Agent | None:
        prior = [a for a in reversed(self._before(token.i)) if a.kind in kinds and (test is None or test(a))]
        if not prior:
            return None
        si = self._sent_of[token.i]
        near = [a for a in prior if si - a.sent_i <= window]
        for pool in ([a for a in near if a.reporting], near, [a for a in prior if a.reporting], prior):
            if pool:
                return pool[0]
        return None

    # -- public --
    def resolve(self, token: Token) -> EntityRef | None:
        """The speaker named by the phrase headed by ``token`` (a reporting verb's subject)."""
        if token.i in self._resolved:
            return self._resolved[token.i]
        ref, _, _ = self._resolve_now(token)
        return ref

    def resolve_span(self, span: Span) -> EntityRef | None:
        """Like :meth:`resolve` for a phrase given as a span (its syntactic root is used)."""
        return self.resolve(span.root) if len(span) else None

    def kind_of(self, token: Token) -> str:
        return phrase_kind(token)

    def _resolve_now(self, token: Token) -> tuple[EntityRef | None, str, Span | None]:
        ref, kind, phrase = self._resolve_raw(token)
        if ref is not None and self._acronyms:
            ref = EntityRef(ref.entity_id, self.with_acronym(ref.name))
        return ref, kind, phrase

    # -- pronouns --
    def _gender_test(self, pronoun: str):
        """Agents a personal pronoun may stand for: no "she" for a man the article marked as
        one (Mr, spokesman, father …), and no "he" for a woman."""
        want = P.PRONOUN_GENDER.get(pronoun)
        if want is None:
            return None
        return lambda a: a.kind != "person" or self._genders.get(a.name) in (None, want)

    def _collect_genders(self) -> dict[str, str]:
        """full name -> "f"/"m" where the article marks it: an honorific before a mention
        (Mrs X) or a gendered role word attached to the person (spokeswoman X)."""
        votes: dict[str, set[str]] = {}
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in PERSON_LABELS:
                continue
            name = self.full_name(ent.text)
            words = [doc[ent.start - 1].lower_.rstrip(".")] if ent.start > 0 else []
            words += [t.lower_.rstrip(".") for t in ent]
            words += list(_role_words(ent))
            for w in words:
                g = P.GENDERED_WORDS.get(w)
                if g:
                    votes.setdefault(name, set()).add(g)
        return {n: next(iter(g)) for n, g in votes.items() if len(g) == 1}

    def _matrix_subject(self, token: Token, kinds: set[str], fits
                        ) -> tuple[EntityRef, str, Span | None] | None:
        """A pronoun in a clause embedded under another clause of the same sentence refers to
        that clause's subject when it fits ("after Baku launched what it described as …",
        "the minister said she would …")."""
        node = token.head
        for _ in range(8):
            if node.head.i == node.i:
                return None
            node = node.head
            subj = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or subj.i == token.i:
                continue
            if subj.pos_ == "PRON" or self.in_quote(subj.idx):
                return None
            ref, kind, phrase = self._resolve_raw(subj)
            if ref is None or kind not in kinds:
                return None
            if fits is not None and kind == "person" and self._genders.get(ref.name) not in (
                    None, P.PRONOUN_GENDER.get(token.lower_)):
                return None
            return ref, kind, phrase
        return None

    # -- acronyms --
    def _collect_acronyms(self) -> dict[str, tuple[str, str]]:
        """"the Rapid Support Forces (RSF)": acronym and long form, both keyed lowercase."""
        out: dict[str, tuple[str, str]] = {}
        doc = self.doc
        brackets = "(" in doc_text(doc)  # else no token is one: the scan is skipped
        for t in doc if brackets else ():
            if not (t.text == "(" and t.i + 2 < len(doc) and doc[t.i + 2].text == ")"):
                continue
            acr = doc[t.i + 1].text
            if not (2 <= len(acr) <= 8 and acr.isalpha() and acr.isupper()):
                continue
            j, words = t.i - 1, []
            while j >= 0 and t.i - j <= 8 and (doc[j].text[:1].isupper() or doc[j].lower_ in
                                                {"of", "for", "on", "and", "'s", "\u2019s", "the"}):
                words.insert(0, doc[j])
                j -= 1
            while words and words[0].lower_ in {"of", "for", "on", "and", "the", "'s", "\u2019s"}:
                words = words[1:]
            initials = "".join(w.text[0] for w in words if w.text[:1].isupper())
            if len(initials) < 2 or initials[0] != acr[0] or not (
                    _subsequence(initials, acr) or _subsequence(acr, initials)):
                continue
            # drop leading capitalised words that the acronym does not cover
            while len(words) > 2 and words[0].text[0] != acr[0]:
                words = words[1:]
            long = doc[words[0].i:words[-1].i + 1].text
            out[acr.lower()] = out[long.lower()] = (long, acr)
        # an acronym the article never spells out in brackets, and a named organisation whose
        # initials it is exactly ("RSF" … "Sudan's Rapid Support Forces")
        longs: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ not in ORG_LABELS:
                continue
            words = [t for t in ent if t.text[:1].isupper() and t.is_alpha]
            if len(words) >= 2 and words[0].i == ent.start or len(words) >= 2 and ent[0].lower_ == "the":
                longs.setdefault("".join(w.text[0] for w in words), doc[words[0].i:words[-1].i + 1].text)
        for t in doc if longs else ():  # without long forms no word can be their acronym
            acr = t.text
            if acr.lower() in out or not (2 <= len(acr) <= 8 and acr.isalpha() and acr.isupper()):
                continue
            long = longs.get(acr)
            if long is not None and long.lower() not in out:
                out[acr.lower()] = out[long.lower()] = (long, acr)
        return out

    def with_acronym(self, name: str) -> str:
        """A name the article spelled out with its acronym reads "Long Form (ACR)", whichever
        of the two the sentence used."""
        hit = self._acronyms.get(name.strip().lower())
        return f"{hit[0]} ({hit[1]})" if hit else name

    def _resolve_raw(self, token: Token) -> tuple[EntityRef | None, str, Span | None]:
        doc = self.doc
        low = token.lower_
        kind = phrase_kind(token)
        if kind == "pronoun":
            kinds = ({"person"} if low in P.PERSON_PRONOUNS else {"org"} if low in P.THING_PRONOUNS
                     else {"plural", "org"} if low in P.PLURAL_PRONOUNS else set())
            if not kinds:
                return None, kind, None
            fits = self._gender_test(low)
            matrix = self._matrix_subject(token, kinds, fits)
            if matrix is not None:
                return matrix
            a = self._pick(token, kinds, test=fits)
            return (EntityRef(None, a.name) if a else None), (a.kind if a else "pronoun"), None
        if kind == "followup":
            a = self._pick(token, {"person", "plural"}, test=lambda x: x.indefinite)
            if a is None:
                return None, kind, None
            noun = a.head if a.head not in P.FOLLOWUP_WORDS else a.name.split()[-1]
            if noun.endswith("s") and not noun.endswith("ss"):
                noun = noun[:-1]
            return EntityRef(None, f"another {noun}"), "person", None
        phrase = noun_phrase(token)
        app = appositive_person(token)
        if app is not None and not (entity_of(token) is not None and entity_of(token).label_ in PERSON_LABELS):
            return EntityRef(None, self.full_name(app.text)), "person", app
        has_name = any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase)
        # "the Armenian leader": a nationality or place modifies a role, it does not name anyone
        modifiers = [t for t in phrase if t.i != token.i and t.ent_type_ in {"NORP", "GPE"}]
        role_only = all(t.i == token.i or t.ent_type_ in {"NORP", "GPE"} or t.pos_ != "PROPN"
                        for t in phrase)
        definite = token.i > 0 and any(t.lower_ in {"the", "this", "that"} for t in doc[max(0, phrase.start - 1):token.i])
        if kind == "person":
            ent = entity_of(token)
            if ent is not None and ent.label_ in PERSON_LABELS:
                return EntityRef(None, self.full_name(ent.text)), kind, ent
            if (not has_name or role_only and modifiers) and definite:
                role = token.lemma_.lower()
                hit = None
                for ti, name, roles in reversed(self._roles):
                    if ti < token.i and _matches_role(role, roles) and (not modifiers or any(
                            any(m.lower_[:5] == r[:5] for r in roles) for m in modifiers)):
                        hit = name
                        break
                if hit is None and modifiers:
                    for ti, name, roles in reversed(self._roles):
                        if ti < token.i and _matches_role(role, roles):
                            hit = name
                            break
                if hit:
                    return EntityRef(None, hit), kind, phrase
            if len(phrase) <= 2 and all(t.pos_ == "PROPN" for t in phrase):
                return EntityRef(None, self.full_name(phrase.text)), kind, phrase
            return EntityRef(None, phrase.text), kind, phrase
        if kind == "document":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None and owner.pos_ != "PRON":  # "the army's statement read"
                return self._resolve_raw(owner)
            issuer = next((c for c in token.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")
                           and phrase_kind(c) in ("org", "plural")), None)
            if issuer is not None:  # "the army statement said", "a police report said"
                return EntityRef(None, noun_phrase(issuer).text), phrase_kind(issuer), None
            a = self._pick(token, {"person", "org", "plural"})
            if a is not None:
                return EntityRef(None, a.name), a.kind, None
            return EntityRef(None, phrase.text), kind, phrase
        if kind in {"org", "plural", "thing"} and definite and not has_name:
            head = token.lemma_.lower()
            a = self._pick(token, {"org", "plural", "person"}, window=12,
                           test=lambda x: x.head == head and len(x.words) > len(phrase))
            if a is None and head in P.GENERIC_ORG_NOUNS:
                # "the group", "the alliance": the last named organisation
                a = self._pick(token, {"org", "plural"}, window=6, test=lambda x: x.named)
            if a is not None:
                return EntityRef(None, a.name), a.kind, phrase
        if len(phrase) == 1 and token.pos_ == "PROPN" and token.lower_ in self._full_names:
            return EntityRef(None, self.full_name(phrase.text)), "person", phrase
        if not phrase.text.strip():
            return None, kind, phrase
        return EntityRef(None, phrase.text), kind, phrase


# --- attribution of a claim inside a sentence (shared with figures) -----------------------------

def according_to(tokens: Sequence[Token]) -> Token | None:
    """The head of X in "according to X" / "in the words of X" within ``tokens``."""
    toks = list(tokens)
    lows = tuple(x.lower_ for x in toks)  # read once: the cues are matched at every token
    for i in range(len(toks)):
        for pattern in P.ACCORDING_TO:
            n = len(pattern)
            if lows[i] == pattern[0] and lows[i:i + n] == pattern:
                last = toks[i + n - 1]
                for child in last.children:
                    if child.dep_ == "pobj":
                        return child
                nxt = toks[i + n:]
                nouns = [x for x in nxt if x.pos_ in {"PROPN", "NOUN", "PRON"}]
                if nouns:
                    # the head of the first noun phrase after the cue
                    first = nouns[0]
                    root = first
                    while root.head.i in {x.i for x in nxt} and root.head.pos_ in {"PROPN", "NOUN"} and root.head.i > root.i:
                        root = root.head
                    return root
    return None


def source_of(resolver: SpeakerResolver, span: Span) -> tuple[EntityRef | None, Token | None]:
    """Who the sentence holding ``span`` attributes it to: "according to X", or the subject of a
    reporting verb that governs the span ("X said 25 people were killed"). ``(None, None)`` when
    the outlet says it in its own voice."""
    sent = span.sent
    acc = according_to(sent)
    if acc is not None:
        return resolver.resolve(acc), acc
    node = span.root
    while node.head.i != node.i:
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in P.REPORTING_VERBS:
            subj = subject_of(node)
            if subj is not None and not (span.start <= subj.i < span.end):
                return resolver.resolve(subj), node
    return None, None
