"""Importing a returned 台账 in the window: preview, apply after a backup, undo and redo as one step."""

import openpyxl
from PySide6.QtCore import Qt

from planner.domain.model import Status
from planner.services import excel, progress, task_edits
from planner.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from planner.exchange.ledger_layout import HEADER_ROW


def returned_workbook(window, tmp_path):
    """The plan exported, then a department marks 1.2 done and reports its progress."""
    path = tmp_path / "省发展改革委.xlsx"
    excel.export_xlsx(window._db, window._plan.id, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    row = next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "1.2")
    row[header.index("状态")].value = "已完成"
    row[header.index("最新进展")].value = "实施方案已经省政府常务会议审议通过并印发"
    workbook.save(path)
    uid = row[header.index("任务标识")].value
    return path, uid


def test_a_returned_workbook_is_previewed_applied_and_undone(window, tmp_path, qtbot, monkeypatch):
    path, uid = returned_workbook(window, tmp_path)
    task = next(t for t in task_edits.tasks.list_tasks(window._db, window._plan.id) if t.uid == uid)
    history_before = len(progress.history(window._db, task.id))
    seen = {}

    def answer(parent, files, compare, unit_names):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent)
        qtbot.addWidget(dialog)
        seen["summary"] = dialog.summary.text()
        seen["groups"] = [dialog.changes.topLevelItem(i).text(0) for i in range(dialog.changes.topLevelItemCount())]
        return dialog.change_set, dialog.unit_mapping()

    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([path])
    assert not window.errors, window.errors
    assert "修改字段 1 处" in seen["summary"] and "新增进展 1 条" in seen["summary"]
    assert any(group.startswith("修改字段") for group in seen["groups"])
    assert task_edits.get_task(window._db, task.id).status is Status.DONE
    assert progress.history(window._db, task.id)[0].text == "实施方案已经省政府常务会议审议通过并印发"
    backup = window.undo_stack.command(0).result.backup
    assert backup is not None and backup.exists()  # the automatic backup made before applying

    window.undo_action.trigger()
    assert task_edits.get_task(window._db, task.id).status is task.status
    assert len(progress.history(window._db, task.id)) == history_before
    window.redo_action.trigger()
    assert task_edits.get_task(window._db, task.id).status is Status.DONE


