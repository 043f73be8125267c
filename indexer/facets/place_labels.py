"""The places a release is about as a reader sees them, for the page, the feed and the terminal.

Which facets are places is the registry's word (`facet_fields.PLACES`); how each is shown is
here: a country as it is, a partner locality with its country ("Imsil (Hàn Quốc)"), and the
provinces by their unit since 1 July 2025, naming the old province where it changed ("Lào Cai
(Yên Bái cũ)"), which is how the old `province` facet is shown too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from indexer.data.localities import LOCALITIES
from indexer.facets import merger
from indexer.facets.facet_fields import PLACES

_SHOWN: dict[str, Callable[[Mapping[str, list[str]]], list[str]]] = {
    "country": lambda hit: list(hit["countries"]),
    "locality": lambda hit: [locality_label(v) for v in hit["locality"]],
    "province_2025": lambda hit: merger.labels(hit["provinces"]),
    "province": lambda hit: [],  # inside its 2025 unit's label
}


def locality_label(value: str) -> str:
    """A locality as shown to a reader: with its country, so "Gangwon-do" says where it is.
    (Here, not beside the locality finder: a search that only shows labels need not compile it.)

    >>> locality_label("Gyeongsangbuk-do"), locality_label("Luông Pha Băng"), locality_label("Nowhere")
    ('Gyeongsangbuk-do (Hàn Quốc)', 'Luông Pha Băng (Lào)', 'Nowhere')
    """
    return f"{value} ({LOCALITIES[value][0]})" if value in LOCALITIES else value


def place_labels(hit: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """(facet name, text) for each place a hit or document (as its JSON object) is about.

    >>> place_labels({"countries": ["Hàn Quốc"], "locality": ["Imsil"], "provinces": ["Yên Bái"],
    ...               "province_2025": ["Lào Cai"]})
    [('country', 'Hàn Quốc'), ('locality', 'Imsil (Hàn Quốc)'), ('province_2025', 'Lào Cai (Yên Bái cũ)')]
    """
    return [(facet.name, text) for facet in PLACES for text in _SHOWN[facet.name](hit)]


def place_values(hit: Mapping[str, list[str]]) -> list[str]:
    """Every place facet's values, once each: a feed entry's categories."""
    return list(dict.fromkeys(v for facet in PLACES for v in hit[facet.hit_key]))
