"""The 总览 window: the overview tab and the timeline tab, recomputed only when shown and out of date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from planner.services import dashboard
from planner.services.dashboard import DashboardFigures, Timeline
from planner.ui.dashboard.overview_pane import OverviewPane
from planner.ui.dashboard.timeline_pane import TimelinePane
from planner.ui.window_layout import DEFAULT_SIZE, fit_to_screen


class DashboardWindow(QWidget):
    """Figures and timeline of one plan; the owner calls ``refresh`` after every change.

    Signals:
        task_selected(int): a task was clicked in a list or on the timeline.
        figures_shown(object): new DashboardFigures were drawn (the owner reports unknown years).
    """

    task_selected = Signal(int)
    figures_shown = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dashboard_window")
        self.setWindowTitle("总览")
        self.resize(DEFAULT_SIZE)
        fit_to_screen(self)  # never larger than the screen's available area, as the main window
        self.overview = OverviewPane()
        self.timeline = TimelinePane()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overview, "总览")
        self.tabs.addTab(self.timeline, "时间轴")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._source = None  # (db, plan_id, today, plan name)
        self._stale = {"overview", "timeline"}
        self.figures: DashboardFigures | None = None
        self.timeline_data: Timeline | None = None
        self.overview.task_clicked.connect(self.task_selected)
        self.timeline.task_clicked.connect(self.task_selected)
        self.timeline.options_changed.connect(lambda: self._mark_stale({"timeline"}))
        self.tabs.currentChanged.connect(lambda _i: self._update())

    def refresh(self, db, plan_id: int, *, today: dt.date, plan_name: str = "") -> None:
        """The plan changed (an edit, an undo, an import, another plan): redraw now if shown, else when shown."""
        self._source = (db, plan_id, today)
        self.setWindowTitle(f"总览 — {plan_name}" if plan_name else "总览")
        self._mark_stale({"overview", "timeline"})

    def _mark_stale(self, parts: set[str]) -> None:
        self._stale |= parts
        if self.isVisible():
            self._update()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._update()

    def _update(self) -> None:
        if self._source is None:
            return
        if self.tabs.currentWidget() is self.overview:
            self.update_overview()
        elif "timeline" in self._stale:
            db, plan_id, today = self._source
            self._stale.discard("timeline")
            self.timeline_data = dashboard.timeline(db, plan_id, today=today,
                                                    group_by=self.timeline.group_by.currentData())
            self.timeline.show_timeline(self.timeline_data)

    def update_overview(self) -> None:
        """Compute and draw the figures now if they are out of date (also when hidden)."""
        if self._source is None or "overview" not in self._stale:
            return
        db, plan_id, today = self._source
        self._stale.discard("overview")
        self.figures = dashboard.dashboard_figures(db, plan_id, today=today)
        self.overview.show_figures(self.figures)
        self.figures_shown.emit(self.figures)

    def chart_png(self, key: str) -> bytes:
        """A chart (``units``, ``chapters`` or ``statuses``) as PNG bytes, e.g. for a report to embed.

        Computed first if out of date, so it works with the window closed.
        """
        self.update_overview()
        return self.overview.chart_png(key)
