"""Letter-spaced lines from PDFs set with expanded character spacing, decided line by line."""

import pytest

from planner.domain.letter_spacing import unspace_line, unspace_lines
from planner.domain.policy_text import parse_policy


@pytest.mark.parametrize(("line", "clean"), [
    ("一 、 总 体 要 求", "一、总体要求"),
    ("（ 一 ） 指 导 思 想 。 坚 持 稳 中 求 进 。", "（一）指导思想。坚持稳中求进。"),
    ("2 0 2 5 年 3 月 1 0 日", "2025年3月10日"),
    ("中 共 中 央  国 务 院", "中共中央 国务院"),  # a wider gap was a real space
    ("一  、  总  体  要  求", "一、总体要求"),  # an extractor that doubles the spacing
    ("中  共  中  央    国  务  院", "中共中央 国务院"),
])
def test_a_spaced_line_loses_its_layout_spaces(line, clean):
    assert unspace_line(line) == clean


@pytest.mark.parametrize("line", [
    "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见",
    "国务院 总理 新闻 政策 互动 服务",
    "— 3 —",
    "第 1 页 共 3 页",  # a page number as written, not letter-spaced text
    "为推进示范区建设，提出如下意见。",
])
def test_an_ordinary_line_keeps_its_spaces(line):
    assert unspace_line(line) == line


def test_the_number_of_changed_lines_is_counted():
    assert unspace_lines(["一 、 总 体 要 求", "（一）指导思想。"]) == (["一、总体要求", "（一）指导思想。"], 1)


def test_a_text_where_only_the_headings_are_spaced_keeps_its_chapters_and_says_so():
    text = ("关于测试的意见\n一 、 总 体 要 求\n（一）指导思想。坚持稳中求进。\n（二）主要目标。取得成效。\n"
            "二 、 重 点 任 务\n（ 三 ） 加快产业升级。完善产业链条。\n三 、保障措施\n（四）加强组织领导。明确分工。")
    document = parse_policy(text)
    assert [c.title for c in document.chapters] == ["总体要求", "重点任务", "保障措施"]
    assert [len(c.items) for c in document.chapters] == [2, 1, 1]
    assert document.items[2].text == "加快产业升级。完善产业链条。"
    assert any("字符间距" in warning for warning in document.warnings)


def test_a_text_whose_years_are_spaced_loses_the_spaces_beside_single_characters():
    lines = ["新华社北京 1 1 月 2 9 日电", "中共中央 国务院", "（二）主要目标。到 2 0 2 7 年，示范区建设取得",
             "— — 坚持市场主导与政府引导相结合。充分发挥", "某政办发〔2 0 2 5 〕1 2 号", "-  1 4  -"]

    assert unspace_lines(lines) == ([
        "新华社北京11月29日电", "中共中央 国务院", "（二）主要目标。到2027年，示范区建设取得",
        "——坚持市场主导与政府引导相结合。充分发挥", "某政办发〔2025〕12号", "- 14 -"], 5)


@pytest.mark.parametrize("lines", [
    ["（二）主要目标。到 2 0 2 7 年，示范区建设取得", "示范区数量（个） 5 10", "某省 A B 两区"],
    ["到2027年示范区数量 5 10", "产值 2025 年 100 2027 年 200"],
])
def test_one_spaced_year_or_none_leaves_the_other_lines_alone(lines):
    assert unspace_lines(lines) == (lines, 0)
