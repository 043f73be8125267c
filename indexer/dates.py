"""When was a release published: page metadata first, then the Vietnamese dateline, then evidence.

1. Metadata (article:published_time, JSON-LD datePublished, <time datetime>) wins when it parses.
2. Otherwise the earliest dateline near the top of the text is the article's own date: a weekday
   ("Thứ hai - 17/04/2023 15:13"), a cue word at the start of a clause ("Ngày 10/8", "chiều 30-8",
   "trưa ngày 14/4/2023", "ngày 5 tháng 9 năm 2024"), or a line that opens with a full date or with
   "Tháng 3 năm 2023".  Dates deeper in the body are events the release mentions, not its date.
   Regexes with cue words, not dateparser: its search finds years in "80,6" (→ 1980).
3. Datelines usually omit the year ("Chiều 7/3").  It is then read from the document itself, and
   left None rather than guessed when the evidence is missing or disagrees:
   - exact years: "từ năm 2005 đến nay" + "gần 18 năm qua" → 2023; "kỷ niệm 30 năm ... (1992-2022)"
     → 2022; a current-year duty "trong năm 2018, hai địa phương cần ..." → 2018;
   - a lower bound: a release narrates the past, so it is published no earlier than the latest
     date it mentions as past or present ("Năm 2022", "Tháng 3 năm 2023", "ngày 25/12/2019").
     Future references ("đến năm 2030", "tầm nhìn", "kế hoạch", "giai đoạn 2021-2025", "... sẽ")
     and bare numbers ("80,6", "1.183") are not evidence; only years 1990..2035 are.
   An exact year that falls before the lower bound is discarded; two different exact years give
   None.  Without an exact year the lower bound itself is taken, but only beside a yearless
   dateline whose day and month are not earlier than that mention (else the year is some later
   one we cannot name); a text with no dateline at all gets a year only from an exact one.
   Evidence stops where the article does: at "Tin cùng chuyên mục"-style chrome, or at a later
   line that opens with its own dateline (a related article appended by the portal).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from indexer.text import nfc

YEAR_MIN, YEAR_MAX = 1990, 2035
_VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
_TOP = 1500  # characters in which the article's own dateline is looked for

Point = tuple[int, int, int]  # (year, month or 0, day or 0): a date as precisely as it is known


@dataclass(frozen=True)
class DateInfo:
    """The publication date as far as it is known, and where its year came from."""

    published: datetime.date | None  # only when day, month AND year are known
    year: int | None  # may be known even when the day is not
    year_source: str | None  # "metadata", "dateline", "text" (inferred from evidence) or None


def _plausible(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    """A date, or None when the parts do not form a real, plausible one (31/2, year 1)."""
    try:
        return datetime.date(year, month, day) if _plausible(year) else None
    except ValueError:
        return None


# --- metadata ------------------------------------------------------------------------------------

_ISO = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_DMY = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")


def _iso_date(match: re.Match[str]) -> datetime.date | None:
    year, month, day, hour, minute, second, zone = match.groups()
    day_only = _make_date(int(year), int(month), int(day))
    if day_only is None or zone is None:
        return day_only
    sign = -1 if zone[0] == "-" else 1
    digits = zone.replace(":", "")[1:] if zone.upper() != "Z" else "0000"
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        parts = (int(part) for part in (year, month, day, hour, minute, second or 0))
        moment = datetime.datetime(*parts, tzinfo=datetime.timezone(sign * offset))
    except ValueError:
        return None
    return moment.astimezone(_VIETNAM).date()


def parse_meta_date(value: str) -> datetime.date | None:
    """Read a metadata date; stamps with a zone are given in Vietnam time, like the datelines.

    >>> parse_meta_date("2026-03-07T08:52:11.000 +07:00"), parse_meta_date("07/03/2026 08:05")
    (datetime.date(2026, 3, 7), datetime.date(2026, 3, 7))
    >>> parse_meta_date("2026-03-06T20:30:00Z"), parse_meta_date("0001-01-01"), parse_meta_date("soon")
    (datetime.date(2026, 3, 7), None, None)
    """
    if not isinstance(value, str):
        return None
    text = nfc(value).strip()
    if match := _ISO.match(text):
        return _iso_date(match)
    if match := _DMY.search(text):  # Vietnamese d/m/Y, possibly after a weekday
        day, _, month, year = match.groups()
        return _make_date(int(year), int(month), int(day))
    try:  # RSS pubDate: "Sat, 07 Mar 2026 08:05:00 +0700"
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(_VIETNAM)
    return _make_date(moment.year, moment.month, moment.day)


# --- datelines -----------------------------------------------------------------------------------

_DATE = (
    r"(?<!\d)(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}|\d{1,2}[/-]\d{1,2}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)(?!\d|[/.-]\d)"
)
_FULL_DATE = (
    r"(?<!\d)(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})(?!\d)"
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_CUE = r"(?:vào\s+)?(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)(?:\s+nay)?\s+(?:ngày\s+)?|ngày\s+)"
_FLAGS = re.IGNORECASE | re.MULTILINE
_DATELINES = (
    re.compile(r"\b" + _WEEKDAY + r"\s*[,\-–—]?\s*(?:ngày\s+)?" + _DATE, _FLAGS),
    re.compile(r"(?:^|[,;:.(\-–—])[ \t]*" + _CUE + _DATE, _FLAGS),  # at the start of a clause
    re.compile(
        r"^[ \t]*(?:(?:ngày\s+)?(?:đăng|cập\s+nhật|xuất\s+bản)(?:\s+(?:ngày|lúc))?\s*:?\s*)?" + _FULL_DATE,
        _FLAGS,
    ),
    re.compile(r"^[ \t]*tháng\s+(?P<date>\d{1,2}\s*(?:/|năm)\s*\d{4})(?!\d)", _FLAGS),
)
_ARTICLE_END = re.compile(
    r"^[ \t]*(?:" + _CUE + _DATE + r"|(?:tin cùng chuyên mục|tin liên quan|các tin khác|tin khác"
    r"|những tin mới hơn|những tin cũ hơn|bài viết liên quan|xem thêm)\b)",
    _FLAGS,
)

Dateline = tuple[int | None, int, int | None]  # (year or None, month, day or None)


def _read_date(text: str, month_first: bool = False) -> Dateline | None:
    """Split a matched date into (year, month, day), or None when it cannot exist.

    >>> _read_date("17/04/2023"), _read_date("30-8"), _read_date("2023-08-10"), _read_date("31/2")
    ((2023, 4, 17), (None, 8, 30), (2023, 8, 10), None)
    """
    parts = re.findall(r"\d+", text)
    numbers = [int(part) for part in parts]
    if month_first:  # "tháng 3 năm 2023"
        (month, year), day = numbers, None
    elif len(parts[0]) == 4:
        year, month, day = numbers
    else:
        day, month, year = (numbers + [None])[:3]
    if year is not None and not _plausible(year):
        return None
    if day is not None and _make_date(year or 2000, month, day) is None:  # 2000: 29/2 may exist
        return None
    return (year, month, day) if 1 <= month <= 12 else None


def _find_dateline(text: str) -> tuple[Dateline, int] | None:
    """The earliest valid dateline near the top, with the offset where it ends."""
    top = text[:_TOP]
    found = []
    for number, pattern in enumerate(_DATELINES):
        for match in pattern.finditer(top):
            date = _read_date(match.group("date"), month_first=number == len(_DATELINES) - 1)
            if date is not None:
                found.append((match.start("date"), date, match.end()))
                break
    if not found:
        return None
    _, date, end = min(found)
    return date, end


# --- evidence for the year -----------------------------------------------------------------------

_MENTION = re.compile(
    r"(?<![\d/.-])(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})(?!\d)"
    r"|\btháng\s+(?P<month>\d{1,2}\s*(?:/|năm)\s*\d{4})(?!\d)"
    r"|\bnăm\s+(?P<year>\d{4})(?!\d|\s*[-–]\s*\d)",  # "năm 2021-2025" is a period, not a moment
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:đến|tới|trước)\s+(?:hết\s+)?(?:ngày\s+)?$"
    r"|\b(?:tầm nhìn|giai đoạn|kế hoạch|mục tiêu|phấn đấu|dự kiến|dự báo|định hướng|chiến lược|sẽ)\b",
    re.IGNORECASE,
)
_PAST_AFTER = re.compile(r"\b(?:đã|đến nay|vừa qua)\b", re.IGNORECASE)
_FUTURE_AFTER = re.compile(r"\bsẽ\b", re.IGNORECASE)
_MORE = {"hơn", "trên"}  # "hơn 18 năm qua" does not say which year it is now
_SINCE = re.compile(r"\btừ\s+(?:năm\s+)?(\d{4})\s+(?:đến|tới)\s+nay\b", re.IGNORECASE)
_YEARS_AGO = re.compile(r"(?:(\w+)\s+)?(?<!\d)(\d{1,2})\s+năm\s+(?:vừa\s+)?qua\b", re.IGNORECASE)
_ANNIVERSARY = re.compile(
    r"\bk[ỷỉ]\s+niệm\s+(\d{1,3})\s+năm\b[^.;\n]{0,150}?(?<!\d)(?:\d{1,2}/\d{1,2}/)?(\d{4})\s*[-–]\s*"
    r"(?:\d{1,2}/\d{1,2}/)?(\d{4})(?!\d)",
    re.IGNORECASE,
)
_CURRENT_YEAR = re.compile(
    r"\btrong\s+năm\s+(\d{4})\s*,?\s+[^.;\n]{0,60}?\b(?:cần|phải|tiếp tục)\b", re.IGNORECASE
)


def _article_body(text: str, start: int) -> str:
    """The text up to the end of the article that starts before `start`."""
    end = _ARTICLE_END.search(text, start)
    return text[: end.start()] if end else text


def _is_past(text: str, start: int, end: int) -> bool:
    """Whether a date mention narrates the past or present rather than a target or a plan."""
    before = re.split(r"[.;!?\n]", text[max(0, start - 60) : start])[-1]
    after = re.split(r"[.;!?\n]", text[end : end + 80])[0]
    if _PAST_AFTER.search(after):  # "Đến năm 2019, 2 tỉnh đã ký kết ..."
        return True
    return not (_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.search(after))


def _past_points(text: str) -> list[Point]:
    """Every plausible date the text mentions as past or present, as precisely as it is given."""
    points = []
    for match in _MENTION.finditer(text):
        if match.group("year"):
            point: Point | None = (int(match.group("year")), 0, 0)
        else:
            date = _read_date(match.group("date") or match.group("month"), month_first=not match["date"])
            point = (date[0], date[1], date[2] or 0) if date and date[0] else None
        if point and _plausible(point[0]) and _is_past(text, match.start(), match.end()):
            points.append(point)
    return points


def _exact_years(text: str) -> set[int]:
    """Years the text states as its present: spans to now, anniversaries, current-year duties."""
    starts = {int(m.group(1)) for m in _SINCE.finditer(text)}
    lengths = {int(m.group(2)) for m in _YEARS_AGO.finditer(text) if (m.group(1) or "").lower() not in _MORE}
    years = {start + length for start in starts for length in lengths}
    for match in _ANNIVERSARY.finditer(text):  # "kỷ niệm 30 năm ... (1992-2022)"
        length, first, last = (int(group) for group in match.groups())
        if last - first == length:
            years.add(last)
    years |= {int(m.group(1)) for m in _CURRENT_YEAR.finditer(text)}
    return {year for year in years if _plausible(year)}


def _resolve_year(points: Iterable[Point], exact: set[int], month_day: tuple[int, int] | None) -> int | None:
    """One year consistent with all the evidence, or None; `month_day` is the yearless dateline's.

    >>> _resolve_year([(2022, 0, 0), (2023, 3, 0)], set(), (8, 30))
    2023
    >>> _resolve_year([(2019, 0, 0)], {2023}, (8, 10)), _resolve_year([(2023, 9, 1)], set(), (8, 30))
    (2023, None)
    """
    latest = max(points, default=None)
    month, day = month_day or (0, 0)

    def consistent(year: int) -> bool:  # published on or after everything narrated as past
        return latest is None or (year, month, day) >= latest

    candidates = {year for year in exact if consistent(year)}
    if candidates:
        return candidates.pop() if len(candidates) == 1 else None
    if month_day is None or latest is None or not consistent(latest[0]):
        return None  # a lower bound names the year only beside a dateline of that year
    return latest[0]


def find_date(text: str, meta_dates: Sequence[str] = ()) -> DateInfo:
    """Date a release: metadata, else its dateline, else the year its own text implies.

    >>> find_date("Chiều 7/3, ... trong năm 2018, hai địa phương cần tích cực phối hợp.")
    DateInfo(published=datetime.date(2018, 3, 7), year=2018, year_source='text')
    """
    for value in meta_dates:
        if (published := parse_meta_date(value)) is not None:
            return DateInfo(published, published.year, "metadata")
    text = nfc(text)
    found = _find_dateline(text)
    if found is None:
        month_day, body = None, _article_body(text, 0)
    else:
        (year, month, day), end = found
        if year is not None:
            return DateInfo(_make_date(year, month, day) if day else None, year, "dateline")
        month_day, body = (month, day or 0), _article_body(text, end)
    year = _resolve_year(_past_points(body), _exact_years(body), month_day)
    if year is None:
        return DateInfo(None, None, None)
    published = _make_date(year, *month_day) if month_day else None
    return DateInfo(published, year, "text")
