"""The `locality` facet: which foreign provinces and cities a release is about, one spelling each.

scan: the text's words → every run of up to four words opening with a capital ("Bắc
      Gyeongsang", "Gyeongsangbuk-do") whose `key` is a known variant (longest first) → else,
      for one romanised word of 8+ letters ("Gyeosangbuk-do"), the fuzzy rule below.
fuzzy: a word whose key has 10-12 letters may differ from a variant's key by one edit (insert,
      delete or change a letter), 13 or more letters by two; the nearest variant wins, and a
      tie between two values matches nothing.  Shorter names are too alike to guess at: over
      the 40,163 articles of ../shared/news, capitalised romanised words not in the table that
      came within reach of a variant were 29 (about 11 right) from 8 letters and 12 for two
      edits ("Kanazawa" is not Kanagawa, "Jinjiang" not Xinjiang, "Takayama" not Wakayama), 3
      (all right: "Xiengkhuang") with these lengths.  Short typos seen are variants instead.
checks: a value that is also a Vietnamese place or a common name needs a unit word before it
      or its country after it; every value needs its country among the release's countries.
context: a capital counts as the city only where the text places something in it ("tại Bắc
      Kinh"), not where it stands for its government ("Bắc Kinh tuyên bố"); a dish or a breed
      ("dăm bông Hồ Nam") and a given name ("Kyoto Ohata", "Gangwon FC") are not places.
about: the same rule as countries and provinces (`geography.about`); then each value's parent
      province is added ("Imsil" brings "Jeollabuk-do").

The table is data in indexer/data/localities.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from indexer.data.localities import (
    CAPITALS,
    IN_PLACE_BEFORE,
    LOCALITIES,
    NEEDS_CONTEXT,
    NOT_AFTER,
    UNIT_WORDS,
)
from indexer.facets.geography import about, evidence, sports
from indexer.text import fold, nfc, normalize

FUZZY_MIN, FUZZY_TWO = 10, 13  # key lengths from which one, and two, edits are forgiven
MAX_WORDS = 4
_VIETNAMESE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệ"
                        "ìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_JOIN = re.compile(r"[^\S\n]*[-–‑][^\S\n]*|[^\S\n]+")  # what may stand between two words of a name
_ROMAN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?![^\W_])")  # a whole romanised word


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """One spelling for the variants of a name: lower case, no separators, only Vietnamese marks.

    >>> key("Kyŏngsang-bukto"), key("Gyeongsangbuk - do"), key("Ch'ungch'ŏng"), key("Sơn Đông")
    ('kyongsangbukto', 'gyeongsangbukdo', 'chungchong', 'sơnđông')
    """
    low = normalize(name)
    kept = "".join(c if c in _VIETNAMESE else fold(c) for c in low)
    return "".join(c for c in kept if c.isalnum())


def _variants() -> dict[str, str]:
    table: dict[str, str] = {}
    for value, (_, _, variants) in LOCALITIES.items():
        for variant in (value, *variants):
            other = table.setdefault(key(variant), value)
            if other != value:
                raise ValueError(f"locality variant {variant!r} names both {other!r} and {value!r}")
    return table


VARIANTS: dict[str, str] = _variants()
_FIRST_WORDS = frozenset(  # a run can only be a name if its first word opens one: most words are skipped
    key(_WORD.match(nfc(v)).group()) for value, (_, _, vs) in LOCALITIES.items() for v in (value, *vs)
)
_BY_LENGTH: dict[int, list[str]] = {}
for _k in VARIANTS:
    _BY_LENGTH.setdefault(len(_k), []).append(_k)
_PLACED = re.compile(r"(?:^|\W)(?:" + "|".join(map(re.escape, IN_PLACE_BEFORE)) + r")\s+$", re.IGNORECASE)
_NOT_AFTER = re.compile(r"(?:^|\W)(?:" + "|".join(map(re.escape, NOT_AFTER)) + r")\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(  # "Kyoto Ohata", "Gangwon FC", a club's sponsor: "Shanghai SIPG", "Tianjin Teda,"
    r"[^\S\n]+(?:FC\b|[A-Z]{2,5}\b|[A-Z][a-z]+\b(?![^\S\n]*[(,])|[A-Z][a-z]+(?=,[^\S\n]+[a-zđ]))"
)
_UNIT_BEFORE = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in sorted(UNIT_WORDS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


def allowed_edits(length: int) -> int:
    """How many edits the fuzzy rule forgives in a key of this length.

    >>> [allowed_edits(n) for n in (5, 9, 10, 12, 13, 15)]
    [0, 0, 1, 1, 2, 2]
    """
    return 0 if length < FUZZY_MIN else 1 if length < FUZZY_TWO else 2


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed `limit`.

    >>> distance("gyeosangbukdo", "gyeongsangbukdo", 2), distance("imsil", "seoul", 1)
    (2, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=65536)
def fuzzy(word_key: str) -> str | None:
    """The value whose variant is nearest to a long key, within `allowed_edits`; None on a tie.

    >>> fuzzy("gyeosangbukdo"), fuzzy("jeolanamdo"), fuzzy("vinamilk"), fuzzy("imsin")
    ('Gyeongsangbuk-do', 'Jeollanam-do', None, None)
    """
    limit = allowed_edits(len(word_key))
    if not limit:
        return None
    best, found = limit + 1, set()
    for length in range(len(word_key) - limit, len(word_key) + limit + 1):
        for variant in _BY_LENGTH.get(length, ()):
            d = distance(word_key, variant, min(limit, best))
            if d < best:
                best, found = d, {VARIANTS[variant]}
            elif d == best:
                found.add(VARIANTS[variant])
    return found.pop() if best <= limit and len(found) == 1 else None


def _in_context(text: str, start: int, end: int, value: str) -> bool:
    """A unit word just before ("tỉnh Hà Nam") or the country just after ("Hà Nam (Trung Quốc)")."""
    if _UNIT_BEFORE.search(text[max(0, start - 24) : start]):
        return True
    country = LOCALITIES[value][0]
    return bool(re.match(rf"\s*[(,–-]\s*{re.escape(country)}", text[end : end + 30]))


def _accepted(text: str, start: int, end: int, value: str) -> bool:
    """Whether a name found here is the place: in a unit's context when it needs one, placed
    when it is a capital, not a dish or a breed, not a person's given name ("Kyoto Ohata")."""
    before = text[max(0, start - 24) : start]
    if value in NEEDS_CONTEXT and not _in_context(text, start, end, value):
        return False
    if value in CAPITALS and not (_PLACED.search(before) or _UNIT_BEFORE.search(before)):
        return False
    if _NOT_AFTER.search(before):
        return False
    return _NAME_AFTER.match(text, end) is None


