"""Title, body, source and URL from a crawled plain-text release.

Crawled portals wrap the article in chrome (greetings, hotlines, breadcrumbs, ratings,
visitor counters, unrelated teasers); none of it may reach the title, body or facets,
so the article is taken between its headline and its first end marker or byline.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from indexer.documents import Extracted
from indexer.text import fold, has_diacritics, normalize

TITLE_MAX = 200  # characters kept when the title has to be cut out of a paragraph
BYLINE_WINDOW, TAIL_LINES = 5, 3  # a byline ends the article before a marker within 5 lines, or in the last 3

# Whole lines (compared case- and tone-insensitively, ":" and counts ignored) that open
# the portal's furniture after the article: everything from them on is dropped.
END_SECTIONS = (
    "tin cùng chuyên mục", "cùng chuyên mục", "tin liên quan", "bài liên quan", "bài viết liên quan",
    "tin tức liên quan", "những tin mới hơn", "những tin cũ hơn", "tin mới hơn", "tin cũ hơn",
    "tin khác", "các tin khác", "tin đã đưa", "xem thêm", "chia sẻ", "chia sẻ bài viết",
    "bình luận", "ý kiến bạn đọc", "gửi bình luận", "tin mới", "tin mới nhất", "tin nổi bật",
    "tin đọc nhiều", "đọc nhiều nhất", "thống kê truy cập", "từ khóa", "tags", "in bài", "bản in",
)
# Longer phrases that only portal widgets use: a line starting with one ends the article.
END_PREFIXES = (
    "tổng số điểm của bài viết", "click để đánh giá", "bạn đã không sử dụng site", "đang truy cập",
    "tổng lượt truy cập", "bản quyền thuộc", "copyright", "©",
)
VIEWS_RE = re.compile(r"^(\d[\d.,]*\s+lượt\s+(xem|đọc)|lượt\s+(xem|đọc)\s*:?\s*\d[\d.,]*)$", re.I)
NAV_LINES = (  # lone navigation items seen above the headline
    "trang chủ", "home", "english", "tiếng việt", "đăng nhập", "đăng ký", "tìm kiếm", "liên hệ",
    "sơ đồ site", "sơ đồ cổng", "giới thiệu", "menu", "rss", "hỏi đáp", "văn bản", "tin tức",
)
GREETING_PREFIXES = ("welcome", "chào mừng", "xin chào")
# "Cổng thông tin điện tử tỉnh Yên Bái" is the portal's name, unless a verb follows ("... ra mắt").
PORTAL_PREFIXES = ("cổng thông tin điện tử", "cổng thông tin", "trang thông tin điện tử", "báo điện tử")
ADMIN_WORDS = ("tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "của", "và")
PUBLISHER_WORDS = ("báo", "đài", "tạp chí", "cổng", "thông tấn")  # "(Báo X)" credits a publisher
UI_WORDS = (  # share/print/font widgets printed next to the date line
    "xem cỡ chữ", "cỡ chữ", "google", "facebook", "zalo", "twitter", "in bài", "bản in", "gửi email",
    "gửi bài", "lưu bài", "nghe đọc", "chia sẻ", "print", "a+", "a-", "aa", "|",
)
# A "Nguồn tin:" naming one of these first is a reporter, not a publisher.
SURNAMES = (
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "ngô",
    "dương", "lý", "đinh", "trương", "lương", "trịnh",
)
# Credits opening a lead ("CTTĐT - Sáng 21/11, ..."); the portal itself when no byline names one.
LEAD_CREDITS = {"CTTĐT": "Cổng thông tin điện tử", "TTXVN": "TTXVN", "VOV": "VOV", "TTXVN/VNA": "TTXVN"}

SENTENCE_ENDS = tuple(".!?:;…)\"”")
URL_RE = re.compile(r"https?://[^\s)\]>\"']+")
DATE_RE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|ngày \d+ tháng \d+", re.I)
PHONE_RE = re.compile(r"(?<!\d)(?:\+84|0)\d{2,4}[ .-]?\d{3}[ .-]?\d{3,4}(?!\d)")
CONTACT_RE = re.compile(r"(đường dây nóng|hotline|điện thoại|fax|e-?mail|tel)\s*:", re.I)
BULLET_RE = re.compile(r"^[•·▪►◦*+-]\s")
# ".!?…" then a capital ends a sentence, unless it closes a vowelless abbreviation ("TP.", "ThS.").
SENTENCE_BREAK_RE = re.compile(r"(?P<word>\w*)(?P<stop>[.!?…]+)\s+[\"“(]?(?P<next>\w)")
AGENCY_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9+]+(?:/[A-ZĐ0-9+.]+)?$")
UI_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in UI_WORDS) + r")(?!\w)", re.I)


MAX_CHROME_WORDS = 30
_LETTERED = re.compile(r"\S*[^\W\d_]\S*")
_COUNT_SUFFIX = re.compile(r"\(\d+\)$")


def _key(line: str) -> str:
    """Comparison form: lower case, one tone placement, no trailing colon or count.

    >>> _key("Chia sẻ:"), _key("Bình luận (3)"), _key("Từ khóa")
    ('chia sẻ', 'bình luận', 'từ khoá')
    """
    key = " ".join(normalize(line).split()).rstrip(" :.…")
    return _COUNT_SUFFIX.sub("", key).rstrip(" :.…")


_END_KEYS, _NAV_KEYS = frozenset(map(_key, END_SECTIONS)), frozenset(map(_key, NAV_LINES))
_END_PREFIXES, _GREETINGS = tuple(map(normalize, END_PREFIXES)), tuple(map(normalize, GREETING_PREFIXES))


def words(line: str) -> list[str]:
    """Whitespace tokens carrying a letter: Vietnamese syllables, names, acronyms.

    >>> words("21/11/2023 Xem cỡ chữ - Google")
    ['Xem', 'cỡ', 'chữ', 'Google']
    """
    return _LETTERED.findall(line)


def is_dateline(line: str) -> bool:
    """A short line carrying a date, as portals print under the headline.

    >>> is_dateline("Thứ hai - 17/04/2023 15:13"), is_dateline("21/11/2023 13:17:17 Xem cỡ chữ Google")
    (True, True)
    >>> is_dateline("Trong khuôn khổ chương trình, trưa ngày 14/4/2023, Đoàn công tác đã có chuyến thăm.")
    False
    """
    return bool(DATE_RE.search(line)) and len(words(UI_RE.sub(" ", line))) <= 10 and not line.endswith(".")


def clean_dateline(line: str) -> str:
    """Drop font/share widgets so only the date text reaches date-finding.

    >>> clean_dateline("21/11/2023 13:17:17 Xem cỡ chữ Google")
    '21/11/2023 13:17:17'
    """
    return " ".join(UI_RE.sub(" ", line).split()).strip(" -–|")


def is_widget(line: str) -> bool:
    """A line made only of share/print/font buttons.

    >>> is_widget("Xem cỡ chữ Google"), is_widget("In bài | Chia sẻ"), is_widget("Google hợp tác")
    (True, True, False)
    """
    return not UI_RE.sub(" ", line).strip(" |-–:")


def is_chrome_line(line: str, vietnamese: bool = True) -> bool:
    """Portal furniture seen above a headline, which must never be taken for the title.

    >>> [is_chrome_line(s) for s in ("sct", "Welcome to Yen Bai Portal", "• English", "Trang chủ")]
    [True, True, True, True]
    >>> is_chrome_line("Đường dây nóng: 02163.818.555"), is_chrome_line("Tin trong tỉnh >> Chính trị")
    (True, True)
    >>> is_chrome_line("Cổng thông tin điện tử tỉnh Yên Bái"), is_chrome_line("Tin tức / Sự kiện")
    (True, True)
    >>> is_chrome_line("Bình Phước thăm và làm việc với Chính quyền tỉnh Jeollanam, Hàn Quốc")
    False
    """
    toks = words(line)
    if len(toks) > MAX_CHROME_WORDS:  # a paragraph, even one that mentions ">>" or "tel:"
        return False
    low, parts = normalize(line), re.split(r"\s[/|]\s", line)
    portal = next((toks[len(p.split()) :] for p in PORTAL_PREFIXES if low.startswith(p)), None)
    return (
        len(toks) <= 2 or bool(BULLET_RE.match(line)) or _key(line) in _NAV_KEYS or is_dateline(line)
        or low.startswith(_GREETINGS) or bool(CONTACT_RE.search(line) or PHONE_RE.search(line))
        or is_widget(line) or any(sep in line for sep in (">>", "»", "›", " > "))  # breadcrumbs
        or (len(parts) > 1 and all(len(words(p)) <= 4 for p in parts))
        or (vietnamese and sum(map(has_diacritics, toks)) < 0.25 * len(toks))  # "Welcome to ..."
        or (portal is not None and all(t[0].isupper() or t in ADMIN_WORDS for t in portal))
    )


def is_end_marker(line: str) -> bool:
    """A line opening the portal's furniture after the article (related news, ratings, counters).

    >>> [is_end_marker(s) for s in ("Tin cùng chuyên mục", "Chia sẻ:", "1845 lượt xem", "Những tin cũ hơn")]
    [True, True, True, True]
    >>> is_end_marker("Tổng số điểm của bài viết là: 0 trong 0 đánh giá")
    True
    >>> is_end_marker("Bình luận về kết quả này, ông Liêm cho biết thành phố sẽ tiếp tục hỗ trợ.")
    False
    """
    low = normalize(line).strip("• ")
    return _key(line) in _END_KEYS or low.startswith(_END_PREFIXES) or bool(VIEWS_RE.match(low))


class Byline(NamedTuple):
    """What a credit line says; rank orders sources: 2 "Nguồn"/"Theo", 1 agency, 0 author only."""

    source: str | None = None
    url: str | None = None
    rank: int = 0


def publisher(name: str, url: str | None = None) -> str | None:
    """The publisher a credit names; a reporter's name is not one.

    A name backed by a URL whose host reads "bao" + the folded name gets "Báo ".
    >>> publisher("Xây Dựng", "https://baoxaydung.com.vn/a.html"), publisher("NGUYỄN THỊ HẰNG")
    ('Báo Xây Dựng', None)
    >>> publisher("", "https://www.baoxaydung.com.vn/a.html"), publisher("Báo Tuyên Quang")
    ('baoxaydung.com.vn', 'Báo Tuyên Quang')
    """
    name = " ".join(name.split()).strip(" .,:;-–()")
    host = re.sub(r"^www\.", "", url.split("/")[2]).lower() if url else ""
    if not name:
        return host or None
    toks = name.lower().split()
    if normalize(toks[0]) in SURNAMES and 2 <= len(toks) <= 4:
        return None
    if host.startswith("bao" + fold(name).lower().replace(" ", "")):
        return "Báo " + name
    return name


def _name_byline(line: str) -> Byline | None:
    """A short line of capitalised names, maybe with "(AGENCY)", "/AGENCY" or "(Ảnh: ...)"."""
    m = re.match(r"^(?P<names>[^()/]+?)\s*(?:\((?P<credit>[^()]+)\)|/(?P<agency>[A-ZĐ][\w.+]+))?$", line)
    if not m:
        return None
    toks = [t for t in m["names"].split() if t not in ("-", "–", "&", "và")]
    credit = (m["credit"] or m["agency"] or "").strip()
    low, high = (1, 8) if credit else (2, 6)
    if not low <= len(toks) <= high or not all(t[0].isupper() and not re.search(r"\d", t) for t in toks):
        return None
    if AGENCY_RE.match(credit) or (credit and normalize(credit).startswith(PUBLISHER_WORDS)):
        return Byline(credit, None, 1)
    return Byline()


def parse_byline(line: str) -> Byline | None:
    """Read a credit line ("Theo ...", "Nguồn ...: URL", "Name (TTXVN)", "Name - Name"), else None.

    >>> parse_byline("Theo Báo Tuyên Quang"), parse_byline("Xuân Khu (TTXVN)")
    (Byline(source='Báo Tuyên Quang', url=None, rank=2), Byline(source='TTXVN', url=None, rank=1))
    >>> parse_byline("Nguồn Xây Dựng: https://baoxaydung.com.vn/x-1.html")
    Byline(source='Báo Xây Dựng', url='https://baoxaydung.com.vn/x-1.html', rank=2)
    >>> parse_byline("Việt Hoan - Kim Oanh (Ảnh: thainguyen.gov.vn)")
    Byline(source=None, url=None, rank=0)
    >>> parse_byline("Nguồn tin: NGUYỄN THỊ HẰNG")  # a reporter, not a publisher
    Byline(source=None, url=None, rank=2)
    >>> parse_byline("Theo kế hoạch, hai bên sẽ ký thoả thuận."), parse_byline("Toàn cảnh buổi làm việc")
    (None, None)
    """
    found = URL_RE.search(line)
    url = found.group().rstrip(".,;") if found else None
    bare = " ".join(URL_RE.sub(" ", line).split())
    if len(words(bare)) > 12 or (not url and bare.endswith((".", ",", ";", "!", "?"))):
        return None
    m = re.match(r"^nguồn(?:\s+tin)?\b\s*(?P<name>.*)$", bare, re.I)
    if m:
        name = m["name"].strip(" :–-").rstrip(".")
        if (not name and url) or (name[:1].isupper() and len(words(name)) <= 8):
            return Byline(publisher(name, url), url, 2)
        return None
    m = re.match(r"^theo\s+(?P<name>\S.*)$", bare, re.I)
    if m:
        name, short = m["name"], len(words(bare)) <= 8 and "," not in bare and not bare.endswith(":")
        return Byline(publisher(name, url), url, 2) if short and (name[0].isupper() or "." in name) else None
    return _name_byline(bare)


def lead_credit(paragraph: str) -> str | None:
    """The outlet credited at the start of a lead ("CTTĐT - Sáng 21/11, ...", "(TTXVN) - ...").

    >>> lead_credit("CTTĐT - Sáng 21/11, UBND tỉnh làm việc."), lead_credit("HÀ NỘI - Sáng nay, ...")
    ('Cổng thông tin điện tử', None)
    """
    m = re.match(r"^(\()?(?P<who>[A-ZĐ][A-ZĐ/]{1,12}|[\w-]+(?:\.[\w-]+)+)(?(1)\))\s*[-–]\s", paragraph)
    if not m or (not m.group(1) and m["who"] not in LEAD_CREDITS):
        return None
    return LEAD_CREDITS.get(m["who"], m["who"])


def _is_abbreviation(word: str) -> bool:
    """Vowelless capitals before a period ("TP.", "ThS.") abbreviate; "Huế." ends a sentence.

    >>> _is_abbreviation("TP"), _is_abbreviation("ThS"), _is_abbreviation("Huế")
    (True, True, False)
    """
    return 0 < len(word) <= 4 and word[0].isupper() and not set(fold(word).lower()) & set("aeiouy")


def title_from_paragraph(line: str) -> str:
    """When the text opens with a paragraph, its first sentence, cut on a word, stands as title.

    >>> title_from_paragraph("Sáng 21/11, TP. Hồ Chí Minh đã làm việc với đoàn. Hai bên trao đổi.")
    'Sáng 21/11, TP. Hồ Chí Minh đã làm việc với đoàn'
    >>> len(title_from_paragraph("Hợp tác " * 60)) <= TITLE_MAX + 1
    True
    """
    breaks = SENTENCE_BREAK_RE.finditer(line)
    ends = (m.end("stop") for m in breaks if m["next"].isupper() and not _is_abbreviation(m["word"]))
    first = line[: next(ends, len(line))].rstrip(".").strip()
    if len(first) <= TITLE_MAX:
        return first
    return first[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


def is_headline(line: str) -> bool:
    """A headline is one sentence-like line of a few words, not a paragraph.

    >>> is_headline("Đẩy mạnh hiệu quả hợp tác giữa TP Hồ Chí Minh và tỉnh Gyeongsangbuk, Hàn Quốc")
    True
    >>> is_headline("Ngày 10/8, tại Thái Nguyên, Bí thư Tỉnh ủy đã tiếp Đoàn công tác. Hai bên trao đổi.")
    False
    """
    n = len(words(line))
    one_sentence = title_from_paragraph(line) == line.rstrip(".").strip()
    return 4 <= n <= 40 and len(line) <= 250 and one_sentence and not (line.endswith(".") and n > 15)


def split_units(content: str) -> list[str]:
    """Non-empty lines with whitespace collapsed; a hard-wrapped line continues its predecessor.

    >>> split_units("  Tiêu đề \\n\\nDòng dài bị ngắt giữa chừng bởi trình thu thập\\nrồi nối lại.\\n\\xa0")
    ['Tiêu đề', 'Dòng dài bị ngắt giữa chừng bởi trình thu thập rồi nối lại.']
    """
    units: list[str] = []
    joinable = False
    for raw in content.replace("\u200b", "").replace("\ufeff", "").splitlines():
        line = " ".join(raw.split())
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower() and len(units[-1]) >= 40 and not units[-1].endswith(SENTENCE_ENDS):
            units[-1] += " " + line
        else:
            units.append(line)
        joinable = True
    return units


def extract_text(content: str, title: str | None = None) -> Extracted:
    """Headline, cleaned body (dateline first), publisher and source URL of one crawled text.

    When the crawl gave the `title` (a JSONL field), the text is all body: only a
    repeat of that title at its top is dropped.
    """
    units = split_units(content or "")
    if not units:
        return Extracted(title=title or "", text="")
    vietnamese = has_diacritics(content)
    skipped = (i for i, u in enumerate(units) if not is_chrome_line(u, vietnamese) and len(words(u)) >= 4)
    first = None if title else next(skipped, None)
    given = title is not None
    if title:
        repeat, start = _key(title), 0
    elif first is None or is_headline(units[first]):
        start = 0 if first is None else first
        title, repeat, start = units[start], _key(units[start]), start + 1
    else:  # no headline: the opening paragraph lends its first sentence and stays in the body
        title, repeat, start = title_from_paragraph(units[first]), None, first
    datelines: list[str] = []
    for unit in units[start : start + 4]:  # between headline and lead: dateline, widgets, repeat
        kept = unit.endswith((".", "!", "?", "…")) or is_end_marker(unit) or parse_byline(unit) is not None
        if is_dateline(unit) and not is_end_marker(unit):
            datelines.append(clean_dateline(unit))
        elif _key(unit) != repeat and (kept or len(words(unit)) > 12 or not is_chrome_line(unit, vietnamese)):
            break
        start += 1
    end = find_end(units, start)
    body: list[str] = []
    for unit in units[start:end]:
        if _key(unit) != repeat and not (body and _key(unit) == _key(body[-1])):
            body.append(unit)
    bylines = []
    for unit in units[end:]:
        byline = None if is_end_marker(unit) else parse_byline(unit)
        if byline is None:
            break
        bylines.append(byline)
    shorter = [u for u in units[:first] if not is_chrome_line(u, vietnamese)] if first else []
    if not body and not given and shorter and start > first:
        # The line taken for the headline was the whole release: its real headline was too
        # short to pass for one ("Cháy kho hàng"). A one-paragraph release is a release.
        title, body = shorter[-1], [units[first]]
    best = max(bylines, key=lambda b: (b.source is not None, b.rank), default=Byline())
    source = best.source or (lead_credit(body[0]) if body else None)
    url = next((b.url for b in bylines if b.url), None)
    text = "\n\n".join(datelines[:1] + body)
    return Extracted(title=title, text=text, url=url, source=source)


def find_end(units: list[str], start: int) -> int:
    """Index of the first end marker, or of a byline sitting near the end or before a marker.

    >>> find_end(["Theo kế hoạch, hai bên ký kết.", "Theo Báo Tuyên Quang", "Tin cùng chuyên mục", "x"], 0)
    1
    """
    n = len(units)
    for i in range(start, n):
        if is_end_marker(units[i]):
            return i
        if parse_byline(units[i]) is not None and (
            i >= n - TAIL_LINES
            or any(is_end_marker(u) or parse_byline(u) for u in units[i + 1 : i + 1 + BYLINE_WINDOW])
        ):
            return i
    return n
