"""Country and province facets: which foreign countries and Vietnamese provinces a release is about.

scan: one precompiled trie regex finds every place name and trap phrase ("Thái Bình Dương",
      "Mỹ phẩm"), capitals as the press writes them, either tone placement → each hit passes its
      context checks (the words just before and after) → mentions are counted, title apart.
      A name inside a work's quoted title ("Vệ sĩ Sài Gòn"), a firm's registered name ("Công ty
      cổ phần … Việt - Lào") or a club's (see `_club`, and `sports` for match reports) is skipped.
about: a value counts if the title or the lead names it (not as an example in a list), or the
      body names it three times, or twice and not in passing beside a far more frequent one
      (see `about`).  The body is the article alone: indexer.extract.apparatus cuts bylines, credits,
      captions and related headlines before this module reads it.

The tables (CLDR country names, the 63 provinces, the press's variants, the trap lists) are
data in indexer/data/places.py; this module only reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
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
    club_form: bool = False  # a club may bear it ("Thanh Hóa", "TP HCM"), unlike a ground's name
    ground: bool = False  # a football ground's name ("Lạch Tray", "sân Thống Nhất"): where a match is played


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
        if kind == "country":
            pairs += [(_lower_tail(n), n) for n in names if _lower_tail(n) != n and (
                n in places.COUNTRY_LOWER_TAIL or len(n.split()) >= 3)]
        for surface, value in pairs:
            city = surface in places.PROVINCE_NEEDS_CITY
            club = kind == "province" and (surface == value or surface in places.PROVINCE_CLUB_FORMS)
            ground = kind == "province" and surface in places.GROUNDS
            yield surface, _Entry(value, kind, surface in namelike, surface in safe, city, club, ground)


def _lower_tail(name: str) -> str:
    """A name with every syllable after the first in lower case: "Tây Ban Nha" → "Tây ban nha"."""
    first, *rest = name.split(" ")
    return " ".join([first, *(word.lower() for word in rest)])


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
_CAPITAL = "A-ZĐÀÁẢÃẠÂĂÈÉẺẼẸÊÌÍỈĨỊÒÓỎÕỌÔƠÙÚỦŨỤƯỲÝỶỸỴ"
_PERSON_BEFORE = _ends_with(  # "ông Đức", and "NSND Trung Đức": a title, then a name's syllables
    places.PERSON_BEFORE, rf"{_SPACE}+(?-i:[{_CAPITAL}][^\W\d_]*{_SPACE}+){{0,2}}"
)
_STRONG_BEFORE = _ends_with(places.COUNTRY_STRONG_BEFORE)
_SAFE_BEFORE = _ends_with(places.COUNTRY_SAFE_BEFORE)
_PAIR = "|".join(re.escape(f) for w in places.COUNTRY_PAIR_FORMS for f in {nfc(w), normalize_tones(w)})
_PAIR_JOIN = rf"(?:{_SPACE}*[-–,]{_SPACE}*|{_SPACE}+(?:và|hay|hoặc|với){_SPACE}+)"
_PAIR_BEFORE = re.compile(rf"(?:^|\W)(?:{_PAIR}){_PAIR_JOIN}$")  # "Việt - Hàn", "Mỹ và Hàn"
_PAIR_AFTER = re.compile(rf"{_PAIR_JOIN}(?:{_PAIR})(?!\w)")  # "Hàn - Nhật", "Hàn, Nhật"
_CLUB_INITIAL = re.compile(r"(?:^|\W)[A-ZĐ]\.$")  # "B.Bình Dương": Becamex Bình Dương, a club
_CLUB_BEFORE = re.compile(_ends_with(places.CLUB_BEFORE).pattern)
_TEAM_BEFORE = _ends_with(places.TEAM_BEFORE)
_FC_AFTER = re.compile(rf"{_SPACE}+(?:F\.?C|[A-Z]+&[A-Z]+)\b")  # "Sài Gòn FC", "Hà Nội T&T"
_SCORE = rf"(?<![\d/.,])\d{_SPACE}*[-–]{_SPACE}*\d(?![\d/%]|[.,]\d)"  # "3-0", not "2-3/5" nor "18-20"
_SCORE_AFTER = re.compile(rf"{_SPACE}+{_SCORE}(?!{_SPACE}*(?:độ|giờ|h\b|ngày|tháng|năm|tuổi|km|m\b))")
_SCORE_BEFORE = re.compile(rf"(?:^|\s){_SCORE}{_SPACE}+$")  # "HAGL 0-0 Nam Định"
_FIXTURE = "|".join(re.escape(w).replace(r"\ ", rf"{_SPACE}+") for w in places.FIXTURE_BEFORE)
_FIXTURE_FIRST = re.compile(rf"(?:^|\W)(?i:{_FIXTURE}){_SPACE}+$")  # "trận [Hải Phòng] - Nam Định"
_FIXTURE_SECOND = re.compile(  # "trận Hải Phòng - [Nam Định]", "trận HAGL - [Nam Định]"
    rf"(?:^|\W)(?i:{_FIXTURE}){_SPACE}+(?:[{_CAPITAL}][^\W\d_]*{_SPACE}+){{0,3}}[{_CAPITAL}][^\W\d_]*"
    rf"{_SPACE}*[-–]{_SPACE}*$"
)
_DASH_AFTER = re.compile(rf"{_SPACE}*[-–]{_SPACE}*[A-ZĐ]")
_SPORTS_WORDS = re.compile(
    "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for w in places.SPORTS_WORDS for f in {nfc(w), normalize_tones(w)}
    )
)
_SPORTS_CUE = _ends_with(places.SPORTS_PLACE_BEFORE, rf"(?:{_SPACE}+|(?<=\.))").pattern
_ADDRESS_BEFORE = re.compile(  # "sân Việt Trì, [Phú Thọ]", "tại Dinh Độc Lập, [TP HCM]": an address
    rf"(?:^|\W)(?i:sân|sân\s+bay|sân\s+vận\s+động|SVĐ|thành\s+phố|TP\.?|thị\s+xã|huyện|khách\s+sạn|cảng|tại|ở)"
    rf"{_SPACE}+(?:[{_CAPITAL}]\w*{_SPACE}+){{0,3}}[{_CAPITAL}]\w*{_SPACE}*[,(]{_SPACE}*$"
)
_SPORTS_PLACE_BEFORE = re.compile(_SPORTS_CUE, re.IGNORECASE)  # "tại Hà Nội"; "Văn Lâm (Hải Phòng)" is a club
_VENUE_BEFORE = re.compile(  # "trên sân Thanh Hóa", "chủ sân Quy Nhơn", "trước chủ nhà Công an TP HCM"
    rf"(?:^|\W)(?i:sân|sân{_SPACE}+vận{_SPACE}+động|SVĐ|sân{_SPACE}+nhà|chủ{_SPACE}+sân|chủ{_SPACE}+nhà)"
    rf"(?:{_SPACE}+(?:CLB|Công{_SPACE}+an))?{_SPACE}+$"
)
_ELSEWHERE = "|".join(  # a national team's match, or another round's
    re.escape(f).replace(r"\ ", rf"{_SPACE}+")
    for w in places.VENUE_ELSEWHERE for f in {nfc(w), normalize_tones(w)}
)
_VENUE_ELSEWHERE = re.compile(rf"(?<!\w)(?:{_ELSEWHERE})(?!\w)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
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


def _club(text: str, before: str, end: int) -> bool:
    """Whether a province's name here names a football club: "CLB Nam Định", "Becamex Bình
    Dương", "B.Bình Dương", "Sài Gòn FC", "cầu thủ Hải Phòng", a result ("Bình Định 2-1", "HAGL 0-0
    Nam Định") or a fixture ("trận Hải Phòng - Nam Định").  Outside a sports text, a headline about
    a club is about its home province; a club named in the body is not where the story happens."""
    return bool(
        _CLUB_BEFORE.search(before) or _TEAM_BEFORE.search(before) or _CLUB_INITIAL.search(before)
        or _FC_AFTER.match(text, end)
        or _SCORE_AFTER.match(text, end) or _SCORE_BEFORE.search(before)
        or (_FIXTURE_FIRST.search(before) and _DASH_AFTER.match(text, end))
        or _FIXTURE_SECOND.search(before)
    )


@lru_cache(maxsize=8)  # asked twice a document: by the country/province scan and by localities
def sports(text: str) -> bool:
    """Whether a text reports on a sport: several of its words ("cầu thủ", "V-League", "ghi bàn"),
    often.  There a province's bare name is its club (see `_accepted`).

    >>> sports("HLV cho biết cầu thủ đã ghi bàn; các cầu thủ và HLV mừng bàn thắng sau trận.")
    True
    >>> sports("Tỉnh tổ chức giải bóng đá thiếu nhi; đội vô địch nhận cúp.")
    False
    """
    found = [normalize_tones(m.group()).lower() for m in _SPORTS_WORDS.finditer(nfc(text))]
    return len(set(found)) >= places.SPORTS_MIN_WORDS and len(found) >= places.SPORTS_MIN_COUNT


def _accepted(
    text: str, start: int, end: int, entry: _Entry, shouting: bool, clubs: bool = False, sport: bool = False
) -> bool:
    """Whether one hit is a real mention of its place, judged from its neighbours; a club's
    name counts as its province only when `clubs` (in a headline).  In a `sport` text, headline
    and lead included, a name a club bears counts only after a place's cue ("tại", "sân", "tỉnh"):
    the judges read a club's name alone as no place, and the venue of its match as the place."""
    if shouting and (entry.namelike or entry.safe_only or entry.needs_city):
        return False  # in an upper-case title, capitals tell nothing
    before = text[max(0, start - _WINDOW) : start]
    if entry.kind == "province":
        if entry.needs_city:
            return bool(_CITY_BEFORE.search(before))
        if _PROVINCE_NOT_AFTER.search(before) and not _PROVINCE_OK_AFTER.search(before):
            return False
        if sport and _VENUE_BEFORE.search(before):
            return True  # the ground, or the home side, of a match: "sân Thanh Hóa", "chủ nhà Hà Nội FC"
        if _club(text, before, end):
            return clubs
        placed = _SPORTS_PLACE_BEFORE.search(before) or _ADDRESS_BEFORE.search(before)
        if sport and not clubs and entry.club_form and not placed:
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
        paired = _PAIR_BEFORE.search(before) or _PAIR_AFTER.match(text, end)
        return bool(before.rstrip().endswith("(") or _SAFE_BEFORE.search(before) or paired)
    return not _name_before(before)


