"""Word lists for event extraction (data only; the logic lives in ``extract/events.py``).

Every list here is general English news vocabulary about political violence, diplomacy and
protest; nothing is specific to one conflict. Lemmas are spaCy ``en_core_web_md`` lemmas
(lower-case).

Layout
------
- ``PLOVER_TYPES`` / ``PLOVER_MODES``: the 16 PLOVER v2.0 event types and their modes, plus a few
  *qualifier* modes newsprism adds so the PLOVER -> ACLED mapping can be made from the modes alone
  (``QUALIFIER_MODES``: territory, weapons, property, grenade, base, agreement, intervention).
- ``VERB_TRIGGERS``: verb lemma (or ``"lemma particle"`` for phrasal verbs) -> a rule. A rule is a
  list of ``(objects, plover_type, modes)`` tried in order; ``objects`` is a frozenset of object
  lemmas that must head the verb's object (or passive subject), ``None`` matches anything (the
  default) and ``NO_OBJECT`` matches only a verb without an object.
- ``NOUN_TRIGGERS``: event noun lemma -> ``(plover_type, modes, required_modifiers)``; when
  ``required_modifiers`` is not ``None`` the noun is an event only if one of those words occurs in
  its left modifiers ("military operation", "air strike").
- ``LIGHT_VERBS`` / ``OCCURRENCE_VERBS``: verbs that carry an event noun ("launched an attack",
  "fighting broke out"): the noun is the event, the verb gives its subject, tense and polarity.
- ``REPORTING_VERBS``: frames that give no event of their own ("X said that ...").
- Modality cues: ``FUTURE_AUX``, ``HYPOTHETICAL_AUX``, ``INTENT_GOVERNORS``, ``REQUEST_GOVERNORS``,
  ``NEGATING_GOVERNORS``, ``PLANNED_ADJ``, ``CONDITIONAL_MARKS``.
- ``WEAPON_MODES``: weapon / means words -> ASSAULT mode.
- ``ACTOR_KIND_WORDS``: head words -> ACLED actor kind (state|rebel|militia|...).
- ``PLOVER_TO_ACLED`` rules are data too (``ACLED_*`` tables) and ``ACLED_INTER_CODES``.
"""

from __future__ import annotations

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}
# newsprism qualifiers, carried in plover_mode next to the PLOVER modes (see module docstring)
QUALIFIER_MODES: frozenset[str] = frozenset(
    {"territory", "weapons", "property", "grenade", "base", "agreement", "intervention", "humanitarian",
     "military", "asylum",
     # context read off the sentence for the ACLED sub-type (events._context_qualifiers):
     "excessive",  # lethal or violent force against a demonstration
     "mob",  # the attacker is a mob / crowd (lynching): Riots / Mob violence
     "civilian-target",  # the target is a civilian person or place (school, market, village, ...)
     "military-target",  # the target is a military position, base, convoy or patrol
     "two-sided",  # a clash, battle or exchange of fire: both sides fight
     "surrender",  # a surrender (ACLED codes it as an agreement)
     "handover",  # territory handed over / entered without fighting
     "fighting",  # territory taken in fighting (an assault in the same sentence)
     "mutual",  # a reached agreement between two or more parties
     "generic",  # a situation noun ("the war", "violence"): no codable happening of its own
     "takeover"}  # a withdrawal told with the other side's takeover: coded on the taker's mention
)

NO_OBJECT = frozenset({"<none>"})
# heads whose "of"-complement is the real object ("a cache of weapons", "dozens of IEDs")
QUANTITY_HEADS: frozenset[str] = frozenset({
    "lot", "amount", "quantity", "number", "total", "cache", "stash", "stockpile", "haul", "batch",
    "consignment", "shipment", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "pile",
    "box", "crate", "bag", "package", "variety", "range", "kind", "type", "set", "swathe", "swath", "part",
    "parts", "portion", "series", "string", "couple", "pair", "some", "all", "most", "state",
})

# PLOVER auxiliary modes (CODEBOOKS: historical, future, hypothetical, negation): a mention that did not
# (yet) happen keeps its type but carries the mode; no ACLED sub-type is given to it
AUX_MODES: frozenset[str] = frozenset({"hypothetical", "negation"})
# the qualifiers read off a mention's sentence rather than its own words (events._context_qualifiers)
CONTEXT_MODES: frozenset[str] = frozenset({
    "excessive", "mob", "civilian-target", "military-target", "two-sided", "surrender", "handover", "fighting",
    "mutual", "generic", "takeover", "intervention",
})

# --- object classes used by conditional verb rules -------------------------------------------
TROOPS = frozenset({
    "troop", "force", "soldier", "unit", "army", "serviceman", "servicemen", "contingent", "battalion",
    "brigade", "division", "fighter", "militant", "militia", "reservist", "reinforcement", "personnel",
    "forces", "tank", "warship", "police", "policeman", "peacekeeper", "marine", "paratrooper",
})
TERRITORY = frozenset({
    "town", "city", "village", "territory", "area", "region", "position", "height", "hill", "base",
    "airport", "airbase", "outpost", "checkpoint", "district", "province", "enclave", "settlement",
    "junction", "bridge", "port", "capital", "stronghold", "trench", "line", "frontline", "ground",
    "land", "neighbourhood", "neighborhood", "suburb", "camp", "crossing", "border", "zone", "valley",
    "island", "headquarters", "garrison", "fort", "summit", "ridge", "road", "highway", "corridor",
    "hamlet", "locality", "municipality", "control",
})
WEAPONS = frozenset({
    "weapon", "arm", "arms", "ammunition", "munition", "rocket", "missile", "shell", "mine", "landmine",
    "explosive", "artillery", "equipment", "gun", "rifle", "drone", "grenade", "cache", "arsenal",
    "mortar", "tank", "launcher", "bomb", "pistol", "firearm", "bullet", "cartridge", "ied", "vbied",
    "detonator", "rpg", "weaponry", "stash", "machine-gun", "machinegun", "kalashnikov", "stockpile", "torpedo",
})
# military places: an attack on them is a fight with the force that holds them
MILITARY_TARGETS: frozenset[str] = frozenset({
    "base", "checkpoint", "outpost", "post", "position", "barracks", "garrison", "convoy", "patrol",
    "camp", "trench", "fort", "airbase", "headquarters", "unit", "troop", "soldier", "force", "army",
    "police", "policeman", "officer", "guard", "station", "brigade", "battalion", "military", "positions",
})
# civilian people and places: an attack on them is violence against civilians
CIVILIAN_TARGETS: frozenset[str] = frozenset({
    "village", "community", "market", "marketplace", "school", "university", "college", "campus",
    "hospital", "clinic", "mosque", "church", "temple", "shrine", "synagogue", "hotel", "restaurant",
    "cafe", "bar", "nightclub", "bus", "passenger", "worshipper", "pilgrim", "doctor", "nurse", "teacher",
    "student", "pupil", "shop", "store", "home", "house", "residence", "wedding", "funeral", "farmer",
    "herder", "trader", "journalist", "villager", "resident", "civilian", "woman", "child", "family",
    "people", "person", "man", "worker", "driver", "motorist", "traveller", "traveler", "mourner",
    "dormitory", "classroom", "centre", "center", "concert", "festival", "crowd", "settlement", "hamlet",
    "neighbourhood", "neighborhood", "household", "plane", "aircraft", "boat", "ship", "vehicle", "car",
    "blogger", "activist", "priest", "imam", "pastor", "elder", "chief", "politician", "candidate",
    "lawmaker", "official", "businessman", "girl", "boy", "baby", "infant", "inhabitant", "victim",
    "refugee", "migrant", "displaced", "camp_idp",
})
# causes that are no act of violence: a death they cause is no ASSAULT (disasters, accidents)
DISASTER_WORDS: frozenset[str] = frozenset({
    "earthquake", "quake", "tremor", "aftershock", "tsunami", "flood", "flooding", "storm", "cyclone",
    "hurricane", "typhoon", "tornado", "landslide", "mudslide", "avalanche", "volcano", "eruption",
    "wildfire", "bushfire", "lightning", "heatwave", "drought", "snow", "snowfall", "rain", "rainfall",
    "crash", "collision", "accident", "derailment", "capsize", "capsizing", "collapse", "leak",
    "leakage", "spill", "outbreak", "epidemic", "pandemic", "disease", "virus", "covid-19", "cholera",
    "fire", "blaze", "inferno", "stampede", "poisoning", "overdose", "electrocution", "drowning",
})
# things whose explosion is an accident, not a bomb
ACCIDENT_EXPLODERS: frozenset[str] = frozenset({
    "tank", "boiler", "cylinder", "container", "gas", "pipeline", "pipe", "furnace", "transformer",
    "reactor", "plant", "factory", "warehouse", "fuel", "oil", "chemical", "firework", "fireworks",
    "refinery", "tanker", "truck", "lorry", "battery", "generator", "kiln", "silo", "mine_coal", "drum",
    "heater", "stove", "cooker", "pressure", "dust", "methane", "propane", "butane", "fertilizer",
    "fertiliser", "petrol", "diesel", "engine", "oxygen", "substation", "depot_fuel",
})
PEOPLE = frozenset({
    "people", "person", "civilian", "resident", "villager", "family", "child", "woman", "man",
    "refugee", "prisoner", "detainee", "hostage", "captive", "soldier", "journalist", "activist",
    "worker", "student", "protester", "demonstrator", "suspect", "member", "leader", "official",
    "opponent", "dissident", "citizen", "national", "migrant", "population", "individual",
})
CAPTIVES = frozenset({"prisoner", "hostage", "detainee", "captive", "pow", "prisoners", "hostages"})
# the people of an armed group a force captures (ACLED: their capture is an arrest, no ground taken)
WANTED_PEOPLE = frozenset({
    "commander", "chief", "kingpin", "ringleader", "emir", "operative", "financier", "lieutenant", "bomber",
    "gunman", "terrorist", "insurgent", "rebel", "jihadist", "spokesman", "mastermind", "recruiter",
})
AID_OBJECTS = frozenset({
    "aid", "assistance", "food", "supply", "medicine", "water", "fuel", "shelter", "relief", "help",
    "grant", "loan", "money", "fund", "funding", "dollar", "euro", "tent", "blanket", "convoy",
    "support", "package", "vaccine", "flour", "grain", "ration", "asylum", "intelligence", "photograph",
    "ton", "tonne", "cash",
})
ACCESS_OBJECTS = frozenset({
    "border", "corridor", "crossing", "road", "route", "bridge", "airport", "port", "airspace", "gate",
    "checkpoint", "passage", "access", "highway", "entry", "way",
})
RESTRICTION_OBJECTS = frozenset({
    "blockade", "siege", "closure", "restriction", "curfew", "ban", "emergency", "sanction", "embargo",
    "martial",
})
HOSTILITIES = frozenset({
    "operation", "attack", "offensive", "hostility", "fighting", "fire", "bombardment", "shelling",
    "strike", "airstrike", "action", "campaign", "assault", "activity", "measure", "war", "aggression",
    "violence", "bloodshed", "advance", "incursion", "raid", "bombing", "killing", "escalation",
})
DIPLOMATS = frozenset({
    "diplomat", "ambassador", "envoy", "attache", "inspector", "monitor", "observer", "consul",
    "staff", "mission", "embassy", "representative",
})
RELATIONS = frozenset({
    "tie", "relation", "link", "contact", "cooperation", "talk", "negotiation", "dialogue", "aid",
    "assistance", "flight", "trade", "delivery", "program", "programme", "funding", "membership",
    "participation", "agreement", "treaty", "deal", "export", "import",
})

