"""Exports from the window: Word 实施方案, 进展情况报告, 催办单 and 情况通报 through the export dialog."""

import datetime as dt

import docx

from planner.services import plans, tasks, word
from planner.ui.dialogs.word_export_dialog import WordExportChoice, WordExportDialog, WordKind

from .conftest import TODAY


def choose(monkeypatch, **changes):
    choice = WordExportChoice(kind=WordKind.PLAN, title="河南省贯彻落实实施方案", issuer="河南省发展和改革委员会",
                              date=dt.date(2026, 12, 1), as_of=TODAY, table_font_size=10.5, show_leader=True,
                              mark_empty_items=False, open_after=True)
    asked = []
    monkeypatch.setattr(WordExportDialog, "ask", staticmethod(
        lambda parent, plan, today, **options: asked.append(options) or WordExportChoice(
            **{**choice.__dict__, **changes})))
    return asked


def body_text(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_plan_exports_to_word_and_opens(window, monkeypatch, tmp_path):
    choose(monkeypatch)
    target = tmp_path / "方案.docx"
    window.ask_save_file = lambda caption, name, filters: target
    opened = []
    window.file_menu.open_file = opened.append
    window.file_menu.export_word()
    assert opened == [target] and not window.errors
    text = body_text(target)
    assert text.startswith("河南省贯彻落实实施方案")
    every = tasks.list_tasks(window._db, window._plan.id)
    assert all(task.content in text for task in every)
    assert "河南省发展和改革委员会" in text
    table = docx.Document(str(target)).tables[-1]
    assert [cell.text for cell in table.rows[0].cells][-1] == "分管领导"


def test_the_progress_report_exports_as_of_a_date(window, monkeypatch, tmp_path):
    choose(monkeypatch, kind=WordKind.PROGRESS, open_after=False)
    target = tmp_path / "报告.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.open_file = lambda path: (_ for _ in ()).throw(AssertionError("not asked to open"))
    window.file_menu.export_word()
    assert "进展情况的报告" in body_text(target)


def test_a_report_as_of_today_from_the_window_shows_the_dashboards_unit_chart(window, monkeypatch, tmp_path):
    # Issue 19: the per-unit chart goes in after the unit table; a report as of another day has none,
    # since the chart shows today's figures.
    from docx import Document

    for as_of, pictures in ((TODAY, 1), (TODAY - dt.timedelta(days=30), 0)):
        choose(monkeypatch, kind=WordKind.PROGRESS, open_after=False, as_of=as_of)
        target = tmp_path / f"报告-{as_of}.docx"
        window.ask_save_file = lambda caption, name, filters, target=target: target
        window.file_menu.export_word()
        assert len(Document(target).inline_shapes) == pictures, as_of


def test_a_failed_export_shows_a_message(window, monkeypatch, tmp_path):
    choose(monkeypatch)
    window.ask_save_file = lambda caption, name, filters: tmp_path / "nowhere" / "方案.docx"
    window.file_menu.export_word()
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
    window.file_menu.export_excel("all")
    assert not window.errors
    whole = "\n".join(str(c.value) for row in openpyxl.load_workbook(target).worksheets[0].iter_rows() for c in row)
    assert all(t.content in whole for t in everything)

    window.ask_folder = lambda caption: tmp_path / "分送"
    window.file_menu.export_excel("by_unit")
    files = sorted(p.name for p in (tmp_path / "分送").glob("*.xlsx"))
    assert "省发展改革委.xlsx" in files and len(files) == len({t.lead_unit for t in everything})

    window.all_tasks.setChecked(True)
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData(Status.DELAYED))
    shown = tmp_path / "滞后.xlsx"
    window.ask_save_file = lambda caption, name, filters: shown
    window.file_menu.export_excel("shown")
    text = "\n".join(str(c.value) for row in openpyxl.load_workbook(shown).worksheets[0].iter_rows() for c in row)
    delayed = [t for t in everything if t.status is Status.DELAYED]
    assert delayed and all(t.content in text for t in delayed)
    assert not any(t.content in text for t in everything if t.status is not Status.DELAYED)
    # With Ctrl+N's new row open (no task yet) the rows shown are exported, the new row left out.
    window.filter_bar.status.setCurrentIndex(0)
    window.all_tasks.setChecked(False)
    window.new_task_action.trigger()
    stored = [window.task_model.row(r).task.content for r in range(window.task_model.rowCount() - 1)]
    assert stored and window.task_model.task_id_at(len(stored)) is None
    window.file_menu.export_excel("shown")
    assert not window.errors
    from planner.exchange.ledger_layout import COLUMNS, HEADER_ROW

    content = next(i for i, c in enumerate(COLUMNS) if c.key == "content")
    sheet = openpyxl.load_workbook(shown).worksheets[0]
    assert [row[content] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
            if row[content]] == stored


