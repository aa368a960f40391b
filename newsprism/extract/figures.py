"""Casualty figures: every reported count of people killed, wounded, missing, displaced, ...

``extract_figures(doc, ctx)`` reads one article's spaCy ``Doc`` and returns one :class:`Figure`
per reported number, with the sentence as evidence. The rules are general patterns of English
casualty reporting, read off the dependency parse with surface fall-backs:

1. **Numbers** (:func:`_find_numbers`): digits ("2,906", "1.2 million"), number words ("five
   thousand", "a dozen"), ranges ("30 to 35", "between 30 and 35"), vague counts ("dozens",
   "tens of thousands", "several hundred", "some of them") read the ACLED way (dozens = 12), each
   with its qualifier ("at least", "more than", "nearly", "about", "up to"). Years, times, ages,
   durations ("24-hour"), money, percentages and measures are never counts.
2. **What was counted** (:func:`_classify`): the counted noun must be people (or a casualty noun
   such as "deaths", "refugees"); the metric comes from, in order, a casualty word right after the
   count ("25 killed, 40 wounded"), the governing verb ("killed dozens", "were evacuated", "fled"),
   a participle or adjective on the noun ("displaced persons", "left 12 dead"), a toll construction
   ("the death toll rose to 43", "claimed the lives of 12"), the noun itself ("300 refugees").
   Modal, intended, negated or conditional events ("plan to evacuate thousands") are skipped.
3. **Sub-counts**: "including two civilians", "among them", "a thousand of them children" are
   their own figures and the parent lists their ids in ``includes``.
4. **Who** from the counted noun and its modifiers (``patterns.WHO_NOUNS``), antecedents for
   "some of them".
5. **Attribution**: "according to X", a reporting verb governing the clause ("X said/told/
   announced"), chains ("Y reported, citing X" -> X), pronouns resolved to the last named person or
   group, the previous sentence when it introduces the figures ("X said:"), the next sentence
   ("That is according to X"), the lede for a headline, and the article's own source for
   state-media relays ("Agency reports, citing X") and statements ("Statement by X"). Passive
   hearsay with nobody named ("are said to", "reportedly") is an unnamed source; the outlet's own
   voice is ``None``.
6. Restatements are dropped: a headline figure repeated in the body, and a later mention of the
   same count from the same source in the same article.
"""

from __future__ import annotations

from dataclasses import replace as _dc_replace

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from newsprism.extract import doc_text
from newsprism.extract.patterns import figures as P
from newsprism.records import ArticleContext, EntityRef, Evidence, Figure, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_figures"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*)[-\u2013](\d[\d,]*)$")
_TIME_AFTER = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc", "hrs", "h",
               "hours", "local"}
_CURRENCY = {"$", "€", "£", "¥", "usd", "eur", "us$", "rs", "rs."}
_PERCENT = {"%", "percent", "per", "pct"}
_MEASURE_AFTER = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
                  "metres", "meters", "m", "kg", "tonnes", "tons", "years", "year", "months",
                  "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute",
                  "seconds", "decades", "centuries"}
