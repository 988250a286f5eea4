"""Slow work runs off the window's thread: the window keeps handling events and shows progress."""

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from planner.errors import UserError
from planner.ui.background import run_in_background


def test_slow_work_keeps_the_window_responsive_and_shows_progress(window):
    release = threading.Event()
    seen = []

    def tick():
        dialog = window.findChild(QProgressDialog, "busy_dialog")
        seen.append(dialog is not None and dialog.isVisible() and dialog.labelText())
        if len(seen) >= 3:
            release.set()

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(10)
    # The work ends only after the window's own thread has run its timer three times.
    result = run_in_background(window, "正在读取 2 个返回的台账…", lambda: release.wait(30) and "读完了", show_after=0)
    timer.stop()
    assert result == "读完了"
    assert len(seen) >= 3 and seen[-1] == "正在读取 2 个返回的台账…"
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog, "busy_dialog"))


def test_the_workers_progress_is_shown_as_it_goes(window):
    release = threading.Event()
    seen = []

    def work(progress):
        progress(1, 4)
        progress(3, 4)  # the dialog shows the latest figures, reported from the worker's thread
        release.wait(30)
        return "读完了"

    def tick():
        dialog = window.findChild(QProgressDialog, "busy_dialog")
        if dialog is not None and dialog.isVisible():
            seen.append((dialog.value(), dialog.maximum()))
        if (3, 4) in seen:
            release.set()

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(10)
    assert run_in_background(window, "正在读取…", work, show_after=0, with_progress=True) == "读完了"
    timer.stop()
    assert (3, 4) in seen


def test_an_error_in_the_work_reaches_the_caller(window):
    def work():
        raise UserError("“回执.xlsx”不是 Excel 工作簿。")

    with pytest.raises(UserError, match="回执.xlsx"):
        run_in_background(window, "正在读取…", work)


def test_returned_workbooks_are_read_off_the_window_thread(window, monkeypatch, tmp_path):
    from planner.services import excel

    threads = []

    def read_files(paths, progress=None):
        threads.append(threading.current_thread().name)
        raise UserError(f"“{paths[0].name}”无法读取。")

    monkeypatch.setattr(excel, "read_files", read_files)
    window.file_menu.import_excel([tmp_path / "回执.xlsx"])
    assert threads == ["background-work"]
    assert window.errors == ["“回执.xlsx”无法读取。"]
