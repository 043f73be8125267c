"""Load test: concurrent clients against `thongcao serve`: alone, beside hostile clients, during a re-index.

    scripts/load [--docs 8000] [--clients 20] [--seconds 60] [--reindex add|rebuild] [--keep DIR]
                 [--phases alone,hostile,reindex] [--slow 150] [--heavy 8]

Builds an index of real articles (read in place from ../shared/news/vi_news.jsonl.xz into a
temporary JSONL; news text is never written into the repository), serves it on loopback,
and sends searches from `--clients` threads for `--seconds`: `--queries` distinct queries
drawn, seeded, from the indexed headlines (scripts/querymix.py, shared with scripts/bench:
one word, 2-4 words, a quoted phrase, words without diacritics, with and without facet
filters, empty queries with facet filters), on pages 1-3, the API or the page.  Every
request takes the next query of the list, across clients and phases, so none is asked
twice before all have been asked once.
Then it does the same beside hostile clients (scripts/load_hostile.py: `--slow`
connections that never finish their headers, `--heavy` threads sending 2,000 facet values
or 330 parentheses), and while `thongcao index` adds `--extra` more articles (or
rebuilds), and reports requests/s, p50, p95 and errors of the normal clients in each
phase.  Zero errors is the bar.

Traffic goes to 127.0.0.1 (or another loopback address) only, and every loop is bounded
in time and count.  Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import lzma
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import querymix
from load_hostile import Hostile

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
THONGCAO = ROOT / ".venv" / "bin" / "thongcao"
MAX_SECONDS, MAX_CLIENTS, MAX_REQUESTS, MAX_SLOW = 600, 200, 2_000_000, 1000
PHASES = ("alone", "hostile", "reindex")


def loopback(host: str) -> str:
    """The host if every address it names is a loopback one; SystemExit otherwise."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as exc:
        raise SystemExit(f"load: cannot resolve {host}: {exc}") from None
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"load: refusing {host} ({', '.join(sorted(addresses))}): loopback addresses only")
    return host


