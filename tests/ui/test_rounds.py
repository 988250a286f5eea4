"""A whole 报送轮次 in the window: start, export by unit, two returns (one changing nothing), status, 催报 list."""

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.exchange.builtin import load_keyword_units
from planner.exchange.ledger_layout import HEADER_ROW
from planner.services import rounds
from planner.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from planner.ui.main_window import MainWindow
from planner.ui.rounds import menu as rounds_menu
from planner.ui.rounds.start_round_dialog import StartRoundDialog
from planner.ui.rounds.status_model import RoundStatusModel
from tests.conftest import RESOURCES
from tests.ui.conftest import TODAY, WORD_TEMPLATE

DUE = TODAY + dt.timedelta(days=7)


def _table(dialog) -> dict[str, list[str]]:
    """What the round view's table shows: unit → its row's cells."""
    model = dialog.model
    return {model.index(row, 0).data(): [model.index(row, c).data() for c in range(model.columnCount())]
            for row in range(model.rowCount())}


def _add_progress(path, text):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    sheet.cell(HEADER_ROW + 1, header.index("最新进展") + 1).value = text
    workbook.save(path)


def _window_on(window, builtin, qtbot, tmp_path, today):
    """The same database opened in a window on another day."""
    later = MainWindow(window._db, db_path=tmp_path / "plan.db", builtin=builtin,
                       keyword_units=load_keyword_units(RESOURCES), word_template=WORD_TEMPLATE, today=today,
                       remember_layout=False)
    qtbot.addWidget(later)
    return later


def _accept_preview(qtbot, seen):
    def answer(parent, files, compare, unit_names, *, accept_empty=False):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent, accept_empty=accept_empty)
        qtbot.addWidget(dialog)
        seen.append(dialog.summary.text())
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return dialog.change_set, dialog.unit_mapping()

    return answer


def test_a_whole_round_in_the_window(window, qtbot, tmp_path, monkeypatch, builtin, qtmodeltester):
    # Start: the real dialog, with its defaults (every lead unit with open tasks ticked).
    def fill_in(parent, unit_names, default_units, today):
        dialog = StartRoundDialog(unit_names, default_units, today, parent)
        qtbot.addWidget(dialog)
        dialog.name.setText("2026年11月进展报送")
        dialog.due.setDate(DUE)
        return dialog.answer()

    monkeypatch.setattr(StartRoundDialog, "ask", staticmethod(fill_in))
    view = rounds_menu.rounds_dialog(window)
    qtbot.addWidget(view)
    assert "还没有报送轮次" in view.summary.text()
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    asked = rounds.default_units(window._db, window._plan.id)
    assert len(asked) > 3 and view.model.rowCount() == len(asked)
    assert {cells[1] for cells in _table(view).values()} == {"未报送"}

    # Export by unit from the view: every unit's file is recorded as sent.
    folder = tmp_path / "发出"
    monkeypatch.setattr(window, "ask_folder", lambda caption: folder)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    shown = _table(view)
    assert all(shown[unit][2] == dt.date.today().isoformat() for unit in asked)
    first, second = asked[0], asked[1]
    assert (folder / f"{first}.xlsx").exists() and (folder / f"{second}.xlsx").exists()

    # Two returns: the first unit reports progress, the second sends its file back unchanged.
    returned = tmp_path / "收回"
    returned.mkdir()
    (returned / f"{first}.xlsx").write_bytes((folder / f"{first}.xlsx").read_bytes())
    (returned / f"{second}.xlsx").write_bytes((folder / f"{second}.xlsx").read_bytes())
    _add_progress(returned / f"{first}.xlsx", "已召开专题会议部署，完成年度目标的80%")
    seen = []
    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(_accept_preview(qtbot, seen)))
    window.file_menu.import_excel([returned / f"{first}.xlsx"])
    window.file_menu.import_excel([returned / f"{second}.xlsx"])
    assert not window.errors, window.errors
    assert "新增进展 1 条" in seen[0] and "记为本轮已报送" in seen[1]
    assert "；已记为" in window.statusBar().currentMessage()  # one sentence after another, not run together

    view = rounds_menu.rounds_dialog(window)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    shown = _table(view)
    today = dt.date.today().isoformat()
    assert shown[first][1:] == ["已报送", today, today, f"{first}.xlsx", "1"]
    assert shown[second][1:] == ["已报送", today, today, f"{second}.xlsx", "0"]
    assert {shown[unit][1] for unit in asked[2:]} == {"未报送"}
    assert f"已报送 2/{len(asked)}" in view.summary.text()

    # A week and a day later the same plan opens with the others late.
    later = _window_on(window, builtin, qtbot, tmp_path, DUE + dt.timedelta(days=1))
    late_view = rounds_menu.rounds_dialog(later)
    qtbot.addWidget(late_view)
    shown = _table(late_view)
    assert [shown[first][1], shown[second][1]] == ["已报送", "已报送"]
    assert {shown[unit][1] for unit in asked[2:]} == {"逾期未报"}
    assert late_view.model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"

    # The 催报 list: one line per unit not replied, copied to the clipboard.
    qtbot.mouseClick(late_view.copy_button, Qt.MouseButton.LeftButton)
    lines = QApplication.clipboard().text().split("\r\n")
    assert [line.split("：")[0] for line in lines] == asked[2:]
    assert all("已逾期1天" in line and "2026年11月进展报送" in line for line in lines)
    assert late_view.reminders.toPlainText().splitlines() == lines

    # The late units' 催办单 (issue 16's Word notice): one 督办通知 per unit not replied, in one file.
    from docx import Document

    later.ask_save_file = lambda *args: tmp_path / "催办单.docx"
    assert not late_view.word_button.isHidden()
    qtbot.mouseClick(late_view.word_button, Qt.MouseButton.LeftButton)
    text = "\n".join(p.text for p in Document(tmp_path / "催办单.docx").paragraphs)
    assert text.count("督办通知") >= len(asked[2:])
    assert all(unit in text for unit in asked[2:]) and first not in text.split("督办通知", 1)[1].split("\n")[0]


