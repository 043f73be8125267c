"""The `thongcao` command: thin wrappers that parse arguments and call the library."""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict

from indexer.errors import ThongcaoError
from indexer.facets.facet_fields import FACETS as FACET_FIELDS

DEFAULT_INDEX = "var/index"


def _index_dir() -> str:
    return os.environ.get("THONGCAO_INDEX") or DEFAULT_INDEX


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thongcao", description="Search Vietnamese press releases.")
    where = "index folder (default: $THONGCAO_INDEX or ./var/index)"
    # Before or after the command's name: the command's own --index wins, else the one before.
    parser.add_argument("--index", dest="index_before", default=_index_dir(), help=where)
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        sub.add_argument("--index", default=None, help=where)
        return sub

    index = command("index", "index files or folders of crawled releases (default: corpus/)")
    index.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH")
    index.add_argument("--rebuild", action="store_true", help="build a fresh index and swap it in when done")
    index.add_argument(
        "--prune", action="store_true", help="remove documents whose source is gone, below the paths read"
    )
    index.add_argument("--yes", action="store_true", help="confirm a prune that deletes over half the index")
    index.add_argument(
        "--engine", choices=("whoosh", "tantivy"), default=None,
        help="the engine of a new index (default: $THONGCAO_ENGINE, else whoosh); an existing index "
        "keeps its own, --rebuild --engine X converts it",
    )
    index.add_argument("--json", action="store_true", help="print the run's counts as JSON")
    index.add_argument("--verbose", action="store_true", help="show where inputs met a bug")

    def filtered(sub: argparse.ArgumentParser) -> None:
        for facet in FACET_FIELDS:
            sub.add_argument(facet.option, dest=facet.name, action="append", default=[], help=facet.label)
        days = {"default": "", "metavar": "DATE"}
        sub.add_argument("--from", dest="date_from", help="YYYY, YYYY-MM or YYYY-MM-DD", **days)
        sub.add_argument("--to", dest="date_to", help="the last day included, likewise", **days)

    search = command("search", "search the index")
    search.add_argument("query", nargs="?", default="")
    filtered(search)
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--per-page", type=int, default=10)
    search.add_argument("--sort", default="relevance", choices=("relevance", "newest", "oldest"))
    search.add_argument("--json", action="store_true", help="print what GET /api/search returns")

    batch = command("batch", "count each term of a list (one a line) under the same filters")
    batch.add_argument("file", metavar="FILE", help="the list: one name or term a line; - reads stdin")
    filtered(batch)
    batch.add_argument("--json", action="store_true", help="print what POST /api/batch returns")

    show = command("show", "show one document")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="print what GET /api/doc/<id> returns")

    serve = command("serve", "serve the web UI and API")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    serve.add_argument(
        "--base-url",
        default=os.environ.get("THONGCAO_BASE_URL"),
        help="public address that absolute links (feeds, OpenSearch) start with, never the request's Host "
        "(default: $THONGCAO_BASE_URL, else http://HOST:PORT)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.index = args.index or args.index_before
    try:
        commands = {"index": _index, "search": _search, "batch": _batch, "show": _show, "serve": _serve}
        return commands[args.command](args)
    except ThongcaoError as exc:
        print(f"thongcao: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `thongcao show --json ID | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as exc:
        print(f"thongcao: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


def _index(args) -> int:
    from indexer.engines.choice import run_store
    from indexer.index.pipeline import index_paths
    from indexer.index.progress import ProgressBar, ProgressLines

    store, note = run_store(args.index, args.engine, args.rebuild)
    if note:
        print(f"thongcao: {note}", file=sys.stderr)

    if args.json:
        bar = None
    else:
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else ProgressLines(sys.stderr)
    asking = not args.json and sys.stdin.isatty()

    def confirm_prune(deleting: int, indexed: int) -> bool:
        """--yes, or a person at a terminal who says so; never a script's silence."""
        if args.yes or not asking:
            return args.yes
        if bar:
            bar.close()
        question = (
            f"--prune will delete {deleting} of the {indexed} documents in {args.index}. Delete? [y/N] "
        )
        try:
            return input(question).strip().lower() in ("y", "yes", "có", "co")
        except EOFError:
            return False

    report = index_paths(
        store,
        args.paths,
        rebuild=args.rebuild,
        prune=args.prune,
        confirm_prune=confirm_prune,
        progress=bar,
    )
    if bar:
        bar.close()
    for problem in report.problems:
        print(f"thongcao: warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return 0
    print(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.deleted} deleted, {len(report.rejected)} rejected; "
        f"{report.documents} documents in {args.index} ({report.seconds:.1f} s)"
    )
    for rejected in report.rejected:
        print(f"  rejected {rejected.path}: {rejected.reason}")
        if args.verbose and rejected.traceback:
            print("    " + rejected.traceback.rstrip().replace("\n", "\n    "))
    return 0


def _batch(args) -> int:
    from indexer.engines.choice import snapshots_for
    from indexer.search.batch import batch, terms_of, to_dict
    from indexer.search.run import SearchRequest

    if args.file == "-":
        terms = terms_of(sys.stdin)
    else:
        with open(args.file, encoding="utf-8-sig") as handle:
            terms = terms_of(handle)
    filters = {facet.name: tuple(getattr(args, facet.name)) for facet in FACET_FIELDS}
    request = SearchRequest("", filters, date_from=args.date_from, date_to=args.date_to)
    rows = batch(snapshots_for(args.index).current(), terms, request)
    if args.json:
        print(json.dumps(to_dict(rows), ensure_ascii=False))
        return 0
    for row in rows:
        places = ", ".join(row.top("province_2025") + row.top("country"))
        years = ", ".join(row.top("year"))
        print("  · ".join(filter(None, [f"{row.total:>7}  {row.term}", places, years])))
    return 0


def _search(args) -> int:
    from indexer.engines.choice import snapshots_for
    from indexer.search.query import marks_for, parse
    from indexer.search.run import SearchRequest, search
    from indexer.search.snippets import marked_text

    filters = {facet.name: tuple(getattr(args, facet.name)) for facet in FACET_FIELDS}
    request = SearchRequest(
        args.query, filters, args.page, args.per_page, args.sort, args.date_from, args.date_to
    )
    snapshot = snapshots_for(args.index).current()
    result = search(snapshot, request)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    print(f"{result.total} kết quả / results")
    if result.widened:
        print(f"({result.widened['total']} without the accents typed: {result.widened['query']})")
    for grown in result.expansions:
        cut = ", the most used; more were left out: type a longer prefix" if grown["cut"] else ""
        print(f"({grown['prefix']}: {grown['terms']} syllables{cut})")
    marks = marks_for(parse(args.query), snapshot.vocabulary())  # as the snippets' marks
    for number, hit in enumerate(result.hits, start=(result.page - 1) * result.per_page + 1):
        places = _places(asdict(hit))
        copies = f"{hit.copies} bản tương tự" if hit.copies else ""
        labels = " · ".join(filter(None, [hit.published, hit.source, places, copies]))
        title = _plain(marked_text(hit.title, marks))
        print(f"\n{number}. {title}\n   {hit.id}\n   {labels}\n   {_plain(hit.snippet)}")
    return 0


def _places(hit: dict) -> str:
    """A release's places on one line, as the web page shows them."""
    from indexer.facets.place_labels import place_labels

    return ", ".join(text for _, text in place_labels(hit))


def _show(args) -> int:
    from indexer.engines.choice import snapshots_for
    from indexer.search.documents_view import load_document

    doc = load_document(snapshots_for(args.index).current(), args.id)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    labels = " · ".join(filter(None, [doc["published"], doc["source"], doc["url"]]))
    facets = _places(doc)
    print(f"{doc['title']}\n{labels}\n{facets}\n\n{doc['text']}")
    return 0


def _serve(args) -> int:
    from webui.app import serve

    serve(args.index, args.host, args.port, args.base_url)
    return 0


def _plain(snippet: str) -> str:
    """A snippet or a marked title for a terminal: tags become *stars*, entities characters."""
    return html.unescape(re.sub(r"</?mark>", "*", snippet))


if __name__ == "__main__":
    sys.exit(main())
