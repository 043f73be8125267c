"""When was a release published: the crawl's and the page's metadata first, then a dateline at its head.

1. Metadata (a JSONL `published`/`date`/…, article:published_time, JSON-LD datePublished,
   <time datetime>, a byline "Thứ Hai, 12/05/2025 14:30") wins when it parses: ISO dates and
   datetimes, d/m/Y, RSS dates and Unix seconds.
2. Otherwise only a dateline at the very head of the text dates it: its first line opening
   (after at most an agency or a place: "(TTXVN)", "Hà Nội, ", "CTTĐT - ") with a full date,
   "Ngày 14/4/2023, …", "Sáng 14/4/2023", "Thứ hai - 17/04/2023 15:13", "Tháng 3 năm 2023".
   The text's own date is the page's posting stamp ("posted": a line with only a date and
   time, "Ngày đăng: …") or the day the text opens with ("dateline"), which a news story may
   give days after the event.  A dateline whose sentence reports a document signed or issued
   ("Ngày 31/12/2020, ông … đã ký văn bản …", "… ban hành Quyết định số …") is the
   document's date, and the release about it may come months later: it is not evidence.
3. Nothing else is evidence.  A day and month without a year ("Chiều 7/3") is not a year;
   a year mentioned in passing, a plan ("đến năm 2030"), a law's date or a date deeper in the
   body is something the release talks about, not its own date.  On 5,220 dated articles of
   ../shared/news given as bare text, inferring a year from such mentions was right half the
   time (scripts/dates_eval): an unknown year is honest, a wrong one is not.
4. Never a date after `latest`: the day the release was indexed, or the day a WARC crawler
   fetched the page (its WARC-Date bounds the publication date from above).  A later
   candidate is refused and the next one tried.
Regexes with cue words, not dateparser: its search finds years in "80,6" (→ 1980).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from indexer.text import nfc

YEAR_MIN, YEAR_MAX = 1990, 2035
_VIETNAM = datetime.timezone(datetime.timedelta(hours=7))

Dateline = tuple[int | None, int, int | None]  # (year or None, month, day or None)


@dataclass(frozen=True)
class DateInfo:
    """The publication date as far as it is known, and where its year came from."""

    published: datetime.date | None  # only when day, month AND year are known
    year: int | None  # may be known even when the day is not
    year_source: str | None  # "metadata", "posted" (a stamp at the head), "dateline" or None (unknown)


def today_in_vietnam() -> datetime.date:
    """Today's date in Hà Nội: the day a release indexed now is indexed."""
    return datetime.datetime.now(_VIETNAM).date()


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


_UNIX = re.compile(r"\d{9,10}")  # seconds since 1970: 2001-09-09 .. 2286


def _unix_date(seconds: float) -> datetime.date | None:
    """The day in Vietnam of a Unix time in seconds, or None when it is out of range."""
    try:
        moment = datetime.datetime.fromtimestamp(seconds, _VIETNAM)
    except (OverflowError, OSError, ValueError):
        return None
    return _make_date(moment.year, moment.month, moment.day)


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


