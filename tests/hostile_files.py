"""Hostile workbooks, built on the spot: for the refusal tests and for tests/perf/bench_hostile.py.

Each builder writes one file into ``folder`` and returns its path; none needs more than a few
megabytes of memory to build (the bombs are streamed into their zip member).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from tests.libreoffice import convert

# What a department's return holds: 12 columns (without the hidden 任务标识).
HONEST_HEADER = ["序号", "对应条目", "任务内容", "牵头单位", "配合单位", "分管领导", "完成时限", "状态", "进度(%)",
                 "最新进展", "进展日期", "备注"]
_SHEET_START = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_END = b"</sheetData></worksheet>"
_FIRST_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>任务内容</t></is></c></row>'.encode()


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo is stored uncompressed
    return info


def plain_workbook(path: Path, rows: list[list], *, title: str = "任务台账") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _with_sheet(source: Path, target: Path, write_sheet) -> Path:
    """Copy a workbook, writing its first sheet's XML through ``write_sheet(stream)`` (streamed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for info in old.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with new.open(_deflated(info.filename), "w", force_zip64=True) as stream:
                    write_sheet(stream)
            else:
                new.writestr(info, old.read(info.filename))
    return target


def far_cell_xlsx(folder: Path, *, column: str = "XFD", row: int = 1_048_576, name: str = "末格.xlsx") -> Path:
    """A 5 KB .xlsx with cells at A1 and XFD1048576: calamine would allocate the whole range (512 GiB)."""
    base = plain_workbook(folder / "far-base.xlsx", [["任务内容", "牵头单位"]])
    far = f'<row r="{row}"><c r="{column}{row}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()

    def write(stream) -> None:
        stream.write(_SHEET_START + _FIRST_ROW + far + _SHEET_END)

    return _with_sheet(base, folder / name, write)


def corner_cell_xlsx(folder: Path) -> Path:
    """Cells at A1 and GR100000: rows and columns each within their limit, but calamine's rectangle
    of 20,000,000 cells would take 640 MB."""
    return far_cell_xlsx(folder, column="GR", row=100_000, name="角落.xlsx")


def largest_accepted_xlsx(folder: Path) -> Path:
    """Cells at A1 and T100000: the largest rectangle accepted (2,000,000 cells)."""
    return far_cell_xlsx(folder, column="T", row=100_000, name="最大区域.xlsx")


def unique_numbers_xlsx(folder: Path) -> Path:
    """Under a three-word header, 99,999 rows × 16 columns of different numbers: 1,600,000 values,
    each kept (the columns the 台账 does not have are kept with the row), in 47 MB of sheet XML,
    about as many as the 50 MB limit lets an .xlsx hold."""
    base = plain_workbook(folder / "numbers-base.xlsx", [["任务内容"]])
    letters = [chr(ord("A") + n) for n in range(16)]
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>任务内容'
              '</t></is></c><c r="C1" t="inlineStr"><is><t>牵头单位</t></is></c></row>').encode()

    def write(stream) -> None:
        stream.write(_SHEET_START + header)
        for row in range(2, 100_001):
            stream.write(f'<row r="{row}">'.encode() + "".join(
                f'<c r="{letter}{row}"><v>{row * 16 + n}</v></c>' for n, letter in enumerate(letters)).encode()
                + b"</row>")
        stream.write(_SHEET_END)

    return _with_sheet(base, folder / "不同数字.xlsx", write)


def zip_bomb_xlsx(folder: Path, *, megabytes: int = 280) -> Path:
    """An .xlsx of under a megabyte whose sheet XML inflates to ``megabytes`` MB of rows."""
    base = plain_workbook(folder / "bomb-base.xlsx", [["任务内容", "牵头单位"]])
    row = b'<row><c t="inlineStr"><is><t>' + "推进区域协调发展".encode() * 8 + b"</t></is></c></row>"
    block = row * (1024 * 1024 // len(row) + 1)

    def write(stream) -> None:
        stream.write(_SHEET_START + _FIRST_ROW)
        for _ in range(megabytes):
            stream.write(block)
        stream.write(_SHEET_END)

    return _with_sheet(base, folder / "压缩炸弹.xlsx", write)


_ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
             '<office:spreadsheet><table:table table:name="任务台账">').encode()
_ODS_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_bomb(folder: Path, *, megabytes: int = 280) -> Path:
    """An .ods of under a megabyte whose content.xml inflates to ``megabytes`` MB of rows."""
    row = ('<table:table-row><table:table-cell office:value-type="string"><text:p>'
           + "推进区域协调发展" * 8 + "</text:p></table:table-cell></table:table-row>").encode()
    block = row * (1024 * 1024 // len(row) + 1)
    path = folder / "压缩炸弹.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        with archive.open(_deflated("content.xml"), "w", force_zip64=True) as stream:
            stream.write(_ODS_HEAD)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(_ODS_TAIL)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path


def dense_ods(folder: Path, *, name: str = "重复单元格.ods", header: tuple[str, ...] = ("任务内容",)) -> Path:
    """A 1 KB .ods whose repeated rows and cells fill the largest rectangle accepted with numbers
    (99,999 rows × 20 columns under a header row): everything calamine returns is a value."""
    rows = ('<table:table-row table:number-rows-repeated="99999"><table:table-cell '
            'table:number-columns-repeated="20" office:value-type="float" office:value="1"/></table:table-row>')
    header = "<table:table-row>" + "".join(f'<table:table-cell office:value-type="string"><text:p>{word}</text:p>'
                                           "</table:table-cell>" for word in header) + "</table:table-row>"
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _ODS_HEAD + (header + rows).encode() + _ODS_TAIL)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path


