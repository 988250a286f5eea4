"""The 总览 tab: headline figures, the three charts and the overdue / due-soon lists."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from planner.domain.model import Status
from planner.services.dashboard import DashboardFigures
from planner.ui.dashboard import charts
from planner.ui.dashboard.due_list_model import TASK_ID_ROLE, DueListModel

CHART_NAMES = {"units": "牵头单位落实情况", "chapters": "各部分任务", "statuses": "任务状态"}


class FigureCard(QFrame):
    """One headline number with its caption and a tooltip saying how it is counted."""

    def __init__(self, caption: str, tip: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName("figure_value")
        self.value.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setToolTip(tip)

    def set(self, value: str, colour: str = "#222", caption: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {colour};")
        if caption is not None:
            self.caption.setText(caption)


class OverviewPane(QWidget):
    """Shows a DashboardFigures; emits ``task_clicked`` with a task id from the lists."""

    task_clicked = Signal(int)
    save_chart_requested = Signal(str)  # a key of CHART_NAMES
    workdays_toggled = Signal(bool)
    holidays_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cards = {
            "total": FigureCard("任务总数", "方案中未删除的任务"),
            "done_rate": FigureCard("完成率", "已完成 ÷ 任务总数"),
            "overdue": FigureCard("逾期", "完成时限已过、尚未完成且未暂停的任务"),
            "due_soon": FigureCard("临期", "完成时限在今天至预警期末之间、尚未完成且未暂停的任务"),
            "undated": FigureCard("无具体日期", "完成时限为“持续推进”等短语或未填写的任务"),
            "day_off": FigureCard("截止日逢休息日", "完成时限恰逢法定节假日或周末的在办任务，可能需要提前"),
        }
        self.workdays = QCheckBox("预警期按工作日计算")
        self.workdays.setToolTip("勾选后，临期预警和“距截止还有 N 个工作日”按工作日（含法定节假日和调休）计算")
        self.holidays_button = QPushButton("节假日安排…")
        self.holidays_button.setToolTip("录入某年的法定节假日和调休上班日（如 2027 年，内置日历尚未包含）")
        self.save_units = QPushButton("保存单位图…")
        self.save_chapters = QPushButton("保存部分图…")
        self.save_statuses = QPushButton("保存状态图…")

        top = QHBoxLayout()
        for card in self.cards.values():
            top.addWidget(card)
        top.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.workdays)
        buttons.addWidget(self.holidays_button)
        top.addLayout(buttons)

        self.views = {key: charts.chart_view(charts.status_chart({})) for key in CHART_NAMES}
        self.unit_scroll = QScrollArea()
        self.unit_scroll.setWidgetResizable(True)
        self.unit_scroll.setWidget(self.views["units"])
        left = _with_button(self.unit_scroll, self.save_units)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_with_button(self.views["statuses"], self.save_statuses))
        self.chapter_scroll = QScrollArea()
        self.chapter_scroll.setWidgetResizable(True)
        self.chapter_scroll.setWidget(self.views["chapters"])
        right.addWidget(_with_button(self.chapter_scroll, self.save_chapters))
        right.setSizes([230, 300])
        chart_split = QSplitter(Qt.Orientation.Horizontal)
        chart_split.addWidget(left)
        chart_split.addWidget(right)
        chart_split.setSizes([700, 620])

        self.lists = QTabWidget()
        self.list_models = {key: DueListModel(self) for key in ("overdue", "due_7", "due_30")}
        self.list_views = {}
        for key, model in self.list_models.items():
            view = QTableView()
            view.setObjectName(f"list_{key}")
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(22)
            header = view.horizontalHeader()
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            for column, width in ((0, 52), (2, 130), (3, 130), (4, 150), (5, 110)):
                view.setColumnWidth(column, width)
            view.clicked.connect(lambda index: self.task_clicked.emit(index.data(TASK_ID_ROLE)))
            self.list_views[key] = view
            self.lists.addTab(view, "")

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(chart_split)
        body.addWidget(self.lists)
        body.setSizes([400, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(body, 1)

        self.workdays.toggled.connect(self.workdays_toggled)
        self.holidays_button.clicked.connect(self.holidays_requested)
        self.save_units.clicked.connect(lambda: self.save_chart_requested.emit("units"))
        self.save_chapters.clicked.connect(lambda: self.save_chart_requested.emit("chapters"))
        self.save_statuses.clicked.connect(lambda: self.save_chart_requested.emit("statuses"))

    def show_figures(self, figures: DashboardFigures) -> None:
        cards = self.cards
        cards["total"].set(str(figures.total))
        rate = figures.done_rate
        cards["done_rate"].set("—" if rate is None else f"{rate:.1%}", "#2e9d4f",
                               f"完成率（已完成 {figures.statuses[Status.DONE]}）")
        cards["overdue"].set(str(figures.overdue), charts.OVERDUE_COLOUR if figures.overdue else "#222")
        unit = "个工作日" if figures.counts_workdays else "天"
        cards["due_soon"].set(str(figures.due_soon), "#e6a700" if figures.due_soon else "#222",
                              f"临期（截止 {figures.window_end:%m-%d} 前）")
        cards["due_soon"].setToolTip(f"完成时限在今天至 {figures.window_end:%Y-%m-%d}（预警期，按{unit}计）之间、"
                                     "尚未完成且未暂停的任务")
        cards["undated"].set(str(figures.undated))
        cards["day_off"].set(str(figures.day_off_deadlines), "#e07b39" if figures.day_off_deadlines else "#222")
        self.workdays.blockSignals(True)
        self.workdays.setChecked(figures.counts_workdays)
        self.workdays.blockSignals(False)

        self._set_chart("statuses", charts.status_chart(figures.statuses))
        self._set_chart("units", charts.unit_chart(figures.units))
        undated_done = sum(unit.done_undated for unit in figures.units)
        self.views["units"].setToolTip(
            "条形：已完成 / 推进中（含已滞后）/ 未启动 / 逾期，已暂停的任务不画。\n"
            "按时完成率 = 截至今天已到期的任务中按期完成的 ÷ 已到期的任务（不含已暂停）；"
            "完成日期取第一条“已完成”进展的日期。"
            + (f"\n其中 {undated_done} 项已完成但没有“已完成”进展记录，按按时完成计。" if undated_done else ""))
        self.views["units"].setMinimumHeight(charts.chart_height(len(figures.units)))
        self._set_chart("chapters", charts.chapter_chart(figures.chapters))
        self.views["chapters"].setMinimumHeight(charts.chart_height(len(figures.chapters)))

        for index, (key, rows, count, title) in enumerate((
                ("overdue", figures.overdue_tasks, figures.overdue, "逾期"),
                ("due_7", figures.due_in_7, figures.due_in_7_count, "7 天内到期"),
                ("due_30", figures.due_in_30, figures.due_in_30_count, "30 天内到期"))):
            self.list_models[key].set_rows(rows)
            shown = "" if len(rows) == count else f"，列出前 {len(rows)} 项"
            self.lists.setTabText(index, f"{title}（{count}{shown}）")

    def _set_chart(self, key: str, chart) -> None:
        view = self.views[key]
        old = view.chart()
        view.setChart(chart)
        old.deleteLater()  # setChart gives up the old chart without deleting it

    def chart_png(self, key: str) -> bytes:
        """The chart ``key`` (units / chapters / statuses) as PNG bytes, as it is drawn now."""
        return charts.png_bytes(self.views[key])


def _with_button(widget: QWidget, button: QPushButton) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    layout.addLayout(row)
    return box
