#!/usr/bin/env python3
"""Build dictionaries/science.tsv from the Problematic Paper Screener's tortured phrases.

Usage (from anywhere; paths are relative to the repository root):

    python3 scripts/import-pps.py [PPS_TSV] [--clean-corpus PATH...]

PPS_TSV defaults to ../shared/data/pps-tortured-phrases.tsv. The script writes

    dictionaries/science.tsv          the dictionary, compiled into unspin by build.rs
    dictionaries/science-dropped.txt  every PPS row left out, with the reason

The input is the PPS list of tortured phrases (columns spun, expected, pps_query,
papers) by Guillaume Cabanac, Cyril Labbé and Alexander Magazinov, CC BY 4.0.

Each output line has the engine's strict six columns

    spun<TAB>original<TAB>tier<TAB>source<TAB>forms<TAB>note

with `forms` always empty here, `source` = `pps:N` (N = PPS paper count, `pps` when
unknown) and `note` recording how the tier was decided (greppable prefixes such as
`fix: multi-word, plain query` or `context: single word`).

What the script does, in order (each step is a function below):

 1. read the PPS rows;
 2. drop rows whose expected text is a note rather than a replacement (or has a '?');
 3. clean both sides: drop parenthetical/bracketed remarks and acronyms, lowercase the
    spun side, give the original a sensible case;
 4. drop rows whose key is not usable (starts/ends with a non-word character, folds
    to its own original, equals a key of another bundled dictionary);
 5. merge rows whose cleaned keys fold to the same key (keep the row PPS saw most);
 6. choose the tier by rule: `context` for single words, keys whose PPS query needed
    an AND/NOT/OR/proximity clause, keys whose PPS query relied on a parenthetical
    that step 3 cut off, keys with a high paper count, short keys that begin or end
    with a function word; `fix` for the other multi-word keys;
 7. optionally demote any remaining `fix` key that occurs in a clean corpus
    (`--clean-corpus PATH...`: files or directories; .gz/.dz files are decompressed),
    then the keys judged ordinary English by reading them (ORDINARY_USAGE);
 8. remove chains: an original may not contain any key (ours or another bundled
    dictionary's) on word boundaries, since unspin repairs in one pass;
 9. write both files, sorted by key.

Python 3 standard library only. The output depends only on the input TSV, the other
bundled dictionaries (for keys we must not chain with or duplicate) and the corpora
given, all of which are named in the generated header.
"""

import argparse
import collections
import gzip
import os
import re
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INPUT = os.path.join(REPO, "..", "shared", "data", "pps-tortured-phrases.tsv")
OUT_TSV = os.path.join(REPO, "dictionaries", "science.tsv")
OUT_DROPPED = os.path.join(REPO, "dictionaries", "science-dropped.txt")

# A key that PPS found in this many papers or more is treated as ordinary usage:
# a phrase that only paper mills write does not show up in thousands of papers.
HIGH_PAPER_COUNT = 1000

# Keys of at most this many words that begin or end with one of FUNCTION_WORDS are
# fragments that ordinary sentences produce ("it may sound just like", "outcomes
# likewise improved", "gaining knowledge of"), so they are `context`.
SHORT_KEY_WORDS = 3
FUNCTION_WORDS = set(
    """a an the of in on at to for by with from into onto upon and or nor but as is are
    was were be been being am that this these those it its their his her our your my we
    they he she you i which who whom whose what when where while how why if than then
    so such just also likewise too very not no all any some each every more most less
    much many can may will would should could shall might must has have had do does did
    about over under up out off down there here again only even still yet""".split()
)

# --------------------------------------------------------------------------------------
# Judgment calls, made by reading the rows. Everything else is decided by rule.
# --------------------------------------------------------------------------------------

