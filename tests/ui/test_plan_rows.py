"""The whole plan's rows, read on a worker: 显示全部任务 waits for them painting, edits never leave them stale."""

import threading

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from planner.domain.model import ProgressEntry
from planner.services import tasks
from tests.ui.conftest import TODAY


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


def test_an_edit_made_while_the_plan_is_read_shows_in_the_rows_read(window, qtbot, monkeypatch):
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
    assert len(calls) == 1  # the read was kept, with the edited row put in


def test_an_edit_made_after_the_read_ended_but_before_its_rows_arrived_shows(window, qtbot, monkeypatch):
    from planner.services import progress, task_edits

    release, calls = threading.Event(), []
    slow_reader(monkeypatch, release, calls)
    window.plan_rows.reload(window._db_path, window._plan.id)
    qtbot.waitUntil(lambda: len(calls) == 1)
    release.set()
    window.plan_rows._thread.join()  # read, its rows not yet handed to the window (no events run)
    task_id = window.current_task_id()
    window.refresh([task_edits.update_field(window._db, task_id, "status", "已暂停").task_id])
    progress.add_progress(window._db, task_id, ProgressEntry(date=TODAY, text="因机构调整暂停"))
    window.refresh([task_id])
    window.all_tasks.setChecked(True)
    shown = window.task_model.row(window.task_model.visible_row(task_id))
    assert (shown.task.status.value, shown.latest_text) == ("已暂停", "因机构调整暂停")
    assert len(calls) == 1


def test_a_failed_read_is_read_again_when_the_rows_are_next_needed(window, monkeypatch):
    import sqlite3

    real, calls = tasks.read_plan_rows, []

    def read(db_path, plan_id):
        calls.append(plan_id)
        if len(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db_path, plan_id)

    monkeypatch.setattr(tasks, "read_plan_rows", read)
    window.plan_rows.reload(window._db_path, window._plan.id)
    window.plan_rows._thread.join()
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):  # where the rows were wanted
        window.plan_rows.wait()
    assert not window.plan_rows.loading()
    assert len(window.plan_rows.rows()) == len(tasks.list_tasks(window._db, window._plan.id))
    assert len(calls) == 2
