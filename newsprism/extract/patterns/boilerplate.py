"""Clutter that saved news pages carry around the article: data only, used by ``clean.py``.

Each entry is (kind, regular expression). Line patterns must match a whole stripped line;
``TAIL_PATTERNS`` match the end of a line (a credit after a caption); ``TEASER_MARKERS`` start a
block of "more like this" links that runs to the end of the article.
"""

from __future__ import annotations

# Whole lines (case-insensitive, matched against the stripped line).
LINE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("comment_form", r"leave a (reply|comment)|post (a )?comment|comments?( \(\d+\))?|\d+ comments?"),
    ("comment_form", r"please enter your (comment|name|email)( here)?!?|you have entered an incorrect email address!?"),
    ("comment_form", r"your email address will not be published\.?.*|required fields are marked \*?"),
    ("comment_form", r"save my name, email,? and website in this browser.*"),
    ("subscribe", r"subscribe( to| for)?( our)?[\w ]{0,40}|sign up (for|to) [\w ]{0,40}newsletter[\w ]{0,20}"),
    ("social", r"follow us on (twitter|facebook|telegram|instagram|x|youtube|linkedin)\b.{0,40}"),
    ("social", r"share (this|on|via)\b.{0,30}|(share|tweet|email|print|whatsapp)( \| (share|tweet|email|print|whatsapp))+"),
    ("link", r"read more|read also:?.{0,120}|see also:?.{0,120}|related( articles| stories| news)?|advertisement|"
             r"skip to (main )?content|back to top|continue reading"),
    ("category", r"categories|tags?:.{0,120}|topics?:.{0,120}|saved web pages"),
    ("credits", r"(additional |previous )?reporting (by|from) .{2,400}|(writing|editing|edited) by .{2,200}|"
                r"compiled by .{2,100}"),
    ("syndication", r"\(?this (story|article) has not been edited by .{0,200}\)?"),
    ("weather", r"-?\d{1,2}(?:[.,]\d)?\s*°?\s*[cf]"),
    ("image_name", r"\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?"),
    ("image_name", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:_\d+)?"),
    # a lowercase-hyphen slug left behind by an image or link (at least four words)
    ("image_name", r"[a-z0-9]+(?:-[a-z0-9]+){3,}-?"),
    ("embed_stub", r"[\w .'’-]{1,40} (wrote|posted|tweeted|said) on"),
    ("source_line", r"(source|izvor|quelle|fuente|источник)\s*:\s*.{2,60}"),
)

# A photo credit ending a caption line: the whole line is a caption.
CAPTION_CREDIT = r"(?:\s|^)(?:©\s*[\w .&'-]+(?:/[\w .&'-]+)*|(?:photo|foto|image|picture|credit)s?\s*:\s*[\w .,&/'-]{2,60})\s*$"

# A single-sentence paragraph ending in a full date is the caption style of CNN, AP and others:
# "A damaged building after shelling of X, Region, September 19, 2023."
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
CAPTION_DATED = rf",\s*(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\.?\s*$"

# Lines that start a teaser block ("more like this") running to the end of the article.
TEASER_MARKERS = (
    r"[━─—=_*\s]*(more like this|you may also like|you might also like|more from [\w ]{2,30}|most read|"
    r"recommended( for you)?|related (articles|stories|news|posts)|popular (now|stories)|trending( now)?)[━─—=_*:\s]*"
)
