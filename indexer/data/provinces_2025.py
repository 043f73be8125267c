"""Where each of the 63 provinces went on 1 July 2025: the `province_2025` facet's data.

Source: Resolution 202/2025/QH15 of the National Assembly (12 June 2025, in force 1 July
2025) on rearranging provincial-level units, 63 → 34 (summarised in shared/VIETNAMESE-NOTES.md).
Each merged unit takes the name of its first-listed member.  Eleven units were left as they
were; Thừa Thiên Huế had already become Thành phố Huế on 1 January 2025 (Resolution
175/2024/QH15), so its 2025 name is "Huế".  Keys are the `province` facet's values
(indexer/data/places.py); values are official names without "tỉnh"/"thành phố".
"""

UNCHANGED: tuple[str, ...] = (
    "Hà Nội", "Cao Bằng", "Điện Biên", "Lai Châu", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh",
)

# 2025 unit → the 1 July 2025 members, the one whose name it keeps first.
MERGERS: dict[str, tuple[str, ...]] = {
    "Huế": ("Thừa Thiên Huế",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Hồ Chí Minh": ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}

# Old province → its 2025 unit, for all 63.
PROVINCE_2025: dict[str, str] = {
    **{name: name for name in UNCHANGED},
    **{old: new for new, members in MERGERS.items() for old in members},
}
