"""A memo of segmented paragraphs: boilerplate is segmented once, a re-index only new text.

pyvi is most of what indexing a document costs, and most of a re-crawled site is text
already seen: page chrome, standard closing lines, and every paragraph of a page whose
bytes changed only around the article.  This cache maps each piece `analysis.segment`
hands the tokenizer (a paragraph or sentence, after tone normalisation) to what the
tokenizer returned for it.

- **Where**: ``DIR/segments.sqlite``, beside the generations (`indexer.index.store`), so a
  ``--rebuild``, which writes a new generation, finds it warm.
- **Key**: blake2b (16 bytes) of the exact piece, keyed with `fingerprint()`: the
  segmenter's source, its bundled model files and Python's Unicode tables (pyvi's
  syllables and casing come from them).  The piece is hashed after normalisation and
  splitting, so a change there gives new keys by itself; a change of the tokenizer
  changes the fingerprint, and a file written under another fingerprint is discarded.
- **Processes**: the run opens the file once, under the index's writer lock, to number
  itself; each forked worker then opens its own connection on first use (a connection
  never crosses a fork).  WAL lets workers read while one writes; each document's new
  rows are one short ``BEGIN IMMEDIATE`` transaction, so a ``kill -9`` loses at most
  the document being written.  ``synchronous=OFF``: no fsync, which cost a cold run
  1 ms a document in I/O waits (NORMAL's checkpoints); a process killed loses nothing
  the OS has, and after an OS crash the worst is a corrupt file, discarded.  A row never
  changes (its text is a function of its key) and ids are never reused, so a page left
  stale by such a crash holds right answers or none.
- **Failures**: the cache is only a memo.  Any sqlite or OS error makes this process
  segment without it for the rest of the run; a corrupt file is discarded and
  recreated at the start of the next run.
- **Size**: each row records the last run that used it.  When a run ends with more
  than `MAX_ROWS` rows, the least recently used go, down to three quarters of it.  A
  rule of "unused for K runs" would not fit: an incremental run looks up only changed
  documents, so it would evict the text of every document that merely stayed the same,
  and the next rebuild would be cold.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path

from indexer.analysis import segmenter
from indexer.analysis.segmenter import tokenize

FILENAME = "segments.sqlite"
MAX_ROWS = 1_000_000  # 245 bytes a row measured: ~235 MiB, the pieces of ~40,000 news articles
# Measured: a lookup costs 6.6 µs a piece (batched by document), a new row 12.4 µs more;
# segmenting a piece under 16 characters costs 10 µs.  Those (3% of pieces) skip the cache.
MIN_CHARS = 16
BUSY_SECONDS = 1.0  # a worker waits this long for another's write, then segments without

stats: Counter[str] = Counter()  # this process's "hit", "miss" and "short" pieces, for tests and benchmarks

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- appended, so a document dirties few pages; never reused
    key BLOB NOT NULL UNIQUE,
    words TEXT NOT NULL,
    run INTEGER NOT NULL
);
"""
_BROKEN = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}

_connections: dict[Path, sqlite3.Connection] = {}  # this process's, opened on first use
_disabled: set[Path] = set()  # caches this process gave up on after an error
_inherited: list[sqlite3.Connection] = []  # a parent's connections: never used, never closed


def _after_fork() -> None:
    # Closing a parent's connection in the child could checkpoint, or delete, its WAL.
    _inherited.extend(_connections.values())
    _connections.clear()


os.register_at_fork(after_in_child=_after_fork)