def test_the_dialog_asks_for_the_issuer_until_the_plan_has_one(qtbot, window):
    from dataclasses import replace

    dialog = WordExportDialog(window._plan, TODAY)
    qtbot.addWidget(dialog)
    ok = dialog._ok
    assert dialog.issuer.text() == "" and not ok.isEnabled()
    assert dialog.issuer_hint.isVisibleTo(dialog) and dialog.save_issuer.isChecked()
    dialog.issuer.setText("示范省发展和改革委员会")
    assert ok.isEnabled()
    choice = dialog.choice()
    assert (choice.issuer, choice.save_issuer, choice.date) == ("示范省发展和改革委员会", True, TODAY)
    signed = WordExportDialog(replace(window._plan, issuer="示范省发展和改革委员会"), TODAY)
    qtbot.addWidget(signed)
    assert signed.issuer.text() == "示范省发展和改革委员会" and signed._ok.isEnabled()
    assert not signed.issuer_hint.isVisibleTo(signed) and not signed.choice().save_issuer


def test_the_issuer_typed_for_an_export_is_kept_in_the_plans_settings_and_can_be_undone(window, monkeypatch,
                                                                                       tmp_path):
    choose(monkeypatch, save_issuer=True, open_after=False)
    window.ask_save_file = lambda caption, name, filters: tmp_path / "方案.docx"
    window.file_menu.export_word()
    assert not window.errors
    assert plans.get_plan(window._db, window._plan.id).issuer == "河南省发展和改革委员会"
    window.undo_stack.undo()
    assert plans.get_plan(window._db, window._plan.id).issuer == ""


def test_a_region_typed_as_issuer_is_refused_and_nothing_is_exported(window, monkeypatch, tmp_path):
    choose(monkeypatch, issuer="河南省", save_issuer=True)
    window.ask_save_file = lambda caption, name, filters: (_ for _ in ()).throw(AssertionError("not asked"))
    window.file_menu.export_word()
    assert "地区名称" in window.errors[-1]
    assert plans.get_plan(window._db, window._plan.id).issuer == ""


def test_exporting_an_empty_plan_warns_with_what_the_file_will_hold(empty_plan_window, monkeypatch, tmp_path):
    window = empty_plan_window
    choose(monkeypatch, open_after=False)
    questions = []
    window.confirm = lambda question: questions.append(question) or False
    window.ask_save_file = lambda caption, name, filters: (_ for _ in ()).throw(AssertionError("not asked"))
    window.file_menu.export_word()
    assert len(questions) == 1 and "还没有任务" in questions[0] and "没有附件分工表" in questions[0]
    window.confirm = lambda question: True
    target = tmp_path / "空.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.export_word()
    assert target.exists() and not docx.Document(str(target)).tables


def test_the_plan_settings_dialog_edits_the_issuer(qtbot, window):
    from planner.ui.dialogs.plan_settings_dialog import PlanSettingsDialog

    dialog = PlanSettingsDialog(window._plan)
    qtbot.addWidget(dialog)
    dialog.issuer.setText(" 河南省发展和改革委员会 ")
    assert dialog.settings().issuer == "河南省发展和改革委员会"


def test_the_file_menu_opens_the_dialog_on_each_of_the_offices_documents(window, monkeypatch):
    from PySide6.QtWidgets import QMenu

    asked = choose(monkeypatch)
    window.ask_save_file = lambda caption, name, filters: None  # cancelled at the file name
    window.ask_folder = lambda caption: None
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("文件"))
    assert isinstance(file_menu, QMenu)
    entries = {a.text(): a for a in file_menu.actions()}
    for kind in (WordKind.PROGRESS, WordKind.REMINDER, WordKind.BULLETIN):
        entries[f"导出{kind.value}…"].trigger()
        assert asked[-1]["kind"] is kind
        assert asked[-1]["units"] == word.lead_unit_names(window._db, window._plan.id)
    entries["导出 Word（实施方案/进展报告）…"].trigger()
    assert asked[-1]["kind"] is WordKind.PLAN


def test_the_report_prints_the_texts_typed_and_the_plan_keeps_them_for_next_time(window, monkeypatch, tmp_path,
                                                                                 qtbot):
    choose(monkeypatch, kind=WordKind.PROGRESS, open_after=False, recipients="省人民政府",
           problems="资金保障不足\n部分任务进度偏慢", next_steps="加强调度", contact_name="张三",
           contact_phone="0371-12345678")
    target = tmp_path / "报告.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.export_word()
    assert not window.errors
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert texts[1] == "省人民政府："
    assert texts[texts.index("四、存在问题") + 1:texts.index("五、下一步工作安排")] == ["资金保障不足。", "部分任务进度偏慢。"]
    assert "（联系人：张三；联系电话：0371-12345678）" in texts
    kept = plans.get_plan(window._db, window._plan.id)
    assert (kept.recipients, kept.report_problems, kept.report_next_steps, kept.contact_name) == (
        "省人民政府", "资金保障不足\n部分任务进度偏慢", "加强调度", "张三")
    assert window._db.execute("SELECT count(*) FROM report_figures").fetchone()[0] == 1
    dialog = WordExportDialog(kept, TODAY, kind=WordKind.PROGRESS)
    qtbot.addWidget(dialog)
    assert dialog.recipients.text() == "省人民政府" and dialog.problems.toPlainText() == "资金保障不足\n部分任务进度偏慢"
    assert dialog.report_box.isVisibleTo(dialog) and not dialog.reminder_box.isVisibleTo(dialog)


