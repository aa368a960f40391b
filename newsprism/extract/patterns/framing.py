"""The framing lexicon: how news names an armed operation, its actors, its victims, the displaced,
and the legitimacy of a side (data only; the logic is in ``newsprism/framing.py`` and
``newsprism/claims.py``).

Source and rationale
--------------------
Nothing here names a conflict, an outlet, a person or a place. The vocabulary is the conflict
terminology that editorial and humanitarian style guides single out because the choice of word
takes a side, and that framing studies code:

- operation labels: state euphemisms ("special military operation", "counter-terrorism
  operation", "anti-terrorist measures", "law enforcement operation", "clearance operation",
  "restoring constitutional order") against the opposing side's words ("aggression", "invasion",
  "occupation", "genocide", "ethnic cleansing") and the agencies' neutral ones ("military
  operation", "offensive"); cf. the Reuters Handbook of Journalism and the BBC Editorial
  Guidelines on "terrorist"/"militant" and on euphemism, and the AP Stylebook on "so-called";
- actor labels: "terrorists", "separatists", "militants", "rebels", "insurgents", "freedom
  fighters", "occupiers", "regime", "junta", "puppet", "de facto authorities" (same sources);
- victim labels: "civilians", "peaceful population", "martyrs", "human shields"; kill verbs that
  deny victimhood ("neutralised", "eliminated", "liquidated");
- displacement labels: UNHCR/IOM terminology ("refugees", "internally displaced persons",
  "forcibly displaced", "evacuees", "deportees") against euphemisms ("relocation", "voluntary
  departure", "population transfer") and accusations ("expulsion", "deportation");
- legitimacy markers: "so-called", "self-proclaimed", "illegal", "puppet", "de facto",
  "breakaway", "unrecognised", "occupied", "liberated", "internationally recognised as part of".

Toponym choices are not listed: they come from entity resolution (one place, several names).
Everything is matched on lower-cased text with hyphens and spaces folded (``anti-terrorist`` =
``anti terrorist`` = ``antiterrorist`` where listed).
"""

from __future__ import annotations

CONCEPTS: tuple[str, ...] = ("operation_label", "actor_label", "victim_label", "displacement_label",
                             "toponym", "legitimacy")

# What each concept's table block is titled.
CONCEPT_TITLES: dict[str, str] = {
    "operation_label": "what the operation is called",
    "actor_label": "what the sides and their forces are called",
    "victim_label": "what those harmed are called",
    "displacement_label": "what those who leave are called",
    "toponym": "which name a place gets",
    "legitimacy": "markers of (il)legitimacy and status",
}

# --- operation labels ------------------------------------------------------------------------
# Head nouns that label an operation by themselves.
OPERATION_MARKED_HEADS: frozenset[str] = frozenset({
    "aggression", "invasion", "occupation", "annexation", "genocide", "massacre", "pogrom",
    "liberation", "denazification", "demilitarisation", "demilitarization", "reunification",
    "pacification", "incursion", "blitzkrieg", "carnage", "bloodbath", "atrocity", "atrocities",
    "counteroffensive", "counter-offensive", "crackdown",
})
# Multi-word labels (matched on the folded text of a noun phrase ending at its head).
OPERATION_PHRASES: tuple[str, ...] = (
    "ethnic cleansing", "special military operation", "war of aggression", "act of aggression",
    "act of genocide", "acts of genocide", "act of terror", "act of terrorism", "acts of terrorism",
    "terrorist act", "terrorist acts", "terrorist attack", "terrorist attacks", "war crime",
    "war crimes", "crimes against humanity", "collective punishment", "scorched earth",
    "restoration of constitutional order", "restoring constitutional order",
    "peace enforcement", "forced reintegration",
)
# Generic heads: a label only with a framing modifier (below) or in a label slot
# ("launched a(n) X", "what it called X").
OPERATION_GENERIC_HEADS: frozenset[str] = frozenset({
    "operation", "operations", "measure", "measures", "activity", "activities", "campaign",
    "offensive", "attack", "attacks", "assault", "action", "actions", "strike", "strikes", "war",
    "raid", "raids", "mission", "escalation", "bombardment", "bombing", "shelling", "blockade",
    "siege", "clampdown", "purge", "hostilities",
})
# Modifiers (folded, hyphens as spaces) that make a generic head a label.
OPERATION_MODIFIERS: tuple[str, ...] = (
    "anti terrorist", "anti terror", "antiterrorist", "counter terrorism", "counter terrorist",
    "counterterrorism", "counterterrorist", "special military", "special", "military",
    "large scale", "full scale", "all out", "local", "localised", "localized", "limited",
    "lightning", "punitive", "security", "police", "law enforcement", "clearance", "clearing",
    "mop up", "cleansing", "unprovoked", "brutal", "criminal", "barbaric", "genocidal",
    "terrorist", "retaliatory", "defensive", "pre emptive", "preemptive", "peacekeeping",
    "humanitarian", "stabilisation", "stabilization", "liberation", "armed", "massive", "wanton",
    "indiscriminate", "treacherous", "provocative", "aggressive", "unlawful", "illegal",
    "ground", "air", "aerial", "drone", "missile", "artillery", "rocket",
)
# Heads that are only a label with one of these stronger modifiers (not plain "military").
OPERATION_WEAK_HEADS: frozenset[str] = frozenset({
    "strike", "strikes", "bombardment", "bombing", "shelling", "escalation", "hostilities",
    "mission", "blockade", "siege", "raid", "raids", "war",
})
OPERATION_WEAK_MODIFIERS: tuple[str, ...] = (
    "anti terrorist", "counter terrorism", "counter terrorist", "counterterrorism", "punitive",
    "large scale", "full scale", "all out", "unprovoked", "brutal", "criminal", "barbaric",
    "genocidal", "terrorist", "indiscriminate", "wanton", "treacherous", "aggressive", "illegal",
    "lightning", "special military", "retaliatory", "preemptive", "pre emptive",
)