def parse_meta_date(value: str | int | float) -> datetime.date | None:
    """Read a metadata date; stamps with a zone are given in Vietnam time, like the datelines.

    >>> parse_meta_date("2026-03-07T08:52:11.000 +07:00"), parse_meta_date("07/03/2026 08:05")
    (datetime.date(2026, 3, 7), datetime.date(2026, 3, 7))
    >>> parse_meta_date("2026-03-06T20:30:00Z"), parse_meta_date("0001-01-01"), parse_meta_date("soon")
    (datetime.date(2026, 3, 7), None, None)
    >>> parse_meta_date(1772843400), parse_meta_date("1772843400")  # Unix seconds: 07:30 on 7 March, Hà Nội
    (datetime.date(2026, 3, 7), datetime.date(2026, 3, 7))
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _unix_date(value)
    if not isinstance(value, str):
        return None
    text = nfc(value).strip()
    if _UNIX.fullmatch(text):
        return _unix_date(int(text))
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


# --- the dateline at the head -------------------------------------------------------------------

_FULL = (
    r"(?<!\d)(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+\d{4})(?![\d/.-]\d)"
    r"|^tháng\s+(?P<month>\d{1,2}\s*(?:/|năm)\s*\d{4})\s*$"  # a line of its own: "Tháng 5/2012, …" narrates
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_CUE = r"(?:vào\s+)?(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)(?:\s+nay)?\s+(?:ngày\s+)?|ngày\s+)"
_POSTED = r"(?:ngày\s+)?(?:đăng|cập\s+nhật|xuất\s+bản)(?:\s+(?:ngày|lúc))?\s*:?\s*"
_HEAD = re.compile(
    r"^(?P<prefix>[^\n\d]{0,48}?)(?:" + _WEEKDAY + r"\s*[,\-–—]?\s*)?(?:" + _CUE + "|" + _POSTED + r")?"
    r"(?:" + _FULL + ")",
    re.IGNORECASE,
)


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


_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d\d(?![\d/.,]\d)")
_PLAN = re.compile(
    r"(?:đến|tới|trước|sau|từ nay đến|giai đoạn|tầm nhìn|kế hoạch|mục tiêu|phấn đấu|dự kiến|dự báo|"
    r"định hướng|chiến lược|nhiệm kỳ|mùa giải|niên khóa|năm học|khóa|[-–])\s*(?:năm\s+|hết\s+năm\s+)?$",
    re.IGNORECASE,
)


def _later_year(text: str, year: int) -> bool:
    """Whether the text narrates a year after `year` (not a plan, a target or a period's end):
    then the date at its head is a story it tells ("Ngày 24/12/2008, thầy trò …"), not its date.

    >>> _later_year("Ngày 24/12/2008, thầy trò ... AFF Cup 2008 ... năm 2019 họ gặp lại", 2008)
    True
    >>> _later_year("Ngày 14/4/2023, ... phấn đấu đến năm 2030, giai đoạn 2021-2025 ...", 2023)
    False
    """
    for match in _YEAR.finditer(text):
        if int(match.group()) > year and not _PLAN.search(text[max(0, match.start() - 30) : match.start()]):
            return True
    return False


_PAPERS = (
    r"(?:văn\s+bản|công\s+văn|quyết\s+định|thông\s+báo|thông\s+tư|nghị\s+định|chỉ\s+thị|nghị\s+quyết"
    r"|tờ\s+trình|kết\s+luận)"
)
_DOCUMENT = re.compile(
    rf"\b(?:(?:ký|ban\s+hành|có|gửi|phát\s+hành)\s+(?:các\s+|một\s+)?{_PAPERS}|{_PAPERS}\s+số)\b",
    re.IGNORECASE,
)


def _a_document(text: str) -> bool:
    """Whether the head sentence reports a document signed or issued on its date ("Ngày 31/12/2020,
    ông … đã ký văn bản …", "… ban hành Quyết định số 12"): that is the document's date, and the
    release about it may come months later, like a law's date in the body.

    >>> _a_document("Ngày 31/12/2020, ông Thắng đã ký văn bản thông báo kết quả kiểm tra.")
    True
    >>> _a_document("Ngày 5/9/2024, hai bên ký kết thỏa thuận."), _a_document("Sáng 14/4/2023, tỉnh họp.")
    (False, False)
    """
    sentence = re.split(r"(?<=[.!?])\s|\n", text.lstrip(), maxsplit=1)[0]
    return _DOCUMENT.search(sentence) is not None


_PARENTHESISED = re.compile(r"\([^()\n]{0,40}\)")
_SEPARATORS = " \t-–—:,|/"


def _who_or_where(prefix: str) -> bool:
    """Whether what stands before a head date is only an agency or a place, set off by a
    separator, not the start of a sentence ("Từ ngày …", "Hôm 17/12 …").

    >>> _who_or_where("(TTXVN) "), _who_or_where("Hà Nội, "), _who_or_where("CTTĐT - "), _who_or_where("")
    (True, True, True, True)
    >>> _who_or_where("Trong khuôn khổ chuyến thăm, "), _who_or_where("Từ "), _who_or_where("Hôm ")
    (False, False, False)
    """
    rest = _PARENTHESISED.sub(" ", prefix).strip()
    if not rest:
        return True
    if rest[-1] not in _SEPARATORS:
        return False
    words = rest.strip(_SEPARATORS).split()
    return len(words) <= 4 and all(word[0].isupper() for word in words)


_TIME_ONLY = re.compile(
    r"\s*(?:[,|\-–—]?\s*\d{1,2}[:hg]\d{2}(?::\d{2})?(?:\s*\(?(?:GMT|UTC)\s*[+-]?\d{0,2}(?::?\d{2})?\)?)?)?\s*$",
    re.IGNORECASE,
)


def head_dateline(text: str) -> Dateline | None:
    """The date the first line of a release opens with, as (year, month, day or None).

    >>> head_dateline("(TTXVN) Sáng 14/4/2023, Thủ tướng tiếp"), head_dateline("Ngày 5 tháng 9 năm 2024, ...")
    ((2023, 4, 14), (2024, 9, 5))
    >>> head_dateline("Chiều 7/3, hai bên gặp nhau"), head_dateline("Đến năm 2030, tỉnh phấn đấu")
    (None, None)
    """
    found = _head(text)
    return found[0] if found else None


def _head(text: str) -> tuple[Dateline, bool] | None:
    """The head date, and whether it is the page's posting stamp: a line holding only a date
    (a weekday before, a time after: "Thứ hai - 17/04/2023 15:13") or "Ngày đăng: …"."""
    line = nfc(text).lstrip().split("\n", 1)[0][:200]
    match = _HEAD.match(line)
    if match is None or not _who_or_where(match.group("prefix")):
        return None
    month_first = match.group("month") is not None
    date = _read_date(match.group("date") or match.group("month"), month_first=month_first)
    if date is None or date[0] is None:
        return None
    posted = re.search(_POSTED, match.group(), re.IGNORECASE) is not None
    alone = not match.group("prefix").strip() and not month_first and _TIME_ONLY.match(line, match.end())
    return date, bool(posted or alone)


def find_date(
    text: str, meta_dates: Sequence[str | int | float] = (), latest: datetime.date | None = None
) -> DateInfo:
    r"""Date a release: its first metadata date that parses, else the date at its head, else
    unknown; never a date after `latest` (the day it was indexed or fetched).  A head date is
    the page's posting stamp ("posted") or the day the text opens with ("dateline"), which a
    news story may give days after the event.

    >>> find_date("Thứ hai - 17/04/2023 15:13\nHai tỉnh ký kết")
    DateInfo(published=datetime.date(2023, 4, 17), year=2023, year_source='posted')
    >>> find_date("Sáng 14/4/2023, hai tỉnh ký kết")
    DateInfo(published=datetime.date(2023, 4, 14), year=2023, year_source='dateline')
    >>> find_date("Chiều 7/3, ... trong năm 2018, hai địa phương cần tích cực phối hợp.")
    DateInfo(published=None, year=None, year_source=None)
    """
    for value in meta_dates:
        published = parse_meta_date(value)
        if published is not None and (latest is None or published <= latest):
            return DateInfo(published, published.year, "metadata")
    found = _head(text)
    if found is None:
        return DateInfo(None, None, None)
    (year, month, day), posted = found
    assert year is not None  # _head gives only dates with their year
    if _later_year(text, year) or (not posted and _a_document(text)):
        return DateInfo(None, None, None)
    published = _make_date(year, month, day) if day else None
    if latest is not None and (year, month, day or 1) > (latest.year, latest.month, latest.day):
        return DateInfo(None, None, None)
    return DateInfo(published, year, "posted" if posted else "dateline")
