"""Place names behind the `country` and `province` facets: values, the press's variants, traps.

Plain data read by indexer/facets/geography.py.  Every surface form is written with the capitals the
press gives it and starts with one: a capitalised syllable must be capitalised in the text too
("Hòa Bình" is the province, "hòa bình" is peace), a lower-case one may be either ("Cộng hòa Séc").
In a form, a space and a hyphen both match a space or a hyphen ("Bà Rịa-Vũng Tàu",
"Cam pu chia"), a dot matches a dot and any following space ("TP. HCM").  Tone placement does
not matter: facets.py compares both sides through `normalize_tones`.
"""

# BEGIN GENERATED COUNTRIES
# Written by scripts/gen_countries.py from Babel 2.18.0, CLDR 47: Locale('vi').territories,
# UN member and observer states less Việt Nam. Do not edit by hand.
CLDR_VERSION = "Babel 2.18.0, CLDR 47"
COUNTRIES: dict[str, str] = {
    "AD": "Andorra",
    "AE": "Các Tiểu Vương quốc Ả Rập Thống nhất",
    "AF": "Afghanistan",
    "AG": "Antigua và Barbuda",
    "AL": "Albania",
    "AM": "Armenia",
    "AO": "Angola",
    "AR": "Argentina",
    "AT": "Áo",
    "AU": "Australia",
    "AZ": "Azerbaijan",
    "BA": "Bosnia và Herzegovina",
    "BB": "Barbados",
    "BD": "Bangladesh",
    "BE": "Bỉ",
    "BF": "Burkina Faso",
    "BG": "Bulgaria",
    "BH": "Bahrain",
    "BI": "Burundi",
    "BJ": "Benin",
    "BN": "Brunei",
    "BO": "Bolivia",
    "BR": "Brazil",
    "BS": "Bahamas",
    "BT": "Bhutan",
    "BW": "Botswana",
    "BY": "Belarus",
    "BZ": "Belize",
    "CA": "Canada",
    "CD": "Congo - Kinshasa",
    "CF": "Cộng hòa Trung Phi",
    "CG": "Congo - Brazzaville",
    "CH": "Thụy Sĩ",
    "CI": "Côte d’Ivoire",
    "CL": "Chile",
    "CM": "Cameroon",
    "CN": "Trung Quốc",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "CU": "Cuba",
    "CV": "Cape Verde",
    "CY": "Síp",
    "CZ": "Séc",
    "DE": "Đức",
    "DJ": "Djibouti",
    "DK": "Đan Mạch",
    "DM": "Dominica",
    "DO": "Cộng hòa Dominica",
    "DZ": "Algeria",
    "EC": "Ecuador",
    "EE": "Estonia",
    "EG": "Ai Cập",
    "ER": "Eritrea",
    "ES": "Tây Ban Nha",
    "ET": "Ethiopia",
    "FI": "Phần Lan",
    "FJ": "Fiji",
    "FM": "Micronesia",
    "FR": "Pháp",
    "GA": "Gabon",
    "GB": "Vương quốc Anh",
    "GD": "Grenada",
    "GE": "Georgia",
    "GH": "Ghana",
    "GM": "Gambia",
    "GN": "Guinea",
    "GQ": "Guinea Xích Đạo",
    "GR": "Hy Lạp",
    "GT": "Guatemala",
    "GW": "Guinea-Bissau",
    "GY": "Guyana",
    "HN": "Honduras",
    "HR": "Croatia",
    "HT": "Haiti",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "Ấn Độ",
    "IQ": "Iraq",
    "IR": "Iran",
    "IS": "Iceland",
    "IT": "Italy",
    "JM": "Jamaica",
    "JO": "Jordan",
    "JP": "Nhật Bản",
    "KE": "Kenya",
    "KG": "Kyrgyzstan",
    "KH": "Campuchia",
    "KI": "Kiribati",
    "KM": "Comoros",
    "KN": "St. Kitts và Nevis",
    "KP": "Triều Tiên",
    "KR": "Hàn Quốc",
    "KW": "Kuwait",
    "KZ": "Kazakhstan",
    "LA": "Lào",
    "LB": "Li-băng",
    "LC": "St. Lucia",
    "LI": "Liechtenstein",
    "LK": "Sri Lanka",
    "LR": "Liberia",
    "LS": "Lesotho",
    "LT": "Litva",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "LY": "Libya",
    "MA": "Ma-rốc",
    "MC": "Monaco",
    "MD": "Moldova",
    "ME": "Montenegro",
    "MG": "Madagascar",
    "MH": "Quần đảo Marshall",
    "MK": "Bắc Macedonia",
    "ML": "Mali",
    "MM": "Myanmar",
    "MN": "Mông Cổ",
    "MR": "Mauritania",
    "MT": "Malta",
    "MU": "Mauritius",
    "MV": "Maldives",
    "MW": "Malawi",
    "MX": "Mexico",
    "MY": "Malaysia",
    "MZ": "Mozambique",
    "NA": "Namibia",
    "NE": "Niger",
    "NG": "Nigeria",
    "NI": "Nicaragua",
    "NL": "Hà Lan",
    "NO": "Na Uy",
    "NP": "Nepal",
    "NR": "Nauru",
    "NZ": "New Zealand",
    "OM": "Oman",
    "PA": "Panama",
    "PE": "Peru",
    "PG": "Papua New Guinea",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Ba Lan",
    "PS": "Palestine",
    "PT": "Bồ Đào Nha",
    "PW": "Palau",
    "PY": "Paraguay",
    "QA": "Qatar",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Nga",
    "RW": "Rwanda",
    "SA": "Ả Rập Xê-út",
    "SB": "Quần đảo Solomon",
    "SC": "Seychelles",
    "SD": "Sudan",
    "SE": "Thụy Điển",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "SL": "Sierra Leone",
    "SM": "San Marino",
    "SN": "Senegal",
    "SO": "Somalia",
    "SR": "Suriname",
    "SS": "Nam Sudan",
    "ST": "São Tomé và Príncipe",
    "SV": "El Salvador",
    "SY": "Syria",
    "SZ": "Eswatini",
    "TD": "Chad",
    "TG": "Togo",
    "TH": "Thái Lan",
    "TJ": "Tajikistan",
    "TL": "Timor-Leste",
    "TM": "Turkmenistan",
    "TN": "Tunisia",
    "TO": "Tonga",
    "TR": "Thổ Nhĩ Kỳ",
    "TT": "Trinidad và Tobago",
    "TV": "Tuvalu",
    "TZ": "Tanzania",
    "UA": "Ukraina",
    "UG": "Uganda",
    "US": "Hoa Kỳ",
    "UY": "Uruguay",
    "UZ": "Uzbekistan",
    "VA": "Thành Vatican",
    "VC": "St. Vincent và Grenadines",
    "VE": "Venezuela",
    "VU": "Vanuatu",
    "WS": "Samoa",
    "YE": "Yemen",
    "ZA": "Nam Phi",
    "ZM": "Zambia",
    "ZW": "Zimbabwe",
}
# END GENERATED COUNTRIES

