"""The 总览 window on a plan built here: figures against the database, clicks select tasks, edits and undo."""

import openpyxl
import pytest
from PySide6.QtCore import Qt

from planner.domain.lights import Light
from planner.domain.model import Status
from planner.exchange.builtin import load_keyword_units
from planner.exchange.ledger_layout import HEADER_ROW
from planner.services import dashboard, excel, task_edits, tasks, workdays
from planner.ui.dashboard.due_list_model import TASK_ID_ROLE
from planner.ui.main_window import MainWindow
from planner.ui.task_table_model import Column
from tests.conftest import RESOURCES
from tests.dashboard_plan import TODAY, build_plan
from tests.ui.conftest import WORD_TEMPLATE


@pytest.fixture
def built_window(qtbot, workspace_db, builtin, tmp_path):
    plan_id, ids = build_plan(workspace_db)
    main = MainWindow(workspace_db, db_path=tmp_path / "plan.db", builtin=builtin,
                      keyword_units=load_keyword_units(RESOURCES), word_template=WORD_TEMPLATE, today=TODAY,
                      remember_layout=False)
    main.errors = []
    main.show_error = main.errors.append
    main.show_info = main.errors.append
    qtbot.addWidget(main)
    main.show()
    assert main._plan.id == plan_id
    return main, ids


@pytest.fixture
def opened(built_window):
    main, ids = built_window
    board = main.dashboard.open()
    return main, board, ids


def card(board, key):
    return board.overview.cards[key].value.text()


def list_ids(board, key):
    model = board.overview.list_models[key]
    return [model.index(row, 0).data(TASK_ID_ROLE) for row in range(model.rowCount())]


def bar_values(board, key):
    """{bar set label: values} of a stacked bar chart as drawn."""
    series = board.overview.views[key].chart().series()[0]
    return {bar_set.label(): [bar_set.at(i) for i in range(bar_set.count())] for bar_set in series.barSets()}


def test_the_figures_shown_are_the_databases(opened):
    main, board, ids = opened
    db, plan_id = main._db, main._plan.id
    live = tasks.list_tasks(db, plan_id)
    assert card(board, "total") == str(len(live)) == "11"
    done = sum(t.status is Status.DONE for t in live)
    assert card(board, "done_rate") == f"{done / len(live):.1%}" == "18.2%"
    assert card(board, "overdue") == "2" and card(board, "due_soon") == "3" and card(board, "undated") == "1"
    assert card(board, "day_off") == "2"
    assert "截止 09-28" in board.overview.cards["due_soon"].caption.text()
    overdue = sorted((t for t in live if t.status not in (Status.DONE, Status.PAUSED) and t.deadline_date
                      and t.deadline_date < TODAY), key=lambda t: t.deadline_date)
    assert list_ids(board, "overdue") == [t.id for t in overdue] == [ids["J_delayed_overdue"], ids["E_makeup_workday"]]
    assert list_ids(board, "due_7") == [ids["A_today"], ids["D_holiday"], ids["B_window_last"]]
    assert [board.overview.lists.tabText(i) for i in range(3)] == ["逾期（2）", "7 天内到期（3）", "30 天内到期（5）"]
    holiday_row = list_ids(board, "due_7").index(ids["D_holiday"])
    assert board.overview.list_models["due_7"].index(holiday_row, 4).data() == "2026-09-25（中秋）"
    # Units, most overdue first; a horizontal chart lists them bottom-up.
    units = dashboard.dashboard_figures(db, plan_id, today=TODAY).units
    axis = board.overview.views["units"].chart().axes(Qt.Orientation.Vertical)[0]
    rates = ["—" if u.on_time_rate is None else f"{u.on_time_rate:.0%}" for u in units]
    assert list(reversed(axis.categories())) == [f"{u.unit}（按时 {rate}）" for u, rate in zip(units, rates)]
    assert "省发展改革委（按时 33%）" in axis.categories()
    assert "按时完成率" in board.overview.views["units"].toolTip()
    assert "按按时完成计" not in board.overview.views["units"].toolTip()  # every done task has its report
    bars = bar_values(board, "units")
    assert list(reversed(bars["逾期"])) == [u.overdue for u in units] and sum(bars["逾期"]) == 2
    assert sum(bars["已完成"]) == 2 and sum(bars["推进中"]) == 4 and sum(bars["未启动"]) == 2
    chapter_bars = bar_values(board, "chapters")
    assert chapter_bars["已完成"][-1] == 2 and chapter_bars["推进中"][-2] == 2  # chapters one and two
    assert main.dashboard.lights_label.text().count("项") == 2
    assert "逾期 2 项" in main.dashboard.lights_label.text() and "临期 3 项" in main.dashboard.lights_label.text()


