"""Reading a returned 台账 into located, checked rows; every bad cell becomes a located problem.

What the reader cannot place never becomes a value: a column it cannot name, a cell merged
over several tasks, a row that is a sub-header, a heading or the form's footer are left out
(and said so), so the comparison sees "no change" there, never "empty" (issue 12, point 3).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.frozen import frozen_instance
from planner.errors import UserError
from planner.exchange import ledger_cells
from planner.exchange.cell_address import column_letter
from planner.exchange.ledger_cells import CellError, RawCell
from planner.exchange.ledger_grid import Grid, read_xls_grid, read_xlsx_grid
from planner.exchange.ledger_header import (
    SUB_HEADER_KEYS, find_header, header_key, is_footer_text, is_repeated_header, sub_header, sub_header_key)
from planner.exchange.ledger_layout import COLUMN_BY_KEY, HEADER_KEYS, HEADER_SEARCH_ROWS, RESPONSIBLE
from planner.exchange.xlsx_guard import check_workbook

_PARSERS = {
    "code": ledger_cells.code, "item": ledger_cells.text, "content": ledger_cells.text,
    "lead": lambda cell: ledger_cells.text(cell, limit=ledger_cells.MAX_SHORT),
    "support": ledger_cells.units, RESPONSIBLE: ledger_cells.units,
    "leader": lambda cell: ledger_cells.text(cell, limit=ledger_cells.MAX_SHORT),
    "deadline": ledger_cells.deadline, "due": ledger_cells.date, "status": ledger_cells.status,
    "percent": ledger_cells.percent, "progress": ledger_cells.text, "progress_date": ledger_cells.date,
    "note": ledger_cells.text, "uid": ledger_cells.uid,
}
_UID_PARSER = _PARSERS["uid"]
# Text columns and their length limit: a printable text cell there needs no more than a trim.
_PLAIN_TEXT = {"code": ledger_cells.MAX_SHORT, "item": ledger_cells.MAX_TEXT, "content": ledger_cells.MAX_TEXT,
               "lead": ledger_cells.MAX_SHORT, "leader": ledger_cells.MAX_SHORT,
               "progress": ledger_cells.MAX_TEXT, "note": ledger_cells.MAX_TEXT}
# Every other column but the uid repeats its values from row to row (statuses, dates, units), and
# its parser is a pure function of the cell: each distinct cell is parsed once per file.
_UNPARSED = object()
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGITLESS_HEADERS = not any(_ASCII_DIGIT.search(word) for word in (*HEADER_KEYS, *SUB_HEADER_KEYS))
_MEMO_LIMIT = 50_000  # distinct cells remembered: a sheet of all-different values stays small
# Columns that belong to one task each: a cell merged over several task rows there is not
# copied to each of them. 对应条目 is shared by the tasks of an item, so its merges are filled.
_SHARED_KEYS = frozenset({"item"})
_EMPTY = RawCell(None, "n")
# A data row whose only text is one cell merged across this many columns is a group title.
_HEADING_WIDTH = 3


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
    """One data row: the checked values by column key, and the letter of each key's column.

    ``values["extra"]``, when present, holds (header, text) of columns the 台账 does not have
    (a second 备注, 存在问题 …): kept with the progress note or as the task's 备注.
    """

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
    """A workbook as read: where it came from, its rows, and what was wrong with it.

    ``unit`` is the lead unit the file was exported for (台账信息), "" for a whole 台账.
    """

    file: str
    sheet: str = ""
    plan_uid: str = ""
    exported_at: str = ""
    unit: str = ""
    title: str = ""  # 方案名称 as exported: "plan（unit）" for a per-unit file of an older export
    records: tuple[LedgerRecord, ...] = ()
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())


def read_ledger(path: Path | str, *, label: str | None = None) -> LedgerFile:
    """Read one returned 台账 (.xlsx, .xlsm, .xls, .ods, or .csv in UTF-8 or GBK); never raises for a bad file.

    ``label`` names the file in every message instead of its bare name (with its folder, when
    several returns share a name).
    """
    path = Path(path)
    name = label or path.name
    try:
        checked = check_workbook(path)
        if checked.kind == "csv":
            from planner.exchange.csv_rows import read_csv_rows

            return _parse(name, Grid("CSV", iter(read_csv_rows(path))))
        if checked.kind == "xlsx":
            return read_xlsx_grid(path, lambda grid: _parse(name, grid))
        return read_xls_grid(checked, lambda grid: _parse(name, grid))  # with the .xls formats the guard found
    except UserError as error:
        message = error.message.replace(f"“{path.name}”", f"“{name}”")
        return LedgerFile(name, errors=(Problem(name, "", 0, "", message),))
    except BaseException as error:
        # A Rust panic inside python-calamine (an index past a short record of a malformed
        # file) comes up as pyo3's PanicException, a BaseException the readers' `except
        # Exception` lets through: the file is as broken as any other the parser refuses.
        if type(error).__name__ != "PanicException":
            raise
        from planner.exchange.ledger_grid import broken_message

        message = broken_message(path, error).replace(f"“{path.name}”", f"“{name}”")
        return LedgerFile(name, errors=(Problem(name, "", 0, "", message),))


@dataclass
class _Layout:
    """Where the columns are and what the merged cells mean for the data rows."""

    columns: dict[str, int]
    letters: dict[str, str]
    extras: dict[int, str]  # column → its header (or "" when it has none)
    held: set[tuple[int, int]] = field(default_factory=set)  # cells read as "no change"
    fills: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell → its merge anchor
    # row → (column, notice) of cells merged over several task rows: named when the cell holds a value
    merged_values: dict[int, list[tuple[int, Problem]]] = field(default_factory=dict)
    # row → a merge across the table and what to say if the row is data after all (一、… titles are not)
    headings: dict[int, tuple[str, Problem | None]] = field(default_factory=dict)
    # (key, column, length limit of a text column or 0, parser) of each placed column: decided once per file
    plan: list[tuple[str, int, int, object]] = field(default_factory=list)

    @property
    def extra_labels(self) -> list[tuple[int, str]]:
        """(column, what its text is kept under: its header, or "F 列") of the columns the 台账 does not have."""
        if self._labels is None:
            self._labels = [(number, header or f"{column_letter(number)} 列") for number, header in sorted(self.extras.items())]
        return self._labels

    _labels: list[tuple[int, str]] | None = field(default=None, repr=False)


def _parse(file: str, grid: Grid) -> LedgerFile:
    rows = iter(grid.rows)
    head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
    header_row, keys = find_header(head)
    meta = grid.meta
    if not header_row:
        return LedgerFile(file, grid.sheet, errors=(Problem(
            file, grid.sheet, 1, "A", f"前 {HEADER_SEARCH_ROWS} 行中没有找到表头（应有“任务内容”及“牵头单位”"
                                      "“完成时限”等列名），请确认选择了台账文件。"),))
    header = head[header_row - 1]
    spans = {first: (first, last) for first, top, last, bottom in grid.merges
             if top <= header_row <= bottom and last > first}
    data_start = header_row + 1
    names = {number: cell.value for number, cell in enumerate(header, start=1) if cell.value not in (None, "")}
    if header_row < len(head):
        # A CSV (or a pasted table) loses the merge of 责任单位 over 牵头/配合: a header cell
        # followed by empty ones spans them too, for telling the second header row.
        below = sub_header(head[header_row], spans | _implicit_spans(header, spans))
        if below:
            keys = {number: key for number, key in keys.items() if number not in below} | below
            names |= {number: head[header_row][number - 1].value for number in below}
            data_start += 1
    notes: list[Problem] = [Problem(file, other, 0, "", f"也像台账，未读取（只读取了“{grid.sheet}”）；"
                                    "如其中是要报送的内容，请把它另存为单独的文件再导入")
                            for other in grid.unread]
    layout = _layout(file, grid.sheet, header_row, keys, names, spans, len(header), notes)
    _merges(file, grid.sheet, grid.merges, data_start, layout, names, notes)
    records, errors = [], []
    parsed: dict[tuple, object] = {}
    anchors: dict[tuple[int, int], object] = {}
    anchor_columns: dict[int, list[int]] = {}
    for row_at, column in set(layout.fills.values()):
        anchor_columns.setdefault(row_at, []).append(column)
    for row_index, row in enumerate(_chain(iter(head), rows), start=1):
        if row_index < data_start:
            continue
        for column in anchor_columns.get(row_index, ()):
            anchors[(row_index, column)] = row[column - 1] if column <= len(row) else _EMPTY
        for column, notice in layout.merged_values.get(row_index, ()):
            if column <= len(row) and row[column - 1].value not in (None, ""):
                notes.append(notice)
        words = [value for cell in row if (value := cell.value) is not None and value != ""]
        if not words:
            continue
        if row_index in layout.headings:
            ref, merge_note = layout.headings[row_index]
            if len(words) == 1:
                notes.append(Problem(file, grid.sheet, row_index, "", f"该行是分组标题（合并单元格 {ref}），不是任务，已跳过"))
                continue
            if merge_note is not None:
                notes.append(merge_note)
        # A repeated header starts with a header word: the test of the whole row is rarely needed.
        # words[0] is the row's first filled value, the one a footer starts with (is_footer).
        footer = is_footer_text(words[0])
        if footer or (_is_header_word(words[0]) and is_repeated_header(row)):
            what = "表尾（填表人、联系电话等）" if footer else "重复的表头"
            notes.append(Problem(file, grid.sheet, row_index, "", f"该行是{what}，不是任务，已跳过"))
            continue
        record = _record(file, grid.sheet, row_index, row, layout, anchors, errors, notes, parsed)
        if record is None:
            continue
        records.append(record)
    return LedgerFile(file, grid.sheet, plan_uid=meta.get("plan_uid", ""), exported_at=meta.get("exported_at", ""),
                      unit=meta.get("unit", ""), title=meta.get("title", ""), records=tuple(records),
                      errors=tuple(errors), warnings=tuple(notes))


def _implicit_spans(header: list, spans: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Header cells followed by empty header cells: first column → (first, last)."""
    found: dict[int, tuple[int, int]] = {}
    named = [number for number, cell in enumerate(header, start=1) if cell.value not in (None, "")]
    for index, number in enumerate(named):
        end = named[index + 1] - 1 if index + 1 < len(named) else len(header)
        if end > number and number not in spans:
            found[number] = (number, end)
    return found