def dense_ods_with_header(folder: Path) -> Path:
    """dense_ods under a real header: every one of its 99,999 rows is read as a task row."""
    return dense_ods(folder, name="重复任务行.ods", header=("序号", "任务内容", "牵头单位"))


def long_csv(folder: Path) -> Path:
    """A 400 KB CSV of 100,001 task rows under its header: one row over the limit."""
    path = folder / "十万零一行.csv"
    path.write_text("任务内容,牵头单位\n" + "甲,乙\n" * 100_001, encoding="utf-8")
    return path


def wide_csv(folder: Path) -> Path:
    """A 45 MB CSV of 200 one-character columns: read whole as cells it took 2 GB."""
    row = ",".join(["1"] * 200) + "\n"
    path = folder / "宽表.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("任务内容,牵头单位\n")
        for _ in range(45_000_000 // len(row)):
            out.write(row)
    return path


def libreoffice_xls(source: Path, folder: Path) -> Path:
    """LibreOffice's .xls of ``source`` (Excel 97–2003, BIFF8 in a compound file)."""
    return convert(source, folder, "xls")


def dimensions_record(rows: int, columns: int, first_row: int = 0, first_column: int = 0) -> bytes:
    """A BIFF8 DIMENSIONS record ([MS-XLS] 2.4.90: id 0x0200, 14 bytes): rows and columns are one past the last."""
    return struct.pack("<HHIIHHH", 0x0200, 14, first_row, rows, first_column, columns, 0)


def declared_million_rows_xls(folder: Path) -> Path:
    """A small .xls whose sheet's DIMENSIONS declares 1,048,576 rows × 256 columns (calamine reserves them)."""
    rows = [["任务内容", "牵头单位", "状态"], *[[f"任务{n}", "省财政厅", "推进中"] for n in range(1, 6)]]
    honest = libreoffice_xls(plain_workbook(folder / "dims.xlsx", rows), folder)
    data = honest.read_bytes()
    old = dimensions_record(len(rows), 3)
    assert data.count(old) == 1, "the DIMENSIONS record to patch must be found exactly once"
    target = folder / "声明百万行.xls"
    target.write_bytes(data.replace(old, dimensions_record(1_048_576, 256)))
    return target


def last_cell_xls(folder: Path) -> Path:
    """An .xls with a real cell at IV65536, the last an .xls can hold: 65,536 rows × 256 columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务台账"
    sheet.append(["任务内容", "牵头单位"])
    sheet["IV65536"] = "末格"
    workbook.save(folder / "末格xls.xlsx")
    return libreoffice_xls(folder / "末格xls.xlsx", folder)


def honest_return(folder: Path, rows: int = 99_999) -> Path:
    """A 12-column return with ``rows`` task rows under its header, written as Excel writes it.

    Excel keeps text in a shared-string table and the sheet holds indexes into it (openpyxl
    writes every Chinese character as an XML character reference, three times the size: a
    100,000-row sheet of its would be over the 50 MB limit). Just under the 100,000-row limit.
    """
    strings: dict[str, int] = {}

    def cell(ref: str, value: object) -> bytes:
        if value == "":
            return b""  # Excel writes no element for an empty cell
        if isinstance(value, str):
            index = strings.setdefault(value, len(strings))
            return f'<c r="{ref}" t="s"><v>{index}</v></c>'.encode()
        return f'<c r="{ref}"><v>{value}</v></c>'.encode()

    letters = [chr(ord("A") + n) for n in range(len(HONEST_HEADER))]

    def write_sheet(stream) -> None:
        stream.write(_SHEET_START)
        for number, values in enumerate(_honest_rows(rows), start=1):
            stream.write(f'<row r="{number}">'.encode() + b"".join(
                cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=True)) + b"</row>")
        stream.write(_SHEET_END)

    base = plain_workbook(folder / "honest-base.xlsx", [["任务内容"]])
    path = folder / "十万行.xlsx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        with new.open(_deflated("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as stream:
            write_sheet(stream)
        with new.open(_deflated("xl/sharedStrings.xml"), "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                         b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % ((len(strings),) * 2))
            for text in strings:
                stream.write(b"<si><t>" + escape(text).encode() + b"</t></si>")
            stream.write(b"</sst>")
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                                    b'Id="rIdStrings"/></Relationships>')
            elif info.filename == "xl/worksheets/sheet1.xml":
                continue
            new.writestr(info, data)
    return path


def _honest_rows(rows: int):
    yield HONEST_HEADER
    for number in range(1, rows + 1):
        yield [f"{number // 100 % 30 + 1}.{number}", "（四）推动国家重大区域战略融合发展",
               f"推进第{number}项区域协调发展重点任务，完善配套政策并组织实施", "省发展改革委", "省财政厅、省自然资源厅",
               "王志远", "2026年底前", "推进中", 40, f"第{number}项已召开专题会议，完成阶段目标", "2026-11-20", ""]
