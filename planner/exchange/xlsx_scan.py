"""What python-calamine does not say about an .xlsx sheet, read from its XML before calamine reads it.

python-calamine 0.9 reports no formulas, error cells or number formats (a 1 in a ``0%`` cell
reads as 1.0), and it sizes a sheet by the cells it holds: a 5 KB file with cells at A1 and
XFD1048576 makes it allocate hundreds of GiB and abort the interpreter (issue 13). So the
sheet's XML is scanned as bytes first: its used range is checked against the limits, and the
cells calamine would misreport are listed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import UserError

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_SHEET_BYTES = 50 * 1024 * 1024
_CHUNK = 1 << 20
_CELL = re.compile(rb"<(?:\w+:)?c\s(?P<attrs>[^>]*?)/?>"
                   rb"(?P<f><(?:\w+:)?f\b[^>]*?(?:/>|>(?P<formula>[^<]*)</(?:\w+:)?f>))?"
                   rb"(?:<(?:\w+:)?v>(?P<v>[^<]*)</(?:\w+:)?v>)?|"
                   rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"(?P<merge>[A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"|"
                   rb"<dimension\b[^>]*?\bref=\"(?P<dimension>[A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_SAFE_END = 512  # a match this close to the end of the bytes read may be cut off: wait for more
_ATTRIBUTE = re.compile(rb"\b([rst])=\"([^\"]*)\"")
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_UNSAFE = (b"<!DOCTYPE", b"<!ENTITY")
_PERCENT_BUILTIN = {9, 10}


@dataclass
class SheetScan:
    """One sheet as scanned: used range, merges and the cells calamine misreports, by (row, column)."""

    rows: int = 0
    columns: int = 0
    declared: tuple[int, int] = (0, 0)  # rows × columns its <dimension> claims
    merges: list[str] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    percents: set[tuple[int, int]] = field(default_factory=set)
    unlocated: bool = False  # a cell without its address: only a full parser can place it


def sheet_members(path: Path) -> dict[str, str]:
    """Sheet name → its zip member (xl/worksheets/sheet1.xml), from workbook.xml and its rels."""
    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relations = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    members = {}
    for sheet in workbook.iter(f"{main}sheet"):
        target = targets.get(sheet.get(f"{relations}id"), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if member in names:
            members[sheet.get("name", "")] = member
    return members


def check_package_xml(path: Path) -> None:
    """Refuse a package whose XML parts declare a DTD or entities (entity bombs, XXE).

    Raises:
        UserError: such a part was found.
    """
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as stream:
                    head = stream.read(4096)
                if any(mark in head for mark in _UNSAFE):
                    raise UserError(f"“{path.name}”含有不安全的 XML 内容（实体定义），已拒绝读取。")


def scan_sheet(path: Path, member: str, sheet: str) -> SheetScan:
    """Scan one sheet's XML; refuses a sheet over the limits before anything allocates it.

    Raises:
        UserError: the sheet holds over MAX_SHEET_BYTES of XML, or cells beyond MAX_ROWS rows
            or MAX_COLUMNS columns, or XML with entity declarations.
    """
    percent_styles = _percent_styles(path)
    scan = SheetScan()
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo(member).file_size
        if size > MAX_SHEET_BYTES:
            raise UserError(f"“{path.name}”的工作表“{sheet}”有 {size / 1024 / 1024:.0f} MB 数据，超过上限 50 MB，未读取；"
                            "请只保留台账内容后再导入。")
        with archive.open(member) as stream:
            tail = b""
            first = True
            while chunk := stream.read(_CHUNK):
                if first and any(mark in chunk[:4096] for mark in _UNSAFE):
                    raise UserError(f"“{path.name}”含有不安全的 XML 内容（实体定义），已拒绝读取。")
                first = False
                data = tail + chunk
                last_end = 0
                for match in _CELL.finditer(data):
                    if match.end() > len(data) - _SAFE_END:
                        break  # possibly cut off: read again with the next chunk
                    _take(match, scan, percent_styles)
                    last_end = match.end()
                tail = data[last_end:]
            for match in _CELL.finditer(tail):
                _take(match, scan, percent_styles)
    if scan.rows > MAX_ROWS or scan.columns > MAX_COLUMNS:
        raise UserError(f"“{path.name}”的工作表“{sheet}”用到了 {scan.rows} 行 × {scan.columns} 列，超过台账的上限"
                        f"（{MAX_ROWS} 行、{MAX_COLUMNS} 列），未读取；请删除多余的行列后再导入。")
    return scan


def _take(match: re.Match, scan: SheetScan, percent_styles: set[int]) -> None:
    if match["merge"]:
        scan.merges.append(match["merge"].decode("ascii"))
        return
    if match["dimension"]:
        scan.declared = _extent(match["dimension"].decode("ascii"))
        return
    attributes = dict(_ATTRIBUTE.findall(match["attrs"]))
    ref = attributes.get(b"r")
    located = _REF.fullmatch(ref.decode("ascii")) if ref else None
    if not located:
        scan.unlocated = True
        return
    row, column = int(located[2]), _column_number(located[1])
    scan.rows, scan.columns = max(scan.rows, row), max(scan.columns, column)
    if match["f"]:
        scan.formulas[(row, column)] = "=" + _unescape(match["formula"] or b"")
    if attributes.get(b"t") == b"e":
        scan.errors[(row, column)] = _unescape(match["v"] or b"#VALUE!")
    if attributes.get(b"s", b"").isdigit() and int(attributes[b"s"]) in percent_styles:
        scan.percents.add((row, column))


def _percent_styles(path: Path) -> set[int]:
    """Indexes of the cell styles whose number format shows a percentage."""
    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        if "xl/styles.xml" not in archive.namelist():
            return set()
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    percent_ids = set(_PERCENT_BUILTIN)
    for number_format in styles.iter(f"{main}numFmt"):
        if "%" in number_format.get("formatCode", "") and number_format.get("numFmtId", "").isdigit():
            percent_ids.add(int(number_format.get("numFmtId")))
    found = set()
    cell_xfs = styles.find(f"{main}cellXfs")
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        if xf.get("numFmtId", "0").isdigit() and int(xf.get("numFmtId", "0")) in percent_ids:
            found.add(index)
    return found


def _extent(ref: str) -> tuple[int, int]:
    last = _REF.fullmatch(ref.split(":")[-1])
    return (int(last[2]), _column_number(last[1])) if last else (0, 0)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _unescape(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
