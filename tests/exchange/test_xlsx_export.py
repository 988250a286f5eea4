"""The exported 台账 as a person sees it in Excel: sheet, header, dates, dropdowns, print setup, metadata."""

import datetime as dt
import os

import pytest
from openpyxl import load_workbook

from planner.domain.lights import Light
from planner.errors import UserError
from planner.exchange.ledger_layout import COLUMNS, LedgerRow
from planner.exchange.xlsx_export import write_ledger
from planner.exchange.xlsx_import import read_ledger

from tests.exchange.xlsx_factory import EXPORTED_AT, sample_info, sample_rows, sample_task

HEADERS = ["序号", "对应条目", "任务内容", "牵头单位", "配合单位", "分管领导", "完成时限", "截止日期", "状态",
           "进度(%)", "最新进展", "进展日期", "备注", "任务标识"]


@pytest.fixture
def exported(tmp_path):
    path = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(3))
    return load_workbook(path)


def test_the_task_sheet_has_a_title_a_guide_line_and_the_issue_header(exported):
    assert exported.sheetnames[0] == "任务台账"
    sheet = exported["任务台账"]
    assert sheet["A1"].value == "示范省实施方案"
    assert sheet.HeaderFooter.oddHeader.right.text == "导出时间：2025-03-01 09:30"
    assert sheet["A2"].value.startswith("填报说明：请只填绿色表头各列（状态、进度、最新进展、进展日期、备注）")
    assert [cell.value for cell in sheet[3]] == HEADERS
    assert all(cell.font.b or cell.font.name == "黑体" for cell in sheet[3])
    assert sheet["A3"].fill.fgColor.rgb.endswith("DDEBF7")
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:N6"


def test_each_row_shows_the_task_with_real_dates_and_numbers(exported):
    sheet = exported["任务台账"]
    row = [cell.value for cell in sheet[4]]
    assert row == ["4.1", "（四）推动国家重大区域战…", "推动第1项区域战略融合发展任务", "省发展改革委",
                   "省财政厅、省自然资源厅", "王志远", "2025年底前", dt.datetime(2025, 12, 31), "推进中", 40,
                   "第1项已召开推进会", dt.datetime(2025, 2, 20), None, "1".rjust(32, "0")]
    assert sheet["H4"].is_date and sheet["H4"].number_format == "yyyy-mm-dd"
    assert sheet["A4"].data_type == "s"  # the code 4.1 is text, never the number 4.1
    assert sheet["C4"].alignment.wrap_text and sheet["C4"].alignment.vertical == "top"
    assert sheet["C4"].border.left.style == "thin"


def test_each_row_keeps_its_own_values_and_looks_whatever_the_row_above_held(tmp_path):
    # Alternating tints, formula-like text, dates and blanks in the same columns, row after row.
    rows = [LedgerRow(sample_task(1, code="-1", deadline_date=None, percent=None, note="=备注"), "（四）",
                      "=进展", None, Light.RED),
            LedgerRow(sample_task(2, note="普通备注"), "（四）", "已开会", dt.date(2025, 2, 20)),
            LedgerRow(sample_task(3, code="4.3", deadline_date=None), "（四）", "", None, Light.YELLOW),
            LedgerRow(sample_task(4, code="@4"), "（四）", "已开会", dt.date(2025, 3, 1), Light.RED)]
    sheet = load_workbook(write_ledger(tmp_path / "t.xlsx", sample_info(), rows))["任务台账"]
    # Value (text stays text: "-1" is not the number -1), the quote prefix that keeps =… text, tint.
    seen = [[(sheet[f"{column}{row}"].value, sheet[f"{column}{row}"].quotePrefix,
              sheet[f"{column}{row}"].fill.fgColor.rgb[-6:]) for column in "AHJKLM"] for row in range(4, 8)]
    red, yellow, none = "FBE0DE", "FFF3C4", "000000"
    assert seen == [
        [("-1", True, red), (None, False, red), (None, False, red), ("=进展", True, red),
         (None, False, red), ("=备注", True, red)],
        [("4.2", False, none), (dt.datetime(2025, 12, 31), False, none), (40, False, none),
         ("已开会", False, none), (dt.datetime(2025, 2, 20), False, none), ("普通备注", False, none)],
        [("4.3", False, yellow), (None, False, yellow), (40, False, yellow),
         (None, False, yellow), (None, False, yellow), (None, False, yellow)],
        [("@4", True, red), (dt.datetime(2025, 12, 31), False, red), (40, False, red),
         ("已开会", False, red), (dt.datetime(2025, 3, 1), False, red), (None, False, red)]]
    assert [sheet[f"H{row}"].number_format for row in (5, 7)] == ["yyyy-mm-dd"] * 2
    assert [sheet[f"K{row}"].number_format for row in range(4, 8)] == ["@"] * 4


