"""Reading returned 台账: headers by synonyms, merged cells, dates, percents, codes, unit columns, metadata."""

import datetime as dt
import warnings
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from planner.domain.model import Status
from planner.exchange import xlsx_guard
from planner.exchange.ledger_layout import HEADER_ROW
from planner.exchange.xlsx_export import write_ledger
from planner.exchange.xlsx_import import read_ledger

from tests.exchange.xlsx_factory import (
    EXPORTED_AT, rewrite_member, sample_info, sample_rows, with_dv_extension, write_sheet)


def messages(ledger) -> list[str]:
    return [problem.message for problem in ledger.errors]


def test_an_exported_workbook_reads_back_as_it_was_written(tmp_path):
    ledger = read_ledger(write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(2)))
    assert ledger.errors == () and ledger.warnings == ()
    assert (ledger.file, ledger.sheet) == ("台账.xlsx", "任务台账")
    assert (ledger.plan_uid, ledger.exported_at) == ("ab" * 16, EXPORTED_AT.isoformat())
    first = ledger.records[0]
    assert first.row == HEADER_ROW + 1  # under the title, the 填报说明 and the header
    assert first.values == {
        "code": "4.1", "item": "（四）推动国家重大区域战…", "content": "推动第1项区域战略融合发展任务",
        "lead": "省发展改革委", "support": ("省财政厅", "省自然资源厅"), "leader": "王志远",
        "deadline": "2025年底前", "due": dt.date(2025, 12, 31), "status": Status.IN_PROGRESS, "percent": 40,
        "progress": "第1项已召开推进会", "progress_date": dt.date(2025, 2, 20), "note": "", "uid": "1".rjust(32, "0")}
    assert first.columns["uid"] == "N" and first.columns["status"] == "I"


def test_the_header_is_found_below_title_rows_by_synonyms_in_any_order(tmp_path):
    path = write_sheet(tmp_path / "返回.xlsx", [
        ["关于报送区域协调发展任务进展的通知"], [], ["填报单位：省财政厅"],
        ["备注", "重点任务", "工作进展", "时限要求", "牵头责任单位", "自定义列", "协同责任单位", "编号"],
        [None, "完善转移支付制度", "已印发办法", "2025年底前", "省财政厅", "随便", "省发改委、省审计厅", "1.10"],
    ])
    ledger = read_ledger(path)
    assert ledger.errors == ()
    record = ledger.records[0]
    assert record.row == 5
    assert record.values == {"content": "完善转移支付制度", "progress": "已印发办法", "deadline": "2025年底前",
                             "lead": "省财政厅", "support": ("省发改委", "省审计厅"), "code": "1.10", "note": "",
                             "extra": (("自定义列", "随便"),)}
    assert record.columns["lead"] == "E" and record.columns["code"] == "H"


def test_a_numeric_code_becomes_text_and_text_codes_keep_their_zeros(tmp_path):
    path = write_sheet(tmp_path / "codes.xlsx", [["序号", "任务内容"], ["1.10", "甲"], [4.2, "乙"], [3, "丙"]])
    assert [r.values["code"] for r in read_ledger(path).records] == ["1.10", "4.2", "3"]


