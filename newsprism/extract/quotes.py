"""Direct quotations and who said them.

One :class:`~newsprism.records.Quote` per quoted stretch: a quote split around its reporting
clause ("…," he said, "…") gives two records with the same speaker, and each paragraph of a
multi-paragraph quote is its own stretch. ``Quote.text`` is the quoted words only (no marks, no
trailing comma) and its evidence is exactly that span of the article.

What is *not* a quote: apostrophes (’s, don’t), short scare-quoted terms and labels (what it
called an "anti-terrorist" campaign; fewer than ``min_words`` words), titles of works
("the report 'No Safe Place'"). By default only stretches attributed in their own sentence are
returned (a reporting verb, "according to X", or "X: '…'"); stretches whose speaker is only
implied by context (a second quote after "she said.", the further paragraphs of a long quote)
come back with ``include_unattributed=True``. Indirect speech ("X said that …", kind
``indirect``) is opt-in with ``indirect=True``.

:func:`extract_quote_details` also gives the channel of each quote ("on Telegram", "in a
televised address", "CNN" in "told CNN") and how it was attributed.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsprism.extract import doc_text
from newsprism.extract.patterns import quotes as P
from newsprism.extract.speakers import (
    SpeakerResolver,
    according_to,
    noun_phrase,
    phrase_kind,
    subject_of,
)
from newsprism.records import ArticleContext, EntityRef, Quote, content_id

__all__ = [
    "QuoteSpan",
    "QuoteDetail",
    "find_quote_spans",
    "extract_quote_details",
    "extract_quotes",
    "quote_channels",
]

_WORD = re.compile(r"[^\W_]+(?:[-\u2019'][^\W_]+)*", re.UNICODE)
_SENT_END = {".", "!", "?"}
ATTRIBUTED = frozenset({"post", "pre", "colon", "according", "governed"})


# --- quotation marks -----------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch of text (character offsets into the text it was found in)."""

    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when the paragraph ends first
    start: int  # the quoted words: text[start:end], trimmed of spaces and a trailing comma
    end: int
    mark: str  # the opening mark
    continues: bool = False  # opens a paragraph that continues an unclosed quote


@dataclass
class _Open:
    char: str
    index: int
    closers: str
    single: bool
    straight: bool


def _paragraphs(text: str):
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_letter(c: str) -> bool:
    return c.isalpha()


def _single_opens(text: str, i: int, para_start: int) -> bool:
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not (prev.isspace() or prev in P.OPEN_CONTEXT or prev in P.DOUBLE_QUOTES or prev == '"'):
        return False
    return _is_letter(nxt) or nxt in "\u2026." or nxt in P.DOUBLE_QUOTES


