"""The 回收站: deleted tasks keep their history, survive a restart, come back, or go after a backup."""

import datetime as dt

import pytest

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.errors import UserError
from planner.services import backups, plans, progress, recycle_bin, task_edits, tasks, workspace
from planner.storage import backups as stored_backups


@pytest.fixture
def plan(tmp_path, builtin):
    """(path, plan id, [task ids]): three tasks under item 1, the second with two progress notes."""
    path = tmp_path / "plan.db"
    db = workspace.open_workspace(path, builtin)
    plan = plans.most_recent_plan(db)
    item_id = next(db.query("SELECT id FROM items WHERE number = 1"))["id"]
    ids = tasks.bulk_create_tasks(db, plan.id, [
        NewTask(item_id=item_id, content=text, lead_unit="省财政厅") for text in ("甲任务", "乙任务", "丙任务")])
    for day, text in ((1, "已召开专题会"), (20, "方案已报省政府")):
        progress.add_progress(db, ids[1], ProgressEntry(date=dt.date(2026, 3, day), text=text,
                                                        status=Status.IN_PROGRESS))
    db.close()
    return path, plan.id, ids


def test_a_deleted_task_with_its_history_is_listed_after_a_restart_and_restored_in_place(plan, builtin):
    path, plan_id, ids = plan
    db = workspace.open_workspace(path, builtin)
    task_edits.delete_tasks(db, [ids[1]])
    db.close()

    db = workspace.open_workspace(path, builtin)  # the next day
    [deleted] = recycle_bin.deleted_tasks(db, plan_id)
    assert deleted.task.id == ids[1] and deleted.task.content == "乙任务"
    assert [entry.text for entry in deleted.progress] == ["方案已报省政府", "已召开专题会"]
    assert deleted.deleted_at[:4].isdigit()
    assert [t.content for t in tasks.list_tasks(db, plan_id)] == ["甲任务", "丙任务"]
    restored = recycle_bin.restore_by_uid(db, deleted.task.uid)
    assert restored.content == "乙任务"
    assert [t.content for t in tasks.list_tasks(db, plan_id)] == ["甲任务", "乙任务", "丙任务"]
    assert [entry.text for entry in progress.history(db, ids[1])] == ["方案已报省政府", "已召开专题会"]
    assert recycle_bin.deleted_tasks(db, plan_id) == []
    db.close()


def test_restoring_a_uid_that_is_unknown_or_not_deleted_is_refused(plan, builtin):
    path, plan_id, ids = plan
    db = workspace.open_workspace(path, builtin)
    live = tasks.list_tasks(db, plan_id)[0]
    with pytest.raises(UserError, match="没有编号为“nope”的任务"):
        recycle_bin.restore_by_uid(db, "nope")
    with pytest.raises(UserError, match="不在回收站中"):
        recycle_bin.restore_by_uid(db, live.uid)
    db.close()


def test_emptying_removes_tasks_and_history_for_good_after_a_backup(plan, builtin):
    path, plan_id, ids = plan
    db = workspace.open_workspace(path, builtin)
    task_edits.delete_tasks(db, ids[:2])
    assert recycle_bin.empty(db, plan_id) == 2
    assert recycle_bin.deleted_tasks(db, plan_id) == []
    assert [t.content for t in tasks.list_tasks(db, plan_id)] == ["丙任务"]
    assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == 0
    [backup] = backups.list_backups(db)
    assert backup.label == "清空回收站前"
    copy = stored_backups.read_backup(backup.path)
    assert copy.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == 2
    copy.close()
    assert recycle_bin.empty(db, plan_id) == 0  # nothing left: no second backup
    assert len(backups.list_backups(db)) == 1
    db.close()
