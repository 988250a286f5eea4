"""Reading a returned 台账 into located, checked rows; every bad cell becomes a located problem."""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import UserError
from planner.exchange import ledger_cells
from planner.exchange.ledger_cells import CellError, RawCell
from planner.exchange.ledger_layout import (
    COLUMN_BY_KEY, HEADER_KEYS, HEADER_SEARCH_ROWS, META_KEYS, META_SHEET, RESPONSIBLE, SHEET,
    normalise_header)
from planner.exchange.xlsx_guard import check_workbook_file, merged_ranges

MAX_COLUMNS = 60
# openpyxl drops what it cannot model and says so; Excel and WPS write these into workbooks
# with cross-sheet dropdowns (our own exports once a department saves them). Only these are
# silenced, and only while reading. (catch_warnings swaps process-wide filters; readers run
# one at a time, in the worker that owns the import.)
_EXPECTED_WARNINGS = (
    "Data Validation extension is not supported",
    "Conditional Formatting extension is not supported",
    "Workbook contains no default style",
)
_PARSERS = {
    "code": ledger_cells.code, "item": ledger_cells.text, "content": ledger_cells.text,
    "lead": lambda cell: ledger_cells.text(cell, limit=ledger_cells.MAX_SHORT),
    "support": ledger_cells.units, RESPONSIBLE: ledger_cells.units,
    "leader": lambda cell: ledger_cells.text(cell, limit=ledger_cells.MAX_SHORT),
    "deadline": lambda cell: ledger_cells.text(cell, limit=ledger_cells.MAX_SHORT, dates_as_text=True),
    "due": ledger_cells.date, "status": ledger_cells.status, "percent": ledger_cells.percent,
    "progress": ledger_cells.text, "progress_date": ledger_cells.date, "note": ledger_cells.text,
    "uid": ledger_cells.uid,
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, located: row 0 and column "" mean the file as a whole."""

    file: str
    sheet: str
    row: int
    column: str
    message: str

    def line(self) -> str:
        if not self.row and f"“{self.file}”" in self.message:
            return self.message  # a message about the whole file already names it
        where = [f"“{self.file}”"]
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row:
            where.append(f"第 {self.row} 行" + (f" {self.column} 列" if self.column else ""))
        return "，".join(where) + "：" + self.message

    def as_json(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}


@dataclass(frozen=True)
class LedgerRecord:
    """One data row: the checked values by column key, and the letter of each key's column."""

    file: str
    sheet: str
    row: int
    values: dict[str, object]
    columns: dict[str, str]
    failed: bool = False  # a cell of the row was refused (and reported); the row is not used

    def problem(self, key: str, message: str) -> Problem:
        return Problem(self.file, self.sheet, self.row, self.columns.get(key, ""), message)


@dataclass(frozen=True)
class LedgerFile:
    """A workbook as read: where it came from, its rows, and what was wrong with it."""

    file: str
    sheet: str = ""
    plan_uid: str = ""
    exported_at: str = ""
    records: tuple[LedgerRecord, ...] = ()
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())


def read_ledger(path: Path | str) -> LedgerFile:
    """Read one returned 台账 (.xlsx, or .csv in UTF-8 or GBK); never raises for a bad file."""
    path = Path(path)
    try:
        kind = check_workbook_file(path)
        if kind == "csv":
            from planner.exchange.csv_rows import read_csv_rows

            return _parse(path.name, "CSV", read_csv_rows(path), {})
        return _read_xlsx(path)
    except UserError as error:
        return LedgerFile(path.name, errors=(Problem(path.name, "", 0, "", error.message),))


