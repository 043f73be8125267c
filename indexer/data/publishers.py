"""Publishers behind the `source` facet: one readable name, the hosts and spellings that mean it.

Plain data read by indexer/extract/publishers.py.  Pages name their site in many ways ("TUOI TRE
ONLINE", "Báo điện tử Dân Trí", a bare "baodautu", or only a host); a facet needs one value
per outlet.  Names are compared through `publishers.key` (case, marks, spaces and
punctuation do not matter).  Hosts match with or without "www." and any subdomain.  An
outlet or portal missing here keeps the name its page or byline gives, else its host.
"""

# name → (hosts, other spellings)
PUBLISHERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "TTXVN": (("vnanet.vn", "vnagency.com.vn"), ("Thông tấn xã Việt Nam", "VNA")),
    "Báo Tin tức": (("baotintuc.vn",), ("Tin tức", "Báo Tin tức TTXVN")),
    "Báo Chính phủ": (("baochinhphu.vn", "chinhphu.vn"), ("Báo điện tử Chính phủ", "VGP News", "VGP")),
    "Báo Nhân Dân": (("nhandan.vn", "nhandan.com.vn"), ("Nhân Dân", "Báo Nhân dân điện tử")),
    "Báo Quân đội nhân dân": (("qdnd.vn",), ("Quân đội nhân dân", "QĐND")),
    "Báo Công an nhân dân": (("cand.com.vn",), ("Công an nhân dân", "CAND")),
    "VOV": (("vov.vn",), ("Đài Tiếng nói Việt Nam", "VOV Online", "Báo điện tử VOV")),
    "VTV": (("vtv.vn",), ("Đài Truyền hình Việt Nam", "VTV News", "Báo điện tử VTV")),
    "Báo Đầu tư": (("baodautu.vn",), ("Báo Đầu tư Online", "Đầu tư")),
    "CafeF": (("cafef.vn",), ()),
    "Báo Dân trí": (("dantri.com.vn",), ("Báo điện tử Dân Trí", "Dân trí")),
    "Báo Người Lao Động": (("nld.com.vn",), ("Báo Người Lao Động Online", "Người Lao Động", "NLĐ")),
    "Báo Lao Động": (("laodong.vn",), ("Lao Động", "Báo Lao Động điện tử")),
    "Báo Tuổi Trẻ": (("tuoitre.vn",), ("Tuổi Trẻ", "Tuổi Trẻ Online", "TTO")),
    "Báo Thanh Niên": (("thanhnien.vn",), ("Thanh Niên", "Thanh Niên Online")),
    "Báo Tiền Phong": (("tienphong.vn",), ("Tiền Phong",)),
    "Báo Sài Gòn Giải Phóng": (("sggp.org.vn",), ("Sài Gòn Giải Phóng", "SGGP")),
    "Báo Hà Nội Mới": (("hanoimoi.vn", "hanoimoi.com.vn"), ("Hà Nội Mới",)),
    "VietNamNet": (("vietnamnet.vn",), ("VietNamNet News", "Báo VietNamNet")),
    "VnExpress": (("vnexpress.net",), ("Báo điện tử VnExpress", "VnExpress.net")),
    "Znews": (("znews.vn", "zingnews.vn"), ("Zing News", "ZingNews")),
    "Báo Xây Dựng": (("baoxaydung.com.vn", "baoxaydung.vn"), ("Xây Dựng",)),
    "Báo Tuyên Quang": (("baotuyenquang.com.vn",), ()),
    "Báo Thái Nguyên": (("baothainguyen.vn",), ()),
    "Báo Yên Bái": (("baoyenbai.com.vn",), ()),
    "Báo Bình Phước": (("baobinhphuoc.com.vn",), ()),
    "Cổng TTĐT tỉnh Tuyên Quang": (("tuyenquang.gov.vn",), ()),
    "Cổng TTĐT tỉnh Thái Nguyên": (("thainguyen.gov.vn",), ()),
    "Cổng TTĐT tỉnh Bình Phước": (("binhphuoc.gov.vn",), ()),
    "Cổng TTĐT tỉnh Yên Bái": (("yenbai.gov.vn",), ()),
    "Cổng TTĐT Thành phố Hồ Chí Minh": (("hochiminhcity.gov.vn", "tphcm.gov.vn"), ()),
}

# Credits that name no outlet but "the portal this page is on": "CTTĐT - Sáng 21/11, ...".
# A provincial portal credits itself so, and its release is about its own province, so the
# credit becomes that province's portal ("Cổng TTĐT tỉnh Yên Bái") when the release names one.
PORTAL_CREDITS: tuple[str, ...] = ("Cổng thông tin điện tử", "Cổng TTĐT", "CTTĐT", "Cổng thông tin")

# Centrally-run cities among the 63: "thành phố", not "tỉnh".
CITIES: frozenset[str] = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"})
