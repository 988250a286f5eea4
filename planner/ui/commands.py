"""Undo commands: one per user action, each calling services and then refreshing what changed.

The window runs the service first (so a UserError is shown before anything is
pushed) and pushes the command afterwards; the first redo() therefore does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from planner import APP_NAME
from planner.domain.model import NewTask
from planner.services import plans, progress, task_edits, units, workspace
from planner.services.progress import ProgressAdded
from planner.services.task_edits import FieldChange
from planner.services.tasks import bulk_create_tasks

Refresh = Callable[[list[int] | None], None]  # changed task ids; None: reload everything


def report_failure(message: str) -> None:
    """Tell the user an undo or redo could not be done (the one seam tests replace)."""
    from PySide6.QtWidgets import QMessageBox  # loaded when needed: start-up time is a goal

    QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message)


class _DoneCommand(QUndoCommand):
    def __init__(self, text: str, refresh: Refresh):
        super().__init__(text)
        self._refresh = refresh
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._guarded(self._apply)

    def undo(self) -> None:
        self._guarded(self._revert)

    def _guarded(self, work) -> None:
        # A step that can no longer be taken (the task was changed elsewhere since, the file
        # is locked) is reported and dropped from the stack; its transaction left nothing behind.
        try:
            work()
        except Exception as error:  # noqa: BLE001 - sorted into the user's problem or a bug
            user_error = workspace.explain_failure(error)
            if user_error is None:
                raise
            report_failure("\n".join(user_error.lines()))
            self.setObsolete(True)
            self._refresh(None)

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError


class EditFieldCommand(_DoneCommand):
    """A cell edit: one field of one task, with any unit it added to the directory (one step)."""

    def __init__(self, db, change: FieldChange, refresh: Refresh, label: str):
        added = f"（新增单位：{'、'.join(change.created_units)}）" if change.created_units else ""
        super().__init__(f"修改{label}{added}", refresh)
        self._db, self._change = db, change

    def _apply(self) -> None:
        task_edits.reapply(self._db, self._change)
        self._refresh_after()

    def _revert(self) -> None:
        task_edits.revert(self._db, self._change)
        self._refresh_after()

    def _refresh_after(self) -> None:
        # A unit added or removed changes the filter's unit list (and may be the unit filtered
        # on): everything is read again, as after any change to the units directory.
        self._refresh(None if self._change.created_units else [self._change.task_id])


class CreateTasksCommand(_DoneCommand):
    """New tasks from any source (by hand, a passage, suggestions, a paste): one step."""

    def __init__(self, db, task_ids: list[int], refresh: Refresh, text: str = "新建任务"):
        super().__init__(text, refresh)
        self._db, self.task_ids = db, task_ids

    def _apply(self) -> None:
        task_edits.restore_tasks(self._db, self.task_ids)
        self._refresh(None)

    def _revert(self) -> None:
        task_edits.delete_tasks(self._db, self.task_ids)
        self._refresh(None)


class DeleteTasksCommand(_DoneCommand):
    def __init__(self, db, task_ids: list[int], refresh: Refresh):
        super().__init__(f"删除 {len(task_ids)} 项任务", refresh)
        self._db, self.task_ids = db, task_ids

    def _apply(self) -> None:
        task_edits.delete_tasks(self._db, self.task_ids)
        self._refresh(None)

    def _revert(self) -> None:
        task_edits.restore_tasks(self._db, self.task_ids)
        self._refresh(None)


class MoveTaskCommand(_DoneCommand):
    def __init__(self, db, task_id: int, step: int, refresh: Refresh):
        super().__init__("调整任务顺序", refresh)
        self._db, self._task_id, self._step = db, task_id, step

    def _apply(self) -> None:
        task_edits.move_task(self._db, self._task_id, self._step)
        self._refresh(None)

    def _revert(self) -> None:
        task_edits.move_task(self._db, self._task_id, -self._step)
        self._refresh(None)


class AddProgressCommand(_DoneCommand):
    def __init__(self, db, added: ProgressAdded, entry, refresh: Refresh):
        super().__init__("添加进展", refresh)
        self._db, self._added, self._entry = db, added, entry

    def _apply(self) -> None:
        self._added = progress.add_progress(self._db, self._added.task_id, self._entry)
        self._refresh([self._added.task_id])

    def _revert(self) -> None:
        progress.undo_progress(self._db, self._added)
        self._refresh([self._added.task_id])


class UnitCommand(_DoneCommand):
    """A change to the units directory, given as do/undo calls on the units service."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None], refresh: Refresh):
        super().__init__(text, refresh)
        self._do, self._undo = do, undo

    def _apply(self) -> None:
        self._do()
        self._refresh(None)

    def _revert(self) -> None:
        self._undo()
        self._refresh(None)


def rename_unit_command(db, unit_id: int, old: str, new: str, refresh: Refresh) -> UnitCommand:
    return UnitCommand(f"单位改名：{old}→{new}", lambda: units.rename_unit(db, unit_id, new),
                       lambda: units.rename_unit(db, unit_id, old), refresh)


def merge_units_command(db, record, refresh: Refresh) -> UnitCommand:
    holder = {"record": record}

    def again():
        holder["record"] = units.merge_units(db, record.source_id, record.target_id)

    return UnitCommand(f"合并单位：{record.source_name}", again, lambda: units.unmerge_units(db, holder["record"]),
                       refresh)


class ImportLedgerCommand(_DoneCommand):
    """An applied Excel import: undo takes every change back, redo applies the preview again."""

    def __init__(self, db, plan_id: int, change_set, mapping: dict[str, str], result, refresh: Refresh):
        super().__init__(f"导入台账（{change_set.summary()}）", refresh)
        self._db, self._plan_id, self._change_set, self._mapping, self.result = db, plan_id, change_set, mapping, result

    def _apply(self) -> None:
        from planner.services import excel

        self.result = excel.apply_import(self._db, self._plan_id, self._change_set, self._mapping)
        self._refresh(None)

    def _revert(self) -> None:
        from planner.services import excel

        excel.undo_import(self._db, self._plan_id, self.result)
        self._refresh(None)


class PlanSettingsCommand(_DoneCommand):
    def __init__(self, db, plan_id: int, old, new, refresh: Refresh):
        super().__init__("修改方案设置", refresh)
        self._db, self._plan_id, self._old, self._new = db, plan_id, old, new

    def _set(self, values) -> None:
        plans.update_settings(self._db, self._plan_id, name=values.name, office=values.office,
                              year=values.year, warning_days=values.warning_days, preamble=values.preamble,
                              issuer=values.issuer)
        self._refresh(None)

    def _apply(self) -> None:
        self._set(self._new)

    def _revert(self) -> None:
        self._set(self._old)


def create_tasks(db, plan_id: int, new_tasks: list[NewTask]) -> list[int]:
    """Run the creation itself (the window pushes CreateTasksCommand afterwards)."""
    return bulk_create_tasks(db, plan_id, new_tasks)