# --- verb triggers ---------------------------------------------------------------------------
_A = "ASSAULT"

# agents that are weapons when used, dropped or fired ("used chlorine", "dropped barrels of toxic gas")
WEAPON_AGENTS: frozenset[str] = frozenset({
    "gas", "chlorine", "sarin", "mustard", "agent", "teargas", "cannon", "grenade", "drone", "aircraft",
    "warplane", "jet", "helicopter", "weapon", "napalm", "phosphorus", "poison", "container", "canister",
    "barrel", "projectile", "munition", "bullet", "round", "spray",
})
# bases and posts a force sets up (ACLED: Headquarters or base established)
BASES: frozenset[str] = frozenset({
    "base", "headquarters", "camp", "outpost", "post", "point", "barracks", "garrison", "position",
    "station", "airbase", "airfield", "stronghold", "foothold", "office",
})
# armed formations a group creates or joins (ACLED: Change to group/activity)
FORMATIONS: frozenset[str] = frozenset({
    "group", "unit", "brigade", "battalion", "militia", "force", "wing", "organisation", "organization",
    "entity", "faction", "alliance", "coalition", "front", "division", "regiment", "squad", "army",
})
# people and gatherings that make a crowd a demonstration
PROTEST_WORDS: frozenset[str] = frozenset({
    "protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "march", "marcher",
    "sit-in", "vigil", "picket", "protesting", "demonstrate", "rallying", "die-in", "walkout",
})

_FIGHTERS = frozenset({"rebel", "militant", "insurgent", "terrorist", "fighter", "jihadist", "militia", "militiaman",
                       "gunman", "gunmen", "extremist", "separatist", "enemy", "force", "troop", "soldier", "army"})

