"""What follows the last item in the second trial's texts (contact line, seal mark, dates in
full-width dots, spaced or without a day) is the signature, never text of item （五）."""

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.chinese_dates import parse_written_date
from planner.domain.policy_text import parse_policy
from planner.exchange.policy_file import read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
LAST_ITEM = "加强组织领导。各地要建立工作机制，明确责任分工。"
ORGAN = "某省人民政府办公厅"


@pytest.mark.parametrize(("name", "signature"), [
    ("contact_after_date.txt", (ORGAN, "2025年3月10日", "（联系人：张三；联系电话：0371-12345678）")),
    ("yinzhang.txt", ("某省人民政府办公厅（印）", "2025年3月10日")),
    ("zhudong_gongkai.txt", (ORGAN, "2025年3月10日", "（此件主动公开）")),
    ("d_fw_dots.txt", (ORGAN, "2025．3．10")),  # ２０２５．３．１０: the digits are folded, the dots kept
    ("d_jp_dot.txt", (ORGAN, "2025．3．10")),
    ("d_space_in_cn.txt", (ORGAN, "二〇二五年 三月十日")),
])
def test_the_lines_under_the_last_item_are_the_signature_and_give_the_date(name, signature):
    document = parse_policy(read_policy_text(POLICY / name))
    assert document.signature == signature
    assert document.date == dt.date(2025, 3, 10)
    assert document.items[-1].paragraphs == (LAST_ITEM,)
    assert [item.number for item in document.items] == [1, 2, 3, 4, 5]


def test_a_signature_dated_with_a_month_alone_ends_the_document_without_a_guessed_day():
    document = parse_policy(read_policy_text(POLICY / "d_month_only.txt"))
    assert document.signature == (ORGAN, "2025年3月")
    assert document.items[-1].paragraphs == (LAST_ITEM,)
    assert document.date is None
    assert "落款日期“2025年3月”没有写明哪一日，未取为成文日期，请核对原文后填写。" in document.warnings


def test_a_contact_line_inside_an_item_stays_there_when_no_signature_follows():
    text = "一、总体要求\n（一）加强组织领导。各地要建立工作机制。\n联系人：张三，电话：0371-12345678。\n"
    document = parse_policy(text)
    assert document.signature == ()
    assert document.items[-1].paragraphs[-1] == "联系人：张三，电话：0371-12345678。"


@pytest.mark.parametrize(("text", "date"), [
    ("2025．3．10", dt.date(2025, 3, 10)), ("二〇二五年 三月十日", dt.date(2025, 3, 10)),
    ("2025 年 3 月 10 日", dt.date(2025, 3, 10)), ("2025．3.10", None), ("2025年3月", None),
])
def test_parse_written_date_with_full_width_dots_and_spaces(text, date):
    assert parse_written_date(text) == date


def test_a_covering_notices_signature_leaves_the_preamble_which_keeps_the_notice_and_the_plans_own_text():
    document = parse_policy(read_policy_text(POLICY / "yinfa_tongzhi.txt"))
    assert document.title == "某省人民政府办公厅关于印发某省示范区建设实施方案的通知"
    assert document.signature == (ORGAN, "2025年3月10日", "（此件公开发布）")
    assert document.date == dt.date(2025, 3, 10)
    assert document.preamble == ("《某省示范区建设实施方案》已经省政府同意，现印发给你们，请认真贯彻执行。",
                                 "某省示范区建设实施方案", "为推进示范区建设，制定本方案。")
    assert document.items[-1].paragraphs == (LAST_ITEM,)


def test_a_covering_notice_and_the_plans_own_signature_are_both_kept_in_order():
    text = ("某省人民政府办公厅关于印发某省示范区建设实施方案的通知\n各市人民政府：\n现印发给你们，请认真贯彻执行。\n"
            "某省人民政府办公厅\n2025年3月10日\n某省示范区建设实施方案\n一、总体要求\n（一）加强组织领导。明确责任分工。\n"
            "某省发展和改革委员会\n2025年2月20日\n")
    document = parse_policy(text)
    assert document.signature == (ORGAN, "2025年3月10日", "某省发展和改革委员会", "2025年2月20日")
    assert document.preamble == ("现印发给你们，请认真贯彻执行。", "某省示范区建设实施方案")
    assert document.date == dt.date(2025, 2, 20)  # the 方案's own date, as before this change


@pytest.mark.parametrize("note", ["（此件不公开）", "（此件依申请公开）", "(此件公开发布)"])
def test_a_publication_note_under_the_date_is_the_signature(note):
    document = parse_policy(f"关于测试的意见\n一、保障措施\n（一）{LAST_ITEM}\n{ORGAN}\n2025年3月10日\n{note}\n")
    assert document.signature == (ORGAN, "2025年3月10日", note)
    assert document.items[-1].paragraphs == (LAST_ITEM,)


def test_a_covering_notice_signed_on_one_line_leaves_the_preamble():
    document = parse_policy("某省人民政府办公厅关于印发某省示范区建设实施方案的通知\n各市人民政府：\n"
                            "现印发给你们，请认真贯彻执行。\n某省人民政府办公厅 2025年3月10日\n某省示范区建设实施方案\n"
                            "一、总体要求\n（一）加强组织领导。明确责任分工。\n")
    assert document.signature == ("某省人民政府办公厅2025年3月10日",)  # the space between 厅 and 2 is layout
    assert document.preamble == ("现印发给你们，请认真贯彻执行。", "某省示范区建设实施方案")
    assert document.date == dt.date(2025, 3, 10)
