"""Readings of bare words: which accented form a query typed without diacritics means.

"ban hang" could be bán hàng (selling) or bàn hạng; the corpus says which one people
write.  Candidates come from the syllable itself (every way of putting marks on its
vowels and đ), kept only if the index holds them, and ranked by how many documents do.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Callable
from functools import lru_cache
from itertools import product
from math import log1p, prod

from indexer.text import normalize_tones

_QUALITIES = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = set("aăâeêioôơuưy")
TOP = 5
MAX_SYLLABLE = 8


@lru_cache(maxsize=4096)
def spellings(bare: str) -> tuple[str, ...]:
    """Every accented spelling of a bare syllable, in pyvi's tone placement.

    >>> "hàng" in spellings("hang") and "hạng" in spellings("hang") and "đường" in spellings("duong")
    True
    >>> len(spellings("hang")), spellings("2023")
    (18, ('2023',))
    """
    if not bare.isalpha() or not bare.isascii() or len(bare) > MAX_SYLLABLE:
        return (bare,)
    found: list[str] = []
    for letters in product(*(_QUALITIES.get(ch, ch) for ch in bare)):
        vowels = [i for i, ch in enumerate(letters) if ch in _VOWELS]
        for tone in _TONES:
            for i in vowels if tone else [None]:
                word = "".join(ch + tone if j == i else ch for j, ch in enumerate(letters))
                found.append(normalize_tones(unicodedata.normalize("NFC", word)))
    return tuple(dict.fromkeys(found))


def syllable_readings(reader, bare: str) -> list[tuple[int, str]]:
    """(documents, syllable) for each accented form the index holds, most used first."""
    counts = [(reader.doc_frequency("text", form), form) for form in spellings(bare)]
    return sorted((c for c in counts if c[0]), reverse=True)[:TOP]


def word_readings(reader, bare_word: str) -> list[tuple[int, str]]:
    """(documents, reading) for each accented form of a bare word the index holds, most used
    first.  A word of several syllables must exist as a segmented word in the index, so a
    reading is one the corpus writes, not a product of likely syllables.  At most
    MAX_COMBINATIONS are looked up (the least used syllable readings go first), and the
    answer is kept for the reader: planning and the suggestion both ask."""
    if reader is None:
        return []
    known = _ANSWERS.setdefault(reader, {})
    if bare_word not in known:
        known[bare_word] = _word_readings(reader, bare_word)
    return known[bare_word]


# Per reader (one a snapshot): dropped with it.
_ANSWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
MAX_COMBINATIONS = 64


def _word_readings(reader, bare_word: str) -> list[tuple[int, str]]:
    parts = bare_word.split("_")
    options = [syllable_readings(reader, p) for p in parts]
    if not all(options):
        return []
    if len(parts) == 1:
        return options[0]
    while prod(len(o) for o in options) > MAX_COMBINATIONS:
        longest = max(options, key=len)
        longest.pop()  # its least used reading
    found = []
    for combination in product(*options):
        word = "_".join(form for _, form in combination)
        count = reader.doc_frequency("text_word", word)
        if count:
            found.append((count, word))
    return sorted(found, reverse=True)[:TOP]


def best_reading(reader, bare_word: str) -> str | None:
    """The accented form of a bare word ("ban_hang") most documents use, or None."""
    found = word_readings(reader, bare_word)
    return found[0][1] if found else None


# How much a reading's own frequency counts beside how often it stands next to its
# neighbours' readings: enough to break ties, never enough to outvote the context.
FREQUENCY_WEIGHT = 0.25


def readings_in_context(reader, bare_words: list[str], beside: Callable[[str, str], int]) -> list[str | None]:
    """The reading of each of a query's bare words, chosen together: the sequence whose
    neighbouring readings stand side by side in the most documents (`beside(first, second)`
    counts them, the first's last syllable against the second's first), with each
    reading's own frequency as a tie-break.  "bao lu mien trung" is bão lũ miền trung,
    though báo is the most used reading of "bao" on its own.
    """
    options = [word_readings(reader, word) for word in bare_words]
    chosen: list[str | None] = []
    path: dict[str, tuple[float, list[str]]] = {}
    for found in [*options, []]:
        if not found:  # a word without readings ends a run; each run is chosen on its own
            if path:
                chosen.extend(max(path.values())[1])
            if len(chosen) < len(bare_words):
                chosen.append(None)
            path = {}
            continue
        step: dict[str, tuple[float, list[str]]] = {}
        for count, reading in found:
            own = FREQUENCY_WEIGHT * log1p(count)
            if not path:
                step[reading] = (own, [reading])
                continue
            step[reading] = max(
                (score + own + log1p(beside(last.split("_")[-1], reading.split("_")[0])), [*words, reading])
                for last, (score, words) in path.items()
            )
        path = step
    return chosen[: len(bare_words)]
