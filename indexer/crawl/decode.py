"""Bytes → Vietnamese text, honestly: BOM, declared charset, UTF-8, then detection.

Provincial portals still serve Windows-1258 and Windows tools still save UTF-16, so a
wrong guess silently indexes mojibake.  Each step is tried in order of how much the
bytes themselves say about their encoding, and the result is always NFC.
"""

from __future__ import annotations

import codecs
import re

from indexer.crawl import legacy
from indexer.errors import DecodeError
from indexer.text import nfc

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, as browsers look for it.

    >>> declared_html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    'windows-1258'
    """
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def header_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP Content-Type header, e.g. from a WARC response.

    >>> header_charset("text/html; charset=UTF-8")
    'utf-8'
    """
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1).lower() if match else None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes that ASCII letters leave in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.3 * len(zeros) and (even if zeros is odd else odd).count(0) == 0:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


# Names crawls declare for the pre-Unicode Vietnamese font encodings, which no Python codec
# knows: honoured like any declared charset, even where text too short to judge could not tell.
_LEGACY_CHARSETS = {
    "tcvn": legacy.from_tcvn3, "tcvn3": legacy.from_tcvn3, "tcvn-3": legacy.from_tcvn3,
    "abc": legacy.from_tcvn3, "vni": legacy.from_vni, "vni-windows": legacy.from_vni,
}


# The letters Vietnamese adds to ASCII, precomposed (NFC), and the eight combining marks of NFD text.
_VIETNAMESE = frozenset(
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
    + "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"  # tones, ˆ, ˘ and the horn, combining
)


_PLAIN = re.compile(r"[\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\s]")  # Latin-1 and typographic signs, spaces


def _latin(text: str) -> bool:
    """Whether a UTF-8 reading looks like Vietnamese: most of its non-ASCII characters but
    punctuation, spaces and digits are Vietnamese letters and marks (a foreign name may bring
    a "ü").  TCVN3 bytes that happen to be valid UTF-8 read as other scripts, other Latin or
    modifier symbols ("ĩà" is UTF-8's Syriac "ܵ", "ầô" its "ǫ", "ậô" its "˫")."""
    marked = [ch for ch in text if not (ch.isascii() or _PLAIN.match(ch))]
    return not marked or 2 * sum(ch in _VIETNAMESE for ch in marked) > len(marked)


def _is_text(text: str) -> bool:
    """Reject what decodes but is no text: control characters a writer never types."""
    if not text:
        return True
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")
    return controls <= len(text) * 0.01


def decode(data: bytes, declared: str | None = None, *, repair: bool = True) -> str:
    """Decode crawled bytes to NFC text, or raise DecodeError saying why not.

    A declared single-byte charset loses to bytes that are valid multi-byte UTF-8:
    random legacy text is almost never valid UTF-8, but mislabelled UTF-8 is common.
    TCVN3 and VNI (bytes or their Latin-1 surface) become Unicode, UTF-8 read as
    Windows-1252 is read again, and what stays mojibake is a DecodeError (indexer.crawl.legacy);
    `repair=False` leaves that to the caller (a JSONL file judges each record alone).

    >>> decode(b"H\\xe0n Qu\\xf4\\xecc", "windows-1258")
    'Hàn Quốc'
    >>> decode("Hàn Quốc".encode("utf-16"))
    'Hàn Quốc'
    >>> decode("Hµn Quèc".encode("latin-1")), decode("Haøn Quoác".encode("latin-1"))
    ('Hàn Quốc', 'Hàn Quốc')
    """
    own = _marked(data)
    if own is None:
        own = _declared_cp1258(data, declared)
    if own is None:
        own = _declared_font(data, declared)
    if own is not None:  # a BOM, or a Vietnamese charset or font declared: no guess overrules it
        return nfc(own)
    if _is_utf8_declared(data, declared):  # declared and valid: only UTF-8 read twice is repaired
        return nfc(legacy.repair_mojibake(data.decode("utf-8"))) if repair else data.decode("utf-8")
    text = _decode(data, declared)
    return nfc(legacy.repaired(text)) if repair else text


def _marked(data: bytes) -> str | None:
    """The text a byte-order mark says exactly how to read, or None without one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :], codec, "its byte-order mark")
    return None


def _is_utf8_declared(data: bytes, declared: str | None) -> bool:
    return bool(declared) and _known(declared) and codecs.lookup(declared).name == "utf-8" and (
        _try(data, "utf-8") is not None
    )


def _declared_font(data: bytes, declared: str | None) -> str | None:
    """The text, when TCVN3 or VNI is declared and the bytes are neither marked nor UTF-8
    that reads as Vietnamese (mislabelled UTF-8 is common; TCVN3 bytes that pass for UTF-8
    read as other scripts: see `_latin`)."""
    font = _LEGACY_CHARSETS.get((declared or "").strip().lower())
    if font is None or any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    utf8 = _try(data, "utf-8")
    if utf8 is not None and not data.isascii() and _latin(utf8):
        return None
    return font(data.decode("latin-1"))


def _declared_cp1258(data: bytes, declared: str | None) -> str | None:
    """The text, when Windows-1258 is declared and the bytes are neither marked nor UTF-8:
    read as TCVN3, the Windows-1258 of "bò" (b, o, a combining grave) would be "bị"."""
    if not declared or not _known(declared) or codecs.lookup(declared).name != "cp1258":
        return None
    if any(data.startswith(bom) for bom, _ in _BOMS) or _try(data, "utf-8") is not None:
        return None
    text = _try(data, "cp1258")
    return text if text is not None and _is_text(text) else None


def _decode(data: bytes, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :], codec, "its byte-order mark")
    utf8 = _try(data, "utf-8")
    converted = legacy.from_legacy_bytes(data) if utf8 is None else None
    if converted is not None and _is_text(converted):
        return nfc(converted)
    if declared and _known(declared) and not (utf8 is not None and not data.isascii()):
        try:
            return _checked(data, declared, f"its declared charset {declared}")
        except DecodeError:
            pass
    if utf8 is not None:
        return _checked(data, "utf-8", "UTF-8")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and _is_text(utf16):
        return nfc(utf16)
    if b"\x00" in data:
        raise DecodeError("binary file: it contains NUL bytes and is not UTF-16")
    return _detected(data)


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise DecodeError("unknown encoding: not UTF-8, and no charset could be detected")
    return _checked(data, best.encoding, f"detected charset {best.encoding}")


def _known(codec: str) -> bool:
    try:
        codecs.lookup(codec)
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return False
    return True


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):  # UnicodeError: codecs like "undefined" raise it bare
        return None


def _checked(data: bytes, codec: str, why: str) -> str:
    text = _try(data, codec)
    if text is None:
        raise DecodeError(f"cannot decode as {why}")
    if not _is_text(text):
        raise DecodeError(f"binary file: control characters after decoding as {why}")
    return nfc(text)
