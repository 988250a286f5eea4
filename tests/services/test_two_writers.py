"""Two writers on one database: the second waits for the first's write lock and then succeeds."""

import datetime as dt
import sqlite3
import threading

from openpyxl import load_workbook

from planner.services import demo, excel, progress, tasks, workspace
from planner.storage import backups
from planner.exchange.ledger_layout import HEADER_ROW

TODAY = dt.date(2025, 3, 10)
HOLD_SECONDS = 2.0  # the case; below the 5 s busy timeout


def test_an_import_while_another_connection_holds_the_write_lock_for_two_seconds_waits_and_succeeds(
        tmp_path, builtin, demo_data):
    path = tmp_path / "plan.db"
    db = workspace.open_workspace(path, builtin)
    plan_id = demo.create_demo_plan(db, demo_data, today=TODAY)
    file = tmp_path / "台账.xlsx"
    excel.export_xlsx(db, plan_id, file)
    workbook = load_workbook(file)
    workbook["任务台账"][f"K{HEADER_ROW + 1}"] = "返回的进展"  # the first task's 最新进展
    workbook.save(file)
    change_set = excel.compare_import(db, plan_id, [file], today=TODAY)

    locked, done = threading.Event(), threading.Event()

    def other_program():
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('另一程序写入的单位', 99, 'x')")
        locked.set()
        done.wait(HOLD_SECONDS)  # holds the lock this long (nothing sets done: it is the clock)
        connection.execute("COMMIT")
        connection.close()

    holder = threading.Thread(target=other_program)
    holder.start()
    try:
        assert locked.wait(10)
        result = excel.apply_import(db, plan_id, change_set)  # waits for the lock, does not fail
    finally:
        holder.join()
    [entry] = [p for p in change_set.progress]
    assert progress.history(db, entry.task_id)[0].text == "返回的进展"
    assert "另一程序写入的单位" in {row["name"] for row in db.query("SELECT name FROM units")}
    # The backup was taken under the import's own lock, after the other program's commit.
    copy = backups.read_backup(result.backup)
    assert "另一程序写入的单位" in {row["name"] for row in copy.query("SELECT name FROM units")}
    assert "返回的进展" not in {row["text"] for row in copy.query("SELECT text FROM progress_entries")}
    copy.close()
    assert len(tasks.list_tasks(db, plan_id)) > 0
    db.close()