_EXCLUDED_ENTS = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "TIME"}
_ANAPHORS = {"them", "those", "these", "whom", "us", "which"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_INTRANSITIVE = {"die", "died", "perish", "perished", "succumb", "succumbed", "flee", "fled",
                 "arrive", "arrived", "cross", "crossed", "enter", "entered", "disappear",
                 "disappeared", "vanish", "vanished", "drown", "drowned", "reach", "reached"}
_COLLECTIVE = {"family", "group", "crew", "staff", "personnel", "police", "unit", "community",
               "population", "household", "team", "delegation", "convoy", "militia", "army", "force"}
_GENERIC_PERSON = {"people", "persons", "person", "others", "other", "individuals", "civilians"}
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"they", "it", "them", "we"}
_GENERIC_SOURCE_HEADS = {
    "ministry", "office", "agency", "army", "military", "service", "government", "spokesman",
    "spokeswoman", "spokesperson", "official", "officials", "authorities", "presidency",
    "department", "committee", "organisation", "organization", "mission", "group", "prosecutor",
    "police", "command", "statement", "source", "sources", "authority", "administration",
    "council", "unit", "force", "forces", "agency", "body", "team", "centre", "center",
}
_STATEMENT_TITLE = re.compile(
    r"^\s*(?:statement|remarks|speech|address|briefing|press briefing|comments|intervention)s?"
    r"\s+(?:by|of)\s+(.+?)(?:\s+(?:at|to|on|before|in|during)\s+.*)?$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------------


@dataclass
class _Num:
    """A count in the text: token range, anchor token (carries the dependency), value."""

    start: int  # first token (qualifier included)
    end: int  # one past the last token
    anchor: Token
    low: int | None
    high: int | None
    qualifier: str
    vague_term: str | None
    value_start: int  # first token of the number proper
    estimate: bool = False
    pronoun: bool = False  # "some"/"many" used alone as a pronoun


def _digit_value(text: str) -> float | None:
    if not _DIGITS.match(text):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _word_number(tokens: Span, i: int) -> tuple[int, float] | None:
    """Parse number words from token ``i``: "five thousand", "twenty-five", "a dozen"."""
    n = len(tokens)
    k = i
    low = tokens[k].lower_
    if low == "half" and k + 2 < n and tokens[k + 1].lower_ in ("a", "an") and tokens[k + 2].lower_ == "dozen":
        return k + 3, 6.0
    total = 0.0
    current = 0.0
    seen = False
    if low in P.ONE_WORDS and low != "one" and k + 1 < n and tokens[k + 1].lower_ in P.SCALES:
        current = 1.0
        k += 1
    while k < n:
        w = tokens[k].lower_
        if w in P.UNITS:
            current += P.UNITS[w]
        elif w in P.TENS:
            current += P.TENS[w]
        elif w == "hundred":
            current = max(current, 1.0) * 100
        elif w in ("thousand", "million", "billion"):
            total += max(current, 1.0) * P.SCALES[w]
            current = 0.0
        elif w == "dozen":
            current = max(current, 1.0) * 12
        elif (w in ("-", "and") and seen and k + 1 < n
              and (tokens[k + 1].lower_ in P.UNITS or tokens[k + 1].lower_ in P.TENS)
              and (w == "-" or tokens[k - 1].lower_ in ("hundred", "thousand", "million"))):
            k += 1
            continue
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    return k, total + current


def _scan_value(tokens: Span, i: int) -> tuple[int, float] | None:
    """A number starting at token ``i`` (digits with optional scale word, or number words)."""
    tok = tokens[i]
    v = _digit_value(tok.text)
    if v is not None:
        k = i + 1
        while k < len(tokens) and tokens[k].lower_ in ("hundred", "thousand", "million", "billion"):
            v *= P.SCALES[tokens[k].lower_]
            k += 1
        return k, v
    return _word_number(tokens, i)


def _lower_seq(tokens: Span, start: int, end: int) -> list[str]:
    return [t.lower_ for t in tokens[max(0, start):max(0, end)]]


_QUOTE_MARKS = {'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "``", "''"}


def _qualifier_before(tokens: Span, i: int) -> tuple[str, int] | None:
    """The qualifier phrase ending right before token ``i`` -> (qualifier, start index); a quote
    mark between them is skipped (up to "150,000": the outlet quotes the number, not the hedge)."""
    if i > 0 and tokens[i - 1].text in _QUOTE_MARKS:
        q = _qualifier_before(tokens, i - 1)
        if q is not None:
            return q
    for phrase, qual in P.QUALIFIERS:
        words = phrase.split()
        s = i - len(words)
        if s < 0:
            continue
        if _lower_seq(tokens, s, i) == words:
            return qual, s
    return None


def _is_excluded_number(tokens: Span, i: int, j: int, value: float) -> bool:
    """Years, times, ages, durations, money, percentages, measures: never casualty counts."""
    first, last = tokens[i], tokens[j - 1]
    nxt = tokens[j] if j < len(tokens) else None
    nxt2 = tokens[j + 1] if j + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    if last.ent_type_ in _EXCLUDED_ENTS or first.ent_type_ in _EXCLUDED_ENTS:
        # spaCy tags some counts as QUANTITY/TIME wrongly only when a unit follows; trust it
        return True
    if nxt is not None:
        if nxt.text in ("-", "\u2013") and nxt2 is not None and nxt2.is_alpha and nxt2.lower_ not in P.UNITS \
                and nxt2.lower_ not in P.TENS:
            return True  # "24-hour", "10-month", "120,000-strong"
        if nxt.lower_ in _PERCENT or nxt.text.startswith("%"):
            return True
        if nxt.lower_ in _TIME_AFTER or nxt.text == ":":
            return True
        if nxt.lower_ in ("year", "years") and any(t.lower_ == "old" for t in tokens[j + 1:j + 4]):
            return True
        if nxt.lower_.startswith("-year") or nxt.lower_ in ("th", "st", "nd", "rd"):
            return True
        if nxt.lower_ in _MEASURE_AFTER:
            return True
    if prev is not None:
        if prev.lower_ in _CURRENCY or prev.text in _CURRENCY:
            return True
        before = [t.lower_ for t in tokens[max(0, i - 2):i]]
        if prev.lower_ in ("no", "not", "how") or before == ["no", "-"]:
            return True  # "no-one was injured", "not one", "how many"
        if prev.lower_ in P.AGE_WORDS or any(t.lower_ in ("age", "aged", "ages") for t in tokens[max(0, i - 3):i]):
            return True
        if prev.text == "," and i >= 2 and (tokens[i - 2].ent_type_ == "PERSON" or tokens[i - 2].pos_ == "PROPN") \
                and j == i + 1 and (nxt is None or nxt.text in (",", ")", ".", "and", ";")):
            return True  # "Paul Floyd, 47, was arrested": an age
        if prev.lower_ in ("no.", "number", "no", "page", "article", "resolution", "route",
                           "road", "kilometre", "kilometer", "km", "section", "paragraph",
                           "point", "grade", "level", "phase", "zone", "sector", "unit"):
            return True
    text = first.text
    if i == j - 1 and re.fullmatch(r"\d{4}", text) and 1800 <= value <= 2100:
        # a bare four-digit number in the year range is a year unless people are counted
        head = first.head
        if first.ent_type_ == "DATE" or head.lower_ not in P.WHO_NOUNS and head.lemma_.lower() not in P.WHO_NOUNS:
            return True
    if first.ent_type_ == "DATE" and not (first.head.lower_ in P.WHO_NOUNS or first.head.lower_ in P.NOUN_METRIC):
        # a date entity of more than the number itself ("June 5", "Monday 5", "5 days"); a lone
        # number that spaCy calls a date ("put the toll at 43") is still a count
        ent = next((e for e in first.doc.ents if e.start <= first.i < e.end), None)
        if ent is None or ent.start != first.i or ent.end != first.i + (j - i):
            return True
        if 1800 <= value <= 2100:
            return True
    return False


def _find_numbers(sent: Span) -> list[_Num]:
    """Every count phrase in the sentence, left to right."""
    toks = sent
    n = len(toks)
    out: list[_Num] = []
    i = 0
    skip_until = -1
    while i < n:
        if i < skip_until:
            i += 1
            continue
        tok = toks[i]
        low = tok.lower_
        found: _Num | None = None
        # --- digit range in one token: "30-35"
        m = _DIGIT_RANGE.match(tok.text)
        if m:
            a, b = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
            if a < b and not _is_excluded_number(toks, i, i + 1, a) and not (1800 <= a <= 2100 and 1800 <= b <= 2100):
                found = _Num(i, i + 1, tok, int(a), int(b), "range", None, i)
        # --- vague plural nouns: dozens, hundreds, tens of thousands
        elif low in P.VAGUE_NOUNS and not (low == "scores" and (i + 1 >= n or toks[i + 1].lower_ != "of")):
            j = i + 1
            value = P.VAGUE_NOUNS[low]
            term_words = [low]
            if j + 1 < n and toks[j].lower_ == "of" and toks[j + 1].lower_ in P.VAGUE_NOUNS:
                value *= P.VAGUE_NOUNS[toks[j + 1].lower_]
                term_words += ["of", toks[j + 1].lower_]
                j += 2
            start = i
            if i > 0 and toks[i - 1].lower_ in ("many", "several", "some", "few", "countless", "the"):
                if toks[i - 1].lower_ != "the":
                    term_words.insert(0, toks[i - 1].lower_)
                    start = i - 1
            anchor = toks[j - 1]
            qual = "vague"
            q = _qualifier_before(toks, start)
            lo: int | None = int(value)
            if q and q[0] in ("more_than", "at_least"):
                start = q[1]
            found = _Num(start, j, anchor, lo, None, qual, " ".join(term_words), i)
        # --- "several hundred", "a few thousand", "many thousand"
        elif low in ("hundred", "thousand", "dozen", "million") and i > 0 and (
                toks[i - 1].lower_ in P.VAGUE_SCALE_MODIFIERS
                or (i > 1 and f"{toks[i - 2].lower_} {toks[i - 1].lower_}" in P.VAGUE_SCALE_MODIFIERS)):
            if i > 1 and f"{toks[i - 2].lower_} {toks[i - 1].lower_}" in P.VAGUE_SCALE_MODIFIERS:
                mod = f"{toks[i - 2].lower_} {toks[i - 1].lower_}"
                start = i - 2
            else:
                mod = toks[i - 1].lower_
                start = i - 1
            value = P.VAGUE_SCALE_MODIFIERS[mod] * P.SCALES[low]
            found = _Num(start, i + 1, tok, int(value), None, "vague", f"{mod} {low}", start)
        else:
            scanned = _scan_value(toks, i) if (tok.like_num or low in P.ONE_WORDS or low == "half") else None
            if scanned is not None:
                j, value = scanned
                if _is_excluded_number(toks, i, j, value) or (value != int(value) and value < 1000):
                    i = j
                    continue
                start = i
                qual = "exact"
                lo_v: float | None = value
                hi_v: float | None = value
                vague = None
                estimate = False
                # "from 20 to 40": the first is an earlier figure of a change, not a range
                prev = toks[i - 1].lower_ if i > 0 else ""
                rng = None
                if j < n and toks[j].lower_ in ("to", "-", "\u2013", "\u2014", "or", "and") and j + 1 < n:
                    nxt = _scan_value(toks, j + 1) if toks[j + 1].like_num else None
                    if nxt is not None and nxt[1] > value and (toks[j].lower_ != "and" or prev == "between"):
                        if prev == "from" and toks[j].lower_ == "to":
                            i = j  # skip the "from" value; the "to" value is read next
                            continue
                        if not _is_excluded_number(toks, j + 1, nxt[0], nxt[1]):
                            rng = nxt
                if rng is not None:
                    qual = "range"
                    hi_v = rng[1]
                    if prev == "between":
                        start = i - 1
                    j = rng[0]
                else:
                    q = _qualifier_before(toks, i)
                    if q is not None:
                        qual, start = q
                        if _lower_seq(toks, q[1], i)[-1:] == ["estimated"]:
                            estimate = True
                    else:
                        after = " ".join(_lower_seq(toks, j, j + 2))
                        for phrase, aq in P.QUALIFIERS_AFTER:
                            if after.startswith(phrase):
                                qual = aq
                    if qual in ("at_least", "more_than"):
                        hi_v = None
                    elif qual == "up_to":
                        lo_v = None
                anchor = toks[j - 1]
                found = _Num(start, j, anchor, None if lo_v is None else int(lo_v),
                             None if hi_v is None else int(hi_v), qual, vague, i, estimate)
            elif low in P.VAGUE_QUANTIFIERS or (
                    low in ("a",) and i + 2 < n and toks[i + 1].lower_ in ("number", "handful")
                    and toks[i + 2].lower_ == "of"):
                found = _vague_quantifier(toks, i)
        if found is not None:
            out.append(found)
            skip_until = found.end
            i = found.end
            continue
        i += 1
    for num in out:  # sentence-relative -> doc token indices
        num.start += sent.start
        num.end += sent.start
        num.value_start += sent.start
    return out


def _vague_quantifier(toks: Span, i: int) -> _Num | None:
    """"some of them", "several were wounded", "many civilians": a vague count with no value."""
    tok = toks[i]
    low = tok.lower_
    if low == "a":
        term = f"a {toks[i + 1].lower_}"
        anchor = toks[i + 1]
        end = i + 2
    else:
        term = low
        anchor = tok
        end = i + 1
    if end < len(toks) and toks[end].like_num:
        return None  # "some 200": a qualifier, read with the number
    if i > 0 and toks[i - 1].lower_ in ("how", "so", "too", "not"):
        return None  # "how many", "not many"
    nxt = toks[end] if end < len(toks) else None
    of_them = nxt is not None and nxt.lower_ == "of" and end + 1 < len(toks) and toks[end + 1].lower_ in _ANAPHORS
    pron = anchor.dep_ in _SUBJ | {"dobj", "pobj"} and anchor.pos_ in ("PRON", "DET", "ADJ", "NOUN")
    det_of_person = anchor.dep_ in ("det", "amod", "nummod") and _person_class(anchor.head) is not None \
        and anchor.head.i > anchor.i
    if low == "a" and nxt is not None and nxt.lower_ == "of":
        det_of_person = _person_class(_of_object(anchor)) is not None if _of_object(anchor) is not None else False
    k = end
    while k < len(toks) and toks[k].text in _QUOTE_MARKS:
        k += 1
    casualty_next = k < len(toks) and (toks[k].lower_ in P.ADJ_METRIC or toks[k].lower_ in P.SHOOT_VERBS)
    if not (of_them or pron or det_of_person or casualty_next):  # "several shot dead", "many injured"
        return None
    return _Num(i, end, anchor, None, None, "vague", term, i, pronoun=True)


# --------------------------------------------------------------------------------------------
# what was counted
# --------------------------------------------------------------------------------------------


def _tl(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _of_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _is_demonym(tok: Token) -> bool:
    if tok.ent_type_ == "NORP" and tok.pos_ in ("PROPN", "NOUN"):
        return True
    t = tok.text
    return bool(t[:1].isupper() and tok.tag_ in ("NNPS", "NNS") and t.lower().endswith(P.PERSON_SUFFIXES))


def _person_class(tok: Token | None) -> str | None:
    """The who class of a noun that denotes people, or None when it is not people."""
    if tok is None:
        return None
    words = _tl(tok)
    if words & P.NON_PERSON_NOUNS:
        return None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
    for m in mods:
        key = f"{m.lower_} {tok.lower_}"
        if key in P.WHO_NOUNS:
            return P.WHO_NOUNS[key]
    cls = None
    for w in (tok.lower_, tok.lemma_.lower()):
        if w in P.WHO_NOUNS:
            cls = P.WHO_NOUNS[w]
            break
    if cls is None and words & {"force", "forces", "personnel", "unit", "units", "element", "elements"}:
        cls = "military"
    if cls is None and _is_demonym(tok):
        cls = "all"
    if cls is None and tok.lower_ in ("displaced", "wounded", "injured", "dead", "missing"):
        cls = "all"
    if cls is None:
        return None
    # modifiers refine a generic or service noun: "civilian casualties", "separatist forces"
    if cls in ("all", "military"):
        for m in mods:
            ml = m.lemma_.lower()
            if ml in P.WHO_MODIFIERS:
                mc = P.WHO_MODIFIERS[ml]
                if cls == "all" or tok.lower_ in ("forces", "force", "personnel", "members", "officers", "units"):
                    return mc
    if cls == "all":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "among":
                for g in c.children:
                    if g.dep_ == "pobj":
                        sub = _person_class(g)
                        if sub and sub != "all":
                            return sub
    if words & {"member", "members", "officer", "officers", "personnel", "forces"}:
        obj = _of_object(tok)
        if obj is not None:
            text = " ".join(t.lower_ for t in obj.subtree)
            for key, c in P.SERVICE_OF.items():
                if key in text.split() or key in text:
                    return c
    if tok.lower_ in ("officer", "officers") and cls == "military":
        return _officers_service(tok)
    return cls


_POLICE_CUES = frozenset({"police", "policeman", "policemen", "cop", "cops", "sheriff", "constable", "precinct",
                          "patrol", "detective", "detectives", "gendarmerie", "gendarme", "gendarmes"})
_MILITARY_CUES = frozenset({"army", "military", "soldier", "soldiers", "troops", "regiment", "battalion", "brigade",
                            "navy", "marines", "defence", "defense", "armed"})


def _officers_service(tok: Token) -> str:
    """Bare "officers" are police in a police story and soldiers in a military one; the sentence
    decides first, then the article; with no cue either way the service stays unknown."""
    for scope in (tok.sent, tok.doc):
        words = [t.lower_ for t in scope]
        police = sum(w in _POLICE_CUES for w in words)
        military = sum(w in _MILITARY_CUES for w in words)
        if police != military:
            return "police" if police > military else "military"
    return "unknown"


_WHO_PRIORITY = ("children", "civilians", "peacekeepers", "police", "military", "combatants", "all", "unknown")


def _group_class(noun: Token) -> str | None:
    """Who for a counted noun and the nouns coordinated with it that have no count of their
    own ("12 women and children"): the most specific protected group named."""
    classes = [_person_class(noun)]
    for c in noun.children:
        # "two officers and a driver": a noun with its own count (even "a") is not part of this one
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not any(
                g.dep_ == "nummod" or g.like_num or g.lower_ in ("a", "an") for g in c.children):
            classes.append(_person_class(c))
    found = [c for c in classes if c is not None]
    if not found:
        return None
    return min(found, key=_WHO_PRIORITY.index)


# "100 feared dead", "12 presumed dead": the count is an estimate, the metric follows
_PRESUMED = {"feared", "believed", "presumed", "thought", "confirmed", "reported"}
_ESTIMATE_WORDS = {"feared", "believed", "presumed", "thought"}
_BEFORE_METRIC = {"more", "others", "other", "people", "persons", "were", "are", "have", "had", "been", "being",
                  "still", "now", "reportedly", "also", "later", "critically", "seriously", "severely",
                  "slightly", "lightly", "gravely", "fatally", "mortally", "allegedly"}


def _adj_metrics_after(toks: Span, j: int) -> tuple[list[str], int, int]:
    """Casualty words right after a count: "25 killed", "12 dead, wounded or missing", "100
    feared dead"."""
    n = len(toks)
    k = j
    while k < n and (toks[k].lower_ in _BEFORE_METRIC or toks[k].lower_ in _PRESUMED
                     or toks[k].text in _QUOTE_MARKS):
        k += 1
    if k < n and toks[k].lower_ in P.SHOOT_VERBS:
        # "several shot 'dead'", "12 shot and wounded", "40 shot": hit by gunfire
        m = k + 1
        while m < n and toks[m].text in _QUOTE_MARKS:
            m += 1
        if m < n and toks[m].lower_ == "dead":
            return ["killed"], m + 1, k
        if m + 1 < n and toks[m].lower_ == "and" and toks[m + 1].lower_ in P.ADJ_METRIC:
            return [P.ADJ_METRIC[toks[m + 1].lower_]], m + 2, k
        if toks[k].tag_ in ("VBN", "VBD"):
            return ["killed_or_wounded"], k + 1, k
        return [], k, k
    mets: list[str] = []
    first = k
    while k < n:
        w = toks[k].lower_
        if w in P.ADJ_METRIC:
            mets.append(P.ADJ_METRIC[w])
            k += 1
            if k < n and toks[k].lower_ in (",", "or", "and") and k + 1 < n and toks[k + 1].lower_ in P.ADJ_METRIC:
                k += 1
                continue
            if k + 1 < n and toks[k].lower_ == "," and toks[k + 1].lower_ in ("or", "and") and k + 2 < n \
                    and toks[k + 2].lower_ in P.ADJ_METRIC:
                k += 2
                continue
            break
        break
    return mets, k, first


def _combine(metrics: Iterable[str]) -> str | None:
    ms = list(dict.fromkeys(metrics))
    if not ms:
        return None
    if len(ms) == 1:
        return ms[0]
    if set(ms) <= {"killed", "wounded", "missing", "killed_or_wounded"}:
        return "killed_or_wounded"
    return ms[0]


def _verb_metric(verb: Token, arg: Token | None) -> str | None:
    """The metric of a verb with the counted group as ``arg`` (or None)."""
    words = _tl(verb)
    dep = arg.dep_ if arg is not None else ""
    # "shot dead", "left 12 dead", "were found dead", "went missing", "remain unaccounted for"
    comps = [c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp", "advmod", "dobj", "attr", "ccomp")
             and c.lower_ in P.ADJ_METRIC and (arg is None or c.i != arg.i)]
    if comps and (words & {"leave", "left", "shoot", "shot", "find", "found", "be", "is", "are", "was",
                          "were", "remain", "remained", "go", "went", "gone", "report", "reported",
                          "declare", "declared", "confirm", "confirmed", "list", "listed",
                          "feared", "fear", "presume", "presumed", "render", "rendered", "make",
                          "made"}):
        mets = [P.ADJ_METRIC[c.lower_] for c in comps]
        for c in comps:
            for cc in c.children:
                if cc.dep_ == "conj" and cc.lower_ in P.ADJ_METRIC:
                    mets.append(P.ADJ_METRIC[cc.lower_])
        for c in verb.children:
            if c.dep_ == "conj" and c.lower_ in P.ADJ_METRIC:
                mets.append(P.ADJ_METRIC[c.lower_])
                for cc in c.children:
                    if cc.dep_ == "conj" and cc.lower_ in P.ADJ_METRIC:
                        mets.append(P.ADJ_METRIC[cc.lower_])
        return _combine(mets)
    if arg is not None and arg.lower_ in P.LIFE_NOUNS and words & P.LIFE_VERBS:
        return "killed"  # "claimed more than 2,000 lives"
    if words & {"gun", "gunned"} and any(c.lower_ == "down" for c in verb.children):
        return "killed"
    if words & {"lose", "lost"} and any(c.lower_ in P.LIFE_NOUNS for c in verb.children):
        return "killed"
    if words & {"take", "taken", "took"} and any(c.lower_ in ("hostage", "captive", "prisoner", "prisoners", "hostages")
                                                  for c in verb.children):
        return "detained"
    if words & {"take", "taken", "took"} and any(c.lower_ == "into" and any(g.lower_ == "custody" for g in c.children)
                                                  for c in verb.children):
        return "detained"
    if words & {"round", "rounded"} and any(c.lower_ == "up" for c in verb.children):
        return "detained"
    if words & {"sustain", "sustained", "suffer", "suffered"} and any(
            c.lower_ in ("injuries", "wounds", "injury", "wound") for c in verb.children):
        return "wounded"
    if words & {"treat", "treated"} and any(c.lower_ == "for" for c in verb.children):
        return "wounded"
    if words & {"treat", "treated", "admit", "admitted", "receive", "received"} and any(
            c.dep_ == "prep" and c.lower_ == "with" and any(
                g.dep_ == "pobj" and g.lower_.startswith(P.INJURY_STEMS) for g in c.children)
            for c in verb.children):
        return "wounded"  # "treated 30 patients with gunshot wounds"
    if words & {"send", "sent", "take", "taken", "rush", "rushed", "admit", "admitted"} and any(
            c.lower_ in ("to", "into") and any(g.lower_ in P.HOSPITAL_WORDS for g in c.children) for c in verb.children):
        return "wounded"
    if words & P.SHOOT_VERBS and verb.pos_ == "VERB":
        # "were shot": killed or wounded, unless the text says which ("shot and killed", "shot and
        # injured"); "shot at" / "shot down" are not hits on people
        if any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "at") for c in verb.children):
            return None
        for c in verb.children:
            if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "ADJ"):
                m = P.ADJ_METRIC.get(c.lower_) or next((P.VERB_METRIC[w] for w in _tl(c) if w in P.VERB_METRIC), None)
                if m is not None:
                    return m
        return "killed_or_wounded"
    if words & P.FORCE_VERBS:
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp", "advcl") and _tl(c) & P.LEAVE_VERBS:
                return "displaced"
            if c.dep_ == "prep" and c.lower_ in ("from", "out") :
                return "displaced"
    for w in words:
        if w in P.VERB_METRIC:
            m = P.VERB_METRIC[w]
            if w in P.DETAIN_VERBS and w in ("seize", "seized", "capture", "captured") and dep not in ("dobj", "nsubjpass"):
                return None
            if w in ("lose", "lost"):
                who = _person_class(_of_object(arg) if arg is not None and _of_object(arg) is not None else arg)
                if arg is None or who is None:
                    return None  # "lost 14 comrades" yes; "lost one or both legs", "lost 3 tanks" no
            return m
    if words & P.ARRIVAL_VERBS and arg is not None:
        # "3,000 refugees crossed into X", "2,900 people arrived in X": displacement when whole
        # groups of people (not troops, not reporters) reach a named place
        dest = any(c.dep_ == "prep" and c.lower_ in ("into", "in", "to", "at", "from", "over")
                   for c in verb.children) or any(c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC") for c in verb.children)
        group = _tl(arg) & P.MOVING_GROUPS or _is_demonym(arg) or any(
            c.dep_ in ("amod", "compound") and c.lower_ in P.ADJ_METRIC for c in arg.children)
        if dest and group:
            return "displaced"
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


@dataclass
class _Hit:
    num: _Num
    metric: str
    who: str
    noun: Token | None
    cue: Token  # the token whose clause carries the event (verb or noun)
    parent_hint: str | None = None  # "including" / "of_them" / "sibling"
    inherited: bool = False
    of_them: bool = False


def _counted_noun(num: _Num) -> tuple[Token | None, bool]:
    """The noun counted by ``num`` and whether it is an anaphor ("of them")."""
    a = num.anchor
    doc = a.doc
    if num.end + 1 < len(doc) and doc[num.end].lower_ == "of" and doc[num.end + 1].lower_ in _ANAPHORS \
            and _of_object(a) is None:
        return None, True  # "three of whom it sent on": the parse lost the "of"
    obj = _of_object(a)
    if obj is not None:
        if obj.lower_ in _ANAPHORS:
            # "a thousand of them children": a noun after the anaphor names the group
            if a.dep_ in ("nummod", "quantmod") and a.head.pos_ in ("NOUN", "PROPN") and a.head.i > obj.i:
                return a.head, True
            nxt = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and _person_class(nxt) not in (None, "all"):
                return nxt, True
            return None, True
        if obj.pos_ in ("NOUN", "PROPN"):
            return obj, False
    if a.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "nmod", "appos") and a.head.pos_ in ("NOUN", "PROPN") \
            and a.head.i > a.i and a.head.i - a.i <= 5:
        head = a.head
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if head.lower_ in P.SHOOT_VERBS and head.i == a.i + 1:
            return None, False  # "several shot dead": the participle misread as a noun
        if head.lower_ in P.ADJ_METRIC and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            return nxt, False  # "150 dead fish": the noun after the adjective
        return head, False
    doc = a.doc
    k = num.end
    # surface fall-back: the next noun right after the count ("2 servicemen")
    while k < len(doc) and k - num.end < 4 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "ADV") and doc[k].dep_ != "ROOT":
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].tag_ in ("NNS", "NNPS", "NN") and (
                k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN")):
            if doc[k].tag_ in ("NNS", "NNPS") or doc[k].lower_ in P.WHO_NOUNS:
                return doc[k], False
            break
        k += 1
    return None, False


def _climb_to_verb(node: Token) -> tuple[Token | None, Token]:
    """From a noun/number up to the verb that governs it -> (verb, argument token)."""
    cur = node
    for _ in range(6):
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i:
            return None, cur
        if dep in ("nummod", "quantmod") and head.lower_ in ("more", "others", "other"):
            cur = head  # "wounded 56 more"
            continue
        if dep == "advmod" and cur.lower_ in ("more", "others") and head.pos_ == "VERB":
            return head, cur
        if dep == "conj" and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            cur = head  # a coordinated group shares its first conjunct's verb
            continue
        if dep == "appos" and head.pos_ in ("NOUN", "PROPN", "NUM"):
            cur = head
            continue
        if dep in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative", "npadvmod", "nmod"):
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                return head, cur
            if head.pos_ in ("NOUN", "PROPN") and head.lower_ in P.ADJ_METRIC:
                return head, cur
            cur = head
            continue
        if dep == "pobj":
            prep = head
            if prep.lower_ in ("including", "among", "incl", "include"):
                return None, cur
            # "bringing the toll to 40", "forced thousands of ..."; not "with 239 people on
            # board", "by 3 gunmen", "clashes with 20 militants"
            if prep.head.pos_ in ("VERB", "AUX") and prep.lower_ in ("of", "to", "at", "as", "into", "from"):
                return prep.head, cur
            return None, cur
        if dep in ("acl", "relcl", "amod") and head.pos_ in ("NOUN", "PROPN") and cur.pos_ == "VERB":
            return cur, cur
        return None, cur
    return None, cur


def _climb_from_count(num: _Num, node: Token) -> tuple[Token | None, Token]:
    """:func:`_climb_to_verb`, where the count's own qualifier may be parsed as a preposition
    ("injuring over 120": 120 is the object of "over", "over" hangs on the verb)."""
    prep = node.head
    if node.dep_ == "pobj" and num.start <= prep.i < num.value_start and prep.dep_ == "prep" \
            and prep.head.pos_ == "VERB":
        return prep.head, node
    return _climb_to_verb(node)


def _modal_or_negated(verb: Token | None) -> bool:
    """Future, conditional, intended, negated or denied events are not reported counts."""
    if verb is None:
        return False
    node = verb
    governs = True  # the modal / negation of this node applies to the event
    for depth in range(4):
        for c in node.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in P.MODAL_AUX and governs:
                return True
            if c.dep_ == "neg" and governs:
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and depth <= 1:
                return True
        if node.dep_ in ("xcomp",) and _tl(node.head) & P.INTENT_VERBS:
            return True
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in ("without",):
            return True
        if node.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp"):
            if node.dep_ in ("acl",) and _tl(node) & P.INTENT_VERBS:
                return True
            # "can't afford to house ...": the head's modal and negation reach an infinitive
            governs = node.dep_ == "xcomp"
            node = node.head
            if _tl(node) & P.DENIAL_VERBS:
                return True  # "they deny that many civilians were killed"
            if node.pos_ not in ("VERB", "AUX") or _tl(node) & P.REPORTING_VERBS:
                break
            if _tl(node) & P.INTENT_VERBS:
                return True
            continue
        break
    return False


def _noun_modal(noun: Token | None) -> bool:
    """"without a mass exodus of 120,000 people", "to prevent the deaths of ..."."""
    if noun is None:
        return False
    cur = noun
    for _ in range(5):
        if cur.dep_ == "pobj" and cur.head.lower_ == "without":
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _toll_metric(num: _Num, noun: Token | None = None) -> tuple[str | None, Token | None]:
    """"the death toll rose to 43", "put the number of displaced at 12,000", "claimed the lives
    of 12", "a toll of 40"."""
    a = num.anchor
    if noun is not None and noun.i != a.i and _of_object(a) is None:
        a = noun  # "the lives of five children": the noun hangs on "of"
    if a.dep_ == "pobj" and a.head.lower_ in ("to", "at", "of", "above", "past"):
        prep = a.head
        head = prep.head
        if prep.lower_ == "of" and head.lower_ in P.LIFE_NOUNS:
            v = head.head
            if _tl(v) & P.LIFE_VERBS:
                return "killed", v
        if prep.lower_ == "of" and _tl(head) & {"body", "bodies", "remains", "corpse", "corpses"}:
            return "killed", head
        if prep.lower_ == "of" and head.pos_ in ("NOUN", "PROPN") and (head.lower_ in P.EVENT_NOUN_METRIC
                                                                      or head.lemma_.lower() in P.EVENT_NOUN_METRIC):
            # "the detention of 11 people", "the killing of 12 protesters"; not "called for the
            # arrest of 20 officers": an event someone wants is not one that happened
            gov = head
            while gov.pos_ not in ("VERB", "AUX") and gov.dep_ in ("pobj", "prep", "dobj", "conj", "appos") \
                    and gov.head.i != gov.i:
                gov = gov.head
            if gov.pos_ in ("VERB", "AUX") and (_tl(gov) & (P.INTENT_VERBS | P.ORDER_VERBS) or _modal_or_negated(gov)):
                return None, None
            return P.EVENT_NOUN_METRIC.get(head.lower_) or P.EVENT_NOUN_METRIC[head.lemma_.lower()], head
        if prep.lower_ == "of" and _tl(head) & {"toll", "tally"}:
            return _toll_noun_metric(head), head
        if head.pos_ in ("VERB", "AUX"):
            for subj in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
                m = _toll_subject_metric(subj)
                if m:
                    return m, head
    elif a.dep_ in ("attr", "dobj") and a.head.pos_ in ("VERB", "AUX"):
        head = a.head
        if _tl(head) & P.TOLL_VERBS:
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                m = _toll_subject_metric(subj)
                if m:
                    return m, head
    return _estimate_of_toll(a)


def _estimate_of_toll(a: Token) -> tuple[str | None, Token | None]:
    """"the death toll remains unclear, with some estimates of up to 150,000": a count given as
    an estimate of a toll named as the clause's subject."""
    cur = a
    for _ in range(5):
        if cur.dep_ not in ("pobj", "prep", "pcomp", "quantmod", "nummod") or cur.head.i == cur.i:
            return None, None
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in ("estimate", "figure", "count", "projection"):
            break
    else:
        return None, None
    if cur.pos_ != "NOUN":
        return None, None
    verb = cur
    while verb.dep_ in ("pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not _tl(subj) & {"toll", "tally"}:
        return None, None
    return _toll_noun_metric(subj), cur


def _toll_noun_metric(tok: Token) -> str:
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if mods & {"injury", "wounded", "injured"}:
        return "wounded"
    if mods & {"casualty"}:
        return "killed_or_wounded"
    return "killed"


def _toll_subject_metric(subj: Token) -> str | None:
    words = _tl(subj)
    if words & {"toll", "tally"}:
        return _toll_noun_metric(subj)
    if words & {"number", "count", "total", "figure"}:
        obj = _of_object(subj)
        for c in subj.children:
            if c.dep_ in ("acl",) and c.lower_ in P.ADJ_METRIC:
                return P.ADJ_METRIC[c.lower_]
        if obj is not None:
            for c in obj.children:
                if c.dep_ in ("acl", "amod") and c.lower_ in P.ADJ_METRIC:
                    return P.ADJ_METRIC[c.lower_]
            if obj.lower_ in P.ADJ_METRIC:
                return P.ADJ_METRIC[obj.lower_]
            if obj.lower_ in P.NOUN_METRIC:
                return P.NOUN_METRIC[obj.lower_]
            for prep in subj.children:
                for g in prep.children:
                    if g.lower_ in P.ADJ_METRIC:
                        return P.ADJ_METRIC[g.lower_]
    if subj.lower_ in P.NOUN_METRIC:
        return P.NOUN_METRIC[subj.lower_]
    return None


def _noun_own_metric(noun: Token) -> tuple[str | None, Token | None]:
    """A participle or adjective on the noun ("displaced persons", "people injured in ...")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "with" and any(
                g.dep_ == "pobj" and g.lower_.startswith(P.INJURY_STEMS) for g in c.children):
            return "wounded", c  # "30 patients with gunshot wounds"
        if c.dep_ in ("amod", "acl", "compound") and c.lower_ in P.ADJ_METRIC:
            if c.dep_ == "acl" and _modal_or_negated(c):
                return None, None
            return P.ADJ_METRIC[c.lower_], c
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            m = _verb_metric(c, noun)
            if m and c.tag_ == "VBN" and not _modal_or_negated(c):
                return m, c
    return None, None


def _injury_patients(num: _Num) -> Token | None:
    """"eight gunshot-wound patients", "12 bullet-wound victims": people counted by their wounds.
    Read on the surface, since spaCy often tags "wounds" in such a chain as a verb."""
    doc = num.anchor.doc
    injured = False
    for k in range(num.end, min(len(doc), num.end + 6)):
        t = doc[k]
        low = t.lower_
        if low.startswith(P.INJURY_STEMS):
            injured = True
            continue
        if t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS") and _person_class(t) is not None:
            return t if injured else None
        if not (t.pos_ in ("NOUN", "ADJ") or t.text in ("-", "\u2013")):
            return None
    return None


def _classify(num: _Num, sent: Span) -> _Hit | None:
    """Decide whether a count is a casualty figure; give its metric and who."""
    noun, of_them = _counted_noun(num)
    if noun is not None and noun.lower_ in _ANAPHORS:
        noun, of_them = None, True
    patients = _injury_patients(num) if not of_them else None
    if patients is not None and (noun is None or noun.i != patients.i or _noun_own_metric(patients)[0] is None):
        verb = _climb_to_verb(patients)[0]
        if verb is not None and _modal_or_negated(verb):
            return None
        # hospital patients are counted by their wounds, not by who they are
        who = "all" if patients.lemma_.lower() in ("patient", "victim") else _group_class(patients) or "all"
        return _Hit(num, "wounded", who, patients, patients)
    part_of = _of_object(num.anchor)
    if part_of is not None and part_of.lower_ in ("dead", "wounded", "injured", "missing", "killed"):
        # "five of the dead were children": a part of the dead, named by the predicate
        metric = P.ADJ_METRIC.get(part_of.lower_, "killed_or_wounded")
        who = "all"
        head = num.anchor.head
        if num.anchor.dep_ == "nsubj" and head.lemma_ == "be":
            attr = next((c for c in head.children if c.dep_ == "attr"), None)
            who = _person_class(attr) or "all"
        return _Hit(num, metric, who, None, num.anchor)
    if noun is not None:
        words = _tl(noun)
        if words & P.NON_PERSON_NOUNS:
            return None
        if any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in P.NON_HUMAN_MODIFIERS
               for c in noun.children):
            return None  # "24 animal deaths"
        if _person_class(noun) is None and not (words & set(P.NOUN_METRIC)):
            return None  # "captured four medals": only people are counted
    elif not of_them and _elided_non_person(num, sent):
        return None  # "expelled 60 diplomats, and Ukraine 13": 13 diplomats
    if _noun_modal(noun if noun is not None else num.anchor):
        return None
    who = (_group_class(noun) if noun is not None else None) or "all"
    via_of = noun is not None and (_of_object(num.anchor) or num.anchor).i == noun.i
    node = num.anchor if (noun is None or via_of) else noun
    metric: str | None = None
    cue: Token = node

    # 1. a casualty word right after the count ("25 killed", "400 wounded", "2 servicemen martyred")
    after = num.end
    if noun is not None and noun.i >= num.end and noun.i - num.end <= 3:
        after = noun.i + 1
    mets, _k, first_met = _adj_metrics_after(sent.doc, after)
    verb0, arg0 = _climb_from_count(num, node)
    if verb0 is not None and arg0.dep_ == "dobj" and _tl(verb0) & set(P.VERB_METRIC):
        mets = []  # "killed 7 soldiers detained" (headline): the object of "killed"
    if mets and (after < len(sent.doc)):
        cue_tok = sent.doc[first_met]
        # "25 people killed" is fine; "25 people killed them" (active, with object) is not
        if not (cue_tok.pos_ == "VERB" and cue_tok.tag_ == "VBD" and any(c.dep_ == "dobj" for c in cue_tok.children)):
            metric = _combine(mets)
            cue = cue_tok
            if any(t.lower_ in _ESTIMATE_WORDS for t in sent.doc[after:first_met]):
                num.estimate = True
            if _modal_or_negated(cue_tok) and cue_tok.pos_ == "VERB":
                return None
    # 2. the governing verb
    verb, arg = _climb_from_count(num, node)
    if metric is None and verb is not None:
        vm = _verb_metric(verb, arg)
        if vm is None:
            # "are said to have been killed", "were reported killed", "began crossing"
            for c in verb.children:
                if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp", "conj") and c.pos_ in ("VERB", "ADJ", "AUX"):
                    if c.dep_ in ("ccomp", "conj") and any(g.dep_ in _SUBJ for g in c.children):
                        continue
                    vm = _verb_metric(c, arg) or (P.ADJ_METRIC.get(c.lower_) if c.pos_ == "ADJ" else None)
                    if vm:
                        verb = c
                        break
        if vm is not None:
            # the agent of an active transitive verb is not the victim ("3 gunmen killed 5")
            if arg is not None and arg.dep_ == "nsubj" and not (_tl(verb) & _INTRANSITIVE) \
                    and verb.tag_ != "VBN" and not (_tl(verb) & {"be", "remain", "go", "leave", "left"}) \
                    and vm not in ("missing",) and not _reduced_passive(verb):
                vm = None
            elif arg is not None and arg.dep_ == "nsubj" and verb.tag_ == "VBN" and any(
                    c.lower_ in ("have", "has", "had") for c in verb.children if c.dep_ == "aux") \
                    and not (_tl(verb) & _INTRANSITIVE):
                vm = None
        if vm is not None:
            metric = vm
            cue = verb
    if verb is not None and _modal_or_negated(verb):
        return None
    # 3. toll constructions
    if metric is None:
        tm, tcue = _toll_metric(num, noun)
        if tm is not None and tcue is not None:
            metric, cue = tm, tcue
            if noun is None:
                who = _toll_who(tcue, num) or who
    # 4. the noun's own participle / the noun itself
    if metric is None and noun is not None:
        nm, ncue = _noun_own_metric(noun)
        if nm is not None and ncue is not None:
            metric, cue = nm, ncue
        elif noun.lower_ in P.NOUN_METRIC or noun.lemma_.lower() in P.NOUN_METRIC:
            metric = P.NOUN_METRIC.get(noun.lower_) or P.NOUN_METRIC[noun.lemma_.lower()]
            cue = noun
    if metric is not None and num.qualifier == "exact" and num.low is not None and _tl(cue) & {
            "exceed", "exceeded", "pass", "passed", "top", "topped", "surpass", "surpassed"}:
        num.qualifier, num.high = "more_than", None  # "the toll has exceeded 30,000"
    if metric is not None and num.qualifier == "exact" and num.low is not None and _tl(cue) & {
            "near", "neared", "approach", "approached", "approaching", "nearing"}:
        num.qualifier, num.low = "up_to", None
    if metric is None:
        lv = _verb_right_before(num)
        if lv is not None:
            metric, cue = lv
    if metric is None:
        hint = "including" if _is_subcount_pos(num, noun) else None
        return _Hit(num, "", who, noun, node, parent_hint=hint, of_them=of_them)  # resolved later
    # a casualty noun refines who: "civilian casualties" / "military deaths"
    if noun is not None and who == "all":
        who = _person_class(noun) or "all"
    return _Hit(num, metric, who, noun, cue, of_them=of_them)


def _reduced_passive(verb: Token) -> bool:
    """Headline style "11 people detained", "Four soldiers killed": a past form with no object
    and no auxiliary is a passive with its auxiliary dropped, so its subject is the victim."""
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    if sum(1 for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")) != 1:
        return False  # two subjects: the parse has glued a list item to the verb
    if any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp", "dative", "attr", "oprd", "aux", "auxpass", "conj")
           for c in verb.children):
        return False
    return not (verb.dep_ == "conj" and any(c.dep_ in ("dobj", "obj") for c in verb.head.children))


def _verb_right_before(num: _Num) -> tuple[str, Token] | None:
    """Surface fall-back when quote marks break the parse ('has killed "up to 100" people'): an
    active casualty verb right before the count has the count as its object."""
    doc = num.anchor.doc
    k = num.start - 1
    while k >= 0 and doc[k].text in _QUOTE_MARKS:
        k -= 1
    if k < 0 or k == num.start - 1:
        return None  # no quote mark in between: the parse was trusted above
    verb = doc[k]
    if verb.pos_ != "VERB" or _modal_or_negated(verb) or _is_passive(verb):
        return None
    m = _verb_metric(verb, None)
    return (m, verb) if m else None


def _elided_non_person(num: _Num, sent: Span) -> bool:
    """A bare count whose noun is elided after an earlier count of something not people."""
    doc = sent.doc
    mine = _climb_to_verb(num.anchor)[0]
    for k in range(num.start - 1, sent.start - 1, -1):
        t = doc[k]
        if t.like_num and t.dep_ in ("nummod", "quantmod") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i:
            head = t.head
            if _tl(head) & _MEASURE_AFTER:
                return False  # "over the past 24 hours, ... to 34,596": not an elision
            theirs = _climb_to_verb(head)[0]
            parallel = num.anchor.dep_ == "conj" and num.anchor.head.i in (t.i, head.i) or (
                mine is not None and theirs is not None and mine.lemma_ == theirs.lemma_)
            return parallel and _person_class(head) is None and not (_tl(head) & set(P.NOUN_METRIC))
    return False


def _is_subcount_pos(num: _Num, noun: Token | None) -> bool:
    """The count hangs on "including" / "among": a sub-count of the count before it."""
    cur = noun if noun is not None else num.anchor
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in ("including", "among", "incl", "include", "includes"):
            return True
        if cur.dep_ in ("conj", "appos") and cur.head.pos_ in ("NOUN", "NUM", "PROPN"):
            cur = cur.head
            continue
        break
    doc = num.anchor.doc
    before = " ".join(t.lower_ for t in doc[max(0, num.start - 3):num.start])
    return bool(re.search(r"\b(including|among them|among whom|of whom|of which|among those)\s*$", before))


def _toll_who(cue: Token, num: _Num) -> str | None:
    """Who is counted in "the number of civilians injured had risen to 23"."""
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            obj = _of_object(c)
            if obj is not None:
                return _person_class(obj)
            for m in c.children:
                if m.dep_ in ("amod", "compound") and m.lemma_.lower() in P.WHO_MODIFIERS:
                    return P.WHO_MODIFIERS[m.lemma_.lower()]
    return None


# --------------------------------------------------------------------------------------------
# counts with no number: "a construction engineer was killed", named victims, unspecified groups
# --------------------------------------------------------------------------------------------


def _implicit_counts(sent: Span, taken: set[int]) -> list[_Hit]:
    """Counts carried by the victims' description instead of a number."""
    out: list[_Hit] = []
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        vm = _verb_metric(verb, None)
        if vm is None or _modal_or_negated(verb):
            continue
        if verb.dep_ in ("amod",):
            continue
        passive = _is_passive(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "ccomp", "conj"))
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not passive:
            patients += [c for c in verb.children if c.dep_ == "dobj"]
            if _tl(verb) & _INTRANSITIVE:
                patients += [c for c in verb.children if c.dep_ == "nsubj"]
        for p in patients:
            core = set(t.i for t in p.subtree)
            for c in p.children:
                if c.dep_ in ("relcl", "acl", "prep"):
                    core -= {t.i for t in c.subtree}
            if core & taken:
                continue
            if p.pos_ == "PRON" or p.lower_ in _RELATIVE_PRONOUNS:
                continue
            if any(c.dep_ == "det" and c.lower_ in ("no", "each", "every", "any", "all", "both") for c in p.children):
                continue
            names = _named_victims(p)
            if names and vm in ("killed", "wounded", "detained"):
                who = _role_near(p) or "all"
                num = _Num(p.left_edge.i, p.right_edge.i + 1, p, len(names), len(names), "exact", None,
                           p.left_edge.i)
                out.append(_Hit(num, vm, who, p, verb))
                continue
            cls = _person_class(p)
            if cls is None or _tl(p) & set(P.NOUN_METRIC):
                continue  # "suffered a head injury": the casualty noun is not the victim
            if p.tag_ == "NN" and p.lower_ not in _COLLECTIVE and vm in ("killed", "wounded", "detained",
                                                                         "killed_or_wounded"):
                # "a construction engineer was killed", "the third serviceman was injured"; a bare
                # "the man" refers back to someone already counted
                dets = {c.lower_ for c in p.children if c.dep_ in ("det", "nummod")}
                ordinal = any(c.ent_type_ == "ORDINAL" and c.lower_ != "first" for c in p.children)
                if not (dets & {"a", "an", "one", "another"} or ordinal):
                    continue
                num = _Num(p.i, p.i + 1, p, 1, 1, "exact", None, p.i)
                out.append(_Hit(num, vm, cls, p, verb))
            elif p.tag_ in ("NNS", "NNPS") and verb.dep_ != "relcl" and p.dep_ == "nsubjpass" and any(
                    c.dep_ == "auxpass" and c.lower_ in ("was", "were", "been") for c in verb.children) and (
                    any(c.dep_ in ("det", "poss", "amod", "compound", "prep") for c in p.children)):
                # "the perpetrators were detained", "residents of three villages had been evacuated"
                num = _Num(p.i, p.i + 1, p, None, None, "vague", "unspecified", p.i)
                out.append(_Hit(num, vm, cls, p, verb))
    return out


def _named_victims(p: Token) -> list[Token]:
    """People named as the victims: "X and Y were martyred" -> [X, Y]."""
    def is_name(t: Token) -> bool:
        if t.ent_type_ == "PERSON" and t.pos_ in ("PROPN", "NOUN"):
            return True
        return any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in t.children)

    if not is_name(p):
        return []
    names = [p]
    for c in p.children:
        if c.dep_ == "conj" and (c.pos_ in ("PROPN", "NOUN")):
            names.append(c)
            for cc in c.children:
                if cc.dep_ == "conj" and cc.pos_ in ("PROPN", "NOUN"):
                    names.append(cc)
    return names


