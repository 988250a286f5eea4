"""Plan settings: office/region, 发文机关, plan title, year, warning window, preamble."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox

from planner.domain.model import Plan
from planner.ui.dialogs.buttons import ok_cancel


@dataclass(frozen=True)
class PlanSettings:
    name: str
    office: str
    year: int
    warning_days: int
    preamble: str = ""
    issuer: str = ""  # 发文机关, the 署名 of Word documents


class PlanSettingsDialog(QDialog):
    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.setWindowTitle("方案设置")
        self.resize(640, 320)
        self.office = QLineEdit(plan.office, self)
        self.office.setPlaceholderText("如 河南省")
        self.issuer = QLineEdit(plan.issuer, self)
        self.issuer.setPlaceholderText("单位全称，用作 Word 文件的署名，如 河南省发展和改革委员会")
        self.name = QLineEdit(plan.name, self)
        self.year = QSpinBox(self)
        self.year.setRange(1949, 2100)
        self.year.setValue(plan.year or 2026)
        self.warning_days = QSpinBox(self)
        self.warning_days.setRange(0, 366)
        self.warning_days.setSuffix(" 天")
        self.warning_days.setValue(plan.warning_days)
        self.preamble = QPlainTextEdit(plan.preamble, self)
        self.preamble.setPlaceholderText("导出 Word 实施方案时的开头一段；留空则按文件标题自动生成")
        self.preamble.setMaximumHeight(90)
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("单位/地区", self.office)
        form.addRow("发文机关", self.issuer)
        form.addRow("方案标题", self.name)
        form.addRow("方案年度", self.year)
        form.addRow("临期预警（到期前）", self.warning_days)
        form.addRow("方案导语", self.preamble)
        form.addRow(buttons)

    def settings(self) -> PlanSettings:
        return PlanSettings(name=self.name.text().strip(), office=self.office.text().strip(),
                            year=self.year.value(), warning_days=self.warning_days.value(),
                            preamble=self.preamble.toPlainText().strip(), issuer=self.issuer.text().strip())

    @classmethod
    def ask(cls, parent, plan: Plan) -> PlanSettings | None:
        dialog = cls(plan, parent)
        return dialog.settings() if dialog.exec() == QDialog.DialogCode.Accepted else None
