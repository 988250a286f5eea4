"""Comparing returned 台账 rows with the plan: matching tasks, telling edits from conflicts.

Which task a row is comes from ledger_identity; what the department changed is told against
the export the file came from (its 台账信息 sheet, or the stored export its content fits);
without one, a value the office changed after the last export is a conflict, never a change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from planner.domain.completion import done_below_full, older_note_message, sets_current_state
from planner.domain.deadlines import Deadline, parse_deadline
from planner.domain.frozen import frozen_instance
from planner.domain.ledger_words import EARLIEST_DATE, WordError, YearlessDate, progress_date_problem
from planner.domain.model import Item, NewTask, ProgressEntry, Status, Task
from planner.domain.numerals import chinese_to_int
from planner.domain.unit_match import suggest_unit_names
from planner.exchange.ledger_layout import META_SHEET, clean_text
from planner.exchange.xlsx_import import LedgerFile, LedgerRecord, Problem
from planner.services.change_set import (
    ChangeSet, Conflict, FieldUpdate, ImportedProgress, ImportedTask, Location, ReturnSource)
from planner.services.ledger_baseline import find_baseline
from planner.services.ledger_identity import TaskIndex, normalise_content, short_content
from planner.services.plans import get_plan
from planner.storage import documents, exports, tasks, units

TASK_CODE = re.compile(r"\d{1,2}\.\d{1,3}")  # item.task (4.2); a department's 1, 2, 3 is not one
_ITEM_NUMBER = re.compile(r"[(（]?\s*第?([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）、.条]")
# Fields a row's column of the same name sets as it is (units and deadlines are looked up first).
_PLAIN_FIELDS = ("content", "leader", "note", "status", "percent")
_ABSENT = object()
_NO_TEXTS: frozenset[str] = frozenset()  # the history of a task without progress entries
# Columns that describe the task as the office planned it. A cell of one left blank is never taken
# as "empty this field": a department seldom means that, and the field would be lost on a guess.
_PLAN_KEYS = ("content", "lead", "support", "leader", "deadline", "due")
BLANK_CELL = "文件中该单元格为空，未作修改"
_OWN_SHARE = 0.8  # of the rows naming a lead: a file whose rows are this much one unit's is that unit's
# The column each field is read from, to locate what the preview shows.
FIELD_COLUMNS = {"content": "content", "lead_unit": "lead", "support_units": "support", "leader": "leader",
                 "deadline": "deadline", "status": "status", "percent": "percent", "note": "note"}


@dataclass
class _Proposal:
    task: Task
    field: str
    value: object
    current: object  # current_value(task, field), found when the edit was told: the change set's old value
    base_differs: bool  # the app changed the field after the file was exported
    where: Location
    reason: str = "导出后本程序中也修改了该字段"


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
        plan_tasks = tasks.list_tasks(db, plan_id, include_deleted=True)
        self.by_uid = {task.uid: task for task in plan_tasks}
        self.deleted = exports.deleted_task_ids(db, plan_id)
        self.index = TaskIndex(task for task in plan_tasks if task.id not in self.deleted)
        self.deleted_contents = {normalise_content(t.content): t for t in plan_tasks if t.id in self.deleted}
        self.latest, texts = tasks.progress_history(db, plan_id)
        # Texts are compared as they come back from a workbook; nearly all are clean already.
        self.history = {task_id: {clean_text(text) for text in entries} for task_id, entries in texts.items()}
        document = documents.load_document(db, plan.document_id)
        self.items = {item.number: item for item in document.items}
        self.unit_names = {unit.name for unit in units.list_units(db)}
        self.aliases = units.alias_names(db)
        self.proposals: dict[tuple[int, str], list[_Proposal]] = {}
        self.new_tasks: list[ImportedTask] = []
        self.progress: list[ImportedProgress] = []
        self.progress_seen: set[tuple[int, str]] = set()
        self.new_seen: dict[str, Location] = {}  # normalised content of new rows → first row
        self.matched: dict[tuple[str, int], int] = {}  # (file, task id) → the row that matched it
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
        unit = self._file_unit(file)
        unit_uids = self._unit_uids(unit, snapshot)
        if file.records or not file.errors:
            self.sources.append(ReturnSource(file.file, unit, file.exported_at))
        foreign = exports.task_owners(self.db, [uid for r in file.records
                                                if (uid := r.values.get("uid")) and uid not in self.by_uid])
        self.file_unit = unit
        # A plan column left blank on every row was not filled in at all: as if it were not there.
        self.unfilled = {key for key in _PLAN_KEYS
                         if not any(not _blank(r.values.get(key)) for r in file.records if key in r.values)}
        rows = []
        for record in file.records:
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

    def _file_unit(self, file: LedgerFile) -> str:
        """The unit a file was exported for: 台账信息, the title of an older export, or the lead of
        (nearly) all its rows; "" for a whole 台账."""
        if file.unit:
            return file.unit
        prefix = f"{self.plan_name}（"
        if file.title.startswith(prefix) and file.title.endswith("）"):  # exported before 导出单位 existed
            named = file.title[len(prefix):-1]
            if named in self.unit_names:
                return named
        leads: dict[str, int] = {}
        for record in file.records:
            if record.values.get("lead"):
                lead = self._unit(str(record.values["lead"]), note=False)
                leads[lead] = leads.get(lead, 0) + 1
        if not leads or len(file.records) < 2:
            return ""
        top, count = max(leads.items(), key=lambda pair: pair[1])
        # One lead on (nearly) every row: that unit's return, though it lost its 台账信息 (a CSV
        # re-save, rows copied into a new workbook); a row or two for another unit's task are
        # then that unit's business. A whole 台账 has many leads, none near all rows.
        if len(leads) == 1 or (count >= 3 and count >= _OWN_SHARE * sum(leads.values())):
            return top
        return ""

    def _unit_uids(self, unit: str, snapshot: dict | None) -> set[str] | None:
        if not unit:
            return None
        uids = {task.uid for task in self.index.tasks if task.lead_unit == unit}
        if snapshot is not None:
            uids |= {uid for uid, fields in snapshot.items() if fields.get("lead") == unit}
        return uids

    def _baseline(self, file: LedgerFile, rows):
        """(snapshot, its export time, None) of the export the file fits, else (None, "", last exports)."""
        values = {task.uid: record.values for record, task in rows if task is not None}
        found = find_baseline(self.db, self.plan_uid, values)
        if found.snapshot is not None:
            self.warnings.append(Problem(file.file, "", 0, "", f"“{file.file}”没有台账信息，按内容判断来自 "
                                         f"{found.exported_at[:16].replace('T', ' ')} 导出的台账，以其为准比较"))
        elif found.last:
            self.warnings.append(Problem(file.file, "", 0, "", f"“{file.file}”没有台账信息，也找不到与之相符的导出记录："
                                         "文件中与本程序不同的值，凡导出后本程序中改过的，都按冲突列出"))
        return found.snapshot, found.exported_at, found.last

    # -- rows -----------------------------------------------------------------------------
    def _identify(self, record: LedgerRecord, unit: str, unit_uids: set[str] | None, foreign: dict):
        """The row's task, None for a new task, or False when the row is reported and left out."""
        values = record.values
        uid = values.get("uid", "")
        if uid:
            task = self.by_uid.get(uid)
            if task is None:
                reason = ("该任务属于另一个实施方案，不能导入到本方案" if foreign.get(uid) else
                          "任务标识在本方案中不存在（隐藏列被改动，或来自其他数据库）")
                self.errors.append(record.problem("uid", reason))
                return False
        else:
            content, code = values.get("content", ""), values.get("code", "")
            identity = self.index.identify(content, code, unit_uids=unit_uids)
            if identity.question:
                first = identity.candidates[0]
                self.conflicts.append(Conflict(first.id, "、".join(t.code for t in identity.candidates), "row",
                                               first.content, (content or code,), identity.question,
                                               (self._where(record, "content" if content else "code"),)))
                return False
            task = identity.task
            if task is None and normalise_content(content) in self.deleted_contents:
                task = self.deleted_contents[normalise_content(content)]
        if task is None:
            return None
        if unit_uids is not None and task.uid not in unit_uids and task.id not in self.deleted:
            # A unit's 台账 lists the tasks it leads; a row for another unit's task (added by hand,
            # or a cooperating unit's report) is that unit's business: the office decides.
            lead = f"由{task.lead_unit}牵头" if task.lead_unit else "尚未落实牵头单位"
            written = values.get("content") or values.get("code", "")
            reason = f"是{lead}的任务 {task.code}"
            if uid and normalise_content(values.get("content", "")) != normalise_content(task.content):
                # A row copied with its hidden id and written over: the line quotes what the file
                # says, and names the task the id points at apart (issue 13, final read).
                reason = f"隐藏的任务标识指向{lead}的任务 {task.code}（“{short_content(task.content)}”）"
            self.conflicts.append(Conflict(task.id, task.code, "row", task.content, (written,),
                                           f"{reason}，不在{unit}的台账中",
                                           (self._where(record, "content" if values.get("content") else "code"),)))
            return False
        first_row = self.matched.setdefault((record.file, task.id), record.row)
        if first_row != record.row:
            self.errors.append(record.problem("code", f"与第 {first_row} 行是同一项任务（{task.code}），"
                                                      "同一文件中每项任务只能出现一次"))
            return False
        return task

    def _warn_done_below_full(self, record: LedgerRecord, task: Task | None) -> None:
        """已完成 with less than 100 %: the file's own figures are kept, the user is told (issue 11)."""
        values = record.values
        status = values.get("status", task.status if task else None)
        percent = values.get("percent", task.percent if task else None)
        if ("status" in values or "percent" in values) and done_below_full(status, percent):
            kept = "按文件原样导入" if "percent" in values else "文件未填进度，任务仍为该进度"
            self.warnings.append(record.problem(
                "percent" if "percent" in values else "status",
                f"状态为“已完成”，进度却为 {percent}%：{kept}，进度未改为 100%，请核实"))

    def _add_row(self, record: LedgerRecord, task: Task | None, snapshot, guard, year: int) -> None:
        errors_before = len(self.errors)
        self._warn_done_below_full(record, task)
        values = self._resolved(record, year)
        row = _Row([], [], [])
        if values is not None:
            if task is None:
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

    def _resolved(self, record: LedgerRecord, year: int) -> dict | None:
        """The row's values with days written without a year placed in ``year``; None after an error."""
        values = dict(record.values)
        for key in self.unfilled:
            values.pop(key, None)
        for key in ("due", "progress_date"):
            if isinstance(values.get(key), YearlessDate):
                try:
                    values[key] = values[key].resolve(year)
                except WordError as error:
                    self.errors.append(record.problem(key, str(error)))
                    return None
        problem = progress_date_problem(values.get("progress_date"), self.today)  # L5: one rule with the dialog
        if problem:
            self.errors.append(record.problem("progress_date", problem))
            return None
        return values

    def _new_task(self, record: LedgerRecord, values: dict) -> ImportedTask | None:
        item = item_for_label(str(values.get("item", "")), self.items)
        if item is None:
            self.errors.append(record.problem(
                "item" if "item" in record.columns else "content",
                "没有匹配到已有任务，也无法确定所属条目：请保留“任务标识”隐藏列或“任务内容”，"
                "或为新任务填写“对应条目”（如“（四）推动国家重大区域战略融合发展”）"))
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
        if self.file_unit and lead and lead != self.file_unit:
            self.errors.append(record.problem("lead", f"新任务的牵头单位“{lead}”不是本文件的单位“{self.file_unit}”："
                                                      "应由牵头单位报送，或在程序中新建该任务"))
            return None
        support = tuple(name for name in map(self._unit, values.get("support", ())) if name and name != lead)
        code = values.get("code", "")
        code = code if TASK_CODE.fullmatch(code) and code.split(".")[0] == str(item.number) else ""
        label = str(values.get("item", ""))
        # The 台账 shortens long headings (…健全区际利益补偿…): a row copying it names the item too.
        shortened = label.endswith("…") and item.heading.startswith(label.rstrip("…").split("）", 1)[-1])
        if label and item.heading and item.heading not in label and not shortened:
            self.warnings.append(record.problem("item", f"“对应条目”写的是“{label}”，与条目（{item.number}）"
                                                        f"“{item.heading}”的标题不同，按条目编号归入"))
        self.new_seen[key] = self._where(record, "content")
        text = self._progress_text(values)
        entry = self._entry(record, values, text) if text else None
        note = self._note_with_extras(values, values.get("note", ""), text_used=bool(text))
        new = NewTask(item_id=item.id, content=values["content"], lead_unit=lead, support_units=support,
                      leader=values.get("leader", ""), deadline_phrase=deadline.phrase,
                      deadline_date=deadline.date, status=values.get("status") or Status.NOT_STARTED,
                      percent=values.get("percent") or 0, note=note, code=code,
                      progress=(entry,) if entry else ())
        return ImportedTask(new, item.number, self._where(record, "content"))

    def _edits(self, record: LedgerRecord, values: dict, task: Task, base: dict | None, guard: dict | None,
               row: _Row) -> None:
        latest = self.latest.get(task.id)
        current_text = clean_text(latest.text) if latest else ""
        base_text = base["progress"] if base is not None else current_text
        text = self._progress_text(values)
        history = self.history.get(task.id, _NO_TEXTS)
        fresh = bool(text) and text != base_text and text != current_text and text not in history
        if "extra" in values:  # carried by the progress note when the row has one (new, or kept before)
            values["note"] = self._note_with_extras(values, values.get("note", current_value(task, "note")),
                                                    text_used=bool(text))
        where_from = base if base is not None else guard
        for field, value, base_value in self._edited_fields(record, values, task, base):
            current = current_value(task, field)
            if field == "content" and not value:
                self.errors.append(record.problem("content", "任务内容不能改为空"))
                continue
            if _blank(value) and field == "note":
                continue  # a fill-in column left blank, like 状态 and 进度: nothing to change
            where = self._where(record, FIELD_COLUMNS[field])
            if _blank(value) and task.id not in self.deleted:
                row.conflicts.append(Conflict(task.id, task.code, field, current, (value,), BLANK_CELL, (where,)))
            elif task.id in self.deleted:
                row.conflicts.append(Conflict(task.id, task.code, field, current, (value,),
                                              "该任务已在本程序中删除", (where,)))

            elif value != current:
                if base is not None:
                    row.proposals.append(_Proposal(task, field, value, current, base_value != current, where))
                else:
                    changed = where_from is not None and _base_values(where_from)[field] != current
                    row.proposals.append(_Proposal(task, field, value, current, changed, where,
                                                   "文件没有导出信息，而最近一次导出后本程序中修改了该字段"))
        if not fresh:
            return
        # The date column still showing the exported entry's date is not this note's date.
        base_date = base["progress_date"] if base is not None else (latest.date.isoformat() if latest else None)
        stale_date = values.get("progress_date") and values["progress_date"].isoformat() == base_date
        entry = self._entry(record, values, text, dated=not stale_date)
        if latest is not None and not sets_current_state(entry.date, latest.date):  # history only (M11)
            kept = [p for p in row.proposals if p.field not in ("status", "percent")]
            if len(kept) < len(row.proposals):
                row.proposals[:] = kept
                self.warnings.append(record.problem("progress_date", older_note_message(entry.date, latest.date)))
        where = self._where(record, "progress")
        if task.id in self.deleted:
            row.conflicts.append(Conflict(task.id, task.code, "progress", base_text, (text,),
                                          "该任务已在本程序中删除", (where,)))
        elif (task.id, text) not in self.progress_seen:  # two files with the same note add it once
            row.progress.append(frozen_instance(ImportedProgress, {"task_id": task.id, "code": task.code,
                                                                    "entry": entry, "where": where}))

    @staticmethod
    def _progress_text(values: dict) -> str:
        """The progress note with the row's extra columns kept beside it."""
        text = values.get("progress", "")
        if text and values.get("extra"):
            text += "（" + "；".join(f"{header}：{value}" for header, value in values["extra"]) + "）"
        return text

    @staticmethod
    def _note_with_extras(values: dict, note: str, *, text_used: bool) -> str:
        """备注 with the extra columns' text added when no new progress note carries it."""
        if text_used or not values.get("extra"):
            return note
        parts = [note] if note else []
        parts += [piece for piece in (f"{h}：{v}" for h, v in values["extra"]) if piece not in note]
        return "；".join(parts)

    def _edited_fields(self, record: LedgerRecord, values: dict, task: Task,
                       base: dict | None) -> list[tuple[str, object, object]]:
        """(field, value in the file, value at export) for each field the file changed."""
        was = _base_values(base) if base is not None else {f: current_value(task, f) for f in FIELD_COLUMNS}
        edited = []
        for field in _PLAIN_FIELDS:
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
        """The deadline the row sets: the column changed since export wins; None after an error."""
        phrase_changed = "deadline" in values and values["deadline"] != was.phrase
        date_changed = "due" in values and values["due"] != was.date
        if phrase_changed and not values["deadline"] and "due" in values:
            phrase_changed = False  # 完成时限 left blank beside a 截止日期: the date says it
        if not phrase_changed and not date_changed:
            return was
        if phrase_changed and not date_changed:
            parsed = parse_deadline(values["deadline"], plan_year=self.plan_year)
            if parsed.problem:  # 2月30日: a located error, not a phrase stored without its date
                self.errors.append(record.problem("deadline", parsed.problem))
                return None
            if parsed.date is not None and parsed.date < EARLIEST_DATE:
                self.errors.append(record.problem("deadline", f"完成时限“{values['deadline']}”早于 2000 年，请核对"))
                return None
            return parsed
        due = values["due"]
        if not phrase_changed:
            return Deadline(f"{due.year}年{due.month}月{due.day}日前", due)
        meant = parse_deadline(values["deadline"], plan_year=self.plan_year).date
        if meant is not None and meant != due:
            self.errors.append(record.problem(
                "due", f"完成时限“{values['deadline']}”与截止日期 {due.isoformat()} 不一致，两列都被修改；"
                       "请只改其中一列，或使两者一致"))
            return None
        return Deadline(values["deadline"], due)

    def _entry(self, record: LedgerRecord, values: dict, text: str, *, dated: bool = True) -> ProgressEntry:
        date = (values.get("progress_date") if dated else None) or self.today
        return frozen_instance(ProgressEntry, {"date": date, "text": text, "status": values.get("status"),
                                               "percent": values.get("percent"), "source": f"导入：{record.file}",
                                               "id": None})

    def _unit(self, name: str, *, note: bool = True) -> str:
        if not name or name in self.unit_names:
            return name
        if name in self.aliases:
            return self.aliases[name]
        if note:
            self.unknown[name] = None
        return name

    @staticmethod
    def _where(record: LedgerRecord, key: str) -> Location:
        # Two a row (its change and its note): built as checked values (domain.frozen).
        return frozen_instance(Location, {"file": record.file, "sheet": record.sheet, "row": record.row,
                                          "column": record.columns.get(key, "")})

    # -- the result -----------------------------------------------------------------------
    def change_set(self, files: tuple[str, ...]) -> ChangeSet:
        updates = []
        for (_, field), proposals in self.proposals.items():
            task, current = proposals[0].task, proposals[0].current
            if len(proposals) == 1:  # the usual field: one file's one row, no values to tell apart
                distinct, wheres, differs = [proposals[0].value], (proposals[0].where,), proposals[0].base_differs
            else:
                distinct = list(dict.fromkeys(p.value for p in proposals))
                wheres = tuple(p.where for p in proposals)
                differs = any(p.base_differs for p in proposals)
            if len(distinct) > 1:
                self.conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct),
                                               "多个文件填写不一致", wheres))
            elif differs:
                reason = next(p.reason for p in proposals if p.base_differs)
                self.conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct), reason, wheres))
            else:
                updates.append(frozen_instance(FieldUpdate, {"task_id": task.id, "code": task.code, "field": field,
                                                             "old": current, "new": distinct[0], "where": wheres[0]}))
        updates += _implied_support(updates, {task.id: task for task in self.index.tasks})
        used = {name for update in updates if update.field in ("lead_unit", "support_units")
                for name in _names(update.new)}
        used |= {name for new in self.new_tasks for name in (new.task.lead_unit, *new.task.support_units)}
        unknown = tuple(name for name in self.unknown if name in used)
        suggestions = {name: suggest_unit_names(name, sorted(self.unit_names), self.aliases) for name in unknown}
        return ChangeSet(plan_id=self.plan_id, files=files, new_tasks=tuple(self.new_tasks),
                         updates=tuple(updates), progress=tuple(self.progress), conflicts=tuple(self.conflicts),
                         unknown_units=unknown, errors=tuple(self.errors), warnings=tuple(self.warnings),
                         unit_suggestions=suggestions, rows_ok=self.rows_ok, sources=tuple(self.sources))


