"""The task table: a thin QAbstractTableModel over cached rows, filtered and sorted in place."""

from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from planner.domain.lights import Light
from planner.domain.model import Status
from planner.services.tasks import TaskRow
from planner.ui.light_icons import COLOURS as LIGHT_COLOURS
from planner.ui.light_icons import light_icon
from planner.ui.task_filter import TaskFilter, haystack, light_of

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 11
# The roles data() answers (as ints: Qt hands roles over as ints or as enums, which hash alike).
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
    SORT_ROLE, TASK_ID_ROLE))


class Column(enum.IntEnum):
    CODE = 0
    ITEM = 1
    CONTENT = 2
    LEAD = 3
    SUPPORT = 4
    LEADER = 5
    DEADLINE = 6
    STATUS = 7
    PERCENT = 8
    LATEST = 9
    LIGHT = 10


HEADERS = {Column.CODE: "编号", Column.ITEM: "条目", Column.CONTENT: "任务内容", Column.LEAD: "牵头单位",
           Column.SUPPORT: "配合单位", Column.LEADER: "分管领导", Column.DEADLINE: "完成时限",
           Column.STATUS: "状态", Column.PERCENT: "进度", Column.LATEST: "最新进展", Column.LIGHT: "灯"}
# The service field each editable column writes.
FIELDS = {Column.CONTENT: "content", Column.LEAD: "lead_unit", Column.SUPPORT: "support_units",
          Column.LEADER: "leader", Column.DEADLINE: "deadline", Column.STATUS: "status",
          Column.PERCENT: "percent"}
_STATUS_ORDER = {status: order for order, status in enumerate(Status)}
_COLUMNS = tuple(Column)  # by position: cheaper than Column(n) in data(), called for every painted cell
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_FLAGS = tuple(_EDITABLE if column in FIELDS else _READ_ONLY for column in Column)
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
# A task without a lead unit is not yet assigned to anyone: the 牵头单位 cell says so.
UNASSIGNED = "未落实"
UNASSIGNED_COLOUR = "#b03a2e"


