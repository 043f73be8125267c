"""Country and province facets: which foreign countries and Vietnamese provinces a release is about.

scan: one precompiled trie regex finds every place name and trap phrase ("Thái Bình Dương",
      "Mỹ phẩm"), capitals as the press writes them, either tone placement → each hit passes its
      context checks (the words just before and after) → mentions are counted, title apart.
about: a value counts if the title names it, or the body names it twice and not in passing
      beside a far more frequent one, or it is the body's only clear candidate (see `about`).

The tables (CLDR country names, the 63 provinces, the press's variants, the trap lists) are
data in indexer/data/places.py; this module only reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from indexer.data import places
from indexer.text import nfc, normalize, normalize_tones

COUNTRY_NAMES: tuple[str, ...] = tuple(sorted(places.COUNTRIES.values()))
PROVINCE_NAMES: tuple[str, ...] = places.PROVINCES

_SPACE = r"[^\S\n]"  # a name never runs across a line break
_SEPARATOR = re.compile(rf"{_SPACE}*[-–‑]{_SPACE}*|{_SPACE}+")
_DOT = re.compile(rf"\.{_SPACE}*")
_GAP, _DOT_GAP = rf"(?:{_SPACE}*[-–‑]{_SPACE}*|{_SPACE}+)", rf"\.{_SPACE}*"  # in a form: " "/"-", "."
_LAST_WORD = re.compile(rf"(\w+){_SPACE}+$|\b([A-ZĐ])\.{_SPACE}*$")  # a word, or an initial "H."
_NEXT_INITIAL = re.compile(rf"{_SPACE}+(\w)")
_WINDOW = 32  # characters read before a hit: enough for "đại sứ quán " or "chuyên gia quân sự "


@dataclass(frozen=True)
class _Entry:
    """What one surface form stands for, and which checks it must pass."""

    value: str | None  # None for a stop phrase: matched only to be thrown away
    kind: str  # "country", "province" or "stop"
    namelike: bool = False
    safe_only: bool = False
    needs_city: bool = False


@lru_cache(maxsize=4096)
def _key(surface: str) -> str:
    """One spelling for every way of writing a form: tones, case, hyphens, spaces, dots.

    >>> _key("Bà Rịa-Vũng Tàu"), _key("TP. HCM"), _key("Khánh Hoà") == _key("khánh hòa")
    ('bà rịa vũng tàu', 'tp.hcm', True)
    """
    return _DOT.sub(".", _SEPARATOR.sub(" ", normalize(surface).strip()))


def _pieces(surface: str) -> tuple[str, ...]:
    """Regex pieces for one form: a capitalised syllable's initial as written, the rest in any case.

    >>> "".join(_pieces("TP.HCM"))
    'T[pP]\\\\.[^\\\\S\\\\n]*H[cC][mM]'
    """
    pieces: list[str] = []
    initial = True
    for char in surface.replace("-", " "):
        if char in " .":
            gap = _DOT_GAP if char == "." else _GAP
            if pieces and pieces[-1] == _GAP:
                pieces[-1] = gap
            elif pieces and pieces[-1] != _DOT_GAP:
                pieces.append(gap)
            initial = True
            continue
        cased = char.lower() != char.upper()
        exact = (initial and char.isupper()) or not cased
        pieces.append(re.escape(char) if exact else f"[{char.lower()}{char.upper()}]")
        initial = False
    return tuple(pieces)


def _forms() -> Iterable[tuple[str, _Entry]]:
    """Every surface form with its entry; stop phrases first so no place can take their key."""
    for surface in places.STOP_PHRASES:
        yield surface, _Entry(None, "stop")
    for kind, names, aliases, namelike, safe in (
        ("country", places.COUNTRIES.values(), places.COUNTRY_ALIASES, places.COUNTRY_NAMELIKE,
         places.COUNTRY_SAFE_ONLY),
        ("province", places.PROVINCES, places.PROVINCE_ALIASES, places.PROVINCE_NAMELIKE, frozenset()),
    ):
        pairs = [(n, n) for n in names] + [(a, n) for n, alias in aliases.items() for a in alias]
        for surface, value in pairs:
            city = surface in places.PROVINCE_NEEDS_CITY
            yield surface, _Entry(value, kind, surface in namelike, surface in safe, city)


def _trie_pattern(forms: Iterable[tuple[str, ...]]) -> str:
    """One regex for all forms, factored by prefix, so the engine tries few branches per position.

    Each top branch opens with a literal capital, which lets `re` skip straight to capitals.

    >>> re.fullmatch(_trie_pattern([_pieces("Lào"), _pieces("Lào Cai")]), "Lào - Cai") is not None
    True
    """
    trie: dict[str, dict] = {}
    for pieces in forms:
        node = trie
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict[str, dict], top: bool = False) -> str:
        guard = r"(?<!\w.)" if top else ""  # the initial must begin a word
        branches = [p + guard + emit(child) for p, child in node.items() if p]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie, top=True) + r"(?!\w)"


_ENTRIES: dict[str, _Entry] = {}
for _surface, _entry in _forms():
    _ENTRIES.setdefault(_key(_surface), _entry)
_FINDER = re.compile(_trie_pattern(
    _pieces(form) for surface, _ in _forms() for form in {nfc(surface), normalize_tones(surface)}
))


def _ends_with(words: Iterable[str], tail: str = rf"{_SPACE}+") -> re.Pattern[str]:
    """A test that a window of text ends with one of these words (either tone placement)."""
    forms = {f for w in words for f in (nfc(w), normalize_tones(w))}
    alternatives = "|".join(re.escape(f).replace(r"\ ", rf"{_SPACE}+") for f in sorted(forms))
    return re.compile(rf"(?:^|\W)(?:{alternatives}){tail}$", re.IGNORECASE)


_COUNTRY_NOT_AFTER = _ends_with(places.COUNTRY_NOT_AFTER)
_PROVINCE_NOT_AFTER = _ends_with(places.PROVINCE_NOT_AFTER)
_PROVINCE_OK_AFTER = _ends_with(places.PROVINCE_OK_AFTER)
_CITY_BEFORE = _ends_with(places.CITY_BEFORE, rf"(?:{_SPACE}+|(?<=\.))")
_PERSON_BEFORE = _ends_with(places.PERSON_BEFORE)
_STRONG_BEFORE = _ends_with(places.COUNTRY_STRONG_BEFORE)
_SAFE_BEFORE = _ends_with(places.COUNTRY_SAFE_BEFORE)
_FUNCTION_WORDS = frozenset(_key(w) for w in places.FUNCTION_WORDS)
_PROVINCE_NOT_BEFORE = re.compile("|".join(
    rf"{_SPACE}*" + re.escape(f).replace(r"\ ", rf"{_SPACE}+")
    for w in places.PROVINCE_NOT_BEFORE for f in {nfc(w), normalize_tones(w)}), re.IGNORECASE)


def _name_before(before: str) -> bool:
    """True when the word just before is a capitalised name syllable ("Nguyễn", "Minh", "H.").

    >>> _name_before("Chủ tịch Nguyễn "), _name_before("Tại "), _name_before("UBND "), _name_before("(")
    (True, False, False, False)
    """
    last = _LAST_WORD.search(before)
    if last is None or last.group(2):
        return last is not None
    word = last.group(1)
    return word[0].isupper() and not word.isupper() and _key(word) not in _FUNCTION_WORDS


def _accepted(text: str, start: int, end: int, entry: _Entry, shouting: bool) -> bool:
    """Whether one hit is a real mention of its place, judged from its neighbours."""
    if shouting and (entry.namelike or entry.safe_only or entry.needs_city):
        return False  # in an upper-case title, capitals tell nothing
    before = text[max(0, start - _WINDOW) : start]
    if entry.kind == "province":
        if entry.needs_city:
            return bool(_CITY_BEFORE.search(before))
        if _PROVINCE_NOT_AFTER.search(before) and not _PROVINCE_OK_AFTER.search(before):
            return False
        if _PROVINCE_NOT_BEFORE.match(text, end):
            return False
        return not entry.namelike or not (_PERSON_BEFORE.search(before) or _name_before(before))
    if _COUNTRY_NOT_AFTER.search(before):
        return False
    if not (entry.namelike or entry.safe_only) or _STRONG_BEFORE.search(before):
        return True
    following = _NEXT_INITIAL.match(text, end)
    if (following and following.group(1).isupper()) or _PERSON_BEFORE.search(before):
        return False
    if entry.safe_only:
        return bool(before.rstrip().endswith("(") or _SAFE_BEFORE.search(before))
    return not _name_before(before)


def mentions(segment: str) -> Counter[tuple[str, str]]:
    """Count the accepted place mentions in one piece of text, as (kind, value) pairs.

    >>> sorted(mentions("Ông Nguyễn Đức Chung làm việc với Đại sứ Đức tại TP.HCM").items())
    [(('country', 'Đức'), 1), (('province', 'Hồ Chí Minh'), 1)]
    >>> sorted(mentions("ĐOÀN CÔNG TÁC TỈNH YÊN BÁI THĂM HÀN QUỐC"))
    [('country', 'Hàn Quốc'), ('province', 'Yên Bái')]
    """
    text = nfc(segment)
    shouting = text.upper() == text
    if shouting:  # every initial then a capital, for the finder; the same length in Vietnamese
        titled = text.title()
        text = titled if len(titled) == len(text) else text
    found: Counter[tuple[str, str]] = Counter()
    for hit in _FINDER.finditer(text):
        entry = _ENTRIES[_key(hit.group())]
        if entry.value is not None and _accepted(text, hit.start(), hit.end(), entry, shouting):
            found[entry.kind, entry.value] += 1
    return found


def about(in_title: Counter[str], in_body: Counter[str]) -> tuple[str, ...]:
    """The values a release is about, most important first.

    A title names its subject, so every value there counts.  In the body a value counts when
    it is named at least twice and at least a quarter as often as the most named one, which
    drops the passing "như Mỹ, Nhật Bản" of a release about Korea.  When that leaves nothing,
    the most named value counts even if named once, unless three or more tie (a mere list).

    >>> about(Counter(), Counter({"Hàn Quốc": 9, "Hoa Kỳ": 2, "Nhật Bản": 3}))
    ('Hàn Quốc', 'Nhật Bản')
    >>> about(Counter({"Đức": 1}), Counter({"Hàn Quốc": 1, "Hoa Kỳ": 1}))
    ('Đức',)
    """
    top = max(in_body.values(), default=0)
    kept = set(in_title) | {v for v, n in in_body.items() if n >= 2 and 4 * n >= top}
    if not kept:
        best = [v for v, n in in_body.items() if n == top]
        kept = set(best) if len(best) <= 2 else set()
    return tuple(sorted(kept, key=lambda v: (v not in in_title, -3 * in_title[v] - in_body[v], v)))


@lru_cache(maxsize=8)
def _scan(title: str, text: str) -> dict[str, tuple[str, ...]]:
    """Both facets from one pass over title and body (cached: callers ask for one facet at a time)."""
    heads, bodies = mentions(title), mentions(text)
    return {
        kind: about(
            Counter({v: n for (k, v), n in heads.items() if k == kind}),
            Counter({v: n for (k, v), n in bodies.items() if k == kind}),
        )
        for kind in ("country", "province")
    }


def countries(title: str, text: str) -> tuple[str, ...]:
    """The foreign countries a release is about, by their CLDR Vietnamese names.

    >>> countries("Hà Nội hợp tác với Hội sách", "Ông Nguyễn Đức Chung gặp Chủ tịch Hội sách (Đức).")
    ('Đức',)
    >>> countries("Ký kết hợp tác", "Vốn đầu tư đạt 80,6 tỷ đô la Mỹ. Ông Nguyễn Đức Chung phát biểu.")
    ()
    """
    return _scan(title, text)["country"]


def provinces(title: str, text: str) -> tuple[str, ...]:
    """The Vietnamese provinces a release is about, by their official names (63 units, to 2025).

    >>> provinces("Đẩy mạnh hợp tác giữa TP Hồ Chí Minh và tỉnh Gyeongsangbuk", "")
    ('Hồ Chí Minh',)
    >>> provinces("Vì hòa bình, hữu nghị", "Tỉnh Hoà Bình tiếp đoàn; ông Nguyễn Hòa Bình dự.")
    ('Hòa Bình',)
    """
    return _scan(title, text)["province"]
