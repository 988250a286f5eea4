"""Applying a checked change set: one transaction, returning what changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UserError
from planner.services.change_set import ChangeSet, FieldUpdate
from planner.services.ledger_compare import current_value
from planner.services.tasks import bulk_create_tasks
from planner.storage import exports, ledger_returns, plans, tasks, units
from planner.storage.clock import now_text

if TYPE_CHECKING:
    from sqlite_utils import Database

# Fields current_value reads from the task's own columns (storage.tasks.TaskFields), not its units.
_OWN_FIELDS = {"content": ("content",), "leader": ("leader",), "note": ("note",), "status": ("status",),
               "percent": ("percent",), "deadline": ("deadline_phrase", "deadline_date")}


@dataclass(frozen=True)
class ImportResult:
    """What an applied import changed, so views refresh only that."""

    backup: Path | None  # set by excel.apply_import, which takes it
    new_task_ids: tuple[int, ...]
    changed_task_ids: tuple[int, ...]
    changed_fields: int
    progress_ids: tuple[int, ...]
    created_units: tuple[str, ...]
    remembered_aliases: dict[str, str]
    updates: tuple[FieldUpdate, ...] = ()  # as written (mapped unit names): what undo reverses
    return_ids: tuple[int, ...] = ()  # the received returns recorded (storage.ledger_returns)
    round_notes: tuple[str, ...] = ()  # set by excel.apply_import: returns counted for the open round


def apply_change_set(db: Database, plan_id: int, change_set: ChangeSet,
                     unit_mapping: dict[str, str] | None = None, *, skip_bad_rows: bool = False,
                     create_units: bool = True) -> ImportResult:
    """Write the change set; conflicts are left as they are (the app's value is kept).

    Args:
        unit_mapping: unknown unit name → existing unit it means (remembered as an alias).
        skip_bad_rows: apply the rows that read cleanly although others had errors (those
            rows are already left out of the change set); without it any error stops the import.
        create_units: add unknown names without a mapping to the units directory; when False
            they are refused (the command line's default), listing what they may mean.

    Raises:
        UserError: the change set has errors (without ``skip_bad_rows``), belongs to another
            plan, has unknown units that are neither mapped nor to be created, maps to a unit
            that does not exist, or the plan changed after the preview. Nothing is written then.
    """
    if change_set.plan_id != plan_id:
        raise UserError("该导入预览属于另一个实施方案，请重新选择文件。")
    if change_set.errors and not skip_bad_rows:
        raise UserError(f"导入的文件中有 {len(change_set.errors)} 处错误，未导入任何内容；请修改后重新导入"
                        "（或跳过有错误的行）。", details=[problem.line() for problem in change_set.errors])
    unmapped = [name for name in change_set.unknown_units if name not in (unit_mapping or {})]
    if unmapped and not create_units:
        raise UserError(f"单位目录中没有 {len(unmapped)} 个单位，未导入任何内容。",
                        details=[unknown_unit_line(name, change_set.unit_suggestions.get(name, ()))
                                 for name in unmapped])
    if change_set.is_empty:  # nothing to change: no backup, no task touched; the files still count as received
        with db.atomic():
            received = _record_returns(db, plan_id, change_set, ())
        return ImportResult(None, (), (), 0, (), (), {}, (), received)
    mapping = {alias: target.strip() for alias, target in (unit_mapping or {}).items() if target and target.strip()}
    with db.atomic():  # BEGIN IMMEDIATE: what is read below still holds when it is written
        known = {unit.name for unit in units.list_units(db)}
        missing = sorted(set(mapping.values()) - known)
        if missing:
            raise UserError(f"要对应的单位“{'、'.join(missing)}”不在单位目录中。")
        units.add_aliases(db, mapping)
        created = tuple(name for name in change_set.unknown_units if name not in mapping)
        ids = units.add_units(db, [*known, *created, *mapping.values()])
        check_unchanged(db, plan_id, change_set.updates)
        # A name mapped to the unit the task already has is no change (财政厅 → 省财政厅 on 省财政厅's task).
        mapped = tuple(u for u in (_mapped_update(u, mapping) for u in change_set.updates) if u.new != u.old)
        written = _with_dropped_support(db, plan_id, mapped)
        changed_ids = write_updates(db, written, ids)
        progress_ids = tasks.insert_progress_many(db, [(p.task_id, p.entry) for p in change_set.progress])
        new_tasks = [_mapped_task(t.task, mapping) for t in change_set.new_tasks]
        new_ids = tuple(bulk_create_tasks(db, plan_id, new_tasks)) if new_tasks else ()
        received = _record_returns(db, plan_id, change_set, written)
        plans.touch_plan(db, plan_id)
    return ImportResult(backup=None, new_task_ids=new_ids, changed_task_ids=changed_ids,
                        changed_fields=len(written),
                        progress_ids=progress_ids, created_units=created, remembered_aliases=mapping,
                        updates=written, return_ids=received)


def _record_returns(db: Database, plan_id: int, change_set: ChangeSet,
                    written: Sequence[FieldUpdate]) -> tuple[int, ...]:
    """Record each file of the change set as received, with what it changed."""
    received_at = now_text()
    ids = []
    for source in change_set.sources:
        ids.append(ledger_returns.record_return(db, plan_id, ledger_returns.ReceivedReturn(
            source.file, source.unit, source.exported_at, received_at,
            new_tasks=sum(t.where.file == source.file for t in change_set.new_tasks),
            changed_fields=sum(u.where.file == source.file for u in written),
            progress_entries=sum(p.where.file == source.file for p in change_set.progress))))
    return tuple(ids)


def unknown_unit_line(name: str, suggestions: Sequence[str]) -> str:
    """One line about a unit name the directory does not have, with what it may mean."""
    hint = f"可能是：{'、'.join(suggestions)}；" if suggestions else ""
    example = suggestions[0] if suggestions else "单位目录中的名称"
    return (f"单位“{name}”不在单位目录中（{hint}请用 --map {name}={example} 指定对应单位，"
            "或用 --create-units 新增该单位）")


def check_unchanged(db: Database, plan_id: int, updates: Sequence[FieldUpdate]) -> None:
    """Refuse when a task changed between the preview and now (another window, an undo)."""
    if not updates:
        return
    fields = {update.field for update in updates}
    if fields <= _OWN_FIELDS.keys():  # the usual return: no unit changed
        now: dict = tasks.task_fields(db, plan_id, [column for field in fields for column in _OWN_FIELDS[field]])
    else:
        now = {task.id: task for task in tasks.list_tasks(db, plan_id)}
    for update in updates:
        task = now.get(update.task_id)
        if task is None or current_value(task, update.field) != update.old:
            raise UserError(f"任务 {update.code} 在预览之后已被修改，本次未导入任何内容；请重新导入预览。")


def write_updates(db: Database, updates: Sequence[FieldUpdate], ids: dict[str, int]) -> tuple[int, ...]:
    """Set the new value of each update (unit names already mapped); ``ids`` maps unit names."""
    columns: dict[int, dict] = {}
    supports: dict[int, tuple[str, ...]] = {}
    leads: dict[int, int | None] = {}
    for update in updates:
        target = columns.setdefault(update.task_id, {})
        value = update.new
        if update.field == "deadline":
            target["deadline_phrase"] = value.phrase
            target["deadline_date"] = value.date.isoformat() if value.date else None
        elif update.field == "status":
            target["status"] = str(value)  # a StrEnum's value, without the slow .value property
        elif update.field == "lead_unit":
            leads[update.task_id] = target["lead_unit_id"] = ids[value] if value else None
        elif update.field == "support_units":
            supports[update.task_id] = tuple(value)
        else:
            target[update.field] = value
    exports.apply_task_updates(db, list(columns.items()), now_text())
    for task_id, lead_id in leads.items():
        if task_id not in supports:  # the new lead no longer supports its own task
            task = tasks.get_task(db, task_id)
            supports[task_id] = task.support_units
    for task_id, names in supports.items():
        lead_id = leads[task_id] if task_id in leads else exports.lead_unit_id(db, task_id)
        tasks.set_support_units(db, task_id, [ids[n] for n in names if ids[n] != lead_id])
    return tuple(columns)


def _with_dropped_support(db: Database, plan_id: int, updates: tuple[FieldUpdate, ...]) -> tuple[FieldUpdate, ...]:
    """Add the cooperating-unit change a new lead implies (it cannot support its own task), so undo sees it."""
    explicit = {u.task_id for u in updates if u.field == "support_units"}
    leads = [u for u in updates if u.field == "lead_unit" and u.task_id not in explicit and u.new]
    if not leads:
        return updates
    current = {task.id: task for task in tasks.list_tasks(db, plan_id)}
    extra = []
    for update in leads:
        support = current[update.task_id].support_units
        if update.new in support:
            extra.append(replace(update, field="support_units", old=support,
                                 new=tuple(n for n in support if n != update.new)))
    return updates + tuple(extra)


def _mapped_update(update: FieldUpdate, mapping: dict[str, str]) -> FieldUpdate:
    if update.field == "lead_unit":
        return replace(update, new=mapping.get(update.new, update.new))
    if update.field == "support_units":
        return replace(update, new=tuple(dict.fromkeys(mapping.get(n, n) for n in update.new)))
    return update


def _mapped_task(task, mapping: dict[str, str]):
    return replace(task, lead_unit=mapping.get(task.lead_unit, task.lead_unit),
                   support_units=tuple(mapping.get(n, n) for n in task.support_units))
