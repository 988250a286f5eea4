"""import-xlsx on the example returns as a user runs it: exit codes, messages, the database afterwards."""

import json
import shutil
import sqlite3

import pytest

from tests.cli_runner import dump, run, without_traceback
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "returns"


@pytest.fixture
def work(tmp_path):
    """A copy of base.db, opened once so that it is migrated before the tests compare dumps."""
    target = tmp_path / "work.db"
    with sqlite3.connect(CASES / "base.db") as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    assert run("--db", target, "plans").returncode == 0
    return target


def plan_data(path) -> list[str]:
    """The database as SQL without the record of received returns (an applied return adds one)."""
    return [line for line in dump(path) if not line.startswith('INSERT INTO "ledger_returns"')]


def received(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT file_name, unit, changed_fields, progress_entries FROM ledger_returns "
                                  "ORDER BY id").fetchall()


def case(tmp_path, name):
    shutil.copyfile(CASES / name, tmp_path / name)
    return tmp_path / name


def task(path, code) -> dict:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute("""SELECT t.id, u.name AS lead FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id
                                    WHERE t.plan_id = 2 AND t.code = ? AND t.deleted_at IS NULL""", [code]).fetchone()
        support = [r[0] for r in connection.execute(
            "SELECT u.name FROM task_support_units s JOIN units u ON u.id = s.unit_id WHERE s.task_id = ? "
            "ORDER BY s.rowid", [row["id"]])]
    return {"lead": row["lead"], "support": support}


