"""A document's whole text as HTML, the query's words in <mark> (see indexer.snippets)."""

from __future__ import annotations

from markupsafe import Markup, escape

from indexer.query import marks_for, parse
from indexer.snippets import marked_text


def highlight_text(text: str, q: str, reader) -> Markup:
    """Escaped `text` with the words of query `q` marked; just escaped when none occur."""
    node = parse(q) if q.strip() else None
    if node is None:
        return escape(text)
    return Markup(marked_text(text, marks_for(node, reader)))