def _read_xlsx(path: Path) -> LedgerFile:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        for message in _EXPECTED_WARNINGS:
            warnings.filterwarnings("ignore", message=message, category=UserWarning)
        try:
            workbook = load_workbook(path, read_only=True, data_only=False)
        except PermissionError:
            raise UserError(f"无法读取“{path.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。") from None
        except Exception as error:  # noqa: BLE001 - untrusted input: any parser failure is the file's
            raise UserError(_broken(path, error)) from None
        try:
            meta = _read_meta(workbook)
            sheet = _pick_sheet(workbook)
            merges = merged_ranges(path, sheet._worksheet_path)  # noqa: SLF001 - its zip member
            sheet.reset_dimensions()  # a wrong <dimension> must not cut rows off
            return _parse(path.name, sheet.title, _filled_rows(sheet.iter_rows(), merges), meta)
        except UserError:
            raise
        except Exception as error:  # noqa: BLE001 - as above: malformed XML, bombs, bad zip members
            raise UserError(_broken(path, error)) from None
        finally:
            workbook.close()


def _broken(path: Path, error: Exception) -> str:
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:  # openpyxl wraps what defusedxml raised in a ValueError
        if isinstance(cause, DefusedXmlException):
            return f"“{path.name}”含有不安全的 XML 内容（实体定义），已拒绝读取。"
        cause = cause.__cause__ or cause.__context__
    return f"“{path.name}”已损坏或不是有效的 Excel 工作簿，无法读取（{type(error).__name__}）。"


def _read_meta(workbook) -> dict[str, str]:
    if META_SHEET not in workbook.sheetnames:
        return {}
    keys = {label: key for key, label in META_KEYS.items()}
    meta = {}
    for row in workbook[META_SHEET].iter_rows(max_row=20, max_col=2, values_only=True):
        if len(row) == 2 and row[0] in keys and row[1] is not None:
            meta[keys[row[0]]] = str(row[1]).strip()
    return meta


def _pick_sheet(workbook):
    if SHEET in workbook.sheetnames:
        return workbook[SHEET]
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"] or workbook.worksheets
    for sheet in visible:
        rows = [list(row) for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS)]
        if _find_header(rows)[0]:
            return sheet
    return visible[0]


def _filled_rows(rows: Iterable[tuple], merges: list[str]) -> Iterator[list]:
    """Rows of cells where every cell of a merged range carries its top-left cell."""
    from openpyxl.utils import range_boundaries

    pending = deque(sorted((range_boundaries(ref)[1], range_boundaries(ref)) for ref in merges))
    active: list[tuple[int, int, int, int]] = []
    anchors: dict[tuple[int, int], object] = {}
    for row_index, row in enumerate(rows, start=1):
        cells = list(row[:MAX_COLUMNS])
        while pending and pending[0][0] <= row_index:
            active.append(pending.popleft()[1])
        if active:
            active = [bounds for bounds in active if bounds[3] >= row_index]
            for min_col, min_row, max_col, _ in active:
                if min_row == row_index and min_col <= len(cells):
                    anchors[(min_row, min_col)] = cells[min_col - 1]
                anchor = anchors.get((min_row, min_col))
                if anchor is None:
                    continue
                if len(cells) < min(max_col, MAX_COLUMNS):
                    cells += [RawCell(None, "n")] * (min(max_col, MAX_COLUMNS) - len(cells))
                for col in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                    if (row_index, col) != (min_row, min_col):
                        cells[col - 1] = anchor
        yield cells


def _find_header(rows: list[list]) -> tuple[int, dict[int, str]]:
    """The header row (1-based, 0 if none) among the first rows, and column number → key."""
    best, best_keys = 0, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        keys = {}
        for number, cell in enumerate(row, start=1):
            name = normalise_header(cell.value) if isinstance(cell.value, str) else ""
            key = HEADER_KEYS.get(name) or (RESPONSIBLE if name == RESPONSIBLE else None)
            if key:
                keys[number] = key
        distinct = set(keys.values())
        if ({"content", "uid"} & distinct) and len(distinct) >= 2 and len(distinct) >= len(set(best_keys.values())):
            best, best_keys = index, keys
    return best, best_keys