def test_responsible_units_alone_list_the_lead_first(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", [["任务内容", "责任单位"], ["甲", "省财政厅、省教育厅，省科技厅"]])
    values = read_ledger(path).records[0].values
    assert values["lead"] == "省财政厅" and values["support"] == ("省教育厅", "省科技厅")


def test_responsible_units_beside_a_lead_column_are_the_cooperating_units(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", [["任务内容", "牵头单位", "责任单位"], ["甲", "省财政厅", "省教育厅"]])
    values = read_ledger(path).records[0].values
    assert values["lead"] == "省财政厅" and values["support"] == ("省教育厅",)


def test_dates_as_dates_text_and_serial_numbers(tmp_path):
    path = write_sheet(tmp_path / "d.xlsx", [
        ["任务内容", "截止日期", "进展日期"],
        ["甲", dt.datetime(2025, 6, 30), "2025年3月5日"],
        ["乙", "2025/6/30", 45717],
        ["丙", "2025-06-30", None],
        ["丁", "2025-06-30 0:00:00", "2025-03-01 00:00"],  # a CSV re-save writes the time
    ])
    records = read_ledger(path).records
    assert [r.values["due"] for r in records] == [dt.date(2025, 6, 30)] * 4
    assert records[3].values["progress_date"] == dt.date(2025, 3, 1)
    assert records[0].values["progress_date"] == dt.date(2025, 3, 5)
    assert records[1].values["progress_date"] == dt.date(2025, 3, 1)
    assert "progress_date" not in records[2].values


def test_percentages_written_as_fractions_mean_percent(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", [["任务内容", "进度"], ["甲", 0.8], ["乙", 80], ["丙", "80%"], ["丁", "0.5"],
                                              ["戊", 1], ["己", None]])
    assert [r.values.get("percent") for r in read_ledger(path).records] == [80, 80, 80, 50, 1, None]


def test_a_cell_formatted_as_percentage_holding_one_is_a_hundred(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", [["任务内容", "进度"], ["甲", 1]])
    workbook = load_workbook(path)
    workbook.active["B2"].number_format = "0%"
    workbook.save(path)
    assert read_ledger(path).records[0].values["percent"] == 100


def test_cells_merged_over_several_tasks_are_named_per_range_and_not_copied(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["对应条目", "任务内容", "牵头单位", "完成时限"],
        ["（四）", "甲", "省财政厅", "2025年底前"],
        [None, "乙", None, None],
        [None, "丙", None, "持续推进"],
    ], merges=("A2:A4", "C2:C4", "D2:D3"))
    ledger = read_ledger(path)
    # 对应条目 is shared by the tasks of an item: filled. Per-task columns are held back.
    assert [r.values.get("item") for r in ledger.records] == ["（四）"] * 3
    assert ["lead" in r.values for r in ledger.records] == [False, False, False]
    assert [r.values.get("deadline") for r in ledger.records] == [None, None, "持续推进"]
    assert [(w.row, w.column, w.message[:9]) for w in ledger.warnings] == [
        (2, "C", "单元格 C2:C4"), (2, "D", "单元格 D2:D3")]
    assert "3 项任务" in ledger.warnings[0].message and "“牵头单位”" in ledger.warnings[0].message


def test_a_horizontal_merge_in_a_data_row_is_named_as_a_merge(tmp_path):
    path = write_sheet(tmp_path / "h.xlsx", [
        ["任务内容", "状态", "进度"], ["甲", "推进中", None]], merges=("B2:C2",))
    ledger = read_ledger(path)
    assert ledger.records[0].values == {"content": "甲", "status": Status.IN_PROGRESS}
    assert [(w.row, w.column) for w in ledger.warnings] == [(2, "B")]
    assert "B2:C2 是横向合并的单元格" in ledger.warnings[0].message


def test_a_two_row_merged_header_is_understood(tmp_path):
    path = write_sheet(tmp_path / "h.xlsx", [
        ["序号", "任务内容", "责任单位", None, "完成时限"],
        [None, None, "牵头单位", "配合单位", None],
        ["4.1", "甲", "省财政厅", "省教育厅", "2025年底前"],
    ], merges=("A1:A2", "B1:B2", "C1:D1", "E1:E2"))
    ledger = read_ledger(path)
    assert ledger.errors == ()
    assert ledger.records[0].row == 3
    assert ledger.records[0].values["lead"] == "省财政厅"
    assert ledger.records[0].values["support"] == ("省教育厅",)


def test_a_header_merged_over_two_columns_reads_the_first_and_says_so(tmp_path):
    path = write_sheet(tmp_path / "h.xlsx", [["任务内容", None, "牵头单位"], ["甲", "多余", "省财政厅"]],
                       merges=("A1:B1",))
    ledger = read_ledger(path)
    assert ledger.records[0].values["content"] == "甲"
    assert [(w.row, w.column) for w in ledger.warnings] == [(1, "B")]
    assert "合并" in ledger.warnings[0].message


def test_rows_without_task_content_are_skipped_with_a_located_note(tmp_path):
    path = write_sheet(tmp_path / "n.xlsx", [["任务内容", "备注"], ["甲", None], [None, "注：请于月底前报送"], [None, None]])
    ledger = read_ledger(path)
    assert len(ledger.records) == 1
    assert [(w.row, w.column, w.message) for w in ledger.warnings] == [
        (3, "A", "该行没有任务内容、序号和任务标识，已跳过")]


def test_the_data_validation_extension_warning_is_handled_locally(tmp_path):
    exported = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(2))
    saved = rewrite_member(exported, tmp_path / "excel-saved.xlsx", "xl/worksheets/sheet1.xml", with_dv_extension)
    with pytest.warns(UserWarning, match="Data Validation extension is not supported"):
        provoking = load_workbook(saved, read_only=True)  # the file does provoke it
        list(provoking["任务台账"].iter_rows())
    provoking.close()  # a read-only workbook keeps its file open until closed
    ledger = read_ledger(saved)  # pytest turns warnings into errors: this one must not escape
    assert ledger.errors == () and len(ledger.records) == 2
    with pytest.warns(UserWarning, match="Data Validation extension"):  # and it is not silenced globally
        warnings.warn("Data Validation extension is not supported and will be removed", UserWarning)


