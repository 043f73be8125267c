"""Batch search: a list of names or terms, each counted as the search box would count it.

A journalist pastes people, companies, projects or places, one a line, and sees for each how
many releases name it under the current facets and date range, and where and when: one
request, one snapshot, each term planned and evaluated like a query (its postings then kept
for the next term), its counts taken from the same numpy arrays as a search's.  A row's
total is exactly what /api/search gives for that term and those filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from indexer.engines.base import Snapshot
from indexer.errors import BadRequest
from indexer.search.run import SearchRequest, tally

MAX_TERMS = 1000


@dataclass
class BatchRow:
    """One term's line of the table: exactly one object of POST /api/batch's `rows`."""

    term: str
    total: int
    facets: dict[str, list[dict[str, object]]]

    def top(self, facet: str, count: int = 3) -> list[str]:
        """The facet's most frequent values under this term ("Bắc Ninh (12)")."""
        counted = [item for item in self.facets.get(facet, []) if item["count"]]
        return [f"{item['value']} ({item['count']})" for item in counted[:count]]


def terms_of(lines: Iterable[str]) -> list[str]:
    """The terms of a pasted or uploaded list: one a line, trimmed, blank lines dropped.

    >>> terms_of(["Samsung\\n", "  ", " Bắc Ninh ", ""])
    ['Samsung', 'Bắc Ninh']
    """
    return [line.strip() for line in lines if line.strip()]


def batch(snap: Snapshot, terms: list[str], request: SearchRequest) -> list[BatchRow]:
    """Each term under the request's filters and date range (its `q` is ignored), in order."""
    if len(terms) > MAX_TERMS:
        raise BadRequest(f"too many terms: {len(terms)} (at most {MAX_TERMS} a batch)")
    rows = []
    for term in terms:
        asked = replace(request, q=term, page=1)
        asked.validate()
        total, facets = tally(snap, asked)
        rows.append(BatchRow(term, total, facets))
    return rows


def to_dict(rows: list[BatchRow]) -> dict[str, object]:
    """The JSON object of POST /api/batch and `thongcao batch --json`."""
    return {"rows": [asdict(row) for row in rows]}
