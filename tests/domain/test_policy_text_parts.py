"""The parts of an official document that are not items: signature, 成文日期, 版记, red header."""

import datetime as dt

import pytest

from planner.domain.policy_text import is_document_part, parse_policy

BODY = "一、总体要求\n（一）指导思想。坚持稳中求进。\n（二）加强组织领导。明确责任分工。\n"


@pytest.mark.parametrize("date_line", [
    "二〇二五年三月十日", "二○二五年三月十日", "二零二五年三月十日", "二Ｏ二五年三月十日", "2025年3月10日",
    "２０２５年３月１０日", "（2025年3月10日）",
])
def test_every_way_of_writing_the_date_gives_the_documents_date_and_stays_out_of_the_last_item(date_line):
    document = parse_policy("关于测试的意见\n" + BODY + "某省人民政府\n" + date_line)
    assert document.date == dt.date(2025, 3, 10)
    assert document.items[-1].text == "加强组织领导。明确责任分工。"
    assert document.signature[0] == "某省人民政府"


def test_the_publication_note_and_the_distribution_lines_are_not_item_text():
    document = parse_policy(
        "关于测试的意见\n" + BODY + "某省人民政府办公厅\n2025年3月10日\n（此件公开发布）\n"
        "抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省法院，省检察院。\n"
        "某省人民政府办公厅                    2025年3月12日印发")
    assert document.items[-1].text == "加强组织领导。明确责任分工。"
    assert document.date == dt.date(2025, 3, 10)  # the 成文日期, not the 印发 date
    assert document.signature[-2].startswith("抄送：") and document.signature[-1].endswith("印发")


def test_a_signature_with_organ_and_date_on_one_line_is_recognised():
    document = parse_policy("关于测试的意见\n" + BODY + "某省发展和改革委员会　　　　　　2025年3月10日")
    assert document.items[-1].text == "加强组织领导。明确责任分工。"
    assert document.date == dt.date(2025, 3, 10)


def test_the_signer_on_the_doc_number_line_does_not_hide_the_title():
    document = parse_policy("某省发展和改革委员会文件\n某发改〔2025〕3号　　签发人：张三\n关于测试的请示\n" + BODY)
    assert document.title == "关于测试的请示"
    assert document.doc_number == "某发改〔2025〕3号 签发人：张三"


def test_the_signer_on_a_line_of_its_own_below_the_doc_number_does_not_hide_the_title():
    # A red header copied from a Word table gives 文号 and 签发人 a line each.
    document = parse_policy("某省发展和改革委员会文件\n某发改〔2025〕3号\n签发人：张三\n关于测试的请示\n各市发展改革委：\n" + BODY)
    assert document.title == "关于测试的请示"
    assert document.doc_number == "某发改〔2025〕3号 签发人：张三"
    assert document.recipients == "各市发展改革委："
    assert document.preamble == ()


def test_a_signature_below_the_attachment_note_gives_the_date_and_leaves_the_attachment():
    document = parse_policy("关于测试的意见\n" + BODY + "附件：1.重点任务分工表\n2.示范区名单\n某省人民政府办公厅\n"
                            "2025年3月10日\n（此件公开发布）\n附件1\n重点任务分工表\n序号\t任务\n"
                            "抄送：省委各部门。\n某省人民政府办公厅 2025年3月12日印发")
    assert document.date == dt.date(2025, 3, 10)
    assert document.items[-1].text == "加强组织领导。明确责任分工。"
    assert document.attachment == ("附件：1.重点任务分工表", "2.示范区名单", "附件1", "重点任务分工表", "序号 任务")
    assert document.signature == ("某省人民政府办公厅", "2025年3月10日", "（此件公开发布）", "抄送：省委各部门。",
                                  "某省人民政府办公厅2025年3月12日印发")


