"""Reply-by dates: working days are Monday to Friday."""

import datetime as dt

import pytest

from planner.domain.working_days import add_working_days, default_reply_by

D = dt.date


def test_five_working_days_skip_the_weekend():
    assert D(2026, 11, 30).weekday() == 0  # a Monday
    assert default_reply_by(D(2026, 11, 30)) == D(2026, 12, 7)  # next Monday
    assert default_reply_by(D(2026, 12, 4)) == D(2026, 12, 11)  # Friday → next Friday
    assert default_reply_by(D(2026, 12, 5)) == D(2026, 12, 11)  # Saturday counts from Monday
    assert add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)
    assert add_working_days(D(2026, 12, 4), 0) == D(2026, 12, 4)


def test_a_negative_count_is_a_bug():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 12, 4), -1)
