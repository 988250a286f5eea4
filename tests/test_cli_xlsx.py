"""export-xlsx and import-xlsx through subprocess: JSON shape, exit codes, the database untouched on errors."""

import json
import subprocess
import sys

from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.cli_runner import dump, run, without_traceback

ORIGINAL_KEYS = ["new", "changed", "progress", "conflicts", "unknown_units", "errors"]


def summary(result) -> dict:
    """The six keys `import-xlsx --json` has always printed (first, in this order); added keys are allowed."""
    assert without_traceback(result.stderr), result.stderr
    printed = json.loads(result.stdout)
    assert list(printed)[:6] == ORIGINAL_KEYS
    return {key: printed[key] for key in ORIGINAL_KEYS}


def export_and_fill(path, plan_id, file, cells: dict[str, str]):
    """Export the plan's 台账 to ``file`` and type ``cells`` into it, as a department would."""
    assert run("--db", path, "export-xlsx", "--plan", plan_id, file).returncode == 0
    workbook = load_workbook(file)
    sheet = workbook["任务台账"]
    for cell, value in cells.items():
        sheet[cell] = value
    workbook.save(file)
    return file


def test_export_then_import_dry_run_reports_no_changes(db, tmp_path):
    path, plan_id = db
    exported = run("--db", path, "export-xlsx", "--plan", plan_id, tmp_path / "台账.xlsx")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("已导出 ")
    assert load_workbook(tmp_path / "台账.xlsx")["任务台账"]["A3"].value == "序号"  # under the title and the 填报说明
    before = dump(path)
    result = run("--db", path, "import-xlsx", "--plan", plan_id, tmp_path / "台账.xlsx", "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    assert summary(result) == {"new": 0, "changed": 0, "progress": 0, "conflicts": 0, "unknown_units": [],
                               "errors": []}
    assert dump(path) == before


def test_edits_are_previewed_by_dry_run_and_applied_without_it(db, tmp_path):
    path, plan_id = db
    file = export_and_fill(path, plan_id, tmp_path / "台账.xlsx",
                           {"M4": "请省财政厅配合", "K5": "完成调研", "E6": "省财政厅、新设的办公室"})
    before = dump(path)
    preview = run("--db", path, "import-xlsx", "--plan", plan_id, file, "--dry-run", "--json")
    assert preview.returncode == 0, preview.stderr
    assert summary(preview) == {"new": 0, "changed": 2, "progress": 1, "conflicts": 0,
                                "unknown_units": ["新设的办公室"], "errors": []}
    assert dump(path) == before
    refused = run("--db", path, "import-xlsx", "--plan", plan_id, file)
    assert refused.returncode == 1 and "单位“新设的办公室”不在单位目录中" in refused.stderr
    assert "--create-units" in refused.stderr and dump(path) == before
    applied = run("--db", path, "import-xlsx", "--plan", plan_id, file, "--create-units")
    assert applied.returncode == 0, applied.stderr
    assert "已导入：新增任务 0 项，修改字段 2 处，新增进展 1 条" in applied.stdout
    assert "新设的办公室" in applied.stderr  # added to the directory, and said so
    assert list((path.parent / "backups").glob("plan-*-import.db"))
    again = run("--db", path, "import-xlsx", "--plan", plan_id, file, "--json")
    assert summary(again)["changed"] == 0 and summary(again)["progress"] == 0


def test_errors_are_located_in_json_exit_non_zero_and_change_nothing(db, tmp_path):
    path, plan_id = db
    file = export_and_fill(path, plan_id, tmp_path / "返回.xlsx", {"I4": "差不多", "M5": "这条是好的"})
    before = dump(path)
    for extra in (["--dry-run"], []):
        result = run("--db", path, "import-xlsx", "--plan", plan_id, file, "--json", *extra)
        assert result.returncode == 1
        report = summary(result)
        assert report["errors"] == [{"file": "返回.xlsx", "sheet": "任务台账", "row": 4, "column": "I",
                                     "message": report["errors"][0]["message"]}]
        assert "不是有效的状态" in report["errors"][0]["message"]
        assert "“返回.xlsx”，工作表“任务台账”，第 4 行 I 列" in result.stderr
        assert dump(path) == before


def test_several_files_at_once_and_a_bad_one_among_them(db, tmp_path):
    path, plan_id = db
    units = tmp_path / "分发"
    exported = run("--db", path, "export-xlsx", "--plan", plan_id, "--by-unit", units)
    assert exported.returncode == 0, exported.stderr
    files = sorted(units.glob("*.xlsx"))
    assert len(files) > 5 and (units / "省财政厅.xlsx").exists()
    (tmp_path / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    before = dump(path)
    result = run("--db", path, "import-xlsx", "--plan", plan_id, *files, tmp_path / "旧表.xls", "--json")
    assert result.returncode == 1
    assert summary(result)["errors"][0]["file"] == "旧表.xls" and summary(result)["errors"][0]["row"] == 0
    assert dump(path) == before


def test_a_missing_workbook_does_not_even_create_the_database(tmp_path):
    db = tmp_path / "never.db"
    result = run("--db", db, "import-xlsx", "--plan", "1", tmp_path / "missing.xlsx", "--json")
    assert result.returncode == 1
    assert "找不到文件" in result.stderr and not db.exists()


def test_export_needs_exactly_one_target_and_an_existing_plan(db, tmp_path):
    path, plan_id = db
    assert run("--db", path, "export-xlsx", "--plan", plan_id).returncode == 2
    both = run("--db", path, "export-xlsx", "--plan", plan_id, tmp_path / "a.xlsx", "--by-unit", tmp_path)
    assert both.returncode == 2 and "命令行参数有误" in both.stderr
    missing = run("--db", path, "export-xlsx", "--plan", "999", tmp_path / "a.xlsx")
    assert missing.returncode == 1 and "没有编号为 999" in missing.stderr and without_traceback(missing.stderr)


def test_openpyxl_is_not_loaded_until_an_excel_command_runs():
    code = ("import sys, planner.cli, planner.services.excel, planner.exchange.xlsx_import; "
            "print(sorted(m for m in ('openpyxl', 'defusedxml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
