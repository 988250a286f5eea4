"""The policy-text parser on the two seeds, a PDF-style re-wrap and the shapes real texts take."""

import datetime as dt
import re
from pathlib import Path

import pytest

from planner.domain.numerals import int_to_chinese
from planner.domain.policy_text import heading_of, parse_policy
from planner.errors import UserError

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SEED_2018 = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
SEED_GUIDANCE = (RESOURCES / "policy_regional_strategy_guidance.txt").read_text(encoding="utf-8")

PAGE_NUMBER_LINE = re.compile(r"^\s*(?:[-—]*\s*\d{1,4}\s*[-—]*)\s*$", re.MULTILINE)


def layout_free(text: str) -> str:
    """The text without its layout noise: page-number lines and all whitespace."""
    return re.sub(r"\s", "", PAGE_NUMBER_LINE.sub("", text))


def reconstruct(doc) -> str:
    """Every stored character of a Document, in reading order, labels restored."""
    parts = [doc.label, doc.dateline, doc.doc_number, doc.title, doc.date_line, doc.recipients,
             *doc.preamble]
    for chapter in doc.chapters:
        if chapter.number:
            parts += [int_to_chinese(chapter.number) + "、", chapter.heading_line, *chapter.lead]
        for item in chapter.items:
            parts += [f"（{int_to_chinese(item.number)}）", *item.paragraphs]
    parts += [*doc.closing, *doc.signature, *doc.attachment]
    return re.sub(r"\s", "", "".join(parts))


def rewrap_pdf_style(text: str, width: int = 28) -> str:
    """Hard-wrap like text extracted from a PDF: short lines, blank lines, page numbers, form feeds."""
    out: list[str] = []
    page_marks = ["{n}", "— {n} —", "—{n}—", "- {n} -"]
    page = lines_on_page = 0
    for paragraph in (line.strip() for line in text.splitlines()):
        if not paragraph:
            continue
        for start in range(0, len(paragraph), width):
            chunk = paragraph[start:start + width]
            # Stray leading spaces on some lines, as pdftotext leaves them.
            out += [(" " if lines_on_page % 7 == 3 else "") + chunk, ""]
            lines_on_page += 1
            if lines_on_page == 22:
                page += 1
                out += ["", page_marks[page % 4].format(n=page), "\f"]
                lines_on_page = 0
    return "\n".join(out)


def outline(doc):
    return [(c.number, c.title, [(i.number, i.heading) for i in c.items]) for c in doc.chapters]


def test_the_2018_opinion_has_ten_chapters_and_thirty_items():
    doc = parse_policy(SEED_2018)
    assert doc.title == "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见"
    assert doc.issuer == "中共中央 国务院"
    assert doc.date == dt.date(2018, 11, 18)
    assert doc.dateline == "新华社北京11月29日电"
    assert [c.number for c in doc.chapters] == list(range(1, 11))
    assert [i.number for i in doc.items] == list(range(1, 31))
    assert doc.chapters[0].title == "总体要求"
    assert doc.chapters[9].title == "切实加强组织实施"
    assert [len(c.items) for c in doc.chapters] == [3, 3, 3, 4, 3, 3, 3, 3, 3, 2]
    first, principles = doc.items[0], doc.items[1]
    assert first.heading == "指导思想"
    assert first.text.startswith("指导思想。以习近平新时代中国特色社会主义思想为指导")
    # The ——坚持… lines stay paragraphs of （二）.
    assert principles.heading == "基本原则"
    assert principles.paragraphs[0] == "基本原则"
    assert len(principles.paragraphs) == 6
    assert all(p.startswith("——坚持") for p in principles.paragraphs[1:])
    assert doc.items[20].heading == "提高基本公共服务统筹层次"
    assert doc.items[29].text.endswith("重大问题要及时向党中央、国务院报告。")
    assert doc.preamble[0].startswith("实施区域协调发展战略是新时代国家重大战略之一")


def test_the_pdf_extracted_guidance_has_six_chapters_and_25_items():
    doc = parse_policy(SEED_GUIDANCE)
    assert doc.title == "关于贯彻落实区域发展战略促进区域协调发展的指导意见"
    assert doc.label == "附件"
    assert doc.date is None
    assert [len(c.items) for c in doc.chapters] == [3, 7, 4, 5, 3, 3]
    assert [i.number for i in doc.items] == list(range(1, 26))
    assert len(doc.preamble) == 1
    assert doc.preamble[0].endswith("提出以下指导意见。")
    principles = doc.items[1]
    assert principles.heading == "基本原则"
    assert principles.paragraphs[0] == "基本原则。"
    assert [p[:9] for p in principles.paragraphs[1:]] == [
        "市场导向，政府推动", "统筹协调，分类指导", "改革创新，开放合作", "问题导向，循序渐进"]
    # The page number 9 between two lines of （十三） is layout, not text.
    assert "土地利用总体规划、城市总体规划" in doc.items[12].text
    assert "9" not in doc.items[12].text
    # Stray spaces around numbers from the PDF are layout too.
    assert doc.items[2].text.startswith("主要目标。到2020年，区域协调发展新格局基本形成，区域发展差距")
    assert doc.items[24].text.endswith("形成区域协调发展合力，实现互利共赢。")


