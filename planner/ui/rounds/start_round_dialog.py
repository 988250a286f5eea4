"""发起报送轮次: the round's name, reply-by date and the units asked (pre-ticked: lead units with open tasks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from planner.ui.dialogs.buttons import ok_cancel


class StartRoundDialog(QDialog):
    def __init__(self, unit_names: Sequence[str], default_units: Sequence[str], today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("发起报送轮次")
        self.resize(420, 520)
        self.name = QLineEdit(f"{today.year}年{today.month}月进展报送")
        self.due = QDateEdit(QDate(today + dt.timedelta(days=10)))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy年M月d日")
        self.units = QListWidget()
        for name in unit_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in default_units else Qt.CheckState.Unchecked)
            self.units.addItem(item)
        tick = QWidget()
        tick_row = QHBoxLayout(tick)
        tick_row.setContentsMargins(0, 0, 0, 0)
        for text, names in (("有未完成任务的牵头单位", set(default_units)), ("全选", set(unit_names)), ("全不选", set())):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, chosen=names: self._tick(chosen))
            tick_row.addWidget(button)
        form = QFormLayout()
        form.addRow("轮次名称：", self.name)
        form.addRow("报送期限：", self.due)
        self.buttons = ok_cancel(self, "发起")
        self.name.textChanged.connect(self._update_ok)
        self.units.itemChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tick)
        layout.addWidget(self.units)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _tick(self, names: set[str]) -> None:
        for row in range(self.units.count()):
            item = self.units.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def chosen_units(self) -> list[str]:
        return [self.units.item(row).text() for row in range(self.units.count())
                if self.units.item(row).checkState() == Qt.CheckState.Checked]

    def _update_ok(self, *_args) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and bool(self.chosen_units()))

    def answer(self) -> tuple[str, dt.date, list[str]]:
        """(name, reply-by date, units asked)."""
        return self.name.text().strip(), self.due.date().toPython(), self.chosen_units()

    @classmethod
    def ask(cls, parent, unit_names: Sequence[str], default_units: Sequence[str],
            today: dt.date) -> tuple[str, dt.date, list[str]] | None:
        dialog = cls(unit_names, default_units, today, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
