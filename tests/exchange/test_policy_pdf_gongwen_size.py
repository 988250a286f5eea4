"""Policy PDFs LibreOffice makes from ordinary 公文 .docx files at 16 pt (trial 4): a title that
fills its line stays the title, and wrapped lines are rejoined in short 2-page documents."""

import pytest

from planner.services.documents import read_policy
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "policy"
TITLE = "某省人民政府办公厅关于推进示范区建设的实施意见"
DOC_NUMBER = "某政办发〔2025〕12号"
ITEMS = [
    "指导思想。坚持稳中求进工作总基调，推动高质量发展。",
    "主要目标。到2027年，示范区建设取得明显成效。",
    "加快产业升级。培育一批龙头企业，完善产业链条。",
    "强化要素保障。统筹用地、用能指标，优先保障重点项目。",
    "加强组织领导。各地要建立工作机制，明确责任分工。",
]


@pytest.mark.parametrize("name, recipients", [
    ("v_nobanji.pdf", "各市人民政府，省政府各部门："),
    ("prov_banji_para.pdf", "各市人民政府，省政府各部门："),
    ("v_recip_long.pdf", "各市、县人民政府，省人民政府各部门，省直各单位，中央驻豫各单位："),
    ("v_title_first.pdf", "各市人民政府，省政府各部门："),
])
def test_a_title_filling_its_line_is_not_glued_to_the_doc_number_or_the_recipients(name, recipients):
    document = read_policy(FIXTURES / name)

    assert document.title == TITLE
    assert document.doc_number == DOC_NUMBER
    assert document.recipients == recipients
    assert document.preamble == ("为推进示范区建设，经省政府同意，现提出如下意见。",)
    assert [item.text for item in document.items] == ITEMS


@pytest.mark.parametrize("name", ["v_banji_nohdr.pdf", "prov_banji.pdf"])
def test_a_two_page_red_head_pdf_with_a_banji_has_its_wrapped_lines_rejoined(name):
    document = read_policy(FIXTURES / name)

    assert document.title == TITLE
    assert document.header_line == "某省人民政府办公厅文件"
    assert document.doc_number == DOC_NUMBER
    texts = [item.text for item in document.items]
    assert texts[0] == ITEMS[0]
    # （二） holds the table under it, one row a line.
    assert texts[1].split("\n")[0] == "主要目标。到2027年，示范区建设取得明显成效，主要指标见下表。"
    assert len(texts[1].split("\n")) == 4
    assert texts[2:] == ITEMS[2:]
    # The 版记: 抄送 and the 印发 line stay apart.
    assert "抄送：省委各部门，省人大常委会办公厅，省政协办公厅。" in document.signature


def test_a_running_header_repeating_the_red_header_is_removed_and_named():
    document = read_policy(FIXTURES / "prov_banji.pdf")

    assert document.signature[:2] == ("某省人民政府办公厅", "2025年3月10日")
    assert all("文件" not in line for line in document.signature)
    assert document.warnings == ("“prov_banji.pdf”：已去除每页重复的页眉页脚“某省人民政府办公厅文件”。",)
