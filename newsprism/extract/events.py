"""Event mentions: who did what to whom, coded on PLOVER, read from dependency parses.

``extract_event_mentions(doc, ctx)`` finds event triggers in each sentence — event verbs
("shelled", "arrested", "urged") and event nouns ("attack", "ceasefire", "talks") from the
lexicons in :mod:`newsprism.extract.patterns.events` — and reads their arguments off the parse:

- the **actor** is the trigger's subject (the agent "by X" of a passive; the subject of the light
  verb that carries an event noun: "Baku *launched* an attack"; the possessor or nationality
  adjective of an event noun: "Azerbaijan's offensive", "Israeli strikes");
- the **recipient** is the object or the prepositional target ("attack *on* X", "call *on* X",
  "talks *with* X"); for speech acts (REQUEST, ACCUSE, REJECT, THREATEN) the speaker is the actor
  and the addressee / accused the recipient;
- **negated** ("did not attack", "denies having troops there", "refused to withdraw") and
  **hypothetical** (future, modal, conditional, requested or intended: "would use force", "called
  on X to withdraw", "if ...") flags;
- the character spans of the time (DATE/TIME) and place (GPE/LOC/FAC) expressions in the event's
  clause, for the date and place resolvers.

Reporting frames ("X said that Y attacked Z") give the inner event only; a pronoun subject of a
reported clause is resolved to the nearest agreeing noun phrase of the sentence ("Hungary said
*it* will support ..."). Intents are coded as PLOVER does: a promise or offer of a cooperative act
is AGREE ("will provide aid"), of a hostile act THREATEN ("said they would blockade"), a refusal
REJECT; the intended act itself is kept too, flagged hypothetical. "X said Y must Z" is a REQUEST
from X to Y.

``acled_type`` applies the PLOVER -> ACLED table of CODEBOOKS.md once actor kinds are known, and
``acled_inter_code`` gives ACLED's inter codes. What one mention alone cannot show but the ACLED
sub-type needs is read off its sentence by ``_context_qualifiers`` and carried as qualifier modes
(``patterns.events.CONTEXT_MODES``: how a demonstration was met, a civilian or military target, a
two-sided fight, territory taken in fighting or handed over, a mob, a surrender, ...). A mention
that did not happen carries PLOVER's auxiliary mode (``hypothetical`` / ``negation``) and gets no
ACLED sub-type. Deaths and blasts no one inflicted (earthquakes, boiler explosions, crashes) are
no ASSAULT at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from newsprism.extract.patterns import events as P
from newsprism.records import ArticleContext, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "EventMention",
    "extract_event_mentions",
    "main_mention",
    "acled_type",
    "acled_inter_code",
    "guess_actor_kind",
]


@dataclass(frozen=True)
class EventMention:
    """One event as a sentence states it (before events are merged across sentences/articles).

    ``evidence`` is the whole sentence, ``trigger`` the word(s) naming the event. ``actors`` and
    ``recipients`` are the full noun phrases ("Azerbaijan's defense ministry"). ``speaker`` is who
    the sentence attributes the event to, when a reporting frame wraps it. ``depth`` is how deep
    the event's predicate sits in the sentence's parse (0 = main clause): the lowest is the
    sentence's main event (see :func:`main_mention`).
    """

    evidence: Evidence
    trigger: Evidence
    plover_type: str
    plover_mode: tuple[str, ...]
    actors: tuple[Evidence, ...]
    recipients: tuple[Evidence, ...]
    place_spans: tuple[Evidence, ...]
    date_spans: tuple[Evidence, ...]
    negated: bool
    hypothetical: bool
    speaker: Evidence | None = None
    depth: int = 0


# ---------------------------------------------------------------------------------------------
# internal working record
# ---------------------------------------------------------------------------------------------

_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp", "ROOT"})
_NAMING_VERBS = frozenset({"call", "describe", "term", "dub", "label", "brand", "characterize", "characterise", "deem", "consider"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "its", "their", "his", "her", "our", "them", "him", "us"})
_POSS_TO_SUBJ = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we", "them": "they", "him": "he", "us": "we"}
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose", "what"})
_ABSTRACT_OBJECTS = frozenset({
    "effort", "claim", "proposal", "plan", "offer", "call", "appeal", "decision", "policy", "right",
    "demand", "move", "position", "statement", "ultimatum", "change", "initiative", "invitation",
    "request", "accusation", "allegation", "charge", "action", "idea", "suggestion", "report",
    "stance", "remark", "comment", "bid", "attempt", "approach", "resolution", "term", "condition",
})
_PERSON_TITLES = frozenset({
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "leader", "official",
    "commander", "general", "chief", "secretary", "ambassador", "envoy", "premier", "king", "emir",
    "prince", "governor", "mayor", "judge", "prosecutor", "ombudsman", "commissioner", "aide",
    "advisor", "adviser", "representative", "man", "woman", "head", "chairman", "director",
})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "around", "outside", "inside", "across", "along", "into", "within", "throughout", "from", "towards", "toward", "on", "off", "over", "beyond"})
_ACCUSE_CHARGE_PREPS = frozenset({"of", "for", "over"})

_RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"on", "against", "at", "upon", "targeting"}),
    "COERCE": frozenset({"on", "against", "upon"}),
    "CONSULT": frozenset({"with", "to"}),
    "REQUEST": frozenset({"on", "upon", "to", "from", "for"}),
    "ACCUSE": frozenset({"against", "to", "with", "into"}),
    "REJECT": frozenset(),
    "THREATEN": frozenset({"against", "with", "to"}),
    "AID": frozenset({"to", "for"}),
    "SUPPORT": frozenset({"for", "to"}),
    "SANCTION": frozenset({"on", "against", "with"}),
    "AGREE": frozenset({"with", "to"}),
    "PROTEST": frozenset({"against"}),
    "MOBILIZE": frozenset({"against"}),
    "RETREAT": frozenset({"to", "from", "with", "on"}),
    "CONCEDE": frozenset({"to"}),
    "COOPERATE": frozenset({"with"}),
}
# types whose direct object is (usually) the recipient
_DOBJ_RECIPIENT = frozenset({"ASSAULT", "COERCE", "CONSULT", "SUPPORT", "ACCUSE", "SANCTION", "THREATEN",
                             "REQUEST", "RETREAT", "AID", "CONCEDE", "REJECT", "AGREE"})
# event nouns whose "of"-complement is the actor ("withdrawal of troops") rather than the recipient
_OF_IS_ACTOR = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "AGREE"})


@dataclass
class _Cand:
    trigger: list  # tokens naming the event
    anchor: Token  # the predicate (verb) that carries the event, or the event noun itself
    ptype: str
    modes: list[str]
    is_noun: bool
    actors: list = field(default_factory=list)  # head tokens
    recipients: list = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intent_gov: Token | None = None  # non-trigger intent word ("willing", "will", "prepared")
    obligation: bool = False  # must / should / has to
    conditional_unless: bool = False
    requested: bool = False
    speaker: Token | None = None
    absorbed: bool = False
    caused_by: bool = False  # a casualty verb that took in its cause ("killed in the attacks")
    synthetic: bool = False
    depth: int = 0


# ---------------------------------------------------------------------------------------------
# small token helpers
# ---------------------------------------------------------------------------------------------


_LEMMA_FIX = {"raped": "rape", "staged": "stage", "stag": "stage", "re-opened": "reopen", "re-open": "reopen", "airstrikes": "airstrike",
              "shelled": "shell", "riots": "riot", "rioted": "riot", "sworn": "swear"}


# nouns the tokenizer splits at their hyphen ("sit - in"): the last piece stands for the whole word
_HYPHEN_NOUNS = frozenset({"sit-in", "die-in"})
# (lower-case form, lemma) as spaCy's string hashes -> the lemma read: the reading asks millions of
# times, and a hash is read without building the strings
_LEMMAS: dict[tuple[int, int], str] = {}


def _lem(tok: Token) -> str:
    if tok.i >= 2 and tok.pos_ == "NOUN" and tok.doc[tok.i - 1].text == "-" \
            and f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}" in _HYPHEN_NOUNS:
        return f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}"  # depends on the neighbours: never cached
    key = (tok.lower, tok.lemma)
    lem = _LEMMAS.get(key)
    if lem is None:
        low = tok.lower_
        lem = _LEMMA_FIX[low] if low in _LEMMA_FIX else _LEMMA_FIX.get(tok.lemma_.lower(), tok.lemma_.lower())
        _LEMMAS[key] = lem
    return lem


def _in_name(tok: Token) -> bool:
    return tok.ent_type_ in _NAME_ENTS


def _children(tok: Token, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _conjuncts(tok: Token) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") and not c.ent_type_ in _TIME_ENTS:
            out.extend(_conjuncts(c))
    return out


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _phrasal_key(tok: Token) -> str:
    # the particle may stand after the object, parsed as an adverb: "drove the rebels back"
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("back", "out")]
    for p in prts:
        key = f"{_lem(tok)} {p}"
        if key in P.VERB_TRIGGERS:
            return key
    return _lem(tok)


def _reduced_passive(tok: Token) -> bool:
    """A headline's passive without its auxiliary, parsed as active: "Nurse killed in Gao by
    rebels" (a participle with a subject and a 'by' agent, and no perfect 'has')."""
    return tok.tag_ == "VBN" and bool(_children(tok, "nsubj")) and bool(_children(tok, "agent")) \
        and not any(_lem(a) == "have" for a in _children(tok, "aux"))


def _objects(tok: Token) -> list:
    """The verb's object heads (direct object, passive subject, 'as'-complement, acl head noun)."""
    objs = _children(tok, "dobj", "nsubjpass", "attr") + (_children(tok, "nsubj") if _reduced_passive(tok) else [])
    for prep in _children(tok, "prep", "agent"):
        if prep.lower_ == "as":
            objs += _children(prep, "pobj")
    if not objs and tok.dep_ == "acl" and tok.tag_ == "VBN":
        objs = [tok.head]
    if not objs and tok.dep_ == "relcl":
        # "the military action it launched": the head noun is the object when the clause has a subject
        subj = _children(tok, "nsubj")
        if subj and subj[0].lower_ not in _RELATIVE:
            objs = [tok.head]
    out = []
    for o in objs:
        out.extend(_conjuncts(o))
    return out


def _object_lemmas(objs: Iterable[Token], depth: int = 0) -> set[str]:
    lemmas = set()
    for o in objs:
        lemmas.add(_lem(o))
        lemmas.add(o.lower_)
        for c in o.children:  # "martial law", "human shields", "a state of emergency"
            if c.dep_ in ("compound", "amod"):
                lemmas.add(_lem(c))
            if depth > 1:
                continue
            if c.dep_ == "acl" and _lem(c) in ("contain", "hold", "store", "hide", "stock"):
                # "a depot containing rifles", "a depot holding a large number of rifles": what is
                # found is what the place holds
                lemmas |= _object_lemmas([x for d in _children(c, "dobj") for x in _conjuncts(d)], depth + 1)
            if c.dep_ == "prep" and c.lower_ == "of" and (_lem(o) in P.QUANTITY_HEADS or o.lower_ in P.QUANTITY_HEADS
                                                          or o.pos_ == "ADJ"):
                # "a cache of weapons", "dozens of IEDs", "a swathe of territory" (and a size parsed as the
                # head, "a large of amount rifles"): the complement is the object
                lemmas |= _object_lemmas([q for p in _children(c, "pobj") for q in _conjuncts(p)], depth + 1)
            if c.dep_ == "appos":  # a dateline word parsed as the head: "Varl Two caches holding rifles were found"
                lemmas |= _object_lemmas([c], depth + 1)
    return lemmas


def _left_modifier_words(tok: Token) -> set[str]:
    words = set()
    for c in tok.lefts:
        for t in c.subtree:
            words.add(t.lower_)
            words.add(_lem(t))
    for c in tok.children:
        if c.dep_ == "compound":
            for t in c.subtree:
                words.add(t.lower_)
                words.add(_lem(t))
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in _children(c, "pobj"):
                words.add(_lem(p))
                words.add(p.lower_)
    words.discard("-")
    return words


def _hyphen_prefix(tok: Token, prefix: str) -> bool:
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == prefix:
        return True
    return tok.lower_.startswith(prefix + "-")


# ---------------------------------------------------------------------------------------------
# noun phrase spans
# ---------------------------------------------------------------------------------------------

_LEFT_STRIP = frozenset({"the", "a", "an", "“", "”", '"', "'", "‘", "’", ",", "(", "-", "—", "–"})
_RIGHT_STRIP = frozenset({",", "“", "”", '"', "'", "‘", "’", ")", "(", "-", "—", "–", ".", ";", ":"})


