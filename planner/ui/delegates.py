"""The task table's delegates: which in-place editor each column opens, and what it stores.

The editors with more than one widget (配合单位's tick list, 完成时限's calendar) are in
cell_editors, imported when a cell is first edited: drawing the window needs none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QStyledItemDelegate

from planner.domain.model import Status

class UnitDelegate(QStyledItemDelegate):
    """Lead unit: a line edit with type-ahead completion from the units directory.

    Also the 分管领导 column's editor, completing from the leaders already in the plan. Every
    editable column has a delegate of ours: an editor Qt creates itself is wrapped by PySide
    when the view looks it up (TaskTableView.open_editor) and that wrapper is never freed.
    """

    def __init__(self, unit_names: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self._unit_names = unit_names

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        editor = QLineEdit(parent)
        completer = QCompleter(self._unit_names(), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        editor.setCompleter(completer)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, editor.text().strip(), Qt.ItemDataRole.EditRole)


def _at_least_its_size_hint(editor, option, minimum_width: int) -> None:
    """Widen an editor beyond a narrow column, growing leftwards where the table's edge is near."""
    rect = option.rect
    width = max(rect.width(), editor.sizeHint().width(), minimum_width)
    parent_width = editor.parentWidget().width() if editor.parentWidget() else rect.right() + width
    left = min(rect.left(), max(parent_width - width, 0))
    editor.setGeometry(left, rect.top(), width, max(rect.height(), editor.sizeHint().height()))


class SupportUnitsDelegate(QStyledItemDelegate):
    def __init__(self, unit_names: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self._unit_names = unit_names

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 - Qt API
        _at_least_its_size_hint(editor, option, 260)

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        from planner.ui.cell_editors import SupportUnitsEditor

        return SupportUnitsEditor(self._unit_names(), parent)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.set_units(tuple(index.data(Qt.ItemDataRole.EditRole) or ()))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, editor.units(), Qt.ItemDataRole.EditRole)


class DeadlineDelegate(QStyledItemDelegate):
    def __init__(self, plan_year: Callable[[], int | None], parent=None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self._plan_year, self._today = plan_year, today

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        from planner.ui.cell_editors import DeadlineEditor

        return DeadlineEditor(self._plan_year(), parent, today=self._today())

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 - Qt API
        # The column is narrow; the phrase, the date it means and the calendar button all show in full.
        _at_least_its_size_hint(editor, option, 0)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.set_phrase(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, editor.phrase(), Qt.ItemDataRole.EditRole)


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        editor = QComboBox(parent)
        for status in Status:
            editor.addItem(status.value, status)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        status = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(status)))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, Status(editor.currentData()), Qt.ItemDataRole.EditRole)


class PercentDelegate(QStyledItemDelegate):
    """进度: the whole text typed or pasted is kept; a value outside 0–100 is refused, never cut.

    Enter or Tab on a refused value keeps the editor open with the reason shown at it; leaving
    the cell otherwise (a click elsewhere) stores nothing and says so through ``refused``.
    """

    refused = Signal(str)  # the message for the clerk: which value, why, that nothing was saved

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        from planner.ui.percent_edit import PercentEdit

        editor = PercentEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)  # as the cell shows it
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.set_value(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        value = editor.value()
        if value is None:  # the view commits on its own when the current cell moves
            self._report(editor)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event):  # noqa: N802 - Qt API
        from planner.ui.percent_edit import PercentEdit  # loaded by createEditor, before any editor exists

        if isinstance(editor, PercentEdit) and editor.problem():
            if event.type() == QEvent.Type.KeyPress and event.key() in _COMMIT_KEYS:
                editor.show_refusal()
                return True  # the editor stays open, nothing is saved
            if event.type() == QEvent.Type.FocusOut and not _inside(QApplication.focusWidget(), editor):
                self._report(editor)  # Qt closes the editor without saving (the text is not acceptable)
        return super().eventFilter(editor, event)

    def _report(self, editor) -> None:
        from planner.ui.percent_edit import not_saved

        if not editor.property("reported"):  # a click elsewhere both commits and loses focus: one message
            editor.setProperty("reported", True)
            self.refused.emit(not_saved(editor.problem()))


_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _inside(widget, editor) -> bool:
    while widget is not None:
        if widget is editor:
            return True
        widget = widget.parentWidget()
    return False


class ContentDelegate(QStyledItemDelegate):
    """Task content: a multi-line editor (Enter adds a line; Tab or a click elsewhere saves)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        # Shown, never stored: an empty editor saves nothing (a new row left empty disappears).
        editor.setPlaceholderText("请输入任务内容（Enter 换行，Tab 或点击别处保存）")
        return editor

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 - Qt API
        rect = option.rect
        rect.setHeight(max(rect.height(), 96))  # room for a few lines
        editor.setGeometry(rect)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, editor.toPlainText().strip(), Qt.ItemDataRole.EditRole)
