"""Adding a progress report to a task: date, text, status, percent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLabel, QPlainTextEdit

from planner.domain.completion import percent_with_status
from planner.domain.ledger_words import EARLIEST_DATE
from planner.domain.model import ProgressEntry, Status, Task
from planner.ui.dialogs.buttons import ok_cancel
from planner.ui.percent_edit import PercentEdit


class ProgressDialog(QDialog):
    def __init__(self, task: Task, today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("添加进展")
        self.resize(520, 320)
        self.date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # The dates a note may have (ledger_words.progress_date_problem, the import's rule too).
        self.date.setDateRange(QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day),
                               QDate(today.year, today.month, today.day))
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("本期工作进展、存在问题、下步打算……")
        self.status = QComboBox(self)
        for status in Status:
            self.status.addItem(status.value, status)
        self.status.setCurrentIndex(self.status.findData(task.status))
        self.percent = PercentEdit(self)  # the table's 进度 rule: what is typed is kept whole, judged on OK
        self.percent.set_value(task.percent)
        self._task_percent = task.percent
        self._percent_set = False  # by the person, in this dialog: then it is stored as given
        self._showing_rule = False
        self.percent.textChanged.connect(self._percent_changed)
        self.status.currentIndexChanged.connect(self._show_percent_rule)
        buttons = ok_cancel(self)
        self.message = QLabel(self)  # what stops OK, said in the dialog: nothing typed is lost
        self.message.setObjectName("progress_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.text.textChanged.connect(self.message.hide)
        self.percent.textEdited.connect(self.message.hide)
        form = QFormLayout(self)
        form.addRow(QLabel(f"任务 {task.code}：{task.content[:40]}"))
        form.addRow("日期", self.date)
        form.addRow("进展情况", self.text)
        form.addRow("状态", self.status)
        form.addRow("进度（%）", self.percent)
        form.addRow(self.message)
        form.addRow(buttons)

    def accept(self) -> None:
        """OK with an empty report or a percent outside 0–100 keeps the dialog open, all typed kept."""
        if not self.text.toPlainText().strip():
            self.message.setText("进展内容不能为空。")  # the service's own rule (services.progress)
            self.message.show()
            self.text.setFocus()
            return
        if self._percent_set and self.percent.problem():
            self.message.setText(self.percent.show_refusal())
            self.message.show()
            return
        super().accept()

    def _percent_changed(self) -> None:
        if not self._showing_rule:
            self._percent_set = True

    def _show_percent_rule(self) -> None:
        """Show the percent the task will get (已完成 → 100 %), unless the person set one."""
        if self._percent_set:
            return
        status = Status(self.status.currentData())
        self._showing_rule = True
        self.percent.set_value(percent_with_status(status, None) or self._task_percent)
        self._showing_rule = False

    def entry(self) -> ProgressEntry:
        """The percent is None unless the person set it here: the service applies the 已完成 rule."""
        date = self.date.date()
        return ProgressEntry(date=dt.date(date.year(), date.month(), date.day()), text=self.text.toPlainText().strip(),
                             # The combo box hands the StrEnum back as a plain str.
                             status=Status(self.status.currentData()),
                             percent=self.percent.value() if self._percent_set else None)

    @classmethod
    def ask(cls, parent, task: Task, today: dt.date) -> ProgressEntry | None:
        dialog = cls(task, today, parent)
        return dialog.entry() if dialog.exec() == QDialog.DialogCode.Accepted else None
