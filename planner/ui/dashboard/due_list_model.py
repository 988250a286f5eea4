"""A read-only table of overdue or soon-due tasks (DueTask rows) for the dashboard's lists."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from planner.services.dashboard import DueTask

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("编号", "任务", "牵头单位", "完成时限", "截止日期", "距截止")


class DueListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DueTask] = []

    def set_rows(self, rows: list[DueTask]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def task_ids(self) -> list[int]:
        return [row.task_id for row in self._rows]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == TASK_ID_ROLE:
            return row.task_id
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.code, row.content, row.unit, row.deadline_phrase, _deadline_text(row),
                    row.left_text)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 1:
                return row.content
            if index.column() == 4 and row.day_off:
                return f"截止日 {row.deadline:%Y年%m月%d日} 是休息日（{row.day_off}），请留意是否需提前。"
        return None


def _deadline_text(row: DueTask) -> str:
    text = row.deadline.isoformat()
    return f"{text}（{row.day_off}）" if row.day_off else text
