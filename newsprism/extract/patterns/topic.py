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
    # demonstrations and riots, and how they are policed (ACLED's protests and riots)
    r"demonstrat(?:ors?|ions?|ed|ing)", r"rall(?:y|ies|ied|ying)", r"marche(?:d|rs)", r"marching", r"sit-ins?",
    r"die-ins?", r"rioted", r"rioting", r"rioters", r"unrest", r"tear ?gas", r"water cannons?", r"rubber bullets",
    r"pepper[- ]spray(?:ed)?", r"crackdown", r"mobs?", r"lynch(?:ed|es|ing|ings)?", r"vigilantes?",
    r"loot(?:ed|ing|ers)?", r"torched", r"arson", r"vandal(?:s|ism|i[sz]ed)", r"molotov",
    # armed violence named by its doers and means, and weapons found or seized
    r"gunm[ae]n", r"gunfire", r"opened fire", r"shot dead", r"kidnapp(?:ed|ing|ers?)", r"bombers?",
    r"explosives?", r"pistols?", r"rifles?", r"firearms?", r"guns?", r"bullets", r"ammunitions", r"grenades?",
    r"rap(?:e|ed|es)", r"sexual (?:violence|assault)", r"tortured?",
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

# ----------------------------------------------------------------------------------------------
# Article-level topic cues: who or what does the harm. Weighted regular-expression stems.
# Violence by organised actors and protest (ACLED's scope) on one side; hazards and other beats
# that also count dead and injured (disasters, accidents, crime, sport, markets, science) on the
# other. Casualty words belong to neither: a sentence's other cues decide whose harm it reports.
# ----------------------------------------------------------------------------------------------

VIOLENCE_CUES: tuple[tuple[str, float], ...] = (
    # organised armed actors
    (r"troops|soldiers?|servicem[ae]n|militants?|rebels?|insurgents?|militias?|militiam[ae]n|paramilitar(?:y|ies)|"
     r"gunmen|jihadists?|separatists?|guerrillas?|fighters|armed (?:groups?|forces|men)|security forces|"
     r"terrorists?|army|military|warplanes?|navy", 2.0),
    # acts of war and political violence
    (r"air ?strikes?|drone strikes?|missile strikes?|shelling|shelled|bombardments?|bombings?|suicide bomb(?:er|ing)s?|"
     r"missiles?|rockets?|artillery|mortars?|ambush(?:ed)?|massacres?|offensive|clash(?:es|ed)?|fighting|"
     r"assassinat(?:ed|ion)|landmines?|hostages?|abduct(?:ed|ion)s?|sieges?|besieged?|invasion|invaded|"
     r"occupation|ceasefire|truce|hostilities|insurgency|coup|genocide|ethnic cleansing|terror(?:ist)? attacks?|"
     r"terrorism|counter-terror(?:ism|ist)|anti-terror(?:ist)?|war|wars|warfare|shot dead|opened fire|gunfire|"
     r"live (?:rounds|bullets|ammunition)|looting|looted|raided|attack(?:s|ed|ing)?|armed conflicts?|munitions|"
     r"chemical weapons?|nerve agents?|ammunition|(?:arms|weapons) caches?|caches? of (?:arms|weapons|firearms)", 2.0),
    # protest and its policing
    (r"protests?|protesters?|protested|protesting|demonstrat(?:ors|ions?)|rall(?:y|ies)|riots?|rioters|rioting|"
     r"crackdown|tear ?gas|water cannons?|rubber bullets|marchers|uprising|unrest|curfew|dissidents?|"
     r"opposition supporters", 2.0),
    # violence by unorganised crowds and sexual violence (ACLED's mob violence, sexual violence)
    (r"mobs?|lynch(?:ed|es|ing|ings)?|vigilantes?|rap(?:e|ed|es)|sexual (?:violence|assault)", 2.0),
    (r"displaced by fighting", 1.0),
)
# Words conflict and police reporting share: they count for violence only in a sentence that
# already has a violence cue ("police fired tear gas and arrested 40 protesters"), not in one of
# police work alone ("police arrested a 46-year-old man").
SHARED_CUES: tuple[tuple[str, float], ...] = (
    (r"weapons?|armed|forces|violence|violent|arrests?|arrested|detain(?:ed|ees?)|police|officers?|"
     r"firearms?|guns?|shot|shooting|attacked", 1.0),
)