def _np_bounds(h: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by ``h`` (modifiers, compounds, 'of'/'in' complements)."""
    if h.pos_ == "PRON":
        return h.i, h.i + 1
    toks = {h.i}
    for c in h.lefts:
        if c.dep_ == "punct" and c.text in ("-", "–", "/", "&"):
            toks.add(c.i)
            continue
        if c.dep_ in ("cc", "preconj", "conj", "punct", "relcl", "mark", "advmod", "neg") or c.ent_type_ in _TIME_ENTS and c.dep_ == "poss":
            continue
        toks.update(t.i for t in c.subtree)
    if h.ent_type_ in _NAME_ENTS:  # never cut a name: "Nagorno-Karabakh", "Rapid Support Forces"
        for ent in _doc_ents(h.doc):
            if ent.start <= h.i < ent.end:
                toks.update(range(ent.start, ent.end))
    for c in h.rights:
        if c.dep_ in ("compound", "case", "nummod"):
            toks.update(t.i for t in c.subtree)
        elif c.dep_ == "prep" and c.lower_ in ("of", "in", "from", "at", "for", "based"):
            objs = _children(c, "pobj")
            if objs and not any(o.ent_type_ in _TIME_ENTS for o in objs):
                cut: set[int] = set()
                for t in c.subtree:
                    for d in t.children:
                        if d.dep_ in ("relcl", "acl", "appos"):
                            cut.update(x.i for x in d.subtree)
                inner = [t.i for t in c.subtree if t.i not in cut]
                if len(inner) <= 14:
                    toks.update(inner)
        elif c.dep_ == "amod" and len(list(c.subtree)) <= 8:  # "militants loyal to X"
            toks.update(t.i for t in c.subtree)
        elif c.dep_ == "acl" and c.lower_ in ("based", "operating", "loyal", "backed") and len(list(c.subtree)) <= 8:
            toks.update(t.i for t in c.subtree)
    # keep the contiguous block around the head
    start = h.i
    while start - 1 in toks:
        start -= 1
    end = h.i + 1
    while end in toks:
        end += 1
    doc = h.doc
    while start < h.i and (doc[start].lower_ in _LEFT_STRIP or doc[start].is_space):
        start += 1
    while end - 1 > h.i and (doc[end - 1].lower_ in _RIGHT_STRIP or doc[end - 1].is_space):
        end -= 1
    # a conj inside the block ("Hungarian and Romanian officials") is fine; a trailing cc is not
    while end - 1 > h.i and doc[end - 1].dep_ in ("cc", "punct"):
        end -= 1
    while end - 1 > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].dep_ == "case" and doc[end - 1].i >= h.i):
        end -= 1  # "Baku's" as a possessor -> "Baku"
    while end - 1 > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def _span_ev(doc: Doc, ctx: ArticleContext, start: int, end: int) -> Evidence:
    return ctx.evidence(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


# ---------------------------------------------------------------------------------------------
# trigger detection
# ---------------------------------------------------------------------------------------------


def _match_rule(rules, objs: list) -> tuple[str, tuple[str, ...], bool] | None:
    """First rule whose object condition holds; returns (type, modes, matched_by_default)."""
    lemmas = _object_lemmas(objs)
    for cond, ptype, modes in rules:
        if cond is None:
            return ptype, modes, True
        if cond is P.NO_OBJECT or cond == P.NO_OBJECT:
            if not objs:
                return ptype, modes, False
            continue
        if "<none>" in cond and not objs:
            return ptype, modes, False
        if lemmas & cond:
            return ptype, modes, False
    return None


def _noun_trigger_entry(tok: Token):
    lem = _lem(tok)
    low = tok.lower_
    if lem == "fire" and _hyphen_prefix(tok, "cease"):
        return "RETREAT", ("ceasefire",), None
    if low in ("cease-fire", "ceasefires", "cease-fires"):
        return P.NOUN_TRIGGERS["ceasefire"]
    if lem in ("force", "forces") and tok.lower_ == "airstrikes":
        return P.NOUN_TRIGGERS["airstrike"]
    if low == "airstrikes":
        return P.NOUN_TRIGGERS["airstrike"]
    return P.NOUN_TRIGGERS.get(lem) or P.NOUN_TRIGGERS.get(low)


def _call_rule(tok: Token) -> tuple[str, tuple[str, ...]] | None:
    """'call on X to', 'call for X' -> REQUEST; 'called X' (a person, a country) -> CONSULT phone."""
    if _is_passive(tok):
        return None
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if preps & {"on", "upon", "for"}:
        return "REQUEST", ()
    if _children(tok, "oprd", "ccomp"):
        return None
    if _children(tok, "xcomp"):
        return "REQUEST", ()
    objs = _children(tok, "dobj")
    if objs and (objs[0].ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or _lem(objs[0]) in _PERSON_TITLES | {"counterpart"}):
        return "CONSULT", ("phone",)
    return None


def _joint_with(tok: Token) -> list:
    """Partners of a joint statement: 'said ... together with Y', 'said alongside Y', 'said jointly with Y'."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "alongside":
            out += _children(c, "pobj")
        if c.dep_ == "prep" and c.lower_ == "with":
            adv = [a for a in c.children if a.dep_ == "advmod"] + [a for a in tok.children if a.dep_ == "advmod"]
            if any(a.lower_ in ("together", "jointly") for a in adv) or c.i > 0 and tok.doc[c.i - 1].lower_ in ("together", "jointly"):
                out += _children(c, "pobj")
    return out


def _displacement_rule(tok: Token, objs: list):
    """'Thousands of residents fled', 'displaced persons arrived': forced displacement (COERCE deport)."""
    subj = _children(tok, "nsubj")
    if not subj:
        return None
    head = subj[0]
    words = {_lem(head), head.lower_} | {_lem(t) for t in head.subtree}
    if not words & P.DISPLACED_PEOPLE:
        return None
    if _lem(tok) in ("cross", "arrive", "pour") and not (words & {"refugee", "evacuee", "displaced", "displace", "migrant", "asylum-seeker"}):
        if not any(c.dep_ == "prep" and c.lower_ in ("from", "into", "over") for c in tok.children) and _lem(tok) != "pour":
            return None
    return "COERCE", ("deport",), objs


_NOT_CAPTURED = frozenset({"footage", "image", "video", "photo", "photograph", "picture", "moment", "attention",
                           "imagination", "heart", "mood", "essence", "spirit", "scene", "headline", "title", "vote"})
_MEDIA_OUTPUT = frozenset({"publication", "broadcast", "broadcasting", "printing", "transmission"})
_PROTESTING_PEOPLE = frozenset({
    "protester", "protestor", "demonstrator", "farmer", "worker", "student", "activist", "resident",
    "driver", "trucker", "villager", "youth", "crowd", "supporter", "mourner", "teacher", "employee",
})


# what a thing is used for when its use is no attack ("canisters used to keep seed dry", "to carry patients")
_HARMLESS_PURPOSES = frozenset({"store", "carry", "transport", "keep", "house", "ferry", "cool", "heat", "power",
                                "produce", "make", "clean", "cook", "light", "supply", "deliver", "feed", "treat"})


_PENALTIES = frozenset({"sanction", "tariff", "penalty", "embargo", "measure", "restriction", "ban"})
_PENALTY_VERBS = frozenset({"expel", "sanction", "recall", "ban", "shut", "close", "suspend", "freeze", "impose", "sever"})
_PACTS = frozenset({"pact", "accord", "convention", "protocol", "alliance", "organisation", "organization", "union",
                    "council", "commission", "process", "framework", "arrangement"})


# a crowd that fills the streets demonstrates ("mourners walked through the streets", "thousands thronged the square")
_STREET_VERBS = frozenset({"walk", "fill", "throng", "pack", "parade"})
_CROWDS = frozenset({"crowd", "throng", "thousand", "hundred", "ten", "multitude", "activist", "supporter"})


def _is_people(tok: Token) -> bool:
    """People (not a place or a thing): "villagers", "three men", "dozens of Palestinians"."""
    return _lem(tok) in P.PEOPLE or _np_kind(tok) == "civilians" or tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS")


def _subject_heads(tok: Token) -> list:
    """A verb's subjects, and the people a quantity subject counts ("hundreds of demonstrators")."""
    subj = _children(tok, "nsubj")
    return subj + [p for x in subj for ch in _children(x, "prep") if ch.lower_ == "of" for p in _children(ch, "pobj")]


def _verb_trigger(tok: Token) -> tuple[str, tuple[str, ...], list] | None:
    if tok.pos_ not in ("VERB",) or tok.dep_ in ("amod", "compound") or _in_name(tok):
        return None
    lem = _lem(tok)
    if lem == "escalate" and _hyphen_prefix(tok, "de"):
        return "RETREAT", ("ceasefire",), []
    if lem == "call":
        r = _call_rule(tok)
        return (r[0], r[1], []) if r else None
    if lem in P.REPORTING_VERBS and _joint_with(tok):
        return "CONSULT", (), []  # "X said at a joint appearance / together with Y"
    key = _phrasal_key(tok)
    rules = P.VERB_TRIGGERS.get(key)
    if rules is None:
        return None
    objs = _objects(tok)
    if lem == "fail" and not _children(tok, "xcomp"):
        return None
    if lem == "protest" and any(c.dep_ == "prep" and c.lower_ in ("to", "with") for c in tok.children):
        return "ACCUSE", ("disapprove",), objs
    if lem in ("block", "blockade", "barricade"):
        subj = _children(tok, "nsubj")
        if subj and (_lem(subj[0]) in _PROTESTING_PEOPLE or subj[0].ent_type_ == "NORP" and subj[0].tag_ in ("NNS", "NNPS")):
            return "PROTEST", ("obstruct",), objs
    if lem == "hold" and any(_lem(t) == "shield" for t in tok.subtree):
        return "COERCE", ("arrest",), objs
    if lem in ("order", "force", "compel") and key == lem and not _is_passive(tok):
        # "ordered patrols": an order of one's own forces is the event itself (a light verb)
        if not _children(tok, "xcomp", "ccomp") and any(_noun_trigger_entry(o) for o in objs):
            return None
        for x in _children(tok, "xcomp"):
            if _lem(x) in ("leave", "flee", "abandon", "evacuate", "vacate", "relocate"):
                if any(_lem(o) in P.DIPLOMATS for o in objs):
                    return "SANCTION", ("expel",), objs  # "ordered the ambassador to leave"
                return "COERCE", ("deport",), objs  # "forced residents to leave"
            if _lem(x) in ("suspend", "stop", "close", "shut") and any(_lem(o) in _MEDIA_OUTPUT for o in _objects(x)):
                return "COERCE", ("censor",), objs  # "ordered the newspaper to suspend publication"
        if lem != "order":
            return None
    if lem in ("withdraw", "pull") and any(_lem(x) in P.RELATIONS | _PACTS for ch in _children(tok, "prep")
                                            if ch.lower_ == "from" for x in _children(ch, "pobj")):
        return "SANCTION", ("withdraw",), objs  # "withdrew from the treaty": no ground given up
    if lem in ("flee", "arrive", "pour", "escape", "cross"):
        return _displacement_rule(tok, objs)
    if lem in ("speak", "talk"):
        partners = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for p in _children(c, "pobj")]
        if not partners or not any(_is_party(p) for p in partners):
            return None
        phone = any(_lem(t) in ("phone", "telephone", "call") for t in tok.subtree)
        return "CONSULT", ("phone",) if phone else (), objs
    if lem == "offer" and (_children(tok, "xcomp") or any(_is_party(d) for x in _children(tok, "dative") for d in ([x] if x.pos_ != "ADP" else _children(x, "pobj")))):
        return "AGREE", (), objs  # "offered to negotiate", "offered Kyiv a deal"
    if lem in ("release", "free") and any(_is_party(o) for o in objs):
        return "RETREAT", ("release",), objs
    if lem in ("ask", "request", "demand", "urge") and not (objs or _children(tok, "xcomp", "ccomp", "dative") or any(c.dep_ == "prep" and c.lower_ in ("for", "to", "of") for c in tok.children)):
        return None  # "she asked." / a bare question
    if lem == "ask" and any(m.lower_ in ("whether", "if") for cc in _children(tok, "ccomp") for m in _children(cc, "mark")):
        return None
    if lem in ("attack", "slam", "hit") and any(c.dep_ == "prep" and c.lower_ in ("for", "over") and any(not _is_eventish(p) for p in _children(c, "pobj")) for c in tok.children) \
            and not _weapon_modes(list(tok.subtree)):
        return "ACCUSE", ("disapprove",), objs  # "attacked X for their criticism": a verbal attack
    if lem in ("threaten", "menace"):
        subj = _children(tok, "nsubj")
        if subj and not _is_party(subj[0]) and subj[0].pos_ != "PRON":
            return None  # "the comments threaten to generate anger": a risk, not a threat
    if lem in ("recognize", "recognise") and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return None  # "is recognized as part of X": a description, not an act of recognition
    if lem == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and any(_lem(p) == "street" for p in _children(c, "pobj"))
                             for c in tok.children):
        return "PROTEST", ("demo",), objs  # "took to the streets"
    if lem in _STREET_VERBS and any(_lem(x) in ("street", "square") for x in objs + [
            p for ch in _children(tok, "prep") for p in _children(ch, "pobj")]) and any(
            _lem(x) in P.PROTEST_WORDS | _CROWDS for x in _subject_heads(tok)):
        return "PROTEST", ("demo",), objs  # "mourners walked through the streets", "thousands filled the square"
    if lem in ("gather", "assemble", "converge", "congregate", "chant", "participate") and any(
            _lem(x) in P.PROTEST_WORDS | {"crowd", "activist"} for x in _subject_heads(tok)):
        return "PROTEST", ("demo",), objs
    if lem == "set" and any(c.lower_ in ("ablaze", "alight", "afire") for c in tok.children) or \
            lem == "set" and any(_lem(o) == "fire" for o in objs) and any(c.dep_ == "prep" and c.lower_ in ("to", "on") for c in tok.children):
        victims = _patients(tok) + [o for o in objs if _lem(o) != "fire"]
        person = any(v.ent_type_ == "PERSON" or _lem(v) in P.PEOPLE | {"cultist", "suspect", "thief"} for v in victims)
        return "ASSAULT", ("primitive",) if person else ("destroy",), objs  # "set ablaze", "set fire to"
    if lem in ("target", "hit", "strike") and any(_lem(x) in _PENALTIES for x in _children(tok, "nsubj")):
        return "SANCTION", (), objs  # "the latest sanctions target two generals"
    if lem == "strike" and any(ch.dep_ in ("prt", "advmod") and ch.lower_ == "back" for ch in tok.children) and \
            any(_lem(x) in _PENALTY_VERBS for x in [*_children(tok, "conj"), *([tok.head] if tok.dep_ == "conj" else [])]):
        return "SANCTION", (), objs  # "struck back at its neighbour and expelled envoys": a retaliation in kind
    if lem in ("target", "hit", "strike") and any(c.dep_ == "prep" and c.lower_ == "with" and
                                                  any(_lem(p) in ("sanction", "tariff", "penalty", "measure", "expulsion") for p in _children(c, "pobj"))
                                                  for c in tok.children):
        return "SANCTION", (), objs  # "targeted Russia with sanctions"
    if lem == "take" and any(_lem(o) == "control" for o in objs):
        return "COERCE", ("seize", "territory"), objs
    if lem == "take" and any(_is_people(x) for o in objs
                             for x in [o, *(p for ch in _children(o, "prep") if ch.lower_ == "of" for p in _children(ch, "pobj"))]) \
            and any(_np_kind(x) in _ARMED_KINDS for x in _subject_heads(tok)) \
            and not any(ch.dep_ == "prep" and ch.lower_ in ("to", "into", "across", "through") for ch in tok.children):
        return "COERCE", ("arrest",), objs  # "soldiers took young men from their homes" (not "took the wounded to hospital")
    if lem == "gain" and any(_lem(o) == "ground" for o in objs) and any(_np_kind(x) in _ARMED_KINDS for x in _subject_heads(tok)):
        return "COERCE", ("seize", "territory"), objs  # "insurgents gained ground in the hills" (not "in the polls")
    if lem == "deny" and any(_lem(o) in ("entry", "access", "visa") for o in objs):
        return "SANCTION", (), objs
    m = _match_rule(rules, objs)
    if m is None:
        return None
    ptype, modes, by_default = m
    if lem == "strike" and any(_noun_trigger_entry(o) and _noun_trigger_entry(o)[0] != "ASSAULT" for o in objs):
        return None  # "struck a deal": a light verb
    if lem in ("demonstrate", "march", "rally") and _children(tok, "dobj"):
        return None
    if lem in ("march", "rally") and any(_np_kind(x) in ("state", "rebel", "militia", "external") for x in _children(tok, "nsubj")):
        return None  # "troops marched into the town": a movement of forces, not a demonstration
    if lem == "use" and not any(_lem(o) in P.WEAPONS | P.WEAPON_AGENTS | {"force"} or o.lower_ in P.WEAPONS for o in objs):
        return None  # "depots used by the group": the compound is no weapon used
    if lem == "use" and any(_lem(x) in _HARMLESS_PURPOSES and not _words(x.subtree) & (P.WEAPONS | _BOMB_WORDS)
                            for x in _children(tok, "xcomp", "advcl")):
        return None  # "the canisters were used to keep seed dry": a purpose that harms no one
    if lem == "capture" and any(_lem(o) in _NOT_CAPTURED for o in objs):
        return None  # "captured footage"
    if lem in ("destroy", "blow up", "burn") and _object_lemmas(objs) & (P.WEAPONS | {"ammunition", "explosive"}) \
            and not any(_weapon_modes(list(x.subtree)) for x in _children(tok, "nsubj", "agent")):
        return "COERCE", ("seize", "weapons"), objs  # "special forces destroyed caches of weapons": disrupted weapons use
    return ptype, modes, objs


def _strike_is_protest(tok: Token) -> str | None:
    words = _left_modifier_words(tok)
    if "hunger" in words:
        return "hunger"
    if words & P.PROTEST_STRIKE_MODIFIERS:
        return "strike"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "on" and _lem(head.head) in ("go", "be", "remain", "stay"):
        return "strike"
    if tok.dep_ == "dobj" and _lem(head) in ("stage", "call", "declare", "hold", "begin", "start", "continue", "end", "launch") and not words & {"air", "drone", "missile", "military", "rocket", "artillery"}:
        subj = _children(head, "nsubj")
        if subj and _lem(subj[0]) in {"worker", "union", "teacher", "doctor", "student", "employee", "driver", "trader", "farmer", "miner", "prisoner", "detainee"}:
            return "strike"
    return None


_WAR_OF_HEADS = frozenset({"prisoner", "crime", "criminal", "state", "theatre", "theater", "veteran", "spoil", "art",
                           "law", "rule", "cost", "fog", "act", "weapon", "tool", "instrument", "victim", "widow", "orphan"})
_LIGHT_HEADS = frozenset({"effort", "initiative", "bid", "attempt", "mission", "process", "round", "session", "plan",
                          "spree", "rampage"})  # "a looting spree" is looting


def _syn(tok: Token) -> Token:
    """The token standing for an event noun in the parse ('mediation effort' -> 'effort')."""
    if tok.dep_ in ("compound", "amod") and _lem(tok.head) in _LIGHT_HEADS:
        return tok.head
    return tok


_DEFIANCE_VERBS = frozenset({"defy", "violate", "breach", "flout", "ignore", "break", "disregard"})


def _noun_trigger(tok: Token) -> tuple[str, tuple[str, ...]] | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.dep_ in P.NOUN_AS_MODIFIER_ONLY and not (tok.dep_ in ("compound", "amod") and _lem(tok.head) in _LIGHT_HEADS):
        return None
    if _in_name(tok) and tok.ent_type_ != "EVENT":
        return None
    if tok.ent_type_ in _TIME_ENTS:
        return None
    entry = _noun_trigger_entry(tok)
    lem = _lem(tok)
    if lem == "exchange" and (_left_modifier_words(tok) | {_lem(p) for ch in _children(tok, "prep") if ch.lower_ == "of"
                                                           for p in _children(ch, "pobj")}) & {"fire", "gunfire"}:
        return "ASSAULT", ("firearms", "two-sided")  # "a fire exchange", "an exchange of fire": a gunfight
    if lem == "use" and tok.pos_ == "NOUN" and _weapon_modes(
            t for ch in _children(tok, "prep") if ch.lower_ == "of" for t in ch.subtree):
        return "ASSAULT", ()  # "the use of chlorine by an army": its weapon is read from the phrase
    if lem == "call":
        preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
        words = _left_modifier_words(tok)
        if preps & {"for", "on", "upon"}:
            return "REQUEST", ()
        if "phone" in words or "telephone" in words or "with" in preps:
            return "CONSULT", ("phone",)
        return None
    if lem in ("statement", "conference", "declaration", "communique", "communiqué"):
        # a joint statement / press conference with someone is a meeting
        words = _left_modifier_words(tok)
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "alongside")]
        together = [c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "together"]
        for adv in together:
            preps += [c for c in adv.children if c.dep_ == "prep" and c.lower_ == "with"]
        if "joint" in words or preps:
            return "CONSULT", ()
        return None
    if entry is None:
        return None
    ptype, modes, required = entry
    if lem == "speech" or lem == "address":
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "to", "before")]
        if not preps:
            return None
    if lem == "release" and _left_modifier_words(tok) & {"press", "news"}:
        return None
    if lem == "threat" and tok.dep_ in ("dobj", "attr") and _lem(tok.head) in ("pose", "represent", "constitute", "remain", "be", "see", "consider", "view", "perceive"):
        return None  # "posed a serious threat to peace": an assessment, not a threat made
    if ptype == "AID" and lem in ("aid", "assistance") and tok.dep_ not in ("nsubj", "nsubjpass", "dobj") \
            and not any(c.dep_ == "prep" and c.lower_ in ("to", "for") for c in tok.children):
        return None  # "crowds waiting for aid": no delivery is told
    if lem == "deal" and any(c.lower_ in ("great", "good") for c in tok.children if c.dep_ == "amod"):
        return None  # "a great deal"
    if lem == "patrol" and not (tok.dep_ in ("dobj", "nsubjpass") and _lem(tok.head) in P.LIGHT_VERBS):
        return None  # "a police patrol" is a party; "ordered patrols" is a deployment
    if lem == "war" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and _lem(tok.head.head) in _WAR_OF_HEADS:
        return None  # "prisoners of war", "crimes of war"
    if ptype == "COERCE" and tok.dep_ == "dobj" and _lem(tok.head) in _DEFIANCE_VERBS:
        return None  # "youths who defy a curfew": the rule stands; its imposition is not told here
    if lem == "hostility" and tok.lower_ != "hostilities":
        return None  # an attitude; "hostilities" is fighting
    if lem == "strike":
        kind = _strike_is_protest(tok)
        if kind:
            return "PROTEST", (kind,)
    if required is not None:
        words = _left_modifier_words(tok)
        head = tok.head
        occurs = tok.dep_ == "nsubj" and _lem(head) in {"erupt", "break", "flare", "escalate", "resume", "rage", "intensify"}
        if not (words & required) and not occurs:
            return None
    if lem == "protest" and any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in tok.children):
        return "ACCUSE", ("disapprove",)
    if ptype == "ASSAULT" and lem in ("battle", "fight", "war", "campaign", "fighting", "offensive", "struggle"):
        # "the battle against the water crisis", "war on poverty": a figure of speech, not an event
        for prep in _children(tok, "prep"):
            if prep.lower_ in ("against", "on"):
                objs = _children(prep, "pobj")
                if objs and not _is_party(objs[0]) and not _is_eventish(objs[0]) and not (_left_modifier_words(tok) & P.MILITARY_MODIFIERS):
                    return None
    if lem == "protest" and tok.dep_ == "dobj" and _lem(tok.head) in ("lodge", "file", "send", "deliver", "register"):
        return "ACCUSE", ("disapprove",)
    return ptype, modes


