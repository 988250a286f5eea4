"""The 时间轴 tab: tasks on a time axis by deadline, one band per chapter or lead unit, a line for today.

Tasks without a date (持续推进, 长期坚持, an empty deadline) are listed beside the axis, never
drawn at a made-up date.
"""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QGraphicsItem, QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QSplitter, QToolTip, QVBoxLayout, QWidget)

from planner.domain.lights import Light
from planner.services.dashboard import GROUP_BY, Timeline, TimelineTask
from planner.ui.light_icons import COLOURS

# Pixels per day for each zoom; a month is ~180, ~60 and ~15 pixels wide.
ZOOMS = {"month": ("按月", 6.0), "quarter": ("按季", 2.0), "year": ("按年", 0.5)}
LABEL_WIDTH = 190
DOT = 9
LANE = 12
MAX_LANES = 8  # beyond this, dots of one band overlap rather than making the band taller
AXIS_HEIGHT = 30


@dataclass(frozen=True)
class Dot:
    """Where one task is drawn (scene coordinates of its centre) and in which colour."""

    task: TimelineTask
    x: float
    y: float
    colour: str

    def rect(self) -> QRectF:
        return QRectF(self.x - DOT / 2, self.y - DOT / 2, DOT, DOT)


class BandItem(QGraphicsItem):
    """All dots of one band, painted by one item: 20,000 QGraphicsEllipseItems took seconds to build."""

    def __init__(self, dots: list[Dot], rect: QRectF):
        super().__init__()
        self.dots = dots
        self._rect = rect
        self._brushes = {colour: QBrush(QColor(colour)) for colour in {dot.colour for dot in dots}}

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        exposed = option.exposedRect
        painter.setPen(QPen(QColor("#ffffff"), 1))
        for dot in self.dots:
            if exposed.left() - DOT <= dot.x <= exposed.right() + DOT:
                painter.setBrush(self._brushes[dot.colour])
                painter.drawEllipse(QPointF(dot.x, dot.y), DOT / 2, DOT / 2)

    def dot_at(self, point: QPointF) -> Dot | None:
        """The topmost dot under ``point`` (the last drawn wins, as on screen)."""
        for dot in reversed(self.dots):
            if (dot.x - point.x()) ** 2 + (dot.y - point.y()) ** 2 <= (DOT / 2 + 1) ** 2:
                return dot
        return None


class TimelineView(QGraphicsView):
    """Draws a Timeline; emits ``task_clicked`` with the id of the dot clicked; a dot's tooltip names its task."""

    task_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Band labels are painted over the scene at the view's left edge, so they stay put while
        # the axis scrolls sideways (a frozen first column); the whole viewport is repainted for it.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.dots: dict[int, Dot] = {}
        self.today_x: float | None = None
        self.bands: list[tuple[str, float, float]] = []  # (label, top, height) in scene coordinates
        self._band_items: list[BandItem] = []

    def draw(self, timeline: Timeline, *, zoom: str) -> None:
        scene = self.scene()
        scene.clear()
        self.dots = {}
        self.today_x = None
        self.bands = []
        self._band_items = []
        first, last = timeline.first, timeline.last
        if first is None:
            scene.addText("没有带具体日期的任务可画。").setPos(10, 10)
            return
        start = min(first, timeline.today).replace(day=1)
        end = max(last, timeline.today)
        per_day = ZOOMS[zoom][1]
        x_of = lambda day: LABEL_WIDTH + (day - start).days * per_day  # noqa: E731
        width = x_of(end) + 40

        y = AXIS_HEIGHT
        bands = []
        for group in timeline.groups:
            lanes = _lanes(group.tasks, x_of)
            height = (min(max(lanes.values(), default=0), MAX_LANES - 1) + 1) * LANE + 8
            bands.append((group.label, y, height, lanes, group.tasks))
            y += height
        self._draw_axis(scene, start, end, x_of, zoom, y)
        font = QFont(self.font())
        font.setPointSize(9)
        for number, (label, top, height, lanes, tasks) in enumerate(bands):
            if number % 2:
                scene.addRect(QRectF(0, top, width, height), QPen(Qt.PenStyle.NoPen), QBrush(QColor("#f4f6f8")))
            self.bands.append((label, top, height))
            dots = [Dot(task, x_of(task.deadline), top + 4 + DOT / 2 + min(lanes[task.task_id], MAX_LANES - 1) * LANE,
                        COLOURS.get(task.light, "#666666")) for task in tasks]
            self.dots.update((dot.task.task_id, dot) for dot in dots)
            band = BandItem(dots, QRectF(0, top, width, height))
            scene.addItem(band)
            self._band_items.append(band)
        self.today_x = x_of(timeline.today)
        pen = QPen(QColor("#d9363e"), 1.5, Qt.PenStyle.DashLine)
        scene.addLine(self.today_x, AXIS_HEIGHT - 6, self.today_x, y, pen).setZValue(5)
        today = scene.addSimpleText("今天", font)
        today.setBrush(QColor("#d9363e"))
        today.setPos(self.today_x + 3, 0)
        scene.setSceneRect(QRectF(0, 0, width, y + 4))

    def dot_at(self, view_point: QPoint) -> Dot | None:
        point = self.mapToScene(view_point)
        return next((dot for band in self._band_items if band.boundingRect().contains(point)
                     for dot in [band.dot_at(point)] if dot is not None), None)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip:
            dot = self.dot_at(event.pos())
            if dot is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), _tip(dot.task), self.viewport())
            return True
        return super().viewportEvent(event)

    def drawForeground(self, painter, rect) -> None:  # noqa: N802 - Qt API
        if not self.bands:
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        left = visible.left()
        painter.fillRect(QRectF(left, visible.top(), LABEL_WIDTH - 10, visible.height()), QColor(255, 255, 255, 240))
        painter.setPen(QColor("#d8dce0"))
        painter.drawLine(QPointF(left + LABEL_WIDTH - 10, visible.top()), QPointF(left + LABEL_WIDTH - 10,
                                                                                   visible.bottom()))
        font = QFont(self.font())
        font.setPointSize(9)
        painter.setFont(font)
        painter.setPen(QColor("#222"))
        metrics = painter.fontMetrics()
        for label, top, height in self.bands:
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 18)
            painter.drawText(QRectF(left + 4, top, LABEL_WIDTH - 16, min(height, 24)),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)

    def _draw_axis(self, scene, start: dt.date, end: dt.date, x_of, zoom: str, bottom: float) -> None:
        font = QFont(self.font())
        font.setPointSize(8)
        step = {"month": 1, "quarter": 3, "year": 12}[zoom]
        grid = QPen(QColor("#d8dce0"))
        year, month = start.year, start.month
        while dt.date(year, month, 1) <= end:
            day = dt.date(year, month, 1)
            if (month - 1) % step == 0:
                x = x_of(day)
                scene.addLine(x, AXIS_HEIGHT - 4, x, bottom, grid)
                text = scene.addSimpleText(f"{year}" if zoom == "year" else f"{year}-{month:02d}", font)
                text.setPos(x + 2, 12)
            month += 1
            if month > 12:
                year, month = year + 1, 1

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        dot = self.dot_at(event.position().toPoint())
        if dot is not None:
            self.task_clicked.emit(dot.task.task_id)
        super().mousePressEvent(event)


