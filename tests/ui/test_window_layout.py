"""The window fits office screens: never larger than the screen, ≥ 10 rows and every column visible."""

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QImage

from planner.ui.task_table_model import Column
from planner.ui.window_layout import fitted_frame
from tests.conftest import ROOT


def visible_rows(window) -> int:
    view = window.task_view
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def shown_columns(window) -> list[Column]:
    return [c for c in Column if not window.task_view.isColumnHidden(c)]


@pytest.mark.parametrize("size", [(1366, 768), (1280, 680)])
@pytest.mark.parametrize("all_tasks", [False, True])
def test_at_office_sizes_the_table_shows_ten_rows_and_every_column_unscrolled(window, qtbot, size, all_tasks):
    window.all_tasks.setChecked(all_tasks)
    window.resize(*size)
    window.apply_default_splits()
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1])
    view = window.task_view
    assert visible_rows(window) >= 10
    assert window.task_model.rowCount() >= 10 if all_tasks else True
    columns = shown_columns(window)
    assert len(columns) == (11 if all_tasks else 10)
    assert sum(view.columnWidth(c) for c in columns) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    header = view.horizontalHeader()
    for column in columns:  # each column at least as wide as its heading
        text = window.task_model.headerData(column, header.orientation())
        assert view.columnWidth(column) >= header.fontMetrics().horizontalAdvance(text), text
    assert view.columnWidth(Column.CONTENT) >= 180
    # The status bar and 显示全部任务 are inside the window.
    assert window.statusBar().geometry().bottom() < window.height()
    corner = window.all_tasks.mapTo(window, window.all_tasks.rect().bottomRight())
    assert corner.x() < window.width() and corner.y() < window.height()


def test_the_window_never_opens_larger_than_the_screen(window, qtbot, builtin, tmp_path):
    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import MainWindow
    from tests.conftest import RESOURCES

    window.resize(1900, 1400)  # saved on a bigger screen
    window.close()
    assert QSettings().value("main_window/geometry") is not None
    again = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx")
    qtbot.addWidget(again)
    available = again.screen().availableGeometry()  # 800×800 on the off-screen platform
    assert available.width() < 1366
    assert again.frameGeometry().width() <= available.width()
    assert again.frameGeometry().height() <= available.height()
    assert available.contains(again.geometry())
    # Qt refuses the bigger geometry: the window is the default size fitted, not its minimum size.
    assert again.width() >= available.width() - 16 and again.height() >= available.height() - 39
    assert again.size() != again.minimumSizeHint()


def test_the_dashboard_never_opens_larger_than_the_screen(window, qtbot):
    dashboard = window.dashboard.open()
    qtbot.waitExposed(dashboard)
    available = dashboard.screen().availableGeometry()  # 800×800 on the off-screen platform
    assert available.width() < 1366
    assert available.contains(dashboard.frameGeometry())
    assert dashboard.width() >= available.width() - 16  # the default size, fitted: not a small window


def test_a_frame_is_shrunk_and_moved_inside_the_available_area():
    taskbar_less = QRect(0, 0, 1280, 680)  # 1920×1080 at 150 %, Windows taskbar below
    assert fitted_frame(QRect(100, 50, 1382, 807), taskbar_less) == QRect(0, 0, 1280, 680)
    assert fitted_frame(QRect(900, 600, 600, 400), taskbar_less) == QRect(680, 280, 600, 400)
    assert fitted_frame(QRect(10, 10, 600, 400), taskbar_less) == QRect(10, 10, 600, 400)


def test_item_text_and_details_fold_away_and_stay_folded_at_the_next_start(window, qtbot, builtin, tmp_path):
    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import MainWindow
    from tests.conftest import RESOURCES

    window.resize(1280, 680)
    window.apply_default_splits()
    qtbot.waitUntil(lambda: window.height() == 680)
    rows_before = visible_rows(window)
    window.window_actions.show_item_text.setChecked(False)
    assert not window.item_text.isVisible() and window.details.isVisible()
    window.window_actions.show_details.setChecked(False)
    assert not window.top_split.isVisible()
    qtbot.waitUntil(lambda: visible_rows(window) > rows_before + 2)  # the table takes the height
    window.close()
    again = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx")
    qtbot.addWidget(again)
    again.show()
    assert not again.window_actions.show_item_text.isChecked() and not again.item_text.isVisible()
    assert not again.window_actions.show_details.isChecked() and not again.top_split.isVisible()
    again.window_actions.show_details.setChecked(True)
    assert again.top_split.isVisible() and again.details.isVisible() and not again.item_text.isVisible()


