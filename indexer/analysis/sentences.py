"""Where a release's sentences start, and the page chrome a passage must not start with.

A hit's snippet opens where a sentence does, so it reads as prose.  Extraction cuts most of a
portal's chrome, but a line it leaves (a bare time "15:13", a dateline "Thứ hai - 17/04/2023
15:13", a "Trang chủ | Tin tức" menu) is no sentence: `past_chrome` steps over it.  Both work
on the stored text itself, so their offsets are the text's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? or … (and any closing quote or bracket) before white space, or
# at a line break.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n\s*")
# Words whose full stop ends an abbreviation, not a sentence: "TP. Hồ Chí Minh", "ThS. Lê".
_ABBREVIATIONS = frozenset("tp tx tt ths ts pgs gs bs ks ncs".split())
_LAST_WORD = re.compile(r"(\w+)[.]$")

_DATE = r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}-\d{1,2}-\d{1,2}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH)\b)?"
_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"
_LABEL = r"cập\s+nhật(?:\s+lúc)?|ngày\s+đăng|đăng\s+(?:lúc|ngày)"
_GMT = r"\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?"
_ITEM = rf"(?:{_WEEKDAY}|{_LABEL}|{_GMT}|{_TIME}|{_DATE}|[-–—,|/·•:])"
# A run of dateline items at the start of a line or sentence, ending before white space.
_STAMP = re.compile(rf"[ \t]*{_ITEM}(?:[ \t]*{_ITEM})*(?=\s|$)", re.IGNORECASE)
_HAS_TIME = re.compile(_TIME)
_MENU = re.compile(r"[ \t]*\|[ \t]*|[ \t](?:>>?|»|›)[ \t]")
_MENU_ITEM_WORDS = 5


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Each sentence end in text[start:end], as (where its sentence stops, where the next begins).

    A full stop after an abbreviation ("TP.") or an initial ("A."), or before a lower-case
    letter, ends no sentence.

    >>> list(sentence_ends("Đoàn thăm TP. Hồ Chí Minh. Hai bên ký kết!\\nSau đó"))
    [(26, 27), (42, 43)]
    """
    for m in _END.finditer(text, start, len(text) if end is None else end):
        stop = m.start() + len(m.group().rstrip())
        after = text[m.end() : m.end() + 1]
        if "\n" not in m.group() and (after.islower() or _abbreviation(text[max(0, stop - 8) : stop])):
            continue
        yield stop, m.end()


def _abbreviation(tail: str) -> bool:
    word = _LAST_WORD.search(tail)
    return bool(word) and (len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS)


def sentence_starts(text: str) -> list[int]:
    """Where the sentences of `text` start, in order: 0, then after each sentence end.

    >>> sentence_starts("Một. Hai!  Ba\\n\\nBốn")
    [0, 5, 11, 15]
    """
    return [0] + [begin for _, begin in sentence_ends(text)]


def past_chrome(text: str, at: int) -> int:
    """`at`, or past the chrome that opens the text there, and the white space after it.

    Chrome is a line of only dates and times, a menu of short items between "|", ">>" or
    "»", or a dateline holding a time before the sentence on its line.  A date opening a
    sentence ("17/4, Đoàn ...") is prose and stays.

    >>> text = "Thứ hai - 17/04/2023 15:13\\n\\nTrang chủ | Tin tức\\n15:13 Đoàn công tác đến."
    >>> text[past_chrome(text, 0):]
    'Đoàn công tác đến.'
    >>> past_chrome("17/4, đoàn công tác đến.", 0)
    0
    """
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        line_end = text.find("\n", at)
        line = text[at : len(text) if line_end < 0 else line_end]
        skip = _chrome(line)
        if not skip:
            return at
        at += skip


def _chrome(line: str) -> int:
    """How many characters of chrome open `line` (0: none)."""
    if any(mark in line for mark in "|>»›") and _MENU.search(line):
        parts = _MENU.split(line.strip())
        if all(len(part.split()) <= _MENU_ITEM_WORDS for part in parts):
            return len(line)
    stamp = _STAMP.match(line)
    if not stamp or not any(c.isdigit() for c in stamp[0]):
        return 0
    whole_line = not line[stamp.end() :].strip()
    return stamp.end() if whole_line or _HAS_TIME.search(stamp[0]) else 0
