"""The Word 进展情况报告 read back: figures as of the date, the table by lead unit, overdue tasks, progress per item."""

import datetime as dt

import docx
import pytest
from docx.oxml.ns import qn

from planner.domain.model import ProgressEntry, Status
from planner.domain.progress_report import summarize
from planner.errors import UserError
from planner.exchange.docx_report import export_report

from tests.exchange.conftest import TEMPLATE

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture
def report(tmp_path, opinion, plan_tasks):
    """(document, summary, tasks) for a report with a history on the first two tasks."""
    first, second = plan_tasks[:2]
    history = {first.id: [ProgressEntry(date=dt.date(2026, 3, 1), text="已印发学习方案", status=Status.IN_PROGRESS,
                                        percent=30),
                          ProgressEntry(date=dt.date(2026, 12, 5), text="年底后的进展", status=Status.DONE)],
               second.id: [ProgressEntry(date=dt.date(2026, 11, 30), text="已形成初稿", percent=60)]}
    summary = summarize(plan_tasks, history, AS_OF)
    path = tmp_path / "报告.docx"
    count = export_report(path, template=TEMPLATE, plan_title="示范省实施方案", document=opinion, summary=summary)
    assert count == len(plan_tasks)
    return docx.Document(str(path)), summary, plan_tasks


def test_title_and_summary_figures(report):
    document, summary, tasks = report
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "示范省实施方案进展情况报告" and document.paragraphs[0].style.name == "公文标题"
    counts = summary.by_status
    assert texts[1] == (
        f"截至2026年11月30日，实施方案共分解重点任务{len(tasks)}项。其中，已完成{counts[Status.DONE]}项，"
        f"推进中{counts[Status.IN_PROGRESS]}项，未启动{counts[Status.NOT_STARTED]}项，已滞后{counts[Status.DELAYED]}项，"
        f"已暂停{counts[Status.PAUSED]}项；已超过完成时限仍未完成的{len(summary.overdue)}项。")
    assert [p.text for p in document.paragraphs if p.style.name == "一级标题"] == [
        "一、总体进展", "二、逾期未完成任务", "三、各项任务进展"]
    assert len(document.sections) == 1


def test_the_unit_table_counts_each_lead_unit_and_totals(report):
    document, summary, tasks = report
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "牵头单位", "任务数", "已完成", "推进中", "未启动", "其他", "逾期"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    units = {task.lead_unit for task in tasks}
    assert {row[1] for row in rows[1:-1]} == units
    for row in rows[1:-1]:
        assert int(row[2]) == sum(task.lead_unit == row[1] for task in tasks)
        assert int(row[2]) == sum(map(int, row[3:7]))
    assert rows[-1][1:3] == ["合计", str(len(tasks))]
    assert [int(row[2]) for row in rows[1:-1]] == sorted((int(row[2]) for row in rows[1:-1]), reverse=True)
    assert rows[-1][7] == str(len(summary.overdue))


def test_overdue_tasks_are_listed_with_their_lead_units(report):
    document, summary, tasks = report
    texts = [p.text for p in document.paragraphs]
    start, end = texts.index("二、逾期未完成任务"), texts.index("三、各项任务进展")
    listed = texts[start + 1:end]
    assert summary.overdue and len(listed) == len(summary.overdue)
    for number, (text, row) in enumerate(zip(listed, summary.overdue, strict=True), start=1):
        days = (AS_OF - row.task.deadline_date).days
        assert text.startswith(f"{number}.{row.task.content}。（牵头单位：{row.task.lead_unit}；")
        assert text.endswith(f"；已逾期{days}天）")
    assert all(row.task.deadline_date < AS_OF and row.status not in (Status.DONE, Status.PAUSED)
               for row in summary.overdue)


def test_each_task_shows_its_latest_progress_on_or_before_the_date(report):
    document, summary, tasks = report
    texts = [p.text for p in document.paragraphs]
    part = texts[texts.index("三、各项任务进展"):]
    for task in tasks:
        assert sum(text.startswith(f"{n}.{task.content}") for text in part for n in range(1, 6)) == 1
    first, second = tasks[:2]
    at = next(i for i, text in enumerate(part) if text.endswith(first.content))
    assert part[at + 2] == "最新进展（2026年3月1日，完成30%）：已印发学习方案。"
    assert "状态：推进中" in part[at + 1]
    assert part[next(i for i, t in enumerate(part) if t.endswith(second.content)) + 2] == (
        "最新进展（2026年11月30日，完成60%）：已形成初稿。")
    third = next(i for i, t in enumerate(part) if t.endswith(tasks[2].content))
    assert part[third + 2] == "最新进展：截至2026年11月30日暂无进展报送。"
    assert "年底后的进展" not in "".join(texts)
    assert document.paragraphs[texts.index(part[at])].style.name == "三级标题"


def test_a_locked_report_target_is_a_user_error(tmp_path, opinion, plan_tasks, monkeypatch):
    import os

    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(UserError, match="正在 Word"):
        export_report(tmp_path / "r.docx", template=TEMPLATE, plan_title="方案", document=opinion,
                      summary=summarize(plan_tasks, {}, AS_OF))
