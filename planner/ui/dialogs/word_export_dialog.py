"""Exporting Word: the 实施方案 with its 分工表, or the 进展情况报告 as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QRadioButton, QVBoxLayout)

from planner.domain.model import Plan
from planner.ui.dialogs.buttons import ok_cancel

# Table text sizes offered, by their names in Chinese typesetting.
TABLE_SIZES = (("小四（12磅）", 12.0), ("五号（10.5磅）", 10.5), ("四号（14磅）", 14.0))


@dataclass(frozen=True)
class WordExportChoice:
    report: bool  # False: the 实施方案; True: the 进展情况报告
    title: str
    issuer: str  # 发文机关署名 (GB/T 9704 7.3.5)
    date: dt.date | None  # 成文日期 under the 署名, or none
    as_of: dt.date
    table_font_size: float
    show_leader: bool
    mark_empty_items: bool
    open_after: bool
    save_issuer: bool = False  # the plan had no 发文机关: keep this one in its settings


class WordExportDialog(QDialog):
    """Which document, its title, 署名 and 成文日期, and the 分工表's options.

    Until the plan has a 发文机关, the 署名 field is empty and must be filled (OK
    stays disabled); what is typed is then kept in the plan's settings.
    """

    def __init__(self, plan: Plan, today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导出 Word")
        self.resize(560, 360)
        self.plan_choice = QRadioButton("实施方案（含附件：重点任务分工表）")
        self.report_choice = QRadioButton("进展情况报告")
        self.plan_choice.setChecked(True)
        self.title = QLineEdit(plan.name)
        self.issuer = QLineEdit(plan.issuer)
        self.issuer.setPlaceholderText("发文机关全称，如 示范省发展和改革委员会")
        self.save_issuer = QCheckBox("保存为本方案的发文机关（方案设置）")
        self._asks_issuer = not plan.issuer
        self.save_issuer.setChecked(self._asks_issuer)
        self.save_issuer.setVisible(self._asks_issuer)
        self.issuer_hint = QLabel("本方案尚未设置发文机关，请填写单位全称作为署名（不能只填地区名称）。")
        self.issuer_hint.setWordWrap(True)
        self.issuer_hint.setVisible(self._asks_issuer)
        self.dated = QCheckBox("成文日期")
        self.dated.setChecked(True)
        self.date = _date_edit(today)
        self.as_of = _date_edit(today)
        self.size = QComboBox()
        for label, points in TABLE_SIZES:
            self.size.addItem(label, points)
        self.show_leader = QCheckBox("分工表中列出分管领导")
        self.mark_empty = QCheckBox("标出尚未分解任务的条目（默认略去）")
        self.open_after = QCheckBox("导出后打开文件")
        self.open_after.setChecked(True)
        form = QFormLayout()
        form.addRow("标题", self.title)
        form.addRow("署名（发文机关）", self.issuer)
        form.addRow("", self.issuer_hint)
        form.addRow("", self.save_issuer)
        form.addRow(self.dated, self.date)
        form.addRow("分工表字号", self.size)
        form.addRow("", self.show_leader)
        form.addRow("", self.mark_empty)
        form.addRow("进展截至", self.as_of)
        buttons = ok_cancel(self, "导出…")
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_choice)
        layout.addWidget(self.report_choice)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(buttons)
        self.report_choice.toggled.connect(self._kind_changed)
        self.dated.toggled.connect(self.date.setEnabled)
        self.issuer.textChanged.connect(self._issuer_changed)
        self._kind_changed(False)
        self._issuer_changed(self.issuer.text())

    def _kind_changed(self, report: bool) -> None:
        for widget in (self.title, self.size, self.show_leader, self.mark_empty):
            widget.setEnabled(not report)
        self.as_of.setEnabled(report)

    def _issuer_changed(self, text: str) -> None:
        self._ok.setEnabled(bool(text.strip()))

    def choice(self) -> WordExportChoice:
        return WordExportChoice(
            report=self.report_choice.isChecked(), title=self.title.text().strip(), issuer=self.issuer.text().strip(),
            date=_py_date(self.date.date()) if self.dated.isChecked() else None, as_of=_py_date(self.as_of.date()),
            table_font_size=self.size.currentData(), show_leader=self.show_leader.isChecked(),
            mark_empty_items=self.mark_empty.isChecked(), open_after=self.open_after.isChecked(),
            save_issuer=self._asks_issuer and self.save_issuer.isChecked())

    @classmethod
    def ask(cls, parent, plan: Plan, today: dt.date) -> WordExportChoice | None:
        dialog = cls(plan, today, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    return edit


def _py_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
