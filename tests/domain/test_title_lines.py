"""Titles broken at their own joints (GB/T 9704-2012 7.3.3), checked on real titles of different lengths."""

import pytest

from planner.domain.text_width import text_em
from planner.domain.title_lines import TITLE_LINE_EM, break_title

# (title, the lines an experienced 文秘 accepts) — real titles and the product's own, short to very long.
EXPECTED = [
    ("关于推动城乡建设绿色发展的意见", ["关于推动城乡建设绿色发展的意见"]),
    ("国务院关于促进乡村产业振兴的指导意见", ["国务院关于促进乡村产业振兴的指导意见"]),
    ("中共中央 国务院关于建立更加有效的区域协调发展新机制的意见",
     ["中共中央 国务院关于建立更加有效的", "区域协调发展新机制的意见"]),
    ("示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案",
     ["示范省贯彻落实《中共中央", "国务院关于建立更加有效的", "区域协调发展新机制的意见》实施方案"]),
    ("示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案（演示）",
     ["示范省贯彻落实《中共中央 国务院", "关于建立更加有效的区域协调发展", "新机制的意见》实施方案（演示）"]),
    ("示范省区域协调发展新机制实施方案进展情况报告", ["示范省区域协调发展新机制", "实施方案进展情况报告"]),
    ("国务院关于印发“十四五”推进农业农村现代化规划的通知", ["国务院关于印发“十四五”", "推进农业农村现代化规划的通知"]),
    ("示范省落实《关于新时代推进西部大开发形成新格局的指导意见》实施方案",
     ["示范省落实《关于新时代推进西部大开发", "形成新格局的指导意见》实施方案"]),
]
MORE = [
    "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见",
    "示范省贯彻落实《国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见》实施方案",
    "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案进展情况报告",
    "关于2026年国民经济和社会发展计划执行情况的报告",
    "国家发展改革委关于印发《2026年新型城镇化和城乡融合发展重点任务》的通知",
    "示范省发展和改革委员会关于报送区域协调发展新机制实施方案进展情况的报告",
]
# Words a title line must never split.
WHOLE = ("实施方案", "意见", "进展", "情况", "报告", "关于", "贯彻落实", "中共中央", "国务院", "发展", "区域", "机制",
         "指导", "通知", "办公厅")


@pytest.mark.parametrize(("title", "lines"), EXPECTED)
def test_titles_break_where_an_office_would(title, lines):
    assert list(break_title(title)) == lines


@pytest.mark.parametrize("title", [title for title, _ in EXPECTED] + MORE)
def test_every_title_keeps_its_words_and_marks_whole_and_its_lines_in_shape(title):
    lines = break_title(title)
    assert "".join(lines) == title.replace(" ", "") or " ".join(lines) == title or "".join(lines) == title
    assert all(text_em(line) <= TITLE_LINE_EM for line in lines)
    widths = [text_em(line) for line in lines]
    assert min(widths) >= 0.45 * max(widths)  # 长短适宜: no stub line such as 方案 alone
    for upper, lower in zip(lines, lines[1:], strict=False):
        assert not lower.startswith(("的", "》", "，", "、", "”", "）")) and not upper.endswith(("《", "“", "（"))
        for word in WHOLE:
            for cut in range(1, len(word)):
                assert not (upper.endswith(word[:cut]) and lower.startswith(word[cut:])), (word, upper, lower)
    if len(lines) >= 3:  # 梯形或菱形, never an hourglass
        assert not any(b + 1 < a and b + 1 < c for a, b, c in zip(widths, widths[1:], widths[2:], strict=False))


def test_a_short_title_stays_on_one_line_and_control_characters_never_reach_it():
    assert break_title("示范省实施方案\x07") == ("示范省实施方案",)
    assert break_title("") == ()
