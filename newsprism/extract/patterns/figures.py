"""Word lists for the casualty-figure extractor (data only; the logic is in ``extract/figures.py``).

Every entry is a general English pattern of casualty reporting (wire agencies, state media, live
blogs); nothing here names a particular conflict. Lemmas and surface forms are both listed where
the spaCy lemmatizer is inconsistent ("servicemen" -> "servicemen", "slain" -> "slain").

Vague quantities follow ACLED's reading of vague counts (tens = 10, dozens = 12, hundreds = 100,
thousands = 1000); "several <X>" is read as two X (several hundred = 200), as in the eval scorer.
"""

from __future__ import annotations

# --- numbers -------------------------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "score": 20,
}
# "a dozen", "half a dozen", "a hundred": the article works as "one"
ONE_WORDS = {"a", "an", "one"}

# vague plural quantity nouns -> ACLED-style low reading
VAGUE_NOUNS: dict[str, int] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "millions": 1_000_000,
}
# pre-modifiers of a scale word that make it vague, with the multiplier of the low reading
VAGUE_SCALE_MODIFIERS: dict[str, int] = {
    "several": 2, "a few": 2, "few": 2, "many": 1, "some": 1, "a couple": 2,
}
# vague quantifiers used alone ("some of them were killed", "several were injured")
VAGUE_QUANTIFIERS = {"some", "several", "many", "numerous", "countless"}