# The press's other spellings of a country: older transliterations, short forms, full styles.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "Hoa Kỳ": ("Mỹ", "Hoa Kì", "Hợp chủng quốc Hoa Kỳ", "Hợp Chủng Quốc Hoa Kỳ", "Nhà Trắng",
               "Lầu Năm Góc", "xứ cờ hoa"),
    "Nhật Bản": ("Nhật", "Nhật bản", "Tokyo", "Tô-ky-ô", "xứ sở hoa anh đào", "đất nước mặt trời mọc"),
    "Hàn Quốc": ("Đại Hàn", "Đại Hàn Dân Quốc", "Nam Hàn", "Nam Triều Tiên", "Hàn", "Seoul", "Xơ-un",
                 "xứ kim chi", "xứ sở kim chi"),
    "Triều Tiên": ("Bắc Triều Tiên", "CHDCND Triều Tiên", "Cộng hòa dân chủ nhân dân Triều Tiên",
                   "Bình Nhưỡng", "Bắc Hàn"),
    "Trung Quốc": ("Trung Hoa", "CHND Trung Hoa", "Cộng hòa nhân dân Trung Hoa", "Bắc Kinh"),
    "Campuchia": ("Cam-pu-chia", "Căm-pu-chia", "Cam Bốt", "Vương quốc Campuchia", "Phnom Penh",
                  "Phnôm Pênh", "xứ chùa Tháp"),
    "Lào": ("CHDCND Lào", "Cộng hòa dân chủ nhân dân Lào", "Viêng Chăn"),
    "Thái Lan": ("Thái", "Vương quốc Thái Lan", "Bangkok", "Băng Cốc", "xứ chùa Vàng"),
    "Singapore": ("Xinh-ga-po", "Xingapo", "Singapo"),
    "Malaysia": ("Ma-lai-xi-a", "Malaixia", "Kuala Lumpur"),
    "Indonesia": ("In-đô-nê-xi-a", "Inđônêxia", "Indonexia", "Jakarta", "xứ vạn đảo"),
    "Philippines": ("Phi-líp-pin", "Phi-lip-pin", "Philippin", "Manila"),
    "Myanmar": ("Mi-an-ma", "Myanma", "Miến Điện"),
    "Brunei": ("Bru-nây", "Brunây"),
    "Timor-Leste": ("Đông Timor", "Timo Lét-xtê", "Ti-mo Lét-xtê"),
    "Ấn Độ": ("Ấn", "New Delhi", "Niu Đê-li"),
    "Nga": ("Liên bang Nga", "LB Nga", "Điện Kremlin", "Moskva", "Mát-xcơ-va", "Matxcơva",
            "xứ bạch dương"),
    "Đức": ("CHLB Đức", "Cộng hòa liên bang Đức"),
    "Pháp": ("Cộng hòa Pháp",),
    "Vương quốc Anh": ("Anh", "Anh quốc", "Anh Quốc", "Liên hiệp Anh", "Liên hiệp vương quốc Anh",
                       "xứ sở sương mù"),
    "Italy": ("Italia", "I-ta-li-a", "Ý"),
    "Áo": ("Cộng hòa Áo",),
    "Séc": ("CH Séc", "Cộng hòa Séc", "Czech", "CH Czech", "Cộng hòa Czech", "Czechia"),
    "Australia": ("Úc", "Ô-xtrây-li-a", "Ôxtrâylia", "Ốt-xtrây-li-a"),
    "New Zealand": ("Niu Di-lân", "Niu Dilân", "Niu-di-lân"),
    "Canada": ("Ca-na-đa", "Canađa"),
    "Mexico": ("Mê-hi-cô", "Mêhicô", "Mexicô"),
    "Brazil": ("Bra-xin", "Braxin", "Brasil"),
    "Argentina": ("Ác-hen-ti-na", "Achentina"),
    "Chile": ("Chi-lê", "Chilê"),
    "Peru": ("Pê-ru", "Pêru"),
    "Cuba": ("Cu Ba", "Cu-ba"),
    "Venezuela": ("Vê-nê-xu-ê-la", "Venezuala"),
    "Colombia": ("Cô-lôm-bi-a", "Côlômbia"),
    "Ukraina": ("U-crai-na", "Ucraina", "Ukraine", "Kiev", "Kyiv"),
    "Belarus": ("Bê-la-rút", "Belarút"),
    "Ba Lan": ("Cộng hòa Ba Lan",),
    "Hungary": ("Hung-ga-ri", "Hunggari", "Hungari"),
    "Romania": ("Ru-ma-ni", "Rumani", "Rumania", "Ru-ma-ni-a"),
    "Bulgaria": ("Bun-ga-ri", "Bungari", "Bun-ga-ri-a"),
    "Slovakia": ("Xlô-va-ki-a", "Xlôvakia"),
    "Serbia": ("Xéc-bi-a", "Xécbia"),
    "Litva": ("Lít-va", "Lithuania"),
    "Kazakhstan": ("Ca-dắc-xtan", "Cadắcxtan", "Kazakstan"),
    "Uzbekistan": ("U-dơ-bê-ki-xtan",),
    "Mông Cổ": ("Mongolia",),
    "Thổ Nhĩ Kỳ": ("Thổ Nhĩ Kì",),
    "Ả Rập Xê-út": ("A-rập Xê-út", "Ả-rập Xê-út", "Arab Saudi", "Saudi Arabia", "Ả Rập Saudi", "Saudi",
                    "Riyadh"),
    "Các Tiểu Vương quốc Ả Rập Thống nhất": ("UAE", "Các Tiểu vương quốc Ả-rập Thống nhất"),
    "Israel": ("I-xra-en", "Ixraen"),
    "Iran": ("I-ran", "Tehran", "Tê-hê-ran"),
    "Iraq": ("I-rắc", "Irắc"),
    "Kuwait": ("Cô-oét", "Côoét"),
        "Ai Cập": ("Ai-cập",),
    "Algeria": ("An-giê-ri", "Angiêri"),
    "Ma-rốc": ("Maroc", "Morocco"),
    "Mozambique": ("Mô-dăm-bích", "Môdămbích"),
    "Nigeria": ("Ni-giê-ri-a",),
    "Angola": ("Ăng-gô-la", "Ănggôla"),
    "Bangladesh": ("Băng-la-đét", "Bănglađét"),
    "Pakistan": ("Pa-ki-xtan", "Pakixtan"),
    "Sri Lanka": ("Xri Lan-ca", "Xri Lanca"),
    "Ireland": ("Ai-len", "Ailen", "Ai Len"),
    "Thành Vatican": ("Vatican", "Tòa thánh Vatican", "Tòa Thánh"),
    "Palestine": ("Pa-le-xtin", "Pa-lét-xtin", "Nhà nước Palestine"),
    "Hà Lan": ("Vương quốc Hà Lan",),
    "Tây Ban Nha": ("TBN",),
    "Bỉ": ("Vương quốc Bỉ",),
    "Thụy Sĩ": ("Thụy Sỹ",),
    "Cộng hòa Dominica": ("CH Dominica",),
    "Congo - Kinshasa": ("CHDC Congo", "Cộng hòa dân chủ Congo"),
    "Congo - Brazzaville": ("Cộng hòa Congo",),
}

