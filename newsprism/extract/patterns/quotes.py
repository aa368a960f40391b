"""Data for quote extraction and speaker resolution (no logic here).

Everything is general English news usage: reporting verbs, speaker titles, channel words. Nothing
here names a conflict, an outlet or a person.
"""

from __future__ import annotations

# --- quotation marks -------------------------------------------------------------------------
# Opening mark -> the marks that may close it.
DOUBLE_QUOTES: dict[str, str] = {
    "\u201c": "\u201d\u201c",  # “ … ” (and the German-style “ … “ that some feeds produce)
    "\u201e": "\u201c\u201d",  # „ … “ / „ … ”
    "\u00ab": "\u00bb",  # « … »
    "\u2039": "\u203a",  # ‹ … ›
    "\u300c": "\u300d",  # 「 … 」
}
CLOSE_DOUBLE: frozenset[str] = frozenset("\u201d\u00bb\u203a\u300d")
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN: frozenset[str] = frozenset("\u2018\u201a'")  # ‘ ‚ '
SINGLE_CLOSE: frozenset[str] = frozenset("\u2019'")  # ’ '
# Characters that may stand right before an opening mark / right after a closing mark.
OPEN_CONTEXT = " \t\n([{\u2014\u2013-/:;,\u00a0"
CLOSE_CONTEXT = " \t\n)]}.,;:!?\u2014\u2013-\u2026\u00a0"

# --- reporting verbs (lemmas) ----------------------------------------------------------------
# Verbs that introduce speech, in either order ("X said: …", "…, X said", "…, said X").
REPORTING_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "announce", "state", "write", "note", "warn", "claim", "insist",
    "explain", "stress", "emphasise", "emphasize", "declare", "assess", "ask", "conclude",
    "continue", "argue", "allege", "confirm", "vow", "pledge", "promise", "recall", "comment",
    "reply", "respond", "complain", "acknowledge", "admit", "suggest", "predict", "concede",
    "lament", "remark", "observe", "report", "tweet", "post", "read", "answer", "reiterate",
    "underline", "underscore", "caution", "threaten", "boast", "protest", "shout", "cry", "yell",
    "scream", "whisper", "recount", "describe", "demand", "urge", "plead", "appeal", "deny",
    "maintain", "contend", "assert", "affirm", "mention", "indicate", "point", "specify",
    "clarify", "testify", "inform", "quote", "cite", "counter", "retort", "sigh", "joke",
    "wonder", "estimate", "believe", "think", "hope", "fear", "accuse", "condemn", "denounce",
    "call", "term", "brand", "label", "dub", "decry", "hail", "praise", "criticise", "criticize",
    "blame", "charge", "vow", "swear", "order", "instruct", "advise", "recommend", "propose",
    "signal", "publish", "broadcast", "quip", "chant", "agree", "complain", "lament", "assure",
    "reassure", "highlight", "summarise", "summarize", "detail", "outline", "tell", "share",
    "express", "voice", "convey", "relay", "admit", "confess", "reveal", "disclose", "allege",
    "speak", "wrote",
})
# Reporting verbs that only attribute when they govern the quote (a quote after them in the same
# clause): "called the attack '…'", "accused X of '…'".
GOVERNING_ONLY_VERBS: frozenset[str] = frozenset({
    "describe", "call", "term", "brand", "label", "dub", "accuse", "condemn", "denounce", "decry",
    "hail", "praise", "criticise", "criticize", "blame", "charge", "demand", "urge", "express",
    "voice", "believe", "think", "hope", "fear", "estimate", "order", "instruct", "advise",
    "recommend", "propose", "signal", "highlight", "agree", "wonder", "speak", "share",
    "convey", "relay", "reveal", "disclose", "publish", "broadcast", "chant", "detail",
    "outline", "reassure", "assure", "inform", "counter", "threaten", "protest",
})
# Verbs whose subject is a document rather than a speaker ("the statement read").
DOCUMENT_VERBS: frozenset[str] = frozenset({"read", "say", "state", "add", "note", "declare"})
# Nouns that introduce a quote like a verb: "…, according to X"; "in the words of X".
ACCORDING_TO: tuple[tuple[str, ...], ...] = (("according", "to"), ("in", "the", "words", "of"),
                                              ("quoting",), ("quoted", "by"))

