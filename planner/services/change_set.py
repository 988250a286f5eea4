"""What importing returned 台账 would change: new tasks, changed fields, progress, conflicts, errors."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planner.domain.deadlines import Deadline
from planner.domain.model import NewTask, ProgressEntry, Status
from planner.domain.numerals import int_to_chinese
from planner.exchange.ledger_layout import META_SHEET
from planner.exchange.xlsx_import import Problem

FIELD_LABELS = {"content": "任务内容", "lead_unit": "牵头单位", "support_units": "配合单位",
                "leader": "分管领导", "deadline": "完成时限", "status": "状态", "percent": "进度",
                "note": "备注", "progress": "最新进展", "row": "对应任务"}
# A person reads at most this many errors; the rest are counted (issue 13).
MAX_LISTED_ERRORS = 200
# Conflicts the user may settle by taking the file's value (one value, an existing field).
ACCEPTABLE_FIELDS = frozenset(FIELD_LABELS) - {"row", "progress"}


@dataclass(frozen=True)
class Location:
    """Where in which file a value came from."""

    file: str
    sheet: str
    row: int
    column: str

    def text(self) -> str:
        """“回执.xlsx”，工作表“任务台账”，第 6 行 E 列: file, sheet, row and column, as Problem.line
        names a cell (DESIGN "Files": every cell named by sheet, row and column); a CSV has no sheet."""
        sheet = f"，工作表“{self.sheet}”，" if self.sheet else ""
        return f"“{self.file}”{sheet}第 {self.row} 行" + (f" {self.column} 列" if self.column else "")


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

    @property
    def acceptable(self) -> bool:
        """The user may take the file's value instead: one value for a field of a live task."""
        return (self.field in ACCEPTABLE_FIELDS and len(self.proposed) == 1
                and self.reason != "该任务已在本程序中删除")

    def as_json(self) -> dict:
        """One entry of ``import-xlsx --json``'s ``conflict_details``: the task (序号), the field's
        key and 台账 label, the app's value and the file's (as the preview shows them, "" for a
        whole row), the reason, each cell it comes from, and the line a person reads."""
        return {"task": self.code, "field": self.field, "label": FIELD_LABELS[self.field],
                "current": "" if self.field == "row" else show(self.current),
                "proposed": [show(value) for value in self.proposed], "reason": self.reason,
                "where": [{"file": w.file, "sheet": w.sheet, "row": w.row, "column": w.column} for w in self.where],
                "message": self.line()}

    def line(self) -> str:
        if self.field == "row":
            return (f"待确认：{self.where[0].text()}的行（“{show(self.proposed[0])[:30]}”）{self.reason}，"
                    "该行未导入")
        values = "、".join(f"“{show(value)}”" for value in self.proposed)
        return (f"冲突：任务 {self.code} 的{FIELD_LABELS[self.field]}（{self.reason}）：本程序中为"
                f"“{show(self.current)}”，文件中为 {values}（{'；'.join(w.text() for w in self.where)}）")


@dataclass(frozen=True)
class ReturnSource:
    """A file the change set was read from: its name, the unit it was exported for, when ("" if unknown)."""

    file: str
    unit: str = ""
    exported_at: str = ""


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
    # Unknown unit → directory units it probably means, best first (domain.unit_match).
    unit_suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows_ok: int = 0  # rows read and compared without an error (they can be imported)
    sources: tuple[ReturnSource, ...] = ()  # the files received (recorded when applied, even unchanged)

    @property
    def is_empty(self) -> bool:
        return not (self.new_tasks or self.updates or self.progress)

    @property
    def whole_file_errors(self) -> tuple[Problem, ...]:
        """Errors about a file as a whole (not a workbook, from another plan): no row of it can be
        imported, so --skip-bad-rows cannot skip them."""
        return tuple(problem for problem in self.errors if not problem.row or problem.sheet == META_SHEET)

    @property
    def bad_rows(self) -> int:
        """Rows left out for an error (each counted once, however many cells failed)."""
        return len({(problem.file, problem.row) for problem in self.errors if problem.row})

    def as_json(self) -> dict:
        """The shape `import-xlsx --json` prints: the six original keys, then added ones."""
        return {"new": len(self.new_tasks), "changed": len(self.updates), "progress": len(self.progress),
                "conflicts": len(self.conflicts), "unknown_units": list(self.unknown_units),
                "errors": [problem.as_json() for problem in self.errors],
                "unit_suggestions": {name: list(names) for name, names in self.unit_suggestions.items()},
                "rows_ok": self.rows_ok, "bad_rows": self.bad_rows,
                "conflict_details": [conflict.as_json() for conflict in self.conflicts],
                "warnings": [problem.as_json() for problem in self.warnings]}

    def summary(self) -> str:
        return (f"新增任务 {len(self.new_tasks)} 项，修改字段 {len(self.updates)} 处，"
                f"新增进展 {len(self.progress)} 条，冲突 {len(self.conflicts)} 处，错误 {len(self.errors)} 处")

    def rows_line(self) -> str:
        """How many rows can be imported and how many are left out for an error."""
        return f"可导入 {self.rows_ok} 行，{self.bad_rows} 行有错误"

    def error_lines(self) -> list[str]:
        """The errors for a person: the first MAX_LISTED_ERRORS, then how many more there are."""
        lines = [problem.line() for problem in self.errors[:MAX_LISTED_ERRORS]]
        if len(self.errors) > MAX_LISTED_ERRORS:
            lines.append(f"……另有 {len(self.errors) - MAX_LISTED_ERRORS} 处错误未列出")
        return lines

    def without_errors(self) -> ChangeSet:
        """The same change set with its errors set aside: the rows they concern are already left out."""
        return replace(self, errors=())

    def accepting(self, chosen: list[Conflict]) -> ChangeSet:
        """The change set with the chosen conflicts settled for the file's value (acceptable ones only)."""
        taken = [c for c in chosen if c.acceptable]
        return replace(self, conflicts=tuple(c for c in self.conflicts if c not in taken),
                       updates=self.updates + tuple(FieldUpdate(c.task_id, c.code, c.field, c.current,
                                                                c.proposed[0], c.where[0]) for c in taken))

    def lines(self) -> list[str]:
        """The change set for a person to read, one line per change."""
        lines = [self.summary()]
        if self.bad_rows:
            lines.append(self.rows_line() + "（有错误的行不导入）")
        lines += [f"新增任务：（{int_to_chinese(task.item_number)}）{task.task.content[:40]}（{task.where.text()}）"
                  for task in self.new_tasks]
        lines += [f"修改：任务 {u.code} 的{FIELD_LABELS[u.field]}：“{show(u.old)}” → “{show(u.new)}”"
                  for u in self.updates]
        lines += [f"进展：任务 {p.code}，{p.entry.date.isoformat()}：{p.entry.text[:60]}" for p in self.progress]
        lines += [conflict.line() for conflict in self.conflicts]
        for name in self.unknown_units:
            offered = self.unit_suggestions.get(name, ())
            lines.append(f"单位目录中没有的单位：{name}" + (f"（可能是：{'、'.join(offered)}）" if offered else ""))
        return lines


def show(value: object) -> str:
    """A field value as the preview shows it."""
    if isinstance(value, Status):  # most changes of a return; str() of a StrEnum is its value, in C
        return str(value)
    if isinstance(value, Deadline):
        return value.phrase + (f"（{value.date.isoformat()}）" if value.date and value.date.isoformat()
                               != value.phrase else "")
    if isinstance(value, (tuple, list)):
        return "、".join(map(str, value))
    return "" if value is None else str(value)