# Keys (after cleaning) that are ordinary (scientific) English although PPS saw them in
# fewer than HIGH_PAPER_COUNT papers and no clean corpus here contains them. They are
# kept as `context` with the note `context: ordinary usage (judged)`. Chosen by reading
# every key that the rules left as `fix`: a phrase goes here when a careful writer
# could use it in its ordinary sense ("random woodland", "human blunder", "thin
# movies", "consequences be damned", "savvy devices", "low-fat eating routine"), or a
# scientist could write it as a term of its own ("reverse osmosis process", "crispr
# related proteins", "automatic number plate detection"). Semicolon-separated.
ORDINARY_USAGE = {
    " ".join(key.split())
    for key in """
    128 pieces; 192 pieces; 256 pieces; 3rd birthday party; a couple of shot learning; a
    significant lot of time; abnormal state of trust; absolutely linked; accuracy and
    review; accuracy of an order; accuracy of the mannequin; acknowledgement of feeling;
    acknowledgment of feeling; acoustic highlights; actual globe; added substance model;
    adeptly employed; administered learning; adversely charged; ailment stages; ailment
    transmission; air fine; alzheimer's ailment; alzheimer's infection; alzheimer's
    sickness; ancient rarities; antiquated occasions; apex of food web; appraisal season;
    approval dataset; area of intrigue; arrangement and relapse; arrangement precision;
    arranging framework; articulation of qualities; articulation of the desire; assault
    model; assault procedures; assault vector; asthma assaults; atomic garbage; attractive
    ink; attractive nanocomposite; attractive resonance; attractive separation; attractive
    strip; audio sign; autocorrelation work; automated thinking; automated tomography;
    automatic number plate detection; awful bank; balance fixation; balance operator;
    ballot strategy; banking quarter; banks execution; beginning boundaries; best guess
    estimate; best of service; big-time salary; bigoted and oppressive; biological
    assault; bit job; blended speech; blind temperature; blood ailments; blood clusters;
    board information; bodily duties; bodily layer; book autonomous; bosom milk; bouncing
    box; bouncing boxes; boundless drive; bracket algorithm; bracket techniques; brainy
    device; breast illness; brilliant card; brilliant contract; brilliant gadget;
    brilliant home; brilliant machine; brilliant sensors; brilliant watches; butterfly
    impact; camera sack; cancer grouping; canny devices; canny sensors; capricious
    woodlands; carbon dioxide emanation; carbon liberation; carbon secretion;
    cardiovascular breakdown; cardiovascular movement; cardiovascular wellbeing; catalysis
    of nitrophenol to aminophenol; categorization designs; cease result; ceaseless
    estimations; ceaseless probability; ceaseless speech; chairperson benefits; changing
    development factor; chaotic grid; characteristic choice; characteristic extraction;
    chart tagging; checking the votes; chest harm; choice timber; chronicled information;
    circular flask; citizen turnout; classification and relapse; clever card; clever grid;
    clever home; clever house; clever meter; clever town; clog control; cloud worker; club
    strongholds; cnn engineering; co2 emissivities; co2 secretion; coaching set; combined
    learning; commotion levels; compound designing; computer-based intelligence;
    computer-generated reality; computerized mark; concealed node; conflict layer;
    consequences be damned; constant fatigue syndrome; constant lung infection;
    constructive linkage; conviction breaks; convolution activity; convolutional neural
    structure; coronary ailment; coronary heart sicknesses; coronary sickness; covid-19
    pestilence; covid-19 terrible; created and creating; creature models; credibility
    hypothesis; crispr related proteins; crispr-related protein; criticism circle; crohn's
    ailment; crohn's infection; crohn's sickness; crop checking; cross entropy work; cruel
    temperature; customary strategies; cutting edge sequencing; cyclic neural network;
    dark matter expectation; data privacy trouble; data wisdom; decent contender; deep
    acquisition; deep mastering technique; degree of grasp; denial of administration;
    depressing influence; desire tree; destiny research; dialect model; different object
    tracking; digital assault; digital danger; digital promoting; dimensionality discount;
    direct blend; dirt impurities; disappointment rate; discourse blend; discourse
    investigation; discourse recognition; discourse record; discourse signs; discourse
    tests; disordered grid; dispersion lattice; dispersion organization; disposition
    issues; dna fix; dna grouping; dormant environment; down to earth issue; drawn
    aimlessly; dreary layers; drug delivery frameworks; dry hack; dwindled liquidity;
    earlier likelihood; eccentric tree; eccentric woods; ecological cataclysm; ecological
    downfall; ecological excellence; economic prosperousness; economical nature; educated
    assent; education data; education information; effective gadget; elderly folks;
    elective energy; electron magnifying lens; electronic thinking; electronic wellbeing
    record; element extractor; elliptic bends; emphatically charged; endless ailments;
    enduring state; energy ingestion; enlarged reality; enormous language models; enter
    statistics; enthusiastic condition; enthusiastic state; equal calculation; essential
    element analysis; ethnic gatherings; evidence of labor; examination drive; exception
    recognition; excessive benchmark; excessively enormous; exchange hindrance; excretion
    of co2; expanded creation; exposed metal workers; extreme acid/base; extreme ailment;
    face popularity; facial highlights; fake insight; fake intelligence; fake knowledge;
    false error rate; far from customary; far off sensing; far-flung sensing; farsighted
    power; fashionable duties; feeling detection; feeling examination; firefly
    calculation; first class of service; first-rate tree; fitness situation; fitness
    statistics; flag classification; flag handling; flawlessly crystalline; foe assaults;
    foetus removal; fortification learning; frail design; frail supervision; framework
    breakdown; functional houses; fundamental gathering; fundamental metals; fuzzy common
    sense; fuzzy good judgment; fuzzy guideline; gabor work; gamble factors; gaps in this
    area of study; gathering of patients; generate more items; genome altering; genome
    planning; geographic data framework; get to data; getting ready and testing; getting
    to know algorithm; getting to know model; getting to know motivation; ghg discharge;
    good diffusion technique; gorgeous belongings; gotten impressive consideration; great
    tuning; greater considerate; green item; green money; green publicizing; greenhouse
    gas discharges; greenhouse gas emanation; guard dog equipment; gum ailments; habitat
    crumbling; hack noises; handmade highlight; handmade highlights; haphazardly sent;
    harmony treaty; has turned out to be a standout; haze processing; healthcare answer;
    heart assault; heart cadence; hereditarily different; hereditary programming;
    hereditary recombination; hesitance to drink; histogram balance; histogram levelling;
    hit fee; homogeneity of difference; horrible ramifications; hostile assault; http
    demands; huge data analytics; huge quantities of individuals; human blunder;
    human-computer connection; humanoid action; hyperspectral photos; hyperspectral
    picture; image fragmentation; imaginative and prescient; immature nations;
    impersonation results; important component analysis; in this think about; inadequate
    change; increased commerce; incredible programming; incremental sales strategies;
    indispensable organs; indistinguishable twins; infinitesimal life forms; info layer;
    information collection procedure; information distribution center; information
    enlargement; infused code; initiation possibility; initiation work; injection assault;
    innate heart; insurance plot; intemperate levels; intense angle; interconnected
    burdens; intermediate commodities; intermittent neural networks; interrupt
    localization; irregular request; irregular walks; irregularity discovery; irregularity
    identification; irregularity recognition; isolating hyperplane; jupyter journal; keen
    agreement; keen city; keen climate; keen framework; keen gadget; keen home; keen
    household; kidney sickness; knowledge-based commerce; knowledge-driven commerce;
    ladies and youngsters; ladies of childbearing-age; ladylike and manly; leave out
    charge; lethargic learning; likely harmfulness; lion's share vote; lion's share
    voting; liquidity hazard; liquor reliance; little bunch size; liver malady; liver
    sickness; low-fat eating routine; lower respiratory sickness; luxurious equipment;
    machine gaining; machine mastery; machines getting to know; major factor analysis;
    man-in-the-middle assault; manufactured insights; manufactured voice; market rivalry;
    mastering behaviors; material predictor; measurable investigation; measurable
    technique; measurably critical; medical aid management; medicinal judgement; mellow
    side effects; mental helper; message grouping; message verification codes; microsoft
    dominate; middle filter; mind boggling and troublesome; mind waves; misleading
    negative; miss fee; mitigating the virus spread; mitochondrial harm; monetary
    disaster; monetary emergency; monetary exercise; monetary fall; monetary misfortunes;
    monetary presentation; monetary progression; money related framework; money related
    trade; money-related decision; money-related security; money-related strategy;
    money-saving advantage; mossy cup oak; motivation reaction; mouse and console; murder
    chain; musical highlight; named data sets; natural photovoltaic; net of factors; net
    of things; neural network recovery; neurological group; new crown; new-age medication;
    new-fangled virus; nonstop checking; nonstop handling; nonstop mixing; normal language
    handling; normalizes the appearance; noteworthy affiliation; noteworthy connection;
    nourishment security; nourishment shortage; number juggling; numerical highlights;
    numerous quantum mechanical; nursery gas; objective receptor; obvious anti-tumor
    activity; openness therapy; opportune and dependable; optimistic and important;
    optimistic impact; order and relapse; organization assault; outfit learning;
    outlandish proposition; over the top energy; overlap increment; ozone depleting
    substance discharge; ozone harming substance; pace and correctness; pairwise
    closeness; parallel blend; parkinson's ailment; parkinson's infection; parkinson's
    sickness; part-of-speech labeling; passionate condition; passionate mood; password
    assault; patient gathering; pay and exchange; people against machines; perception
    vector; persistent speech; personalized remedies; phantom examinations; phone core;
    phony picture; photo reputation; photo segmentation; photograph segmentation;
    physiological highlights; picture grouping; picture handling strategies; picture
    portrayal; picture recovery; picture splitting; place of interest; plant ailments;
    polling form; pollution heaven; populace development; populace increment; populace
    size; popularity accuracy; port examining; positive predictive ratio; potentially
    prompting harm; power-law change; pre-prepared model; preparation arrangement;
    preparation occasion; preparing and approval; preparing database; preparing design;
    preparing pictures; preparing set; present-day nation; preventive fitness care;
    principal component assessment; procedure structure; productive linkage; profession
    formation; profound education; profound figuring; profound layers; profound mastering;
    profound model; profound organizations; programming climate; proof of idea; proper
    meditation; protuberant peak; provocative surrounding; proximity of the disease;
    public key framework; put away in the cloud; quality conveyance; quantitative
    achievement; quantum trouble; question set; quick fourier transform; quickening the
    rate; quite right privacy; races are responsible; random stroll; random wood; random
    wooded area; random woodland; reaction pace; rebellious innovation; reconnaissance
    framework; records arrangement; refusal of administration; regular language handling;
    reinforcement mastering; reinforcement studying; rejected from the examination;
    remaining vitality; repetitive layers; repetitive organization; research gadget; reset
    door; resource bubble; restorative centers; restorative imaging; restorative picture;
    restorative records; reverberation frequency; reverse osmosis process; rheumatoid
    joint pain; rotation woodland; rubbing coefficient; rubbish glass; rural yield; sack
    of words; safe starch; savvy card; savvy city; savvy contract; savvy devices; savvy
    framework; savvy home; savvy house; savvy libraries; savvy lighting; savvy lock; savvy
    machines; savvy material; savvy phones; savvy speakers; savvy vehicle; scholarly rot;
    school education data; schooling dataset; schooling information; secret node; seeing
    errands; segmentation handling; selection making; self-governing driving;
    self-governing vehicle; sensible cities; sensible grid; separated highlights;
    seriousness assessment; sexual direction; sexual introduction; shading histogram;
    shading pictures; shading space; sham alarm; shrewd agreement; shrewd city; shrewd
    home; shrewd household; shrewd sensors; skin malignant growth; skin sickness; slight
    underlying contrasts; slope plunge; smart agreement; smart coordination; soil
    wellbeing; solar board; solitary analysis; solo learning; sound highlight; spam
    crusade; spam sifting; speaking neural network; speculation capacity; speculation
    execution; splendid watches; sport hypothesis; square mistake; stage pay; state of
    rate; statistic augmentation; statistics retrieval; stochastic angle; stochastic
    segregation; stoner experience; storage gadget; straight hyperplanes; straight
    technique; street mishap; structural pitch; stupid structure; substandard prognosis;
    successive information; sun powered cell; sunlight-based energy; supervised mastering;
    supervised studying; supply chain control; suppress the proliferation of germs;
    surface harshness; surgical intercession; sustenance security; sustenance waste; swarm
    improvement; switch interpretation; switch mastering; switch studying; take a look at
    set; therapeutic gadgets; thermogravimetric examination; thin movies; throwing a vote;
    thyroid lump; tongue processing; top notch picture; total national production; touchy
    facts; touchy records; trademark highlights; traffic design; transactions are unknown;
    transfer mastering; transfer studying; transient highlights; troublesome technologies;
    tune in to client; types of hydrolysis products; unaided learning; unattended
    learning; uncommon transformations; undefined material; underground energy transport;
    unknown assault; unpleasant structures; unseen layer; untamed life; upper appendage;
    upsetting environments; utilitarian gatherings; utilized to check the robustness;
    versatile clients; versatile hub; vicious audit; virtual personal network; visually
    defective; vital determinant; vital predictor; vital success factor; vitality source;
    voice highlights; voter authenticity; votes projected; walk 2020; warm camera; warm
    capacity; warm radiation; warm subject matter; warmth exchange; warmth source; watery
    arrangement; wavelet decay; wavelet transition; web assault; web building team;
    well-being emergency; well-being hazard; well-educated model; well-judged changes;
    wellbeing intentions; wellspring of income; whatever remains of the paper; wiener
    channel; wise structure; wise transportation; world financial standpoint; worldwide
    inquiry; worldwide parameters; wormhole assault
    """.split(";")
    if key.strip()
}