# ---------------------------------------------------------------------------------------------
# argument reading
# ---------------------------------------------------------------------------------------------


_PEOPLE_WEAPON_WORDS = frozenset({"gunman", "gunmen", "sniper", "bomber", "militant"})
_MEANS = frozenset({"blow", "gas", "teargas", "canister", "round", "salvo", "volley", "fire", "shot", "projectile", "munition", "weapon", "arms", "aircraft", "warplane", "jet", "helicopter", "tank", "vehicle"})


def _is_eventish(tok: Token) -> bool:
    if _lem(tok) in _PEOPLE_WEAPON_WORDS or tok.lower_ in _PEOPLE_WEAPON_WORDS:
        return False
    entry = _noun_trigger_entry(tok)
    if entry is not None and entry[2] is not None and not (_left_modifier_words(tok) & entry[2]):
        entry = None  # "its convoy" is a party; an "aid convoy" is an event
    if entry is not None and _lem(tok) == "patrol":
        entry = None
    return entry is not None or _lem(tok) in P.WEAPON_MODES or tok.lower_ in P.WEAPON_MODES or _lem(tok) in _MEANS


def _good_argument(tok: Token) -> bool:
    if tok.ent_type_ in _TIME_ENTS or tok.lower_ in _RELATIVE or tok.lower_ in ("there", "this", "these", "those"):
        return False
    if tok.pos_ == "PRON" and (tok.lower_.endswith("self") or tok.lower_.endswith("selves")):
        return False
    if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"):
        return False
    if tok.pos_ == "ADJ" and tok.ent_type_ not in ("NORP", "GPE", "ORG"):
        return False
    return True


def _resolve_pronoun(tok: Token, sent: Span) -> Token:
    """A personal pronoun resolved to the nearest preceding agreeing noun phrase in the sentence."""
    low = _POSS_TO_SUBJ.get(tok.lower_, tok.lower_)
    if low not in _PRONOUNS or low in ("i", "you") or tok.pos_ != "PRON" or tok.text == "US":
        return tok
    before = [t for t in sent if t.i < tok.i]
    ordered = [t for t in reversed(before) if t.dep_ in ("nsubj", "nsubjpass")] + \
        [t for t in reversed(before) if t.dep_ not in ("nsubj", "nsubjpass")]
    for cand in ordered:
        if cand.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj"):
            continue
        if cand.dep_ == "pobj" and cand.head.lower_ in ("between", "among", "with", "to", "from"):
            continue
        if cand.dep_ == "pobj" and cand.head.dep_ == "prep" and cand.head.head.i == tok.i:
            continue
        if cand.pos_ not in ("NOUN", "PROPN") or cand.ent_type_ in _TIME_ENTS | {"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
            continue
        if cand.dep_ == "pobj" and cand.head.lower_ in _LOCATIVE_PREPS and cand.ent_type_ not in ("ORG", "PERSON", "NORP"):
            continue
        if _is_eventish(cand) or cand.lower_ in _RELATIVE:
            continue
        if cand.dep_ == "appos":
            cand = cand.head
        plural = cand.tag_ in ("NNS", "NNPS")
        person = cand.ent_type_ == "PERSON" or _lem(cand) in _PERSON_TITLES or (
            cand.pos_ == "PROPN" and cand.ent_type_ not in ("GPE", "ORG", "NORP", "LOC", "FAC"))
        if low in ("he", "she"):
            if person and not plural:
                return cand
            continue
        if low == "it":
            if not plural and cand.ent_type_ != "PERSON" and _lem(cand) not in _PERSON_TITLES:
                return cand
            continue
        if low == "they":
            if plural or cand.ent_type_ in ("NORP",) or _lem(cand) in ("government", "side", "authority", "leadership", "group", "army", "military", "police"):
                return cand
            continue
        if low == "we":
            return cand
    return tok


_STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "letter", "resolution", "report", "message", "note", "decree", "order", "appeal", "petition", "post"})


def _patients(tok: Token) -> list:
    """Who undergoes a passive verb: its passive subject, an acl head noun, or a passive conjunct's shared subject."""
    out = [o for ob in _children(tok, "nsubjpass") for o in _conjuncts(ob)]
    if out and all(o.lower_ in _RELATIVE for o in out) and tok.dep_ == "relcl":
        out = _conjuncts(tok.head)
    if not out and tok.dep_ == "acl" and tok.tag_ == "VBN":
        out = _conjuncts(tok.head)
    if not out and tok.dep_ == "conj" and _children(tok, "auxpass"):
        out, _ = _subject(tok.head)
    if not out and tok.dep_ == "relcl" and _children(tok, "auxpass"):
        out = _conjuncts(tok.head)  # "a government which is backed by Armenia"
    return out


def _subject(tok: Token, depth: int = 0) -> tuple[list, str]:
    """(heads, how) of the verb's subject; how is 'active', 'passive' or 'none'."""
    if depth > 4:
        return [], "none"
    if _reduced_passive(tok):
        agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
        return [a for g in agents for a in _conjuncts(g)], "passive"
    subj = _children(tok, "nsubj", "csubj")
    if subj:
        s = subj[0]
        if s.lower_ in _RELATIVE and tok.dep_ == "relcl":
            return _conjuncts(tok.head), "active"
        if s.lower_ in _RELATIVE and tok.dep_ == "ccomp" and tok.head.dep_ == "relcl":
            # "..., which officials said killed dozens": the relative pronoun is the head noun
            return _conjuncts(tok.head.head), "active"
        return _conjuncts(s), "active"
    if _children(tok, "nsubjpass"):
        agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
        return ([a for g in agents for a in _conjuncts(g)], "passive")
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and _lem(tok.head) in _STATEMENT_NOUNS and tok.head.head.pos_ == "VERB":
        return _subject(tok.head.head, depth + 1)  # "issued a declaration demanding ..."
    if tok.dep_ in ("relcl", "acl") and any(a.lower_ == "to" for a in _children(tok, "aux")):
        # "an operation to capture X", "steps to end Y": whoever carries out the noun
        noun = tok.head
        poss = _children(noun, "poss")
        if poss:
            return _conjuncts(poss[0]), "active"
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            return _subject(noun.head, depth + 1)
        return [], "none"
    if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
        return _conjuncts(tok.head), "active"
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
        return agents, "passive"
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if _children(tok, "auxpass"):  # "... and has been supported by Yerevan"
            agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
            return [a for g in agents for a in _conjuncts(g)], "passive"
        return _subject(head, depth + 1)
    if tok.dep_ in ("xcomp", "pcomp", "advcl") or (tok.dep_ == "acl" and tok.tag_ == "VB"):
        gov = head
        if tok.dep_ == "pcomp":
            gov = head.head  # accused X of targeting ...
            if _lem(gov) in ("accuse", "blame", "charge", "suspect", "convict", "condemn", "criticize", "criticise") and _children(gov, "dobj"):
                return _conjuncts(_children(gov, "dobj")[0]), "active"
            if gov.pos_ in ("ADJ", "VERB") and gov.dep_ in ("acomp",) and gov.head.pos_ in ("AUX", "VERB"):
                return _subject(gov.head, depth + 1)  # "Moscow was committed to cooperating"
            if gov.pos_ not in ("VERB", "AUX"):
                return [], "none"
            if head.lower_ in ("after", "before", "while", "since", "upon", "on", "by", "following", "despite", "without", "in", "through", "when") \
                    and _children(tok, "dobj", "ccomp", "xcomp"):
                return _subject(gov, depth + 1)  # "After launching X, Baku stated ..."
        if tok.dep_ == "acl" and gov.pos_ in ("NOUN", "PROPN"):
            # "Baku's pledge not to attack": the noun's possessor; "take steps to end": who takes them
            poss = _children(gov, "poss")
            if poss:
                return _conjuncts(poss[0]), "active"
            if gov.dep_ in ("dobj",) and gov.head.pos_ == "VERB":
                return _subject(gov.head, depth + 1)
            return [], "none"
        if gov.pos_ not in ("VERB", "AUX", "ADJ"):
            return [], "none"
        if gov.pos_ == "ADJ":  # "willing to", "due to"
            return _subject(gov.head, depth + 1) if gov.dep_ in ("acomp", "amod") else ([], "none")
        if tok.dep_ == "xcomp" or tok.dep_ == "advcl" and tok.tag_ in ("VB", "VBG"):
            # object control: urge X to, ask X to, call on X to, order X to
            if _lem(gov) in P.REQUEST_GOVERNORS or _lem(gov) in ("force", "help", "allow", "permit", "lead", "invite", "encourage", "compel", "oblige"):
                dobj = _children(gov, "dobj")
                if dobj:
                    return _conjuncts(dobj[0]), "active"
                for prep in _children(gov, "prep"):
                    if prep.lower_ in ("on", "upon"):
                        pobj = _children(prep, "pobj")
                        if pobj:
                            return _conjuncts(pobj[0]), "active"
            return _subject(gov, depth + 1)
    return [], "none"


def _prep_targets(tok: Token, preps: frozenset[str]) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ in preps:
            for p in _children(c, "pobj"):
                out.extend(_conjuncts(p))
    return out


def _between(tok: Token) -> list:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            objs = _children(c, "pobj")
            if objs:
                return _conjuncts(objs[0])
    return []


def _noun_own_actor(tok: Token, ptype: str) -> list:
    """Actor read off an event noun: possessor, 'by X', nationality adjective, proper-noun compound."""
    by = [p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for p in _children(c, "pobj")]
    if by:
        return [a for b in by for a in _conjuncts(b)]
    poss = [c for c in _children(tok, "poss") if c.ent_type_ not in _TIME_ENTS]
    if poss:
        return _conjuncts(poss[0])
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN") and c.i < tok.i:
            return [c]
    if ptype in _OF_IS_ACTOR and _lem(tok) not in ("release", "exchange", "swap"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = _children(c, "pobj")
                if objs and not _is_eventish(objs[0]):
                    return _conjuncts(objs[0])
    return []


# ---------------------------------------------------------------------------------------------
# modality
# ---------------------------------------------------------------------------------------------


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children) for c in tok.children
    )


def _aux_words(tok: Token) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    # "is going to attack", "has to withdraw", "need to"
    if tok.dep_ == "xcomp" and _lem(tok.head) in ("go",) and tok.head.tag_ == "VBG":
        words.add("will")
    if tok.dep_ == "xcomp" and _lem(tok.head) in ("have", "need") and tok.head.pos_ in ("VERB", "AUX"):
        words.add("must")
    return words


_PROPOSAL_NOUNS = frozenset({
    "proposal", "plan", "offer", "call", "appeal", "demand", "request", "initiative", "bid", "push",
    "hope", "prospect", "possibility", "chance", "threat", "risk", "fear", "idea", "talk", "negotiation",
    "roadmap", "framework", "draft", "resolution", "ultimatum", "condition", "readiness", "willingness",
})


def _modality(anchor: Token, sent: Span) -> dict:
    """Negation / future / hypothetical cues of the predicate ``anchor`` and the clauses above it."""
    out = {"negated": False, "future": False, "hypothetical": False, "intent_gov": None, "obligation": False,
           "unless": False, "requested": False, "governor": None, "purpose": False}
    aux = _aux_words(anchor)
    if anchor.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in anchor.children):
            out["negated"] = True
        if any(c.dep_ == "amod" and _lem(c) in P.PLANNED_ADJ for c in anchor.children):
            out["hypothetical"] = True
    if _has_neg(anchor):
        out["negated"] = True
    if aux & P.FUTURE_AUX:
        out["future"] = True
    if aux & P.HYPOTHETICAL_AUX:
        out["hypothetical"] = True
    if aux & P.OBLIGATION_AUX:
        out["obligation"] = True
    for c in anchor.children:  # "the ceasefire was due to begin", "talks are expected to resume"
        if c.dep_ in ("acomp", "xcomp") and _lem(c) in P.PLANNED_ADJ | {"expect", "schedule", "plan", "set"}:
            out["future"] = True
            out["hypothetical"] = True
    if _lem(anchor) in ("expect", "schedule", "plan") and _is_passive(anchor):
        out["future"] = True
        out["hypothetical"] = True
    # climb the clause chain
    tok = anchor
    hops = 0
    while tok.dep_ != "ROOT" and hops < 6:
        dep, head = tok.dep_, tok.head
        hops += 1
        if dep in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in P.CONDITIONAL_MARKS for c in tok.children):
            out["hypothetical"] = True
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children):
                out["unless"] = True
        if dep == "pcomp" and head.lower_ == "without":
            out["negated"] = True
        if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children) and dep in ("prep", "acl", "pcomp"):
            out["negated"] = True  # "had no role in brokering"
        if dep == "prep" and tok.lower_ in _NON_COMPLEMENT_PREPS:
            break  # "in the deal", "after the attack": an adjunct, not the governor's content
        hl = _lem(head)
        if dep in ("xcomp", "ccomp", "acl", "pcomp", "advcl", "dobj", "pobj", "prep", "conj", "oprd", "nsubj", "attr"):
            if hl in P.NEGATING_GOVERNORS and dep in ("xcomp", "ccomp", "dobj", "pcomp", "acl") and head.i != anchor.i:
                if hl not in ("reject", "dismiss", "stop", "rule") or dep in ("xcomp", "ccomp"):
                    out["negated"] = True
                    out["governor"] = out["governor"] or head
            if hl in P.CLAIM_NOUNS and dep in ("acl", "ccomp") and head.dep_ == "dobj" and _lem(head.head) in ("reject", "deny", "dismiss", "refute"):
                out["negated"] = True
            purpose = dep == "advcl" and any(a.lower_ == "to" for a in _children(tok, "aux"))
            if purpose and tok.i == anchor.i:
                out["purpose"] = True
            if dep in ("xcomp", "acl", "pcomp") or (dep == "prep" and tok.lower_ == "to") or purpose and hl in P.REQUEST_GOVERNORS:
                if hl in P.REQUEST_GOVERNORS:
                    out["hypothetical"] = True
                    out["requested"] = True
                    out["governor"] = out["governor"] or head
                elif hl in P.INTENT_GOVERNORS or hl in P.PLANNED_ADJ:
                    out["hypothetical"] = True
                    out["future"] = True
                    out["governor"] = out["governor"] or head
                    if out["intent_gov"] is None:
                        out["intent_gov"] = head
        if dep in ("dobj", "pobj") and hl in ("demand", "seek", "request", "propose", "want", "urge") and head.i != anchor.i:
            out["hypothetical"] = True
            out["requested"] = True
        if dep in ("dobj", "nsubjpass") and hl in ("reject", "refuse", "threaten", "oppose", "veto", "rule", "propose", "plan", "offer", "consider") and head.i != anchor.i and tok.pos_ in ("NOUN", "PROPN"):
            out["hypothetical"] = True  # "rejected the truce", "threatened retaliation": not (yet) happening
        if dep == "pobj" and head.lower_ in ("for", "of", "on") and _lem(head.head) in _PROPOSAL_NOUNS:
            out["hypothetical"] = True  # "a proposal for a truce", "talks on a ceasefire"
        if dep == "pobj" and head.lower_ == "for" and _lem(head.head) in ("call", "appeal", "press", "push", "plead", "demand", "ask"):
            out["hypothetical"] = True
            out["requested"] = True
        if dep in ("ccomp",) and hl in P.REPORTING_VERBS:
            # the reported clause keeps its own modality; do not inherit the frame's
            break
        if dep == "conj" and head.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX"):
            # "will attack and destroy": conjoined predicates share the auxiliaries and the governor
            if not _children(tok, "aux"):
                haux = _aux_words(head)
                out["future"] = out["future"] or bool(haux & P.FUTURE_AUX)
                out["hypothetical"] = out["hypothetical"] or bool(haux & P.HYPOTHETICAL_AUX)
            tok = head
            continue
        if dep in ("advcl", "relcl", "conj", "parataxis"):
            break
        tok = head
    if out["future"]:
        out["hypothetical"] = True
    return out


# ---------------------------------------------------------------------------------------------
# modes from weapons
# ---------------------------------------------------------------------------------------------


def _weapon_modes(tokens: Iterable[Token]) -> list[str]:
    """ASSAULT modes from the weapon words among ``tokens``.

    Two-word names are read first and their words are then spent, so "water cannon" is crowd
    control (not artillery), "rubber bullets" not firearms, "suicide bomber" a suicide attack and
    "chemical plant" no weapon at all.
    """
    modes: list[str] = []
    toks = sorted(tokens, key=lambda t: t.i)
    spent: set[int] = set()
    for a, b in zip(toks, toks[1:]):
        if b.i != a.i + 1 and not (b.i == a.i + 2 and a.doc[a.i + 1].text == "-"):
            continue
        for first in {a.lower_, _lem(a)}:
            for second in {b.lower_, _lem(b)}:
                ms = P.WEAPON_PHRASES.get(f"{first} {second}")
                if ms is not None and a.i not in spent:
                    modes.extend(ms)
                    spent.update((a.i, b.i))
    for t in toks:
        if t.i in spent or t.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
            continue
        if _hyphen_prefix(t, "anti") or t.i >= 1 and t.doc[t.i - 1].lower_ in ("anti", "counter"):
            continue
        lem = _lem(t)
        if lem in ("air",):
            if t.head.lemma_.lower() in ("strike", "raid", "attack", "bombardment", "campaign", "assault", "operation") or t.head.lower_ == "strikes":
                modes.append("aerial")
            continue
        if lem == "mine" and t.pos_ != "NOUN":
            continue
        if lem == "shell" and t.pos_ == "VERB":
            continue
        if P.WEAPON_MODES.get(lem) == ("primitive",) and t.pos_ == "VERB":
            continue  # "lorries stuck in a drift", "stoned" is told by its verb, not a weapon named
        if lem in ("toxic", "poisonous") and _lem(t.head) not in ("gas", "chemical", "agent", "substance", "munition", "shell", "projectile", "weapon", "bomb", "attack"):
            continue  # "toxic waste", "poisonous drinks": no weapon
        ms = P.WEAPON_MODES.get(lem) or P.WEAPON_MODES.get(t.lower_)
        if ms:
            modes.extend(ms)
    return modes


