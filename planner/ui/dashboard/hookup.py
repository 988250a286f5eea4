"""Wires the 总览 into the main window: its action, the status bar's 逾期/临期 label, selection, settings.

The main window creates one DashboardHookup and calls ``refresh`` from its own refresh path; the
dashboard window itself (and QtCharts with it) is built only when first opened, so start-up
does not pay for it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLabel, QToolBar

from planner.domain.lights import Light
from planner.domain.model import Plan
from planner.services import workdays
from planner.services.light_counts import LightCounts, warning_window

STATUS_LINK = "<a href='{light}' style='color:{colour}; text-decoration:none'>{text}</a>"


class DashboardHookup(QObject):
    """Adds 视图 → 总览 and a toolbar button to ``window``, and the lights label to its status bar.

    ``window`` is the MainWindow; it is used through its public methods (select_item, select_task,
    current_task_id, filter_bar, all_tasks, undo_stack, refresh, statusBar, show_error).
    """

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._source: tuple | None = None  # (db, plan, today) of the last refresh
        self._told_years: set[int] = set()
        self.dashboard = None  # DashboardWindow, built when first opened
        self.action = QAction("总览", window)
        self.action.setObjectName("dashboard_action")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.action.setStatusTip("任务完成情况、逾期与临期、各单位和各部分统计、时间轴")
        self.action.triggered.connect(lambda _checked=False: self.open())
        view_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "视图(&V)"), None)
        (view_menu or window.menuBar().addMenu("视图(&V)")).addAction(self.action)
        # Working days are settings too: offered in 设置 as well as on the dashboard.
        self.workdays_action = QAction("预警期按工作日计算", window)
        self.workdays_action.setCheckable(True)
        self.workdays_action.toggled.connect(self.set_counts_workdays)
        self.holidays_action = QAction("节假日安排…", window)
        self.holidays_action.triggered.connect(lambda _checked=False: self.edit_holidays())
        settings_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "设置(&S)"), None)
        if settings_menu is not None:
            settings_menu.addSeparator()
            settings_menu.addAction(self.workdays_action)
            settings_menu.addAction(self.holidays_action)
        toolbar = window.findChild(QToolBar, "main_toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.action)
        self.lights_label = QLabel()
        self.lights_label.setObjectName("lights_label")
        self.lights_label.setToolTip("点击只显示逾期或临期的任务")
        self.lights_label.linkActivated.connect(lambda light: self.filter_to(Light(light)))
        window.statusBar().addPermanentWidget(self.lights_label)

    # --- called by the main window ---------------------------------------------------------

    def refresh(self, db, plan: Plan, *, today: dt.date, overdue: int, due_soon: int) -> None:
        """After every change: the status label now, the dashboard when it is open (or when next opened).

        ``overdue`` and ``due_soon`` are the plan's 逾期/临期 counts the window has already read
        with its outline (services.tasks.PlanOverview): a second pass over 20,000 tasks at every
        edit would be the slowest part of the refresh.
        """
        self._source = (db, plan, today)
        counts = LightCounts(overdue=overdue, due_soon=due_soon,
                             fallback_years=warning_window(db, plan.id, today=today)[1])
        self.lights_label.setText(" · ".join((
            STATUS_LINK.format(light=Light.RED.value, colour="#d9363e", text=f"逾期 {counts.overdue} 项"),
            STATUS_LINK.format(light=Light.YELLOW.value, colour="#b07d00", text=f"临期 {counts.due_soon} 项"))))
        self._tell_fallback(counts.fallback_years)
        counting = workdays.counts_workdays(db, plan.id)
        if counting:  # the window set "N 天内到期" just before
            self._window.filter_bar.light.setItemText(2, f"{plan.warning_days} 个工作日内到期")
        else:
            self._window.filter_bar.set_warning_days(plan.warning_days)
        self.workdays_action.blockSignals(True)
        self.workdays_action.setChecked(counting)
        self.workdays_action.blockSignals(False)
        if self.dashboard is not None:
            self.dashboard.refresh(db, plan.id, today=today, plan_name=plan.name)

    def warning_days(self, db, plan: Plan, *, today: dt.date) -> int:
        """The warning window in calendar days from today (working days counted when the plan says so)."""
        return workdays.effective_warning_days(db, plan.id, today=today)

    def deadline_note(self, db, plan: Plan, task, *, today: dt.date) -> str:
        """距截止 (in working days if the plan says so) and a deadline on a day off, for the task details."""
        return workdays.deadline_note(db, plan.id, task, today=today) if task is not None else ""

    # --- the dashboard ---------------------------------------------------------------------

    def open(self):
        """Show the dashboard window (built on first use) and return it."""
        window = self.ensure_dashboard()
        if window.isVisible():  # behind the main window: bring it forward
            window.raise_()
            window.activateWindow()
        window.show()
        return window

    def ensure_dashboard(self):
        if self.dashboard is None:
            from planner.ui.dashboard.dashboard_window import DashboardWindow

            self.dashboard = DashboardWindow(self._window)
            self.dashboard.task_selected.connect(self.show_task)
            self.dashboard.figures_shown.connect(lambda figures: self._tell_fallback(figures.fallback_years))
            overview = self.dashboard.overview
            overview.workdays_toggled.connect(self.set_counts_workdays)
            overview.holidays_requested.connect(self.edit_holidays)
            overview.save_chart_requested.connect(self.save_chart)
            if self._source is not None:
                db, plan, today = self._source
                self.dashboard.refresh(db, plan.id, today=today, plan_name=plan.name)
        return self.dashboard

    def chart_png(self, key: str) -> bytes:
        """PNG bytes of a dashboard chart (``units``, ``chapters``, ``statuses``) for the current plan."""
        return self.ensure_dashboard().chart_png(key)

    def save_chart(self, key: str) -> None:
        from planner.exchange.atomic_file import write_atomically
        from planner.ui.dashboard.overview_pane import CHART_NAMES
        from planner.ui.outcome import FAILED

        path = self._window.ask_save_file("保存图表", f"{CHART_NAMES[key]}.png", "PNG 图片 (*.png)")
        if path is None:
            return
        data = self.chart_png(key)
        written = self._window._run(lambda: write_atomically(
            Path(path), lambda temporary: Path(temporary).write_bytes(data),
            locked_message=f"“{Path(path).name}”正被其他程序占用，请关闭后重试。"))
        if written is not FAILED:
            self._window.statusBar().showMessage(f"图表已保存到 {path}", 6000)

    # --- acting on the main window ---------------------------------------------------------

    def show_task(self, task_id: int) -> None:
        """Select the task in the main window's table: its item first, clearing a filter that hides it."""
        if self._source is None:
            return
        window = self._window
        from planner.services import task_edits  # with the first click on the 总览, not the window

        window.task_view.commit_editor()  # what the clerk was typing in the table is kept
        task = task_edits.get_task(self._source[0], task_id)
        if task is None:
            return
        if not window.all_tasks.isChecked() and window.current_item_id() != task.item_id:
            window.outline_pane.reveal_item(task.item_id)  # 只看此章 of another chapter would hide it
            window.select_item(task.item_id)
        window.select_task(task_id)
        if window.current_task_id() != task_id:
            window.filter_bar.clear()
            window.select_task(task_id)
        window.task_view.scrollTo(window.task_view.currentIndex())

    def filter_to(self, light: Light) -> None:
        """Show every task of the plan with this light (the status label's links)."""
        window = self._window
        window.task_view.commit_editor()
        window.all_tasks.setChecked(True)
        bar = window.filter_bar
        bar.clear()
        bar.light.setCurrentIndex(bar.light.findData(light))

    def set_counts_workdays(self, on: bool) -> None:
        from planner.ui.outcome import FAILED

        if self._source is None:
            return
        db, plan, _today = self._source
        if workdays.counts_workdays(db, plan.id) == on:
            return
        if self._window._run(lambda: workdays.set_counts_workdays(db, plan.id, on)) is FAILED:
            return
        text = "预警期改按工作日计算" if on else "预警期改按自然日计算"
        self._window.undo_stack.push(_SettingCommand(
            text, lambda: workdays.set_counts_workdays(db, plan.id, on),
            lambda: workdays.set_counts_workdays(db, plan.id, not on), self._window.refresh))
        self._window.refresh(None)

    def edit_holidays(self) -> None:
        from planner.ui.dashboard.holidays_dialog import HolidaysDialog
        from planner.ui.outcome import FAILED

        if self._source is None:
            return
        db, _plan, today = self._source
        years = workdays.builtin_years()
        unknown = sorted(self._told_years)
        entered = HolidaysDialog.ask(self.dashboard or self._window, year=unknown[0] if unknown else today.year + 1,
                                     load_year=lambda year: workdays.office_year(db, year), builtin_years=years)
        if entered is None:
            return
        previous = self._window._run(lambda: workdays.save_office_year(db, entered.year, entered.rows))
        if previous is FAILED:
            return
        old_rows = [(d.day.isoformat(), d.kind.value, d.name) for d in previous]
        self._told_years.discard(entered.year)
        self._window.undo_stack.push(_SettingCommand(
            f"{entered.year} 年节假日安排", lambda: workdays.save_office_year(db, entered.year, entered.rows),
            lambda: workdays.save_office_year(db, entered.year, old_rows), self._window.refresh))
        self._window.refresh(None)

    def _tell_fallback(self, years) -> None:
        """Say once per year that it counts Monday–Friday (no 节假日安排 known for it)."""
        new = [year for year in years if year not in self._told_years]
        if not new:
            return
        self._told_years.update(new)
        self._window.statusBar().showMessage(
            f"{'、'.join(map(str, new))} 年的节假日安排尚未录入，暂按周一至周五计算工作日"
            "（可在“设置 → 节假日安排…”中录入）。", 15000)


class _SettingCommand(QUndoCommand):
    """A settings change already made; undo and redo call the given functions, then refresh."""

    def __init__(self, text: str, do, undo, refresh):
        super().__init__(text)
        self._do, self._undo, self._refresh = do, undo, refresh
        self._done = True

    def redo(self) -> None:
        if self._done:  # pushed after the change was made
            self._done = False
            return
        self._do()
        self._refresh(None)

    def undo(self) -> None:
        self._undo()
        self._refresh(None)
