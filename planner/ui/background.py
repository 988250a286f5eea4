"""Work that may take longer than half a second, off the window's thread: the window keeps painting
(no 未响应 on Windows) and a progress dialog appears once it has taken half a second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QApplication

T = TypeVar("T")

# Shorter work shows nothing (Anki shows its progress after ~600 ms; the issue asks for half a second).
PROGRESS_AFTER_SECONDS = 0.5


def run_in_background(parent, label: str, work: Callable[[], T], *,
                      show_after: float = PROGRESS_AFTER_SECONDS) -> T:
    """``work()`` on a worker thread while events are processed here; its result, or its exception raised here.

    ``work`` must not touch the window's database connection (it belongs to this thread):
    reading files is the use.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # noqa: BLE001 - re-raised on the window's thread
            outcome["error"] = error

    worker = threading.Thread(target=target, name="background-work", daemon=True)
    started = time.monotonic()
    worker.start()
    dialog = None
    try:
        while worker.is_alive():
            worker.join(0.03)
            if dialog is None and worker.is_alive() and time.monotonic() - started >= show_after:
                dialog = busy_dialog(parent, label)
            QApplication.processEvents()
    finally:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def busy_dialog(parent, label: str):
    """A progress dialog without a known end, shown at once."""
    from PySide6.QtWidgets import QProgressDialog  # loaded when first needed: start-up time is a goal

    from planner import APP_NAME

    dialog = QProgressDialog(label, None, 0, 0, parent)
    dialog.setObjectName("busy_dialog")
    dialog.setWindowTitle(APP_NAME)
    dialog.setMinimumDuration(0)
    dialog.show()
    return dialog