def unit_names(path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM units")}


def test_09h2_an_unknown_short_name_is_refused_with_a_suggestion_then_mapped(work, tmp_path):
    file = case(tmp_path, "09h2_unit_aliases_lead.xlsx")
    before = dump(work)
    refused = run("--db", work, "import-xlsx", "--plan", 2, file)
    assert refused.returncode == 1 and without_traceback(refused.stderr)
    assert "单位“财政厅”不在单位目录中（可能是：省财政厅" in refused.stderr
    assert "--map 财政厅=省财政厅" in refused.stderr
    assert dump(work) == before
    preview = run("--db", work, "import-xlsx", "--plan", 2, file, "--dry-run", "--map", "财政厅=省财政厅")
    assert "修改：任务 20.2 的配合单位：“省发展改革委” → “”" in preview.stdout  # the preview says the lead leaves
    applied = run("--db", work, "import-xlsx", "--plan", 2, file, "--map", "财政厅=省财政厅", "--json")
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["changed"] == 2
    assert task(work, "20.1")["lead"] == "省财政厅"
    assert task(work, "20.1")["support"] == ["省发展改革委", "省教育厅", "省卫生健康委"]
    assert task(work, "20.2") == {"lead": "省发展改革委", "support": []}
    assert "财政厅" not in unit_names(work)
    exported = run("--db", work, "export-xlsx", "--plan", 2, "--by-unit", tmp_path / "按单位")
    assert exported.returncode == 0 and not (tmp_path / "按单位" / "财政厅.xlsx").exists()
    assert (tmp_path / "按单位" / "省财政厅.xlsx").exists()


def test_02a_the_same_return_twice_changes_nothing_the_second_time(work, tmp_path):
    file = case(tmp_path, "02a_progress_status.xlsx")
    first = run("--db", work, "import-xlsx", "--plan", 2, file, "--json")
    assert first.returncode == 0, first.stderr
    assert {k: json.loads(first.stdout)[k] for k in ("new", "changed", "progress")} == {
        "new": 0, "changed": 6, "progress": 3}
    after_first = plan_data(work)
    second = run("--db", work, "import-xlsx", "--plan", 2, file, "--json")
    assert second.returncode == 0, second.stderr
    assert {k: json.loads(second.stdout)[k] for k in ("new", "changed", "progress", "conflicts")} == {
        "new": 0, "changed": 0, "progress": 0, "conflicts": 0}
    assert plan_data(work) == after_first
    assert received(work) == [(file.name, "省财政厅", 6, 3), (file.name, "省财政厅", 0, 0)]  # received twice


def test_01_an_xls_resave_is_read_and_changes_nothing(work, tmp_path):
    before = plan_data(work)
    result = run("--db", work, "import-xlsx", "--plan", 2, case(tmp_path, "01_lo_resave.xls"), "--json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["new"], printed["changed"], printed["progress"], printed["errors"]) == (0, 0, 0, [])
    assert plan_data(work) == before


def test_a_bad_cell_stops_the_import_unless_bad_rows_are_skipped(work, tmp_path):
    file = tmp_path / "一格有误.csv"
    file.write_text("任务内容,状态\n"
                    "在省内重点流域全面建立市际横向生态保护补偿机制，实行水质水量双向考核,推进中\n"
                    "深化省以下基本公共服务领域财政事权和支出责任划分改革,差不多\n", encoding="utf-8-sig")
    before = dump(work)
    stopped = run("--db", work, "import-xlsx", "--plan", 2, file)
    assert stopped.returncode == 1 and without_traceback(stopped.stderr)
    assert "第 3 行 B 列：状态：“差不多”不是有效的状态" in stopped.stderr
    assert "--skip-bad-rows" in stopped.stderr and dump(work) == before
    assert "可导入 1 行，1 行有错误" in stopped.stdout  # the good row counted, not 0: it is what skipping keeps
    skipped = run("--db", work, "import-xlsx", "--plan", 2, file, "--skip-bad-rows", "--json")
    assert skipped.returncode == 0, skipped.stderr
    assert "第 3 行 B 列" in skipped.stderr
    printed = json.loads(skipped.stdout)
    assert (printed["changed"], printed["rows_ok"], printed["bad_rows"]) == (1, 1, 1)
    with sqlite3.connect(work) as connection:
        assert connection.execute("SELECT status FROM tasks WHERE plan_id = 2 AND code = '17.2'").fetchone() == (
            "推进中",)
        assert connection.execute("SELECT status FROM tasks WHERE plan_id = 2 AND code = '20.1'").fetchone() == (
            "已暂停",)


def test_a_map_to_a_unit_that_does_not_exist_is_refused(work, tmp_path):
    file = case(tmp_path, "09h2_unit_aliases_lead.xlsx")
    before = dump(work)
    result = run("--db", work, "import-xlsx", "--plan", 2, file, "--map", "财政厅=不存在的厅")
    assert result.returncode == 1 and without_traceback(result.stderr)
    assert dump(work) == before
    bad = run("--db", work, "import-xlsx", "--plan", 2, file, "--map", "财政厅")
    assert bad.returncode == 2 and "应写成 文件中的名称=单位目录中的单位" in bad.stderr


def test_skipping_bad_rows_of_files_that_cannot_be_read_at_all_never_creates_the_database(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    result = run("--db", tmp_path / "new.db", "import-xlsx", "--plan", 2, bad, "--skip-bad-rows")
    assert result.returncode == 1 and "已损坏" in result.stderr and without_traceback(result.stderr)
    assert not (tmp_path / "new.db").exists()


def test_a_file_from_another_plan_is_refused_even_when_bad_rows_may_be_skipped(work, tmp_path):
    # x4 was exported from fieldbase.db's plan: no row of it belongs here, so there is nothing to skip to.
    before = plan_data(work)
    for extra in ([], ["--skip-bad-rows"]):
        result = run("--db", work, "import-xlsx", "--plan", "2", case(tmp_path, "x4_zhcn_builtin_datefmt31.xlsx"),
                     *extra)
        assert result.returncode == 1 and result.stdout == "" and without_traceback(result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[0].endswith("该文件导出自另一个实施方案，不能导入到本方案；请选择本方案导出的台账。")
        assert lines[1:] == ["有错误，未导入任何内容。"]  # no hint to skip rows: none could be imported
    assert plan_data(work) == before and received(work) == []