# A capital or a seat of power stands for its government ("Bắc Kinh tuyên bố", "Điện Kremlin
# phản đối") and a story set in it is set in its country; a nickname the press uses ("xứ kim chi",
# "xứ sở hoa anh đào") names the country.  Only capitals no other sense or person shares: not
# Paris (Paris Hilton), Washington (a state, an actor) or London.

# Also words of another sense, or syllables of people's and places' names ("Nguyễn Đức Chung",
# "Mỹ Tho", "Thúy Nga"): counted only when neither word beside them is capitalised
# (save after a strong context such as "Đại sứ Đức Guido Hildner"), nor after a person's title.
COUNTRY_NAMELIKE = frozenset({
    "Đức", "Mỹ", "Nhật", "Nga", "Pháp", "Lào", "Úc", "Bỉ", "Séc", "Síp", "Trung Hoa",
    "Anh Quốc", "Chad", "Georgia", "Jordan", "Niger", "Mali",
})
# Too common as words to count without a safe context ("tại Anh", "(Anh)", "nước Thái").
COUNTRY_SAFE_ONLY = frozenset({"Anh", "Thái", "Ý", "Áo", "Ấn", "Tòa Thánh", "Hàn"})
# Country names the press also writes with their later syllables in lower case ("Tây Ban nha",
# "Hàn quốc"); two-syllable names only where the lower-case form is no phrase ("Ai cập nhật").
COUNTRY_LOWER_TAIL = ("Hàn Quốc", "Trung Quốc", "Thái Lan", "Ấn Độ", "Triều Tiên", "Hoa Kỳ", "Anh Quốc")
# Short forms that join another country's in a pair ("Việt - Hàn", "Nhật - Hàn", "Hàn - Nhật") or
# a short list ("Mỹ và Hàn", "Nhật, Hàn"): such a pair names both countries.
COUNTRY_PAIR_FORMS = ("Việt", "Nhật", "Hàn", "Trung", "Mỹ", "Triều", "Nga", "Pháp", "Lào", "Thái", "Anh", "Ý")

