"""The main window's status bar: plan name (elided first), task and item counts, status counts, saved time.

The status bar lays its widgets out by their minimum widths; a plain label's minimum is its whole
text, so on a narrow screen (1280×680, or 1366×768 with a long plan name) the labels were drawn
over each other. Only the plan name may shrink: it elides and keeps its full text in a tooltip.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from planner.domain.model import Status
from planner.services.tasks import PlanOverview

SEPARATOR = "　|　"


class ElidedLabel(QLabel):
    """A one-line label that elides its text on the right when narrower than it; full text as tooltip."""

    MINIMUM_CHARACTERS = 4  # the least it shrinks to: the first characters and "…"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self.setToolTip(text)
        super().setText(text)
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """The text as drawn at the current width."""
        return self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…" + "字" * self.MINIMUM_CHARACTERS), hint.height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())


class StatusLine:
    """The labels of the window's status bar and what they say; the 总览 adds its 逾期/临期 label after them."""

    def __init__(self, bar: QStatusBar):
        self.plan_name = ElidedLabel()
        self.plan_name.setObjectName("status_plan_name")
        self.plan_label = QLabel()  # 共 N 项任务，未落实…，已分解 i/n 个条目
        self.plan_label.setObjectName("status_plan_counts")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("status_counts")
        # Its own word, set off from the counts before it (已暂停 12 已保存 read as a status).
        self.saved_label = QLabel(f"{SEPARATOR}已保存")
        self.saved_label.setObjectName("status_saved")
        bar.addWidget(self.plan_name, 1)
        bar.addWidget(self.plan_label)
        for label in (self.counts_label, self.saved_label):
            bar.addPermanentWidget(label)

    def show(self, plan_name: str, overview: PlanOverview, items: int) -> None:
        """``items``: how many items the plan's document has (the denominator of 已分解)."""
        unassigned = f"，未落实 {overview.unassigned} 项" if overview.unassigned else ""
        self.plan_name.setText(plan_name)
        self.plan_label.setText(f"{SEPARATOR}共 {overview.total} 项任务{unassigned}，已分解 "
                                f"{len(overview.items)}/{items} 个条目")
        self.counts_label.setText("　".join(f"{status.value} {overview.statuses[status]}" for status in Status))

    def mark_saved(self) -> None:
        self.saved_label.setText(f"{SEPARATOR}已保存 {dt.datetime.now():%H:%M:%S}")
