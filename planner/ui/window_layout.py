"""The window's size on the screen it opens on, the panes' default sizes, and the layout remembered.

Office screens: 1366×768 laptops (about 1366×728 once the Windows taskbar is counted) and
1920×1080 at 150 % (1280×720 logical, 1280×680 available). The window never opens larger than
the available geometry, and the default split gives the task table at least 10 rows (issue 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt

DEFAULT_SIZE = QSize(1366, 768)


@dataclass(frozen=True)
class Splits:
    main: list[int]  # outline | the rest
    centre: list[int]  # item text and details | task table
    top: list[int]  # item text | details


def default_splits(size: QSize) -> Splits:
    """Pane sizes for a window of ``size`` (the splitters scale them to what they really get)."""
    width, height = size.width(), size.height()
    outline = max(220, min(300, width * 20 // 100))
    centre_height = max(height - 80, 200)  # less menu, tool and status bars
    top = max(90, min(200, centre_height * 21 // 100))
    rest = max(width - outline, 400)
    return Splits(main=[outline, width - outline], centre=[top, centre_height - top],
                  top=[rest * 58 // 100, rest - rest * 58 // 100])


def fitted_frame(frame: QRect, available: QRect) -> QRect:
    """``frame`` moved and shrunk to lie inside ``available`` (a screen's geometry less its taskbar)."""
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() + 1 - width)
    top = min(max(frame.top(), available.top()), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def fit_to_screen(window) -> None:
    """Shrink and move ``window`` so its frame (title bar included) lies inside its screen's available area."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    # Before the first show the frame is not known: allow for a Windows title bar and borders.
    extra_w = frame.width() - inner.width() or 16
    extra_h = frame.height() - inner.height() or 39
    fitted = fitted_frame(QRect(frame.topLeft(), QSize(inner.width() + extra_w, inner.height() + extra_h)), available)
    window.resize(max(fitted.width() - extra_w, 1), max(fitted.height() - extra_h, 1))
    window.move(fitted.topLeft())


def _fits(window) -> bool:
    screen = window.screen()
    if screen is None:
        return True
    available = screen.availableGeometry()
    return window.width() <= available.width() and window.height() <= available.height()


_SPLITTERS = ("main_split", "centre_split", "top_split")
_PANE_TOGGLES = ("show_item_text", "show_details")


def restore_layout(window, settings) -> None:
    """The window as the user left it (size, pane sizes, folded panes, column widths), fitted to this screen."""
    geometry = settings.value("main_window/geometry")
    # Qt refuses a geometry saved on a bigger screen (restoreGeometry is False) and leaves the
    # window at its minimum size: the default size, fitted below, is then what the clerk gets.
    if geometry is None or not window.restoreGeometry(geometry) or not _fits(window):
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(DEFAULT_SIZE)
    window.apply_default_splits()
    fit_to_screen(window)
    for name in _SPLITTERS:
        state = settings.value(f"main_window/{name}")
        if state is not None:
            getattr(window, name).restoreState(state)
    widths = settings.value("main_window/task_column_widths")
    if isinstance(widths, dict):
        window.task_view.set_preferred_widths({int(k): int(v) for k, v in widths.items()})
    for name in _PANE_TOGGLES:
        getattr(window.window_actions, name).setChecked(settings.value(f"main_window/{name}", True, type=bool))


def save_layout(window, settings) -> None:
    settings.setValue("main_window/geometry", window.saveGeometry())
    for name in _SPLITTERS:
        settings.setValue(f"main_window/{name}", getattr(window, name).saveState())
    settings.setValue("main_window/task_column_widths",
                      {str(int(k)): v for k, v in window.task_view.preferred_widths().items()})
    for name in _PANE_TOGGLES:
        settings.setValue(f"main_window/{name}", getattr(window.window_actions, name).isChecked())
