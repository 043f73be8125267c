"""A crawl of any size from the real news in ../shared/news, for scripts/bench past the
69,000 or so real articles there (issue 15's 200,000).

The scheme, seeded, so a size always gives the same crawl:

1. Every real article once, as it is: vi_news (40,163, with dates, outlets and sections),
   then vietnews_test (22,643, text only), then danes_title_desc (6,018 headlines and leads).
2. Then variants, round after round, of the vi_news and vietnews_test articles with three or
   more paragraphs.  Variant k of an article is
   - its headline and its lead (first paragraph), then the rest of its paragraphs
     interleaved with the body paragraphs of another article of the same section (vi_news's
     `category`; vietnews_test has none, so another vietnews_test article), in a shuffled
     order: a new text about the same kind of subject;
   - with every province it names swapped for another (one mapping per variant, the same in
     headline and text), and every common family name (Nguyễn, Trần, ...) swapped for
     another, so places, facets and names vary as they do between real releases;
   - dated the article's date moved by a whole number of days (up to three years either
     way; an undated article stays undated);
   - under id "<id>~v<k>" and url "<url>?variant=<k>": every release distinct (a fragment
     would not do: "#v2" is the same page, and thongcao's ids drop it).

No word is made up: every sentence is a real one, so terms keep their real statistics.
What the variants repeat is whole paragraphs (where no province or family name changed),
which the segment cache (indexer.analysis.segcache) finds again: scripts/bench prints the
share of a crawl's paragraphs that are distinct.  The crawl is written only to the folder
the benchmark works in, and deleted with it; never commit it (the text belongs to its
newspapers).
"""

from __future__ import annotations

import datetime as dt
import json
import lzma
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.facets.geography import PROVINCE_NAMES  # noqa: E402

NEWS = ROOT.parent / "shared" / "news"
CORPORA = ("vi_news", "vietnews_test", "danes_title_desc")
SEED = 15
MAX_SHIFT_DAYS = 3 * 365
# The most common Vietnamese family names (Wikipedia, "Họ người Việt Nam": the fourteen
# that together cover about nine in ten people).
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
                "Đỗ", "Hồ", "Ngô")  # fmt: skip
_CAPITAL = "A-ZĐÀ-Ỹ"
# A province's name, unless a capitalised syllable follows: then it is part of a longer
# name ("Hà Nam Ninh").  The Pacific, "Thái Bình Dương", holds two provinces' names and is
# matched first, and kept.
_NAMES = "|".join(sorted(map(re.escape, PROVINCE_NAMES), key=len, reverse=True))
_PROVINCE = re.compile(rf"Thái Bình Dương|\b({_NAMES})\b(?! [{_CAPITAL}])")
# A family name before a given name, but not the city's "Hồ Chí Minh".
_FAMILY = re.compile(r"\b(" + "|".join(FAMILY_NAMES) + rf")(?= [{_CAPITAL}])(?! Chí Minh)")


def records(corpus: str) -> Iterator[dict]:
    with lzma.open(NEWS / f"{corpus}.jsonl.xz", "rt", encoding="utf-8") as source:
        for line in source:
            yield json.loads(line)


def _crawl_record(record: dict) -> dict:
    return {
        "id": record["id"],
        "title": record.get("title") or "",
        "text": record.get("text") or "",
        "url": record.get("url"),
        "source": record.get("source"),
        "category": record.get("category"),
        "published": record.get("date"),
    }


def articles(size: int) -> Iterator[dict]:
    """`size` crawl records: the real articles first, then variants (the module's scheme)."""
    written = 0
    sources: list[dict] = []
    for corpus in CORPORA:
        for record in records(corpus):
            if written >= size:
                return
            yield _crawl_record(record)
            written += 1
            if corpus != "danes_title_desc" and len(_paragraphs(record)) >= 3:
                sources.append(record)
    by_section: dict[str, list[dict]] = defaultdict(list)
    for record in sources:
        by_section[record.get("category") or "-"].append(record)
    rng = random.Random(SEED)
    round_ = 0
    while written < size:
        round_ += 1
        for record in sources:
            if written >= size:
                return
            yield variant(record, by_section[record.get("category") or "-"], round_, rng)
            written += 1


def _paragraphs(record: dict) -> list[str]:
    return [p for p in (record.get("text") or "").split("\n") if p.strip()]


def variant(record: dict, section: list[dict], k: int, rng: random.Random) -> dict:
    """Variant k of a real article (the module's scheme, point 2)."""
    other = rng.choice(section)
    while other is record and len(section) > 1:
        other = rng.choice(section)
    mine, theirs = _paragraphs(record), _paragraphs(other)[1:]
    body = mine[1:] + theirs
    rng.shuffle(body)
    provinces = list(PROVINCE_NAMES)
    swap = dict(zip(provinces, rng.sample(provinces, len(provinces)), strict=True))
    families = dict(zip(FAMILY_NAMES, rng.sample(FAMILY_NAMES, len(FAMILY_NAMES)), strict=True))

    def varied(text: str) -> str:
        text = _PROVINCE.sub(lambda m: swap[m.group(1)] if m.group(1) else m.group(0), text)
        return _FAMILY.sub(lambda m: families[m.group(1)], text)

    out = _crawl_record(record)
    out["id"] = f"{record['id']}~v{k}"
    joiner = "&" if "?" in (record.get("url") or "") else "?"
    out["url"] = f"{record['url']}{joiner}variant={k}" if record.get("url") else None
    out["title"] = varied(out["title"])
    out["text"] = varied("\n".join(mine[:1] + body))
    out["published"] = _shifted(record.get("date"), rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS))
    return out


def _shifted(date: str | None, days: int) -> str | None:
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
    return (day + dt.timedelta(days=days)).isoformat()


def write(size: int, path: Path) -> tuple[Path, list[str]]:
    """The crawl as JSONL at `path`, and each article's headline and text (pyvi's baseline)."""
    texts = []
    with path.open("w", encoding="utf-8") as out:
        for record in articles(size):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            texts.append(record["title"] + "\n" + record["text"])
    return path, texts


def headlines(size: int) -> list[str]:
    """The headlines of the first `size` records, for the query mix."""
    return [record["title"] for record in articles(size)]
