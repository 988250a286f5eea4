"""一、 chapters whose items are numbered 1. 2. (no （一） anywhere): the 1. lines are the items."""

import datetime as dt
from pathlib import Path

from planner.domain.policy_text import parse_policy
from planner.exchange.policy_file import read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
DECIMAL_NOTE = "本文件没有“（一）”形式的条目，已将各部分下“1.”“2.”形式编号的段落作为条目，请核对。"


def test_decimal_items_under_chapters_are_the_items_with_a_warning():
    document = parse_policy(read_policy_text(POLICY / "decimal_items.txt"))
    assert [(chapter.number, chapter.title) for chapter in document.chapters] == [
        (1, "总体要求"), (2, "重点任务"), (3, "保障措施")]
    assert [(item.number, item.heading, item.text) for item in document.items] == [
        (1, "指导思想", "指导思想。坚持稳中求进。"), (2, "主要目标", "主要目标。取得成效。"),
        (3, "加快产业升级", "加快产业升级。培育龙头企业。"), (4, "加强组织领导", "加强组织领导。建立机制。")]
    assert document.signature == ("某省人民政府办公厅", "2025年3月10日")
    assert document.date == dt.date(2025, 3, 10)
    assert DECIMAL_NOTE in document.warnings


def test_decimal_items_restarting_in_each_chapter_stay_in_their_chapter():
    document = parse_policy("关于测试的方案\n一、总体要求\n1.指导思想。坚持稳中求进。\n2.主要目标。取得成效。\n"
                            "二、保障措施\n1.加强组织领导。建立机制。\n")
    assert [[item.number for item in chapter.items] for chapter in document.chapters] == [[1, 2], [1]]
    assert document.items[-1].text == "加强组织领导。建立机制。"


def test_a_list_inside_one_of_several_chapters_leaves_the_chapters_as_items_and_says_so():
    document = parse_policy("关于测试的意见\n一、总体要求。坚持稳中求进。\n二、主要目标。取得成效。\n"
                            "三、重点任务。做好以下工作：\n1.培育龙头企业。\n2.完善产业链条。\n四、保障措施。建立机制。\n")
    assert [item.heading for item in document.items] == ["总体要求", "主要目标", "重点任务", "保障措施"]
    assert document.items[2].paragraphs == ("重点任务。做好以下工作：", "1.培育龙头企业。", "2.完善产业链条。")
    assert DECIMAL_NOTE not in document.warnings
    assert any("“1.”“2.”形式编号的段落仍为条目正文" in warning for warning in document.warnings)


def test_decimal_lines_inside_chinese_numbered_items_stay_their_text():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）主要目标。做好以下工作：\n1.培育龙头企业。\n2.完善产业链条。\n")
    assert document.items[0].paragraphs == ("主要目标。做好以下工作：", "1.培育龙头企业。", "2.完善产业链条。")
    assert not document.warnings