# --- actor labels ----------------------------------------------------------------------------
ACTOR_MARKED_HEADS: frozenset[str] = frozenset({
    "separatist", "separatists", "rebel", "rebels", "militant", "militants", "terrorist",
    "terrorists", "insurgent", "insurgents", "jihadist", "jihadists", "extremist", "extremists",
    "radicals", "partisans", "guerrilla", "guerrillas", "guerillas", "occupier", "occupiers",
    "invader", "invaders", "aggressor", "aggressors", "enemy", "regime", "junta", "mercenary",
    "mercenaries", "bandits", "gangs", "gangsters", "thugs", "militia", "militias", "militiamen",
    "neo-nazis", "neonazis", "nazis", "fascists", "mujahideen", "collaborators", "puppets",
    "proxies", "infiltrators", "saboteurs", "putschists", "warlords", "colonists", "settlers",
    "secessionists", "irredentists", "defenders", "liberators", "usurpers",
    "zionists", "crusaders", "infidels", "apostates", "khawarij", "takfiris", "nationalists",
    "banderites",
})
ACTOR_PHRASES: tuple[str, ...] = (
    "freedom fighters", "armed formations", "armed groups", "armed group", "armed gangs",
    "illegal armed groups", "illegal armed formations", "terrorist groups", "terrorist group",
    "terrorist organisation", "terrorist organization", "criminal gangs", "armed bandits",
    "de facto authorities", "de facto government", "de facto leadership", "puppet regime",
    "puppet government", "military junta", "occupation forces", "occupying forces",
    "occupation army", "occupying power", "illegal regime", "criminal regime", "usurping entity",
    "zionist entity", "zionist regime", "kyiv regime",
)
# Generic heads: a label only with a framing modifier (below) or "X of the Republic of Y".
ACTOR_GENERIC_HEADS: frozenset[str] = frozenset({
    "authorities", "authority", "government", "officials", "leadership", "administration",
    "forces", "force", "troops", "army", "units", "formations", "groups", "group", "state",
    "republic", "entity", "side", "fighters", "combatants", "servicemen", "soldiers", "military",
    "leaders", "leader", "president", "presidency", "structures", "elements", "militants",
    "cells", "movement", "organisation", "organization", "network",
})
ACTOR_MODIFIERS: tuple[str, ...] = (
    "separatist", "breakaway", "rebel", "de facto", "self proclaimed", "self styled",
    "self declared", "so called", "illegal", "illegitimate", "puppet", "unrecognised",
    "unrecognized", "occupying", "occupation", "terrorist", "insurgent", "jihadist", "extremist",
    "criminal", "fascist", "neo nazi", "nationalist", "militant", "radical", "islamist",
    "paramilitary", "irregular", "proxy", "mercenary", "legitimate", "constitutional", "central",
    "armed", "outlawed", "banned", "enemy", "hostile", "invading", "rogue", "fake", "usurping",
)
# "the authorities of the Republic of X", "the government of the X People's Republic"
SELF_NAME_WORDS: frozenset[str] = frozenset({"republic", "people's", "peoples", "emirate",
                                              "caliphate", "state of"})

