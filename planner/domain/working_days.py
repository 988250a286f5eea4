"""Working days (工作日) for reply-by dates: Monday to Friday.

Official holidays and make-up workdays (调休) are not known here yet; this is the
one place that will learn them (the chinese-calendar helper of the dashboard work).
"""

from __future__ import annotations

import datetime as dt

# A 催办单's reply-by date when the user gives none (issue 16): five working days on.
DEFAULT_REPLY_DAYS = 5


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day ``days`` working days after ``start`` (``start`` itself not counted); ``days`` >= 0.

    Friday + 1 is Monday; Saturday + 1 is Monday too.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def default_reply_by(today: dt.date) -> dt.date:
    """A reminder's reply-by date: DEFAULT_REPLY_DAYS working days after ``today``."""
    return add_working_days(today, DEFAULT_REPLY_DAYS)
