"""Checks on an untrusted workbook before openpyxl parses it: format, size, zip bombs, safe XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UserError

if TYPE_CHECKING:  # xlsx_scan compiles its patterns on import: loaded when a workbook is scanned
    from planner.exchange.xlsx_scan import SheetScan

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and encrypted .xlsx) files start so
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_CHUNK = 1 << 20
RESAVE = "请在 WPS 或 Excel 中另存为 .xlsx 后再导入。"


@dataclass(frozen=True)
class CheckedFile:
    """A file check_workbook accepted: its path and kind, and for an .xls the number formats the
    guard's walk of its records found (xls_scan.scan_xls), handed to the reader so that it need
    not walk them again: sheet name → SheetScan with ``percents`` and ``decimals``."""

    path: Path
    kind: str
    formats: dict[str, SheetScan] | None = None


def check_workbook_file(path: Path) -> str:
    """The kind of file: ``"xlsx"``, ``"xls"`` (Excel 97–2003), ``"ods"`` or ``"csv"``; anything unreadable raises.

    Raises:
        UserError: as check_workbook.
    """
    return check_workbook(path).kind


def check_workbook(path: Path) -> CheckedFile:
    """The file checked before a reader opens it: its kind (as check_workbook_file) and what was scanned.

    Raises:
        UserError: missing, locked, too large, password-protected, an HTML page or a WPS .et
            file, not a workbook, or a zip bomb.
    """
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise UserError(f"找不到文件“{name}”。") from None
    except PermissionError:
        raise UserError(f"无法读取“{name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。") from None
    except IsADirectoryError:
        raise UserError(f"“{name}”是一个文件夹，不是 Excel 文件。") from None
    except OSError as error:
        raise UserError(f"无法读取“{name}”：{error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        raise UserError(f"“{name}”有 {size / 1024 / 1024:.0f} MB，超过台账文件的上限 50 MB，未读取。")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return CheckedFile(path, "csv")
    if suffix == ".et":
        raise UserError(f"“{name}”是 WPS 表格（.et）文件，无法直接读取；{RESAVE}")
    if head.startswith(_OLE2):
        if suffix == ".xls":
            from planner.exchange.xls_scan import scan_xls

            # calamine sizes every sheet by numbers in the file when it opens it
            return CheckedFile(path, "xls", scan_xls(path).formats)
        # An .xlsx inside an OLE2 container is an encrypted (password-protected) workbook.
        raise UserError(f"“{name}”设置了打开密码（已加密），无法读取；请取消密码，{RESAVE}")
    if suffix == ".xls":
        if head.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
            raise UserError(f"“{name}”实际上是网页（HTML）文件，只是扩展名为 .xls；{RESAVE}")
        if head.startswith(b"PK"):
            suffix = ".xlsx"  # an .xlsx renamed to .xls: read what it is
        else:
            raise UserError(f"“{name}”不是有效的 Excel 97-2003（.xls）文件；{RESAVE}")
    if suffix == ".ods" and head.startswith(b"PK"):
        _check_zip(path)
        return CheckedFile(path, "ods")
    if suffix not in (".xlsx", ".xlsm") or not head.startswith(b"PK"):
        if size == 0:
            raise UserError(f"“{name}”是空文件，不是 Excel 文件。")
        raise UserError(f"“{name}”不是 Excel 工作簿（.xlsx 或 .xls）；请选择 .xlsx 文件，或另存为 .xlsx 后再导入。")
    _check_zip(path)
    return CheckedFile(path, "xlsx")


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(f"“{path.name}”已损坏或不完整（不是有效的 .xlsx 压缩包），无法读取。") from None
    # zipfile never inflates an entry beyond its declared size, so the declared sizes bound the work.
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserError(f"“{path.name}”解压后有 {unpacked / 1024 / 1024:.0f} MB，超过上限 300 MB"
                        "（可能是恶意构造的压缩炸弹），未读取。")


def check_safe_xml() -> None:
    """Refuse to parse workbooks when openpyxl would not use defusedxml (entity bombs, XXE).

    Called where openpyxl is about to parse an outside file (python-calamine, which reads the
    rest, expands no entities); importing openpyxl costs a command a tenth of a second.
    """
    from openpyxl import DEFUSEDXML

    if not DEFUSEDXML:
        raise UserError("缺少安全组件 defusedxml（或已被环境变量关闭），为安全起见不读取外来的 Excel 文件；"
                        "请重新安装本程序。")


def merged_ranges(path: Path, member: str) -> list[str]:
    """The merged ranges (A1:B2) of one sheet, read from its XML, which read-only mode skips.

    The sheet is scanned as bytes in chunks: merges sit after the data, and a regular
    expression over a stream costs little next to parsing the sheet.
    """
    ranges: list[str] = []
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            last_end = 0
            for match in _MERGE.finditer(data):
                ranges.append(match[1].decode("ascii"))
                last_end = match.end()
            # Keep an unfinished tag for the next chunk, never one already counted.
            tail = data[max(last_end, len(data) - 200):]
    return ranges