_QUOTED = re.compile(  # a capital first, as a title has, and no sentence inside
    rf"[“\"]([{_CAPITAL}0-9][^“”\"\n.,;:!?]{{0,78}}[^\s“”\"\n.,;:!?])[”\"]"
)
_PLACING = re.compile(rf"(?:^|\W)(?i:của|ở|tại|về|từ|đến|tới|trong){_SPACE}+$")
_COMPANY_BEFORE = re.compile(  # a registered firm's name runs on to the next punctuation
    r"(?:^|\W)(?i:công\s+ty|tập\s+đoàn|ngân\s+hàng)\s+(?:cổ\s+phần|CP|TNHH|trách\s+nhiệm\s+hữu\s+hạn|liên\s+doanh"
    r"|TMCP)\b[^,.;:!?()\[\]“”\"\n]*$"
)


def _titles(text: str) -> list[tuple[int, int]]:
    """The spans of short quotations of two to six words: a film's, a song's, a book's or a show's
    title ("Vệ sĩ Sài Gòn", "Hà Nội mùa thu"), where a place's name is part of the title (unless
    a word such as "của", "ở" places something in it: "Bill Gates của Trung Quốc").

    >>> text = 'Phim "Vệ sĩ Sài Gòn" ra rạp; ông nói: “Chúng tôi sẽ tiếp tục đầu tư vào Hà Nội năm tới”.'
    >>> [text[a:b] for a, b in _titles(text)]
    ['Vệ sĩ Sài Gòn']
    """
    return [m.span(1) for m in _QUOTED.finditer(text) if 2 <= len(m.group(1).split()) <= 6]