VERB_TRIGGERS: dict[str, list[tuple[frozenset[str] | None, str, tuple[str, ...]]]] = {
    # ASSAULT
    "attack": [(None, _A, ())],
    "use": [(frozenset({"force"}) | WEAPONS | WEAPON_AGENTS, _A, ())],
    "drop": [(WEAPONS | WEAPON_AGENTS - frozenset({"drone", "aircraft", "warplane", "jet", "helicopter"}), _A, ("aerial",))],
    "unleash": [(WEAPONS | WEAPON_AGENTS, _A, ())],
    "set off": [(WEAPONS | frozenset({"explosive", "device", "bomb", "charge"}), _A, ("explosives",))],
    "lynch": [(None, _A, ("beat", "mob"))],
    "pelt": [(None, _A, ("primitive",))],
    "stone": [(PEOPLE | TROOPS | frozenset({"vehicle", "car", "bus", "convoy", "police"}), _A, ("primitive",))],
    "vandalize": [(None, _A, ("destroy",))],
    "vandalise": [(None, _A, ("destroy",))],
    "ransack": [(None, _A, ("destroy",))],
    "smash": [(frozenset({"window", "shop", "store", "car", "vehicle", "door", "office", "property"}), _A, ("destroy",))],
    "suppress": [(PEOPLE | frozenset({"protest", "rally", "demonstration", "march", "gathering", "sit-in", "crowd", "uprising"}), _A, ("crowd-control",))],
    "break up": [(PEOPLE | frozenset({"protest", "rally", "demonstration", "march", "gathering", "sit-in", "crowd"}), _A, ("crowd-control",))],
    "quell": [(PEOPLE | frozenset({"protest", "rally", "demonstration", "march", "gathering", "crowd", "unrest", "riot"}), _A, ("crowd-control",))],
    "dispel": [(PEOPLE | frozenset({"protest", "rally", "demonstration", "march", "gathering", "crowd"}), _A, ("crowd-control",))],
    "eliminate": [(PEOPLE | TROOPS | frozenset({"terrorist", "militant", "insurgent", "rebel", "gathering", "cell", "commander"}), _A, ())],
    # fighters driven from ground ("drove the rebels back", "were pushed back from their strongholds");
    # a date or a plan pushed back is none
    "drive back": [(TROOPS | _FIGHTERS, _A, ("seize", "territory"))],
    "push back": [(TROOPS | _FIGHTERS, _A, ("seize", "territory"))],
    "drive out": [(TROOPS | _FIGHTERS, _A, ("seize", "territory"))],
    "push out": [(TROOPS | _FIGHTERS, _A, ("seize", "territory"))],
    # weapons found, defused or seized: ACLED Disrupted weapons use
    "find": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "discover": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "uncover": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "unearth": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "defuse": [(None, "COERCE", ("seize", "weapons"))],
    "dismantle": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "neutralize": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "neutralise": [(WEAPONS, "COERCE", ("seize", "weapons"))],
    "intercept": [(WEAPONS | frozenset({"package", "parcel", "shipment"}), "COERCE", ("seize", "weapons"))],
    "recover": [(frozenset({"control"}) | TERRITORY, "COERCE", ("seize", "territory")), (WEAPONS, "COERCE", ("seize", "weapons"))],
    "launch": [(WEAPONS - frozenset({"equipment", "weapon", "arm", "arms"}), _A, ())],
    "throw": [(WEAPONS | frozenset({"stone", "rock", "molotov", "cocktail", "petrol"}), _A, ())],
    "hurl": [(WEAPONS | frozenset({"stone", "rock", "molotov", "cocktail", "petrol"}), _A, ())],
    "lob": [(WEAPONS, _A, ())],
    "plant": [(frozenset({"mine", "landmine", "bomb", "explosive", "device", "ied"}), _A, ("explosives",))],
    "assault": [(None, _A, ())],
    "shell": [(None, _A, ("heavy-weapons",))],
    "bombard": [(None, _A, ("heavy-weapons",))],
    "pound": [(TERRITORY | TROOPS | PEOPLE | frozenset({"position", "target"}), _A, ("heavy-weapons",))],
    "bomb": [(None, _A, ("aerial",))],
    "strafe": [(None, _A, ("aerial",))],
    "strike": [(None, _A, ())],
    "raid": [(None, _A, ())],
    "storm": [(frozenset({"town", "city", "village", "district", "capital", "territory", "area", "region", "stronghold",
                          "province", "locality", "settlement", "hamlet"}), _A, ("seize", "territory")), (None, _A, ())],
    "ambush": [(None, _A, ())],
    "kill": [(None, _A, ())],
    "murder": [(None, _A, ())],
    "massacre": [(None, _A, ())],
    "slaughter": [(None, _A, ())],
    "shoot": [(None, _A, ("firearms",))],
    "shoot down": [(None, _A, ())],
    "gun down": [(None, _A, ("firearms",))],
    "snipe": [(None, _A, ("firearms",))],
    "fire": [(NO_OBJECT | WEAPONS | frozenset({"shot", "round", "salvo", "volley", "bullet", "shell"}), _A, ()),
             (frozenset({"gas", "teargas", "canister", "cannon", "spray"}), _A, ("crowd-control",))],
    "disperse": [(PEOPLE | frozenset({"crowd", "protest", "rally", "demonstration", "gathering", "sit-in"}), _A, ("crowd-control",))],
    "wound": [(None, _A, ())],
    "injure": [(None, _A, ())],
    "maim": [(None, _A, ())],
    "stab": [(None, _A, ("primitive",))],
    "hack to death": [(None, _A, ("primitive",))],
    "behead": [(None, _A, ("targeted",))],
    "execute": [(PEOPLE | CAPTIVES | frozenset({"soldier", "fighter", "them", "him", "her"}), _A, ("targeted",))],
    "assassinate": [(None, _A, ("targeted",))],
    "torture": [(None, _A, ("torture",))],
    "beat": [(PEOPLE | CAPTIVES | NO_OBJECT, _A, ("beat",))],
    "beat up": [(None, _A, ("beat",))],
    "rape": [(None, _A, ("sexual",))],
    "abduct": [(None, _A, ("abduct",))],
    "kidnap": [(None, _A, ("abduct",))],
    "hijack": [(None, _A, ("abduct",))],
    "burn": [(TERRITORY | frozenset({"house", "home", "building", "property", "shop", "church", "mosque", "school", "crop", "vehicle"}), _A, ("destroy",))],
    "torch": [(None, _A, ("destroy",))],
    "raze": [(None, _A, ("destroy",))],
    "demolish": [(None, _A, ("destroy",))],
    "destroy": [(None, _A, ("destroy",))],
    "blow up": [(None, _A, ("explosives", "destroy"))],
    "detonate": [(None, _A, ("explosives",))],
    "activate": [(WEAPONS | frozenset({"device", "vest", "belt", "charge"}), _A, ("explosives",))],
    "explode": [(None, _A, ("explosives",))],
    "target": [(None, _A, ())],
    "invade": [(None, _A, ())],
    "overrun": [(None, _A, ("seize", "territory"))],
    "capture": [(TERRITORY, _A, ("seize", "territory")), (PEOPLE | TROOPS | CAPTIVES | WANTED_PEOPLE, "COERCE", ("arrest",)),
                (WEAPONS, "COERCE", ("seize", "weapons")), (None, _A, ("seize", "territory"))],
    "recapture": [(None, _A, ("seize", "territory"))],
    "retake": [(None, _A, ("seize", "territory"))],
    "liberate": [(None, _A, ("seize", "territory"))],
    "take": [(TERRITORY - frozenset({"control"}), _A, ("seize", "territory")), (frozenset({"hostage", "captive"}), _A, ("abduct",)),
             (frozenset({"custody"}), "COERCE", ("arrest",))],
    "take over": [(None, "COERCE", ("seize", "territory"))],
    "penetrate": [(TERRITORY | frozenset({"outpost", "defence", "defense"}), _A, ("seize", "territory"))],
    "clash": [(None, _A, ())],
    "fight": [(None, _A, ())],
    "battle": [(None, _A, ())],
    "skirmish": [(None, _A, ())],
    "repel": [(None, _A, ())],
    "repulse": [(None, _A, ())],
    "counterattack": [(None, _A, ())],
    "hit": [(WEAPONS | frozenset({"mine", "landmine", "ied", "device"}), _A, ("explosives",)),
            (TERRITORY | TROOPS | PEOPLE | frozenset({"target", "position", "vehicle", "convoy", "building", "facility", "infrastructure", "plant", "depot", "hospital", "school", "house", "home"}), _A, ())],
    "violate": [(frozenset({"ceasefire", "truce", "armistice"}), _A, ()), (None, "REJECT", ())],
    "loot": [(None, "COERCE", ("seize", "property"))],
    "plunder": [(None, "COERCE", ("seize", "property"))],
    "pillage": [(None, "COERCE", ("seize", "property"))],
    # COERCE
    "arrest": [(None, "COERCE", ("arrest",))],
    "detain": [(None, "COERCE", ("arrest",))],
    "apprehend": [(None, "COERCE", ("arrest",))],
    "round up": [(None, "COERCE", ("arrest",))],
    "imprison": [(None, "COERCE", ("arrest",))],
    "jail": [(None, "COERCE", ("arrest",))],
    "hold": [(CAPTIVES | frozenset({"shield"}), "COERCE", ("arrest",))],
    "deport": [(None, "COERCE", ("deport",))],
    "expel": [(DIPLOMATS, "SANCTION", ("expel",)), (None, "COERCE", ("deport",))],
    "displace": [(None, "COERCE", ("deport",))],
    "flee": [(None, "COERCE", ("deport",))],  # only with displaced people as subject (events._displacement_rule)
    "arrive": [(None, "COERCE", ("deport",))],
    "pour": [(None, "COERCE", ("deport",))],
    "escape": [(None, "COERCE", ("deport",))],
    "cross": [(None, "COERCE", ("deport",))],
    "evict": [(None, "COERCE", ("deport",))],
    "force out": [(None, "COERCE", ("deport",))],
    "drive out": [(None, "COERCE", ("deport",))],
    "blockade": [(None, "COERCE", ("restrict",))],
    "besiege": [(None, "COERCE", ("restrict",))],
    "encircle": [(None, "COERCE", ("restrict",))],
    "block": [(ACCESS_OBJECTS | AID_OBJECTS | frozenset({"delivery", "shipment", "import", "export", "movement", "evacuation", "transport", "traffic", "street", "entrance", "exit"}), "COERCE", ("restrict",))],
    "close": [(ACCESS_OBJECTS - frozenset({"access", "way"}), "COERCE", ("restrict",))],
    "shut": [(ACCESS_OBJECTS - frozenset({"access", "way"}), "COERCE", ("restrict",))],
    "cut off": [(None, "COERCE", ("restrict",))],
    "prevent": [(AID_OBJECTS | frozenset({"import", "delivery", "entry", "movement", "evacuation", "access"}), "COERCE", ("restrict",))],
    "restrict": [(None, "COERCE", ("restrict",))],
    "censor": [(None, "COERCE", ("censor",))],
    "confiscate": [(WEAPONS, "COERCE", ("seize", "weapons")), (None, "COERCE", ("seize", "property"))],
    "seize": [(WEAPONS, "COERCE", ("seize", "weapons")), (TERRITORY, "COERCE", ("seize", "territory")),
              (None, "COERCE", ("seize", "property"))],
    "occupy": [(None, "COERCE", ("seize", "territory"))],
    "annex": [(None, "COERCE", ("seize", "territory"))],
    "regain": [(frozenset({"control"}) | TERRITORY, "COERCE", ("seize", "territory"))],
    "gain": [(frozenset({"control"}), "COERCE", ("seize", "territory"))],
    "hack": [(None, "COERCE", ("cyber",))],
    "disarm": [(NO_OBJECT, "RETREAT", ("disarm",)), (None, "COERCE", ("seize", "weapons"))],
    "impose": [(frozenset({"curfew"}), "COERCE", ("curfew",)), (frozenset({"law"}), "COERCE", ("martial-law",)),
               (frozenset({"sanction", "embargo", "penalty", "tariff"}), "SANCTION", ()),
               (frozenset({"blockade", "siege", "restriction", "ban", "lockdown", "closure"}), "COERCE", ("restrict",))],
    "ban": [(None, "COERCE", ("restrict",))],
    "outlaw": [(None, "COERCE", ("restrict",))],
    "crack down": [(None, "COERCE", ("restrict",))],
    # RETREAT
    "withdraw": [(DIPLOMATS | RELATIONS | AID_OBJECTS | frozenset({"recognition", "worker"}), "SANCTION", ("withdraw",)),
                 (None, "RETREAT", ("withdraw",))],
    "pull out": [(None, "RETREAT", ("withdraw",))],
    "pull back": [(None, "RETREAT", ("withdraw",))],
    "retreat": [(None, "RETREAT", ("withdraw",))],
    "surrender": [(None, "RETREAT", ("disarm", "surrender"))],
    "defect": [(None, "MOBILIZE", ("militia",))],
    "dispatch": [(TROOPS | WEAPONS | frozenset({"vehicle", "reinforcement", "convoy"}), "MOBILIZE", ("troops",))],
    "release": [(PEOPLE | CAPTIVES | TROOPS | frozenset({"them", "him", "her"}), "RETREAT", ("release",))],
    "free": [(PEOPLE | CAPTIVES, "RETREAT", ("release",)), (TERRITORY, _A, ("seize", "territory"))],
    "exchange": [(frozenset({"fire", "gunfire", "shot", "shots"}), _A, ("firearms", "two-sided")),
                 (CAPTIVES | PEOPLE | frozenset({"body"}), "RETREAT", ("release",))],
    "swap": [(CAPTIVES | PEOPLE, "RETREAT", ("release",))],
    "hand over": [(CAPTIVES | PEOPLE | frozenset({"national", "suspect", "body"}), "RETREAT", ("release",)),
                  (WEAPONS, "RETREAT", ("disarm",)), (TERRITORY | frozenset({"territory", "swathe"}), "RETREAT", ("withdraw", "handover"))],
    "create": [(BASES, "MOBILIZE", ("troops", "base")), (FORMATIONS, "MOBILIZE", ("militia",))],
    "form": [(FORMATIONS, "MOBILIZE", ("militia",))],
    "build": [(BASES - frozenset({"office", "position", "point"}), "MOBILIZE", ("troops", "base"))],
    "demobilize": [(None, "RETREAT", ("disarm",))],
    "demobilise": [(None, "RETREAT", ("disarm",))],
    "disband": [(None, "RETREAT", ("disarm",))],
    "lay down": [(WEAPONS, "RETREAT", ("disarm",))],
    "resign": [(None, "RETREAT", ("resign",))],
    "step down": [(None, "RETREAT", ("resign",))],
    "quit": [(NO_OBJECT | frozenset({"post", "office", "job", "government", "position"}), "RETREAT", ("resign",))],
    "cease": [(None, "RETREAT", ("ceasefire",))],
    "halt": [(HOSTILITIES | NO_OBJECT, "RETREAT", ("ceasefire",)), (RELATIONS | AID_OBJECTS, "SANCTION", ("discontinue",))],
    "stop": [(HOSTILITIES | frozenset({"bloodshed", "fire"}), "RETREAT", ("ceasefire",)), (RELATIONS | AID_OBJECTS, "SANCTION", ("discontinue",)),
             (frozenset({"work"}), "PROTEST", ("strike",))],
    "suspend": [(HOSTILITIES, "RETREAT", ("ceasefire",)), (None, "SANCTION", ("discontinue",))],
    "end": [(HOSTILITIES | frozenset({"war", "conflict", "siege", "blockade", "occupation"}), "RETREAT", ("ceasefire",)),
            (frozenset({"mediation", "cooperation", "talk", "relation", "tie", "aid"}), "SANCTION", ("discontinue",))],
    "pause": [(HOSTILITIES | NO_OBJECT, "RETREAT", ("ceasefire",))],
    "de-escalate": [(None, "RETREAT", ("ceasefire",))],
    "evacuate": [(TROOPS, "RETREAT", ("withdraw",)), (frozenset({"settlement", "base", "position", "outpost"}), "RETREAT", ("withdraw",)),
                 (None, "AID", ("humanitarian",))],
    "lift": [(frozenset({"blockade", "siege", "closure"}), "RETREAT", ("access",)),
             (RESTRICTION_OBJECTS, "CONCEDE", ())],
    "reopen": [(ACCESS_OBJECTS, "RETREAT", ("access",))],
    "open": [(frozenset({"fire"}), _A, ("firearms",)), (ACCESS_OBJECTS, "RETREAT", ("access",)),
             (frozenset({"base", "headquarters", "outpost", "barracks", "garrison"}), "MOBILIZE", ("troops", "base")),
             (frozenset({"investigation", "probe", "inquiry", "hearing", "case"}), "ACCUSE", ("investigate",))],
    "unblock": [(None, "RETREAT", ("access",))],
    # AGREE
    "agree": [(None, "AGREE", ())],
    "sign": [(frozenset({"agreement", "deal", "treaty", "accord", "memorandum", "protocol", "ceasefire", "truce",
                         "declaration", "pact", "armistice", "document", "roadmap", "contract", "statement"}), "SUPPORT", ("agreement",))],
    "accept": [(frozenset({"demand", "condition", "ultimatum", "term", "resignation"}), "CONCEDE", ()),
               (frozenset({"refugee", "migrant", "asylum"}), "AID", ("asylum",)),
               (None, "AGREE", ())],
    "promise": [(None, "AGREE", ())],
    "pledge": [(None, "AGREE", ())],
    "vow": [(None, "AGREE", ())],
    "offer": [(AID_OBJECTS | RELATIONS | HOSTILITIES | frozenset({
        "ceasefire", "truce", "guarantee", "concession", "amnesty", "help", "support", "asylum", "proposal",
        "plan", "mediation", "resignation", "exchange", "release", "withdrawal", "compensation", "condolence",
        "cooperation", "dialogue", "protection", "refuge", "shelter", "passage", "corridor", "access", "deal"}), "AGREE", ())],
    # an offer of a product ("offers 30 colours") is no event; "offered to X" is (events._verb_trigger)
    "commit": [(NO_OBJECT | frozenset({"itself", "themselves", "himself", "herself"}), "AGREE", ())],
    "broker": [(None, "CONSULT", ("third-party",))],
    "mediate": [(None, "CONSULT", ("third-party",))],
    # CONSULT
    "meet": [(frozenset({"demand", "condition", "need", "deadline", "target", "requirement"}), "CONCEDE", ()),
             (None, "CONSULT", ())],
    "talk": [(None, "CONSULT", ())],
    "negotiate": [(None, "CONSULT", ())],
    "discuss": [(None, "CONSULT", ())],
    "confer": [(None, "CONSULT", ())],
    "consult": [(None, "CONSULT", ())],
    "visit": [(None, "CONSULT", ("visit",))],
    "host": [(TROOPS | frozenset({"base", "camp", "refugee", "displaced"}), "CONSULT", ()), (None, "CONSULT", ("visit",))],
    "phone": [(None, "CONSULT", ("phone",))],
    "telephone": [(None, "CONSULT", ("phone",))],
    "convene": [(None, "CONSULT", ("multilateral",))],
    "speak": [],  # only "spoke with / to <party>" (events._verb_trigger)
    # only in their special cases (events._verb_trigger): "protesters gathered", "set ablaze"
    "gather": [], "assemble": [], "converge": [], "congregate": [], "chant": [], "set": [], "participate": [],
    "walk": [], "fill": [], "throng": [], "pack": [], "parade": [],
    "summon": [(DIPLOMATS | frozenset({"charge"}), "ACCUSE", ("disapprove",))],
    # SUPPORT
    "support": [(None, "SUPPORT", ())],
    "back": [(None, "SUPPORT", ())],
    "endorse": [(None, "SUPPORT", ())],
    "praise": [(None, "SUPPORT", ())],
    "welcome": [(None, "SUPPORT", ())],
    "commend": [(None, "SUPPORT", ())],
    "hail": [(None, "SUPPORT", ())],
    "applaud": [(None, "SUPPORT", ())],
    "recognize": [(None, "SUPPORT", ())],
    "recognise": [(None, "SUPPORT", ())],
    "defend": [(frozenset({"right", "decision", "policy", "action", "move", "stance"}), "SUPPORT", ()),
               (TERRITORY | TROOPS | PEOPLE, _A, ())],
    "forgive": [(None, "SUPPORT", ())],
    "establish": [(frozenset({"tie", "relation", "embassy"}), "SUPPORT", ()), (BASES, "MOBILIZE", ("troops", "base")),
                  (frozenset({"control"}), "COERCE", ("seize", "territory")), (FORMATIONS, "MOBILIZE", ("militia",)),
                  (frozenset({"checkpoint", "roadblock"}), "COERCE", ("restrict",))],
    "set up": [(BASES, "MOBILIZE", ("troops", "base")), (FORMATIONS, "MOBILIZE", ("militia",)),
               (frozenset({"checkpoint", "roadblock", "barricade"}), "COERCE", ("restrict",))],
    # COOPERATE
    "cooperate": [(None, "COOPERATE", ())],
    "collaborate": [(None, "COOPERATE", ())],
    "coordinate": [(None, "COOPERATE", ())],
    "share": [(frozenset({"intelligence", "information", "evidence", "data", "technology"}), "COOPERATE", ())],
    # AID
    "aid": [(None, "AID", ())],
    "assist": [(None, "AID", ())],
    "help": [(PEOPLE | NO_OBJECT, "AID", ())],
    "deliver": [(frozenset({"blow", "strike"}), "ASSAULT", ()), (AID_OBJECTS, "AID", ("humanitarian",))],
    "send": [(TROOPS, "MOBILIZE", ("troops",)), (WEAPONS, "AID", ("military",)),
             (AID_OBJECTS, "AID", ("humanitarian",)),
             (frozenset({"representative", "delegation", "envoy", "minister", "official", "negotiator", "team"}), "CONSULT", ("visit",))],
    "provide": [(WEAPONS - frozenset({"equipment"}) | frozenset({"training"}), "AID", ("military",)), (None, "AID", ())],
    "give": [(AID_OBJECTS | WEAPONS, "AID", ())],
    "donate": [(None, "AID", ())],
    "supply": [(WEAPONS - frozenset({"equipment"}), "AID", ("military",)), (None, "AID", ())],
    "grant": [(frozenset({"asylum", "refuge"}), "AID", ("asylum",)), (AID_OBJECTS, "AID", ()),
              (frozenset({"access", "permission"}), "RETREAT", ("access",)), (frozenset({"amnesty", "pardon"}), "CONCEDE", ())],
    "airlift": [(None, "AID", ("humanitarian",))],
    "rescue": [(None, "AID", ("humanitarian",))],
    # CONCEDE
    "concede": [(None, "CONCEDE", ())],
    "apologize": [(None, "CONCEDE", ())],
    "apologise": [(None, "CONCEDE", ())],
    "ease": [(RESTRICTION_OBJECTS | frozenset({"control", "pressure", "rule"}), "CONCEDE", ())],
    "relax": [(RESTRICTION_OBJECTS | frozenset({"control", "rule"}), "CONCEDE", ())],
    "shorten": [(frozenset({"curfew", "sentence"}), "CONCEDE", ())],
    "allow": [(None, "CONCEDE", ())],
    "permit": [(None, "CONCEDE", ())],
    "pardon": [(None, "CONCEDE", ())],
    # REQUEST
    "demand": [(None, "REQUEST", ())],
    "urge": [(None, "REQUEST", ())],
    "appeal": [(None, "REQUEST", ())],
    "ask": [(None, "REQUEST", ())],
    "request": [(None, "REQUEST", ())],
    "plead": [(None, "REQUEST", ())],
    "implore": [(None, "REQUEST", ())],
    "press": [(None, "REQUEST", ())],
    "petition": [(None, "REQUEST", ())],
    "seek": [(frozenset({"refuge", "asylum", "shelter", "protection"}), "REQUEST", ("assist",)),
             (frozenset({"talk", "meeting", "negotiation", "dialogue"}), "REQUEST", ("meet",)),
             (frozenset({"ceasefire", "truce", "withdrawal", "release", "resignation", "end"}), "REQUEST", ("change",)),
             (frozenset({"aid", "assistance", "help", "support"}), "REQUEST", ("assist",))],
    "order": [(None, "REQUEST", ())],
    "call": [],  # resolved by events._call_rule (call on / call for / call X = phone)
    # ACCUSE
    "accuse": [(None, "ACCUSE", ("allege",))],
    "blame": [(None, "ACCUSE", ("allege",))],
    "condemn": [(None, "ACCUSE", ("disapprove",))],
    "denounce": [(None, "ACCUSE", ("disapprove",))],
    "criticize": [(None, "ACCUSE", ("disapprove",))],
    "criticise": [(None, "ACCUSE", ("disapprove",))],
    "censure": [(None, "ACCUSE", ("disapprove",))],
    "slam": [(None, "ACCUSE", ("disapprove",))],
    "decry": [(None, "ACCUSE", ("disapprove",))],
    "deplore": [(None, "ACCUSE", ("disapprove",))],
    "rebuke": [(None, "ACCUSE", ("disapprove",))],
    "charge": [(PEOPLE | frozenset({"him", "her", "them"}), "ACCUSE", ("allege",)),
               (MILITARY_TARGETS | frozenset({"village", "town"}), _A, ())],  # "insurgents charged an outpost"
    "allege": [(None, "ACCUSE", ("allege",))],
    "complain": [(None, "ACCUSE", ("disapprove",))],
    "investigate": [(None, "ACCUSE", ("investigate",))],
    "probe": [(None, "ACCUSE", ("investigate",))],
    "sue": [(None, "ACCUSE", ("disapprove",))],
    "warn": [(None, "ACCUSE", ("disapprove",))],
    # REJECT
    "reject": [(None, "REJECT", ())],
    "deny": [(None, "REJECT", ())],
    "refuse": [(None, "REJECT", ())],
    "dismiss": [(frozenset({"claim", "allegation", "accusation", "report", "appeal", "call", "demand", "proposal",
                            "offer", "plan", "charge", "criticism", "statement"}), "REJECT", ())],
    "decline": [(None, "REJECT", ())],
    "rebuff": [(None, "REJECT", ())],
    "veto": [(None, "REJECT", ())],
    "oppose": [(None, "REJECT", ())],
    "renege": [(None, "REJECT", ())],
    "spurn": [(None, "REJECT", ())],
    "turn down": [(None, "REJECT", ())],
    "resist": [(None, "REJECT", ())],
    "defy": [(None, "REJECT", ())],
    "fail": [(None, "REJECT", ())],
    # THREATEN
    "threaten": [(None, "THREATEN", ())],
    "menace": [(None, "THREATEN", ())],
    # PROTEST
    "protest": [(None, "PROTEST", ("demo",))],
    "demonstrate": [(NO_OBJECT, "PROTEST", ("demo",))],
    "rally": [(NO_OBJECT, "PROTEST", ("demo",))],
    "march": [(NO_OBJECT, "PROTEST", ("demo",))],
    "riot": [(None, "PROTEST", ("riot",))],
    "picket": [(None, "PROTEST", ("demo",))],
    "boycott": [(None, "PROTEST", ("boycott",))],
    # SANCTION
    "sanction": [(None, "SANCTION", ())],
    "embargo": [(None, "SANCTION", ())],
    "sever": [(None, "SANCTION", ("discontinue",))],
    "break": [(RELATIONS | frozenset({"relation", "tie"}), "SANCTION", ("discontinue",)), (frozenset({"ceasefire", "truce"}), "ASSAULT", ()),
              (frozenset({"siege", "blockade"}), "RETREAT", ("access",))],
    "cut": [(RELATIONS, "SANCTION", ("discontinue",)), (AID_OBJECTS | ACCESS_OBJECTS | frozenset({"electricity", "power", "gas", "internet"}), "COERCE", ("restrict",))],
    "recall": [(DIPLOMATS, "SANCTION", ("withdraw",))],
    "downgrade": [(RELATIONS, "SANCTION", ("discontinue",))],
    "freeze": [(frozenset({"asset", "account", "fund", "aid", "talk", "cooperation", "relation"}), "SANCTION", ("discontinue",))],
    "convict": [(None, "SANCTION", ("convict",))],
    "sentence": [(None, "SANCTION", ("convict",))],
    "deny entry": [(None, "SANCTION", ())],
    "prohibit": [(AID_OBJECTS | RELATIONS, "SANCTION", ("discontinue",)), (None, "COERCE", ("restrict",))],
    # MOBILIZE
    "mobilize": [(None, "MOBILIZE", ("troops",))],
    "mobilise": [(None, "MOBILIZE", ("troops",))],
    "deploy": [(WEAPONS, "MOBILIZE", ("weapons",)), (frozenset({"police", "policeman", "officer"}), "MOBILIZE", ("police",)),
               (None, "MOBILIZE", ("troops",))],
    "station": [(None, "MOBILIZE", ("troops",))],
    "mass": [(TROOPS | WEAPONS, "MOBILIZE", ("troops",))],
    "amass": [(None, "MOBILIZE", ("troops",))],
    # forces or ground reinforced, not "reinforced its demands"
    "reinforce": [(NO_OBJECT | TROOPS | BASES | TERRITORY | frozenset({"defence", "defense", "presence", "front"}),
                   "MOBILIZE", ("troops",))],
    "conscript": [(None, "MOBILIZE", ("troops",))],
    "recruit": [(TROOPS | PEOPLE | frozenset({"child", "boy"}), "MOBILIZE", ("militia",))],
    "arm": [(PEOPLE | TROOPS | frozenset({"militia", "group", "rebel"}), "MOBILIZE", ("weapons",))],
    "patrol": [(None, "MOBILIZE", ("police",))],
    "move": [(TROOPS | WEAPONS, "MOBILIZE", ("troops",))],
}