def test_a_file_with_errors_is_left_out_and_cannot_be_applied(window, tmp_path, qtbot, monkeypatch):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    state = {}

    def answer(parent, files, compare, unit_names):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent)
        qtbot.addWidget(dialog)
        state["checked"] = dialog.file_list.item(0).checkState()
        state["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return None

    before = list(window._db.conn.iterdump())
    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([bad])
    assert state["checked"] == Qt.CheckState.Unchecked and state["ok"] is False
    assert list(window._db.conn.iterdump()) == before


def test_dropping_a_workbook_on_the_window_imports_it(window, tmp_path, monkeypatch, qtbot):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path, _uid = returned_workbook(window, tmp_path)
    received = []
    monkeypatch.setattr(window.file_menu, "import_excel", lambda paths=None: received.append(paths))

    def drag(files, event_type):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
        where = QPoint(10, 10) if event_type is QDragEnterEvent else QPointF(10, 10)
        event = event_type(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, event)
        return event.isAccepted()

    assert not drag([tmp_path / "notes.txt"], QDragEnterEvent)  # not a workbook: the window refuses it
    assert drag([path, tmp_path / "notes.txt"], QDragEnterEvent)
    assert drag([path, tmp_path / "notes.txt"], QDropEvent)
    qtbot.waitUntil(lambda: received == [[path]])


def edited_copy(window, tmp_path, name, change):
    """An exported workbook with ``change(sheet, header)`` applied, saved as ``name``."""
    path = tmp_path / name
    excel.export_xlsx(window._db, window._plan.id, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    change(sheet, [cell.value for cell in sheet[HEADER_ROW]])
    workbook.save(path)
    return path


def test_the_preview_keeps_unit_mappings_and_leaves_out_only_the_rows_that_fail(window, tmp_path, qtbot):
    def unknown_unit(sheet, header):
        next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "1.3")[header.index("牵头单位")].value = "省发改办XYZ"

    def row_without_item(sheet, header):
        sheet.append(["", "", "没有对应条目的新任务"] + [""] * (len(header) - 3))

    good = edited_copy(window, tmp_path, "甲.xlsx", unknown_unit)
    failing = edited_copy(window, tmp_path, "丁.xlsx", row_without_item)
    files = excel.read_files([good, failing])
    dialog = ImportPreviewDialog(files, lambda chosen, mapping: excel.compare_import(window._db, window._plan.id, chosen,
                                                                                      unit_mapping=mapping),
                                 ["省财政厅", "省发展改革委"])
    qtbot.addWidget(dialog)
    assert dialog.file_list.item(1).checkState() == Qt.CheckState.Checked  # one bad row does not drop the file
    assert dialog.change_set is not None and dialog.change_set.files == ("甲.xlsx", "丁.xlsx")
    assert dialog.rows.text().startswith("可导入 ") and "，1 行有错误" in dialog.rows.text()
    groups = [dialog.changes.topLevelItem(i) for i in range(dialog.changes.topLevelItemCount())]
    errors = next(g for g in groups if g.text(0).startswith("错误"))
    assert "“丁.xlsx”" in errors.child(0).text(0) and "第 " in errors.child(0).text(0)
    assert dialog.accepted_change_set().errors == ()
    dialog.unit_choices["省发改办XYZ"].setCurrentText("省财政厅")
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.file_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.file_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.unit_mapping() == {"省发改办XYZ": "省财政厅"}


def test_a_near_name_defaults_to_its_best_match_and_an_unknown_one_must_be_chosen(window, tmp_path, qtbot):
    def near_and_unknown(sheet, header):
        rows = [r for r in sheet.iter_rows(min_row=HEADER_ROW + 1)]
        rows[0][header.index("牵头单位")].value = "自然资源厅"
        rows[1][header.index("牵头单位")].value = "新设的专班"

    path = edited_copy(window, tmp_path, "乙.xlsx", near_and_unknown)
    dialog = ImportPreviewDialog(excel.read_files([path]),
                                 lambda chosen, mapping: excel.compare_import(window._db, window._plan.id, chosen,
                                                                                      unit_mapping=mapping),
                                 ["省财政厅", "省自然资源厅"])
    qtbot.addWidget(dialog)
    assert dialog.unit_choices["自然资源厅"].currentText() == "省自然资源厅"
    assert dialog.unit_choices["新设的专班"].currentText() == "（请选择对应单位）"
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a unit is created only when asked
    dialog.unit_choices["新设的专班"].setCurrentText("（新建此单位）")
    assert ok.isEnabled()
    assert dialog.unit_mapping() == {"自然资源厅": "省自然资源厅"}


def test_a_conflict_is_applied_only_when_the_user_ticks_it(window, tmp_path, qtbot, monkeypatch):
    path, uid = returned_workbook(window, tmp_path)
    task = next(t for t in task_edits.tasks.list_tasks(window._db, window._plan.id) if t.uid == uid)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    row = next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "1.2")
    row[header.index("分管领导")].value = "文件中的领导"
    workbook.save(path)
    task_edits.update_field(window._db, task.id, "leader", "本程序中改过的领导")  # changed since the export
    ticked = {}

    def answer(parent, files, compare, unit_names):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent)
        qtbot.addWidget(dialog)
        groups = [dialog.changes.topLevelItem(i) for i in range(dialog.changes.topLevelItemCount())]
        conflicts = next(g for g in groups if g.text(0).startswith("冲突"))
        item = conflicts.child(0)
        assert "分管领导" in item.text(0) and item.checkState(0) == Qt.CheckState.Unchecked
        if ticked.get("tick"):
            item.setCheckState(0, Qt.CheckState.Checked)
        return dialog.accepted_change_set(), dialog.unit_mapping()

    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([path])
    assert task_edits.get_task(window._db, task.id).leader == "本程序中改过的领导"  # kept: not ticked
    assert task_edits.get_task(window._db, task.id).status is Status.DONE  # the rest was applied
    ticked["tick"] = True
    window.file_menu.import_excel([path])
    assert task_edits.get_task(window._db, task.id).leader == "文件中的领导"


def test_a_failed_comparison_leaves_nothing_to_apply(window, tmp_path, qtbot):
    path, _uid = returned_workbook(window, tmp_path)
    results = iter([excel.compare_import(window._db, window._plan.id, excel.read_files([path])), None])
    dialog = ImportPreviewDialog(excel.read_files([path]), lambda chosen, mapping: next(results), [])
    qtbot.addWidget(dialog)
    assert dialog.change_set is not None
    dialog.recompare()  # the second comparison fails (the window shows why)
    assert dialog.change_set is None
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "无法比较" in dialog.summary.text()


