"""The declared and used size of each sheet of an Excel 97–2003 .xls, read before python-calamine opens it.

python-calamine reads every sheet of an .xls when the workbook is opened, and sizes each by
numbers in the file: it reserves room for the rows × columns the sheet's DIMENSIONS record
declares, and then for the rectangle from the first to the last cell. A file that declares
1,048,576 rows × 256 columns (or holds one cell at IV65536) makes it ask for gigabytes, and a
failed allocation aborts the interpreter with no exception (issue 13). So this module reads the
few structures that decide those sizes, without calamine, and refuses a sheet over the limits.

Two formats are involved:
- the container, a Compound File ([MS-CFB] 2.2 header, 2.3 sectors and the FAT, 2.6
  directory entries): the FAT, directory and stream chains are followed with a bound on
  their length, as a looping chain would make a reader grow without end;
- the "Workbook" (BIFF8) or "Book" (BIFF5) stream ([MS-XLS] 2.1.4 records: a 2-byte id and a
  2-byte length): BoundSheet8 0x0085 gives each sheet's offset, SST 0x00FC declares how many
  strings follow, FilePass 0x002F marks an encrypted workbook; in each sheet, Dimensions
  0x0200 and the records that calamine turns into cells — Number 0x0203, Label 0x0204,
  BoolErr 0x0205, RK 0x027E, LabelSst 0x00FD, MulRk 0x00BD, Formula 0x0006 (with String
  0x0207 after it) — each starting with its row and column (2 bytes each). Row 0x0208
  records, which only size rows, are not needed: a BIFF8 row number stops at 65,535,
  below the row limit.

The same walk finds the number formats calamine does not report (percentages, fixed decimals),
so the guard's one pass over the records is all the reader needs (issue 13's final read).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import UserError
from planner.exchange.number_formats import BUILTIN_FORMATS, meaningful_format
from planner.exchange.xlsx_scan import MAX_SHEET_BYTES, SheetScan, refuse_oversized

_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MINI_STREAM_CUTOFF = 4096  # [MS-CFB] 2.2: smaller streams live in the mini stream
_MINI_SECTOR = 64
_HEADER_DIFAT = 109  # DIFAT entries held in the header itself

_EOF, _CONTINUE = 0x000A, 0x003C
_BOUNDSHEET, _SST, _FILEPASS = 0x0085, 0x00FC, 0x002F
_DIMENSIONS, _MULRK, _FORMULA = 0x0200, 0x00BD, 0x0006
# Records calamine reads a cell from, each starting with row (2 bytes) and column (2 bytes).
_CELLS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006})
# [MS-XLS] 2.4.126 Format 0x041E (ifmt, then the format string), 2.4.353 XF 0x00E0 (ifmt at
# offset 2; the n-th XF record is style n), and the cells that carry a number with their XF
# index at offset 4: Number 0x0203, RK 0x027E, Formula 0x0006, and MulRk 0x00BD (6 bytes per
# cell from offset 4). What a format means: number_formats. Read in scan_workbook's walk.
_FORMAT, _XF = 0x041E, 0x00E0
_NUMBER_CELLS = frozenset({0x0203, 0x027E, 0x0006})
_STYLE = struct.Struct("<H")


class _Damaged(Exception):
    """The container or a record is inconsistent: the file is refused as damaged."""


@dataclass(frozen=True)
class XlsSheet:
    """One sheet as scanned: its name, the size its DIMENSIONS record declares and the size its cells use."""

    name: str
    declared_rows: int
    declared_columns: int
    used_rows: int
    used_columns: int
    size: int  # bytes of the sheet's records
    # Its number cells whose format changes what they mean: ``percents`` and ``decimals`` filled.
    formats: SheetScan = field(default_factory=SheetScan, compare=False, repr=False)


@dataclass(frozen=True)
class XlsScan:
    """An .xls as its one walk found it: every sheet scanned (of every workbook stream), and by
    sheet name the number formats of the stream calamine reads (the first)."""

    sheets: list[XlsSheet]
    formats: dict[str, SheetScan]


def check_xls(path: Path) -> list[XlsSheet]:
    """Refuse an .xls that calamine could not open safely; returns its sheets as scanned.

    Raises:
        UserError: as scan_xls.
    """
    return scan_xls(path).sheets


def scan_xls(path: Path) -> XlsScan:
    """Refuse an .xls that calamine could not open safely; its sheets and number formats, in one walk.

    Raises:
        UserError: naming the file (and the sheet) — encrypted, damaged, or a sheet declaring or
            using more than xlsx_scan's MAX_ROWS rows, MAX_COLUMNS columns or MAX_CELLS cells,
            or over MAX_SHEET_BYTES.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"无法读取“{path.name}”：{error.strerror or error}") from None
    try:
        streams = [scan_workbook(stream) for stream in workbook_streams(data)]
    except _Damaged as error:
        raise UserError(f"“{path.name}”已损坏或不是有效的 Excel 97-2003（.xls）文件（{error}），无法读取；"
                        "请在 WPS 或 Excel 中另存为 .xlsx 后再导入。") from None
    except _Encrypted:
        raise UserError(f"“{path.name}”设置了打开密码（已加密），无法读取；请取消密码，"
                        "在 WPS 或 Excel 中另存为 .xlsx 后再导入。") from None
    sheets = [sheet for scanned in streams for sheet in scanned]
    for sheet in sheets:
        _check_sheet(path, sheet)
    return XlsScan(sheets, {sheet.name: sheet.formats for sheet in streams[0]})


