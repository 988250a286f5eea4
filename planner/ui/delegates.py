"""In-place editors for the task table: units with completion, deadline, status, percent, content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (QApplication, QCalendarWidget, QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit,
                               QMenu, QPlainTextEdit, QStyledItemDelegate, QToolButton, QWidget,
                               QWidgetAction)

from planner.domain.deadlines import parse_deadline
from planner.domain.model import Status
from planner.domain.unit_names import UNIT_SEPARATORS, split_units
from planner.ui.percent_edit import PercentEdit, not_saved

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


class _SegmentCompleter(QCompleter):
    """Completes the unit being typed after the last 、, keeping the ones before it."""

    def splitPath(self, path):  # noqa: N802 - Qt API
        return [UNIT_SEPARATORS.split(path)[-1]]


class _StayOpenMenu(QMenu):
    """A tick list that stays open while units are ticked (a click elsewhere or Esc closes it)."""

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt API
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()  # toggles it; QMenu would also close itself here
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        action = self.activeAction()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and action is not None \
                and action.isCheckable():
            action.trigger()
            return
        super().keyPressEvent(event)


class SupportUnitsEditor(QWidget):
    """Several units: typed with completion (separated by 、), or ticked in a list."""

    def __init__(self, unit_names: list[str], parent=None):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("多个单位用“、”分隔")
        completer = _SegmentCompleter(QStringListModel(unit_names, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setWidget(self.line)
        completer.activated.connect(self._completed)
        self.line.textEdited.connect(lambda _text: completer.complete())
        self._completer = completer
        self.pick = QToolButton(self)
        self.pick.setText("…")
        self.pick.setToolTip("从单位目录中勾选")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = _StayOpenMenu(self.pick)
        for name in unit_names:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.toggled.connect(lambda checked, unit=name: self._toggle(unit, checked))
        menu.aboutToShow.connect(lambda: self._sync_checks(menu))
        self.pick.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.line)

    def units(self) -> tuple[str, ...]:
        return split_units(self.line.text())

    def set_units(self, units: tuple[str, ...]) -> None:
        self.line.setText("、".join(units))

    def _completed(self, text: str) -> None:
        # Whatever form the completer reports, the chosen unit is its last name.
        chosen = [part for part in UNIT_SEPARATORS.split(text) if part][-1:]
        typed = self.line.text()
        cut = max(typed.rfind(sep) for sep in "、，,；; ")
        kept = split_units(typed[:cut + 1]) if cut >= 0 else ()
        self.set_units(tuple(dict.fromkeys((*kept, *chosen))))
        self.line.setText(self.line.text() + "、")

    def _toggle(self, unit: str, checked: bool) -> None:
        units = [u for u in self.units() if u != unit]
        if checked:
            units.append(unit)
        self.set_units(tuple(units))

    def _sync_checks(self, menu: QMenu) -> None:
        chosen = set(self.units())
        for action in menu.actions():
            action.blockSignals(True)
            action.setChecked(action.text() in chosen)
            action.blockSignals(False)


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
        return SupportUnitsEditor(self._unit_names(), parent)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        editor.set_units(tuple(index.data(Qt.ItemDataRole.EditRole) or ()))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt API
        model.setData(index, editor.units(), Qt.ItemDataRole.EditRole)


class DeadlineEditor(QWidget):
    """A phrase (2020年底前, 持续推进) or a date from the calendar; shows the date it means, and
    says so when that day has passed (上半年 typed in November means a June already gone)."""

    def __init__(self, plan_year: int | None, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self._plan_year = plan_year
        self._today = today or dt.date.today()
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("如 2025年底前、持续推进")
        self.resolved = QLabel(self)
        self.resolved.setStyleSheet("color: #555; padding: 0 4px;")
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("日历")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar_button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.calendar.clicked.connect(lambda date: (self.set_phrase(date.toString("yyyy-MM-dd")), menu.close()))
        self.calendar_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.resolved)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._show_resolved)
        self.setAutoFillBackground(True)

    def phrase(self) -> str:
        return self.line.text().strip()

    def set_phrase(self, phrase: str) -> None:
        self.line.setText(phrase)
        deadline = parse_deadline(phrase, plan_year=self._plan_year)
        if deadline.date:
            self.calendar.setSelectedDate(QDate(deadline.date.year, deadline.date.month, deadline.date.day))

    def resolved_text(self) -> str:
        return self.resolved.text()

    def sizeHint(self):  # noqa: N802 - Qt API
        hint = super().sizeHint()
        metrics = self.line.fontMetrics()
        # Room for a long phrase (“2025年12月31日前”) and the date it means, beside the button.
        line = max(metrics.horizontalAdvance(self.line.text() or "2025年12月31日前") + 24, 150)
        resolved = metrics.horizontalAdvance(self.resolved.text() or "→ 2025-12-31") + 12
        hint.setWidth(line + resolved + self.calendar_button.sizeHint().width())
        return hint

    def _show_resolved(self, text: str) -> None:
        deadline = parse_deadline(text, plan_year=self._plan_year)
        if deadline.problem:  # 2月30日: said while typing, not stored as a phrase without a date
            self.resolved.setText("日期不存在")
            self.resolved.setStyleSheet("color: #c62828; padding: 0 4px;")
            self.resolved.setToolTip(deadline.problem)
            return
        if deadline.date and deadline.date < self._today:  # stored, but the task is overdue at once
            self.resolved.setText(f"→ {deadline.date.isoformat()}（已过）")
            self.resolved.setStyleSheet("color: #c62828; padding: 0 4px;")
            self.resolved.setToolTip(f"{deadline.date.isoformat()} 已经过去，保存后该任务即为逾期；请核对完成时限")
            return
        self.resolved.setStyleSheet("color: #555; padding: 0 4px;")
        self.resolved.setToolTip("")
        self.resolved.setText(f"→ {deadline.date.isoformat()}" if deadline.date else ("无具体日期" if text.strip() else ""))


class DeadlineDelegate(QStyledItemDelegate):
    def __init__(self, plan_year: Callable[[], int | None], parent=None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self._plan_year, self._today = plan_year, today

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
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
        if isinstance(editor, PercentEdit) and editor.problem():
            if event.type() == QEvent.Type.KeyPress and event.key() in _COMMIT_KEYS:
                editor.show_refusal()
                return True  # the editor stays open, nothing is saved
            if event.type() == QEvent.Type.FocusOut and not _inside(QApplication.focusWidget(), editor):
                self._report(editor)  # Qt closes the editor without saving (the text is not acceptable)
        return super().eventFilter(editor, event)

    def _report(self, editor: PercentEdit) -> None:
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