def _implied_support(updates: list[FieldUpdate], live: dict[int, Task]) -> list[FieldUpdate]:
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


def current_value(task: Task, field: str) -> object:
    """A task's field in the shape the change set holds it."""
    if field == "deadline":
        return Deadline(task.deadline_phrase, task.deadline_date)
    if field in ("content", "leader", "note"):
        return clean_text(getattr(task, field))
    return getattr(task, field)


_STATUSES = {status.value: status for status in Status}  # a dict look-up: Status(text) is slow per row


def _base_values(base: dict) -> dict[str, object]:
    return {"content": base["content"], "leader": base["leader"], "note": base["note"],
            "status": _STATUSES[base["status"]], "percent": base["percent"], "lead_unit": base["lead"],
            "support_units": tuple(base["support"]), "deadline": _deadline_at_export(base["deadline"], base.get("due"))}


@functools.lru_cache(maxsize=4096)
def _deadline_at_export(phrase: str, due: str | None) -> Deadline:
    """A snapshot's 完成时限 (Deadline is frozen, and a plan's deadlines repeat: each pair is built once)."""
    return Deadline(phrase, dt.date.fromisoformat(due) if due else None)


def _blank(value: object) -> bool:
    """A cell left empty: no text, no units, no deadline."""
    if isinstance(value, Deadline):
        return not value.phrase and value.date is None
    return value is None or value == "" or value == ()


def _names(value: object) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def item_for_label(label: str, items: dict[int, Item]) -> Item | None:
    """The item an 对应条目 cell names: （四）…, 4, 第四条, or the item's heading."""
    text = unicodedata.normalize("NFKC", label).strip()
    if not text:
        return None
    match = _ITEM_NUMBER.match(text + ")") if text.isdigit() or chinese_to_int(text) else _ITEM_NUMBER.match(text)
    if match:
        raw = match[1]
        number = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if number in items:
            return items[number]
    for item in items.values():
        if item.heading and (item.heading in text or text in item.heading) and len(text) >= 4:
            return item
    return None


def _cell(where: Location) -> str:
    """“file”第 N 行 X 列: the earlier row a located error refers to (its own line names the sheet)."""
    return f"“{where.file}”第 {where.row} 行 {where.column} 列"
