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
    ("link", r"scroll to (top|bottom)|address of this (article|page|story)\s*:?\s*\S{0,200}|(click|tap) here\b.{0,60}"),
    ("social", r"share|tweet|email|print|whatsapp|telegram|copy link"),
    ("copyright", r"(copyright|©|\(c\))\s.{0,200}|.{0,200}\ball rights reserved\b.{0,100}"),
    # "About Us | Contact Us | Privacy Policy": three or more short items between bars
    ("menu", r"[^|]{1,40}(\s+\|\s+[^|]{1,40}){2,}"),
    # bylines: "By |" (empty), "By Jane Doe", "Author: ...", "Report – Jane Doe", "... 2 min read"
    ("byline", r"by\s*\|?|(?-i:By(\s+[A-Z][\w.'’-]*){1,4})|(author|authors|written by|story by)\s*:?\s+.{2,80}|"
               r"(report|reporting|text)\s+[–—-]\s+[\w .'’-]{2,60}|(by\b.{0,100}\b)?\d+\s*min(ute)?s?\s+read"),
    ("notice", r"this (audio|article|summary|story|text) (is|was|has been) (created|generated|produced|read|"
               r"translated) (with|by|using)\b.{0,60}"),
    # a page's own time stamp: a date and a clock time, perhaps a zone, a counter or a category word
    ("timestamp", r"[^\W\d]{0,20}\s*\d{4}-\d{2}-\d{2}[\sT|,]+\d{1,2}:\d{2}[\d:]*(\s*\S{0,12})?|"
                  r"\d{1,2}:\d{2}\s*(utc|gmt)?\s*[+-]?\d{0,2},?\s*\d{4}-\d{2}-\d{2}(\s+\d{1,6})?"),
    ("player", r"\d{1,2}:\d{2}(:\d{2})?"),
    # a template leak: "Models.Entities.Item?.Title?.Format()"
    ("code", r"(?-i:.*\b[A-Z]\w+(\??\.[A-Z]\w+){2,}.*)"),
    # an all-capitals label of three words at most: a section ("WORLD"), a dateline city, a menu head
    ("label", r"(?-i:[A-Z][A-Z&'’.-]+(\s+[A-Z][A-Z&'’.-]+){0,2})"),
    # a line of one token is never running text: a credit ("—Wire"), a tag, a widget value, a menu item
    ("label", r"[/—–-]?\s*[^\s,:;.]{1,30}"),
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
    r"recommended( for you)?|related (articles|stories|news|posts)|popular( now| stories| news)?|most popular|"
    r"trending( now)?|latest( news| stories| headlines)?|top stories|read next|more (news|stories)|"
    r"editor'?s picks|special reports)[━─—=_*:\s]*"
)