def _parse(file: str, sheet: str, rows: Iterator[list], meta: dict[str, str]) -> LedgerFile:
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
    header_row, keys = _find_header(head)
    if not header_row:
        return LedgerFile(file, sheet, errors=(Problem(
            file, sheet, 1, "A", f"前 {HEADER_SEARCH_ROWS} 行中没有找到表头（应有“任务内容”及“牵头单位”"
                                 "“完成时限”等列名），请确认选择了台账文件。"),))
    columns, notes = _columns(file, sheet, header_row, head[header_row - 1], keys)
    letters = {key: get_column_letter(number) for key, number in columns.items()}
    if RESPONSIBLE in letters:
        letters.setdefault("lead", letters[RESPONSIBLE])
        letters.setdefault("support", letters[RESPONSIBLE])
    records, errors, warnings_ = [], [], list(notes)
    seen_uids: dict[str, int] = {}
    data = iter(head[header_row:])
    for row_index, row in enumerate(_chain(data, rows), start=header_row + 1):
        record = _record(file, sheet, row_index, row, columns, letters, errors, warnings_)
        if record is None:
            continue
        uid = record.values.get("uid")
        if uid:
            if uid in seen_uids:
                errors.append(record.problem("uid", f"任务标识与第 {seen_uids[uid]} 行重复（同一任务出现两次）"))
                continue
            seen_uids[uid] = row_index
        records.append(record)
    return LedgerFile(file, sheet, plan_uid=meta.get("plan_uid", ""), exported_at=meta.get("exported_at", ""),
                      records=tuple(records), errors=tuple(errors), warnings=tuple(warnings_))


def _chain(first: Iterator[list], rest: Iterator[list]) -> Iterator[list]:
    yield from first
    yield from rest


def _columns(file: str, sheet: str, header_row: int, header: list,
             keys: dict[int, str]) -> tuple[dict[str, int], list[Problem]]:
    from openpyxl.utils import get_column_letter

    columns: dict[str, int] = {}
    notes = []
    for number, key in sorted(keys.items()):
        if key in columns:
            first = columns[key]
            how = "合并为" if header[number - 1] is header[first - 1] else "同为"
            notes.append(Problem(file, sheet, header_row, get_column_letter(number),
                                 f"该列表头与 {get_column_letter(first)} 列{how}“{header[first - 1].value}”，"
                                 "该列内容未导入"))
            continue
        columns[key] = number
    if RESPONSIBLE in columns and "lead" in columns and "support" not in columns:
        columns["support"] = columns.pop(RESPONSIBLE)  # 责任单位 beside 牵头单位: the cooperating units
    elif RESPONSIBLE in columns and "lead" in columns:
        columns.pop(RESPONSIBLE)
    return columns, notes


def _record(file, sheet, row_index, row, columns, letters, errors, warnings_) -> LedgerRecord | None:
    if not any(cell.value not in (None, "") for cell in row):
        return None
    values: dict[str, object] = {}
    failed = False
    for key, number in columns.items():
        cell = row[number - 1] if number <= len(row) else RawCell(None, "n")
        try:
            value = _PARSERS[key](cell)
        except CellError as error:
            errors.append(Problem(file, sheet, row_index, letters[key], f"{_header(key)}：{error}"))
            failed = True
            continue
        if key == RESPONSIBLE:
            if value:
                values["lead"], values["support"] = value[0], value[1:]
        elif value is not None:
            values[key] = value
    record = LedgerRecord(file, sheet, row_index, values, letters, failed)
    if not failed and not (values.get("content") or values.get("uid") or values.get("code")):
        warnings_.append(Problem(file, sheet, row_index, letters.get("content", ""),
                                 "该行没有任务内容、序号和任务标识，已跳过"))
        return None
    return record


def _header(key: str) -> str:
    return RESPONSIBLE if key == RESPONSIBLE else COLUMN_BY_KEY[key].header