def test_a_csv_in_utf8_with_bom_or_gbk_is_read(tmp_path):
    text = "序号,任务内容,牵头单位,进度\n1.10,完善转移支付制度,省财政厅,0.8\n"
    (tmp_path / "utf8.csv").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    for name in ("utf8.csv", "gbk.csv"):
        ledger = read_ledger(tmp_path / name)
        assert ledger.errors == ()
        assert ledger.records[0].values == {"code": "1.10", "content": "完善转移支付制度", "lead": "省财政厅",
                                            "percent": 80}


@pytest.mark.parametrize(("name", "data", "message"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "已损坏"),
    ("page.xls", b"<html><body><table></table></body></html>", "实际上是网页（HTML）文件"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "设置了打开密码"),
    ("wps.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "WPS 表格（.et）"),
    ("notes.txt", "会议记录".encode(), "不是 Excel 工作簿"),
    ("fake.xlsx", b"this is not a zip file", "不是 Excel 工作簿"),
    ("empty.xlsx", b"", "空文件"),
    ("truncated.xlsx", None, "已损坏或不完整"),
])
def test_files_that_are_not_workbooks_get_a_clear_message(tmp_path, name, data, message):
    path = tmp_path / name
    if data is None:
        whole = write_ledger(tmp_path / "whole.xlsx", sample_info(), sample_rows(50)).read_bytes()
        data = whole[: len(whole) // 2]
    path.write_bytes(data)
    ledger = read_ledger(path)
    assert ledger.records == ()
    assert len(ledger.errors) == 1 and message in ledger.errors[0].message and name in ledger.errors[0].message
    assert (ledger.errors[0].file, ledger.errors[0].row, ledger.errors[0].column) == (name, 0, "")


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    path = write_ledger(tmp_path / "big.xlsx", sample_info(), sample_rows(5))
    monkeypatch.setattr(xlsx_guard, "MAX_FILE_BYTES", path.stat().st_size - 1)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("parsed anyway"))
    assert "超过台账文件的上限 50 MB" in messages(read_ledger(path))[0]


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (16 * 1024 * 1024)
            for _ in range(20):  # 320 MB of zeros, a few hundred KB on disk
                member.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert "超过上限 300 MB" in messages(read_ledger(path))[0]


