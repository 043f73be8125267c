r"""What in a release's text is not the article: bylines, credits, captions, related headlines.

A place named there says who wrote the release, where a photo or a quote came from, or what
else the outlet published, not what the release is about: "Thái Bình" under a National Assembly
story is its reporter, "theo báo PL TP.HCM" its source.  `article_only` cuts these out for the
place facets; the text stays searchable as it was crawled.

Cut, in this order (each rule as the papers in ../shared/news print it):
  related   "Xem thêm: …", "Tin liên quan" and the short headlines under it, "[…]" headlines
            set inline, "(Xem thêm: …)"
  appeals   a charity appeal's bank and office addresses, from "Mọi sự giúp đỡ xin gửi về",
            "Số tài khoản", … to the end
  captions  "… Ảnh: Credit", "(Ảnh: Credit)", "- Ảnh: CREDIT", "Ảnh minh họa: Reuters": the
            caption sentence before the credit, and the credit (at most four capitalised words)
  credits   "theo báo/tờ/hãng tin X" (the outlet's name, up to four capitalised words),
            "(Theo X)", "Nguồn: X"
  bylines   the last line, or the last sentence of a last paragraph, when it is a name alone
            ("Ngọc An", "MINH PHƯƠNG", "Hà Thu (tổng hợp)") or a credit ("Theo Bongdaplus")
"""

from __future__ import annotations

import re

_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"
_NAME_WORD = rf"[{_UPPER}0-9](?:[\w&'’/-]|\.(?=\S))*"  # "Ngọc", "EPA/TTXVN", "T.THỊNH", "VnExpress"
_CREDIT = rf"{_NAME_WORD}(?:(?:[^\S\n]*[,/-][^\S\n]*|[^\S\n]+){_NAME_WORD}){{0,2}}"
_RELATED_LINE = re.compile(
    r"^[^\S\n]*(?:>+[^\S\n]*)?(?:xem\s+thêm|đọc\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục"
    r"|tin\s+mới\s+nhất|có\s+thể\s+bạn\s+quan\s+tâm)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_RELATED = re.compile(
    r"\[[^\[\]\n]{12,250}\]|\((?:xem\s+thêm|đọc\s+thêm)\b[^()\n]{0,250}\)", re.IGNORECASE
)
_APPEAL = re.compile(
    r"(?:mọi\s+sự\s+(?:giúp\s+đỡ|ủng\s+hộ|đóng\s+góp)|mọi\s+đóng\s+góp|ủng\s+hộ\s+qua\s+báo|số\s+tài\s+khoản"
    r"|xin\s+gửi\s+về\s*:)",
    re.IGNORECASE,
)
_CAPTION = re.compile(  # case-sensitive but for the cue words: a credit is capitalised
    rf"(?:(?<=[.!?])|(?<=^)|(?<=\n))[^.!?\n]{{0,240}}?[.!?]?[^\S\n]*[-–(]?[^\S\n]*"
    rf"\b(?i:ảnh(?:\s+minh\s+họa|\s+minh\s+hoạ)?|nguồn\s+ảnh|video|clip)\s*:\s*{_CREDIT}\)?\.?"
    rf"|\((?i:\s*ảnh(?:\s+minh\s+họa|\s+minh\s+hoạ)?\s*:)[^()\n]{{0,80}}\)"
    rf"|\bẢnh\s+minh\s+(?:họa|hoạ)\b\.?",
    re.MULTILINE,
)
_OUTLET = (
    r"(?:báo(?:\s+điện\s+tử)?|tờ(?:\s+báo)?|trang(?:\s+tin)?|hãng(?:\s+tin|\s+thông\s+tấn)?|kênh|đài"
    r"|tạp\s+chí|thông\s+tấn\s+xã|cổng\s+thông\s+tin(?:\s+điện\s+tử)?)"
)
_SOURCE_CREDIT = re.compile(
    rf"\b(?:[Tt]heo|[Dd]ẫn)[^\S\n]+(?:{_OUTLET})[^\S\n]+{_CREDIT}"
    rf"|\(\s*[Tt]heo\b[^()\n]{{1,120}}\)"
    rf"|\bNguồn\s*:[^\n]{{0,120}}$",
    re.MULTILINE,
)
_NAME_LINE = re.compile(
    rf"^(?:\(?[Tt]heo\b[^\n.!?]{{1,80}}\)?|{_CREDIT}(?:[^\S\n]*\((?:[Tt]ổng\s+hợp|[Tt]heo\b)[^()\n]{{0,80}}\))?)\.?$"
)
_LAST_SENTENCE = re.compile(r"(?<=[.!?…\"”])[^\S\n]+([^.!?\n]{1,80})$")


def _cut_related(text: str) -> str:
    lines = text.split("\n")
    kept: list[str] = []
    skipping = False
    for line in lines:
        if _RELATED_LINE.match(line):
            skipping = len(line.split()) <= 4  # a heading alone: the headlines follow it
            continue
        if skipping and line.strip() and len(line) < 160 and not line.rstrip().endswith((".", ":")):
            continue
        skipping = False
        kept.append(line)
    return _INLINE_RELATED.sub(" ", "\n".join(kept))


def _cut_appeal(text: str) -> str:
    found = _APPEAL.search(text)
    return text[: found.start()] if found else text


def _cut_bylines(text: str) -> str:
    """Drop a name or a credit that ends the text, as a line or as the last paragraph's tail."""
    for _ in range(2):  # "Phương Thảo" under "Theo Daily Mail"
        body = text.rstrip()
        head, _, last = body.rpartition("\n")
        if _NAME_LINE.match(last.strip()) and len(last.split()) <= 6:
            text = head
            continue
        tail = _LAST_SENTENCE.search(body)
        if tail and _NAME_LINE.match(tail.group(1).strip()) and len(tail.group(1).split()) <= 6:
            text = body[: tail.start()]
            continue
        break
    return text


def article_only(text: str) -> str:
    """The release's own words, for deciding what it is about.

    >>> article_only("Quốc hội thảo luận luật đất đai.\\nThái Bình")
    'Quốc hội thảo luận luật đất đai.'
    >>> article_only("Xe lật ở Sóc Trăng (theo báo PL TP.HCM). Hiện trường. Ảnh: Ngọc An. Hai bị thương.")
    'Xe lật ở Sóc Trăng  .  Hai bị thương.'
    """
    text = _cut_related(text)
    text = _cut_appeal(text)
    text = _CAPTION.sub(" ", text)
    text = _SOURCE_CREDIT.sub(" ", text)
    return _cut_bylines(text).strip()
