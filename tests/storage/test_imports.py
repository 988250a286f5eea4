"""Taking back what an import added: purged tasks take their history and links along; aliases go."""

import datetime as dt

from planner.domain.model import NewTask, ProgressEntry
from planner.storage import imports, tasks, units


def test_purged_tasks_leave_no_history_links_or_search_entries(stored):
    db, plan, document = stored
    entry = ProgressEntry(date=dt.date(2025, 3, 1), text="导入的进展")
    keep, drop = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=document.items[0].id, content="保留的任务", support_units=("省财政厅",), progress=(entry,)),
        NewTask(item_id=document.items[0].id, content="导入新增的任务", support_units=("省财政厅",), progress=(entry,))])
    imports.purge_tasks(db, [drop])
    assert [t.id for t in tasks.list_tasks(db, plan.id, include_deleted=True)] == [keep]
    assert db.execute("SELECT count(*) FROM progress_entries WHERE task_id = ?", [drop]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM task_support_units WHERE task_id = ?", [drop]).fetchone()[0] == 0
    assert db.execute("SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH '导入新增'").fetchall() == []
    assert len(tasks.list_progress(db, keep)) == 1


def test_remembered_aliases_are_removed(stored):
    db, plan, document = stored
    units.add_units(db, ["省发展改革委"])
    units.add_aliases(db, {"发改": "省发展改革委", "省发改委": "省发展改革委"})
    imports.remove_aliases(db, ["发改"])
    assert units.alias_names(db) == {"省发改委": "省发展改革委"}
