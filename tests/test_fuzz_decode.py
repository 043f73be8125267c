"""Fuzzing bytes → text → article: text or a DecodeError with a reason, never another exception."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from indexer.crawl import legacy
from indexer.crawl.decode import decode
from indexer.errors import DecodeError
from indexer.extract.plaintext import extract_text
from indexer.extract.webpage import extract_html

# Charsets a crawled page may declare, the sane, the odd and the invented.
DECLARED = st.sampled_from(
    [
        None,
        "utf-8",
        "windows-1258",
        "windows-1252",
        "iso-8859-1",
        "utf-16",
        "utf-7",
        "idna",
        "undefined",
        "x-user-defined",
        "hz",
        "iso-2022-jp",
        "rot13",
        "base64",
        "tcvn",
        "vni",
        "ascii",
    ]
) | st.text(max_size=12)
VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
    "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐÀẮỆ.,\n",
    max_size=300,
)


TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks, combining


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes Vietnamese: letters with ˆ, ˘, ʼ precomposed (â, ă, ư), the
    tone mark after them as a combining character, which is how Word and old portals wrote it."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out.append(letter + "".join(p for p in parts if p in TONES))
    return "".join(out).encode("cp1258")


def encoded(text: str, how: str) -> bytes:
    return {
        "utf-8": lambda: text.encode(),
        "utf-16": lambda: text.encode("utf-16"),
        "cp1258": lambda: windows_1258(text),
        "tcvn3": lambda: legacy.to_tcvn3(text.lower()),
        "vni": lambda: legacy.to_vni(text),
        "mojibake": lambda: text.encode().decode("cp1252", "replace").encode(),
    }[how]()


def decodes_or_says_why(data: bytes, declared: str | None = None) -> str | None:
    try:
        text = decode(data, declared)
    except DecodeError as exc:
        assert str(exc).strip()
        return None
    assert isinstance(text, str) and text == unicodedata.normalize("NFC", text)
    return text


@given(st.binary(max_size=2048), DECLARED)
def test_any_bytes_decode_or_are_refused_with_a_reason(data, declared):
    decodes_or_says_why(data, declared)


@given(VIETNAMESE, st.sampled_from(["utf-8", "utf-16", "cp1258", "tcvn3", "vni", "mojibake"]), DECLARED)
def test_vietnamese_in_any_encoding_decodes_or_is_refused(text, how, declared):
    decodes_or_says_why(encoded(text, how), declared)


@given(st.text(max_size=2000))
def test_legacy_repair_of_any_text_gives_text_or_a_reason(text):
    try:
        assert isinstance(legacy.repaired(text), str)
    except DecodeError as exc:
        assert str(exc).startswith("mojibake")


@given(st.text(max_size=3000))
def test_any_text_is_extracted_without_raising(text):
    found = extract_text(text)
    assert isinstance(found.title, str) and isinstance(found.text, str)


TAGS = st.sampled_from(
    "html head body title meta div p span a article main h1 h2 ul li table td "
    "script style nav footer time br img form".split()
)
ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "href", "content", "name", "property", "charset", "datetime"]),
    st.text(max_size=20),
    max_size=3,
)
LEAF = st.one_of(
    VIETNAMESE, st.text(max_size=40), st.sampled_from(["&amp;", "&#0;", "&#xD800;", "<!--", "]]>", "<"])
)


def _element(children):
    def render(tag, attrs, inner, closed):
        attributes = "".join(f' {k}="{v}"' for k, v in attrs.items())
        return f"<{tag}{attributes}>{''.join(inner)}" + (f"</{tag}>" if closed else "")

    return st.builds(render, TAGS, ATTRS, st.lists(children, max_size=4), st.booleans())


HTML = st.recursive(LEAF, _element, max_leaves=40)


@given(HTML, st.one_of(st.none(), st.text(max_size=30)))
def test_any_markup_is_extracted_without_raising(html, url):
    found = extract_html(html, url)
    assert isinstance(found.title, str) and isinstance(found.text, str)


@given(st.text(max_size=3000))
def test_any_text_as_html_is_extracted_without_raising(text):
    extract_html(text)


ROUND_TRIPS = {  # how a text was written → the charsets declared that define how to read it
    "utf-8": ("utf-8",),  # undeclared, "bò" could as well be a TCVN3 font's surface: a guess
    "utf-16": ("utf-16", None),  # its byte-order mark says how
    "cp1258": ("windows-1258",),
    "tcvn3": ("tcvn3", "tcvn"),
    "vni": ("vni",),
}


@given(VIETNAMESE, st.sampled_from(sorted(ROUND_TRIPS)), st.data())
def test_vietnamese_written_in_a_declared_charset_comes_back_exactly(text, how, data):
    """Where the charset is known (declared, or a BOM or valid UTF-8 says it), nothing may be
    refused or changed: the text comes back as it was written, in NFC."""
    declared = data.draw(st.sampled_from(ROUND_TRIPS[how]))
    written = text.lower() if how == "tcvn3" else text  # TCVN3's capitals are another font
    assert decode(encoded(text, how), declared) == unicodedata.normalize("NFC", written)
