"""How an article's own text names the outlet that published it: data only, used by ``clean.py``.

Tried in order; the first match wins. Each pattern has a named group ``outlet`` and may have
``via`` (the agency it was syndicated from).
"""

from __future__ import annotations

_NAME = r"[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}"

OUTLET_PATTERNS: tuple[tuple[str, str], ...] = (
    # "Source: Rtvslo" on a line of its own
    ("source_line", rf"(?m)^\s*(?:Source|Izvor|Quelle|Fuente)\s*:\s*(?P<outlet>{_NAME})\s*$"),
    # Azerbaijani agency style: "Report informs via AZERTAC", "Report informs, citing ..."
    ("informs", rf"\b(?P<outlet>{_NAME}) informs(?: via (?P<via>{_NAME}))?"),
    # "..., Azernews reports, the press service ..." / "Azernews reports that ..."
    ("reports", rf"(?:^|[,;]\s)(?P<outlet>[A-Z][\w.]+(?:\s[A-Z][\w.]+)?) reports\b(?!\s+(?:of|on|about))"),
    # "(This story ... is published from a syndicated news agency feed – AFP)"
    ("syndicated", r"syndicated(?: news)?(?: agency)? feed\s*[–—-]\s*(?P<outlet>[A-Z][\w.&' ]{1,30}?)\s*\)?\s*$"),
    # wire dateline "KYIV, March 3 (Reuters) -"
    ("dateline", r"(?m)^[A-Z][A-Za-z\d .,'’-]{2,60}\((?P<outlet>[A-Z][A-Za-z]{1,15})\)\s*[-–—]"),
    # "Previous reporting from CNN's Tim Lister ..."
    ("credits", r"(?m)^(?:Previous|Additional) reporting (?:from|by) (?P<outlet>[A-Z][\w]+)['’]s\b"),
    # a photo credit "© Sputnik/Name" (the photo agency; weakest cue)
    ("photo_credit", r"©\s*(?P<outlet>[A-Z][\w]+(?:\s[A-Z][\w]+)?)\s*/"),
)

# "Headline – Site Name" as the title line ends
TITLE_SUFFIX = r"\s[–—|]\s(?P<outlet>[A-Z][\w.&' ]{2,30})$"
