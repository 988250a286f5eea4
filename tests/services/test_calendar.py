"""The plan's calendar: a deadline per dated open task, the open round's reply-by date."""

import datetime as dt

from icalendar import Calendar

from planner.domain.model import Status
from planner.services import calendar, demo, rounds, tasks

TODAY = dt.date(2026, 11, 20)


def test_dated_open_tasks_and_the_open_round_become_events(workspace_db, demo_data, tmp_path):
    db = workspace_db
    plan_id = demo.create_demo_plan(db, demo_data, today=TODAY)
    dated = [t for t in tasks.list_tasks(db, plan_id) if t.deadline_date and t.status is not Status.DONE]
    assert dated  # the demo has dated, open tasks
    rounds.start_round(db, plan_id, name="2026年11月进展报送", due=dt.date(2026, 12, 10), unit_names=["省财政厅"])
    result = calendar.export_ics(db, plan_id, tmp_path / "日历.ics", today=TODAY)
    assert (result.deadline_count, result.round_count) == (len(dated), 1)
    events = Calendar.from_ical(result.path.read_bytes()).walk("VEVENT")
    by_uid = {str(e["UID"]): e for e in events}
    assert {f"task-{t.uid}@planner" for t in dated} <= set(by_uid)
    task = dated[0]
    event = by_uid[f"task-{task.uid}@planner"]
    assert event.decoded("DTSTART") == task.deadline_date and task.content[:20] in str(event["SUMMARY"])
    (round_event,) = [e for e in events if str(e["SUMMARY"]).startswith("【报送截止】")]
    assert round_event.decoded("DTSTART") == dt.date(2026, 12, 10)
    assert "尚未报送：省财政厅" in str(round_event["DESCRIPTION"])
