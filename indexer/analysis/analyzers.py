"""Vietnamese analysis: text → syllables and words, exact and diacritic-folded.

The pipeline, for documents and queries alike:

1. ``segment`` runs pyvi over NFC text with pyvi's own tone placement and joins the
   syllables of a multi-syllable word with "_" ("Hàn_Quốc").  This is the only costly
   step and runs once per document, at index time.
2. Whoosh analyzers then cut tokens from either form:
   - ``syllable_analyzer`` splits on anything that is not a letter or digit, so
     "Hàn_Quốc" and "Hàn Quốc" both give ``hàn``, ``quốc`` with positions for phrases;
   - ``word_analyzer`` keeps only the joined multi-syllable words (``hàn_quốc``), which
     reward a match where the segmenter agreed with the query;
   - each has a folded twin (``đà nẵng`` → ``da nang``) for queries typed without marks.

The syllable analyzers are cheap regex chains, so highlighting never runs pyvi.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice

from whoosh.analysis import Filter, RegexTokenizer, Token
from whoosh.analysis import Tokenizer as WhooshTokenizer

from indexer.analysis.segmenter import tokenize
from indexer.text import fold, normalize, normalize_tones

SYLLABLE = r"[^\W_]+"
JOINED_WORD = r"[^\W_]+(?:_[^\W_]+)+"
_PARAGRAPHS = re.compile(r"\n\s*\n|(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ])")

# Pieces → their segmentations, in order: `tokenize` on each, or a cache of it (indexer.analysis.segcache).
Tokenizer = Callable[[list[str]], list[str]]


# A text's syllables come from a vocabulary of a few thousand: remembering each one's
# normal and folded forms makes analysis a dictionary lookup a token, not a regex.
_normalized = lru_cache(maxsize=1 << 17)(normalize)
_folded = lru_cache(maxsize=1 << 17)(fold)
_SYLLABLES = re.compile(SYLLABLE)
_JOINED_WORDS = re.compile(JOINED_WORD)
# Where a sentence or paragraph ends: a stop followed by space ("TP.HCM" and "12.5" are not),
# or a line break.  Syllables on either side are numbered one apart more than neighbours, so
# no phrase and no multi-syllable word runs across ("Hà. Nội dung" is not "Hà Nội").
_BREAKS = re.compile(r"[.!?…;]+(?=\s)|\n")
# Syllables and breaks never overlap (a break is made of non-word characters), so one scan
# finds both in order: a syllable in the group, a break as "".
_SYLLABLE_OR_BREAK = re.compile(f"({SYLLABLE})|{_BREAKS.pattern}")


def numbered(text: str) -> Iterator[tuple[int, re.Match]]:
    """Each syllable's match with its position, a position left empty at every break.

    >>> [(p, m[0]) for p, m in numbered("Hà. Nội dung\\nmới")]
    [(0, 'Hà'), (2, 'Nội'), (3, 'dung'), (5, 'mới')]
    """
    breaks = [m.start() for m in _BREAKS.finditer(text)]
    at, position, last_end = 0, -1, 0
    for match in _SYLLABLES.finditer(text):
        gap = False
        while at < len(breaks) and breaks[at] < match.start():
            gap = gap or breaks[at] >= last_end
            at += 1
        position += 2 if gap and position >= 0 else 1
        last_end = match.end()
        yield position, match


class SentenceTokenizer(WhooshTokenizer):
    """Whoosh's RegexTokenizer(SYLLABLE), but numbering positions as `numbered` does."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
        start_pos=0, start_char=0, tokenize=True, mode="", **kwargs,
    ):  # fmt: skip
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, match in numbered(value):
            t.text, t.boost, t.stopped = match.group(0), 1.0, False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + position
            if chars:
                t.startchar, t.endchar = start_char + match.start(), start_char + match.end()
            yield t


class NormalizeFilter(Filter):
    """Lower-case, NFC and pyvi tone placement, so "Thỏa" and "thoả" are one term.

    >>> [t.text for t in (RegexTokenizer(SYLLABLE) | NormalizeFilter())("Thỏa THUẬN")]
    ['thoả', 'thuận']
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = _normalized(t.text)
            yield t


class FoldFilter(Filter):
    """Strip diacritics after normalising, so a bare keyboard reaches accented text.

    >>> [t.text for t in (RegexTokenizer(SYLLABLE) | NormalizeFilter() | FoldFilter())("Đà Nẵng")]
    ['da', 'nang']
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = _folded(t.text)
            yield t