def test_pane_sizes_dragged_are_remembered(window, qtbot, builtin, tmp_path):
    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import MainWindow
    from tests.conftest import RESOURCES

    window.resize(1366, 768)
    window.centre_split.setSizes([300, 400])
    window.top_split.setSizes([700, 300])
    dragged = (window.centre_split.sizes(), window.top_split.sizes())
    window.close()
    again = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx")
    qtbot.addWidget(again)
    # The window itself is fitted into the 800×800 off-screen screen: the table takes the loss,
    # the item text keeps its height, and the item text and details keep their proportion.
    (top, _table), (text, details) = dragged
    assert again.centre_split.sizes()[0] == top
    restored_text, restored_details = again.top_split.sizes()
    assert abs(restored_text / (restored_text + restored_details) - text / (text + details)) < 0.03


def screenshot(tmp_path, db, *args, env=None):
    png = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--screenshot", str(png), *args],
                            capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    return result, png


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("shots") / "demo.db"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "demo"], check=True,
                   capture_output=True, timeout=120)
    return db


def test_screenshot_at_1280_by_680_and_scale_150_percent_is_1920_by_1020(tmp_path, demo_db):
    result, png = screenshot(tmp_path, demo_db, "--size", "1280x680", env={"QT_SCALE_FACTOR": "1.5"})
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1920, 1020)


def test_a_screenshot_size_the_window_does_not_fit_in_is_an_error(tmp_path, demo_db):
    result, png = screenshot(tmp_path, demo_db, "--size", "300x200")
    assert result.returncode == 1
    assert "放不下主窗口" in result.stderr and "300x200" in result.stderr and "Traceback" not in result.stderr
    assert not png.exists()


def test_a_malformed_screenshot_size_is_refused_in_chinese(tmp_path, demo_db):
    result, png = screenshot(tmp_path, demo_db, "--size", "big")
    assert result.returncode == 2 and "宽x高" in result.stderr and not png.exists()


LONG_PLAN_NAME = "某某省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案（2026年修订稿）"


@pytest.mark.parametrize("size", [(1366, 768), (1280, 680)])
def test_the_status_bar_elides_the_plan_name_and_nothing_overlaps(window, qtbot, size):
    from PySide6.QtWidgets import QLabel

    from planner.services import plans

    plan = window._plan
    plans.update_settings(window._db, plan.id, name=LONG_PLAN_NAME, office=plan.office, year=plan.year,
                          warning_days=plan.warning_days)
    window.settings_menu.plan_settings_changed()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1])
    bar = window.statusBar()
    labels = [label for label in bar.findChildren(QLabel) if label.isVisible() and label.text()]
    name = window.status_line.plan_name
    assert name in labels and window.plan_label in labels and len(labels) >= 5  # counts, saved, 逾期/临期 too
    qtbot.waitUntil(lambda: all(bar.rect().contains(label.geometry()) for label in labels))
    for index, label in enumerate(labels):
        for other in labels[index + 1:]:
            assert not label.geometry().intersects(other.geometry()), (label.text(), other.text())
        if label is not name:  # every other text whole
            assert label.width() >= label.sizeHint().width(), label.text()
    assert name.toolTip() == LONG_PLAN_NAME
    shown = name.shown_text()
    assert name.fontMetrics().horizontalAdvance(shown) <= name.contentsRect().width()
    assert shown == LONG_PLAN_NAME or (shown.endswith("…") and LONG_PLAN_NAME.startswith(shown[:-1]))
    if size == (1280, 680):
        assert shown != LONG_PLAN_NAME  # the name gave way, not the counts
    assert "已分解 30/30 个条目" in window.plan_label.text()
    # 已保存 is set off from the status counts before it, not read as one more status
    assert window.status_line.saved_label.text().strip("　").startswith("|")


SAVE_ON_A_BIG_SCREEN = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setGeometry(0, 0, 1900, 1000)
print(bytes(window.saveGeometry()).hex())
"""


def test_a_layout_saved_on_a_bigger_screen_reopens_at_the_default_size_fitted(window, qtbot, builtin, tmp_path):
    from PySide6.QtCore import QByteArray

    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import MainWindow
    from tests.conftest import RESOURCES

    config = tmp_path / "screen_1920.json"
    config.write_text('{"screens": [{"name": "big", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                      '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    saved = subprocess.run([sys.executable, "-c", SAVE_ON_A_BIG_SCREEN], capture_output=True, text=True, check=True,
                           env=dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")).stdout.strip()
    window.close()
    QSettings().setValue("main_window/geometry", QByteArray.fromHex(saved.encode()))
    again = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx")
    qtbot.addWidget(again)
    again.show()
    available = again.screen().availableGeometry()  # 800×800 on the off-screen platform
    assert available.contains(again.frameGeometry())
    assert again.width() >= available.width() - 16 and again.height() >= available.height() - 39
