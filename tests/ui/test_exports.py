"""Exports from the window: Word 实施方案 and 进展情况报告 through the export dialog."""

import datetime as dt

import docx

from planner.services import tasks
from planner.ui.dialogs.word_export_dialog import WordExportChoice, WordExportDialog

from .conftest import TODAY


def choose(monkeypatch, **changes):
    choice = WordExportChoice(report=False, title="河南省贯彻落实实施方案", issuer="河南省发展和改革委员会",
                              date=dt.date(2026, 12, 1), as_of=TODAY, table_font_size=10.5, show_leader=True,
                              mark_empty_items=False, open_after=True)
    monkeypatch.setattr(WordExportDialog, "ask", staticmethod(
        lambda parent, plan, today: WordExportChoice(**{**choice.__dict__, **changes})))


def body_text(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_plan_exports_to_word_and_opens(window, monkeypatch, tmp_path):
    choose(monkeypatch)
    target = tmp_path / "方案.docx"
    window.ask_save_file = lambda caption, name, filters: target
    opened = []
    window.open_file = opened.append
    window.export_word()
    assert opened == [target] and not window.errors
    text = body_text(target)
    assert text.startswith("河南省贯彻落实实施方案")
    every = tasks.list_tasks(window._db, window._plan.id)
    assert all(task.content in text for task in every)
    assert "河南省发展和改革委员会" in text
    table = docx.Document(str(target)).tables[-1]
    assert [cell.text for cell in table.rows[0].cells][-1] == "分管领导"


def test_the_progress_report_exports_as_of_a_date(window, monkeypatch, tmp_path):
    choose(monkeypatch, report=True, open_after=False)
    target = tmp_path / "报告.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.open_file = lambda path: (_ for _ in ()).throw(AssertionError("not asked to open"))
    window.export_word()
    assert "进展情况报告" in body_text(target)


def test_a_failed_export_shows_a_message(window, monkeypatch, tmp_path):
    choose(monkeypatch)
    window.ask_save_file = lambda caption, name, filters: tmp_path / "nowhere" / "方案.docx"
    window.export_word()
    assert "不存在" in window.errors[-1]


def test_the_dialog_gives_what_was_chosen(qtbot, window):
    dialog = WordExportDialog(window._plan, TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.as_of.isEnabled()
    dialog.report_choice.setChecked(True)
    assert dialog.as_of.isEnabled() and not dialog.title.isEnabled()
    dialog.plan_choice.setChecked(True)
    dialog.dated.setChecked(True)
    dialog.size.setCurrentIndex(1)
    choice = dialog.choice()
    assert (choice.report, choice.date, choice.table_font_size) == (False, TODAY, 10.5)


def test_excel_exports_the_whole_plan_by_unit_and_what_the_table_shows(window, tmp_path):
    import openpyxl

    from planner.domain.model import Status

    everything = tasks.list_tasks(window._db, window._plan.id)
    target = tmp_path / "台账.xlsx"
    window.ask_save_file = lambda caption, name, filters: target
    window.export_excel("all")
    assert not window.errors
    whole = "\n".join(str(c.value) for row in openpyxl.load_workbook(target).worksheets[0].iter_rows() for c in row)
    assert all(t.content in whole for t in everything)

    window.ask_folder = lambda caption: tmp_path / "分送"
    window.export_excel("by_unit")
    files = sorted(p.name for p in (tmp_path / "分送").glob("*.xlsx"))
    assert "省发展改革委.xlsx" in files and len(files) == len({t.lead_unit for t in everything})

    window.all_tasks.setChecked(True)
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData(Status.DELAYED))
    shown = tmp_path / "滞后.xlsx"
    window.ask_save_file = lambda caption, name, filters: shown
    window.export_excel("shown")
    text = "\n".join(str(c.value) for row in openpyxl.load_workbook(shown).worksheets[0].iter_rows() for c in row)
    delayed = [t for t in everything if t.status is Status.DELAYED]
    assert delayed and all(t.content in text for t in delayed)
    assert not any(t.content in text for t in everything if t.status is not Status.DELAYED)
