"""The task table's view: keyboard habits of office software (Enter edits, Delete deletes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from planner.ui.task_table_model import Column


class TaskTableView(QTableView):
    delete_requested = Signal()
    copy_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
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
        # Fixed two-line rows: measuring 20,000 rows' text would make the table slow.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(44)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)

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