def write_articles(path: Path, start: int, count: int) -> None:
    """Articles start…start+count of the news set as a thongcao JSONL crawl."""
    with lzma.open(NEWS, "rt", encoding="utf-8") as news, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(news):
            if number >= start + count:
                break
            if number >= start:
                r = json.loads(line)
                record = {
                    "id": r["id"],
                    "url": r.get("url"),
                    "title": r["title"],
                    "text": r["text"],
                    "published": r.get("date"),
                    "source": (r.get("source") or "").split(" (")[0] or None,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def index(index_dir: Path, *args: str) -> dict:
    done = subprocess.run(
        [str(THONGCAO), "index", "--index", str(index_dir), "--json", *args], capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"load: thongcao index failed: {done.stderr}")
    return json.loads(done.stdout)


def serve(index_dir: Path, host: str, log: Path) -> tuple[subprocess.Popen, int]:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        port = probe.getsockname()[1]
    command = [str(THONGCAO), "serve", "--index", str(index_dir), "--host", host, "--port", str(port)]
    process = subprocess.Popen(command, stderr=log.open("w"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(host, port, "/api/search?per_page=1")[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"load: thongcao serve did not answer; see {log}")


def get(host: str, port: int, path: str, connection: http.client.HTTPConnection | None = None):
    own = connection is None
    connection = connection or http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


class Requests:
    """Search URLs for the distinct queries of scripts/querymix.py, handed out in turn to every
    client of every phase (thread-safe), so a query comes back only after all were asked."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        self.asked = 0  # requests so far: more than len(urls) means some were repeats
        self._lock = threading.Lock()

    def take(self) -> str:
        with self._lock:
            self.asked += 1
            return self.urls[(self.asked - 1) % len(self.urls)]


def requests_mix(host: str, port: int, docs: int, count: int, rng: random.Random) -> Requests:
    """Search URLs of `count` distinct queries from the headlines of the `docs` indexed articles,
    with facet values taken from the index itself; each on page 1-3, the API or the page,
    empty queries sorted newest or by relevance."""
    facets = json.loads(get(host, port, "/api/search?per_page=1")[1])["facets"]
    values = {name: [v["value"] for v in items] for name, items in facets.items()}
    mix = querymix.queries(querymix.headlines(docs, NEWS), values, count, seed=rng.randrange(2**32))
    print(f"queries: {querymix.describe(mix)}", flush=True)
    urls = []
    for q, filters in mix:
        params: list[tuple[str, str]] = [("page", str(rng.choice([1, 1, 2, 3])))]
        params += [("q", q)] if q else [("sort", rng.choice(["newest", "relevance"]))]
        params += [(name, v) for name, chosen in filters.items() for v in chosen]
        endpoint = rng.choice(["/api/search", "/api/search", "/"])
        urls.append(f"{endpoint}?{urllib.parse.urlencode(params)}")
    return Requests(urls)


def phase(host: str, port: int, urls: Requests, clients: int, seconds: float, busy=lambda: False) -> dict:
    """`clients` threads, each on its own keep-alive connection, until `seconds` have passed
    and `busy()` turns False (never past MAX_SECONDS)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    began = time.monotonic()
    per_client = MAX_REQUESTS // clients

    def going() -> bool:
        now = time.monotonic() - began
        return now < MAX_SECONDS and (now < seconds or busy())

    def client() -> None:
        mine, failed = [], []
        connection = http.client.HTTPConnection(host, port, timeout=30)
        for _ in range(per_client):
            if not going():
                break
            url = urls.take()
            started = time.perf_counter()
            try:
                status, _ = get(host, port, url, connection)
                if status != 200:
                    failed.append(f"{status} {url}")
            except (OSError, http.client.HTTPException) as exc:
                failed.append(f"{type(exc).__name__}: {exc} {url}")
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return (
            round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0
        )

    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 1),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(1000 * latencies[-1], 1) if latencies else 0.0,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def peak_rss_mib(pid: int) -> int | None:
    """The server's peak resident memory, from /proc (None elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return int(status.split("VmHWM:")[1].split()[0]) // 1024


def run_phases(host: str, port: int, args: argparse.Namespace, crawls: list[str], index_dir: Path) -> dict:
    """The phases asked for, in order: each the normal clients' figures (and the hostile ones')."""
    urls = requests_mix(host, port, args.docs, args.queries, random.Random(args.seed))
    first = json.loads(get(host, port, "/api/search?per_page=1")[1])
    report: dict = {"queries": {"distinct": len(urls.urls)}}
    shown: dict = {}  # what has been printed
    for name in args.phases.split(","):
        if name == "alone":
            report["alone"] = phase(host, port, urls, args.clients, args.seconds)
        elif name == "hostile":
            countries = [item["value"] for item in first["facets"]["country"]]
            hostile = Hostile(host, port, countries, first["hits"][0]["id"], args.slow, args.heavy)
            hostile.start()
            try:
                report["beside_hostile"] = phase(host, port, urls, args.clients, args.seconds)
            finally:
                report["hostile_clients"] = hostile.stop()
        else:
            report.update(during_reindex(host, port, urls, args, crawls, index_dir, first["total"]))
        report["queries"]["asked"] = urls.asked  # so far: more than `distinct` means repeats
        fresh = {k: v for k, v in report.items() if k not in shown or k == "queries"}
        print(json.dumps(fresh, ensure_ascii=False), flush=True)
        shown.update(report)
    return report


def during_reindex(host, port, urls, args, crawls: list[str], index_dir: Path, listed: int) -> dict:
    """The clients while `thongcao index` adds the extra articles (or rebuilds), until it commits;
    then what the run did, and how many documents the server lists (`listed` before)."""
    paths = crawls + (["--rebuild"] if args.reindex == "rebuild" else [])
    runner = subprocess.Popen(
        [str(THONGCAO), "index", "--index", str(index_dir), "--json", *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    begun = time.monotonic()
    busy = lambda: runner.poll() is None  # noqa: E731 - keep going until the run has committed
    figures = phase(host, port, urls, args.clients, args.seconds, busy)
    out, err = runner.communicate(timeout=3600)
    finished = json.loads(out) if runner.returncode == 0 else {"error": err}
    rejected = finished.pop("rejected", [])
    finished.update(rejected=len(rejected), seconds=round(time.monotonic() - begun, 1))
    after = json.loads(get(host, port, "/api/search?per_page=1")[1])["total"]  # served without a restart
    return {"during_reindex": figures, "reindex": finished, "listed": {"before": listed, "after": after}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=8000, help="articles in the index (default 8000)")
    parser.add_argument("--extra", type=int, default=500, help="articles added during phase 2 (default 500)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reindex", choices=("add", "rebuild"), default="add")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address to serve on")
    parser.add_argument("--keep", type=Path, help="work folder to keep and reuse (crawl and index)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--queries", type=int, default=10_000, help="distinct queries (default 10000)")
    parser.add_argument("--phases", default="alone,hostile,reindex", help="which phases to run, in order")
    parser.add_argument("--slow", type=int, default=150, help="hostile connections that never finish headers")
    parser.add_argument("--heavy", type=int, default=8, help="hostile threads sending huge requests")
    args = parser.parse_args(argv)
    host = loopback(args.host)
    if not (0 < args.seconds <= MAX_SECONDS and 0 < args.clients <= MAX_CLIENTS):
        parser.error(f"--seconds must be in (0, {MAX_SECONDS}] and --clients in (0, {MAX_CLIENTS}]")
    if not (0 <= args.slow <= MAX_SLOW and 0 <= args.heavy <= MAX_CLIENTS):
        parser.error(f"--slow must be in [0, {MAX_SLOW}] and --heavy in [0, {MAX_CLIENTS}]")
    if set(args.phases.split(",")) - set(PHASES):
        parser.error(f"--phases: some of {', '.join(PHASES)}, separated by commas")
    work = args.keep or Path(tempfile.mkdtemp(prefix="thongcao-load-"))
    work.mkdir(parents=True, exist_ok=True)
    crawl, more = work / f"news-{args.docs}.jsonl", work / f"more-{args.docs}-{args.extra}.jsonl"
    base, index_dir = work / f"index-{args.docs}", work / "index"
    try:
        if not crawl.exists():
            write_articles(crawl, 0, args.docs)
        if not more.exists():
            write_articles(more, args.docs, args.extra)
        if not base.exists():  # built once per work folder; each run writes to a copy
            started = time.monotonic()
            built = index(base, str(crawl))
            print(f"indexed {built['documents']} documents in {time.monotonic() - started:.0f} s", flush=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        shutil.copytree(base, index_dir, symlinks=True)
        server, port = serve(index_dir, host, work / "serve.log")
        try:
            report = run_phases(host, port, args, [str(crawl), str(more)], index_dir)
            report["server_peak_rss_mib"] = peak_rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(json.dumps(report, ensure_ascii=False, indent=2))
        normal = [report[name] for name in ("alone", "beside_hostile", "during_reindex") if name in report]
        return 0 if all(figures["errors"] == 0 for figures in normal) else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