def test_an_xml_entity_bomb_is_refused(tmp_path):
    exported = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(2))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                       for n in range(1, 10))
            + b"]>")
    path = rewrite_member(exported, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml",
                          lambda data: bomb + data.replace(b"<sheetData>", b"<sheetData>&lol9;", 1))
    found = messages(read_ledger(path))
    assert len(found) == 1 and "不安全的 XML" in found[0]


def test_a_file_open_in_excel_gives_a_clear_message(tmp_path, monkeypatch):
    path = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(1))
    original = type(path).open

    def locked(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", locked)
    assert "正在 Excel 或 WPS 中打开" in messages(read_ledger(path))[0]


def test_without_defusedxml_openpyxl_parses_no_workbook_from_outside(tmp_path, monkeypatch):
    """python-calamine expands no XML entities; openpyxl, the fallback for odd packages, only with defusedxml."""
    path = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(1))
    monkeypatch.setattr("openpyxl.DEFUSEDXML", False)
    assert len(read_ledger(path).records) == 1 and not read_ledger(path).errors
    monkeypatch.setattr("planner.exchange.xlsx_scan.sheet_members",
                        lambda _path: (_ for _ in ()).throw(KeyError("an odd package")))
    assert "defusedxml" in messages(read_ledger(path))[0]


def test_merged_ranges_are_read_from_the_sheet_xml(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [["a", "b"], ["c", "d"]], merges=("A1:B1", "A2:A3"))
    assert sorted(xlsx_guard.merged_ranges(path, "xl/worksheets/sheet1.xml")) == ["A1:B1", "A2:A3"]


def test_the_table_is_found_on_a_later_sheet_after_an_instructions_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.title = "填表说明"
    workbook.active.append(["请各单位于每月 5 日前报送"])
    table = workbook.create_sheet("省财政厅")
    table.append(["序号", "任务内容", "牵头单位"])
    table.append(["4.1", "完善转移支付", "省财政厅"])
    hidden = workbook.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    workbook.save(tmp_path / "w.xlsx")
    ledger = read_ledger(tmp_path / "w.xlsx")
    assert ledger.sheet == "省财政厅" and ledger.records[0].values["code"] == "4.1"


def test_a_workbook_without_a_table_anywhere_points_at_its_first_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["没有表格"])
    workbook.save(tmp_path / "w.xlsx")
    [error] = read_ledger(tmp_path / "w.xlsx").errors
    assert (error.sheet, error.row, error.column) == ("说明", 1, "A")


def test_rows_and_columns_missing_from_the_file_keep_every_location_exact(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["D3"] = "任务内容", "进度"
    sheet["B7"], sheet["D7"] = "甲", "很多"
    sheet["B12"] = "乙"
    workbook.save(tmp_path / "gaps.xlsx")
    ledger = read_ledger(tmp_path / "gaps.xlsx")
    assert [(record.row, record.failed) for record in ledger.records] == [(7, True), (12, False)]
    assert [(e.row, e.column) for e in ledger.errors] == [(7, "D")]


def test_group_titles_footers_and_repeated_headers_are_not_task_rows(tmp_path):
    path = write_sheet(tmp_path / "g.xlsx", [
        ["序号", "任务内容", "牵头单位", "完成时限"],
        ["一、加快区域协调发展", None, None, None],
        ["1.1", "甲", "省财政厅", "2026年底前"],
        ["（二）", None, None, None],
        ["序号", "任务内容", "牵头单位", "完成时限"],
        ["1.2", "乙", "省财政厅", "2026年底前"],
        ["填表人：张三", None, "联系电话：12345678", None],
    ], merges=("A2:D2",))
    ledger = read_ledger(path)
    assert ledger.errors == ()
    assert [r.values["content"] for r in ledger.records] == ["甲", "乙"]
    assert [(w.row, w.message[:6]) for w in ledger.warnings] == [
        (2, "该行是分组标"), (4, "该行是分组标"), (5, "该行是重复的"), (7, "该行是表尾（")]


def test_an_empty_cell_merged_over_several_tasks_changes_nothing_and_says_nothing(tmp_path):
    path = write_sheet(tmp_path / "e.xlsx", [["任务内容", "备注"], ["甲", None], ["乙", None]], merges=("B2:B3",))
    ledger = read_ledger(path)
    assert ledger.warnings == () and ["note" in r.values for r in ledger.records] == [False, False]


def test_lengthened_header_words_name_their_column_when_only_one_column_fits(tmp_path):
    path = write_sheet(tmp_path / "加长表头.xlsx", [
        ["序号", "重点任务", "牵头单位", "完成时限要求", "工作进展情况", "进度及进展", "备注说明"],
        ["1.1", "完善转移支付制度", "省财政厅", "2025年底前", "已印发办法", "过半", "无"],
    ])
    ledger = read_ledger(path)
    values = ledger.records[0].values
    assert (values["deadline"], values["progress"], values["note"]) == ("2025年底前", "已印发办法", "无")
    assert values["extra"] == (("进度及进展", "过半"),)  # two columns' words: not guessed


def test_a_copy_of_the_ledger_sheet_beside_the_one_read_is_named(tmp_path):
    path = write_ledger(tmp_path / "台账.xlsx", sample_info(), sample_rows(2))
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["任务台账"]).title = "任务台账 (2)"
    workbook.save(path)
    ledger = read_ledger(path)
    assert ledger.sheet == "任务台账"
    assert [(w.sheet, w.message[:13]) for w in ledger.warnings] == [("任务台账 (2)", "也像台账，未读取（只读取了")]


