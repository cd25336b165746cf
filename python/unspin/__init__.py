"""Find and repair spun text.

Article spinners swap words and phrases for thesaurus synonyms ("The
Associated Push" for *The Associated Press*, "regulation enforcement" for
*law enforcement*); paper mills do the same to science ("counterfeit
consciousness" for *artificial intelligence*). ``unspin`` finds such
phrases, says how sure it is that a text was spun, and puts the original
wording back.

>>> import unspin
>>> unspin.repair("Regulation enforcement mentioned the suspect fled.")
'Law enforcement mentioned the suspect fled.'
>>> u = unspin.Unspinner(mode="aggressive")
>>> r = u.repair("Regulation enforcement mentioned the suspect fled.")
>>> r.text
'Law enforcement said the suspect fled.'
>>> [(e.spun, e.replacement, e.tier) for e in r.edits]
[('Regulation enforcement', 'Law enforcement', 'fix'), ('mentioned', 'said', 'context')]
>>> unspin.score("The court ruled on Tuesday.").verdict
'clean'

The native module does the work; this package adds the Spark helper
(:mod:`unspin.spark`) and the datatrove steps (:mod:`unspin.datatrove`),
which import their frameworks only when used.
"""

from ._unspin import (
    Comparison,
    DictionaryError,
    PhraseCounter,
    Edit,
    Reason,
    Repair,
    Score,
    Unspinner,
    __version__,
    MIN_SIMILARITY,
    band_keys,
    band_pairs,
    fingerprint,
    fingerprint_similarity,
    repair,
    score,
)

__all__ = [
    "Comparison",
    "DictionaryError",
    "PhraseCounter",
    "Edit",
    "Reason",
    "Repair",
    "Score",
    "Unspinner",
    "__version__",
    "MIN_SIMILARITY",
    "band_keys",
    "band_pairs",
    "fingerprint",
    "fingerprint_similarity",
    "repair",
    "score",
]
