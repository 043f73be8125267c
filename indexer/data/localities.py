"""Foreign provinces and cities behind the `locality` facet: one canonical value, its variants.

Plain data read by indexer/facets/localities.py, for the partner countries of provincial diplomacy:
Korea (its 17 first-level units and a few cities and counties), Japan (the 47 prefectures and a
few cities), China (its 31 provincial units and a few border cities) and Laos (its 18 units).

Canonical values: Korean and Japanese places as the Vietnamese press writes them, in Revised
Romanization and Hepburn without macrons ("Gyeongsangbuk-do", "Mimasaka"); Chinese and Lao
places in their Vietnamese names ("Quảng Tây", "Luông Pha Băng"), as official usage writes
them.  Jeollabuk-do has been Jeonbuk State (Jeonbuk-teukbyeoljachido) since 2024-01-18 and
Gangwon-do Gangwon State since 2023-06-11; the value stays "Jeollabuk-do" / "Gangwon-do", the
names all the releases before those dates use, and the new names are variants.  A county is
its own value ("Imsil", not "Imsil-gun"); its province (the parent) is added beside it.

Variants are compared through `localities.key`: case, spaces, hyphens, apostrophes and
non-Vietnamese marks (ŏ, ŭ, ō) do not matter, Vietnamese marks do ("Sơn Đông" is Shandong,
"Sơn Động" a Vietnamese district).  Listed: older McCune–Reischauer forms (Kyongsangbuk-do,
Kyŏngsang-bukto, Chollanam-do), short forms (Gyeongbuk, Jeonnam), Vietnamese calques
("Bắc Gyeongsang"), pinyin for China, French-era and English spellings for Laos, and typos
seen in crawls when they are too short for the fuzzy rule ("Im-sin" for Imsil, seed 000).
"""

KOREA, JAPAN, CHINA, LAOS = "Hàn Quốc", "Nhật Bản", "Trung Quốc", "Lào"

