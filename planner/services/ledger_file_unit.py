"""Which unit's return a 台账 is, and the rows such a file may not change.

A file exported for one unit (台账信息's 导出单位, or the title of an older export) lists the
tasks that unit leads. When a file lost both (a CSV re-save, rows copied into a new workbook),
one lead on (nearly) every row still makes it that unit's return. In a unit's file, a row for
another unit's task is that unit's business and a new task must be led by the file's unit:
the office decides (DESIGN "Files": a row changes a task only when it surely is that task).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from planner.domain.model import Task
from planner.exchange.xlsx_import import LedgerFile, LedgerRecord
from planner.services.change_set import Conflict, Location
from planner.services.ledger_identity import normalise_content, short_content

# Of the rows naming a lead: a file whose rows are this much one unit's is that unit's.
OWN_SHARE = 0.8


def file_unit(file: LedgerFile, *, plan_name: str, unit_names: set[str], lead_of: Callable[[str], str]) -> str:
    """The unit a file was exported for: 台账信息, the title of an older export, or the lead of
    (nearly) all its rows; "" for a whole 台账.

    ``lead_of`` gives the directory unit a 牵头单位 cell names (an alias resolved).
    """
    if file.unit:
        return file.unit
    prefix = f"{plan_name}（"
    if file.title.startswith(prefix) and file.title.endswith("）"):  # exported before 导出单位 existed
        named = file.title[len(prefix):-1]
        if named in unit_names:
            return named
    leads: dict[str, int] = {}
    for record in file.records:
        if record.values.get("lead"):
            lead = lead_of(str(record.values["lead"]))
            leads[lead] = leads.get(lead, 0) + 1
    if not leads or len(file.records) < 2:
        return ""
    top, count = max(leads.items(), key=lambda pair: pair[1])
    # One lead on (nearly) every row: that unit's return, though it lost its 台账信息; a row or two
    # for another unit's task are then that unit's business. A whole 台账 has many leads, none
    # near all rows.
    if len(leads) == 1 or (count >= 3 and count >= OWN_SHARE * sum(leads.values())):
        return top
    return ""


def unit_task_uids(unit: str, *, live: Iterable[Task], snapshot: dict | None) -> set[str] | None:
    """The uids of the tasks a unit's file lists: those it leads now or led at the export; None for a whole 台账."""
    if not unit:
        return None
    uids = {task.uid for task in live if task.lead_unit == unit}
    if snapshot is not None:
        uids |= {uid for uid, fields in snapshot.items() if fields.get("lead") == unit}
    return uids


def other_units_row(record: LedgerRecord, task: Task, *, unit: str, where: Location) -> Conflict:
    """The question a row of ``unit``'s file for another unit's ``task`` is (the row is not imported).

    The line quotes the row as the file has it. A row copied with its hidden 任务标识 and written
    over names another task than it shows: the task the id points at is named apart.
    """
    values = record.values
    lead = f"由{task.lead_unit}牵头" if task.lead_unit else "尚未落实牵头单位"
    reason = f"是{lead}的任务 {task.code}"
    if values.get("uid") and normalise_content(values.get("content", "")) != normalise_content(task.content):
        reason = f"隐藏的任务标识指向{lead}的任务 {task.code}（“{short_content(task.content)}”）"
    written = values.get("content") or values.get("code", "")
    return Conflict(task.id, task.code, "row", task.content, (written,), f"{reason}，不在{unit}的台账中", (where,))


def new_task_lead_problem(lead: str, unit: str) -> str:
    """Why a new row of ``unit``'s file may not add a task led by ``lead`` ("" when it may)."""
    if unit and lead and lead != unit:
        return f"新任务的牵头单位“{lead}”不是本文件的单位“{unit}”：应由牵头单位报送，或在程序中新建该任务"
    return ""