@pytest.mark.parametrize("source", [SEED_2018, SEED_GUIDANCE], ids=["2018", "guidance"])
def test_every_character_lands_in_exactly_one_place(source):
    assert reconstruct(parse_policy(source)) == layout_free(source)


def test_a_pdf_style_rewrap_gives_the_same_outline_and_item_texts():
    clean = parse_policy(SEED_2018)
    wrapped_text = rewrap_pdf_style(SEED_2018)
    for mark in ("\n4\n", "\n— 5 —\n", "\n—6—\n", "\n- 7 -\n", "\f", "\n 展"):
        assert mark in wrapped_text
    wrapped = parse_policy(wrapped_text)
    assert outline(wrapped) == outline(clean)
    assert wrapped.title == clean.title and wrapped.date == clean.date
    assert ["".join(i.paragraphs) for i in wrapped.items] == ["".join(i.paragraphs) for i in clean.items]
    assert reconstruct(wrapped) == layout_free(SEED_2018)


SYNTHETIC = """国办发〔2019〕12号
国务院办公厅关于
推进示范工作的实施意见
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为推进示范工作，经国务院同意，现提出如下意见。
一、总体要求
（一）
指导思想。以新发展理念为指导，推进示范工作。
（二）基本原则
1.坚持问题导向。聚焦突出问题。
（1）细化措施，落实责任。
2.坚持系统观念。统筹推进。
二、重点任务
本部分任务由各地组织落实。
（一）加强统筹协调。要做好统筹工作；推动落实。
（二）强化要素保障，加大资金投入力度，确保各项任务落地见效。
三、保障措施
（一）加强组织领导。各地要建立工作机制。
各地区、各部门要结合实际，认真抓好贯彻落实。
国务院办公厅
2019年3月5日
（此件公开发布）
附件：重点任务分工表
一、任务分工
（一）某项任务（牵头单位：省发展改革委）
"""


def test_header_trailer_and_restarting_numbers_are_each_kept_in_their_field():
    doc = parse_policy(SYNTHETIC)
    assert doc.title == "国务院办公厅关于推进示范工作的实施意见"
    assert doc.issuer == "国务院办公厅"
    assert doc.doc_number == "国办发〔2019〕12号"
    assert doc.recipients.startswith("各省、自治区") and doc.recipients.endswith("：")
    assert doc.preamble == ("为推进示范工作，经国务院同意，现提出如下意见。",)
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "总体要求"), (2, "重点任务"), (3, "保障措施")]
    assert [[i.number for i in c.items] for c in doc.chapters] == [[1, 2], [1, 2], [1]]
    first = doc.chapters[0].items[0]
    assert first.heading == "指导思想"  # the text starts on the line after （一）
    assert first.paragraphs == ("指导思想。以新发展理念为指导，推进示范工作。",)
    principles = doc.chapters[0].items[1]
    assert principles.paragraphs == ("基本原则", "1.坚持问题导向。聚焦突出问题。", "（1）细化措施，落实责任。",
                                     "2.坚持系统观念。统筹推进。")
    assert doc.chapters[1].lead == ("本部分任务由各地组织落实。",)
    assert doc.chapters[1].items[1].heading == ""  # one long sentence has no heading
    assert doc.closing == ("各地区、各部门要结合实际，认真抓好贯彻落实。",)
    assert doc.signature == ("国务院办公厅", "2019年3月5日", "（此件公开发布）")
    assert doc.date == dt.date(2019, 3, 5)
    assert doc.attachment[0] == "附件：重点任务分工表"
    assert len(doc.attachment) == 3  # the attachment's own 一、（一） are not body items
    assert reconstruct(doc) == layout_free(SYNTHETIC)


def test_a_doc_number_below_the_title_is_recognised_too():
    doc = parse_policy("国务院关于某项工作的意见\n国发〔2020〕3号\n一、总体要求\n（一）推进工作。做好工作。")
    assert doc.title == "国务院关于某项工作的意见"
    assert doc.doc_number == "国发〔2020〕3号"
    assert doc.preamble == ()


def test_item_numbers_run_up_to_ninety_nine():
    lines = ["关于测试编号的意见", "一、全部条目"]
    lines += [f"（{int_to_chinese(n)}）第{n}项工作。具体内容，逐项落实。" for n in range(1, 100)]
    doc = parse_policy("\n".join(lines))
    assert [i.number for i in doc.items] == list(range(1, 100))
    assert doc.items[24].heading == "第25项工作"
    assert doc.items[98].text.startswith("第99项工作。")


