"""Numbered lines that break the sequence: never merged into another item without a warning."""

from pathlib import Path

from planner.domain.numerals import int_to_chinese
from planner.domain.policy_text import parse_policy
from planner.exchange.policy_file import read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"


def outline(document) -> list[tuple[int, list[tuple[int, str]]]]:
    return [(chapter.number, [(item.number, item.heading) for item in chapter.items]) for chapter in document.chapters]


def test_a_repeated_item_number_is_its_own_item_with_a_warning():
    document = parse_policy(read_policy_text(POLICY / "item_duplicate.txt"))
    assert outline(document) == [(1, [(1, "指导思想"), (2, "主要目标")]),
                                 (2, [(3, "加快产业升级"), (3, "强化要素保障")]),
                                 (3, [(4, "加强组织领导")])]
    assert document.chapters[1].items[0].paragraphs == ("加快产业升级。培育一批龙头企业，完善产业链条。",)
    assert document.chapters[1].items[1].paragraphs == ("强化要素保障。统筹用地、用能指标，优先保障重点项目。",)
    assert document.warnings == (
        "条目编号重复：“（三）强化要素保障。统筹用地、用能指标，”与上一条目编号相同，已作为单独的条目，请核对原文。",)


def test_a_jump_in_the_item_and_chapter_numbers_keeps_every_item_and_chapter_with_warnings():
    document = parse_policy(read_policy_text(POLICY / "many_items.txt"))
    assert outline(document) == [
        (1, [(1, "指导思想"), (2, "主要目标")]),
        (2, [(number, f"任务{int_to_chinese(number)}") for number in range(3, 13)]),
        (3, [(19, "任务十九"), (20, "任务二十"), (21, "任务二十一")]),
        (10, []),
    ]
    assert document.chapters[2].lead == ()
    assert document.chapters[3].title == "其他"
    assert document.chapters[3].lead == ("（一百零一）任务。内容。",)
    assert document.warnings == (
        "条目编号不连续：“（十二）”之后是“（十九）任务十九。内容，编号跳了。”，已作为单独的条目，请核对原文。",
        "部分编号不连续：“三、”之后是“十、其他”，已作为单独的部分，请核对原文。",
        "无法识别条目编号：“（一百零一）任务。内容。”已按上文的正文处理，请核对原文编号。",
    )


def test_a_small_gap_still_warns():
    document = parse_policy(read_policy_text(POLICY / "item_gap_three.txt"))
    assert [item.number for item in document.items] == [1, 2, 3, 7, 8]
    assert document.warnings == ("条目编号不连续：“（三）”之后是“（七）强化要素保障。统筹用地、用能指标，”。",)


def test_a_list_numbered_from_one_inside_an_item_stays_its_text_with_a_warning_per_line():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"
                            "（二）主要任务。包括：\n（一）建设平台；\n（二）培育企业。\n（三）加强组织领导。明确分工。\n")
    assert [(item.number, item.paragraphs) for item in document.items] == [
        (1, ("指导思想。坚持稳中求进。",)),
        (2, ("主要任务。包括：", "（一）建设平台；", "（二）培育企业。")),
        (3, ("加强组织领导。明确分工。",)),
    ]
    assert document.warnings == (
        "条目编号与上文不接续：“（一）建设平台；”在“（二）”之后，已按上文的正文处理；如它应是单独的条目，请核对原文编号。",
        "条目编号与上文不接续：“（二）培育企业。”接续上文正文中的编号，已按上文的正文处理；如它应是单独的条目，请核对原文编号。",
    )


def test_a_repeated_chapter_heading_is_its_own_chapter_with_a_warning():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"
                            "二、重点任务\n（二）加快产业升级。培育龙头企业。\n二、保障措施\n（三）加强组织领导。明确分工。\n")
    assert outline(document) == [(1, [(1, "指导思想")]), (2, [(2, "加快产业升级")]), (2, [(3, "加强组织领导")])]
    assert document.warnings == ("部分编号重复：“二、保障措施”与上一部分编号相同，已作为单独的部分，请核对原文。",)


def test_a_chapter_number_going_back_stays_text_with_a_warning():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"
                            "二、重点任务\n（二）加快产业升级。培育龙头企业。\n一、要坚持问题导向，逐项落实。\n")
    assert document.items[-1].paragraphs == ("加快产业升级。培育龙头企业。", "一、要坚持问题导向，逐项落实。")
    assert document.warnings == ("部分编号与上文不接续：“一、要坚持问题导向，逐项落实。”在“二、”之后，"
                                 "已按上文的正文处理；如它应是单独的部分，请核对原文编号。",)


def test_a_chapter_numeral_followed_by_a_full_stop_is_a_chapter_not_text_of_the_item_above():
    document = parse_policy(read_policy_text(POLICY / "halfwidth_parens_dots.txt"))
    assert outline(document) == [(1, [(1, "指导思想"), (2, "主要目标")]),
                                 (2, [(3, "加快产业升级"), (4, "强化要素保障")]),
                                 (3, [(5, "加强组织领导")])]
    assert document.items[1].paragraphs == ("主要目标。到2027年，示范区建设取得明显成效。",)
    assert document.warnings == ()


def test_a_number_with_a_decimal_after_it_is_not_a_chapter():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n二.5倍以上的增速。\n")
    assert outline(document) == [(1, [(1, "指导思想")])]
    assert document.items[0].paragraphs == ("指导思想。坚持稳中求进。", "二.5倍以上的增速。")


def test_a_chapter_after_items_outside_any_chapter_is_named_in_the_warning():
    document = parse_policy("关于测试的意见\n（一）指导思想。坚持稳中求进。\n（二）主要目标。取得成效。\n"
                            "三、保障措施\n（三）加强组织领导。明确分工。\n")
    assert outline(document) == [(0, [(1, "指导思想"), (2, "主要目标")]), (3, [(3, "加强组织领导")])]
    assert document.warnings == ("部分编号不连续：正文的第一个部分是“三、保障措施”。",)
