"""Pre-Unicode Vietnamese and mojibake: detected, converted to Unicode, or refused.

Old provincial sites still serve text typed in font encodings.  TCVN3 (ABC, TCVN
5712:1993 "VN3", the `.VnTime` fonts) puts each toned lower-case vowel in one byte;
VNI (the `VNI-Times` fonts) writes a base letter followed by mark bytes.  The page
declares windows-1252 or nothing, so a browser with the font shows Vietnamese while any
other reader gets "Hµ Néi" or "Haø Noäi".  A third kind of damage is UTF-8 read as
Windows-1252 and saved again: "HÃ  Ná»™i".

Each candidate reading is judged by one measure, the share of its syllables that are
common Vietnamese (`indexer.data.syllables`): real prose scores about one half, any of
the garbled forms almost nothing.  A conversion is kept only when it reads as Vietnamese
and clearly better than the text as decoded.

Tables.  Written for thongcao from the layout of TCVN 5712:1993 VN3 (each vowel's five
toned forms in the standard's order: huyền, hỏi, ngã, sắc, nặng) and from the VNI-Windows
scheme (base letter + one mark byte per diacritic combination), then checked entry by
entry against viparse 0.1.31 (MIT, Đinh Minh Trí; viparse/normalize/tcvn3.py and vni.py).
viparse's VNI table omits ẳ/Ẳ ("aú"/"AÚ"); the scheme's breve + hook rule gives it here.
"""

from __future__ import annotations

import re
import unicodedata

from indexer.data.syllables import COMMON_SYLLABLES
from indexer.errors import DecodeError
from indexer.text import normalize_tones

GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- TCVN3: one byte per letter -----------------------------------------------------------

_TCVN3_TONED = {  # bytes of huyền, hỏi, ngã, sắc, nặng
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
TCVN3: dict[int, str] = {
    **dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True)),
    **{
        byte: _nfc(vowel + tone)
        for vowel, codes in _TCVN3_TONED.items()
        for byte, tone in zip(codes, (GRAVE, HOOK, TILDE, ACUTE, DOT), strict=True)
    },
}


# --- VNI: a base letter, then mark bytes ---------------------------------------------------

_VNI_TONE = {"ø": GRAVE, "û": HOOK, "õ": TILDE, "ù": ACUTE, "ï": DOT}
_VNI_HAT = {"â": "", "à": GRAVE, "å": HOOK, "ã": TILDE, "á": ACUTE, "ä": DOT}  # circumflex + tone
_VNI_BREVE = {"ê": "", "è": GRAVE, "ú": HOOK, "ü": TILDE, "é": ACUTE, "ë": DOT}  # breve + tone
_VNI_ALONE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}  # "ì", "í" are themselves


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for base in "aeiouy":
        pairs.update({base + mark: base + tone for mark, tone in _VNI_TONE.items()})
    for base in "aeo":
        pairs.update({base + mark: base + _CIRCUMFLEX + tone for mark, tone in _VNI_HAT.items()})
    pairs.update({"a" + mark: "a" + _BREVE + tone for mark, tone in _VNI_BREVE.items()})
    for mark, letter in _VNI_ALONE.items():
        pairs[mark] = letter
        if letter in "ơư":
            pairs.update({mark + tone_mark: letter + tone for tone_mark, tone in _VNI_TONE.items()})
    upper = {sequence.upper(): letter.upper() for sequence, letter in pairs.items()}
    return {sequence: _nfc(letter) for sequence, letter in {**pairs, **upper}.items()}


VNI: dict[str, str] = _vni_pairs()
_VNI_SEQUENCE = re.compile("|".join(map(re.escape, sorted(VNI, key=len, reverse=True))))


def from_tcvn3(text: str) -> str:
    """TCVN3 bytes read as Latin-1 → Unicode.

    >>> from_tcvn3("Hµ Néi hîp t¸c víi Hµn Quèc")
    'Hà Nội hợp tác với Hàn Quốc'
    """
    return text.translate(TCVN3)  # a Latin-1 code point is its byte


def from_vni(text: str) -> str:
    """VNI bytes read as Latin-1 → Unicode.

    >>> from_vni("Haø Noäi hôïp taùc vôùi Haøn Quoác, ñaàu tö laún")
    'Hà Nội hợp tác với Hàn Quốc, đầu tư lẳn'
    """
    return _VNI_SEQUENCE.sub(lambda m: VNI[m.group(0)], text)


