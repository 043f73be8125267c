"""Pull the article out of a news page: headline, body text, canonical URL, publisher, raw dates.

The body comes from beautifulsoup4 rules: drop scripts, forms, nav/footer/aside; take the element
whose <p> children hold the most unlinked prose; remove chrome-classed parts and all-link lists
from it; put the sapo (lead) first.  Compared with trafilatura 2.3 (bare_extraction, no comments)
on the nine article pages of shared/html (CPU ms, best of 15; both got every headline and the
body's last paragraph):

    page            trafilatura: lead, chrome leaked, ms     bs4 rules: lead, leaked, ms
    baochinhphu     no   "Tải ứng dụng", masthead   41       yes  -  48
    baodautu        no   related-news titles        23       yes  -  33
    cafef / _bds    yes  -                          29 / 26  yes  -  40 / 40
    dantri          yes  -                          31       yes  -  63
    nld / tuoitre   no   -                          34 / 64  yes  -  72 / 110
    vietnamnet/vnex no   -                          57 / 18  yes  -  60 / 28

trafilatura is ~1.5x faster (36 vs 55 ms a page) but loses the sapo on 6 of 9 pages (printed as
<h2 class="sapo"> outside the body) and leaks chrome on 2, so the rules are kept: no new
dependency.  Every pass is linear in the page, so deeply nested garbage cannot hang the indexer.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import warnings
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning

from indexer.documents import Extracted
from indexer.text import fold, nfc

# Elements that never hold article prose.  Not <form>: ASP.NET portals wrap whole pages in one.
_DROP_TAGS = (
    "script style noscript template iframe svg canvas button input select textarea "
    "nav footer aside header menu dialog video audio head"
).split()
# class / id / type / role words of site chrome, as whole words or as parts of compounds
# ("box-relation", "RelatedOneNews", "tinlienquan"); "relat" alone would hit Tailwind's "relative".
_W = r"(?:^|[\s_-]){}(?:$|[\s_-])"
_CHROME = re.compile(
    r"menu|navbar|navigation|footer|header|comment|login|register|signin|signup|breadcrumb|"
    r"related|relation|lienquan|xemthem|readmore|read-more|see-more|share|social|sharing|"
    r"advert|banner|quangcao|sidebar|popup|modal|newsletter|subscribe|most-?view|trending|"
    r"author|copyright|print|rating|vote|poll|cookie|contentinfo|keyword|" + _W.format("(?:nav|tags?|ads?)"),
    re.I,
)
_SAPO = re.compile(r"sapo|description|summary|chapeau|excerpt|" + _W.format("(?:lead|intro)"), re.I)
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th thead tbody tfoot caption blockquote "
    "figure figcaption section article main pre address center details summary".split()
)
_DATE_META = (  # after article:published_time, JSON-LD and <time>
    "og:published_time article:published pubdate publishdate publish-date publish_date datepublished "
    "date dc.date dc.date.issued dcterms.date dcterms.created sailthru.date parsely-pub-date"
).split()
_DATE_CLASS = re.compile(r"(?:post|publish|detail|article|news)[-_]?(?:time|date)|^(?:time|date)$", re.I)
_DMY = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?:[ ,-]+\d{1,2}[:h]\d\d)?")
_BYLINE = re.compile(  # a weekday, then the date (and time): how Vietnamese sites print the byline
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*[,\-–—]?\s*(?:ngày\s+)?"
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_JSON_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_SPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys([*range(9), 11, 12, *range(14, 32), 127, 0xAD, 0x200B, 0x200C, 0x200D, 0xFEFF])
_FEW = 10  # per-element lookups (h1s, date spans, sapo candidates) stop here: bounded work


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Headline, body, canonical URL, publisher and raw date strings of one news page.

    Broken markup is not an error: whatever cannot be found is left empty, and the caller
    rejects a page whose text is empty.
    """
    try:
        soup = _parse(html)
        meta = _metas(soup)
        ld = _json_ld(soup)
        page_url = _canonical(soup, meta, url)
        site = meta.get("og:site_name") or _publisher(ld) or _host(page_url)
        title = _title(soup, meta, site, page_url)
        dates = _dates(soup, meta, ld)
        text = _body(soup, meta)
    except (RecursionError, ValueError):  # nested past Python's stack, or markup lxml refuses
        return Extracted(title="", text="", url=url)
    source = _clean(site or "") or None
    section = _clean(meta.get("article:section") or "")[:80] or None
    return Extracted(title=title, text=text, url=page_url, source=source, meta_dates=dates, category=section)


