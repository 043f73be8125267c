"""Synthetic Vietnamese press releases for tests that need a crawl big enough to take time.

The sentences are written here from templates (no text from ../shared/news), so a crawl
of any size can be generated in a temp folder; a fixed seed gives the same crawl each run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PROVINCES = ("Quảng Ninh", "Đà Nẵng", "Cần Thơ", "Bắc Ninh", "Nghệ An", "Lâm Đồng", "Hải Phòng", "Kiên Giang")
COUNTRIES = ("Hàn Quốc", "Nhật Bản", "Lào", "Singapore", "Đức", "Hoa Kỳ", "Thái Lan", "Úc")
SECTORS = (
    "nông nghiệp công nghệ cao",
    "du lịch biển",
    "logistics",
    "năng lượng tái tạo",
    "giáo dục nghề nghiệp",
    "y tế cơ sở",
    "chế biến thủy sản",
    "chuyển đổi số",
)
TITLES = (
    "{province} hợp tác với đối tác {country} về {sector}",
    "Đoàn công tác {country} làm việc tại {province}",
    "{province} ký biên bản ghi nhớ về {sector} với doanh nghiệp {country}",
    "Hội nghị xúc tiến đầu tư {sector} tại {province}",
)
SENTENCES = (
    "Sáng ngày {day} tháng {month} năm {year}, Ủy ban nhân dân tỉnh {province} tiếp đoàn {country}.",
    "Hai bên trao đổi về khả năng mở rộng hợp tác trong lĩnh vực {sector}.",
    "Lãnh đạo tỉnh cho biết {province} luôn tạo điều kiện thuận lợi cho nhà đầu tư {country}.",
    "Trong năm qua, kim ngạch thương mại giữa địa phương và {country} đạt khoảng {amount} triệu đô la.",
    "Phía {country} mong muốn tìm hiểu cơ hội đầu tư vào các dự án {sector} quy mô lớn.",
    "Các sở, ngành liên quan được giao phối hợp chuẩn bị hồ sơ và báo cáo trước ngày {day} tháng {month}.",
    "Dự kiến chương trình sẽ thu hút hơn {people} lao động địa phương tham gia.",
    "Buổi làm việc diễn ra trong không khí cởi mở, thẳng thắn và hiệu quả.",
    "Tỉnh {province} đề nghị đối tác {country} hỗ trợ đào tạo nguồn nhân lực chất lượng cao.",
    "Kết thúc buổi làm việc, hai bên thống nhất sẽ ký kết thỏa thuận hợp tác trong thời gian tới.",
)


def release(rng: random.Random, number: int) -> dict[str, str]:
    """One release as a JSONL record: title, several paragraphs, a date, a source."""
    slots = {
        "province": rng.choice(PROVINCES),
        "country": rng.choice(COUNTRIES),
        "sector": rng.choice(SECTORS),
        "day": str(rng.randint(1, 28)),
        "month": str(rng.randint(1, 12)),
        "year": str(rng.randint(2019, 2024)),
        "amount": str(rng.randint(5, 900)),
        "people": str(rng.randint(50, 5000)),
    }
    count = rng.randint(6, 12)
    body = "\n".join(rng.choice(SENTENCES).format(**slots) for _ in range(count))
    return {
        "id": f"tc-{number:05d}",
        "url": f"https://sonoivu.example.vn/thong-cao/{number:05d}.html",
        "title": rng.choice(TITLES).format(**slots) + f" (số {number})",
        "text": body,
        "published": f"{slots['year']}-{int(slots['month']):02d}-{int(slots['day']):02d}",
        "source": f"Cổng thông tin tỉnh {slots['province']}",
    }


def write_crawl(path: Path, count: int, *, seed: int = 6, start: int = 0) -> Path:
    """A JSONL crawl of `count` releases numbered from `start`."""
    rng = random.Random(seed * 1_000_003 + start)
    with path.open("w", encoding="utf-8") as out:
        for number in range(start, start + count):
            out.write(json.dumps(release(rng, number), ensure_ascii=False) + "\n")
    return path