# Rows whose expected text is a note or a list of alternatives that the generic rules
# below do not catch, keyed by the spun phrase as PPS writes it (lowercased).
EXPECTED_IS_NOTE = {
    "down-testing",  # "downsampling, upsampling": two alternatives
}

# Capitalised words that are proper names (or start one), so an original keeps their
# capital: "Naïve Bayes", "Kalman filter", "Alzheimer's disease". Other capitals that
# PPS writes (Title Case, a sentence's first letter) are lowercased, because unspin
# carries the case of the matched text onto the replacement anyway. Taken from the
# capitalised words of the PPS expected column: those WordNet lists only with a
# capital, plus names that WordNet lacks.
PROPER_WORDS = set(
    """Gaussian European Bayes Fourier Markov American Parkinson's Alzheimer's Gabor
    Boltzmann Bayesian Microsoft Hilbert Huntington's Reynolds Crohn's Bernoulli York
    English Asian Gibbs British Linux Asia Euler Kuznets Gutenberg Huang Europe Stokes
    Sybil Waals Bohr Rayleigh Young's Lovelace Doppler Caspian Bragg Dirac Arrhenius
    Sherwood Golgi George Laplace Boston Taylor Poisson Hahn Stefan Helsinki England
    Newtonian Bernard Lewis Watson Vienna Canadian Hellman Dow Jones Newton's Anderson
    Pasteur Iran Wisconsin Shapley Bessel Panama Byzantine Medicaid Spanish African
    Atlantic Palestine Irish Africa Swiss
    Dirichlet Dulbecco Wilcoxon Lyapunov Nusselt Bluetooth Rosseland Intel Grashof
    Wasserstein Mastercard Teager Hénon Henon Holt Winters Navier Kalman Fluka Chemica
    Pearson's Prandtl Eckert Butterworth Gini Mahalanobis Laplacian Brinkman Jahn Hough
    Rician Bronsted Tamura Hartmann Arnold's Viterbi Krasovskii Lobatto Knudsen Behnken
    Hadoop Darcy Boltzman Timoshenko Clarivate Youtube Solaris Romney Jenkins Chebyshev
    Walsh Hadamard Blu Keras Diffie Hurst Legendre Voronoi Kullback Leibler Waikoloa
    Vegard's Lagrange Lagrangian Runge Kutta Pochhammer Akaike Vineland Runge's Bergh
    Lewy Bhattacharyya Jupyter Lyme's Python Java Eagle's Dulbecco's Tobacco""".split()
)

