"""The 进展情况报告 as a Word document: figures as of a date, overdue tasks, progress item by item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.domain.chinese_dates import chinese_date, with_chinese_dates
from planner.domain.model import Document, Status
from planner.domain.outside_text import one_line, paragraphs, sentence
from planner.domain.progress_report import ProgressSummary, TaskAsOf
from planner.domain.text_width import text_em
from planner.exchange import docx_styles as look
from planner.exchange.docx_export import deadline_text, item_heading, task_sentence
from planner.exchange.docx_writer import Column, OfficialDocx, ProgressCallback, report_progress

STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DELAYED, Status.PAUSED)
UNIT_COLUMNS = ("任务数", "已完成", "推进中", "未启动", "其他", "逾期")


def report_title(plan_title: str) -> str:
    return f"{plan_title}进展情况报告"


def summary_sentence(summary: ProgressSummary) -> str:
    """截至…，共…项。其中，已完成…项…；逾期未完成…项。"""
    shown = [status for status in STATUS_ORDER
             if summary.by_status[status] or status not in (Status.DELAYED, Status.PAUSED)]
    counts = "，".join(f"{status.value}{summary.by_status[status]}项" for status in shown)
    return (f"截至{chinese_date(summary.as_of)}，实施方案共分解重点任务{summary.total}项。"
            f"其中，{counts}；已超过完成时限仍未完成的{len(summary.overdue)}项。")


def export_report(path: Path, *, template: Path, plan_title: str, document: Document, summary: ProgressSummary,
                  progress: ProgressCallback | None = None, issuer: str = "", date: dt.date | None = None,
                  now: dt.datetime | None = None) -> int:
    """Write the report to ``path`` (through a temporary file); return the number of tasks reported.

    Args:
        issuer: 发文机关署名 at the end (GB/T 9704 7.3.5); empty: none.
        date: 成文日期 under it; None: none.
        now: the file's creation time (default: now, UTC).

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written (read-only,
            open in Word, a name too long for the folder).
    """
    total = summary.total + 1
    out = OfficialDocx(template)
    out.title(report_title(one_line(plan_title).strip()))
    out.paragraph(summary_sentence(summary), look.BODY)
    out.paragraph("一、总体进展", look.HEADING_1)
    out.paragraph("各牵头单位任务进展情况如下表。", look.BODY)
    _unit_table(out, summary)
    out.paragraph("二、逾期未完成任务", look.HEADING_1)
    _overdue(out, summary)
    out.paragraph("三、各项任务进展", look.HEADING_1)
    done = 0
    by_item: dict[int, list[TaskAsOf]] = {}
    for row in summary.tasks:
        by_item.setdefault(row.task.item_id, []).append(row)
    for item in document.items:
        rows = by_item.get(item.id)
        if not rows:
            continue
        out.paragraph(item_heading(item), look.HEADING_2)
        for index, row in enumerate(rows, start=1):
            out.paragraph(f"{index}.{task_sentence(row.task).removesuffix('。')}", look.HEADING_3)
            out.paragraph(_task_state(row), look.BODY)
            for text in _latest_texts(row, summary):
                out.paragraph(text, look.BODY)
            done += 1
            report_progress(progress, done, total)
    out.signature(issuer, date)
    out.describe(title=report_title(plan_title), author=issuer, now=now or dt.datetime.now(dt.UTC))
    out.save(path)
    report_progress(progress, total, total)
    return summary.total


def _unit_table(out: OfficialDocx, summary: ProgressSummary) -> None:
    """Per lead unit: 任务数, 已完成, 推进中, 未启动, 其他 (已滞后 and 已暂停), 逾期; then the totals."""
    width = out.text_width_mm()
    number = _column_mm("序号")
    narrow = max(_column_mm(header) for header in UNIT_COLUMNS)
    # 牵头单位 takes the rest, at least its longest name: a unit name is never split.
    lead = max(width - number - 6 * narrow, max((_column_mm(c.unit) for c in summary.by_unit), default=0))
    narrow = (width - number - lead) / 6
    table = out.table([Column("序号", number, "center"), Column("牵头单位", lead),
                       *(Column(header, narrow, "center") for header in UNIT_COLUMNS)])
    for number, counts in enumerate(summary.by_unit, start=1):
        table.row([str(number), counts.unit, *map(str, _unit_figures(counts.total, counts.by_status, counts.overdue))])
    table.row(["", "合计", *map(str, _unit_figures(summary.total, summary.by_status, len(summary.overdue)))])
    out.paragraph("注：“其他”为状态是已滞后或已暂停的任务；“逾期”为超过完成时限仍未完成的任务。", look.BODY)


def _column_mm(text: str) -> float:
    """A column that holds ``text`` on one line at the table's size (小四), with half a character of slack."""
    return (text_em(one_line(text)) + 0.5) * look.SIZE_SMALL_4 * 25.4 / 72 + 2 * look.CELL_MARGIN_MM


def _unit_figures(total: int, by_status, overdue: int) -> list[int]:
    return [total, by_status[Status.DONE], by_status[Status.IN_PROGRESS], by_status[Status.NOT_STARTED],
            by_status[Status.DELAYED] + by_status[Status.PAUSED], overdue]


def _overdue(out: OfficialDocx, summary: ProgressSummary) -> None:
    if not summary.overdue:
        out.paragraph(f"截至{chinese_date(summary.as_of)}，没有超过完成时限仍未完成的任务。", look.BODY)
        return
    for number, row in enumerate(summary.overdue, start=1):
        task = row.task
        days = (summary.as_of - task.deadline_date).days
        out.paragraph(f"{number}.{task_sentence(task)}（牵头单位：{one_line(task.lead_unit).strip() or '未明确'}；"
                      f"完成时限：{deadline_text(task)}；当前状态：{row.status.value}；已逾期{days}天）", look.BODY)


def _task_state(row: TaskAsOf) -> str:
    task = row.task
    parts = [f"牵头单位：{one_line(task.lead_unit).strip() or '未明确'}"]
    if task.support_units:
        parts.append(f"配合单位：{'、'.join(one_line(unit).strip() for unit in task.support_units)}")
    if deadline_text(task):
        parts.append(f"完成时限：{deadline_text(task)}")
    parts.append(f"状态：{row.status.value}" + ("（已逾期）" if row.overdue else ""))
    return "；".join(parts) + "。"


def _latest_texts(row: TaskAsOf, summary: ProgressSummary) -> list[str]:
    """最新进展（date，完成n%）：text — the note's own paragraphs after the first follow as paragraphs."""
    entry = row.latest
    if entry is None:
        return [f"最新进展：截至{chinese_date(summary.as_of)}暂无进展报送。"]
    percent = f"，完成{entry.percent}%" if entry.percent is not None else ""
    texts = [sentence(with_chinese_dates(text)) for text in paragraphs(entry.text)] or ["（未填写）"]
    return [f"最新进展（{chinese_date(entry.date)}{percent}）：{texts[0]}", *texts[1:]]
