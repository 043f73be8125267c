import codecs

import pytest

from indexer.crawl.decode import declared_html_charset, decode
from indexer.errors import DecodeError
from tests.conftest import DATA

CRAWL = DATA / "crawl"


def test_windows_1258_text_is_detected_and_composed():
    text = decode((CRAWL / "legacy_cp1258.txt").read_bytes())
    assert text.startswith("Quảng Ninh đón đoàn doanh nghiệp Singapore")
    assert "khu kinh tế ven biển" in text


def test_a_page_declaring_windows_1258_is_read_in_that_charset():
    data = (CRAWL / "declared_cp1258.html").read_bytes()
    assert declared_html_charset(data) == "windows-1258"
    assert "Cần Thơ ký kết hợp tác với thành phố Thượng Hải" in decode(data, "windows-1258")


def test_utf16_with_a_bom_and_without_one():
    text = "Đà Nẵng mở đường bay thẳng tới Ấn Độ"
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-be")) == text


def test_mislabelled_utf8_beats_a_declared_legacy_charset():
    assert decode("Hàn Quốc".encode(), "windows-1258") == "Hàn Quốc"


def test_a_bom_wins_over_everything():
    assert decode(codecs.BOM_UTF8 + "Huế".encode(), "iso-8859-1") == "Huế"


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 100])
def test_binary_data_is_refused_with_a_reason(data):
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_a_declared_legacy_font_wins_over_bytes_that_only_happen_to_be_utf8():
    from indexer.crawl import legacy

    assert decode(legacy.to_tcvn3("ĩà"), "tcvn3") == "ĩà"  # DC B5: UTF-8 would read Syriac "ܵ"
    assert decode("Hàn Quốc".encode(), "tcvn3") == "Hàn Quốc"  # mislabelled UTF-8 stays UTF-8


def test_a_declared_windows_1258_is_not_overruled_by_a_font_guess():
    import unicodedata

    written = unicodedata.normalize("NFD", "bò").encode("cp1258")  # b, o, a combining grave
    assert decode(written, "windows-1258") == "bò"  # read as TCVN3 it was "bị"


def test_tcvn3_bytes_that_read_as_other_latin_in_utf8_are_read_as_declared():
    from indexer.crawl import legacy

    assert decode(legacy.to_tcvn3("ầô"), "tcvn3") == "ầô"  # C7 AB: UTF-8 would read "ǫ"
    assert decode(legacy.to_tcvn3("ậô"), "tcvn3") == "ậô"  # CB AB: UTF-8 would read "˫"
    assert decode("Ông Müller thăm Hàn Quốc".encode(), "tcvn3") == "Ông Müller thăm Hàn Quốc"


def test_a_declared_font_encoding_comes_before_guessing_one():
    from indexer.crawl import legacy

    assert decode(legacy.to_vni("ủ"), "vni") == "ủ"  # guessed as TCVN3, "uû" was "uỷ"


def test_a_declared_font_encoding_is_not_converted_twice():
    from indexer.crawl import legacy

    assert decode(legacy.to_tcvn3("bé"), "tcvn3") == "bé"  # "bé" again read as VNI was "bộ"
