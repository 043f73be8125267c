"""Snippets: a few short passages of a document with the query's syllables in <mark>.

The highlighter re-tokenises the stored text with the cheap syllable analyzers
(never pyvi), and every character of the document is HTML-escaped, quotes included.
"""

from __future__ import annotations

import html

from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from indexer.analysis import folded_syllable_analyzer, syllable_analyzer

FRAGMENTS = 3
FRAGMENT_CHARS = 110
LEAD_CHARS = 300


class MarkFormatter(Formatter):
    """Escaped text with matches in bare <mark> tags, fragments joined by an ellipsis."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text, token, replace=False) -> str:
        return "<mark>" + html.escape(get_text(text, token, replace)) + "</mark>"


_EXACT, _FOLDED = syllable_analyzer(), folded_syllable_analyzer()


def snippet(text: str, exact: frozenset[str], folded: frozenset[str], accented: bool) -> str:
    """HTML for a hit: passages around the matches, or the escaped lead when none match.

    Exact syllables are marked when the user typed diacritics; otherwise (or when the
    match was only a folded one) the folded forms are.

    >>> snippet("Hợp tác với <Hàn Quốc>", frozenset({"hàn"}), frozenset({"han"}), True)
    'Hợp tác với &lt;<mark>Hàn</mark> Quốc'
    """
    fragmenter = ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=45)
    attempts = ((exact, _EXACT), (folded, _FOLDED)) if accented else ((folded, _FOLDED),)
    for terms, analyzer in attempts:
        if terms:
            marked = highlight(text, terms, analyzer, fragmenter, MarkFormatter(), top=FRAGMENTS)
            if marked:
                return marked
    return lead(text)


def lead(text: str) -> str:
    """The escaped opening of a text, cut at a word: the snippet of an unqueried hit.

    >>> lead("a <b> c")
    'a &lt;b&gt; c'
    """
    if len(text) <= LEAD_CHARS:
        return html.escape(text)
    cut = text[:LEAD_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut) + " …"
