"""Folding the compatibility characters of PDF text layers, and nothing else."""

from planner.domain.char_folding import fold_compatibility_characters


def test_kangxi_radicals_supplement_forms_and_full_width_digits_letters_are_folded():
    text, radicals, full_width = fold_compatibility_characters("⼀⼆⼗⼈⽇⽉⼯⾼ ⻔⺠⻓⻢⻅⻳ ２０２５ＡＢｃ")
    assert text == "一二十人日月工高 门民长马见龟 2025ABc"
    assert (radicals, full_width) == (14, 7)


def test_chinese_punctuation_and_other_full_width_forms_stay():
    source = "（一）坚持，推动；目标：“高质量”。《意见》〔２０２５〕１２号！？"
    text, radicals, full_width = fold_compatibility_characters(source)
    assert text == "（一）坚持，推动；目标：“高质量”。《意见》〔2025〕12号！？"
    assert (radicals, full_width) == (0, 6)


def test_ordinary_text_comes_back_unchanged_with_nothing_counted():
    source = "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见"
    assert fold_compatibility_characters(source) == (source, 0, 0)