def test_bracketed_lines_that_are_not_items_stay_in_the_text():
    text = "关于测试的意见\n（2020年1月2日）\n一、总体要求\n（一）推进工作。做好工作。\n（此件不属于条目）\n（二）完善机制。健全机制。"
    doc = parse_policy(text)
    assert doc.date == dt.date(2020, 1, 2)
    assert [i.number for i in doc.items] == [1, 2]
    assert doc.items[0].paragraphs == ("推进工作。做好工作。", "（此件不属于条目）")


def test_a_flat_text_takes_its_chapters_as_items():
    text = "关于加强某项工作的通知\n一、提高认识。各地要充分认识重要意义。\n二、压实责任\n明确牵头部门。\n三、加强督查。定期通报进展。"
    doc = parse_policy(text)
    assert len(doc.chapters) == 1 and doc.chapters[0].title == ""
    assert [(i.number, i.heading) for i in doc.items] == [(1, "提高认识"), (2, "压实责任"), (3, "加强督查")]
    assert doc.items[1].paragraphs == ("压实责任", "明确牵头部门。")
    # Nothing lost: the chapter labels 一、 became item labels （一）.
    assert reconstruct(doc) == layout_free(re.sub(r"^([一二三])、", r"（\1）", text, flags=re.MULTILINE))


def test_items_without_chapters_sit_in_one_untitled_chapter():
    doc = parse_policy("关于某事的意见\n（一）第一件事。做好。\n（二）第二件事。做好。")
    assert [(c.number, c.title) for c in doc.chapters] == [(0, "")]
    assert [i.heading for i in doc.items] == ["第一件事", "第二件事"]


@pytest.mark.parametrize(("line", "heading"), [
    ("指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻", "指导思想"),
    ("基本原则", "基本原则"),
    ("基本原则。", "基本原则"),
    ("创新开展对口协作（合作）。面向经济转型升级困难地区", "创新开展对口协作（合作）"),
    ("强化要素保障，加大资金投入力度。确保落地。", ""),
    ("推动" + "很" * 40 + "长的标题。后文", ""),
    ("", ""),
])
def test_heading_is_the_short_phrase_before_the_first_full_stop(line, heading):
    assert heading_of(line) == heading


@pytest.mark.parametrize("text", ["", "   \n\n  ", "这是一段没有任何编号的文字。它只有句子，没有结构。\n第二行。"])
def test_a_text_without_structure_is_refused_with_a_chinese_message(text):
    with pytest.raises(UserError) as caught:
        parse_policy(text)
    assert "一、" in caught.value.message or "空" in caught.value.message


@pytest.mark.parametrize("marker", ["附件一：重点任务分工表", "附件 重点任务分工表", "附件1.重点任务分工表", "附件2",
                                    "附件：", "附件"])
def test_every_common_attachment_marker_ends_the_body(marker):
    text = (f"关于测试的意见\n一、总体要求\n（一）甲。内容。\n（二）乙。内容。\n二、重点任务\n（一）丙。内容。\n"
            f"{marker}\n一、任务分工\n（一）某项任务\n（二）另一任务")
    doc = parse_policy(text)
    assert [(i.number, i.heading) for i in doc.items] == [(1, "甲"), (2, "乙"), (1, "丙")]
    assert doc.items[2].paragraphs == ("丙。内容。",)
    assert doc.attachment == (marker, "一、任务分工", "（一）某项任务", "（二）另一任务")


def test_a_sentence_starting_with_the_word_attachment_stays_in_its_item():
    doc = parse_policy("关于测试的意见\n一、总体要求\n（一）甲。内容。\n附件所列任务由各单位落实。")
    assert doc.items[0].paragraphs == ("甲。内容。", "附件所列任务由各单位落实。")
    assert doc.attachment == ()


def test_a_number_on_its_own_line_in_clean_text_is_content_not_a_page_number():
    text = "关于测试的意见\n一、总体要求\n（一）主要指标。到2025年，指标达到：\n2025\n（二）其他。内容。"
    doc = parse_policy(text)
    assert doc.items[0].paragraphs == ("主要指标。到2025年，指标达到：", "2025")
    # Decorated page numbers are layout wherever they stand.
    doc = parse_policy(text.replace("2025\n", "— 3 —\n"))
    assert doc.items[0].paragraphs == ("主要指标。到2025年，指标达到：",)


def test_a_small_gap_in_the_numbering_is_kept_as_structure_with_a_warning():
    text = "关于测试的意见\n一、总体要求\n（一）甲。内容。\n三、重点任务\n（一）乙。内容。\n（三）丙。内容。"
    doc = parse_policy(text)
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "总体要求"), (3, "重点任务")]
    assert [[(i.number, i.heading) for i in c.items] for c in doc.chapters] == [[(1, "甲")], [(1, "乙"), (3, "丙")]]
    assert len(doc.warnings) == 2
    assert "“一、”之后是“三、重点任务”" in doc.warnings[0]
    assert "“（一）”之后是“（三）丙。内容。”" in doc.warnings[1]
    assert parse_policy(SEED_2018).warnings == ()
