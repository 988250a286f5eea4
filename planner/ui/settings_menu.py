"""The Settings menu of the main window: the units directory and the plan's settings, each undoable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner import APP_NAME
from planner.services import plans, units
from planner.ui import commands
from planner.ui.outcome import FAILED

if TYPE_CHECKING:
    from planner.ui.dialogs.units_dialog import UnitActions


class SettingsMenuMixin:
    """Part of MainWindow; uses its _db, _plan, undo_stack, refresh and _run."""

    # The dialogs are imported when first opened, to keep start-up short.

    def edit_units(self) -> None:
        from planner.ui.dialogs.units_dialog import UnitsDialog

        UnitsDialog(self.unit_actions(), self).exec()

    def unit_actions(self) -> UnitActions:
        from planner.ui.dialogs.units_dialog import UnitActions

        db = self._db

        def push(command_text, do, undo):
            self.undo_stack.push(commands.UnitCommand(command_text, do, undo, self.refresh))
            self.refresh(None)
            return True

        def add(name):
            unit_id = self._run(lambda: units.add_unit(db, name))
            if unit_id is FAILED:
                return False
            added = next(u for u in units.list_units(db) if u.id == unit_id)
            return push(f"添加单位：{added.name}", lambda: units.restore_unit(db, added),
                        lambda: units.delete_unit(db, unit_id))

        def rename(unit_id, name):
            old = self._run(lambda: units.rename_unit(db, unit_id, name))
            if old is FAILED:
                return False
            self.undo_stack.push(commands.rename_unit_command(db, unit_id, old, name.strip(), self.refresh))
            self.refresh(None)
            return True

        def merge(source_id, target_id):
            record = self._run(lambda: units.merge_units(db, source_id, target_id))
            if record is FAILED:
                return False
            self.undo_stack.push(commands.merge_units_command(db, record, self.refresh))
            self.refresh(None)
            return True

        def reorder(ids):
            previous = self._run(lambda: units.reorder_units(db, ids))
            return previous is not FAILED and push("调整单位顺序", lambda: units.reorder_units(db, ids),
                                                   lambda: units.reorder_units(db, previous))

        def delete(unit_id):
            removed = self._run(lambda: units.delete_unit(db, unit_id))
            return removed is not FAILED and push(f"删除单位：{removed.name}", lambda: units.delete_unit(db, unit_id),
                                                  lambda: units.restore_unit(db, removed))

        return UnitActions(list_units=lambda: units.list_units(db), add=add, rename=rename, merge=merge,
                           reorder=reorder, delete=delete)

    def edit_plan_settings(self) -> None:
        from planner.ui.dialogs.plan_settings_dialog import PlanSettings, PlanSettingsDialog

        new = PlanSettingsDialog.ask(self, self._plan)
        if new is None:
            return
        old = self._run(lambda: plans.update_settings(self._db, self._plan.id, name=new.name, office=new.office,
                                                      year=new.year, warning_days=new.warning_days,
                                                      preamble=new.preamble, issuer=new.issuer))
        if old is FAILED:
            return
        old_settings = PlanSettings(name=old.name, office=old.office, year=old.year or new.year,
                                    warning_days=old.warning_days, preamble=old.preamble, issuer=old.issuer)
        self.undo_stack.push(commands.PlanSettingsCommand(self._db, self._plan.id, old_settings, new,
                                                          self._plan_settings_changed))
        self._plan_settings_changed(None)

    def _plan_settings_changed(self, _ids) -> None:
        self._plan = plans.get_plan(self._db, self._plan.id)
        index = self.plan_combo.findData(self._plan.id)
        self.plan_combo.setItemText(index, self._plan.name)
        self.filter_bar.set_warning_days(self._plan.warning_days)
        self.setWindowTitle(f"{self._plan.name} — {APP_NAME}")
        self.refresh(None)
