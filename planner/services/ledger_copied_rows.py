"""Rows of one returned file that carry the same hidden 任务标识: which one is the task's own.

A department that copies a row in Excel copies its hidden id too, then writes another task (or
another report) over the copy. Matching both rows by that id would apply the copy's values to
the original task. The task's own row is the one whose 序号 and 任务内容 are the task's; the
others are read as rows without an id (a new task, or the task their content names), with a
notice. When that cannot be told (no row or several rows are the task's own), every row of the
group is held back for the office to decide (待确认); the rest of the file is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from planner.domain.model import Task
from planner.exchange.xlsx_import import LedgerRecord, Problem
from planner.services.change_set import Conflict
from planner.services.ledger_identity import normalise_content
from planner.services.ledger_values import row_location


def separate_copied_rows(records: Sequence[LedgerRecord], by_uid: Mapping[str, Task]
                         ) -> tuple[list[LedgerRecord], list[Conflict], list[Problem]]:
    """The records to compare (copies without their id), the rows held back, and the notices.

    Records keep their order; only uids of this plan's tasks are looked at (another plan's uid
    is refused row by row later).
    """
    groups: dict[str, list[LedgerRecord]] = {}
    for record in records:
        uid = record.values.get("uid")
        if uid and not record.failed and uid in by_uid:
            groups.setdefault(uid, []).append(record)
    replaced: dict[int, LedgerRecord | None] = {}  # id(record) → its copy without the id, or None: held back
    conflicts: list[Conflict] = []
    notices: list[Problem] = []
    for uid, group in groups.items():
        if len(group) < 2:
            continue
        task = by_uid[uid]
        own = [record for record in group if _is_own_row(record, task)]
        if len(own) == 1:
            for record in group:
                if record is not own[0]:
                    replaced[id(record)] = replace(record, values={k: v for k, v in record.values.items() if k != "uid"})
                    notices.append(record.problem("uid", f"隐藏的任务标识与第 {own[0].row} 行（任务 {task.code}）相同，"
                                                         "该行是复制出的行，按没有任务标识的行处理"))
            continue
        rows = "、".join(str(record.row) for record in group)
        for record in group:
            replaced[id(record)] = None
            written = record.values.get("content") or record.values.get("code", "")
            conflicts.append(Conflict(task.id, task.code, "row", task.content, (written,),
                                      f"与第 {rows} 行隐藏的任务标识相同（都指向任务 {task.code}），"
                                      "无法确定哪一行是该任务", (row_location(record),)))
    kept = [replaced.get(id(record), record) for record in records]
    return [record for record in kept if record is not None], conflicts, notices


def _is_own_row(record: LedgerRecord, task: Task) -> bool:
    values = record.values
    return (str(values.get("code", "")).strip() == task.code
            and normalise_content(str(values.get("content", ""))) == normalise_content(task.content))
