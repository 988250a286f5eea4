"""Backups around imports, and restoring one: what the database and backups/ hold afterwards."""

import datetime as dt
import sqlite3

import pytest
from openpyxl import load_workbook
from sqlite_utils import Database

from planner.errors import UserError
from planner.services import backups, demo, excel, tasks, workspace
from planner.storage import backups as stored_backups
from planner.storage.migrations import MIGRATION_NAMES, migrations
from planner.exchange.ledger_layout import HEADER_ROW

TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def plan(tmp_path, builtin, demo_data):
    path = tmp_path / "plan.db"
    db = workspace.open_workspace(path, builtin)
    plan_id = demo.create_demo_plan(db, demo_data, today=TODAY)
    yield db, plan_id, path
    db.close()


def returned_file(db, plan_id, path, status_by_row: dict[int, str]):
    """Export the 台账 and set the status (column I) of its n-th task rows, as a department would."""
    excel.export_xlsx(db, plan_id, path)
    workbook = load_workbook(path)
    for row, status in status_by_row.items():
        workbook["任务台账"][f"I{HEADER_ROW + row}"] = status
    workbook.save(path)
    return path


def statuses(db, plan_id) -> list[str]:
    return [task.status.value for task in tasks.list_tasks(db, plan_id)]


def test_an_applied_import_is_backed_up_first_into_backups(plan, tmp_path):
    db, plan_id, path = plan
    before = statuses(db, plan_id)
    change_set = excel.compare_import(db, plan_id, [returned_file(db, plan_id, tmp_path / "a.xlsx", {1: "已暂停"})],
                                      today=TODAY)
    result = excel.apply_import(db, plan_id, change_set)
    assert result.backup.parent == tmp_path / "backups" and result.backup.name.endswith("-import.db")
    copy = Database(sqlite3.connect(f"{result.backup.as_uri()}?mode=ro", uri=True))
    assert [t.status.value for t in tasks.list_tasks(copy, plan_id)] == before
    copy.close()
    assert statuses(db, plan_id) != before
    listed = backups.list_backups(db)
    assert [(b.name, b.label, b.task_count) for b in listed] == [
        (result.backup.name, "导入台账前", len(before))]


def test_a_refused_import_and_an_empty_one_leave_no_backup(plan, tmp_path):
    db, plan_id, path = plan
    change_set = excel.compare_import(db, plan_id, [returned_file(db, plan_id, tmp_path / "a.xlsx", {1: "已暂停"})],
                                      today=TODAY)
    update = change_set.updates[0]
    from planner.services import task_edits

    other = next(s for s in ("未启动", "推进中", "已完成") if s not in (update.old.value, update.new.value))
    task_edits.update_field(db, update.task_id, "status", other)  # changed in the window after the preview
    with pytest.raises(UserError, match="预览之后已被修改"):
        excel.apply_import(db, plan_id, change_set)
    unchanged = excel.compare_import(db, plan_id, [returned_file(db, plan_id, tmp_path / "b.xlsx", {})], today=TODAY)
    assert excel.apply_import(db, plan_id, unchanged).backup is None
    assert backups.list_backups(db) == []
    assert not list((tmp_path / "backups").glob("*"))


def test_two_imports_one_after_the_other_keep_two_backups(plan, tmp_path):
    db, plan_id, path = plan
    first = excel.apply_import(db, plan_id, excel.compare_import(
        db, plan_id, [returned_file(db, plan_id, tmp_path / "a.xlsx", {1: "已暂停"})], today=TODAY))
    second = excel.apply_import(db, plan_id, excel.compare_import(
        db, plan_id, [returned_file(db, plan_id, tmp_path / "b.xlsx", {2: "已暂停"})], today=TODAY))
    assert first.backup != second.backup and first.backup.exists() and second.backup.exists()


def test_restoring_a_backup_brings_its_content_back_and_keeps_the_current_one(plan, tmp_path):
    db, plan_id, path = plan
    before = statuses(db, plan_id)
    result = excel.apply_import(db, plan_id, excel.compare_import(
        db, plan_id, [returned_file(db, plan_id, tmp_path / "a.xlsx", {1: "已暂停"})], today=TODAY))
    after = statuses(db, plan_id)
    restored = backups.restore_backup(db, result.backup.name)
    assert statuses(db, plan_id) == before
    assert restored.restored.name == result.backup.name
    assert restored.kept.name.endswith("-restore.db") and stored_backups.task_count(restored.kept) == len(after)
    kept = Database(sqlite3.connect(f"{restored.kept.as_uri()}?mode=ro", uri=True))
    assert [t.status.value for t in tasks.list_tasks(kept, plan_id)] == after
    kept.close()
    # … and that one can be restored in turn.
    backups.restore_backup(db, restored.kept.name)
    assert statuses(db, plan_id) == after


def test_a_backup_from_an_older_version_is_migrated_when_restored(plan, tmp_path):
    db, plan_id, path = plan
    old = tmp_path / "backups" / "plan-20240101-080000-daily.db"
    old.parent.mkdir(exist_ok=True)
    older = Database(old)
    migrations().apply(older, stop_before="m002_unit_aliases")
    older.close()
    backups.restore_backup(db, old.name)
    assert [m.name for m in migrations().applied(db)] == MIGRATION_NAMES
    assert "unit_aliases" in db.table_names()


def test_restoring_an_unknown_or_broken_backup_is_refused_and_changes_nothing(plan, tmp_path):
    db, plan_id, path = plan
    before = statuses(db, plan_id)
    with pytest.raises(UserError, match="没有名为“nope.db”的备份"):
        backups.restore_backup(db, "nope.db")
    broken = tmp_path / "backups" / "plan-20240101-080000-daily.db"
    broken.parent.mkdir(exist_ok=True)
    broken.write_bytes(b"not a database" * 100)
    with pytest.raises(UserError, match="已损坏或不是本程序的数据库"):
        backups.restore_backup(db, broken.name)
    assert statuses(db, plan_id) == before
    assert [b.kind for b in stored_backups.list_backups(path)] == ["daily"]  # no "before restore" copy either


def test_the_daily_backup_is_taken_once_and_a_failure_is_only_a_warning(plan, tmp_path, monkeypatch):
    db, plan_id, path = plan
    assert workspace.daily_backup(db) is None
    assert workspace.daily_backup(db) is None
    assert [b.label for b in backups.list_backups(db)] == ["每日自动备份"]

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stored_backups, "take_daily_backup", full)
    warning = workspace.daily_backup(db)
    assert warning is not None and "自动备份未能完成" in warning and "No space left on device" in warning