# --- victim labels ---------------------------------------------------------------------------
VICTIM_MARKED_HEADS: frozenset[str] = frozenset({
    "civilians", "civilian", "innocents", "victims", "martyrs", "martyr", "shaheeds", "shahids",
    "hostages", "non-combatants", "noncombatants", "bystanders",
})
VICTIM_PHRASES: tuple[str, ...] = (
    "human shields", "collateral damage", "peaceful population", "peaceful residents",
    "peaceful civilians", "peaceful people", "civilian population", "innocent people",
    "innocent civilians", "women and children", "unarmed civilians", "defenceless civilians",
    "defenseless civilians",
)
# Generic people heads that a victim modifier turns into a label ("civilian casualties").
VICTIM_GENERIC_HEADS: frozenset[str] = frozenset({
    "casualties", "casualty", "deaths", "death", "population", "people", "residents", "lives",
    "men", "women", "population", "inhabitants", "dead", "toll",
})
VICTIM_MODIFIERS: tuple[str, ...] = (
    "civilian", "peaceful", "innocent", "defenceless", "defenseless", "unarmed", "non combatant",
)
# Verbs that name a killing by how the dead are regarded ("were martyred", "neutralised").
VICTIM_VERBS: frozenset[str] = frozenset({"martyr", "martyre"})
DEHUMANISING_KILL_VERBS: frozenset[str] = frozenset({
    "neutralise", "neutralize", "eliminate", "liquidate", "exterminate", "annihilate",
})
# Objects that make such a verb a statement about people (not "neutralise infrastructure").
PEOPLE_NOUNS: frozenset[str] = frozenset({
    "militant", "militants", "terrorist", "terrorists", "fighter", "fighters", "soldier",
    "soldiers", "serviceman", "servicemen", "rebel", "rebels", "insurgent", "insurgents",
    "separatist", "separatists", "people", "members", "gunmen", "enemy", "enemies", "troops",
    "commander", "commanders", "leader", "leaders", "personnel", "combatants", "jihadists",
    "bandits", "mercenaries", "occupiers", "invaders", "saboteurs",
})

# --- displacement labels ---------------------------------------------------------------------
DISPLACEMENT_MARKED_HEADS: frozenset[str] = frozenset({
    "refugees", "refugee", "idps", "idp", "evacuees", "evacuee", "deportees", "exiles",
    "returnees", "exodus", "expulsion", "expulsions", "deportation", "deportations",
    "displacement", "evacuation", "evacuations", "relocation", "resettlement", "repatriation",
    "asylum-seekers", "migrants",
})
DISPLACEMENT_PHRASES: tuple[str, ...] = (
    "internally displaced persons", "internally displaced people", "internally displaced",
    "forcibly displaced persons", "forcibly displaced people", "forcibly displaced",
    "displaced persons", "displaced people", "displaced families", "displaced civilians",
    "displaced residents", "forced displacement", "forcible transfer", "forced transfer",
    "population transfer", "population exchange", "forced migration", "forced deportation",
    "voluntary departure", "voluntary return", "humanitarian corridor", "humanitarian corridors",
    "asylum seekers", "mass exodus", "forced to flee", "forced to leave", "left homeless",
)
# Verbs that frame leaving (with people as subject or object).
DISPLACEMENT_VERBS: frozenset[str] = frozenset({
    "flee", "evacuate", "displace", "deport", "expel", "relocate", "resettle", "uproot",
})
# Patients that make an evacuation a population movement (not a casualty taken to hospital).
DISPLACED_PEOPLE_NOUNS: frozenset[str] = frozenset({
    "people", "residents", "civilians", "families", "population", "inhabitants", "villagers",
    "thousands", "hundreds", "dozens", "tens", "children", "women", "armenians", "persons",
    "citizens", "refugees", "communities", "community", "households", "many", "most", "others",
})