# --- labels and titles: quoted stretches that are not quotes ---------------------------------
# "what it called an 'anti-terrorist' campaign", "the so-called 'filtration' camps"
LABEL_VERBS: frozenset[str] = frozenset({"call", "describe", "term", "dub", "brand", "label",
                                          "name", "style", "characterise", "characterize"})
LABEL_WORDS: frozenset[str] = frozenset({"so-called", "called", "named", "dubbed", "termed",
                                          "branded", "codenamed", "code-named", "nicknamed",
                                          "known", "labelled", "labeled", "styled", "self-styled",
                                          "self-proclaimed"})
# "the book 'A Long Way Home'", "a report titled 'No Safe Place'"
TITLE_CUES: frozenset[str] = frozenset({
    "titled", "entitled", "book", "novel", "memoir", "film", "movie", "documentary", "song",
    "album", "series", "show", "programme", "program", "play", "poem", "headline", "hashtag",
    "slogan", "banner", "operation", "codenamed", "code-named", "campaign", "newspaper",
    "magazine", "column", "op-ed", "essay", "article", "study", "painting", "exhibition",
    "podcast", "episode", "anthem", "motto", "named", "called", "dubbed",
})

# --- speakers --------------------------------------------------------------------------------
# Head nouns of a speaker that is a person known by role ("the spokesman said").
PERSON_ROLE_NOUNS: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "minister", "president",
    "premier", "chancellor", "official", "commander", "general", "chief", "leader", "head",
    "envoy", "ambassador", "adviser", "advisor", "aide", "analyst", "diplomat", "secretary",
    "governor", "mayor", "director", "chairman", "chairwoman", "chair", "representative",
    "deputy", "colonel", "lieutenant", "captain", "major", "sergeant", "officer", "soldier",
    "journalist", "reporter", "correspondent", "resident", "witness", "doctor", "nurse",
    "surgeon", "medic", "lawyer", "prosecutor", "judge", "king", "queen", "emir", "prince",
    "sheikh", "cleric", "imam", "priest", "bishop", "patriarch", "pope", "negotiator",
    "mediator", "researcher", "expert", "scholar", "professor", "economist", "activist",
    "campaigner", "organiser", "organizer", "protester", "protestor", "demonstrator", "refugee",
    "survivor", "mother", "father", "woman", "man", "farmer", "teacher", "student", "worker",
    "volunteer", "fighter", "militant", "rebel", "commissioner", "ombudsman", "rapporteur",
    "coordinator", "administrator", "manager", "founder", "member", "lawmaker", "legislator",
    "senator", "congressman", "congresswoman", "mp", "deputy", "speaker", "politician",
    "candidate", "source", "insider", "observer", "monitor", "inspector", "investigator",
    "commentator", "historian", "specialist", "strategist", "veteran", "villager", "evacuee",
    "victim", "relative", "son", "daughter", "brother", "sister", "wife", "husband", "owner",
    "driver", "pilot", "guard", "paramedic", "physician", "ceo", "executive",
})
# A role word -> the role words it may stand for ("the leader" may be the president).
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "leader": frozenset({"president", "premier", "minister", "chancellor", "chief", "head",
                         "chairman", "chairwoman", "commander", "king", "queen", "emir",
                         "leader", "sheikh", "prince", "general", "junta"}),
    "premier": frozenset({"premier", "prime"}),
    "head": frozenset({"head", "president", "chief", "director", "chairman", "leader"}),
    "diplomat": frozenset({"diplomat", "ambassador", "envoy", "foreign", "representative",
                           "consul"}),
    "envoy": frozenset({"envoy", "representative", "ambassador"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokesman": frozenset({"spokesman", "spokesperson"}),
    "spokeswoman": frozenset({"spokeswoman", "spokesperson"}),
    "official": frozenset({"official", "minister", "secretary", "spokesman", "spokeswoman",
                           "spokesperson", "director", "deputy", "commissioner", "officer",
                           "governor", "mayor", "representative", "envoy", "adviser",
                           "advisor", "aide", "ambassador", "coordinator", "head", "chief"}),
    "adviser": frozenset({"adviser", "advisor", "aide"}),
    "advisor": frozenset({"adviser", "advisor", "aide"}),
    "aide": frozenset({"adviser", "advisor", "aide"}),
    "commander": frozenset({"commander", "general", "chief", "colonel", "head"}),
    "general": frozenset({"general", "commander"}),
    "expert": frozenset({"expert", "analyst", "scholar", "researcher", "professor",
                         "specialist"}),
    "analyst": frozenset({"analyst", "expert", "researcher", "scholar"}),
    "scholar": frozenset({"scholar", "analyst", "researcher", "professor", "expert"}),
}
# Head nouns of a speaker that is an institution ("the ministry said").
ORG_HEAD_NOUNS: frozenset[str] = frozenset({
    "ministry", "office", "presidency", "government", "army", "military", "force", "forces",
    "police", "service", "agency", "council", "committee", "command", "administration",
    "authority", "authorities", "department", "delegation", "mission", "group", "militia",
    "movement", "party", "commission", "embassy", "parliament", "court", "cabinet", "junta",
    "regime", "coalition", "alliance", "organisation", "organization", "union", "bureau",
    "directorate", "headquarters", "staff", "secretariat", "kremlin", "palace", "team",
    "brigade", "battalion", "division", "corps", "unit", "guard", "front", "network",
    "observatory", "society", "federation", "assembly", "congress", "senate", "prosecutor",
    "prosecutors", "investigators", "side", "leadership", "officials", "separatists", "rebels",
    "insurgents", "militants", "fighters", "troops", "residents", "witnesses", "sources",
    "charity", "ngo", "red", "crescent", "cross", "fund", "programme", "program", "bank",
})
# Nouns for a text that "says" something on behalf of its issuer ("a statement read").
DOCUMENT_NOUNS: frozenset[str] = frozenset({
    "statement", "communique", "communiqué", "release", "post", "message", "letter", "readout",
    "note", "declaration", "tweet", "bulletin", "notice", "text", "document", "report",
    "announcement", "memo", "resolution", "update", "dispatch", "cable", "transcript",
    "decree", "order", "directive", "leaflet", "video", "footage", "recording", "broadcast",
})
# Speaker NPs that point back to the previous speaker's kind ("…," said another).
FOLLOWUP_WORDS: frozenset[str] = frozenset({"another", "one", "other", "second", "third",
                                             "fourth", "others", "some", "many", "several"})
# Pronouns by what they can refer to.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS: frozenset[str] = frozenset({"it"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
# First/second person: inside a quote they are the speaker; outside they are unresolvable.
OTHER_PRONOUNS: frozenset[str] = frozenset({"i", "we", "you", "me", "us", "who", "which",
                                            "that", "this", "these", "those"})
# Honorifics dropped from a speaker's display name ("Mr. X" -> "X").
HONORIFICS: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.",
                                        "dr.", "sir", "dame", "madam", "mme", "mme."})

