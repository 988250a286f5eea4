"""The round view: pick a round, see each unit's reply (已报送/未报送/逾期未报), copy the 催报 list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog, QDialogButtonBox, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QTableView,
                               QVBoxLayout)

from planner.domain.chinese_dates import chinese_date
from planner.domain.rounds import ReplyState
from planner.services.rounds import RoundStatus, RoundSummary
from planner.ui.rounds.status_model import HEADERS, RoundStatusModel

FILE_COLUMN = HEADERS.index("返回文件")


@dataclass(frozen=True)
class RoundsActions:
    """What the view asks the window to do; the callables return None (or False) when they failed.

    ``export_reminders`` is the seam for the 催办单 of the Word reports (issue 16): given the units
    not yet replied, it writes their 催办单; None hides the button until that export exists.
    """

    list_rounds: Callable[[], list[RoundSummary] | None]
    status: Callable[[int], RoundStatus | None]
    start: Callable[[], int | None]
    close: Callable[[int], bool]
    export_by_unit: Callable[[], object]
    confirm: Callable[[str], bool]
    export_reminders: Callable[[list[str]], object] | None = None


class RoundsDialog(QDialog):
    def __init__(self, actions: RoundsActions, parent=None):
        super().__init__(parent)
        self.setWindowTitle("报送轮次")
        self.resize(900, 620)
        self._actions = actions
        self._status: RoundStatus | None = None
        self.rounds = QComboBox()
        self.rounds.setMinimumContentsLength(28)
        self.rounds.currentIndexChanged.connect(self._show_round)
        self.start_button = QPushButton("发起报送轮次…")
        self.start_button.clicked.connect(self.start_round)
        self.export_button = QPushButton("按牵头单位导出台账…")
        self.export_button.setToolTip("每个牵头单位一个工作簿；本轮进行中时，记为已发送给该单位")
        self.export_button.clicked.connect(self.export_by_unit)
        self.close_round_button = QPushButton("结束本轮")
        self.close_round_button.clicked.connect(self.close_round)
        top = QHBoxLayout()
        top.addWidget(QLabel("轮次："))
        top.addWidget(self.rounds, 1)
        for button in (self.start_button, self.export_button, self.close_round_button):
            top.addWidget(button)
        self.summary = QLabel()
        self.summary.setObjectName("round_summary")
        self.model = RoundStatusModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.reminders = QPlainTextEdit()
        self.reminders.setReadOnly(True)
        self.reminders.setPlaceholderText("所有报送单位都已报送。")
        self.copy_button = QPushButton("复制催报名单")
        self.copy_button.clicked.connect(self.copy_reminders)
        self.word_button = QPushButton("导出催办单（Word）…")
        self.word_button.clicked.connect(self.export_reminders)
        self.word_button.setVisible(actions.export_reminders is not None)
        reminder_buttons = QHBoxLayout()
        reminder_buttons.addStretch(1)
        reminder_buttons.addWidget(self.copy_button)
        reminder_buttons.addWidget(self.word_button)
        self.reminder_box = QGroupBox("催报名单（尚未报送的单位，每行一个）")
        box_layout = QVBoxLayout(self.reminder_box)
        box_layout.addWidget(self.reminders)
        box_layout.addLayout(reminder_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.reminder_box, 2)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Reload the list of rounds, keeping (or moving to) ``select``, else the newest."""
        keep = select if select is not None else self.rounds.currentData()
        listed = self._actions.list_rounds() or []
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for summary in listed:
            state = "进行中" if summary.is_open else "已结束"
            self.rounds.addItem(f"{summary.name}（{state}，报送期限 {chinese_date(summary.due)}）", summary.id)
        index = self.rounds.findData(keep) if keep is not None else -1
        self.rounds.setCurrentIndex(index if index >= 0 else 0 if listed else -1)
        self.rounds.blockSignals(False)
        self._show_round()

    def _show_round(self, *_args) -> None:
        round_id = self.rounds.currentData()
        status = self._actions.status(round_id) if round_id is not None else None
        self._status = status
        self.model.set_status(status)
        self.close_round_button.setEnabled(status is not None and status.closed_on is None)
        self.copy_button.setEnabled(bool(status and status.reminder_lines()))
        self.word_button.setEnabled(bool(status and status.reminder_lines()))
        if status is None:
            self.summary.setText("本方案还没有报送轮次。点“发起报送轮次…”开始一轮进展报送。")
            self.reminders.setPlainText("")
            return
        late = len(status.units_in(ReplyState.LATE))
        waiting = len(status.units_in(ReplyState.WAITING))
        ended = f"；已于{chinese_date(status.closed_on)}结束" if status.closed_on else ""
        self.summary.setText(
            f"报送期限：{chinese_date(status.due)}　已报送 {status.returned_count}/{len(status.replies)}　"
            f"未报送 {waiting}　逾期未报 {late}　（截至{chinese_date(status.as_of)}{ended}）")
        self.reminders.setPlainText("\n".join(status.reminder_lines()))

    def reminder_text(self) -> str:
        """The 催报 list as copied: one line per unit, CRLF between lines (pastes as lines into Word and WPS)."""
        return "\r\n".join(self._status.reminder_lines()) if self._status else ""

    def copy_reminders(self) -> None:
        QApplication.clipboard().setText(self.reminder_text())

    def export_reminders(self) -> None:
        """The Word 催办单 of the units not yet replied, through the window's seam (issue 16)."""
        if self._status is not None and self._actions.export_reminders is not None:
            self._actions.export_reminders(self._status.units_in(ReplyState.WAITING, ReplyState.LATE))

    def start_round(self) -> None:
        round_id = self._actions.start()
        if round_id is not None:
            self.refresh(round_id)

    def export_by_unit(self) -> None:
        self._actions.export_by_unit()
        self.refresh()

    def close_round(self) -> None:
        if self._status is None or not self._actions.confirm(
                f"结束“{self._status.name}”吗？结束后，导出和导入的台账不再计入这一轮；轮次记录仍会保留。"):
            return
        if self._actions.close(self._status.id):
            self.refresh(self._status.id)
