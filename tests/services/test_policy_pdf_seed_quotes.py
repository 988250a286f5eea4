"""The built-in 2018 opinion as a PDF at 16 pt: a line holding “ ” is not taken for a short one,
so the PDF reads as the built-in text and importing it finds the duplicate (trial 4)."""

import shutil

import pytest

from planner.domain.policy_text import parse_policy
from planner.services import documents
from tests.conftest import RESOURCES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "policy"
CLEAN = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["seed000_onefont.pdf", "seed000_footer_slash.pdf", "s0_oddeven.pdf"])
def test_every_item_of_the_seed_pdf_reads_as_the_clean_text(name):
    document = documents.read_policy(FIXTURES / name)

    assert document.title == CLEAN.title
    assert [item.text for item in document.items] == [item.text for item in CLEAN.items]
    assert "以“一带一路”建设、京津冀协同发展" in document.items[3].text


def test_importing_the_seed_pdf_finds_the_built_in_document(workspace_db, tmp_path):
    shutil.copy(FIXTURES / "seed000_onefont.pdf", tmp_path / "seed.pdf")
    before = [summary.id for summary in documents.list_documents(workspace_db)]

    with pytest.raises(documents.DuplicateDocument):
        documents.import_policy(workspace_db, tmp_path / "seed.pdf")

    assert [summary.id for summary in documents.list_documents(workspace_db)] == before


def test_the_odd_page_header_that_wraps_is_named_whole_in_the_note():
    document = documents.read_policy(FIXTURES / "s0_oddeven.pdf")

    assert document.warnings == (
        "“s0_oddeven.pdf”：已去除每页重复的页眉页脚“中共中央 国务院关于建立更加有效的区域协调发展新机制的意见”。",
        "“s0_oddeven.pdf”：已去除每页重复的页眉页脚“国务院公报”。")


def test_a_text_with_page_numbers_spelled_out_is_not_said_to_be_letter_spaced():
    document = documents.read_policy(FIXTURES / "ff_footer_diyiye.txt")

    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert [item.number for item in document.items] == [1, 2, 3, 4, 5]
    assert not [item.number for item in document.items if "页" in item.text]
    assert document.warnings == ()
