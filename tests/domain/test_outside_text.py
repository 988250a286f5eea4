"""Text from outside made safe for Word: no controls, paragraphs not hard wraps, one full stop."""

import pytest

from planner.domain.chinese_dates import chinese_date, with_chinese_dates
from planner.domain.outside_text import clean, one_line, paragraphs, sentence


def test_control_and_format_characters_are_removed_line_breaks_kept_and_the_ideographic_space_kept():
    assert clean("推进\x07区域\x1a协调\u200b发展\ufeff") == "推进区域协调发展"
    assert clean("甲\r\n乙\r丙\u2028丁") == "甲\n乙\n丙\n丁"
    assert clean("中共中央\u3000国务院\t关于\xa0意见") == "中共中央\u3000国务院 关于 意见"


def test_hard_wrapped_lines_are_joined_and_sentences_and_numbered_lines_start_paragraphs():
    text = "为深入贯彻落实《意见》精神，结合\n我省实际，制定本方案。\n（一）总体要求\n1.加强领导\n\n另起一段"
    assert paragraphs(text) == ["为深入贯彻落实《意见》精神，结合我省实际，制定本方案。", "（一）总体要求", "1.加强领导",
                                "另起一段"]
    assert one_line("完善\nPolicy\ntext") == "完善Policy text"
    assert paragraphs(" \n\x07\n") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("完善机制", "完善机制。"), ("完善机制。", "完善机制。"), ("完善机制。。", "完善机制。"), ("完善机制；", "完善机制。"),
    ("完善机制，", "完善机制。"), ("是否完善？", "是否完善？"), ("提高到3.5.", "提高到3.5。"), ("  ", ""),
    ("第一句\n第二句", "第一句第二句。"),
])
def test_a_sentence_ends_in_exactly_one_full_stop(text, expected):
    assert sentence(text) == expected


def test_dates_print_the_chinese_way_and_numeric_dates_in_text_are_rewritten():
    import datetime as dt

    assert chinese_date(dt.date(2026, 1, 7)) == "2026年1月7日"
    assert with_chinese_dates("2026-11-17前完成，2026/3/1启动，2026.12.31") == (
        "2026年11月17日前完成，2026年3月1日启动，2026年12月31日")
    assert with_chinese_dates("编号2026-13-40") == "编号2026-13-40"
