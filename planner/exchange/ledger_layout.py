"""The Excel 台账 layout shared by export and import: sheets, columns, header synonyms, cleaning."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from planner.domain.lights import Light
from planner.domain.model import Task

SHEET = "任务台账"
UNITS_SHEET = "单位列表"
META_SHEET = "台账信息"
FORMAT_VERSION = "1"
META_KEYS = {"plan_uid": "方案标识", "exported_at": "导出时间", "version": "格式版本", "title": "方案名称",
             "unit": "导出单位"}  # 导出单位: the lead unit a per-unit file is for ("" for the whole 台账)
# The title, a one-line 填报说明, then the header: the reader finds the header by its words.
TITLE_ROW, GUIDE_ROW, HEADER_ROW = 1, 2, 3
HEADER_SEARCH_ROWS = 10
# openpyxl refuses these control characters (they are not allowed in XML 1.0).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Column:
    """One column of the 台账: its key in code, header as exported, width and other names.

    ``width`` is in Excel's unit, the width of "0" in the workbook's default font (Calibri 11:
    7 px); a Chinese character of the 10 pt body text takes about two. ``prompt`` marks the
    columns a department fills in: Excel and WPS show it as the cell's input message.
    """

    key: str
    header: str
    width: float
    synonyms: tuple[str, ...] = ()
    prompt: str = ""


# Widths: the visible columns add up to 140.5, so an A4 landscape page fit to width prints the
# 10 pt body at 9 pt or more (tests/exchange/test_xlsx_print.py measures the rendered page).
COLUMNS = (
    Column("code", "序号", 5, ("编号", "任务编号", "任务序号")),
    Column("item", "对应条目", 8.5, ("条目", "所属条目", "意见条目", "对应意见条目", "对应任务")),
    Column("content", "任务内容", 25, ("重点任务", "工作任务", "主要任务", "具体任务", "工作内容", "任务")),
    Column("lead", "牵头单位", 9.5, ("牵头责任单位", "主责单位", "牵头部门", "主办单位")),
    Column("support", "配合单位", 11, ("协同责任单位", "参与单位", "配合部门", "协办单位")),
    Column("leader", "分管领导", 8, ("牵头负责领导", "责任领导", "负责领导", "分管省领导")),
    Column("deadline", "完成时限", 9.5, ("时限要求", "完成时间", "时限", "完成期限")),
    Column("due", "截止日期", 11, ("截止时间", "到期日期", "截止日")),
    Column("status", "状态", 7, ("完成状态", "任务状态", "进展状态", "推进状态"),
           "从下拉列表选择：未启动、推进中、已完成、已滞后、已暂停。"),
    Column("percent", "进度(%)", 6, ("进度", "完成进度", "完成比例", "完成率", "进度%"),
           "填 0 到 100 的整数，如 60；已完成填 100。"),
    Column("progress", "最新进展", 22, ("进展情况", "工作进展", "落实情况", "推进情况", "完成情况", "进展"),
           "本期工作进展、存在问题和下步打算。可整格改写，旧内容不必保留。"),
    Column("progress_date", "进展日期", 11, ("填报日期", "更新日期", "进展时间"),
           "本期进展的日期，如 2026-11-28。"),
    Column("note", "备注", 7, ("说明",), "需要说明的其他情况。"),
    Column("uid", "任务标识", 10, ("uid",)),
)
FILL_IN = tuple(column for column in COLUMNS if column.prompt)
GUIDE = ("填报说明：请只填绿色表头各列（" + "、".join(column.header.removesuffix("(%)") for column in FILL_IN)
         + "），其他列和隐藏列请勿改动，新增任务写在表末空行；红底为已逾期，黄底为临期。")
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# 责任单位 next to a 牵头单位 column lists the cooperating units; alone, lead first then the others.
RESPONSIBLE = "责任单位"


def normalise_header(text: object) -> str:
    """A header cell as compared with the synonyms: NFKC, no spaces, no required-field stars."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(text.split()).strip("*＊").lower()


HEADER_KEYS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.synonyms):
        HEADER_KEYS[normalise_header(_name)] = _column.key


def clean_text(value: str) -> str:
    """Text as it survives a round trip through a workbook: no illegal characters, \\n lines, trimmed."""
    if value.isprintable():  # nearly every cell: no line breaks or control characters to clean
        return value.strip()
    return _ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


@dataclass(frozen=True)
class LedgerRow:
    """What the exporter writes for one task: the task, its item's label, its latest progress,
    and its light on the export day (overdue and due-soon rows are tinted as in the window)."""

    task: Task
    item_label: str
    latest_text: str = ""
    latest_date: dt.date | None = None
    light: Light = Light.NONE


def exported_values(row: LedgerRow) -> dict[str, object]:
    """The field values exactly as a re-read of the exported row yields them (for conflict checks)."""
    task = row.task
    return {
        "content": clean_text(task.content), "lead": clean_text(task.lead_unit),
        "support": [clean_text(name) for name in task.support_units if clean_text(name)],
        "leader": clean_text(task.leader), "deadline": clean_text(task.deadline_phrase),
        "due": task.deadline_date.isoformat() if task.deadline_date else None,
        "status": task.status.value, "percent": task.percent, "progress": clean_text(row.latest_text),
        "progress_date": row.latest_date.isoformat() if row.latest_date else None,
        "note": clean_text(task.note),
    }
