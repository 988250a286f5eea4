"""Draw the application icon (planner.png, planner.ico) with Qt; run after changing the design.

    QT_QPA_PLATFORM=offscreen python resources/icons/build_icon.py

The .ico holds PNG images at 16, 24, 32, 48, 64 and 256 pixels (PNG entries in ICO files are
read by Windows Vista and later), written here because Qt's ICO writer stores only one size.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 256)
RED, GOLD = QColor("#b7161c"), QColor("#f4c542")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(box, size * 0.18, size * 0.18)
    painter.fillPath(path, RED)
    # A gold bar under the character: the 台账's checked line.
    painter.fillRect(QRectF(size * 0.22, size * 0.78, size * 0.56, max(1.0, size * 0.06)), GOLD)
    font = QFont(["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei"])
    font.setPixelSize(int(size * 0.58))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, -size * 0.06, size, size), Qt.AlignmentFlag.AlignCenter, "落")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG entries (ICONDIR, then one ICONDIRENTRY per size, then the data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    images = {size: png_bytes(draw(size)) for size in SIZES}
    (HERE / "planner.png").write_bytes(images[256])
    (HERE / "planner.ico").write_bytes(ico_bytes(images))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
