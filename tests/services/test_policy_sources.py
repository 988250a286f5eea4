"""Policy texts as they really arrive (tests/fixtures/texts, README there): each parses to its stated outline."""

import datetime as dt
import re
from pathlib import Path

import pytest

from planner.domain.suggestions import suggest_tasks
from planner.errors import UserError
from planner.services.documents import read_policy

TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "texts"
T = "某省人民政府办公厅关于推进示范区建设的实施意见"
FIVE = ["指导思想", "主要目标", "加快产业升级", "强化要素保障", "加强组织领导"]
FOUR = ["指导思想", "主要目标", "加快产业升级", "加强组织领导"]
GOVCN_PAGE_LINES = ["首页", "总理", "当前位置", "索引号", "索  引  号", "发文机关", "标　　题", "发文字号", "字体",
                    "分享到", "我要纠错", "责任编辑", "扫一扫", "相关稿件", "印发某某方案", "关于我们", "主办单位",
                    "版权所有", "网站标识码", "ICP"]

# file, title, items per chapter, item headings, strings that no item may contain
CASES = [
    ("kangxi_clean_control.txt", T, [2, 2, 1], FIVE, ["某省人民政府办公厅", "２０２５年３月１０日", "2025年3月10日"]),
    ("kangxi_radicals.txt", T, [2, 2, 1], FIVE,
     ["某省⼈民政府办公厅", "某省人民政府办公厅", "２０２５年３⽉１０⽇", "2025年3月10日"]),
    ("letter_spaced_all.txt", T, [2, 2, 1], FIVE, ["某省人民政府办公厅", "2025年3月10日", "2 0 2 5"]),
    ("circle_zero_date.txt", T, [2, 1, 1], FOUR, ["某省人民政府办公厅", "二○二五年三月十日"]),
    ("govcn_webcopy.txt", "国务院办公厅关于推进示范区建设的实施意见", [2, 2, 1], FIVE,
     ["国务院办公厅", "2025年3月10日", "（此件公开发布）", "附件", *GOVCN_PAGE_LINES]),
    ("docx_auto_numbering.docx", T, [2, 2, 1], FIVE, ["某省人民政府办公厅", "2025年3月10日"]),
    ("gbk_encoded.txt", T, [2, 1, 1], FOUR, ["某省人民政府办公厅", "二〇二五年三月十日", "（此件公开发布）"]),
]


@pytest.mark.parametrize(("name", "title", "per_chapter", "headings", "forbidden"), CASES, ids=[c[0] for c in CASES])
def test_each_example_parses_to_its_stated_outline(name, title, per_chapter, headings, forbidden):
    document = read_policy(TEXTS / name)
    assert document.title == title
    assert document.date == dt.date(2025, 3, 10)
    assert [c.title for c in document.chapters] == ["总体要求", "重点任务", "保障措施"]
    assert [len(c.items) for c in document.chapters] == per_chapter
    assert [i.number for i in document.items] == list(range(1, len(headings) + 1))
    assert [i.heading for i in document.items] == headings
    for item in document.items:
        for text in forbidden:
            assert text not in item.text, (item.number, text)
    # Ordinary characters, no inserted letter spacing, no control characters anywhere stored.
    assert document.items[0].text == "指导思想。坚持稳中求进工作总基调，推动高质量发展。"
    assert "工作机制" in document.items[-1].text
    assert not re.search(r"[\u2e80-\u2fdf\uff10-\uff5a\x00-\x08]", title + "".join(i.text for i in document.items))


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_no_suggestion_of_an_example_is_a_signature_date_or_page_line(name):
    document = read_policy(TEXTS / name)
    proposed = [s.content for item in document.items for s in suggest_tasks(item.text, item.heading, [])]
    assert proposed
    for content in proposed:
        assert not re.search(r"人民政府办公厅$|国务院办公厅$|\d{4}年\d{1,2}月\d{1,2}日$|此件|责任编辑|ICP", content)


def test_the_signature_is_the_signature_and_its_date_the_documents_date():
    document = read_policy(TEXTS / "circle_zero_date.txt")
    assert document.signature == ("某省人民政府办公厅", "二○二五年三月十日")
    assert document.doc_number == "某政办发〔2025〕12号"
    assert document.items[-1].text == "加强组织领导。各地要建立工作机制，明确责任分工。"


def test_the_kangxi_text_is_stored_folded_and_the_user_is_told():
    document = read_policy(TEXTS / "kangxi_radicals.txt")
    control = read_policy(TEXTS / "kangxi_clean_control.txt")
    assert document.items == control.items
    assert document.recipients == "各市人民政府，省政府各部门："
    assert document.doc_number == "某政办发〔2025〕12号"
    assert any("部首" in warning for warning in document.warnings)


def test_a_govcn_page_keeps_only_the_document_and_uses_the_metadata_table():
    document = read_policy(TEXTS / "govcn_webcopy.txt")
    assert document.doc_number == "国办发〔2025〕12号"
    assert document.recipients == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert document.preamble == ("为推进示范区建设，经国务院同意，现提出如下意见。",)
    assert document.attachment == ("附件：1.示范区建设重点任务分工表", "2.示范区名单")
    assert document.signature == ("国务院办公厅", "2025年3月10日", "（此件公开发布）")
    assert document.issuer == "国务院办公厅"
    assert document.published_on == dt.date(2025, 3, 15)
    assert len(document.dropped) == 17
    assert "已去除网页内容 17 行" in " ".join(document.warnings)
    kept = "".join([document.title, document.doc_number, document.recipients, *document.preamble,
                    *document.attachment, *document.signature])
    for page_line in GOVCN_PAGE_LINES:
        assert page_line not in kept


def test_a_pdf_whose_text_layer_cannot_be_decoded_is_refused_for_that_reason():
    with pytest.raises(UserError) as raised:
        read_policy(TEXTS / "cjk_no_tounicode.pdf")
    message = raised.value.message
    assert message == ("“cjk_no_tounicode.pdf”：PDF 的文字层无法识别（可能是扫描件或字体未带编码），"
                       "请使用原始 Word 或文本文件。")
    assert "一、" not in message