# --- legitimacy markers ----------------------------------------------------------------------
LEGITIMACY_MARKERS: tuple[str, ...] = (
    "so called", "self proclaimed", "self styled", "self declared", "illegal", "illegitimate",
    "puppet", "de facto", "unrecognised", "unrecognized", "breakaway", "disputed", "occupied",
    "temporarily occupied", "liberated", "annexed", "usurping", "sham", "rogue",
    "renegade", "outlawed", "legitimate", "sovereign", "unlawful",
)
# Nouns a legitimacy marker must modify to count (status of a territory, a state, a body).
LEGITIMACY_TARGETS: frozenset[str] = frozenset({
    "region", "regions", "territory", "territories", "enclave", "republic", "state", "entity",
    "regime", "government", "authorities", "authority", "leadership", "administration",
    "parliament", "president", "elections", "election", "referendum", "vote", "annexation",
    "lands", "land", "areas", "area", "zone", "zones", "province", "provinces", "oblast",
    "oblasts", "city", "cities", "towns", "villages", "forces", "army", "formations", "groups",
    "armed", "border", "borders", "status", "independence", "sovereignty", "control",
    "institutions", "structures", "courts", "officials", "militias", "occupation", "entities",
    "settlements", "settlement", "outposts", "country", "nation", "homeland", "capital",
})
# Whole legitimacy phrases (status claims) matched on folded text.
LEGITIMACY_PHRASES: tuple[str, ...] = (
    "internationally recognised as part of", "internationally recognized as part of",
    "internationally recognised as", "internationally recognized as",
    "internationally considered part of", "recognised internationally as part of",
    "recognized internationally as part of", "constitutional order", "territorial integrity",
    "sovereign territory", "ancestral homeland", "ancestral lands", "historic lands",
    "historical lands", "historic homeland", "historical homeland", "occupied territories",
    "temporarily occupied territories", "liberated territories", "not recognised by",
    "not recognized by", "not officially recognised by", "not officially recognized by",
)
# "<X>-controlled", "<X>-held", "<X>-occupied": a control claim on a place.
CONTROL_SUFFIXES: tuple[str, ...] = ("controlled", "held", "occupied", "administered", "run")

# --- voice -----------------------------------------------------------------------------------
# Verbs that attach a label to its source: "what it called X", "as Armenia calls the region".
LABEL_VERBS: frozenset[str] = frozenset({"call", "describe", "term", "dub", "brand", "label",
                                          "name", "characterise", "characterize", "style",
                                          "designate", "refer"})
# Verbs of speech that make their complement clause a source's words ("X said (that) ..."). Narrower
# than the quote extractor's reporting verbs: "continued the operation" is no speech.
SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "announce", "state", "claim", "insist", "warn", "stress", "emphasise", "emphasize",
    "declare", "allege", "confirm", "deny", "report", "assert", "argue", "write", "note", "add",
    "explain", "acknowledge", "admit", "accuse", "blame", "condemn", "describe", "call", "term", "brand",
    "label", "dub", "denounce", "reject", "tweet", "inform", "suggest", "believe", "think", "estimate",
    "predict", "reiterate", "underline", "underscore", "highlight", "charge", "maintain", "contend",
    "affirm", "indicate", "specify", "clarify", "testify", "reply", "respond", "retort", "complain",
    "concede", "recall", "comment", "observe", "remark", "vow", "pledge", "promise", "threaten",
    "decry", "hail", "praise", "criticise", "criticize", "characterise", "characterize", "dismiss",
    "quote", "cite", "assess", "conclude", "mention", "boast", "lament", "protest", "assure", "speak",
    "talk",
})
# Verbs that label a capture or an operation by how they call it ("liberated the town",
# "occupied the region", "annexed the peninsula").
OPERATION_VERBS: frozenset[str] = frozenset({"liberate", "occupy", "annex", "cleanse", "denazify",
                                              "demilitarise", "demilitarize", "reunify", "reunite",
                                              "pacify", "subjugate", "reclaim"})
