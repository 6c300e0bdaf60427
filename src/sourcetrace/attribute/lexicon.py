"""Word lists the attribution rules rest on.

Lemmas, lower-case. Kept in one place so a reviewer can see (and extend) every word a
judgement depends on; the rules in `cues.py` and `sources.py` only read these sets.
"""

from __future__ import annotations

# Verbs that introduce what somebody says, writes, reports or holds ("X said that ...").
SPEECH_VERBS = frozenset(
    """
    say tell state claim note add explain report write announce argue assert insist warn
    stress emphasize emphasise declare suggest predict admit acknowledge confirm deny reveal
    recall remind complain comment respond reply answer urge promise pledge vow estimate
    conclude allege maintain contend testify disclose indicate mention observe concede
    agree believe think fear hope expect learn inform notify assure clarify specify tweet
    post reiterate repeat recount describe signal hint imply recognize recognise boast joke
    quip lament counter retort dispute question doubt feel consider suspect guess find show
    demonstrate advise recommend propose demand threaten reckon speculate forecast caution
    announce brief attest certify proclaim affirm assess judge explain voice express speak
    point underline highlight notice call outline stipulate instruct order accuse blame charge
    """.split()
)

# Verbs of accusation: whom they accuse and of what is the claim, with or without an accuser
# ("X accused the board of ignoring warnings"; "Russian spies were blamed for the rift").
ACCUSATION_VERBS = frozenset("accuse blame charge suspect fault".split())
ACCUSATION_PREPOSITIONS = frozenset("of for with".split())  # "accused of", "blamed for", "charged with"

# Verbs whose complement can be a plain noun phrase that is the reported content
# ("Foreign media notice attempts by the West to ..."). Narrow on purpose: a noun object
# of "say" is rarely a claim, an object of "report" or "confirm" usually is.
OBJECT_CUE_VERBS = frozenset(
    "report announce confirm deny reveal notice note predict acknowledge admit disclose allege forecast rule".split()
)

# Nouns that are cues when they carry a that-clause ("Zaluzhny's statements that ...",
# "expressed confidence that ...").
CUE_NOUNS = frozenset(
    """
    statement claim assertion word remark report allegation assurance warning confidence
    belief opinion view hope fear concern conviction assumption suggestion promise admission
    announcement information rumor rumour news testimony insistence argument prediction
    speculation message declaration accusation charge suspicion understanding expectation
    assessment estimate conclusion finding
    """.split()
)

# "express / voice / share an opinion" — the verb whose subject is the source of a noun cue.
LIGHT_CUE_VERBS = frozenset("express voice share make give issue offer state repeat".split())

# Nouns a backward reference uses: "This opinion was expressed by X", "X shared this view".
BACKWARD_NOUNS = frozenset(
    "opinion view point assessment statement position information data idea version "
    "conclusion estimate forecast prediction thought sentiment claim argument".split()
)

# Verbs that name who a reporter relies on: "X, citing Y", "X, referring to Y".
CITING_VERBS = frozenset("cite quote refer".split())

# Heads of a specific but unnamed source.
ANONYMOUS_HEADS = frozenset(
    """
    official source diplomat officer insider aide person individual employee staffer member
    representative spokesman spokeswoman spokesperson adviser advisor investigator lawmaker
    executive operative confidant acquaintance friend relative colleague associate witness
    whistleblower interlocutor contact participant negotiator agent soldier serviceman
    """.split()
)

# Heads of a group or hearsay source.
VAGUE_HEADS = frozenset(
    """
    media press expert analyst observer critic commentator many some other people resident
    rumor rumour voice circle blogger user netizen pundit economist scholar scientist
    researcher specialist politician supporter opponent opposition public society everyone
    everybody someone somebody anyone they reports outlets news information western
    """.split()
)

# Heads of a document source ("the report says", "according to the decree").
DOCUMENT_HEADS = frozenset(
    """
    report decree statement document study survey poll letter memo memorandum law resolution
    communique data research article analysis investigation message order filing lawsuit
    complaint indictment transcript release figure estimate assessment website post tweet
    note review audit paper book record records minutes file footage video recording
    bulletin dossier cable email email press-release verdict ruling judgment judgement
    """.split()
)

# Nouns naming a person by role; used to resolve "the journalist" to the person so described.
PERSON_ROLE_NOUNS = frozenset(
    """
    journalist reporter correspondent columnist editor writer author president minister
    secretary aide adviser advisor ambassador spokesman spokeswoman spokesperson chairman
    chairwoman chair director head chief leader commander colonel general officer senator
    congressman congresswoman governor mayor lawyer attorney prosecutor judge scientist
    politician expert analyst economist professor historian candidate premier chancellor
    king queen prince envoy deputy lawmaker diplomat official representative founder ceo
    activist commissioner inspector coach captain military_man man woman
    """.split()
)

# Nouns naming an organisation by type; "the newspaper" resolves to the outlet named before.
OUTLET_NOUNS = frozenset(
    "newspaper paper publication outlet agency channel magazine journal website site "
    "broadcaster tabloid daily weekly portal network station edition".split()
)
ORGANIZATION_NOUNS = OUTLET_NOUNS | frozenset(
    """
    ministry government administration department office agency committee council court
    army military side campaign company party authorities authority service kremlin
    parliament congress senate commission bank firm corporation union alliance embassy
    headquarters staff police prosecutor's presidency cabinet bureau institute university
    organization organisation group team association federation chamber coalition league
    foundation society fund movement commission prosecution
    """.split()
)

# Words that mark an ORG-typed span as an outlet when NER cannot tell.
OUTLET_NAME_WORDS = frozenset(
    """
    times post news journal herald gazette telegraph guardian tribune daily press agency
    izvestia tass ria novosti interfax reuters bloomberg cnn bbc nbc abc cbs fox politico
    axios breitbart huffpost vedomosti kommersant pravda media tv radio magazine review
    courier chronicle observer standard star sun mirror express independent globe
    """.split()
)

# Words in a proper-noun span that mean it is not a person's name.
NON_PERSON_NAME_WORDS = frozenset(
    """
    council ministry party committee times post news agency university institute bank
    union federation republic states kingdom house office department army forces court
    company group corporation inc ltd llc foundation church logistics holdings industries
    partners airlines motors shipping freight systems technologies pharmaceuticals
    """.split()
)

# Roles of people whose reports an article relays ("an official told him": him, the journalist).
JOURNALIST_ROLES = frozenset("journalist reporter correspondent columnist writer author editor".split())

FIRST_PERSON = frozenset("i me we us my our myself ourselves".split())
THIRD_PERSON_SINGULAR = frozenset("he him she her his himself herself".split())
THIRD_PERSON_PLURAL = frozenset("they them their themselves".split())

# Agentless passive subjects: "It is noted that ...", "It was reported that ...".
EXPLETIVES = frozenset("it there".split())

# Quotation marks, opening → closing.

# Lower-case words inside a person's name: "Anna de la Cruz", "Ludwig van Dam", "Omar bin Said".
NAME_PARTICLES = frozenset("de del della der di da dos du la le van von bin al y".split())

# Dependency labels of a verb's subject, active and passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
