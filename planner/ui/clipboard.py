"""Rows as tab-separated text (pastes into Excel/WPS), and rows copied from Excel as new tasks."""

from __future__ import annotations

import csv
import io
import re

from planner.domain.model import NewTask
from planner.domain.unit_names import split_units
from planner.exchange.ledger_layout import HEADER_KEYS, RESPONSIBLE, normalise_header
from planner.services.tasks import TaskRow

COPY_HEADER = ("编号", "条目", "任务内容", "牵头单位", "配合单位", "分管领导", "完成时限", "状态", "进度", "最新进展")
# The 台账 column each NewTask field comes from; 责任单位 alone counts as cooperating units here.
_FIELDS = {"content": "content", "lead": "lead_unit", "support": "support_units", "leader": "leader",
           "deadline": "deadline_phrase"}


def rows_to_tsv(rows: list[TaskRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    writer.writerow(COPY_HEADER)
    for row in rows:
        task = row.task
        writer.writerow((task.code, row.item_label, task.content, task.lead_unit, "、".join(task.support_units),
                         task.leader, task.deadline_phrase, task.status.value, f"{task.percent}%", row.latest_text))
    return out.getvalue()


def tsv_to_new_tasks(text: str, item_id: int) -> list[NewTask]:
    """Tasks from pasted cells: by header names when the first row has them, else content first.

    Without a header the columns are read as 任务内容, 牵头单位, 配合单位, 完成时限.
    """
    table = [row for row in csv.reader(io.StringIO(text.strip("\r\n")), delimiter="\t")
             if any(cell.strip() for cell in row)]
    if not table:
        return []
    columns = _header_columns(table[0])
    if columns:
        table = table[1:]
    else:
        columns = {"content": 0, "lead_unit": 1, "support_units": 2, "deadline_phrase": 3}
    tasks = []
    for row in table:
        def cell(field: str) -> str:
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        content = cell("content")
        if not content:
            continue
        tasks.append(NewTask(item_id=item_id, content=content, lead_unit=cell("lead_unit"),
                             support_units=split_units(cell("support_units")), leader=cell("leader"),
                             deadline_phrase=cell("deadline_phrase")))
    return tasks


def numbers_only(tasks: list[NewTask]) -> list[str]:
    """The contents that are only numbers (50, 85%, 1.2): cells of a 进度 or 序号 column, not tasks.

    A column of numbers pasted into the table once became tasks named “50” and “60” without a
    question (second trial of 2026-11-30): the paste is refused instead, naming them.
    """
    return [task.content for task in tasks if _NUMBER_ONLY.fullmatch(task.content)]


_NUMBER_ONLY = re.compile(r"[\d０-９.．,，%％\s]+")


def _header_columns(first_row: list[str]) -> dict[str, int]:
    """Columns by field when the first row is a header, recognised as the Excel import does."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(first_row):
        name = normalise_header(cell)
        key = "support" if name == RESPONSIBLE else HEADER_KEYS.get(name)
        if key in _FIELDS and _FIELDS[key] not in columns:
            columns[_FIELDS[key]] = index
    return columns if "content" in columns else {}