# Nouns for places such a verb takes ("liberated the settlement of X").
PLACE_NOUNS: frozenset[str] = frozenset({
    "settlement", "settlements", "town", "towns", "city", "cities", "village", "villages", "region",
    "regions", "territory", "territories", "area", "areas", "district", "districts", "province",
    "provinces", "land", "lands", "enclave", "peninsula", "island", "islands", "border", "oblast",
    "capital", "camp", "base", "positions", "heights", "outskirts", "suburb", "suburbs",
})
# Heads that make a displacement word part of an institution's name ("the UN refugee agency").
INSTITUTION_HEADS: frozenset[str] = frozenset({
    "agency", "agencies", "council", "commission", "commissioner", "organisation", "organization",
    "office", "programme", "program", "ministry", "department", "committee", "fund", "service",
    "convention", "law", "status", "policy", "board", "chief", "head", "envoy",
})

# Nouns whose clause is someone else's claim: "Baku's claims that ...".
CLAIM_NOUNS: frozenset[str] = frozenset({
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "assertion",
    "assertions", "charge", "charges", "version", "narrative", "statement", "statements",
    "report", "reports", "insistence", "contention", "argument", "words", "description",
})
# Request verbs: "called on X to halt the military action" is the outlet's paraphrase, so a term
# in their infinitive clause stays in the outlet's voice.
REQUEST_VERBS: frozenset[str] = frozenset({"urge", "ask", "appeal", "plead", "request", "order",
                                            "instruct", "advise", "recommend", "propose", "invite",
                                            "demand", "press", "push", "encourage"})

# --- table grouping --------------------------------------------------------------------------
# Families that gather variants of one label into one row of the table: (concept, regex on
# the folded term, row label). First match wins; unmatched terms are their own row.
FRAME_FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("operation_label", r"special military operation", "special military operation"),
    ("operation_label", r"\b(anti ?terror|counter ?terror)", "anti-terrorist / counter-terrorism …"),
    ("operation_label", r"\b(law enforcement|police|security|clearance|clearing) (operation|measures?|activit)",
     "security / police / clearance operation"),
    ("operation_label", r"constitutional order", "restoring constitutional order"),
    ("operation_label", r"\baggression\b", "aggression"),
    ("operation_label", r"\binvasion\b", "invasion"),
    ("operation_label", r"\boccup", "occupation / occupied"),
    ("operation_label", r"\bgenocid", "genocide"),
    ("operation_label", r"\bethnic cleansing\b", "ethnic cleansing"),
    ("operation_label", r"\bterror(ist)? (act|attack)|\bacts? of terror", "terrorist act / attack"),
    ("operation_label", r"\bwar crimes?\b|crimes against humanity", "war crimes"),
    ("operation_label", r"\bliberat", "liberation / liberated"),
    ("operation_label", r"\b(reclaim|reunif|reunit|reintegrat)", "reclaimed / reunified"),
    ("operation_label", r"\bannex", "annexation / annexed"),
    ("operation_label", r"\bcounter ?offensive\b", "counteroffensive"),
    ("operation_label", r"\boffensive\b", "offensive"),
    ("operation_label", r"\bassault\b", "assault"),
    ("operation_label", r"\battacks?\b", "attack"),
    ("operation_label", r"\bincursion\b", "incursion"),
    ("operation_label", r"\bmilitary (operation|action|activit|campaign)", "military operation / action"),
    ("operation_label", r"\boperations?\b|\bmeasures\b|\bactivities\b|\bcampaign\b", "operation (other)"),
    ("actor_label", r"\bseparatist", "separatist(s)"),
    ("actor_label", r"\bbreakaway\b", "breakaway …"),
    ("actor_label", r"\bde facto\b", "de facto …"),
    ("actor_label", r"\bpuppet\b", "puppet …"),
    ("actor_label", r"\b(illegal|illegitimate|unrecogni[sz]ed|self (proclaimed|styled|declared)|so called)\b",
     "illegal / self-proclaimed …"),
    ("actor_label", r"\brepublic of\b|people ?s republic", "authorities of the Republic of …"),
    ("actor_label", r"\bterror", "terrorist(s)"),
    ("actor_label", r"\brebel", "rebel(s)"),
    ("actor_label", r"\bmilitant", "militant(s)"),
    ("actor_label", r"\binsurgen", "insurgent(s)"),
    ("actor_label", r"\bregime\b", "regime"),
    ("actor_label", r"\boccup", "occupier(s)"),
    ("actor_label", r"\benemy\b", "enemy"),
    ("actor_label", r"\barmed (formations|groups?|gangs)\b", "armed groups / formations"),
    ("actor_label", r"\b(armed forces|army|troops|military)\b", "armed forces / army (of a state)"),
    ("actor_label", r"\b(authorities|officials|government|leadership|presidency|administration|side)\b",
     "authorities / officials / side"),
    ("actor_label", r"\b(population|people|residents|community|communities|citizens|inhabitants|compatriots)\b",
     "population / people / residents"),
    ("victim_label", r"\bmartyr", "martyr(s)"),
    ("victim_label", r"\bpeaceful\b", "peaceful population / residents"),
    ("victim_label", r"\bcivilian", "civilian(s)"),
    ("victim_label", r"\bvictims?\b", "victims"),
    ("victim_label", r"\bneutrali[sz]|\beliminat|\bliquidat", "neutralised / eliminated"),
    ("displacement_label", r"\bforcibly displaced\b", "forcibly displaced persons"),
    ("displacement_label", r"\binternally displaced\b|\bidps?\b", "internally displaced (IDPs)"),
    ("displacement_label", r"\bdisplace", "displaced people / displacement"),
    ("displacement_label", r"\brefugee", "refugees"),
    ("displacement_label", r"\bevacu", "evacuation / evacuees"),
    ("displacement_label", r"\bexodus\b", "exodus"),
    ("displacement_label", r"\bexpul|\bexpel", "expulsion"),
    ("displacement_label", r"\bdeport", "deportation"),
    ("displacement_label", r"\b(relocat|resettl|transfer)", "relocation / transfer"),
    ("displacement_label", r"\bfle[de]", "fled / fleeing"),
    ("displacement_label", r"\bhumanitarian corridors?\b", "humanitarian corridor"),
    ("legitimacy", r"\binternationally (recogni[sz]ed|considered)|recogni[sz]ed internationally",
     "internationally recognised as part of …"),
    ("legitimacy", r"\bnot (officially )?recogni[sz]ed\b|\bunrecogni[sz]ed\b", "unrecognised"),
    ("legitimacy", r"\bbreakaway\b", "breakaway …"),
    ("legitimacy", r"\bdisputed\b", "disputed …"),
    ("legitimacy", r"\bde facto\b", "de facto …"),
    ("legitimacy", r"\bself (proclaimed|styled|declared)\b", "self-proclaimed …"),
    ("legitimacy", r"\bso called\b", "so-called …"),
    ("legitimacy", r"\bpuppet\b", "puppet …"),
    ("legitimacy", r"\b(illegal|illegitimate|unlawful)\b", "illegal …"),
    ("legitimacy", r"\b(temporarily )?occupied\b", "occupied …"),
    ("legitimacy", r"\bliberated\b", "liberated …"),
    ("legitimacy", r"\bconstitutional order\b", "constitutional order"),
    ("legitimacy", r"\bsovereign\b|\bterritorial integrity\b", "sovereign territory / territorial integrity"),
    ("legitimacy", r"\b(ancestral|historic(al)?) (homeland|lands?)\b", "ancestral / historic homeland"),
    ("legitimacy", r"\w (controlled|held|administered)\b", "<side>-controlled …"),
)

