"""Comparing returned 台账 rows with the plan: matching tasks, telling edits from conflicts.

Which task a row is comes from ledger_identity; what the department changed is told against
the export the file came from (its 台账信息 sheet, or the stored export its content fits,
ledger_baseline); without one, a value the office changed after the last export is a conflict,
never a change. The rules live beside this module, one each: which unit's file it is
(ledger_file_unit), blank cells (ledger_blank_cells), rows that are new tasks
(ledger_new_tasks), a row's values (ledger_row_values), its progress (ledger_progress), the
fields compared (ledger_values), and settling what several rows propose (ledger_settle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.completion import older_note_message, sets_current_state
from planner.domain.deadlines import Deadline
from planner.domain.frozen import frozen_instance
from planner.domain.model import NewTask, ProgressEntry, Status, Task
from planner.domain.unit_match import suggest_unit_names
from planner.exchange.ledger_layout import META_SHEET, clean_text
from planner.exchange.xlsx_import import LedgerFile, LedgerRecord, Problem
from planner.services.change_set import (
    ChangeSet, Conflict, ImportedProgress, ImportedTask, Location, ReturnSource)
from planner.services.ledger_baseline import baseline_notice, find_baseline
from planner.services.ledger_blank_cells import (
    BLANK_CELL, blank_cell_conflict, changes_nothing, is_blank, unfilled_columns)
from planner.services.ledger_file_unit import file_unit, new_task_lead_problem, unit_task_uids
from planner.services.ledger_identity import normalise_content
from planner.services.ledger_new_tasks import (
    NO_ITEM, TASK_CODE, item_for_label, item_label_notice, new_task_code)
from planner.services.ledger_progress import done_below_full_notice, is_new_note, note_entry, progress_entry
from planner.services.ledger_copied_rows import separate_copied_rows
from planner.services.ledger_row_task import RowTasks
from planner.services.ledger_row_values import note_with_extras, progress_text, resolved_values, row_deadline
from planner.services.ledger_settle import OFFICE_CHANGED_SINCE_LAST, Proposal, settle
from planner.services.ledger_values import (
    FIELD_COLUMNS, PLAIN_FIELDS, base_values, cell_location, current_value, current_values)
from planner.services.plans import get_plan
from planner.storage import documents, exports, tasks, units

if TYPE_CHECKING:
    from sqlite_utils import Database

# Callers import these from here (excel, ledger_apply, the tests).
__all__ = ["BLANK_CELL", "FIELD_COLUMNS", "TASK_CODE", "compare_files", "current_value", "item_for_label"]

_ABSENT = object()
_NO_TEXTS: frozenset[str] = frozenset()  # the history of a task without progress entries
_DELETED = "该任务已在本程序中删除"


@dataclass
class _Row:
    """What one row would do; kept only when the row has no error (a bad row is left out whole)."""

    proposals: list
    progress: list
    conflicts: list
    new_task: ImportedTask | None = None


def compare_files(db: Database, plan_id: int, files: Sequence[LedgerFile], *, today: dt.date,
                  unit_mapping: dict[str, str] | None = None) -> ChangeSet:
    """Build the change set of importing ``files`` into the plan; reads the database only."""
    context = _Context(db, plan_id, today)
    context.aliases.update({name: target for name, target in (unit_mapping or {}).items()
                            if target in context.unit_names})
    for file in files:
        context.add_file(file)
    return context.change_set(tuple(file.file for file in files))


class _Context:
    def __init__(self, db: Database, plan_id: int, today: dt.date):
        plan = get_plan(db, plan_id)
        self.db, self.plan_id, self.plan_uid, self.plan_year, self.today = db, plan_id, plan.uid, plan.year, today
        self.plan_name = plan.name
        self.deleted = exports.deleted_task_ids(db, plan_id)
        self.rows = RowTasks(tasks.list_tasks(db, plan_id, include_deleted=True), self.deleted)
        self.latest, texts = tasks.progress_history(db, plan_id)
        # Texts are compared as they come back from a workbook; nearly all are clean already.
        self.history = {task_id: {clean_text(text) for text in entries} for task_id, entries in texts.items()}
        document = documents.load_document(db, plan.document_id)
        self.items = {item.number: item for item in document.items}
        self.unit_names = {unit.name for unit in units.list_units(db)}
        self.aliases = units.alias_names(db)
        self.proposals: dict[tuple[int, str], list[Proposal]] = {}
        self.new_tasks: list[ImportedTask] = []
        self.progress: list[ImportedProgress] = []
        self.progress_seen: set[tuple[int, str]] = set()
        self.new_seen: dict[str, Location] = {}  # normalised content of new rows → first row
        self.conflicts: list[Conflict] = []
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.unknown: dict[str, None] = {}
        self.unfilled: set[str] = set()  # of the file being compared (add_file)
        self.file_unit = ""  # the unit whose return that file is ("" for a whole 台账)
        self.rows_ok = 0
        self.sources: list[ReturnSource] = []

    # -- files ----------------------------------------------------------------------------
    def add_file(self, file: LedgerFile) -> None:
        self.errors += file.errors
        self.warnings += file.warnings
        if file.plan_uid and file.plan_uid != self.plan_uid:
            self.errors.append(Problem(file.file, META_SHEET, 1, "B",
                                       "该文件导出自另一个实施方案，不能导入到本方案；请选择本方案导出的台账。"))
            return
        snapshot = exports.load_snapshot(self.db, self.plan_uid, file.exported_at) if file.exported_at else None
        if file.exported_at and snapshot is None:
            self.warnings.append(Problem(file.file, META_SHEET, 2, "B", "找不到该文件导出时的记录，"
                                         "导出后本程序中修改过的值如与文件不同，按冲突列出。"))
        unit = file_unit(file, plan_name=self.plan_name, unit_names=self.unit_names,
                         lead_of=lambda name: self._unit(name, note=False))
        unit_uids = unit_task_uids(unit, live=self.rows.index.tasks, snapshot=snapshot)
        if file.records or not file.errors:
            self.sources.append(ReturnSource(file.file, unit, file.exported_at))
        foreign = exports.task_owners(self.db, [uid for r in file.records
                                                if (uid := r.values.get("uid")) and uid not in self.rows.by_uid])
        self.file_unit = unit
        self.unfilled = unfilled_columns(file.records)
        records, held, notices = separate_copied_rows(file.records, self.rows.by_uid)
        self.conflicts.extend(held)
        self.warnings.extend(notices)
        rows = []
        for record in records:
            if record.failed:
                continue
            task = self._identify(record, unit, unit_uids, foreign)
            if task is not False:
                rows.append((record, task))
        exported_at, guard = file.exported_at, None
        if not file.exported_at or snapshot is None:
            snapshot, exported_at, guard = self._baseline(file, rows)
        year = int(exported_at[:4]) if exported_at else (self.plan_year or self.today.year)
        guard = guard or {}
        for record, task in rows:
            self._add_row(record, task, snapshot, guard, year)

    def _baseline(self, file: LedgerFile, rows):
        """(snapshot, its export time, None) of the export the file fits, else (None, "", last exports)."""
        values = {task.uid: record.values for record, task in rows if task is not None}
        found = find_baseline(self.db, self.plan_uid, values)
        notice = baseline_notice(file.file, found, unknown_export=bool(file.exported_at))
        if notice is not None:
            self.warnings.append(notice)
        return found.snapshot, found.exported_at, found.last

    # -- rows -----------------------------------------------------------------------------
    def _identify(self, record: LedgerRecord, unit: str, unit_uids: set[str] | None, foreign: dict):
        """The row's task, None for a new task, or False when the row is reported and left out."""
        found = self.rows.task_of(record, unit=unit, unit_uids=unit_uids, foreign=foreign)
        if isinstance(found, Conflict):
            self.conflicts.append(found)
            return False
        if isinstance(found, Problem):
            self.errors.append(found)
            return False
        return found

    def _add_row(self, record: LedgerRecord, task: Task | None, snapshot, guard, year: int) -> None:
        errors_before = len(self.errors)
        notice = done_below_full_notice(record, task)
        if notice is not None:
            self.warnings.append(notice)
        values = resolved_values(record, unfilled=self.unfilled, year=year, today=self.today)
        row = _Row([], [], [])
        if isinstance(values, Problem):
            self.errors.append(values)
        elif task is None:
            row.new_task = self._new_task(record, values)
        else:
            base = snapshot.get(task.uid) if snapshot is not None else None
            self._edits(record, values, task, base, guard.get(task.uid), row)
        if len(self.errors) > errors_before:
            return  # the row is left out whole; its errors say why
        self.rows_ok += 1
        for proposal in row.proposals:
            key = (proposal.task.id, proposal.field)
            same_field = self.proposals.get(key)  # nearly always None: one file, one row per task
            if same_field is None:
                self.proposals[key] = [proposal]
            else:
                same_field.append(proposal)
        self.progress += row.progress
        self.conflicts += row.conflicts
        for imported in row.progress:
            self.progress_seen.add((imported.task_id, imported.entry.text))
        if row.new_task is not None:
            self.new_tasks.append(row.new_task)

    def _new_task(self, record: LedgerRecord, values: dict) -> ImportedTask | None:
        item = item_for_label(str(values.get("item", "")), self.items)
        if item is None:
            self.errors.append(record.problem("item" if "item" in record.columns else "content", NO_ITEM))
            return None
        if not values.get("content"):
            self.errors.append(record.problem("content", "新任务缺少任务内容"))
            return None
        key = normalise_content(values["content"])
        if key in self.new_seen:
            self.errors.append(record.problem("content", f"与{_cell(self.new_seen[key])}是同一项新任务，只能填写一次"))
            return None
        deadline = self._deadline(record, values, Deadline("", None))
        if deadline is None:
            return None
        lead = self._unit(values.get("lead", ""))
        problem = new_task_lead_problem(lead, self.file_unit)
        if problem:
            self.errors.append(record.problem("lead", problem))
            return None
        support = tuple(name for name in map(self._unit, values.get("support", ())) if name and name != lead)
        notice = item_label_notice(str(values.get("item", "")), item)
        if notice:
            self.warnings.append(record.problem("item", notice))
        self.new_seen[key] = cell_location(record, "content")
        text = progress_text(values)
        entry = progress_entry(record, values, text=text, today=self.today) if text else None
        note = note_with_extras(values, values.get("note", ""), text_used=bool(text))
        new = NewTask(item_id=item.id, content=values["content"], lead_unit=lead, support_units=support,
                      leader=values.get("leader", ""), deadline_phrase=deadline.phrase,
                      deadline_date=deadline.date, status=values.get("status") or Status.NOT_STARTED,
                      percent=values.get("percent") or 0, note=note, code=new_task_code(values.get("code", ""), item),
                      progress=(entry,) if entry else ())
        return ImportedTask(new, item.number, cell_location(record, "content"))

    def _edits(self, record: LedgerRecord, values: dict, task: Task, base: dict | None, guard: dict | None,
               row: _Row) -> None:
        latest = self.latest.get(task.id)
        current_text = clean_text(latest.text) if latest else ""
        base_text = base["progress"] if base is not None else current_text
        text = progress_text(values)
        fresh = is_new_note(text, base_text=base_text, current_text=current_text,
                            history=self.history.get(task.id, _NO_TEXTS))
        if "extra" in values:  # carried by the progress note when the row has one (new, or kept before)
            values["note"] = note_with_extras(values, values.get("note", current_value(task, "note")),
                                              text_used=bool(text))
        where_from = base if base is not None else guard
        for field, value, base_value in self._edited_fields(record, values, task, base):
            current = current_value(task, field)
            if field == "content" and not value:
                self.errors.append(record.problem("content", "任务内容不能改为空"))
                continue
            if changes_nothing(field, value):
                continue
            where = cell_location(record, FIELD_COLUMNS[field])
            if is_blank(value) and task.id not in self.deleted:
                row.conflicts.append(blank_cell_conflict(task, field, current=current, value=value, where=where))
            elif task.id in self.deleted:
                row.conflicts.append(Conflict(task.id, task.code, field, current, (value,), _DELETED, (where,)))
            elif value != current:
                if base is not None:
                    row.proposals.append(Proposal(task, field, value, current, base_value != current, where))
                else:
                    changed = where_from is not None and base_values(where_from)[field] != current
                    row.proposals.append(Proposal(task, field, value, current, changed, where,
                                                  OFFICE_CHANGED_SINCE_LAST))
        if fresh:
            self._progress(record, task, values=values, text=text, base=base, base_text=base_text,
                           latest=latest, row=row)

    def _progress(self, record: LedgerRecord, task: Task, *, values: dict, text: str, base: dict | None,
                  base_text: str, latest: ProgressEntry | None, row: _Row) -> None:
        """A new progress note of the row: added; older than the latest, it leaves 状态 and 进度 as they are (M11)."""
        entry = note_entry(record, values, text=text, base=base, latest=latest, today=self.today)
        if latest is not None and not sets_current_state(entry.date, latest.date):  # history only (M11)
            kept = [p for p in row.proposals if p.field not in ("status", "percent")]
            if len(kept) < len(row.proposals):
                row.proposals[:] = kept
                self.warnings.append(record.problem("progress_date", older_note_message(entry.date, latest.date)))
        where = cell_location(record, "progress")
        if task.id in self.deleted:
            row.conflicts.append(Conflict(task.id, task.code, "progress", base_text, (text,), _DELETED, (where,)))
        elif (task.id, text) not in self.progress_seen:  # two files with the same note add it once
            row.progress.append(frozen_instance(ImportedProgress, {"task_id": task.id, "code": task.code,
                                                                    "entry": entry, "where": where}))

    def _edited_fields(self, record: LedgerRecord, values: dict, task: Task,
                       base: dict | None) -> list[tuple[str, object, object]]:
        """(field, value in the file, value at export) for each field the file changed."""
        was = base_values(base) if base is not None else current_values(task)
        edited = []
        for field in PLAIN_FIELDS:
            value = values.get(field, _ABSENT)
            if value is not _ABSENT and value != was[field]:
                if field == "content" and normalise_content(value) == normalise_content(was[field]):
                    continue  # spaces or a final 。 are not an edit
                edited.append((field, value, was[field]))
        if "lead" in values:
            lead = self._unit(values["lead"])
            if lead != was["lead_unit"]:
                edited.append(("lead_unit", lead, was["lead_unit"]))
        else:
            lead = task.lead_unit
        if "support" in values:
            named, before = values["support"], was["support_units"]
            # The same directory names as at export, none of them the lead: no change (the usual row).
            if not (named == before and lead not in named and self.unit_names.issuperset(named)):
                support = tuple(n for n in map(self._unit, named) if n and n != lead)
                if support != tuple(n for n in before if n != lead):
                    edited.append(("support_units", support, before))
        deadline = self._deadline(record, values, was["deadline"])
        if deadline is not None and deadline != was["deadline"]:
            edited.append(("deadline", deadline, was["deadline"]))
        return edited

    def _deadline(self, record: LedgerRecord, values: dict, was: Deadline) -> Deadline | None:
        """The deadline the row sets (ledger_row_values.row_deadline); None after an error, recorded."""
        deadline = row_deadline(record, values, was=was, plan_year=self.plan_year)
        if isinstance(deadline, Problem):
            self.errors.append(deadline)
            return None
        return deadline

    def _unit(self, name: str, *, note: bool = True) -> str:
        if not name or name in self.unit_names:
            return name
        if name in self.aliases:
            return self.aliases[name]
        if note:
            self.unknown[name] = None
        return name

    # -- the result -----------------------------------------------------------------------
    def change_set(self, files: tuple[str, ...]) -> ChangeSet:
        updates, conflicts = settle(self.proposals, {task.id: task for task in self.rows.index.tasks})
        self.conflicts += conflicts
        used = {name for update in updates if update.field in ("lead_unit", "support_units")
                for name in _names(update.new)}
        used |= {name for new in self.new_tasks for name in (new.task.lead_unit, *new.task.support_units)}
        unknown = tuple(name for name in self.unknown if name in used)
        suggestions = {name: suggest_unit_names(name, sorted(self.unit_names), self.aliases) for name in unknown}
        return ChangeSet(plan_id=self.plan_id, files=files, new_tasks=tuple(self.new_tasks),
                         updates=tuple(updates), progress=tuple(self.progress), conflicts=tuple(self.conflicts),
                         unknown_units=unknown, errors=tuple(self.errors), warnings=tuple(self.warnings),
                         unit_suggestions=suggestions, rows_ok=self.rows_ok, sources=tuple(self.sources))


def _names(value: object) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _cell(where: Location) -> str:
    """“file”第 N 行 X 列: the earlier row a located error refers to (its own line names the sheet)."""
    return f"“{where.file}”第 {where.row} 行 {where.column} 列"