def _single_closes(text: str, i: int, para_end: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    if prev.isspace():
        return False
    return not (_is_letter(nxt) or nxt.isdigit())


def _possessive_before_later_close(text: str, i: int, para_end: int, mark: str) -> bool:
    """'The soldiers' families are waiting,' she said: a plural possessive (s' + lowercase word)
    is not the close when a clearer close follows in the paragraph before any new opening."""
    if not (i > 0 and text[i - 1] in "sS" and text[i + 1:i + 2] == " " and text[i + 2:i + 3].islower()):
        return False
    for j in range(i + 1, para_end):
        c = text[j]
        if c in P.SINGLE_OPEN and _single_opens(text, j, 0):
            return False
        if c == mark and _single_closes(text, j, para_end) and not (
                text[j - 1] in "sS" and text[j + 1:j + 2] == " " and text[j + 2:j + 3].islower()):
            return True
    return False


def _straight_opens(text: str, i: int, para_start: int, para_end: int) -> bool | None:
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    if (prev.isspace() or prev in P.OPEN_CONTEXT) and not nxt.isspace():
        return True
    if (nxt.isspace() or nxt in P.CLOSE_CONTEXT) and not prev.isspace():
        return False
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _sentence_ends_before(text: str, i: int, para_start: int) -> bool:
    """The text before position ``i`` (over spaces and closing marks) ends a sentence."""
    j = i - 1
    while j >= para_start and (text[j].isspace() or text[j] in "\u201d\u2019\"')"):
        j -= 1
    return j < para_start or text[j] in ".!?\u2026:"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quoted stretches of ``text``, in order (see ``_quote_spans``)."""
    return list(_quote_spans(text))


def quoted_ranges(spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
    """The char ranges the quote marks enclose, marks included (to the paragraph's end when unclosed)."""
    return [(s.open, (s.close + 1) if s.close is not None else s.end) for s in spans]


@functools.lru_cache(maxsize=4)
def _quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """All top-level quoted stretches of ``text``, in order. Cached: quotes and framing both read
    an article's quotes, and this is a scan of every character.

    Curly, straight, low-9, guillemet and single marks; nested quotes stay inside their outer
    stretch; apostrophes are not marks. Quotes never cross a line break: a paragraph that ends
    inside a double-quoted stretch ends it there, and a following paragraph that opens with a
    mark is flagged ``continues``.
    """
    spans: list[QuoteSpan] = []
    prev_unclosed = False
    for pstart, pend in _paragraphs(text):
        stack: list[_Open] = []
        first = pstart
        while first < pend and text[first].isspace():
            first += 1
        para_spans: list[QuoteSpan] = []

        def emit(op: _Open, close: int | None, end: int) -> None:
            s, e = _trim(text, op.index + 1, end)
            if e > s:
                para_spans.append(QuoteSpan(op.index, close, s, e, op.char,
                                            continues=prev_unclosed and op.index == first))

        def close_at(k: int, i: int) -> None:
            op = stack[k]
            del stack[k:]
            if k == 0:
                emit(op, i, i)

        i = pstart
        while i < pend:
            c = text[i]
            closable = next((k for k in range(len(stack) - 1, -1, -1)
                             if not stack[k].straight and c in stack[k].closers), None)
            if (c == "\u201c" and closable is not None and stack[closable].char == c
                    and i > pstart and text[i - 1].isspace() and not _sentence_ends_before(text, i, pstart)):
                # 'the “Wad” area' inside a “…” quote: a “ after a space mid-sentence opens a
                # quote inside the quote
                stack.append(_Open(c, i, P.DOUBLE_QUOTES[c], single=False, straight=False))
            elif c in P.DOUBLE_QUOTES and closable is not None and not stack[closable].single:
                restart = stack[closable].char == c == "\u201c" and (i == pstart or text[i - 1].isspace())
                close_at(closable, i)  # „ … “: the German closer is the English opener
                if restart:
                    # '“One sentence. “Next sentence…”': a writer who opens each sentence anew
                    # without closing the last; a “ after a space opens, it does not close
                    stack.append(_Open(c, i, P.DOUBLE_QUOTES[c], single=False, straight=False))
            elif c in P.DOUBLE_QUOTES:
                stack.append(_Open(c, i, P.DOUBLE_QUOTES[c], single=False, straight=False))
            elif c in P.CLOSE_DOUBLE:
                for k in range(len(stack) - 1, -1, -1):
                    if c in stack[k].closers:
                        close_at(k, i)
                        break
            elif c == P.STRAIGHT_DOUBLE:
                k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].straight and not stack[k].single), None)
                opens = _straight_opens(text, i, pstart, pend)
                if k is not None and opens is not True:
                    close_at(k, i)
                elif k is not None and opens is True and k == len(stack) - 1:
                    close_at(k, i)  # "a" "b": two quotes back to back; treat as a close
                elif opens is not False:
                    stack.append(_Open(c, i, '"', single=False, straight=True))
            elif c in P.SINGLE_OPEN and _single_opens(text, i, pstart):
                stack.append(_Open(c, i, "\u2019'" if c != "'" else "'", single=True, straight=c == "'"))
            elif c in P.SINGLE_CLOSE and _single_closes(text, i, pend):
                k = next((k for k in range(len(stack) - 1, -1, -1)
                          if stack[k].single and c in stack[k].closers), None)
                if k is not None and not _possessive_before_later_close(text, i, pend, c):
                    close_at(k, i)
            i += 1
        unclosed = bool(stack) and not stack[0].single
        if unclosed:
            emit(stack[0], None, pend)
        spans.extend(para_spans)
        if first < pend:
            prev_unclosed = unclosed
    return tuple(spans)


# --- attribution ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteDetail:
    """A quote with what the record has no field for."""

    quote: Quote
    channel: str | None  # "on Telegram", "in a televised address", "CNN" (told CNN) …
    attribution: str  # post|pre|colon|according|continuation|context|indirect|none
    partial: bool  # embedded in the outlet's sentence ("called the attack '…'")
    cue: str | None  # the reporting word ("said", "according to", ":")


@dataclass
class _Found:
    speaker: EntityRef | None
    how: str
    cue: Token | None = None
    channel: str | None = None
    subject: Token | None = None


