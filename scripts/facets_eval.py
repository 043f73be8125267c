r"""Measure the place facets (country, province, locality) against judgements made by hand.

The articles are read in place from ../shared/news (vi_news and vietnews_test, as a JSONL
crawl gives them) and ../shared/html (the real pages); no text is written anywhere.  The
judgements, in scripts/facetsdata/judged.jsonl, hold ids and labels only:

  {"id": "unc-dantri:news_x", "corpus": "vi_news", "half": "held",
   "country": {"about": ["Nhật Bản"], "passing": ["Hàn Quốc"]},
   "province": {"about": [], "passing": []}, "locality": {"about": [], "passing": []}}

"about" holds every value a journalist ticking it would want this article for (the story
happens there, or the place acts or is acted on); "passing" the values the article names
only in passing (a comparison, a list of examples, a person's home town, a source).  A tag
in "about" is right, in "passing" counts neither way, elsewhere is wrong; a value in "about"
without its tag is missed.  Half the articles ("held") are held out: no rule or word list is
tuned on them, so their figures say what the facets do on news nobody looked at.

    scripts/facets_eval                  # precision and recall, both halves
    scripts/facets_eval --errors tune    # the wrong and missed tags of the tuning half
    scripts/facets_eval show ID ...      # an article and what the scanner finds, to judge it
    scripts/facets_eval sample           # how the judged ids were drawn (seeded, four rounds)
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.crawl.sources import _jsonl_item, read  # noqa: E402
from indexer.data.localities import LOCALITIES  # noqa: E402
from indexer.documents import Document, SourceItem  # noqa: E402
from indexer.extract.build import build_document  # noqa: E402
from indexer.facets import geography, localities  # noqa: E402

SHARED = ROOT.parent / "shared"
JUDGED = ROOT / "scripts" / "facetsdata" / "judged.jsonl"
CORPORA = {"vi_news": "news/vi_news.jsonl.xz", "vietnews_test": "news/vietnews_test.jsonl.xz"}
KINDS = ("country", "province", "locality")
VALUES = {
    "country": set(geography.COUNTRY_NAMES),
    "province": set(geography.PROVINCE_NAMES),
    "locality": set(LOCALITIES),
}
SAMPLE_SEED, SAMPLE_SIZES = 17, {"vi_news": 100, "vietnews_test": 60}
# A second draw, judged after the first round of changes, all for tuning: the held-out half
# stays the one drawn first.
EXTRA_SEED, EXTRA_SIZES = 29, {"vi_news": 50, "vietnews_test": 50}
# A third draw, for tuning only, among articles that name a province or a listed locality
# (spelled as the facet value): most precision errors are places named, so these find them
# faster than a blind draw.
THIRD_SEED, THIRD_SIZES = 41, {"vi_news": 60, "vietnews_test": 60}
# A fourth, for tuning only: football reports that name a province (clubs carry provinces'
# names, the hardest case for the province facet), from vi_news's football sections.
FOOTBALL_SEED, FOOTBALL_SIZE, FOOTBALL = 53, 40, ("the-thao/bong-da", "BongDa", "the-thao")


def _records(corpus: str) -> Iterator[dict]:
    with lzma.open(SHARED / CORPORA[corpus], "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _news_item(record: dict, corpus: str) -> SourceItem:
    item = _jsonl_item(record, f"/shared/{CORPORA[corpus]}", 0)
    assert isinstance(item, SourceItem), item
    return item


def documents(wanted: dict[str, str]) -> dict[str, Document]:
    """The indexed form of each wanted article (id → corpus), built as `thongcao index` builds it."""
    found: dict[str, Document] = {}
    for corpus in sorted(set(wanted.values()) - {"html"}):
        for record in _records(corpus):
            if record.get("id") in wanted:
                doc = build_document(_news_item(record, corpus), "")
                if isinstance(doc, Document):
                    found[record["id"]] = doc
    pages = [SHARED / "html" / name for name, corpus in wanted.items() if corpus == "html"]
    for entry in read(pages):
        if isinstance(entry, SourceItem):
            doc = build_document(entry, "")
            if isinstance(doc, Document):
                found[Path(entry.file).name] = doc
    return found


def tags(doc: Document) -> dict[str, tuple[str, ...]]:
    return {"country": doc.countries, "province": doc.provinces, "locality": doc.localities}


def load_judged(path: Path = JUDGED) -> list[dict]:
    """The judgements, checked: every label a facet value, no value both about and passing."""
    judged = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for entry in judged:
        for kind in KINDS:
            about, passing = set(entry[kind]["about"]), set(entry[kind]["passing"])
            unknown = (about | passing) - VALUES[kind]
            if unknown or about & passing:
                raise ValueError(f"{entry['id']}: bad {kind} labels {sorted(unknown or about & passing)}")
    return judged


def score(judged: Iterable[dict], found: dict[str, Document]) -> dict[str, Counter[str]]:
    """Counts per facet: right, passing, wrong, missed (see the module's docstring)."""
    counts = {kind: Counter() for kind in KINDS}
    for entry in judged:
        tagged = tags(found[entry["id"]])
        for kind in KINDS:
            about, passing, given = set(entry[kind]["about"]), set(entry[kind]["passing"]), set(tagged[kind])
            counts[kind]["right"] += len(given & about)
            counts[kind]["passing"] += len(given & passing)
            counts[kind]["wrong"] += len(given - about - passing)
            counts[kind]["missed"] += len(about - given)
    return counts


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def report(judged: list[dict], found: dict[str, Document]) -> None:
    print("| half | facet | tags | right | passing | wrong | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    for half in ("tune", "held"):
        part = [entry for entry in judged if entry["half"] == half]
        for kind, c in score(part, found).items():
            tagged = c["right"] + c["passing"] + c["wrong"]
            print(f"| {half} ({len(part)}) | {kind} | {tagged} | {c['right']} | {c['passing']} "
                  f"| {c['wrong']} | {c['missed']} | {_ratio(c['right'], c['right'] + c['wrong'])} "
                  f"| {_ratio(c['right'], c['right'] + c['missed'])} |")


def errors(judged: list[dict], found: dict[str, Document], half: str) -> None:
    for entry in judged:
        if entry["half"] != half:
            continue
        tagged = tags(found[entry["id"]])
        for kind in KINDS:
            about, passing, given = set(entry[kind]["about"]), set(entry[kind]["passing"]), set(tagged[kind])
            wrong, missed = sorted(given - about - passing), sorted(about - given)
            if wrong or missed:
                print(f"{entry['id']} {kind}: wrong {wrong} missed {missed}")


def show(ids: list[str], with_tags: bool = False) -> None:
    """Print articles for a judge: the text, then every place the scanner sees (and, asked,
    what it tags: left out by default, so that a judge reads the article, not the tagger)."""
    wanted = {i: _corpus_of(i) for i in ids}
    found = documents(wanted)
    for i in ids:
        doc = found.get(i)
        if doc is None:
            print(f"=== {i}: not found or not an article\n")
            continue
        print(f"=== {i}\nTITLE: {doc.title}\n{doc.text}\n")
        seen = geography.mentions(doc.title) + geography.mentions(doc.text)
        print("scanner sees:", ", ".join(f"{k} {v} ×{n}" for (k, v), n in sorted(seen.items())) or "-")
        near = localities.mentions(doc.title) + localities.mentions(doc.text)
        print("localities seen:", ", ".join(f"{v} ×{n}" for v, n in sorted(near.items())) or "-")
        if with_tags:
            print("tagged:", json.dumps(tags(doc), ensure_ascii=False))
        print()


def _corpus_of(article_id: str) -> str:
    if article_id.endswith(".html"):
        return "html"
    return "vietnews_test" if article_id.startswith("vietnews-test:") else "vi_news"


def sample() -> list[tuple[str, str, str]]:
    """The judged articles: a seeded draw from each corpus, then every real page, halves
    alternating; then a second, a third and a football draw for tuning only.  (id, corpus, half)."""
    rng = random.Random(SAMPLE_SEED)
    pools = {c: [r["id"] for r in _records(c) if len(r.get("text") or "") >= 400] for c in CORPORA}
    drawn = [(i, corpus) for corpus, size in SAMPLE_SIZES.items() for i in rng.sample(pools[corpus], size)]
    drawn += [(p.name, "html") for p in sorted((SHARED / "html").glob("*_article*.html"))]
    first = [(i, corpus, ("tune", "held")[n % 2]) for n, (i, corpus) in enumerate(drawn)]
    taken = {i for i, _ in drawn}
    extra = random.Random(EXTRA_SEED)
    for corpus, size in EXTRA_SIZES.items():
        fresh = [i for i in pools[corpus] if i not in taken]
        first += [(i, corpus, "tune") for i in extra.sample(fresh, size)]
    taken = {i for i, _, _ in first}
    third = random.Random(THIRD_SEED)
    for corpus, size in THIRD_SIZES.items():
        naming = [i for i in _naming_places(corpus) if i not in taken]
        first += [(i, corpus, "tune") for i in third.sample(naming, size)]
    taken = {i for i, _, _ in first}
    football = [i for i in _naming_places("vi_news", FOOTBALL) if i not in taken]
    first += [(i, "vi_news", "tune") for i in random.Random(FOOTBALL_SEED).sample(football, FOOTBALL_SIZE)]
    return first


def _naming_places(corpus: str, sections: tuple[str, ...] | None = None) -> list[str]:
    """Ids of the articles (400+ characters; of these sections, if given) whose headline or
    text holds a province's or a listed locality's name as written in the facet value."""
    names = re.compile("|".join(re.escape(n) for n in sorted(VALUES["province"] | VALUES["locality"])))
    return [
        r["id"]
        for r in _records(corpus)
        if len(r.get("text") or "") >= 400
        and (sections is None or r.get("category") in sections)
        and names.search((r.get("title") or "") + "\n" + r["text"])
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", default="report", choices=("report", "show", "sample"))
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--tags", action="store_true", help="show: print the facets' tags too")
    parser.add_argument("--errors", choices=("tune", "held"), help="list wrong and missed tags of a half")
    args = parser.parse_args()
    if not (SHARED / "news").is_dir():
        print(f"no {SHARED / 'news'}: the shared news folder is needed", file=sys.stderr)
        return 1
    if args.command == "show":
        show(args.ids, args.tags)
        return 0
    if args.command == "sample":
        for article_id, corpus, half in sample():
            print(json.dumps({"id": article_id, "corpus": corpus, "half": half}))
        return 0
    judged = load_judged()
    found = documents({entry["id"]: entry["corpus"] for entry in judged})
    report(judged, found)
    if args.errors:
        errors(judged, found, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
