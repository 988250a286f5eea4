"""The minimal main window: opens on the most recent plan and shows items and their tasks."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from planner.services import demo
from planner.ui.main_window import MainWindow
from planner.ui.outline_model import ITEM_ID_ROLE
from tests.conftest import ROOT


@pytest.fixture
def window(qtbot, workspace_db, demo_data, tmp_path):
    demo.create_demo_plan(workspace_db, demo_data, today=dt.date(2026, 11, 21))
    main = MainWindow(workspace_db, db_path=tmp_path / "plan.db")
    qtbot.addWidget(main)
    main.show()
    return main


def outline_items(model):
    found = []
    for row in range(model.rowCount()):
        chapter = model.index(row, 0)
        for child in range(model.rowCount(chapter)):
            index = model.index(child, 0, chapter)
            found.append((index.data(), index.data(ITEM_ID_ROLE), index.siblingAtColumn(1).data()))
    return found


def test_it_opens_on_the_demo_plan_with_the_thirty_items(window):
    assert "（演示）" in window.plan_combo.currentText()
    assert window.plan_combo.count() == 2
    items = outline_items(window.outline)
    assert len(items) == 30
    assert items[20][0] == "（二十一）提高基本公共服务统筹层次"
    assert all(count != "—" for _label, _id, count in items)
    assert "共 " in window.plan_label.text() and "项任务" in window.plan_label.text()


def test_choosing_an_item_shows_its_text_and_tasks(window, qtbot):
    items = outline_items(window.outline)
    chapter = window.outline.index(6, 0)
    window.outline_view.setCurrentIndex(window.outline.index(1, 0, chapter))  # （二十一）
    assert "养老保险" in window.item_text.toPlainText()
    model = window.task_model
    assert model.rowCount() == int(items[20][2])
    codes = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert codes[0] == "21.1"
    leads = {model.index(row, 2).data() for row in range(model.rowCount())}
    assert "省医保局" in leads


def test_switching_plans_shows_the_empty_plan(window):
    window.plan_combo.setCurrentIndex(1)
    assert window.task_model.rowCount() == 0
    assert all(count == "—" for _label, _id, count in outline_items(window.outline))


def test_models_pass_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.task_model)
    qtmodeltester.check(window.outline)


def test_screenshot_renders_the_window_at_1366_by_768(tmp_path):
    db, png = tmp_path / "shot.db", tmp_path / "shot.png"
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot must go off-screen by itself
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--screenshot", str(png)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 768)
    assert db.exists()


def test_screenshot_to_an_unwritable_place_fails_with_a_message_not_a_hang(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.db"),
                             "--screenshot", str(blocker / "out.png")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "无法保存截图" in result.stderr and "Traceback" not in result.stderr