def _chain(first: Iterator[list], rest: Iterator[list]) -> Iterator[list]:
    yield from first
    yield from rest


def _layout(file: str, sheet: str, header_row: int, keys: dict[int, str], names: dict[int, object],
            spans: dict[int, tuple[int, int]], width: int, notes: list[Problem]) -> _Layout:
    columns: dict[str, int] = {}
    extras: dict[int, str] = {}
    for number, key in sorted(keys.items()):
        if key in columns:  # a second 备注 or 进展: its text is kept, not dropped
            extras[number] = str(names.get(number, ""))
            continue
        columns[key] = number
    if RESPONSIBLE in columns and "lead" in columns and "support" not in columns:
        columns["support"] = columns.pop(RESPONSIBLE)  # 责任单位 beside 牵头单位: the cooperating units
    elif RESPONSIBLE in columns and "lead" in columns:
        columns.pop(RESPONSIBLE)
    placed = set(columns.values()) | set(extras)
    covered = {number: first for first, (_, last) in spans.items() for number in range(first + 1, last + 1)}
    for number in range(1, max(width, max(names, default=0)) + 1):
        if number in placed:
            continue
        if number in covered:
            first = covered[number]
            notes.append(Problem(file, sheet, header_row, column_letter(number),
                                 f"该列表头与 {column_letter(first)} 列合并为“{names.get(first, '')}”，"
                                 "无法确定该列是什么，该列内容未导入"))
            continue
        extras[number] = str(names.get(number, "") or "")
    letters = {key: column_letter(number) for key, number in columns.items()}
    if RESPONSIBLE in letters:
        letters.setdefault("lead", letters[RESPONSIBLE])
        letters.setdefault("support", letters[RESPONSIBLE])
    skipped = {number for number in covered if number not in placed}
    plan = [(key, number, _PLAIN_TEXT.get(key, 0), _PARSERS[key]) for key, number in columns.items()]
    return _Layout(columns, letters, {n: h for n, h in extras.items() if n not in skipped}, plan=plan)