# The 63 provinces and centrally-run cities in force until 30 June 2025, as the General
# Statistics Office's list of administrative units writes them (Danh mục đơn vị hành chính
# Việt Nam, danhmuchanhchinh.gso.gov.vn, after Resolution 1211/2016/UBTVQH13's names), without
# "tỉnh"/"thành phố".  GSO places the tone on the first vowel: "Hòa", "Hóa".
PROVINCES: tuple[str, ...] = (
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu",
    "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ",
    "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
    "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
    "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh",
    "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre",
    "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang",
    "Sóc Trăng", "Bạc Liêu", "Cà Mau",
)

# Other spellings, and cities that name exactly one province.
PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "Hồ Chí Minh": ("TP.HCM", "TP HCM", "TPHCM", "HCMC", "Sài Gòn", "Ho Chi Minh City"),
    "Thừa Thiên Huế": ("Thừa Thiên", "TT-Huế", "Huế"),
    "Bà Rịa - Vũng Tàu": ("BR-VT", "BRVT", "Vũng Tàu", "Bà Rịa", "Côn Đảo"),
    "Đắk Lắk": ("Đăk Lăk", "Đắc Lắc", "Đắk Lắc", "Đăk Lắk", "Dak Lak", "Daklak", "Đắklắk",
                "Buôn Ma Thuột", "Buôn Mê Thuột"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Dak Nong", "Gia Nghĩa"),
    "Kon Tum": ("Kontum",),
    "Bắc Kạn": ("Bắc Cạn",),
    "Hà Nội": ("Hanoi",),
    "Khánh Hòa": ("Nha Trang", "Cam Ranh"),
    "Lâm Đồng": ("Đà Lạt", "Bảo Lộc"),
    "Quảng Ninh": ("Hạ Long", "Móng Cái", "Uông Bí"),
    "Lào Cai": ("Sa Pa", "Sapa"),
    "Kiên Giang": ("Phú Quốc", "Rạch Giá", "Hà Tiên"),
    "Bình Thuận": ("Phan Thiết", "Mũi Né"),
    "Gia Lai": ("Pleiku",),
    "Bình Định": ("Quy Nhơn", "Qui Nhơn"),
    "Quảng Nam": ("Hội An", "Tam Kỳ"),
    "Đồng Nai": ("Biên Hòa",),
    "Bình Dương": ("Thủ Dầu Một",),
    "Tiền Giang": ("Mỹ Tho",),
    "An Giang": ("Long Xuyên", "Châu Đốc"),
    "Điện Biên": ("Điện Biên Phủ",),
    "Quảng Bình": ("Đồng Hới", "Phong Nha"),
    "Ninh Thuận": ("Phan Rang",),
    "Hải Phòng": ("Đồ Sơn",),
}
# Nicknames the press uses ("xứ Nghệ", "đất Cảng"), and the urban
# districts of the five centrally-run cities written with "quận" (GSO's list of units), whose
# names alone are too common: "quận Hải Châu" is Đà Nẵng, "Hải Châu" alone may be a commune.
for _province, _forms in {
    "Nghệ An": ("xứ Nghệ", "thành Vinh"),
    "Thanh Hóa": ("xứ Thanh",),
    "Hải Phòng": ("đất Cảng", "thành phố Cảng", "quận Hồng Bàng", "quận Ngô Quyền",
                  "quận Lê Chân", "quận Hải An", "quận Kiến An", "quận Dương Kinh"),
    "Hà Nội": ("quận Ba Đình", "quận Hoàn Kiếm", "quận Hai Bà Trưng",
               "quận Đống Đa", "quận Tây Hồ", "quận Cầu Giấy", "quận Thanh Xuân", "quận Hoàng Mai",
               "quận Long Biên", "quận Nam Từ Liêm", "quận Bắc Từ Liêm", "quận Hà Đông"),
    "Hồ Chí Minh": ("quận Bình Thạnh", "quận Gò Vấp", "quận Phú Nhuận", "quận Tân Bình", "quận Tân Phú",
                    "quận Bình Tân", "quận Thủ Đức", "TP Thủ Đức", "TP. Thủ Đức", "thành phố Thủ Đức"),
    "Đà Nẵng": ("quận Hải Châu", "quận Thanh Khê", "quận Sơn Trà", "quận Ngũ Hành Sơn",
                "quận Liên Chiểu", "quận Cẩm Lệ"),
    "Cần Thơ": ("quận Ninh Kiều", "quận Bình Thủy", "quận Cái Răng", "quận Ô Môn", "quận Thốt Nốt"),
}.items():
    PROVINCE_ALIASES[_province] = PROVINCE_ALIASES.get(_province, ()) + _forms

