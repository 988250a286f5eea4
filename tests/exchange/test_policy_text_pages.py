"""A text file made of pages (form feeds: pdftotext's output, a text saved page by page) loses
the headers repeated on its pages as a PDF does, with the same note (trial 4)."""

from planner.domain.policy_text import parse_policy
from planner.services.documents import read_policy
from tests.conftest import RESOURCES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "policy"
CLEAN = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))


def test_a_paged_text_loses_its_running_header_and_says_so():
    document = read_policy(FIXTURES / "ff_header_gongbao.txt")

    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert [item.text for item in document.items] == [
        "指导思想。坚持稳中求进工作总基调，推动高质量发展。",
        "主要目标。到2027年，示范区建设取得明显成效。",
        "加快产业升级。培育一批龙头企业，完善产业链条。",
        "强化要素保障。统筹用地、用能指标，优先保障重点项目。",
        "加强组织领导。各地要建立工作机制，明确责任分工。",
    ]
    assert document.warnings == ("“ff_header_gongbao.txt”：已去除每页重复的页眉页脚“某省人民政府公报”。",)


def test_pdftotext_output_of_the_seed_reads_as_the_built_in_text():
    document = read_policy(FIXTURES / "pdftotext_plain.txt")

    assert document.title == CLEAN.title
    assert [item.text for item in document.items] == [item.text for item in CLEAN.items]
    assert document.warnings == ("“pdftotext_plain.txt”：已去除每页重复的页眉页脚“中共中央 国务院文件”。",)
