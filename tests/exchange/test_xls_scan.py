""".xls files are sized before python-calamine opens them: hostile ones are refused with a message naming file and sheet.

The files are LibreOffice conversions of small .xlsx files, then patched as an attacker would:
a DIMENSIONS record declaring 1,048,576 rows × 256 columns, a real cell at IV65536, a shared
string table declaring two billion strings, reversed bounds, a sheet offset past the stream.
Reading one of them through calamine unguarded could abort the interpreter, so the end-to-end
refusals run in a child process (tests/test_cli_hostile.py); here only the scanner reads them.
"""

import shutil
import struct
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.errors import UserError
from planner.exchange.xls_scan import check_xls
from planner.exchange.xlsx_guard import check_workbook_file
from tests.hostile_files import libreoffice_xls

ROWS, COLUMNS = 6, 3


def small_ledger(path, *, far_cell: bool = False):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务台账"
    sheet.append(["任务内容", "牵头单位", "状态"])
    for number in range(1, ROWS):
        sheet.append([f"任务{number}", "省财政厅", "推进中"])
    if far_cell:
        sheet["IV65536"] = "末格"  # the last cell an .xls can hold
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xls")
    honest = libreoffice_xls(small_ledger(folder / "honest.xlsx"), folder)
    far = libreoffice_xls(small_ledger(folder / "far.xlsx", far_cell=True), folder)
    return honest, far


def patched(source, target, old: bytes, new: bytes):
    data = source.read_bytes()
    assert data.count(old) == 1, "the record to patch must be found exactly once"
    target.write_bytes(data.replace(old, new))
    return target


def dimensions(rows: int, columns: int, first_row: int = 0, first_column: int = 0) -> bytes:
    """A BIFF8 DIMENSIONS record ([MS-XLS] 2.4.90: id 0x0200, 14 bytes)."""
    return struct.pack("<HHIIHHH", 0x0200, 14, first_row, rows, first_column, columns, 0)


def test_an_honest_xls_passes_with_its_sheets_sized(xls_files):
    honest, _ = xls_files
    sheets = {sheet.name: sheet for sheet in check_xls(honest)}
    ledger = sheets["任务台账"]
    assert (ledger.declared_rows, ledger.declared_columns) == (ROWS, COLUMNS)
    assert (ledger.used_rows, ledger.used_columns) == (ROWS, COLUMNS)
    assert check_workbook_file(honest) == "xls"


def test_the_returned_libreoffice_resave_passes():
    sheets = check_xls(Path(__file__).parents[1] / "fixtures" / "returns" / "01_lo_resave.xls")
    assert [sheet.name for sheet in sheets] == ["任务台账", "单位列表", "台账信息"]


def test_a_declared_million_rows_is_refused_quickly(xls_files, tmp_path):
    honest, _ = xls_files
    hostile = patched(honest, tmp_path / "声明百万行.xls", dimensions(ROWS, COLUMNS), dimensions(1_048_576, 256))
    started = time.perf_counter()
    with pytest.raises(UserError) as refused:
        check_workbook_file(hostile)
    assert time.perf_counter() - started < 10
    assert refused.value.message.startswith("“声明百万行.xls”的工作表“任务台账”声明了 1048576 行 × 256 列，超过台账的上限")


def test_a_real_cell_at_iv65536_is_refused(xls_files, tmp_path):
    _, far = xls_files
    hostile = shutil.copy(far, tmp_path / "末格.xls")
    with pytest.raises(UserError) as refused:
        check_workbook_file(hostile)
    assert "“末格.xls”的工作表“任务台账”" in refused.value.message
    assert "65536 行 × 256 列" in refused.value.message


def test_reversed_bounds_are_refused_as_damaged(xls_files, tmp_path):
    honest, _ = xls_files
    hostile = patched(honest, tmp_path / "颠倒.xls", dimensions(ROWS, COLUMNS), dimensions(ROWS, COLUMNS, first_row=9))
    with pytest.raises(UserError) as refused:
        check_workbook_file(hostile)
    assert refused.value.message.startswith("“颠倒.xls”已损坏或不是有效的 Excel 97-2003（.xls）文件")


def test_a_string_table_declaring_two_billion_strings_is_refused(xls_files, tmp_path):
    honest, _ = xls_files
    data = honest.read_bytes()
    at = data.index(b"\xfc\x00")  # SST ([MS-XLS] 2.4.265): cstTotal, cstUnique, then the strings
    while struct.unpack_from("<I", data, at + 8)[0] > 1000:  # a false hit inside other data
        at = data.index(b"\xfc\x00", at + 1)
    hostile = tmp_path / "字符串表.xls"
    hostile.write_bytes(data[:at + 8] + struct.pack("<i", 2_000_000_000) + data[at + 12:])
    with pytest.raises(UserError) as refused:
        check_workbook_file(hostile)
    assert "“字符串表.xls”已损坏" in refused.value.message