HAZARD_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "natural disaster": (
        (r"floods?|flooding|flooded|floodwaters?|flash floods?|rains?|rainfall|downpours?|storms?|cyclones?|"
         r"hurricanes?|typhoons?|tornado(?:es)?|earthquakes?|quakes?|aftershocks?|tsunamis?|landslides?|"
         r"mudslides?|droughts?|wildfires?|bushfires?|volcan(?:o|oes|ic)|eruptions?|heat ?waves?|avalanches?|"
         r"monsoons?|landfall|magnitude|epicent(?:re|er)|seismic|tremors?|forecasters?|meteorolog\w*|"
         r"weather|natural disasters?|rainy seasons?|epidemic|outbreak|cholera", 2.0),
        (r"rescuers?|rescue (?:teams?|workers|efforts?)|search and rescue|disaster management|relief", 1.0),
    ),
    "health": (
        (r"ebola|viruse?s?|viral|influenza|flu|h\dn\d|diseases?|infect(?:ed|ion|ions|ious)|vaccin\w+|pandemic|"
         r"covid(?:-19)?|coronavirus|symptoms|quarantine|isolation unit|world health organi[sz]ation|pathogens?|"
         r"strains?|malaria|measles|tuberculosis|hiv|aids", 2.0),
    ),
    "accident": (
        (r"crash(?:ed|es)?|collisions?|collided|derail(?:ed|ment)|capsized?|accidents?|accidental|drown(?:ed|ing)|"
         r"mine collapse|collapsed|miners|gas leak|blaze|firefighters?|fire-fighters?|plane crash|"
         r"road traffic|stampede", 2.0),
    ),
    "crime": (
        (r"murder(?:ed|s)?|homicides?|robber(?:y|ies|s)|burglar(?:y|ies|s)|fraud|theft|stolen|stabb(?:ed|ing)|"
         r"drug traffick\w+|smuggl\w+|serial killer|gang(?:s|sters?)?|kidnapp\w+ for ransom|court|trial|"
         r"sentenced|prosecutors?", 1.5),
        # how police and court reporting tells of one person harming another: charges, custody,
        # detectives, a suspect's age, a handgun, a coroner
        (r"charged with|in custody|detectives?|investigators said|allegedly|pleaded (?:not )?guilty|bail|jailed|"
         r"convicted|lawsuit|sued|handguns?|pistols?|knife|knives|medical examiner|coroner|autopsy|"
         r"\d+-year-old (?:man|woman|boy|girl|mother|father|son|daughter)|domestic|burglary|shoplift\w*|"
         r"carjack\w*|road rage", 1.5),
    ),
    "sport": (
        (r"football|soccer|matche?s?|goals?|league|champions|championships?|cup|finals?|tournaments?|coach|"
         r"striker|midfielder|goalkeeper|defender|scored|season|clubs?|players?|team-?mates?|stadium|fans|derby|"
         r"penalt(?:y|ies)|semi-finals?|quarter-finals?|kick-?off|half-time|wickets?|innings|medals?|olympics?|"
         r"referee|title|trophy|comeback|upset|header|offside", 1.5),
    ),
    "markets": (
        (r"shares|stocks?|stock markets?|indexes|indices|index|investors?|trading|traders|earnings|profits?|"
         r"revenues?|inflation|interest rates?|central bank|bonds?|yields?|currenc(?:y|ies)|dow jones|nasdaq|"
         r"s&p|sell-?off|bear market|bull market|market value|oil prices?|economists?|gdp", 1.5),
    ),
    "science": (
        (r"researchers|scientists?|study|studies|species|physics|chemistry|astronom\w+|telescopes?|laborator(?:y|ies)|"
         r"experiments?|journal|peer-reviewed|nobel prize", 1.5),
    ),
}

# Counts of harm: they go to whichever side the rest of their sentence is on.
CASUALTY_CUES: str = (r"kill(?:ed|ing|s)?|dead|deaths?|died|death toll|wound(?:ed|s)?|injur(?:ed|ies|y)|casualt(?:y|ies)|"
                      r"displaced|evacuat(?:ed|ion|e)|fled|missing|victims?|bodies|survivors?")
