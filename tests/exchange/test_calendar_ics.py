"""The .ics writer: all-day events that a calendar program reads back, reminders, safe writing."""

import datetime as dt

import pytest
from icalendar import Calendar

from planner.errors import UserError
from planner.exchange.calendar_ics import CalendarEvent, write_calendar

EVENTS = [CalendarEvent("task-1@planner", dt.date(2026, 12, 31), "【完成时限】1.2 建立协调机制（牵头：省发展改革委）",
                        "建立协调机制\n牵头单位：省发展改革委"),
          CalendarEvent("round-1@planner", dt.date(2026, 12, 10), "【报送截止】2026年11月进展报送", "报送单位：省财政厅",
                        remind_days_before=1)]


def test_events_are_all_day_with_their_uid_summary_and_reminder(tmp_path):
    path = write_calendar(tmp_path / "方案.ics", "示范省实施方案", EVENTS)
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"DTSTART;VALUE=DATE:20261231\r\n" in raw
    calendar = Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == "示范省实施方案" and str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert [(str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"])) for e in events] == [
        ("task-1@planner", dt.date(2026, 12, 31), dt.date(2027, 1, 1), "【完成时限】1.2 建立协调机制（牵头：省发展改革委）"),
        ("round-1@planner", dt.date(2026, 12, 10), dt.date(2026, 12, 11), "【报送截止】2026年11月进展报送")]
    assert str(events[0]["DESCRIPTION"]) == "建立协调机制\n牵头单位：省发展改革委"
    assert not events[0].walk("VALARM")
    (alarm,) = events[1].walk("VALARM")
    assert alarm.decoded("TRIGGER") == -dt.timedelta(hours=15)  # 09:00 the day before


def test_a_wrong_suffix_or_missing_folder_is_refused_and_nothing_is_left(tmp_path):
    with pytest.raises(UserError, match="应以 .ics 结尾"):
        write_calendar(tmp_path / "方案.txt", "方案", EVENTS)
    with pytest.raises(UserError, match="不存在"):
        write_calendar(tmp_path / "没有" / "方案.ics", "方案", EVENTS)
    assert list(tmp_path.iterdir()) == []
