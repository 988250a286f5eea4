"""The task table's editors of more than one widget: 配合单位 (typed with completion, or ticked
in a list that stays open) and 完成时限 (a phrase or a calendar date, with the date it means)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (QCalendarWidget, QCompleter, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton,
                               QWidget, QWidgetAction)

from planner.domain.deadlines import parse_deadline
from planner.domain.unit_names import UNIT_SEPARATORS, split_units


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