def _check_sheet(path: Path, sheet: XlsSheet) -> None:
    where = f"“{path.name}”的工作表“{sheet.name}”"
    if sheet.size > MAX_SHEET_BYTES:
        raise UserError(f"{where}有 {sheet.size / 1024 / 1024:.0f} MB 数据，超过上限 50 MB，未读取；"
                        "请只保留台账内容后再导入。")
    refuse_oversized(where, sheet.used_rows, sheet.used_columns)
    # calamine reserves the declared rectangle before it reads a cell, even where no cell is.
    refuse_oversized(where, sheet.declared_rows, sheet.declared_columns, declared=True)


class _Encrypted(Exception):
    """FilePass: the workbook stream is encrypted."""


# -- the compound file ------------------------------------------------------------------------

def workbook_streams(data: bytes) -> list[bytes]:
    """The "Workbook" (or "Book") streams of a compound file (one, unless the file is odd), its chains checked.

    Every stream's declared size is checked against the file too: calamine reserves the
    declared size before it follows a chain.
    """
    if len(data) < 512 or not data.startswith(_SIGNATURE):
        raise _Damaged("不是复合文档")
    (major, byte_order, sector_shift, mini_shift, directory_sectors, fat_sectors, directory_start,
     mini_cutoff, mini_fat_start, mini_fat_sectors, difat_start, difat_sectors) = struct.unpack_from(
        "<2xHHHH6xIIIxxxxIIIII", data, 24)
    if byte_order != 0xFFFE or mini_shift != 6 or (major, sector_shift) not in ((3, 9), (4, 12)):
        raise _Damaged("文件头不正确")
    size = 1 << sector_shift
    sectors = (len(data) - 512 + size - 1) // size  # sectors the file holds after its header
    for count in (directory_sectors, fat_sectors, mini_fat_sectors, difat_sectors):
        if count > sectors:
            raise _Damaged("文件头声明的扇区数超过文件大小")

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise _Damaged("扇区编号超出文件")
        start = 512 + number * size
        return data[start:start + size].ljust(size, b"\0")

    fat_ids = [n for n in struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 76) if n != _FREE]
    next_difat, seen = difat_start, 0
    while next_difat not in (_END_OF_CHAIN, _FREE):
        seen += 1
        if seen > difat_sectors or seen > sectors:
            raise _Damaged("DIFAT 链循环或过长")
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        fat_ids += [n for n in entries[:-1] if n != _FREE]
        next_difat = entries[-1]
    if len(fat_ids) > sectors:
        raise _Damaged("FAT 扇区过多")
    fat = [entry for number in fat_ids for entry in struct.unpack(f"<{size // 4}I", sector(number))]

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found = []
        while start != _END_OF_CHAIN:
            if start >= len(table) or len(found) >= limit:
                raise _Damaged("扇区链断开、循环或过长")
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat, sectors))
    entries = [_entry(directory[at:at + 128], major) for at in range(0, len(directory) - 127, 128)]
    if not entries or entries[0][2] != 5:
        raise _Damaged("没有根目录")
    if mini_cutoff != _MINI_STREAM_CUTOFF:  # [MS-CFB] 2.2: it MUST be 4096; calamine assumes it
        raise _Damaged("文件头不正确")
    for _, _, kind, _, length in entries:
        if kind in (1, 2, 5) and length > len(data):
            raise _Damaged("流的声明大小超过文件大小")
    # The mini stream and its FAT are loaded whenever the file is opened: their chains too must end.
    root_start, root_length = entries[0][3], entries[0][4]
    mini_stream = b"".join(sector(n) for n in chain(root_start, fat, sectors))[:root_length]
    mini_fat_bytes = b"".join(sector(n) for n in chain(mini_fat_start, fat, sectors))
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
    # calamine takes the first entry named Workbook (else Book), of any type, its name cut at the
    # first NUL; the name's length field may say otherwise. Every entry either reading could take
    # is checked, so no second entry of the same name can hide the one that is read.
    streams = []
    for wanted in ("Workbook", "Book"):
        for name, counted, _, start, length in entries:
            if wanted not in (name, counted):
                continue
            if length < _MINI_STREAM_CUTOFF:
                numbers = chain(start, mini_fat, len(mini_stream) // _MINI_SECTOR + 1)
                stream = b"".join(mini_stream[n * _MINI_SECTOR:(n + 1) * _MINI_SECTOR] for n in numbers)
            else:
                stream = b"".join(sector(n) for n in chain(start, fat, sectors))
            streams.append(stream[:length])
    if not streams:
        raise _Damaged("没有 Workbook 流")
    return streams


def _entry(raw: bytes, major: int) -> tuple[str, str, int, int, int]:
    """(name up to its first NUL, name by its length field, object type, starting sector, stream size)
    of a directory entry ([MS-CFB] 2.6.1)."""
    name_bytes = struct.unpack_from("<H", raw, 64)[0]
    text = raw[:64].decode("utf-16-le", "ignore")
    counted = raw[:max(0, min(name_bytes, 64) - 2)].decode("utf-16-le", "replace")
    start, low, high = struct.unpack_from("<III", raw, 116)
    # Version 3 files may leave garbage in the high half of the size (MS-CFB 2.6.3): ignored.
    return text.split("\0", 1)[0], counted, raw[66], start, low if major == 3 else low | high << 32


# -- the workbook stream ----------------------------------------------------------------------

_HEAD = struct.Struct("<HH")  # a record's id and length; also a cell record's row and column
_CODEPAGE = 0x0042


def scan_workbook(stream: bytes) -> list[XlsSheet]:
    """Each sheet's declared and used size and its formatted number cells, from the records of a
    BIFF5/BIFF8 workbook stream."""
    sheets: list[tuple[int, bytes]] = []
    formats: dict[int, str] = {}
    styles: list[int] = []
    encoding = "cp1252"
    at = 0
    while at + 4 <= len(stream):
        record, length = _HEAD.unpack_from(stream, at)
        body = stream[at + 4:at + 4 + length]
        if len(body) < length:
            raise _Damaged("记录超出数据流末尾")
        at += 4 + length
        if record == _FILEPASS:
            raise _Encrypted
        if record == _CODEPAGE and length >= 2:
            encoding = f"cp{_HEAD.unpack_from(body + bytes(2))[0]}"
        elif record == _BOUNDSHEET:
            if length < 8:
                raise _Damaged("工作表目录记录过短")
            sheets.append((struct.unpack_from("<I", body)[0], body[6:]))
        elif record == _SST:
            if length < 8:
                raise _Damaged("共享字符串表过短")
            declared = struct.unpack_from("<i", body, 4)[0]
            # Each string takes at least 3 bytes (its length and flags): calamine reserves room
            # for the declared number before it reads them.
            if declared < 0 or declared > (length + _continued(stream, at)) // 3 + 1:
                raise _Damaged("共享字符串表声明的数量与内容不符")
        elif record == _FORMAT and length >= 3:
            formats[struct.unpack_from("<H", body)[0]] = _format_string(body[2:], encoding)
        elif record == _XF and length >= 4:
            styles.append(struct.unpack_from("<H", body, 2)[0])
        elif record == _EOF:
            break
    meaning = {index: meaningful_format(formats.get(ifmt, BUILTIN_FORMATS.get(ifmt, "")))
               for index, ifmt in enumerate(styles)}
    meaning = {index: code for index, code in meaning.items() if code}
    return [_scan_sheet(stream, offset, _sheet_name(raw, encoding), meaning) for offset, raw in sheets]


def _continued(stream: bytes, at: int) -> int:
    """Bytes of the Continue records (0x003C) from ``at`` on: the rest of the record before them."""
    total = 0
    while at + 4 <= len(stream):
        record, length = _HEAD.unpack_from(stream, at)
        if record != _CONTINUE:
            break
        total += length
        at += 4 + length
    return total


def _scan_sheet(stream: bytes, offset: int, name: str, meaning: dict[int, str]) -> XlsSheet:
    """One sheet's records from its BOF to its EOF: Dimensions, the row and column of each cell,
    and the number cells whose style (XF index) is in ``meaning`` (style → format, number_formats)."""
    if offset >= len(stream):
        raise _Damaged(f"工作表“{name}”的位置超出文件")
    declared = (0, 0)
    rows = columns = 0
    at, end = offset, len(stream)
    unpack = _HEAD.unpack_from
    style_at = _STYLE.unpack_from
    found = SheetScan()
    number_cells = _NUMBER_CELLS if meaning else frozenset()  # most returns format no number
    while at + 4 <= end:  # one pass over what may be 50 MB of small records: kept lean
        record, length = unpack(stream, at)
        body = at + 4
        at = body + length
        if at > end:
            raise _Damaged("记录超出数据流末尾")
        if record in _CELLS:
            if length < 6:
                raise _Damaged(f"工作表“{name}”中有过短的单元格记录")
            row, column = unpack(stream, body)
            if row >= rows:
                rows = row + 1
            if column >= columns:
                columns = column + 1
            if record in number_cells:
                code = meaning.get(style_at(stream, body + 4)[0])
                if code:
                    _note_format(found, (row + 1, column + 1), code)
        elif record == _MULRK:
            if length < 6:
                raise _Damaged(f"工作表“{name}”中有过短的单元格记录")
            row, first = unpack(stream, body)
            last = style_at(stream, at - 2)[0]
            if last < first:
                raise _Damaged(f"工作表“{name}”中有列范围颠倒的记录")
            rows, columns = max(rows, row + 1), max(columns, last + 1)
            if meaning:  # 6 bytes a cell from offset 4: its XF index, then its RK value
                for index in range((length - 6) // 6):
                    code = meaning.get(style_at(stream, body + 4 + 6 * index)[0])
                    if code:
                        _note_format(found, (row + 1, first + index + 1), code)
        elif record == _DIMENSIONS:
            declared = _dimensions(stream[body:at], name)
        elif record == _EOF:
            break
    return XlsSheet(name, declared[0], declared[1], rows, columns, at - offset, found)


def _note_format(scan: SheetScan, cell: tuple[int, int], code: str) -> None:
    """A formatted number cell ((row, column) from 1): a percentage, or a fixed number of decimals."""
    if code == "0%":
        scan.percents.add(cell)
    else:
        scan.decimals[cell] = code


def _dimensions(body: bytes, name: str) -> tuple[int, int]:
    """(rows, columns) a Dimensions record declares: BIFF8 has 4-byte rows, BIFF5 2-byte ones."""
    if len(body) >= 14:
        first_row, past_row, first_column, past_column = struct.unpack_from("<IIHH", body)
    elif len(body) >= 10:
        first_row, past_row, first_column, past_column = struct.unpack_from("<HHHH", body)
    else:
        raise _Damaged(f"工作表“{name}”的尺寸记录过短")
    # calamine subtracts first from last in unsigned arithmetic: reversed bounds wrap to 2**32.
    if (past_row and first_row > past_row) or (past_column and first_column > past_column):
        raise _Damaged(f"工作表“{name}”的尺寸记录首尾颠倒")
    return past_row, past_column


def _sheet_name(raw: bytes, encoding: str) -> str:
    """A ShortXLUnicodeString ([MS-XLS] 2.5.240): count, then (BIFF8) a flag for 2-byte characters."""
    if not raw:
        return ""
    count = raw[0]
    if len(raw) >= 2 and raw[1] in (0, 1) and len(raw) >= 2 + count * (raw[1] + 1):
        return raw[2:2 + count * 2].decode("utf-16-le", "replace") if raw[1] else raw[2:2 + count].decode("latin-1")
    try:  # BIFF5: 8-bit characters in the workbook's code page (936 for GBK)
        return raw[1:1 + count].decode(encoding, "replace")
    except LookupError:
        return raw[1:1 + count].decode("latin-1")


# -- number formats ------------------------------------------------------------------------------


def _format_string(raw: bytes, encoding: str) -> str:
    """BIFF8: XLUnicodeString (2-byte count, flags, characters); BIFF5: 1-byte count, then bytes."""
    if len(raw) >= 3 and raw[2] in (0, 1):
        count = struct.unpack_from("<H", raw)[0]
        if raw[2]:
            return raw[3:3 + 2 * count].decode("utf-16-le", "replace")
        return raw[3:3 + count].decode("latin-1")
    try:
        return raw[1:1 + raw[0]].decode(encoding, "replace")
    except LookupError:
        return raw[1:1 + raw[0]].decode("latin-1")
