"""Guards before python-calamine reads a sheet, and what the scan recovers that calamine drops."""

import re
import subprocess
import sys

import pytest
from openpyxl import Workbook

from planner.exchange import xlsx_scan
from planner.exchange.xlsx_import import read_ledger
from tests.exchange.xlsx_factory import rewrite_member, write_sheet


def one_far_cell(tmp_path, ref: str):
    """A tiny workbook with cells at A1 and at ``ref`` (the calamine trap: it allocates the whole range)."""
    workbook = Workbook()
    workbook.active["A1"] = "任务内容"
    workbook.active["B1"] = "牵头单位"
    workbook.save(tmp_path / "plain.xlsx")
    far = f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'.encode()
    row = re.search(r"\d+", ref)[0].encode()

    def add(data: bytes) -> bytes:
        return data.replace(b"</sheetData>", b'<row r="' + row + b'">' + far + b"</row></sheetData>")

    return rewrite_member(tmp_path / "plain.xlsx", tmp_path / f"far-{ref}.xlsx", "xl/worksheets/sheet1.xml", add)


@pytest.mark.parametrize(("ref", "reason"), [("XFD1048576", "1048576 行 × 16384 列"), ("A100001", "100001 行"),
                                             ("GS2", "× 201 列")])
def test_a_sheet_beyond_the_limits_is_refused_before_calamine_allocates_it(tmp_path, ref, reason):
    path = one_far_cell(tmp_path, ref)
    assert path.stat().st_size < 10_000
    # In a child process: were the guard missing, calamine would abort the interpreter.
    code = ("import sys; from planner.exchange.xlsx_import import read_ledger; "
            f"print(read_ledger(sys.argv[1]).errors[0].message)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert reason in result.stdout and "超过台账的上限" in result.stdout


def test_more_than_50_mb_of_sheet_data_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_scan, "MAX_SHEET_BYTES", 2000)  # the same check, without writing 50 MB
    path = write_sheet(tmp_path / "big.xlsx", [["任务内容", "牵头单位"]] + [[f"任务{n}", "省财政厅"] for n in range(200)])
    ledger = read_ledger(path)
    assert "超过上限 50 MB" in ledger.errors[0].message and ledger.records == ()


def test_a_percent_format_formula_and_error_value_survive_the_fast_reader(tmp_path):
    path = write_sheet(tmp_path / "f.xlsx", [
        ["任务内容", "进度", "备注"], ["甲", 1, None], ["乙", 0.35, "=1+1"]])
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active["B2"].number_format = "0%"
    workbook.save(path)
    ledger = read_ledger(path)
    assert ledger.records[0].values["percent"] == 100  # a 1 in a 0% cell is 100%, not 1%
    assert [(e.row, e.column) for e in ledger.errors] == [(3, "C")]
    assert "含公式（=1+1）" in ledger.errors[0].message


def test_the_scan_reads_cells_across_chunk_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_scan, "_CHUNK", 700)
    rows = [["任务内容", "备注"]] + [[f"第{n}项任务的内容比较长，用来跨过分块的边界", f"=A{n}"] for n in range(2, 60)]
    ledger = read_ledger(write_sheet(tmp_path / "chunks.xlsx", rows))
    assert sorted(e.row for e in ledger.errors) == list(range(2, 60))


def test_a_table_that_does_not_start_at_a1_keeps_its_cell_addresses(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["C3"], sheet["D3"], sheet["C4"], sheet["D4"] = "任务内容", "进度", "甲", "很多"
    workbook.save(tmp_path / "offset.xlsx")
    ledger = read_ledger(tmp_path / "offset.xlsx")
    assert [(e.row, e.column) for e in ledger.errors] == [(4, "D")]


ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
    '<office:spreadsheet><table:table table:name="任务台账">'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>任务内容</text:p></table:table-cell>'
    '</table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>')


def hand_made_ods(path, rows: str):
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", ODS_CONTENT.format(rows=rows))
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path


@pytest.mark.parametrize(("rows", "reason"), [
    ('<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>'
     '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
     '</table:table-row>', "1048572 行"),
    ('<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
     'office:value="1"/></table:table-row>', "× 16384 列"),
])
def test_an_ods_beyond_the_limits_is_refused_before_calamine_allocates_it(tmp_path, rows, reason):
    path = hand_made_ods(tmp_path / "far.ods", rows)
    code = ("import sys; from planner.exchange.xlsx_import import read_ledger; "
            "print(read_ledger(sys.argv[1]).errors[0].message)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert reason in result.stdout and "超过台账的上限" in result.stdout


def test_trailing_empty_rows_of_an_ods_are_not_its_used_range(tmp_path):
    path = hand_made_ods(tmp_path / "ok.ods", '<table:table-row table:number-rows-repeated="1048570">'
                                              '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    from planner.exchange.ods_scan import check_ods

    check_ods(path)  # LibreOffice writes such rows in every file: no refusal


def test_the_openpyxl_fallback_also_reads_zh_cn_built_in_date_formats(tmp_path):
    import datetime as dt
    import shutil

    from planner.exchange.ledger_grid import read_xlsx_grid_openpyxl
    from tests.conftest import ROOT

    path = tmp_path / "x4.xlsx"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "returns" / "x4_zhcn_builtin_datefmt31.xlsx", path)
    rows = read_xlsx_grid_openpyxl(path, lambda grid: [list(row) for row in grid.rows][:4])
    assert rows[3][6].value == dt.datetime(2026, 12, 31) and rows[3][6].data_type == "d"  # G4, 完成时限
    assert rows[3][11].value == dt.datetime(2026, 11, 28)  # L4, 进展日期