def syllable_analyzer():
    """Exact syllables: what phrases, highlighting and exact-tone ranking use."""
    return SentenceTokenizer() | NormalizeFilter()


def folded_syllable_analyzer():
    """Syllables without diacritics, for queries typed without them."""
    return SentenceTokenizer() | NormalizeFilter() | FoldFilter()


def word_analyzer():
    """Multi-syllable words of segmented text, as pyvi joined them.

    >>> [t.text for t in word_analyzer()("Hàn_Quốc và Nhật_Bản")]
    ['hàn_quốc', 'nhật_bản']
    """
    return RegexTokenizer(JOINED_WORD) | NormalizeFilter()


def folded_word_analyzer():
    """Multi-syllable words without diacritics: the lexicon that groups bare queries."""
    return RegexTokenizer(JOINED_WORD) | NormalizeFilter() | FoldFilter()


def segment(text: str, tokenizer: Tokenizer | None = None) -> str:
    """Join the syllables of each word with "_" as pyvi does, paragraph by paragraph.

    `indexer.analysis.segmenter` gives pyvi's exact tokens several times faster; texts are cut at
    paragraphs and sentence ends, so a long article is many short CRF sequences.

    >>> segment("Hợp tác với Hàn Quốc.")
    'Hợp_tác với Hàn_Quốc .'
    """
    return segment_all([text], tokenizer)[0]


def segment_all(texts: list[str], tokenizer: Tokenizer | None = None) -> list[str]:
    """`segment` of each text, with one tokenizer call for all their pieces (one cache lookup).

    >>> segment_all(["Hàn Quốc", "", "Nhật Bản. Lào"])
    ['Hàn_Quốc', '', 'Nhật_Bản . Lào']
    """
    cut = [pieces(text) for text in texts]
    segmented = iter((tokenizer or _each)([piece for some in cut for piece in some]))
    return [" ".join(islice(segmented, len(some))) for some in cut]


def pieces(text: str) -> list[str]:
    """What the tokenizer is handed: tone-normalised paragraphs and sentences, stripped.

    >>> pieces("Thỏa thuận.  Hai bên\\n\\nký kết ")
    ['Thoả thuận.', 'Hai bên', 'ký kết']
    """
    return [p for p in (p.strip() for p in _PARAGRAPHS.split(normalize_tones(text))) if p]


def _each(texts: list[str]) -> list[str]:
    return [tokenize(text) for text in texts]


def words(segmented: str) -> list[str]:
    """The normalised words of segmented text, compounds joined: query building uses it.

    >>> words("Thỏa_thuận với Hàn_Quốc .")
    ['thoả_thuận', 'với', 'hàn_quốc']
    """
    return [normalize(w) for w in re.findall(r"[^\W_]+(?:_[^\W_]+)*", segmented)]


def syllables(text: str) -> list[str]:
    """The normalised syllables of any text: what the exact syllable field holds.

    >>> syllables("Gyeongsangbuk-do, TP.HCM")
    ['gyeongsangbuk', 'do', 'tp', 'hcm']
    """
    return [_normalized(s) for s in _SYLLABLES.findall(text)]


def positioned(text: str) -> tuple[list[str], list[int]]:
    """The normalised syllables of a text and their positions, as the syllable fields index
    them (see `numbered`).

    >>> positioned("Hà. Nội")
    (['hà', 'nội'], [0, 2])
    """
    tokens, positions = [], []
    position, gap = -1, False
    for syllable in _SYLLABLE_OR_BREAK.findall(text):  # one scan: no match objects, no generator
        if not syllable:  # a break: the next syllable stands one further off
            gap = True
            continue
        position += 2 if gap and position >= 0 else 1
        gap = False
        tokens.append(_normalized(syllable))
        positions.append(position)
    return tokens, positions


def joined_words(segmented: str) -> list[str]:
    """The normalised multi-syllable words of segmented text: what the word fields hold.

    >>> joined_words("Thỏa_thuận với Hàn_Quốc .")
    ['thoả_thuận', 'hàn_quốc']
    """
    return [_normalized(w) for w in _JOINED_WORDS.findall(segmented)]


def folded(tokens: list[str]) -> list[str]:
    """Tokens without diacritics, for the folded twins of each field.

    >>> folded(["đà", "nẵng"])
    ['da', 'nang']
    """
    return [_folded(t) for t in tokens]