def venue(text: str, start: int, before: str, entry: _Entry) -> bool:
    """Whether a province's mention in a sports text places the reported match there: a ground's
    name ("Lạch Tray"), "sân", "chủ nhà" before it, and nothing in its sentence that makes the
    match a national team's (whose venue is passing) or another round's ("sẽ", "mùa trước").

    >>> text = "Trên sân Lạch Tray, chủ nhà thắng 2-0. Vòng tới, họ sẽ làm khách trên sân Thiên Trường."
    >>> at = {g: text.index(g) for g in ("Lạch Tray", "Thiên Trường")}
    >>> [venue(text, i, text[:i], _ENTRIES[_key(g)]) for g, i in at.items()]
    [True, False]
    """
    if entry.kind != "province" or not (entry.ground or _VENUE_BEFORE.search(before)):
        return False
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    closing = _SENTENCE_END.search(text, start)
    return not _VENUE_ELSEWHERE.search(text, opening, closing.start() if closing else len(text))


def _hits(
    segment: str, clubs: bool = False, sport_from: int | None = None
) -> list[tuple[str, str, int, int, bool]]:
    """Every accepted place mention in one piece of text: (kind, value, start, end, venue); clubs'
    names count as their provinces when `clubs` (see `_club`); in a sports text, bare names
    from `sport_from` on are clubs' (see `_accepted`), and a match's ground is a `venue`."""
    text = nfc(segment)
    shouting = text.upper() == text
    if shouting:  # every initial then a capital, for the finder; the same length in Vietnamese
        titled = text.title()
        text = titled if len(titled) == len(text) else text
    found = []
    titles = _titles(text)
    for hit in _FINDER.finditer(text):
        entry = _ENTRIES[_key(hit.group())]
        start, end = hit.span()
        if any(a <= start and end <= b and (a, b) != (start, end) and not _PLACING.search(text, a, start)
               for a, b in titles):
            continue  # part of a work's title: "Vệ sĩ Sài Gòn", not "Bill Gates của Trung Quốc"
        if entry.kind == "country" and _COMPANY_BEFORE.search(text[max(0, hit.start() - 80) : hit.start()]):
            continue  # part of a firm's name: "Công ty cổ phần Cảng quốc tế Việt - Lào"
        sport = sport_from is not None and hit.start() >= sport_from
        if entry.value is not None and _accepted(text, hit.start(), hit.end(), entry, shouting, clubs, sport):
            before = text[max(0, start - _WINDOW) : start]
            found.append((entry.kind, entry.value, start, end, sport and venue(text, start, before, entry)))
    return found


