"""Exporting Word: the 实施方案 with its 分工表, the 进展情况报告 or 情况通报 as of a date, or 催办单 to lead units."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QVBoxLayout)

from planner.domain.model import Plan
from planner.domain.workdays import DEFAULT_REPLY_DAYS
from planner.ui.dialogs.buttons import ok_cancel

# Table text sizes offered, by their names in Chinese typesetting.
TABLE_SIZES = (("小四（12磅）", 12.0), ("五号（10.5磅）", 10.5), ("四号（14磅）", 14.0))
ALL_DUE_UNITS = "所有有逾期或临期任务的单位"


class WordKind(enum.StrEnum):
    """Which Word document; the value is its name in the window."""

    PLAN = "实施方案"
    PROGRESS = "进展情况报告"
    REMINDER = "催办单"
    BULLETIN = "情况通报"


@dataclass(frozen=True)
class WordExportChoice:
    kind: WordKind
    title: str
    issuer: str  # 发文机关署名 (GB/T 9704 7.3.5)
    date: dt.date | None  # 成文日期 under the 署名, or none
    as_of: dt.date  # the 进展情况报告's and 情况通报's date
    table_font_size: float
    show_leader: bool
    mark_empty_items: bool
    open_after: bool
    save_issuer: bool = False  # the plan had no 发文机关: keep this one in its settings
    recipients: str = ""  # 进展情况报告: 主送机关
    problems: str = ""  # 进展情况报告: 存在问题 (empty: a placeholder is printed)
    next_steps: str = ""  # 进展情况报告: 下一步工作安排
    contact_name: str = ""  # 联系人 under the report, reminder or bulletin
    contact_phone: str = ""
    reminder_unit: str | None = None  # 催办单: one lead unit, or None for every unit with overdue or soon-due tasks
    reply_by: dt.date | None = None  # 催办单: the reply-by date
    per_unit_files: bool = False  # 催办单: one file per unit into a folder

    @property
    def report(self) -> bool:
        """The 进展情况报告 (kept for callers of the two-kind dialog)."""
        return self.kind is WordKind.PROGRESS


class WordExportDialog(QDialog):
    """Which document, its title, 署名 and 成文日期, the 分工表's options, the report's texts, the 催办单's units.

    Until the plan has a 发文机关, the 署名 field is empty and must be filled (OK
    stays disabled); what is typed is then kept in the plan's settings. The report's
    主送机关, 存在问题, 下一步工作安排 and 联系人/电话 start from what the plan kept last time.
    """

    def __init__(self, plan: Plan, today: dt.date, parent=None, *, kind: WordKind = WordKind.PLAN,
                 units: Sequence[str] = (), reply_by: dt.date | None = None):
        """``reply_by``: the 催办单's default reply-by date (five working days on, by the office's calendar)."""
        super().__init__(parent)
        self.setWindowTitle("导出 Word")
        self.resize(620, 640)
        self.kind_buttons = QButtonGroup(self)
        self.kind_choices = {}
        kinds = QHBoxLayout()
        for index, (each, label) in enumerate(((WordKind.PLAN, "实施方案（含分工表）"),
                                               (WordKind.PROGRESS, "进展情况报告"), (WordKind.REMINDER, "催办单"),
                                               (WordKind.BULLETIN, "情况通报"))):
            button = self.kind_choices[each] = QRadioButton(label)
            self.kind_buttons.addButton(button, index)
            kinds.addWidget(button)
        # The names of the two-kind dialog, still read by tests and callers.
        self.plan_choice, self.report_choice = self.kind_choices[WordKind.PLAN], self.kind_choices[WordKind.PROGRESS]
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
        self.contact_name = QLineEdit(plan.contact_name)
        self.contact_phone = QLineEdit(plan.contact_phone)
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
        contact = QHBoxLayout()
        contact.addWidget(self.contact_name)
        contact.addWidget(QLabel("电话"))
        contact.addWidget(self.contact_phone)
        form.addRow("联系人", contact)
        self.report_box = self._report_box(plan)
        self.reminder_box = self._reminder_box(today, units, reply_by or today)
        buttons = ok_cancel(self, "导出…")
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(kinds)
        layout.addLayout(form)
        layout.addWidget(self.report_box)
        layout.addWidget(self.reminder_box)
        layout.addWidget(self.open_after)
        layout.addWidget(buttons)
        self.kind_buttons.idToggled.connect(lambda _id, checked: checked and self._kind_changed())
        self.dated.toggled.connect(self.date.setEnabled)
        self.issuer.textChanged.connect(self._issuer_changed)
        self.kind_choices[kind].setChecked(True)
        self._kind_changed()
        self._issuer_changed(self.issuer.text())

    def _report_box(self, plan: Plan) -> QGroupBox:
        box = QGroupBox("进展情况报告")
        self.recipients = QLineEdit(plan.recipients)
        self.recipients.setPlaceholderText("如 省人民政府（不填时在文中留【主送机关】待填）")
        self.problems = QPlainTextEdit(plan.report_problems)
        self.problems.setPlaceholderText("每行一段；不填时在文中留待填的提示")
        self.next_steps = QPlainTextEdit(plan.report_next_steps)
        self.next_steps.setPlaceholderText("每行一段；不填时在文中留待填的提示")
        for edit in (self.problems, self.next_steps):
            edit.setTabChangesFocus(True)
        form = QFormLayout(box)
        form.addRow("主送机关", self.recipients)
        form.addRow("存在问题", self.problems)
        form.addRow("下一步工作安排", self.next_steps)
        return box

    def _reminder_box(self, today: dt.date, units: Sequence[str], reply_by: dt.date) -> QGroupBox:
        box = QGroupBox("催办单（督办通知）")
        self.reminder_unit = QComboBox()
        self.reminder_unit.addItem(ALL_DUE_UNITS, None)
        for unit in units:
            self.reminder_unit.addItem(unit, unit)
        self.reply_by = _date_edit(reply_by)
        self.reply_by.setMinimumDate(QDate(today.year, today.month, today.day))
        self.per_unit_files = QCheckBox("每个单位一个文件（选择文件夹）")
        form = QFormLayout(box)
        form.addRow("发给", self.reminder_unit)
        form.addRow(f"回复期限（默认 {DEFAULT_REPLY_DAYS} 个工作日后）", self.reply_by)
        form.addRow("", self.per_unit_files)
        return box

    def kind(self) -> WordKind:
        return next(each for each, button in self.kind_choices.items() if button.isChecked())

    def select_unit(self, unit: str) -> None:
        """Preselect one unit for a 催办单 (e.g. from a unit's menu)."""
        index = self.reminder_unit.findData(unit)
        if index >= 0:
            self.reminder_unit.setCurrentIndex(index)

    def _kind_changed(self) -> None:
        kind = self.kind()
        for widget in (self.title, self.size, self.show_leader, self.mark_empty):
            widget.setEnabled(kind is WordKind.PLAN)
        self.as_of.setEnabled(kind in (WordKind.PROGRESS, WordKind.BULLETIN))
        self.report_box.setVisible(kind is WordKind.PROGRESS)
        self.reminder_box.setVisible(kind is WordKind.REMINDER)
        for widget in (self.contact_name, self.contact_phone):
            widget.setEnabled(kind is not WordKind.PLAN)

    def _issuer_changed(self, text: str) -> None:
        self._ok.setEnabled(bool(text.strip()))

    def choice(self) -> WordExportChoice:
        kind = self.kind()
        return WordExportChoice(
            kind=kind, title=self.title.text().strip(), issuer=self.issuer.text().strip(),
            date=_py_date(self.date.date()) if self.dated.isChecked() else None, as_of=_py_date(self.as_of.date()),
            table_font_size=self.size.currentData(), show_leader=self.show_leader.isChecked(),
            mark_empty_items=self.mark_empty.isChecked(), open_after=self.open_after.isChecked(),
            save_issuer=self._asks_issuer and self.save_issuer.isChecked(),
            recipients=self.recipients.text().strip(), problems=self.problems.toPlainText().strip(),
            next_steps=self.next_steps.toPlainText().strip(), contact_name=self.contact_name.text().strip(),
            contact_phone=self.contact_phone.text().strip(), reminder_unit=self.reminder_unit.currentData(),
            reply_by=_py_date(self.reply_by.date()), per_unit_files=self.per_unit_files.isChecked())

    @classmethod
    def ask(cls, parent, plan: Plan, today: dt.date, *, kind: WordKind = WordKind.PLAN,
            units: Sequence[str] = (), unit: str | None = None,
            reply_by: dt.date | None = None) -> WordExportChoice | None:
        """``unit``: the 催办单's unit preselected; None: every unit with overdue or soon-due tasks."""
        dialog = cls(plan, today, parent, kind=kind, units=units, reply_by=reply_by)
        if unit:
            dialog.select_unit(unit)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    return edit


def _py_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
