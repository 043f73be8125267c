"""A release as a journalist cites it: outlet, date, headline, address, and the day it was read.

The shape is the one Vietnamese newsrooms and style guides use for online sources:
Nguồn (ngày đăng), “Tiêu đề”, địa chỉ, truy cập ngày …  A date that could not be trusted is
written "không rõ ngày", never guessed; a date read from the release's opening line rather than
its outlet's metadata is the day the text names ("ngày ghi đầu bài"), which may precede the day
it was published, and is cited as such.  A release without an outlet or an address says so.
"""

from __future__ import annotations

import datetime

from indexer.extract.dates import today_in_vietnam


def _vn(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def citation(
    doc: dict, url: str | None, dated_by: str | None = None, today: datetime.date | None = None
) -> str:
    """One line to paste under a quote.

    >>> doc = {"source": "Báo Tuyên Quang", "published": "2023-08-30", "title": "Hợp tác với Imsil"}
    >>> citation(doc, "https://btq.vn/a", "metadata", datetime.date(2026, 11, 29))
    'Báo Tuyên Quang (30/08/2023), “Hợp tác với Imsil”, https://btq.vn/a, truy cập ngày 29/11/2026.'
    >>> citation({"source": None, "published": None, "title": "Tin"}, None, None, datetime.date(2026, 11, 29))
    'Không rõ nguồn (không rõ ngày), “Tin”, không có địa chỉ gốc, truy cập ngày 29/11/2026.'
    >>> citation(doc, None, "dateline", datetime.date(2026, 11, 29))[:49]
    'Báo Tuyên Quang (ngày ghi đầu bài 30/08/2023), “H'
    """
    published = doc.get("published")
    when = _vn(datetime.date.fromisoformat(published)) if published else "không rõ ngày"
    if published and dated_by == "dateline":
        when = f"ngày ghi đầu bài {when}"
    source = doc.get("source") or "Không rõ nguồn"
    where = url or "không có địa chỉ gốc"
    read = _vn(today or today_in_vietnam())
    return f"{source} ({when}), “{doc.get('title') or ''}”, {where}, truy cập ngày {read}."
