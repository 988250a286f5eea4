"""The units of one round as a table: state, dates, files; a thin model over a RoundStatus."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.domain.rounds import ReplyState
from planner.services.rounds import RoundStatus

HEADERS = ("报送单位", "状态", "发送日期", "报送日期", "返回文件", "变更行数")
# The light colours of the task table: green replied, red late; waiting stays plain.
STATE_COLORS = {ReplyState.RETURNED: QColor("#1b7f3b"), ReplyState.LATE: QColor("#c62828")}


class RoundStatusModel(QAbstractTableModel):
    """Rows are the units asked, in the round's order; read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status: RoundStatus | None = None

    def set_status(self, status: RoundStatus | None) -> None:
        self.beginResetModel()
        self._status = status
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() or self._status is None else len(self._status.replies)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._status is None:
            return None
        reply = self._status.replies[index.row()]
        state = self._status.state(reply)
        if role == Qt.ItemDataRole.DisplayRole:
            rows = "" if reply.rows_changed is None else str(reply.rows_changed)
            return (reply.unit, state.value, _day(reply.sent_on), _day(reply.returned_on), reply.returned_file,
                    rows)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and state in STATE_COLORS:
            return QBrush(STATE_COLORS[state])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3 and reply.returns > 1:
            return f"共收到 {reply.returns} 次报送；报送日期为第一次，文件和变更行数为最近一次。"
        return None


def _day(date) -> str:
    return date.isoformat() if date else ""
