"""Fuzzing the query language and the search behind every endpoint: whatever is typed, the
answer is a result or a BadRequest saying why, never another exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import BadRequest
from indexer.index.store import FACETS
from indexer.search.query import parse
from indexer.search.run import MAX_QUERY_CHARS, SearchRequest, search

# Pieces of the syntax, real words (accented and bare) and characters Whoosh treats specially.
PIECES = st.sampled_from(
    ['"', "(", ")", "-", "+", "OR", "AND", "NOT", "or", "title:", "text:", "country:", "*", "?", "~2",
     "^3", ":", "[", "]", "{", "}", "\\", "/", "'", "…", "\x00", "\u0301", "\u200b", "hợp tác", "Hàn Quốc",
     "han quoc", "HÀN QUỐC", "thoả thuận", "Điện Biên", "Mimasaka", "2023", "_", "hợp_tác", " ", "  "]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(PIECES, max_size=12).map("".join),
    st.lists(PIECES | st.text(max_size=5), max_size=12).map(" ".join),
)
VALUES = st.text(max_size=20) | st.sampled_from(["Nhật Bản", "Hàn Quốc", "Lào", "Hà Nội", "2023", ""])


def search_or_refuse(snapshot, request: SearchRequest):
    try:
        result = search(snapshot, request)
    except BadRequest as exc:
        assert str(exc).strip()
        return None
    assert result.total >= len(result.hits) and all(isinstance(h.snippet, str) for h in result.hits)
    return result


@given(QUERIES)
def test_any_query_parses_to_a_tree_or_to_nothing(q):
    parse(q)


@given(QUERIES, st.sampled_from(["relevance", "newest", "oldest"]))
def test_any_query_searches(snapshot, q, sort):
    assert search_or_refuse(snapshot, SearchRequest(q, sort=sort)) is not None


@given(
    QUERIES | st.text(min_size=MAX_QUERY_CHARS - 5, max_size=MAX_QUERY_CHARS + 5),
    st.dictionaries(st.sampled_from([*FACETS, "colour"]), st.lists(VALUES, max_size=3).map(tuple)),
    st.integers(-5, 20_000),
    st.integers(-5, 150),
    st.text(max_size=10) | st.sampled_from(["relevance", "newest", "oldest"]),
)
def test_any_request_gives_a_result_or_a_bad_request(snapshot, q, filters, page, per_page, sort):
    search_or_refuse(snapshot, SearchRequest(q, filters, page, per_page, sort))
