"""The command line on policy texts as they arrive, and on the documents in a database."""

import json
import re

import pytest

from tests.cli_runner import dump, new_database, run, without_traceback
from tests.conftest import ROOT

TEXTS = ROOT / "tests" / "fixtures" / "texts"
T = "某省人民政府办公厅关于推进示范区建设的实施意见"
EXAMPLES = [
    ("kangxi_radicals.txt", T, [2, 2, 1], "注意：已将 22 个部首形式的字符"),
    ("letter_spaced_all.txt", T, [2, 2, 1], "注意：已去除 14 行文字中的字符间距"),
    ("circle_zero_date.txt", T, [2, 1, 1], None),
    ("govcn_webcopy.txt", "国务院办公厅关于推进示范区建设的实施意见", [2, 2, 1], "注意：已去除网页内容 17 行"),
    ("docx_auto_numbering.docx", T, [2, 2, 1], None),
    ("gbk_encoded.txt", T, [2, 1, 1], None),
]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.mark.parametrize(("name", "title", "per_chapter", "warning"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_parse_policy_json_gives_each_examples_outline_and_its_warnings(name, title, per_chapter, warning):
    result = run("parse-policy", TEXTS / name, "--json")
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert {"title", "date", "chapters"} <= set(outline)
    assert (outline["title"], outline["date"]) == (title, "2025-03-10")
    assert [len(chapter["items"]) for chapter in outline["chapters"]] == per_chapter
    last = outline["chapters"][-1]["items"][-1]
    assert set(last) >= {"number", "heading", "text"}
    assert last["text"].endswith("明确责任分工。")
    if warning:
        assert warning in result.stderr
    else:
        assert result.stderr == ""


def test_an_undecodable_pdf_is_refused_with_its_cause_and_nothing_is_imported(tmp_path):
    db = tmp_path / "plan.db"
    new_database(db)
    before = dump(db)
    for args in (("parse-policy", TEXTS / "cjk_no_tounicode.pdf"),
                 ("--db", db, "import-policy", TEXTS / "cjk_no_tounicode.pdf")):
        result = run(*args)
        assert result.returncode == 1
        assert result.stderr.strip() == ("“cjk_no_tounicode.pdf”：PDF 的文字层无法识别（可能是扫描件或字体未带编码），"
                                         "请使用原始 Word 或文本文件。")
        assert result.stdout == "" and not CONTROL.search(result.stderr) and without_traceback(result.stderr)
    assert dump(db) == before


def test_documents_new_plan_and_a_second_import_of_the_same_page(tmp_path):
    db = tmp_path / "plan.db"
    imported = run("--db", db, "import-policy", TEXTS / "govcn_webcopy.txt")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "3\n"
    assert ("已导入：编号 3，《国务院办公厅关于推进示范区建设的实施意见》，3 个部分，5 个条目，"
            "已去除网页内容 17 行") in imported.stderr
    assert "注意：已去除网页内容 17 行" in imported.stderr
    before = dump(db)
    again = run("--db", db, "import-policy", TEXTS / "govcn_webcopy.txt")
    assert again.returncode == 1 and again.stdout == ""
    assert "“govcn_webcopy.txt”：《国务院办公厅关于推进示范区建设的实施意见》已在数据库中（编号 3）" in again.stderr
    assert dump(db) == before

    made = run("--db", db, "new-plan", "--document", "3", "--name", "示范区实施方案")
    assert made.returncode == 0, made.stderr
    plan_id = int(made.stdout)
    listed = run("--db", db, "documents")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert rows[0][:3] == ["1", "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见", "2018-11-18"]
    assert rows[0][3:] == ["30", "1"]  # the empty plan of the first start
    assert rows[2] == ["3", "国务院办公厅关于推进示范区建设的实施意见", "2025-03-10", "5", "1"]
    plans = run("--db", db, "plans").stdout
    assert f"{plan_id}\t示范区实施方案\t《国务院办公厅关于推进示范区建设的实施意见》\t0" in plans


def test_new_plan_for_a_missing_document_is_refused_in_chinese(tmp_path):
    db = tmp_path / "plan.db"
    new_database(db)
    before = dump(db)
    result = run("--db", db, "new-plan", "--document", "99", "--name", "方案")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "没有编号为 99 的政策文件；可用 documents 命令查看已有文件。"
    assert dump(db) == before