# people on the move: "flee", "arrive", "cross" are displacement only with these as subject
DISPLACED_PEOPLE: frozenset[str] = frozenset({
    "refugee", "evacuee", "civilian", "resident", "villager", "family", "people", "person", "inhabitant",
    "thousand", "hundred", "dozen", "million", "child", "woman", "displaced", "migrant", "asylum-seeker",
})


# --- noun triggers ---------------------------------------------------------------------------
MILITARY_MODIFIERS: frozenset[str] = frozenset({
    "military", "terror", "terrorism", "terrorist", "counterterrorism", "counterinsurgency", "insurgency", "armed",
    "ground", "air", "aerial", "combat", "punitive", "offensive", "army", "naval", "drone", "missile",
    "rocket", "artillery", "bombing", "security", "clearance", "clearing", "mopping", "war", "insurgent",
    "rebel", "militant", "jihadist", "offensive", "assault",
})

NOUN_TRIGGERS: dict[str, tuple[str, tuple[str, ...], frozenset[str] | None]] = {
    "attack": (_A, (), None),
    "assault": (_A, (), None),
    "offensive": (_A, (), None),
    "counteroffensive": (_A, (), None),
    "counter-offensive": (_A, (), None),
    "raid": (_A, (), None),
    "airstrike": (_A, ("aerial",), None),
    "strike": (_A, (), None),  # hunger / general strike -> PROTEST (events._strike_rule)
    "shelling": (_A, ("heavy-weapons",), None),
    "bombardment": (_A, ("heavy-weapons",), None),
    "barrage": (_A, ("heavy-weapons",), None),
    "bombing": (_A, ("explosives",), None),
    "fire": (_A, (), frozenset({"artillery", "mortar", "rocket", "tank", "sniper", "machine", "gun", "small", "arms", "heavy", "automatic", "cross", "enemy", "intensive", "intense", "missile"})),
    "gunfire": (_A, ("firearms",), None),
    "crossfire": (_A, ("firearms",), None),
    "shooting": (_A, ("firearms",), None),
    "gunfight": (_A, ("firearms",), None),
    "firefight": (_A, ("firearms",), None),
    "ambush": (_A, (), None),
    "massacre": (_A, (), None),
    "killing": (_A, (), None),
    "assassination": (_A, ("targeted",), None),
    "explosion": (_A, ("explosives",), None),
    "blast": (_A, ("explosives",), None),
    "detonation": (_A, ("explosives",), None),
    "clash": (_A, (), None),
    "fighting": (_A, (), None),
    "battle": (_A, (), None),
    "combat": (_A, (), None),
    "hostility": (_A, (), None),
    "skirmish": (_A, (), None),
    "violence": (_A, (), None),
    "bloodshed": (_A, (), None),
    "aggression": (_A, (), None),
    "invasion": (_A, (), None),
    "incursion": (_A, (), None),
    "war": (_A, (), None),
    "conflict": (_A, (), frozenset({"armed", "military", "major", "full", "scale", "open"})),
    "violation": (_A, (), frozenset({"ceasefire", "truce", "armistice"})),
    "breach": (_A, (), frozenset({"ceasefire", "truce", "armistice"})),
    "confrontation": (_A, (), frozenset({"armed", "military"})),
    "escalation": (_A, (), frozenset({"military", "armed"})),
    "operation": (_A, (), MILITARY_MODIFIERS),
    "campaign": (_A, (), MILITARY_MODIFIERS),
    "measure": (_A, (), frozenset({"terror", "terrorism", "terrorist", "counterterrorism", "military", "counter"})),
    "activity": (_A, (), frozenset({"terror", "terrorism", "terrorist", "counterterrorism", "military", "counter"})),
    "action": (_A, (), frozenset({"military", "armed"})),
    "abduction": (_A, ("abduct",), None),
    "kidnapping": (_A, ("abduct",), None),
    "torture": (_A, ("torture",), None),
    "rape": (_A, ("sexual",), None),
    "stabbing": (_A, ("primitive",), None),
    "looting": ("COERCE", ("seize", "property"), None),
    "demolition": (_A, ("destroy",), None),
    "destruction": (_A, ("destroy",), None),
    # COERCE
    "arrest": ("COERCE", ("arrest",), None),
    "detention": ("COERCE", ("arrest",), None),
    "crackdown": ("COERCE", ("restrict",), None),
    "blockade": ("COERCE", ("restrict",), None),
    "siege": ("COERCE", ("restrict",), None),
    "curfew": ("COERCE", ("curfew",), None),
    "checkpoint": ("COERCE", ("restrict",), frozenset({"military", "army", "police", "illegal", "new"})),
    "deportation": ("COERCE", ("deport",), None),
    "expulsion": ("COERCE", ("deport",), None),
    "occupation": ("COERCE", ("seize", "territory"), None),
    "annexation": ("COERCE", ("seize", "territory"), None),
    "capture": (_A, ("seize", "territory"), None),
    "takeover": ("COERCE", ("seize", "territory"), None),
    "warrant": ("COERCE", ("arrest",), frozenset({"arrest"})),
    # RETREAT
    "ceasefire": ("RETREAT", ("ceasefire",), None),
    "cease-fire": ("RETREAT", ("ceasefire",), None),
    "truce": ("RETREAT", ("ceasefire",), None),
    "armistice": ("RETREAT", ("ceasefire",), None),
    "cessation": ("RETREAT", ("ceasefire",), None),
    "withdrawal": ("RETREAT", ("withdraw",), None),
    "pullout": ("RETREAT", ("withdraw",), None),
    "retreat": ("RETREAT", ("withdraw",), None),
    "surrender": ("RETREAT", ("disarm", "surrender"), None),
    "lynching": (_A, ("beat", "mob"), None),
    "vigil": ("PROTEST", ("demo",), None),
    "walkout": ("PROTEST", ("strike",), None),
    "die-in": ("PROTEST", ("demo",), None),
    "disarmament": ("RETREAT", ("disarm",), None),
    "demobilization": ("RETREAT", ("disarm",), None),
    "demobilisation": ("RETREAT", ("disarm",), None),
    "dissolution": ("RETREAT", ("disarm",), None),
    "resignation": ("RETREAT", ("resign",), None),
    "release": ("RETREAT", ("release",), None),
    "exchange": ("RETREAT", ("release",), frozenset({"prisoner", "prisoners", "hostage", "hostages", "pow", "body", "bodies"})),
    "swap": ("RETREAT", ("release",), None),
    # AGREE
    "agreement": ("AGREE", ("agreement",), None),
    "deal": ("AGREE", ("agreement",), None),
    "accord": ("AGREE", ("agreement",), None),
    "treaty": ("AGREE", ("agreement",), None),
    "pact": ("AGREE", ("agreement",), None),
    "memorandum": ("AGREE", ("agreement",), None),
    "pledge": ("AGREE", (), None),
    "promise": ("AGREE", (), None),
    # CONSULT
    "talk": ("CONSULT", (), None),
    "negotiation": ("CONSULT", (), None),
    "meeting": ("CONSULT", (), None),
    "summit": ("CONSULT", ("multilateral",), None),
    "visit": ("CONSULT", ("visit",), None),
    "consultation": ("CONSULT", (), None),
    "dialogue": ("CONSULT", (), None),
    "mediation": ("CONSULT", ("third-party",), None),
    "conversation": ("CONSULT", ("phone",), None),
    "speech": ("CONSULT", ("multilateral",), None),  # only "speech at <body>" (events._speech_rule)
    # SUPPORT / COOPERATE / AID
    "support": ("SUPPORT", (), frozenset({"military", "financial", "political", "diplomatic", "full", "strong", "unwavering"})),
    "solidarity": ("SUPPORT", (), None),
    "recognition": ("SUPPORT", (), None),
    "cooperation": ("COOPERATE", (), None),
    "exercise": ("COOPERATE", (), frozenset({"joint", "military", "naval"})),
    "game": ("COOPERATE", (), frozenset({"war"})),
    "drill": ("COOPERATE", (), frozenset({"joint", "military", "naval"})),
    "manoeuvre": ("COOPERATE", (), frozenset({"joint", "military", "naval"})),
    "maneuver": ("COOPERATE", (), frozenset({"joint", "military", "naval"})),
    "aid": ("AID", (), None),
    "assistance": ("AID", (), None),
    "evacuation": ("AID", ("humanitarian",), None),
    "convoy": ("AID", ("humanitarian",), frozenset({"aid", "humanitarian", "relief", "food"})),
    "delivery": ("AID", ("humanitarian",), frozenset({"aid", "humanitarian", "relief", "food"})),
    "asylum": ("AID", ("asylum",), None),
    # REQUEST / ACCUSE / REJECT / THREATEN
    "demand": ("REQUEST", (), None),
    "appeal": ("REQUEST", (), None),
    "request": ("REQUEST", (), None),
    "plea": ("REQUEST", (), None),
    "ultimatum": ("THREATEN", (), None),
    "threat": ("THREATEN", (), None),
    "accusation": ("ACCUSE", ("allege",), None),
    "allegation": ("ACCUSE", ("allege",), None),
    "condemnation": ("ACCUSE", ("disapprove",), None),
    "criticism": ("ACCUSE", ("disapprove",), None),
    "complaint": ("ACCUSE", ("disapprove",), None),
    "investigation": ("ACCUSE", ("investigate",), None),
    "probe": ("ACCUSE", ("investigate",), None),
    "inquiry": ("ACCUSE", ("investigate",), None),
    "hearing": ("ACCUSE", ("investigate",), frozenset({"court", "landmark", "public", "judicial"})),
    "rejection": ("REJECT", (), None),
    "denial": ("REJECT", (), None),
    "refusal": ("REJECT", (), None),
    "veto": ("REJECT", (), None),
    # PROTEST / SANCTION / MOBILIZE
    "protest": ("PROTEST", ("demo",), None),
    "demonstration": ("PROTEST", ("demo",), None),
    "rally": ("PROTEST", ("demo",), None),
    "march": ("PROTEST", ("demo",), frozenset({"protest", "peace", "mass", "opposition", "anti", "peaceful", "silent", "solidarity", "pride"})),
    "riot": ("PROTEST", ("riot",), None),
    "unrest": ("PROTEST", ("riot",), None),
    "sit-in": ("PROTEST", ("demo",), None),
    "chain": ("PROTEST", ("demo",), frozenset({"human"})),  # a human chain
    "boycott": ("PROTEST", ("boycott",), None),
    "sanction": ("SANCTION", (), None),
    "embargo": ("SANCTION", (), None),
    "suspension": ("SANCTION", ("discontinue",), None),
    "mobilization": ("MOBILIZE", ("troops",), None),
    "mobilisation": ("MOBILIZE", ("troops",), None),
    "deployment": ("MOBILIZE", ("troops",), None),
    "buildup": ("MOBILIZE", ("troops",), None),
    "build-up": ("MOBILIZE", ("troops",), None),
    "reinforcement": ("MOBILIZE", ("troops",), None),
    "conscription": ("MOBILIZE", ("troops",), None),
    "patrol": ("MOBILIZE", ("police",), None),
    "displacement": ("COERCE", ("deport",), None),
    "exodus": ("COERCE", ("deport",), None),
}

