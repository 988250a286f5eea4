"""A main window on a demo plan, with its seams answered instead of modal dialogs."""

import datetime as dt

import pytest

from planner.exchange.builtin import load_keyword_units
from planner.services import demo, plans
from planner.ui.main_window import MainWindow
from tests.conftest import RESOURCES, ROOT

TODAY = dt.date(2026, 11, 21)
WORD_TEMPLATE = ROOT / "templates" / "official.docx"


@pytest.fixture
def window(qtbot, workspace_db, demo_data, builtin, tmp_path):
    demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    main = MainWindow(workspace_db, db_path=tmp_path / "plan.db", builtin=builtin,
                      keyword_units=load_keyword_units(RESOURCES), word_template=WORD_TEMPLATE, today=TODAY)
    main.errors = []
    main.show_error = main.errors.append  # a test reads the message instead of clicking it away
    main.show_info = main.errors.append
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def empty_plan_window(window):
    """The same window switched to the empty plan of the first start."""
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(plans.list_plans(window._db)[-1].id))
    return window


def type_new_task(window, qtbot, text: str) -> None:
    """Ctrl+N, type the content into the new row's editor, Tab to save; waits until it is stored."""
    from PySide6.QtCore import Qt

    before = window.undo_stack.count()
    qtbot.keyClick(window.task_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.task_view.indexWidget(window.task_view.currentIndex())
    assert editor is not None, "Ctrl+N should open the content editor"
    editor.setPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.undo_stack.count() == before + 1)