class TaskTableModel(QAbstractTableModel):
    """The rows of one scope (an item, or the whole plan) are fetched once into a cache;
    filtering and sorting only rebuild an index list over it.

    Edits are not applied here: ``edit_requested`` asks the window to run the
    service (as an undoable command), which then calls ``update_rows``.
    """

    edit_requested = Signal(int, str, object)  # task id, field, new value
    draft_committed = Signal(int, str)  # item id, content typed into the new row (Ctrl+N)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._haystacks: list[str] = []
        self._lights: list[Light] = []
        self._visible: list[int] = []
        self._position: dict[int, int] = {}  # task id -> index in _rows
        self._filter = TaskFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, list] = {}
        self._today = dt.date.today()
        self._warning_days = 30
        self._draft_item: int | None = None  # Ctrl+N's row: shown last, stored only once content is typed

    # --- feeding ---------------------------------------------------------------------

    def set_rows(self, rows: list[TaskRow], *, today: dt.date, warning_days: int) -> None:
        self.beginResetModel()
        self._draft_item = None
        self._today, self._warning_days = today, warning_days
        self._rows = list(rows)
        self._haystacks = []  # built on the first text filter: most sessions never search
        self._sort_keys = {}  # column -> key per row, built on the first sort by that column
        self._lights = [light_of(row, today=today, warning_days=warning_days) for row in self._rows]
        self._position = {row.task.id: index for index, row in enumerate(self._rows)}
        self._visible = self._filtered()
        self.endResetModel()

    def update_rows(self, rows: list[TaskRow]) -> bool:
        """Replace cached rows in place (after an edit); rows stay where they are.

        Returns True when an edit takes a shown row out of the filter (推进中 set to 已完成 under
        推进中) or brings a hidden one back (the edit undone): the caller then calls ``refilter``
        once the cell's editor has closed, so that what is shown, its hit count and the status
        bar's counts agree.
        """
        moved = False  # a row that left the filter, or came back into it (the edit undone)
        for row in rows:
            index = self._position.get(row.task.id)
            if index is None:
                continue
            self._rows[index] = row
            if self._haystacks:
                self._haystacks[index] = haystack(row)
            for column, keys in self._sort_keys.items():
                keys[index] = self._sort_key(index, column)
            self._lights[index] = light_of(row, today=self._today, warning_days=self._warning_days)
            visible_row = self.visible_row(row.task.id)
            matches = bool(self._filter.select([row], [haystack(row)], [self._lights[index]]))
            moved = moved or matches != (visible_row is not None)
            if visible_row is not None:
                self.dataChanged.emit(self.index(visible_row, 0), self.index(visible_row, len(Column) - 1))
        return moved

    def refilter(self) -> None:
        """Apply the filter again to the rows held (after update_rows said a row moved out or in).

        Not inside an edit's commit: rows must not move under the open editor. Not while
        Ctrl+N's new row is open (it stands after the rows shown).
        """
        if self._draft_item is None:
            self._relayout(lambda: setattr(self, "_visible", self._filtered()))

    def set_filter(self, task_filter: TaskFilter) -> None:
        self.drop_draft()  # it stands after the rows shown, which are about to change

        def apply() -> None:
            self._filter = task_filter
            self._visible = self._filtered()

        self._relayout(apply)

    def _relayout(self, apply) -> None:
        """Re-filter or re-sort, keeping the view's current row and selection on the same tasks."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        positions = [self._visible[index.row()] if index.isValid() and index.row() < len(self._visible) else None
                     for index in old]
        apply()
        visible_at = {position: row for row, position in enumerate(self._visible)}
        new = [self.index(visible_at[position], index.column())
               if position is not None and position in visible_at else QModelIndex()
               for index, position in zip(old, positions)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def _filtered(self) -> list[int]:
        f = self._filter
        if f.text and not self._haystacks:
            self._haystacks = [haystack(row) for row in self._rows]
        visible = f.select(self._rows, self._haystacks, self._lights)
        if self._sort is not None:
            column, order = self._sort
            if column not in self._sort_keys:
                self._sort_keys[column] = [self._sort_key(i, column) for i in range(len(self._rows))]
            visible.sort(key=self._sort_keys[column].__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return visible

    # --- the new row of Ctrl+N ------------------------------------------------------------

    def add_draft(self, item_id: int) -> int:
        """A blank last row whose 任务内容 can be typed; returns its row. Nothing is stored yet."""
        self.drop_draft()
        row = len(self._visible)
        self.beginInsertRows(QModelIndex(), row, row)
        self._draft_item = item_id
        self.endInsertRows()
        return row

    def drop_draft(self) -> None:
        """Remove the new row (committed, or left empty): its placeholder is never stored."""
        if self._draft_item is None:
            return
        row = len(self._visible)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._draft_item = None
        self.endRemoveRows()

    def _is_draft(self, visible_row: int) -> bool:
        return self._draft_item is not None and visible_row == len(self._visible)

    # --- lookups ---------------------------------------------------------------------

    def row(self, visible_row: int) -> TaskRow:
        return self._rows[self._visible[visible_row]]

    def shown_task_ids(self) -> list[int]:
        """The stored tasks on the rows shown, top to bottom (the new row of Ctrl+N is no task yet)."""
        return [self._rows[index].task.id for index in self._visible]

    def task_id_at(self, visible_row: int) -> int | None:
        """The task on that row; None for the new row of Ctrl+N."""
        if self._is_draft(visible_row) or not 0 <= visible_row < len(self._visible):
            return None
        return self._rows[self._visible[visible_row]].task.id

    def visible_row(self, task_id: int) -> int | None:
        index = self._position.get(task_id)
        try:
            return self._visible.index(index) if index is not None else None
        except ValueError:
            return None

    # --- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._visible) + (self._draft_item is not None)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._is_draft(index.row()):
            return _EDITABLE if index.column() == Column.CONTENT else _READ_ONLY
        return _FLAGS[index.column()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Qt asks each painted cell for about ten roles: the ones never answered leave at once,
        # and no enum is built per call (painting 15 rows made this the window's hottest code).
        if role not in _ROLES or not index.isValid():
            return None
        visible_row = index.row()
        if self._is_draft(visible_row):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == Column.CODE:
                return "新"
            return "" if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) else None
        if visible_row >= len(self._visible):
            return None
        position = self._visible[visible_row]
        row, column = self._rows[position], _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column, self._lights[position])
        if role == Qt.ItemDataRole.DecorationRole:
            # The dot also sits beside the code, so it shows without scrolling to the last column.
            return light_icon(self._lights[position]) if column in (Column.LIGHT, Column.CODE) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.LEAD and not row.task.lead_unit:
                return QBrush(QColor(UNASSIGNED_COLOUR))
            if column in (Column.LIGHT, Column.DEADLINE) and self._lights[position] in (Light.RED, Light.YELLOW):
                return QBrush(QColor(LIGHT_COLOURS[self._lights[position]]))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRED if column in (Column.CODE, Column.STATUS, Column.PERCENT) else None
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == SORT_ROLE:
            return self._sort_key(position, column)
        return row.task.id  # TASK_ID_ROLE

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        column = Column(index.column())
        if role != Qt.ItemDataRole.EditRole or column not in FIELDS:
            return False
        if self._is_draft(index.row()):
            text = str(value).strip()
            if column != Column.CONTENT or not text:
                return False
            item_id = self._draft_item
            self.draft_committed.emit(item_id, text)  # the window creates the task and reloads
            return True
        row = self.row(index.row())
        if _edit_value(row, column) == value:
            return False
        self.edit_requested.emit(row.task.id, FIELDS[column], value)
        return True

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.drop_draft()

        def apply() -> None:
            self._sort = (column, order)
            self._visible = self._filtered()

        self._relayout(apply)

    def _sort_key(self, position: int, column: int):
        row = self._rows[position]
        task = row.task
        match Column(column):
            case Column.CODE | Column.ITEM:
                return (row.item_number, *_code_numbers(task.code))
            case Column.DEADLINE:
                return (task.deadline_date or dt.date.max, task.deadline_phrase)
            case Column.STATUS:
                return _STATUS_ORDER[task.status]
            case Column.PERCENT:
                return task.percent
            case Column.LATEST:
                return (row.latest_date or dt.date.min, row.latest_text)
            case Column.LIGHT:
                return list(Light).index(self._lights[position])
        return _display(row, Column(column), self._lights[position])


def _code_numbers(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def _display(row: TaskRow, column: Column, light: Light) -> str:
    task = row.task
    match column:
        case Column.CODE:
            return task.code
        case Column.ITEM:
            return row.item_label
        case Column.CONTENT:
            return task.content
        case Column.LEAD:
            return task.lead_unit or UNASSIGNED
        case Column.SUPPORT:
            return "、".join(task.support_units)
        case Column.LEADER:
            return task.leader
        case Column.DEADLINE:
            return task.deadline_phrase
        case Column.STATUS:
            return task.status.value
        case Column.PERCENT:
            return f"{task.percent}%"
        case Column.LATEST:
            return f"{row.latest_date:%m-%d} {row.latest_text}" if row.latest_date else ""
        case Column.LIGHT:
            if light is Light.GREY:  # “已完成/暂停” does not fit the column; the status says which
                return task.status.value
            return "" if light is Light.NONE else light.label
    return ""


def _edit_value(row: TaskRow, column: Column) -> object:
    task = row.task
    match column:
        case Column.LEAD:
            return task.lead_unit  # empty, not the 未落实 mark
        case Column.SUPPORT:
            return task.support_units
        case Column.STATUS:
            return task.status
        case Column.PERCENT:
            return task.percent
    return _display(row, column, Light.NONE)


def _tooltip(row: TaskRow, column: Column) -> str:
    task = row.task
    if column is Column.DEADLINE:
        return f"{task.deadline_phrase} → {task.deadline_date.isoformat()}" if task.deadline_date else \
            (f"{task.deadline_phrase}（无具体日期）" if task.deadline_phrase else "")
    if column is Column.LATEST and row.latest_date:
        return f"{row.latest_date.isoformat()}：{row.latest_text}"
    return _display(row, column, Light.NONE)