def _placed(text: str, start: int) -> bool:
    """A place's cue just before ("tại Jeonju", "thành phố Ulsan"): a sports text's clubs have none."""
    before = text[max(0, start - 24) : start]
    return bool(_PLACED.search(before) or _UNIT_BEFORE.search(before))


def hits(segment: str) -> list[tuple[str, int, int]]:
    """Every locality named in one piece of text, however spelt: (value, start, end)."""
    text = nfc(segment)
    words = list(_WORD.finditer(text))
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        first = words[i]
        if not first.group()[0].isupper():
            i += 1
            continue
        span, value = 1, None
        longest = min(MAX_WORDS, len(words) - i) if key(first.group()) in _FIRST_WORDS else 0
        for n in range(longest, 0, -1):
            last = words[i + n - 1]
            if all(_JOIN.fullmatch(text[words[j].end() : words[j + 1].start()]) for j in range(i, i + n - 1)):
                value = VARIANTS.get(key(text[first.start() : last.end()]))
                if value:
                    span = n
                    break
        if value is None and len(first.group()) >= 4 and key_latin(first.group()).isascii():
            roman = _ROMAN.match(key_latin(text[first.start() : first.start() + 40]))
            if roman:
                value = fuzzy(key(roman.group()))
                span = max(1, roman.group().count("-") + 1)
        end = words[i + span - 1].end()
        if value and _accepted(text, first.start(), end, value):
            found.append((value, first.start(), end))
        i += span
    return found


def mentions(segment: str) -> Counter[str]:
    """Count the localities named in one piece of text, however spelt.

    >>> text = "Tỉnh Gyeosangbuk-do, tỉnh Bắc Gyeongsang và huyện Im-sin; ông Nguyễn Thanh Hải"
    >>> sorted(mentions(text).items())
    [('Gyeongsangbuk-do', 2), ('Imsil', 1)]
    >>> sorted(mentions("Bắc Kinh tuyên bố; dăm bông Hồ Nam; Kyoto Ohata ghi bàn; hội nghị tại Bắc Kinh"))
    ['Bắc Kinh']
    """
    return Counter(value for value, _, _ in hits(segment))


def key_latin(text: str) -> str:
    """Non-Vietnamese marks folded (ŏ → o), so McCune–Reischauer words read as plain letters.

    >>> key_latin("Kyŏngsang-bukto, Hàn")
    'Kyongsang-bukto, Hàn'
    """
    return "".join(c if c.lower() in _VIETNAMESE or not c.isalpha() else fold(c) for c in text)


def localities(title: str, text: str, countries: Iterable[str]) -> tuple[str, ...]:
    """The foreign localities a release is about, with their provinces, in the countries it is about.

    >>> localities("Tuyên Quang và huyện Imsil, tỉnh Jeollabuk", "", ["Hàn Quốc"])
    ('Imsil', 'Jeollabuk-do')
    >>> localities("Tuyên Quang và huyện Imsil, tỉnh Jeollabuk", "", ["Nhật Bản"])
    ()
    """
    partners = set(countries)
    in_title = Counter({v: n for v, n in mentions(title).items() if LOCALITIES[v][0] in partners})
    body = nfc(text)
    found = [(v, start, end) for v, start, end in hits(body) if LOCALITIES[v][0] in partners]
    if sports(f"{title}\n{body}"):  # a match report's "Jeonbuk", "Ulsan" are clubs, unless placed
        found = [(v, a, b) for v, a, b in found if _placed(body, a)]
    kept = about(in_title, evidence(body, found))
    parents = (LOCALITIES[v][1] for v in kept)
    return tuple(dict.fromkeys([*kept, *(p for p in parents if p)]))
