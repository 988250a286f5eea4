"""What the returned files propose for each field, settled: one update, or a conflict the office decides.

A field several rows (of several files) set to different values is a conflict; so is a field
the office changed after the file's export (or, for a file without its export time, after the
last export): the app's value is kept until the office takes the file's.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.frozen import frozen_instance
from planner.domain.model import Task
from planner.services.change_set import Conflict, FieldUpdate, Location

OFFICE_CHANGED = "导出后本程序中也修改了该字段"
OFFICE_CHANGED_SINCE_LAST = "文件没有导出信息，而最近一次导出后本程序中修改了该字段"


@dataclass
class Proposal:
    """One row's value for one field of a task."""

    task: Task
    field: str
    value: object
    current: object  # current_value(task, field), found when the edit was told: the change set's old value
    base_differs: bool  # the app changed the field after the file was exported
    where: Location
    reason: str = OFFICE_CHANGED


def settle(proposals: dict[tuple[int, str], list[Proposal]],
           live: dict[int, Task]) -> tuple[list[FieldUpdate], list[Conflict]]:
    """(updates, conflicts) of the proposals by (task id, field), in their order; ``live`` (the
    plan's live tasks by id) gives the cooperating units a new lead leaves."""
    updates, conflicts = [], []
    for (_, field), same_field in proposals.items():
        task, current = same_field[0].task, same_field[0].current
        if len(same_field) == 1:  # the usual field: one file's one row, no values to tell apart
            distinct, wheres, differs = [same_field[0].value], (same_field[0].where,), same_field[0].base_differs
        else:
            distinct = list(dict.fromkeys(p.value for p in same_field))
            wheres = tuple(p.where for p in same_field)
            differs = any(p.base_differs for p in same_field)
        if len(distinct) > 1:
            conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct), "多个文件填写不一致", wheres))
        elif differs:
            reason = next(p.reason for p in same_field if p.base_differs)
            conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct), reason, wheres))
        else:
            updates.append(frozen_instance(FieldUpdate, {"task_id": task.id, "code": task.code, "field": field,
                                                         "old": current, "new": distinct[0], "where": wheres[0]}))
    updates = _hold_with_the_other_half(updates, conflicts)
    return updates + implied_support(updates, live), conflicts


# 状态 and 进度 say one thing together: 已完成 taken while the 80 beside it waits would leave the
# task 已完成 at its old 25 %, a state no file said (second trial of 2026-11-30).
_TOGETHER = ("status", "percent")
HELD_TOGETHER = "同一任务的状态和进度一并确认：另一项有冲突"


def _hold_with_the_other_half(updates: list[FieldUpdate], conflicts: list[Conflict]) -> list[FieldUpdate]:
    """Updates of 状态/进度 of a task whose other half is a conflict become conflicts too (appended)."""
    held = {conflict.task_id for conflict in conflicts if conflict.field in _TOGETHER}
    kept = []
    for update in updates:
        if update.field in _TOGETHER and update.task_id in held:
            conflicts.append(Conflict(update.task_id, update.code, update.field, update.old, (update.new,),
                                      HELD_TOGETHER, (update.where,)))
        else:
            kept.append(update)
    return kept


def implied_support(updates: list[FieldUpdate], live: dict[int, Task]) -> list[FieldUpdate]:
    """A new lead leaves the task's cooperating units; shown in the preview, not only done on apply."""
    explicit = {u.task_id for u in updates if u.field == "support_units"}
    extra = []
    for update in updates:
        task = live.get(update.task_id)
        if update.field != "lead_unit" or update.task_id in explicit or task is None or not update.new:
            continue
        if update.new in task.support_units:
            extra.append(FieldUpdate(task.id, task.code, "support_units", task.support_units,
                                     tuple(n for n in task.support_units if n != update.new), update.where))
    return extra
