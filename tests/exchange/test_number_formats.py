"""Which number formats change what a number means to the reader of a return."""

import pytest

from planner.exchange.number_formats import meaningful_format


@pytest.mark.parametrize(("code", "meaning"), [
    ("0%", "0%"), ("0.00%", "0%"), ("0.00", "0.00"), ("#,##0.00_ ", "0.00"), ('0.0"元"', "0.0"),
    ("0.00;[Red]-0.00", "0.00"), ("0", None), ("General", None), ("", None), ("yyyy.mm.dd", None),
    ("h:mm:ss.0", None), ("0.", None),
])
def test_percentages_and_fixed_decimals_are_told_apart_from_the_rest(code, meaning):
    assert meaningful_format(code) == meaning
