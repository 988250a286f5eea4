"""The 台账 sent to departments: what to fill in and how, rows tall enough, tints, print setup."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.domain.lights import Light
from planner.exchange.ledger_layout import COLUMNS, FILL_IN, GUIDE, HEADER_ROW, LedgerRow
from planner.exchange.xlsx_export import LINE_PT, text_lines, write_ledger

from tests.exchange.xlsx_factory import sample_info, sample_rows, sample_task

LETTER = {column.key: chr(ord("A") + i) for i, column in enumerate(COLUMNS)}
LONG = "组织开展《意见》学习宣传解读，将区域协调发展战略纳入各级理论学习中心组学习内容，" * 3


@pytest.fixture
def sheet(tmp_path):
    rows = [LedgerRow(sample_task(1, content=LONG), "（四）推动国家重大区域战略融合发展", "已召开推进会",
                      dt.date(2025, 2, 20), Light.RED),
            LedgerRow(sample_task(2), "（四）推动国家重大区域战略融合发展", "", None, Light.YELLOW),
            LedgerRow(sample_task(3), "（四）推动国家重大区域战略融合发展", "", None, Light.GREEN)]
    return load_workbook(write_ledger(tmp_path / "台账.xlsx", sample_info(), rows))["任务台账"]


def test_a_guide_line_under_the_title_names_the_columns_to_fill_in(sheet):
    assert sheet["A1"].value == "示范省实施方案"
    assert sheet["A2"].value == GUIDE
    for column in FILL_IN:
        assert column.header.removesuffix("(%)") in GUIDE
    assert [column.key for column in FILL_IN] == ["status", "percent", "progress", "progress_date", "note"]
    assert "绿色表头" in GUIDE and "红底为已逾期" in GUIDE


def test_the_columns_to_fill_in_are_marked_and_prompt_when_selected(sheet):
    fills = {column.key: sheet[f"{LETTER[column.key]}{HEADER_ROW}"].fill.fgColor.rgb[-6:] for column in COLUMNS}
    assert {key for key, colour in fills.items() if colour == "C6E0B4"} == {column.key for column in FILL_IN}
    assert {colour for key, colour in fills.items() if key not in {c.key for c in FILL_IN}} == {"DDEBF7"}
    prompts = {str(v.sqref)[0]: v for v in sheet.data_validations.dataValidation if v.showInputMessage}
    assert {LETTER[column.key] for column in FILL_IN} == set(prompts)
    for column in FILL_IN:
        assert prompts[LETTER[column.key]].prompt == column.prompt
        assert prompts[LETTER[column.key]].promptTitle == column.header


def test_percent_and_the_date_columns_are_validated(sheet):
    by_letter = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    percent = by_letter[LETTER["percent"]]
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == ("whole", "between", "0", "100")
    for key in ("due", "progress_date"):
        date = by_letter[LETTER[key]]
        # 36526 and 73415 are the serials of 2000-01-01 and 2099-12-31: 11.28 typed as a number is refused.
        assert (date.type, date.formula1, date.formula2) == ("date", "36526", "73415")
    assert str(percent.sqref) == f"J{HEADER_ROW + 1}:J{HEADER_ROW + 3 + 200}"  # also the rows added below


def test_every_row_is_tall_enough_for_its_longest_cell(sheet):
    heights = [sheet.row_dimensions[HEADER_ROW + n].height for n in (1, 2, 3)]
    width = next(column.width for column in COLUMNS if column.key == "content")
    assert heights[0] >= text_lines(LONG, width) * LINE_PT
    assert heights[0] > 2 * heights[1]  # a long task gets a tall row, a short one stays shorter
    assert heights[1] >= 2 * LINE_PT  # "省财政厅、省自然资源厅" wraps in the 配合单位 column


def test_overdue_and_due_soon_rows_are_tinted_as_the_window_lights_them(sheet):
    tints = [sheet[f"C{HEADER_ROW + n}"].fill.fgColor.rgb[-6:] for n in (1, 2, 3)]
    assert tints[:2] == ["FBE0DE", "FFF3C4"]
    assert sheet[f"C{HEADER_ROW + 3}"].fill.fill_type is None
    assert sheet[f"M{HEADER_ROW + 1}"].fill.fgColor.rgb[-6:] == "FBE0DE"  # the whole row, not one cell


def test_pages_are_numbered_and_only_the_visible_columns_print(sheet):
    assert sheet.HeaderFooter.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert sheet.print_area == f"'任务台账'!$A$1:$M${HEADER_ROW + 3 + 200}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_a3_paper_can_be_chosen(tmp_path):
    sheet = load_workbook(write_ledger(tmp_path / "a3.xlsx", sample_info(), sample_rows(1), paper="A3"))["任务台账"]
    assert str(sheet.page_setup.paperSize) == "8" and sheet.page_setup.orientation == "landscape"


def test_text_lines_counts_a_chinese_character_as_two_units():
    assert text_lines("", 10) == 1
    assert text_lines("一二三四", 9) == 1  # 8 units in 8 usable
    assert text_lines("一二三四五", 9) == 2
    assert text_lines("abcdefgh", 9) == 1
    assert text_lines("第一行\n第二行", 30) == 2
