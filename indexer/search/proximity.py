"""Proximity ("a b"~N): whether every part stands within N syllables of the others, in any order.

Pure, so that every engine asks the same question: the Whoosh engine of the positions it
decodes from its postings, the tantivy engine of the stored text it re-reads for the few
documents holding every part (indexer.analysis.analyzers numbers syllables as both indexes do).
"""

from __future__ import annotations

from indexer.analysis.analyzers import folded, positioned


def within_window(starts: list[list[int]], within: int) -> bool:
    """Whether one start of every list lies within `within` of the others: a window slid
    over all the starts, merged, that must hold every list.

    >>> within_window([[3, 40], [9]], 6), within_window([[3], [40]], 6), within_window([[5], []], 9)
    (True, False, False)
    """
    if not all(starts):
        return False
    merged = sorted((position, part) for part, found in enumerate(starts) for position in found)
    held: dict[int, int] = {}
    left = 0
    for position, part in merged:
        held[part] = held.get(part, 0) + 1
        while position - merged[left][0] > within:
            gone = merged[left][1]
            held[gone] -= 1
            if not held[gone]:
                del held[gone]
            left += 1
        if len(held) == len(starts):
            return True
    return False


def starts_in_text(text: str, field: str, parts: list[tuple[tuple[str, str], ...]]) -> list[list[int]]:
    """Where each sequence of (index field, term) pairs stands side by side in a field's text:
    the exact field's terms against the text's syllables, the folded twin's against their
    folded forms, at consecutive positions (a sentence break leaves a gap).  The text is cut
    into syllables once for all the parts, and only a part's first term is looked for
    everywhere.

    >>> starts_in_text("Đoàn Tuyên Quang. Quang cảnh", "text",
    ...                [(("text", "tuyên"), ("text_fold", "quang")), (("text_fold", "quang"),)])
    [[1], [2, 4]]
    """
    tokens, positions = positioned(text)
    bare = folded(tokens) if any(name != field for terms in parts for name, _ in terms) else tokens
    found = []
    for terms in parts:
        seen = [bare if name != field else tokens for name, _ in terms]
        first = terms[0][1]
        starts = []
        for at in (k for k, token in enumerate(seen[0]) if token == first):
            end = at + len(terms)
            if end <= len(tokens) and positions[end - 1] - positions[at] == len(terms) - 1 and all(
                seen[i][at + i] == term for i, (_, term) in enumerate(terms[1:], 1)
            ):
                starts.append(positions[at])
        found.append(starts)
    return found
