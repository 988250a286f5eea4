"""Workbooks and tasks for the Excel tests: sample 台账 rows, hand-made sheets, hostile files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import Workbook

from planner.domain.model import Status, Task
from planner.exchange.ledger_layout import LedgerRow
from planner.exchange.xlsx_export import LedgerInfo

EXPORTED_AT = dt.datetime(2025, 3, 1, 9, 30, 15, 123456)


def sample_task(number: int, **changes) -> Task:
    fields = dict(id=number, uid=f"{number:032x}", plan_id=1, item_id=104, code=f"4.{number}",
                  content=f"推动第{number}项区域战略融合发展任务", lead_unit="省发展改革委",
                  support_units=("省财政厅", "省自然资源厅"), leader="王志远", deadline_phrase="2025年底前",
                  deadline_date=dt.date(2025, 12, 31), status=Status.IN_PROGRESS, percent=40, note="")
    fields.update(changes)
    return Task(**fields)


def sample_rows(count: int = 3) -> list[LedgerRow]:
    return [LedgerRow(sample_task(n), "（四）推动国家重大区域战略融合发展", f"第{n}项已召开推进会",
                      dt.date(2025, 2, 20)) for n in range(1, count + 1)]


def sample_info(units=("省发展改革委", "省财政厅", "省自然资源厅")) -> LedgerInfo:
    return LedgerInfo(plan_uid="ab" * 16, title="示范省实施方案", exported_at=EXPORTED_AT, units=tuple(units))


def write_sheet(path: Path, rows: list[list], *, merges: tuple[str, ...] = (), title: str = "Sheet1") -> Path:
    """A plain workbook with ``rows`` from A1, as a department might make by hand."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def rewrite_member(source: Path, target: Path, member: str, transform) -> Path:
    """Copy a workbook, passing one zip member's bytes through ``transform``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, transform(data) if info.filename == member else data)
    return target


DV_EXTENSION = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Units!$A$1:$A$3</xm:f>'
    b'</x14:formula1><xm:sqref>D3:D10</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')


def with_dv_extension(data: bytes) -> bytes:
    """A sheet as Excel saves cross-sheet dropdowns: an x14 data-validation extension at the end."""
    return data.replace(b"</worksheet>", DV_EXTENSION + b"</worksheet>")
