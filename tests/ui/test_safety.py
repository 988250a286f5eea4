"""In the window: the 回收站 across a restart, 恢复备份…, the crash dialog, a second window told."""

import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner.exchange.builtin import load_keyword_units
from planner.services import backups, progress, recycle_bin, task_edits, tasks, workspace
from planner.ui.crash_dialog import BugHandler, CrashDialog
from planner.ui.dialogs.backups_dialog import BackupsDialog
from planner.ui.dialogs.recycle_bin_dialog import RecycleBinDialog
from planner.ui.main_window import MainWindow
from planner.ui.window_lock import WindowLock
from tests.conftest import RESOURCES
from tests.ui.conftest import TODAY, WORD_TEMPLATE


def open_window(qtbot, db, path, builtin) -> MainWindow:
    main = MainWindow(db, db_path=path, builtin=builtin, keyword_units=load_keyword_units(RESOURCES),
                      word_template=WORD_TEMPLATE, today=TODAY)
    main.errors = []
    main.show_error = main.errors.append
    main.show_info = main.errors.append
    qtbot.addWidget(main)
    main.show()
    return main


def shown_contents(window) -> list[str]:
    return [window.task_model.row(r).task.content for r in range(window.task_model.rowCount())]


def opened_dialog(monkeypatch, cls):
    """Let ``cls.exec`` return at once and hand the dialog to the test, which then clicks in it."""
    opened = []
    monkeypatch.setattr(cls, "exec", lambda self: opened.append(self) or 0)
    return opened


def test_a_deleted_task_is_in_the_recycle_bin_after_a_restart_and_comes_back(window, qtbot, builtin, tmp_path,
                                                                             monkeypatch):
    window.all_tasks.setChecked(True)
    window.task_view.selectRow(0)
    deleted = window.task_model.row(0).task
    history = [entry.text for entry in progress.history(window._db, deleted.id)]
    assert history  # the demo task has progress notes
    window.confirm = lambda question: True
    window.delete_selected()
    assert deleted.content not in shown_contents(window)
    window.close()
    window._db.close()

    db = workspace.open_workspace(tmp_path / "plan.db", builtin)  # the next start
    again = open_window(qtbot, db, tmp_path / "plan.db", builtin)
    again.plan_combo.setCurrentIndex(again.plan_combo.findText(window.plan_combo.currentText()))
    again.all_tasks.setChecked(True)
    opened = opened_dialog(monkeypatch, RecycleBinDialog)
    action = next(a for m in again.menuBar().actions() for a in m.menu().actions() if a.text() == "回收站…")
    action.trigger()
    [dialog] = opened
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == deleted.content
    assert dialog.table.item(0, 4).text() == f"{len(history)} 条"
    dialog.table.selectRow(0)
    assert dialog.history.toPlainText().splitlines()[0].split("  ", 1)[1].startswith(history[0])
    dialog.restore_button.click()
    assert dialog.table.rowCount() == 0 and dialog.summary.text() == "回收站是空的。"
    assert deleted.content in shown_contents(again)
    assert [e.text for e in progress.history(db, deleted.id)] == history


def test_the_recycle_bin_is_emptied_only_after_confirmation(window, monkeypatch):
    window.all_tasks.setChecked(True)
    plan_id = window._plan.id
    doomed = window.task_model.row(0).task
    task_edits.delete_tasks(window._db, [doomed.id])
    opened = opened_dialog(monkeypatch, RecycleBinDialog)
    questions = []
    window.confirm = lambda question: questions.append(question) or False
    from planner.ui import safety_menu

    safety_menu.show_recycle_bin(window)
    [dialog] = opened
    dialog.empty_button.click()
    assert "永久删除回收站中的 1 项任务" in questions[0]
    assert [d.task.id for d in recycle_bin.deleted_tasks(window._db, plan_id)] == [doomed.id]  # said no
    window.confirm = lambda question: True
    dialog.empty_button.click()
    assert recycle_bin.deleted_tasks(window._db, plan_id) == [] and dialog.table.rowCount() == 0
    assert window._db.execute("SELECT count(*) FROM tasks WHERE id = ?", [doomed.id]).fetchone()[0] == 0
    assert [b.label for b in backups.list_backups(window._db)] == ["清空回收站前"]


