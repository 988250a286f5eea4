"""The command line when things go wrong: backups, the recycle bin, --db rules, two writers, odd files."""

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from planner.exchange.ledger_layout import HEADER_ROW
from tests.cli_runner import dump, run, without_traceback
from tests.conftest import RESOURCES, ROOT

GUIDANCE = RESOURCES / "policy_regional_strategy_guidance.txt"
# Not one of the built-in documents: importing it into a new database adds it.
NEW_POLICY = ROOT / "tests" / "fixtures" / "texts" / "kangxi_clean_control.txt"


def returned(path, plan_id, file, cells: dict[str, str]):
    """Export the plan's 台账 to ``file`` and type ``cells`` into it, as a department would."""
    assert run("--db", path, "export-xlsx", "--plan", plan_id, file).returncode == 0
    workbook = load_workbook(file)
    for cell, value in cells.items():
        workbook["任务台账"][cell] = value
    workbook.save(file)
    return file


def lines(result) -> list[list[str]]:
    assert result.returncode == 0 and without_traceback(result.stderr), result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_backups_lists_one_line_each_and_restore_backup_brings_one_back(db, tmp_path):
    path, plan_id = db
    first = lines(run("--db", path, "backups"))  # the day's first start took the daily backup
    assert [(row[0].endswith("-daily.db"), row[2]) for row in first] == [(True, "每日自动备份")]
    assert int(first[0][3]) > 0 and len(first[0][1]) == len("2026-11-30 09:00:00")
    assert len(lines(run("--db", path, "backups"))) == 1  # at most once a day
    before = dump(path)
    file = returned(path, plan_id, tmp_path / "台账.xlsx", {f"K{HEADER_ROW + 1}": "已完成调研"})
    exported = dump(path)  # the export is remembered in the database
    applied = run("--db", path, "import-xlsx", "--plan", plan_id, file)
    assert applied.returncode == 0, applied.stderr
    listed = lines(run("--db", path, "backups"))
    assert [row[2] for row in listed] == ["每日自动备份", "导入台账前"]
    assert before != exported
    restored = run("--db", path, "restore-backup", listed[1][0])
    assert restored.returncode == 0 and without_traceback(restored.stderr), restored.stderr
    assert restored.stdout.startswith(f"已恢复备份 {listed[1][0]}")
    assert dump(path) == exported  # the state just before the import
    assert [row[2] for row in lines(run("--db", path, "backups"))] == ["每日自动备份", "导入台账前", "恢复备份前"]
    missing = run("--db", path, "restore-backup", "plan-20200101-000000-daily.db")
    assert missing.returncode == 1 and "没有名为" in missing.stderr and without_traceback(missing.stderr)


def test_deleted_lists_the_recycle_bin_and_restore_task_brings_one_back(db, builtin):
    path, plan_id = db
    from planner.services import task_edits, tasks, workspace

    opened = workspace.open_workspace(path, builtin)
    task = tasks.list_tasks(opened, plan_id)[0]
    task_edits.delete_tasks(opened, [task.id])
    opened.close()
    [row] = lines(run("--db", path, "deleted", "--plan", plan_id))
    assert row[0] == task.uid and row[1] == task.code and row[4] == task.content
    assert int(row[3]) >= 1  # its progress history went with it
    restored = run("--db", path, "restore-task", task.uid)
    assert restored.returncode == 0 and restored.stdout.strip() == f"已恢复任务 {task.code}：{task.content}"
    assert lines(run("--db", path, "deleted", "--plan", plan_id)) == []
    again = run("--db", path, "restore-task", task.uid)
    assert again.returncode == 1 and "不在回收站中" in again.stderr


COMMANDS = [
    ("parse-policy", GUIDANCE), ("plans",), ("demo",), ("import-policy", NEW_POLICY),
    ("export-xlsx", "--plan", "1", "OUT.xlsx"),
    ("import-xlsx", "--plan", "1", "IN.xlsx"), ("export-docx", "--plan", "1", "OUT.docx"), ("backups",),
    ("restore-backup", "x.db"), ("deleted", "--plan", "1"), ("restore-task", "abc"),
]
CREATING = {"demo", "import-policy"}
NO_DATABASE = {"parse-policy"}


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_db_in_a_folder_that_does_not_exist_is_refused_and_a_missing_file_made_only_by_starting_commands(
        command, tmp_path, db):
    existing, _plan_id = db
    returned(existing, 1, tmp_path / "IN.xlsx", {})  # a readable workbook, so the database is reached
    args = [str(tmp_path / a) if a in ("OUT.xlsx", "OUT.docx", "IN.xlsx") else a for a in command]
    typo = tmp_path / "typo" / "plan.db"
    refused = run("--db", typo, *args)
    assert refused.returncode == 1 and without_traceback(refused.stderr)
    assert refused.stderr.strip() == f"数据库所在的文件夹不存在：{typo.parent}"
    assert not typo.parent.exists()
    missing = tmp_path / "plann.db"
    result = run("--db", missing, *args)
    if command[0] in NO_DATABASE:
        assert result.returncode == 0 and not missing.exists(), result.stderr
    elif command[0] in CREATING:
        assert result.returncode == 0, result.stderr
        assert missing.exists()
    else:
        assert result.returncode == 1 and result.stderr.strip() == f"数据库文件不存在：{missing}"
        assert not missing.exists() and not (tmp_path / "OUT.xlsx").exists()