def test_a_no_change_file_is_recorded_as_received_but_not_offered_as_a_round_reply_without_an_open_round(
        window, qtbot, tmp_path, monkeypatch):
    from planner.services import excel

    path = tmp_path / "省发展改革委.xlsx"
    excel.export_by_unit(window._db, window._plan.id, tmp_path)
    states = []

    def answer(parent, files, compare, unit_names, **options):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent, **options)
        qtbot.addWidget(dialog)
        states.append((options, dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()))
        return None

    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([path])
    # Applying it records the return as received (issue 12); no round is there to count it.
    assert states == [({}, True)]


def test_ending_a_round_keeps_it_and_stops_counting(window, qtbot, monkeypatch):
    started = rounds.start_round(window._db, window._plan.id, name="十月报送", due=DUE)
    monkeypatch.setattr(window, "confirm", lambda question: True)
    view = rounds_menu.rounds_dialog(window)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.close_round_button, Qt.MouseButton.LeftButton)
    assert "已结束" in view.rounds.currentText() and not view.close_round_button.isEnabled()
    assert rounds.open_round_name(window._db, window._plan.id) is None
    assert [r.id for r in rounds.list_rounds(window._db, window._plan.id)] == [started.round_id]


def test_the_round_view_rendered(window, qtbot, tmp_path, builtin):
    """Renders the round view to a PNG (docs/screenshots) for a person to look at."""
    plan_id = window._plan.id
    started = rounds.start_round(window._db, plan_id, name="2026年11月进展报送", due=DUE)
    status = rounds.round_status(window._db, started.round_id, today=TODAY)
    from planner.services import excel

    excel.export_by_unit(window._db, plan_id, tmp_path / "发出")
    for unit in [r.unit for r in status.replies][:2]:
        path = tmp_path / "发出" / f"{unit}.xlsx"
        excel.apply_import(window._db, plan_id, excel.compare_import(window._db, plan_id, [path]),
                           files=excel.read_files([path]))
    view = rounds_menu.rounds_dialog(_window_on(window, builtin, qtbot, tmp_path, DUE + dt.timedelta(days=2)))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab()
    out = tmp_path / "rounds.png"
    assert image.save(str(out)) and out.stat().st_size > 10_000
    assert isinstance(view.model, RoundStatusModel) and view.model.rowCount() == len(status.replies)
    asked = len(status.replies)
    assert f"已报送 2/{asked}　未报送 0　逾期未报 {asked - 2}" in view.summary.text()
    assert len(view.reminders.toPlainText().splitlines()) == asked - 2


def test_the_file_menu_opens_the_rounds_and_writes_the_calendar(window, tmp_path, monkeypatch):
    from icalendar import Calendar

    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert "报送轮次…" in texts and "导出日历（.ics）…" in texts
    rounds.start_round(window._db, window._plan.id, name="2026年11月进展报送", due=DUE, unit_names=["省财政厅"])
    out = tmp_path / "日历.ics"
    monkeypatch.setattr(window, "ask_save_file", lambda caption, name, filters: out)
    next(a for a in file_menu.actions() if a.text() == "导出日历（.ics）…").trigger()
    assert not window.errors, window.errors
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert "【报送截止】2026年11月进展报送" in summaries
    assert "已导出日历" in window.statusBar().currentMessage()