# Football grounds, and the province each stands in: a match "trên sân Lạch Tray" is played in
# Hải Phòng.  The V-League 1 and national team grounds, from Wikipedia's "V.League 1" article
# (section "Stadiums and locations", https://en.wikipedia.org/wiki/V.League_1) and its season
# pages.  A name that alone is a common word or a ward ("Thống Nhất", "Hòa Xuân", "Vinh") is
# a ground only after "sân", "SVĐ" or "sân vận động".
GROUNDS: dict[str, str] = {
    "Lạch Tray": "Hải Phòng", "Thiên Trường": "Nam Định", "Hàng Đẫy": "Hà Nội", "Mỹ Đình": "Hà Nội",
    "Gò Đậu": "Bình Dương",
}
GROUNDS_AFTER_SAN: dict[str, str] = {
    "Thống Nhất": "Hồ Chí Minh", "Hòa Xuân": "Đà Nẵng", "Chi Lăng": "Đà Nẵng", "Cẩm Phả": "Quảng Ninh",
    "Việt Trì": "Phú Thọ", "Vinh": "Nghệ An", "Cao Lãnh": "Đồng Tháp", "Cửa Ông": "Quảng Ninh",
}
for _ground, _province in GROUNDS_AFTER_SAN.items():
    GROUNDS.update({f"{_san} {_ground}": _province for _san in ("sân", "SVĐ", "sân vận động")})
