"""The `province_2025` facet: the 63 old provinces a release names, seen through the 2025 merger.

A pure mapping of the `province` facet (data in indexer/data/provinces_2025.py), so a
journalist asking for Tuyên Quang today also gets releases that named Hà Giang, and a page
can say which old province a release named: "Lào Cai (Yên Bái cũ)".
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer.data.provinces_2025 import PROVINCE_2025


def provinces_2025(provinces: Iterable[str]) -> tuple[str, ...]:
    """The 2025 units of some old provinces, in their order, without repeats.

    >>> provinces_2025(["Yên Bái", "Lào Cai", "Hà Nội"])
    ('Lào Cai', 'Hà Nội')
    >>> provinces_2025(["Atlantis"])
    ()
    """
    return tuple(dict.fromkeys(PROVINCE_2025[p] for p in provinces if p in PROVINCE_2025))


def label(province: str) -> str:
    """How a page shows an old province today: its 2025 unit, naming the old one if it changed.

    >>> label("Yên Bái"), label("Tuyên Quang"), label("Thừa Thiên Huế")
    ('Lào Cai (Yên Bái cũ)', 'Tuyên Quang', 'Huế (Thừa Thiên Huế cũ)')
    """
    new = PROVINCE_2025.get(province, province)
    return new if new == province else f"{new} ({province} cũ)"


def labels(provinces: Iterable[str]) -> list[str]:
    """`label` of each old province, without repeats.

    >>> labels(["Bình Phước", "Đồng Nai"])
    ['Đồng Nai (Bình Phước cũ)', 'Đồng Nai']
    """
    return list(dict.fromkeys(label(p) for p in provinces))
