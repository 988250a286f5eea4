"""Several unit names in one cell or one typed list."""

import pytest

from planner.domain.unit_names import split_units


@pytest.mark.parametrize(("text", "units"), [
    ("省财政厅、省自然资源厅", ("省财政厅", "省自然资源厅")),
    (" 省财政厅，省医保局；省财政厅 ", ("省财政厅", "省医保局")),
    ("省教育厅/省科技厅 省民政厅", ("省教育厅", "省科技厅", "省民政厅")),
    ("", ()),
    ("省 商务厅", ("省商务厅",)),
    ("省 商务厅、省教育厅 省民政厅", ("省商务厅", "省教育厅", "省民政厅")),
    ("省商务 厅", ("省商务厅",)),
    ("无", ()),
    (" 暂无 ", ()),
    ("—", ()),
    ("无锡市政府", ("无锡市政府",)),
])
def test_split_units(text, units):
    assert split_units(text) == units
