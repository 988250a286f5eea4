"""An .xls is walked once: the guard's scan of its records also finds the number formats the reader needs."""

import pytest
from openpyxl import Workbook

from planner.exchange import xls_scan
from planner.exchange.xlsx_guard import check_workbook, check_workbook_file
from planner.exchange.xlsx_import import read_ledger
from tests.hostile_files import libreoffice_xls


@pytest.fixture(scope="module")
def percent_xls(tmp_path_factory):
    """LibreOffice's .xls of a small 台账 whose 进度 cells are 0.8 shown as 80 % and 24.10 in a 0.00 cell."""
    folder = tmp_path_factory.mktemp("one_walk")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务台账"
    sheet.append(["序号", "任务内容", "牵头单位", "进度(%)"])
    for number in range(1, 4):
        sheet.append([f"1.{number}", f"任务{number}", "省财政厅", 0.8])
        sheet.cell(number + 1, 4).number_format = "0%"
    sheet.append([24.1, "任务四", "省财政厅", 0.5])
    sheet["A5"].number_format, sheet["D5"].number_format = "0.00", "0%"
    workbook.save(folder / "进度.xlsx")
    return libreoffice_xls(folder / "进度.xlsx", folder)


def test_the_guard_hands_the_formats_it_found_to_the_reader(percent_xls, monkeypatch):
    calls = []

    def counted(function):
        def spy(data):
            calls.append(function.__name__)
            return function(data)
        return spy

    # Each walk opens the compound file (workbook_streams), then reads the records of its stream.
    for name in ("workbook_streams", "scan_workbook"):
        monkeypatch.setattr(xls_scan, name, counted(getattr(xls_scan, name)))
    ledger = read_ledger(percent_xls)
    assert calls == ["workbook_streams", "scan_workbook"]  # the guard's walk; the reader walks none again
    assert not ledger.errors
    assert [(r.values["code"], r.values["percent"]) for r in ledger.records] == [
        ("1.1", 80), ("1.2", 80), ("1.3", 80), ("24.10", 50)]


def test_the_checked_file_says_its_kind_and_holds_the_xls_formats(percent_xls):
    checked = check_workbook(percent_xls)
    assert (checked.kind, check_workbook_file(percent_xls)) == ("xls", "xls")
    formats = checked.formats["任务台账"]
    assert formats.percents == {(2, 4), (3, 4), (4, 4), (5, 4)}
    assert formats.decimals == {(5, 1): "0.00"}