for _ground, _province in GROUNDS.items():
    PROVINCE_ALIASES[_province] = PROVINCE_ALIASES.get(_province, ()) + (_ground,)

# Provinces that are also common given names ("Chánh án Nguyễn Hòa Bình", "chị Hà Giang"):
# not counted after a capitalised name syllable or a person's title.
PROVINCE_NAMELIKE = frozenset({
    "Hòa Bình", "Thái Bình", "Hà Nam", "Long An", "Hà Giang", "Kiên Giang", "Hậu Giang",
    "Tiền Giang", "An Giang", "Hải Dương", "Bình Dương", "Phú Yên", "Ninh Bình", "Vĩnh Long",
    "Khánh Hòa", "Hưng Yên", "Bình Định", "Huế", "Thừa Thiên", "Sài Gòn", "Bà Rịa", "Hạ Long",
    "Phú Quốc", "Long Xuyên", "Tam Kỳ", "Hà Tiên",
})

# Phrases that contain a place name yet are not about that place: oceans, continents, words
# that begin a sentence ("Mỹ phẩm", "Nhật ký"), peace, places named after countries.  Matched
# like places (a capital where written), and thrown away.
STOP_PHRASES: tuple[str, ...] = (
    "Thái Bình Dương", "Ấn Độ Dương", "Châu Mỹ", "Bắc Mỹ", "Nam Mỹ", "Trung Mỹ", "Mỹ Latinh",
    "Mỹ La-tinh", "Mỹ Latin", "Châu Úc", "Châu Phi", "Chủ Nhật", "Cập Nhật", "Nhật ký", "Nhật báo",
    "Nhật thực", "Nhật trình", "Nhật dụng", "Mỹ phẩm", "Mỹ thuật", "Mỹ nghệ", "Mỹ nhân", "Mỹ mãn",
    "Mỹ quan", "Mỹ học", "Mỹ viện", "Mỹ vị", "Pháp luật", "Pháp lý", "Pháp chế", "Pháp nhân",
    "Pháp quyền", "Pháp lệnh", "Pháp sư", "Pháp y", "Pháp môn", "Pháp danh", "Pháp điển",
    "Pháp Luân", "Đức tin", "Đức tính", "Đức độ", "Đức hạnh", "Áo dài", "Ý kiến", "Ý nghĩa",
    "Đài Loan (Trung Quốc)", "Hồng Kông (Trung Quốc)", "Ma Cao (Trung Quốc)",
    "Hòa Bình thế giới", "Hòa Bình, hữu nghị", "Hòa Bình, hợp tác", "Hòa Bình và phát triển",
    "Hòa Bình, ổn định", "Nhà hát Hòa Bình", "Cung Hòa Bình", "Sài Gòn Giải Phóng",
    "Sài Gòn Tiếp Thị", "Sài Gòn Thương Tín", "Nội Mông Cổ", "viêm não Nhật Bản",
    "Hà Nội Mới", "Pháp Luật TP.HCM", "Pháp luật TP.HCM", "Sài Gòn - Hà Nội",
)

