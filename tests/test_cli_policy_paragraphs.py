"""parse-policy on a typed Word file and a clean text: the outline a person sees, no file-name title."""

import json

import pytest

from tests.cli_runner import run
from tests.conftest import ROOT

POLICY = ROOT / "tests" / "fixtures" / "policy"


@pytest.mark.parametrize(("name", "title", "per_chapter", "last"), [
    ("manual_full.docx", "某省人民政府办公厅关于推进示范区建设的实施意见", [2, 2, 1],
     "加强组织领导。各地要建立工作机制，明确责任分工。"),
    ("restart_items_joint_sig.txt", "某省发展和改革委员会 某省财政厅关于推进示范区建设的实施方案", [2, 2, 2],
     "强化督导考核。将示范区建设纳入年度考核。"),
])
def test_parse_policy_prints_the_documents_own_title_and_items_without_the_signature(name, title, per_chapter, last):
    result = run("parse-policy", POLICY / name, "--json")
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert (outline["title"], outline["date"]) == (title, "2025-03-10")
    assert [len(chapter["items"]) for chapter in outline["chapters"]] == per_chapter
    assert outline["chapters"][-1]["items"][-1]["text"] == last
    assert result.stderr == ""
