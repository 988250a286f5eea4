"""Cell addresses as the reader writes them in its messages: the same as openpyxl's, without loading it."""

import pytest
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from planner.exchange.cell_address import column_letter, column_number, range_bounds


def test_column_letters_and_numbers_agree_with_openpyxl_over_every_excel_column():
    for number in range(1, 16385):
        letters = column_letter(number)
        assert letters == get_column_letter(number)
        assert column_number(letters) == number == column_index_from_string(letters)


@pytest.mark.parametrize("ref", ["A1:B2", "I5:I7", "K5:K7", "AA10:AB12", "C3", "$A$1:$D$4", "XFD1048576", "B2:A1"])
def test_merged_range_bounds_agree_with_openpyxl(ref):
    assert range_bounds(ref) == tuple(range_boundaries(ref.replace("B2:A1", "A1:B2")))


@pytest.mark.parametrize("bad", ["", "1A", "A", "A1:", "ABCD1"])
def test_what_is_no_range_is_refused(bad):
    with pytest.raises(ValueError):
        range_bounds(bad)


def test_column_numbers_beyond_letters_are_refused():
    for number in (0, -1, 18279):
        with pytest.raises(ValueError):
            column_letter(number)
