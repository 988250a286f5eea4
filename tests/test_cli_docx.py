"""export-docx through subprocess: the 实施方案 and the progress report, bad dates and plans, database untouched."""

import datetime as dt
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
    assert texts[0].endswith("进展情况的报告") and texts[1] == "【主送机关】："
    assert texts[texts.index("一、总体进展") + 1].startswith("截至2026年11月30日，实施方案共分解重点任务")
    assert "三、逾期未完成任务" in texts
    assert texts[texts.index("四、存在问题") + 1] == "【请在此填写存在的主要问题】"


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
    # --issuer is used for this file only, not saved; the report keeps only its figures.
    def without_figures(lines):
        return [line for line in lines if not line.startswith('INSERT INTO "report_figures"')]

    assert any(line.startswith(f"INSERT INTO \"report_figures\" VALUES({plan_id},'2026-11-30'") for line in dump(db))
    assert without_figures(dump(db)) == without_figures(before)


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


def reminder_units(path) -> list[str]:
    """The addressee of each 督办通知 in a file: the paragraph after each title."""
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    return [texts[i + 1].removesuffix("：") for i, text in enumerate(texts) if text == "督办通知"]


def due_units(db, plan_id, today) -> list[str]:
    """Lead units with a task not done or paused whose deadline has passed or falls in the plan's warning window."""
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            """SELECT u.name FROM tasks t JOIN units u ON u.id = t.lead_unit_id JOIN plans p ON p.id = t.plan_id
               WHERE t.plan_id = ? AND t.deleted_at IS NULL AND t.status NOT IN ('已完成', '已暂停')
                 AND t.deadline_date IS NOT NULL AND t.deadline_date <= date(?, '+' || p.warning_days || ' days')
               ORDER BY t.item_id, t.sort_order""", [plan_id, today.isoformat()]).fetchall()
    finally:
        connection.close()
    return list(dict.fromkeys(name for (name,) in rows))


def test_a_reminder_with_no_options_goes_to_every_unit_with_overdue_or_soon_due_tasks(demo_db, tmp_path):
    db, plan_id = demo_db
    out = tmp_path / "催办单.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out, "--report", "reminder")
    assert result.returncode == 0, result.stderr
    units = due_units(db, plan_id, dt.date.today())
    assert units and sorted(reminder_units(out)) == sorted(units)
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"已导出催办单：{out}"
    assert lines[1].startswith(f"共 {len(units)} 个单位：") and "回复期限 " in lines[1]


def test_a_reminder_for_named_units_one_file_each_with_a_reply_by_date(demo_db, tmp_path):
    db, plan_id = demo_db
    before = dump(db)
    result = run("--db", db, "export-docx", "--plan", plan_id, tmp_path, "--report", "reminder", "--unit", "省财政厅",
                 "--unit", "省发展改革委", "--reply-by", "2026-12-11", "--as-of", "2026-11-30", "--per-unit")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.glob("*.docx")) == ["省发展改革委-督办通知.docx", "省财政厅-督办通知.docx"]
    assert reminder_units(tmp_path / "省财政厅-督办通知.docx") == ["省财政厅"]
    body = [p.text for p in docx.Document(str(tmp_path / "省财政厅-督办通知.docx")).paragraphs][2]
    assert "截至2026年11月30日" in body and "于2026年12月11日前" in body
    assert result.stdout.strip().splitlines()[-1] == "共 2 个单位：省财政厅、省发展改革委；回复期限 2026-12-11"
    unknown = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "x.docx", "--report", "reminder",
                  "--unit", "不存在的厅")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.startswith("单位“不存在的厅”不是本方案任何任务的牵头单位；可选的牵头单位：")
    assert not (tmp_path / "x.docx").exists() and dump(db) == before


def test_the_bulletin_as_of_a_date(demo_db, tmp_path):
    db, plan_id = demo_db
    out = tmp_path / "通报.docx"
    # As of the day the demo's tasks were created: a fixed date failed once the clock passed midnight,
    # since a bulletin leaves out tasks created after its date.
    today = dt.date.today().isoformat()
    result = run("--db", db, "export-docx", "--plan", plan_id, out, "--report", "bulletin", "--as-of", today)
    assert result.returncode == 0, result.stderr
    task_count = scalar(db, "SELECT count(*) FROM tasks WHERE plan_id = ? AND deleted_at IS NULL", plan_id)
    assert result.stdout.strip() == f"已导出情况通报（截至{today}）：{out}，共 {task_count} 项任务"
    document = docx.Document(str(out))
    assert [cell.text for cell in document.tables[0].rows[0].cells][:2] == ["排名", "牵头单位"]


def test_problems_and_next_steps_come_from_text_files(demo_db, tmp_path):
    db, plan_id = demo_db
    problems, steps = tmp_path / "问题.txt", tmp_path / "下一步.txt"
    problems.write_text("一是资金保障不足\n二是部分任务进度偏慢\n", encoding="utf-8")
    steps.write_bytes("加强调度督办".encode("gbk"))
    out = tmp_path / "r.docx"
    result = run("--db", db, "export-docx", "--plan", plan_id, out, "--report", "progress", "--problems", problems,
                 "--next", steps)
    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[texts.index("四、存在问题"):texts.index("特此报告。")] == [
        "四、存在问题", "一是资金保障不足。", "二是部分任务进度偏慢。", "五、下一步工作安排", "加强调度督办。"]


def test_a_missing_problems_file_is_one_line_exit_1_and_nothing_written(demo_db, tmp_path):
    db, plan_id = demo_db
    before = dump(db)
    result = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "r.docx", "--report", "progress",
                 "--problems", tmp_path / "没有.txt")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == f"找不到文件“{tmp_path / '没有.txt'}”。"
    assert not (tmp_path / "r.docx").exists() and dump(db) == before


def test_options_of_another_document_are_named_and_ignored(demo_db, tmp_path):
    db, plan_id = demo_db
    result = run("--db", db, "export-docx", "--plan", plan_id, tmp_path / "b.docx", "--report", "bulletin",
                 "--unit", "省财政厅", "--as-of", "2026-11-30")
    assert result.returncode == 0
    assert "注意：--unit 只用于 --report reminder，已忽略。" in result.stderr.splitlines()
