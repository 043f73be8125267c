"""Query language: a lenient parser, and the plan the search engine evaluates.

Words are AND-ed; "quoted phrases", AND / OR / NOT, + / -, parentheses and `title:`
work; `"a b"~N` asks for the words within N syllables of each other, in any order, and
`abc*` for every syllable starting so (at least MIN_PREFIX letters; the MAX_EXPANSION the
corpus uses most, and `expansions` says when there were more).  Nothing a person types is
an error: an unclosed quote runs to the end, a stray parenthesis is ignored, an empty
`title:` is the word "title", and parentheses nested deeper than MAX_DEPTH are all ignored
(the words are searched without that structure).

Planning turns each run of plain words into Vietnamese words (pyvi for accented
text; the index's own folded vocabulary for bare text), and each word into a Sequence
of syllables that must stand side by side.  A syllable typed with diacritics means that
syllable ("bão" is not "báo" or "bảo"); one typed bare means any reading of it, the
reading the corpus uses most ranked first.  indexer/engines/whoosh_engine.py evaluates plans;
`compile_query` gives the same plan as a Whoosh query, for the benchmark's baseline and the engine's
tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from whoosh import query as wq

from indexer.analysis.analyzers import segment, syllables, words
from indexer.analysis.readings import best_reading, readings_in_context
from indexer.search.snippets import Marks
from indexer.text import fold, has_diacritics, nfc, normalize

FIELDS = ("title", "text")
MAX_GROUP = 4
# Deeper nesting is no one's query: the parser and every walk over its tree recurse once a
# level, and ~330 levels used to exhaust Python's stack (a 500 on every endpoint).
MAX_DEPTH = 16
MIN_PREFIX = 3  # letters a prefix needs: "ng*" would be a tenth of the vocabulary
MAX_EXPANSION = 64  # syllables a prefix stands for, the most used first
MAX_NEAR = 1000  # the widest "~N" honoured
_NEAR = re.compile(r"~(\d{1,6})(?![\w~])")


@dataclass(frozen=True)
class Terms:
    """Words typed together, as a run (AND-ed) or a quoted phrase, in one field or all."""

    text: str
    field: str | None = None
    phrase: bool = False
    near: int | None = None  # "…"~N: the words within N syllables of each other, any order
    prefix: bool = False  # abc*: every syllable starting with `text`


@dataclass(frozen=True)
class All:
    items: tuple
    operator: str = "and"  # or "or"
    # A run's words side by side in the order typed: scores more where found, filters nothing
    # (words are a set, but "Arsenal và Liverpool" is first of all that headline).
    together: object = None


@dataclass(frozen=True)
class Exclude:
    item: object


Node = Terms | All | Exclude

_TOKEN = re.compile(
    r"\s*(?:(?P<open>\()|(?P<close>\))|(?P<sign>[+-](?=\S))?(?:(?P<field>title):)?"
    r'(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s()"]+)|(?P<group>(?=\()))?)'
)


def parse(text: str) -> Node | None:
    """Parse a query; None when it holds nothing to search for.

    >>> parse('hợp tác -"Hà Nội" title:Imsil')
    All(items=(Terms(text='hợp tác', field=None, phrase=False, near=None, prefix=False), \
Exclude(item=Terms(text='Hà Nội', field=None, phrase=True, near=None, prefix=False)), \
Terms(text='Imsil', field='title', phrase=False, near=None, prefix=False)), operator='and', together=None)
    >>> parse('((( "') is None
    True
    >>> parse("(" * 300 + "Hàn Quốc"), parse('"Samsung Bắc Ninh"~10 Gyeong*')
    (Terms(text='Hàn Quốc', field=None, phrase=False, near=None, prefix=False), \
All(items=(Terms(text='Samsung Bắc Ninh', field=None, phrase=True, near=10, prefix=False), \
Terms(text='Gyeong', field=None, phrase=False, near=None, prefix=True)), operator='and', together=None))
    """
    tokens = _balanced(_tokens(nfc(text).replace("\x00", " ")))
    if _depth(tokens) > MAX_DEPTH:
        tokens = _flat(tokens)
    node, _ = _parse_or(tokens, 0)
    return node


def _depth(tokens) -> int:
    """How deeply the parentheses nest (an unclosed one counts as open to the end)."""
    depth = deepest = 0
    for kind, _, _ in tokens:
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
    return deepest


def _flat(tokens):
    """The tokens without parentheses, nor the `title:` that named a group: nothing nests."""
    return [token for token in tokens if token[0] not in ("open", "close", "field")]


def _balanced(tokens):
    """Drop closing parentheses that close nothing: they are typos, not structure."""
    depth, kept = 0, []
    for token in tokens:
        if token[0] == "open":
            depth += 1
        elif token[0] == "close":
            if depth == 0:
                continue
            depth -= 1
        kept.append(token)
    return kept


def _tokens(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, value, field) triples; kinds: open, close, op, word, phrase, sign+/sign-."""
    out: list[tuple[str, str, str | None]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            position += 1
            continue
        position = match.end()
        if match["open"] or match["close"]:
            out.append(("open" if match["open"] else "close", "", None))
            continue
        if match["sign"]:
            out.append(("sign" + match["sign"], "", None))
        field = match["field"]
        if match["phrase"] is not None:
            out.append(("phrase", match["phrase"], field))
            near = _NEAR.match(text, position) if text[position - 1 : position] == '"' else None
            if near:
                out.append(("near", near.group(1), None))
                position = near.end()
        elif match["word"] in ("AND", "OR", "NOT") and not field:
            out.append(("op", match["word"], None))
        elif match["word"] and match["word"].endswith("*") and _is_prefix(match["word"]):
            out.append(("prefix", match["word"].rstrip("*"), field))
        elif match["word"]:
            out.append(("word", match["word"], field))
        elif field and match["group"] is None:
            out.append(("word", field, None))
        elif field:
            out.append(("field", field, None))
    return out


def _parse_or(tokens, i):
    items = []
    while i < len(tokens):
        node, i = _parse_and(tokens, i)
        if node is not None:
            items.append(node)
        if i < len(tokens) and tokens[i][:2] == ("op", "OR"):
            i += 1
            continue
        if i < len(tokens) and tokens[i][0] == "close":
            break
        if i < len(tokens):
            i += 1
    return _combine(items, "or"), i


def _parse_and(tokens, i):
    items: list[Node] = []
    while i < len(tokens) and tokens[i][0] != "close" and tokens[i][:2] != ("op", "OR"):
        kind, value, field = tokens[i]
        negate = kind == "sign-" or (kind, value) == ("op", "NOT")
        if kind.startswith("sign") or kind == "op":
            i += 1
            if kind == "op" and not negate:
                continue
            if i >= len(tokens):
                break
            kind, value, field = tokens[i]
        node, i = _parse_atom(tokens, i, kind, value, field)
        if node is not None:
            items.append(Exclude(node) if negate else node)
    return _combine(_merge_runs(items), "and"), i


def _parse_atom(tokens, i, kind, value, field):
    if kind == "field" and i + 1 < len(tokens):
        node, i = _parse_atom(tokens, i + 1, *tokens[i + 1])
        return _in_field(node, value), i
    if kind == "open":
        node, i = _parse_or(tokens, i + 1)
        if i < len(tokens) and tokens[i][0] == "close":
            i += 1
        return node, i
    if kind == "prefix":
        return Terms(value, field, prefix=True), i + 1
    if kind == "phrase" and i + 1 < len(tokens) and tokens[i + 1][0] == "near" and syllables(value):
        return Terms(value, field, True, near=min(int(tokens[i + 1][1]), MAX_NEAR)), i + 2
    if kind in ("word", "phrase") and syllables(value):
        return Terms(value, field, kind == "phrase"), i + 1
    return None, i + 1


def _is_prefix(word: str) -> bool:
    """`abc*` with at least MIN_PREFIX letters of one syllable; else it is the word typed."""
    stem = word.rstrip("*")
    return len(syllables(stem)) == 1 and sum(c.isalpha() for c in stem) >= MIN_PREFIX


def _in_field(node, field):
    if isinstance(node, Terms):
        return replace(node, field=field)
    if isinstance(node, All):
        return All(tuple(_in_field(n, field) for n in node.items), node.operator)
    if isinstance(node, Exclude):
        return Exclude(_in_field(node.item, field))
    return node


def _merge_runs(items: list[Node]) -> list[Node]:
    """Join adjacent plain words, so "hợp tác" is segmented as one word, not two."""
    merged: list[Node] = []
    for node in items:
        last = merged[-1] if merged else None
        if (
            isinstance(node, Terms)
            and isinstance(last, Terms)
            and not (node.phrase or last.phrase or node.prefix or last.prefix)
            and node.field == last.field
        ):
            merged[-1] = Terms(last.text + " " + node.text, last.field)
        else:
            merged.append(node)
    return merged


def _combine(items: list[Node], operator: str) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else All(tuple(items), operator)


@dataclass(frozen=True)
class Sequence:
    """Syllables that must stand side by side in one of `fields`.

    `required` holds, for each syllable typed with diacritics, the one form it must have
    (None for a bare syllable, which matches any reading: `folded`).  `exact` (as typed, or
    the reading the corpus uses for a bare word) ranks higher by `weight`.  The search
    engine (indexer/engines/whoosh_engine.py) and Whoosh (`compile_query`) read the same plan.
    """

    folded: tuple[str, ...]
    exact: tuple[str, ...] | None
    weight: float
    fields: tuple[str, ...]
    required: tuple[str | None, ...] = ()

    def matched(self, field: str) -> tuple[tuple[str, str], ...]:
        """(index field, term) for each syllable: the exact field where one was typed with
        diacritics, the folded twin where it was typed bare."""
        required = self.required or (None,) * len(self.folded)
        pairs = zip(self.folded, required, strict=True)
        return tuple((field, typed) if typed else (field + "_fold", bare) for bare, typed in pairs)


@dataclass(frozen=True)
class Near:
    """Words (each a Sequence) that must all stand within `within` syllables of each other, in
    any order, in one field: from the first syllable of one to the first of another."""

    parts: tuple[Sequence, ...]
    within: int


Plan = Sequence | All | Exclude | Near


def plan(node: Node, reader) -> Plan:
    """What a parsed query asks of the index: words and phrases as Sequences, in its structure.

    `reader` supplies the folded vocabulary that groups bare words, and their readings.
    """
    if isinstance(node, Exclude):
        return Exclude(plan(node.item, reader))
    if isinstance(node, All):
        return All(tuple(plan(n, reader) for n in node.items), node.operator)
    fields = ("title",) if node.field == "title" else FIELDS
    if node.prefix:
        found, _ = prefix_terms(node.text, reader)
        terms = found or [fold(node.text).lower()]
        typed = has_diacritics(node.text)
        parts = tuple(
            Sequence((fold(t),), (t,), 2.0, fields, (t,)) if typed else Sequence((t,), None, 1.0, fields)
            for t in terms
        )
        return parts[0] if len(parts) == 1 else All(parts, "or")
    if node.near is not None:
        parts = tuple(_word_sequence(w, fields, reader) for w in query_words(node.text, reader))
        return parts[0] if len(parts) == 1 else Near(parts, node.near)
    if node.phrase:  # no reading is looked up for a phrase: it is not one of the index's words
        return _word_sequence("_".join(syllables(node.text)), fields, None)
    parts = [_word_sequence(w, fields, reader) for w in query_words(node.text, reader)]
    if len(parts) == 1:
        return parts[0]
    return All(tuple(parts), "and", _word_sequence("_".join(syllables(node.text)), fields, None))


def any_of(found: list[str], reader) -> Plan:
    """Documents holding any of these words (pyvi's, "_"-joined), each scored as a query word."""
    parts = tuple(_word_sequence(w, FIELDS, reader) for w in found)
    return parts[0] if len(parts) == 1 else All(parts, "or")


def _word_sequence(word: str, fields: tuple[str, ...], reader) -> Sequence:
    """Syllables typed with diacritics are required as typed; a word typed wholly bare is
    ranked by the reading the corpus uses most ("ban hang" → bán hàng), a little below
    what an accented query gets."""
    parts = word.split("_")
    required = tuple(p if has_diacritics(p) else None for p in parts)
    folded = tuple(fold(p) for p in parts)
    if all(required):
        return Sequence(folded, tuple(parts), 2.0, fields, required)
    if any(required):  # "Ha Nội": the typed syllable as typed, the bare one any reading
        return Sequence(folded, None, 1.0, fields, required)
    preferred = best_reading(reader, word)
    return Sequence(folded, tuple(preferred.split("_")) if preferred else None, 1.0, fields)


def prefix_terms(stem: str, reader) -> tuple[list[str], bool]:
    """The syllables a prefix stands for, the corpus's most used first, and whether there were
    more than MAX_EXPANSION.  A stem typed with diacritics expands over exact syllables
    ("Nguyễ*"), a bare one over folded ones, so "gyeong*" and "hop*" find every reading."""
    if reader is None:
        return [], False
    typed = has_diacritics(stem)
    field, key = ("text", normalize(stem)) if typed else ("text_fold", fold(stem).lower())
    found = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(field, key)]
    ranked = sorted(found, key=lambda t: (-reader.doc_frequency(field, t), t))
    return ranked[:MAX_EXPANSION], len(ranked) > MAX_EXPANSION