# value → (country, parent value or None, variants)
LOCALITIES: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    # Korea: special and metropolitan cities, provinces
    "Seoul": (KOREA, None, ("Xơ-un", "Seoul Metropolitan City")),
    "Busan": (KOREA, None, ("Pusan",)),
    "Daegu": (KOREA, None, ("Taegu", "Tae-gu")),
    "Incheon": (KOREA, None, ("Inchon", "Inch'ŏn")),
    "Gwangju": (KOREA, None, ("Kwangju",)),
    "Daejeon": (KOREA, None, ("Taejon", "Taejŏn")),
    "Ulsan": (KOREA, None, ()),
    "Sejong": (KOREA, None, ("Sejong City",)),
    "Gyeonggi-do": (KOREA, None, ("Gyeonggi", "Kyonggi-do", "Kyŏnggi-do", "Kyonggi", "Kyunggi-do")),
    "Gangwon-do": (KOREA, None, ("Gangwon", "Kangwon-do", "Kangwŏn-do", "Gangwon State",
                                 "Gangwon-teukbyeoljachido")),
    "Chungcheongbuk-do": (KOREA, None, ("Chungcheongbuk", "Chungbuk", "North Chungcheong",
                                        "Bắc Chungcheong", "Chungcheong Bắc", "Chungchongbuk-do",
                                        "Ch'ungch'ŏng-bukto", "Chungchongbuk")),
    "Chungcheongnam-do": (KOREA, None, ("Chungcheongnam", "Chungnam", "South Chungcheong",
                                        "Nam Chungcheong", "Chungcheong Nam", "Chungchongnam-do",
                                        "Ch'ungch'ŏng-namdo", "Chungchongnam")),
    "Jeollabuk-do": (KOREA, None, ("Jeollabuk", "Jeonbuk", "Jeonbuk State", "Jeonbuk-teukbyeoljachido",
                                   "North Jeolla", "Bắc Jeolla", "Jeolla Bắc", "Chollabuk-do",
                                   "Chŏlla-pukto", "Chollabuk", "Jeonrabuk-do")),
    "Jeollanam-do": (KOREA, None, ("Jeollanam", "Jeonnam", "South Jeolla", "Nam Jeolla", "Jeolla Nam",
                                   "Chollanam-do", "Chŏlla-namdo", "Chollanam", "Jeonranam-do")),
    "Gyeongsangbuk-do": (KOREA, None, ("Gyeongsangbuk", "Gyeongbuk", "North Gyeongsang",
                                       "Bắc Gyeongsang", "Gyeongsang Bắc", "Kyongsangbuk-do",
                                       "Kyŏngsang-bukto", "Kyongsangbuk", "Kyeongsangbuk-do",
                                       "Kyungsangbuk-do", "Kyungbuk")),
    "Gyeongsangnam-do": (KOREA, None, ("Gyeongsangnam", "Gyeongnam", "South Gyeongsang",
                                       "Nam Gyeongsang", "Gyeongsang Nam", "Kyongsangnam-do",
                                       "Kyŏngsang-namdo", "Kyongsangnam", "Kyungsangnam-do", "Kyungnam")),
    "Jeju": (KOREA, None, ("Jeju-do", "Cheju", "Cheju-do", "Jeju Special Self-Governing Province",
                           "Jeju-teukbyeoljachido")),
    # Korea: cities and counties named in releases
    "Gyeongju": (KOREA, "Gyeongsangbuk-do", ("Kyongju", "Kyŏngju")),
    "Pohang": (KOREA, "Gyeongsangbuk-do", ()),
    "Andong": (KOREA, "Gyeongsangbuk-do", ()),
    "Gumi": (KOREA, "Gyeongsangbuk-do", ("Kumi",)),
    "Imsil": (KOREA, "Jeollabuk-do", ("Imsil-gun", "Imsil County", "Im-sin")),
    "Jeonju": (KOREA, "Jeollabuk-do", ("Chonju", "Chŏnju")),
    "Mokpo": (KOREA, "Jeollanam-do", ()),
    "Yeosu": (KOREA, "Jeollanam-do", ("Yosu",)),
    "Suwon": (KOREA, "Gyeonggi-do", ()),
    "Changwon": (KOREA, "Gyeongsangnam-do", ()),
    "Cheongju": (KOREA, "Chungcheongbuk-do", ("Chongju",)),
    "Chuncheon": (KOREA, "Gangwon-do", ("Chunchon",)),
    # Japan: the 47 prefectures (the capital cities of the same name are the same value)
    **{name: (JAPAN, None, (f"{name}-ken", f"{name} Prefecture", *extra)) for name, extra in {
        "Hokkaido": ("Hokkaidō",), "Aomori": (), "Iwate": (), "Miyagi": (), "Akita": (),
        "Yamagata": (), "Fukushima": (), "Ibaraki": (), "Tochigi": (), "Gunma": (), "Saitama": (),
        "Chiba": (), "Tokyo": ("Tōkyō", "Tokyo-to", "Tô-ky-ô"), "Kanagawa": (), "Niigata": (),
        "Toyama": (), "Ishikawa": (), "Fukui": (), "Yamanashi": (), "Nagano": (), "Gifu": (),
        "Shizuoka": (), "Aichi": (), "Mie": (), "Shiga": (), "Kyoto": ("Kyōto", "Kyoto-fu"),
        "Osaka": ("Ōsaka", "Osaka-fu", "Ô-xa-ca"), "Hyogo": ("Hyōgo",), "Nara": (), "Wakayama": (),
        "Tottori": (), "Shimane": (), "Okayama": (), "Hiroshima": (), "Yamaguchi": (),
        "Tokushima": (), "Kagawa": (), "Ehime": (), "Kochi": ("Kōchi",), "Fukuoka": (), "Saga": (),
        "Nagasaki": (), "Kumamoto": (), "Oita": ("Ōita",), "Miyazaki": (), "Kagoshima": (),
        "Okinawa": (),
    }.items()},
    # Japan: cities named in releases
    "Mimasaka": (JAPAN, "Okayama", ("Mimasaka-shi", "Mimasaka City")),
    "Yokohama": (JAPAN, "Kanagawa", ()),
    "Kawasaki": (JAPAN, "Kanagawa", ()),
    "Nagoya": (JAPAN, "Aichi", ()),
    "Kobe": (JAPAN, "Hyogo", ("Kōbe",)),
    "Sapporo": (JAPAN, "Hokkaido", ()),
    "Sendai": (JAPAN, "Miyagi", ()),
    "Kitakyushu": (JAPAN, "Fukuoka", ("Kitakyūshū",)),
    "Hamamatsu": (JAPAN, "Shizuoka", ()),
    # China: provinces, autonomous regions, municipalities
    "Quảng Tây": (CHINA, None, ("Guangxi",)),
    "Vân Nam": (CHINA, None, ("Yunnan",)),
    "Quảng Đông": (CHINA, None, ("Guangdong",)),
    "Hải Nam": (CHINA, None, ("Hainan",)),
    "Phúc Kiến": (CHINA, None, ("Fujian",)),
    "Hồ Nam": (CHINA, None, ("Hunan",)),
    "Hồ Bắc": (CHINA, None, ("Hubei",)),
    "Tứ Xuyên": (CHINA, None, ("Sichuan",)),
    "Quý Châu": (CHINA, None, ("Guizhou",)),
    "Chiết Giang": (CHINA, None, ("Zhejiang",)),
    "Giang Tô": (CHINA, None, ("Jiangsu",)),
    "Sơn Đông": (CHINA, None, ("Shandong",)),
    "An Huy": (CHINA, None, ("Anhui",)),
    "Giang Tây": (CHINA, None, ("Jiangxi",)),
    "Hà Nam": (CHINA, None, ("Henan",)),
    "Hà Bắc": (CHINA, None, ("Hebei",)),
    "Sơn Tây": (CHINA, None, ("Shanxi",)),
    "Thiểm Tây": (CHINA, None, ("Shaanxi",)),
    "Cam Túc": (CHINA, None, ("Gansu",)),
    "Thanh Hải": (CHINA, None, ("Qinghai",)),
    "Liêu Ninh": (CHINA, None, ("Liaoning",)),
    "Cát Lâm": (CHINA, None, ("Jilin",)),
    "Hắc Long Giang": (CHINA, None, ("Heilongjiang",)),
    "Nội Mông": (CHINA, None, ("Nội Mông Cổ", "Inner Mongolia", "Nei Mongol")),
    "Ninh Hạ": (CHINA, None, ("Ningxia",)),
    "Tân Cương": (CHINA, None, ("Xinjiang",)),
    "Tây Tạng": (CHINA, None, ("Tibet", "Xizang")),
    "Bắc Kinh": (CHINA, None, ("Beijing",)),
    "Thượng Hải": (CHINA, None, ("Shanghai",)),
    "Thiên Tân": (CHINA, None, ("Tianjin",)),
    "Trùng Khánh": (CHINA, None, ("Chongqing",)),
    # China: cities named in border cooperation
    "Nam Ninh": (CHINA, "Quảng Tây", ("Nanning",)),
    "Bằng Tường": (CHINA, "Quảng Tây", ("Pingxiang",)),
    "Đông Hưng": (CHINA, "Quảng Tây", ("Dongxing",)),
    "Côn Minh": (CHINA, "Vân Nam", ("Kunming",)),
    "Hà Khẩu": (CHINA, "Vân Nam", ("Hekou",)),
    "Hồng Hà": (CHINA, "Vân Nam", ("Honghe",)),
    "Quảng Châu": (CHINA, "Quảng Đông", ("Guangzhou",)),
    "Thâm Quyến": (CHINA, "Quảng Đông", ("Shenzhen",)),
    # Laos: the capital and the 17 provinces
    "Viêng Chăn": (LAOS, None, ("Vientiane", "Viêng-chăn", "Vientiane Capital")),
    "Luông Pha Băng": (LAOS, None, ("Luang Prabang", "Luangprabang", "Luông Prabang", "Luông Phạ Băng")),
    "Hủa Phăn": (LAOS, None, ("Houaphanh", "Houaphan", "Huaphan", "Hua Phăn")),
    "Xiêng Khoảng": (LAOS, None, ("Xiengkhouang", "Xieng Khouang", "Xiêng Khoáng")),
    "Phông Sa Lỳ": (LAOS, None, ("Phongsaly", "Phongsali", "Phong Sa Lỳ", "Phôngsalỳ")),
    "Luổng Nặm Thà": (LAOS, None, ("Luang Namtha", "Luangnamtha", "Luông Nậm Thà", "Luông Nặm Thà")),
    "U Đôm Xay": (LAOS, None, ("Oudomxay", "Oudomxai", "U Đôm Xai")),
    "Bò Kẹo": (LAOS, None, ("Bokeo", "Bo Kẹo")),
    "Xay Nha Bu Ly": (LAOS, None, ("Xayaboury", "Xayabouri", "Sainyabuli", "Xaignabouli", "Sayaboury",
                                   "Sayabouly")),
    "Bô Ly Khăm Xay": (LAOS, None, ("Bolikhamxay", "Bolikhamsai", "Bolikhamxai", "Bôlykhămxay")),
    "Khăm Muộn": (LAOS, None, ("Khammouane", "Khammuan", "Khăm Muồn")),
    "Sa Văn Na Khẹt": (LAOS, None, ("Savannakhet", "Xavannakhet", "Sa Van Na Khệt", "Savanakhet")),
    "Sa La Văn": (LAOS, None, ("Salavan", "Saravane", "Salavane")),
    "Sê Kông": (LAOS, None, ("Sekong", "Xê Kông")),
    "Chăm Pa Sắc": (LAOS, None, ("Champasak", "Champassak", "Chăm Pa Xắc", "Champasack")),
    "Ắt Tạ Pư": (LAOS, None, ("Attapeu", "Attapu", "Át Tạ Pơ")),
    "Xay Sổm Bun": (LAOS, None, ("Xaisomboun", "Saysomboun", "Xaysomboun")),
}