# protest strikes ("hunger strike", "general strike", "went on strike")
PROTEST_STRIKE_MODIFIERS: frozenset[str] = frozenset({
    "hunger", "general", "labour", "labor", "worker", "workers", "national", "nationwide", "teacher",
    "doctor", "union", "open", "ended", "indefinite", "work", "sit", "transport", "warning",
})
# nouns that name no event when they modify another noun ("attack helicopter", "war crimes")
NOUN_AS_MODIFIER_ONLY: frozenset[str] = frozenset({"compound", "amod", "nmod"})

# verbs that carry an event noun as their object: the noun is the event, the verb its predicate
LIGHT_VERBS: frozenset[str] = frozenset({
    "launch", "carry", "conduct", "stage", "hold", "mount", "begin", "start", "continue", "resume",
    "unleash", "wage", "reach", "make", "issue", "lodge", "open", "take", "undertake", "step",
    "intensify", "escalate", "commit", "perpetrate", "initiate", "execute", "implement", "announce", "institute",
    "declare", "observe", "respect", "maintain", "broker", "mediate", "organize", "organise", "call",
    "join", "led", "lead", "have", "see", "endure", "suffer", "face", "come", "go", "enter", "restart",
    "renew", "order", "approve", "authorize", "authorise", "extend", "impose", "sign", "conclude",
    "finalize", "finalise", "agree", "seal", "strike", "forge", "draft", "deliver", "send", "provide",
    "give", "receive", "get", "offer", "express", "voice", "file", "level", "make", "pursue", "fight",
    "intensify", "expand", "prepare", "plan", "complete", "finish", "end", "win",
})
# verbs whose subject is an event noun that happens ("fighting broke out", "talks took place")
OCCURRENCE_VERBS: frozenset[str] = frozenset({
    "break", "erupt", "flare", "occur", "happen", "take", "continue", "begin", "start", "resume",
    "escalate", "intensify", "rage", "end", "last", "mark", "appear", "spread", "hit", "rock",
    "shake", "kill", "wound", "injure", "leave", "claim", "destroy", "damage", "go", "enter",
    "follow", "come", "cause", "result", "be", "remain", "hold",
})

