"""Who a document is: the key that makes two crawled copies one release, and its short id.

key: the page's URL when the crawl gives one (a JSONL `url`, a WARC record's target URI), so a
     re-fetch of a page is the same release; otherwise where it lies: the absolute path of its
     file, plus the record within it ("/crawls/a/feed.jsonl#17").  Keys never collide, since no
     two files share an absolute path.
id:  a hash of the key, short and URL-safe, so `/doc/<id>` links work whatever the file name
     holds (spaces, newlines, bytes that are not UTF-8) and survive a re-index.
"""

from __future__ import annotations

import base64
import hashlib
import os
from urllib.parse import urlsplit, urlunsplit

ID_BYTES = 10  # 80 bits: two ids of a million releases collide with odds of about 4e-13


def doc_id(key: str) -> str:
    """The id a document with this key is stored and linked under.

    >>> doc_id("https://example.vn/a"), len(doc_id("/crawl/001.txt"))
    ('l5auvczdcmzsjvjn', 16)
    """
    raw = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=ID_BYTES).digest()
    return base64.b32encode(raw).decode("ascii").lower()


def url_key(url: str | None) -> str | None:
    """A web address as one release's key: scheme and host lower-cased, the #fragment dropped;
    None for anything that is not an absolute http(s) address (those cannot name a release).

    >>> url_key("HTTPS://Example.VN/Tin/a?id=1#top"), url_key("javascript:alert(1)")
    ('https://example.vn/Tin/a?id=1', None)
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def printable(path: str | os.PathLike[str]) -> str:
    """A file path as text that can be stored, printed and compared: bytes that are not UTF-8
    become `\\xff` escapes (and a literal backslash is doubled, so no two paths meet).

    >>> printable(os.fsdecode(b"crawl/bad\\xff\\xfe.txt")), printable("a\\\\b.txt")
    ('crawl/bad\\\\xff\\\\xfe.txt', 'a\\\\\\\\b.txt')
    """
    raw = os.fsencode(path)
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def absolute(path: str | os.PathLike[str]) -> str:
    """A named crawl path as the absolute, symlink-free text that documents below it record."""
    return printable(os.path.realpath(path))


def below(file: str, roots: list[str]) -> bool:
    """Whether a document's file (as `absolute` gave it) lies at or under one of the roots.

    >>> below("/c/a/1.txt", ["/c/a"]), below("/c/ab/1.txt", ["/c/a"]), below("/c/a", ["/c/a"])
    (True, False, True)
    """
    return any(file == root or file.startswith(root.rstrip("/") + "/") for root in roots)
