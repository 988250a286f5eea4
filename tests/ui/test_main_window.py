"""The main window: outline with lights, item text and tasks, plan switching, screenshot."""

import os
import subprocess
import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMainWindow

from planner import APP_ID, ORG_NAME
from planner.domain.lights import Light
from planner.services import tasks
from planner.ui.outline_model import ITEM_ID_ROLE, LIGHT_ROLE
from planner.ui.task_table_model import Column
from tests.conftest import ROOT


def outline_items(window):
    return [(index.data(), index.data(ITEM_ID_ROLE), index.siblingAtColumn(1).data(), index.data(LIGHT_ROLE))
            for index in window.outline.item_indexes()]


def select_item(window, number):
    window.select_item(outline_items(window)[number - 1][1])


def test_it_opens_on_the_demo_plan_with_the_thirty_items_and_their_lights(window):
    assert "（演示）" in window.plan_combo.currentText()
    assert window.plan_combo.count() == 2
    items = outline_items(window)
    assert len(items) == 30
    assert items[20][0] == "（二十一）提高基本公共服务统筹层次"
    assert all(count != "—" for _label, _id, count, _light in items)
    lights = {light for *_rest, light in items}
    assert Light.RED in lights and Light.GREEN in lights
    assert "已分解 30/30 个条目" in window.plan_label.text()
    assert window.task_model.rowCount() > 0 and window.current_task_id() is not None


def test_choosing_an_item_shows_its_text_tasks_and_details(window):
    select_item(window, 21)
    assert "养老保险" in window.item_text.toPlainText()
    model = window.task_model
    codes = [model.index(row, Column.CODE).data() for row in range(model.rowCount())]
    assert codes[0] == "21.1" and all(code.startswith("21.") for code in codes)
    assert "省医保局" in {model.index(row, Column.LEAD).data() for row in range(model.rowCount())}
    window.task_view.setCurrentIndex(model.index(1, Column.CONTENT))
    assert window.details.title.text().startswith("21.2")
    assert window.details.history.topLevelItemCount() >= 1


def test_the_all_tasks_toggle_shows_every_task_with_its_item(window):
    window.all_tasks.setChecked(True)
    assert window.task_model.rowCount() == len(tasks.list_tasks(window._db, window._plan.id))
    assert not window.task_view.isColumnHidden(Column.ITEM)
    assert window.task_model.index(0, Column.ITEM).data() == "（一）指导思想"


def test_switching_to_the_empty_plan_and_showing_uncovered_items(empty_plan_window):
    window = empty_plan_window
    assert window.task_model.rowCount() == 0
    assert all(count == "—" for _label, _id, count, _light in outline_items(window))
    assert "已分解 0/30 个条目" in window.plan_label.text()


def test_only_uncovered_items_hides_the_covered_ones(empty_plan_window, qtbot):
    window = empty_plan_window
    select_item(window, 4)
    window.new_task("推动区域战略融合")
    window.uncovered_only.setChecked(True)
    hidden = [index.data() for index in window.outline.item_indexes()
              if window.outline_view.isRowHidden(index.row(), index.parent())]
    assert hidden == ["（四）推动国家重大区域战略融合发展"]
    window.uncovered_only.setChecked(False)
    assert not any(window.outline_view.isRowHidden(i.row(), i.parent()) for i in window.outline.item_indexes())


def test_models_pass_the_model_tester(window, qtmodeltester):
    window.all_tasks.setChecked(True)
    qtmodeltester.check(window.task_model)
    qtmodeltester.check(window.outline)
    window.task_model.add_draft(window._document.items[0].id)  # Ctrl+N's new row
    qtmodeltester.check(window.task_model)


def test_column_widths_are_remembered(window, qtbot, builtin, tmp_path):
    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import MainWindow
    from tests.conftest import RESOURCES

    window.resize(1366, 768)
    window.task_view.setColumnWidth(Column.LEAD, 177)  # as a drag on the header does
    window.close()
    again = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx")
    qtbot.addWidget(again)
    again.show()
    again.resize(1366, 768)
    qtbot.waitUntil(lambda: again.task_view.viewport().width() > 900)
    assert again.task_view.columnWidth(Column.LEAD) == 177


def test_a_window_that_does_not_remember_layout_neither_reads_nor_writes_it(window, qtbot, builtin, tmp_path):
    # What --screenshot builds: the default layout, whatever the user saved, and the saved one kept.
    from planner.exchange.builtin import load_keyword_units
    from planner.ui.main_window import COLUMN_WIDTHS, MainWindow
    from tests.conftest import RESOURCES

    window.task_view.setColumnWidth(Column.LEAD, 177)
    window.close()
    settings = QSettings()
    saved = {key: settings.value(key) for key in settings.allKeys()}
    assert saved, "closing the normal window should have saved its layout"
    shot = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                      keyword_units=load_keyword_units(RESOURCES), word_template=ROOT / "templates" / "official.docx",
                      remember_layout=False)
    qtbot.addWidget(shot)
    assert shot.task_view.preferred_widths()[Column.LEAD] == COLUMN_WIDTHS[Column.LEAD]
    shot.task_view.setColumnWidth(Column.LEAD, 250)
    shot.close()
    settings.sync()
    assert {key: settings.value(key) for key in settings.allKeys()} == saved


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