# reporting frames: no event of their own; their clause complement holds the event
REPORTING_VERBS: frozenset[str] = frozenset({
    "say", "tell", "state", "announce", "report", "add", "note", "claim", "confirm", "stress",
    "insist", "declare", "explain", "write", "tweet", "post", "quote", "argue", "conclude", "indicate",
    "reveal", "believe", "think", "describe", "suggest", "assert", "maintain", "acknowledge",
    "admit", "emphasize", "emphasise", "underline", "reiterate", "repeat", "recall", "cite",
    "according", "estimate", "show", "hope", "fear", "believe", "know", "learn", "understand",
    "signal", "predict", "expect", "observe", "remark", "reply", "respond", "comment", "testify",
})

# reactions to an act that came before them: the day and place of the reaction are not the act's
# ("the day the capital celebrated the town's capture", "mourners in the capital marked the massacre")
REACTION_VERBS: frozenset[str] = frozenset({
    "celebrate", "mourn", "commemorate", "mark", "welcome", "hail", "praise", "applaud", "condemn",
    "denounce", "deplore", "lament", "regret", "remember", "investigate", "probe", "avenge",
})

# --- modality ---------------------------------------------------------------------------------
FUTURE_AUX: frozenset[str] = frozenset({"will", "would", "shall", "'ll", "wo", "'d"})
HYPOTHETICAL_AUX: frozenset[str] = frozenset({"could", "might", "may", "can", "ca", "should", "must", "need", "ought"})
OBLIGATION_AUX: frozenset[str] = frozenset({"must", "should", "ought"})
# governors of an infinitive that make it an intent / plan (future, not yet happened)
INTENT_GOVERNORS: frozenset[str] = frozenset({
    "agree", "offer", "promise", "pledge", "vow", "commit", "plan", "intend", "prepare", "aim",
    "want", "hope", "wish", "decide_not", "propose", "consider", "mull", "threaten", "expect",
    "seek", "swear", "undertake", "resolve", "willing", "ready", "prepared", "determined", "poised",
    "set", "due", "scheduled", "likely", "unlikely", "going", "about", "eager", "keen", "able",
})
# governors after which the infinitive is asked of someone else (requested, not done)
REQUEST_GOVERNORS: frozenset[str] = frozenset({
    "call", "urge", "demand", "ask", "appeal", "press", "request", "order", "push", "encourage",
    "invite", "persuade", "convince", "plead", "implore", "advise", "pressure", "pressurize",
    "instruct", "tell", "need", "want", "allow", "permit", "proposal", "appeal", "demand", "call",
})
# governors that deny the embedded event
NEGATING_GOVERNORS: frozenset[str] = frozenset({"deny", "refuse", "decline", "fail", "reject", "dismiss", "rule", "denial", "refusal", "stop", "avoid", "refrain"})
# nouns naming a claim whose content a REJECT denies ("rejected claims that ...")
CLAIM_NOUNS: frozenset[str] = frozenset({"claim", "allegation", "accusation", "report", "charge", "suggestion", "assertion"})
# the embedded infinitive is a plan, not an event that happened
PLANNED_ADJ: frozenset[str] = frozenset({"due", "scheduled", "set", "expected", "likely", "possible", "potential", "planned", "proposed", "future", "prospective", "eventual", "imminent", "unlikely"})
CONDITIONAL_MARKS: frozenset[str] = frozenset({"if", "unless", "whether", "lest"})
# governors that make the event of their infinitive a THREATEN / MOBILIZE / AGREE by polarity
COOPERATIVE_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE_TYPES: frozenset[str] = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})
PREPARE_GOVERNORS: frozenset[str] = frozenset({"prepare", "poised", "ready", "gear", "mass"})
THREAT_MODE_OF: dict[tuple[str, str], str] = {
    ("ASSAULT", ""): "violence", ("MOBILIZE", ""): "violence", ("COERCE", "arrest"): "arrest",
    ("COERCE", "restrict"): "restrict", ("COERCE", "curfew"): "restrict", ("COERCE", "martial-law"): "restrict",
    ("COERCE", "seize"): "territory", ("COERCE", "deport"): "expel", ("SANCTION", "expel"): "expel",
    ("SANCTION", ""): "relations", ("PROTEST", ""): "restrict", ("COERCE", ""): "restrict",
}

