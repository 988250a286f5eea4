"""The 催办单 read back: a 督办通知 per unit on its own page, its tasks with days overdue or left, the reply-by date."""

import datetime as dt

import docx
from docx.oxml.ns import qn

from planner.domain.model import Status, Task
from planner.domain.reminders import reminders
from planner.exchange.docx_reminder import export_reminders, reminder_body

from tests.exchange.conftest import TEMPLATE

D = dt.date
TODAY = D(2026, 11, 30)


def task(task_id, lead, deadline, status=Status.IN_PROGRESS) -> Task:
    return Task(id=task_id, uid=f"u{task_id}", plan_id=1, item_id=1, code=f"1.{task_id}", content=f"任务{task_id}",
                lead_unit=lead, deadline_date=deadline, status=status)


TASKS = [task(1, "省财政厅", D(2026, 11, 20)), task(2, "省财政厅", TODAY), task(3, "省财政厅", D(2026, 12, 3)),
         task(4, "省教育厅", D(2026, 10, 31), Status.DELAYED), task(5, "省水利厅", D(2027, 6, 30))]


def test_each_notice_starts_a_page_with_its_tasks_and_timings(tmp_path):
    found = reminders(TASKS, today=TODAY, warning_days=30, units=["省财政厅", "省教育厅", "省水利厅"])
    path = tmp_path / "催办单.docx"
    assert export_reminders(path, template=TEMPLATE, plan_title="示范省实施方案", reminders=found, today=TODAY,
                            reply_by=D(2026, 12, 7), warning_days=30, issuer="示范省发展和改革委员会") == 3
    document = docx.Document(str(path))
    titles = [p for p in document.paragraphs if p.text == "督办通知"]
    assert len(titles) == 3
    assert [p._p.pPr.find(qn("w:pageBreakBefore")) is not None for p in titles] == [False, True, True]
    finance, education = document.tables  # the 省水利厅 has no such task: no table
    assert [[cell.text for cell in row.cells] for row in finance.rows] == [
        ["序号", "重点任务", "完成时限", "状态", "逾期或到期"],
        ["1", "任务1", "2026年11月20日", "推进中", "逾期10天"],
        ["2", "任务2", "2026年11月30日", "推进中", "今日到期"],
        ["3", "任务3", "2026年12月3日", "推进中", "3天后到期"]]
    assert [cell.text for cell in education.rows[1].cells][3:] == ["已滞后", "逾期30天"]
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("省财政厅：") + 1].endswith(
        "已超过完成时限仍未完成的1项，将于30日内到期的2项（见下表）。请高度重视，加快推进，"
        "并于2026年12月7日前将办理情况和下一步工作安排书面报送示范省发展和改革委员会。")
    assert texts.count("示范省发展和改革委员会") == 3  # a 署名 under each notice


def test_a_unit_named_without_overdue_tasks_is_asked_for_its_progress_instead():
    (quiet,) = reminders(TASKS, today=TODAY, warning_days=30, units=["省水利厅"])
    assert reminder_body(quiet, plan_title="示范省实施方案", today=TODAY, reply_by=D(2026, 12, 7), warning_days=30,
                         issuer="") == ("按照示范省实施方案分工，截至2026年11月30日，贵单位牵头的重点任务中，没有逾期或30日内"
                                        "到期的任务。请于2026年12月7日前将全部牵头任务的最新进展情况书面报送我单位。")
