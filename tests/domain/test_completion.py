"""已完成 means 100 % unless a percent is set in the same step; imports only get a warning."""

import pytest

from planner.domain.completion import done_below_full, percent_with_status
from planner.domain.model import Status


@pytest.mark.parametrize(("status", "percent", "stored"), [
    (Status.DONE, None, 100),
    (Status.DONE, 80, 80),  # set in the same step: the person's figure wins
    (Status.IN_PROGRESS, None, None),  # left as it is
    (Status.IN_PROGRESS, 40, 40),
    (None, 30, 30),
    (None, None, None),
])
def test_done_sets_full_percent_unless_one_is_given(status, percent, stored):
    assert percent_with_status(status, percent) == stored


def test_done_below_full_is_recognised_for_a_warning():
    assert done_below_full(Status.DONE, 90)
    assert not done_below_full(Status.DONE, 100)
    assert not done_below_full(Status.DONE, None)
    assert not done_below_full(Status.IN_PROGRESS, 10)
