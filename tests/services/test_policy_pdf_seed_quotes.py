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
