"""Snippets: short passages of a document with the query's words in <mark>.

A query word is marked where its syllables stand together, as one <mark> ("hợp tác",
not "tác" of "đối tác").  Matching is one regular expression over the normalised (or
folded) text, whose characters line up one to one with the stored text, so a snippet
costs a C-speed scan rather than a Python pass over tokens.  Every character of the
document is HTML-escaped.  A hit's snippet looks at the first SCAN_CHARS characters; the
document page marks the whole text (up to 4 MiB: still one scan), and a hit's title the same
way, so the words marked are the same everywhere.

A snippet's passages start where a sentence does, never at page chrome left in the text (a
bare "15:13", a menu; see indexer/analysis/sentences.py), and stop at a sentence's end when one is
near: a person reads the sentence that matched, not a cut through it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from indexer.analysis.sentences import past_chrome, sentence_ends, sentence_starts
from indexer.text import fold, normalize

FRAGMENTS = 3  # passages in a snippet, at most
SURROUND = 45  # characters shown after a match, and before it deep in a long sentence
BEFORE = 150  # a match's sentence is shown from its start when that is this close
HEAD = 60  # of a sentence starting further back, its opening words, then " … "
PASSAGE_CHARS = 260  # matches close together share a passage while it stays this short
SNIPPET_CHARS = 420  # all passages together (but the best one always shows)
LEAD_CHARS = 300
SCAN_CHARS = 200_000

Span = tuple[int, int]


@dataclass(frozen=True)
class Marks:
    """What to mark: each query word as its syllables, exact and folded.

    `accented` says the person typed diacritics, so exact forms are tried first.
    """

    exact: frozenset[tuple[str, ...]]
    folded: frozenset[tuple[str, ...]]
    accented: bool


# Every lower-case letter a bare one stands for: "a" is also à, ă, ắ, â, ậ …; "d" is đ.
_MARKED = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_READINGS = {bare: "[" + bare + "".join(c for c in _MARKED if fold(c) == bare) + "]" for bare in "adeiouy"}


@lru_cache(maxsize=256)
def _pattern(sequences: frozenset[tuple[str, ...]], any_reading: bool = False) -> re.Pattern[str]:
    """One regex for all words: syllables separated by non-letters, whole syllables only.
    With `any_reading`, a syllable typed bare among accented ones ("Ha Nội") stands for
    every reading of it, as the search matched it."""

    def syllable(typed: str) -> str:
        if any_reading and typed.isascii():
            return "".join(_READINGS.get(c, re.escape(c)) for c in typed)
        return re.escape(typed)

    words = sorted((r"[\W_]+".join(map(syllable, seq)) for seq in sequences if seq), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(words) + r")(?![^\W_])")


def spans(
    text: str, sequences: frozenset[tuple[str, ...]], folded: bool, limit: int | None = SCAN_CHARS
) -> list[Span]:
    """Where the words occur in the first `limit` characters (None: all), as spans of `text`.

    >>> spans("Đối tác, HỢP TÁC, hop tac", frozenset({("hợp", "tác")}), False)
    [(9, 16)]
    >>> spans("Đối tác, HỢP TÁC, hop tac", frozenset({("hop", "tac")}), True)
    [(9, 16), (18, 25)]
    >>> spans("İzmir, hợp tác\\nhợp tác", frozenset({("hợp", "tác")}), False)  # İ lowers to 2 characters
    [(15, 22)]
    """
    if not sequences:
        return []
    head = text if limit is None else text[:limit]
    pattern = _pattern(sequences, any_reading=not folded)
    form = _form(head, folded)
    if len(form) == len(head):
        return [m.span() for m in pattern.finditer(form)]
    # A letter whose case or marks change its length leaves no safe offsets after it: look
    # line by line, so only its own line goes unmarked.
    found, at = [], 0
    for line in head.splitlines(keepends=True):
        form = _form(line, folded)
        if len(form) == len(line):
            found += [(at + m.start(), at + m.end()) for m in pattern.finditer(form)]
        at += len(line)
    return found


def _form(text: str, folded: bool) -> str:
    """The text as the patterns see it: normalised, and folded for bare words."""
    form = normalize(text)
    return fold(form) if folded else form


def _marked(text: str, start: int, end: int, found: list[Span]) -> str:
    out, at = [], start
    for s, e in found:
        if s >= start and e <= end:
            out += [html.escape(text[at:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
            at = e
    out.append(html.escape(text[at:end]))
    return "".join(out)


class _Passage(NamedTuple):
    start: int
    end: int
    matches: int
    sentence: int  # where the sentence holding `start` begins, past any chrome


def _passages(text: str, found: list[Span]) -> list[_Passage]:
    """Passages around matches, from the start of a match's sentence (or, deep in a long one,
    a few words before the match) to a sentence end or a word after it; merged while short.
    A match in chrome (a menu, a dateline) opens no passage."""
    starts = sentence_starts(text[: found[-1][1]])
    clean: dict[int, int] = {}  # sentence start → past its chrome
    passages: list[_Passage] = []
    for s, e in found:
        begin = starts[bisect_right(starts, s) - 1]
        if begin not in clean:
            clean[begin] = past_chrome(text, begin)
        sentence = clean[begin]
        if sentence > s:
            continue
        start = sentence if s - sentence <= BEFORE else _word_start(text, s - SURROUND)
        end = _end(text, e)
        last = passages[-1] if passages else None
        if last and not text[last.end : start].strip():  # it touches the last passage
            if max(end, last.end) - last.start <= PASSAGE_CHARS:
                passages[-1] = last._replace(end=max(end, last.end), matches=last.matches + 1)
                continue
            if start < last.end:  # the same sentence as the last passage: go on after it
                start = _word_start(text, s - SURROUND)
                if not text[last.end : start].strip():
                    continue
        passages.append(_Passage(start, end, 1, sentence))
    return passages


def _word_start(text: str, at: int) -> int:
    return text.rfind(" ", 0, max(0, at)) + 1


def _end(text: str, at: int) -> int:
    """Where a passage whose last match ends at `at` stops: its sentence's end when near,
    else the first word boundary SURROUND characters on."""
    for stop, _ in sentence_ends(text, at, at + 2 * SURROUND):
        return stop
    cut = text.find(" ", min(len(text), at + SURROUND))
    return len(text) if cut < 0 else cut


def _head(text: str, sentence: int) -> int:
    """The end of a sentence's opening words, shown before a passage deep inside it."""
    cut = text.rfind(" ", sentence, sentence + HEAD)
    return cut if cut > sentence else sentence + HEAD


