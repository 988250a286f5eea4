"""Working days with the State Council's holidays, 调休 make-up days, the office's own years and the fallback."""

import datetime as dt

import chinese_calendar
import pytest

from planner.domain.workdays import (DayKind, HolidayDay, WorkCalendar, builtin_years, merged_calendar,
                                     nth_workday_after, warning_window_end, workdays_until)

D = dt.date


@pytest.fixture
def calendar():
    return merged_calendar({})


def test_holidays_and_make_up_days_of_a_known_year(calendar):
    assert not calendar.is_workday(D(2026, 10, 1)) and calendar.holiday_name(D(2026, 10, 1)) == "国庆节"
    assert not calendar.is_workday(D(2026, 9, 25)) and calendar.holiday_name(D(2026, 9, 25)) == "中秋"
    assert calendar.is_workday(D(2026, 9, 20)) and calendar.holiday_name(D(2026, 9, 20)) is None  # a Sunday, 调休
    assert calendar.holiday_name(D(2026, 9, 19)) == "周末"
    assert calendar.is_workday(D(2026, 9, 21))
    assert calendar.fallback_years == set()


def test_2027_is_unknown_to_chinese_calendar_so_it_falls_back_to_monday_to_friday(calendar):
    # The trap of the issue: the library raises for the year of most deadlines.
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 2, 8))
    assert 2026 in builtin_years() and 2027 not in builtin_years()
    assert calendar.is_workday(D(2027, 2, 8))  # a Monday: counted as a working day for want of a notice
    assert not calendar.is_workday(D(2027, 2, 6))
    assert calendar.fallback_years == {2027}


def test_the_offices_entered_year_is_used_and_replaces_the_builtin_one():
    office = {2027: [HolidayDay(D(2027, 2, 8), DayKind.HOLIDAY, "春节"),
                     HolidayDay(D(2027, 2, 6), DayKind.WORKDAY, "春节调休")],
              2026: [HolidayDay(D(2026, 12, 31), DayKind.HOLIDAY, "单位自定")]}
    calendar = merged_calendar(office)
    assert not calendar.is_workday(D(2027, 2, 8)) and calendar.holiday_name(D(2027, 2, 8)) == "春节"
    assert calendar.is_workday(D(2027, 2, 6))  # a Saturday made a workday
    assert calendar.fallback_years == set()
    # The office's 2026 replaces chinese-calendar's whole 2026: 国庆 is no longer known as a day off.
    assert calendar.is_workday(D(2026, 10, 1)) and not calendar.is_workday(D(2026, 12, 31))


def test_working_days_until_a_deadline_across_national_day(calendar):
    assert workdays_until(calendar, D(2026, 9, 30), D(2026, 10, 9)) == 2  # 10-08 and 10-09
    assert workdays_until(calendar, D(2026, 9, 30), D(2026, 10, 10)) == 3  # Saturday 10-10 is 调休
    assert workdays_until(calendar, D(2026, 9, 30), D(2026, 9, 30)) == 0
    assert workdays_until(calendar, D(2026, 9, 24), D(2026, 9, 27)) == 0  # only 中秋 days off follow
    assert workdays_until(calendar, D(2026, 10, 9), D(2026, 9, 30)) == -2


def test_the_warning_window_in_calendar_and_in_working_days(calendar):
    assert warning_window_end(D(2026, 9, 21), 7, calendar=None) == D(2026, 9, 28)
    # 3 working days after Monday 09-21 are Tue–Thu; the 中秋 days off right after are in the window too.
    assert warning_window_end(D(2026, 9, 21), 3, calendar=calendar) == D(2026, 9, 27)
    assert warning_window_end(D(2026, 9, 21), 0, calendar=calendar) == D(2026, 9, 21)
    assert nth_workday_after(calendar, D(2026, 9, 30), 3) == D(2026, 10, 10)
    with pytest.raises(ValueError):
        nth_workday_after(calendar, D(2026, 9, 30), 0)


def test_an_empty_calendar_counts_monday_to_friday_and_says_which_years():
    calendar = WorkCalendar()
    assert [calendar.is_workday(D(2030, 1, day)) for day in range(5, 8)] == [False, False, True]
    assert calendar.fallback_years == {2030}


def test_a_reminders_reply_by_date_is_five_working_days_on_holidays_and_make_up_days_counted(calendar):
    from planner.domain.workdays import DEFAULT_REPLY_DAYS, default_reply_by

    assert DEFAULT_REPLY_DAYS == 5
    assert default_reply_by(calendar, dt.date(2026, 11, 30)) == dt.date(2026, 12, 7)  # Monday → next Monday
    assert default_reply_by(calendar, dt.date(2026, 12, 5)) == dt.date(2026, 12, 11)  # a Saturday counts from Monday
    # Before 国庆: 1–7 October are off and Saturday 10 October is a make-up workday.
    assert default_reply_by(calendar, dt.date(2026, 9, 30)) == dt.date(2026, 10, 13)
    # A year known to neither calendar: Monday to Friday.
    assert default_reply_by(merged_calendar({}), dt.date(2027, 12, 30)) == dt.date(2028, 1, 6)