def _parse(html: str) -> BeautifulSoup:
    """lxml through bs4, silencing the XML-prolog and looks-like-a-URL warnings pytest turns into errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html or "", "lxml")


def _clean(text: str) -> str:
    """Display text: NFC, entities (even double-escaped) decoded, control/zero-width chars gone."""
    return _SPACE.sub(" ", nfc(htmllib.unescape(text)).translate(_INVISIBLE)).strip()


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """First non-empty content of each <meta property|name|itemprop>, keys lower-cased."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld(soup: BeautifulSoup) -> list[dict | str]:
    """Every JSON-LD object, lists and @graph flattened; an unparsable block is kept as its raw text."""
    out: list[dict | str] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = script.get_text()
        try:
            stack = [json.loads(raw, strict=False)]
        except (ValueError, RecursionError):  # malformed, or nested deeper than json can recurse
            out.append(raw)
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return out


def _publisher(ld: list[dict | str]) -> str | None:
    """JSON-LD publisher.name, following an {"@id": ...} reference; URLs some CMSs put there are skipped."""
    by_id = {item["@id"]: item for item in ld if isinstance(item, dict) and isinstance(item.get("@id"), str)}
    for item in ld:
        publisher = item.get("publisher") if isinstance(item, dict) else None
        publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
        if isinstance(publisher, dict):
            publisher = by_id.get(publisher.get("@id"), publisher) if "name" not in publisher else publisher
            name = publisher.get("name")
            if isinstance(name, str) and name.strip() and "://" not in name:
                return name
    return None


def _host(url: str | None) -> str | None:
    """The host of a page URL ("vnexpress.net"): the publisher of last resort."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # "http://[oops"
        return None
    return host.removeprefix("www.") if host else None


def _canonical(soup: BeautifulSoup, meta: dict[str, str], url: str | None) -> str | None:
    """<link rel=canonical>, else og:url, else the URL we were given; relative ones resolved against it."""
    link = soup.find("link", rel="canonical", href=True)
    for candidate in (link.get("href") if link else None, meta.get("og:url")):
        if isinstance(candidate, str) and candidate.strip():
            try:
                return urljoin(url or "", candidate.strip())
            except ValueError:  # an unparsable base or href: keep the href as written
                return candidate.strip()
    return url


def _title(soup: BeautifulSoup, meta: dict[str, str], site: str | None, page_url: str | None) -> str:
    """The h1 agreeing with og:title or <title> (not a logo h1), else og:title, else <title>."""
    og = _clean(meta.get("og:title") or meta.get("twitter:title") or "")
    page_title = _strip_site(_clean(soup.title.get_text()) if soup.title else "", site, page_url)
    h1s = [text for h1 in soup.find_all("h1", limit=_FEW) if (text := _clean(h1.get_text(" ")))]
    reference = og or page_title
    for text in h1s:
        if not reference or _overlap(text, reference) >= 0.5:
            return text
    return og or page_title or (h1s[0] if h1s else "")


def _overlap(a: str, b: str) -> float:
    """Share of the shorter title's words found in the other, diacritics and case ignored."""
    wa, wb = set(fold(a).lower().split()), set(fold(b).lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _strip_site(title: str, site: str | None, page_url: str | None) -> str:
    """Drop a trailing " - Tuổi Trẻ Online" / " | Báo Dân trí" naming the site (host or site name)."""
    marks = {fold(x).lower().replace(" ", "").split(".")[0] for x in (site, _host(page_url)) if x}
    marks = {mark for mark in marks if len(mark) >= 3}
    for sep in (" | ", " - ", " – ", " — "):
        head, found, tail = title.rpartition(sep)
        squashed = fold(tail).lower().replace(" ", "")
        if found and head and any(mark in squashed for mark in marks):
            return head.strip()
    return title


def _dates(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict | str]) -> tuple[str, ...]:
    """Raw publication-date strings, most trustworthy first, without duplicates; parsing is not our job."""
    found = [meta.get("article:published_time", "")]
    for item in ld:
        if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
            found.append(item["datePublished"])
        elif isinstance(item, str):
            found.extend(_JSON_DATE.findall(item))
    found += [tag.get("datetime") for tag in soup.find_all("time", datetime=True, limit=_FEW)]
    for tag in soup.find_all(itemprop=re.compile(r"^datePublished$", re.I), limit=_FEW):  # microdata
        found.append(tag.get("content") or tag.get("datetime") or tag.get_text(" "))
    found += [meta.get(key, "") for key in _DATE_META]
    for tag in soup.find_all(class_=_DATE_CLASS, limit=_FEW):  # "<span class=post-time> - 07/03/2026 08:47"
        if match := _DMY.search(tag.get_text(" ")):
            found.append(match.group())
    for text in soup.find_all(string=_BYLINE, limit=_FEW):  # "Thứ Hai, 12/05/2025 14:30", in any element
        if match := _BYLINE.search(text):
            found.append(match.group("date"))
    return tuple(dict.fromkeys(d.strip() for d in found if isinstance(d, str) and d.strip()))


