"""The one percent editor (the 进度 cell, the 添加进展 dialog): what is typed is kept whole, judged on saving.

A QSpinBox's validator swallowed the keystroke that took a number past 100, so "150" was saved
as 15 without a word (trial of 2026-11-30, issue 11). Here every keystroke and paste stays in
the box; saving asks ``value()``, and a refused value is said at the box, in red, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QToolTip

from planner.domain.completion import typed_percent
from planner.domain.ledger_words import WordError

HINT = "0–100 的整数"
_REFUSED_STYLE = "QLineEdit { border: 1px solid #c62828; background: #fdecea; }"


class _KeepEverything(QValidator):
    """Acceptable when the text is a percent, Intermediate otherwise, never Invalid: nothing typed is dropped.

    Intermediate also keeps Qt's item delegates from committing on Enter or Tab
    (QAbstractItemDelegate commits only input the editor finds acceptable).
    """

    def validate(self, text, pos):  # noqa: D102 - Qt API
        return (QValidator.State.Acceptable if not problem_of(text) else QValidator.State.Intermediate), text, pos


def problem_of(text: str) -> str:
    """Why ``text`` cannot be saved as a percent, or "" (domain.completion.typed_percent is the rule)."""
    try:
        typed_percent(text)
    except WordError as error:
        return str(error)
    return ""


def not_saved(problem: str) -> str:
    """What the clerk is told when a 进度 cell's value is refused once the cell is left (or pasted onto)."""
    return f"{problem}：未保存，该任务的进度未改变。"


class PercentEdit(QLineEdit):
    """A percent typed as text (85, 85%); ``value()`` is None until it is a whole number 0–100."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setValidator(_KeepEverything(self))
        self.setPlaceholderText(HINT)
        self._refusal = ""  # the reason shown now, until the text changes
        self.textChanged.connect(self._clear_refusal)

    def value(self) -> int | None:
        return None if problem_of(self.text()) else typed_percent(self.text())

    def set_value(self, percent: int) -> None:
        self.setText(str(percent))
        self.selectAll()

    def problem(self) -> str:
        """Why the text cannot be saved, or ""."""
        return problem_of(self.text())

    def refused(self) -> str:
        """The reason shown now (red box and its tooltip), or "" when the box is not marked."""
        return self._refusal

    def show_refusal(self) -> str:
        """Mark the box red and show why its text is not saved; returns the message shown."""
        problem = self.problem()
        # Most reasons already say what to write (请填写 0–100 之间的整数): not twice.
        message = self._refusal = f"{problem}：未保存。" if "请填写" in problem else f"{problem}：未保存，请改为 {HINT}。"
        self.setStyleSheet(_REFUSED_STYLE)
        self.setToolTip(message)
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
        self.setFocus()
        self.selectAll()
        return message

    def _clear_refusal(self) -> None:
        if self._refusal:
            self._refusal = ""
            self.setStyleSheet("")
            self.setToolTip("")
            QToolTip.hideText()
