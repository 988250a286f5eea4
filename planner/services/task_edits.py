"""Use cases that change one task: a field, its existence; each returns what changed (for undo)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.completion import percent_with_status, typed_percent
from planner.domain.deadlines import parse_deadline
from planner.domain.ledger_words import WordError
from planner.domain.model import NewTask, Status, Task
from planner.errors import UserError
from planner.services.plans import get_plan
from planner.services.tasks import bulk_create_tasks
from planner.storage import tasks, units

if TYPE_CHECKING:
    from sqlite_utils import Database

# The fields a person edits in the task table, by name.
FIELDS = ("content", "lead_unit", "support_units", "leader", "deadline", "status", "percent", "note")


@dataclass(frozen=True)
class FieldChange:
    """One field of one task, before and after: enough to undo and to refresh one row."""

    task_id: int
    field: str
    old: object
    new: object
    # Other fields the edit changed with it (a new lead leaves the cooperating list).
    also: tuple[FieldChange, ...] = ()
    # Units the edit added to the directory (a name the clerk chose to 新增单位): undo removes
    # them again when nothing uses them by then, redo adds them back.
    created_units: tuple[str, ...] = ()


def field_value(task: Task, field: str) -> object:
    """A task's field in the shape update_field takes."""
    if field == "deadline":
        return task.deadline_phrase
    return getattr(task, field)


def update_field(db: Database, task_id: int, field: str, value: object) -> FieldChange:
    """Set one field of a task, validated, in one transaction.

    Raises:
        UserError: the value is not valid for the field (empty content, percent out of range, a
            deadline naming a day that does not exist…).
    """
    with db.atomic():  # the write lock before the read: the old value is the one replaced
        task = _task(db, task_id)
        old = field_value(task, field)
        created = _new_unit_names(db, field, value)
        if field == "content":
            text = str(value).strip()
            if not text:
                raise UserError("任务内容不能为空。")
            tasks.update_columns(db, task_id, content=text)
        elif field in ("leader", "note"):
            tasks.update_columns(db, task_id, **{field: str(value).strip()})
        elif field == "lead_unit":
            name = str(value).strip()
            unit_id = units.add_units(db, [name])[name] if name else None
            tasks.update_columns(db, task_id, lead_unit_id=unit_id)
            _drop_lead_from_support(db, task_id, unit_id)
        elif field == "support_units":
            names = [n.strip() for n in value if n and n.strip()]
            ids = units.add_units(db, names)
            lead = units.add_units(db, [task.lead_unit])[task.lead_unit] if task.lead_unit else None
            tasks.set_support_units(db, task_id, [ids[n] for n in names if ids[n] != lead])
        elif field == "deadline":
            plan = get_plan(db, task.plan_id)
            deadline = parse_deadline(str(value), plan_year=plan.year)
            if deadline.problem:
                raise UserError(deadline.problem + "。")
            tasks.update_columns(db, task_id, deadline_phrase=deadline.phrase,
                                 deadline_date=deadline.date.isoformat() if deadline.date else None)
        elif field == "status":
            status = value if isinstance(value, Status) else Status.parse(str(value))
            if status is None:
                raise UserError(f"“{value}”不是有效的状态，可选：{'、'.join(s.value for s in Status)}。")
            # 已完成 set alone brings 进度 to 100 % (one rule with the progress dialog).
            percent = percent_with_status(status, None)
            columns = {"status": status.value} | ({"percent": percent} if percent is not None else {})
            tasks.update_columns(db, task_id, **columns)
        elif field == "percent":
            percent = _percent(value)
            tasks.update_columns(db, task_id, percent=percent)
        else:
            raise ValueError(f"unknown field {field!r}")
        after = _task(db, task_id)
    also = ()
    if field == "lead_unit" and after.support_units != task.support_units:
        also = (FieldChange(task_id, "support_units", task.support_units, after.support_units),)
    if field == "status" and after.percent != task.percent:
        also = (FieldChange(task_id, "percent", task.percent, after.percent),)
    return FieldChange(task_id, field, old, field_value(after, field), also, created)


def revert(db: Database, change: FieldChange) -> tuple[str, ...]:
    """Undo an edit, side effects included, in one transaction.

    A unit the edit added to the directory is removed again unless something names it by now
    (another task, live or deleted; an alias; a round). Returns the names of the units removed.
    """
    with db.atomic():
        update_field(db, change.task_id, change.field, change.old)
        for other in change.also:
            update_field(db, other.task_id, other.field, other.old)
        removed = []
        for name in change.created_units:
            unit_id = units.unit_id_by_name(db, name)
            if unit_id is not None and not units.referenced(db, unit_id):
                units.delete_unit(db, unit_id)
                removed.append(name)
    return tuple(removed)


def reapply(db: Database, change: FieldChange) -> None:
    """Redo an edit exactly as it first happened."""
    with db.atomic():
        update_field(db, change.task_id, change.field, change.new)
        for other in change.also:
            update_field(db, other.task_id, other.field, other.new)


def _new_unit_names(db: Database, field: str, value: object) -> tuple[str, ...]:
    """The names storing ``value`` in ``field`` adds to the units directory (neither unit nor alias yet)."""
    if field not in ("lead_unit", "support_units"):
        return ()
    names = [str(value)] if field == "lead_unit" else [str(n) for n in value if n]
    known = {unit.name for unit in units.list_units(db)} | set(units.alias_names(db))
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip() and n.strip() not in known))


def create_task(db: Database, plan_id: int, task: NewTask) -> int:
    """One new task under an item (an empty one by hand, from a passage, or a suggestion)."""
    return bulk_create_tasks(db, plan_id, [task])[0]


def delete_tasks(db: Database, task_ids: list[int]) -> None:
    """Hide tasks (soft delete): they and their progress history stay recoverable."""
    with db.atomic():
        for task_id in task_ids:
            tasks.soft_delete_task(db, task_id)


def restore_tasks(db: Database, task_ids: list[int]) -> None:
    with db.atomic():
        for task_id in task_ids:
            tasks.restore_task(db, task_id)


def get_task(db: Database, task_id: int) -> Task:
    return _task(db, task_id)


def _task(db: Database, task_id: int) -> Task:
    task = tasks.get_task(db, task_id)
    if task is None:
        raise UserError("该任务已不存在（可能已被删除）。")
    return task


def _percent(value: object) -> int:
    try:
        return typed_percent(value)  # one rule with the window's editors and the import: 85.5 is refused
    except WordError as error:
        raise UserError(f"{error}。") from None


def _drop_lead_from_support(db: Database, task_id: int, lead_id: int | None) -> None:
    task = _task(db, task_id)
    if lead_id is None or not task.support_units:
        return
    ids = units.add_units(db, list(task.support_units))
    tasks.set_support_units(db, task_id, [ids[n] for n in task.support_units if ids[n] != lead_id])


def move_task(db: Database, task_id: int, step: int) -> bool:
    """Swap a task with its neighbour in the item (step -1 up, +1 down); False at either end.

    Moving back by the opposite step undoes it.
    """
    with db.atomic():
        task = _task(db, task_id)
        siblings = tasks.list_tasks(db, task.plan_id, item_id=task.item_id)
        index = next(i for i, t in enumerate(siblings) if t.id == task_id)
        if not 0 <= index + step < len(siblings):
            return False
        other = siblings[index + step]
        # Positions are renumbered so that equal or gapped sort orders still swap cleanly.
        order = [t.id for t in siblings]
        order[index], order[index + step] = order[index + step], order[index]
        for position, sibling_id in enumerate(order):
            tasks.update_columns(db, sibling_id, sort_order=position)
    return other.id != task_id