def _role_near(p: Token) -> str | None:
    """A role noun just before named victims ("the servicemen X and Y")."""
    doc = p.doc
    start = p.left_edge.i
    for k in range(start - 1, max(-1, start - 9), -1):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";"):
            break
        cls = _person_class(t) if t.pos_ == "NOUN" else None
        if cls is not None and cls != "all":
            return cls
    for c in p.children:
        if c.dep_ in ("appos", "compound"):
            cls = _person_class(c)
            if cls:
                return cls
    if p.head.dep_ == "appos" or p.dep_ == "appos":
        cls = _person_class(p.head)
        if cls:
            return cls
    return None


# --------------------------------------------------------------------------------------------
# attribution, hedges, interim, dates
# --------------------------------------------------------------------------------------------


@dataclass
class _Source:
    name: str | None
    hedge: str
    chain: tuple[str, ...] = ()
    unnamed: bool = False


def _np_text(tok: Token) -> str:
    """The words of a noun phrase, without relative clauses and edge punctuation."""
    drop: set[int] = set()
    long = len(list(tok.subtree)) > 8
    for c in tok.children:
        if long and c.dep_ == "appos" and c.i > tok.i:
            drop.update(t.i for t in c.subtree)  # "one of the victims, a pregnant woman, ..."
            continue
        if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct") and (c.dep_ != "punct" or c.i > tok.i):
            if c.dep_ == "punct" and c.text in ("(", ")"):
                continue
            drop.update(t.i for t in c.subtree)
    idx = [t.i for t in tok.subtree if t.i not in drop]
    if not idx:
        return tok.text
    doc = tok.doc
    s, e = min(idx), max(idx) + 1
    while s < e and (doc[s].is_punct or doc[s].lower_ in ("the", "a", "an")):
        s += 1
    while e > s and doc[e - 1].is_punct and doc[e - 1].text != ")":
        e -= 1
    while e - s > 2 and doc[e - 1].like_num and doc[e - 2].text == ",":
        e -= 2  # "Fatima, 54": the age is not part of the name
    span = doc[s:e]
    text = span.text
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "").strip()
    text = re.sub(r"\s+", " ", text)
    m = re.match(r"^[^–—]{2,40}\s[–—-]{1,2}\s+(\S.*)$", text)
    if m:
        text = m.group(1)  # "ST. LOUIS – St. Louis Police": a dateline glued to the subject
    return text


