"""Dates in a search: the `from`/`to` range, and the timeline of matching releases.

A snapshot keeps each document's date as one number, YYYYMMDD (indexer.engines.whoosh_snapshot): YYYYMM00 when
only the month is known, YYYY0000 when only the year is, 0 when nothing could be trusted.  A
document is inside a range when everything it might be is: "Tháng 3 năm 2023" is inside 2023 and
inside 2023-03, not inside 2023-03-10..2023-03-20.  An undated release is never inside a range.

The timeline counts the search's hits per month, or per year when they span more than
MAX_MONTHS, as stories (a release and its syndicated copies once), like every count a search
gives: each period's count is the total of the same search with that period as its range.
"""

from __future__ import annotations

import re

import numpy as np

from indexer.errors import BadRequest
from indexer.search import grouping

MAX_MONTHS = 36  # a longer span is drawn per year
_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def bound(text: str, end: bool) -> int | None:
    """A range bound as YYYYMMDD, the first (`end` False) or last day it names; None for none.

    >>> bound("2023", False), bound("2023", True), bound("2023-04", True), bound("2023-04-14", False)
    (20230000, 20239999, 20230499, 20230414)
    >>> bound("", True) is None
    True
    """
    text = text.strip()
    if not text:
        return None
    match = _BOUND.fullmatch(text)
    month, day = (int(match[2] or 0), int(match[3] or 0)) if match else (0, 0)
    if not match or month > 12 or day > 31 or (match[2] and not month) or (match[3] and not day):
        raise BadRequest(f"a date must be YYYY, YYYY-MM or YYYY-MM-DD, not {text[:40]!r}")
    low = int(match[1]) * 10000 + month * 100 + day
    if not end:
        return low
    return low + (9999 if not match[2] else 99 if not match[3] else 0)


def in_range(dates: np.ndarray, start: int | None, end: int | None) -> np.ndarray:
    """Which documents lie wholly inside [start, end] (YYYYMMDD bounds, None for open).

    >>> dates = np.array([20230414, 20230300, 20230000, 0, 20240101])
    >>> in_range(dates, bound("2023-03", False), bound("2023-04", True)).tolist()
    [True, True, False, False, False]
    >>> in_range(dates, bound("2023", False), None).tolist()
    [True, True, True, False, True]
    """
    earliest = dates
    latest = np.where(dates % 10000 == 0, dates + 9999, np.where(dates % 100 == 0, dates + 99, dates))
    inside = dates > 0
    if start is not None:
        inside &= earliest >= start
    if end is not None:
        inside &= latest <= end
    return inside


def timeline(dates: np.ndarray, selected: np.ndarray, stories: np.ndarray | None) -> list[dict[str, object]]:
    """Hits per period, every period from the first to the last (empty ones as 0), as
    `{"period": "YYYY-MM" or "YYYY", "count": stories}`; months unless they span over MAX_MONTHS.

    >>> dates = np.array([20230414, 20230415, 20230610, 20230000, 0])
    >>> timeline(dates, np.ones(5, dtype=bool), None)
    [{'period': '2023-04', 'count': 2}, {'period': '2023-05', 'count': 0}, {'period': '2023-06', 'count': 1}]
    >>> timeline(np.array([20190101, 20230000]), np.ones(2, dtype=bool), None)
    [{'period': '2019', 'count': 1}, {'period': '2020', 'count': 0}, {'period': '2021', 'count': 0}, \
{'period': '2022', 'count': 0}, {'period': '2023', 'count': 1}]
    """
    docs = np.flatnonzero(selected & (dates > 0))
    months = dates[docs] // 100
    monthly = months[months % 100 > 0]  # a year-only release belongs to no month
    if monthly.size:
        first, last = int(monthly.min()), int(monthly.max())
        span = (last // 100 - first // 100) * 12 + last % 100 - first % 100 + 1
    if monthly.size and span <= MAX_MONTHS and not _year_only_outside(months, first, last):
        keep = months % 100 > 0
        docs, ordinal = docs[keep], (months[keep] // 100) * 12 + months[keep] % 100 - 1
        labels = [
            f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(int(ordinal.min()), int(ordinal.max()) + 1)
        ]
    elif docs.size:
        ordinal = months // 100
        labels = [f"{n:04d}" for n in range(int(ordinal.min()), int(ordinal.max()) + 1)]
    else:
        return []
    codes = ordinal - ordinal.min()
    counts = grouping.counts(docs, codes, len(labels), np.ones(dates.size, dtype=bool), stories)
    return [{"period": label, "count": int(count)} for label, count in zip(labels, counts, strict=True)]


def _year_only_outside(months: np.ndarray, first: int, last: int) -> bool:
    """Whether some hit knows only its year, and that year is not one the months cover:
    such a hit would be on no bar of a monthly chart, so the chart goes per year."""
    years = months[months % 100 == 0] // 100
    return bool(years.size) and bool(((years < first // 100) | (years > last // 100)).any())