def test_restore_backup_lists_backups_and_restores_the_chosen_one(window, monkeypatch):
    window.all_tasks.setChecked(True)
    before = shown_contents(window)
    workspace.daily_backup(window._db)
    task_edits.delete_tasks(window._db, [window.task_model.row(0).task.id])
    window.refresh(None)
    assert shown_contents(window) == before[1:]
    listed = []

    def choose(parent, infos):
        listed.extend(infos)
        dialog = BackupsDialog(infos, parent)
        assert dialog.table.item(0, 1).text() == "每日自动备份"
        assert dialog.table.item(0, 2).text() == str(len(tasks.list_tasks(window._db, window._plan.id)) + 1)
        return dialog.chosen()

    monkeypatch.setattr(BackupsDialog, "ask", staticmethod(choose))
    questions = []
    window.confirm = lambda question: questions.append(question) or True
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text() == "恢复备份…")
    action.trigger()
    assert len(listed) == 1 and "当前内容会先另存为一个备份" in questions[0]
    window.all_tasks.setChecked(True)
    assert shown_contents(window) == before
    assert [b.label for b in backups.list_backups(window._db)] == ["每日自动备份", "恢复备份前"]
    assert "已恢复备份" in window.statusBar().currentMessage()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_the_window_is_logged_shown_with_copyable_details_and_the_app_goes_on(
        window, qtbot, monkeypatch, isolated_data):
    from planner import app

    handler = BugHandler(app._log_details)
    handler.window = window
    monkeypatch.setattr(sys, "excepthook", handler.excepthook)
    monkeypatch.setattr(threading, "excepthook", handler.thread_excepthook)

    def broken_slot():
        raise ZeroDivisionError("一个缺陷")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(handler.dialogs))
    [dialog] = handler.dialogs
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert "ZeroDivisionError: 一个缺陷" in dialog.text.toPlainText()
    assert str(isolated_data / "crash.log") in dialog.message.text()
    dialog.copy_button.click()
    assert "ZeroDivisionError: 一个缺陷" in QApplication.clipboard().text()
    assert "ZeroDivisionError: 一个缺陷" in (isolated_data / "crash.log").read_text(encoding="utf-8")
    dialog.close()
    assert window.isVisible()
    window.all_tasks.setChecked(True)  # the window still works
    assert window.task_model.rowCount() > 0

    worker = threading.Thread(target=lambda: 1 / 0, name="导出线程")
    worker.start()
    worker.join()
    # The first dialog deletes itself once closed, and is dropped from the list at the next bug.
    from planner.ui.crash_dialog import _alive

    qtbot.waitUntil(lambda: any(_alive(d) for d in handler.dialogs))
    assert "（后台线程 导出线程）" in handler.dialogs[-1].text.toPlainText()
    assert (isolated_data / "crash.log").read_text(encoding="utf-8").count("Traceback (most recent call last)") == 2
    handler.dialogs[-1].close()


def test_a_second_window_on_the_same_database_is_told_it_is_open_elsewhere(tmp_path):
    path = tmp_path / "plan.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from PySide6.QtCore import QLockFile; lock = QLockFile(sys.argv[1]); "
         "lock.setStaleLockTime(0); print(lock.tryLock(0), flush=True); sys.stdin.read()", f"{path}.lock"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"  # the first window has it
        second = WindowLock(path)
        warning = second.acquire()
        assert warning is not None and "数据库“plan.db”已在另一个窗口中打开" in warning
        assert f"进程 {holder.pid}" in warning
    finally:
        holder.communicate("", timeout=30)
    assert WindowLock(path).acquire() is None  # the first window closed (or crashed): nothing to tell


def test_opening_the_window_warns_of_another_window_and_a_share_and_takes_the_days_backup(
        tmp_path, qapp, builtin, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from planner import app
    from planner.storage import database

    path = tmp_path / "plan.db"
    workspace.open_workspace(path, builtin).close()
    first = WindowLock(path)
    assert first.acquire() is None  # the first window
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)  # return at once instead of running the loop
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; restored after
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(database, "is_network_path", lambda p: True)
    try:
        assert app.run_gui(db_path=path, screenshot=None) == 0
    finally:
        first.release()
    assert len(shown) == 2
    assert "WAL" in shown[0] and "回滚日志" in shown[0]
    assert "已在另一个窗口中打开" in shown[1]
    reopened = workspace.open_workspace(path, builtin)
    assert [b.label for b in backups.list_backups(reopened)] == ["每日自动备份"]
    reopened.close()