# --- qualifiers (the words before a number) ------------------------------------------------------
# longest first when matching; value = contract qualifier
QUALIFIERS: list[tuple[str, str]] = [
    ("at the very least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("not less than", "at_least"), ("at least", "at_least"), ("a minimum of", "at_least"),
    ("more than", "more_than"), ("in excess of", "more_than"), ("upwards of", "more_than"),
    ("upward of", "more_than"), ("just over", "more_than"), ("well over", "more_than"),
    ("over", "more_than"), ("above", "more_than"), ("beyond", "more_than"),
    ("as many as", "up_to"), ("up to", "up_to"), ("at most", "up_to"), ("fewer than", "up_to"),
    ("less than", "up_to"), ("just under", "up_to"), ("under", "up_to"), ("nearly", "up_to"),
    ("almost", "up_to"), ("close to", "up_to"), ("just shy of", "up_to"),
    ("an estimated", "about"), ("estimated", "about"), ("approximately", "about"),
    ("roughly", "about"), ("around", "about"), ("about", "about"), ("some", "about"),
    ("circa", "about"), ("an approximate", "about"), ("approx.", "about"),
]
QUALIFIERS_AFTER: list[tuple[str, str]] = [("or more", "at_least"), ("or so", "about"), ("plus", "more_than")]

# --- metrics -------------------------------------------------------------------------------------
# verbs (lemma or surface, lower case) whose patient is the counted group
KILL_VERBS = {"lose", "lost",
    "kill", "killed", "die", "died", "martyr", "martyred", "perish", "perished", "slay", "slain",
    "murder", "murdered", "massacre", "massacred", "execute", "executed", "behead", "beheaded",
    "succumb", "succumbed", "drown", "drowned", "assassinate", "assassinated", "lynch", "lynched",
    "slaughter", "slaughtered", "shoot dead", "gun down", "neutralise", "eliminate",
}
WOUND_VERBS = {"wound", "wounded", "injure", "injured", "hurt", "maim", "maimed", "hospitalise",
               "hospitalize", "hospitalised", "hospitalized"}
DISPLACE_VERBS = {"displace", "displaced", "flee", "fled", "uproot", "uprooted", "deport", "deported"}
ARRIVAL_VERBS = {"arrive", "arrived", "cross", "crossed", "enter", "entered", "reach", "reached"}
EVACUATE_VERBS = {"evacuate", "evacuated", "relocate", "relocated", "rescue", "rescued"}
DETAIN_VERBS = {"arrest", "arrested", "detain", "detained", "jail", "jailed", "imprison",
                "imprisoned", "abduct", "abducted", "kidnap", "kidnapped", "capture", "captured",
                "apprehend", "apprehended", "intern", "interned", "seize", "seized"}
# being shot is being killed or wounded; the sentence may say which ("shot and injured")
SHOOT_VERBS = {"shoot", "shot"}
MISSING_VERBS = {"disappear", "disappeared", "vanish", "vanished"}

VERB_METRIC: dict[str, str] = {}
for _words, _metric in ((KILL_VERBS, "killed"), (WOUND_VERBS, "wounded"),
                        (DISPLACE_VERBS, "displaced"), (EVACUATE_VERBS, "evacuated"),
                        (DETAIN_VERBS, "detained"), (MISSING_VERBS, "missing")):
    for _w in _words:
        VERB_METRIC[_w] = _metric

# adjectives / participles right after the count or as a complement ("left 12 dead")
ADJ_METRIC: dict[str, str] = {
    "dead": "killed", "killed": "killed", "martyred": "killed", "slain": "killed",
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded",
    "missing": "missing", "unaccounted": "missing",
    "displaced": "displaced", "homeless": "displaced", "uprooted": "displaced",
    "detained": "detained", "arrested": "detained", "captured": "detained", "abducted": "detained",
    "kidnapped": "detained", "jailed": "detained",
    "evacuated": "evacuated", "rescued": "evacuated",
}
# groups whose arrival somewhere is displacement ("3,000 people crossed into X"), unlike troops
# or reporters arriving
MOVING_GROUPS = {"people", "persons", "person", "individuals", "families", "family", "residents",
                 "resident", "civilians", "inhabitants", "villagers", "refugees", "refugee",
                 "migrants", "asylum-seekers", "evacuees", "women", "children", "men", "households",
                 "idps", "displaced", "returnees", "citizens", "nationals", "others"}
# nouns that are themselves the counted casualty ("1,200 deaths", "300 refugees")
NOUN_METRIC: dict[str, str] = {
    "death": "killed", "deaths": "killed", "fatality": "killed", "fatalities": "killed",
    "dead": "killed", "body": "killed", "bodies": "killed", "martyr": "killed", "martyrs": "killed",
    "casualty": "killed_or_wounded", "casualties": "killed_or_wounded",
    "injury": "wounded", "injuries": "wounded", "wounded": "wounded", "injured": "wounded",
    "refugee": "displaced", "refugees": "displaced", "idp": "displaced", "idps": "displaced",
    "evacuee": "evacuated", "evacuees": "evacuated", "asylum-seekers": "displaced",
    "detainee": "detained", "detainees": "detained", "arrests": "detained", "arrest": "detained",
    "hostage": "detained", "hostages": "detained", "captive": "detained", "captives": "detained",
    "prisoner": "detained", "prisoners": "detained", "pows": "detained",
    "missing": "missing", "disappeared": "missing",
}
# event nouns whose "of" object is the counted group: "the detention of 11 people"
EVENT_NOUN_METRIC: dict[str, str] = {
    "death": "killed", "deaths": "killed", "killing": "killed", "killings": "killed", "murder": "killed",
    "murders": "killed", "massacre": "killed", "execution": "killed", "executions": "killed",
    "detention": "detained", "arrest": "detained", "arrests": "detained", "abduction": "detained",
    "abductions": "detained", "kidnapping": "detained", "kidnappings": "detained", "capture": "detained",
    "imprisonment": "detained", "evacuation": "evacuated", "displacement": "displaced",
    "wounding": "wounded", "injuring": "wounded", "disappearance": "missing",
}
# verbs that ask for an event rather than report it ("ordered the arrest of 20 officers")
ORDER_VERBS = {"order", "ordered", "demand", "demanded", "request", "requested", "seek", "sought", "urge",
               "urged", "approve", "approved", "authorise", "authorised", "authorize", "authorized",
               "sanction", "sanctioned", "plan", "planned", "call", "called"}
# modifiers that count people by their wounds ("gunshot-wound patients")
INJURY_STEMS = ("wound", "injur", "gunshot", "bullet-wound", "stab-wound", "shrapnel")
# verbs whose complement gives a toll: "the death toll rose to 40", "the toll is 18"
TOLL_VERBS = {"rise", "rose", "risen", "climb", "climbed", "increase", "increased", "jump", "jumped",
              "reach", "reached", "hit", "stand", "stood", "stands", "grow", "grew", "grown",
              "mount", "mounted", "surge", "surged", "soar", "soared", "top", "topped", "be", "is",
              "was", "are", "were", "exceed", "exceeded", "pass", "passed", "near", "neared"}
# "claimed the lives of N", "N lost their lives"
LIFE_NOUNS = {"life", "lives"}
LIFE_VERBS = {"claim", "claimed", "take", "took", "taken", "cost", "lose", "lost"}
# verbs that force displacement on their object: "forced 5,000 to flee"
FORCE_VERBS = {"force", "forced", "compel", "compelled", "drive", "drove", "driven", "push", "pushed"}
LEAVE_VERBS = {"flee", "leave", "abandon", "evacuate"}
# "send to hospital" etc. are wounded only with these objects
HOSPITAL_WORDS = {"hospital", "hospitals", "hospitalised", "hospitalized"}

# --- who -----------------------------------------------------------------------------------------
# noun (lemma or lower surface) -> who class; multiword keys are matched on "modifier head"
WHO_NOUNS: dict[str, str] = {}
_WHO_LISTS: dict[str, list[str]] = {
    "children": ["child", "children", "kid", "kids", "minor", "minors", "boy", "boys", "girl",
                 "girls", "baby", "babies", "infant", "infants", "toddler", "toddlers", "teenager",
                 "teenagers", "schoolchild", "schoolchildren", "newborn", "newborns",
                 "schoolboy", "schoolboys", "schoolgirl", "schoolgirls", "juvenile", "juveniles",
                 "pupil", "pupils",
                 "youngster", "youngsters"],
    "civilians": ["civilian", "civilians", "resident", "residents", "villager", "villagers",
                  "passenger", "passengers", "patient", "patients", "woman", "women", "worker",
                  "workers", "journalist", "journalists", "reporter", "reporters", "doctor",
                  "doctors", "nurse", "nurses", "medic", "medics", "paramedic", "paramedics",
                  "teacher", "teachers", "farmer", "farmers", "engineer", "engineers", "pilgrim",
                  "pilgrims", "worshipper", "worshippers", "worshiper", "worshipers", "shopper",
                  "shoppers", "student", "students", "shepherd", "shepherds", "herder", "herders",
                  "fisherman", "fishermen", "miner", "miners", "driver", "drivers", "pedestrian",
                  "pedestrians", "volunteer", "volunteers", "evacuee", "evacuees", "family",
                  "families", "mother", "mothers", "elderly", "inhabitant", "inhabitants",
                  "bystander", "bystanders", "vendor", "vendors", "trader", "traders",
                  "merchant", "merchants", "labourer", "labourers", "laborer", "laborers",
                  "employee", "employees", "staff", "staffer", "staffers", "humanitarian",
                  "humanitarians", "non-combatant", "non-combatants", "noncombatant",
                  "noncombatants", "townspeople", "citizen", "citizens"],
    "peacekeepers": ["peacekeeper", "peacekeepers", "blue helmet", "blue helmets"],
    "police": ["police", "policeman", "policemen", "policewoman", "policewomen", "cop", "cops",
               "gendarme", "gendarmes", "constable", "constables", "police officer",
               "police officers", "police personnel", "police agent", "police agents"],
    "military": ["soldier", "soldiers", "serviceman", "servicemen", "servicewoman",
                 "service member", "service members", "servicemember", "servicemembers", "troop",
                 "troops", "conscript", "conscripts", "sailor", "sailors", "airman", "airmen",
                 "marine", "marines", "paratrooper", "paratroopers", "officer", "officers",
                 "reservist", "reservists", "recruit", "recruits", "guardsman", "guardsmen",
                 "border guard", "border guards", "military personnel", "army personnel",
                 "personnel", "commando", "commandos", "pilot", "pilots", "general", "generals",
                 "mobilised", "mobilized", "servicepeople"],
    "combatants": ["fighter", "fighters", "combatant", "combatants", "militant", "militants",
                   "rebel", "rebels", "insurgent", "insurgents", "jihadist", "jihadists", "gunman",
                   "gunmen", "militiaman", "militiamen", "militia", "militias", "separatist",
                   "separatists", "guerrilla", "guerrillas", "guerilla", "guerillas", "terrorist",
                   "terrorists", "attacker", "attackers", "assailant", "assailants", "mercenary",
                   "mercenaries", "paramilitary", "paramilitaries", "extremist", "extremists",
                   "bandit", "bandits", "operative", "operatives", "commander", "commanders"],
    "all": ["people", "person", "persons", "individual", "individuals", "man", "men", "other",
            "others", "human", "humans", "soul", "souls", "victim", "victims", "member",
            "members", "adult", "adults", "migrant", "migrants", "refugee", "refugees", "idp",
            "idps", "protester", "protesters", "protestor", "protestors", "marcher", "marchers",
            "rioter", "rioters", "activist", "activists", "demonstrator",
            "demonstrators", "prisoner", "prisoners", "detainee", "detainees", "hostage",
            "hostages", "suspect", "suspects", "perpetrator", "perpetrators", "survivor",
            "survivors", "national", "nationals", "compatriot", "compatriots", "countryman",
            "countrymen", "local", "locals", "youth", "youths", "relative", "relatives",
            "dead", "wounded", "injured", "casualty", "casualties", "death", "deaths", "fatality",
            "fatalities", "body", "bodies", "martyr", "martyrs", "captive", "captives",
            "evacuee_all", "worker_all", "asylum-seekers", "life", "lives", "injury",
            "injuries", "pow", "pows", "missing", "comrade", "comrades", "colleague",
            "colleagues", "brother", "brothers", "son", "sons", "daughter", "daughters",
            "relative", "relatives", "neighbour", "neighbours", "neighbor", "neighbors",
            "friend", "friends", "father", "fathers", "husband", "husbands", "wife", "wives",
            "sister", "sisters", "parent", "parents", "mourner", "mourners", "guest", "guests",
            "crew", "crewmember", "crewmembers", "crew members", "prisoners of war"],
}
for _cls, _nouns in _WHO_LISTS.items():
    for _n in _nouns:
        WHO_NOUNS.setdefault(_n, _cls)
# adjectives / compound modifiers that set the who of a generic noun ("civilian casualties")
WHO_MODIFIERS: dict[str, str] = {
    "civilian": "civilians", "civilians": "civilians", "child": "children", "children": "children",
    "military": "military", "army": "military", "soldier": "military", "troop": "military",
    "security": "military", "police": "police", "peacekeeping": "peacekeepers",
    "peacekeeper": "peacekeepers", "rebel": "combatants", "militant": "combatants",
    "insurgent": "combatants", "militia": "combatants", "separatist": "combatants",
    "jihadist": "combatants", "armed": "combatants",
}
# nouns that make an "officers" / "personnel" / "members" group police or military
SERVICE_OF: dict[str, str] = {
    "police": "police", "army": "military", "armed forces": "military", "military": "military",
    "navy": "military", "air force": "military", "forces": "military", "security": "military",
    "militia": "combatants", "group": "combatants", "rebels": "combatants",
}
# modifiers that make a casualty noun not about people ("animal deaths")
NON_HUMAN_MODIFIERS = {"animal", "livestock", "cattle", "bird", "dog", "horse", "fish", "sheep", "goat",
                       "camel", "wildlife", "pet", "poultry", "crop", "tree", "bee", "whale", "dolphin"}
# suffixes of demonyms / group nouns that denote people ("Sudanese", "Palestinians")
PERSON_SUFFIXES = ("ians", "ans", "ese", "ites", "is", "ers", "ists", "men", "ees")

# counted nouns that are never people (guards against "60 positions", "400 nuclear warheads")
NON_PERSON_NOUNS = {
    "position", "positions", "village", "villages", "town", "towns", "warhead", "warheads",
    "km", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
    "metres", "meter", "meters", "year", "years", "month", "months", "week", "weeks", "day",
    "days", "hour", "hours", "minute", "minutes", "second", "seconds", "percent", "per",
    "dollar", "dollars", "euro", "euros", "tonne", "tonnes", "ton", "tons", "home", "homes",
    "house", "houses", "building", "buildings", "vehicle", "vehicles", "tank", "tanks",
    "rocket", "rockets", "missile", "missiles", "drone", "drones", "shell", "shells", "round",
    "rounds", "state", "states", "country", "countries", "point", "points", "goal", "goals",
    "time", "times", "decade", "decades", "century", "centuries", "square", "hectare",
    "hectares", "acre", "acres", "truck", "trucks", "aircraft", "plane", "planes", "jet", "jets",
    "helicopter", "helicopters", "weapon", "weapons", "bomb", "bombs", "mine", "mines",
    "site", "sites", "target", "targets", "attack", "attacks", "strike", "strikes", "camp",
    "camps", "school", "schools", "hospital", "hospitals", "kilogram", "kilograms", "kg",
    "litre", "litres", "liter", "liters", "gallon", "gallons", "barrel", "barrels", "ship",
    "ships", "boat", "boats", "bed", "beds", "meal", "meals", "package", "packages", "tent",
    "tents", "district", "districts", "region", "regions", "province", "provinces", "city",
    "cities", "settlement", "settlements", "heights", "outpost", "outposts", "checkpoint",
    "checkpoints", "border", "borders", "crossing", "crossings", "sanction", "sanctions",
    "session", "sessions", "meeting", "meetings", "round", "article", "articles", "resolution",
    "resolutions", "incident", "incidents", "violation", "violations", "case", "cases",
}

# --- attribution, hedges, interim ----------------------------------------------------------------
REPORTING_VERBS = {
    "say", "said", "says", "tell", "told", "report", "reported", "announce", "announced", "state",
    "stated", "claim", "claimed", "cite", "cited", "add", "added", "confirm", "confirmed",
    "estimate", "estimated", "put", "inform", "informs", "informed", "write", "wrote", "declare",
    "declared", "note", "noted", "allege", "alleged", "publish", "published", "release",
    "released", "post", "posted", "tweet", "tweeted", "indicate", "indicated", "record",
    "recorded", "document", "documented", "count", "counted", "register", "registered",
    "quote", "quoted", "acknowledge", "acknowledged", "admit", "admitted", "insist", "insisted",
    "assert", "asserted", "maintain", "maintained", "show", "showed", "shown", "give", "gave",
    "specify", "specified", "disclose", "disclosed", "reveal", "revealed", "update", "updated",
    "warn", "warned", "explain", "explained", "mention", "mentioned", "describe", "described",
    "accuse", "accused", "blame", "blamed", "verify", "verified", "witness", "witnessed",
}
# reporting verbs whose grammatical subject is not the source when passive ("is said to")
HEARSAY_PASSIVES = {"say", "said", "report", "reported", "believe", "believed", "think",
                    "thought", "fear", "feared", "understand", "understood", "estimate",
                    "estimated", "know", "known", "presume", "presumed", "rumour", "rumoured",
                    "rumor", "rumored", "allege", "alleged", "suspect", "suspected", "claim",
                    "claimed", "expect", "expected"}
# reporting nouns that name a source by themselves ("a statement", "the figures")
SOURCE_DOC_NOUNS = {"statement", "figures", "figure", "data", "toll", "report", "tally",
                    "count", "numbers", "estimate", "estimates", "update", "bulletin",
                    "communique", "communiqué", "release", "post", "readout"}
# nouns whose content clause is a report ("reports that 100 civilians had been killed")
REPORT_NOUNS = {"report", "reports", "claim", "claims", "allegation", "allegations", "account", "accounts",
                "rumour", "rumours", "rumor", "rumors", "assertion", "assertions", "testimony", "testimonies"}
# happenings, which can "record" or "leave" deaths but are never the source of a count
EVENT_SUBJECTS = {"protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "riot", "riots",
                  "unrest", "violence", "attack", "attacks", "clash", "clashes", "fighting", "war", "conflict",
                  "operation", "offensive", "strike", "strikes", "raid", "raids", "shelling", "bombing",
                  "explosion", "blast", "shooting", "massacre", "ambush", "assault", "incident", "crackdown",
                  "siege", "battle", "uprising", "insurgency", "campaign", "invasion", "flood", "floods",
                  "earthquake", "storm", "fire", "day", "week", "weekend", "month", "year"}
# "Y reported, citing X": X is the originating source
CHAIN_VERBS = {"citing", "quoting"}
HEDGE_ADVERBS: dict[str, str] = {
    "reportedly": "reportedly", "allegedly": "alleged", "purportedly": "alleged",
    "supposedly": "alleged", "apparently": "reportedly", "presumably": "estimate",
    "unconfirmed": "unconfirmed", "unverified": "unconfirmed", "alleged": "alleged",
    "estimated": "estimate", "purported": "alleged",
}
HEDGE_VERB: dict[str, str] = {
    "claim": "claimed", "claimed": "claimed", "allege": "alleged", "alleged": "alleged",
    "estimate": "estimate", "estimated": "estimate", "believe": "estimate",
    "believed": "estimate", "fear": "estimate", "feared": "estimate", "think": "estimate",
    "thought": "estimate", "presume": "estimate", "presumed": "estimate",
}
UNCONFIRMED_PHRASES = ("could not be independently verified", "could not be verified",
                       "could not independently verify", "could not immediately verify",
                       "was unable to verify", "were unable to verify", "has not been verified",
                       "have not been verified", "cannot be verified", "could not confirm",
                       "could not be confirmed", "has not been confirmed", "unconfirmed",
                       "not independently verified", "not been independently verified")
UNNAMED_SOURCE = "unnamed source"
# sources that name nobody when they stand alone ("officials said", "reports indicated")
BARE_UNNAMED = {"official", "officials", "source", "sources", "report", "reports", "one official",
                "an official", "a source", "some officials", "other officials", "several officials"}
INTERIM_PHRASES = ("so far", "thus far", "as yet", "and rising", "and counting", "still rising",
                   "expected to rise", "likely to rise", "could rise", "may rise", "set to rise",
                   "feared to rise", "preliminary", "initial toll", "initial count",
                   "initial figures", "at this stage", "for now", "provisional", "so far this",
                   "as of now", "to date", "climbing")
INTERIM_VERBS = {"rise", "rose", "risen", "climb", "climbed", "increase", "increased", "jump",
                 "jumped", "mount", "mounted", "grow", "grew", "grown", "surge", "surged",
                 "soar", "soared"}

# --- non-events ----------------------------------------------------------------------------------
DENIAL_VERBS = {"deny", "denied", "denies", "dismiss", "dismissed", "refute", "refuted", "reject",
                "rejected", "dispute", "disputed"}
MODAL_AUX = {"will", "would", "could", "may", "might", "should", "can", "shall", "must", "'ll"}
# verbs whose complement has not happened ("plan to evacuate", "attempting to flee")
INTENT_VERBS = {"plan", "planned", "attempt", "attempting", "try", "trying", "tried", "seek",
                "want", "intend", "hope", "aim", "prepare", "threaten", "vow", "pledge",
                "promise", "propose", "decide", "expect", "need", "wish", "offer", "agree",
                "refuse", "prevent", "avoid", "risk", "face", "urge", "call", "demand", "ask"}
AGE_WORDS = {"aged", "age", "ages", "year-old", "years-old"}

# --- cause: natural hazards are not conflict casualties -------------------------------------------
HAZARD_NOUNS = {"flood", "floods", "flooding", "floodwater", "floodwaters", "rain", "rains", "rainfall",
                "downpour", "downpours", "storm", "storms", "cyclone", "hurricane", "typhoon", "tornado",
                "earthquake", "quake", "tremor", "aftershock", "landslide", "landslides", "mudslide",
                "mudslides", "landslip", "tsunami", "avalanche", "eruption", "wildfire", "wildfires",
                "bushfire", "heatwave", "drought", "lightning", "blizzard", "monsoon"}
# any of these in the sentence makes a count a conflict count even beside a hazard word
VIOLENCE_CUES = {"attack", "attacker", "gunman", "gunmen", "gunfire", "militant", "soldier", "troop", "troops",
                 "police", "army", "rebel", "militia", "terrorist", "bomb", "bombing", "airstrike", "strike",
                 "shelling", "shell", "missile", "drone", "rocket", "fighting", "clash", "clashes", "war",
                 "raid", "ambush", "massacre", "shoot", "shot", "shooting", "protest", "protester", "riot",
                 "offensive", "assault", "insurgent", "paramilitary", "violence", "conflict", "hostilities",
                 "explosion", "blast", "mine", "landmine", "siege", "security", "force", "forces"}

# --- scope signal --------------------------------------------------------------------------------
INCIDENT_TRIGGERS: dict[str, str] = {
    "landmine": "explosion", "mine": "explosion", "mines": "explosion", "explosion": "explosion",
    "explosions": "explosion", "blast": "explosion", "blasts": "explosion", "ied": "explosion",
    "bomb": "explosion", "bombing": "explosion", "car bomb": "explosion", "suicide": "explosion",
    "airstrike": "strike", "air strike": "strike", "strike": "strike", "drone": "strike",
    "missile": "strike", "raid": "strike", "shelling": "shelling", "rocket": "shelling",
    "mortar": "shelling", "ambush": "ambush", "massacre": "massacre", "shooting": "shooting",
    "stampede": "incident", "crash": "incident",
}
CAMPAIGN_TRIGGERS = {"operation", "offensive", "campaign", "war", "conflict", "fighting",
                     "hostilities", "assault", "escalation", "invasion", "siege", "crisis",
                     "clashes", "attacks", "aggression"}
CUMULATIVE_CUES = ("since the start", "since the beginning", "since the outbreak", "in total",
                   "so far", "to date", "altogether", "overall", "in all")