class _Resolver:
    """Resolves pronoun and generic subjects to the last named source before them."""

    def __init__(self, doc: Doc, sents: list[Span]) -> None:
        self.doc = doc
        self.sents = sents

    def resolve(self, tok: Token, sent_index: int) -> str | None:
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            return self._last_person(tok.i, sent_index)
        if low in _GROUP_PRONOUNS:
            return self._last_group(tok.i, sent_index, plural=low in ("they", "them", "we"))
        return None

    def releaser(self, sent_index: int) -> str | None:
        """Who released / gave / published figures or a statement in the two sentences before."""
        for k in range(sent_index - 1, max(-1, sent_index - 3), -1):
            for t in self.sents[k]:
                if t.pos_ != "VERB":
                    continue
                objs = [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in P.SOURCE_DOC_NOUNS]
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if (objs or _tl(t) & P.REPORTING_VERBS) and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                    return _np_text(subj)
        return None

    def earlier_name(self, head: str, before: int, sent_index: int) -> str | None:
        """The last longer name containing ``head`` ("Ministry of Information" for "ministry")."""
        for k in range(sent_index, max(-1, sent_index - 6), -1):
            found = None
            for ent in self.sents[k].ents:
                if ent.end <= before and ent.label_ in ("ORG", "GPE", "NORP", "FAC") and len(ent) > 1 \
                        and head in ent.text.lower().split():
                    found = ent
            if found is not None:
                text = found.text
                return re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", text), flags=re.IGNORECASE)
        return None

    def _last_person(self, before: int, sent_index: int) -> str | None:
        for k in range(sent_index, max(-1, sent_index - 4), -1):
            ents = [e for e in self.sents[k].ents if e.label_ == "PERSON" and e.end <= before]
            if ents:
                return re.sub(r"\s+", " ", ents[-1].text)
        return None

    def _last_group(self, before: int, sent_index: int, plural: bool) -> str | None:
        for k in range(sent_index - 1, max(-1, sent_index - 3), -1):
            sent = self.sents[k]
            cands = []
            for t in sent:
                if t.i >= before:
                    break
                if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and _tl(t.head) & P.REPORTING_VERBS:
                    if plural and t.tag_ not in ("NNS", "NNPS") and t.ent_type_ not in ("ORG", "GPE", "NORP"):
                        continue
                    cands.append(t)
            if cands:
                return _np_text(cands[-1])
            for t in sent:
                if t.i >= before:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
                    if plural and t.tag_ not in ("NNS", "NNPS") and t.ent_type_ not in ("ORG", "GPE", "NORP"):
                        continue
                    if not plural and t.tag_ in ("NNS", "NNPS"):
                        continue
                    cands.append(t)
                elif t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
                    cands.append(t)
            if cands:
                return _np_text(cands[-1])
        return None


