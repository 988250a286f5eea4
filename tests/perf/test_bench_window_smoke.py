"""The window benchmark runs at a small size so it cannot rot; no timing is asserted here."""

import datetime as dt
import sqlite3

from planner.exchange.builtin import load_builtin, load_demo
from planner.services import demo, task_edits, tasks, workspace
from planner.ui.task_table_model import Column, TaskTableModel
from tests.perf import bench_window

# The table's columns the bare script reads, in its order.
TODAY = dt.date(2026, 11, 21)
BARE_COLUMNS = [Column.CODE, Column.CONTENT, Column.LEAD, Column.SUPPORT, Column.LEADER, Column.DEADLINE,
                Column.STATUS, Column.PERCENT, Column.LATEST]


def test_bench_window_runs_and_prints_its_figures(capsys, qapp):
    figures = bench_window.run(count=300, repeat=1, uncached=False)
    assert figures["app"] > 0 and figures["bare"] > 0 and figures["bare7"] > 0 and figures["bare7_storage"] > 0 and figures["filters"]
    out = capsys.readouterr().out
    assert figures["all_tasks"] > 0 and figures["all_tasks_at_start"] > 0
    assert "ratio" in out and "same strings" in out and "seven-column" in out and "text filter" in out
    assert "显示全部任务" in out


def test_the_bare_table_reads_the_strings_the_task_table_shows(tmp_path, qapp):
    """The baseline is only fair if it shows what the app shows: compare them cell by cell."""
    resources = bench_window.ROOT / "resources"
    path = tmp_path / "plan.db"
    db = workspace.open_workspace(path, load_builtin(resources))
    plan_id = demo.create_demo_plan(db, load_demo(resources), today=TODAY)
    first = tasks.list_tasks(db, plan_id)[0]
    task_edits.delete_tasks(db, [first.id])  # the table hides deleted tasks; so must the bare
    model = TaskTableModel()
    model.set_rows(tasks.task_rows(db, plan_id), today=TODAY, warning_days=30)
    db.close()
    shown = sorted(tuple(_cell(model, row, column) for column in BARE_COLUMNS) for row in range(model.rowCount()))

    connection = sqlite3.connect(path)
    bare = sorted(tuple(_same_order(column, value) for column, value in zip(BARE_COLUMNS, row))
                  for row in connection.execute(bench_window.SAME_STRINGS))
    connection.close()

    assert any(row[3] for row in shown) and any(row[8] for row in shown)  # units and progress are there
    assert bare == shown


def _cell(model: TaskTableModel, row: int, column: Column) -> str:
    return _same_order(column, model.index(row, column).data())


def _same_order(column: Column, text: str) -> str:
    # The bare script lists a task's cooperating units in whichever order SQLite groups them.
    return "、".join(sorted(text.split("、"))) if column is Column.SUPPORT else text
