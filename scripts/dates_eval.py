r"""Measure dates read from text alone (indexer/extract/dates.py) on real articles, by hand.

The articles are the dated records of ../shared/news/vi_news.jsonl.xz, read in place; no text
is written anywhere.  Each is given to the indexer as a bare `.txt` file would be (headline,
blank line, body: no metadata), extracted and dated as `indexer.extract.build.build_document` does
(without the facets and signature it also computes), as if indexed today.  It prints:

  coverage   the share of articles that got a year from their text
  precision  the share of those years equal to the record's own `date`
  and the same for full dates (day, month and year), with a few wrong years to read; then the
  same records read as a JSONL crawl gives them (their `date` field as metadata), where every
  date must be the record's own.

    scripts/dates_eval               # every dated article
    scripts/dates_eval --limit 600   # the first 600, as issue 13 first measured
"""

from __future__ import annotations

import argparse
import datetime
import json
import lzma
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.crawl.sources import _record_date  # noqa: E402
from indexer.documents import SourceItem  # noqa: E402
from indexer.extract.build import extract  # noqa: E402
from indexer.extract.dates import find_date  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"


def dated(path: Path, limit: int | None) -> list[dict]:
    """The records that carry their real `date`, in file order."""
    found = []
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if isinstance(record.get("date"), str) and record.get("text") and record.get("title"):
                found.append(record)
                if limit and len(found) >= limit:
                    break
    return found


def as_text_file(record: dict) -> SourceItem:
    """The article as a crawl of bare text files holds it: headline, blank line, body."""
    content = f"{record['title']}\n\n{record['text']}"
    return SourceItem(origin=f"eval/{record['id']}.txt", kind="text", content=content, file="eval")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N dated articles")
    parser.add_argument("--show", type=int, default=8, help="wrong years to print")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"no {NEWS}: the shared news folder is needed", file=sys.stderr)
        return 1
    records = dated(NEWS, args.limit)
    years = right_years = days = right_days = 0
    wrong = []
    for record in records:
        truth = datetime.date.fromisoformat(record["date"][:10])
        found = extract(as_text_file(record))
        doc = find_date(found.text.strip(), found.meta_dates, datetime.date.today())
        if doc.year is None:
            continue
        years += 1
        right_years += doc.year == truth.year
        if doc.year != truth.year:
            wrong.append((record["id"], truth, doc.year, doc.year_source))
        if doc.published is not None:
            days += 1
            right_days += doc.published == truth
    total = len(records)
    print(f"{total} dated articles, as text only")
    print(f"year: coverage {years / total:.3f} ({years}), precision {right_years / max(years, 1):.3f}")
    print(f"full date: coverage {days / total:.3f} ({days}), precision {right_days / max(days, 1):.3f}")
    for row in wrong[: args.show]:
        print("  wrong:", *row)
    today = datetime.date.today()
    right = sum(
        find_date("", [_record_date(r)], today).published == datetime.date.fromisoformat(r["date"][:10])
        for r in records
    )
    print(f"metadata (the JSONL `date`): {right} of {total} dates right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