def _source_from_subject(subj: Token, resolver: _Resolver, sent_index: int) -> str | None:
    appos = next((c for c in subj.children if c.dep_ == "appos"), None)
    if appos is not None and any(c.dep_ in ("nummod", "quantmod") for c in subj.children):
        # 'killed "up to 100" people, a local committee said': a misparse makes the counted
        # group the subject; the source is the noun in apposition
        return _source_from_subject(appos, resolver, sent_index)
    if subj.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
        return resolver.resolve(subj, sent_index)
    if subj.pos_ == "PRON":
        return None
    if subj.lemma_.lower() in P.SOURCE_DOC_NOUNS and not any(
            c.dep_ in ("compound", "amod", "poss", "prep", "nmod") for c in subj.children):
        # "..., the figures showed": whoever released the figures in the sentences before
        releaser = resolver.releaser(sent_index)
        if releaser:
            return releaser
    if subj.lemma_.lower() in _GENERIC_SOURCE_HEADS and not any(
            c.dep_ in ("compound", "amod", "poss", "prep", "appos", "nmod") for c in subj.children):
        # "the ministry added": the full name given earlier ("the Ministry of Information")
        full = resolver.earlier_name(subj.lower_, subj.i, sent_index)
        if full:
            return full
    return _np_text(subj)


def _chain_source(verb: Token) -> Token | None:
    """"Y reported, citing X" -> X; "quoting X"."""
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp", "conj", "prep", "pcomp") and c.lower_ in P.CHAIN_VERBS:
            for g in c.children:
                if g.dep_ in ("dobj", "pobj", "attr"):
                    return g
    return None


def _as_reported_by(sent: Span) -> Token | None:
    """"..., as witnessed by X, ...", "as reported by X": X vouches for the sentence."""
    for t in sent:
        if t.pos_ == "VERB" and _tl(t) & P.REPORTING_VERBS and any(c.dep_ == "mark" and c.lower_ == "as"
                                                                  for c in t.children):
            for c in t.children:
                if c.dep_ == "agent":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def _according_to(sent: Span) -> Token | None:
    for t in sent:
        if t.lower_ == "according":
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for g in nxt.children:
                    if g.dep_ == "pobj":
                        return g
                # parse variant: pobj attached elsewhere
                k = nxt.i + 1
                while k < sent.end and t.doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "PART", "PUNCT"):
                    if t.doc[k].pos_ in ("NOUN", "PROPN") and t.doc[k].head.i not in range(nxt.i + 1, k + 4):
                        return t.doc[k]
                    k += 1
    return None


def _name_with_chain(tok: Token) -> tuple[str, tuple[str, ...]]:
    """"a government statement cited by Tass" -> ("government statement", (…, "Tass"))."""
    name = _np_text(tok)
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and _tl(c) & {"cite", "cited", "quote", "quoted", "carry", "carried",
                                                      "relay", "relayed", "publish", "published"}:
            for g in c.children:
                if g.dep_ == "agent":
                    for gg in g.children:
                        if gg.dep_ == "pobj":
                            return name, (name, _np_text(gg))
    return name, (name,)


