"""The outline's filters (只看尚未分解的条目, 只看此章) and what the table and details show with them."""

from planner.services import plans, tasks

from .test_task_editing import item_id


def shown_items(window):
    """The outline's item rows a clerk sees, by label."""
    view = window.outline_view
    return [index.data() for index in window.outline_pane.model.item_indexes()
            if not view.isRowHidden(index.row(), index.parent())
            and not (index.parent().isValid() and view.isRowHidden(index.parent().row(), index.parent().parent()))]


def test_an_outline_emptied_by_the_uncovered_filter_says_why_and_the_table_follows(window):
    assert window.task_model.rowCount() > 0 and window.current_item_id() is not None
    window.uncovered_only.setChecked(True)  # every item of the demo plan has tasks
    assert shown_items(window) == []
    assert window.outline_pane.empty_note.isVisible()
    assert window.outline_pane.empty_note.text() == (
        "所有条目都已分解。取消勾选“只看尚未分解的条目”可看全部条目。")
    assert window.current_item_id() is None
    assert window.task_model.rowCount() == 0 and window.current_task_id() is None
    assert window.task_view.placeholder == "左侧没有选中的条目。"
    assert window.details.title.text() == "未选择任务" and not window.details.add_progress_button.isEnabled()
    window.uncovered_only.setChecked(False)
    assert not window.outline_pane.empty_note.isVisible()
    assert window.current_item_id() == item_id(window, 1) and window.task_model.rowCount() > 0


def test_the_item_being_worked_on_stays_in_the_outline_until_another_is_chosen(window):
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(plans.list_plans(window._db)[-1].id))
    window.uncovered_only.setChecked(True)
    first, second = item_id(window, 1), item_id(window, 2)
    assert window.current_item_id() == first
    window.new_task("第一项任务")
    assert window.current_item_id() == first and shown_items(window)[0] == "（一）指导思想"
    assert [t.content for t in tasks.list_tasks(window._db, window._plan.id)] == ["第一项任务"]
    assert window.task_model.rowCount() == 1
    window.new_task("第二项任务")  # still there to work on
    assert window.task_model.rowCount() == 2
    window.select_item(second)
    assert "（一）指导思想" not in shown_items(window) and shown_items(window)[0] == "（二）基本原则"


def test_a_dashboard_click_on_an_item_outside_the_chapter_shown_clears_only_this_chapter(window):
    window.outline_pane.show_chapter(0)
    assert window.outline_pane.chapter_only()
    far = next(t for t in tasks.list_tasks(window._db, window._plan.id) if t.code.startswith("25."))
    window.dashboard.show_task(far.id)
    assert not window.outline_pane.chapter_only()
    assert window.current_item_id() == far.item_id and window.outline_pane.current_label() in shown_items(window)
    assert window.current_task_id() == far.id


def outline_menu_action(window, text):
    from planner.ui.main_menus import outline_menu

    return next(action for action in outline_menu(window).actions() if action.text() == text)


def test_the_item_the_clerk_was_on_comes_back_when_the_uncovered_filter_is_lifted(window):
    eighth = item_id(window, 8)
    window.select_item(eighth)
    rows_of_eighth = window.task_model.shown_task_ids()
    window.uncovered_only.setChecked(True)  # every item of the demo plan has tasks: none is left
    assert window.current_item_id() is None
    window.uncovered_only.setChecked(False)
    assert window.current_item_id() == eighth  # not (一), the first item of the document
    assert window.outline_pane.current_label() == "（八）推动区域市场一体化建设"
    assert window.task_model.shown_task_ids() == rows_of_eighth


def test_turning_this_chapter_only_off_keeps_the_item_the_clerk_was_on(window):
    eighth = item_id(window, 8)
    window.select_item(eighth)
    outline_menu_action(window, "只看此章").trigger()
    assert window.current_item_id() == eighth and shown_items(window)[0].startswith("（七）")
    window.uncovered_only.setChecked(True)
    window.uncovered_only.setChecked(False)
    assert window.current_item_id() == eighth
    outline_menu_action(window, "显示全部章节").trigger()
    assert window.current_item_id() == eighth and "（一）指导思想" in shown_items(window)
    assert window.item_text.toPlainText().startswith("（八）")


def test_an_item_chosen_while_filtered_is_the_one_kept_afterwards(window):
    eighth, ninth = item_id(window, 8), item_id(window, 9)
    window.select_item(eighth)
    outline_menu_action(window, "只看此章").trigger()
    window.select_item(ninth)
    outline_menu_action(window, "显示全部章节").trigger()
    assert window.current_item_id() == ninth