def fingerprint() -> str:
    """What the tokenizer's output depends on besides its input: its code, model and Unicode."""
    digest = blake2b(unicodedata.unidata_version.encode(), digest_size=16)
    models = Path(segmenter.BUNDLED_MODELS)
    for path in (Path(segmenter.__file__), models / "pyvi3.pkl", models / "words.txt"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class SegmentCache:
    """A handle on one cache file for one run; small enough to pickle to every worker."""

    path: Path
    version: str
    run: int
    max_rows: int = MAX_ROWS
    min_chars: int = MIN_CHARS
    busy_seconds: float = BUSY_SECONDS

    @classmethod
    def begin(cls, path: str | os.PathLike[str], **options: int | float) -> SegmentCache | None:
        """Open the cache for a new run (the caller holds the index's writer lock), or None.

        A corrupt file, or one written by another segmenter, is replaced by an empty one.
        """
        path, version = Path(path), fingerprint()
        _close(path)  # a previous run's connection may point at a file since deleted or replaced
        if _flag(path).exists():
            discard(path)
        for attempt in (1, 2):
            try:
                with closing(_connect(path, BUSY_SECONDS)) as db:
                    run = _start(db, version)
            except (sqlite3.Error, ValueError) as exc:  # ValueError: a meta row that is not ours
                if attempt == 2 or not (_broken(exc) or isinstance(exc, _Outdated | ValueError)):
                    return None
                discard(path)
            except OSError:
                return None
            else:
                _disabled.discard(path)
                return cls(path, version, run, **options)
        return None

    def tokenize(self, pieces: list[str]) -> list[str]:
        """`segmenter.tokenize` of each piece, from the cache where it has them.

        The pieces of one call (a document) are looked up together and their new rows
        written in one transaction.
        """
        keys = {p: self.key(p) for p in pieces if len(p) >= self.min_chars}
        found = self._lookup(list(set(keys.values()))) if keys else {}
        if found is None:
            return [tokenize(p) for p in pieces]
        out, new, stale = [], {}, []
        for piece in pieces:
            key = keys.get(piece)
            if key is None:
                stats["short"] += 1
                out.append(tokenize(piece))
            elif key in found:
                stats["hit"] += 1
                words, run = found[key]
                out.append(words)
                if run < self.run:
                    stale.append(key)
                    found[key] = (words, self.run)
            else:
                stats["miss"] += 1
                found[key] = (words := tokenize(piece), self.run)
                new[key] = words
                out.append(words)
        if new or stale:
            self._store(new, stale)
        return out

    def key(self, piece: str) -> bytes:
        """The row key of one piece: its hash under this segmenter's fingerprint."""
        data = piece.encode("utf-8", "surrogatepass")
        return blake2b(data, digest_size=16, key=bytes.fromhex(self.version)).digest()

    def finish(self) -> None:
        """End the run: drop the least recently used rows beyond `max_rows`, fold the WAL in."""
        try:
            with closing(_connect(self.path, self.busy_seconds)) as db:
                low, high = db.execute("SELECT min(id), max(id) FROM segments").fetchone()
                span = high - low + 1 if high is not None else 0  # ids only grow: a bound on rows
                count = "SELECT count(*) FROM segments"  # a scan: only when the bound is too high
                rows = db.execute(count).fetchone()[0] if span > self.max_rows else 0
                if rows > self.max_rows:
                    keep = self.max_rows * 3 // 4
                    db.execute(
                        "DELETE FROM segments WHERE id IN (SELECT id FROM segments ORDER BY run, id LIMIT ?)",
                        (rows - keep,),
                    )
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)

    def _lookup(self, keys: list[bytes]) -> dict[bytes, tuple[str, int]] | None:
        try:
            db = self._db()
            if db is None:
                return None
            found = {}
            for start in range(0, len(keys), 500):  # sqlite binds at most 32,766 variables
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, words, run FROM segments WHERE key IN ({marks})", chunk)
                found.update((key, (words, run)) for key, words, run in rows)
            return found
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)
            return None

    def _store(self, new: dict[bytes, str], stale: list[bytes]) -> None:
        try:
            db = self._db()
            if db is None:
                return
            with _transaction(db):
                db.executemany(
                    "INSERT OR IGNORE INTO segments (key, words, run) VALUES (?, ?, ?)",
                    [(key, words, self.run) for key, words in new.items()],
                )
                touched = [(self.run, key) for key in stale]
                db.executemany("UPDATE segments SET run = ? WHERE key = ?", touched)
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)

    def _db(self) -> sqlite3.Connection | None:
        if self.path in _disabled:
            return None
        db = _connections.get(self.path)
        if db is None:
            db = _connections[self.path] = _connect(self.path, self.busy_seconds, create=False)
        return db

    def _give_up(self, exc: Exception) -> None:
        """Segment without the cache for the rest of this process; flag a corrupt file."""
        _disabled.add(self.path)
        _close(self.path)
        if _broken(exc):
            with suppress(OSError):
                _flag(self.path).touch()


def discard(path: str | os.PathLike[str]) -> None:
    """Remove a cache file and its WAL: only while no run can be using it."""
    _close(Path(path))
    for suffix in ("", "-wal", "-shm", "-broken"):
        with suppress(FileNotFoundError):
            os.unlink(f"{os.fspath(path)}{suffix}")


def _close(path: Path) -> None:
    db = _connections.pop(path, None)
    if db is not None:
        with suppress(sqlite3.Error):
            db.close()


class _Outdated(sqlite3.DatabaseError):
    """The file was written by another segmenter version (or is not ours)."""


def _connect(path: Path, busy_seconds: float, create: bool = True) -> sqlite3.Connection:
    if not create and not path.exists():
        raise sqlite3.OperationalError(f"{path} is gone")
    db = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # see the module's docstring
    except BaseException:
        db.close()
        raise
    return db


def _start(db: sqlite3.Connection, version: str) -> int:
    """Check the file is ours and current, and number this run."""
    db.executescript(_SCHEMA)
    with _transaction(db):
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("version", version) != version:
            raise _Outdated(f"written by segmenter {meta['version']}")
        run = int(meta.get("run", "0")) + 1
        rows = [("version", version), ("run", str(run))]
        db.executemany("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", rows)
    return run


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (IMMEDIATE): committed, or rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def _broken(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and getattr(exc, "sqlite_errorcode", None) in _BROKEN


def _flag(path: Path) -> Path:
    return Path(f"{path}-broken")