def _body(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    """Lead plus the paragraphs of the element holding most prose; chrome inside it removed."""
    lead = _lead(soup, meta)
    for tag in soup.find_all(_DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    container = _best_container(soup)
    for tag in container.find_all(_is_chrome):
        if not tag.decomposed:
            tag.decompose()
    paragraphs = _paragraphs(container)
    if lead and not any(lead[:60] in p for p in paragraphs):
        paragraphs.insert(0, lead)
    return "\n\n".join(paragraphs)


def _is_chrome(tag: Tag) -> bool:
    """An element whose class, id, type or role names a menu, footer, share bar, related-news box..."""
    if not tag.attrs:
        return False
    names = " ".join([*(tag.get("class") or []), *(str(tag.get(a) or "") for a in ("id", "type", "role"))])
    return bool(_CHROME.search(names)) and not _SAPO.search(names)


def _lead(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    """The sapo: an element classed like one (preferably repeating the meta description), else
    the block repeating the meta description (dantri prints it in an unclassed <h2>)."""
    desc = _clean(meta.get("og:description") or meta.get("description") or "")
    tags = soup.find_all(class_=_SAPO, limit=_FEW)  # a lead is a paragraph, not a whole page
    candidates = [text for tag in tags if 40 <= len(text := _clean(tag.get_text(" "))) <= 1500]
    for text in candidates:
        if not desc or _overlap(text, desc) >= 0.6:
            return text
    if len(desc) >= 40:
        probe = desc[len(desc) // 3:][:30]
        node = soup.find(string=lambda s: s.parent.name in _BLOCK and probe in _clean(s))
        if node is not None:
            text = _clean(node.parent.get_text(" "))
            if len(text) < 2 * len(desc):
                return text
    return candidates[0] if candidates else ""


def _best_container(soup: BeautifulSoup) -> Tag:
    """The element whose paragraphs carry the most unlinked text (parents score it, grandparents half);
    a paragraph is a <p>, or a <div>/<td> with text of its own (older CMSs separate lines with <br>)."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for p in soup.find_all(("p", "div", "td")):
        if p.name == "p":
            text = _clean(p.get_text(" "))
            linked = sum(len(a.get_text()) for a in p.find_all("a"))
        else:
            text, linked = _clean(" ".join(p.find_all(string=True, recursive=False))), 0
        if len(text) < 25 or linked > len(text) / 2:
            continue
        for parent, weight in ((p.parent, 1.0), (p.parent.parent if p.parent else None, 0.5)):
            if isinstance(parent, Tag) and parent.name not in ("html", "[document]"):
                scores[id(parent)] = scores.get(id(parent), 0.0) + weight * len(text)
                tags[id(parent)] = parent
    if scores:
        return tags[max(scores, key=scores.__getitem__)]
    return soup.body or soup


def _paragraphs(container: Tag) -> list[str]:
    """The container's text cut at block elements and <br>, one string per paragraph.

    One iterative walk that carries each node's block and whether it sits inside a link, so that
    all-link paragraphs (related-news lists, "TIN MỚI" labels) are dropped in linear time.
    """
    paragraphs: list[str] = []
    pieces: list[str] = []
    linked = 0

    def flush() -> None:
        nonlocal linked
        text = _clean("".join(pieces))
        if text and linked < 0.9 * len(text.replace(" ", "")):
            paragraphs.append(text)
        pieces.clear()
        linked = 0

    current: object = None
    stack: list[tuple[object, object, bool]] = [(n, container, False) for n in reversed(container.contents)]
    while stack:
        node, block, in_link = stack.pop()
        if isinstance(node, Tag):
            if node.name == "br":
                flush()
                continue
            inner = node if node.name in _BLOCK else block
            stack.extend((child, inner, in_link or node.name == "a") for child in reversed(node.contents))
        elif type(node) is NavigableString:  # not comments, CDATA or doctype
            if block is not current:
                flush()
                current = block
            piece = _SPACE.sub(" ", str(node))
            pieces.append(piece)
            linked += len(piece.replace(" ", "")) if in_link else 0
    flush()
    return paragraphs
