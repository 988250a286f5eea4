"""PDFs from Word files set with 字符间距加宽 (3 pt), as LibreOffice makes them (trial 4): pypdf
reads their Chinese runs whole but digits and dashes one apart (到 2 0 2 7 年, — — 坚持)."""

from planner.domain.policy_text import parse_policy
from planner.services.documents import read_policy
from tests.conftest import RESOURCES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "policy"
CLEAN = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))


def test_the_letter_spaced_seed_reads_as_the_built_in_text():
    document = read_policy(FIXTURES / "s0_spaced.pdf")

    assert document.title == CLEAN.title
    assert document.dateline == "新华社北京11月29日电"
    assert [chapter.title for chapter in document.chapters] == [chapter.title for chapter in CLEAN.chapters]
    assert [item.text for item in document.items] == [item.text for item in CLEAN.items]
    assert document.items[2].text.startswith("总体目标\n——到2020年，建立与全面建成小康社会相适应")
    assert "- 14 -" not in document.items[-1].text
    assert len(document.warnings) == 1 and document.warnings[0].startswith("已去除 24 行文字中的字符间距")


def test_a_letter_spaced_provincial_pdf_keeps_its_title_doc_number_and_years():
    for name, header in (("v_spaced.pdf", ""), ("v_spaced_redhead.pdf", "某省人民政府文件")):
        document = read_policy(FIXTURES / name)

        assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见", name
        assert document.doc_number == "某政办发〔2025〕12号", name
        assert document.header_line == header, name
        assert document.items[1].text == "主要目标。到2027年，示范区建设取得明显成效。", name
        assert document.signature == ("某省人民政府办公厅", "2025年3月10日"), name
