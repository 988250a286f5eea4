"""Adding progress notes through the service: a note older than the newest one is history only (trial M11)."""

import datetime as dt

import pytest

from planner.domain.model import ProgressEntry, Status
from planner.errors import UserError
from planner.services import demo, progress, task_edits, tasks

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def noted_task(workspace_db, demo_data):
    """The demo plan and one of its tasks that has progress notes, with its newest note."""
    plan_id = demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    task = next(t for t in tasks.list_tasks(workspace_db, plan_id)
                if progress.history(workspace_db, t.id) and t.status is Status.IN_PROGRESS)
    return workspace_db, task, progress.history(workspace_db, task.id)[0]


def test_a_back_dated_note_is_recorded_but_the_task_keeps_its_status_and_percent(noted_task):
    db, task, newest = noted_task
    older = ProgressEntry(date=dt.date(2025, 1, 5), text="补录：2025年初已启动调研",
                          status=Status.NOT_STARTED, percent=5)
    added = progress.add_progress(db, task.id, older)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent) == (task.status, task.percent)
    assert added.older_than == newest.date
    history = progress.history(db, task.id)
    assert history[0] == newest  # still the newest, as 最新进展 shows it
    assert [(e.date, e.text, e.status, e.percent) for e in history if e.id == added.entry_id] == [
        (dt.date(2025, 1, 5), "补录：2025年初已启动调研", Status.NOT_STARTED, 5)]
    progress.undo_progress(db, added)
    assert progress.history(db, task.id)[0] == newest and len(progress.history(db, task.id)) == len(history) - 1
    assert task_edits.get_task(db, task.id) == after


@pytest.mark.parametrize("days_after_newest", [0, 1])
def test_a_note_of_the_newest_day_or_later_sets_the_status_and_percent(noted_task, days_after_newest):
    db, task, newest = noted_task
    entry = ProgressEntry(date=newest.date + dt.timedelta(days=days_after_newest), text="已暂停，等待批复",
                          status=Status.PAUSED, percent=40)
    added = progress.add_progress(db, task.id, entry)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent) == (Status.PAUSED, 40)
    assert added.older_than is None


@pytest.mark.parametrize(("day", "message"), [
    (dt.date(2026, 12, 1), "进展日期 2026-12-01 晚于今天（2026-11-30），请核对。"),  # trial L5
    (dt.date(1999, 12, 31), "进展日期 1999-12-31 早于 2000 年，请核对。"),
])
def test_a_note_dated_after_today_or_before_2000_is_refused(noted_task, day, message):
    db, task, _newest = noted_task
    before = list(db.conn.iterdump())
    with pytest.raises(UserError) as raised:
        progress.add_progress(db, task.id, ProgressEntry(date=day, text="日期写错的进展"), today=TODAY)
    assert str(raised.value) == message
    assert list(db.conn.iterdump()) == before
