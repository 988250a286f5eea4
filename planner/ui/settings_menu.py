"""The Settings menu of the main window: the units directory and the plan's settings, each undoable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from planner import APP_NAME
from planner.services import plans, units
from planner.ui.outcome import FAILED

if TYPE_CHECKING:
    from planner.ui.dialogs.units_dialog import UnitActions


class SettingsMenu(QObject):
    """The Settings menu's entries and what they do, each one undo step.

    Works through the window's public face, as TaskActions does: its database and plan, run,
    refresh and undo stack; after the plan's settings change, its title, plan list and filter bar.
    """

    # The dialogs are imported when first opened, to keep start-up short.

    def __init__(self, window):
        super().__init__(window)
        self._window = window

    def fill(self, menu: QMenu) -> None:
        """Add the Settings menu's own entries to ``menu`` (the 总览 adds its working-day settings after them)."""
        for text, slot in (("单位目录…", self.edit_units), ("方案设置…", self.edit_plan_settings)):
            action = QAction(text, self._window)  # the window's, as every action of its menus
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(action)

    def edit_units(self) -> None:
        from planner.ui.dialogs.units_dialog import UnitsDialog

        UnitsDialog(self.unit_actions(), self._window).exec()

    def unit_actions(self) -> UnitActions:
        from planner.ui import commands  # the undo commands load with the first edit, not the window
        from planner.ui.dialogs.units_dialog import UnitActions

        w = self._window
        db = w.db

        def push(command_text, do, undo):
            w.undo_stack.push(commands.UnitCommand(command_text, do, undo, w.refresh))
            w.refresh(None)
            return True

        def add(name):
            unit_id = w.run(lambda: units.add_unit(db, name))
            if unit_id is FAILED:
                return False
            added = next(u for u in units.list_units(db) if u.id == unit_id)
            return push(f"添加单位：{added.name}", lambda: units.restore_unit(db, added),
                        lambda: units.delete_unit(db, unit_id))

        def rename(unit_id, name):
            old = w.run(lambda: units.rename_unit(db, unit_id, name))
            if old is FAILED:
                return False
            w.undo_stack.push(commands.rename_unit_command(db, unit_id, old, name.strip(), w.refresh))
            w.refresh(None)
            return True

        def merge(source_id, target_id):
            record = w.run(lambda: units.merge_units(db, source_id, target_id))
            if record is FAILED:
                return False
            w.undo_stack.push(commands.merge_units_command(db, record, w.refresh))
            w.refresh(None)
            return True

        def reorder(ids):
            previous = w.run(lambda: units.reorder_units(db, ids))
            return previous is not FAILED and push("调整单位顺序", lambda: units.reorder_units(db, ids),
                                                   lambda: units.reorder_units(db, previous))

        def delete(unit_id):
            removed = w.run(lambda: units.delete_unit(db, unit_id))
            return removed is not FAILED and push(f"删除单位：{removed.name}", lambda: units.delete_unit(db, unit_id),
                                                  lambda: units.restore_unit(db, removed))

        return UnitActions(list_units=lambda: units.list_units(db), add=add, rename=rename, merge=merge,
                           reorder=reorder, delete=delete)

    def edit_plan_settings(self) -> None:
        from planner.ui import commands
        from planner.ui.dialogs.plan_settings_dialog import PlanSettings, PlanSettingsDialog

        w = self._window
        new = PlanSettingsDialog.ask(w, w.plan)
        if new is None:
            return
        old = w.run(lambda: plans.update_settings(w.db, w.plan.id, name=new.name, office=new.office, year=new.year,
                                                  warning_days=new.warning_days, preamble=new.preamble,
                                                  issuer=new.issuer))
        if old is FAILED:
            return
        old_settings = PlanSettings(name=old.name, office=old.office, year=old.year or new.year,
                                    warning_days=old.warning_days, preamble=old.preamble, issuer=old.issuer)
        w.undo_stack.push(commands.PlanSettingsCommand(w.db, w.plan.id, old_settings, new,
                                                       self.plan_settings_changed))
        self.plan_settings_changed(None)

    def plan_settings_changed(self, _ids=None) -> None:
        """After the plan's settings were saved or undone: its name, 临期 days and the rows that depend on them."""
        w = self._window
        w.reload_plan()
        w.plan_combo.setItemText(w.plan_combo.findData(w.plan.id), w.plan.name)
        w.filter_bar.set_warning_days(w.plan.warning_days)
        w.setWindowTitle(f"{w.plan.name} — {APP_NAME}")
        w.refresh(None)