class _Index:
    """Char <-> token helpers over one Doc and its quoted stretches."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.spans = spans
        n = self.n = len(doc_text(doc))
        self.tok_at = [-1] * (n + 1)
        for t in doc:
            for c in range(t.idx, t.idx + len(t.text)):
                self.tok_at[c] = t.i
        # chars inside any quote (marks included)
        self.quoted = bytearray(n + 1)
        for s in spans:
            end = s.close + 1 if s.close is not None else s.end
            for c in range(s.open, min(end, n)):
                self.quoted[c] = 1

    def token_quoted(self, t: Token) -> bool:
        return bool(self.quoted[t.idx])

    def first_token_after(self, char: int) -> int:
        for c in range(char, self.n):
            if self.tok_at[c] >= 0:
                return self.tok_at[c]
        return len(self.doc)

    def last_token_before(self, char: int) -> int:
        for c in range(char - 1, -1, -1):
            if self.tok_at[c] >= 0:
                return self.tok_at[c]
        return -1


def _is_boundary(t: Token) -> bool:
    return t.text in _SENT_END or "\n" in t.text_with_ws or t.is_space and "\n" in t.text


def _pre_window(ix: _Index, span: QuoteSpan) -> list[Token]:
    """Tokens of the same sentence before the quote, outside any quoted stretch."""
    doc = ix.doc
    out: list[Token] = []
    i = ix.last_token_before(span.open)
    while i >= 0:
        t = doc[i]
        if "\n" in t.text or ("\n" in t.whitespace_):
            break
        if ix.token_quoted(t):
            i -= 1
            continue
        if t.text in _SENT_END:
            break
        out.append(t)
        i -= 1
    out.reverse()
    return out


def _post_window(ix: _Index, span: QuoteSpan) -> list[Token]:
    """Tokens after the quote up to the end of its sentence or the next quoted stretch."""
    doc = ix.doc
    if span.close is None:
        return []
    out: list[Token] = []
    i = ix.first_token_after(span.close + 1)
    while i < len(doc):
        t = doc[i]
        if "\n" in t.text:
            break
        if ix.token_quoted(t):
            break
        out.append(t)
        if t.text in _SENT_END or "\n" in t.whitespace_:
            break
        i += 1
    return out


def _is_reporting(t: Token, *, governing_ok: bool) -> bool:
    if t.pos_ not in {"VERB", "AUX"} and not (t.tag_.startswith("VB")):
        return False
    lemma = t.lemma_.lower()
    if lemma not in P.REPORTING_VERBS:
        return False
    return governing_ok or lemma not in P.GOVERNING_ONLY_VERBS


def _governs(verb: Token, target: Token) -> bool:
    """``verb`` dominates ``target`` through a complement, not through an adverbial or relative
    clause ("has been promising peace, while '…'" is not a speech frame for the quote), and is
    not itself inside a relative clause."""
    if verb.dep_ == "relcl":
        return False
    node = target
    for _ in range(40):
        if node.head.i == node.i:
            return False
        if node.head.i == verb.i:
            return node.dep_ not in {"advcl", "relcl", "parataxis"}
        node = node.head
    return False


def _window_root(tokens: list[Token]) -> Token | None:
    """The syntactic root of a run of tokens (the one whose head lies outside it)."""
    ids = {t.i for t in tokens}
    content = [t for t in tokens if not t.is_punct]
    for t in content:
        if t.head.i not in ids or t.head.i == t.i:
            if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"} or t.ent_type_ in {
                    "PERSON", "ORG", "GPE", "NORP"}:
                return t
    nouns = [t for t in content if t.pos_ in {"NOUN", "PROPN", "PRON"}]
    return nouns[-1] if nouns else None


def _channel(verb: Token | None, window: list[Token], subject: Token | None) -> str | None:
    """Where the words were said: "on Telegram", "in a televised address", "CNN" (told CNN),
    the news agency of "according to" after a verb, the outlet of "X quoted Y as saying"."""
    if verb is None:
        return None
    doc = verb.doc
    ranges: list[tuple[int, int]] = []  # token ranges, half-open
    quoted_by = verb.lemma_.lower() in {"quote", "cite"} or verb.head.lower_ == "as"
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ == "by" and quoted_by:
            ranges.append((child.left_edge.i + 1, child.right_edge.i + 1))  # "quoted … by state media"
            continue
        if child.dep_ == "prep" and child.lower_ == "as" and quoted_by:
            for g in child.children:
                for gg in g.children:
                    if gg.dep_ in {"prep", "agent"} and gg.lower_ == "by":
                        ranges.append((gg.left_edge.i + 1, gg.right_edge.i + 1))
        if child.dep_ == "prep" and child.lower_ in P.CHANNEL_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if (pobj.lemma_.lower() in P.CHANNEL_NOUNS or pobj.lower_ in P.CHANNEL_NOUNS
                    or (pobj.pos_ == "PROPN" and pobj.ent_type_ in {"ORG", "PRODUCT", ""}
                        and child.lower_ in {"on", "via", "to"})):
                lo, hi = child.left_edge.i, child.right_edge.i + 1
                if subject is not None and lo <= subject.i < hi:
                    # a misparsed opening phrase swallowed the speaker: stop at its comma
                    commas = [t.i for t in doc[lo:subject.i] if t.text == ","]
                    hi = commas[-1] if commas else subject.i
                if hi - lo <= 14:
                    ranges.append((lo, hi))
        elif child.dep_ in {"dobj", "dative", "iobj"} and verb.lemma_.lower() == "tell":
            np = noun_phrase(child)
            ranges.append((np.start, np.end))
    if verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in {"quote", "cite", "report"}:
        frame = verb.head.head  # "KCNA quoted Kim as saying": the channel is who quoted
        for child in frame.children:
            if child.dep_ == "nsubj":
                np = noun_phrase(child)
                ranges.append((np.start, np.end))
    acc = according_to([t for t in window if t.i > verb.i])
    if acc is not None and (subject is None or acc.i != subject.i):
        np = noun_phrase(acc)
        ranges.append((np.start, np.end))
    merged: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1 and all(not t.is_punct for t in doc[merged[-1][1]:lo]):
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    parts = [doc[lo:hi].text.strip().rstrip(".,;:").strip() for lo, hi in merged]
    parts = [p for p in dict.fromkeys(parts) if p]
    return "; ".join(parts) if parts else None


def _post_attribution(ix: _Index, span: QuoteSpan, window: list[Token], res: SpeakerResolver,
                      text: str) -> _Found | None:
    if not window:
        return None
    content_last = text[span.end - 1] if span.end > span.start else ""
    raw_before_close = text[span.close - 1] if span.close else ""
    first = next((t for t in window if not t.is_punct), None)
    if first is None:
        return None
    if (content_last == "." or raw_before_close == ".") and not (first.is_lower or first.lower_ in {"according"}):
        return None  # the quote ended its sentence; what follows is a new one
    ids = {t.i for t in window}
    acl_verb = None  # '"…," the commission, a watchdog, tweeted' parsed as a participle of the noun
    for k, t in enumerate(window):
        if t.is_punct:
            continue
        if t.lower_ == "according" or (t.lower_ == "in" and k + 3 < len(window) and window[k + 2].lower_ == "words"):
            head = according_to(window[k:])
            if head is not None:
                return _Found(res.resolve(head), "according", cue=t, subject=head,
                              channel=None)
            return None
        if _is_reporting(t, governing_ok=False):
            if t.dep_ in {"relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp"} and t.head.i in ids \
                    and t.head.i < t.i:
                if (acl_verb is None and t.dep_ == "acl" and t.tag_ in {"VBD", "VBN"}
                        and not any(c.dep_ in {"agent", "dobj"} for c in t.children)
                        and phrase_kind(t.head) in {"person", "org", "plural"}):
                    acl_verb = t
                continue  # "a senior official, who asked not to be named, said"
            between = [x for x in window[:k] if not x.is_punct]
            subj = subject_of(t)
            if subj is not None and subj.i not in ids and subj.i > t.i:
                subj = None
            if between:
                if subj is None or subj.i not in ids or subj.i > t.i:
                    subj = _window_root(between)
                # nothing but the speaker phrase may stand between the quote and the verb
                if subj is None:
                    return None
                sub_ids = {x.i for x in subj.subtree}
                if any(x.pos_ in {"VERB", "AUX"} and x.i not in sub_ids
                       and not (x.head.i == t.i and x.dep_ in {"aux", "auxpass", "neg"})
                       for x in between):
                    return None
            elif subj is None or subj.i < window[0].i:
                # "…," said X — X follows the verb
                after = [x for x in window[k + 1:] if not x.is_punct]
                cand = next((x for x in after if x.dep_ in {"nsubj", "dobj", "nsubjpass", "attr"}
                             or x.pos_ in {"PROPN", "NOUN", "PRON"}), None)
                if cand is None:
                    # "…," adding that … : inherit the clause this one hangs from
                    subj = subject_of(t)
                    if subj is None:
                        return None
                else:
                    subj = cand
                    while subj.head.i in ids and subj.head.i > t.i and subj.head.pos_ in {"PROPN", "NOUN"} and subj.dep_ in {"compound", "amod"}:
                        subj = subj.head
            speaker = res.resolve(subj)
            if speaker is None:
                speaker = _place_fallback(t)
            return _Found(speaker, "post", cue=t, subject=subj, channel=_channel(t, window, subj))
        if k > 30:
            break
    if acl_verb is not None and not any(
            x.pos_ in {"VERB", "AUX"} and x.i != acl_verb.i and acl_verb not in x.ancestors for x in window):
        # no other verb of speech followed: the participle was the finite verb after all
        return _Found(res.resolve(acl_verb.head), "post", cue=acl_verb, subject=acl_verb.head,
                      channel=_channel(acl_verb, window, acl_verb.head))
    return None


def _place_fallback(verb: Token) -> EntityRef | None:
    """"they announced from Kyiv": a capital speaking for its government."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for g in child.children:
                if g.dep_ == "pobj" and g.ent_type_ in {"GPE"}:
                    return EntityRef(None, g.text)
    return None


