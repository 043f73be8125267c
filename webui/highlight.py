"""A document's whole text as HTML, the query's syllables in <mark>.

The same choice as `indexer.snippets.snippet`: exact syllables when the query carries
diacritics and they occur, else the folded ones; the text is escaped by MarkFormatter,
so the result is safe to insert as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from whoosh.highlight import WholeFragmenter, highlight

from indexer.analysis import folded_syllable_analyzer, syllable_analyzer
from indexer.query import highlight_terms, parse
from indexer.snippets import MarkFormatter
from indexer.text import has_diacritics

_EXACT, _FOLDED = syllable_analyzer(), folded_syllable_analyzer()


def highlight_text(text: str, q: str) -> Markup:
    """Escaped `text` with the words of query `q` marked; just escaped when none occur."""
    node = parse(q) if q.strip() else None
    if node is None:
        return escape(text)
    exact, folded = highlight_terms(node)
    attempts = ((exact, _EXACT), (folded, _FOLDED)) if has_diacritics(q) else ((folded, _FOLDED),)
    for terms, analyzer in attempts:
        if terms:
            marked = highlight(text, terms, analyzer, WholeFragmenter(charlimit=None), MarkFormatter(), top=1)
            if marked:
                return Markup(marked)
    return escape(text)
