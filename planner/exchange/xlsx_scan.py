"""What python-calamine does not say about an .xlsx sheet, read from its XML before calamine reads it.

python-calamine 0.9 reports no formulas, error cells or number formats (a 1 in a ``0%`` cell
reads as 1.0), and it sizes a sheet by the cells it holds: a 5 KB file with cells at A1 and
XFD1048576 makes it allocate hundreds of GiB and abort the interpreter (issue 13). So the
sheet's XML is scanned as bytes first: its used range is checked against the limits, and the
cells calamine would misreport are listed.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import UserError
from planner.exchange.number_formats import BUILTIN_FORMATS, meaningful_format
from planner.exchange.cell_address import column_number

MAX_ROWS = 100_000
MAX_COLUMNS = 200
# python-calamine holds a sheet as a dense rectangle of about 32 bytes a cell (40 while an .xls is
# read): 100,000 rows × 200 columns, both within their limits, would be 640 MB, and each value
# read becomes Python objects of about 100 bytes more. The rectangle is capped so that reading
# any accepted file stays under 500 MB (issue 13; a 14-column 台账 of 100,000 tasks is 1,400,000
# cells; tests/perf/bench_hostile.py measures the largest accepted ones).
MAX_CELLS = 2_000_000
MAX_SHEET_BYTES = 50 * 1024 * 1024
_CHUNK = 1 << 20
# Each pattern runs over whole chunks in C; Python only sees the few cells that need it.
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
# Excel, WPS, LibreOffice and openpyxl write r first and no prefix: the fast pattern finds every
# cell then; when the counts disagree the tolerant one is used, and a cell it cannot place either
# sends the file to openpyxl.
_CELL_REF_FAST = re.compile(rb"<c r=\"([A-Z]{1,3})([0-9]{1,7})\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_FORMULA = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"[^>]*>"
                      rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")
_ERROR = re.compile(rb"<(?:\w+:)?c\s(?=[^>]*\bt=\"e\")[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"[^>]*>"
                    rb"(?:<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>))?(?:<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>)?")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_UNSAFE = (b"<!DOCTYPE", b"<!ENTITY")


@dataclass
class SheetScan:
    """One sheet as scanned: used range, merges and the cells calamine misreports, by (row, column)."""

    rows: int = 0
    columns: int = 0
    merges: list[str] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    percents: set[tuple[int, int]] = field(default_factory=set)
    decimals: dict[tuple[int, int], str] = field(default_factory=dict)  # "0.00" cells: 24.1 shows as 24.10
    unlocated: bool = False  # a cell without its address: only a full parser can place it


def sheet_members(path: Path) -> dict[str, str]:
    """Sheet name → its zip member (xl/worksheets/sheet1.xml), from workbook.xml and its rels.

    Namespaces are ignored, so Strict Open XML workbooks (other namespace URIs) are read too.
    """
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    members = {}
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet") and sheet.tag != "sheet":
            continue
        relation = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), "")
        target = targets.get(relation, "")
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
    percent_styles, decimal_styles = _number_styles(path)
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
                # Whole rows only: a cell cut off at the chunk's end is read with the next chunk.
                cut = _whole_rows_end(data)
                _scan_bytes(data[:cut], scan, percent_styles, decimal_styles)
                tail = data[cut:]
            _scan_bytes(tail, scan, percent_styles, decimal_styles)
    refuse_oversized(f"“{path.name}”的工作表“{sheet}”", scan.rows, scan.columns)
    return scan


def refuse_oversized(where: str, rows: int, columns: int, *, declared: bool = False) -> None:
    """Refuse a sheet whose used (or ``declared``) range is over MAX_ROWS, MAX_COLUMNS or MAX_CELLS.

    Raises:
        UserError: "<where>用到了 rows 行 × columns 列，超过台账的上限…", naming the limit.
    """
    verb = "声明了" if declared else "用到了"
    advice = "请在 WPS 或 Excel 中另存为 .xlsx 后再导入。" if declared else "请删除多余的行列后再导入。"
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UserError(f"{where}{verb} {rows} 行 × {columns} 列，超过台账的上限"
                        f"（{MAX_ROWS} 行、{MAX_COLUMNS} 列），未读取；{advice}")
    if rows * columns > MAX_CELLS:
        raise UserError(f"{where}{verb} {rows} 行 × {columns} 列，共 {rows * columns} 个单元格，超过台账的上限"
                        f"（{MAX_CELLS} 个单元格），未读取；{advice}")


def _whole_rows_end(data: bytes) -> int:
    """Where the last </row> in ``data`` ends (0 if none), searched from the end."""
    end = data.rfind(b"row>")
    while end >= 0:
        start = data.rfind(b"<", 0, end)
        if start >= 0 and _ROW_END.fullmatch(data, start, end + 4):
            return end + 4
        end = data.rfind(b"row>", 0, end)
    return 0


def _scan_bytes(data: bytes, scan: SheetScan, percent_styles: set[int], decimal_styles: dict[int, str]) -> None:
    if not data:
        return
    # Each `in` or count is a pass over the chunk (about 40 ms per 30 MB), so few are made: "<c"
    # also counts <cols>, <cfRule> … (the fast count then disagrees and the tolerant patterns run on
    # that chunk), and prefixed elements (<x:c>, <x:f>) are looked for only when ":c" occurs.
    prefixed = b":" in data and b":c" in data  # one byte is found by memchr, a pair by a slower search
    refs = _CELL_REF_FAST.findall(data)
    if len(refs) != data.count(b"<c") or prefixed:
        refs = _CELL_REF.findall(data)
        if len(refs) != len(_CELL_TAG.findall(data)):
            scan.unlocated = True
    if refs:  # (zip(*refs) would be slow here: hundreds of thousands of arguments)
        # Distinct values first: a row's number repeats in each of its cells, a column's in each row.
        scan.rows = max(scan.rows, max(map(int, {row for _, row in refs})))
        scan.columns = max(scan.columns, max(column_number(c.decode("ascii")) for c in {c for c, _ in refs}))
    if b"<f" in data or (prefixed and b":f" in data):
        for ref, formula in _FORMULA.findall(data):
            scan.formulas[_cell(ref)] = "=" + _unescape(formula)
    if b't="e"' in data:
        for ref, value in _ERROR.findall(data):
            scan.errors[_cell(ref)] = _unescape(value or b"#VALUE!")
    if percent_styles:
        scan.percents.update(_cell(ref) for _, ref in _styled(percent_styles).findall(data))
    if decimal_styles:
        scan.decimals.update((_cell(ref), decimal_styles[int(style)]) for style, ref in _styled(frozenset(decimal_styles)).findall(data))
    if b"mergeCell" in data:
        scan.merges += [ref.decode("ascii") for ref in _MERGE.findall(data)]


def _cell(ref: bytes) -> tuple[int, int]:
    located = _REF.fullmatch(ref.decode("ascii"))
    return int(located[2]), column_number(located[1])


@functools.lru_cache(maxsize=8)
def _styled(styles) -> re.Pattern:
    """The cells (style, address) whose style is one of ``styles``, in a sheet's XML."""
    alternatives = b"|".join(str(index).encode() for index in sorted(styles))
    return re.compile(rb"<(?:\w+:)?c\s(?=[^>]*\bs=\"(" + alternatives + rb")\")[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"")


def _number_styles(path: Path) -> tuple[frozenset[int], dict[int, str]]:
    """Indexes of the cell styles whose number format shows a percentage, and of those showing a
    fixed number of decimals with that format ("0.00"), in any namespace (number_formats.meaningful_format)."""
    from defusedxml import ElementTree


    with zipfile.ZipFile(path) as archive:
        if "xl/styles.xml" not in archive.namelist():
            return frozenset(), {}
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))

    def named(element, name: str) -> bool:
        return element.tag == name or element.tag.endswith("}" + name)

    codes = dict(BUILTIN_FORMATS)
    for number_format in (e for e in styles.iter() if named(e, "numFmt")):
        if number_format.get("numFmtId", "").isdigit():
            codes[int(number_format.get("numFmtId"))] = number_format.get("formatCode", "")
    meaning = {number: meaningful_format(code) for number, code in codes.items()}
    cell_xfs = next((e for e in styles if named(e, "cellXfs")), None)
    percents, decimals = set(), {}
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        number = int(xf.get("numFmtId", "0")) if xf.get("numFmtId", "0").isdigit() else 0
        if meaning.get(number) == "0%":
            percents.add(index)
        elif meaning.get(number):
            decimals[index] = meaning[number]
    return frozenset(percents), decimals


def _unescape(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
