"""The 情况通报 as Word: overall figures, lead units ranked by 完成率 and overdue count, the overdue list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from planner.domain.chinese_dates import chinese_date
from planner.domain.model import Status
from planner.domain.outside_text import one_line
from planner.domain.progress_report import ProgressSummary, rate_text
from planner.domain.reminders import RankedUnit
from planner.exchange import docx_styles as look
from planner.exchange.docx_report import TABLE_FONT_SIZE, ReportTexts, due_sentence, summary_sentence
from planner.exchange.docx_report_parts import close, column_mm, overdue_line
from planner.exchange.docx_writer import Column, OfficialDocx

ADDRESSEE = "各有关单位"
RANKING_COLUMNS = ("任务数", "已完成", "已滞后", "逾期", "完成率")
REQUIREMENTS = ("请各牵头单位对照分工，加快推进尚未完成的重点任务。逾期未完成任务的牵头单位要认真分析原因，"
                "明确整改措施和完成时限，在下次报送进展情况时一并说明。")


def bulletin_title(plan_title: str) -> str:
    return f"关于{one_line(plan_title).strip()}推进情况的通报"


def export_bulletin(path: Path, *, template: Path, plan_title: str, summary: ProgressSummary,
                    ranking: Sequence[RankedUnit], issuer: str = "", date: dt.date | None = None,
                    texts: ReportTexts = ReportTexts(), now: dt.datetime | None = None) -> int:
    """Write the bulletin to ``path`` (through a temporary file); return the number of units ranked.

    Args:
        ranking: the lead units in rank order (reminders.ranking).
        issuer: the 署名; empty: none.
        date: 成文日期 under the 署名; None: none.
        texts: 联系人/电话 for the 附注 (the other fields are not used).

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written.
    """
    out = OfficialDocx(template, table_font_size=TABLE_FONT_SIZE)
    title = bulletin_title(plan_title)
    out.title(title)
    out.addressee(ADDRESSEE)
    out.paragraph(f"为加快推进重点任务落实，现将截至{chinese_date(summary.as_of)}各牵头单位任务推进情况通报如下：",
                  look.BODY)
    out.paragraph("一、总体情况", look.HEADING_1)
    out.paragraph(summary_sentence(summary), look.BODY)
    out.paragraph(due_sentence(summary), look.BODY)
    out.paragraph("二、各牵头单位完成情况", look.HEADING_1)
    if ranking:
        out.paragraph("各牵头单位按完成率从高到低排列，完成率相同的，逾期未完成任务少的在前，情况见表1。", look.BODY)
        out.caption(f"表1　各牵头单位重点任务完成情况（截至{chinese_date(summary.as_of)}）")
        rows = [[str(ranked.rank), ranked.counts.unit, str(ranked.counts.total), str(ranked.counts.done),
                 str(ranked.counts.by_status[Status.DELAYED]), str(ranked.counts.overdue), rate_text(ranked.counts.rate)]
                for ranked in ranking]
        narrow = [Column(header, column_mm([header, *(row[i + 2] for row in rows)], TABLE_FONT_SIZE), "center")
                  for i, header in enumerate(RANKING_COLUMNS)]
        rank = Column("排名", column_mm(["排名", *(row[0] for row in rows)], TABLE_FONT_SIZE), "center")
        lead = Column("牵头单位", out.text_width_mm() - rank.width_mm - sum(c.width_mm for c in narrow))
        columns = [rank, lead, *narrow]
        table = out.table(columns)
        for row in rows:
            table.row(row)
    else:
        out.paragraph("实施方案尚未分解重点任务。", look.BODY)
    out.paragraph("三、逾期未完成任务", look.HEADING_1)
    overdue = summary.overdue_by_days
    if not overdue:
        out.paragraph(f"截至{chinese_date(summary.as_of)}，没有超过完成时限仍未完成的任务。", look.BODY)
    for number, row in enumerate(overdue, start=1):
        out.paragraph(overdue_line(number, row), look.BODY)
    out.paragraph("四、有关要求", look.HEADING_1)
    out.paragraph(REQUIREMENTS, look.BODY)
    close(out, issuer=issuer, date=date, contact_name=texts.contact_name, contact_phone=texts.contact_phone)
    out.describe(title=title, author=issuer, now=now or dt.datetime.now(dt.UTC))
    out.save(path)
    return len(ranking)

