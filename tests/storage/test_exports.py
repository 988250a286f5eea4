"""Remembered exports: snapshots by plan uid and time, pruning, task owners, grouped updates."""

import pytest

from planner.domain.model import NewTask
from planner.storage import exports, plans, tasks
from planner.storage.database import open_memory_database


def test_a_snapshot_is_found_by_plan_uid_and_export_time(stored):
    db, plan, document = stored
    exports.record_export(db, plan_id=plan.id, plan_uid=plan.uid, exported_at="2025-03-01T09:00:00",
                          file_name="台账.xlsx", snapshots={"u1": {"content": "甲"}, "u2": {"content": "乙"}})
    assert exports.load_snapshot(db, plan.uid, "2025-03-01T09:00:00") == {"u1": {"content": "甲"},
                                                                          "u2": {"content": "乙"}}
    assert exports.load_snapshot(db, plan.uid, "2025-03-01T09:00:01") is None
    assert exports.load_snapshot(db, "other", "2025-03-01T09:00:00") is None
    assert exports.list_exports(db, plan.id)[0]["task_count"] == 2


def test_only_the_latest_exports_of_a_plan_are_kept(stored, monkeypatch):
    db, plan, document = stored
    monkeypatch.setattr(exports, "KEEP_EXPORTS", 2)
    for minute in range(4):
        exports.record_export(db, plan_id=plan.id, plan_uid=plan.uid, exported_at=f"2025-03-01T09:0{minute}:00",
                              file_name="t.xlsx", snapshots={"u": {"n": minute}})
    assert [e["exported_at"] for e in exports.list_exports(db, plan.id)] == [
        "2025-03-01T09:02:00", "2025-03-01T09:03:00"]
    assert db.execute("SELECT count(*) FROM export_snapshots").fetchone()[0] == 2  # cascaded


def test_task_owners_tell_plan_and_deletion(stored):
    db, plan, document = stored
    other = plans.create_plan(db, document_id=document.id, name="另一方案")
    item = document.items[0].id
    first = tasks.insert_tasks(db, plan.id, [NewTask(item_id=item, content="甲")])[0]
    second = tasks.insert_tasks(db, other.id, [NewTask(item_id=item, content="乙")])[0]
    tasks.soft_delete_task(db, first)
    uids = {t.id: t.uid for t in tasks.list_tasks(db, plan.id, include_deleted=True) + tasks.list_tasks(db, other.id)}
    owners = exports.task_owners(db, [uids[first], uids[second], "f" * 32])
    assert owners == {uids[first]: exports.TaskOwner(first, plan.id, True),
                      uids[second]: exports.TaskOwner(second, other.id, False)}


def test_grouped_updates_set_only_known_columns(stored):
    db, plan, document = stored
    ids = tasks.insert_tasks(db, plan.id, [NewTask(item_id=document.items[0].id, content=c) for c in "甲乙"])
    exports.apply_task_updates(db, [(ids[0], {"note": "一", "percent": 30}), (ids[1], {"note": "二"})],
                               "2025-03-01T09:00:00")
    stored_tasks = {t.id: t for t in tasks.list_tasks(db, plan.id)}
    assert (stored_tasks[ids[0]].note, stored_tasks[ids[0]].percent) == ("一", 30)
    assert (stored_tasks[ids[1]].note, stored_tasks[ids[1]].percent) == ("二", 0)
    with pytest.raises(ValueError, match="not updatable"):
        exports.apply_task_updates(db, [(ids[0], {"plan_id": 2})], "2025-03-01T09:00:00")


def test_the_database_file_is_known_and_memory_has_none(stored):
    db, plan, document = stored
    assert exports.database_file(db).endswith("store.db")
    memory = open_memory_database()
    assert exports.database_file(memory) == ""
    memory.close()


def test_m005_adds_the_received_returns_table_with_its_columns(stored):
    db, plan, document = stored
    assert [(c.name, c.type, c.notnull) for c in db["ledger_returns"].columns] == [
        ("id", "INTEGER", 0), ("plan_id", "INTEGER", 1), ("file_name", "TEXT", 1), ("unit", "TEXT", 1),
        ("exported_at", "TEXT", 1), ("received_at", "TEXT", 1), ("new_tasks", "INTEGER", 1),
        ("changed_fields", "INTEGER", 1), ("progress_entries", "INTEGER", 1)]
    from planner.storage import ledger_returns

    first = ledger_returns.record_return(db, plan.id, ledger_returns.ReceivedReturn(
        "省财政厅.xlsx", "省财政厅", "2026-11-30T13:46:30", "2026-12-01T09:00:00"))
    assert ledger_returns.list_returns(db, plan.id)[0].unit == "省财政厅"
    ledger_returns.delete_returns(db, [first])
    assert ledger_returns.list_returns(db, plan.id) == []