def expansions(node: Node | None, reader) -> list[dict[str, object]]:
    """Each prefix of a query with how many syllables it stood for and whether that was cut:
    the page says "Gyeong* (64 từ phổ biến nhất)" rather than let a cut pass unseen."""
    found: list[dict[str, object]] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, All):
            stack.extend(reversed(current.items))
        elif isinstance(current, Exclude):
            stack.append(current.item)
        elif isinstance(current, Terms) and current.prefix:
            terms, cut = prefix_terms(current.text, reader)
            found.append({"prefix": current.text + "*", "terms": len(terms), "cut": cut})
    return found


def compile_query(node: Node, reader) -> wq.Query:
    """The same plan as a Whoosh query: what straightforward Whoosh would run (scripts/bench)."""
    return whoosh_query(plan(node, reader))


def whoosh_query(p: Plan) -> wq.Query:
    """A plan as Whoosh's own query objects: phrases over the exact, folded and word fields."""
    if isinstance(p, Exclude):
        return wq.And([wq.Every(), wq.Not(whoosh_query(p.item))])
    if isinstance(p, Near):  # every part anywhere: a superset (the benchmark's baseline only)
        return wq.And([whoosh_query(part) for part in p.parts])
    if isinstance(p, All):
        if p.operator == "or":
            return wq.Or([whoosh_query(n) for n in p.items])
        parts = [whoosh_query(n) for n in p.items if not isinstance(n, Exclude)]
        excluded = [whoosh_query(n.item) for n in p.items if isinstance(n, Exclude)]
        positive = wq.And(parts) if parts else wq.Every()
        # And(…, Not(…)), not AndNot: Whoosh's AndNot keeps a phrase's documents that the
        # excluded words are in (AndNot(text:"nhật bản", text:nông) kept one holding both)
        return wq.And([positive, wq.Not(wq.Or(excluded))]) if excluded else positive
    clauses = [_whoosh_matched(p, f) for f in p.fields]
    if p.exact:  # each only where the matched ones are (the exact form is one of its readings)
        if p.exact != p.required:  # else the same as the matched clauses
            clauses += [_whoosh_sequence(f, p.exact, boost=p.weight) for f in p.fields]
        if len(p.exact) > 1:
            clauses += [wq.Term(f + "_word", "_".join(p.exact), boost=p.weight) for f in p.fields]
    return wq.Or(clauses)


