"""Rows as tab-separated text (pastes into Excel/WPS), and rows copied from Excel as new tasks."""

from __future__ import annotations

import csv
import io

from planner.domain.model import NewTask
from planner.services.tasks import TaskRow
from planner.ui.delegates import split_units

COPY_HEADER = ("编号", "条目", "任务内容", "牵头单位", "配合单位", "分管领导", "完成时限", "状态", "进度", "最新进展")
# Header names a pasted table may use, by field.
_SYNONYMS = {
    "content": ("任务内容", "重点任务", "工作任务", "主要任务", "任务"),
    "lead_unit": ("牵头单位", "牵头责任单位", "主责单位", "牵头部门"),
    "support_units": ("配合单位", "协同责任单位", "参与单位", "配合部门", "责任单位"),
    "leader": ("分管领导", "责任领导", "牵头负责领导"),
    "deadline_phrase": ("完成时限", "时限要求", "完成时间", "时限"),
}


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


def _header_columns(first_row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(cell.strip() for cell in first_row):
        for field, names in _SYNONYMS.items():
            if name in names and field not in columns:
                columns[field] = index
    return columns if "content" in columns else {}