_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards", "into", "inside"})
# verbs whose direct object is the munition, not the target ("fired missiles", "planted a bomb")
_MUNITION_OBJECT_VERBS = frozenset({"fire", "launch", "throw", "hurl", "lob", "drop", "use", "detonate", "plant", "set",
                                    "unleash", "explode", "deploy", "deliver", "shoot", "exchange"})


def _means_scope(c: _Cand, anchor: Token) -> list:
    """Where an attack's weapons are named: the trigger's phrase and the anchor's 'with / using / by'
    complements, without the target ("opened fire on a plane" is no air strike, "destroyed IEDs" no
    IED attack)."""
    trig = c.trigger[0]
    cut: set[int] = set()
    for head in {trig, anchor}:
        for ch in head.children:
            if ch.dep_ == "prep" and ch.lower_ in _TARGET_PREPS:
                cut.update(t.i for t in ch.subtree)
            if ch.dep_ in ("dobj", "nsubjpass") and _lem(head) not in _MUNITION_OBJECT_VERBS and head.pos_ == "VERB":
                cut.update(t.i for t in ch.subtree)
            if ch.dep_ in ("relcl", "advcl", "conj", "ccomp", "parataxis"):
                cut.update(t.i for t in ch.subtree)
    scope = [t for t in trig.subtree if t.i not in cut]
    for head in {trig, anchor}:
        for ch in head.children:  # "attacked the post using mortars"
            if ch.dep_ in ("advcl", "xcomp", "acl") and _lem(ch) in ("use", "employ", "fire", "launch", "drop"):
                scope += list(ch.subtree)
    if trig.dep_ == "acl" and trig.pos_ == "VERB":
        # "missiles fired from the territory", "toxic gas used by a militia"
        scope += [trig.head, *(ch for ch in trig.head.children if ch.dep_ in ("amod", "compound"))]
    if anchor.i != trig.i:
        scope += [t for ch in anchor.children if ch.dep_ == "prep" and ch.lower_ in ("with", "using", "by", "from") for t in ch.subtree]
        scope += [t for ch in anchor.children if ch.dep_ in ("nsubj", "dobj") and _is_eventish(ch) for t in ch.subtree]
    return scope


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return seen


# ---------------------------------------------------------------------------------------------
# the extractor
# ---------------------------------------------------------------------------------------------


def _predicate_of_noun(tok: Token) -> tuple[Token | None, str]:
    """(verb carrying the event noun, relation) — 'light' (its subject is the actor), 'occur', or None."""
    head, dep = tok.head, tok.dep_
    # "launched what it described as X" / "began what it called an X campaign"
    if dep == "pobj" and head.lower_ == "as" and _lem(head.head) in _NAMING_VERBS:
        namer = head.head
        if namer.dep_ in ("ccomp", "relcl", "xcomp") and _lem(namer.head) in P.LIGHT_VERBS:
            return namer.head, "light"
    if dep == "oprd" and _lem(head) in _NAMING_VERBS and head.dep_ in ("ccomp", "relcl", "xcomp") and _lem(head.head) in P.LIGHT_VERBS:
        return head.head, "light"
    if dep in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if _lem(head) in _NAMING_VERBS and _children(head, "oprd", "ccomp", "xcomp"):
            return head, "other"  # "Michel called the attack devastating news"
        if _lem(head) in P.LIGHT_VERBS:
            return head, "light"
        return head, "other"
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        if _lem(verb) in ("go",) and head.lower_ == "on":  # went on strike
            return verb, "light"
        if _lem(verb) in ("engage", "participate", "take", "join", "enter") and head.lower_ in ("in", "into"):
            return verb, "light"
        return verb, "other"
    if dep in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        return head, "occur"
    return None, ""


def _sentence_candidates(sent: Span) -> tuple[list[_Cand], dict[int, _Cand]]:
    cands: list[_Cand] = []
    by_token: dict[int, _Cand] = {}
    for tok in sent:
        v = _verb_trigger(tok)
        if v is not None:
            ptype, modes, _objs = v
            c = _Cand(trigger=[tok], anchor=tok, ptype=ptype, modes=list(modes), is_noun=False)
            cands.append(c)
            by_token[tok.i] = c
            continue
        n = _noun_trigger(tok)
        if n is not None:
            ptype, modes = n
            c = _Cand(trigger=[tok], anchor=tok, ptype=ptype, modes=list(modes), is_noun=True)
            cands.append(c)
            by_token[tok.i] = c
    return cands, by_token


def _fold(cands: list[_Cand], by_token: dict[int, _Cand]) -> None:
    """Absorb event nouns into the verb event that carries them; fold casualty verbs into their attack."""
    for c in cands:
        if not c.is_noun:
            continue
        tok = c.trigger[0]
        head, dep = tok.head, tok.dep_
        # the object / passive subject of a verb trigger is part of that event
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and head.i in by_token and not by_token[head.i].is_noun:
            host = by_token[head.i]
            # "signed an agreement", "imposed sanctions", "suspended aid deliveries": the noun is the host's
            # own object; but "condemned the attack", "rejected the truce" speak of another event
            if host.ptype == c.ptype or host.ptype in ("SANCTION", "CONCEDE", "AGREE", "RETREAT", "COERCE", "CONSULT", "AID", "MOBILIZE", "PROTEST", "COOPERATE") \
                    or "agreement" in host.modes:
                if host.ptype == "ASSAULT" and c.ptype == "ASSAULT":
                    host.modes.extend(c.modes)
                    if _lem(head) in ("repel", "repulse", "thwart", "foil", "counter", "intercept", "resist"):
                        host.recipients.extend(_noun_own_actor(tok, "ASSAULT"))  # "repelled an RSF attack"
                c.absorbed = True
                continue
        # "killed in mine explosions", "wounded in a bomb attack", "the bombing killed"
        if c.ptype == "ASSAULT":
            host = None
            if dep == "pobj" and head.lower_ in ("in", "by", "with", "during", "through") and head.head.i in by_token:
                host = by_token[head.head.i]
            elif dep in ("nsubj",) and head.i in by_token:
                host = by_token[head.i]
            if host is not None and host.ptype == "ASSAULT" and not host.is_noun:
                # "killed in Israeli strikes on Rafah": the attack's attacker and target are the event's
                host.modes.extend(c.modes)
                host.modes.extend(_weapon_modes(list(tok.subtree)))
                c.absorbed = True
                host.caused_by = True
                host.actors.extend(_noun_own_actor(tok, "ASSAULT"))
                host.recipients.extend(_prep_targets(tok, _RECIPIENT_PREPS["ASSAULT"]))
                continue
    # "violations of the ceasefire": the inner noun is what the outer event is about
    for c in cands:
        if not c.is_noun or c.absorbed:
            continue
        tok = c.trigger[0]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i in by_token and by_token[tok.head.head.i].is_noun \
                and _lem(tok.head.head) in ("violation", "breach", "end", "extension", "implementation", "collapse", "resumption"):
            c.absorbed = True
    # "a ceasefire ended the hostilities": a subject event noun of the same type is the same event
    for c in cands:
        if not c.is_noun or c.absorbed:
            continue
        tok = c.trigger[0]
        host = by_token.get(tok.head.i) if tok.dep_ == "nsubj" else None
        if host is not None and not host.is_noun and host.ptype == c.ptype:
            host.actors.extend(_noun_own_actor(tok, c.ptype))
            c.absorbed = True
    # casualty verbs (kill, wound, injure) under an attack: one event, more victims
    casualty = {"kill", "wound", "injure", "maim"}
    for c in cands:
        if c.is_noun or c.absorbed or _lem(c.anchor) not in casualty:
            continue
        tok = c.anchor
        hops = 0
        cur = tok
        while cur.dep_ in ("relcl", "advcl", "conj", "ccomp", "acl") and hops < 3:
            cur = cur.head
            hops += 1
            host = by_token.get(cur.i)
            if host is not None and host is not c and host.ptype == "ASSAULT" and not host.absorbed:
                objs = _children(tok, "dobj") or _children(tok, "nsubjpass")
                host.recipients.extend(o for ob in objs for o in _conjuncts(ob))
                host.modes.extend(c.modes)  # "killed and wounded in a grenade attack": the weapon stays
                c.absorbed = True
                break
            if cur.dep_ == "ccomp" and _lem(cur) in P.REPORTING_VERBS:
                continue
    # "an assault on Tuesday that killed 200", "killed ... due to Baku's military action", "the offensive,
    # which left hundreds dead, wounded": an agentless casualty verb near an attack in the parse is
    # that attack's toll, not an event of its own
    for c in cands:
        if c.is_noun or c.absorbed or _lem(c.anchor) not in casualty or _own_agent(c.anchor):
            continue
        hosts = [h for h in cands if h is not c and not h.absorbed and h.ptype == "ASSAULT"
                 and (_lem(h.anchor) not in casualty or h.caused_by)]
        near = [(_tree_distance(c.anchor, h.anchor), h.anchor.i, h) for h in hosts]
        near = [x for x in near if x[0] <= 4]
        if not near:
            continue
        host = min(near, key=lambda x: (x[0], x[1]))[2]
        objs = _children(c.anchor, "dobj") or _children(c.anchor, "nsubjpass")
        host.recipients.extend(o for ob in objs for o in _conjuncts(ob))
        host.modes.extend(c.modes)
        c.absorbed = True


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_b = {t.i: k for k, t in enumerate([b, *b.ancestors])}
    for k, t in enumerate([a, *a.ancestors]):
        if t.i in up_b:
            return k + up_b[t.i]
    return 99