def test_a_truncated_compound_file_is_refused_as_damaged(xls_files, tmp_path):
    honest, _ = xls_files
    hostile = tmp_path / "截断.xls"
    hostile.write_bytes(honest.read_bytes()[:1024])
    with pytest.raises(UserError) as refused:
        check_workbook_file(hostile)
    assert refused.value.message.startswith("“截断.xls”已损坏")


def test_a_panic_inside_calamine_is_reported_as_a_broken_file(xls_files, tmp_path, monkeypatch):
    from planner.exchange import xlsx_import

    panic = type("PanicException", (BaseException,), {})  # pyo3's, raised for a Rust panic

    def panicking(path, use):
        raise panic("index out of bounds: the len is 3 but the index is 14")

    monkeypatch.setattr(xlsx_import, "read_xls_grid", panicking)
    ledger = xlsx_import.read_ledger(shutil.copy(xls_files[0], tmp_path / "短记录.xls"))
    assert [problem.message for problem in ledger.errors] == [
        "“短记录.xls”已损坏或不是有效的 Excel 工作簿，无法读取；请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入。"]


# -- hand-made compound files: what LibreOffice never writes ------------------------------------

END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def biff_workbook(rows: int) -> bytes:
    """A BIFF8 workbook stream: globals naming one sheet 任务台账, and the sheet with one number cell."""
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    name = "任务台账".encode("utf-16-le")
    sheet_name = bytes([4, 1]) + name
    globals_ = record(0x0809, struct.pack("<HH12x", 0x0600, 0x0005))
    boundsheet_size = 4 + 6 + len(sheet_name)
    offset = len(globals_) + boundsheet_size + 4
    globals_ += record(0x0085, struct.pack("<IBB", offset, 0, 0) + sheet_name) + record(0x000A, b"")
    sheet = (record(0x0809, struct.pack("<HH12x", 0x0600, 0x0010)) + dimensions(rows, 1)
             + record(0x0203, struct.pack("<HHHd", 0, 0, 15, 1.0)) + record(0x000A, b""))
    return (globals_ + sheet).ljust(4096, b"\0")  # a regular stream, not in the mini stream


def compound_file(streams: list[tuple[str, bytes]], *, loop: bool = False) -> bytes:
    """A version-3 compound file ([MS-CFB]): header, one FAT sector, one directory sector, the streams."""
    size = 512
    fat = [FAT_SECTOR, END]
    data, directory = b"", []
    for name, content in streams:
        first, count = 2 + len(data) // size, -(-len(content) // size)
        fat += [first + n + 1 for n in range(count - 1)] + [first if loop else END]
        directory.append((name, 2, first, len(content)))
        data += content.ljust(count * size, b"\0")
    fat += [FREE] * (size // 4 - len(fat))

    def entry(name: str, kind: int, start: int, length: int, child: int = FREE, right: int = FREE) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, FREE, right, child)
                + bytes(16 + 4 + 16) + struct.pack("<III", start, length, 0))

    entries = entry("Root Entry", 5, END, 0, child=1)
    for number, (name, kind, start, length) in enumerate(directory, start=1):
        entries += entry(name, kind, start, length, right=number + 1 if number < len(directory) else FREE)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6,
                                                                              0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *[FREE] * 108))
    return header + struct.pack(f"<{size // 4}I", *fat) + entries.ljust(size, b"\0") + data


def test_a_hand_made_compound_file_is_read(tmp_path):
    path = tmp_path / "手工.xls"
    path.write_bytes(compound_file([("Workbook", biff_workbook(1))]))
    assert [(s.name, s.declared_rows, s.used_rows, s.used_columns) for s in check_xls(path)] == [("任务台账", 1, 1, 1)]


def test_a_looping_sector_chain_is_refused_as_damaged(tmp_path):
    path = tmp_path / "循环.xls"
    path.write_bytes(compound_file([("Workbook", biff_workbook(1))], loop=True))
    with pytest.raises(UserError) as refused:
        check_xls(path)
    assert refused.value.message.startswith("“循环.xls”已损坏")


def test_a_second_workbook_stream_cannot_hide_the_first(tmp_path):
    path = tmp_path / "两个流.xls"
    path.write_bytes(compound_file([("Workbook", biff_workbook(1_048_576)), ("Workbook", biff_workbook(1))]))
    with pytest.raises(UserError) as refused:
        check_xls(path)
    assert "声明了 1048576 行 × 1 列" in refused.value.message
