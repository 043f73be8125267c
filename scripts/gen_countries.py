"""Regenerate the COUNTRIES block of indexer/data/places.py from Babel's copy of CLDR.

Run once when Babel/CLDR is upgraded:  .venv/bin/python scripts/gen_countries.py
The indexer never imports Babel; it reads the committed table this script writes.

Which territories count as countries is not in CLDR, so the list below is the 193 member
states of the United Nations (un.org/en/about-us/member-states) plus the two observer
states (Holy See, State of Palestine), by ISO 3166-1 alpha-2 code, less Việt Nam itself.
Names are CLDR's Vietnamese display names with two documented edits (see OVERRIDES).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import babel
from babel import Locale
from babel.core import get_global

UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE
DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY
LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW
PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK
SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
""".split()
OBSERVERS = ["VA", "PS"]
HOME = "VN"  # Việt Nam is never a country facet value

# CLDR writes "Myanmar (Miến Điện)" (the gloss becomes an alias) and "Lãnh thổ Palestine"
# (the territory); Việt Nam recognises the State of Palestine and the press writes "Palestine".
OVERRIDES = {"MM": "Myanmar", "PS": "Palestine"}

PLACES = Path(__file__).resolve().parent.parent / "indexer" / "data" / "places.py"
BEGIN, END = "# BEGIN GENERATED COUNTRIES", "# END GENERATED COUNTRIES"


def country_names() -> dict[str, str]:
    """ISO code -> Vietnamese CLDR name, NFC, for the states listed above."""
    assert len(UN_MEMBERS) == 193, len(UN_MEMBERS)
    names = Locale("vi").territories
    codes = [c for c in UN_MEMBERS + OBSERVERS if c != HOME]
    return {c: unicodedata.normalize("NFC", OVERRIDES.get(c, names[c])) for c in sorted(codes)}


def render(names: dict[str, str]) -> str:
    version = f"Babel {babel.__version__}, CLDR {get_global('cldr')['version']}"
    lines = [BEGIN, f"# Written by scripts/gen_countries.py from {version}: Locale('vi').territories,",
             "# UN member and observer states less Việt Nam. Do not edit by hand.",
             f'CLDR_VERSION = "{version}"', "COUNTRIES: dict[str, str] = {"]
    lines += [f'    "{code}": "{name}",' for code, name in names.items()]
    lines += ["}", END]
    return "\n".join(lines)


def main() -> None:
    source = PLACES.read_text(encoding="utf-8")
    block = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    assert block.search(source), f"markers missing in {PLACES}"
    PLACES.write_text(block.sub(lambda _: render(country_names()), source), encoding="utf-8")
    print(f"wrote {len(country_names())} countries to {PLACES}")


if __name__ == "__main__":
    main()