# --- channels --------------------------------------------------------------------------------
# Prepositions that introduce the channel of a statement ("on Telegram", "in a TV address").
CHANNEL_PREPS: frozenset[str] = frozenset({"on", "in", "via", "through", "at", "during",
                                           "over", "to"})
# Heads of a channel phrase.
CHANNEL_NOUNS: frozenset[str] = frozenset({
    "statement", "address", "speech", "interview", "post", "tweet", "briefing", "conference",
    "broadcast", "video", "message", "channel", "telegram", "twitter", "facebook", "x",
    "instagram", "tiktok", "youtube", "whatsapp", "signal", "media", "television", "tv",
    "radio", "podcast", "readout", "communique", "communiqué", "note", "letter", "release",
    "bulletin", "programme", "program", "show", "sermon", "remarks", "appearance", "session",
    "hearing", "meeting", "platform", "account", "website", "site", "blog", "newspaper",
    "op-ed", "column", "call", "phone", "telephone", "summit", "rally", "parliament",
    "assembly", "debate", "newsletter", "update", "clip", "footage", "recording", "livestream",
    "stream", "page", "feed", "report", "declaration", "announcement", "editorial", "article",
    "tv", "network", "outlet", "agency", "daily", "journal", "gazette", "times", "post",
})
# Addressees of "told" that are a channel rather than a person ("told reporters").
AUDIENCE_NOUNS: frozenset[str] = frozenset({"reporters", "journalists", "media", "press",
                                             "nation", "audience", "crowd", "parliament",
                                             "lawmakers", "supporters", "viewers", "listeners",
                                             "correspondents", "broadcaster", "agency",
                                             "newspaper", "television", "radio", "outlet",
                                             "channel", "daily", "network"})