def test_screenshot_neither_uses_nor_changes_the_users_saved_layout(tmp_path, qapp):
    # The user's own window is 900x600; a screenshot still renders 1366x768 and leaves theirs alone.
    config = tmp_path / "config"
    ini = config / ORG_NAME / f"{APP_ID}.ini"
    ini.parent.mkdir(parents=True)
    saved = QSettings(str(ini), QSettings.Format.IniFormat)
    probe = QMainWindow()
    probe.resize(900, 600)
    saved.setValue("main_window/geometry", probe.saveGeometry())
    saved.sync()
    before = ini.read_bytes()
    png = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.db"),
                             "--screenshot", str(png)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "XDG_CONFIG_HOME": str(config)})
    assert result.returncode == 0, result.stderr
    assert (QImage(str(png)).width(), QImage(str(png)).height()) == (1366, 768)
    assert ini.read_bytes() == before


def test_screenshot_to_an_unwritable_place_fails_with_a_message_not_a_hang(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "s.db"),
                             "--screenshot", str(blocker / "out.png")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "无法保存截图" in result.stderr and "Traceback" not in result.stderr


def _after_a_first_start(tmp_path) -> dict:
    """The environment of a program whose first start made tmp_path/p.db (settings kept in tmp_path)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    first = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "p.db"),
                            "--screenshot", str(tmp_path / "first.png")], capture_output=True, text=True,
                           timeout=120, env=env)
    assert first.returncode == 0, first.stderr
    return env


def test_start_up_draws_an_existing_plan_before_loading_sqlite_utils_or_file_format_libraries(tmp_path):
    # The second start on a file: the window is drawn from reads on the bare connection;
    # sqlite-utils loads after it shows (planner.app.LOAD_STORAGE_MS), openpyxl and python-docx
    # when an exporter is used, the undo commands, cell editors and edit rules at the first
    # edit. The storage layer itself comes before PySide6 (planner.app).
    env = _after_a_first_start(tmp_path)
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['main.py', '--db', {str(tmp_path / 'p.db')!r}, '--screenshot', {str(tmp_path / 'p.png')!r}]\n"
        "try:\n"
        f"    runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "order = list(sys.modules)\n"
        "print(order.index('planner.storage.database') < order.index('PySide6'))\n"
        "print(sorted(m for m in ('sqlite_utils', 'click', 'openpyxl', 'docx', 'uuid', 'planner.ui.commands',\n"
        "                         'planner.ui.cell_editors', 'planner.services.task_edits',\n"
        "                         'planner.domain.deadlines') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-2:] == ["True", "[]"]
    assert (tmp_path / "p.png").stat().st_size > 0


def test_the_interactive_start_loads_sqlite_utils_once_the_window_shows(tmp_path):
    # No click should wait for the library: it is loaded LOAD_STORAGE_MS after the window shows.
    env = _after_a_first_start(tmp_path)
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from planner import app\n"
        "seen = []\n"
        "real_exec = QApplication.exec\n"
        "def exec_for_a_moment(self):\n"
        "    seen.append('sqlite_utils' in sys.modules)\n"
        "    QTimer.singleShot(app.LOAD_STORAGE_MS + 400, lambda: (seen.append('sqlite_utils' in sys.modules),"
        " self.quit()))\n"
        "    return real_exec()\n"
        "QApplication.exec = exec_for_a_moment\n"
        f"code = app.main(['--db', {str(tmp_path / 'p.db')!r}])\n"
        "print(code, seen)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 [False, True]"


def test_opening_another_file_before_the_library_loads_is_no_crash(tmp_path):
    # File → 打开 within LOAD_STORAGE_MS of the start closes the first file: the timed load
    # must leave that closed connection alone (it once raised "Cannot operate on a closed database").
    env = _after_a_first_start(tmp_path)
    other = tmp_path / "other.db"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(other), "--screenshot",
                           str(tmp_path / "other.png")], capture_output=True, text=True, timeout=120, env=env)
    assert made.returncode == 0, made.stderr
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from planner import app\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "from planner.ui.crash_dialog import CrashDialog\n"
        "from planner.ui.main_window import MainWindow\n"
        "told = []\n"
        "QMessageBox.warning = staticmethod(lambda *args: told.append(args[2]))\n"
        "CrashDialog.present = classmethod(lambda cls, details, *rest: told.append(details))\n"
        "real_exec = QApplication.exec\n"
        "def exec_for_a_moment(self):\n"
        "    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))\n"
        f"    window.open_database_path(__import__('pathlib').Path({str(other)!r}))\n"
        "    QTimer.singleShot(app.LOAD_STORAGE_MS + 400, self.quit)\n"
        "    return real_exec()\n"
        "QApplication.exec = exec_for_a_moment\n"
        f"print(app.main(['--db', {str(tmp_path / 'p.db')!r}]), told)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 []"  # no message, no crash dialog


def test_item_text_shows_markup_characters_as_typed(qapp):
    from PySide6.QtWidgets import QTextBrowser

    from planner.domain.model import Item
    from planner.ui.item_text_pane import item_html

    item = Item(number=3, heading="A<b>&B", paragraphs=("x < y && z > 0", "<script>不执行</script>"))
    browser = QTextBrowser()
    browser.setHtml(item_html(item))
    assert browser.toPlainText().splitlines() == ["（三）A<b>&B", "x < y && z > 0", "<script>不执行</script>"]