def test_reminders_from_the_window_one_file_or_one_per_unit(window, monkeypatch, tmp_path):
    due = word.reminder_units(window._db, window._plan.id, TODAY)
    assert len(due) >= 2
    choose(monkeypatch, kind=WordKind.REMINDER, open_after=False, reply_by=dt.date(2026, 11, 30))
    target = tmp_path / "催办单.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.export_word()
    assert not window.errors
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert [texts[i + 1] for i, t in enumerate(texts) if t == "督办通知"] == [f"{unit}：" for unit in due]
    assert all("于2026年11月30日前" in texts[i + 2] for i, t in enumerate(texts) if t == "督办通知")
    choose(monkeypatch, kind=WordKind.REMINDER, open_after=False, per_unit_files=True, reminder_unit=due[1])
    window.ask_folder = lambda caption: tmp_path
    window.file_menu.export_word()
    assert (tmp_path / f"{due[1]}-督办通知.docx").exists() and len(list(tmp_path.glob("*-督办通知.docx"))) == 1


def test_the_bulletin_from_the_window(window, monkeypatch, tmp_path):
    choose(monkeypatch, kind=WordKind.BULLETIN, open_after=False, as_of=TODAY)
    target = tmp_path / "通报.docx"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.export_word()
    assert not window.errors
    document = docx.Document(str(target))
    assert document.paragraphs[1].text == "各有关单位："
    assert [cell.text for cell in document.tables[0].rows[0].cells][:2] == ["排名", "牵头单位"]


def test_the_dialog_shows_each_kinds_fields_and_gives_the_reminders_choice(qtbot, window):
    units = word.lead_unit_names(window._db, window._plan.id)
    from planner.services import workdays

    # The window's default: five working days on by the office's calendar (Saturday 21 Nov → Friday 27 Nov).
    dialog = WordExportDialog(window._plan, TODAY, kind=WordKind.REMINDER, units=units,
                              reply_by=workdays.default_reply_by(window._db, TODAY))
    qtbot.addWidget(dialog)
    assert dialog.reminder_box.isVisibleTo(dialog) and not dialog.report_box.isVisibleTo(dialog)
    assert not dialog.as_of.isEnabled() and not dialog.title.isEnabled()
    assert dialog.reply_by.date().toPython() == dt.date(2026, 11, 27)
    assert dialog.reminder_unit.itemText(0) == "所有有逾期或临期任务的单位"
    assert dialog.choice().reminder_unit is None
    dialog.select_unit(units[2])
    dialog.per_unit_files.setChecked(True)
    choice = dialog.choice()
    assert (choice.kind, choice.reminder_unit, choice.per_unit_files) == (WordKind.REMINDER, units[2], True)
    dialog.kind_choices[WordKind.BULLETIN].setChecked(True)
    assert dialog.as_of.isEnabled() and not dialog.reminder_box.isVisibleTo(dialog)
    assert dialog.choice().kind is WordKind.BULLETIN


def test_the_task_tables_right_click_sends_a_reminder_to_the_rows_lead_unit(window, monkeypatch, tmp_path):
    from planner.ui.main_menus import task_table_menu
    from planner.ui.task_table_model import Column

    task = window.task_model.row(0).task
    asked = choose(monkeypatch, kind=WordKind.REMINDER, open_after=False, reminder_unit=task.lead_unit)
    target = tmp_path / "催办单.docx"
    window.ask_save_file = lambda caption, name, filters: target
    menu = task_table_menu(window, window.task_model.index(0, Column.CONTENT))
    next(a for a in menu.actions() if a.text() == f"给牵头单位发催办单：{task.lead_unit}…").trigger()
    assert asked[-1]["kind"] is WordKind.REMINDER and asked[-1]["unit"] == task.lead_unit
    assert not window.errors
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert [texts[i + 1] for i, t in enumerate(texts) if t == "督办通知"] == [f"{task.lead_unit}："]


def test_asking_with_a_unit_preselects_it(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    units = word.lead_unit_names(window._db, window._plan.id)
    shown = []
    monkeypatch.setattr(WordExportDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Accepted)
    choice = WordExportDialog.ask(window, window._plan, TODAY, kind=WordKind.REMINDER, units=units, unit=units[1])
    qtbot.addWidget(shown[0])
    assert (choice.kind, choice.reminder_unit) == (WordKind.REMINDER, units[1])
