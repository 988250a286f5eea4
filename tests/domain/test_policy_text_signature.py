"""The signature block and its date, in every form the trial's texts wrote them, stay out of the last item."""

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.chinese_dates import parse_written_date
from planner.domain.policy_text import is_document_part, parse_policy
from planner.exchange.policy_file import read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
LAST_ITEM = "加强组织领导。各地要建立工作机制，明确责任分工。"


@pytest.mark.parametrize(("name", "date_line"), [
    ("date_digit0.txt", "二0二五年三月十日"),
    ("date_bigcircle.txt", "二◯二五年三月十日"),
    ("date_dotted.txt", "2025.3.10"),
    ("date_iso.txt", "2025-03-10"),
    ("date_slash.txt", "2025/3/10"),
])
def test_the_date_in_any_written_form_is_the_documents_date_and_the_signature_leaves_the_last_item(name, date_line):
    document = parse_policy(read_policy_text(POLICY / name))
    assert document.date == dt.date(2025, 3, 10)
    assert document.signature == ("某省人民政府办公厅", date_line)
    assert document.items[-1].paragraphs == (LAST_ITEM,)
    assert [item.number for item in document.items] == [1, 2, 3, 4, 5]


def test_an_issuer_without_a_date_is_the_signature_not_text_of_the_last_item():
    document = parse_policy(read_policy_text(POLICY / "signature_no_date.txt"))
    assert document.signature == ("某省人民政府办公厅",)
    assert document.date is None
    assert document.items[-1].paragraphs == (LAST_ITEM,)


def test_a_govcn_page_without_signature_date_keeps_the_issuer_out_of_the_last_item():
    document = parse_policy(read_policy_text(POLICY / "govcn_no_signature_date.txt"))
    assert document.signature == ("国务院办公厅",)
    assert document.date == dt.date(2025, 3, 10)  # the page's 成文日期
    assert document.items[-1].paragraphs == ("加强组织领导。各地区要建立工作机制，明确责任分工。",)


def test_joint_issuers_without_a_date_are_the_signature():
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"
                            "（二）加强组织领导。明确责任分工。\n某省发展和改革委员会\n某省财政厅")
    assert document.signature == ("某省发展和改革委员会", "某省财政厅")
    assert document.items[-1].paragraphs == ("加强组织领导。明确责任分工。",)


def test_a_short_last_line_that_ends_no_sentence_above_it_stays_in_the_item():
    # The organ-like line follows a heading, not a finished sentence: it is item text, not a signature.
    document = parse_policy("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"
                            "（二）加强组织领导\n建设法治政府")
    assert document.signature == ()
    assert document.items[-1].paragraphs == ("加强组织领导", "建设法治政府")


@pytest.mark.parametrize("line", ["二0二五年三月十日", "2025.3.10", "2025-03-10", "2025/3/10", "二◯二五年三月十日"])
def test_suggestions_skip_a_date_line_in_any_form(line):
    assert is_document_part(line)


@pytest.mark.parametrize(("text", "date"), [
    ("二〇二五年三月十日", dt.date(2025, 3, 10)), ("二○二五年十二月三十一日", dt.date(2025, 12, 31)),
    ("二◯二五年三月二十日", dt.date(2025, 3, 20)), ("二0二五年三月十日", dt.date(2025, 3, 10)),
    ("二零二五年三月十日", dt.date(2025, 3, 10)), ("二O二五年三月十日", dt.date(2025, 3, 10)),
    ("2025年03月10日", dt.date(2025, 3, 10)), ("2025.3.10", dt.date(2025, 3, 10)),
    ("2025-03-10", dt.date(2025, 3, 10)), ("2025/3/10", dt.date(2025, 3, 10)),
    ("2025年2月30日", None), ("2025-3/10", None), ("二〇二五年三月三十二日", None), ("三月十日", None),
])
def test_parse_written_date(text, date):
    assert parse_written_date(text) == date
