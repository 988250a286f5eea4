"""Invisible characters out of a policy text, private-use ones kept and pointed out, stray controls not a refusal."""

from pathlib import Path

import pytest

from planner.domain.invisible_characters import drop_invisible_characters
from planner.domain.policy_text import parse_policy
from planner.domain.text_decoding import decode_text
from planner.errors import UserError
from planner.exchange.policy_file import read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "texts"


def test_zero_width_nbsp_soft_hyphen_bel_and_an_inner_bom_are_not_stored():
    document = parse_policy(read_policy_text(POLICY / "invisible_chars.txt"))
    assert document.items[0].text == "指导思想。坚持稳中求进工作总基调，推动高质量发展。"
    assert document.items[2].text == "加快产业升级。培育一批龙头企业，完善产业链条。"
    assert document.items[4].text == "加强组织领导。各地要建立工作机制，明确责任分工。"
    assert document.warnings == ("已去除 5 个不可见字符（零宽空格、软连字符、控制字符等），它们不显示，却会使搜索找不到文字。",)


def test_a_control_character_inside_a_heading_is_dropped():
    document = parse_policy(read_policy_text(POLICY / "ctrl_one_in_heading.txt"))
    assert document.items[0].heading == "指导思想"
    assert document.chapters[0].items[0].paragraphs == ("指导思想。坚持稳中求进工作总基调，推动高质量发展。",)


@pytest.mark.parametrize(("text", "expected"), [
    ("稳\u200b中\u00a0求\u00ad进", "稳中求进"),
    ("产业\x07链条\x1a", "产业链条"),
    ("明确\ufeff责任\u200d\u2060分工\u202e", "明确责任分工"),
    ("GDP\u00a0growth", "GDP\u00a0growth"),  # a no-break space between Latin words is a real space
    ("第一行\n第二行\f\r\n\t\v第三行\x85", "第一行\n第二行\f\r\n\t\v第三行\x85"),  # line breaks and tabs stay
    ("中共中央\u3000国务院", "中共中央\u3000国务院"),  # the full-width space is text
    ("\ufeff标题", "标题"),
])
def test_drop_invisible_characters(text, expected):
    assert drop_invisible_characters(text).text == expected


def test_a_bom_at_the_start_is_not_counted_as_dropped():
    assert drop_invisible_characters("\ufeff标题\u200b").dropped == 1


def test_private_use_characters_are_kept_with_a_warning_naming_the_item():
    document = parse_policy(read_policy_text(POLICY / "pua_chars.txt"))
    assert document.items[2].text == "加快产业升级。培育一批\ue5e5\ue5e6企业，完善产业链条。"
    assert ("条目（三）“加快产业升级”含有 2 个私用区字符（U+E5E5、U+E5E6），是原文件字体自造的字，"
            "在其他电脑上可能显示为空白或方框，请对照原件核对。") in document.warnings
    assert any(warning.startswith("条目（一）“指导思想”含有 1 个私用区字符（U+F8F0）") for warning in document.warnings)
    assert len(document.warnings) == 2


def test_private_use_characters_in_a_chapter_heading_name_the_chapter():
    document = parse_policy("关于测试的意见\n一、总体\ue000要求\n（一）指导思想。坚持稳中求进。\n")
    assert document.chapters[0].heading_line == "总体\ue000要求"
    assert document.warnings[0].startswith("部分“一、总体\ue000要求”含有 1 个私用区字符（U+E000）")


@pytest.mark.parametrize("name", ["ctrl_in_headings.txt", "seed000_ctrl5.txt", "ctrl_one_in_heading.txt"])
def test_a_text_with_a_few_stray_control_characters_is_read_and_they_are_dropped(name):
    text = decode_text((POLICY / name).read_bytes(), name=name)
    document = parse_policy(text)
    stored = "".join([document.title, *(chapter.heading_line for chapter in document.chapters),
                      *(item.text for item in document.items)])
    assert not any(ord(ch) < 32 and ch != "\n" for ch in stored)
    assert document.items[0].heading == "指导思想"


def test_the_control_character_rule_is_a_share_of_the_characters():
    text = "文" * 95 + "\x01" * 5
    assert decode_text(text.encode("utf-8"), name="a.txt")  # 5 % exactly: still text
    with pytest.raises(UserError) as caught:
        decode_text(("文" * 94 + "\x01" * 6).encode("utf-8"), name="b.txt")
    assert str(caught.value) == "文件“b.txt”不是文本文件（含有大量控制字符），请选择 .txt、.docx 或 .pdf 格式的政策文件。"