# --- indirect speech -------------------------------------------------------------------------
# Verbs whose clausal complement is indirect speech ("X said that …").
INDIRECT_VERBS: frozenset[str] = frozenset({"say", "tell", "announce", "state", "claim",
                                            "warn", "insist", "add", "note", "stress",
                                            "confirm", "deny", "argue", "allege", "report",
                                            "declare", "emphasise", "emphasize", "explain",
                                            "write", "assert", "acknowledge", "admit"})

# --- short evaluative quotes -------------------------------------------------------------------
# A two- or three-word quote counts when a speaker's evaluative verb takes it as its object:
# "called the attack 'devastating news'", "condemned the 'full-scale aggression'". Other short
# quoted terms are scare quotes or labels, not quotations.
EVALUATIVE_VERBS: frozenset[str] = frozenset({
    "call", "condemn", "denounce", "decry", "slam", "brand", "term", "label", "hail", "praise",
    "accuse", "dismiss", "describe", "criticise", "criticize", "lambast", "blast", "deplore",
    "characterise", "characterize", "welcome", "reject", "warn",
})
# Institution heads so generic that "the X" may stand for any named organisation before it
# ("the RSF denied it … the group said").
GENERIC_ORG_NOUNS: frozenset[str] = frozenset({
    "group", "organisation", "organization", "movement", "militia", "alliance", "agency",
    "body", "coalition", "faction", "outfit", "network", "organ", "entity", "side", "bloc",
})

# --- quotes that hang from speech in the parse ---------------------------------------------------
# Nouns of speech whose possessor is the speaker: "Baku's claims that troops came under '…'".
REPORTING_NOUNS: frozenset[str] = frozenset({
    "claim", "statement", "assertion", "allegation", "warning", "accusation", "pledge", "promise",
    "insistence", "demand", "denial", "remark", "comment", "threat", "vow", "assurance", "appeal",
})
# Dependencies that attach a clause to a verb of speech without making it the reported words:
# "After launching '…', Baku said" (advcl), "he spoke and visited the '…' town" (conj).
NOT_SPEECH_DEPS: frozenset[str] = frozenset({"advcl", "relcl", "parataxis", "conj", "npadvmod",
                                             "nsubj", "nsubjpass", "csubj", "agent", "appos"})
# Prepositions of time, cause and circumstance on a verb of speech: "said after the '…' raid".
NOT_SPEECH_PREPS: frozenset[str] = frozenset({
    "after", "before", "since", "during", "while", "despite", "following", "amid", "until",
    "because", "at", "in", "from", "by", "near", "outside", "inside", "across", "through",
    "throughout", "into", "over", "under", "upon", "within", "without", "like", "unlike",
    "with", "toward", "towards", "around", "between", "among",
})

# --- gender agreement of personal pronouns ---------------------------------------------------
PRONOUN_GENDER: dict[str, str] = {"she": "f", "her": "f", "he": "m", "him": "m"}
# Honorifics and role words that mark a person's gender ("Mrs X", "spokeswoman X", "X, a mother").
GENDERED_WORDS: dict[str, str] = {
    **{w: "f" for w in ("mrs", "ms", "miss", "madam", "mme", "dame", "lady", "spokeswoman",
                        "chairwoman", "congresswoman", "businesswoman", "policewoman",
                        "councilwoman", "woman", "mother", "wife", "daughter", "sister",
                        "grandmother", "widow", "queen", "princess", "actress", "girl", "aunt",
                        "niece", "duchess", "empress", "nun", "sheikha", "begum")},
    **{w: "m" for w in ("mr", "sir", "spokesman", "chairman", "congressman", "businessman",
                        "policeman", "councilman", "man", "father", "husband", "son", "brother",
                        "grandfather", "widower", "king", "prince", "actor", "boy", "uncle",
                        "nephew", "duke", "emperor", "monk", "sheikh")},
}