# Context words, lower case, read just before a candidate.  A currency in front makes the
# country a unit, not a topic ("80,6 tỷ đô la Mỹ", "yên Nhật", "bảng Anh"); "gió Lào" is a
# wind, "bán đảo Triều Tiên" the peninsula.
COUNTRY_NOT_AFTER = (
    "đô la", "đô-la", "đôla", "dollar", "usd", "yên", "đồng yên", "bảng", "won", "rúp", "franc",
    "baht", "kíp", "riel", "peso", "rupee", "ringgit", "euro", "nhân dân tệ", "châu", "gió",
    "bán đảo", "tiếng", "chó", "mèo", "giống", "dăm bông", "AS", "CLB", "câu lạc bộ",
    # a style named after a country is the style: "bánh mì kiểu Pháp", "nhu thuật Brazil"
    "kiểu", "phong cách", "món", "võ", "võ thuật", "nhu thuật",
)
# A road, river, commune or district of that name is not the province ("phố Huế" is in Hà Nội,
# "xã Hòa Bình" is in many provinces); "thành phố" and "thị xã" of that name are inside it.
PROVINCE_NOT_AFTER = (
    "xã", "phường", "thị trấn", "thôn", "ấp", "bản", "làng", "khu phố", "tổ", "khóm", "huyện",
    "quận", "đường", "phố", "ngõ", "hẻm", "sông", "kênh", "cầu", "chợ", "bến", "ga", "đèo", "núi",
    "hồ", "đại lộ", "công viên", "khách sạn", "số", "nền", "gìn giữ", "nobel", "ngã tư", "ngã ba",
    "ngã năm", "ngã sáu", "ngã bảy", "vòng xoay", "bùng binh", "nút giao", "giờ", "chứng khoán",
    "GDCK", "ngân hàng TMCP", "ngân hàng thương mại cổ phần",
    "biển kiểm soát", "BKS", "biển số",  # a vehicle's plate: where it is registered
    "đá quý",  # "Công ty Vàng bạc Đá quý Sài Gòn" quotes the gold price
)
# A bare "Hồ Chí Minh" is the President far more often than the city: the city needs one of these
# just before it ("TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh").
PROVINCE_NEEDS_CITY = frozenset({"Hồ Chí Minh"})
CITY_BEFORE = ("thành phố", "TP", "TP.")
# A province's homonym abroad: "Hà Nam (Trung Quốc)" is Henan.
PROVINCE_NOT_BEFORE = ("(Trung Quốc", ", Trung Quốc", "của Trung Quốc")
# Words before a province that make its name a football club's ("CLB Nam Định", "Becamex Bình
# Dương", "Than Quảng Ninh", "Hoàng Anh Gia Lai"), as V-League clubs have been named since 2000.
CLUB_BEFORE = (
    "CLB", "câu lạc bộ", "đội bóng", "Becamex", "Đồng Tâm", "Hoàng Anh", "SHB", "Than", "XM",
    "Xi măng", "Sông Lam", "Thép Xanh", "Hồng Lĩnh", "Đông Á", "Topenland",
)
# The same, in either case: a team and its players ("Cầu thủ Hải Phòng ghi bàn", "đội Thanh Hóa").
TEAM_BEFORE = ("đội", "cầu thủ", "thủ môn", "tiền đạo", "tiền vệ", "hậu vệ", "trung vệ", "ngoại binh")
# Words before a pair of names joined by a dash that make it a fixture, not a route: "trận Hải
# Phòng - Nam Định" (while "tuyến Hà Nội - Hải Phòng" is a road between two places).
FIXTURE_BEFORE = ("trận", "trận đấu", "derby", "cặp đấu", "màn so tài", "cuộc đối đầu")
# Words that mark a match report or a football column: where they are frequent, a province's bare
# name is its club ("Bình Dương hai lần vô địch", "bằng điểm với Thanh Hóa"), and the body names
# the place itself only after a place's cue (SPORTS_PLACE_BEFORE) or in parentheses.
SPORTS_WORDS = (
    "V-League", "V.League", "cầu thủ", "HLV", "ghi bàn", "bàn thắng", "đội bóng", "thủ môn",
    "tiền đạo", "tiền vệ", "hậu vệ", "trung vệ", "trọng tài", "vô địch", "sân cỏ", "bóng đá",
    "bóng chuyền", "hạng Nhất", "phạt đền", "việt vị", "ngoại binh", "đầu bảng", "vòng đấu",
    "đội khách", "chủ nhà", "hiệp một", "hiệp hai",
)
# The forms a club's name takes besides the province's own: "TP HCM thua 0-3", "đội bóng xứ Thanh".
# Grounds ("Hàng Đẫy", "Lạch Tray") and towns ("Pleiku") stay places in a sports text.
PROVINCE_CLUB_FORMS = frozenset({
    "TP.HCM", "TP HCM", "TPHCM", "Sài Gòn", "Huế", "TT-Huế", "BR-VT", "Vũng Tàu", "xứ Thanh",
    "xứ Nghệ", "đất Cảng", "thành Vinh",
})
SPORTS_MIN_WORDS, SPORTS_MIN_COUNT = 3, 6  # distinct words, and occurrences, that make a sports text
SPORTS_PLACE_BEFORE = (
    "tại", "ở", "đến", "tới", "về", "ra", "vào", "xuống", "sân", "sân vận động", "SVĐ", "nhà thi đấu",
    "sân bay", "khách sạn", "tỉnh", "thành phố", "TP", "TP.", "thị xã", "thủ đô", "địa bàn", "UBND", "HĐND",
    "Sở", "người dân",
)
# In a sports text, where a club's match is played (a ground, "sân Thanh Hóa", the home side:
# "chủ nhà Hà Tĩnh") makes the province one the report is about, unless the sentence is about
# a national team's match (its venue is a passing mention) or another round's: the next fixture
# ("sẽ", "vòng tới"), an earlier one ("mùa trước").
VENUE_ELSEWHERE = (
    "tuyển", "ĐT", "ĐTQG", "U23", "U22", "U21", "U20", "U19", "U17", "AFF", "ASEAN Cup", "SEA Games",
    "World Cup", "Asian Cup", "vòng loại", "sẽ", "vòng tới", "vòng sau", "trận tới", "trận sau",
    "mùa trước", "mùa giải trước", "năm ngoái", "trước đó",
)
# ... unless the road is in a city or town of that name, which lies inside the province.
PROVINCE_OK_AFTER = ("thành phố", "thị xã")
# A person's title: the next capitalised word is their name ("ông Đức", "chị Hà Giang").
PERSON_BEFORE = (
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "bé", "thầy", "cậu",
    "đồng chí", "đ/c", "vợ", "chồng", "con", "mẹ", "bố", "cha", "tên", "nàng", "chàng", "ca sĩ",
    "nghệ sĩ", "cầu thủ", "nhà văn", "nhà thơ", "tác giả", "sư", "thượng tọa", "hòa thượng", "bầu",
    "NSND", "NSƯT", "NS", "nhạc sĩ", "danh hài", "MC", "HLV", "TS", "ThS", "PGS", "GS", "BS", "LS",
    "thiếu úy", "trung úy", "thượng úy", "đại úy", "thiếu tá", "trung tá", "thượng tá", "đại tá",
    "thiếu tướng", "trung tướng", "thượng tướng", "đại tướng", "binh nhì", "binh nhất", "hạ sĩ",
    "trung sĩ", "thượng sĩ",
)
# Before which a country is surely meant, even next to a capitalised word ("Đại sứ Đức Guido").
COUNTRY_STRONG_BEFORE = (
    "nước", "đại sứ", "đại sứ quán", "tổng thống", "thủ tướng", "chính phủ", "quốc hội", "phía",
    "ngoại trưởng", "bộ trưởng", "quốc vương", "nhà vua", "hoàng gia", "nữ hoàng", "lãnh sự quán",
    "tổng lãnh sự", "quân đội", "đất nước", "xứ sở", "người dân", "doanh nghiệp", "nhà đầu tư",
    "ngoại giao", "tư pháp", "quốc phòng", "thượng viện", "hạ viện", "hải quân", "không quân",
    "hãng tin", "quân sự", "an ninh",
)
# Enough, with the strong words above, for a word like "Anh" or "Thái" to be a country.
COUNTRY_SAFE_BEFORE = (
    "tại", "sang", "ở", "đến", "tới", "từ", "các nước", "đội", "tuyển", "đội tuyển", "ĐT", "U23",
    "U22", "U21", "U20", "U19", "U17", "U16", "xứ", "phim", "nhạc", "làn sóng",
)
# Capitalised words that start sentences or name institutions, not people: "Tại Đức", "Báo Hà Nam".
FUNCTION_WORDS = (
    "tại", "với", "và", "của", "sang", "từ", "ở", "đến", "tới", "giữa", "cùng", "nước", "người",
    "phía", "cho", "về", "như", "là", "theo", "trong", "ngoài", "các", "những", "hai", "ba", "sau",
    "trước", "khi", "nhưng", "còn", "nếu", "hôm", "ngày", "tháng", "năm", "tuần", "đây", "đó", "ra",
    "tỉnh", "thành", "báo", "đài", "sở", "đoàn", "hội", "trường", "cục", "ban", "bộ", "đảng", "ủy",
    "uỷ", "viện", "phòng", "chi", "tổng", "trung", "tâm", "tin", "nguồn", "ảnh", "clip", "video",
)
