"""Where a plan stood on a date: statuses from the history, latest entries, overdue tasks, counts by unit."""

import datetime as dt

from planner.domain.model import ProgressEntry, Status, Task
from planner.domain.progress_report import NO_LEAD_UNIT, status_as_of, summarize

D = dt.date


def task(task_id, *, status=Status.NOT_STARTED, lead="省财政厅", deadline=None) -> Task:
    return Task(id=task_id, uid=f"u{task_id}", plan_id=1, item_id=1, code=f"1.{task_id}", content=f"任务{task_id}",
                lead_unit=lead, deadline_date=deadline, status=status)


def entry(day, status=None, text="进展", percent=None) -> ProgressEntry:
    return ProgressEntry(date=day, text=text, status=status, percent=percent)


def test_the_status_on_a_date_comes_from_the_newest_entry_by_then_that_set_one():
    history = [entry(D(2026, 3, 1), Status.IN_PROGRESS), entry(D(2026, 5, 1)), entry(D(2026, 9, 1), Status.DONE)]
    done = task(1, status=Status.DONE)
    assert status_as_of(done, history, D(2026, 9, 1)) is Status.DONE
    assert status_as_of(done, history, D(2026, 8, 31)) is Status.IN_PROGRESS
    assert status_as_of(done, history, D(2026, 2, 28)) is Status.NOT_STARTED  # changed only later
    assert status_as_of(task(2, status=Status.PAUSED), [entry(D(2026, 1, 1))], D(2025, 1, 1)) is Status.PAUSED


def test_summary_counts_overdue_and_latest_progress_as_of_the_date():
    tasks = [
        task(1, status=Status.DONE, deadline=D(2026, 6, 30)),
        task(2, status=Status.IN_PROGRESS, deadline=D(2026, 6, 30), lead="省发展改革委"),
        task(3, deadline=D(2026, 12, 31), lead=""),
        task(4, status=Status.PAUSED, deadline=D(2026, 1, 1), lead="省发展改革委"),
        task(5, status=Status.DELAYED, lead="省发展改革委"),
    ]
    history = {1: [entry(D(2026, 6, 1), Status.IN_PROGRESS, "开工"), entry(D(2026, 8, 1), Status.DONE, "完成")],
               2: [entry(D(2026, 7, 15), Status.IN_PROGRESS, "推进中", 40)]}
    summary = summarize(tasks, history, D(2026, 7, 31))
    assert summary.total == 5
    assert [row.status for row in summary.tasks] == [Status.IN_PROGRESS, Status.IN_PROGRESS, Status.NOT_STARTED,
                                                    Status.PAUSED, Status.DELAYED]
    assert summary.by_status[Status.IN_PROGRESS] == 2 and summary.by_status[Status.DONE] == 0
    assert [row.task.id for row in summary.overdue] == [1, 2]  # task 1 was done only in August; paused is not red
    assert summary.tasks[0].latest.text == "开工" and summary.tasks[1].latest.percent == 40
    assert summary.tasks[2].latest is None
    assert [(u.unit, u.total, u.overdue) for u in summary.by_unit] == [
        ("省发展改革委", 3, 1), ("省财政厅", 1, 1), (NO_LEAD_UNIT, 1, 0)]
    assert summary.by_unit[0].by_status[Status.PAUSED] == 1
    later = summarize(tasks, history, D(2026, 8, 1))
    assert later.tasks[0].status is Status.DONE and [row.task.id for row in later.overdue] == [2]


def test_a_lead_unit_with_a_stray_control_character_is_counted_with_its_unit():
    import datetime as dt

    from planner.domain.model import Task
    from planner.domain.progress_report import summarize

    tasks = [Task(id=n, uid=f"u{n}", plan_id=1, item_id=1, code=str(n), content="任务", lead_unit=unit)
             for n, unit in enumerate(["省财政厅", "省财政厅\x1a", " 省财政厅\n"])]
    summary = summarize(tasks, {}, dt.date(2026, 11, 30))
    assert [(counts.unit, counts.total) for counts in summary.by_unit] == [("省财政厅", 3)]


def test_a_task_created_after_the_date_is_not_counted_unless_it_had_progress_by_then():
    from planner.domain.progress_report import existed_on

    tasks = [task(1), task(2), task(3), task(4)]
    created = {1: D(2026, 6, 30), 2: D(2026, 7, 1), 3: D(2026, 11, 1), 4: D(2026, 11, 1)}
    history = {4: [entry(D(2026, 6, 15), Status.IN_PROGRESS, "台账中早有进展")]}
    summary = summarize(tasks, history, D(2026, 6, 30), created=created)
    assert [row.task.id for row in summary.tasks] == [1, 4]  # 2 and 3 did not exist on 30 June
    assert summary.total == 2 and summary.by_status[Status.NOT_STARTED] == 1
    assert summarize(tasks, history, D(2026, 7, 1), created=created).total == 3
    assert existed_on(None, [], D(2000, 1, 1))  # unknown creation: counted


def test_due_due_soon_and_overdue_days_at_their_boundaries():
    as_of = D(2026, 11, 30)
    tasks = [task(1, deadline=D(2026, 11, 29)), task(2, deadline=as_of), task(3, deadline=D(2026, 12, 30)),
             task(4, deadline=D(2026, 12, 31)), task(5, status=Status.DONE, deadline=D(2026, 11, 1)),
             task(6, status=Status.DONE, deadline=D(2026, 12, 5)), task(7, deadline=D(2026, 10, 1))]
    summary = summarize(tasks, {}, as_of)
    assert [row.task.id for row in summary.due] == [1, 2, 5, 7]  # deadline on or before the date
    # From the date itself (2: due today, not yet overdue) to 30 days after; not done.
    assert [row.task.id for row in summary.due_soon] == [2, 3]
    assert [(row.task.id, row.days_overdue) for row in summary.overdue_by_days] == [(7, 60), (1, 1)]
    figures = summary.figures()
    assert (figures.total, figures.done, figures.due, figures.due_done, figures.overdue) == (7, 2, 4, 1, 2)


def test_completion_rates_are_printed_with_one_decimal_unless_whole():
    from planner.domain.progress_report import completion_rate, rate_text

    assert rate_text(completion_rate(1, 3)) == "33.3%"
    assert rate_text(completion_rate(14, 98)) == "14.3%"
    assert rate_text(completion_rate(2, 2)) == "100%" and rate_text(completion_rate(0, 5)) == "0%"
    assert rate_text(completion_rate(0, 0)) == "—"


def test_the_change_since_the_previous_report_names_each_figure_and_the_previous_date():
    from planner.domain.progress_report import ReportFigures, change_sentence

    def figures(day, total, done, delayed, overdue):
        by_status = {status: 0 for status in Status} | {Status.DONE: done, Status.DELAYED: delayed}
        return ReportFigures(as_of=day, total=total, by_status=by_status, overdue=overdue, due=0, due_done=0)

    now = figures(D(2026, 11, 30), 98, 14, 8, 11)
    assert change_sentence(now, None) == "此前未报送过本方案的进展情况报告，本次为首次报告。"
    assert change_sentence(now, figures(D(2026, 10, 31), 98, 10, 9, 11)) == (
        "与上次报告（截至2026年10月31日）相比，任务总数持平（98项），已完成增加4项（10项→14项），"
        "已滞后减少1项（9项→8项），逾期未完成持平（11项）。")
    assert ReportFigures.from_json(now.as_of, now.to_json()) == now