def _merges(file: str, sheet: str, merges, data_start: int, layout: _Layout, names: dict[int, object],
            notes: list[Problem]) -> None:
    """Decide what each merged range over data rows means; name every range that is not copied."""

    keys = {number: key for key, number in layout.columns.items()}
    for first, top, last, bottom in sorted(merges, key=lambda bounds: (bounds[1], bounds[0])):
        if bottom < data_start or top < data_start:
            continue
        ref = f"{column_letter(first)}{top}:{column_letter(last)}{bottom}"
        cells = [(row, column) for row in range(top, bottom + 1) for column in range(first, last + 1)]
        if last == first and keys.get(first) in _SHARED_KEYS:
            for cell in cells:
                layout.fills[cell] = (top, first)
            continue
        if bottom > top:
            layout.held.update(cells)
            label = "、".join(f"“{_name(keys.get(c), names.get(c))}”" for c in range(first, last + 1))
            layout.merged_values.setdefault(top, []).append((first, Problem(
                file, sheet, top, column_letter(first),
                f"单元格 {ref} 合并了第 {top}–{bottom} 行（{bottom - top + 1} 项任务）的{label}，"
                "无法确定各任务的值，未导入；请为每项任务分别填写")))
        else:
            layout.held.update(cell for cell in cells if cell != (top, first))
            note = None
            if any(keys.get(c) or c in layout.extras for c in range(first + 1, last + 1)):
                note = Problem(file, sheet, top, column_letter(first),
                               f"单元格 {ref} 是横向合并的单元格，只按 {column_letter(first)} 列"
                               f"“{_name(keys.get(first), names.get(first))}”读取")
            if last - first + 1 >= _HEADING_WIDTH:
                layout.headings[top] = (ref, note)  # named when the row is read: a title row, or data across
            elif note is not None:
                notes.append(note)