def test_an_undo_that_can_no_longer_be_done_is_reported_and_dropped(window, tmp_path, qtbot, monkeypatch):
    from planner.ui import commands

    path, uid = returned_workbook(window, tmp_path)
    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(
        lambda parent, files, compare, unit_names: (compare(files, {}), {})))
    window.file_menu.import_excel([path])
    task = next(t for t in task_edits.tasks.list_tasks(window._db, window._plan.id) if t.uid == uid)
    task_edits.update_field(window._db, task.id, "status", Status.PAUSED)  # changed elsewhere since
    before = list(window._db.conn.iterdump())
    reported = []
    monkeypatch.setattr(commands, "report_failure", reported.append)
    window.undo_action.trigger()
    assert reported and window.undo_stack.count() == 0
    assert list(window._db.conn.iterdump()) == before


def test_a_unit_name_read_as_the_unit_a_task_already_has_is_no_change(window, tmp_path, qtbot, monkeypatch):
    """The preview lists, counts and applies what the chosen units make of the file (as --map does)."""
    listed = [t for t in task_edits.tasks.list_tasks(window._db, window._plan.id) if t.lead_unit.startswith("省")]
    same, other = listed[0], next(t for t in listed if t.lead_unit != listed[0].lead_unit)
    short = same.lead_unit[1:]  # 省发展改革委 → 发展改革委: a near name of the unit the task already has

    def near_names(sheet, header):
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            if row[0].value in (same.code, other.code):
                row[header.index("牵头单位")].value = short

    path = edited_copy(window, tmp_path, "丙.xlsx", near_names)
    seen = {}

    def answer(parent, files, compare, unit_names, **options):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent, **options)
        qtbot.addWidget(dialog)
        assert dialog.unit_choices[short].currentText() == same.lead_unit
        seen["summary"] = dialog.summary.text()
        seen["changes"] = [dialog.changes.topLevelItem(0).child(i).text(0)
                           for i in range(dialog.changes.topLevelItem(0).childCount())]
        return dialog.accepted_change_set(), dialog.unit_mapping()

    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([path])
    assert not window.errors, window.errors
    assert "修改字段 1 处" in seen["summary"]
    assert seen["changes"] == [f"任务 {other.code} 的牵头单位：“{other.lead_unit}” → “{same.lead_unit}”"]
    assert "修改字段 1 处" in window.statusBar().currentMessage()
    assert task_edits.get_task(window._db, same.id).lead_unit == same.lead_unit
    assert task_edits.get_task(window._db, other.id).lead_unit == same.lead_unit


def test_why_a_file_cannot_be_read_is_shown_without_ticking_it(window, tmp_path, qtbot, monkeypatch):
    from tests.hostile_files import far_cell_xlsx

    page = tmp_path / "网页.xls"
    page.write_text("<html><body><table><tr><td>任务内容</td></tr></table></body></html>", encoding="utf-8")
    far = far_cell_xlsx(tmp_path)
    good, _uid = returned_workbook(window, tmp_path)
    seen = {}

    def answer(parent, files, compare, unit_names):
        dialog = ImportPreviewDialog(files, compare, unit_names, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        items = [dialog.file_list.item(row) for row in range(dialog.file_list.count())]
        seen["items"] = [(item.text(), item.toolTip(), item.checkState()) for item in items]
        seen["details"] = (dialog.unreadable.isVisible(), dialog.unreadable.text())
        for item in items[1:]:
            item.setCheckState(Qt.CheckState.Unchecked)
        seen["summary"] = dialog.summary.text()
        return None

    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(answer))
    window.file_menu.import_excel([page, far, good])
    html = "“网页.xls”实际上是网页（HTML）文件，只是扩展名为 .xls；请在 WPS 或 Excel 中另存为 .xlsx 后再导入。"
    too_big = ("“末格.xlsx”的工作表“任务台账”用到了 1048576 行 × 16384 列，超过台账的上限（100000 行、200 列），未读取；"
               "请删除多余的行列后再导入。")
    assert seen["items"][:2] == [
        ("网页.xls（无法读取，未选入；原因见下方，也可悬停查看）", html, Qt.CheckState.Unchecked),
        ("末格.xlsx（无法读取，未选入；原因见下方，也可悬停查看）", too_big, Qt.CheckState.Unchecked)]
    assert seen["items"][2] == ("省发展改革委.xlsx", "", Qt.CheckState.Checked)
    assert seen["details"] == (True, f"{html}\n{too_big}")
    assert seen["summary"] == "没有选择要导入的文件。（无法读取的文件及原因见上方。）"
