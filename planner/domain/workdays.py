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
        arrangements: per year, that year's holiday and make-up days (a year with an empty
            list is still known: a year without any holiday is possible in the office's table).
    """

    arrangements: Mapping[int, Iterable[HolidayDay]] = field(default_factory=dict)
    fallback_years: set[int] = field(default_factory=set)  # years asked about but unknown

    def __post_init__(self) -> None:
        self._days: dict[dt.date, HolidayDay] = {}
        for days in self.arrangements.values():
            for entry in days:
                self._days[entry.day] = entry
        self._known = frozenset(self.arrangements)

    def knows(self, year: int) -> bool:
        return year in self._known

    def is_workday(self, day: dt.date) -> bool:
        entry = self._days.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORKDAY
        if day.year not in self._known:
            self.fallback_years.add(day.year)
        return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday a day off belongs to (春节), '周末' for a plain weekend, None on a working day."""
        if self.is_workday(day):
            return None
        entry = self._days.get(day)
        return (entry.name or "节假日") if entry is not None else "周末"


def builtin_arrangements(years: Iterable[int] | None = None) -> dict[int, list[HolidayDay]]:
    """The years chinese-calendar knows, as HolidayDay lists: its days off and its 调休 make-up workdays.

    Source: chinese_calendar.constants (from the State Council's yearly notices).
    """
    table = _builtin_table()
    wanted = set(table) if years is None else set(table) & set(years)
    return {year: list(table[year]) for year in wanted}


@functools.cache
def _builtin_table() -> dict[int, tuple[HolidayDay, ...]]:
    import chinese_calendar  # a table of ~1,000 dates: loaded when working days are first counted

    names = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    result: dict[int, list[HolidayDay]] = {day.year: [] for day in chinese_calendar.holidays}
    for table, kind in ((chinese_calendar.holidays, DayKind.HOLIDAY), (chinese_calendar.workdays, DayKind.WORKDAY)):
        for day, name in table.items():
            if day.year in result:
                result[day.year].append(HolidayDay(day, kind, names.get(name, name)))
    return {year: tuple(days) for year, days in result.items()}


def builtin_years() -> range:
    """The years chinese-calendar knows (2004–2026 in 1.11.0)."""
    import chinese_calendar

    return range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def merged_calendar(office: Mapping[int, Iterable[HolidayDay]]) -> WorkCalendar:
    """chinese-calendar's years, with every year the office entered replacing the built-in one."""
    arrangements: dict[int, Iterable[HolidayDay]] = dict(builtin_arrangements())
    arrangements.update(office)
    return WorkCalendar(arrangements)


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


def warning_window_end(today: dt.date, warning_days: int, *, calendar: WorkCalendar | None) -> dt.date:
    """The last deadline still in the warning window (临期): yellow from ``today`` to this day.

    Calendar days without a calendar (today + N). In working days, a deadline is in the window
    while 距截止还有 ≤ N 个工作日, so the window runs to the day before the (N+1)-th working day:
    days off right after the N-th working day are in it too.
    """
    if calendar is None:
        return today + dt.timedelta(days=warning_days)
    return nth_workday_after(calendar, today, warning_days + 1) - dt.timedelta(days=1)
