"""Word lists for the name guard: cue words before names, and capitalized words that are not names."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.lower().split(",") if p.strip())


# Words after which the next capitalized words are a person's name ("her boyfriend Jay",
# "Officer Reyes"). Matched case-insensitively as whole words; multi-word cues end with the
# last word ("goes by", "known as").
PERSON_CUES = _words(
    """
    client clients survivor victim patient resident youth minor girl boy woman man kid child
    teen teenager mother mom mum mama father dad papa son daughter sister brother aunt uncle
    cousin grandmother grandma abuela grandfather grandpa abuelo niece nephew stepdad stepmom
    stepfather stepmother boyfriend girlfriend husband wife partner ex fiancé fiancée fiance
    friend roommate neighbor neighbour coworker co-worker employer boss manager owner landlord
    landlady recruiter trafficker traffickers pimp buyer customer sponsor guardian caregiver
    friends sisters brothers cousins daughters sons kids roommates coworkers parents
    foster named called aka a.k.a. alias nickname nicknamed signed contact caseworker
    advocate attorney lawyer counsel judge detective officer agent sergeant deputy teacher
    counselor counsellor nurse doctor pastor priest interpreter therapist worker investigator
    supervisor mr mrs ms miss mx dr prof officer ofc det sgt lt capt cpl dep atty hon rev
    fr sra srta señor señora tía tío tia tio trooper inspector ranger marshal chief himself
    herself
    """
)
# Cue words that only work as titles straight before the name, never across a comma.
TITLE_CUES = _words(
    "mr mrs ms miss mx dr prof ofc det sgt lt capt cpl dep atty hon rev fr sra srta"
)
# Multi-word cues: the word before the last must be one of these for the last to count.
PHRASE_CUES = {
    "by": _words("goes go went known"),
    "as": _words("known"),
    "is": _words("name"),
}
# Cues after which even a lower-case word is a name ("a girl named destiny").
NAMING_CUES = _words("named nicknamed aka a.k.a. alias nickname by as is")

# Lower-case joining words inside names: "Juan de la Cruz", "Anh van der Berg", "Ali bin Omar".
PARTICLES = _words(
    "de del della dela la las los le les van von der den da das do dos di du bin binti bint ibn "
    "al el ben ter ten zu af y"
)

# Words that start sentences or follow cues without being names.
FUNCTION_WORDS = _words(
    """
    i i'm i've i'd i'll a an the she he they we it you this that these those her his their our
    my your its was is are were be been has have had do does did said told asks asked who whom
    whose what which when where why how and but or nor if then so not no yes in on at to for
    with from by of as about after before during since until while because although though
    also still just only even already yet again never always often sometimes today tonight
    yesterday tomorrow now later soon then there here all any both each every some many most
    more much few several other another such same one two three four five six seven eight
    nine ten first second third last next once twice maybe perhaps please thanks okay ok well
    however therefore meanwhile instead otherwise overall finally eventually afterwards
    afterward earlier anyway apparently hopefully unfortunately luckily honestly clearly
    obviously someone somebody anyone anybody everyone everybody nobody noone nothing
    something everything anything staff police mom dad mother father family parents team
    management security nurse doctor teacher school she's he's they're we're it's that's
    there's what's don't doesn't didn't can't won't wouldn't couldn't shouldn't isn't wasn't
    aren't weren't haven't hasn't hadn't let's according given based per under over into onto
    upon via without within against between among through throughout toward towards
    should would could might must can will may shall need needs needed want wants wanted
    """
)

# Capitalized words common in casework that are not people: agencies, places, law, apps,
# calendars, languages, the bundled principles. Lower-cased; checked word by word.
NOT_NAMES = _words(
    """
    hotline national human trafficking resource center polaris project befree department
    homeland security investigations immigration customs enforcement border protection
    citizenship services child protective adult family juvenile dependency court courts
    district county city state federal supreme superior municipal circuit office offices
    bureau agency police sheriff's sheriff department's fbi hsi ice cbp uscis dhs doj dol
    hhs acf orr ovc ovw cps aps labor justice health social victim victims witness
    assistance legal aid services service program programs shelter shelters house center
    centre hospital clinic emergency room er school schools high middle elementary church
    university college community foundation coalition network alliance safe harbor law
    laws act acts code codes rule rules policy policies section sections part parts title
    titles chapter form forms supplement visa visas t u continued presence certification
    eligibility letter declaration affidavit order orders motion petition hearing trial
    probation parole medicaid medicare snap wic tanf ssi ssdi voca vawa tvpa hud hipaa
    ferpa capta caseworker advocate supervisor director manager coordinator specialist
    nasw ethics ethical standards principle principles respect autonomy self-determination
    beneficence nonmaleficence justice fidelity veracity privacy confidentiality informed
    consent trauma-informed practice survivor-centered cultural linguistic responsiveness
    least-intrusive intervention competence consultation professional boundaries integrity
    protection life duties duty warn protect mandated reporter reporting report reports
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas thanksgiving easter
    ramadan eid new year years year's day days week weeks month months spring summer fall
    autumn winter god bible jesus lord allah english spanish french portuguese chinese
    mandarin cantonese vietnamese korean japanese tagalog filipino arabic russian ukrainian
    haitian creole kreyol hindi urdu punjabi bengali somali swahili amharic tigrinya
    guatemalan honduran salvadoran mexican american african asian latina latino latinx
    hispanic indigenous méxico michoacán querétaro perú bogotá panamá haití são paulo
    ciudad juárez cancún mérida león yucatán nuevo oaxaca chiapas guerrero puebla jalisco
    tegucigalpa quetzaltenango hanoi saigon manila lagos accra crime crimes victims'
    protection protective review program's plan notes penal civil welfare
    institutions evidence criminal procedure education government revised statutes annotated
    rev stat ann gen const amendment cal tex fla ill mass mich minn planned parenthood
    a-number a-file alien ssn dob phone cell number e-mail email
    address passport plate tag goodwill salvation army red cross catholic charities ymca ywca group groups amazon missing exploited national
    international united domestic sexual human safe happy merry executive transitional
    cognitive behavioral motivational focused adverse childhood green crime
    netflix spotify native black white mam k'iche' q'eqchi' nahuatl english-speaking
    america united states us usa mexico guatemala honduras el salvador nicaragua cuba haiti
    dominican republic venezuela colombia ecuador peru brazil china india philippines
    vietnam korea thailand nigeria ghana kenya ethiopia eritrea somalia ukraine russia
    canada europe asia africa burma myanmar cambodia laos indonesia malaysia nepal bangladesh
    pakistan uganda tanzania cameroon senegal liberia morocco egypt jordan lebanon syria iraq
    iran afghanistan turkey poland romania moldova bulgaria albania belarus armenia
    uzbekistan kazakhstan kyrgyzstan tajikistan mongolia japan taiwan belize panama bolivia
    paraguay uruguay argentina chile jamaica trinidad bahamas barbados sri lanka hong kong
    costa rica sierra leone alabama alaska arizona arkansas california colorado
    connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky
    louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon
    pennsylvania rhode island tennessee texas utah vermont virginia washington west
    wisconsin wyoming puerto rico guam dc d.c. angeles francisco houston dallas austin chicago atlanta miami orlando tampa phoenix seattle portland
    denver boston philadelphia detroit baltimore las vegas charlotte nashville memphis
    newark oakland sacramento fresno el paso brooklyn bronx queens manhattan
    north south east west northern southern eastern western central upper lower greater
    instagram insta snapchat snap tiktok facebook messenger whatsapp telegram signal kik
    discord twitter reddit youtube onlyfans backpage craigslist megapersonals skipthegames
    tinder grindr bumble hinge google gmail yahoo outlook iphone android apple samsung
    cash app cashapp venmo zelle paypal western union moneygram uber lyft greyhound amtrak
    walmart target mcdonald's motel hotel inn airbnb zoom teams internet wi-fi wifi
    ok okay dear hi hello thanks re fwd note notes update updates plan plans goal goals
    summary assessment safety risk next steps option options decision outcome guide
    question answer step reasoning supervision session record export case cases client
    clients survivor survivors victim youth minor minors adult adults parent parents
    caregiver caregivers guardian guardians team staff worker workers partner partners
    provider providers attorney attorneys counsel judge judges officer officers detective
    detectives agent agents investigator investigators prosecutor prosecutors
    """
)

# Places of more than one word whose parts are not all in ``NOT_NAMES``.
PLACE_NAMES = _phrases(
    """
    san antonio, san jose, san josé, san diego, san francisco, san juan, san bernardino,
    santa ana, santa clara, santa fe, los angeles, el paso, el salvador, las vegas,
    las cruces, new orleans, corpus christi, fort worth, long beach, salt lake,
    baton rouge, kansas city, st. louis, saint louis, ciudad juárez, tijuana, monterrey,
    guadalajara, puerto rico
    """
)

# Words in ``NOT_NAMES`` that are also given names: after a cue ("her daughter April") they are.
NAMELIKE = _words(
    "april may june august georgia virginia carolina dakota austin charlotte jackson "
    "madison savannah paris india asia summer autumn christian lee grace hope joy faith "
    "jordan israel chad florence victoria sydney justice china kenya dallas"
)

# Last words that make a capitalized run a place or organisation, not a person.
PLACE_SUFFIXES = _words(
    """
    county city town village parish borough district court courthouse hospital clinic
    school academy college university church mosque temple synagogue center centre shelter
    house home motel hotel inn apartments street avenue road boulevard mall airport
    station department office bureau agency services project coalition network alliance
    foundation ministries ministry association institute restaurant bar club cafe market
    store salon spa lounge farm ranch factory company inc llc corp therapy treatment
    reduction violence abuse assault housing interviewing force unit task children youth
    families director coordinator manager examiner card line experiences stoppers birthday
    program project initiative services service plan act law code policy training
    conference network coalition alliance council committee board commission team group
    """
)

# Verbs that, straight after a lone capitalized word at a sentence start, make it a person.
PERSON_VERBS = _words(
    """
    said says told tells asked asks texted texts called calls wants wanted wrote writes
    admitted denied disclosed explained agreed refused decided mentioned reported stated
    cried laughed ran left came went stayed lives lived works worked
    """
)
# Words before a capitalized run that make it a thing, not a person ("the Planned Parenthood clinic").
ARTICLES = _words("the a an this that these those our your their its his her my every each any no")

# Words before a lone capitalized word that make it a person ("told Maria", "with Maria").
PERSON_PRECEDERS = _words(
    """
    told tell tells asked ask asks met meet meets called call calls texted text texts saw see
    sees with and gave give gives helped help helps visited visit picked drove take took
    brought bring introduced thanked trust trusts trusted loves loved hates hit hurt paid pays
    owe owes owed sold sells bought from to for about messaged emailed phoned contacted
    interviewed accompanied
    """
)
# Words before "to"/"from" that make what follows a place ("moved to Omaha").
MOTION_WORDS = _words(
    """
    went go goes going gone moved move moving drove drive flew fly traveled travelled came
    come coming back returned return relocated headed trip bus ride way road home deported
    transferred brought sent far miles away route flight train is was are were originally
    comes born family people girls women men workers
    """
)
MONTHS = _words(
    "january february march april may june july august september october november december"
)