# --- discovery (label slots) -----------------------------------------------------------------
# Verbs whose object names the operation ("launched X", "halted X"); their subject is its actor.
OPERATION_SLOT_VERBS: frozenset[str] = frozenset({
    "launch", "begin", "start", "unleash", "conduct", "mount", "stage", "wage", "initiate",
    "resume", "halt", "stop", "suspend", "end", "cease", "complete", "condemn", "justify",
    "announce", "carry", "continue", "escalate", "pursue",
})
# Seed words whose word vectors define the semantic class of a slot filler.
OPERATION_SEEDS: tuple[str, ...] = ("operation", "offensive", "attack", "assault", "campaign",
                                    "aggression", "invasion", "war")
ACTOR_SEEDS: tuple[str, ...] = ("authorities", "government", "officials", "forces", "troops",
                                "separatists", "rebels", "militants", "regime", "leadership")
POPULATION_SEEDS: tuple[str, ...] = ("population", "residents", "people", "inhabitants",
                                     "community", "citizens", "civilians")
# Heads of an anchored group of people: "Karabakh Armenians", "the population of X".
POPULATION_HEADS: frozenset[str] = frozenset({
    "population", "people", "residents", "inhabitants", "community", "communities", "citizens",
    "compatriots", "brothers", "minority", "minorities", "diaspora", "locals", "natives",
    "villagers", "populace", "nationals", "subjects",
})
# Nouns that are never a label, whatever their vector says.
SLOT_STOP_HEADS: frozenset[str] = frozenset({
    "way", "situation", "steps", "step", "talks", "process", "part", "role", "time", "day",
    "work", "issue", "issues", "question", "thing", "things", "lot", "number", "rest", "end",
    "start", "beginning", "use", "fire", "policy", "plan", "plans", "meeting", "negotiations",
    "ceasefire", "truce", "agreement", "deal", "statement", "call", "calls", "aim", "aims",
    "goal", "goals", "objective", "objectives", "dialogue", "cooperation", "efforts", "bloodshed",
    "measures", "tasks", "task", "reintegration", "integration", "support", "protection",
    "investigation", "disarmament", "withdrawal", "evacuation", "exercises", "drills",
})

