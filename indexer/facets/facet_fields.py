"""Every facet in one table: Whoosh field, Document attribute, hit key, URL parameter, CLI option, label.

The store (schema, fields), the snapshot (per-value rows), search (filters, hit fields,
counts), the CLI (options) and the web UI (parameters, sidebar panels) all loop over
`FACETS`, so adding a facet is one row here plus the extraction that fills its attribute.
The hit keys of the first facets are fixed by INTERFACE.md: "countries", "provinces", "year".

>>> [f.name for f in FACETS]
['country', 'locality', 'province_2025', 'province', 'year', 'source']
>>> BY_NAME["province_2025"].option, BY_NAME["locality"].hit_key
('--province-2025', 'locality')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, FieldType

SEPARATOR = ","  # between the values of a many-valued facet in its Whoosh field


@dataclass(frozen=True)
class FacetField:
    """One facet: where its values come from, where they are kept, and how they are shown."""

    name: str  # the Whoosh field, the URL parameter and the key of a result's "facets"
    attribute: str  # the Document attribute holding its values
    hit_key: str  # the key of a hit (and of /api/doc) holding them
    label: str  # the Vietnamese heading of its sidebar panel
    many: bool = True  # several values (a list in the hit) or at most one
    number: bool = False  # a single value the hit gives as an int (the year)
    place: bool = False  # a place the release is about: shown beside each hit, a feed category

    @property
    def option(self) -> str:
        """The command-line option: `--province-2025` for `province_2025`."""
        return "--" + self.name.replace("_", "-")

    def field_type(self) -> FieldType:
        """Values are exact terms; a single value is one term even if it holds a comma."""
        if self.many:
            return KEYWORD(stored=True, commas=True, scorable=False, lowercase=False)
        return ID(stored=True)

    def index_value(self, document: object) -> str:
        """What goes into the Whoosh field for one Document ("" for none)."""
        value = getattr(document, self.attribute)
        if self.many:
            return SEPARATOR.join(value)
        return "" if value is None else str(value)

    def hit_value(self, stored: Mapping[str, object]) -> list[str] | int | str | None:
        """The hit's value, read back from a document's stored fields."""
        raw = stored.get(self.name)
        if self.many:
            return [v for v in str(raw or "").split(SEPARATOR) if v]
        if self.number:
            return int(raw) if raw else None
        return str(raw) if raw else None


FACETS: tuple[FacetField, ...] = (
    FacetField("country", "countries", "countries", "Quốc gia", place=True),
    FacetField("locality", "localities", "locality", "Địa phương đối tác", place=True),
    FacetField(
        "province_2025", "provinces_2025", "province_2025", "Tỉnh, thành phố (từ 1/7/2025)", place=True
    ),
    FacetField("province", "provinces", "provinces", "Tỉnh, thành phố (63 đơn vị cũ)", place=True),
    FacetField("year", "year", "year", "Năm", many=False, number=True),
    FacetField("source", "source", "source", "Nguồn", many=False),
)
BY_NAME: dict[str, FacetField] = {f.name: f for f in FACETS}
PLACES: tuple[FacetField, ...] = tuple(f for f in FACETS if f.place)
NAMES: tuple[str, ...] = tuple(BY_NAME)
