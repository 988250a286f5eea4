"""Menu actions for 报送轮次 and the calendar file, as functions over the main window (like safety_menu)."""

from __future__ import annotations

from planner.domain.file_names import safe_file_name
from planner.services import rounds, units
from planner.ui.outcome import FAILED

# Each uses the window's database (_db), plan (_plan), today (_today), seams (ask_*, confirm,
# show_*), _run and its File menu's export_excel.


def rounds_dialog(window):
    """The round view for the window's current plan (not yet shown); None without a plan."""
    from planner.ui.rounds.rounds_dialog import RoundsActions, RoundsDialog

    if window._plan is None:
        return None
    plan_id = window._plan.id

    def ran(work):
        result = window._run(work)
        return None if result is FAILED else result

    def start() -> int | None:
        from planner.ui.rounds.start_round_dialog import StartRoundDialog

        names = ran(lambda: [unit.name for unit in units.list_units(window._db)])
        default = ran(lambda: rounds.default_units(window._db, plan_id))
        if names is None or default is None:
            return None
        answer = StartRoundDialog.ask(window, names, default, window._today)
        if answer is None:
            return None
        name, due, asked = answer
        open_now = ran(lambda: rounds.open_round_status(window._db, plan_id, today=window._today))
        if open_now is not None and not window.confirm(
                f"“{open_now.name}”仍在进行中（已报送 {open_now.returned_count}/{len(open_now.replies)}）。"
                "发起新一轮会结束它（记录仍保留），继续吗？"):
            return None
        started = ran(lambda: rounds.start_round(window._db, plan_id, name=name, due=due, unit_names=asked))
        return None if started is None else started.round_id

    actions = RoundsActions(
        list_rounds=lambda: ran(lambda: rounds.list_rounds(window._db, plan_id)),
        status=lambda round_id: ran(lambda: rounds.round_status(window._db, round_id, today=window._today)),
        start=start,
        close=lambda round_id: ran(lambda: rounds.close_round(window._db, round_id) or True) is not None,
        export_by_unit=lambda: window.file_menu.export_excel("by_unit"),
        confirm=window.confirm,
        export_reminders=lambda units: export_reminders(window, units))
    return RoundsDialog(actions, window)


def show_rounds(window) -> None:
    """File → 报送轮次…"""
    dialog = rounds_dialog(window)
    if dialog is not None:
        dialog.exec()


def export_reminders(window, unit_names: list[str]) -> None:
    """The 催办单 (督办通知) of the units that have not replied: one Word file, a page per unit."""
    from planner.services import word

    name = safe_file_name(f"{window._plan.name[:30]}-催办单", "催办单")
    path = window.ask_save_file("导出催办单", f"{name}.docx", "Word 文档 (*.docx)")
    if path is None:
        return
    sent = window._run(lambda: word.export_reminders(window._db, window._plan.id, path, window._word_template,
                                                     units=unit_names, today=window._today))
    if sent is not FAILED:
        window.statusBar().showMessage(f"已导出催办单：{path}（{len(sent.units)} 个单位，回复期限 "
                                       f"{sent.reply_by:%Y年%m月%d日}）", 8000)


def export_calendar(window) -> None:
    """File → 导出日历（.ics）…: the deadlines and the open round's reply-by date."""
    from planner.services import calendar

    if window._plan is None:
        return
    name = safe_file_name(f"{window._plan.name[:40]}-日历", "日历")
    path = window.ask_save_file("导出日历", f"{name}.ics", "日历文件 (*.ics)")
    if path is None:
        return
    result = window._run(lambda: calendar.export_ics(window._db, window._plan.id, path, today=window._today))
    if result is not FAILED:
        window.statusBar().showMessage(
            f"已导出日历：{result.path}（完成时限 {result.deadline_count} 项，报送期限 {result.round_count} 项）", 8000)