def click_row(qtbot, view, row):
    point = view.visualRect(view.model().index(row, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_click_in_a_list_selects_the_task_in_the_table(opened, qtbot):
    main, board, ids = opened
    view = board.overview.list_views["overdue"]
    row = list_ids(board, "overdue").index(ids["E_makeup_workday"])
    click_row(qtbot, view, row)
    assert main.current_task_id() == ids["E_makeup_workday"]
    assert main.task_model.index(main.task_view.currentIndex().row(), Column.CONTENT).data() == "任务E_makeup_workday"
    # A task of another item, hidden by a filter: the item is chosen and the filter cleared.
    main.filter_bar.text.setText("没有这样的任务")
    board.overview.lists.setCurrentIndex(0)
    row = list_ids(board, "overdue").index(ids["J_delayed_overdue"])
    click_row(qtbot, view, row)
    assert main.current_task_id() == ids["J_delayed_overdue"]
    assert main.filter_bar.text.text() == ""


def test_an_edit_and_its_undo_update_the_dashboard(opened):
    main, board, ids = opened
    main.select_task(ids["E_makeup_workday"])  # item 1's tasks are shown
    index = main.task_model.index(main.task_view.currentIndex().row(), Column.STATUS)
    assert main.task_model.setData(index, Status.DONE.value)
    assert task_edits.get_task(main._db, ids["E_makeup_workday"]).status is Status.DONE
    assert card(board, "overdue") == "1" and list_ids(board, "overdue") == [ids["J_delayed_overdue"]]
    assert "逾期 1 项" in main.dashboard.lights_label.text()
    main.undo_action.trigger()
    assert card(board, "overdue") == "2" and ids["E_makeup_workday"] in list_ids(board, "overdue")
    assert "逾期 2 项" in main.dashboard.lights_label.text()
    main.redo_action.trigger()
    assert card(board, "overdue") == "1"


def test_an_import_updates_the_dashboard(opened, tmp_path, monkeypatch):
    from planner.ui.dialogs.import_preview_dialog import ImportPreviewDialog

    main, board, ids = opened
    path = tmp_path / "返回.xlsx"
    excel.export_xlsx(main._db, main._plan.id, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    uid = task_edits.get_task(main._db, ids["J_delayed_overdue"]).uid
    row = next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[header.index("任务标识")].value == uid)
    row[header.index("状态")].value = "已完成"
    workbook.save(path)
    monkeypatch.setattr(ImportPreviewDialog, "ask", staticmethod(
        lambda parent, files, compare, unit_names: (compare(files, {}), {})))
    main.file_menu.import_excel([path])
    assert not main.errors, main.errors
    assert card(board, "overdue") == "1" and list_ids(board, "overdue") == [ids["E_makeup_workday"]]
    main.undo_action.trigger()
    assert card(board, "overdue") == "2"


def test_the_status_bar_links_filter_the_table(built_window):
    main, _ids = built_window
    main.dashboard.lights_label.linkActivated.emit(Light.RED.value)
    assert main.all_tasks.isChecked()
    shown = [main.task_model.row(r).task.content for r in range(main.task_model.rowCount())]
    assert sorted(shown) == ["任务E_makeup_workday", "任务J_delayed_overdue"]
    main.dashboard.lights_label.linkActivated.emit(Light.YELLOW.value)
    shown = [main.task_model.row(r).task.content for r in range(main.task_model.rowCount())]
    assert sorted(shown) == ["任务A_today", "任务B_window_last", "任务D_holiday"]


def test_the_timeline_draws_dated_tasks_lists_phrases_apart_and_a_click_selects(opened, qtbot):
    main, board, ids = opened
    board.tabs.setCurrentWidget(board.timeline)
    view = board.timeline.view
    assert set(view.dots) == {task_id for key, task_id in ids.items() if key != "I_undated"}
    assert [board.timeline.undated.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(board.timeline.undated.count())] == [ids["I_undated"]]
    assert board.timeline.undated.item(0).text().endswith("（持续推进）")
    assert view.today_x is not None
    dot = view.dots[ids["C_after_window"]]
    assert dot.colour == "#2e9d4f"  # green: due after the window
    assert view.dots[ids["J_delayed_overdue"]].colour == "#d9363e"
    view.centerOn(dot.x, dot.y)
    point = view.mapFromScene(dot.rect().center())
    assert view.grab().toImage().pixelColor(point).name() == "#2e9d4f"  # drawn where it is said to be
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert main.current_task_id() == ids["C_after_window"]
    board.timeline.group_by.setCurrentIndex(board.timeline.group_by.findData("unit"))
    assert [label for label, _top, _height in view.bands] == [g.label for g in board.timeline_data.groups]
    assert "省财政厅" in [label for label, _top, _height in view.bands]
    board.timeline.zoom.setCurrentIndex(board.timeline.zoom.findData("year"))
    narrow = view.scene().sceneRect().width()
    board.timeline.zoom.setCurrentIndex(board.timeline.zoom.findData("month"))
    assert view.scene().sceneRect().width() > narrow


def test_working_days_toggle_is_one_undo_step_and_moves_the_window(opened):
    main, board, ids = opened
    from planner.services import plans

    plans.update_settings(main._db, main._plan.id, name=main._plan.name, office="", year=2026, warning_days=3)
    main.settings_menu.plan_settings_changed(None)  # what the 方案设置 dialog's OK does after saving
    assert card(board, "due_soon") == "1"  # calendar days: only today's within 09-24
    assert "临期 1 项" in main.dashboard.lights_label.text()  # the status bar counts the same window
    board.overview.workdays.setChecked(True)
    assert workdays.counts_workdays(main._db, main._plan.id)
    assert card(board, "due_soon") == "2" and "截止 09-27" in board.overview.cards["due_soon"].caption.text()
    assert "临期 2 项" in main.dashboard.lights_label.text() and "逾期 2 项" in main.dashboard.lights_label.text()
    row = list_ids(board, "due_7").index(ids["D_holiday"])
    assert board.overview.list_models["due_7"].index(row, 5).data() == "还有 3 个工作日"
    # The table's lights follow: 09-25 (中秋) is yellow, 09-28 green (4 working days left).
    assert light_shown(main, ids["D_holiday"]) == Light.YELLOW.label
    assert light_shown(main, ids["B_window_last"]) == Light.GREEN.label
    assert main.filter_bar.light.itemText(2) == "3 个工作日内到期"
    assert main.dashboard.workdays_action.isChecked()  # the same setting in the 设置 menu
    main.undo_action.trigger()
    assert not workdays.counts_workdays(main._db, main._plan.id)
    assert not board.overview.workdays.isChecked() and card(board, "due_soon") == "1"
    assert "临期 1 项" in main.dashboard.lights_label.text()
    assert not main.dashboard.workdays_action.isChecked()
    main.dashboard.workdays_action.trigger()  # from the menu: the same one undo step
    assert workdays.counts_workdays(main._db, main._plan.id) and board.overview.workdays.isChecked()
    assert main.undo_stack.count() == 1 and main.undo_stack.undoText() == "预警期改按工作日计算"
    main.undo_action.trigger()
    assert light_shown(main, ids["D_holiday"]) == Light.GREEN.label
    assert main.filter_bar.light.itemText(2) == "3 天内到期"


def light_shown(main, task_id):
    main.select_task(task_id)
    assert main.current_task_id() == task_id
    return main.task_model.index(main.task_view.currentIndex().row(), Column.LIGHT).data()


def test_each_chart_is_png_bytes_and_can_be_saved(opened, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    main, board, _ids = opened
    for key in ("units", "chapters", "statuses"):
        data = main.dashboard.chart_png(key)
        image = QImage.fromData(data, "PNG")
        assert data.startswith(b"\x89PNG") and image.width() > 200 and image.height() > 100
    target = tmp_path / "单位.png"
    monkeypatch.setattr(main, "ask_save_file", lambda *args: target)
    board.overview.save_units.click()
    assert QImage(str(target)).width() > 200 and not main.errors


def test_a_year_of_holidays_entered_in_the_dialog_is_saved_and_undone(opened, monkeypatch, qtbot):
    from planner.ui.dashboard.holidays_dialog import HolidaysDialog, YearArrangement

    main, board, _ids = opened
    dialog = HolidaysDialog(year=2027, load_year=lambda year: [], builtin_years=range(2004, 2027))
    qtbot.addWidget(dialog)
    assert "2027 年尚无安排" in dialog.note.text()
    dialog.add_row("2027-02-08", "放假", "春节")
    dialog.add_row("", "放假", "")  # an empty row left by the user
    assert dialog.arrangement() == YearArrangement(2027, [("2027-02-08", "放假", "春节")])

    monkeypatch.setattr(HolidaysDialog, "ask", classmethod(lambda cls, *a, **k: dialog.arrangement()))
    board.overview.holidays_button.click()
    assert workdays.office_years(main._db) == [2027]
    main.undo_action.trigger()
    assert workdays.office_years(main._db) == []

    monkeypatch.setattr(HolidaysDialog, "ask", classmethod(
        lambda cls, *a, **k: YearArrangement(2027, [("2027-13-01", "放假", "")])))
    board.overview.holidays_button.click()
    assert main.errors and "第 1 行" in "\n".join(main.errors) and workdays.office_years(main._db) == []


def test_an_unknown_year_is_said_once_in_the_status_bar(built_window):
    from planner.domain.model import NewTask
    from planner.services import documents

    main, _ids = built_window
    item = documents.load_document(main._db, main._plan.document_id).items[0]
    tasks.bulk_create_tasks(main._db, main._plan.id,
                            [NewTask(item_id=item.id, content="明年", deadline_phrase="2027-03-01")])
    main.refresh(None)
    main.dashboard.open()
    assert "2027 年的节假日安排尚未录入" in main.statusBar().currentMessage()
    main.statusBar().clearMessage()
    main.refresh(None)
    assert main.statusBar().currentMessage() == ""


def test_the_due_list_model_passes_qtmodeltester(opened, qtmodeltester):
    _main, board, _ids = opened
    qtmodeltester.check(board.overview.list_models["due_30"])


def test_the_task_details_count_what_is_left_and_point_out_a_holiday(built_window):
    main, ids = built_window
    main.select_task(ids["D_holiday"])
    assert main.details.fields["时限"].text() == "2026-09-25，还有 4 天；截止日为休息日（中秋）"
    workdays.set_counts_workdays(main._db, main._plan.id, True)
    main.refresh(None)
    main.select_task(ids["D_holiday"])
    assert main.details.fields["时限"].text() == "2026-09-25，还有 3 个工作日；截止日为休息日（中秋）"
    main.select_task(ids["E_makeup_workday"])  # due on a 调休 Sunday: a working day, not pointed out
    assert main.details.fields["时限"].text() == "2026-09-20，已逾期 1 天"