def _whoosh_matched(p: Sequence, field: str) -> wq.Query:
    """What a sequence matches in one field.  Whoosh's phrases stay in one field, so a
    sequence mixing typed and bare syllables is its folded phrase plus each typed
    syllable anywhere in the field: a superset of the engine's matches (the benchmark's
    baseline only)."""
    terms = p.matched(field)
    if len({name for name, _ in terms}) == 1:
        return _whoosh_sequence(terms[0][0], [term for _, term in terms])
    typed = [wq.Term(name, term) for name, term in terms if name == field]
    return wq.And([_whoosh_sequence(field + "_fold", p.folded), *typed])


def _whoosh_sequence(field: str, parts, boost: float = 1.0) -> wq.Query:
    if len(parts) == 1:
        return wq.Term(field, parts[0], boost=boost)
    return wq.Phrase(field, list(parts), boost=boost)


@lru_cache(maxsize=1024)
def _accented_words(text: str) -> tuple[str, ...]:
    """pyvi's words of a query run; cached, since compiling, marking and suggesting all ask."""
    return tuple(words(segment(text)))


def query_words(text: str, reader) -> list[str]:
    """The words of a run: pyvi for accented text, the index's folded words for bare text.

    pyvi cannot segment text without diacritics ("han quoc" stays two syllables), so
    bare syllables are grouped greedily into the longest words the corpus contains.  A
    word binds its syllables only where the index holds it: pyvi joins names typed side by
    side ("Thái Nguyên Gyeongsangbuk" → thái_nguyên_gyeongsangbuk, "Hồ Chí Minh Gyeongju" →
    hồ_chí minh_gyeongju), so when the index lacks one of pyvi's words the whole run is
    grouped by the index's words instead, and the order names are typed in does not decide
    what is found.
    """
    if has_diacritics(text):
        found = list(_accented_words(text))
        if reader is None or all("_" not in w or _holds(reader, w) for w in found):
            return found
        return _grouped([s for w in found for s in w.split("_")], reader)
    return _grouped([fold(s) for s in syllables(text)], reader)


