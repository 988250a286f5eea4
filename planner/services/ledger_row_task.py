"""Which task each returned row is, or why the row is left out: by its uid, else by content and 序号 (ledger_identity)."""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.model import Task
from planner.exchange.xlsx_import import LedgerRecord, Problem
from planner.services.change_set import Conflict
from planner.services.ledger_file_unit import other_units_row
from planner.services.ledger_identity import TaskIndex, normalise_content
from planner.services.ledger_values import row_location


class RowTasks:
    """The plan's tasks as rows are matched to them, and the rows each file has matched so far."""

    def __init__(self, plan_tasks: Iterable[Task], deleted: set[int]):
        plan_tasks = list(plan_tasks)
        self.by_uid = {task.uid: task for task in plan_tasks}
        self.deleted = deleted
        self.index = TaskIndex(task for task in plan_tasks if task.id not in deleted)
        self.deleted_contents = {normalise_content(t.content): t for t in plan_tasks if t.id in deleted}
        self.matched: dict[tuple[str, int], int] = {}  # (file, task id) → the row that matched it

    def task_of(self, record: LedgerRecord, *, unit: str, unit_uids: set[str] | None,
                foreign: dict[str, object]) -> Task | None | Conflict | Problem:
        """The row's task; None for a new task; else the question (Conflict) or error (Problem) that leaves it out.

        Args:
            unit: the unit whose file the row is in ("" for a whole 台账; ledger_file_unit).
            unit_uids: the uids of that unit's tasks (None for a whole 台账).
            foreign: uids of other plans, as storage.exports.task_owners finds them.

        A question names the row's 任务内容 cell (its 序号 when it has no content).
        """
        values = record.values
        uid = values.get("uid", "")
        if uid:
            task = self.by_uid.get(uid)
            if task is None:
                return record.problem("uid", "该任务属于另一个实施方案，不能导入到本方案" if foreign.get(uid) else
                                      "任务标识在本方案中不存在（隐藏列被改动，或来自其他数据库）")
        else:
            content, code = values.get("content", ""), values.get("code", "")
            identity = self.index.identify(content, code, unit_uids=unit_uids)
            if identity.question:
                first = identity.candidates[0]
                return Conflict(first.id, "、".join(t.code for t in identity.candidates), "row", first.content,
                                (content or code,), identity.question, (row_location(record),))
            task = identity.task
            if task is None and normalise_content(content) in self.deleted_contents:
                task = self.deleted_contents[normalise_content(content)]
        if task is None:
            return None
        if unit_uids is not None and task.uid not in unit_uids and task.id not in self.deleted:
            # A unit's 台账 lists the tasks it leads; a row for another unit's task (added by hand,
            # or a cooperating unit's report) is that unit's business: the office decides.
            return other_units_row(record, task, unit=unit, where=row_location(record))
        first_row = self.matched.setdefault((record.file, task.id), record.row)
        if first_row != record.row:
            return record.problem("code", f"与第 {first_row} 行是同一项任务（{task.code}），同一文件中每项任务只能出现一次")
        return task