# --- weapons and means -> ASSAULT mode ----------------------------------------------------------
WEAPON_MODES: dict[str, tuple[str, ...]] = {
    "artillery": ("heavy-weapons",), "mortar": ("heavy-weapons",), "rocket": ("heavy-weapons",),
    "missile": ("heavy-weapons",), "shell": ("heavy-weapons",), "shelling": ("heavy-weapons",),
    "howitzer": ("heavy-weapons",), "tank": ("heavy-weapons",), "grad": ("heavy-weapons",),
    "mlrs": ("heavy-weapons",), "caliber": ("heavy-weapons",), "calibre": ("heavy-weapons",),
    "cannon": ("heavy-weapons",), "barrage": ("heavy-weapons",), "bombardment": ("heavy-weapons",),
    "shrapnel": ("heavy-weapons",),
    "drone": ("drone",), "uav": ("drone",), "kamikaze": ("drone",), "quadcopter": ("drone",),
    "airstrike": ("aerial",), "air": ("aerial",), "aerial": ("aerial",), "jet": ("aerial",),
    "warplane": ("aerial",), "aircraft": ("aerial",), "helicopter": ("aerial",), "plane": ("aerial",),
    "airforce": ("aerial",), "gunship": ("aerial",), "chopper": ("aerial",), "bomber": ("aerial",),
    "airplane": ("aerial",), "fighter-jet": ("aerial",), "airstrikes": ("aerial",), "air-strike": ("aerial",),
    "mine": ("explosives",), "landmine": ("explosives",), "ied": ("explosives",), "explosive": ("explosives",),
    "bomb": ("explosives",), "bombing": ("explosives",), "roadside": ("explosives",),
    "explosion": ("explosives",), "blast": ("explosives",), "device": ("explosives",),
    "grenade": ("explosives", "grenade"), "suicide": ("suicide-attack",), "kamikaze": ("suicide-attack",),
    "gun": ("firearms",), "gunfire": ("firearms",), "gunman": ("firearms",), "gunmen": ("firearms",),
    "sniper": ("firearms",), "rifle": ("firearms",), "bullet": ("firearms",), "shot": ("firearms",),
    "shooting": ("firearms",), "firearm": ("firearms",), "kalashnikov": ("firearms",), "pistol": ("firearms",),
    "machete": ("primitive",), "knife": ("primitive",), "club": ("primitive",), "axe": ("primitive",),
    "stick": ("primitive",), "stone": ("primitive",), "spear": ("primitive",), "arrow": ("primitive",),
    "chemical": ("unconventional",), "sarin": ("unconventional",), "chlorine": ("unconventional",),
    "biological": ("unconventional",), "mustard": ("unconventional",), "poisonous": ("unconventional",),
    "novichok": ("unconventional",), "vx": ("unconventional",), "toxic": ("unconventional",),
    "tear": ("crowd-control",), "teargas": ("crowd-control",), "rubber": ("crowd-control",),
    "baton": ("crowd-control",), "truncheon": ("crowd-control",), "pepper": ("crowd-control",),
}
# "air strike", "drone strike", "water cannon" ... (two-word cues, lower-case text)
WEAPON_PHRASES: dict[str, tuple[str, ...]] = {
    "water cannon": ("crowd-control",), "tear gas": ("crowd-control",), "rubber bullet": ("crowd-control",),
    "car bomb": ("explosives",), "roadside bomb": ("explosives",), "suicide bomb": ("suicide-attack",),
    "suicide attack": ("suicide-attack",), "suicide bomber": ("suicide-attack",), "air strike": ("aerial",),
    "air raid": ("aerial",), "barrel bomb": ("aerial",), "cluster munition": ("heavy-weapons",),
    "ballistic missile": ("heavy-weapons",), "cruise missile": ("heavy-weapons",),
    "air force": ("aerial",), "fighter jet": ("aerial",), "hand grenade": ("explosives", "grenade"),
    "plastic bullet": ("crowd-control",), "pepper spray": ("crowd-control",), "stun grenade": ("crowd-control",),
    "smoke grenade": ("crowd-control",), "flash grenade": ("crowd-control",), "baton charge": ("crowd-control",),
    "live ammunition": ("firearms",), "live round": ("firearms",), "live fire": ("firearms",), "live bullet": ("firearms",),
    "poison gas": ("unconventional",), "toxic gas": ("unconventional",), "nerve agent": ("unconventional",),
    "nerve gas": ("unconventional",), "chemical weapon": ("unconventional",), "chemical attack": ("unconventional",),
    "chemical agent": ("unconventional",), "chemical munition": ("unconventional",), "chlorine gas": ("unconventional",),
    "mustard gas": ("unconventional",), "suicide vest": ("suicide-attack",), "explosive belt": ("suicide-attack",),
    "suicide belt": ("suicide-attack",), "truck bomb": ("explosives",), "kamikaze drone": ("drone",),
    "petrol bomb": ("primitive",), "molotov cocktail": ("primitive",), "fire bomb": ("primitive",),
    "chemical plant": (), "chemical spill": (), "chemical factory": (), "toxic waste": (), "gas explosion": (),
    "gas leak": (), "gas cylinder": (), "gas tank": (), "anti-aircraft": ("heavy-weapons",),
}

