"""The dashboard's figures for a plan with boundary deadlines, checked by hand and against the database."""

import datetime as dt

import pytest

from planner.domain.lights import Light, task_light
from planner.domain.model import Status
from planner.errors import UserError
from planner.services import dashboard, plans, tasks, workdays
from planner.services.light_counts import light_counts
from tests.dashboard_plan import TODAY, build_plan


@pytest.fixture
def built(workspace_db):
    plan_id, ids = build_plan(workspace_db)
    return workspace_db, plan_id, ids


def by_id(ids):
    return {task_id: key for key, task_id in ids.items()}


def test_totals_rates_and_light_counts(built):
    db, plan_id, _ids = built
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
    assert figures.statuses == {Status.NOT_STARTED: 2, Status.IN_PROGRESS: 5, Status.DONE: 2, Status.DELAYED: 1,
                                Status.PAUSED: 1}
    assert figures.total == 11 and figures.done_rate == pytest.approx(2 / 11)
    assert figures.window_end == dt.date(2026, 9, 28)
    # 逾期: the delayed task and the one due on yesterday's make-up workday; paused and done ones never.
    assert figures.overdue == 2
    # 临期: due today, on the 中秋 holiday and on the window's last day (09-28); not 09-29.
    assert figures.due_soon == 3
    assert figures.undated == 1
    # Deadlines on a day off among active tasks: 中秋 09-25 and 国庆 10-01 (09-20 is a make-up workday).
    assert figures.day_off_deadlines == 2
    counts = light_counts(db, plan_id, today=TODAY)
    assert (counts.overdue, counts.due_soon) == (2, 3)


def test_light_counts_agree_with_each_tasks_light_from_the_database(built):
    db, plan_id, _ids = built
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
    window = (figures.window_end - TODAY).days
    lights = [task_light(t.status, t.deadline_date, today=TODAY, warning_days=window)
              for t in tasks.list_tasks(db, plan_id)]
    assert figures.overdue == lights.count(Light.RED)
    assert figures.due_soon == lights.count(Light.YELLOW)
    assert figures.undated == sum(t.deadline_date is None for t in tasks.list_tasks(db, plan_id))


def test_the_lists_name_the_right_tasks_in_order_with_days_and_days_off(built):
    db, plan_id, ids = built
    names = by_id(ids)
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
    assert [(names[t.task_id], t.days, t.left_text) for t in figures.overdue_tasks] == [
        ("J_delayed_overdue", 11, "已逾期 11 天"), ("E_makeup_workday", 1, "已逾期 1 天")]
    assert [(names[t.task_id], t.left_text, t.day_off) for t in figures.due_in_7] == [
        ("A_today", "今天到期", None), ("D_holiday", "还有 4 天", "中秋"), ("B_window_last", "还有 7 天", None)]
    assert [names[t.task_id] for t in figures.due_in_30] == [
        "A_today", "D_holiday", "B_window_last", "C_after_window", "K_national_day_no_unit"]
    assert figures.due_in_30[-1].day_off == "国庆节"
    assert figures.overdue_tasks[1].day_off is None  # a Sunday, but a 调休 make-up workday


def test_per_unit_bars_and_on_time_rate(built):
    db, plan_id, _ids = built
    units = {u.unit: u for u in dashboard.dashboard_figures(db, plan_id, today=TODAY).units}
    finance, ndrc, none = units["省财政厅"], units["省发展改革委"], units[dashboard.NO_UNIT]
    assert (finance.total, finance.done, finance.in_progress, finance.not_started, finance.overdue, finance.paused) \
        == (5, 0, 3, 1, 1, 0)
    # Due by today: the task due today and the overdue one; neither done.
    assert (finance.due, finance.on_time, finance.on_time_rate) == (2, 0, 0.0)
    assert (ndrc.total, ndrc.done, ndrc.in_progress, ndrc.not_started, ndrc.overdue, ndrc.paused) == (5, 2, 0, 1, 1, 1)
    # Due: done on time (reported 08-30 for 09-01), done late (09-15 for 09-10), overdue; the paused one is out.
    assert (ndrc.due, ndrc.on_time, ndrc.done_undated) == (3, 1, 0)
    assert ndrc.on_time_rate == pytest.approx(1 / 3)
    assert (none.total, none.in_progress, none.due, none.on_time_rate) == (1, 1, 0, None)
    ordered = [u.unit for u in dashboard.dashboard_figures(db, plan_id, today=TODAY).units]
    assert ordered[-1] == dashboard.NO_UNIT  # sorted by overdue: the two units with one each come first


