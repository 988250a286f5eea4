"""The whole plan's rows, read on a worker: 显示全部任务 waits for them painting, edits never leave them stale."""

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from planner.services import tasks


def slow_reader(monkeypatch, release: threading.Event, calls: list):
    real = tasks.read_plan_rows

    def read(db_path, plan_id):
        calls.append(threading.current_thread().name)
        release.wait(30)
        return real(db_path, plan_id)

    monkeypatch.setattr(tasks, "read_plan_rows", read)


def test_all_tasks_waits_for_the_read_with_progress_and_keeps_handling_events(window, monkeypatch):
    import planner.ui.plan_rows as plan_rows_module

    monkeypatch.setattr(plan_rows_module, "PROGRESS_AFTER_SECONDS", 0)
    release, calls, seen = threading.Event(), [], []
    slow_reader(monkeypatch, release, calls)
    window.plan_rows.forget(window._db_path, window._plan.id)

    def tick():
        dialog = next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)
        seen.append(dialog.labelText() if dialog else None)
        if len(seen) >= 3:
            release.set()

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(10)
    window.all_tasks.setChecked(True)  # returns once the worker has read the plan
    timer.stop()
    assert calls and calls[0].startswith("plan-rows")
    assert "正在读取整个方案的任务…" in seen
    assert window.task_model.rowCount() == len(tasks.list_tasks(window._db, window._plan.id))


def test_rows_read_before_an_edit_are_dropped_not_shown(window, qtbot, monkeypatch):
    from planner.services import task_edits

    release, calls = threading.Event(), []
    slow_reader(monkeypatch, release, calls)
    window.plan_rows.reload(window._db_path, window._plan.id)  # reading starts before the edit
    qtbot.waitUntil(lambda: len(calls) == 1)
    task_id = window.current_task_id()
    change = task_edits.update_field(window._db, task_id, "leader", "新任分管领导")
    window.refresh([change.task_id])
    release.set()
    window.all_tasks.setChecked(True)
    row = window.task_model.visible_row(task_id)
    assert window.task_model.row(row).task.leader == "新任分管领导"
    assert len(calls) == 2  # the first read was dropped and the plan read again