def _lanes(tasks: list[TimelineTask], x_of) -> dict[int, int]:
    """Each dot's lane in its band: the first whose last dot ends before this one (tasks by deadline)."""
    ends: list[float] = []
    lanes = {}
    for task in tasks:
        x = x_of(task.deadline)
        lane = next((i for i, end in enumerate(ends) if end < x - DOT / 2), None)
        if lane is None:
            lane = len(ends) if len(ends) < MAX_LANES else len(lanes) % MAX_LANES
            if lane == len(ends):
                ends.append(0)
        ends[lane] = x + DOT / 2
        lanes[task.task_id] = lane
    return lanes


def _tip(task: TimelineTask) -> str:
    day_off = f"（{task.day_off}，截止日为休息日）" if task.day_off else ""
    return (f"{task.code} {task.content}\n完成时限：{task.deadline_phrase or '—'}（{task.deadline}）{day_off}\n"
            f"{task.light.label}")


class TimelinePane(QWidget):
    """Grouping and zoom controls, the axis, and the list of tasks without a date."""

    task_clicked = Signal(int)
    options_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group_by = QComboBox()
        for key, label in GROUP_BY.items():
            self.group_by.addItem(label, key)
        self.zoom = QComboBox()
        for key, (label, _per_day) in ZOOMS.items():
            self.zoom.addItem(label, key)
        self.zoom.setCurrentIndex(1)
        self.view = TimelineView()
        self.view.setObjectName("timeline_view")
        self.undated = QListWidget()
        self.undated.setObjectName("timeline_undated")
        self.undated_label = QLabel("无具体日期的任务")
        legend = "　".join(f"<span style='color:{COLOURS[light]}'>●</span> {light.label}"
                          for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY))
        controls = QHBoxLayout()
        controls.addWidget(QLabel("分组"))
        controls.addWidget(self.group_by)
        controls.addWidget(QLabel("缩放"))
        controls.addWidget(self.zoom)
        controls.addSpacing(16)
        controls.addWidget(QLabel(legend + "　<span style='color:#d9363e'>┆</span> 今天"))
        controls.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.undated_label)
        side_layout.addWidget(self.undated)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setSizes([1000, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self.group_by.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.zoom.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.view.task_clicked.connect(self.task_clicked)
        self.undated.itemClicked.connect(lambda item: self.task_clicked.emit(item.data(Qt.ItemDataRole.UserRole)))

    def show_timeline(self, timeline: Timeline) -> None:
        self.view.draw(timeline, zoom=self.zoom.currentData())
        if self.view.today_x is not None:
            self.view.centerOn(self.view.today_x, 0)
        self.undated.clear()
        for task in timeline.undated:
            item = QListWidgetItem(f"{task.code} {task.content}（{task.deadline_phrase or '未填写时限'}）")
            item.setData(Qt.ItemDataRole.UserRole, task.task_id)
            item.setToolTip(task.content)
            self.undated.addItem(item)
        self.undated_label.setText(f"无具体日期的任务（{len(timeline.undated)}），如“持续推进”，不在时间轴上")