def _holds(reader, word: str) -> bool:
    """Whether the index holds a word, alone or as the start of a longer one ("điện_biên" of
    "điện_biên_phủ": pyvi may cut a place's name with what follows it)."""
    key = fold(word)
    longer = reader.expand_prefix("word_fold", key + "_")
    return ("word_fold", key) in reader or next(iter(longer), None) is not None


def _grouped(parts: list[str], reader) -> list[str]:
    """Syllables joined greedily into the longest words (of up to MAX_GROUP syllables) the
    index's folded word vocabulary holds."""
    grouped, i = [], 0
    while i < len(parts):
        for j in range(min(len(parts), i + MAX_GROUP), i, -1):
            candidate = "_".join(parts[i:j])
            if j == i + 1 or (reader is not None and _holds(reader, candidate)):
                grouped.append(candidate)
                i = j
                break
    return grouped


def marks_for(node: Node | None, reader) -> Marks:
    """The words to mark in snippets, as syllable sequences; never those of excluded words."""
    exact: set[tuple[str, ...]] = set()
    folded: set[tuple[str, ...]] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, All):
            stack.extend(current.items)
        elif isinstance(current, Terms) and current.prefix:
            terms, _ = prefix_terms(current.text, reader)
            (exact if has_diacritics(current.text) else folded).update((t,) for t in terms)
        elif isinstance(current, Terms) and current.phrase and current.near is None:
            exact.add(tuple(syllables(current.text)))
        elif isinstance(current, Terms):
            exact.update(tuple(w.split("_")) for w in query_words(current.text, reader))
    exact.discard(())
    folded |= {tuple(fold(s) for s in seq) for seq in exact}
    return Marks(frozenset(exact), frozenset(folded), node is not None and typed_marks(node))


def typed_marks(node: Node) -> bool:
    """Whether any word the query looks for (not one it excludes) was typed with diacritics."""
    if isinstance(node, Terms):
        return has_diacritics(node.text)
    if isinstance(node, All):
        return any(typed_marks(n) for n in node.items)
    return False


def suggestion(node: Node | None, reader, beside: Callable[[str, str], int] | None = None) -> str | None:
    """The accented form of a query typed without diacritics, if the index knows one.

    The words of each run take the readings that stand together in the corpus (`beside`
    counts the documents where two syllables do; without it, each word its most used
    reading); operators and quotes are dropped, since the suggestion is a plain query to try.
    """
    if node is None or typed_marks(node):
        return None
    runs: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, All):
            stack.extend(reversed(current.items))
        elif isinstance(current, Terms):
            found = query_words(current.text, reader)
            if beside is None:
                readings = [best_reading(reader, w) for w in found]
            else:
                readings = readings_in_context(reader, found, beside)
            runs.append(" ".join((r or w).replace("_", " ") for r, w in zip(readings, found, strict=True)))
    text = " ".join(runs)
    return text if has_diacritics(text) else None