def mentions(segment: str, clubs: bool = False) -> Counter[tuple[str, str]]:
    """Count the accepted place mentions in one piece of text, as (kind, value) pairs.

    >>> sorted(mentions("Ông Nguyễn Đức Chung làm việc với Đại sứ Đức tại TP.HCM").items())
    [(('country', 'Đức'), 1), (('province', 'Hồ Chí Minh'), 1)]
    >>> sorted(mentions("ĐOÀN CÔNG TÁC TỈNH YÊN BÁI THĂM HÀN QUỐC"))
    [('country', 'Hàn Quốc'), ('province', 'Yên Bái')]
    """
    return Counter((kind, value) for kind, value, *_ in _hits(segment, clubs))


_LIST_JOIN = re.compile(rf"{_SPACE}*(?:,|;|/|và|hay|hoặc|cùng|với){_SPACE}*$", re.IGNORECASE)
_EXAMPLE_BEFORE = re.compile(
    rf"(?:^|\W)(?:như|chẳng\s+hạn|kể\s+cả|bao\s+gồm|gồm|(?:các|nhiều|những)\s+(?:nước|quốc\s+gia)){_SPACE}*"
    rf"(?:là{_SPACE}+)?$",
    re.IGNORECASE,
)


def listed(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Which mentions (by index into `spans`, in text order) stand in a list of examples, not
    as a subject: after "như" ("nhiều nước như Nhật, Hàn Quốc") or "các nước" ("các nước Lào,
    Campuchia tham dự"), or four or more in a row
    (three in a lead are often its subjects: "Trung Quốc, Nhật Bản, Thái Lan hạn chế …").

    >>> text = "Các nước như Nhật Bản, Hàn Quốc đã làm. Đoàn Lào thăm Pháp."  # Lào, Pháp: subjects
    >>> sorted(listed(text, [(13, 21), (23, 31), (45, 48), (54, 58)]))
    [0, 1]
    """
    runs: list[list[int]] = []
    for i, (start, _) in enumerate(spans):
        joined = i > 0 and _LIST_JOIN.fullmatch(text[spans[i - 1][1] : start]) is not None
        if joined and runs:
            runs[-1].append(i)
        else:
            runs.append([i])
    found: set[int] = set()
    for run in runs:
        first = spans[run[0]][0]
        if len(run) >= 4 or _EXAMPLE_BEFORE.search(text[max(0, first - 24) : first]):
            found.update(run)
    return found


def lead_end(text: str) -> int:
    r"""Where a release's lead ends: its first paragraph, at most two sentences.

    >>> text = "Sáng 5/6, Bắc Ninh họp. Hai bên ký kết. Ba là chuyện khác.\nĐoạn hai."
    >>> text[: lead_end(text)]
    'Sáng 5/6, Bắc Ninh họp. Hai bên ký kết.'
    """
    start = len(text) - len(text.lstrip())
    paragraph = text.find("\n", start)
    end = len(text) if paragraph < 0 else paragraph
    stops = [m.end() for m in re.finditer(r"[.!?](?=\s)", text[:end])]
    return min(end, stops[1]) if len(stops) >= 2 and stops[1] > start else end


@dataclass(frozen=True)
class Evidence:
    """How a text names one facet's values: counted (list mentions apart), in its lead, and as the
    venue of the match a sports text reports (see `venue`)."""

    counts: Counter[str]
    lead: frozenset[str] = frozenset()
    venues: frozenset[str] = frozenset()


def evidence(text: str, hits: list[tuple[str, int, int]]) -> Evidence:
    """The counts and the lead of one body, from its hits (value, start, end) in text order."""
    examples = listed(text, [(start, end) for _, start, end in hits])
    lead = lead_end(text)
    counts = Counter(value for i, (value, _, _) in enumerate(hits) if i not in examples)
    first = frozenset(value for i, (value, start, _) in enumerate(hits) if start < lead and i not in examples)
    return Evidence(counts, first)


def about(in_title: Counter[str], body: Evidence) -> tuple[str, ...]:
    """The values a release is about, most important first.

    A title names its subject, and a lead its subjects and co-subjects: every value there
    counts, unless listed as an example.  Elsewhere in the body a value counts when named three
    times, or twice and at least a quarter as often as the most named one: that drops the
    passing "như Mỹ, Nhật Bản" of a release about Korea.  A single mention deep in the body is
    a passing one (of 19 such tags judged on ../shared/news, 6 were right), unless it is where
    the match a sports text reports is played: a round's preview names each ground once.

    >>> about(Counter(), Evidence(Counter({"Hàn Quốc": 9, "Hoa Kỳ": 2, "Nhật Bản": 3})))
    ('Hàn Quốc', 'Nhật Bản')
    >>> about(Counter({"Đức": 1}), Evidence(Counter({"Hàn Quốc": 1, "Lào": 1}), frozenset({"Lào"})))
    ('Đức', 'Lào')
    """
    counts = body.counts
    top = max(counts.values(), default=0)
    kept = set(in_title) | body.lead | body.venues
    kept |= {v for v, n in counts.items() if n >= 3 or (n >= 2 and 4 * n >= top)}
    if not kept and len(counts) == 1:
        kept = set(counts)  # the one place a release names is where it happens
    return tuple(sorted(kept, key=lambda v: (v not in in_title, v not in body.lead, -counts[v], v)))


@lru_cache(maxsize=8)
def _scan(title: str, text: str) -> dict[str, tuple[str, ...]]:
    """Both facets from one pass over title and body (cached: callers ask for one facet at a time)."""
    text = nfc(text)
    sport = sports(title + "\n" + text)
    heads = _hits(title, sport_from=0) if sport else _hits(title, clubs=True)
    hits = _hits(text, sport_from=0 if sport else None)
    found = {}
    for kind in ("country", "province"):
        body = evidence(text, [(v, start, end) for k, v, start, end, _ in hits if k == kind])
        venues = frozenset(v for k, v, _, _, place in heads + hits if k == kind and place)
        found[kind] = about(
            Counter(v for k, v, *_ in heads if k == kind), replace(body, venues=venues)
        )
    return found


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
