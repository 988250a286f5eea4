"""Default file names from plan and unit names are valid on Windows."""

import pytest

from planner.domain.file_names import safe_file_name


@pytest.mark.parametrize(("text", "expected"), [
    ("河南省贯彻落实《意见》实施方案", "河南省贯彻落实《意见》实施方案"),
    ("2026/2027年度<重点>任务?", "2026_2027年度_重点_任务_"),
    ('a:b*c"d|e\\f', "a_b_c_d_e_f"),
    (" . ", "备用"),
    ("", "备用"),
    ("CON", "CON_"),
    ("nul", "nul_"),
    ("Com1", "Com1_"),
    ("CONSOLE", "CONSOLE"),
    ("省CON办", "省CON办"),
])
def test_forbidden_characters_are_replaced(text, expected):
    assert safe_file_name(text, "备用") == expected
