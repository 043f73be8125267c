"""Unicode chores for Vietnamese text: NFC, one tone-mark placement, diacritic folding.

Everything else in thongcao compares text through these functions, so a word typed
in NFD, with the other tone placement or without diacritics meets its indexed twin.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# An open syllable ending in the clusters oa / oe / uy, with the tone on the first
# vowel ("hòa", "khỏe", "thủy", "ủy").  "qu" + y is "quý", never touched; a following
# letter ("hoàn", "thuyền", "khuỷu") means the syllable is not open.
_FIRST_VOWEL_TONE = re.compile(r"([òóõỏọÒÓÕỎỌ])([aeAE])(?![^\W_])|([ùúũủụÙÚŨỦỤ])([yY])(?![^\W_])")


def nfc(text: str) -> str:
    """Compose text so that one letter is one code point, whatever the source sent."""
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    if match.start() and match.string[match.start() - 1] in "qQ":
        return match.group(0)
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    decomposed = unicodedata.normalize("NFD", first)
    base, tone = decomposed[0], decomposed[1:]
    return base + unicodedata.normalize("NFC", second + tone)


def normalize_tones(text: str) -> str:
    """Put the tone of open oa/oe/uy syllables on the second vowel, as pyvi's dictionary does.

    pyvi's models/words.txt writes "hoà bình", never "hòa bình"; its bigram features
    only fire on that style, so documents and queries are moved to it before segmenting.

    >>> normalize_tones("Hòa bình, khỏe, thủy lợi, Ủy ban, tùy")
    'Hoà bình, khoẻ, thuỷ lợi, Uỷ ban, tuỳ'
    >>> normalize_tones("hoàn thành, thuyền, quý, khuỷu, hoài")
    'hoàn thành, thuyền, quý, khuỷu, hoài'
    """
    return _FIRST_VOWEL_TONE.sub(_move_tone, nfc(text))


def _fold_char(ch: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
    return {"đ": "d", "Đ": "D"}.get(stripped, stripped)


# Every precomposed Latin letter (Vietnamese lives in these blocks) → its bare form, so
# folding is one str.translate instead of a Python loop, and keeps character offsets.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
    for code in block
    if _fold_char(chr(code)) != chr(code) and len(_fold_char(chr(code))) == 1
}
_COMBINING = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Strip every diacritic and map đ to d, for queries typed on a bare keyboard.

    >>> fold("Đà Nẵng thoả thuận")
    'Da Nang thoa thuan'
    """
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    return folded if folded.isascii() else _COMBINING.sub("", folded)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark, i.e. the writer chose its tones.

    >>> has_diacritics("han quoc"), has_diacritics("Hàn Quốc")
    (False, True)
    """
    return fold(text) != nfc(text)


def normalize(text: str) -> str:
    """NFC, pyvi tone placement and lower case: the form every exact index term takes."""
    return normalize_tones(text).lower()
