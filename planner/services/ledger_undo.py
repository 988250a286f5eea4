"""Taking an applied import back in one transaction: the undo step of an Excel import."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from planner.services.ledger_apply import ImportResult, check_unchanged, write_updates
from planner.storage import imports, ledger_returns, plans, tasks, units

if TYPE_CHECKING:
    from sqlite_utils import Database


def undo_import(db: Database, plan_id: int, result: ImportResult) -> None:
    """Restore every field the import changed, remove its progress entries, new tasks,
    remembered aliases and the units it added (when nothing else uses them).

    Raises:
        UserError: a field was edited after the import; nothing is changed then.
    """
    reverse = tuple(replace(update, old=update.new, new=update.old) for update in result.updates)
    with db.atomic():
        check_unchanged(db, plan_id, reverse)
        names = [name for update in reverse if update.field in ("lead_unit", "support_units")
                 for name in (update.new if isinstance(update.new, tuple) else (update.new,)) if name]
        units.add_units(db, names)  # a unit renamed or deleted since comes back by its old name
        write_updates(db, reverse, {unit.name: unit.id for unit in units.list_units(db)})
        for entry_id in result.progress_ids:
            tasks.delete_progress(db, entry_id)
        imports.purge_tasks(db, result.new_task_ids)
        imports.remove_aliases(db, result.remembered_aliases)
        ledger_returns.delete_returns(db, result.return_ids)
        for unit in units.list_units(db):
            if unit.name in result.created_units and units.usage_count(db, unit.id) == 0:
                units.delete_unit(db, unit.id)
        plans.touch_plan(db, plan_id)
