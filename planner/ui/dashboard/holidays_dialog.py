"""节假日安排: the office enters one year's days off and make-up workdays, as the State Council publishes them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from planner.domain.workdays import DayKind, HolidayDay
from planner.ui.dialogs.buttons import ok_cancel

HEADERS = ("日期", "类型", "名称")


@dataclass(frozen=True)
class YearArrangement:
    """What the dialog returns: a year and its rows as typed (the service validates them)."""

    year: int
    rows: list[tuple[str, str, str]]


class HolidaysDialog(QDialog):
    """One row per day: 2027-02-08 | 放假 | 春节; 2027-02-06 | 上班 | 春节（调休）.

    Weekends need no row unless they are make-up workdays; weekdays need none unless they are days off.
    """

    def __init__(self, *, year: int, load_year, builtin_years: range, parent=None):
        super().__init__(parent)
        self.setWindowTitle("节假日安排")
        self.resize(560, 520)
        self._load_year = load_year
        self.year = QSpinBox(self)
        self.year.setRange(1949, 2100)
        self.year.setValue(year)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self._builtin = builtin_years
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 130)
        add = QPushButton("添加一行", self)
        remove = QPushButton("删除所选行", self)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(add)
        top.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(ok_cancel(self, "保存"))
        add.clicked.connect(lambda: self.add_row("", DayKind.HOLIDAY.value, ""))
        remove.clicked.connect(self._remove_rows)
        self.year.valueChanged.connect(self._show_year)
        self._show_year(year)

    def _show_year(self, year: int) -> None:
        self.table.setRowCount(0)
        for day in self._load_year(year):
            self.add_row(day.day.isoformat(), day.kind.value, day.name)
        builtin = year in self._builtin
        self.note.setText(
            f"按国务院办公厅每年发布的节假日安排通知录入：放假的工作日和调休上班的周末各一行。"
            + (f"{year} 年已由内置日历提供；在此录入将替代内置安排。" if builtin and not self.table.rowCount() else
               "" if self.table.rowCount() else f"{year} 年尚无安排：未录入时按周一至周五计算工作日。"))

    def add_row(self, day: str, kind: str, name: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(day))
        kinds = QComboBox(self.table)
        kinds.addItems([k.value for k in DayKind])
        kinds.setCurrentText(kind)
        self.table.setCellWidget(row, 1, kinds)
        self.table.setItem(row, 2, QTableWidgetItem(name))

    def _remove_rows(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def arrangement(self) -> YearArrangement:
        rows = []
        for row in range(self.table.rowCount()):
            day = self.table.item(row, 0).text() if self.table.item(row, 0) else ""
            name = self.table.item(row, 2).text() if self.table.item(row, 2) else ""
            if not day.strip() and not name.strip():
                continue  # an added row left empty
            rows.append((day, self.table.cellWidget(row, 1).currentText(), name))
        return YearArrangement(self.year.value(), rows)

    @classmethod
    def ask(cls, parent, *, year: int, load_year, builtin_years: range) -> YearArrangement | None:
        """The one seam tests replace: the year and rows entered, or None when cancelled."""
        dialog = cls(year=year, load_year=load_year, builtin_years=builtin_years, parent=parent)
        try:
            return dialog.arrangement() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def describe(days: list[HolidayDay]) -> str:
    holidays = sum(d.kind is DayKind.HOLIDAY for d in days)
    return f"放假 {holidays} 天、调休上班 {len(days) - holidays} 天"