# Values that are also Vietnamese places, rivers or common personal names ("Nguyễn Thanh Hải",
# "Hải Nam", the town of Sơn Tây, the river Sê Kông): counted only when a unit word stands just
# before ("tỉnh Hà Nam") or their country just after ("Hà Nam (Trung Quốc)", "Hà Nam, Trung Quốc").
NEEDS_CONTEXT: frozenset[str] = frozenset({
    "Sejong", "Hải Nam", "Phúc Kiến", "Quý Châu", "An Huy", "Hà Nam", "Hà Bắc", "Sơn Tây",
    "Thanh Hải", "Cát Lâm", "Ninh Hạ", "Nam Ninh", "Đông Hưng", "Hà Khẩu", "Hồng Hà", "Sê Kông",
    "Saga", "Nara", "Mie", "Gifu",
})

# Words that name a unit just before a locality ("tỉnh Jeollanam", "thành phố Mimasaka").
UNIT_WORDS: tuple[str, ...] = (
    "tỉnh", "thành phố", "TP", "TP.", "khu tự trị", "huyện", "quận", "thị trấn", "châu", "đặc khu",
    "thủ đô", "đô thị", "tỉnh trưởng", "thị trưởng", "thống đốc",
)

# Capitals the press uses for their governments ("Bắc Kinh tuyên bố", "phản ứng của Seoul"):
# counted as the city only where the text places something in it ("tại Bắc Kinh", "thăm Seoul";
# not "đến", "từ": "thông điệp gửi đến Bắc Kinh" is to its government).
CAPITALS: frozenset[str] = frozenset({"Seoul", "Tokyo", "Bắc Kinh", "Viêng Chăn"})
IN_PLACE_BEFORE: tuple[str, ...] = (
    "tại", "ở", "thăm", "khắp", "quanh", "ngoại ô", "trung tâm", "đường phố", "thủ đô", "thành phố",
)

# What a place name qualifies when it is not a place: dishes, drinks and breeds ("dăm bông Hồ
# Nam", "chó ngao Tây Tạng", "trà Vân Nam"), styles ("kiểu Tokyo"), ships named after a province
# ("tàu sân bay Liêu Ninh", "chiến hạm Sơn Đông"), a person's epithet ("người đẹp Tân Cương").
NOT_AFTER: tuple[str, ...] = (
    "dăm bông", "giăm bông", "chó", "chó ngao", "mèo", "trà", "rượu", "món", "lẩu", "mì", "bánh",
    "vịt", "gà", "bò", "lợn", "giống", "kiểu", "phong cách", "ẩm thực",
    "tàu", "tàu sân bay", "hàng không mẫu hạm", "chiến hạm", "tàu chiến", "tàu khu trục", "khu trục hạm",
    "tàu ngầm", "tuần dương hạm", "người đẹp", "mỹ nhân", "nàng", "chàng",
)