def _reporting_ancestor(cue: Token, sent: Span) -> tuple[Token | None, bool]:
    """The reporting verb that governs the figure's clause, and whether the figure is outlet
    background inside a relative clause that the reporting verb does not govern directly."""
    cur = cue
    crossed_rel: Token | None = None
    adjunct_after_rel = False
    steps = 0
    report_noun: Token | None = None
    seen_verb = cue.pos_ in ("VERB", "AUX") and cue.dep_ not in ("acl", "amod")  # "people displaced"
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and _tl(cur) & P.REPORTING_VERBS and cur.i != cue.i \
                and not _is_report_noun(cur):
            # "the protest had recorded 22 deaths": an event is not a source; read on upwards
            active = [c for c in cur.children if c.dep_ in ("nsubj", "agent") and not _is_event_noun(c)]
            passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
            hearsay = bool(passive) and not active and bool(_tl(cur) & P.HEARSAY_PASSIVES)
            if active or hearsay or (not passive and cur.dep_ in ("advcl", "conj", "xcomp")
                                     and _subject_of(cur) is not None):
                if crossed_rel is not None and adjunct_after_rel:
                    return None, True
                return cur, False
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "acl") and report_noun is None and _is_report_noun(head):
            report_noun = head  # "disputed media reports that 100 civilians had been killed"
        if not seen_verb and head.ent_type_ in ("GPE", "LOC", "FAC") and cur.dep_ in ("appos", "conj", "prep"):
            # "Wad Madani, ... a haven for hundreds of thousands of people displaced": the outlet's
            # description of a place, not part of what the source reports
            return None, True
        seen_verb = seen_verb or head.pos_ in ("VERB", "AUX")
        is_rel = cur.dep_ == "relcl" or (
            cur.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE_PRONOUNS
                                       and c.tag_ in ("WDT", "WP") for c in cur.children))
        if is_rel:
            crossed_rel = cur
            adjunct_after_rel = False
            steps = 0
        elif crossed_rel is not None:
            # the noun a relative clause describes must be what the source reports ("X cited an
            # explosion that killed 4"); deeper ("after launching an assault that killed 200",
            # "claimed responsibility for the attack, which killed 143") it is the outlet's own
            # background
            steps += 1
            if steps > 1 or cur.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr", "ccomp", "oprd"):
                adjunct_after_rel = True
        cur = head
    return report_noun, False


def _unnamed_hearsay_cue(cue: Token) -> bool:
    """"after 22 persons have been reported dead": the count's own verb is a passive of hearsay
    with no agent, in a clause that no reporting verb takes as its content."""
    if not (cue.pos_ == "VERB" and _tl(cue) & P.HEARSAY_PASSIVES and _tl(cue) & P.REPORTING_VERBS):
        return False
    if not any(c.dep_ == "nsubjpass" for c in cue.children) or any(c.dep_ == "agent" for c in cue.children):
        return False
    return cue.dep_ in ("advcl", "relcl", "acl", "ROOT") and not any(
        c.dep_ in ("ccomp", "parataxis") and _tl(c) & P.REPORTING_VERBS for c in cue.children)


def _is_report_noun(tok: Token) -> bool:
    """"reports", "claims", "allegations" used as a noun (spaCy sometimes tags "reports" a verb
    even as the object of "disputed")."""
    if not (tok.lower_ in P.REPORT_NOUNS or tok.lemma_.lower() in P.REPORT_NOUNS):
        return False
    return tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos")


def _is_event_noun(tok: Token) -> bool:
    """A happening ("the protest", "the attack"), which can record deaths but not report them."""
    words = _tl(tok)
    return bool(words & P.EVENT_SUBJECTS) and tok.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP")


def _sentence_reporter(sent: Span) -> Token | None:
    """A trailing "..., X said." reporting verb at the top of the sentence."""
    root = sent.root
    cands = [root] + [c for c in root.children if c.dep_ in ("parataxis", "ccomp", "advcl", "conj")]
    for v in cands:
        if v.pos_ in ("VERB", "AUX") and _tl(v) & P.REPORTING_VERBS:
            if any(c.dep_ in ("nsubj", "agent") for c in v.children):
                return v
    return None


def _hedge_words(sent: Span) -> str | None:
    low = sent.text.lower()
    for t in sent:
        if t.lower_ in P.HEDGE_ADVERBS and t.pos_ in ("ADV", "ADJ", "VERB"):
            if t.lower_ == "estimated" and t.dep_ not in ("advmod", "amod", "quantmod"):
                continue
            return P.HEDGE_ADVERBS[t.lower_]
    for phrase in P.UNCONFIRMED_PHRASES:
        if phrase in low:
            return "unconfirmed"
    return None


def _subject_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
    if verb.dep_ in ("advcl", "xcomp", "oprd") and _tl(verb.head) & {"quote", "quoted", "cite", "cited"}:
        # "the statement quoted the director saying ...": the words are the director's
        quoted = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            return quoted
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    # "X said ... , adding ..." / "X said and added": share the head verb's subject; not a clause
    # with its own subject ("after 22 persons have been reported dead")
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i and not any(
            c.dep_ in ("nsubjpass", "csubj", "csubjpass", "expl") or (c.dep_ == "mark" and verb.dep_ == "advcl")
            for c in verb.children):
        for c in verb.head.children:
            if c.dep_ == "nsubj":
                return c
    return None


def _attribute(cue: Token, sent: Span, sent_index: int, resolver: _Resolver) -> _Source | None:
    """Who gives the figure, from the figure's own sentence (None: no source in the sentence)."""
    rep, background = _reporting_ancestor(cue, sent)
    if background:
        return _Source(None, "none")
    if _unnamed_hearsay_cue(cue):
        return _Source(P.UNNAMED_SOURCE, "reportedly", (), unnamed=True)
    if rep is not None and _is_report_noun(rep):
        # the figure is what some reports say, and nobody in the sentence says it: the reports are
        # the source ("Western media reports"); bare "reports" name nobody
        named = any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.lower_ not in ("some", "several", "other",
                                                                                        "many", "recent", "new")
                    for c in rep.children)
        if named:
            name = _np_text(rep)
            return _Source(name, "reportedly", (name,))
        return _Source(P.UNNAMED_SOURCE, "reportedly", (), unnamed=True)
    if rep is not None:
        subj = _subject_of(rep)
        passive_hearsay = subj is None and any(c.dep_ == "nsubjpass" for c in rep.children) or (
            subj is not None and subj.dep_ == "nsubjpass")
        if subj is not None and (subj.dep_ == "nsubj" or subj.head.dep_ == "agent"
                                 or (subj.dep_ == "dobj" and _tl(subj.head) & {"quote", "cite"})):
            chained = _chain_source(rep)
            name = _source_from_subject(subj, resolver, sent_index)
            if chained is not None:
                cname = _np_text(chained)
                return _Source(cname, _verb_hedge(rep), (cname,) + ((name,) if name else ()))
            if name:
                # "Y told X" keeps X in the chain
                told = next((c for c in rep.children if c.dep_ in ("dobj", "dative") and c.ent_type_ == "ORG"
                             and _tl(rep) & {"tell", "told"}), None)
                chain = (name, _np_text(told)) if told is not None else (name,)
                return _Source(name, _verb_hedge(rep), chain)
        if passive_hearsay or (subj is None and _tl(rep) & P.HEARSAY_PASSIVES):
            acc = _according_to(sent)
            if acc is not None:
                name, chain = _name_with_chain(acc)
                return _Source(name, "reportedly", chain)
            if _tl(rep) & {"say", "said", "report", "reported", "rumour", "rumor", "rumoured", "rumored",
                           "tell", "told", "claim", "claimed", "allege", "alleged"}:
                return _Source(P.UNNAMED_SOURCE, "reportedly", (), unnamed=True)
            return _Source(None, "estimate")  # "are believed / estimated to": the outlet's estimate
    acc = _according_to(sent)
    if acc is not None:
        name, chain = _name_with_chain(acc)
        return _Source(name, "said", chain)
    as_by = _as_reported_by(sent)
    if as_by is not None:
        return _Source(_np_text(as_by), "said", (_np_text(as_by),))
    top = _sentence_reporter(sent)
    if top is not None:
        subj = _subject_of(top)
        if subj is not None:
            chained = _chain_source(top)
            name = _source_from_subject(subj, resolver, sent_index)
            if chained is not None:
                cname = _np_text(chained)
                return _Source(cname, _verb_hedge(top), (cname,) + ((name,) if name else ()))
            if name:
                return _Source(name, _verb_hedge(top), (name,))
    for t in sent:
        if t.lower_ in P.CHAIN_VERBS and t.pos_ == "VERB":
            for g in t.children:
                if g.dep_ in ("dobj", "pobj"):
                    return _Source(_np_text(g), "said", (_np_text(g),))
    # surface fall-back for a misparsed trailing ", the X estimates." / ", X says."
    m = _TRAILING_SOURCE.search(sent.text.rstrip())
    if m:
        name = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", m.group(1).strip()), flags=re.IGNORECASE)
        verb = m.group(2).lower()
        hedge = "estimate" if verb.startswith("estimat") else "claimed" if verb.startswith("claim") else "said"
        if name and name.split()[0].lower() not in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return _Source(name, hedge, (name,))
    return None


_TRAILING_SOURCE = re.compile(
    r",\s*([^,;:\"“”]{2,90}?)\s+(said|says|estimates|estimated|reported|reports|added|adds|claimed|claims|"
    r"announced|announces|stated|states|confirmed|confirms|told\s+\S+)\s*(?:on\s+\w+|in\s+a\s+statement)?"
    r"\s*[.\"”]*$",
    re.IGNORECASE,
)


def _verb_hedge(verb: Token) -> str:
    for w in _tl(verb):
        if w in P.HEDGE_VERB:
            return P.HEDGE_VERB[w]
    return "said"


_RISING = re.compile(
    r"\b(?:is|are|was|were|keeps?|kept|continues? to|continued to|likely to|expected to|set to|"
    r"feared to|could|may|might|will)\s+(?:still\s+|further\s+)?"
    r"(?:rising|rise|climbing|climb|increasing|increase|growing|grow|mounting|mount)\b")


def _is_interim(sent: Span, hit: _Hit) -> bool:
    low = sent.text.lower()
    if any(re.search(r"\b" + re.escape(p) + r"\b", low) for p in P.INTERIM_PHRASES):
        return True
    if _RISING.search(low):
        return True
    a = hit.num.anchor
    if a.dep_ == "pobj" and a.head.lower_ == "to" and _tl(a.head.head) & P.INTERIM_VERBS:
        return True
    if hit.cue.pos_ == "VERB" and _tl(hit.cue) & P.INTERIM_VERBS:
        return True
    return False


def _resolve_date(text: str, published: str | None) -> str | None:
    """A date phrase -> ISO day, relative ones against ``published`` (the same rules as event
    dates, ``dates.resolve_expression``). A day with no year in the text and no publication date
    stays unknown: the year is never taken from the clock."""
    from newsprism.extract.dates import resolve_expression

    pub = None
    if published:
        try:
            pub = _dt.date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    r = resolve_expression(text, pub)
    if r.precision != "day" or r.start is None or r.kind != "point":
        return None
    return r.start.isoformat()


def _as_of(sent: Span, published: str | None) -> str | None:
    for ent in sent.ents:
        before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in ("since", "from", "until", "till", "before"):
            continue  # the start or end of a period, not the date the count holds for
        if ent.label_ in ("DATE", "TIME"):
            iso = _resolve_date(ent.text, published)
            if iso is not None:
                return iso
    if published:
        return published[:10]
    return None


