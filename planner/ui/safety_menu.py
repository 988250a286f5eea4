"""Menu actions that keep work safe: restore a backup, the 回收站, telling about the database just opened."""

from __future__ import annotations

from pathlib import Path

from planner.services import backups, recycle_bin, workspace
from planner.ui.outcome import FAILED

# Functions over the main window rather than a mixin: each uses the window's database (_db),
# plan (_plan), seams (confirm, show_*), _run and refresh.


def restore_backup(window) -> None:
    """File → 恢复备份…: choose a backup, confirm, restore (the current state is kept as a backup first)."""
    from planner.ui.dialogs.backups_dialog import BackupsDialog

    listed = window._run(lambda: backups.list_backups(window._db))
    if listed is FAILED:
        return
    name = BackupsDialog.ask(window, listed)
    if name is None:
        return
    chosen = next(b for b in listed if b.name == name)
    if not window.confirm(f"用 {chosen.taken_at:%Y-%m-%d %H:%M} 的备份（{chosen.label}）替换当前数据库的全部内容吗？\n"
                          "当前内容会先另存为一个备份，之后仍可恢复。"):
        return
    result = window._run(lambda: backups.restore_backup(window._db, name))
    if result is FAILED:
        return
    window.undo_stack.clear()  # its steps describe the replaced content
    window._load_plans()
    window.statusBar().showMessage(f"已恢复备份 {name}；恢复前的内容已另存为 {result.kept.name}", 10000)


def show_recycle_bin(window) -> None:
    """Edit → 回收站…: the current plan's deleted tasks; restore some, or empty it after confirmation."""
    from planner.ui.dialogs.recycle_bin_dialog import RecycleBinActions, RecycleBinDialog

    if window._plan is None:
        return
    plan_id = window._plan.id

    def restore(ids: list[int]) -> bool:
        if window._run(lambda: recycle_bin.restore(window._db, ids)) is FAILED:
            return False
        window.refresh(None)
        return True

    def empty() -> bool:
        if window._run(lambda: recycle_bin.empty(window._db, plan_id)) is FAILED:
            return False
        window.undo_stack.clear()  # a deletion on the stack could no longer be undone
        window.refresh(None)
        return True

    actions = RecycleBinActions(lambda: recycle_bin.deleted_tasks(window._db, plan_id), restore, empty,
                                lambda question: window.confirm(question))
    RecycleBinDialog(actions, window).exec()


def database_opened(window, path: Path) -> None:
    """After File → 打开数据库…: the day's backup, and a warning for a network share."""
    for warning in filter(None, (workspace.network_warning(path), workspace.daily_backup(window._db))):
        window.show_info(warning)
