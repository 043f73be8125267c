"""The timeline above the results: a search's `timeline` laid out as an inline SVG bar chart.

Everything the template draws is computed here, as plain numbers and strings (the page only
displays): each bar's box, its count written above it (so the chart reads without colour, or
without seeing the bars' heights), its period under the axis, and the link that sets the
search's range to that period.  An empty period is a bar of no height and no link.  The same
rows, as a table, are the chart's text alternative.
"""

from __future__ import annotations

from indexer.search.run import SearchRequest
from webui.links import search_url

BAR, GAP, PLOT, TOP, BOTTOM = 26, 6, 90, 16, 30  # pixels in the viewBox: bar, gap, bars' height, margins


def period_label(period: str) -> str:
    """A period as the page writes it: "4/2023" for a month, "2023" for a year.

    >>> period_label("2023-04"), period_label("2023")
    ('4/2023', '2023')
    """
    year, _, month = period.partition("-")
    return f"{int(month)}/{year}" if month else year


def timeline_chart(request: SearchRequest, timeline: list[dict], total: int) -> dict[str, object] | None:
    """The chart's geometry, labels and links, and how many of the `total` hits it cannot show
    (no date known, or only a year on a monthly chart); None when there is nothing to draw."""
    if not timeline or not any(bar["count"] for bar in timeline):
        return None
    monthly = "-" in timeline[0]["period"]
    highest = max(bar["count"] for bar in timeline)
    bars = []
    for number, bar in enumerate(timeline):
        period, count = bar["period"], bar["count"]
        height = max(3, round(PLOT * count / highest)) if count else 0  # a count of 1 stays visible
        x = GAP + number * (BAR + GAP)
        year, _, month = period.partition("-")
        bars.append(
            {
                "period": period,
                "count": count,
                "label": period_label(period),
                "x": x,
                "y": TOP + PLOT - height,
                "width": BAR,
                "height": height,
                "middle": x + BAR / 2,
                "tick": f"T{int(month)}" if monthly else year,  # under the bar
                "year": year if monthly and (number == 0 or month == "01") else "",  # under the tick
                "url": search_url(request, **{"from": period, "to": period, "page": None}) if count else None,
            }
        )
    unit = "tháng" if monthly else "năm"
    return {
        "unit": unit,
        "bars": bars,
        "width": GAP + len(bars) * (BAR + GAP),
        "height": TOP + PLOT + BOTTOM,
        "baseline": TOP + PLOT,
        "title": f"Số tin theo {unit}, từ {bars[0]['label']} đến {bars[-1]['label']}",
        "outside": total - sum(bar["count"] for bar in timeline),
    }