def _found(text: str, marks: Marks, limit: int | None = SCAN_CHARS) -> list[Span]:
    """A query typed with diacritics marks what it matched: accented syllables as typed,
    bare ones in any reading ("bão" never marks báo); a bare query marks every reading."""
    if marks.accented:
        return spans(text, marks.exact, folded=False, limit=limit)
    return spans(text, marks.folded, folded=True, limit=limit)


def snippet(text: str, marks: Marks) -> str:
    """HTML for a hit: up to three passages around the matches, or the escaped lead.

    The passages with the most matches are shown, in the text's order, joined by " … "
    where text is left out; each opens at a sentence, and one deep in a long sentence shows
    that sentence's opening words first.

    >>> snippet("Hợp tác với <Hàn Quốc>.", Marks(frozenset({("hàn", "quốc")}), frozenset(), True))
    'Hợp tác với &lt;<mark>Hàn Quốc</mark>&gt;.'
    >>> snippet("15:13\\nĐoàn thăm Lào. Hai bên ký kết.", Marks(frozenset({("lào",)}), frozenset(), True))
    'Đoàn thăm <mark>Lào</mark>.'
    """
    found = _found(text, marks)
    passages = _passages(text, found) if found else []
    if not passages:
        return lead(text)
    shown: list[_Passage] = []
    for passage in sorted(passages, key=lambda p: -p.matches):
        if len(shown) < FRAGMENTS and (not shown or sum(map(_size, shown + [passage])) <= SNIPPET_CHARS):
            shown.append(passage)
    out: list[str] = []
    last_end: int | None = None
    for start, end, _, sentence in sorted(shown):
        opening = start > sentence and (last_end is None or last_end < sentence)
        first = sentence if opening else start
        if last_end is not None:
            out.append(" " if not text[last_end:first].strip() else " … ")
        if opening and text[_head(text, sentence) : start].strip():
            out += [_marked(text, sentence, _head(text, sentence), found), " … "]
        elif opening:  # the opening words reach the passage: show the sentence whole
            start = sentence
        out.append(_marked(text, start, end, found))
        last_end = end
    return _one_line("".join(out))


def _size(passage: _Passage) -> int:
    return passage.end - passage.start + (HEAD if passage.start > passage.sentence else 0)


def _one_line(marked: str) -> str:
    """A snippet as one run of text: its paragraphs' line breaks read as spaces."""
    return " ".join(marked.split())


def marked_text(text: str, marks: Marks) -> str:
    """The whole text as HTML with every match marked: the document page, a hit's title.

    >>> laos = Marks(frozenset({("lào",)}), frozenset(), True)
    >>> marked_text("Lào " + "x" * SCAN_CHARS + " Lào", laos).count("<mark>")
    2
    """
    return _marked(text, 0, len(text), _found(text, marks, limit=None))


def lead(text: str) -> str:
    """The escaped opening of a text, past any chrome, cut at a word: the snippet of an
    unqueried hit.

    >>> lead("a <b> c"), lead("Thứ hai - 17/04/2023 15:13\\n\\nĐoàn công tác đến.")
    ('a &lt;b&gt; c', 'Đoàn công tác đến.')
    """
    body = text[past_chrome(text, 0) :] or text
    if len(body) <= LEAD_CHARS:
        return _one_line(html.escape(body))
    cut = body[:LEAD_CHARS].rsplit(" ", 1)[0]
    return _one_line(html.escape(cut)) + " …"
