"""The 进展情况报告 as a Word 报告: title, 主送机关, figures as of a date, units, overdue tasks, problems,
next steps, 特此报告, 署名, and the per-task 进展情况表 attached in landscape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planner.domain.chinese_dates import chinese_date, with_chinese_dates
from planner.domain.model import Document, Status
from planner.domain.outside_text import one_line, paragraphs, sentence
from planner.domain.progress_report import (DUE_SOON_DAYS, ProgressSummary, ReportFigures, TaskAsOf,
                                            change_sentence, rate_text)
from planner.exchange import docx_styles as look
from planner.exchange.docx_columns import unit_lines, wrap_phrase
from planner.exchange.docx_export import chapter_heading, deadline_text, row_height_pt, task_sentence
from planner.exchange.docx_report_parts import close, column_mm, due_soon_units, fit_columns, overdue_line, span
from planner.exchange.docx_report_parts import written_or_placeholder
from planner.exchange.docx_writer import Column, OfficialDocx, ProgressCallback, report_progress

ATTACHMENT_TITLE = "重点任务进展情况表"
# The per-unit table's columns after 牵头单位; 已滞后 has its own: leaders read it (issue 16).
UNIT_COLUMNS = ("任务数", "已完成", "推进中", "未启动", "已滞后", "已暂停", "逾期", "完成率")
UNIT_TABLE_CAPTION = "表1　各牵头单位任务进展情况"
UNIT_TABLE_NOTE = ("注：完成率为已完成任务占任务数的比例；“逾期”为超过完成时限仍未完成的任务，"
                   "与人工判定的“已滞后”可以重叠。")
PROBLEMS_PLACEHOLDER = "请在此填写存在的主要问题"
NEXT_STEPS_PLACEHOLDER = "请在此填写下一步工作安排"
NO_RECIPIENTS = "【主送机关】"
# The tables of a report are set in 五号: the per-unit table's nine columns fit the portrait type area.
TABLE_FONT_SIZE = look.SIZE_5


@dataclass(frozen=True)
class ReportTexts:
    """What the user writes for a report (export dialog, or files from the command line); empty: placeholders."""

    recipients: str = ""  # 主送机关, e.g. 省人民政府
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下一步工作安排
    contact_name: str = ""  # 联系人 (附注 under the date)
    contact_phone: str = ""


def report_title(issuer: str, document_title: str) -> str:
    """（发文机关）关于贯彻落实《…》进展情况的报告 — without a 发文机关, from 关于."""
    inner = one_line(document_title).strip().strip("《》")
    return f"{one_line(issuer).strip()}关于贯彻落实《{inner}》进展情况的报告"


def opening(plan_title: str, as_of: dt.date) -> str:
    return (f"按照{one_line(plan_title).strip()}有关工作要求，现将截至{chinese_date(as_of)}"
            "重点任务推进情况报告如下：")


def summary_sentence(summary: ProgressSummary) -> str:
    """截至…，共…项。其中，已完成…项，…，完成率…。"""
    counts = "，".join(f"{status.value}{summary.by_status[status]}项" for status in
                      (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DELAYED, Status.PAUSED))
    return (f"截至{chinese_date(summary.as_of)}，实施方案共分解重点任务{summary.total}项。"
            f"其中，{counts}，完成率{rate_text(summary.rate)}。")


def due_sentence(summary: ProgressSummary) -> str:
    """应完成 vs 已完成 by the date, and the overdue count."""
    figures = summary.figures()
    if not figures.due:
        return f"按各项任务完成时限，截至{chinese_date(summary.as_of)}尚无应完成的任务。"
    return (f"按各项任务完成时限，截至{chinese_date(summary.as_of)}应完成{figures.due}项，"
            f"实际已完成{figures.due_done}项；已超过完成时限仍未完成的{figures.overdue}项。")


def due_soon_sentence(summary: ProgressSummary) -> str:
    rows = summary.due_soon
    when = span(summary.as_of, summary.as_of + dt.timedelta(days=DUE_SOON_DAYS))
    if not rows:
        return f"今后{DUE_SOON_DAYS}天内（{when}）没有到期的未完成任务。"
    return f"今后{DUE_SOON_DAYS}天内（{when}）到期的未完成任务{len(rows)}项，涉及{due_soon_units(rows)}。"


def export_report(path: Path, *, template: Path, plan_title: str, document: Document, summary: ProgressSummary,
                  progress: ProgressCallback | None = None, issuer: str = "", date: dt.date | None = None,
                  now: dt.datetime | None = None, texts: ReportTexts = ReportTexts(),
                  previous: ReportFigures | None = None, chart_png: bytes | None = None) -> int:
    """Write the report to ``path`` (through a temporary file); return the number of tasks reported.

    Args:
        issuer: the 发文机关 before 关于 in the title, and the 署名 (GB/T 9704 7.3.5); empty: neither.
        date: 成文日期 under it; None: none.
        texts: 主送机关, 存在问题, 下一步工作安排 and 联系人/电话; empty ones print a 【】 placeholder
            (联系人/电话: nothing).
        previous: the figures of the plan's previous report, for the change since; None: the first report.
        chart_png: a picture placed after the per-unit table (the dashboard's chart), or None.
        now: the file's creation time (default: now, UTC).

    Raises:
        UserError: the template is missing or broken, ``chart_png`` is no picture, or ``path`` cannot be
            written (read-only, open in Word, a name too long for the folder).
    """
    total = summary.total + 1
    out = OfficialDocx(template, table_font_size=TABLE_FONT_SIZE)
    title = report_title(issuer, document.title)
    out.title(title)
    recipients = one_line(texts.recipients).strip()
    out.addressee(recipients or NO_RECIPIENTS)
    out.paragraph(opening(plan_title, summary.as_of), look.BODY)
    out.paragraph("一、总体进展", look.HEADING_1)
    out.paragraph(summary_sentence(summary), look.BODY)
    out.paragraph(due_sentence(summary), look.BODY)
    out.paragraph(change_sentence(summary.figures(), previous), look.BODY)
    out.paragraph(due_soon_sentence(summary), look.BODY)
    out.paragraph("二、各牵头单位进展情况", look.HEADING_1)
    if summary.by_unit:
        out.paragraph("各牵头单位重点任务进展情况见表1。", look.BODY)
        out.caption(f"{UNIT_TABLE_CAPTION}（截至{chinese_date(summary.as_of)}）")
        _unit_table(out, summary)
        out.paragraph(UNIT_TABLE_NOTE, look.BODY)
    else:
        out.paragraph("实施方案尚未分解重点任务。", look.BODY)
    if chart_png is not None:
        out.picture(chart_png, out.text_width_mm() * 0.9)
    out.paragraph("三、逾期未完成任务", look.HEADING_1)
    overdue = summary.overdue_by_days
    if not overdue:
        out.paragraph(f"截至{chinese_date(summary.as_of)}，没有超过完成时限仍未完成的任务。", look.BODY)
    else:
        out.paragraph(f"截至{chinese_date(summary.as_of)}，超过完成时限仍未完成的任务{len(overdue)}项，"
                      "按逾期天数从多到少列示如下：", look.BODY)
    for number, row in enumerate(overdue, start=1):
        out.paragraph(overdue_line(number, row), look.BODY)
    out.paragraph("四、存在问题", look.HEADING_1)
    written_or_placeholder(out, texts.problems, PROBLEMS_PLACEHOLDER)
    out.paragraph("五、下一步工作安排", look.HEADING_1)
    written_or_placeholder(out, texts.next_steps, NEXT_STEPS_PLACEHOLDER)
    # 特此报告。 and the 附件说明 stay on the page of the 署名: a signature never stands alone on a page.
    out.keep_with_next(out.paragraph("特此报告。", look.BODY))
    if summary.tasks:  # 附件说明: one blank line below the body, two characters in (GB/T 9704 7.3.4)
        out.keep_with_next(out.paragraph("", look.BODY))
        out.keep_with_next(out.paragraph(f"附件：{ATTACHMENT_TITLE}", look.BODY))
    close(out, issuer=issuer, date=date, contact_name=texts.contact_name, contact_phone=texts.contact_phone)
    if summary.tasks:
        _attachment(out, summary, document, progress, total)
    out.describe(title=title, author=issuer, now=now or dt.datetime.now(dt.UTC))
    out.save(path)
    report_progress(progress, total, total)
    return summary.total


def _unit_table(out: OfficialDocx, summary: ProgressSummary) -> None:
    """Per lead unit: 任务数 … 逾期, 完成率; then the totals. 牵头单位 takes what the figures leave."""
    rows = [[counts.unit, *_unit_figures(counts.total, counts.by_status, counts.overdue, counts.rate)]
            for counts in summary.by_unit]
    rows.append(["合计", *_unit_figures(summary.total, summary.by_status, len(summary.overdue), summary.rate)])
    columns = fit_columns(out.text_width_mm(), wide=[("牵头单位", 1)], number=False, font_size=TABLE_FONT_SIZE,
                          narrow=[(header, [row[i + 1] for row in rows]) for i, header in enumerate(UNIT_COLUMNS)])
    table = out.table(columns)
    for row in rows:
        table.row(row)


def _unit_figures(total: int, by_status, overdue: int, rate) -> list[str]:
    return [str(total), *(str(by_status[status]) for status in
                          (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DELAYED, Status.PAUSED)),
            str(overdue), rate_text(rate)]


def _attachment(out: OfficialDocx, summary: ProgressSummary, document: Document, progress, total: int) -> None:
    """附件 on a landscape page: 序号、重点任务、牵头单位、完成时限、状态、最新进展, grouped by chapter."""
    out.landscape_section()
    out.paragraph("附件", look.ATTACHMENT_LABEL)
    out.title(ATTACHMENT_TITLE, look.ATTACHMENT_TITLE)
    out.caption(f"（截至{chinese_date(summary.as_of)}）")
    by_item: dict[int, list[TaskAsOf]] = {}
    for row in summary.tasks:
        by_item.setdefault(row.task.item_id, []).append(row)
    size = TABLE_FONT_SIZE
    states = [_state_lines(row) for row in summary.tasks]
    width = out.text_width_mm()
    lead = min(column_mm(["牵头单位", *(one_line(r.task.lead_unit) for r in summary.tasks)], size),
               column_mm(["一" * 11], size))
    deadline = min(column_mm(["完成时限", *(deadline_text(r.task) for r in summary.tasks)], size),
                   column_mm(["一" * 10], size))
    number = column_mm(["序号", str(summary.total)], size)
    state = column_mm(["状态", *(line for lines in states for line in lines)], size)
    rest = width - number - lead - deadline - state
    columns = [Column("序号", number, "center"), Column("重点任务", rest * 0.5), Column("牵头单位", lead),
               Column("完成时限", deadline), Column("状态", state, "center"), Column("最新进展", rest * 0.5)]
    table = out.table(columns)
    page_height = out.text_height_mm() * 72 / 25.4 * 0.8
    seen: set[int] = set()
    done = 0
    for chapter in document.chapters:
        rows = [row for item in chapter.items for row in by_item.get(item.id, [])]
        if not rows:
            continue
        if chapter.number:
            table.group_row(chapter_heading(chapter))
        for row in rows:
            seen.add(row.task.id)
            done += 1
            _task_row(table, columns, done, row, summary, page_height)
            report_progress(progress, done, total)
    stray = [row for row in summary.tasks if row.task.id not in seen]  # an item no longer in the document
    for row in stray:
        done += 1
        _task_row(table, columns, done, row, summary, page_height)
        report_progress(progress, done, total)


def _task_row(table, columns, number: int, row: TaskAsOf, summary: ProgressSummary, page_height: float) -> None:
    cells = [str(number), task_sentence(row.task).removesuffix("。"),
             unit_lines([row.task.lead_unit], columns[2].text_width_pt, TABLE_FONT_SIZE),
             wrap_phrase(deadline_text(row.task), columns[3].text_width_pt, TABLE_FONT_SIZE),
             _state_lines(row), _latest_lines(row, summary)]
    table.row(cells, can_split=row_height_pt(cells, columns, TABLE_FONT_SIZE) > page_height)


def _state_lines(row: TaskAsOf) -> list[str]:
    return [row.status.value, f"逾期{row.days_overdue}天"] if row.overdue else [row.status.value]


def _latest_lines(row: TaskAsOf, summary: ProgressSummary) -> list[str]:
    """（2026年3月1日，完成30%）text — the note's own paragraphs as lines; 暂无进展报送 without one by the date."""
    entry = row.latest
    if entry is None:
        return ["暂无进展报送"]  # the date is in the table's caption
    percent = f"，完成{entry.percent}%" if entry.percent is not None else ""
    texts = [sentence(with_chinese_dates(text)) for text in paragraphs(entry.text)] or ["（未填写）"]
    return [f"（{chinese_date(entry.date)}{percent}）{texts[0]}", *texts[1:]]