def test_a_long_title_on_one_line_is_the_title_not_the_file_name():
    title = "某省人民政府办公厅关于印发《某省推进示范区建设和产业升级三年行动方案（2025—2027年）》的通知"
    assert len(title) > 40
    document = parse_policy(title + "\n各市人民政府：\n" + BODY)
    assert document.title == title and document.recipients == "各市人民政府："


def test_the_red_header_above_the_doc_number_is_not_part_of_the_title():
    document = parse_policy("某省人民政府办公厅文件\n某政办发〔2025〕12号\n某省人民政府办公厅\n关于推进示范区建设的实施意见\n"
                            "各市人民政府：\n" + BODY)
    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert document.header_line == "某省人民政府办公厅文件"
    assert document.doc_number == "某政办发〔2025〕12号"


def test_copy_number_secrecy_and_urgency_marks_stay_out_of_the_title():
    document = parse_policy("000123\n特急\n某省人民政府办公厅文件\n某政办发〔2025〕12号\n关于推进示范区建设的实施意见\n" + BODY)
    assert document.title == "关于推进示范区建设的实施意见"
    assert document.header_line == "000123\n特急\n某省人民政府办公厅文件"


def test_a_title_ending_in_wenjian_without_a_doc_number_stays_the_title():
    document = parse_policy("关于清理规范性文件\n" + BODY)
    assert document.title == "关于清理规范性文件"
    assert document.header_line == ""


@pytest.mark.parametrize(("line", "following", "expected"), [
    ("2025年3月10日", "", True),
    ("（此件公开发布）", "", True),
    ("抄送：省委各部门。", "", True),
    ("某省人民政府办公厅", "2025年3月10日", True),
    ("某省人民政府办公厅", "", True),
    ("责任编辑：王小明", "", True),
    ("建设服务型政府", "推进改革。", False),
    ("加强组织领导。各地要建立工作机制。", "", False),
])
def test_parts_that_are_not_policy_text_are_told_apart(line, following, expected):
    assert is_document_part(line, next_line=following) is expected


def test_chapters_numbered_with_a_full_stop_are_chapters():
    document = parse_policy("关于测试的意见\n一．总体要求\n(一)指导思想。坚持稳中求进。\n二.重点任务\n（二）加快产业升级。培育龙头企业。\n"
                            "三、保障措施\n（三）加强组织领导。明确责任分工。")
    assert [(chapter.number, chapter.title, len(chapter.items)) for chapter in document.chapters] == [
        (1, "总体要求", 1), (2, "重点任务", 1), (3, "保障措施", 1)]
    assert document.preamble == () and not document.warnings


def test_a_covering_notice_above_the_plan_gives_its_signature_date():
    # 关于印发…的通知, its signature and date, then the 方案 itself with no signature of its own.
    document = parse_policy("某省人民政府办公厅关于印发某省示范区建设实施方案的通知\n某政办〔2025〕12号\n各市人民政府：\n"
                            "《某省示范区建设实施方案》已经省政府同意，现印发给你们，请认真贯彻执行。\n某省人民政府办公厅\n"
                            "2025年3月10日\n（此件公开发布）\n某省示范区建设实施方案\n" + BODY)
    assert document.title == "某省人民政府办公厅关于印发某省示范区建设实施方案的通知"
    assert document.date == dt.date(2025, 3, 10)
    assert document.items[-1].text == "加强组织领导。明确责任分工。"


def test_the_last_item_with_its_heading_alone_in_a_paragraph_keeps_its_text():
    text = ("关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n二、保障措施\n（二）加强组织领导。\n"
            "各地要建立工作机制，明确责任分工。\n")
    document = parse_policy(text)
    assert document.items[-1].paragraphs == ("加强组织领导。", "各地要建立工作机制，明确责任分工。")
    assert document.closing == ()
    # A closing after the item's own text is still the closing.
    closed = parse_policy(text + "各有关部门要按照本意见要求，抓好落实。")
    assert closed.closing == ("各有关部门要按照本意见要求，抓好落实。",)
    assert closed.items[-1].paragraphs == ("加强组织领导。", "各地要建立工作机制，明确责任分工。")
