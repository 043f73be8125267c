"""Readings of bare words: which accented form a query typed without diacritics means.

"ban hang" could be bán hàng (selling) or bàn hạng; the corpus says which one people
write.  Candidates come from the syllable itself (every way of putting marks on its
vowels and đ), kept only if the index holds them, and ranked by how many documents do.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product

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


def best_reading(reader, bare_word: str) -> str | None:
    """The accented form of a bare word ("ban_hang") most documents use, or None.

    A word of several syllables must exist as a segmented word in the index, so the
    reading is one the corpus writes, not a product of likely syllables.
    """
    if reader is None:
        return None
    parts = bare_word.split("_")
    options = [syllable_readings(reader, p) for p in parts]
    if not all(options):
        return None
    if len(parts) == 1:
        return options[0][0][1]
    best: tuple[int, str] | None = None
    for combination in product(*options):
        word = "_".join(form for _, form in combination)
        count = reader.doc_frequency("text_word", word)
        if count and (best is None or count > best[0]):
            best = (count, word)
    return best[1] if best else None