def _own_agent(verb: Token) -> bool:
    """Whether a verb names who did it: an active subject or a passive 'by' agent ("gunmen killed"),
    not a relative pronoun or an event noun ("the strike, which killed five", "killed by shelling")."""
    agents = [ch for ch in verb.children if ch.dep_ == "nsubj"]
    agents += [g for ch in verb.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    return any(a.lower_ not in _RELATIVE and not _is_eventish(a) for a in agents)


def _anchor_for(c: _Cand) -> tuple[Token, str]:
    if not c.is_noun:
        return c.anchor, "verb"
    pred, rel = _predicate_of_noun(_syn(c.trigger[0]))
    if pred is not None and rel in ("light", "occur"):
        return pred, rel
    return c.trigger[0], "noun"


_PARTITIVE = frozenset({"part", "some", "all", "most", "much", "portion", "share", "rest", "half", "bulk", "number"})
_DIG_PREPS = ("by", "from", "with", "on", "against", "to", "for", "between", "of", "into", "over", "toward", "towards")
_PARTY_NOUNS = P.PEOPLE | P.TROOPS | P.DIPLOMATS | frozenset(P.ACTOR_KIND_WORDS) | frozenset({
    "government", "authority", "regime", "side", "country", "state", "party", "group", "rebel", "movement",
    "faction", "community", "population", "administration", "leadership", "council", "ministry", "army",
})


def _is_party(tok: Token) -> bool:
    if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
        return True
    return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") or tok.pos_ == "PROPN" or _lem(tok) in _PARTY_NOUNS


def _dig(obj: Token, depth: int = 0) -> list:
    """The party behind an abstract / event / partitive object: 'a suspension of air links *with Serbia*'."""
    if depth > 3:
        return []
    for c in obj.children:  # agentive first: "calls by X", "an appeal from X"
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") and _lem(obj) in _ABSTRACT_OBJECTS | {"admission", "ban", "order", "call", "appeal", "offer"}:
            pobj = _children(c, "pobj")
            if pobj and _is_party(pobj[0]):
                return _conjuncts(pobj[0])
    for acl in _children(obj, "acl"):
        for ag in _children(acl, "agent"):
            pobj = _children(ag, "pobj")
            if pobj and _is_party(pobj[0]):
                return _conjuncts(pobj[0])
    poss = [p for p in _children(obj, "poss") if p.ent_type_ not in _TIME_ENTS]
    if poss and _lem(obj) in _ABSTRACT_OBJECTS | P.RELATIONS | {"ban", "order", "effort", "election", "elections"}:
        return _conjuncts(poss[0])
    for prep in _DIG_PREPS:
        for c in obj.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == prep:
                for pobj in _children(c, "pobj"):
                    if pobj.ent_type_ in _TIME_ENTS:
                        continue
                    if _is_party(pobj) and not _is_eventish(pobj) and _lem(pobj) not in _ABSTRACT_OBJECTS | P.RELATIONS | _PARTITIVE:
                        return _conjuncts(pobj)
                    deeper = _dig(pobj, depth + 1)
                    if deeper:
                        return deeper
    if poss:
        return _conjuncts(poss[0])
    for c in obj.children:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN") and c.i < obj.i:
            return [c]
    return []


def _object_recipients(ptype: str, modes: list[str], dobjs: list) -> list:
    """Recipients from a verb's direct objects, by event type (the object may be the thing, not the party)."""
    out = []
    first = modes[0] if modes else ""
    for o in dobjs:
        lem = _lem(o)
        if ptype == "MOBILIZE":
            continue
        if ptype == "RETREAT" and (first in ("ceasefire", "disarm", "resign") or lem in P.TROOPS or lem in P.WEAPONS):
            continue
        if ptype == "SANCTION" and first == "withdraw":
            continue
        physical = ptype in ("ASSAULT", "COERCE")
        abstract = _is_eventish(o) or lem in _PARTITIVE or not physical and (lem in _ABSTRACT_OBJECTS or lem in P.RELATIONS) or \
            (ptype in ("AID", "AGREE") and lem in P.AID_OBJECTS | P.WEAPONS) or \
            (ptype in ("RETREAT", "CONCEDE") and lem in P.ACCESS_OBJECTS | P.RESTRICTION_OBJECTS) or \
            (ptype in ("PROTEST", "REJECT", "THREATEN", "REQUEST", "SUPPORT", "ACCUSE") and not _is_party(o))
        if abstract:
            out.extend(_dig(o))
        else:
            out.append(o)
    return out


def _read_arguments(c: _Cand, sent: Span, by_token: dict[int, _Cand]) -> None:
    tok = c.trigger[0]
    ptype = c.ptype
    actors: list = list(c.actors)
    recips: list = list(c.recipients)
    if not c.is_noun:
        subj, how = _subject(tok)
        objs = _objects(tok)
        if how == "passive":
            actors.extend(subj)
            patients = _object_recipients(ptype, c.modes, [pt for pt in _patients(tok) if not _is_eventish(pt)])
            if ptype == "MOBILIZE" and not subj:
                actors.extend(patients)  # "troops were deployed": the force stands for its owner
            else:
                recips.extend(patients)
        else:
            actors.extend(subj)
        lem = _lem(tok)
        if not actors:
            actors.extend(_between(tok))  # "fighting between X and Y erupted"
        elif ptype == "CONSULT":
            recips.extend(_between(tok))  # "Qatar is mediating between Israel and Hamas"
        if lem in ("flee", "arrive", "pour", "escape", "cross") and ptype == "COERCE":
            recips.extend(actors)  # the displaced are who the displacement happens to
            actors = []
            objs = []
        if lem == "use":
            objs = []  # "use force": the means, not a target
        if lem == "hit" and "explosives" in c.modes:  # "a vehicle hit a landmine": the vehicle is the victim
            recips.extend(actors)
            actors = []
        if ptype == "SANCTION" and "withdraw" in c.modes:
            recips.extend(_prep_targets(tok, frozenset({"from"})))
        # weapons / event nouns as subjects are means, not actors ("shrapnel killed", "a landmine exploded")
        means = [a for a in actors if _is_eventish(a)]
        if means:
            actors = [a for a in actors if a not in means]
            for m in means:
                c.modes.extend(_weapon_modes(list(m.subtree)))
                actors.extend(_noun_own_actor(m, ptype))
        if ptype in _DOBJ_RECIPIENT and how != "passive" or ptype == "PROTEST" and "boycott" in c.modes:
            dobjs = [x for d in _children(tok, "dobj") for x in _conjuncts(d)] if objs else []
            if not dobjs and tok.head.i in {o.i for o in objs}:
                dobjs = _conjuncts(tok.head)  # "the action it launched"
            for o in _children(tok, "dative"):
                if o.pos_ != "ADP":
                    recips.extend(_conjuncts(o))
            recips.extend(_object_recipients(ptype, c.modes, dobjs))
        for r in _prep_targets(tok, _RECIPIENT_PREPS.get(ptype, frozenset())):
            if _is_eventish(r) or _lem(r) in _ABSTRACT_OBJECTS | P.RELATIONS | _PARTITIVE:
                recips.extend(_dig(r))
            elif ptype in ("PROTEST", "REJECT", "ACCUSE", "REQUEST", "SUPPORT", "THREATEN") and not _is_party(r):
                recips.extend(_dig(r) or [r])
            else:
                recips.append(r)
        if ptype == "CONSULT" and lem in P.REPORTING_VERBS:
            recips.extend(r for p in _joint_with(tok) for r in _conjuncts(p))
        if ptype in ("REQUEST", "CONCEDE"):
            # "demanded that X do Y", "allowed X to run": the subject of the complement is addressed
            for cc in _children(tok, "ccomp", "xcomp"):
                s = _children(cc, "nsubj", "nsubjpass")
                if s:
                    recips.extend(_conjuncts(s[0]))
        if ptype == "ASSAULT":
            # "opened fire to disperse demonstrators": the purpose clause names the target
            for cl in _children(tok, "advcl", "xcomp"):
                if any(a.lower_ == "to" for a in _children(cl, "aux")) and cl.i not in by_token:
                    recips.extend(o for ob in _children(cl, "dobj") for o in _conjuncts(ob) if not _is_eventish(o))
        # "fought against X", "clashed with X"
        if ptype == "ASSAULT" and lem in ("clash", "fight", "battle", "skirmish"):
            recips.extend(_prep_targets(tok, frozenset({"with", "against"})))
    else:
        anchor, rel = _anchor_for(c)
        tok = _syn(tok)
        own = _noun_own_actor(tok, ptype)
        betw = _between(tok) or (_between(anchor) if rel in ("light", "occur") else [])
        if own and all(o.pos_ == "PRON" for o in own) and rel == "light":
            own = []  # "held their first meeting": the subject says more than the pronoun
        if betw:
            actors.extend(betw)
        elif own:
            actors.extend(own)
        elif rel == "light":
            subj, how = _subject(anchor)
            actors.extend(subj)
            if how != "passive" and not subj and anchor.dep_ == "relcl":
                pass
        noun_preps = _RECIPIENT_PREPS.get(ptype, frozenset())
        if ptype in ("SANCTION", "RETREAT", "COERCE"):
            noun_preps = noun_preps | {"on", "against"}
        for r in _prep_targets(tok, noun_preps):
            if _is_eventish(r) or _lem(r) in _ABSTRACT_OBJECTS | P.RELATIONS | _PARTITIVE:
                recips.extend(_dig(r))
            else:
                recips.append(r)
        if ptype == "REQUEST":  # "its demand that Israel ease restrictions"
            for cc in _children(tok, "ccomp", "acl"):
                subj = _children(cc, "nsubj", "nsubjpass")
                if subj:
                    recips.extend(_conjuncts(subj[0]))
        if ptype not in _OF_IS_ACTOR or _lem(tok) in ("release", "exchange", "swap"):
            for prep in _children(tok, "prep"):
                if prep.lower_ == "of":
                    for p in _children(prep, "pobj"):
                        if p.ent_type_ in _TIME_ENTS:
                            continue
                        if _is_eventish(p) or _lem(p) in _ABSTRACT_OBJECTS | P.RELATIONS | _PARTITIVE:
                            recips.extend(_dig(p))
                        else:
                            recips.extend(_conjuncts(p))
        if rel == "light" and anchor.i != tok.i:
            recips.extend(_prep_targets(anchor, _RECIPIENT_PREPS.get(ptype, frozenset())))
            for o in _children(anchor, "dative"):
                recips.extend(_conjuncts(o))
        if rel == "occur" and _lem(anchor) in ("kill", "wound", "injure", "hit", "destroy", "damage", "claim"):
            for o in _children(anchor, "dobj"):
                recips.extend(_conjuncts(o))
    # pronouns -> nearest agreeing noun phrase in the sentence
    actors = [_resolve_pronoun(a, sent) for a in actors if _good_argument(a)]
    recips = [_resolve_pronoun(r, sent) for r in recips if _good_argument(r)]
    actor_ids = {a.i for a in actors}
    recips = [r for r in recips if r.i not in actor_ids]
    c.actors = _unique_tokens(actors)
    c.recipients = _unique_tokens(recips)


def _unique_tokens(toks: list) -> list:
    seen, out = set(), []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _speaker_of(anchor: Token) -> Token | None:
    tok = anchor
    hops = 0
    while tok.dep_ != "ROOT" and hops < 6:
        head = tok.head
        hops += 1
        if tok.dep_ in ("ccomp", "parataxis") and _lem(head) in P.REPORTING_VERBS:
            s = _children(head, "nsubj")
            if s:
                return s[0]
            agents = [p for c in _children(head, "agent") for p in _children(c, "pobj")]
            return agents[0] if agents else None
        if tok.dep_ in ("advcl", "relcl"):
            break
        tok = head
    # "..., according to X" / "X said" attached to the root
    root = anchor.sent.root
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for t in c.subtree:
                if t.dep_ == "pobj" and t.head.lower_ == "to":
                    return t
        if c.dep_ in ("parataxis", "ccomp") and _lem(c) in P.REPORTING_VERBS and c.i > anchor.i:
            s = _children(c, "nsubj")
            if s:
                return s[0]
    if _lem(root) in P.REPORTING_VERBS and root.i != anchor.i:
        s = _children(root, "nsubj")
        if s and anchor.i != s[0].i and not any(s[0].i == t.i for t in anchor.subtree):
            return s[0]
    return None


def _scope_tokens(anchor: Token, other_anchors: set[int]) -> list:
    """The anchor's clause: its subtree without nested clauses that carry other events."""
    skip: set[int] = set()
    for t in anchor.subtree:
        if t.i != anchor.i and t.i in other_anchors and t.dep_ in _CLAUSAL | {"dobj", "pobj", "nsubj", "advcl"}:
            skip.update(x.i for x in t.subtree)
    return [t for t in anchor.subtree if t.i not in skip]


_PLACE_NOUNS = frozenset({
    "town", "city", "village", "region", "district", "province", "capital", "outskirts", "area", "state",
    "county", "governorate", "oblast", "enclave", "territory", "border", "suburb", "neighbourhood",
    "neighborhood", "camp", "strip", "valley", "municipality", "settlement", "port", "island", "corridor",
})


_LOCATIVE_OBJECT_VERBS = frozenset({
    "visit", "enter", "reach", "cross", "leave", "flee", "storm", "capture", "seize", "occupy", "shell",
    "bomb", "bombard", "attack", "strike", "hit", "raid", "overrun", "retake", "recapture", "liberate",
    "besiege", "blockade", "encircle", "surround", "target", "invade", "pound", "evacuate", "control",
    "take", "regain", "annex", "tour", "abandon",
})


_SPEAKER_NOUNS = frozenset({
    "authority", "official", "ministry", "government", "spokesman", "spokeswoman", "spokesperson",
    "source", "office", "embassy", "leader", "representative", "correspondent", "reporter", "agency",
    "newspaper", "diplomat", "analyst", "observer", "commander", "ombudsman", "president", "minister",
    "presidency", "administration", "prosecutor", "court", "police",
})


def _is_locative(ent) -> bool:
    """A place entity used as a location ('in X', 'the town of X', 'shelled X'), not as an actor ('X said')."""
    root = ent.root
    if ent.label_ not in _PLACE_ENTS:
        # unfamiliar toponyms are often tagged PERSON / ORG: only in an unmistakable place slot
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "of" and _lem(head.head) in _PLACE_NOUNS:
            return True
        if root.dep_ == "compound" and _lem(head) in _PLACE_NOUNS and head.lower_ not in ("state", "area"):
            return True
        return False
    if ent.label_ == "FAC" or ent.label_ == "LOC":
        return root.dep_ not in ("nsubj", "poss") or root.head.pos_ not in ("VERB", "AUX")
    tok = root
    for _ in range(3):
        dep, head = tok.dep_, tok.head
        if dep == "pobj" and head.lower_ in _LOCATIVE_PREPS:
            holder = head.head
            if holder.pos_ in ("NOUN", "PROPN") and (_lem(holder) in _SPEAKER_NOUNS or holder.ent_type_ in ("ORG", "PERSON")) \
                    and _lem(holder) not in P.TROOPS:
                # "authorities in Baku": where a speaker sits, not where the event is; but troops
                # in a town are there ("serving with UN troops in Gao when the rocket hit")
                return False
            return True
        if dep == "pobj" and head.lower_ == "of" and _lem(head.head) in _PLACE_NOUNS:
            return True
        if dep in ("compound", "appos", "conj", "nmod") and (head.pos_ in ("NOUN", "PROPN")):
            if _lem(head) in _PLACE_NOUNS or head.ent_type_ in _PLACE_ENTS or dep == "conj":
                tok = head
                continue
            return False
        if dep in ("dobj", "nsubjpass") and head.pos_ == "VERB" and _lem(head) in _LOCATIVE_OBJECT_VERBS:
            return True
        if dep == "npadvmod" and head.pos_ == "VERB":
            return True
        if dep == "pobj" and head.lower_ == "to" and _lem(head.head) in ("road", "route", "highway", "corridor", "way", "visit", "trip", "arrive", "travel", "deploy", "send", "flee", "return", "come", "go", "move", "cross"):
            return True
        return False
    return False


def _ents_in(tokens: list, labels: frozenset[str]) -> list:
    idx = {t.i for t in tokens}
    out = []
    if not tokens:
        return out
    for ent, start, end, label in _doc_ent_rows(tokens[0].doc):
        wanted = label in labels or labels is _PLACE_ENTS and label in ("PERSON", "ORG", "NORP")
        if wanted and all(i in idx for i in range(start, end)):
            if labels is _PLACE_ENTS and not _is_locative(ent):
                continue
            out.append(ent)
    return out


def _ents_for(anchor: Token, sent: Span, labels: frozenset[str], other_anchors: set[int],
              *, nested_too: bool = False) -> list:
    cur = anchor
    hops = 0
    while True:
        ents = _ents_in(_scope_tokens(cur, other_anchors - {cur.i}), labels)
        if not ents and nested_too and hops == 0:
            ents = _ents_in(_unreported_subtree(cur), labels)
        if ents or cur.dep_ == "ROOT" or hops > 4:
            return ents
        if cur.head.pos_ == "VERB" and _lem(cur.head) in P.REACTION_VERBS and cur.dep_ in ("dobj", "pobj", "nsubjpass"):
            return []  # the act a reaction is to came before it: the reaction's day is not the act's
        cur = cur.head
        hops += 1


def _unreported_subtree(anchor: Token) -> list:
    """The act's whole subtree but what hangs under a reporting verb, an adverbial clause or a
    before/after phrase in it.

    A place named only inside a clause the act's own words hold is still where the act was
    ("were wounded in battles between police and students demanding lower fees in Kisumu"), while a
    place under a reporting verb is where something was said.
    """
    out, stack = [anchor], list(anchor.children)
    while stack:
        t = stack.pop()
        # a reporting verb (where it was said), an adverbial clause or a "before/after" phrase
        # (another act, told to date this one: "two days after bombs killed six in X") is pruned
        if t.pos_ in ("VERB", "AUX") and (_lem(t) in P.REPORTING_VERBS or t.dep_ == "advcl") \
                or t.dep_ in ("prep", "mark") and t.lower_ in _SEQUENCE_WORDS:
            continue
        out.append(t)
        stack.extend(t.children)
    return out


_SEQUENCE_WORDS = frozenset({"after", "before", "since", "following", "until", "till", "prior", "ahead"})


def _threat_mode(ptype: str, modes: list[str]) -> str:
    first = modes[0] if modes else ""
    return P.THREAT_MODE_OF.get((ptype, first)) or P.THREAT_MODE_OF.get((ptype, ""), "")


def _request_mode(inner_type: str) -> str:
    if inner_type == "CONSULT":
        return "meet"
    if inner_type in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    if inner_type in ("RETREAT", "CONCEDE", "AGREE"):
        return "yield"
    return "change"


_INNER_DEPS = frozenset({"xcomp", "ccomp", "prep", "pcomp", "acl", "dobj", "pobj", "conj", "oprd"})
_NON_COMPLEMENT_PREPS = frozenset({"after", "before", "following", "since", "amid", "despite", "during", "until", "in", "at", "near", "because", "as"})


def _inner_events(c: _Cand, cands: list[_Cand]) -> list[_Cand]:
    """Events whose predicate sits in this trigger's complement (xcomp/ccomp/prep chains)."""
    tok = c.trigger[0]
    out = []
    for o in cands:
        if o is c or o.absorbed:
            continue
        cur, hops = _anchor_for(o)[0], 0
        while cur.dep_ != "ROOT" and hops < 5:
            if cur.dep_ not in _INNER_DEPS or cur.dep_ == "prep" and cur.lower_ in _NON_COMPLEMENT_PREPS:
                break
            if cur.head.i == tok.i:
                out.append(o)
                break
            cur = cur.head
            hops += 1
    return out


def _apply_intent_rules(cands: list[_Cand], sent: Span) -> list[_Cand]:
    """PLOVER codes promises and refusals: AGREE / THREATEN / REJECT / MOBILIZE wrappers, REQUEST for 'must'."""
    extra: list[_Cand] = []
    live = [c for c in cands if not c.absorbed]
    trigger_ids = {c.trigger[0].i for c in live}
    for c in live:
        lem = _lem(c.trigger[0])
        inner = _inner_events(c, live)
        # a promise / vow / offer / plan takes its polarity from what is promised
        if not c.is_noun and lem in ("promise", "pledge", "vow", "offer", "commit", "swear") or c.is_noun and lem in ("pledge", "promise", "commitment"):
            hostile = [i for i in inner if i.ptype in P.HOSTILE_TYPES and not i.negated]
            if hostile:
                c.ptype = "THREATEN"
                c.modes = [_threat_mode(hostile[0].ptype, hostile[0].modes)]
            for i in inner:
                i.hypothetical = True
        if lem == "warn" and not c.is_noun:
            own = {a.i for a in c.actors}
            hostile = [i for i in inner if i.ptype in P.HOSTILE_TYPES and i.hypothetical and not i.negated
                       and (not i.actors or {a.i for a in i.actors} & own)]
            if hostile:  # "Moscow warned it would use force": a threat
                c.ptype = "THREATEN"
                c.modes = [_threat_mode(hostile[0].ptype, hostile[0].modes)]
                if not c.recipients:
                    c.recipients = list(hostile[0].recipients)
                trigger_ids.add(c.trigger[0].i)
                for i in inner:
                    i.intent_gov = c.trigger[0]
        if c.ptype == "REQUEST" and not c.modes and inner:
            c.modes = [_request_mode(inner[0].ptype)]
        if c.ptype == "THREATEN" and not c.modes and inner:
            c.modes = [_threat_mode(inner[0].ptype, inner[0].modes)]
        if c.ptype == "THREATEN":
            for i in inner:
                i.hypothetical = True
                if not c.recipients and i.recipients:
                    c.recipients = list(i.recipients)
        if c.ptype in ("AGREE", "REQUEST", "REJECT") and (not c.is_noun or c.ptype in ("AGREE", "REQUEST")):
            for i in inner:
                if c.ptype != "REJECT" or lem in ("refuse", "decline", "fail", "deny"):
                    i.hypothetical = i.hypothetical or c.ptype != "REJECT"
                if c.ptype == "REJECT" and lem in ("refuse", "decline", "fail"):
                    i.negated = True
            if c.ptype == "AGREE" and not c.recipients:
                for i in inner:
                    if i.recipients:
                        c.recipients = list(i.recipients)
                        break
            if c.ptype == "REJECT" and not c.recipients and lem in ("refuse", "decline", "fail"):
                for i in inner:
                    if i.recipients:
                        c.recipients = list(i.recipients)
                        break
        # synthetic wrappers for a bare modal / an intent adjective ("will provide", "is willing to withdraw")
        if c.is_noun and _anchor_for(c)[1] != "light":
            continue
        gov = c.intent_gov
        if gov is not None and gov.i in trigger_ids:
            continue  # an explicit trigger (agreed / offered / threatened to) already codes it
        if any(i is c for w in live if w.ptype == "THREATEN" and w is not c for i in _inner_events(w, live)):
            continue
        anchor = _anchor_for(c)[0]
        aux = _aux_words(anchor)
        modal_future = bool(aux & {"will", "would", "shall", "'ll", "wo", "'d"})
        intent_word = gov is not None and _lem(gov) not in ("due", "scheduled", "expected", "set", "likely", "unlikely", "possible", "about")
        if not (modal_future or intent_word) or c.requested:
            pass
        else:
            wtype = None
            wmodes: list[str] = []
            if c.ptype in P.COOPERATIVE_TYPES:
                wtype = "REJECT" if c.negated else "AGREE"
            elif c.ptype in P.HOSTILE_TYPES:
                if gov is not None and _lem(gov) in P.PREPARE_GOVERNORS and not c.negated:
                    wtype, wmodes = "MOBILIZE", ["weapons" if c.ptype == "ASSAULT" else "troops"]
                elif c.negated:
                    wtype = "AGREE"
                else:
                    wtype, wmodes = "THREATEN", [_threat_mode(c.ptype, c.modes)]
            if c.conditional_unless and c.ptype not in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
                wtype, wmodes = "THREATEN", [_threat_mode(c.ptype, c.modes) or "restrict"]
            if wtype is not None:
                w = _Cand(trigger=[gov] if gov is not None and gov.pos_ in ("ADJ", "VERB") else list(c.trigger),
                          anchor=anchor, ptype=wtype, modes=[m for m in wmodes if m], is_noun=False,
                          actors=list(c.actors), recipients=list(c.recipients), synthetic=True)
                w.speaker = c.speaker
                extra.append(w)
                c.hypothetical = True
        # "X said Y must Z": a request from X to Y
        if c.obligation and c.ptype not in ("REQUEST",) and not any(_first_person(a) for a in c.actors):
            spk = c.speaker
            if spk is not None and not any(a.i == spk.i for a in c.actors):
                w = _Cand(trigger=list(c.trigger), anchor=c.anchor, ptype="REQUEST", modes=[_request_mode(c.ptype)],
                          is_noun=False, actors=[spk], recipients=list(c.actors), synthetic=True)
                w.speaker = spk
                extra.append(w)
                c.hypothetical = True
    return extra


def _first_person(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in ("we", "i", "us", "me") and tok.text != "US"


def _blamed_parties(sent: Span, live: list[_Cand]) -> None:
    """Whom a source blames did the act it tells of, when no other doer is named: "said six were
    killed in a roadside blast, blaming the rebels", "the raid, which the army blamed on the
    militia", "the militia was blamed for the raid"."""
    for tok in sent:
        if tok.pos_ != "VERB" or _lem(tok) != "blame":
            continue
        on = [x for p in _children(tok, "prep") if p.lower_ == "on" for x in _children(p, "pobj")]
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        party = on or (_children(tok, "nsubjpass") if passive else _children(tok, "dobj"))
        party = [x for x in party if _is_party(x)]
        if not party:
            continue
        if passive and not on:  # "X was blamed for the raid": the act is what it is blamed for
            scope = {t.i for p in _children(tok, "prep") if p.lower_ == "for" for t in p.subtree}
        elif tok.dep_ in ("advcl", "relcl", "acl", "conj", "xcomp"):
            scope = {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
        else:
            continue
        for o in live:
            if o.ptype == "ASSAULT" and not o.actors and o.trigger[0].i in scope:
                o.actors = list(party)


def _obligation_requests(sent: Span, cands: list[_Cand]) -> list[_Cand]:
    """'X said (that) Y must do Z' with no event trigger in Z: still a REQUEST from X to Y."""
    out = []
    anchors = {c.anchor.i for c in cands if not c.absorbed}
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in anchors:
            continue
        if not (_aux_words(tok) & P.OBLIGATION_AUX):
            continue
        if not (tok.dep_ in ("ccomp", "parataxis") and _lem(tok.head) in P.REPORTING_VERBS or tok.dep_ == "ROOT"):
            continue
        speaker = _speaker_of(tok)
        subj, _ = _subject(tok)
        if speaker is None or not subj or any(s.i == speaker.i for s in subj):
            continue
        subj = [_resolve_pronoun(s, sent) for s in subj if _good_argument(s)]
        if not subj or any(s.i == speaker.i for s in subj) or any(_first_person(x) for x in subj):
            continue
        c = _Cand(trigger=[tok], anchor=tok, ptype="REQUEST", modes=["change"], is_noun=False,
                  actors=[speaker], recipients=subj, synthetic=True)
        c.speaker = speaker
        out.append(c)
    return out


def _to_mention(c: _Cand, sent: Span, doc: Doc, ctx: ArticleContext, sent_ev: Evidence,
                other_anchors: set[int]) -> EventMention:
    trig = c.trigger
    t0, t1 = min(t.i for t in trig), max(t.i for t in trig) + 1
    anchor, _rel = _anchor_for(c) if not c.synthetic else (c.anchor, "verb")
    actors = tuple(_span_ev(doc, ctx, *_np_bounds(a)) for a in c.actors)
    recips = tuple(_span_ev(doc, ctx, *_np_bounds(r)) for r in c.recipients)
    date_ents = _ents_for(anchor if sent.start <= anchor.i < sent.end else trig[0], sent, _TIME_ENTS, other_anchors)
    if c.is_noun and not date_ents:
        date_ents = _ents_in(list(trig[0].subtree), _TIME_ENTS)
    place_ents = _ents_for(anchor, sent, _PLACE_ENTS, other_anchors, nested_too=True)
    if c.is_noun:
        place_ents = _ents_in(list(trig[0].subtree), _PLACE_ENTS) + [e for e in place_ents]
    actor_bounds = [(a.start, a.end) for a in actors]
    if c.ptype not in ("ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"):
        actor_bounds += [(r.start, r.end) for r in recips]
    places = []
    seen = set()
    for e in place_ents:
        ev = ctx.evidence(e.start_char, e.end_char)
        inside_actor = any(s <= ev.start and ev.end <= e_ for s, e_ in actor_bounds)
        if inside_actor or (ev.start, ev.end) in seen:
            continue
        # a place named as the recipient of an attack is also where it happened
        seen.add((ev.start, ev.end))
        places.append(ev)
    dates = []
    for e in date_ents:
        ev = ctx.evidence(e.start_char, e.end_char)
        if (ev.start, ev.end) not in {(d.start, d.end) for d in dates}:
            dates.append(ev)
    modes = _dedupe(c.modes + (["hypothetical"] if c.hypothetical else []) + (["negation"] if c.negated else []))
    return EventMention(
        evidence=sent_ev,
        trigger=_span_ev(doc, ctx, t0, t1),
        plover_type=c.ptype,
        plover_mode=tuple(modes),
        actors=_dedupe_ev(actors),
        recipients=_dedupe_ev(r for r in recips if not any(r.start >= a.start and r.end <= a.end for a in actors)),
        place_spans=tuple(sorted(places, key=lambda e: e.start)),
        date_spans=tuple(sorted(dates, key=lambda e: e.start)),
        negated=c.negated,
        hypothetical=c.hypothetical,
        speaker=_span_ev(doc, ctx, *_np_bounds(c.speaker)) if c.speaker is not None else None,
        depth=c.depth,
    )


def _dedupe_ev(evs: Iterable[Evidence]) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for e in evs:
        if any(e.start == o.start and e.end == o.end for o in out):
            continue
        out.append(e)
    return tuple(out)


def _sentence_evidence(sent: Span, ctx: ArticleContext) -> Evidence | None:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if not body:
        return None
    start = sent.start_char + lead
    return ctx.evidence(start, start + len(body))


class _Reading:
    """What the reading of one article asks for again and again, read once: its entities
    (``doc.ents`` builds a Span per entity at every access) and the words of each sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = doc.ents
        self.ent_rows = [(e, e.start, e.end, e.label_) for e in self.ents]
        self.sentence_words: dict[tuple[int, int], frozenset[str]] = {}
        self.charges = any(_charge(t) for t in doc)  # is any word a charge or a jailing "for"


_READING: _Reading | None = None  # set and cleared by extract_event_mentions


def _doc_ents(doc: Doc) -> tuple[Span, ...]:
    reading = _READING
    return reading.ents if reading is not None and reading.doc is doc else doc.ents


def _doc_ent_rows(doc: Doc) -> list[tuple[Span, int, int, str]]:
    """(entity, start token, end token, label) of every entity of ``doc``."""
    reading = _READING
    if reading is not None and reading.doc is doc:
        return reading.ent_rows
    return [(e, e.start, e.end, e.label_) for e in doc.ents]


def _sentence_words(sent: Span) -> set[str]:
    """``_words(sent)``, worked out once per sentence of the article being read."""
    reading = _READING
    if reading is None or reading.doc is not sent.doc:
        return _words(sent)
    key = (sent.start, sent.end)
    words = reading.sentence_words.get(key)
    if words is None:
        words = reading.sentence_words[key] = frozenset(_words(sent))
    return set(words)


def extract_event_mentions(doc: Doc, ctx: ArticleContext) -> list[EventMention]:
    """Every event mention in the article, in text order (several per sentence when stated)."""
    global _READING
    _READING = _Reading(doc)
    try:
        return _event_mentions(doc, ctx)
    finally:
        _READING = None


def _event_mentions(doc: Doc, ctx: ArticleContext) -> list[EventMention]:
    out: list[EventMention] = []
    sentences: list[tuple[Span, Evidence, list[_Cand]]] = []
    accident = False
    for sent in doc.sents:
        sent_ev = _sentence_evidence(sent, ctx)
        if sent_ev is None:
            continue
        cands, by_token = _sentence_candidates(sent)
        _fold(cands, by_token)
        live = [c for c in cands if not c.absorbed]
        for c in live:
            anchor, _rel = _anchor_for(c)
            mod = _modality(anchor, sent)
            if c.is_noun and _rel == "noun":
                # a bare event noun: its own modifiers, plus the request / negation governing it
                mod2 = _modality(c.trigger[0], sent)
                mod = mod2
            c.negated = mod["negated"]
            c.hypothetical = mod["hypothetical"] or mod["purpose"] and c.ptype not in ("REQUEST", "ACCUSE", "PROTEST")
            c.future = mod["future"]
            c.intent_gov = mod["intent_gov"]
            c.obligation = mod["obligation"]
            c.conditional_unless = mod["unless"]
            c.requested = mod["requested"]
            c.speaker = _speaker_of(anchor)
            c.depth = _depth(anchor)
            _read_arguments(c, sent, by_token)
            if c.ptype == "ASSAULT":
                c.modes.extend(_weapon_modes(_means_scope(c, anchor)))
        # accusations: "accused X of targeting civilians" -> the accused is the actor of the inner event
        for c in live:
            if c.ptype != "ACCUSE" or not c.recipients:
                continue
            for prep in _children(c.trigger[0], "prep"):
                if prep.lower_ not in _ACCUSE_CHARGE_PREPS:
                    continue
                for o in live:
                    if o is c or o.actors:
                        continue
                    if any(t.i == o.trigger[0].i for t in prep.subtree):
                        o.actors = list(c.recipients)
        _blamed_parties(sent, live)
        extra = _apply_intent_rules(cands, sent) + _obligation_requests(sent, cands)
        for w in extra:
            w.depth = _depth(w.anchor)
        accident = _drop_non_violent_causes(cands, sent, accident)
        if accident and sentences:
            _drop_agentless_toll(sentences[-1][2], sentences[-1][0])  # "... were killed when their bus plunged. <the accident>"
        live = [c for c in cands if not c.absorbed] + extra
        sentences.append((sent, sent_ev, live))
    _context_qualifiers(sentences)
    for sent, sent_ev, live in sentences:
        live = [c for c in live if not c.absorbed]
        other_anchors = {(_anchor_for(c)[0]).i for c in live}
        for c in sorted(live, key=lambda c: (c.trigger[0].i, c.synthetic is False)):
            if c.ptype not in P.PLOVER_TYPES:
                continue
            out.append(_to_mention(c, sent, doc, ctx, sent_ev, other_anchors))
    return out


def main_mention(mentions: Iterable[EventMention]) -> EventMention | None:
    """The sentence's main event: the shallowest predicate; a real event before its hypothetical content."""
    ms = list(mentions)
    if not ms:
        return None
    return min(ms, key=lambda m: (m.depth, m.hypothetical, m.negated, m.trigger.start))


# ---------------------------------------------------------------------------------------------
# context for the ACLED sub-type: what the sentence around a mention says
# ---------------------------------------------------------------------------------------------

_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hit", "strike", "destroy", "damage", "level", "claim",
                             "leave", "flatten", "hurt", "maim"})
_EXPLOSION_WORDS = frozenset({"explode", "explosion", "blast", "detonation", "blow"})
_ASSAULT_WORDS = frozenset({"attack", "assault", "offensive", "counteroffensive", "storm", "raid", "advance", "push"})
_GENERIC_NOUNS = frozenset({"war", "conflict", "violence", "hostility", "aggression", "bloodshed", "escalation",
                            "confrontation", "campaign", "insurgency", "activity", "action", "measure", "invasion"})
_BACKGROUND_PREPS = frozenset({"amid", "during", "despite", "following", "after", "since", "of", "before", "throughout"})


def _background_noun(tok: Token) -> bool:
    """A fight named as the setting of another act ("amid clashes", "following a clash", "weeks of fighting",
    "a deal ending the fighting"), not as a happening of its own."""
    if tok.dep_ == "pobj" and tok.head.lower_ in _BACKGROUND_PREPS:
        return True
    return tok.dep_ == "dobj" and _lem(tok.head) in ("end", "halt", "stop", "cease", "fuel", "escape", "flee")


_MEANS_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "grenade", "suicide-attack", "unconventional",
                          "firearms", "primitive", "crowd-control"})
