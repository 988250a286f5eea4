"""export-docx through subprocess: the 实施方案 and the progress report, bad dates and plans, database untouched."""

import sqlite3

import docx
import pytest

from tests.cli_runner import dump, run


def scalar(path, sql, *params):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A database with the demo plan; returns (path, plan id)."""
    path = tmp_path_factory.mktemp("cli-docx") / "plan.db"
    made = run("--db", path, "demo")
    assert made.returncode == 0, made.stderr
    return path, int(made.stdout.strip().splitlines()[-1])


def test_export_docx_writes_the_plan_and_leaves_the_database_unchanged(demo_db, tmp_path):
    db, plan_id = demo_db
    before = dump(db)
    out = tmp_path / "实施方案.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    plan_name = scalar(db, "SELECT name FROM plans WHERE id = ?", plan_id)
    task_count = scalar(db, "SELECT count(*) FROM tasks WHERE plan_id = ?", plan_id)
    assert result.stdout.strip() == f"已导出实施方案：{out}，共 {task_count} 项任务"
    assert "".join(document.paragraphs[0].text.split()) == "".join(plan_name.split())
    assert document.paragraphs[0].style.name == "公文标题"
    (table,) = document.tables
    assert sum(len(row._tr.tc_lst) == 5 for row in table.rows[1:]) == task_count
    assert dump(db) == before


def test_export_docx_progress_report_as_of_a_date(demo_db, tmp_path):
    db, plan_id = demo_db
    out = tmp_path / "报告.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out, "--report", "progress", "--as-of", "2026-11-30")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导出进展情况报告（截至2026-11-30）")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0].endswith("进展情况报告")
    assert texts[1].startswith("截至2026年11月30日，实施方案共分解重点任务")
    assert "二、逾期未完成任务" in texts


@pytest.mark.parametrize("as_of", ["2026-13-01", "明天", "2026-02-30"])
def test_an_invalid_as_of_date_is_one_chinese_line_and_exit_1(tmp_path, as_of):
    db = tmp_path / "never.db"
    result = run("--db", db, "export-docx", "--plan", 1, tmp_path / "r.docx", "--report", "progress",
                 "--as-of", as_of)
    assert result.returncode == 1
    assert result.stderr.strip() == f"日期“{as_of}”无效，请按 2026-11-30 的格式填写。"
    assert not db.exists() and not (tmp_path / "r.docx").exists()


def test_an_unknown_plan_or_a_non_docx_name_is_a_user_error(demo_db, tmp_path):
    db, plan_id = demo_db
    unknown = run("--db", db, "export-docx", "--plan", 999, tmp_path / "a.docx")
    assert unknown.returncode == 1 and "没有编号为 999 的实施方案" in unknown.stderr
    wrong = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "a.doc")
    assert wrong.returncode == 1 and ".docx" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not list(tmp_path.iterdir())


def test_as_of_without_the_report_is_ignored_with_a_note(demo_db, tmp_path):
    db, plan_id = demo_db
    result = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "a.docx", "--as-of", "2026-11-30")
    assert result.returncode == 0
    assert result.stderr.strip().splitlines()[0] == "注意：--as-of 只用于 --report progress、reminder、bulletin，已忽略。"


def signed(out) -> list[str]:
    return [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "公文落款"]


def test_issuer_and_date_sign_the_document_without_touching_the_database(demo_db, tmp_path):
    db, plan_id = demo_db
    before = dump(db)
    out = tmp_path / "a.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out, "--issuer", "示范省发展和改革委员会",
                 "--date", "2026-11-17")
    assert result.returncode == 0 and result.stderr == ""
    assert signed(out) == ["示范省发展和改革委员会", "2026年11月17日"]
    report = tmp_path / "r.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, report, "--report", "progress", "--as-of",
                 "2026-11-30", "--issuer", "示范省发展和改革委员会", "--date", "2026年12月1日")
    assert result.returncode == 0 and signed(report) == ["示范省发展和改革委员会", "2026年12月1日"]
    assert dump(db) == before  # --issuer is used for this file only, not saved


def test_without_issuer_the_file_is_unsigned_and_stderr_says_how_to_sign_it(demo_db, tmp_path):
    db, plan_id = demo_db
    out = tmp_path / "a.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out)
    assert result.returncode == 0
    assert result.stderr.strip() == "注意：方案尚未设置发文机关，文件未加署名；可在“方案设置”中填写，或在命令行用 --issuer 指定。"
    assert signed(out) == []


def test_a_region_as_issuer_is_one_chinese_line_and_exit_1(demo_db, tmp_path):
    db, plan_id = demo_db
    result = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "a.docx", "--issuer", "河南省")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "“河南省”是地区名称，不能作为发文机关署名；请填写单位全称，如“河南省发展和改革委员会”。"
    assert not (tmp_path / "a.docx").exists()