def test_widths_and_the_hidden_uid_column(exported):
    sheet = exported["任务台账"]
    widths = {column.header: sheet.column_dimensions[chr(ord("A") + i)].width for i, column in enumerate(COLUMNS)}
    assert widths["任务内容"] > widths["牵头单位"] > widths["序号"]
    assert sheet.column_dimensions["N"].hidden
    assert not sheet.column_dimensions["C"].hidden


def test_rows_added_below_get_the_columns_formats(exported):
    sheet = exported["任务台账"]
    assert sheet.column_dimensions["A"].number_format == "@"  # a code typed as 1.10 stays text
    assert sheet.column_dimensions["H"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["C"].alignment.wrap_text


def test_status_and_lead_unit_are_dropdowns_fed_from_a_hidden_sheet(exported):
    sheet = exported["任务台账"]
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = validations["I4:I206"]
    assert status.type == "list" and status.formula1 == '"未启动,推进中,已完成,已滞后,已暂停"'
    lead = validations["D4:D206"]
    assert lead.formula1 == "'单位列表'!$A$1:$A$3"
    units = exported["单位列表"]
    assert units.sheet_state == "hidden"
    assert [row[0] for row in units.iter_rows(values_only=True)] == ["省发展改革委", "省财政厅", "省自然资源厅"]


def test_a_long_unit_list_still_fits_the_dropdown(tmp_path):
    units = [f"省第{n}个很长名字的厅局单位" for n in range(80)]  # far beyond the 255-character inline cap
    workbook = load_workbook(write_ledger(tmp_path / "t.xlsx", sample_info(units), sample_rows(1)))
    lead = [v for v in workbook["任务台账"].data_validations.dataValidation if str(v.sqref).startswith("D")][0]
    assert lead.formula1 == "'单位列表'!$A$1:$A$80"
    assert workbook["单位列表"]["A80"].value == units[-1]


def test_it_prints_landscape_on_a4_fit_to_width_with_the_header_repeated(exported):
    sheet = exported["任务台账"]
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"


def test_the_plan_uid_and_export_time_are_stored_in_a_hidden_sheet(exported):
    meta = exported["台账信息"]
    assert meta.sheet_state == "hidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert values["方案标识"] == "ab" * 16
    assert values["导出时间"] == EXPORTED_AT.isoformat()
    assert exported.properties.title == "示范省实施方案"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, text):
    rows = [LedgerRow(sample_task(1, content=text, note=text), "（四）", text)]
    sheet = load_workbook(write_ledger(tmp_path / "t.xlsx", sample_info(), rows))["任务台账"]
    for ref in ("C4", "K4", "M4"):
        assert sheet[ref].data_type == "s", ref
        assert sheet[ref].value == text.strip()
        assert sheet[ref].quotePrefix == text.strip().startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("text", ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_text_that_looks_like_an_error_value_is_written_as_text_and_reads_back(tmp_path, text):
    rows = [LedgerRow(sample_task(1, content=text, note=text), "（四）", text)]
    path = write_ledger(tmp_path / "t.xlsx", sample_info(), rows)
    sheet = load_workbook(path)["任务台账"]
    for ref in ("C4", "K4", "M4"):
        assert (sheet[ref].data_type, sheet[ref].value) == ("s", text), ref
    ledger = read_ledger(path)
    assert ledger.errors == ()
    assert [ledger.records[0].values[key] for key in ("content", "progress", "note")] == [text] * 3


def test_control_characters_that_xml_forbids_are_dropped(tmp_path):
    rows = [LedgerRow(sample_task(1, content="甲\x00乙\x07丙"), "（四）")]
    sheet = load_workbook(write_ledger(tmp_path / "t.xlsx", sample_info(), rows))["任务台账"]
    assert sheet["C4"].value == "甲乙丙"


def test_progress_is_reported_and_the_file_replaced_in_one_step(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old content")
    calls = []
    write_ledger(target, sample_info(), sample_rows(1200), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert load_workbook(target)["任务台账"].max_row == 1203
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]  # no temporary file left behind
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # the usual rights of a saved file, not 0600


def test_a_target_open_in_excel_gives_a_clear_message_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old content")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="正在 Excel 或 WPS 中打开"):
        write_ledger(target, sample_info(), sample_rows(1))
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


def test_a_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        write_ledger(tmp_path / "nowhere" / "t.xlsx", sample_info(), sample_rows(1))