def test_per_chapter_coverage_and_counts(built):
    db, plan_id, _ids = built
    chapters = dashboard.dashboard_figures(db, plan_id, today=TODAY).chapters
    assert len(chapters) == 10
    first, second = chapters[0], chapters[1]
    assert (first.number, first.items, first.covered, first.tasks) == (1, 3, 2, 8)
    assert first.statuses[Status.DONE] == 2 and first.statuses[Status.PAUSED] == 1
    assert (second.items, second.covered, second.tasks) == (3, 1, 3)
    assert all(c.tasks == 0 and c.covered == 0 for c in chapters[2:])


def test_a_deleted_task_leaves_every_figure(built):
    from planner.services import task_edits

    db, plan_id, ids = built
    task_edits.delete_tasks(db, [ids["J_delayed_overdue"]])
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
    assert figures.total == 10 and figures.overdue == 1 and figures.statuses[Status.DELAYED] == 0
    assert [t.task_id for t in figures.overdue_tasks] == [ids["E_makeup_workday"]]


def test_working_days_move_the_window_and_count_what_is_left(built):
    db, plan_id, ids = built
    plan = plans.get_plan(db, plan_id)
    plans.update_settings(db, plan_id, name=plan.name, office="", year=2026, warning_days=3)
    assert workdays.set_counts_workdays(db, plan_id, True) is False
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
    # Three working days after Monday 09-21 are Tue–Thu; 中秋 (Fri–Sun) follows, so the window
    # runs to Sunday 09-27 and Monday 09-28 (4 working days left) is outside it.
    assert figures.counts_workdays and figures.window_end == dt.date(2026, 9, 27)
    assert figures.due_soon == 2
    names = by_id(ids)
    assert [(names[t.task_id], t.left_text) for t in figures.due_in_7] == [
        ("A_today", "今天到期"), ("D_holiday", "还有 3 个工作日"), ("B_window_last", "还有 4 个工作日")]
    assert workdays.effective_warning_days(db, plan_id, today=TODAY) == 6
    assert (light_counts(db, plan_id, today=TODAY).due_soon) == 2


def test_timeline_groups_dated_tasks_and_lists_phrases_apart(built):
    db, plan_id, ids = built
    names = by_id(ids)
    by_chapter = dashboard.timeline(db, plan_id, today=TODAY, group_by="chapter")
    assert [g.label for g in by_chapter.groups] == ["一、总体要求", "二、建立区域战略统筹机制"]
    assert [names[t.task_id] for t in by_chapter.undated] == ["I_undated"]
    assert [names[t.task_id] for t in by_chapter.groups[1].tasks] == ["J_delayed_overdue", "K_national_day_no_unit"]
    lights = {names[t.task_id]: t.light for g in by_chapter.groups for t in g.tasks}
    assert lights["J_delayed_overdue"] is Light.RED and lights["B_window_last"] is Light.YELLOW
    assert lights["C_after_window"] is Light.GREEN and lights["H_paused"] is Light.GREY
    by_unit = dashboard.timeline(db, plan_id, today=TODAY, group_by="unit")
    assert {g.label for g in by_unit.groups} == {"省财政厅", "省发展改革委", dashboard.NO_UNIT}
    assert by_unit.groups[-1].label == dashboard.NO_UNIT
    assert (by_unit.first, by_unit.last) == (dt.date(2026, 9, 1), dt.date(2026, 10, 1))


def test_an_unknown_plan_is_a_user_error(workspace_db):
    with pytest.raises(UserError):
        dashboard.dashboard_figures(workspace_db, 999, today=TODAY)


def test_long_lists_are_cut_to_the_limit_but_counted_whole(built):
    db, plan_id, ids = built
    figures = dashboard.dashboard_figures(db, plan_id, today=TODAY, list_limit=1)
    assert [t.task_id for t in figures.overdue_tasks] == [ids["J_delayed_overdue"]]  # the most overdue
    assert [t.task_id for t in figures.due_in_30] == [ids["A_today"]]  # the soonest due
    assert (figures.overdue, figures.due_in_7_count, figures.due_in_30_count) == (2, 3, 5)
