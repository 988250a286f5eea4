"""The dashboard's QtCharts: status pie, per-unit and per-chapter stacked bars; PNG bytes of a chart."""

from __future__ import annotations

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries,
                              QPieSeries, QValueAxis)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from planner.domain.model import Status
from planner.services.dashboard import ChapterFigures, UnitFigures

# The same reds and greens as the lights (ui.light_icons), so a colour means one thing everywhere.
STATUS_COLOURS = {Status.NOT_STARTED: "#b8bec6", Status.IN_PROGRESS: "#3c7dd9", Status.DONE: "#2e9d4f",
                  Status.DELAYED: "#e07b39", Status.PAUSED: "#8a8f98"}
OVERDUE_COLOUR = "#d9363e"
ROW_HEIGHT = 22  # pixels per bar; a province's 60 units scroll rather than squeeze


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setBold(True)
    title_font.setPointSize(10)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # drawn at once, also in a PNG
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    return chart


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def status_chart(statuses: dict[Status, int]) -> QChart:
    """A pie of tasks by status (zero slices left out), each slice labelled with its count."""
    chart = _chart("任务状态")
    series = QPieSeries()
    for status, count in statuses.items():
        if count:
            slice_ = series.append(f"{status.value} {count}", count)
            slice_.setColor(QColor(STATUS_COLOURS[status]))
    series.setPieSize(0.78)
    chart.addSeries(series)
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignRight)
    font = QFont(legend.font())
    font.setPointSize(8)
    legend.setFont(font)
    return chart


def _stacked(title: str, categories: list[str], parts: list[tuple[str, str, list[int]]], rows: int) -> QChart:
    chart = _chart(title)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    for label, colour, values in parts:
        bar_set = QBarSet(label)
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append(categories)
    axis_y.setTruncateLabels(False)  # a unit's name is the point of the row: never "…"
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    axis_x = QValueAxis()
    axis_x.setLabelFormat("%d")
    most = max((sum(values[i] for _l, _c, values in parts) for i in range(rows)), default=0)
    axis_x.setRange(0, max(most, 1))
    axis_x.setTickCount(min(max(most, 1), 5) + 1)
    axis_x.applyNiceNumbers()  # ticks at 0, 10, 20 … rather than at sixths of the longest bar
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    return chart


def unit_chart(units: list[UnitFigures]) -> QChart:
    """Per lead unit: 已完成 / 推进中 / 未启动 / 逾期, most overdue on top, with its 按时完成率."""
    shown = list(reversed(units))  # a horizontal bar chart draws its first category at the bottom
    categories = [f"{u.unit}（按时 {_percent(u.on_time_rate)}）" for u in shown]
    parts = [("已完成", STATUS_COLOURS[Status.DONE], [u.done for u in shown]),
             ("推进中", STATUS_COLOURS[Status.IN_PROGRESS], [u.in_progress for u in shown]),
             ("未启动", STATUS_COLOURS[Status.NOT_STARTED], [u.not_started for u in shown]),
             ("逾期", OVERDUE_COLOUR, [u.overdue for u in shown])]
    return _stacked("牵头单位落实情况（按逾期数排序）", categories, parts, len(shown))


def chapter_chart(chapters: list[ChapterFigures]) -> QChart:
    """Per chapter: tasks by status, labelled with items covered ÷ items."""
    shown = list(reversed(chapters))
    categories = [f"{_chapter_label(c)}（{c.covered}/{c.items}）" for c in shown]
    parts = [(status.value, STATUS_COLOURS[status], [c.statuses[status] for c in shown]) for status in Status]
    return _stacked("各部分任务（已分解条目/条目）", categories, parts, len(shown))


def chart_height(rows: int) -> int:
    """Pixels a stacked bar chart needs for ``rows`` bars with its title, legend and axis."""
    return 110 + ROW_HEIGHT * max(rows, 1)


def png_bytes(view: QChartView) -> bytes:
    """The chart as it is drawn, as PNG file bytes (for saving, or for a report to embed)."""
    image = view.grab().toImage()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _chapter_label(chapter: ChapterFigures) -> str:
    from planner.domain.numerals import int_to_chinese

    title = chapter.title if len(chapter.title) <= 12 else chapter.title[:11] + "…"
    return f"{int_to_chinese(chapter.number)}、{title}" if chapter.number else title or "正文"