def test_a_percent_that_is_not_a_whole_number_is_a_located_error_not_rounded(tmp_path):
    """Trial 2026-11-30 (L18): 85.5 was stored as 86 without a word."""
    path = write_sheet(tmp_path / "p.xlsx", [["任务内容", "进度"], ["甲", 85.5], ["乙", "85.5%"], ["丙", 0.855],
                                              ["丁", 0.29], ["戊", "约 60 %"]])
    ledger = read_ledger(path)
    assert [(p.row, p.column, p.message) for p in ledger.errors] == [
        (2, "B", "进度(%)：进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
        (3, "B", "进度(%)：进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
        (4, "B", "进度(%)：进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）")]
    # 0.29 × 100 is not exactly 29 in floating point: still a whole 29 %.
    assert [r.values.get("percent") for r in ledger.records if not r.failed] == [29, 60]


def test_a_uid_is_read_as_exported_in_any_case_and_a_damaged_one_is_refused_at_its_cell(tmp_path):
    exported = "0123456789abcdef" * 2
    path = write_sheet(tmp_path / "uids.xlsx", [
        ["序号", "任务内容", "任务标识"], ["1.1", "甲", exported], ["1.2", "乙", f" {'FEDCBA9876543210' * 2} "],
        ["1.3", "丙", exported[:-1] + "g"], ["1.4", "丁", 12345], ["1.5", "戊", None]])
    ledger = read_ledger(path)
    assert [(r.row, r.values.get("uid")) for r in ledger.records if not r.failed] == [
        (2, exported), (3, "fedcba9876543210" * 2), (6, "")]
    assert [(e.row, e.column, e.message) for e in ledger.errors] == [
        (row, "C", "任务标识：任务标识（隐藏列）被改动过，无法识别；请勿修改该列") for row in (4, 5)]


def test_a_percent_written_as_a_share_of_one_is_read_as_percent_and_said_so(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", [["任务内容", "进度"], ["甲", 0.3], ["乙", "0.5"], ["丙", 1], ["丁", 30]])
    ledger = read_ledger(path)
    assert [r.values.get("percent") for r in ledger.records] == [30, 50, 1, 30]
    assert [(w.row, w.column, w.message) for w in ledger.warnings] == [
        (2, "B", "进度填写的是小数 0.3，按 30% 导入，请核对"), (3, "B", "进度填写的是小数 0.5，按 50% 导入，请核对")]
