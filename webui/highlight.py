"""Text as HTML with the query's words in <mark> (see indexer.search.snippets): a document's whole
text, and the titles of a page of hits, marked as their snippets are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from indexer.search.query import marks_for, parse
from indexer.search.snippets import Marks, marked_text


def query_marks(q: str, reader) -> Marks:
    """The words of query `q` to mark, exactly as search() marks its snippets (none for "")."""
    return marks_for(parse(q), reader)


def highlight_text(text: str, q: str, reader) -> Markup:
    """Escaped `text` with the words of query `q` marked; just escaped when none occur."""
    node = parse(q) if q.strip() else None
    if node is None:
        return escape(text)
    return Markup(marked_text(text, marks_for(node, reader)))


def highlight_titles(hits: Iterable[Mapping[str, object]], q: str, reader) -> dict[str, Markup]:
    """Each hit's title as HTML, by hit id, with the words of `q` marked.

    The JSON API's `title` stays plain text (INTERFACE.md); the page marks it here, with
    the marks and the marking function of the hit's snippet.
    """
    marks = query_marks(q, reader)
    return {str(hit["id"]): Markup(marked_text(str(hit["title"]), marks)) for hit in hits}
