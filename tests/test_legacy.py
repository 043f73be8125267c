"""TCVN3, VNI and mojibake: converted to Unicode when they read as Vietnamese, refused when not.

The files in tests/data/legacy/ are our own sentences encoded with indexer.crawl.legacy's tables;
`python -m tests.test_legacy` writes them again (a test checks they are what it writes).
"""

from __future__ import annotations

import json
import re

import pytest

from indexer.crawl import legacy
from indexer.crawl.decode import decode
from indexer.crawl.sources import read
from indexer.documents import Rejected, SourceItem
from indexer.errors import DecodeError
from tests.conftest import DATA

LEGACY = DATA / "legacy"
TITLE = "Tỉnh Quảng Ngãi tiếp đoàn doanh nghiệp Hàn Quốc"
BODY = (
    "Sáng ngày 12 tháng 3, Uỷ ban nhân dân tỉnh Quảng Ngãi đã tiếp đoàn doanh nghiệp Hàn Quốc "
    "đến tìm hiểu cơ hội đầu tư vào khu kinh tế Dung Quất. Lãnh đạo tỉnh khẳng định luôn đồng hành "
    "cùng nhà đầu tư, tạo điều kiện thuận lợi về thủ tục và mặt bằng.\n\n"
    "Phía Hàn Quốc mong muốn hợp tác trong lĩnh vực năng lượng sạch và chế biến thuỷ sản, "
    "đồng thời mở văn phòng đại diện tại Đà Nẵng. Hai bên thống nhất sẽ ký kết biên bản ghi nhớ "
    "trong thời gian tới."
)
TEXT = f"{TITLE}\n\n{BODY}\n"


def _page(body: str, charset: str) -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        + "</article></body></html>"
    )


def as_windows_1252(text: str) -> str:
    """UTF-8 read as Windows-1252 the way browsers do (its five unused bytes pass through)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode())


def samples() -> dict[str, bytes]:
    """Every sample file, made from TEXT with our own tables."""
    tcvn3_page = legacy.to_tcvn3(_page(BODY, "windows-1252")).decode("latin-1")
    mojibake = as_windows_1252(TEXT)
    return {
        "tcvn3.txt": legacy.to_tcvn3(TEXT),
        "vni.html": legacy.to_vni(_page(BODY, "windows-1252")),
        "tcvn3_font_saved_as_utf8.html": tcvn3_page.encode("utf-8"),
        "mojibake.txt": mojibake.encode("utf-8"),
        # the last byte of every ạ…ỹ lost on the way: no reading can bring them back
        "mojibake_cut.txt": re.sub("(á[º»]).", r"\1", mojibake).encode("utf-8"),
    }


def write() -> None:
    LEGACY.mkdir(exist_ok=True)
    for name, data in samples().items():
        (LEGACY / name).write_bytes(data)


def test_the_sample_files_are_what_our_tables_write():
    assert {p.name: p.read_bytes() for p in LEGACY.iterdir()} == samples()


def test_tcvn3_bytes_become_unicode():
    assert decode((LEGACY / "tcvn3.txt").read_bytes()) == TEXT


def test_vni_bytes_become_unicode_even_where_a_page_declares_windows_1252():
    text = decode((LEGACY / "vni.html").read_bytes(), "windows-1252")
    assert BODY.split("\n\n")[0] in text and "Đà Nẵng" in text and "khẳng định" in text


def test_tcvn3_text_saved_as_utf8_is_converted_too():
    text = decode((LEGACY / "tcvn3_font_saved_as_utf8.html").read_bytes())
    assert BODY.split("\n\n")[1] in text


def test_utf8_read_as_windows_1252_is_read_again():
    assert decode((LEGACY / "mojibake.txt").read_bytes()) == TEXT


def test_mojibake_that_lost_bytes_is_refused_with_a_reason():
    with pytest.raises(DecodeError, match="^mojibake: .* remain"):
        decode((LEGACY / "mojibake_cut.txt").read_bytes())


def test_the_crawl_reader_converts_or_rejects_each_file():
    items = {(getattr(i, "origin", None) or i.path).split("/")[-1]: i for i in read([LEGACY])}
    for name in ("tcvn3.txt", "vni.html", "tcvn3_font_saved_as_utf8.html", "mojibake.txt"):
        assert isinstance(items[name], SourceItem) and "Quảng Ngãi" in items[name].content, name
    rejected = items["mojibake_cut.txt"]
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("mojibake")


def test_jsonl_records_are_repaired_or_rejected_one_by_one(tmp_path):
    records = [
        {"id": "ok", "title": TITLE, "text": BODY},
        {"id": "mangled", "title": as_windows_1252(TITLE), "text": as_windows_1252(TEXT)},
        {"id": "lost", "text": samples()["mojibake_cut.txt"].decode()},
    ]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    items = list(read([crawl]))
    assert [i.origin for i in items[:2]] == [f"{crawl}#ok", f"{crawl}#mangled"]
    assert items[1].title == TITLE and items[1].content == TEXT
    assert isinstance(items[2], Rejected) and items[2].reason.startswith("line 3: mojibake")


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM — NGÃ BA “XÃ…” ĐÔNG HÀ",
        "Le comité régional a signé à Hanoï un accord de coopération économique.",
        "Müller & Søn: Straße, naïve café, 25 °C ± 2, © 2024 «citation»",
    ],
)
def test_genuine_text_is_left_alone(text):
    assert legacy.repaired(text) == text


def test_vni_has_the_letter_viparse_lacks():
    assert legacy.from_vni("khaúng ñònh, AÚNG") == "khẳng định, ẲNG"


def test_every_vietnamese_letter_survives_a_round_trip_through_vni():
    letters = "".join(sorted(set(legacy.VNI.values())))
    assert legacy.from_vni(legacy.to_vni(letters).decode("latin-1")) == letters
    lower = "".join(sorted(set(legacy.TCVN3.values()) - set("ĂÂÊÔƠƯĐ")))
    assert legacy.from_tcvn3(legacy.to_tcvn3(lower).decode("latin-1")) == lower


if __name__ == "__main__":
    write()
