"""Claim contradictions: one source asserts what another denies, sources give clashing times for
one fact, or blame different actors for one act.

Two steps, both pure:

- :func:`extract_claims` (per article, over the spaCy ``Doc``) finds typed claim mentions, each
  with its source (a quoted speaker or the subject of a reporting or denying verb) and evidence:

  * **denials**: "X denied/rejected (Y's) claims/reports that P" (which also yields Y's
    assertion of P), "X denies having troops in Z", "X called the allegations of P false", and
    negated statements in a source's words ("Armenia has not had an army in Z since 2021");
  * **assertions** of a few conflict predicates that sides routinely dispute, in a source's words
    (never the outlet's own): a state's armed presence somewhere ("the withdrawal of X's troops
    from Z"), attacks on civilians ("accused X of targeting civilians") against "only military
    targets", ceasefire violations against "respected the ceasefire";
  * **timing** of a notice ("informed a few minutes before" vs "long before");
  * **blame** for an act ("X blamed Y for the explosion").

- :func:`claim_contradictions` (corpus level) pairs them within a story: an assertion and a
  denial of the same predicate about the same actor from sources on different sides
  (``occurred``), incompatible times for the same notice (``date``), different actors blamed for
  the same act (``attribution``). Precision first: only explicit assertions and explicit denials
  meet; nothing is inferred from silence.

The predicate vocabulary is data in ``extract/patterns/framing.py`` (general conflict usage).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsprism.extract.patterns import framing as L
from newsprism.records import ArticleContext, Claim, Contradiction, Evidence, Quote, content_id, from_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ClaimMention", "extract_claims", "claim_contradictions"]


@dataclass(frozen=True)
class ClaimMention:
    """One claim a source makes in one article (a per-article fact)."""

    claim_id: str
    article_id: str
    frame: str  # presence|civilian_targeting|ceasefire_violation|reported|notice_time|blame
    polarity: str  # assert|deny
    actor: str | None  # whose act or forces (a side: ISO country code, else a folded name)
    place: str | None  # where (folded name), when the claim says
    value: str | None  # notice_time: the time class; blame: the act; reported: the topic
    source: str | None  # who makes the claim (speaker / subject of the verb), None: unknown
    source_side: str | None  # the side the source speaks for (ISO code or folded name)
    quote_id: str | None  # the stored quote the claim sits in, if any
    pair: str | None  # ties a denial to the claim it denies in the same sentence
    evidence: Evidence


# --------------------------------------------------------------------------------------------
# per article
# --------------------------------------------------------------------------------------------

_NEG = frozenset({"not", "n't", "never", "no", "nor", "neither"})
_ONLY = frozenset({"only", "solely", "exclusively", "just"})
_TIME_RANK = {"seconds": 0, "minute": 1, "minutes": 1, "hour": 2, "hours": 2, "day": 3, "days": 3, "week": 4,
              "weeks": 4, "month": 5, "months": 5, "year": 6, "years": 6}
_LONG = re.compile(r"\b(long|well|much|way|far)\s+(before|ahead|in advance)\b|\bin advance\b|\bbeforehand\b|\bearlier\b",
                   re.IGNORECASE)
_UNITS = re.compile(r"\b(?:(?:a\s+few|few|several|some|a|an|one|two|three|\d+|only|just|mere|a\s+couple\s+of)\s+)*"
                    r"(seconds|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:before|ahead|earlier|prior)\b",
                    re.IGNORECASE)
_NOTICE = frozenset({"inform", "warn", "notify", "tell", "alert", "warning", "information", "notice", "notification",
                     "know", "aware", "brief"})


def _side(name: str | None) -> str | None:
    from newsprism.framing import fold, side_of

    if not name:
        return None
    return side_of(name) or " ".join(fold(name).split()) or None


def _country(name: str | None) -> str | None:
    from newsprism.framing import side_of

    return side_of(name) if name else None


def _sent_negated(tok: Token) -> bool:
    """The clause of ``tok`` is negated ("has not had", "doesn't maintain", "no army")."""
    node = tok
    for _ in range(4):
        if any(c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ in {"det", "advmod", "neg"} for c in node.children):
            return True
        if node.head.i == node.i or node.pos_ in {"VERB", "AUX"} and node.dep_ in {"ROOT", "ccomp", "advcl", "relcl"}:
            break
        node = node.head
    return False


def _state_forces(tok: Token) -> str | None:
    """The side whose state forces ``tok`` names ("Armenian troops", "armed forces of Armenia",
    "Armenia's army"), else None (also for separatist, local, peacekeeping ... forces)."""
    from newsprism.framing import side_of

    words = {tok.lower_, tok.lemma_.lower()}
    if not words & L.PRESENCE_NOUNS:
        return None
    if tok.lower_ in {"military", "force"} and tok.pos_ != "NOUN":
        return None
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    if any(m.lower_ in L.NON_STATE_MODIFIERS or m.lemma_.lower() in L.NON_STATE_MODIFIERS for m in mods):
        return None
    # "the Armenian Armed Forces": the named entity may hold the whole phrase
    cands = [m for m in mods if m.ent_type_ in {"NORP", "GPE"} or m.pos_ == "PROPN"]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            cands += [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "NORP"}]
    for m in mods:  # "Armenian armed forces": "armed" -> look at its siblings too
        cands += [c for c in m.children if c.ent_type_ in {"NORP", "GPE"}]
    for c in cands:
        side = side_of(c.text)
        if side:
            return side
    return None


def _place_in(span: Span, near: Token | None = None) -> str | None:
    """Where a claim is about: "in/from/inside/into X" attached to ``near`` (the predicate word),
    its head or the head's head; without ``near``, the first such place in ``span`` that is not
    part of a source's name ("the Prosecutor General's Office in Baku")."""
    nodes = []
    if near is not None:
        nodes = [near, near.head, near.head.head]
    else:
        nodes = [t for t in span if t.pos_ in {"VERB", "NOUN"} and not (t.dep_ in {"nsubj", "nsubjpass"})]
    for n in nodes:
        for prep in n.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "inside", "into"}:
                for p in prep.children:
                    if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "LOC"}:
                        ent = next((e for e in p.doc.ents if e.start <= p.i < e.end), None)
                        return re.sub(r"^(?i:the)\s+", "", ent.text if ent is not None else p.text)
    return None


