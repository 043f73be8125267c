"""Snippets: short passages of a document with the query's words in <mark>.

A query word is marked where its syllables stand together, as one <mark> ("hợp tác",
not "tác" of "đối tác").  Matching is one regular expression over the normalised (or
folded) text, whose characters line up one to one with the stored text, so a snippet
costs a C-speed scan rather than a Python pass over tokens.  Every character of the
document is HTML-escaped.  A hit's snippet looks at the first SCAN_CHARS characters; the
document page marks the whole text (up to 4 MiB: still one scan).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.text import fold, normalize

FRAGMENTS = 3
SURROUND = 45
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


@lru_cache(maxsize=256)
def _pattern(sequences: frozenset[tuple[str, ...]]) -> re.Pattern[str]:
    """One regex for all words: syllables separated by non-letters, whole syllables only."""
    words = sorted((r"[\W_]+".join(map(re.escape, seq)) for seq in sequences if seq), key=len, reverse=True)
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
    pattern = _pattern(sequences)
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


def _windows(text: str, found: list[Span]) -> list[tuple[int, int, int]]:
    """Passages around matches, widened to whole words and merged: (start, end, matches)."""
    windows: list[tuple[int, int, int]] = []
    for s, e in found:
        start = text.rfind(" ", 0, max(0, s - SURROUND)) + 1
        end = text.find(" ", min(len(text), e + SURROUND))
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1] and end - windows[-1][0] <= 3 * SURROUND + (e - s):
            windows[-1] = (windows[-1][0], end, windows[-1][2] + 1)
        elif not windows or start > windows[-1][1]:
            windows.append((start, end, 1))
    return windows


def _found(text: str, marks: Marks, limit: int | None = SCAN_CHARS) -> list[Span]:
    if marks.accented:
        exact = spans(text, marks.exact, folded=False, limit=limit)
        if exact:
            return exact
    return spans(text, marks.folded, folded=True, limit=limit)


def snippet(text: str, marks: Marks) -> str:
    """HTML for a hit: up to three passages around the matches, or the escaped lead.

    >>> snippet("Hợp tác với <Hàn Quốc>.", Marks(frozenset({("hàn", "quốc")}), frozenset(), True))
    'Hợp tác với &lt;<mark>Hàn Quốc</mark>&gt;.'
    """
    found = _found(text, marks)
    if not found:
        return lead(text)
    best = sorted(_windows(text, found), key=lambda w: -w[2])[:FRAGMENTS]
    return " … ".join(_marked(text, s, e, found) for s, e, _ in sorted(best)).strip()


def marked_text(text: str, marks: Marks) -> str:
    """The whole text as HTML with every match marked, for the document page.

    >>> laos = Marks(frozenset({("lào",)}), frozenset(), True)
    >>> marked_text("Lào " + "x" * SCAN_CHARS + " Lào", laos).count("<mark>")
    2
    """
    return _marked(text, 0, len(text), _found(text, marks, limit=None))


def lead(text: str) -> str:
    """The escaped opening of a text, cut at a word: the snippet of an unqueried hit.

    >>> lead("a <b> c")
    'a &lt;b&gt; c'
    """
    if len(text) <= LEAD_CHARS:
        return html.escape(text)
    cut = text[:LEAD_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut) + " …"
