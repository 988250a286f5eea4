"""The 进展情况报告 as a Word document: figures as of a date, overdue tasks, progress item by item."""

from __future__ import annotations

from pathlib import Path

from planner.domain.model import Document, Status
from planner.domain.progress_report import ProgressSummary, TaskAsOf
from planner.exchange import docx_styles as look
from planner.exchange.docx_export import deadline_text, item_heading
from planner.exchange.docx_writer import Column, OfficialDocx, ProgressCallback, chinese_date, report_progress

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
                  progress: ProgressCallback | None = None) -> int:
    """Write the report to ``path`` (through a temporary file); return the number of tasks reported.

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written (e.g. open in Word).
    """
    total = summary.total + 1
    out = OfficialDocx(template)
    out.paragraph(report_title(plan_title), look.TITLE)
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
            out.paragraph(f"{index}.{row.task.content.strip()}", look.HEADING_3)
            out.paragraph(_task_state(row), look.BODY)
            out.paragraph(_latest_text(row, summary), look.BODY)
            done += 1
            report_progress(progress, done, total)
    out.save(path)
    report_progress(progress, total, total)
    return summary.total


def _unit_table(out: OfficialDocx, summary: ProgressSummary) -> None:
    """Per lead unit: 任务数, 已完成, 推进中, 未启动, 其他 (已滞后 and 已暂停), 逾期; then the totals."""
    narrow = (out.text_width_mm() - 14 - 40) / 6
    table = out.table([Column("序号", 14, "center"), Column("牵头单位", 40),
                       *(Column(header, narrow, "center") for header in UNIT_COLUMNS)])
    for number, counts in enumerate(summary.by_unit, start=1):
        table.row([str(number), counts.unit, *map(str, _unit_figures(counts.total, counts.by_status, counts.overdue))])
    table.row(["", "合计", *map(str, _unit_figures(summary.total, summary.by_status, len(summary.overdue)))])
    out.paragraph("注：“其他”为状态是已滞后或已暂停的任务；“逾期”为超过完成时限仍未完成的任务。", look.BODY)


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
        out.paragraph(f"{number}.{task.content.strip()}（牵头单位：{task.lead_unit or '未明确'}；"
                      f"完成时限：{deadline_text(task)}；当前状态：{row.status.value}；已逾期{days}天）", look.BODY)


def _task_state(row: TaskAsOf) -> str:
    task = row.task
    parts = [f"牵头单位：{task.lead_unit or '未明确'}"]
    if task.support_units:
        parts.append(f"配合单位：{'、'.join(task.support_units)}")
    if deadline_text(task):
        parts.append(f"完成时限：{deadline_text(task)}")
    parts.append(f"状态：{row.status.value}" + ("（已逾期）" if row.overdue else ""))
    return "；".join(parts) + "。"


def _latest_text(row: TaskAsOf, summary: ProgressSummary) -> str:
    entry = row.latest
    if entry is None:
        return f"最新进展：截至{chinese_date(summary.as_of)}暂无进展报送。"
    percent = f"，完成{entry.percent}%" if entry.percent is not None else ""
    return f"最新进展（{chinese_date(entry.date)}{percent}）：{entry.text.strip()}"
