"""The filter bar above the task table: text, status, unit (part of a name), light, hide completed; Esc clears."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from planner.domain.lights import Light
from planner.domain.model import Status


class FilterBar(QWidget):
    """Emits ``changed`` whenever a criterion changes; the window builds the TaskFilter."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("搜索任务、单位、进展…（Ctrl+F）")
        self.text.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItem("全部状态", None)
        for status in Status:
            self.status.addItem(status.value, status)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.unit.setMinimumContentsLength(8)
        self.light = QComboBox(self)
        self.light.addItem("全部时限", None)
        self.light.addItem("已逾期", Light.RED)
        self.light.addItem("临期", Light.YELLOW)
        self.hide_done = QCheckBox("隐藏已完成", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("单位"))
        layout.addWidget(self.unit, 2)
        layout.addWidget(self.light)
        layout.addWidget(self.hide_done)
        self.text.textChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.unit.currentTextChanged.connect(self.changed)
        self.light.currentIndexChanged.connect(self.changed)
        self.hide_done.toggled.connect(self.changed)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Esc anywhere in the bar clears every criterion, as in Excel's and WPS's search boxes.
        # The line edits and combo boxes pass an Esc they do not need (no open popup) up to here.
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def set_units(self, names: list[str]) -> bool:
        """Offer these units; returns True when the unit filtered on matches none of them any more (it is cleared).

        What the clerk typed is kept as typed: part of a name (财政) stays while a unit contains it.
        """
        typed = self.unit.currentText()
        current = typed.strip()
        gone = bool(current) and not any(current in name for name in names)
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("")
        self.unit.addItems(names)
        # QComboBox.clear() empties the line edit too; the typed text goes back unchanged.
        self.unit.setEditText("" if gone else typed)
        self.unit.lineEdit().setPlaceholderText("全部单位")
        self.unit.blockSignals(False)
        return gone

    def clear(self) -> None:
        """Every criterion back to 'all', applied once."""
        widgets = (self.text, self.status, self.unit, self.light, self.hide_done)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.clear()
        self.status.setCurrentIndex(0)
        self.unit.setCurrentText("")
        self.light.setCurrentIndex(0)
        self.hide_done.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def set_warning_days(self, days: int) -> None:
        self.light.setItemText(2, f"{days} 天内到期")

    def unit_name(self) -> str:
        """The unit filtered on, as typed: part of a name matches (财政 → 省财政厅)."""
        return self.unit.currentText().strip()

    def is_filtering(self) -> bool:
        return bool(self.text.text().strip() or self.status.currentIndex() or self.unit_name()
                    or self.light.currentIndex() or self.hide_done.isChecked())