_TWO_SIDED = frozenset({"clash", "fight", "fighting", "battle", "skirmish", "firefight", "gunfight", "shootout",
                        "crossfire", "hostility", "combat", "counterattack", "repel", "repulse"})
_ARRESTISH_RAIDS = frozenset({"raid", "operation", "sweep", "search", "crackdown"})
_MOB_WORDS = frozenset({"mob", "crowd", "lynch", "lynching", "vigilante", "vigilantes"})
_PROTEST_VIOLENCE_VERBS = frozenset({"throw", "hurl", "pelt", "stone", "smash", "torch", "burn", "loot", "vandalize",
                                     "vandalise", "ransack", "attack", "storm", "clash", "riot", "fight", "beat",
                                     "destroy", "damage", "set", "break", "trash", "assault", "injure", "wound"})
_VIOLENT_PROTEST_WORDS = frozenset({"violent", "aggressive", "riotous", "unruly", "riot", "rioting", "rioter",
                                    "clash", "scuffle", "violence", "unrest", "ablaze", "looting", "vandalism"})
_EXCESSIVE_WORDS = frozenset({"violently", "brutally", "forcibly", "excessive", "deadly", "lethal", "bloody",
                              "live"})
_INTERVENTION_VERBS = frozenset({"disperse", "suppress", "break", "quell", "dispel", "detain", "arrest", "crack",
                                 "repress", "block", "prevent", "stop", "ban", "cordon", "kettle", "spray", "drag"})


def _words(toks: Iterable[Token]) -> set[str]:
    out = set()
    for t in toks:
        out.add(t.lower_)
        out.add(_lem(t))
    return out


def _cause_words(c: _Cand) -> set[str]:
    """The words naming what did it: the subject / 'by' agent / 'in'-cause of a verb, a noun's modifiers."""
    tok = c.anchor if not c.is_noun else c.trigger[0]
    heads = _children(tok, "nsubj", "csubj")
    if not heads and not c.is_noun and tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
        heads = _children(tok.head, "nsubj")  # "an earthquake levelled villages, killing hundreds"
    heads += [p for ch in tok.children if ch.dep_ in ("agent", "prep") and ch.lower_ in ("by", "in", "from", "after", "during")
              for p in _children(ch, "pobj")]
    if c.is_noun:
        heads += [ch for ch in tok.children if ch.dep_ in ("compound", "amod", "nmod", "poss")]
        heads += [p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in ("of", "at", "in") for p in _children(ch, "pobj")]
    out: set[str] = set()
    for h in heads:
        out |= _words([h]) | _words(ch for ch in h.children if ch.dep_ in ("compound", "amod", "nmod"))
    return out


_BOMB_WORDS = frozenset({"bomb", "device", "ied", "mine", "landmine", "grenade", "explosive", "rocket", "shell", "missile",
                         "drone", "bomber", "suicide", "attack", "attacker", "militant", "terrorist", "gunman"})


def _accident_sentence(sent: Span) -> bool:
    """An explosion of a thing that blows up by accident (a boiler, a gas tank, a plant), no bomb named."""
    words = _sentence_words(sent)
    if words & _BOMB_WORDS:
        return False
    for t in sent:
        if _lem(t) not in _EXPLOSION_WORDS:
            continue
        near = [x for x in t.children if x.dep_ in ("nsubj", "compound", "amod", "nmod", "poss")]
        near += [p for x in t.children if x.dep_ == "prep" and x.lower_ in ("of", "at", "in", "through") for p in _children(x, "pobj")]
        if t.dep_ == "conj":
            near.append(t.head)
        if t.dep_ == "nsubj":  # "a blast tore through a fuel depot"
            near += [p for x in t.head.children if x.dep_ == "prep" and x.lower_ in ("at", "in", "through", "inside")
                     for p in _children(x, "pobj")]
            near += [p for x in near if x.dep_ == "pobj" for ch in _children(x, "prep") if ch.lower_ == "of"
                     for p in _children(ch, "pobj")]
        if t.pos_ == "VERB":  # a mis-parsed subject: the nouns just before "exploded"
            near += [x for x in sent.doc[max(sent.start, t.i - 6):t.i] if x.pos_ == "NOUN"]
        if _words(x2 for x in near for x2 in [x, *[m for m in x.children if m.dep_ in ("compound", "amod")]]) & (P.ACCIDENT_EXPLODERS | P.DISASTER_WORDS):
            return True
    return False


# hazards no one wields, whose name before "hit" is the cause ("earthquake-hit areas")
_NATURAL_HAZARDS = P.DISASTER_WORDS - {"fire", "blaze", "inferno", "collapse", "crash", "collision", "accident"}


def _drop_non_violent_causes(cands: list[_Cand], sent: Span, after_accident: bool = False) -> bool:
    """Deaths and blasts that no one inflicted: an earthquake that killed, a boiler that exploded, people
    killed in a crash. They are no ASSAULT (ACLED and PLOVER code violence by an actor). Returns whether
    the sentence told such an accident or disaster (the next sentence's agentless toll is its toll)."""
    live = [c for c in cands if not c.absorbed and c.ptype in ("ASSAULT", "MOBILIZE")]
    sent_words = _sentence_words(sent)
    disaster_words = sent_words & (P.DISASTER_WORDS - {"fire", "collapse", "storm", "crash"})
    weapon_modes = set(_weapon_modes(list(sent))) - {"crowd-control"}
    weapons = bool(weapon_modes)
    accident = _accident_sentence(sent)
    told = accident
    for c in live:
        lem = _lem(c.trigger[0])
        if c.ptype == "MOBILIZE":
            if disaster_words and not weapons:
                c.absorbed = True  # troops sent to dig out snow or fight floods
            continue
        cause = _cause_words(c)
        t0 = c.trigger[0]
        # "earthquake-hit areas", "flood hit districts": the words just before name the cause
        if not weapons:
            cause |= {w for x in t0.doc[max(sent.start, t0.i - 2):t0.i] if x.pos_ in ("NOUN", "PROPN")
                      for w in (_lem(x), x.lower_.removesuffix("s"))} & _NATURAL_HAZARDS
        agentless = lem in _CASUALTY_VERBS and not _own_agent(c.anchor)
        if lem in _CASUALTY_VERBS | _EXPLOSION_WORDS and cause & P.DISASTER_WORDS:
            c.absorbed = told = True
        elif accident and (lem in _EXPLOSION_WORDS or agentless or lem in ("demolish", "destroy", "damage")):
            c.absorbed = True
        elif after_accident and lem in _EXPLOSION_WORDS and not sent_words & _BOMB_WORDS and not weapon_modes - {"explosives"}:
            c.absorbed = told = True  # "... a gas cylinder exploded. The blast shook nearby homes."
        elif lem in _TWO_SIDED | {"war", "campaign"} and not weapons and _words(
                c.trigger[0].head.head.subtree if c.trigger[0].dep_ == "pobj" else c.trigger[0].subtree) & disaster_words:
            c.absorbed = told = True  # "their battle to contain the wildfires"
        elif agentless and (sent_words & P.DISASTER_WORDS or after_accident) and not weapons \
                and not any(o is not c and _lem(o.trigger[0]) not in _CASUALTY_VERBS for o in live if not o.absorbed):
            c.absorbed = told = True  # "19 people were killed when their bus plunged ... in the accident"
    return told