def _pre_attribution(ix: _Index, span: QuoteSpan, window: list[Token], res: SpeakerResolver
                     ) -> _Found | None:
    if not window:
        return None
    doc = ix.doc
    target_i = ix.first_token_after(span.start)
    target = doc[min(target_i, len(doc) - 1)]
    mark_i = ix.last_token_before(span.start)
    mark = doc[mark_i] if mark_i >= 0 else target
    # the nearest reporting verb that governs the quote, else the nearest one at all
    for governing_pass in (True, False):
        for k in range(len(window) - 1, -1, -1):
            t = window[k]
            if t.lower_ == "according" or (t.lower_ == "in" and k + 3 < len(window) and window[k + 2].lower_ == "words"):
                head = according_to(window[k:])
                if head is not None:
                    return _Found(res.resolve(head), "according", cue=t, subject=head)
            if not _is_reporting(t, governing_ok=True):
                continue
            governs = _governs(t, target) or _governs(t, mark)
            if governing_pass and not governs:
                continue
            if not governs and (t.lemma_.lower() in P.GOVERNING_ONLY_VERBS or t.dep_ == "relcl"):
                continue
            subj = subject_of(t)
            if subj is None or ix.token_quoted(subj) or (subj.dep_ == "nsubjpass" and subj.head.i == t.i):
                continue
            speaker = res.resolve(subj)
            if speaker is None:
                speaker = _place_fallback(t)
            return _Found(speaker, "pre", cue=t, subject=subj, channel=_channel(t, window, subj))
    # "Pashinyan: '…'" — a name and a colon, no verb
    if window[-1].text == ":" and not any(t.pos_ in {"VERB", "AUX"} for t in window):
        head = window[:-1]
        cut = [k for k, t in enumerate(head) if t.is_punct]
        head = head[cut[-1] + 1:] if cut else head  # "10:42 GMT – Hospital director: '…'"
        root = _window_root(head)
        if root is not None and (root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or root.pos_ == "PROPN"
                                 or phrase_kind(root) in {"person", "org", "plural"}):
            return _Found(res.resolve(root), "colon", cue=window[-1], subject=root)
    return None


