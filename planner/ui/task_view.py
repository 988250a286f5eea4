"""The task table's view: keyboard habits of office software (Enter edits, Delete deletes), columns that fit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from planner.ui.task_table_model import Column

# Preferred widths at 1366 pixels; narrower windows scale all but 任务内容 down, which takes the rest.
COLUMN_WIDTHS = {Column.CODE: 58, Column.ITEM: 150, Column.CONTENT: 300, Column.LEAD: 100, Column.SUPPORT: 130,
                 Column.LEADER: 80, Column.DEADLINE: 96, Column.STATUS: 56, Column.PERCENT: 46,
                 Column.LATEST: 170, Column.LIGHT: 64}
MIN_CONTENT_WIDTH = 180
MIN_COLUMN_WIDTH = 36
# Narrower than this, a code like 24.10 beside its light, or 100%, no longer shows.
MIN_WIDTHS = {Column.CODE: 58, Column.STATUS: 50, Column.PERCENT: 44}


class TaskTableView(QTableView):
    """Every column is visible without horizontal scrolling: 任务内容 takes what the others leave.

    The widths a user drags are kept as preferences (``preferred_widths``) and scaled down
    together when the window is too narrow for them.
    """

    delete_requested = Signal()
    copy_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._preferred = dict(COLUMN_WIDTHS)
        self._fitting = False
        # The viewport's width as its last Resize event gave it. Not self.viewport().width():
        # viewport() returns a QWidget, and the first QWidget a Python call gets back makes
        # PySide set up every widget class it might be (QWizard, QFileDialog, QMdiArea … 54
        # enum classes), about 12 ms of the window's start (tests/perf/bench_window.py).
        self._viewport_width = 0
        self._when_not_editing = None  # work waiting for the cell editors to close (when_not_editing)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSortingEnabled(True)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setVisible(False)
        # Fixed two-line rows (longer text elides): measuring 20,000 rows' text would make the table slow.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_COLUMN_WIDTH)
        header.sectionResized.connect(self._column_dragged)

    placeholder = "这里还没有任务：可用“按建议分解”、在上方原文中选中一段后“从选中文字创建”，或按 Ctrl+N 新建。"

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            painter.end()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit(self.currentIndex())
            return
        if not editing and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        super().keyPressEvent(event)

    def open_editor(self) -> QWidget | None:
        """The in-place editor open on the current cell, or None.

        Not ``indexWidget()``: PySide6 (6.11 and 6.12 alike) keeps a reference to every widget
        that call returns, so each editor it named stayed in memory after Qt deleted it (found by
        tests/ui/test_soak.py). The view's editors are the viewport's only child widgets.
        """
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        cell = self.visualRect(self.currentIndex())
        for child in self.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and child.geometry().intersects(cell):
                return child
        return None

    def when_not_editing(self, work) -> None:
        """Run ``work`` once no cell editor is open: after this event, or when the editor closes.

        Rows must not move under an open editor: an edit's commit runs while its editor is still
        open, and Tab then opens the next cell's editor on the same row.
        """
        self._when_not_editing = work
        QTimer.singleShot(0, self._run_when_not_editing)

    def _run_when_not_editing(self) -> None:
        if self._when_not_editing is None or self.state() == QAbstractItemView.State.EditingState:
            return
        work, self._when_not_editing = self._when_not_editing, None
        work()

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 - Qt API
        super().closeEditor(editor, hint)
        if self._when_not_editing is not None:
            QTimer.singleShot(0, self._run_when_not_editing)

    def commit_editor(self) -> None:
        """Save an open editor as a click elsewhere in the window would, then close it.

        For what moves the table on its own while an editor is open (the 总览's task list, the
        status bar's 逾期/临期 links): focus going to another window commits nothing, and the
        rows under the editor are then replaced (discard_editor), losing what was typed. A value
        the editor refuses (进度 150) is reported by its delegate, not saved.
        """
        editor = self.open_editor()
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def discard_editor(self) -> None:
        """Close an open editor without saving, before the rows under it are replaced."""
        editor = self.open_editor()
        if editor is not None:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    def selected_rows(self) -> list[int]:
        # Not selectedRows(): it wants every column selected, and the 条目 column may be hidden.
        return sorted({index.row() for index in self.selectionModel().selectedIndexes()})

    def show_item_column(self, visible: bool) -> None:
        self.setColumnHidden(Column.ITEM, not visible)
        self.fit_columns()

    # --- widths ------------------------------------------------------------------------------

    def preferred_widths(self) -> dict[int, int]:
        return dict(self._preferred)

    def set_preferred_widths(self, widths: dict[int, int]) -> None:
        """Widths remembered from an earlier session; unknown columns and odd values are ignored."""
        for column, width in widths.items():
            if column in self._preferred and column != Column.CONTENT and MIN_COLUMN_WIDTH <= width <= 1000:
                self._preferred[column] = width
        self.fit_columns()

    def fit_columns(self) -> None:
        """Lay the visible columns across the viewport's width: no horizontal scrolling, ever."""
        if self.model() is None:
            return
        available = self._viewport_width
        others = [c for c in Column if c != Column.CONTENT and not self.isColumnHidden(c)]
        # Each column keeps its floor; what lies above the floors shrinks in proportion.
        floors = {c: min(MIN_WIDTHS.get(c, MIN_COLUMN_WIDTH), self._preferred[c]) for c in others}
        above = sum(self._preferred[c] - floors[c] for c in others)
        room = max(available - MIN_CONTENT_WIDTH - sum(floors.values()), 0)
        share = min(1.0, room / above) if above else 1.0
        widths = {c: floors[c] + int((self._preferred[c] - floors[c]) * share) for c in others}
        widths[Column.CONTENT] = max(MIN_COLUMN_WIDTH, available - sum(widths.values()))
        self._fitting = True
        try:
            for column, width in widths.items():
                if self.columnWidth(column) != width:
                    self.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _column_dragged(self, column: int, _old: int, new: int) -> None:
        if self._fitting or self.isColumnHidden(column) or new == 0:
            return
        if column != Column.CONTENT:  # 任务内容 itself snaps back: it is what the others leave
            self._preferred[Column(column)] = new
        self.fit_columns()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        # The viewport also narrows when the vertical scroll bar appears, without the view resizing.
        if event.type() == QEvent.Type.Resize:
            self._viewport_width = event.size().width()
            self.fit_columns()
        return super().viewportEvent(event)