def _drop_agentless_toll(cands: list[_Cand], sent: Span) -> None:
    """A sentence whose only violence is a toll with no one inflicting it, when the next sentence
    says it was an accident or a disaster."""
    live = [c for c in cands if not c.absorbed and c.ptype == "ASSAULT"]
    if not live or set(_weapon_modes(list(sent))) - {"crowd-control"}:
        return
    if all(_lem(c.trigger[0]) in _CASUALTY_VERBS and not _own_agent(c.anchor) for c in live):
        for c in live:
            c.absorbed = True


def _np_kind(tok: Token) -> str:
    return guess_actor_kind(tok.doc[slice(*_np_bounds(tok))].text)


_SCATTER_VERBS = frozenset({"scatter", "send", "force", "terrify", "panic", "frighten"})


def _target_words(c: _Cand) -> set[str]:
    """Head lemmas of an attack's targets: recipients and the places it happened in / at."""
    tok = c.anchor if not c.is_noun else c.trigger[0]
    heads = list(c.recipients)
    for head in {tok, c.trigger[0]}:
        heads += [p for ch in head.children if ch.dep_ == "prep" and ch.lower_ in ("in", "inside", "at", "on", "against", "near", "outside", "into")
                  for p in _children(ch, "pobj")]
        # "opened fire, scattering frightened traders": whom the shooting sent running
        heads += [o for ch in head.children if ch.dep_ == "advcl" and ch.tag_ == "VBG" and _lem(ch) in _SCATTER_VERBS
                  for o in _children(ch, "dobj")]
    out = set()
    for h in heads:
        for x in _conjuncts(h):
            out.add(_lem(x))
            out.add(x.lower_)
    return out


# damage a crowd does to property (ACLED: demonstrators who destroy property make a violent demonstration)
_CROWD_DAMAGE_VERBS = frozenset({"smash", "torch", "loot", "vandalize", "vandalise", "ransack", "trash", "pelt"})
_DESCENT_VERBS = frozenset({"descend", "spiral", "degenerate", "dissolve", "erupt", "escalate", "devolve"})
_DISORDER_NOUNS = frozenset({"violence", "riot", "rioting", "clash", "unrest", "mayhem", "vandalism", "looting"})


def _crowd_damage(t: Token) -> bool:
    """Property smashed, torched or looted (or set on fire) by anyone but the state's forces."""
    lem = _lem(t)
    fire = lem == "set" and (any(ch.lower_ in ("ablaze", "alight") for ch in t.children) or any(
        _lem(p) == "fire" for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "on" for p in _children(ch, "pobj")))
    if lem not in _CROWD_DAMAGE_VERBS and not fire or t.pos_ not in ("VERB", "ADJ"):
        return False
    head = t
    while head.dep_ == "conj" and not _children(head, "nsubj", "agent"):
        head = head.head
    doers = _children(head, "nsubj") + [p for ch in _children(head, "agent") for p in _children(ch, "pobj")]
    return not any(_np_kind(d) == "state" for d in doers)


_MOVEMENT_VERBS = frozenset({"march", "walk", "parade", "advance", "move", "roll"})
_ARMED_KINDS = frozenset({"state", "rebel", "militia", "identity_militia", "external"})
_CHARGE_HEADS = frozenset({"charge", "accusation", "suspicion", "allegation"})
_JAIL_VERBS = frozenset({"arrest", "detain", "jail", "imprison", "sentence", "charge", "convict", "prosecute", "fine",
                         "sue", "hold", "summon"})
_GRIEVANCE_VERBS = frozenset({"condemn", "decry", "denounce", "protest", "oppose", "deplore", "criticise", "criticize",
                              "mourn", "commemorate", "honour", "honor", "remember"})


def _crowd_on_demonstration(c: _Cand) -> bool:
    """People with no armed group, force or weapon named who attack a demonstration or its
    demonstrators: ACLED's mob violence (unorganised attackers), not force against protesters."""
    if not c.actors or set(c.modes) & (_MEANS_MODES - {"primitive"}):
        return False
    targets = list(c.recipients) + ([] if c.is_noun else _objects(c.anchor))
    if not any(_lem(x) in P.PROTEST_WORDS for r in targets for x in _conjuncts(r)):
        return False
    return all(_np_kind(a) in ("unknown", "civilians") and not _words(a.subtree) & _BOMB_WORDS for a in c.actors)


_HOLDING_VERBS = frozenset({"occupy", "hold", "control"})


def _territory_not_taken(t: Token) -> bool:
    """A capture only aimed at ("an attack to capture the positions", "tried to retake the town") or
    ground only held ("fighters occupying the village"): no territory changed hands."""
    if t.dep_ in ("xcomp", "acl", "advcl", "relcl") and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children):
        return True
    return t.dep_ == "acl" and t.tag_ == "VBG" and _lem(t) in _HOLDING_VERBS


def _doers(t: Token) -> list:
    """The subject of a verb, or of the verb it is conjoined to ("captured the town and marched on"),
    also through a participle clause ("seized the town, securing the road, and marched on")."""
    head = t
    while head.dep_ in ("conj", "advcl", "xcomp") and not _children(head, "nsubj") and head.head is not head:
        head = head.head
    return _children(head, "nsubj")


def _armed_movement(t: Token) -> bool:
    """Troops or fighters marching or advancing: a movement of forces, not a demonstration."""
    return t.pos_ == "VERB" and _lem(t) in _MOVEMENT_VERBS and any(_np_kind(d) in _ARMED_KINDS for d in _doers(t))


def _charged_act(t: Token) -> bool:
    """A protest named as what someone is held or charged for ("arrested for organising a protest",
    "on charges of leading a march"): the arrest is the happening, the protest its reason."""
    reading = _READING
    if reading is not None and reading.doc is t.doc and not reading.charges:
        return False  # no word of the article is a charge or a jailing "for": no ancestor is
    return any(_charge(a) for a in t.ancestors)


def _charge(a: Token) -> bool:
    """A word a protest can be named as the reason of: "charges of ...", "jailed for ..."."""
    return _lem(a) in _CHARGE_HEADS or a.dep_ == "prep" and a.lower_ in ("for", "over") and _lem(a.head) in _JAIL_VERBS


def _grievance(t: Token) -> bool:
    """An act named as what a demonstration is against ("rallied to condemn the arrests", "a march
    against the jailing of ...", "rallied to mourn the demonstrators killed last month"): the
    demonstrators' cause, not force used on them."""
    h = t
    while True:
        if h.dep_ == "dobj" and _lem(h.head) in _GRIEVANCE_VERBS:
            return True
        if h.dep_ == "pobj" and h.head.lower_ in ("against", "over"):
            return True
        if h.dep_ in ("ROOT", "ccomp", "advcl", "xcomp", "parataxis") or h.head is h:
            return False
        h = h.head


def _not_a_demonstration(t: Token) -> bool:
    return _armed_movement(t) or _charged_act(t)


_THROW_VERBS = frozenset({"throw", "hurl", "toss"})
_PROJECTILES = frozenset({"stone", "rock", "brick", "bottle", "bomb", "cocktail", "molotov", "firework", "firecracker",
                          "grenade", "projectile", "missile", "object", "egg", "chair", "debris", "canister", "flare"})


def _harmless_throw(t: Token) -> bool:
    """Something thrown at no one and that hurts no one ("tossed flowers into the air"): no violence."""
    if _lem(t) not in _THROW_VERBS:
        return False
    aimed = any(ch.dep_ == "prep" and ch.lower_ in ("at", "on", "toward", "towards", "against") for ch in t.children)
    return not aimed and not _object_lemmas(_objects(t)) & _PROJECTILES


def _sentence_protest(sent: Span, live: list[_Cand]) -> tuple[bool, str | None]:
    """(is there a demonstration in the sentence, the qualifier for it: riot / excessive / intervention / None)."""
    words = _words(t for t in sent if not (t.lower_ in ("riot",) and t.dep_ == "compound")
                   and t.ent_type_ not in ("DATE", "TIME") and t.pos_ != "PROPN" and not _not_a_demonstration(t))
    protest = bool(words & P.PROTEST_WORDS) or any(c.ptype == "PROTEST" and not _not_a_demonstration(c.trigger[0])
                                                   for c in live)
    # what the demonstrators protest against is not force used on them
    live = [c for c in live if not (c.ptype in ("ASSAULT", "COERCE") and _grievance(c.trigger[0]))]
    violent = False
    live = [c for c in live if not c.hypothetical]
    for c in live:
        if c.ptype == "PROTEST" and "riot" in c.modes and _lem(c.trigger[0]) != "unrest":
            violent = True
        if c.ptype == "ASSAULT" and (any(_np_kind(a) in ("protesters", "rioters") for a in c.actors) or
                                     "mob" in c.modes):
            violent = True
        if c.ptype == "ASSAULT" and "crowd-control" in c.modes and any(_np_kind(x) == "rioters" for x in c.recipients):
            violent = True  # ACLED: a riot the police break up stays a riot
        if c.ptype == "ASSAULT" and _lem(c.trigger[0]) in ("clash", "scuffle", "confrontation") and \
                any(_np_kind(x) in ("protesters", "rioters") for x in c.actors + c.recipients):
            violent = True  # ACLED: clashes with demonstrators make a violent demonstration
    for t in sent:
        if t.pos_ == "VERB" and _lem(t) in _PROTEST_VIOLENCE_VERBS and not _harmless_throw(t):
            # the subject, or the people it counts or stands beside ("hundreds of protesters",
            # "TARROW (Wire) - Protesters threw ...")
            subj = [x for s0 in _children(t, "nsubj") for x in [s0, *(ch for ch in s0.children if ch.dep_ in ("appos", "conj"))]]
            subj += [p for x in subj for ch in _children(x, "prep") if ch.lower_ == "of" for p in _children(ch, "pobj")]
            if any(_lem(x) in P.PROTEST_WORDS | {"rioter", "youth", "mob", "crowd"} for x in subj):
                violent = True
        if protest and _crowd_damage(t):
            violent = True  # "thousands marched and some smashed shop windows"
        if _lem(t) in _DESCENT_VERBS and any(_lem(x) in _DISORDER_NOUNS for ch in t.children if ch.dep_ == "prep"
                                              and ch.lower_ == "into" for p in _children(ch, "pobj") for x in p.subtree) \
                and any(_lem(x) in P.PROTEST_WORDS for x in _children(t, "nsubj") or t.doc[max(sent.start, t.i - 6):t.i]):
            violent = True  # "the rally descended into violence" (no subject parsed: the words just before)
        if t.lower_ == "violent" and _lem(t.head) in ("turn", "become", "grow", "descend") and \
                any(_lem(x) in P.PROTEST_WORDS for x in _children(t.head, "nsubj")):
            violent = True  # "the rallies turned violent"
        if t.pos_ in ("ADJ",) and t.lower_ in ("violent", "aggressive", "riotous", "unruly") and _lem(t.head) in P.PROTEST_WORDS \
                and not (t.i >= 1 and (t.doc[t.i - 1].lower_ in ("non", "-") or t.doc[t.i - 1].lower_.startswith("non"))):
            violent = True  # "violent protests" ("non-violent protesters" are not)
        if t.pos_ in ("NOUN", "VERB") and _lem(t) in ("riot", "rioting", "rioter", "clash", "scuffle", "vandalism", "looting") \
                and t.dep_ != "compound":
            violent = violent or protest
    if not protest and violent:
        return False, "riot" if words & {"riot", "rioter", "rioting"} else None
    if violent:
        return True, "riot"
    lethal = intervention = False
    for c in live:
        if c.ptype == "ASSAULT":
            harm = set(c.modes) & (P.LETHAL_MODES - {"targeted"}) or _lem(c.trigger[0]) in ("kill", "shoot", "gun down", "massacre")
            if _lem(c.trigger[0]) in ("kill",) and not _own_agent(c.anchor) and c.trigger[0].dep_ != "acl":
                lethal = True  # "two people were killed in the protest" ("portraits of those killed" tell no killing)
            force = "crowd-control" in c.modes or any(_np_kind(a) == "state" for a in c.actors) or \
                any(_np_kind(r) == "protesters" for r in c.recipients)
            if force:
                intervention = True
                if harm:
                    lethal = True
        if c.ptype == "COERCE" and ("arrest" in c.modes or "restrict" in c.modes):
            intervention = True
    for t in sent:
        if _lem(t) in ("die", "kill") and any(_lem(x) in _CRACKDOWNS for ch in _children(t, "prep") if ch.lower_ in ("in", "during")
                                              for x in _children(ch, "pobj")):
            lethal = True  # "two marchers died in the crackdown"
        if t.lower_ in _EXCESSIVE_WORDS and (t.head.pos_ == "VERB" and _lem(t.head) in _INTERVENTION_VERBS | {"attack", "fire", "shoot", "use"}
                                             or _lem(t.head) in ("force", "ammunition", "round", "crackdown", "fire", "bullet")) \
                and not (t.head.dep_ == "dobj" and _lem(t.head.head) in _GRIEVANCE_VERBS
                         or t.head.dep_ == "pobj" and t.head.head.lower_ in ("against", "over")):
            # "rallied against the deadly crackdown": the demonstrators' cause, not force on them
            lethal = True
        if t.pos_ == "VERB" and _lem(t) in _INTERVENTION_VERBS and _lem(t) not in ("block", "prevent", "stop", "ban") \
                and not _grievance(t):
            intervention = True
    # without a protest word the qualifier only serves the protest of the sentence before
    if lethal:
        return protest, "excessive"
    if intervention:
        return protest, "intervention"
    return protest, None


_MISHAP_WORDS = frozenset({"accidentally", "prematurely", "inadvertently", "mistakenly", "accidental", "premature"})
# nouns that name a state of disorder rather than one demonstration
_SITUATION_PROTEST_NOUNS = frozenset({"unrest"})
# modifiers that make an act noun a standing situation ("the ongoing occupation", "the long siege")
_STANDING_WORDS = frozenset({"ongoing", "continuing", "continued", "long", "protracted", "prolonged", "permanent",
                             "perpetual"})
_CRACKDOWNS = frozenset({"crackdown", "clampdown", "repression", "suppression"})