# --- claims (claims.py) ------------------------------------------------------------------------
# Cues that a speaker denies something.
DENY_VERBS: frozenset[str] = frozenset({"deny", "reject", "refute", "dismiss", "rebuff", "disprove",
                                         "contest", "dispute", "debunk"})
# Nouns for what is denied: "rejected Baku's claims that ...".
DENIED_NOUNS: frozenset[str] = frozenset({
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
    "reports", "assertion", "assertions", "charge", "charges", "suggestion", "suggestions",
    "rumour", "rumours", "rumor", "rumors", "statement", "statements", "information",
})
# Words that call a claim untrue: "called the allegations false".
FALSE_WORDS: frozenset[str] = frozenset({"false", "baseless", "groundless", "unfounded", "fabricated",
                                         "untrue", "lies", "lie", "fake", "absurd", "slander",
                                         "disinformation", "misinformation", "nonsense",
                                         "fabrication", "fabrications", "erroneous", "erroneously"})
# Nouns naming a state's armed presence (claims about "X's troops in Y").
PRESENCE_NOUNS: frozenset[str] = frozenset({
    "army", "troops", "troop", "forces", "force", "servicemen", "soldiers", "units", "military",
    "presence", "contingent", "personnel", "formations",
})
# Modifiers that make such a noun a non-state group (not a claim about a state's army).
NON_STATE_MODIFIERS: frozenset[str] = frozenset({
    "separatist", "rebel", "local", "ethnic", "self", "defense", "defence", "volunteer",
    "militia", "insurgent", "peacekeeping", "peacekeepers",
})
# Verbs/nouns that presuppose presence: "X must withdraw from Y", "withdrawal of X from Y".
PRESENCE_CUES: frozenset[str] = frozenset({
    "withdraw", "withdrawal", "station", "deploy", "deployment", "presence", "maintain", "have",
    "keep", "oust", "expel", "pull", "leave", "remain", "position", "positions", "base", "bases",
})
# Civilian-targeting claims: what is hit, and the verbs of hitting.
CIVILIAN_TARGETS: frozenset[str] = frozenset({
    "civilians", "civilian", "residential", "homes", "houses", "hospitals", "hospital", "schools",
    "school", "settlements", "villages", "towns", "neighbourhoods", "neighborhoods",
    "population", "infrastructure", "markets", "churches", "mosques", "shelters",
})
TARGETING_VERBS: frozenset[str] = frozenset({
    "target", "attack", "shell", "strike", "bomb", "hit", "fire", "bombard", "shoot",
})
MILITARY_TARGET_WORDS: frozenset[str] = frozenset({"military", "legitimate", "combat", "army"})
# Time phrases that disagree: ("minutes before" vs "long before"/"days before"/"in advance").
TIME_UNITS: tuple[str, ...] = ("seconds", "minutes", "minute", "hour", "hours", "day", "days",
                               "week", "weeks", "month", "months", "year", "years")
# Verbs for laying blame (attribution claims: who did it).
BLAME_VERBS: frozenset[str] = frozenset({"blame", "accuse", "hold", "attribute", "charge"})
# Acts whose perpetrator is disputed.
ACT_NOUNS: frozenset[str] = frozenset({
    "attack", "attacks", "shelling", "strike", "strikes", "explosion", "explosions", "blast",
    "bombing", "massacre", "killing", "killings", "ambush", "raid", "shooting", "assault",
    "mines", "mine", "landmine", "landmines", "sabotage", "provocation", "provocations",
})
