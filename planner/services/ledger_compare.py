"""Comparing returned 台账 rows with the plan: matching tasks, telling edits from conflicts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from planner.domain.completion import done_below_full
from planner.domain.deadlines import Deadline, parse_deadline
from planner.domain.model import Item, NewTask, ProgressEntry, Status, Task
from planner.domain.numerals import chinese_to_int
from planner.exchange.ledger_layout import META_SHEET, clean_text
from planner.exchange.xlsx_import import LedgerFile, LedgerRecord, Problem
from planner.services.change_set import (
    ChangeSet, Conflict, FieldUpdate, ImportedProgress, ImportedTask, Location)
from planner.services.plans import get_plan
from planner.storage import documents, exports, tasks, units

TASK_CODE = re.compile(r"\d{1,2}\.\d{1,3}")  # item.task (4.2); a department's 1, 2, 3 is not one
_ITEM_NUMBER = re.compile(r"[(（]?\s*第?([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）、.条]")
# The column each field is read from, to locate what the preview shows.
FIELD_COLUMNS = {"content": "content", "lead_unit": "lead", "support_units": "support", "leader": "leader",
                 "deadline": "deadline", "status": "status", "percent": "percent", "note": "note"}


@dataclass
class _Proposal:
    task: Task
    field: str
    value: object
    base_differs: bool  # the app changed the field after the file was exported
    where: Location


def compare_files(db: Database, plan_id: int, files: Sequence[LedgerFile], *, today: dt.date) -> ChangeSet:
    """Build the change set of importing ``files`` into the plan; reads the database only."""
    plan = get_plan(db, plan_id)
    context = _Context(db, plan_id, plan.uid, plan.year, today)
    for file in files:
        context.add_file(file)
    return context.change_set(tuple(file.file for file in files))


class _Context:
    def __init__(self, db: Database, plan_id: int, plan_uid: str, plan_year: int | None, today: dt.date):
        self.db, self.plan_id, self.plan_uid, self.plan_year, self.today = db, plan_id, plan_uid, plan_year, today
        plan_tasks = tasks.list_tasks(db, plan_id, include_deleted=True)
        self.by_uid = {task.uid: task for task in plan_tasks}
        self.deleted = exports.deleted_task_ids(db, plan_id)
        self.by_code = {task.code: task for task in plan_tasks if task.id not in self.deleted}
        self.latest = tasks.latest_progress(db, plan_id)
        document = documents.load_document(db, get_plan(db, plan_id).document_id)
        self.items = {item.number: item for item in document.items}
        self.unit_names = {unit.name for unit in units.list_units(db)}
        self.aliases = units.alias_names(db)
        self.proposals: dict[tuple[int, str], list[_Proposal]] = {}
        self.new_tasks: list[ImportedTask] = []
        self.progress: list[ImportedProgress] = []
        self.progress_seen: set[tuple[int, str]] = set()
        self.matched: dict[tuple[str, int], int] = {}  # (file, task id) → the row that matched it
        self.conflicts: list[Conflict] = []
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.unknown: dict[str, None] = {}

    # -- files and rows -------------------------------------------------------------------
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
                                         "无法识别导出后本程序中的修改，文件中的值按修改处理。"))
        foreign = exports.task_owners(self.db, [r.values["uid"] for r in file.records
                                                if r.values.get("uid") and r.values["uid"] not in self.by_uid])
        for record in file.records:
            if not record.failed:
                self._add_record(record, snapshot, foreign)

    def _add_record(self, record: LedgerRecord, snapshot: dict | None, foreign: dict) -> None:
        values = record.values
        uid = values.get("uid", "")
        task = self.by_uid.get(uid) if uid else None
        if uid and task is None:
            owner = foreign.get(uid)
            reason = ("该任务属于另一个实施方案，不能导入到本方案" if owner else
                      "任务标识在本方案中不存在（隐藏列被改动，或来自其他数据库）")
            self.errors.append(record.problem("uid", reason))
            return
        code = values.get("code", "")
        if task is None and TASK_CODE.fullmatch(code):
            task = self.by_code.get(code)
        self._warn_done_below_full(record, task)
        if task is None:
            self._add_new_task(record)
            return
        first_row = self.matched.setdefault((record.file, task.id), record.row)
        if first_row != record.row:
            self.errors.append(record.problem("code", f"与第 {first_row} 行是同一项任务（{task.code}），"
                                                      "同一文件中每项任务只能出现一次"))
            return
        base = snapshot.get(task.uid) if snapshot is not None else None
        self._add_edits(record, task, base)

    def _warn_done_below_full(self, record: LedgerRecord, task: Task | None) -> None:
        """已完成 with less than 100 %: the file's own figures are kept, the user is told (issue 11)."""
        values = record.values
        status = values.get("status", task.status if task else None)
        percent = values.get("percent", task.percent if task else None)
        if ("status" in values or "percent" in values) and done_below_full(status, percent):
            self.warnings.append(record.problem(
                "percent" if "percent" in values else "status",
                f"状态为“已完成”，进度却为 {percent}%：按文件原样导入，进度未改为 100%，请核实"))

    def _add_new_task(self, record: LedgerRecord) -> None:
        values = record.values
        item = item_for_label(str(values.get("item", "")), self.items)
        if item is None:
            self.errors.append(record.problem(
                "item" if "item" in record.columns else "content",
                "没有匹配到已有任务，也无法确定所属条目：请保留“任务标识”隐藏列或“序号”（如 4.2），"
                "或为新任务填写“对应条目”（如“（四）推动国家重大区域战略融合发展”）"))
            return
        if not values.get("content"):
            self.errors.append(record.problem("content", "新任务缺少任务内容"))
            return
        deadline = self._deadline(record, Deadline("", None))
        if deadline is None:
            return
        lead = self._unit(values.get("lead", ""))
        support = tuple(name for name in map(self._unit, values.get("support", ())) if name and name != lead)
        code = values.get("code", "")
        code = code if TASK_CODE.fullmatch(code) and code.split(".")[0] == str(item.number) else ""
        entry = self._entry(record)
        new = NewTask(item_id=item.id, content=values["content"], lead_unit=lead, support_units=support,
                      leader=values.get("leader", ""), deadline_phrase=deadline.phrase,
                      deadline_date=deadline.date, status=values.get("status") or Status.NOT_STARTED,
                      percent=values.get("percent") or 0, note=values.get("note", ""), code=code,
                      progress=(entry,) if entry else ())
        self.new_tasks.append(ImportedTask(new, item.number, self._where(record, "content")))

    def _add_edits(self, record: LedgerRecord, task: Task, base: dict | None) -> None:
        values = record.values
        for field, value, base_value in self._edited_fields(record, task, base):
            current = current_value(task, field)
            if field == "content" and not value:
                self.errors.append(record.problem("content", "任务内容不能改为空"))
                continue
            base_differs = base is not None and base_value != current
            where = self._where(record, FIELD_COLUMNS[field])
            if task.id in self.deleted:
                self.conflicts.append(Conflict(task.id, task.code, field, current, (value,),
                                               "该任务已在本程序中删除", (where,)))
            elif value != current:
                self.proposals.setdefault((task.id, field), []).append(
                    _Proposal(task, field, value, base_differs, where))
        text = values.get("progress", "")
        latest = self.latest.get(task.id)
        current_text = clean_text(latest.text) if latest else ""
        base_text = base["progress"] if base is not None else current_text
        if text and text != base_text and text != current_text:
            # The date column still showing the exported entry's date is not this note's date.
            base_date = base["progress_date"] if base is not None else (
                latest.date.isoformat() if latest else None)
            stale_date = values.get("progress_date") and values["progress_date"].isoformat() == base_date
            entry = self._entry(record, dated=not stale_date)
            where = self._where(record, "progress")
            if task.id in self.deleted:
                self.conflicts.append(Conflict(task.id, task.code, "progress", base_text, (text,),
                                               "该任务已在本程序中删除", (where,)))
            elif (task.id, text) not in self.progress_seen:  # two files with the same note add it once
                self.progress_seen.add((task.id, text))
                self.progress.append(ImportedProgress(task.id, task.code, entry, where))

    def _edited_fields(self, record: LedgerRecord, task: Task, base: dict | None):
        """(field, value in the file, value at export) for each field the file changed."""
        values = record.values
        was = _base_values(base) if base is not None else {f: current_value(task, f) for f in FIELD_COLUMNS}
        plain = {"content": "content", "leader": "leader", "note": "note", "status": "status",
                 "percent": "percent"}
        for field, key in plain.items():
            if key in values and values[key] != was[field]:
                yield field, values[key], was[field]
        if "lead" in values:
            lead = self._unit(values["lead"])
            if lead != was["lead_unit"]:
                yield "lead_unit", lead, was["lead_unit"]
        else:
            lead = task.lead_unit
        if "support" in values:
            support = tuple(n for n in map(self._unit, values["support"]) if n and n != lead)
            if support != tuple(n for n in was["support_units"] if n != lead):
                yield "support_units", support, was["support_units"]
        deadline = self._deadline(record, was["deadline"])
        if deadline is not None and deadline != was["deadline"]:
            yield "deadline", deadline, was["deadline"]

    def _deadline(self, record: LedgerRecord, was: Deadline) -> Deadline | None:
        """The deadline the row sets: the column changed since export wins; None after an error."""
        values = record.values
        phrase_changed = "deadline" in values and values["deadline"] != was.phrase
        date_changed = "due" in values and values["due"] != was.date
        if not phrase_changed and not date_changed:
            return was
        if phrase_changed and not date_changed:
            return parse_deadline(values["deadline"], plan_year=self.plan_year)
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

    def _entry(self, record: LedgerRecord, *, dated: bool = True) -> ProgressEntry | None:
        values = record.values
        if not values.get("progress"):
            return None
        date = (values.get("progress_date") if dated else None) or self.today
        return ProgressEntry(date=date, text=values["progress"],
                             status=values.get("status"), percent=values.get("percent"),
                             source=f"导入：{record.file}")

    def _unit(self, name: str) -> str:
        if not name or name in self.unit_names:
            return name
        if name in self.aliases:
            return self.aliases[name]
        self.unknown[name] = None
        return name

    @staticmethod
    def _where(record: LedgerRecord, key: str) -> Location:
        return Location(record.file, record.sheet, record.row, record.columns.get(key, ""))

    # -- the result -----------------------------------------------------------------------
    def change_set(self, files: tuple[str, ...]) -> ChangeSet:
        updates = []
        for (_, field), proposals in self.proposals.items():
            task = proposals[0].task
            current = current_value(task, field)
            distinct = list(dict.fromkeys(p.value for p in proposals))
            wheres = tuple(p.where for p in proposals)
            if len(distinct) > 1:
                self.conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct),
                                               "多个文件填写不一致", wheres))
            elif any(p.base_differs for p in proposals):
                self.conflicts.append(Conflict(task.id, task.code, field, current, tuple(distinct),
                                               "导出后本程序中也修改了该字段", wheres))
            else:
                updates.append(FieldUpdate(task.id, task.code, field, current, distinct[0], wheres[0]))
        used = {name for update in updates if update.field in ("lead_unit", "support_units")
                for name in _names(update.new)}
        used |= {name for new in self.new_tasks for name in (new.task.lead_unit, *new.task.support_units)}
        return ChangeSet(plan_id=self.plan_id, files=files, new_tasks=tuple(self.new_tasks),
                         updates=tuple(updates), progress=tuple(self.progress), conflicts=tuple(self.conflicts),
                         unknown_units=tuple(name for name in self.unknown if name in used),
                         errors=tuple(self.errors), warnings=tuple(self.warnings))


def current_value(task: Task, field: str) -> object:
    """A task's field in the shape the change set holds it."""
    if field == "deadline":
        return Deadline(task.deadline_phrase, task.deadline_date)
    if field in ("content", "leader", "note"):
        return clean_text(getattr(task, field))
    return getattr(task, field)


def _base_values(base: dict) -> dict[str, object]:
    due = dt.date.fromisoformat(base["due"]) if base.get("due") else None
    return {"content": base["content"], "leader": base["leader"], "note": base["note"],
            "status": Status(base["status"]), "percent": base["percent"], "lead_unit": base["lead"],
            "support_units": tuple(base["support"]), "deadline": Deadline(base["deadline"], due)}


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
