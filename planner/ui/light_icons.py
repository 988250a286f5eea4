"""Round coloured dots for 红黄绿灯, drawn once and reused."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from planner.domain.lights import Light

COLOURS = {Light.RED: "#d9363e", Light.YELLOW: "#e6a700", Light.GREEN: "#2e9d4f", Light.GREY: "#a0a0a0"}


@cache
def light_icon(light: Light) -> QIcon:
    """A filled dot in the light's colour; a transparent one for no light, so labels line up."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    if light in COLOURS:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLOURS[light]))
        painter.drawEllipse(2, 2, 10, 10)
        painter.end()
    return QIcon(pixmap)
