"""The task table: a thin QAbstractTableModel over cached rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from planner.domain.model import Task

COLUMNS = ("编号", "任务内容", "牵头单位", "配合单位", "分管领导", "完成时限", "状态", "进度")


class TaskTableModel(QAbstractTableModel):
    """Read-only rows of tasks; the window hands it the tasks to show."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tasks: list[Task] = []

    def set_tasks(self, tasks: list[Task]) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def task(self, row: int) -> Task:
        return self._tasks[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _display(task, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 6, 7):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _display(task: Task, column: int) -> str:
    match column:
        case 0:
            return task.code
        case 1:
            return task.content
        case 2:
            return task.lead_unit
        case 3:
            return "、".join(task.support_units)
        case 4:
            return task.leader
        case 5:
            return task.deadline_phrase
        case 6:
            return task.status.value
        case 7:
            return f"{task.percent}%"
    return ""
