"""What importing returned 台账 would change: new tasks, changed fields, progress, conflicts, errors."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.deadlines import Deadline
from planner.domain.model import NewTask, ProgressEntry, Status
from planner.domain.numerals import int_to_chinese
from planner.exchange.xlsx_import import Problem

FIELD_LABELS = {"content": "任务内容", "lead_unit": "牵头单位", "support_units": "配合单位",
                "leader": "分管领导", "deadline": "完成时限", "status": "状态", "percent": "进度",
                "note": "备注", "progress": "最新进展"}


@dataclass(frozen=True)
class Location:
    """Where in which file a value came from."""

    file: str
    sheet: str
    row: int
    column: str

    def text(self) -> str:
        return f"“{self.file}”第 {self.row} 行 {self.column} 列"


@dataclass(frozen=True)
class FieldUpdate:
    """One field of one existing task, old → new."""

    task_id: int
    code: str
    field: str
    old: object
    new: object
    where: Location


@dataclass(frozen=True)
class ImportedProgress:
    """A progress note from a file, added to the task's history."""

    task_id: int
    code: str
    entry: ProgressEntry
    where: Location


@dataclass(frozen=True)
class ImportedTask:
    """A row that matched no task and names its item: it becomes a new task."""

    task: NewTask
    item_number: int
    where: Location


@dataclass(frozen=True)
class Conflict:
    """A field that cannot be taken from the file as it is; the app's value is kept."""

    task_id: int
    code: str
    field: str
    current: object
    proposed: tuple[object, ...]
    reason: str
    where: tuple[Location, ...]

    def line(self) -> str:
        values = "、".join(f"“{show(value)}”" for value in self.proposed)
        return (f"冲突：任务 {self.code} 的{FIELD_LABELS[self.field]}（{self.reason}）：本程序中为"
                f"“{show(self.current)}”，文件中为 {values}（{'；'.join(w.text() for w in self.where)}）")


@dataclass(frozen=True)
class ChangeSet:
    """Everything an import would do, and everything that stops it; applied only without errors."""

    plan_id: int
    files: tuple[str, ...]
    new_tasks: tuple[ImportedTask, ...] = ()
    updates: tuple[FieldUpdate, ...] = ()
    progress: tuple[ImportedProgress, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unknown_units: tuple[str, ...] = ()
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.new_tasks or self.updates or self.progress)

    def as_json(self) -> dict:
        """The shape `import-xlsx --json` prints."""
        return {"new": len(self.new_tasks), "changed": len(self.updates), "progress": len(self.progress),
                "conflicts": len(self.conflicts), "unknown_units": list(self.unknown_units),
                "errors": [problem.as_json() for problem in self.errors]}

    def summary(self) -> str:
        return (f"新增任务 {len(self.new_tasks)} 项，修改字段 {len(self.updates)} 处，"
                f"新增进展 {len(self.progress)} 条，冲突 {len(self.conflicts)} 处，错误 {len(self.errors)} 处")

    def lines(self) -> list[str]:
        """The change set for a person to read, one line per change."""
        lines = [self.summary()]
        lines += [f"新增任务：（{int_to_chinese(task.item_number)}）{task.task.content[:40]}（{task.where.text()}）"
                  for task in self.new_tasks]
        lines += [f"修改：任务 {u.code} 的{FIELD_LABELS[u.field]}：“{show(u.old)}” → “{show(u.new)}”"
                  for u in self.updates]
        lines += [f"进展：任务 {p.code}，{p.entry.date.isoformat()}：{p.entry.text[:60]}" for p in self.progress]
        lines += [conflict.line() for conflict in self.conflicts]
        if self.unknown_units:
            lines.append(f"单位目录中没有的单位：{'、'.join(self.unknown_units)}")
        return lines


def show(value: object) -> str:
    """A field value as the preview shows it."""
    if isinstance(value, Deadline):
        return value.phrase + (f"（{value.date.isoformat()}）" if value.date and value.date.isoformat()
                               != value.phrase else "")
    if isinstance(value, tuple | list):
        return "、".join(map(str, value))
    if isinstance(value, Status):
        return value.value
    return "" if value is None else str(value)
