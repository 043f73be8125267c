"""The `source` facet: one readable name per publisher, from a page's site name, byline or URL.

Extraction (`plaintext`, `webpage`) finds what a page says about its publisher; this module
turns the many spellings of one outlet into its name in indexer/data/publishers.py, falls
back to the URL's host, and names the portal behind a bare "CTTĐT" credit.  Pure: no index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from indexer.data.publishers import CITIES, PORTAL_CREDITS, PUBLISHERS
from indexer.text import fold


def key(name: str) -> str:
    """A publisher's name compared without case, marks, spaces or punctuation.

    >>> key("TUOI TRE ONLINE") == key("Tuổi Trẻ Online"), key("Báo điện tử Dân Trí")
    (True, 'baodientudantri')
    """
    return re.sub(r"[\W_]", "", fold(name).lower())


_NAMES: dict[str, str] = {
    key(spelling): name for name, (hosts, spellings) in PUBLISHERS.items() for spelling in (name, *spellings)
}
_NAMES.update({key(h.split(".")[0]): name for name, (hosts, _) in PUBLISHERS.items() for h in hosts})
_HOSTS: dict[str, str] = {host: name for name, (hosts, _) in PUBLISHERS.items() for host in hosts}
_PORTALS = frozenset(key(c) for c in PORTAL_CREDITS)


def host(url: str | None) -> str | None:
    """The host of a URL without "www." and port, lower case; None for no usable URL.

    >>> host("https://WWW.BaoChinhPhu.vn:443/a.htm"), host("corpus/a.txt")
    ('baochinhphu.vn', None)
    """
    if not url or "://" not in url:
        return None
    try:
        name = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return name.removeprefix("www.") or None


def _by_host(name: str) -> str | None:
    """The publisher of a host or of any domain above it ("m.baochinhphu.vn")."""
    parts = name.split(".")
    for i in range(len(parts) - 1):
        found = _HOSTS.get(".".join(parts[i:]))
        if found:
            return found
    return None


def publisher(source: str | None, url: str | None = None, provinces: Sequence[str] = ()) -> str | None:
    """The readable publisher name for what extraction found, else the URL's host, else None.

    >>> publisher("TUOI TRE ONLINE"), publisher("baodautu"), publisher(None, "https://m.baochinhphu.vn/x")
    ('Báo Tuổi Trẻ', 'Báo Đầu tư', 'Báo Chính phủ')
    >>> publisher("Cổng thông tin điện tử", None, ["Yên Bái"]), publisher("Báo Tuyên Quang")
    ('Cổng TTĐT tỉnh Yên Bái', 'Báo Tuyên Quang')
    >>> publisher("vnexpress.net"), publisher(None, "https://example.org/a"), publisher(None)
    ('VnExpress', 'example.org', None)
    """
    name = " ".join((source or "").split())
    if name:
        found = _NAMES.get(key(name))
        if found:
            return found
        if key(name) in _PORTALS and provinces:
            unit = "Thành phố" if provinces[0] in CITIES else "tỉnh"
            return f"Cổng TTĐT {unit} {provinces[0]}"
        if "." in name and " " not in name:  # a site name that is a host
            return _by_host(name.lower().removeprefix("www.")) or name.lower()
        return name
    where = host(url)
    return (_by_host(where) or where) if where else None
