"""File → 恢复备份…: the automatic backups of the open database, newest first, one to restore."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from planner.services.backups import BackupInfo
from planner.ui.dialogs.buttons import ok_cancel

HEADERS = ("时间", "原因", "任务数", "文件名")


class BackupsDialog(QDialog):
    """A table of backups (time, why, task count, file); OK restores the selected one."""

    def __init__(self, backups: Sequence[BackupInfo], parent=None):
        super().__init__(parent)
        self.setWindowTitle("恢复备份")
        self.resize(720, 420)
        self._backups = sorted(backups, key=lambda b: b.taken_at, reverse=True)
        note = QLabel("选择一个备份，用它替换当前数据库的全部内容。恢复前，当前内容会先另存为一个备份。"
                      if self._backups else "还没有自动备份：每天第一次打开、每次导入台账前和升级数据库前会自动备份。")
        note.setWordWrap(True)
        self.table = QTableWidget(len(self._backups), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(self._backups):
            count = "无法读取" if backup.task_count is None else str(backup.task_count)
            for column, text in enumerate((f"{backup.taken_at:%Y-%m-%d %H:%M:%S}", backup.label, count, backup.name)):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if self._backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.buttons = ok_cancel(self, "恢复所选备份…")
        self.buttons.buttons()[0].setEnabled(bool(self._backups))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)

    def chosen(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()].name if rows else None

    @classmethod
    def ask(cls, parent, backups: Sequence[BackupInfo]) -> str | None:
        """The name of the backup to restore, or None when cancelled (the seam tests patch)."""
        dialog = cls(backups, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