def _quote_roots(ix: _Index, span: QuoteSpan) -> list[Token]:
    """The tokens of the quoted words whose syntactic head lies outside them."""
    doc = ix.doc
    lo = ix.first_token_after(span.start)
    inside = []
    for i in range(lo, len(doc)):
        if doc[i].idx >= span.end:
            break
        inside.append(doc[i])
    ids = {t.i for t in inside}
    return [t for t in inside if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct]


def _governing_attribution(ix: _Index, span: QuoteSpan, res: SpeakerResolver) -> _Found | None:
    """The reporting verb (or "X's claim that") that the quoted words hang from in the parse:
    'Peskov told reporters that Russia was "concerned"', 'the committee said the militia
    attacked "in two waves"', 'what it described as "local measures"'. Climbing stops at the
    first clause that is not a complement of speech: an adverbial ('After launching "X", Baku
    said'), a relative clause, a coordination or a parenthetical."""
    for root in _quote_roots(ix, span)[:1]:
        node = root
        for _ in range(14):
            if node.head.i == node.i:
                break
            child, node = node, node.head
            if ix.token_quoted(node):
                continue  # the quote's head word sits in another quoted stretch: keep climbing
            if node.pos_ == "NOUN" and node.lemma_.lower() in P.REPORTING_NOUNS and child.dep_ in {
                    "acl", "ccomp", "prep", "relcl", "appos"} and child.i > node.i:
                owner = next((c for c in node.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
                if owner is not None:  # "Baku's claims that troops came under '…'"
                    return _Found(res.resolve(owner), "governed", cue=node, subject=owner)
            if _is_reporting(node, governing_ok=True):
                if child.dep_ in P.NOT_SPEECH_DEPS or (
                        child.dep_ == "prep" and child.lower_ in P.NOT_SPEECH_PREPS):
                    continue  # not its reported words; a verb of speech above may still govern
                subj = subject_of(node)
                if subj is None or ix.token_quoted(subj) or (
                        subj.dep_ == "nsubjpass" and subj.head.i == node.i):
                    return None
                if phrase_kind(subj) == "thing":
                    return None  # "the standoff underscores how … its 'neighbors'": no speaker
                speaker = res.resolve(subj) or _place_fallback(node)
                if speaker is None:
                    return None
                return _Found(speaker, "governed", cue=node, subject=subj,
                              channel=_channel(node, [], subj))
            if child.dep_ in {"advcl", "parataxis"} and node.dep_ == "ROOT":
                return None  # "While X was '…', Y said" hangs from the sentence, not from speech
    return None


def _is_label(ix: _Index, span: QuoteSpan, pre: list[Token]) -> bool:
    """what it called an 'X' campaign / the so-called 'X' / dubbed 'X'."""
    if not pre:
        return False
    lows = [t.lower_ for t in pre if t.lower_ not in {"a", "an", "the"}][-3:]
    if not lows:  # only an article before the quote: 'The "Free Syrian Army" group said'
        return False
    words = [t for t in pre if t.lower_ not in {"a", "an", "the"}][-3:]

    def spoken(t: Token) -> bool:
        # "what it called 'X'": a naming verb with a subject of its own is someone's words
        return any(c.dep_ == "nsubj" and c.lower_ not in {"what", "which", "that"} for c in t.children)
    if lows[-1] in P.LABEL_WORDS and not spoken(words[-1]):  # the so-called 'X', a unit dubbed 'X'
        return True
    if len(lows) >= 2 and lows[-1] == "as" and lows[-2] in P.LABEL_WORDS and not spoken(words[-2]):
        return True  # known as 'X'
    for t in reversed(pre):
        if t.pos_ == "VERB":
            # the nearest verb is a naming verb in a free relative without a speaker:
            # "what was described as '…'"
            return t.lemma_.lower() in P.LABEL_VERBS and any(
                c.lower_ in {"what", "which"} for c in t.children if c.i < t.i) and not spoken(t)
    return False


def _is_name(quote_text: str, pre: list[Token]) -> bool:
    """A short quote of capitalised words inside a sentence is a name or nickname ('the
    "Black Eagles" brigade'), not someone's words."""
    words = _WORD.findall(quote_text)
    return bool(pre) and any(w[0].isupper() for w in words) \
        and all(w[0].isupper() or w[0].isdigit() for w in words) and quote_text[-1:] not in ".!?"


def _is_title(ix: _Index, span: QuoteSpan, pre: list[Token], text: str) -> bool:
    """A title of a work: Title Case words right after a cue such as "titled", "book"."""
    words = _WORD.findall(text[span.start:span.end])
    if not words or text[span.end - 1] in ".!?,":
        return False
    long = [w for w in words if len(w) > 3]
    caps = [w for w in long if w[0].isupper()]
    if not long or len(caps) < max(1, 0.6 * len(long)):
        return False
    near = [t.lower_ for t in pre[-3:]]
    return any(w in P.TITLE_CUES for w in near)


def extract_quote_details(
    doc: Doc,
    ctx: ArticleContext,
    *,
    min_words: int = 4,
    include_unattributed: bool = False,
    include_questions: bool = True,
    indirect: bool = False,
    resolver: SpeakerResolver | None = None,
) -> list[QuoteDetail]:
    """Every quoted stretch of ``doc`` that is a quotation, with speaker, channel and how it was
    attributed. See the module docstring for what counts."""
    text = doc_text(doc)
    spans = find_quote_spans(text)
    ix = _Index(doc, spans)
    res = resolver or SpeakerResolver(doc, quoted_ranges(spans))
    out: list[QuoteDetail] = []
    starts: list[int] = []  # Doc offset of each quote in ``out``
    last_by_para: dict[int, _Found] = {}
    last_found: _Found | None = None
    last_end = 0  # where the last attributed quote ends
    last_para = -1
    para_of = _para_index(text)
    for span in spans:
        para = para_of(span.open)
        pre = _pre_window(ix, span)
        post = _post_window(ix, span)
        found = None
        if span.continues and last_found is not None:
            found = _Found(last_found.speaker, "continuation", channel=last_found.channel)
        else:
            fpost = _post_attribution(ix, span, post, res, text)
            fpre = _pre_attribution(ix, span, pre, res)
            explicit_post = (fpost is not None and fpost.how == "post" and fpost.subject is not None
                             and span.close is not None and fpost.subject.idx > span.close)
            if explicit_post and not (fpre is not None and fpre.how == "pre" and _embedded(pre)):
                # "…," X said — unless the quote sits inside a clause that already has a speaker
                found = fpost
            elif fpre is not None:
                found = fpre
                if fpost is not None and fpost.how == "according" and found.channel is None:
                    found.channel = noun_phrase(fpost.subject).text if fpost.subject is not None else None
            elif fpost is not None:
                found = fpost
        gov = _governing_attribution(ix, span, res)
        if found is None and gov is not None:
            found = gov
        if found is None:
            prev = last_by_para.get(para)
            if prev is not None:
                found = _Found(prev.speaker, "continuation", channel=prev.channel)
            elif last_found is not None and para == last_para + 1 and not pre:
                found = _Found(last_found.speaker, "context", channel=last_found.channel)
            else:
                found = _Found(None, "none")
        # a quote that continues the last speaker's counts by default when it stands alone:
        # the next paragraph of a multi-paragraph quote, a quoted sentence after the attributed
        # one in the same paragraph, or a paragraph that is only a quotation, with nobody else
        # reported as speaking in between
        follows = span.continues or (
            found.how in {"continuation", "context"} and not pre and _stands_alone(ix, span, post)
            and (found.how == "continuation" or _whole_paragraph(text, span))
            and not _other_speaker_between(res, last_end, span.open, found.speaker))
        if found.speaker is not None or found.how in ATTRIBUTED:
            last_by_para[para] = found
            last_found = found
            last_para = para
            last_end = span.close if span.close is not None else span.end
        quote_text = ctx.text[span.start:span.end]
        if any(a != b and not a.isspace() for a, b in zip(quote_text, text[span.start:span.end])):
            continue  # overlaps blanked clutter (a hard wrap joined by a space is fine)
        n_words = len(_WORD.findall(quote_text))
        if n_words < min_words and not (follows and quote_text.rstrip("\u2019'\u201d\"")[-1:] in ".!?\u2026"):
            # (a short quoted sentence that continues the speaker counts: "It's over.")
            # a short quote counts when speech governs it in the parse ('said Russia was
            # "concerned"', 'what it described as "X"'), or "according to X" in its sentence;
            # otherwise it is a scare quote or a label
            if gov is not None:
                found = gov
            elif not (found.how == "according" or (n_words >= 2 and _evaluation(ix, span, found))):
                continue
            if _is_name(quote_text, pre):
                continue
        if _is_label(ix, span, pre) or _is_title(ix, span, pre, text):
            continue
        if not include_questions and quote_text.rstrip("\u2026. ").endswith("?"):
            continue
        if found.how not in ATTRIBUTED and not include_unattributed and not follows:
            continue
        ev = ctx.evidence(span.start, span.end)
        q = Quote(
            quote_id=content_id("quo", ctx.article_id, ev.start, ev.end),
            article_id=ctx.article_id,
            speaker=found.speaker,
            text=quote_text,
            kind="direct",
            evidence=ev,
        )
        out.append(QuoteDetail(q, found.channel, found.how, _embedded(pre),
                               _cue_text(found)))
        starts.append(span.start)
    out = _headline_speakers(out, starts, text)
    if indirect:
        out.extend(_indirect(doc, ctx, ix, res, min_words))
        out.sort(key=lambda d: d.quote.evidence.start)
    return out


def _headline_speakers(details: list[QuoteDetail], starts: list[int], text: str) -> list[QuoteDetail]:
    """A headline shortens its attribution ("Kyiv says '…'"): a quote in the headline takes the
    speaker of the body quote that repeats its words ("…, presidential aide X said")."""
    m = re.match(r"\s*([^\n]*)", text)
    head_end = m.end(1) if m else 0
    if not head_end or text[:head_end].rstrip()[-1:] in ".!?":
        return details  # the text opens with a sentence, not a headline
    out = list(details)
    for k, d in enumerate(details):
        if starts[k] >= head_end:
            break
        words = set(_WORD.findall(d.quote.text.lower()))
        for j in range(k + 1, len(details)):
            later = details[j]
            if starts[j] < head_end or later.quote.speaker is None:
                continue
            lw = set(_WORD.findall(later.quote.text.lower()))
            if words and (words <= lw or len(words & lw) / len(words | lw) >= 0.6):
                out[k] = replace(d, quote=replace(d.quote, speaker=later.quote.speaker))
                break
    return out


def _stands_alone(ix: _Index, span: QuoteSpan, post: list[Token]) -> bool:
    """Nothing but punctuation follows the quote in its sentence."""
    return all(t.is_punct or t.is_space for t in post)


def _whole_paragraph(text: str, span: QuoteSpan) -> bool:
    """The quote is all its paragraph holds (a closing full stop aside)."""
    start = text.rfind("\n", 0, span.open) + 1
    end = text.find("\n", span.end)
    end = len(text) if end < 0 else end
    after = text[(span.close + 1) if span.close is not None else span.end:end]
    return not text[start:span.open].strip() and not after.strip(" \t\u00a0.,;")


def _other_speaker_between(res: SpeakerResolver, start: int, end: int,
                           speaker: EntityRef | None) -> bool:
    """Someone other than ``speaker`` is the subject of a verb of speech between two chars."""
    if speaker is None:
        return True
    for a in res.agents:
        t = res.doc[a.token_i]
        if start <= t.idx < end and a.reporting and a.name != speaker.name:
            return True
    return False


def _evaluation(ix: _Index, span: QuoteSpan, found: _Found) -> bool:
    """A short quote that is the object of the speaker's evaluative verb ("called X '…'")."""
    if found.how != "pre" or found.cue is None or found.speaker is None:
        return False
    if found.cue.lemma_.lower() not in P.EVALUATIVE_VERBS:
        return False
    inside = [t for t in ix.doc if span.start <= t.idx < span.end]
    ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in ids]
    if len(roots) != 1:
        return False
    node = roots[0]
    for _ in range(3):
        node = node.head
        if node.i == found.cue.i:
            return True
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return False
    return False


def _cue_text(found: _Found) -> str | None:
    if found.cue is None:
        return None
    if found.how == "according":
        return "according to"
    return found.cue.text


def _embedded(pre: list[Token]) -> bool:
    """The quote continues a clause of the outlet's ("…called the attack '…'")."""
    if not pre:
        return False
    last = pre[-1]
    return not (last.text in {":", ","} or last.is_punct)


def _para_index(text: str):
    """char -> index of its paragraph, counting only lines that hold text."""
    starts = [m.start() for m in re.finditer(r"(?m)^[ \t\u00a0]*\S", text)]

    def of(char: int) -> int:
        return bisect.bisect_right(starts, char) - 1
    return of


def _indirect(doc: Doc, ctx: ArticleContext, ix: _Index, res: SpeakerResolver,
              min_words: int) -> list[QuoteDetail]:
    """"X said (that) …" in sentences without quotation marks: the reported clause."""
    out: list[QuoteDetail] = []
    for sent in doc.sents:
        if any(ix.quoted[t.idx] for t in sent):
            continue
        for t in sent:
            if not (t.pos_ == "VERB" and t.lemma_.lower() in P.INDIRECT_VERBS):
                continue
            comp = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None)
            if comp is None:
                continue
            subj = subject_of(t)
            if subj is None or subj.i > comp.left_edge.i >= 0 and subj.i >= comp.i:
                continue
            left = comp.left_edge
            if left.lower_ == "that" and left.dep_ == "mark":
                left = left.doc[left.i + 1]
            right = comp.right_edge
            while right.i > left.i and right.is_punct:
                right = right.doc[right.i - 1]
            start, end = left.idx, right.idx + len(right.text)
            words = _WORD.findall(doc_text(doc)[start:end])
            if len(words) < min_words:
                continue
            speaker = res.resolve(subj)
            if speaker is None:
                continue
            ev = ctx.evidence(start, end)
            q = Quote(content_id("quo", ctx.article_id, ev.start, ev.end), ctx.article_id, speaker,
                      ev.text, "indirect", ev)
            out.append(QuoteDetail(q, _channel(t, list(sent), subj), "indirect", False, t.text))
            break
    return out


def extract_quotes(doc: Doc, ctx: ArticleContext, **options) -> list[Quote]:
    """Direct quotations of one article with their speakers (see :func:`extract_quote_details`
    for the options)."""
    return [replace(d.quote, channel=d.channel) for d in extract_quote_details(doc, ctx, **options)]


def quote_channels(doc: Doc, ctx: ArticleContext, **options) -> dict[str, str]:
    """quote_id -> channel ("on Telegram", "in a television address", "CNN") where given."""
    return {d.quote.quote_id: d.channel for d in extract_quote_details(doc, ctx, **options)
            if d.channel}