def _scope(sent: Span, hit: _Hit, published: str | None) -> str | None:
    """A coarse label of what the count covers, used to keep scopes apart when reconciling.

    In order: ``historical:<year>`` (an earlier year is named), ``incident:<kind>`` (one blast,
    strike, ambush... near the count), ``cumulative`` (a period: "so far", "since the start",
    "last week's operation"), ``day:<date>`` (one day: a named day, "in the past 24 hours"),
    ``cumulative`` (a whole operation, war or campaign near the count); None when the sentence
    does not say.
    """
    low = sent.text.lower()
    pub_year = None
    if published:
        try:
            pub_year = int(published[:4])
        except ValueError:
            pub_year = None
    for ent in sent.ents:
        if ent.label_ == "DATE":
            m = re.search(r"\b(1[89]\d\d|20\d\d)\b", ent.text)
            if m and pub_year is not None and int(m.group(1)) < pub_year:
                return f"historical:{m.group(1)}"
    if pub_year is None:
        m = re.search(r"\bin (1[89]\d\d|20\d\d)\b", low)
        if m:
            return f"historical:{m.group(1)}"
    doc = sent.doc
    centre = hit.num.anchor.i
    lo_i = max(sent.start, min(centre, hit.cue.i) - 10)
    hi_i = min(sent.end, max(centre, hit.cue.i) + 12)
    window = doc[lo_i:hi_i]
    near = window.text.lower()
    words = [t.lower_ for t in window]
    lemmas = [t.lemma_.lower() for t in window]
    for k, w in enumerate(words):
        key = w if w in P.INCIDENT_TRIGGERS else lemmas[k] if lemmas[k] in P.INCIDENT_TRIGGERS else None
        if key is None:
            continue
        if window[k].tag_ in ("NNS",) and lemmas[k] in ("strike", "attack", "raid", "airstrike"):
            continue  # plural strikes are a campaign, not one incident
        if window[k].pos_ == "VERB":
            continue
        two = f"{w} {words[k + 1]}" if k + 1 < len(words) else ""
        return f"incident:{P.INCIDENT_TRIGGERS.get(two, P.INCIDENT_TRIGGERS[key])}"
    pos = hit.num.anchor.idx - window.start_char

    def nearest(pattern: str) -> int | None:
        ds = [min(abs(m.start() - pos), abs(m.end() - pos)) for m in re.finditer(pattern, near)]
        return min(ds) if ds else None

    day_cue = nearest(r"\b(?:past|last|previous) (?:24|twenty-four|48) hours\b|\bovernight\b|\bpast day\b")
    cum_cue = nearest(r"\b(?:" + "|".join(re.escape(c) for c in P.CUMULATIVE_CUES)
                      + r")\b|\b(?:last|past|this) (?:week|month|year)\b|\bsince\b")
    if cum_cue is not None and (day_cue is None or cum_cue < day_cue):
        return "cumulative"
    if day_cue is not None:
        return f"day:{_as_of(sent, published)}" if _as_of(sent, published) else "day:"
    for ent in sent.ents:
        if ent.label_ == "DATE":
            iso = _resolve_date(ent.text, published)
            if iso:
                return f"day:{iso}"
    if any(lemma in P.CAMPAIGN_TRIGGERS for lemma in lemmas):
        return "cumulative"
    return None


# --------------------------------------------------------------------------------------------
# the extractor
# --------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    hit: _Hit
    sent_index: int
    sent: Span
    source: _Source | None = None
    parent: int | None = None  # index into drafts
    children: list[int] = field(default_factory=list)
    headline: bool = False
    dropped: bool = False
    next_unverified: bool = False  # the next sentence says the count could not be verified


def _sentences(doc: Doc) -> list[Span]:
    return [s for s in doc.sents if s.text.strip()]


def _is_headline(sent: Span, index: int) -> bool:
    """The article's title line: first line, no closing punctuation."""
    if index != 0:
        return False
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"”'’":
        return False
    doc = sent.doc
    end = sent.end_char
    rest = doc_text(doc)[end:end + 3]
    return "\n" in rest or sent.end == len(doc) or "\n" in sent.text