def to_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes, for making test files; capitals with tones use the lower-case
    byte, as TCVN3 has none (the `.VnTimeH` fonts drew them upper-case)."""
    back = {letter: chr(byte) for byte, letter in TCVN3.items()}
    out = (back.get(ch) or back.get(ch.lower(), ch) for ch in _nfc(text))
    return "".join(out).encode("latin-1")


def to_vni(text: str) -> bytes:
    """Unicode → VNI bytes, for making test files."""
    back = {letter: sequence for sequence, letter in VNI.items()}
    return "".join(back.get(ch, ch) for ch in _nfc(text)).encode("latin-1")


# --- Judging a reading ------------------------------------------------------------------

_SYLLABLE = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 20_000
READS_AS_VIETNAMESE = 0.3  # share of common syllables a kept conversion must reach
MARGIN = 0.15  # and by how much it must beat the text as decoded


def vietnamese_share(text: str) -> float:
    """The share of a text's syllables that are common Vietnamese ones (0 without any).

    >>> round(vietnamese_share("Hà Nội hợp tác với Hàn Quốc"), 2), vietnamese_share("Hµ Néi hîp t¸c")
    (1.0, 0.0)
    """
    words = _SYLLABLE.findall(normalize_tones(text[:SAMPLE_CHARS]).lower())
    return sum(word in COMMON_SYLLABLES for word in words) / len(words) if words else 0.0


def _best_conversion(surface: str, decoded_share: float) -> str | None:
    """The TCVN3 or VNI reading of Latin-1 `surface`, if it beats a reading scoring `decoded_share`."""
    sample = surface[:SAMPLE_CHARS]
    scored = [(vietnamese_share(convert(sample)), convert) for convert in (from_tcvn3, from_vni)]
    share, convert = max(scored, key=lambda pair: pair[0])
    if share >= READS_AS_VIETNAMESE and share >= decoded_share + MARGIN:
        return _nfc(convert(surface))
    return None


def from_legacy_bytes(data: bytes) -> str | None:
    """Bytes that are not UTF-8, read as TCVN3 or VNI when that reads as Vietnamese, else None.

    Windows-1258, the one legacy charset that decodes Vietnamese without a font, is the
    reading to beat.
    """
    if data.isascii():
        return None
    as_cp1258 = data[:SAMPLE_CHARS].decode("cp1258", errors="replace")
    return _best_conversion(data.decode("latin-1"), vietnamese_share(as_cp1258))


# --- Text already decoded: TCVN3/VNI surface characters, UTF-8 read as Windows-1252 -------


def _cp1252_byte(ch: str) -> int:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch)  # the five bytes cp1252 leaves undefined travel as C1 controls


_CONTINUATION = "".join(
    re.escape(bytes([b]).decode("cp1252", errors="ignore") or chr(b)) for b in range(0x80, 0xC0)
)
_C = f"[{_CONTINUATION}]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}}")
_LOST_NBSP = re.compile(r"Ã (?=[ a-zà-ỹđ])")
# What is left when some bytes were lost; none of it occurs in Vietnamese as written.
_MOJIBAKE_MARK = re.compile(f"[ÄÅÆ]{_C}|á[º»]|Ã[\u00a0-\u00bf]|â€")
# What a repaired sequence may become: Vietnamese letters and tone marks, Latin-1
# symbols, typographic punctuation.  Real text has pairs like "Ý”" or "ì…" that are
# valid UTF-8 too, but of Syriac or Hangul, and those are left alone.
_VIETNAMESE_LETTERS = "ĂăĐđĨĩŨũƠơƯư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
_REPAIRED = re.compile(
    f"[\u00a0-\u00ff{_VIETNAMESE_LETTERS}\u0300\u0301\u0303\u0309\u0323\u2013\u2014\u2018-\u201d"
    "\u2022\u2026\u20ac\u2122]"
)


def _unmangle(match: re.Match[str]) -> str:
    try:
        fixed = bytes(_cp1252_byte(ch) for ch in match.group(0)).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return match.group(0)
    return fixed if _REPAIRED.fullmatch(fixed) else match.group(0)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was read as Windows-1252 (and saved again), read as UTF-8 again.

    >>> repair_mojibake("HÃ  Ná»™i há»£p tÃ¡c vá»›i HÃ n Quá»‘c, Ä‘áº§u tÆ°")
    'Hà Nội hợp tác với Hàn Quốc, đầu tư'
    """
    for _ in range(3):  # twice-mangled text needs two passes
        # Only on evidence no Vietnamese text holds: a sequence led by Ä, Å or Æ, or one of
        # three characters (ạ…ỹ, “ ” …).  Two-character ones led by Ã or Â alone, as in
        # "“XÃ…”", may be real capitals followed by punctuation.
        found = [m.group(0) for m in _MOJIBAKE.finditer(text) if _unmangle(m) != m.group(0)]
        if not any(seq[0] in "ÄÅÆ" or len(seq) > 2 for seq in found):
            break
        repaired = _MOJIBAKE.sub(_unmangle, text)
        # "à" is C3 A0 and "Đ" C4 90: the no-break space often became a plain one on the
        # way, and 0x90 (undefined in Windows-1252) a replacement character.
        text = _LOST_NBSP.sub("à", repaired).replace("Ä\ufffd", "Đ")
    return text


def _latin1(text: str) -> bool:
    """Whether every character is at most U+00FF: checked in C (max over ord() was a fifth of
    reading an unchanged JSONL crawl)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def repaired(text: str) -> str:
    """Decoded text made Unicode Vietnamese, or DecodeError when it stays mojibake.

    Text whose only non-ASCII characters are Latin-1 is the surface of TCVN3 or VNI when
    converting it reads as Vietnamese; Vietnamese proper always needs letters beyond
    Latin-1 (ư, ơ, đ, ạ …), so genuine French or Vietnamese is never touched.
    """
    if text.isascii():
        return text
    text = repair_mojibake(text)
    marks = len(_MOJIBAKE_MARK.findall(text))
    if marks >= 3 and marks * 50 >= len(_SYLLABLE.findall(text[:SAMPLE_CHARS])):
        raise DecodeError(
            f"mojibake: {marks} sequences like 'Ã©' or 'á»' remain (UTF-8 once read as Windows-1252)"
        )
    if _latin1(text):
        converted = _best_conversion(text, vietnamese_share(text))
        if converted is not None:
            return converted
    return text
