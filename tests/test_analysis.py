from indexer.analysis.analyzers import (
    folded_syllable_analyzer,
    segment,
    syllable_analyzer,
    syllables,
    word_analyzer,
    words,
)


def test_segmentation_joins_the_syllables_of_words():
    assert segment("Thỏa thuận hợp tác với Hàn Quốc") == "Thoả_thuận hợp_tác với Hàn_Quốc"


def test_tone_placement_is_moved_to_pyvis_style_before_segmenting():
    # pyvi's dictionary knows "hoà bình" but not "hòa bình"
    assert segment("hòa bình") == segment("hoà bình") == "hoà_bình"


def test_syllables_of_segmented_and_plain_text_are_the_same():
    analyzer = syllable_analyzer()
    assert [t.text for t in analyzer("Hàn_Quốc")] == [t.text for t in analyzer("HÀN QUỐC")] == ["hàn", "quốc"]


def test_the_word_field_keeps_only_multi_syllable_words():
    assert [t.text for t in word_analyzer()("Thoả_thuận với Hàn_Quốc")] == ["thoả_thuận", "hàn_quốc"]


def test_folded_syllables_reach_text_typed_without_marks():
    assert [t.text for t in folded_syllable_analyzer()("Thỏa thuận Đà Nẵng")] == [
        "thoa",
        "thuan",
        "da",
        "nang",
    ]


def test_names_split_at_hyphens_and_dots():
    assert syllables("Gyeongsangbuk-do, TP.HCM") == ["gyeongsangbuk", "do", "tp", "hcm"]
    assert words("Gyeongsangbuk - do") == ["gyeongsangbuk", "do"]


def test_tokens_carry_character_offsets_into_the_original_text():
    text = "Đà Nẵng"
    tokens = folded_syllable_analyzer()(text, chars=True)  # Whoosh reuses one Token object
    assert [text[t.startchar : t.endchar] for t in tokens] == ["Đà", "Nẵng"]


def test_positions_leave_a_gap_at_each_break_as_the_whoosh_tokenizer_does():
    from hypothesis import given
    from hypothesis import strategies as st

    from indexer.analysis.analyzers import numbered, positioned
    from indexer.text import normalize

    assert positioned("Hà. Nội dung\nmới;\n TP.HCM 12.5") == (
        ["hà", "nội", "dung", "mới", "tp", "hcm", "12", "5"],
        [0, 2, 3, 5, 7, 8, 9, 10],
    )

    @given(st.text(alphabet="aà Ọ_b.!?…;\n\t\u00a0-5", max_size=40))
    def agrees(text):
        expected = [(normalize(m.group(0)), p) for p, m in numbered(text)]
        tokens, positions = positioned(text)
        assert list(zip(tokens, positions, strict=True)) == expected

    agrees()
