"""An iCalendar (.ics) file of dated events, as Outlook and the WPS calendar import it; no database here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.errors import UserError
from planner.exchange.atomic_file import write_atomically

PRODUCT_ID = "-//policy-planner//报送轮次与完成时限//ZH"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: ``uid`` stays the same across exports, so a re-import updates it instead of adding it twice."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""
    remind_days_before: int | None = None  # a reminder that many days before, at 9:00 (none when None)


def write_calendar(path: Path | str, name: str, events: Sequence[CalendarEvent], *,
                   stamp: dt.datetime | None = None) -> Path:
    """Write the events as one VCALENDAR (RFC 5545) through a temporary file; returns the path.

    Events are all-day (``DTSTART;VALUE=DATE`` with the next day as ``DTEND``), which both Outlook
    and WPS show on the day itself whatever the time zone.

    Raises:
        UserError: the name does not end in .ics, or the file cannot be written (folder, lock, disk).
    """
    from icalendar import Alarm, Calendar, Event  # loaded when a calendar is written, not at start-up

    path = Path(path)
    if path.suffix.lower() != ".ics":
        raise UserError(f"日历文件名“{path.name}”应以 .ics 结尾。")
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)  # the calendar's name in Outlook's and WPS's list
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if item.remind_days_before is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            # 09:00 on the day before, counted from the all-day event's midnight start.
            alarm.add("trigger", dt.timedelta(days=-item.remind_days_before, hours=9))
            event.add_component(alarm)
        calendar.add_component(event)
    data = calendar.to_ical()

    def write(temporary: str) -> None:
        Path(temporary).write_bytes(data)

    write_atomically(path, write, locked_message=f"文件“{path.name}”正被其他程序打开，请关闭后重试。")
    return path
