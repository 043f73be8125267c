"""Snippets: short passages of a document with the query's words in <mark>.

A query word is marked where its syllables stand together, as one <mark> ("hợp tác",
not "tác" of "đối tác").  The stored text is re-tokenised with the cheap syllable
analyzers (never pyvi), and every character of the document is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, Formatter, WholeFragmenter, top_fragments

from indexer.analysis import folded_syllable_analyzer, syllable_analyzer

FRAGMENTS = 3
FRAGMENT_CHARS = 110
LEAD_CHARS = 300
SCAN_CHARS = 200_000


@dataclass(frozen=True)
class Marks:
    """What to mark: each query word as its syllables, exact and folded.

    `accented` says the person typed diacritics, so exact forms are tried first.
    """

    exact: frozenset[tuple[str, ...]]
    folded: frozenset[tuple[str, ...]]
    accented: bool


class MarkFormatter(Formatter):
    """Escaped text with matches in bare <mark> tags, fragments joined by an ellipsis."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text, token, replace=False) -> str:
        return "<mark>" + html.escape(text[token.startchar : token.endchar]) + "</mark>"


_EXACT, _FOLDED = syllable_analyzer(), folded_syllable_analyzer()


def marked_tokens(text: str, sequences: frozenset[tuple[str, ...]], analyzer) -> Iterator[Token]:
    """Tokens of `text`, where each run of syllables equal to a sequence is one matched token.

    >>> tokens = marked_tokens("đối tác, hợp tác", {("hợp", "tác")}, _EXACT)
    >>> [(t.matched, t.startchar, t.endchar) for t in tokens]
    [(False, 0, 3), (False, 4, 7), (True, 9, 16)]
    """
    found = [(t.text, t.startchar, t.endchar) for t in analyzer(text[:SCAN_CHARS], chars=True)]
    lengths = sorted({len(s) for s in sequences}, reverse=True)
    i = 0
    while i < len(found):
        n = next((n for n in lengths if tuple(f[0] for f in found[i : i + n]) in sequences), 0)
        last = found[i + max(n, 1) - 1]
        yield Token(text=found[i][0], startchar=found[i][1], endchar=last[2], matched=bool(n), boost=1.0)
        i += max(n, 1)


def _highlight(text: str, marks: Marks, fragmenter, top: int) -> str:
    attempts = (
        ((marks.exact, _EXACT), (marks.folded, _FOLDED)) if marks.accented else ((marks.folded, _FOLDED),)
    )
    for sequences, analyzer in attempts:
        if sequences:
            fragments = fragmenter.fragment_tokens(text, marked_tokens(text, sequences, analyzer))
            best = top_fragments(fragments, top, BasicFragmentScorer(), order=lambda f: f.startchar)
            if best:
                return MarkFormatter().format(best)
    return ""


def snippet(text: str, marks: Marks) -> str:
    """HTML for a hit: passages around the matches, or the escaped lead when none match.

    >>> snippet("Hợp tác với <Hàn Quốc>", Marks(frozenset({("hàn", "quốc")}), frozenset(), True))
    'Hợp tác với &lt;<mark>Hàn Quốc</mark>'
    """
    fragmenter = ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=45)
    return _highlight(text, marks, fragmenter, FRAGMENTS) or lead(text)


def marked_text(text: str, marks: Marks) -> str:
    """The whole text as HTML with every match marked, for the document page."""
    return _highlight(text, marks, WholeFragmenter(charlimit=None), 1) or html.escape(text)


def lead(text: str) -> str:
    """The escaped opening of a text, cut at a word: the snippet of an unqueried hit.

    >>> lead("a <b> c")
    'a &lt;b&gt; c'
    """
    if len(text) <= LEAD_CHARS:
        return html.escape(text)
    cut = text[:LEAD_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut) + " …"
