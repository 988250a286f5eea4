"""Use cases on Excel 台账: export a plan (whole, or one file per lead unit), compare returns, apply them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.file_names import safe_file_name
from planner.domain.lights import task_light
from planner.domain.numerals import int_to_chinese
from planner.errors import UserError
from planner.exchange.ledger_layout import LedgerRow, exported_values
from planner.exchange.xlsx_export import LedgerInfo, write_ledger
from planner.exchange.xlsx_import import LedgerFile, read_ledger
from planner.services import ledger_undo, rounds
from planner.services.change_set import ChangeSet
from planner.services.gc_pause import without_gc
from planner.services.ledger_apply import ImportResult, apply_change_set
from planner.services.ledger_compare import compare_files
from planner.services.plans import get_plan
from planner.storage import backups, database, documents, exports, tasks, units

if TYPE_CHECKING:
    from sqlite_utils import Database

Progress = Callable[[int, int], None]
NO_LEAD_FILE = "未明确牵头单位"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    paths: tuple[Path, ...]
    task_count: int
    exported_at: dt.datetime


def export_xlsx(db: Database, plan_id: int, path: Path | str, *, task_ids: Sequence[int] | None = None,
                progress: Progress | None = None, now: dt.datetime | None = None, paper: str = "A4") -> ExportResult:
    """Export the plan's 台账 to one workbook; ``task_ids`` (in their order) exports what the table shows.

    ``paper``: "A4" or "A3", landscape.
    """
    if Path(path).suffix.lower() != ".xlsx":
        raise UserError(f"导出文件名“{Path(path).name}”应以 .xlsx 结尾。")
    info_time = now or dt.datetime.now()
    plan, rows = _ledger_rows(db, plan_id, task_ids, today=info_time.date())
    info = _info(db, plan, info_time)
    database.check_writable(db)  # a locked or read-only database fails before any file is written
    path = write_ledger(path, info, rows, progress=progress, paper=paper)
    _remember_or_remove(db, plan, info, rows, Path(path).name, [Path(path)])
    return ExportResult((Path(path),), len(rows), info.exported_at)


def export_by_unit(db: Database, plan_id: int, folder: Path | str, *, progress: Progress | None = None,
                   now: dt.datetime | None = None, paper: str = "A4") -> ExportResult:
    """One workbook per lead unit, named after it, with only its tasks: the files sent out."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"无法创建文件夹“{folder}”：{error.strerror or error}") from None
    info_time = now or dt.datetime.now()
    plan, rows = _ledger_rows(db, plan_id, None, today=info_time.date())
    info = _info(db, plan, info_time)
    database.check_writable(db)  # a locked or read-only database fails before any file is written
    groups: dict[str, list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault(row.task.lead_unit or NO_LEAD_FILE, []).append(row)
    paths, done = [], 0
    for unit, unit_rows in groups.items():
        def step(count: int, _total: int, offset=done) -> None:
            if progress:
                progress(offset + count, len(rows))

        unit_info = LedgerInfo(info.plan_uid, f"{plan.name}（{unit}）", info.exported_at, info.units,
                               unit="" if unit == NO_LEAD_FILE else unit)
        paths.append(write_ledger(folder / f"{_file_name(unit)}.xlsx", unit_info, unit_rows, progress=step,
                                  paper=paper))
        done += len(unit_rows)
    sent = {unit: path for unit, path in zip(groups, paths, strict=True) if unit != NO_LEAD_FILE}
    _remember_or_remove(db, plan, info, rows, f"{folder.name}（按牵头单位，{len(paths)} 个文件）", paths,
                        also=lambda: rounds.record_sent(db, plan.id, sent, sent_at=info.exported_at))  # issue 20
    return ExportResult(tuple(paths), len(rows), info.exported_at)


@without_gc
def read_files(paths: Sequence[Path | str], *, progress: Progress | None = None) -> list[LedgerFile]:
    """Read returned workbooks without the database (bad files come back with located errors).

    Returns with the same name from different folders (each department's 省财政厅.xlsx) are
    all read; each is then named with its folder (“财政/台账.xlsx”) in every message.
    ``progress(files read, files)`` is called after each file.
    """
    paths = [Path(path) for path in paths]
    names = [path.name for path in paths]
    files = []
    for done, path in enumerate(paths, start=1):
        label = f"{path.parent.name}/{path.name}" if names.count(path.name) > 1 else None
        files.append(read_ledger(path, label=label))
        if progress:
            progress(done, len(paths))
    return files


def read_errors(plan_id: int, files: Sequence[LedgerFile]) -> ChangeSet | None:
    """A change set of only the problems found while reading, or None when every file read cleanly.

    Callers report it without opening the database: bad workbooks never touch it.
    """
    if not any(file.errors for file in files):
        return None
    # The rows read without an error are the ones --skip-bad-rows would go on to compare.
    return ChangeSet(plan_id=plan_id, files=tuple(f.file for f in files),
                     errors=tuple(e for f in files for e in f.errors),
                     warnings=tuple(w for f in files for w in f.warnings),
                     rows_ok=sum(not record.failed for f in files for record in f.records))


def unit_mapping(db: Database, pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """``--map`` pairs (name in the files, unit in the directory) as a mapping, once checked.

    Raises:
        UserError: a target not in the units directory; a name that is itself a directory unit
            (it already means that unit); one name given two different units.
    """
    directory = {unit.name for unit in units.list_units(db)}
    mapping: dict[str, str] = {}
    problems = []
    for name, target in pairs:
        if target not in directory:
            problems.append(f"--map {name}={target}：单位目录中没有“{target}”。")
        elif name in directory and name != target:
            problems.append(f"--map {name}={target}：“{name}”本身就是单位目录中的单位，不能再对应到“{target}”。")
        elif mapping.get(name, target) != target:
            problems.append(f"--map 中“{name}”对应了两个单位（{mapping[name]}、{target}），请只保留一个。")
        mapping.setdefault(name, target)
    if problems:
        raise UserError("\n".join(problems))
    return mapping


@without_gc
def compare_import(db: Database, plan_id: int, files: Sequence[LedgerFile | Path | str], *,
                   today: dt.date | None = None, unit_mapping: dict[str, str] | None = None) -> ChangeSet:
    """What importing the files would change; writes nothing.

    ``unit_mapping`` (unknown name → directory unit, as `--map` gives it) is read like the
    directory's own aliases, so a mapped name that names the task's unit already is no change.
    """
    read = [file if isinstance(file, LedgerFile) else read_ledger(file) for file in files]
    names = [file.file for file in read]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise UserError(f"同名文件“{'、'.join(sorted(duplicates))}”选择了不止一次，请只选择一次。")
    return compare_files(db, plan_id, read, today=today or dt.date.today(), unit_mapping=unit_mapping)


@without_gc
def apply_import(db: Database, plan_id: int, change_set: ChangeSet,
                 unit_mapping: dict[str, str] | None = None, *, skip_bad_rows: bool = False,
                 create_units: bool = True, files: Sequence[LedgerFile] | None = None) -> ImportResult:
    """Apply a previewed change set in one transaction after an automatic backup.

    See ledger_apply.apply_change_set for ``skip_bad_rows`` and ``create_units``. A return that
    changes nothing is still applied, to record it as received, and needs no backup; a change
    set refused for its errors, or one that fails while being applied, leaves no backup (issue 18).
    With ``files`` (the workbooks as read) each file counts as its unit's return for the plan's
    open 报送轮次, also when it changes nothing; ``round_notes`` of the result say what was
    counted (issue 20). Without them (a redo) no return is counted again.
    """
    def count_returns() -> tuple[str, ...]:
        return () if files is None else tuple(rounds.record_returns(db, plan_id, change_set, files))

    if change_set.is_empty or (change_set.errors and not skip_bad_rows):
        with db.atomic():  # recorded as received and counted for the round together
            result = apply_change_set(db, plan_id, change_set, unit_mapping, skip_bad_rows=skip_bad_rows,
                                      create_units=create_units)
            notes = count_returns()
        return dataclasses.replace(result, round_notes=notes)
    # The write lock first, then the copy (on a second connection), then the writes.
    with database.bulk_page_cache(db), backups.backed_up_write(db, "import") as backup:
        result = apply_change_set(db, plan_id, change_set, unit_mapping, skip_bad_rows=skip_bad_rows,
                                  create_units=create_units)
        notes = count_returns()  # issue 20: in the import's transaction
    return dataclasses.replace(result, backup=backup, round_notes=notes)


def undo_import(db: Database, plan_id: int, result: ImportResult) -> None:
    """Take an applied import back (the one undo step of an import)."""
    ledger_undo.undo_import(db, plan_id, result)


def _ledger_rows(db: Database, plan_id: int, task_ids: Sequence[int] | None, *, today: dt.date):
    plan = get_plan(db, plan_id)
    document = documents.load_document(db, plan.document_id)
    labels = {item.id: f"（{int_to_chinese(item.number)}）{item.heading}" for item in document.items}
    latest = tasks.latest_progress(db, plan_id)
    plan_tasks = tasks.list_tasks(db, plan_id)
    if task_ids is not None:
        by_id = {task.id: task for task in plan_tasks}
        plan_tasks = [by_id[task_id] for task_id in task_ids if task_id in by_id]
    rows = [LedgerRow(task, labels.get(task.item_id, ""),
                      latest[task.id].text if task.id in latest else "",
                      latest[task.id].date if task.id in latest else None,
                      task_light(task.status, task.deadline_date, today=today, warning_days=plan.warning_days))
            for task in plan_tasks]
    return plan, rows


def _info(db: Database, plan, now: dt.datetime | None) -> LedgerInfo:
    return LedgerInfo(plan_uid=plan.uid, title=plan.name, exported_at=now or dt.datetime.now(),
                      units=tuple(unit.name for unit in units.list_units(db)))


def _remember(db: Database, plan, info: LedgerInfo, rows: Sequence[LedgerRow], file_name: str) -> None:
    exports.record_export(db, plan_id=plan.id, plan_uid=plan.uid, exported_at=info.exported_at.isoformat(),
                          file_name=file_name, snapshots={row.task.uid: exported_values(row) for row in rows})


def _remember_or_remove(db: Database, plan, info: LedgerInfo, rows: Sequence[LedgerRow], file_name: str,
                        paths: Sequence[Path], also: Callable[[], object] | None = None) -> None:
    """Record the export (and ``also``, in the same transaction); if the database refuses now, remove the
    files written, as the message says nothing was saved."""
    try:
        with db.atomic():
            _remember(db, plan, info, rows, file_name)
            if also is not None:
                also()
    except BaseException:
        for path in paths:
            Path(path).unlink(missing_ok=True)
        raise


def _file_name(unit: str) -> str:
    return safe_file_name(unit, NO_LEAD_FILE)