# --- actor kinds (for ACLED inter codes), by head word / modifier (lower-case lemma) ---------------
ACTOR_KIND_WORDS: dict[str, str] = {
    "army": "state", "military": "state", "troop": "state", "soldier": "state", "force": "state",
    "police": "state", "policeman": "state", "government": "state", "ministry": "state",
    "ministry_of_defence": "state", "navy": "state", "airforce": "state", "gendarmerie": "state",
    "serviceman": "state", "servicemen": "state", "authority": "state", "president": "state",
    "minister": "state", "officer": "state", "junta": "state", "regime": "state", "state": "state",
    "border": "state", "guard": "state", "prosecutor": "state", "court": "state", "judge": "state",
    "rebel": "rebel", "insurgent": "rebel", "separatist": "rebel", "guerrilla": "rebel",
    "guerilla": "rebel", "militant": "rebel", "jihadist": "rebel", "fighter": "rebel",
    "insurgency": "rebel", "movement": "rebel", "front": "rebel",
    "militia": "militia", "militiaman": "militia", "militiamen": "militia", "paramilitary": "militia",
    "vigilante": "militia", "gang": "militia", "settler": "militia",
    "protester": "protesters", "demonstrator": "protesters", "protestor": "protesters",
    "rioter": "rioters", "mob": "rioters",
    "civilian": "civilians", "resident": "civilians", "villager": "civilians", "child": "civilians",
    "woman": "civilians", "people": "civilians", "refugee": "civilians", "family": "civilians",
    "journalist": "civilians", "worker": "civilians", "student": "civilians", "farmer": "civilians",
    "passenger": "civilians", "patient": "civilians", "displaced": "civilians", "population": "civilians",
    "peacekeeper": "external", "peacekeeping": "external", "un": "external", "nato": "external",
    "mission": "external", "contingent": "external",
}

# --- PLOVER -> ACLED (CODEBOOKS "Mapping PLOVER -> ACLED") -------------------------------------------
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
ORGANISED_KINDS: frozenset[str] = frozenset({"state", "rebel", "militia", "identity_militia", "external"})
STATE_KINDS: frozenset[str] = frozenset({"state"})
CIVILIAN_KINDS: frozenset[str] = frozenset({"civilians"})
PROTESTER_KINDS: frozenset[str] = frozenset({"protesters"})
RIOTER_KINDS: frozenset[str] = frozenset({"rioters"})
# remote-violence modes, in order of precedence
ACLED_REMOTE_SUBTYPES: tuple[tuple[str, str], ...] = (
    ("suicide-attack", "Suicide bomb"),
    ("unconventional", "Chemical weapon"),
    ("aerial", "Air/drone strike"),
    ("drone", "Air/drone strike"),
    ("grenade", "Grenade"),
    ("explosives", "Remote explosive/landmine/IED"),
    ("heavy-weapons", "Shelling/artillery/missile attack"),
)
LETHAL_MODES: frozenset[str] = frozenset({"firearms", "heavy-weapons", "explosives", "aerial", "drone", "primitive", "targeted"})
DIRECT_HARM_MODES: frozenset[str] = frozenset({"firearms", "beat", "primitive", "targeted", "torture"})

ACLED_INTER_CODES: dict[str, int] = {
    "state": 1, "state forces": 1, "government": 1,
    "rebel": 2, "rebels": 2, "rebel groups": 2,
    "militia": 3, "political_militia": 3, "political militia": 3, "political militias": 3,
    "identity_militia": 4, "identity militia": 4, "identity militias": 4,
    "rioters": 5, "rioter": 5,
    "protesters": 6, "protester": 6,
    "civilians": 7, "civilian": 7,
    "external": 8, "other": 8, "external/other forces": 8,
    "unknown": 0, "none": 0, "": 0,
}