def _name(key: str | None, header: object) -> str:
    if key and key != RESPONSIBLE:
        return COLUMN_BY_KEY[key].header
    return str(header or key or "")


def _record(file, sheet, row_index, row, layout: _Layout, anchors, errors, notes,
            parsed: dict) -> LedgerRecord | None:
    """One data row as a record, None for a row that is not a task; ``parsed`` caches repeated cells."""
    values: dict[str, object] = {}
    failed = False
    letters = layout.letters
    fills, held, width = layout.fills, layout.held, len(row)

    def cell_at(number: int):
        anchor = fills.get((row_index, number))
        if anchor is not None:
            return anchors.get(anchor, _EMPTY)
        return row[number - 1] if number <= width else _EMPTY

    for key, number, limit, parse in layout.plan:
        if held and (row_index, number) in held:
            continue
        cell = cell_at(number) if fills else row[number - 1] if number <= width else _EMPTY
        value = cell.value
        try:
            if limit:  # a text column
                if type(value) is str and cell.data_type == "s" and value.isprintable():
                    # Most cells: printable text, read as ledger_cells.text would (trimmed, length-checked).
                    value = value.strip()
                    if len(value) > limit:
                        parse(cell)  # raises with its message
                elif value is None and cell.data_type == "n":
                    value = ""  # an empty cell, as ledger_cells.text reads it
                else:
                    value = parse(cell)
            elif parse is not _UID_PARSER and type(cell) is RawCell:
                # Statuses, dates, units repeat down a column: each distinct cell is parsed once.
                memo = (number, cell, type(value))
                value = parsed.get(memo, _UNPARSED)
                if value is _UNPARSED:
                    value = parse(cell)
                    if len(parsed) < _MEMO_LIMIT:
                        parsed[memo] = value
            else:
                value = parse(cell)
        except CellError as error:
            errors.append(Problem(file, sheet, row_index, letters[key], f"{_header(key)}：{error}"))
            failed = True
            continue
        if key == RESPONSIBLE:
            if value:  # one name is the lead; the cooperating units change only when listed
                values["lead"] = value[0]
                if len(value) > 1:
                    values["support"] = value[1:]
        elif value is not None:
            values[key] = value
            if key == "percent" and _fraction(cell):
                notes.append(Problem(file, sheet, row_index, letters[key],
                                     f"进度填写的是小数 {str(cell.value).strip()}，按 {value}% 导入，请核对"))
    extra = []
    for number, label in layout.extra_labels:
        if held and (row_index, number) in held:
            continue
        cell = cell_at(number)
        try:
            # (label, text) pairs are shared between rows with the same cell: a sheet of 100,000
            # rows × 40 repeated values would otherwise hold millions of equal pairs (issue 13).
            memo = (-number, cell, type(cell.value)) if type(cell) is RawCell else None
            pair = parsed.get(memo, _UNPARSED) if memo else _UNPARSED
            if pair is _UNPARSED:
                pair = (label, ledger_cells.text(cell, dates_as_text=True))
                if memo and len(parsed) < _MEMO_LIMIT:
                    parsed[memo] = pair
        except CellError as error:
            notes.append(Problem(file, sheet, row_index, column_letter(number), f"{error}，该单元格未导入"))
            continue
        if pair[1]:
            extra.append(pair)
    if extra:
        values["extra"] = tuple(extra)
    record = frozen_instance(LedgerRecord, {"file": file, "sheet": sheet, "row": row_index, "values": values,
                                            "columns": letters, "failed": failed})
    if failed:
        return record
    if not (values.get("content") or values.get("uid")) and not any(ch.isdigit() for ch in values.get("code", "")):
        what = ("是分组标题，不是任务" if values.get("code") or values.get("item")
                else "没有任务内容、序号和任务标识")
        notes.append(Problem(file, sheet, row_index, letters.get("content", ""), f"该行{what}，已跳过"))
        return None
    return record


def _fraction(cell) -> bool:
    """A 进度 written as a share of one (0.3, "0.5") in a cell not formatted as a percentage: read
    as that share of 100, which is what offices mean nearly always, and said so."""
    value = cell.value
    if type(value) is float:
        return 0 < value < 1 and "%" not in cell.number_format
    return type(value) is str and bool(_FRACTION_TEXT.fullmatch(value.strip()))


_FRACTION_TEXT = re.compile(r"0?\.\d+")


def _is_header_word(value: object) -> bool:
    """A cell value that names a column; a data row's first value (a code, a number) seldom does."""
    if type(value) is not str:
        return False  # header_key and sub_header_key name text only
    if _DIGITLESS_HEADERS and _ASCII_DIGIT.search(value):
        return False  # a code such as 1.10: NFKC keeps ASCII digits, and no header word has one
    return _is_header_text(value)


@functools.lru_cache(maxsize=1024)
def _is_header_text(value: str) -> bool:
    return bool(header_key(value) or sub_header_key(value))


def _header(key: str) -> str:
    return RESPONSIBLE if key == RESPONSIBLE else COLUMN_BY_KEY[key].header
