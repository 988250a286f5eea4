"""Use cases on the units directory: add, rename, merge (tasks follow), reorder, delete when unused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import Unit
from planner.errors import UserError
from planner.storage import units
from planner.storage.units import MergeRecord

if TYPE_CHECKING:
    from sqlite_utils import Database


def list_units(db: Database) -> list[Unit]:
    return units.list_units(db)


def add_unit(db: Database, name: str) -> int:
    """Add one new unit; returns its id. Undoing the add may delete exactly this id.

    Raises:
        UserError: the name is empty, already a unit, or an alias of one (省退役军人厅 of
            省退役军人事务厅): nothing is added then, so nothing may be undone either.
    """
    name = name.strip()
    if not name:
        raise UserError("单位名称不能为空。")
    with db.atomic():
        if any(unit.name == name for unit in units.list_units(db)):
            raise UserError(f"单位“{name}”已在目录中。")
        alias_of = units.alias_names(db).get(name)
        if alias_of is not None:
            raise UserError(f"“{name}”是“{alias_of}”的别称，已在单位目录中。")
        return units.add_units(db, [name])[name]


@dataclass(frozen=True)
class UnknownUnit:
    """A unit name typed or pasted that is neither a directory unit nor an alias of one."""

    name: str
    suggestions: tuple[str, ...]  # directory units it may mean, best first (domain.unit_match)


def unknown_unit_names(db: Database, names: list[str]) -> list[UnknownUnit]:
    """The names (stripped, first occurrence order) the directory does not know, with suggestions.

    A unit's name or a known alias (省发改委) is known: storing it stores the unit. Anything else
    (省财正厅, 财政, 省 财政厅) would create a new unit, so the window asks first, as the
    import refuses such names (issue 12, "Units"). Suggestions are matched against units and
    aliases alike and given as unit names.
    """
    from planner.domain.unit_match import suggest_unit_names  # with the first name typed, not every start

    directory = [unit.name for unit in units.list_units(db)]
    aliases = units.alias_names(db)
    known = set(directory) | set(aliases)
    unknown = [name for name in dict.fromkeys(n.strip() for n in names) if name and name not in known]
    return [UnknownUnit(name, suggest_unit_names(name, directory, aliases)) for name in unknown]


def rename_unit(db: Database, unit_id: int, new_name: str) -> str:
    """Rename; returns the old name (for undo). Tasks stay linked."""
    old = _unit(db, unit_id).name
    units.rename_unit(db, unit_id, new_name)
    return old


def merge_units(db: Database, source_id: int, target_id: int) -> MergeRecord:
    """Fold ``source_id`` into ``target_id``; every task follows. Returns what undo needs."""
    return units.merge_units(db, source_id, target_id)


def unmerge_units(db: Database, record: MergeRecord) -> None:
    units.unmerge_units(db, record)


def reorder_units(db: Database, unit_ids: list[int]) -> list[int]:
    """Put the directory in the given order; returns the previous order (for undo)."""
    previous = [unit.id for unit in units.list_units(db)]
    if sorted(previous) != sorted(unit_ids):
        raise UserError("单位目录已被修改，请刷新后重试。")
    units.set_order(db, unit_ids)
    return previous


def delete_unit(db: Database, unit_id: int) -> Unit:
    """Remove an unused unit; returns it as it was (for undo).

    Raises:
        UserError: naming how many tasks still use it.
    """
    unit = _unit(db, unit_id)
    count = units.usage_count(db, unit_id)
    if count:
        raise UserError(f"单位“{unit.name}”仍被 {count} 项任务使用（牵头或配合），不能删除；"
                        "可先把这些任务改给其他单位，或使用“合并”。")
    units.delete_unit(db, unit_id)
    return unit


def restore_unit(db: Database, unit: Unit) -> None:
    """Put back a unit removed by delete_unit (or added and undone), with its id and place."""
    units.insert_unit(db, unit)


def _unit(db: Database, unit_id: int) -> Unit:
    unit = next((u for u in units.list_units(db) if u.id == unit_id), None)
    if unit is None:
        raise UserError("该单位已不存在。")
    return unit