def _article_voice(doc: Doc, sents: list[Span], resolver: _Resolver) -> _Source | None:
    """A source that speaks for the whole article: "Statement by X ..." titles, and state-media
    relays whose lede says "<agency> reports, citing X" / "<agency> reports, the press service
    of X"."""
    if not sents:
        return None
    first = sents[0].text.strip().split("\n")[0]
    m = _STATEMENT_TITLE.match(first)
    if m:
        name = m.group(1).strip().rstrip(".")
        # keep the proper-name part of a long title ("Deputy Permanent Representative Jane Doe")
        ents = [e for e in sents[0].ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
        person = next((e for e in ents if e.label_ == "PERSON"), None)
        if person is not None:
            name = person.text
        return _Source(name, "said", (name,))
    prose = [se for se in sents if sum(1 for t in se if t.is_alpha) >= 5]
    lede_candidates = [se for se in prose if se.start > sents[0].start][:2] if _is_headline(sents[0], 0) \
        else prose[:2]
    for sent in lede_candidates:
        for t in sent:
            if t.lower_ in P.CHAIN_VERBS and t.pos_ == "VERB":
                for g in t.children:
                    if g.dep_ in ("dobj", "pobj"):
                        name = _np_text(g)
                        return _Source(name, "said", (name,))
            if t.lower_ in ("reports", "informs", "reported", "informed") and t.pos_ == "VERB":
                # "X reports, the press service of Y"
                nxt = t.doc[t.i + 1: min(len(t.doc), t.i + 12)]
                text = nxt.text.lower()
                if re.match(r"\s*,?\s*(the\s+)?(press service|press office|statement|press release)\s+of\s+", text):
                    for g in nxt:
                        if g.lower_ == "of" and g.head.lower_ in ("service", "office", "statement", "release"):
                            for gg in g.children:
                                if gg.dep_ == "pobj":
                                    name = _np_text(gg)
                                    return _Source(name, "said", (name,))
                    m2 = re.search(r"of\s+(the\s+)?([^.,;]+)", nxt.text)
                    if m2:
                        name = re.sub(r"\s+", " ", m2.group(2).strip())
                        return _Source(name, "said", (name,))
    return None


def _prev_sentence_source(sents: list[Span], k: int, resolver: _Resolver) -> _Source | None:
    """"The ministry said:" / "X released new figures." introduces the next sentence's count."""
    if k == 0:
        return None
    prev = sents[k - 1]
    text = prev.text.rstrip()
    introduces = text.endswith(":") or any(t.lemma_.lower() in P.SOURCE_DOC_NOUNS and t.dep_ in ("dobj",)
                                           for t in prev)
    if not introduces:
        return None
    rep = _sentence_reporter(prev)
    if rep is None:
        for t in prev:
            if t.pos_ == "VERB" and (_tl(t) & P.REPORTING_VERBS) and _subject_of(t) is not None:
                rep = t
                break
    if rep is None:
        return None
    subj = _subject_of(rep)
    if subj is None:
        return None
    name = _source_from_subject(subj, resolver, k - 1)
    if not name:
        return None
    if any(c.dep_ == "ccomp" for c in rep.children) and not text.endswith(":"):
        return None  # the previous sentence reports something of its own
    return _Source(name, "said", (name,))


def _next_sentence_source(sents: list[Span], k: int, resolver: _Resolver) -> _Source | None:
    """"That is according to X." / "The figures came from X." / "X gave the figures." ."""
    if k + 1 >= len(sents):
        return None
    nxt = sents[k + 1]
    first = [t for t in nxt if not t.is_space][:3]
    if not first:
        return None
    lead = " ".join(t.lower_ for t in first)
    anaphoric = lead.startswith(("that", "this", "the figure", "the figures", "the toll", "the numbers",
                                 "the data", "those figures", "these figures", "the tally", "the count",
                                 "the information", "the casualty", "the death toll", "the estimate"))
    if not anaphoric:
        return None
    acc = _according_to(nxt)
    if acc is not None:
        name, chain = _name_with_chain(acc)
        return _Source(name, "said", chain)
    for t in nxt:
        if t.lower_ in ("from", "by") and t.head.pos_ == "VERB" and _tl(t.head) & {
                "come", "came", "give", "given", "provide", "provided", "release", "released",
                "publish", "published", "issue", "issued", "compile", "compiled", "confirm", "confirmed",
                "report", "reported", "announce", "announced"}:
            for g in t.children:
                if g.dep_ == "pobj":
                    name = _np_text(g)
                    return _Source(name, "said", (name,))
    return None


def _who_of_anaphor(sents: list[Span], k: int, before: int) -> str | None:
    """Who "them" refers to: the last plural group of people before it."""
    for j in range(k, max(-1, k - 2), -1):
        best = None
        for t in sents[j]:
            if t.i >= before:
                break
            if t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS") and _person_class(t) is not None:
                best = t
                if t.dep_ in ("nsubj", "nsubjpass") and j < k:
                    break
        if best is not None:
            return _person_class(best)
    return None


def _same_source(a: _Source | None, b: _Source | None) -> bool:
    na = (a.name if a else None) or ""
    nb = (b.name if b else None) or ""
    return na.lower() == nb.lower()


def _who_compatible(a: str, b: str) -> bool:
    return a == b or a in ("all", "unknown") or b in ("all", "unknown")


def extract_figures(doc: Doc, ctx: ArticleContext) -> list[Figure]:
    """Every reported casualty / displacement / detention count in one article.

    Args:
        doc: the article parsed by ``build_nlp()`` (clutter blanked to spaces, same length).
        ctx: the article's context; ``ctx.published`` (ISO date or None) anchors relative dates.

    Returns:
        One :class:`Figure` per reported number, in text order; a sub-count ("including two
        civilians") is its own figure and its parent lists it in ``includes``.
    """
    sents = _sentences(doc)
    resolver = _Resolver(doc, sents)
    voice = _article_voice(doc, sents, resolver)
    drafts: list[_Draft] = []
    prev_hits: list[int] = []  # drafts of the previous sentence, for "N of them" continuations
    chain_len = 0
    for k, sent in enumerate(sents):
        if sent.text.strip().endswith("?"):
            prev_hits = []
            continue
        hits: list[_Hit] = []
        pending: list[_Hit] = []
        for num in _find_numbers(sent):
            hit = _classify(num, sent)
            if hit is None:
                continue
            if hit.metric:
                hits.append(hit)
            else:
                pending.append(hit)
        taken = {t for h in hits for t in range(h.num.start, h.num.end)}
        taken |= {h.noun.i for h in hits if h.noun is not None}
        taken |= {t for h in pending for t in range(h.num.start, h.num.end)}
        # counts given by the victims' description
        for h in _implicit_counts(sent, taken):
            hits.append(h)
        # coordinated counts with no cue of their own: "killed 4 policemen, 2 civilians"
        hits.sort(key=lambda h: h.num.start)
        resolved: list[_Hit] = []
        for h in pending:
            sib = _sibling_before(h, hits, sent) or _sibling_after(h, hits, sent)
            if sib is not None:
                h.metric = sib.metric
                h.cue = sib.cue
                h.parent_hint = "sibling"
                resolved.append(h)
        pending = [h for h in pending if not h.metric]
        for h in pending:
            if h.parent_hint == "including" or h.of_them:
                before = [o for o in hits + resolved if o.num.start < h.num.start and o.parent_hint != "including"]
                if before:
                    h.metric = before[-1].metric
                    h.cue = before[-1].cue
                    resolved.append(h)
        pending = [h for h in pending if not h.metric]
        # continuation of the previous sentence's figures: "2,100 of them were registered"
        if pending and prev_hits and chain_len < 4 and not hits and _PARTITIVE.search(sent.text.lower()):
            ante = drafts[prev_hits[-1]].hit
            for h in pending:
                if _continues(h, sent):
                    h.metric = ante.metric
                    h.inherited = True
                    if h.noun is None or (_person_class(h.noun) or "all") == "all":
                        h.who = ante.who if h.of_them else (h.who if h.noun is not None else "all")
                    resolved.append(h)
        hits = sorted(hits + resolved, key=lambda h: h.num.start)
        # an elided noun is the one of the count before: "12 soldiers were wounded and two killed"
        for bi, b in enumerate(hits):
            mains = [a for a in hits[:bi] if a.parent_hint != "including" and not a.of_them
                     and not _is_subcount_pos(a.num, a.noun)]
            if not mains:
                continue
            a = mains[-1]
            elided = b.noun is None or b.noun.lower_ in ("others", "other", "more")
            if elided and not b.of_them and not b.inherited and a.noun is not None and b.who == "all" \
                    and b.parent_hint != "including" and not _is_subcount_pos(b.num, b.noun):
                b.who = a.who
        first_index = len(drafts)
        for h in hits:
            if h.of_them and h.noun is None and not h.inherited:
                h.who = _who_of_anaphor(sents, k, h.num.start) or h.who
            drafts.append(_Draft(h, k, sent, headline=_is_headline(sent, k)))
        # sub-counts: "including two civilians", "among them", "a thousand of them children"
        for idx in range(first_index, len(drafts)):
            d = drafts[idx]
            if d.hit.inherited and not d.hit.of_them and prev_hits:
                # "the needs assessment for 794 is in process": a part of the count it continues
                root = prev_hits[-1]
                while drafts[root].parent is not None:
                    root = drafts[root].parent  # type: ignore[assignment]
                d.parent = root
                drafts[root].children.append(idx)
                continue
            if _is_subcount(d.hit):
                parent = _parent_before(drafts, first_index, idx)
                if parent is None and d.hit.of_them and prev_hits:
                    parent = prev_hits[-1]
                if parent is not None:
                    d.parent = parent
                    drafts[parent].children.append(idx)
                    if d.hit.noun is None and d.hit.who == "all":
                        d.hit.who = drafts[parent].hit.who
        new = list(range(first_index, len(drafts)))
        if new:
            chain_len = chain_len + 1 if any(drafts[i].hit.inherited for i in new) else 0
            prev_hits = new
        else:
            prev_hits = []
            chain_len = 0
    _drop_disaster_counts(drafts)
    # attribution
    for d in drafts:
        d.source = _attribute(d.hit.cue, d.sent, d.sent_index, resolver)
    for d in drafts:
        if d.source is None:
            d.source = _prev_sentence_source(sents, d.sent_index, resolver) \
                or _next_sentence_source(sents, d.sent_index, resolver)
    for d in drafts:
        if d.source is None or (d.source.name or "").split(" ")[0].lower() in _FIRST_PERSON:
            # inside a quotation the count is the speaker's ("... 23 bodies ...," a nurse told AFP)
            d.source = _quote_speaker(sents, d, resolver) or d.source
    for d in drafts:
        if d.source is None and d.headline:
            d.source = _headline_tail_source(d.sent, d.hit)
        if d.source is None and d.headline:
            # a headline's count comes from the lede: the first prose sentence after it
            lede_i = next((j for j in range(d.sent_index + 1, min(len(sents), d.sent_index + 5))
                           if sum(1 for t in sents[j] if t.is_alpha) >= 5), None)
            lede = [e for e in drafts if e.sent_index == lede_i and e.source is not None]
            if lede:
                d.source = lede[0].source
            elif lede_i is not None:
                src = _attribute(sents[lede_i].root, sents[lede_i], lede_i, resolver)
                if src is not None and src.name:
                    d.source = src
        if (d.source is None or d.source.name is None) and voice is not None:
            d.source = voice  # a relay or a statement speaks for the whole article
    for d in drafts:
        d.next_unverified = _next_unverified(sents, d.sent_index)
    _drop_restatements(drafts)
    return _running_tallies(_to_figures(drafts, ctx))


_FIRST_PERSON = {"we", "our", "us", "i", "my", "me"}


def _inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened since ``start`` (the paragraph's start)."""
    span = text[start:pos]
    curly = span.count("\u201c") - span.count("\u201d")
    return curly > 0 or (curly == 0 and span.count('"') % 2 == 1)


def _quote_speaker(sents: list[Span], d: _Draft, resolver: _Resolver) -> _Source | None:
    """The speaker of the quotation a count sits in: the reporting clause after the closing mark,
    in the sentence that closes the quote ('"... nine people were killed. ...," the group said')."""
    doc = d.sent.doc
    text = doc_text(doc)
    pos = doc[d.hit.num.start].idx
    para = text.rfind("\n", 0, pos) + 1
    if not _inside_quote(text, para, pos):
        return None
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    for k in range(d.sent_index, min(len(sents), d.sent_index + 6)):
        sent = sents[k]
        if sent.start_char >= para_end:
            return None
        closes = [t for t in sent if t.text in ('"', "\u201d", "''") and t.idx > pos
                  and not _inside_quote(text, para, t.idx + 1)]
        if not closes:
            continue
        after = closes[0].i
        for t in sent:
            if t.i > after and t.pos_ in ("VERB", "AUX") and _tl(t) & P.REPORTING_VERBS:
                subj = _subject_of(t)
                if subj is not None and subj.i > after:
                    name = _source_from_subject(subj, resolver, k)
                    if name:
                        return _Source(name, _verb_hedge(t), (name,))
        return None
    return None


def _headline_tail_source(sent: Span, hit: _Hit) -> _Source | None:
    """Headline style "Up to 100 feared dead in village attack: activist committee": a short noun
    phrase after the last colon, with the count before it, is the source."""
    colon = max((t.i for t in sent if t.text == ":"), default=None)
    if colon is None or hit.num.end > colon:
        return None
    tail = [t for t in sent.doc[colon + 1:sent.end] if not t.is_space]
    if not 1 <= len(tail) <= 6 or any(t.pos_ in ("VERB", "AUX", "NUM") for t in tail):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in tail) or tail[-1].text in (".", "?", "!"):
        return None
    name = re.sub(r"\s+", " ", sent.doc[tail[0].i:tail[-1].i + 1].text).strip(" '\"")
    return _Source(name, "said", (name,))


def _running_tallies(figures: list[Figure]) -> list[Figure]:
    """A report that gives one count as still rising ("... and the number injured had risen to 23")
    is a running tally: every count reported in that sentence is interim."""
    rising = {(f.evidence.start, f.evidence.end) for f in figures if f.interim}
    return [f if f.interim or (f.evidence.start, f.evidence.end) not in rising else _dc_replace(f, interim=True)
            for f in figures]


_NEXT_UNVERIFIED = re.compile(
    r"^\W*(?:neither|none|the|this|that|these|those|both|it|such)\b[^.]{0,60}?\b(?:could|can|has|have|was|were|"
    r"is|are)\s+(?:not\s+)?(?:be\s+|been\s+)?(?:independently\s+|immediately\s+)?(?:verified|confirmed)\b")


def _next_unverified(sents: list[Span], k: int) -> bool:
    """"Neither claim could be verified." / "The figures could not be independently confirmed."."""
    if k + 1 >= len(sents):
        return False
    text = sents[k + 1].text.strip().lower()
    if any(p in text for p in P.UNCONFIRMED_PHRASES) and re.match(r"^\W*(?:neither|the|this|that|these|those|it|such|reuters|we|ap|afp)\b", text):
        return True
    m = _NEXT_UNVERIFIED.match(text)
    return bool(m) and (" not " in m.group(0) or text.startswith(("neither", "none")))


def _sibling_before(h: _Hit, hits: list[_Hit], sent: Span) -> _Hit | None:
    """A count listed after another with a comma or "and": "4 policemen, 2 civilians"."""
    doc = sent.doc
    k = h.num.start - 1
    if k < sent.start or doc[k].lower_ not in (",", "and", "as", "well", "plus"):
        return None
    while k > sent.start and doc[k].lower_ in (",", "and", "as", "well", "plus"):
        k -= 1
    for o in hits:
        last = o.noun.i if o.noun is not None and o.noun.i >= o.num.end - 1 else o.num.end - 1
        if last == k or (o.noun is not None and any(t.i == k for t in o.noun.subtree) and o.noun.i <= k):
            return o
    return None


_PARTITIVE = re.compile(r"\b(?:of (?:them|those|these|whom)|out of|the other|the remaining|the rest|among them)\b")


def _sibling_after(h: _Hit, hits: list[_Hit], sent: Span) -> _Hit | None:
    """The first of a list whose later items carry the verb: "24 civilians, 24 fighters, and
    25 militiamen have been killed"."""
    if h.noun is None or _person_class(h.noun) is None:
        return None
    doc = sent.doc
    k = h.noun.i + 1
    if k >= sent.end or doc[k].lower_ not in (",", "and"):
        return None
    while k < sent.end and doc[k].lower_ in (",", "and", "as", "well", "plus"):
        k += 1
    nxt = next((o for o in hits if o.num.start == k), None)
    if nxt is not None and nxt.noun is not None and nxt.parent_hint != "including":
        return nxt
    return None


def _continues(h: _Hit, sent: Span) -> bool:
    """A count with no cue of its own that continues the previous sentence's count."""
    if h.num.pronoun and not h.of_them:
        return False
    if h.num.anchor.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if h.of_them:
        return True
    if h.noun is None:
        a = h.num.anchor
        if a.dep_ == "pobj" and a.head.lower_ in ("at", "by", "on", "in", "since", "until", "after", "before",
                                                    "from", "till", "around", "during"):
            return False
        return a.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr")
    return h.noun.lower_ in _GENERIC_PERSON


def _is_subcount(h: _Hit) -> bool:
    return h.of_them or _is_subcount_pos(h.num, h.noun)


def _parent_before(drafts: list[_Draft], first: int, idx: int) -> int | None:
    """The nearest earlier count of the same sentence that is not itself a part."""
    for j in range(idx - 1, first - 1, -1):
        if not _is_subcount(drafts[j].hit):
            return j
    return None


def _cause(sent: Span) -> str | None:
    """"violent" when the sentence names political violence, "natural" when it names only a
    natural hazard ("heavy rains have led to the deaths of 13 people"), else None."""
    words = {w for t in sent for w in _tl(t)}
    if words & P.VIOLENCE_CUES:
        return "violent"
    if any(t.pos_ in ("NOUN", "PROPN") and _tl(t) & P.HAZARD_NOUNS for t in sent):
        return "natural"
    return None


def _drop_disaster_counts(drafts: list[_Draft]) -> None:
    """Deaths and displacement from floods, quakes and storms are not conflict figures. A count
    whose sentence names no cause takes the article's: when the counts that name one all name a
    natural hazard, the others are the same disaster's."""
    causes = [_cause(d.sent) for d in drafts]
    natural_article = "natural" in causes and "violent" not in causes
    for d, c in zip(drafts, causes):
        if c == "natural" or (c is None and natural_article):
            d.dropped = True


def _drop_restatements(drafts: list[_Draft]) -> None:
    """A headline count repeated in the body, and a later repeat of the same count from the same
    source, are the same report: keep one (the body's, the first)."""
    def key_match(a: _Draft, b: _Draft) -> bool:
        return (a.hit.metric == b.hit.metric and a.hit.num.low == b.hit.num.low
                and a.hit.num.high == b.hit.num.high and _who_compatible(a.hit.who, b.hit.who))

    drafts = [d for d in drafts if not d.dropped]
    body = [d for d in drafts if not d.headline]
    for d in drafts:
        if d.headline and any(key_match(d, b) for b in body):
            d.dropped = True
    kept: list[_Draft] = []
    for d in body:
        if d.hit.num.low is None and d.hit.num.high is None and d.hit.num.vague_term != "unspecified":
            kept.append(d)
            continue
        if any(key_match(d, e) and _same_source(d.source, e.source) and e.sent_index != d.sent_index
               for e in kept):
            d.dropped = True
            continue
        kept.append(d)


def _to_figures(drafts: list[_Draft], ctx: ArticleContext) -> list[Figure]:
    ids: dict[int, str] = {}
    evidence = {}
    for i, d in enumerate(drafts):
        s, e = _trim(d.sent)
        ev = ctx.evidence(s, e)
        evidence[i] = ev
        h = d.hit
        ns = d.sent.doc[h.num.start].idx
        ids[i] = content_id("fig", ctx.article_id, ctx.offset + ns, ev.start, ev.end, h.metric, h.num.low,
                            h.num.high, h.who, h.num.vague_term)
    out: list[Figure] = []
    for i, d in enumerate(drafts):
        if d.dropped:
            continue
        h = d.hit
        src = d.source
        if src is not None and src.name and src.name.lower() in P.BARE_UNNAMED:
            # "officials said", "reports indicated": nobody is named
            src = _Source(P.UNNAMED_SOURCE, "reportedly" if src.hedge == "said" else src.hedge, (src.name,),
                          unnamed=True)
        attributed = EntityRef(None, src.name) if src is not None and src.name else None
        hedge = src.hedge if src is not None and src.name else "none"
        words = _hedge_words(d.sent)
        if words is not None:
            hedge = words
        elif d.next_unverified:
            hedge = "unconfirmed"
        if h.num.estimate:
            hedge = "estimate"
        if attributed is None and hedge == "said":
            hedge = "none"
        if attributed is None and hedge in ("reportedly",) :
            attributed = EntityRef(None, P.UNNAMED_SOURCE)
        includes = tuple(ids[c] for c in d.children if not drafts[c].dropped)
        chain = tuple(src.chain) if src is not None and src.name else ()
        out.append(Figure(
            figure_id=ids[i],
            article_id=ctx.article_id,
            metric=h.metric,
            low=h.num.low,
            high=h.num.high,
            qualifier=h.num.qualifier,
            vague_term=h.num.vague_term,
            who=h.who,
            includes=includes,
            attributed_to=attributed,
            hedge=hedge,
            interim=_is_interim(d.sent, h),
            as_of=_as_of(d.sent, ctx.published),
            event_id=None,
            evidence=evidence[i],
            scope=_scope(d.sent, h, ctx.published),
            source_chain=chain,
            count=_count_evidence(d.sent.doc, h.num, ctx),
        ))
    return out


def _count_evidence(doc: Doc, num: _Num, ctx: ArticleContext) -> Evidence:
    first, last = doc[num.start], doc[num.end - 1]
    return ctx.evidence(first.idx, last.idx + len(last.text))


def _trim(sent: Span) -> tuple[int, int]:
    """Article-relative character offsets of the sentence without edge whitespace."""
    s, e = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