def _protest_related(c: _Cand) -> bool:
    if c.ptype == "PROTEST":
        return True
    if c.ptype == "COERCE":
        # arrests, and a crackdown told as one on the demonstration ("two marchers died in the crackdown")
        return "arrest" in c.modes or _lem(c.trigger[0]) in _CRACKDOWNS and not _grievance(c.trigger[0])
    if c.ptype != "ASSAULT":
        return False
    if set(c.modes) & {"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "unconventional"} - {"crowd-control"} \
            and "crowd-control" not in c.modes:
        return False
    kinds = {_np_kind(x) for x in c.actors + c.recipients}
    if _lem(c.trigger[0]) in ("kill", "wound", "injure") and not _own_agent(c.anchor):
        return True  # the toll of the protest
    if any(_lem(a) in P.PROTEST_WORDS | {"crowd", "youth", "mob", "rioter"} for a in c.actors):
        return True  # the crowd at a demonstration
    return "crowd-control" in c.modes or bool(kinds & {"protesters", "rioters", "state"}) or \
        _lem(c.trigger[0]) in _TWO_SIDED | {"violence", "attack"} and not kinds - {"unknown"}


def _context_qualifiers(sentences: list[tuple[Span, Evidence, list[_Cand]]]) -> None:
    """Qualifier modes an ACLED sub-type needs and one mention alone does not show.

    - demonstrations: a sentence with a protest gets one protest qualifier (``riot`` when the
      demonstrators are violent, ``excessive`` for lethal or violent force on them, ``intervention``
      for dispersal or arrests), given to the protest and to the force used on it; a sentence
      that only tells how a protest was handled ("Police fired tear gas to disperse them.")
      qualifies the protest of the sentence before it;
    - attacks: the target (``civilian-target`` / ``military-target``), a two-sided fight, a mob;
    - territory taken while fighting is told in the same sentence (``fighting``);
    - a raid in which people are arrested or weapons seized is that arrest or seizure; an attack
      in which people are abducted is the abduction;
    - an agreement actually reached between two or more parties (``mutual``).
    """
    for _sent, _ev, live in sentences:
        for c in live:
            if c.ptype == "PROTEST" and not c.is_noun and _armed_movement(c.trigger[0]):
                c.absorbed = True  # "troops captured the town and marched on": no demonstration
    protest_info = [_sentence_protest(sent, [c for c in live if not c.absorbed]) for sent, _, live in sentences]
    for i, (sent, _ev, live) in enumerate(sentences):
        live = [c for c in live if not c.absorbed]
        has_protest, qual = protest_info[i]
        if has_protest and qual is None and i + 1 < len(protest_info):
            nxt_protest, nxt_qual = protest_info[i + 1]
            nxt_sent = sentences[i + 1][0]
            crowd = any(t.pos_ == "PRON" and t.lower_ in ("they", "them") or _lem(t) in P.PROTEST_WORDS | {"crowd", "gathering"}
                        for t in nxt_sent) or any("crowd-control" in c.modes for c in sentences[i + 1][2])
            if nxt_qual is not None and crowd:
                qual = nxt_qual  # "Police fired tear gas to disperse them."
        sent_words = _sentence_words(sent)
        fighting = any(c.ptype == "ASSAULT" and "seize" not in c.modes and not c.hypothetical for c in live) or \
            bool(sent_words & {"fighting", "clash", "battle", "offensive", "counteroffensive", "assault", "attack"})
        arrests = [c for c in live if c.ptype == "COERCE" and ("arrest" in c.modes or "weapons" in c.modes)]
        # "they attacked the positions; they used mortars": the means named by a use / fire clause
        means = [m for c in live if c.ptype == "ASSAULT" and _lem(c.trigger[0]) in ("use", "employ", "fire", "launch", "drop")
                 for m in c.modes if m in _MEANS_MODES]
        for c in live:
            if c.ptype == "ASSAULT" and means and not set(c.modes) & _MEANS_MODES and "seize" not in c.modes:
                c.modes.extend(dict.fromkeys(means))
        abductions = [c for c in live if c.ptype == "ASSAULT" and set(c.modes) & {"abduct", "sexual"}]
        for c in live:
            if "seize" in c.modes and "territory" in c.modes and not c.is_noun and _territory_not_taken(c.trigger[0]):
                if c.ptype == "ASSAULT":
                    c.modes[:] = [m for m in c.modes if m not in ("seize", "territory")]  # the attack, not a capture
                else:
                    c.absorbed = True
        live = [c for c in live if not c.absorbed]
        takeovers = [c for c in live if "seize" in c.modes and "territory" in c.modes and c.actors]
        remote = [m for c in live if c.ptype == "ASSAULT" for m in c.modes if m in ("aerial", "drone", "heavy-weapons")]
        by_anchor = {c.anchor.i: c for c in live if c.ptype == "ASSAULT" and not c.is_noun}
        for c in live:
            if c.ptype != "ASSAULT" or c.is_noun:
                continue
            host = by_anchor.get(c.anchor.head.i)
            if host is None or host is c:
                continue
            if c.anchor.dep_ in ("advcl", "xcomp") and _lem(c.anchor) in ("use", "employ"):
                host.modes.extend(c.modes)
                c.absorbed = True  # "dispersed the crowd using live bullets": the means of that act
            elif c.anchor.dep_ == "conj" and _children(c.anchor, "nsubj", "nsubjpass") == []:
                merged = _dedupe(host.modes + c.modes)  # "raped, beat and assaulted civilians": one act
                host.modes[:], c.modes[:] = list(merged), list(merged)
        for c in live:
            if c.ptype == "COERCE" and "weapons" in c.modes and _lem(c.trigger[0]) in ("destroy", "burn", "blow up") and remote:
                c.ptype, c.modes = "ASSAULT", ["destroy", *dict.fromkeys(remote)]  # weapons hit in a strike: the strike
        live = [c for c in live if not c.absorbed]
        for c in live:
            told_by = [c.trigger[0], *_children(c.trigger[0], "nsubj")]  # "a premature explosion killed ..."
            if c.ptype == "ASSAULT" and "explosives" in c.modes and "suicide-attack" not in c.modes and _words(
                    ch for t in told_by for ch in t.children if ch.dep_ in ("advmod", "amod")) & _MISHAP_WORDS:
                # ACLED: a bomb that goes off by accident in its owners' hands is disrupted weapons use (a
                # suicide bomber's blast stays a suicide bomb: the weapon comes first)
                c.ptype, c.modes = "COERCE", ["seize", "weapons"]
        bases = [c for c in live if c.ptype == "MOBILIZE" and "base" in c.modes]
        for c in live:
            lem = _lem(c.trigger[0])
            if qual and _protest_related(c) and (has_protest or qual == "riot" or c.ptype == "ASSAULT" and "crowd-control" in c.modes):
                c.modes.append(qual)
            elif not has_protest and qual == "riot" and c.ptype == "PROTEST":
                c.modes.append("riot")
            if c.ptype == "MOBILIZE" and bases and c not in bases:
                c.modes.append("base")  # vehicles deployed to the new post: part of setting it up
            if c.ptype == "RETREAT" and "withdraw" in c.modes and takeovers:
                c.modes.append("takeover")  # "... from rebels who withdrew": the taker's mention codes it
            if c.ptype == "ASSAULT" and takeovers and c not in takeovers and "seize" not in c.modes and \
                    not set(c.modes) & _MEANS_MODES - {"firearms"} and lem in _TWO_SIDED | _ASSAULT_WORDS:
                # "attacked and captured by rebels", "took the town amid fighting": one territorial battle
                c.modes.extend(["seize", "territory"])
                if all(_np_kind(a) == "unknown" for a in c.actors):
                    c.actors = c.actors + list(takeovers[0].actors)
            if c.ptype == "ASSAULT" and c.is_noun and (lem in _GENERIC_NOUNS or lem in _TWO_SIDED and _background_noun(c.trigger[0])):
                c.modes.append("generic")
            elif c.ptype in ("ASSAULT", "COERCE") and c.is_noun and _words(
                    ch for ch in c.trigger[0].children if ch.dep_ in ("amod", "compound")) & _STANDING_WORDS:
                c.modes.append("generic")  # "the ongoing occupation of the valley": a standing situation, no happening
            if c.ptype == "ASSAULT":
                harm = set(c.modes) & (P.LETHAL_MODES | P.DIRECT_HARM_MODES) or lem in _CASUALTY_VERBS
                if lem in _ARRESTISH_RAIDS and not harm and arrests and "seize" not in c.modes:
                    c.modes.extend(arrests[0].modes)  # "raids to detain activists": ACLED codes the arrests
                    continue
                if abductions and c not in abductions and not set(c.modes) & P.LETHAL_MODES - {"firearms"} and \
                        lem not in _CASUALTY_VERBS and c.trigger[0].i < abductions[0].trigger[0].i:
                    c.modes.extend(abductions[0].modes)  # "gunmen attacked the village, abducting ..."
                words = _target_words(c)
                if words & P.CIVILIAN_TARGETS and not words & P.MILITARY_TARGETS:
                    c.modes.append("civilian-target")
                elif words & P.MILITARY_TARGETS:
                    c.modes.append("military-target")
                if lem in _TWO_SIDED:
                    c.modes.append("two-sided")
                actor_words = _words(t for a in c.actors for t in a.subtree)
                actor_words |= _words(ch for ch in c.trigger[0].children if ch.dep_ in ("compound", "amod")) if c.is_noun else set()
                if actor_words & (_MOB_WORDS - ({"crowd"} if has_protest else set())) or lem in ("lynch", "lynching"):
                    c.modes.append("mob")  # at a demonstration, the crowd is the demonstrators
                elif _crowd_on_demonstration(c):
                    c.modes.append("mob")  # "a group of counter-protesters attacked the rally"
            if "territory" in c.modes and "seize" in c.modes:
                # ACLED: territory that changes hands without fighting is a non-violent transfer
                strong = sent_words & {"handover", "hand", "handed", "peacefully", "unopposed", "unchallenged"} or \
                    any(t.lower_ == "without" and _words(t.subtree) & {"fight", "fighting", "resistance", "battle", "shot", "gunshot", "clash"}
                        for t in sent)
                weak = sent_words & {"withdrawal", "withdrew", "withdraw", "vacate", "vacated", "evacuation", "pullout", "retreat",
                                     "retreated", "abandon", "abandoned"} or any(_lem(t) == "pull" and any(x.lower_ == "out" for x in t.children) for t in sent)
                if fighting:
                    c.modes.append("fighting")
                if strong or weak and not fighting:
                    c.modes.append("handover")
            if c.ptype == "AGREE" and lem == "agree" and not c.hypothetical and not c.negated and \
                    (len(c.actors) >= 2 or c.recipients and any(_is_party(r) for r in c.recipients)):
                c.modes.append("mutual")
        demonstrated = sent_words & P.PROTEST_WORDS or any(c.ptype == "PROTEST" and "riot" not in c.modes for c in live)
        for c in live:
            if c.ptype == "PROTEST" and _lem(c.trigger[0]) in _SITUATION_PROTEST_NOUNS and (
                    not demonstrated or _background_noun(c.trigger[0]) or c.trigger[0].dep_ == "pobj" and c.trigger[0].head.lower_ == "on"):
                c.modes.append("generic")  # "unrest in the suburbs reached the city": a situation; its acts are coded
        if not demonstrated and any(c.ptype == "ASSAULT" and "mob" in c.modes for c in live):
            for c in live:
                if c.ptype == "PROTEST" and "riot" in c.modes:
                    c.modes.append("mob")  # "riots after a mob beat a suspected thief": no demonstration, a mob


# ---------------------------------------------------------------------------------------------
# PLOVER -> ACLED
# ---------------------------------------------------------------------------------------------


def acled_inter_code(kind: str | None) -> int:
    """ACLED ``inter`` code of an actor kind (1 state ... 8 external/other; 0 = none / unknown)."""
    if kind is None:
        return 0
    return P.ACLED_INTER_CODES.get(kind.strip().lower(), 0)


# words after which an actor phrase speaks of something else ("forces in a crackdown on militants")
_KIND_CUT_WORDS = frozenset({"in", "on", "at", "near", "during", "after", "against", "who", "which", "that", "with",
                             "while", "as", "into", "for", "to", "over", "since", "before", ","})


# modifiers that name a state's own auxiliary forces when a force noun follows ("paramilitary police",
# "paramilitary troops" are state forces; "the paramilitaries" alone are a militia)
_STATE_AUXILIARY_MODIFIERS = frozenset({"paramilitary"})
_SELF_STYLED_STATES = frozenset({"islamic", "caliphate"})


def guess_actor_kind(text: str) -> str:
    """A rough actor kind from the words of an actor phrase (state|rebel|militia|protesters|...|unknown).

    The head of the phrase decides; words after a preposition or a relative clause describe
    something else and are not read ("security forces in a crackdown on militants" are state forces).
    """
    words = [w.strip(".'’\"").lower() for w in text.replace("-", " ").replace(",", " , ").split()]
    # a group that calls itself a state ("Islamic State") is an armed group, not a state's forces
    words = ["rebel" if w == "state" and i and words[i - 1] in _SELF_STYLED_STATES else w for i, w in enumerate(words)]
    for i, w in enumerate(words):
        if i > 0 and w in _KIND_CUT_WORDS:
            words = words[:i]
            break
    kinds = []
    for i, w in enumerate(words):
        base = w[:-1] if w.endswith("s") and w[:-1] in P.ACTOR_KIND_WORDS else w
        if base.endswith("'s"):
            base = base[:-2]
        k = P.ACTOR_KIND_WORDS.get(base)
        if k and not (base in _STATE_AUXILIARY_MODIFIERS and any(
                P.ACTOR_KIND_WORDS.get(x[:-1] if x.endswith("s") else x) == "state" for x in words[i + 1:])):
            kinds.append(k)
    if not kinds:
        return "unknown"
    # the head noun (last kind word) decides: "separatist forces" -> rebel beats force -> state
    for prefer in ("rebel", "militia", "protesters", "rioters", "external"):
        if prefer in kinds and kinds[-1] == "state":
            return prefer
    return kinds[-1]


_ACT_MODES = frozenset({"firearms", "heavy-weapons", "explosives", "aerial", "drone", "suicide-attack", "unconventional",
                        "primitive", "beat", "torture", "targeted", "abduct", "sexual", "destroy", "seize", "crowd-control"})


def _protest_subtype(m: set[str]) -> str | None:
    """The protest / riot sub-type a protest-context qualifier names, if any."""
    if "riot" in m:
        return "Violent demonstration"
    if "excessive" in m:
        return "Excessive force against protesters"
    if "intervention" in m:
        return "Protest with intervention"
    return None


def acled_type(plover_type: str, modes: tuple[str, ...], actor_kinds: tuple[str, ...],
               recipient_kinds: tuple[str, ...]) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) for a PLOVER event, per the CODEBOOKS mapping table.

    The decision reads, in ACLED's own order of precedence:

    1. demonstrations: the protest qualifiers the sentence gave (``riot`` = the demonstrators are
       violent, ``excessive`` = lethal or violent force on a demonstration, ``intervention`` =
       dispersal, crowd-control means or arrests) type the protest and the force used on it alike;
       a mob (``mob``) attacking is Mob violence;
    2. the weapon (remote violence: chemical > suicide > air/drone > grenade > explosive > shelling);
    3. the act (sexual violence, abduction, territory taken, property destroyed);
    4. who is hit: civilians or a civilian place -> Attack; an armed side, a military place, or a
       two-sided fight -> Armed clash.

    ``(None, None)`` when the event is not an ACLED event (CONSULT, REQUEST, ACCUSE, ...).
    """
    m = set(modes)
    a = {k.lower() for k in actor_kinds}
    r = {k.lower() for k in recipient_kinds}
    t = plover_type.upper()
    armed = P.ORGANISED_KINDS
    if m & P.AUX_MODES:
        return None, None  # planned, threatened, denied or negated: a PLOVER event, not an ACLED row
    if t == "ASSAULT":
        if "mob" in m:
            return P.RIOTS, "Mob violence"
        protest = _protest_subtype(m)
        remote = {mode for mode, _sub in P.ACLED_REMOTE_SUBTYPES} & m
        # victims called activists or protesters in a sentence that tells no demonstration: an air
        # strike or a bomb that hits them is still typed by its weapon
        # (an activist abducted or raped is that act, not force on a demonstration)
        if protest is None and (r & P.PROTESTER_KINDS and not remote and not m & {"abduct", "sexual"} or "crowd-control" in m):
            protest = "Excessive force against protesters" if m & P.LETHAL_MODES - {"targeted"} else "Protest with intervention"
        if protest is None and a & P.PROTESTER_KINDS:
            protest = "Violent demonstration"
        if protest is not None:
            return (P.RIOTS if protest == "Violent demonstration" else P.PROTESTS), protest
        if a & P.RIOTER_KINDS:
            return P.RIOTS, "Mob violence"
        if "arrest" in m or "seize" in m and "weapons" in m:
            return acled_type("COERCE", modes, actor_kinds, recipient_kinds)  # a raid told by what it seized
        for mode, sub in P.ACLED_REMOTE_SUBTYPES:
            if mode in m:
                return P.REMOTE, sub
        if "sexual" in m:
            return P.VAC, "Sexual violence"
        if "abduct" in m:
            return P.VAC, "Abduction/forced disappearance"
        if "seize" in m and "territory" in m:
            if "handover" in m:
                return P.STRATEGIC, "Non-violent transfer of territory"
            if a & P.STATE_KINDS:
                return P.BATTLES, "Government regains territory"
            if a & (armed - P.STATE_KINDS):
                return P.BATTLES, "Non-state actor overtakes territory"
            return P.BATTLES, "Armed clash"
        if "destroy" in m and not (m & P.DIRECT_HARM_MODES) and not r & P.CIVILIAN_KINDS:
            return P.STRATEGIC, "Looting/property destruction"
        if "generic" in m and not m & _ACT_MODES:
            return None, None  # "the war", "violence": a situation, not a codable happening
        if a and a <= P.CIVILIAN_KINDS and not r & armed and m & {"beat", "primitive", "destroy", "torture", "firearms"}:
            return P.RIOTS, "Mob violence"  # unorganised people attacking: a mob
        if "two-sided" in m and "primitive" in m and not (a | r) & armed:
            return P.RIOTS, "Mob violence"  # people fighting with sticks and stones, no armed group named: a brawl
        if "civilian-target" in m and not m & {"two-sided", "military-target"}:
            return P.VAC, "Attack"
        if "two-sided" in m or "military-target" in m or r & armed:
            return P.BATTLES, "Armed clash"
        if r & P.CIVILIAN_KINDS or m & {"beat", "torture", "primitive"}:
            return P.VAC, "Attack"
        if not a and not r and not m:
            return None, None  # an attack by no one on no one: nothing an ACLED row could hold
        return P.BATTLES, "Armed clash"
    if t == "PROTEST":
        if "generic" in m:
            return None, None  # unrest as a situation: no one demonstration to code
        if "riot" in m:
            if "mob" in m:
                return P.RIOTS, "Mob violence"
            return P.RIOTS, "Violent demonstration"
        if "excessive" in m:
            return P.PROTESTS, "Excessive force against protesters"
        if "intervention" in m:
            return P.PROTESTS, "Protest with intervention"
        return P.PROTESTS, "Peaceful protest"
    if t == "COERCE":
        if "generic" in m:
            return None, None  # a standing occupation or blockade: a situation, not a happening
        if "arrest" in m:
            protest = _protest_subtype(m)
            if protest is not None:
                return (P.RIOTS if protest == "Violent demonstration" else P.PROTESTS), protest
            if a and not (a & P.STATE_KINDS) and a & (armed - P.STATE_KINDS):
                return P.VAC, "Abduction/forced disappearance"
            return P.STRATEGIC, "Arrests"
        if "seize" in m:
            if "weapons" in m:
                return P.STRATEGIC, "Disrupted weapons use"
            if "territory" in m:
                # handed over, vacated or entered without a fight -> a transfer; else taken by force
                if "handover" not in m:
                    if a & P.STATE_KINDS:
                        return P.BATTLES, "Government regains territory"
                    if a & (armed - P.STATE_KINDS):
                        return P.BATTLES, "Non-state actor overtakes territory"
                return P.STRATEGIC, "Non-violent transfer of territory"
            return P.STRATEGIC, "Looting/property destruction"
        protest = _protest_subtype(m)
        if "restrict" in m and protest in ("Excessive force against protesters", "Protest with intervention"):
            return P.PROTESTS, protest  # a crackdown on the demonstration the sentence tells
        if m & {"curfew", "martial-law"}:
            return P.STRATEGIC, "Other"
        return None, None  # blockades, restrictions, deportations: PLOVER only
    if t == "MOBILIZE":
        if "base" in m:
            return P.STRATEGIC, "Headquarters or base established"
        return P.STRATEGIC, "Change to group/activity"
    if t == "RETREAT":
        if "takeover" in m:
            return None, None
        if "surrender" in m:
            return P.STRATEGIC, "Agreement"  # ACLED counts surrenders among agreements
        if "withdraw" in m:
            return P.STRATEGIC, "Non-violent transfer of territory"
        if "disarm" in m:
            return P.STRATEGIC, "Change to group/activity"
        if m & {"ceasefire", "release"}:
            return P.STRATEGIC, "Agreement"
        return None, None
    if t in ("AGREE", "SUPPORT"):
        if m & {"agreement", "mutual"}:
            return P.STRATEGIC, "Agreement"
        return None, None
    return None, None
