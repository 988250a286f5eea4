"""Unexpected errors in the window: logged, shown with their details to copy, and the app keeps running."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QVBoxLayout)

from planner import APP_NAME
from planner.services.workspace import explain_failure

MESSAGE = ("程序遇到内部错误，刚才的操作可能没有完成。已保存的数据不受影响，可以继续使用。\n"
           "请点击“复制详细信息”，把内容发给技术支持人员。")


class CrashDialog(QDialog):
    """The details of one unexpected error, with a button that copies them."""

    def __init__(self, details: str, log_path: Path | None, parent=None):
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(f"{APP_NAME} — 内部错误")
        layout = QVBoxLayout(self)
        where = f"\n详细信息已记录在：{log_path}" if log_path else ""
        self.message = QLabel(MESSAGE + where)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 220)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("复制详细信息")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("已复制")

    @classmethod
    def present(cls, details: str, log_path: Path | None, parent=None) -> CrashDialog:
        """Show the dialog without blocking (the window stays usable behind it); the seam tests patch."""
        dialog = cls(details, log_path, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class BugHandler(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` of the window.

    A failure of the database file (locked, read-only, disk full) is the user's to fix and
    gets a plain message; anything else is a bug: logged by ``log`` (which returns the log
    file, or None if it could not be written) and shown in a CrashDialog. An error in a
    background thread is logged there and shown by the GUI thread.
    """

    bug_in_thread = Signal(str, object)

    def __init__(self, log: Callable[[str], Path | None], parent=None):
        super().__init__(parent)
        self._log = log
        self.window = None  # the dialog's parent once the main window exists
        self.dialogs: list[CrashDialog] = []
        self.bug_in_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        import sys

        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, exc_type, exc, tb) -> None:
        user_error = explain_failure(exc) if isinstance(exc, Exception) else None
        if user_error is not None:
            QMessageBox.warning(self.window, APP_NAME, "\n".join(user_error.lines()))
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self._show(details, self._log(details))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread else "?"
        details = f"（后台线程 {name}）\n" + "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        self.bug_in_thread.emit(details, self._log(details))  # queued: widgets belong to the GUI thread

    def _show(self, details: str, log_path) -> None:
        # Errors that repeat (a timer, a paint) are logged each time but shown once at a time.
        self.dialogs = [d for d in self.dialogs if _alive(d)]
        if self.dialogs:
            return
        self.dialogs.append(CrashDialog.present(details, log_path, self.window))


def _alive(dialog: CrashDialog) -> bool:
    try:
        return dialog.isVisible()
    except RuntimeError:  # deleted on close
        return False
