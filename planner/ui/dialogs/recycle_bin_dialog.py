"""The 回收站: a plan's deleted tasks with their progress history, to restore or remove for good."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout)

from planner.services.recycle_bin import DeletedTask

HEADERS = ("序号", "任务内容", "牵头单位", "删除时间", "进展记录")


@dataclass(frozen=True)
class RecycleBinActions:
    """What the dialog asks the window to do; ``restore`` and ``empty`` return False when they failed."""

    list_deleted: Callable[[], list[DeletedTask]]
    restore: Callable[[list[int]], bool]
    empty: Callable[[], bool]
    confirm: Callable[[str], bool]


class RecycleBinDialog(QDialog):
    def __init__(self, actions: RecycleBinActions, parent=None):
        super().__init__(parent)
        self.setWindowTitle("回收站")
        self.resize(860, 560)
        self._actions = actions
        self._deleted: list[DeletedTask] = []
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_history)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setPlaceholderText("选择一项任务，查看它的进展记录。")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.history)
        split.setSizes([340, 160])
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("恢复所选任务")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton("清空回收站…")
        self.empty_button.clicked.connect(self.empty)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self._deleted = self._actions.list_deleted()
        self.table.setRowCount(len(self._deleted))
        for row, deleted in enumerate(self._deleted):
            task = deleted.task
            for column, text in enumerate((task.code, task.content, task.lead_unit,
                                           deleted.deleted_at.replace("T", " "), f"{len(deleted.progress)} 条")):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setWordWrap(False)
        for column in (0, 2, 3, 4):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(1, 420)
        self.summary.setText(f"回收站中有 {len(self._deleted)} 项已删除的任务；恢复后回到原条目的原位置，进展记录一并恢复。"
                             if self._deleted else "回收站是空的。")
        self.restore_button.setEnabled(bool(self._deleted))
        self.empty_button.setEnabled(bool(self._deleted))
        self.history.clear()

    def selected_ids(self) -> list[int]:
        return [self._deleted[index.row()].task.id for index in self.table.selectionModel().selectedRows()]

    def _show_history(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            self.history.clear()
            return
        deleted = self._deleted[rows[0].row()]
        lines = [f"{entry.date.isoformat() if entry.date else ''}  {entry.text}"
                 + (f"（{entry.status.value}）" if entry.status else "") + f" —— {entry.source}"
                 for entry in deleted.progress]
        self.history.setPlainText("\n".join(lines) or "（没有进展记录）")

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self._actions.restore(ids):
            self.reload()

    def empty(self) -> None:
        count = len(self._deleted)
        if count and self._actions.confirm(
                f"永久删除回收站中的 {count} 项任务及其全部进展记录吗？\n"
                "此操作不能撤销（删除前会自动备份数据库，可通过“文件 → 恢复备份…”找回）。"):
            if self._actions.empty():
                self.reload()
