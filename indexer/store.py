"""The index on disk: schema, generations, the writer lock and atomic swaps.

Layout of an index folder::

    DIR/current -> gen-0003     a symlink, replaced atomically by --rebuild
    DIR/gen-0003/               a Whoosh index
    DIR/writer.lock             held by the one `thongcao index` allowed at a time

Readers resolve ``current`` on every refresh, so a rebuild is swapped in under a
running server without a restart, and a killed run leaves the last commit intact.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import (
    folded_syllable_analyzer,
    folded_word_analyzer,
    segment,
    syllable_analyzer,
    word_analyzer,
)
from indexer.documents import Document
from indexer.errors import IndexLocked, IndexMissing

FACETS = ("country", "province", "year")
SEPARATOR = ","


def schema() -> Schema:
    """Display fields are stored; each text has exact, folded and word twins for ranking."""
    syllables, folded = syllable_analyzer(), folded_syllable_analyzer()
    words, folded_words = word_analyzer(), folded_word_analyzer()
    facet = KEYWORD(stored=True, commas=True, scorable=False, lowercase=False)
    return Schema(
        id=ID(stored=True, unique=True),
        origin=ID(stored=True),
        digest=STORED(),
        title=TEXT(analyzer=syllables, stored=True, field_boost=3.0),
        title_fold=TEXT(analyzer=folded, field_boost=3.0),
        title_word=TEXT(analyzer=words, field_boost=3.0),
        text=TEXT(analyzer=syllables, stored=True),
        text_fold=TEXT(analyzer=folded),
        text_word=TEXT(analyzer=words),
        word_fold=TEXT(analyzer=folded_words, phrase=False),
        url=STORED(),
        source=STORED(),
        published=STORED(),
        year_source=STORED(),
        date=NUMERIC(int, bits=32, sortable=True),
        country=facet,
        province=facet,
        year=facet,
    )


def fields(doc: Document) -> dict[str, object]:
    """The Whoosh fields of one document; segmentation (pyvi) happens here, once."""
    title_words, text_words = segment(doc.title), segment(doc.text)
    published = doc.published.isoformat() if doc.published else None
    return {
        "id": doc.id,
        "origin": doc.origin,
        "digest": doc.digest,
        "title": doc.title,
        "title_fold": doc.title,
        "title_word": title_words,
        "text": doc.text,
        "text_fold": doc.text,
        "text_word": text_words,
        "word_fold": title_words + " " + text_words,
        "url": doc.url,
        "source": doc.source,
        "published": published,
        "year_source": doc.year_source,
        "date": int(published.replace("-", "")) if published else 0,
        "country": SEPARATOR.join(doc.countries),
        "province": SEPARATOR.join(doc.provinces),
        "year": str(doc.year) if doc.year else "",
    }


class IndexStore:
    """One index folder: where its current generation lives and who may write to it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.current = self.path / "current"

    def exists(self) -> bool:
        return self.current.exists() and whoosh_index.exists_in(self.current)

    def open(self):
        """The current Whoosh index, for reading or incremental writing."""
        if not self.exists():
            raise IndexMissing(f"no index at {self.path}: run `thongcao index` first")
        return whoosh_index.open_dir(str(self.current.resolve()))

    def generation(self) -> Path | None:
        """The folder `current` points to now: readers compare it to notice a swap."""
        return self.current.resolve() if self.current.exists() else None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writer lock for a whole run, so two runs never interleave."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "writer.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexLocked(
                    f"the index at {self.path} is being written by another `thongcao index`; "
                    "try again when it has finished"
                ) from None
            yield

    def create_generation(self):
        """A fresh empty index beside the current one, to be swapped in when complete."""
        numbers = [int(p.name[4:]) for p in self.path.glob("gen-*") if p.name[4:].isdigit()]
        folder = self.path / f"gen-{max(numbers, default=0) + 1:04d}"
        folder.mkdir(parents=True)
        return whoosh_index.create_in(str(folder), schema())

    def swap(self, folder: Path) -> None:
        """Point `current` at a finished generation atomically, and drop all but the last one.

        The previous generation is kept for one more swap, since a server may still
        be reading it.
        """
        link = self.path / "current.new"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(folder.name)
        os.replace(link, self.current)
        keep = {folder.name}
        generations = sorted(self.path.glob("gen-*"))
        if len(generations) > 1:
            keep.add(generations[-2].name if generations[-1].name == folder.name else generations[-1].name)
        for old in generations:
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
