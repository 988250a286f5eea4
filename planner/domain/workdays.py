"""工作日: counting working days with the State Council's holidays and 调休 make-up workdays.

Pure functions over a WorkCalendar. The calendar knows a year when chinese-calendar has it
(1.11.0: 2004–2026; it raises for later years) or when the office entered that year's 节假日安排
itself (the office's entries win); any other year counts Monday–Friday as working days and is
reported in ``WorkCalendar.fallback_years`` so the UI can say so once.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# A year has at most ~120 days off; a bound keeps a bad input from looping for ever.
_MAX_SEARCH_DAYS = 4000


class DayKind(enum.StrEnum):
    """What an entry of a 节假日安排 says of a day."""

    HOLIDAY = "放假"  # a day off, even if a weekday
    WORKDAY = "上班"  # a 调休 make-up workday, even if a weekend day


@dataclass(frozen=True)
class HolidayDay:
    """One day of a published 节假日安排 (国务院办公厅关于某年部分节假日安排的通知)."""

    day: dt.date
    kind: DayKind
    name: str = ""  # 春节, 国庆节 …


@dataclass
class WorkCalendar:
    """Which days are working days, by year.

    Args:
        days: the days that differ from Monday–Friday: a day off on a weekday or a make-up
            workday on a weekend (others may be listed too), each with its kind and holiday name.
        known_years: years whose arrangement is known (a listed year without any entry is still
            known: the office may enter a year without holidays).
    """

    days: Mapping[dt.date, tuple[DayKind, str]] = field(default_factory=dict)
    known_years: frozenset[int] = frozenset()
    fallback_years: set[int] = field(default_factory=set)  # years asked about but unknown

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def is_workday(self, day: dt.date) -> bool:
        entry = self.days.get(day)
        if entry is not None:
            return entry[0] is DayKind.WORKDAY
        if day.year not in self.known_years:
            self.fallback_years.add(day.year)
        return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday a day off belongs to (春节), '周末' for a plain weekend, None on a working day."""
        if self.is_workday(day):
            return None
        entry = self.days.get(day)
        return (entry[1] or "节假日") if entry is not None else "周末"


@functools.cache
def _builtin_days() -> dict[dt.date, tuple[DayKind, str]]:
    """chinese-calendar's days off and 调休 make-up workdays with their holidays' Chinese names.

    Source: chinese_calendar.constants (from the State Council's yearly notices). Built once and
    shared read-only: the window asks for a calendar at every selection.
    """
    import chinese_calendar  # a table of ~1,300 dates: loaded when a deadline is first looked at

    names = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    days = {day: (DayKind.HOLIDAY, names.get(name, name)) for day, name in chinese_calendar.holidays.items()}
    days.update((day, (DayKind.WORKDAY, names.get(name, name))) for day, name in chinese_calendar.workdays.items())
    return days


@functools.cache
def builtin_years() -> range:
    """The years chinese-calendar knows (2004–2026 in 1.11.0)."""
    import chinese_calendar

    return range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def merged_calendar(office: Mapping[int, Iterable[HolidayDay]]) -> WorkCalendar:
    """chinese-calendar's years, with every year the office entered replacing the built-in one."""
    builtin = _builtin_days()
    known = frozenset(builtin_years()) | frozenset(office)
    if not office:
        return WorkCalendar(builtin, known)
    days = {day: entry for day, entry in builtin.items() if day.year not in office}
    days.update((entry.day, (entry.kind, entry.name)) for entries in office.values() for entry in entries)
    return WorkCalendar(days, known)


def workdays_until(calendar: WorkCalendar, today: dt.date, deadline: dt.date) -> int:
    """距截止还有 N 个工作日: working days after ``today`` up to and including ``deadline``.

    0 when the deadline is today or falls in the days off right after today; negative when
    the deadline has passed (minus the working days since, the deadline day excluded).
    """
    if deadline >= today:
        return _count(calendar, today + dt.timedelta(days=1), deadline)
    return -_count(calendar, deadline + dt.timedelta(days=1), today)


def _count(calendar: WorkCalendar, first: dt.date, last: dt.date) -> int:
    days = (last - first).days + 1
    return sum(calendar.is_workday(first + dt.timedelta(days=offset)) for offset in range(max(days, 0)))


def nth_workday_after(calendar: WorkCalendar, start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (n ≥ 1); ``start`` itself never counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day, found = start, 0
    for _ in range(_MAX_SEARCH_DAYS):
        day += dt.timedelta(days=1)
        found += calendar.is_workday(day)
        if found == n:
            return day
    raise ValueError(f"no {n} working days within {_MAX_SEARCH_DAYS} days after {start}")


# A 催办单's reply-by date when the user gives none (issue 16): five working days on.
DEFAULT_REPLY_DAYS = 5


def default_reply_by(calendar: WorkCalendar, today: dt.date) -> dt.date:
    """A reminder's reply-by date: the DEFAULT_REPLY_DAYS-th working day after ``today``
    (holidays and 调休 make-up days counted)."""
    return nth_workday_after(calendar, today, DEFAULT_REPLY_DAYS)


def warning_window_end(today: dt.date, warning_days: int, *, calendar: WorkCalendar | None) -> dt.date:
    """The last deadline still in the warning window (临期): yellow from ``today`` to this day.

    Calendar days without a calendar (today + N). In working days, a deadline is in the window
    while 距截止还有 ≤ N 个工作日, so the window runs to the day before the (N+1)-th working day:
    days off right after the N-th working day are in it too.
    """
    if calendar is None:
        return today + dt.timedelta(days=warning_days)
    return nth_workday_after(calendar, today, warning_days + 1) - dt.timedelta(days=1)