def test_the_window_is_refused_a_folder_that_does_not_exist(tmp_path):
    typo = tmp_path / "typo" / "plan.db"
    result = run("--db", typo, "--screenshot", tmp_path / "shot.png")
    assert result.returncode == 1 and without_traceback(result.stderr)
    assert "数据库所在的文件夹不存在" in result.stderr and not typo.parent.exists()


def test_two_processes_importing_at_once_both_succeed(db, tmp_path):
    path, plan_id = db
    first = returned(path, plan_id, tmp_path / "甲.xlsx", {f"K{HEADER_ROW + 1}": "甲单位的进展"})
    second = returned(path, plan_id, tmp_path / "乙.xlsx", {f"K{HEADER_ROW + 2}": "乙单位的进展"})
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    children = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(path), "import-xlsx",
                                  "--plan", str(plan_id), str(file)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env, encoding="utf-8")
                for file in (first, second)]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert all("新增进展 1 条" in out for out, _err in outputs)
    connection = sqlite3.connect(path)
    texts = {row[0] for row in connection.execute("SELECT text FROM progress_entries")}
    imports = list((path.parent / "backups").glob("plan-*-import*.db"))
    connection.close()
    assert {"甲单位的进展", "乙单位的进展"} <= texts
    assert len(imports) == 2


def test_export_over_a_read_only_file_is_refused_and_leaves_it_as_it_was(db, tmp_path):
    path, plan_id = db
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the copy sent to the leadership")
    target.chmod(0o444)
    result = run("--db", path, "export-xlsx", "--plan", plan_id, target)
    assert result.returncode == 1 and without_traceback(result.stderr)
    assert result.stderr.strip() == f"文件“{target}”是只读的，不能覆盖；请换一个文件名，或先取消它的只读属性。"
    assert target.read_bytes() == b"the copy sent to the leadership"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "backups") == ["plan.db", "台账.xlsx"]


def test_a_read_only_database_is_refused_naming_the_file_and_no_export_is_left(read_only_copy, tmp_path):
    path, before = read_only_copy
    out = tmp_path / "out.xlsx"
    for args in (("plans",), ("export-xlsx", "--plan", "1", out)):
        result = run("--db", path, *args)
        assert result.returncode == 1 and without_traceback(result.stderr), result.stderr
        assert str(path) in result.stderr and "只读" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and path.read_bytes() == before


def test_a_locked_database_leaves_no_exported_file_behind(db, tmp_path):
    path, plan_id = db
    before = dump(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        result = run("--db", path, "export-xlsx", "--plan", plan_id, tmp_path / "out.xlsx")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "占用" in result.stderr and without_traceback(result.stderr)
    assert not (tmp_path / "out.xlsx").exists()
    assert dump(path) == before


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 2 MB tmpfs: ``fill()`` leaves it with no space at all (root only)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; test_atomic_file injects ENOSPC instead")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"root here may not mount: {mounted.stderr!r}")

    def fill():
        with open(folder / "filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass  # full

    yield folder, fill
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_gives_one_line_and_no_traceback_and_changes_nothing(db, tmp_path, full_disk):
    path, plan_id = db
    folder, fill = full_disk
    on_full = folder / "plan.db"
    shutil.copy(path, on_full)
    file = returned(path, plan_id, tmp_path / "台账.xlsx", {f"K{row}": "新进展" * 50 for row in range(HEADER_ROW + 1, HEADER_ROW + 58)})
    fill()
    before = on_full.read_bytes()
    exported = run("--db", path, "export-docx", "--plan", plan_id, folder / "方案.docx")
    imported = run("--db", on_full, "import-xlsx", "--plan", plan_id, file)
    for result in (exported, imported):
        assert result.returncode == 1 and without_traceback(result.stderr), result.stderr
        assert "Exception ignored" not in result.stderr
    assert exported.stderr.strip() == "保存“方案.docx”失败（No space left on device），请检查磁盘空间和写入权限。"
    assert imported.stderr.strip().splitlines()[-1] == "磁盘空间已满，无法保存更改；请清理磁盘后重试。本次操作未保存任何更改。"
    assert on_full.read_bytes() == before
    assert not [p.name for p in folder.iterdir() if "方案" in p.name]  # no export, not even a temporary one