def _presence(span: Span) -> tuple[str, Token] | None:
    """A state's armed forces named in ``span`` (a claim of their presence/involvement)."""
    for t in span:
        side = _state_forces(t)
        if side:
            return side, t
    return None


def _civilian_targeting(span: Span) -> Token | None:
    for t in span:
        if t.lemma_.lower() in L.TARGETING_VERBS and t.pos_ in {"VERB", "NOUN"}:
            objs = [c for c in t.children if c.dep_ in {"dobj", "pobj", "prep", "nsubjpass"}]
            objs += [g for c in objs if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for o in objs:
                words = {o.lower_, o.lemma_.lower()} | {m.lower_ for m in o.children if m.dep_ in {"amod", "compound"}}
                if words & L.CIVILIAN_TARGETS and not words & L.MILITARY_TARGET_WORDS:
                    return t
    return None


def _military_only(span: Span) -> Token | None:
    """"only (shelling) military targets": a denial of hitting civilians."""
    for t in span:
        if t.lower_ in _ONLY:
            rest = span.doc[t.i + 1:min(t.i + 6, span.end)]
            if any(r.lower_ in L.MILITARY_TARGET_WORDS for r in rest) and any(
                    r.lemma_.lower() in {"target", "objective", "position", "object", "facility", "infrastructure"}
                    for r in rest):
                return t
    return None


def _violation(span: Span) -> Token | None:
    text = span.text.lower()
    if re.search(r"violat\w*\s+(?:of\s+)?(?:the\s+)?(?:ceasefire|cease-fire|truce)|(?:ceasefire|cease-fire|truce)\s+violations?"
                 r"|(?:broke|breach\w*|broken)\s+(?:the\s+)?(?:ceasefire|cease-fire|truce)", text):
        return next((t for t in span if t.lemma_.lower() in {"violation", "violate", "break", "breach"}), span[0])
    return None


def _respected(span: Span) -> Token | None:
    text = span.text.lower()
    if re.search(r"(?:respected|observed|adhered to|complied with|abided by|honou?red)\s+(?:the\s+)?(?:ceasefire|cease-fire|truce)",
                 text):
        return next((t for t in span if t.lemma_.lower() in {"respect", "observe", "adhere", "comply", "abide", "honour",
                                                               "honor"}), span[0])
    return None


def _notice_time(span: Span) -> str | None:
    """The time class of a notice ("informed a few minutes before" -> "minutes"; "long before",
    "in advance" -> "long"), when ``span`` is about being told in advance."""
    if not any(t.lemma_.lower() in _NOTICE for t in span):
        return None
    m = _UNITS.search(span.text)
    if m:
        return m.group(1).lower().rstrip("s") + "s"
    if _LONG.search(span.text):
        return "long"
    return None


def _time_clash(a: str, b: str) -> bool:
    if a == b:
        return False
    if "long" in (a, b):
        other = b if a == "long" else a
        return _TIME_RANK.get(other, 9) <= 2  # "long before" vs seconds/minutes/hours
    return abs(_TIME_RANK.get(a, 9) - _TIME_RANK.get(b, 9)) >= 2


@dataclass
class _Ctx:
    doc: Doc
    ctx: ArticleContext
    voices: Any
    quotes: list[Quote]
    out: list[ClaimMention]

    def quote_at(self, start: int, end: int) -> Quote | None:
        for q in self.quotes:
            s, e = q.evidence.start - self.ctx.offset, q.evidence.end - self.ctx.offset
            if s <= start and end <= e or (s < end and start < e and (min(e, end) - max(s, start)) > (end - start) // 2):
                return q
        return None

    def emit(self, frame: str, polarity: str, tok_start: int, tok_end: int, *, actor: str | None, place: str | None,
             value: str | None, source: str | None, pair: str | None = None) -> ClaimMention | None:
        span = self.doc[tok_start:tok_end]
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        while len(span) and (span[0].is_punct and span[0].text not in {"\u201c", '"'} or span[0].is_space):
            span = span[1:]
        if not len(span):
            return None
        s, e = span.start_char, span.end_char
        if self.ctx.text[s:e] != span.text:
            return None  # overlaps blanked clutter
        ev = self.ctx.evidence(s, e)
        q = self.quote_at(s, e)
        if source is None and q is not None and q.speaker is not None:
            source = q.speaker.name
        m = ClaimMention(
            claim_id=content_id("clm", self.ctx.article_id, ev.start, ev.end, frame, polarity),
            article_id=self.ctx.article_id, frame=frame, polarity=polarity, actor=actor, place=place, value=value,
            source=source, source_side=_side(source), quote_id=q.quote_id if q is not None else None, pair=pair,
            evidence=ev,
        )
        if all(x.claim_id != m.claim_id for x in self.out):
            self.out.append(m)
        return m


def _clause_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds of ``tok``'s subtree, kept inside its sentence."""
    sent = tok.sent
    return max(tok.left_edge.i, sent.start), min(tok.right_edge.i + 1, sent.end)


def _source_of_verb(c: _Ctx, verb: Token) -> str | None:
    subj = c.voices._subject(verb)
    if subj is None:
        return None
    if subj.pos_ == "PRON" and subj.lower_ in {"we", "i", "us"}:
        q = c.quote_at(subj.idx, subj.idx + len(subj.text))
        return q.speaker.name if q is not None and q.speaker is not None else None
    from newsprism.framing import _plausible_source

    if not _plausible_source(subj):
        return None
    return c.voices._name(subj)


def _content_clause(noun: Token) -> Token | None:
    """The "that ..." clause or "of ..." object of a claim noun ("claims that P", "allegations of P")."""
    for ch in noun.children:
        if ch.dep_ in {"acl", "ccomp", "relcl", "appos"} and ch.pos_ in {"VERB", "AUX"} and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in ch.children):
            return ch
    for ch in noun.children:
        if ch.dep_ in {"acl", "ccomp"} and ch.pos_ in {"VERB", "AUX"}:
            return ch
    for ch in noun.children:
        if ch.dep_ == "prep" and ch.lower_ in {"of", "about"}:
            for g in ch.children:
                if g.dep_ in {"pobj", "pcomp"}:
                    return g
    return None


def _owner(noun: Token) -> str | None:
    """Whose claim: "Baku's claims", "Hamas claims", "claims by Hamas", "media reports"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return noun.doc[pobj.left_edge.i:pobj.i + 1].text
    poss = next((ch for ch in noun.children if ch.dep_ == "poss"), None)
    if poss is not None:
        from newsprism.extract.speakers import noun_phrase

        return re.sub(r"['\u2019]s?$", "", noun_phrase(poss).text).strip() or None
    mods = [ch for ch in noun.children if ch.dep_ in {"amod", "compound"} and ch.i < noun.i]
    if mods:
        if all(m.pos_ == "PROPN" or m.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"} for m in mods):
            return noun.doc[mods[0].i:noun.i].text  # "Hamas claims" -> Hamas
        return noun.doc[mods[0].i:noun.i + 1].text  # "media reports"
    return None


def _classify(c: _Ctx, span: Span, polarity: str, source: str | None, pair: str | None, bounds: tuple[int, int],
              actor_hint: str | None = None) -> list[ClaimMention]:
    """Claims of the known predicates in ``span`` (the content of an assertion or a denial)."""
    out: list[ClaimMention] = []
    place = _place_in(span)
    pres = _presence(span)
    if pres is not None:
        m = c.emit("presence", polarity, *bounds, actor=pres[0], place=_place_in(span, pres[1]) or place, value=None,
                   source=source, pair=pair)
        out += [m] if m else []
    elif polarity == "deny" and actor_hint and any(
            t.lemma_.lower() in {"troop", "army", "force", "soldier", "serviceman", "presence", "unit", "military"}
            for t in span):
        m = c.emit("presence", polarity, *bounds, actor=actor_hint, place=place, value=None, source=source, pair=pair)
        out += [m] if m else []
    if _civilian_targeting(span) is not None:
        m = c.emit("civilian_targeting", polarity, *bounds, actor=actor_hint, place=place, value=None, source=source,
                   pair=pair)
        out += [m] if m else []
    if _violation(span) is not None:
        m = c.emit("ceasefire_violation", polarity, *bounds, actor=actor_hint, place=place, value=None, source=source,
                   pair=pair)
        out += [m] if m else []
    t = _notice_time(span)
    if t is not None:
        m = c.emit("notice_time", "assert", *bounds, actor=None, place=None, value=t, source=source, pair=pair)
        out += [m] if m else []
    return out


def extract_claims(doc: Doc, ctx: ArticleContext, quotes: Sequence[Quote] = (), voiced: Any = None) -> list[ClaimMention]:
    """Typed claims in one article, each with its source and evidence (see the module docstring).

    Args:
        doc: the spaCy Doc over the article's (masked) text.
        ctx: the article context (evidence is sliced from ``ctx.text``).
        quotes: the article's quotes (document offsets): their speakers are the claims' sources.
        voiced: ``framing.voices(doc, ctx, quotes)`` when the caller has it already.
    """
    from newsprism.framing import voices

    c = _Ctx(doc, ctx, voiced if voiced is not None else voices(doc, ctx, quotes), [q for q in quotes if q.article_id == ctx.article_id], [])
    denied_bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            # --- "X denied/rejected (Y's) claims that P" / "X denies having P" / "X denied that P"
            if tok.pos_ == "VERB" and lemma in L.DENY_VERBS:
                source = _source_of_verb(c, tok)
                source_side = _side(source)
                obj = next((ch for ch in tok.children if ch.dep_ == "dobj"), None)
                comp = next((ch for ch in tok.children if ch.dep_ in {"ccomp", "xcomp"}), None)
                owner_hint = None
                if obj is not None and obj.pos_ == "PROPN" and obj.i + 1 < len(doc) and \
                        doc[obj.i + 1].lower_ in L.DENIED_NOUNS and doc[obj.i + 1].head.i in {tok.i, obj.i}:
                    owner_hint, obj = obj.text, doc[obj.i + 1]  # "rejected Hamas claims that" (misparsed)
                if obj is not None and (obj.lower_ in L.DENIED_NOUNS or obj.lemma_.lower() in L.DENIED_NOUNS):
                    content = _content_clause(obj)
                    if content is None:
                        continue
                    cb = _clause_bounds(content)
                    if content.dep_ in {"pobj", "pcomp"}:
                        cb = (content.left_edge.i, content.right_edge.i + 1)
                    if doc[cb[0]].lower_ == "that" and cb[1] - cb[0] > 1:
                        cb = (cb[0] + 1, cb[1])
                    pair = content_id("pair", ctx.article_id, doc[cb[0]].idx)
                    owner = owner_hint or _owner(obj)
                    deny_end = obj.i + 1
                    deny_start = sent.start
                    cspan = doc[cb[0]:cb[1]]
                    value = _topic(cspan)
                    c.emit("reported", "deny", deny_start, deny_end, actor=None, place=None, value=value,
                           source=source, pair=pair)
                    owner = owner or obj.text
                    c.emit("reported", "assert", cb[0], cb[1], actor=None, place=None, value=value,
                           source=owner, pair=pair)
                    _classify(c, cspan, "assert", owner, pair, cb)
                    denied_bounds.append(cb)
                elif comp is not None:
                    cb = _clause_bounds(comp)
                    cspan = doc[cb[0]:cb[1]]
                    _classify(c, cspan, "deny", source, None, (sent.start, cb[1]), actor_hint=_country(source))
                    denied_bounds.append(cb)
            # --- "P, a charge/claim X denied": the sentence's reported claim, denied by X
            if tok.pos_ == "VERB" and lemma in L.DENY_VERBS and tok.dep_ in {"relcl", "acl"} and \
                    tok.head.lower_ in L.DENIED_NOUNS and tok.head.dep_ in {"appos", "npadvmod", "dobj", "attr"}:
                root = sent.root
                comp = next((ch for ch in root.children if ch.dep_ == "ccomp"), None)
                if root.lemma_.lower() in L.SPEECH_VERBS and comp is not None and comp.i < tok.head.i:
                    owner = _source_of_verb(c, root)
                    source = _source_of_verb(c, tok)
                    if owner and source:
                        cb = (comp.left_edge.i, min(comp.right_edge.i + 1, tok.head.left_edge.i))
                        if doc[cb[0]].lower_ == "that":
                            cb = (cb[0] + 1, cb[1])
                        pair = content_id("pair", ctx.article_id, doc[cb[0]].idx)
                        value = _topic(doc[cb[0]:cb[1]])
                        c.emit("reported", "deny", tok.head.left_edge.i, tok.i + 1, actor=None, place=None,
                               value=value, source=source, pair=pair)
                        c.emit("reported", "assert", cb[0], cb[1], actor=None, place=None, value=value,
                               source=owner, pair=pair)
                        denied_bounds.append(cb)
                continue
            # --- "called the allegations of P false", "dismissed ... as baseless"
            if tok.pos_ in {"ADJ", "NOUN"} and tok.lower_ in L.FALSE_WORDS and tok.dep_ in {"oprd", "acomp", "attr", "xcomp", "ccomp", "amod"}:
                verb = tok.head
                for _ in range(4):  # "called the allegations of X false" ("false" may hang off X)
                    if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                        break
                    verb = verb.head
                obj = next((ch for ch in verb.children if ch.dep_ in {"dobj", "nsubj", "nsubjpass"}
                            and ch.lower_ in L.DENIED_NOUNS), None)
                if obj is None:
                    continue
                content = _content_clause(obj)
                source = _source_of_verb(c, verb) if verb.pos_ in {"VERB", "AUX"} else None
                if content is None:
                    continue
                cb = (content.left_edge.i, content.right_edge.i + 1)
                cspan = doc[cb[0]:cb[1]]
                found = _classify(c, cspan, "deny", source, None, (sent.start, sent.end))
                if not found:
                    c.emit("reported", "deny", sent.start, sent.end, actor=None, place=None, value=_topic(cspan),
                           source=source)
                denied_bounds.append(cb)
        # --- assertions and negated statements in a source's words
        _sentence_claims(c, sent, denied_bounds)
    return c.out


def _topic(span: Span) -> str:
    """Content lemmas of a claim (for display and matching)."""
    words = [t.lemma_.lower() for t in span if t.pos_ in {"NOUN", "PROPN", "VERB"} and not t.is_stop]
    return " ".join(dict.fromkeys(words))[:80]


def _inside(i: int, bounds: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in bounds)


def _sentence_claims(c: _Ctx, sent: Span, denied: list[tuple[int, int]]) -> None:
    doc = c.doc
    # presence
    for t in sent:
        if _inside(t.i, denied):
            continue
        side = _state_forces(t)
        if side:
            voice, speaker = c.voices.voice(doc[t.i:t.i + 1])
            if voice != "quoted":
                continue
            neg = _sent_negated(t) or any(d.lower_ in {"no"} for d in t.children if d.dep_ == "det")
            clause = _clause_of(t)
            if not neg and _hypothetical(t):
                continue
            if neg and not speaker:
                continue
            if not neg and not _presence_cue(doc[clause[0]:clause[1]]):
                continue
            c.emit("presence", "deny" if neg else "assert", clause[0], clause[1], actor=side,
                   place=_place_in(doc[clause[0]:clause[1]], t), value=None, source=speaker)
    # negated presence with the state as subject: "Armenia has not had an army in X", "Armenia
    # doesn't maintain any military presence in X"
    for t in sent:
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in {"have", "maintain", "keep", "station", "deploy", "send"} \
                and not _inside(t.i, denied):
            obj = next((ch for ch in t.children if ch.dep_ == "dobj"), None)
            subj = c.voices._subject(t)
            if obj is None or subj is None or obj.lemma_.lower() not in L.PRESENCE_NOUNS | {"presence"}:
                continue
            from newsprism.framing import side_of

            side = side_of(subj.text) if subj.ent_type_ in {"GPE", "NORP"} else None
            neg = _sent_negated(t) or any(d.lower_ in {"no", "any"} and _sent_negated(t) or d.lower_ == "no"
                                          for d in obj.children)
            if not side or not neg:
                continue
            voice, speaker = c.voices.voice(doc[t.i:t.i + 1])
            if voice != "quoted" or not speaker:
                continue
            clause = _clause_of(t)
            c.emit("presence", "deny", clause[0], clause[1], actor=side, place=_place_in(doc[clause[0]:clause[1]], obj),
                   value=None, source=speaker)
    # civilian targeting, its denial, ceasefire violations, notice times, blame
    voice_cache: dict[int, tuple[str, str | None]] = {}

    def voice_of(tok: Token) -> tuple[str, str | None]:
        if tok.i not in voice_cache:
            voice_cache[tok.i] = c.voices.voice(doc[tok.i:tok.i + 1])
        return voice_cache[tok.i]

    tgt = _civilian_targeting(sent)
    if tgt is not None and not _inside(tgt.i, denied):
        voice, speaker = voice_of(tgt)
        accuser = _accuser(c, tgt)
        if accuser is not None:
            speaker, actor = accuser
            voice = "quoted"
        else:
            actor = None
        neg = _sent_negated(tgt)
        if voice == "quoted" and speaker and not _hypothetical(tgt) and not _pledge(tgt):
            clause = _clause_of(tgt)
            c.emit("civilian_targeting", "deny" if neg else "assert", clause[0], clause[1],
                   actor=actor or (_country(speaker) if neg else None), place=None, value=None, source=speaker)
    def emit_quoted(tok: Token | None, kind: str, polarity: str, speaker_is_actor: bool) -> None:
        """A claim a named source makes in its own words; a denial speaks for the speaker's side."""
        if tok is None or _inside(tok.i, denied):
            return
        voice, speaker = voice_of(tok)
        if voice == "quoted" and speaker:
            clause = _clause_of(tok)
            c.emit(kind, polarity, clause[0], clause[1], actor=_country(speaker) if speaker_is_actor else None,
                   place=None, value=None, source=speaker)

    emit_quoted(_military_only(sent), "civilian_targeting", "deny", speaker_is_actor=True)
    vio = _violation(sent)
    if vio is not None and not _sent_negated(vio):
        emit_quoted(vio, "ceasefire_violation", "assert", speaker_is_actor=False)
    emit_quoted(_respected(sent), "ceasefire_violation", "deny", speaker_is_actor=True)
    t = _notice_time(sent)
    if t is not None:
        anchor = next((x for x in sent if x.lemma_.lower() in _NOTICE), sent[0])
        if not _inside(anchor.i, denied):
            voice, speaker = voice_of(anchor)
            if voice == "quoted" and speaker:
                c.emit("notice_time", "assert", sent.start, sent.end, actor=None, place=None, value=t, source=speaker)
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in {"blame", "accuse"} and not _inside(tok.i, denied):
            _blame(c, tok, sent)


def _clause_of(tok: Token) -> tuple[int, int]:
    """The sentence holding ``tok`` (claims are read and shown as whole sentences)."""
    sent = tok.sent
    return sent.start, sent.end


def _hypothetical(tok: Token) -> bool:
    node = tok
    for _ in range(5):
        if any(ch.lower_ in {"if", "unless", "whether"} and ch.dep_ == "mark" for ch in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _pledge(tok: Token) -> bool:
    node = tok
    for _ in range(4):
        if node.lemma_.lower() in {"pledge", "promise", "vow", "guarantee", "commit", "undertake"}:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _presence_cue(span: Span) -> bool:
    """Not a mention its speaker calls wrong ("erroneously mentions the X Armed Forces")."""
    return not any(t.lower_ in L.FALSE_WORDS for t in span)


def _accuser(c: _Ctx, tok: Token) -> tuple[str | None, str | None] | None:
    """"X accused Y of targeting civilians": (X's name, Y's side)."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in {"accuse", "blame", "charge"}:
            from newsprism.framing import side_of

            accused = next((ch for ch in node.children if ch.dep_ == "dobj"), None)
            return _source_of_verb(c, node), side_of(accused.text) if accused is not None else None
    return None


def _blame(c: _Ctx, verb: Token, sent: Span) -> None:
    """"X blamed Y for A", "X accused Y of A" with A an act (explosion, attack, shelling)."""
    from newsprism.framing import fold

    accused = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
    if accused is None:
        return
    act = None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
            for g in prep.subtree:
                if g.lemma_.lower() in L.ACT_NOUNS or g.lower_ in L.ACT_NOUNS:
                    act = g
                    break
    if act is None:
        return
    source = _source_of_verb(c, verb)
    if not source:
        return
    place = _place_in(sent)
    from newsprism.extract.speakers import noun_phrase

    c.emit("blame", "assert", sent.start, sent.end, actor=_side(noun_phrase(accused).text),
           place=place, value=" ".join(fold(act.lemma_).split()), source=source)


# --------------------------------------------------------------------------------------------
# corpus level
# --------------------------------------------------------------------------------------------

def _as_mention(m: ClaimMention | dict[str, Any]) -> ClaimMention:
    return m if isinstance(m, ClaimMention) else from_json(ClaimMention, m)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _differ(a: ClaimMention, b: ClaimMention) -> bool:
    """Two claims come from different sources on different sides (when the sides are known)."""
    if not a.source or not b.source:
        return False
    if a.source_side and b.source_side and a.source_side == b.source_side:
        return False
    from newsprism.framing import fold

    return " ".join(fold(a.source).split()) != " ".join(fold(b.source).split())


def _places_ok(a: ClaimMention, b: ClaimMention) -> bool:
    if not a.place or not b.place:
        return True
    from newsprism.geocode import translit_key

    ka, kb = translit_key(a.place), translit_key(b.place)
    return ka == kb or ka in kb or kb in ka


def _claim(m: ClaimMention) -> Claim:
    return Claim(source=m.source, quote_id=m.quote_id, evidence=m.evidence)


def _pick(ms: list[ClaimMention], n: int = 3) -> list[ClaimMention]:
    """One claim per source (the first), at most ``n``."""
    from newsprism.framing import fold

    out: list[ClaimMention] = []
    seen: list[str] = []
    for m in sorted(ms, key=lambda m: (m.evidence.doc, m.evidence.start)):
        k = " ".join(fold(m.source or "").split())
        if any(k == s or f" {s} " in f" {k} " or f" {k} " in f" {s} " for s in seen):
            continue  # "Nikol Pashinyan" / "Armenia Nikol Pashinyan": one source
        seen.append(k)
        out.append(m)
    return out[:n]


def _names(ms: list[ClaimMention]) -> str:
    names = [m.source or "?" for m in ms]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_FRAME_TEXT = {
    "presence": "that {actor}'s armed forces are present or involved{where}",
    "civilian_targeting": "that {actor} targets civilians{where}",
    "ceasefire_violation": "that the ceasefire was violated{where}",
}


def claim_contradictions(claims: Iterable[ClaimMention | dict[str, Any]], articles: Iterable[Any] = ()) -> list[Contradiction]:
    """Contradictions between the claims of different sources in the same story.

    Args:
        claims: every article's :func:`extract_claims` output (records or their JSON).
        articles: Article records or dicts (article_id, story_id, on_topic, duplicate_of); when
            given, claims of off-topic and duplicate articles are dropped and claims only meet
            within a story.

    Returns:
        ``Contradiction`` records of kind ``occurred`` (asserted vs denied), ``date`` (clashing
        times for one notice) and ``attribution`` (different actors blamed for one act).
    """
    ms = [_as_mention(m) for m in claims]
    arts = {_get(a, "article_id"): a for a in articles}
    if arts:
        ms = [m for m in ms if m.article_id in arts and _get(arts[m.article_id], "on_topic", True)
              and not _get(arts[m.article_id], "duplicate_of")]

    def story(m: ClaimMention) -> str | None:
        a = arts.get(m.article_id)
        return _get(a, "story_id") if a is not None else None

    by_story: dict[str | None, list[ClaimMention]] = defaultdict(list)
    for m in ms:
        by_story[story(m)].append(m)
    out: list[Contradiction] = []
    for _sid, group in sorted(by_story.items(), key=lambda kv: str(kv[0])):
        out += _occurred(group)
        out += _reported_pairs(group, out)
        out += _dates(group)
        out += _attribution(group)
    return out


def _occurred(group: list[ClaimMention]) -> list[Contradiction]:
    out = []
    for frame in ("presence", "civilian_targeting", "ceasefire_violation"):
        fm = [m for m in group if m.frame == frame]
        actors = {m.actor for m in fm if m.actor} or {None}
        for actor in sorted(actors, key=str):
            def fits(m: ClaimMention) -> bool:
                if frame == "presence":
                    return m.actor == actor
                return m.actor is None or actor is None or m.actor == actor
            asserts = [m for m in fm if m.polarity == "assert" and fits(m)]
            denies = [m for m in fm if m.polarity == "deny" and fits(m)]
            pairs = [(a, d) for a in asserts for d in denies if _differ(a, d) and _places_ok(a, d)]
            if not pairs:
                continue
            a_ms = _pick([a for a, _ in pairs])
            d_ms = _pick([d for _, d in pairs])
            claims = tuple(_claim(m) for m in a_ms + d_ms)
            from newsprism.framing import _country_name

            who = _country_name(actor) if actor else "a side"
            where = next((f" in {m.place}" for m in a_ms + d_ms if m.place), "")
            what = _FRAME_TEXT[frame].format(actor=who, where=where)
            notes = (f"{_names(a_ms)} {'assert' if _plural(a_ms) else 'asserts'} {what}; "
                     f"{_names(d_ms)} {'deny' if _plural(d_ms) else 'denies'} it.")
            cid = content_id("con", "occurred", frame, actor, *sorted(m.claim_id for m in a_ms + d_ms))
            out.append(Contradiction(cid, "occurred", claims, notes))
    return out


def _reported_pairs(group: list[ClaimMention], done: list[Contradiction]) -> list[Contradiction]:
    """"X rejected Y's claims that P": one contradiction per sentence, unless P is already part of
    a typed contradiction or is a timing claim (those are reported as ``date``)."""
    used = {(c.evidence.doc, c.evidence.start) for con in done for c in con.claims if c.evidence is not None}
    by_pair: dict[str, list[ClaimMention]] = defaultdict(list)
    for m in group:
        if m.pair:
            by_pair[m.pair].append(m)
    out = []
    for pair, ms in sorted(by_pair.items()):
        deny = next((m for m in ms if m.frame == "reported" and m.polarity == "deny"), None)
        claim = next((m for m in ms if m.frame == "reported" and m.polarity == "assert"), None)
        if deny is None or claim is None or not deny.source:
            continue
        if any(m.frame == "notice_time" for m in ms):
            continue
        if (claim.evidence.doc, claim.evidence.start) in used:
            continue
        if claim.source_side and deny.source_side and claim.source_side == deny.source_side:
            continue
        notes = (f"{deny.source} denies the claim by {claim.source} that "
                 f"\u201c{_trim(claim.evidence.text)}\u201d.")
        cid = content_id("con", "occurred", "reported", claim.claim_id, deny.claim_id)
        out.append(Contradiction(cid, "occurred", (_claim(claim), _claim(deny)), notes))
    return out


def _trim(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "\u2026"


def _dates(group: list[ClaimMention]) -> list[Contradiction]:
    """Clashing times for one notice ("minutes before" vs "long before"), from different sources;
    a claim its own article rejects ("rejected media reports that ... long before") counts as the
    rejected source's."""
    nt = [m for m in group if m.frame == "notice_time" and m.value]
    out = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(nt):
        for b in nt[i + 1:]:
            if not _time_clash(a.value or "", b.value or ""):
                continue
            if not a.source or not b.source or a.source == b.source:
                continue
            if a.source_side and b.source_side and a.source_side == b.source_side and not (a.pair or b.pair):
                continue
            key = tuple(sorted((a.value or "", b.value or "")))
            if key in seen:
                continue
            seen.add(key)  # type: ignore[arg-type]
            side_a = [m for m in nt if m.value == a.value]
            side_b = [m for m in nt if m.value == b.value]
            a_ms, b_ms = _pick(side_a, 2), _pick(side_b, 2)
            notes = (f"When the notice came: {_names(a_ms)} {_says(a_ms)} {_time_text(a.value)}, "
                     f"{_names(b_ms)} {_says(b_ms)} {_time_text(b.value)}.")
            cid = content_id("con", "date", *sorted(m.claim_id for m in a_ms + b_ms))
            out.append(Contradiction(cid, "date", tuple(_claim(m) for m in a_ms + b_ms), notes))
    return out


def _plural(ms: list[ClaimMention]) -> bool:
    """Several sources, or one named by a plural noun ("rebels", "media reports")."""
    return len(ms) > 1 or bool(re.search(r"\b[a-z]+s$", (ms[0].source or "") if ms else ""))


def _says(ms: list[ClaimMention]) -> str:
    return "say" if _plural(ms) else "says"


def _time_text(v: str | None) -> str:
    return "long before" if v == "long" else f"{v} before"


def _attribution(group: list[ClaimMention]) -> list[Contradiction]:
    bl = [m for m in group if m.frame == "blame" and m.actor and m.value]
    out = []
    for i, a in enumerate(bl):
        for b in bl[i + 1:]:
            if a.value != b.value or a.actor == b.actor or not _places_ok(a, b) or not _differ(a, b):
                continue
            from newsprism.framing import _country_name

            notes = (f"Who is behind the {a.value}: {a.source} blames {_country_name(a.actor)}, "
                     f"{b.source} blames {_country_name(b.actor)}.")
            cid = content_id("con", "attribution", a.claim_id, b.claim_id)
            out.append(Contradiction(cid, "attribution", (_claim(a), _claim(b)), notes))
    return out
