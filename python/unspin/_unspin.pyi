"""Type stubs of the native module ``unspin._unspin``."""

import os
from typing import Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union, final


_Verdict = Literal["clean", "suspicious", "spun"]
_Mode = Literal["conservative", "auto", "aggressive"]
_Tier = Literal["fix", "context"]
_EditKind = Literal["phrase", "article"]
_DictionarySource = Union[str, bytes, "os.PathLike[str]", Tuple[str, str]]

__version__: str
__all__ = [
    "band_keys",
    "band_pairs",
    "fingerprint",
    "fingerprint_similarity",
    "repair",
    "score",
    "Comparison",
    "DictionaryError",
    "Edit",
    "PhraseCounter",
    "Reason",
    "Repair",
    "Score",
    "Unspinner",
    "__version__",
    "MIN_SIMILARITY",
]

class DictionaryError(ValueError):
    """A dictionary line that cannot be used; the message starts with its ``file:line``."""

@final
class Edit:
    """One change made by a repair: ``text[start:end] == spun`` in the input."""

    start: int
    end: int
    spun: str
    replacement: str
    tier: _Tier
    kind: _EditKind
    dictionary: str
    line: int
    def to_dict(self) -> dict: ...

@final
class Reason:
    """What one signal adds to a score's logit."""

    signal: str
    input: float
    contribution: float

@final
class Score:
    """How spun a text looks, and why."""

    @property
    def verdict(self) -> _Verdict: ...
    @property
    def probability(self) -> float: ...
    @property
    def logit(self) -> float: ...
    @property
    def words(self) -> int: ...
    @property
    def fix_matches(self) -> int: ...
    @property
    def distinct_fix_entries(self) -> int: ...
    @property
    def context_matches(self) -> int: ...
    @property
    def distinct_context_entries(self) -> int: ...
    @property
    def article_disagreements(self) -> int: ...
    @property
    def spun_forms(self) -> float: ...
    @property
    def original_forms(self) -> float: ...
    @property
    def density(self) -> float:
        """``fix`` matches per 1,000 words."""
    @property
    def reasons(self) -> List[Reason]: ...
    def to_dict(self) -> dict: ...

@final
class Repair:
    """The repaired text and the edits that made it."""

    @property
    def text(self) -> str: ...
    @property
    def edits(self) -> List[Edit]: ...
    @property
    def score(self) -> Optional[Score]:
        """The input's score when the repair was asked for with ``score=True``."""

@final
class Unspinner:
    """Repairs spun text with the bundled dictionaries and any of your own.

    Immutable, safe to share between threads, and pickled as the arguments
    that rebuild it (with the dictionaries' text, not their paths).
    """

    def __new__(
        cls,
        mode: _Mode = "auto",
        dictionaries: Sequence[_DictionarySource] = (),
        allow: Sequence[str] = (),
        builtin: bool = True,
        window_words: Optional[int] = None,
    ) -> "Unspinner": ...
    @property
    def mode(self) -> _Mode: ...
    @property
    def dictionaries(self) -> List[str]: ...
    @property
    def allow(self) -> List[str]: ...
    @property
    def builtin(self) -> bool: ...
    @property
    def window_words(self) -> int: ...
    def repair(self, text: str, *, score: bool = False) -> Repair: ...
    def repair_text(self, text: str) -> str: ...
    def score(self, text: str) -> Score: ...
    def repair_batch(
        self, texts: Sequence[str], threads: Optional[int] = None, *, score: bool = False
    ) -> List[Repair]: ...
    def score_batch(self, texts: Sequence[str], threads: Optional[int] = None) -> List[Score]: ...
    def compare(self, first: str, second: str) -> Optional[Comparison]:
        """One story? spun? which side? ``None`` when either text is empty or too long."""
    def spun_phrases(self, pairs: Sequence[Tuple[str, str, str]]) -> List[str]:
        """The spun phrases of the substitutions of (name, spun, original) pairs."""
    def learn_dictionary(
        self,
        pairs: Sequence[Tuple[str, str, str]],
        clean_uses: Mapping[str, int] = ...,
        clean_words: int = 0,
    ) -> str:
        """The learned dictionary of the pairs, with uses counted in clean documents."""

@final
class Comparison:
    """What comparing two documents found."""

    @property
    def verdict(self) -> Literal["first_spun", "second_spun", "not_spun", "undecided", "different"]: ...
    @property
    def shared(self) -> float: ...
    @property
    def swaps(self) -> int: ...
    @property
    def swapped(self) -> float: ...
    @property
    def swap_share(self) -> float: ...
    @property
    def second_swapped(self) -> float: ...
    @property
    def second_swap_share(self) -> float: ...
    @property
    def known(self) -> int: ...
    @property
    def probability(self) -> float: ...
    @property
    def rarity(self) -> float: ...

@final
class PhraseCounter:
    """Counts uses of phrases in texts, as the learner counts them."""

    def __new__(cls, phrases: Sequence[str]) -> "PhraseCounter": ...
    def count(self, text: str) -> Dict[str, int]: ...
    def clean_uses(self, text: str) -> Tuple[Dict[str, int], int]: ...

def fingerprint(text: str) -> Optional[List[int]]:
    """The MinHash signature of the names and numbers of ``text``, or ``None``."""

MIN_SIMILARITY: float

def band_pairs(signatures: Sequence[Sequence[int]]) -> List[Tuple[int, int]]:
    """The pairs (indices) of a band's members to compare."""

def band_keys(signature: Sequence[int]) -> List[int]:
    """The LSH band keys of a signature (unsigned 64-bit integers)."""

def fingerprint_similarity(first: Sequence[int], second: Sequence[int]) -> float:
    """The share of equal values of two signatures."""

def repair(text: str) -> str:
    """Repairs ``text`` with the bundled dictionaries in the default mode."""

def score(text: str) -> Score:
    """Scores ``text`` with the bundled dictionaries."""