# --------------------------------------------------------------------------------------
# Folding and words, as the engine sees them (src/normalize.rs, README "What a match is")
# --------------------------------------------------------------------------------------

QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\uff07": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\uff02": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\ufe63": "-", "\uff0d": "-",
}
QUOTE_TABLE = str.maketrans(QUOTES)


def fold(text):
    """The engine's key folding: NFC, lowercase, typographic quotes and dashes made
    straight, whitespace runs (NBSP included) collapsed to one space, trimmed."""
    text = unicodedata.normalize("NFC", text).lower().translate(QUOTE_TABLE)
    return " ".join(text.split())


# A word is a run of letters/digits (combining marks included), with apostrophes
# allowed between two of them; every other non-space character is a token of its own.
# Matching token sequences then gives the engine's whole-word matches (a key "bosom"
# matches "bosom," and "bosom-like" but not "bosoms").
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+(?:'(?:[^\W_]|[\u0300-\u036f])+)*|[^\s]")
WORD_RE = re.compile(r"^(?:[^\W_]|[\u0300-\u036f])")


def tokens(text):
    """The folded text as a tuple of word and punctuation tokens."""
    return tuple(TOKEN_RE.findall(fold(text)))


def is_word_token(tok):
    return bool(WORD_RE.match(tok))


class KeyIndex:
    """Finds which keys occur on word boundaries in a token sequence.

    Keys are token tuples; they are grouped by their first token, so a scan costs one
    dictionary lookup per token of text plus a comparison per candidate key."""

    def __init__(self, keys):
        self.by_first = collections.defaultdict(list)
        for key in set(keys):
            if key:
                self.by_first[key[0]].append(key)

    def find(self, toks):
        """Yields every key that occurs in toks (each occurrence)."""
        for i, tok in enumerate(toks):
            for key in self.by_first.get(tok, ()):
                if toks[i:i + len(key)] == key:
                    yield key


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------


class Row:
    """One PPS row and what became of it."""

    def __init__(self, line, spun, expected, query, papers):
        self.line = line  # line number in the PPS file, for the dropped list
        self.spun = spun  # as PPS writes it
        self.expected = expected
        self.query = query
        self.papers = int(papers) if papers.strip().isdigit() else None
        self.key = None  # cleaned spun phrase, lowercase
        self.stripped = False  # a trailing parenthetical was cut off the spun phrase
        self.original = None  # cleaned expected text
        self.tier = None
        self.note = None

    @property
    def source(self):
        return "pps" if self.papers is None else f"pps:{self.papers}"


def read_pps(path):
    """Reads the PPS TSV: '#' comment lines, a header line, then 4 columns a row."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                if cols[:4] != ["spun", "expected", "pps_query", "papers"]:
                    sys.exit(f"{path}:{number}: unexpected header {cols!r}")
                header_seen = True
                continue
            if len(cols) != 4:
                sys.exit(f"{path}:{number}: expected 4 columns, found {len(cols)}")
            rows.append(Row(number, *cols))
    return rows


# --------------------------------------------------------------------------------------
# Step 2 and 3: notes, cleaning, case
# --------------------------------------------------------------------------------------

PAREN_RE = re.compile(r"\s*\([^()]*\)")
BRACKET_RE = re.compile(r"\s*\[[^\[\]]*\]")
TRAILING_PAREN_RE = re.compile(r"\s*\([^()]*\)\s*$")
# Signs that the expected column holds a remark for humans, not a replacement.
NOTE_RE = re.compile(
    r"https?:|\bsee\b|->|\b(?i:meaning unclear|the words?\b.*\bas in|paraphrased|"
    r"search and replace)|\.\.\.|\*|=|\bAND\b"
)


def unquote(text):
    """PPS escapes some quotes as \\" and wraps some values in them; remove both."""
    text = re.sub(r"\\([^\w\s])", r"\1", text).strip()  # \" and \& are escapes
    if len(text) >= 2 and text[0] in "\"\u201c" and text[-1] in "\"\u201d" \
            and text.count('"') + text.count("\u201c") + text.count("\u201d") == 2:
        text = text[1:-1].strip()
    return text


def clean_spun(spun):
    """Lowercase, drop a trailing parenthetical ("web of things (iot)" -> "web of
    things"), straighten quotes and dashes, collapse whitespace."""
    spun = unquote(spun)
    spun = TRAILING_PAREN_RE.sub("", spun)
    return fold(spun)


def clean_expected(expected, key):
    """Returns (original, None) or (None, reason for dropping the row).

    Parenthetical and bracketed remarks are removed ("deep neural network (DNN)",
    "support vector (in SVM)", "[neural network] layer outputs"), except a
    parenthetical that the spun phrase itself contains ("receiver operating
    characteristic (ROC) wind" keeps "(ROC)")."""
    if "?" in expected:
        return None, "expected text contains '?'"
    text = unquote(expected)
    folded_key = fold(key)

    def drop_unless_in_key(m):
        inner = m.group(0).strip()
        return m.group(0) if fold(inner) in folded_key else ""

    # Brackets first ("[long] short-term memory (LSTM)"), then parentheses until none
    # remain (nested ones go from the inside out).
    text = BRACKET_RE.sub(drop_unless_in_key, text)
    previous = None
    while previous != text:
        previous = text
        text = PAREN_RE.sub(drop_unless_in_key, text)
    # A parenthesis PPS forgot to close ("nuclear medicine (nm") is a remark too.
    text = re.sub(r"\s*\([^()]*$", "", text)
    text = " ".join(text.split()).strip(" ,;:")
    if not text:
        return None, "expected text is only a remark"
    if NOTE_RE.search(text):
        return None, "expected text is a note, not a replacement"
    if re.search(r"[()\[\]]", PAREN_RE.sub("", BRACKET_RE.sub("", text))):
        return None, "expected text has unbalanced brackets"
    # "fault analysis/diagnosis", "renal or kidney failure": alternatives, unless the
    # spun phrase has the same shape ("grasp/slave" -> "master/slave").
    if text.count("/") > key.count("/"):
        return None, "expected text lists alternatives ('/')"
    if len(re.findall(r"\bor\b", text, re.I)) > len(re.findall(r"\bor\b", key)):
        return None, "expected text lists alternatives ('or')"
    # A replacement far longer than the phrase is a description of what it means.
    if len(text.split()) - len(key.split()) >= 4:
        return None, "expected text is a description (4+ words longer than the phrase)"
    return text, None


def fix_case(original, spun):
    """Lowercase the capitals that PPS writes for style, keep those of names.

    A part (split at spaces, '-' and '/') keeps its case when it is an acronym or
    mixed case ("TCP/IP", "siRNA", "K-means", "F1") or a known name (PROPER_WORDS).
    Other capitals are lowercased: "Machine Learning (ML)" gives "machine learning",
    and unspin carries the case of the matched text ("Machine mastering" ->
    "Machine learning") anyway. When the spun phrase is itself a capitalised name of
    three or more words ("World Wellbeing Association"), the original is a name too
    and is kept as PPS writes it ("World Health Organization")."""
    spun_words = re.findall(r"[^\W_][\w']*", TRAILING_PAREN_RE.sub("", unquote(spun)))
    content = [
        w for w in spun_words
        if w.lower() not in FUNCTION_WORDS and not (len(w) > 1 and w.isupper())
    ]
    if len(content) >= 3 and all(w[0].isupper() for w in content):
        return original

    def part_case(part):
        letters = [c for c in part if c.isalpha()]
        if len(letters) <= 1 or any(c.isdigit() for c in part):
            return part
        if len(part) > 4 and part[:2].isupper() and part[2:].islower():
            return part.lower()  # a typo: "TEchnique"
        if sum(c.isupper() for c in letters) >= 2 or not part[0].isupper():
            return part  # acronym, mixed case, or already lowercase
        if part in PROPER_WORDS:
            return part
        return part.lower()

    return re.sub(r"[^\s\-/\u2013]+", lambda m: part_case(m.group(0)), original)


# --------------------------------------------------------------------------------------
# Step 6: tiers
# --------------------------------------------------------------------------------------


def query_clause(query):
    """The kind of extra clause a PPS query needed, or None for a plain phrase."""
    if re.search(r"\bAND\b", query):
        return "AND clause in PPS query"
    if re.search(r"\bNOT\b", query):
        return "NOT clause in PPS query"
    if re.search(r"\bOR\b", query):
        return "OR clause in PPS query"
    if re.search(r'"~\d+', query):
        return "proximity (~N) clause in PPS query"
    return None


def choose_tier(row):
    """Sets row.tier and row.note from the rules, most decisive first."""
    words = [t for t in tokens(row.key) if is_word_token(t)]
    # "Single word" as a reader counts: "pre-handling" is one word, "bosom peril" two.
    single = len(row.key.split()) == 1
    clause = query_clause(row.query)
    if single:
        row.tier, row.note = "context", "context: single word"
    elif clause:
        row.tier, row.note = "context", f"context: {clause}"
    elif row.stripped:
        # PPS searched for "closest neighbor (NN)"; without the "(NN)" the key is
        # plain English and the paper count says nothing about it.
        row.tier, row.note = "context", "context: PPS query relied on the stripped parenthetical"
    elif row.papers is not None and row.papers >= HIGH_PAPER_COUNT:
        row.tier, row.note = "context", f"context: high paper count ({row.papers} papers)"
    elif "caveat" in row.expected.lower():
        row.tier, row.note = "context", "context: PPS warns of false positives"
    elif len(words) <= SHORT_KEY_WORDS and (
        words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS
    ):
        row.tier, row.note = "context", "context: short key begins or ends with a function word"
    elif row.query.strip():
        row.tier, row.note = "fix", "fix: multi-word, plain query"
    else:
        row.tier, row.note = "fix", "fix: multi-word, no PPS query recorded"


# --------------------------------------------------------------------------------------
# Step 7: clean corpora
# --------------------------------------------------------------------------------------


def display_path(path):
    """A path as the header shows it: relative to the repository when inside it."""
    path = os.path.abspath(path)
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def corpus_files(path):
    """The readable text files under path (a file or a directory), sorted."""
    if os.path.isdir(path):
        found = []
        for root, dirs, files in os.walk(path):
            dirs.sort()
            found.extend(os.path.join(root, f) for f in sorted(files))
        return found
    return [path]


def read_corpus_file(path):
    """The text of one corpus file, or None for a binary file (fortune's .dat index
    files, images). .gz and .dz (dictzip) files are decompressed."""
    if os.path.islink(path):
        return None  # fortunes' .u8 names are links to files we read anyway
    opener = gzip.open if path.endswith((".gz", ".dz")) else open
    with opener(path, "rb") as f:
        data = f.read()
    if b"\0" in data[:65536]:
        return None
    text = data.decode("utf-8", errors="replace")
    # WordNet joins the words of a lemma with '_' ("random_forest").
    return text.replace("_", " ")


def demote_by_corpora(rows, corpora, log):
    """Demotes to `context` every `fix` key that occurs in a clean corpus.

    Returns {corpus: (keys found, fix keys demoted)} for the report."""
    stats = {}
    fix_rows = {}
    for row in rows:
        if row.tier == "fix":
            fix_rows.setdefault(tokens(row.key), []).append(row)
    all_keys = {tokens(row.key): row for row in rows}
    index = KeyIndex(all_keys)
    for corpus in corpora:
        name = display_path(corpus)
        found = set()
        files = 0
        for path in corpus_files(corpus):
            text = read_corpus_file(path)
            if text is None:
                continue
            files += 1
            # Scan paragraph by paragraph to keep memory flat; line breaks inside a
            # paragraph are whitespace, as they are to the engine.
            for chunk in re.split(r"\n\s*\n", text):
                found.update(index.find(tokens(chunk)))
        demoted = 0
        for key in found:
            for row in fix_rows.get(key, ()):
                if row.tier == "fix":
                    row.tier = "context"
                    row.note = f"context: occurs in clean text ({name})"
                    demoted += 1
        stats[name] = (files, len(found), demoted)
        log(f"clean corpus {name}: {files} files, {len(found)} keys occur, "
            f"{demoted} fix keys demoted")
    return stats


# --------------------------------------------------------------------------------------
# Other bundled dictionaries
# --------------------------------------------------------------------------------------


def read_other_dictionaries():
    """(key, original, file:line) of every entry of the other bundled dictionaries,
    i.e. dictionaries/*.tsv except science.tsv and the allowlists allow*.tsv, with the
    entries that their forms column generates (see expand_forms)."""
    entries = []
    folder = os.path.join(REPO, "dictionaries")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".tsv") or name == "science.tsv" or name.startswith("allow"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = [c.strip() for c in line.split("\t")]
                if len(cols) < 2:
                    continue
                forms = cols[4] if len(cols) > 4 else ""
                for spun, original in expand_forms(cols[0], cols[1], forms):
                    entries.append((spun, original, f"{name}:{number}"))
    return entries


def expand_forms(spun, original, forms):
    """The phrase pairs a dictionary line stands for: the pair, then each item of its
    forms column (`s`, `'s`, `ed`, `ing`, `X=word`, `A>B`), which changes the last word
    of both phrases. A port of src/inflect.rs, so that keys generated by another
    dictionary are seen here too (an unknown item is ignored; the build reports it)."""

    def with_last(phrase, f):
        head, sep, last = phrase.rpartition(" ")
        return head + sep + f(last)

    def consonant_y(word):
        return len(word) >= 2 and word[-1] in "yY" and word[-2].isalpha() \
            and word[-2].lower() not in "aeiou"

    def plural(word):
        if word.lower().endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        return word[:-1] + "ies" if consonant_y(word) else word + "s"

    def past(word):
        if word.endswith("e"):
            return word + "d"
        return word[:-1] + "ied" if consonant_y(word) else word + "ed"

    def participle(word):
        if word.endswith("ie"):
            return word[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
            return word[:-1] + "ing"
        return word + "ing"

    pairs = [(spun, original)]
    plural_pair, possessive = None, False
    for item in (i.strip() for i in forms.split(",")):
        if not item:
            continue
        if ">" in item:
            a, b = (x.strip() for x in item.split(">", 1))
            pairs.append((with_last(spun, lambda _: a), with_last(original, lambda _: b)))
            continue
        suffix, _, word = item.partition("=")
        suffix, word = suffix.strip(), word.strip() or None
        if suffix == "'s":
            possessive = True
            continue
        rule = {"s": plural, "ed": past, "ing": participle}.get(suffix)
        if rule is None:
            continue
        pair = (with_last(spun, rule),
                with_last(original, (lambda _: word) if word else rule))
        if suffix == "s":
            plural_pair = pair
        pairs.append(pair)
    if possessive:
        pairs.append((spun + "'s", original + "'s"))
        if plural_pair:
            pairs.append(tuple(p + "'" if p.endswith("s") else p + "'s" for p in plural_pair))
    return pairs


# --------------------------------------------------------------------------------------
# The pipeline
# --------------------------------------------------------------------------------------


def build(rows, corpora, log):
    dropped = []  # (row, reason)

    def drop(row, reason):
        dropped.append((row, reason))

    # Steps 2-3: notes and cleaning.
    candidates = []
    for row in rows:
        if unquote(row.spun).lower() in EXPECTED_IS_NOTE:
            drop(row, "expected text lists alternatives (judged)")
            continue
        row.key = clean_spun(row.spun)
        row.stripped = bool(TRAILING_PAREN_RE.search(unquote(row.spun)))
        original, reason = clean_expected(row.expected, row.key)
        if reason:
            drop(row, reason)
            continue
        row.original = fix_case(original, row.spun)
        candidates.append(row)

    # Step 4: unusable keys.
    others = read_other_dictionaries()
    other_keys = {fold(k): where for k, _, where in others}
    usable = []
    for row in candidates:
        toks = tokens(row.key)
        if not toks:
            drop(row, "spun phrase is empty after cleaning")
        elif not is_word_token(toks[0]) or not is_word_token(toks[-1]):
            drop(row, "key starts or ends with a non-word character")
        elif fold(row.key) == fold(row.original):
            drop(row, "spun phrase folds to its own original")
        elif fold(row.key) in other_keys:
            drop(row, f"same key as {other_keys[fold(row.key)]}")
        else:
            usable.append(row)

    # Step 5: one row per folded key: a row whose PPS query was the key itself (no
    # parenthetical cut off), then the one PPS saw in the most papers, then the first.
    by_key = collections.OrderedDict()
    for row in sorted(usable, key=lambda r: (r.stripped, -(r.papers or 0), r.line)):
        kept = by_key.setdefault(fold(row.key), row)
        if kept is not row:
            same = fold(kept.original) == fold(row.original)
            what = "duplicate of" if same else "conflicts with"
            drop(row, f"key {what} PPS line {kept.line} ({kept.key!r} -> {kept.original!r})")
    entries = list(by_key.values())

    # Step 6: tiers by rule, step 7: corpora.
    for row in entries:
        choose_tier(row)
    corpus_stats = demote_by_corpora(entries, corpora, log)
    # Last, the judgment calls, for what the rules and the corpora left as `fix`.
    judged = 0
    for row in entries:
        if row.tier == "fix" and row.key in ORDINARY_USAGE:
            row.tier, row.note = "context", "context: ordinary usage (judged)"
            judged += 1
    known = {r.key for r in entries}
    for key in sorted(ORDINARY_USAGE - known):
        log(f"note: ORDINARY_USAGE key {key!r} is not a key of this build")

    # Step 8: chains. Repeat until no original contains a key: dropping an entry
    # never creates a chain, so this ends.
    other_index = KeyIndex(tokens(k) for k, _, _ in others)
    other_where = {tokens(k): w for k, _, w in others}
    while True:
        live = {tokens(r.key): r for r in entries}
        index = KeyIndex(live)
        victims = {}
        for row in entries:
            orig = tokens(row.original)
            for key in other_index.find(orig):
                victims.setdefault(id(row), (row, f"original contains the key "
                                   f"{' '.join(key)!r} of {other_where[key]} (chain)"))
            for key in index.find(orig):
                hit = live[key]
                if hit is row:
                    victims.setdefault(id(row), (row, "original contains its own key"))
                else:
                    # The key is part of real scientific wording (another row's
                    # original), so it is the key that goes.
                    victims.setdefault(id(hit), (hit, f"key occurs in the original "
                                       f"{row.original!r} of PPS line {row.line} (chain)"))
        # Keys that occur in the originals of the other dictionaries go too.
        for _, orig_text, where in others:
            for key in index.find(tokens(orig_text)):
                hit = live[key]
                victims.setdefault(id(hit), (hit, f"key occurs in the original "
                                   f"{orig_text!r} of {where} (chain)"))
        if not victims:
            break
        for row, reason in victims.values():
            drop(row, reason)
        gone = {id(r) for r, _ in victims.values()}
        entries = [r for r in entries if id(r) not in gone]

    return entries, dropped, corpus_stats


HEADER = """\
# Tortured phrases of paper mills: spun phrase -> the scientific term it replaced.
# Pairs from the Problematic Paper Screener (PPS) by Guillaume Cabanac, Cyril Labbé
# and Alexander Magazinov, CC BY 4.0. Source `pps:N` gives the PPS paper count
# (`pps` when PPS gives none).
# Columns: spun, original, tier, source, forms (always empty here), note.
# Generated from {input} ({rows} rows) by
#   {command}
# Do not edit by hand: change the script and run it again. Rows left out are listed,
# with the reason, in science-dropped.txt.
# Tiers: `context` for single words, keys whose PPS query needed an AND/NOT/OR or
# proximity clause, keys whose PPS query relied on a parenthetical cut off here, keys
# in {high}+ papers, short keys that begin or end with a function word, keys found in
# the clean corpora below, and keys judged ordinary English; `fix` for the other
# multi-word keys. The note column says which rule decided.
# Clean corpora checked (a fix key found in one becomes context):
{corpora}
# Entries: {total} ({fix} fix, {context} context). Sorted by spun phrase.
"""


def sort_key(text):
    return text.lower().encode("utf-8")


def write_outputs(entries, dropped, args, rows, corpus_stats):
    entries = sorted(entries, key=lambda r: sort_key(r.key))
    counts = collections.Counter(r.tier for r in entries)
    if corpus_stats:
        corpora = "\n".join(
            f"#   {name}: {files} files, {found} keys found, {demoted} fix keys demoted"
            for name, (files, found, demoted) in corpus_stats.items()
        )
    else:
        corpora = "#   none (see --clean-corpus)"
    header = HEADER.format(
        input=os.path.basename(args.input), rows=len(rows), high=HIGH_PAPER_COUNT,
        command=" ".join(["python3 scripts/import-pps.py"] + (
            ["--clean-corpus"] + [display_path(c) for c in args.clean_corpus]
            if args.clean_corpus else [])),
        corpora=corpora, total=len(entries), fix=counts["fix"], context=counts["context"],
    )
    lines = header.splitlines()
    with open(OUT_TSV, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
        for r in entries:
            f.write(f"{r.key}\t{r.original}\t{r.tier}\t{r.source}\t\t{r.note}\n")

    reasons = collections.Counter(reason_class(reason) for _, reason in dropped)
    with open(OUT_DROPPED, "w", encoding="utf-8", newline="\n") as f:
        f.write("# PPS rows that scripts/import-pps.py left out of science.tsv, with the reason.\n")
        f.write("# Not a dictionary: the build compiles only *.tsv files.\n")
        f.write(f"# {len(dropped)} rows dropped of {len(rows)}; by reason:\n")
        for reason, n in reasons.most_common():
            f.write(f"#   {n:5d}  {reason}\n")
        f.write("# Columns: PPS line, reason, spun, expected, source.\n")
        for row, reason in sorted(dropped, key=lambda d: d[0].line):
            f.write(f"{row.line}\t{reason}\t{row.spun}\t{row.expected}\t{row.source}\n")
    return counts, reasons


def reason_class(reason):
    """The reason without its row-specific detail, for counting."""
    reason = re.sub(r" \(.*?\)$", "", reason)
    reason = re.sub(r"PPS line \d+.*", "PPS line N", reason)
    reason = re.sub(r"the key '.*?' of (\w+\.tsv):\d+", r"a key of \1", reason)
    reason = re.sub(r"the original .* of (PPS line N|\w+\.tsv):?\d*", r"the original of \1", reason)
    reason = re.sub(r"same key as (\w+\.tsv):\d+", r"same key as \1", reason)
    return reason


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", default=DEFAULT_INPUT,
                        help="the PPS TSV (default: ../shared/data/pps-tortured-phrases.tsv "
                             "from the repository root)")
    parser.add_argument("--clean-corpus", nargs="+", default=[], metavar="PATH",
                        help="files or directories of clean English; a fix key found "
                             "in them becomes context")
    args = parser.parse_args()
    args.input = os.path.normpath(args.input)

    def log(message):
        print(message, file=sys.stderr)

    rows = read_pps(args.input)
    entries, dropped, corpus_stats = build(rows, args.clean_corpus, log)
    counts, reasons = write_outputs(entries, dropped, args, rows, corpus_stats)
    log(f"{len(rows)} PPS rows -> {len(entries)} entries "
        f"({counts['fix']} fix, {counts['context']} context), {len(dropped)} dropped")
    notes = collections.Counter(re.sub(r" \(\d+ papers\)", "", r.note) for r in entries)
    for note, n in notes.most_common():
        log(f"  {n:5d}  {note}")
    log("dropped:")
    for reason, n in reasons.most_common():
        log(f"  {n:5d}  {reason}")


if __name__ == "__main__":
    main()
