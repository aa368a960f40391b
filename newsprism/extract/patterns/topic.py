"""Vocabulary that tells conflict reporting from everything else: data only, used by ``cluster.py``.

CONFLICT_TERMS are regular-expression stems of words that armed-conflict and political-violence
reporting uses densely (ACLED's event families: battles, remote violence, violence against
civilians, protests and riots, strategic developments) and that sport, science or weather pages
rarely do.
"""

from __future__ import annotations

CONFLICT_TERMS: tuple[str, ...] = (
    r"kill(?:ed|ing|s)?", r"dead", r"deaths?", r"died", r"wound(?:ed|s)?", r"injur(?:ed|ies|y)", r"casualt(?:y|ies)",
    r"attack(?:s|ed|ing)?", r"assault", r"offensive", r"shell(?:ing|ed|s)", r"artillery", r"mortars?", r"rockets?",
    r"missiles?", r"drones?", r"air ?strikes?", r"strikes?", r"bomb(?:s|ing|ed|ings)?", r"explosions?", r"blasts?",
    r"landmines?", r"mines?", r"troops", r"soldiers?", r"servicem[ae]n", r"military", r"army", r"armed",
    r"forces", r"militants?", r"rebels?", r"separatists?", r"insurgents?", r"fighters?", r"militias?",
    r"fighting", r"clash(?:es|ed)?", r"combat", r"war", r"wars", r"hostilities", r"ceasefire", r"truce",
    r"bloodshed", r"invasion", r"occupation", r"aggression", r"peacekeep(?:ers|ing)", r"refugees?",
    r"displaced", r"evacuat(?:ed|ion|e)", r"fled", r"hostages?", r"abduct(?:ed|ion)", r"arrest(?:ed|s)?",
    r"detain(?:ed|ees)?", r"protests?", r"protesters", r"riots?", r"massacre", r"genocide", r"ethnic cleansing",
    r"blockade", r"siege", r"terroris(?:t|m)", r"counter-terror(?:ism|ist)", r"anti-terror(?:ist)?",
    r"weapons?", r"ammunition", r"disarm(?:ament)?", r"surrender(?:ed)?", r"martyred", r"violence",
)

# Words too common to tell one story from another.
STOP_WORDS: frozenset[str] = frozenset("""
a about above after again against all also although am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves said says say told according also would could should one two three new last first year years
day days week weeks time mr ms many much may might must since still well even however without within
""".split())
