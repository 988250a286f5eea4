"""报送轮次 use cases: start a round, record the files sent and the returns received, show who has not replied.

A round asks some units for their progress by a reply-by date. Exporting the 台账 by unit
while the round is open records each unit's file as sent; importing a returned 台账 counts
as that unit's return, also when it changes nothing ("no progress" is still a reply).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.file_names import safe_file_name
from planner.domain.model import Status
from planner.domain.rounds import ReplyState, UnitReply, reminder_line
from planner.errors import UserError
from planner.services.plans import get_plan
from planner.storage import rounds, tasks, units

if TYPE_CHECKING:
    from sqlite_utils import Database
    from planner.exchange.xlsx_import import LedgerFile
    from planner.services.change_set import ChangeSet


@dataclass(frozen=True)
class RoundSummary:
    """One round in a plan's list (``rounds --plan``): counts as of ``today``."""

    id: int
    name: str
    due: dt.date
    started_on: dt.date
    closed_on: dt.date | None
    asked: int
    returned: int

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


@dataclass(frozen=True)
class RoundStatus:
    """A round with every unit asked and its reply; states are computed for ``as_of``."""

    id: int
    plan_id: int
    name: str
    due: dt.date
    started_on: dt.date
    closed_on: dt.date | None
    as_of: dt.date
    replies: tuple[UnitReply, ...]

    def state(self, reply: UnitReply) -> ReplyState:
        return reply.state(self.due, self.as_of)

    def units_in(self, *states: ReplyState) -> list[str]:
        return [reply.unit for reply in self.replies if self.state(reply) in states]

    @property
    def returned_count(self) -> int:
        return len(self.units_in(ReplyState.RETURNED))

    def reminder_lines(self) -> list[str]:
        """The 催报 list: one line per unit that has not replied (未报送 and 逾期未报), in the round's order."""
        return [reminder_line(self.name, reply, self.due, self.as_of) for reply in self.replies
                if self.state(reply) is not ReplyState.RETURNED]

    def as_json(self) -> dict:
        """The shape ``round-status --json`` prints; dates ISO (YYYY-MM-DD) or null."""
        def iso(date):
            return date.isoformat() if date else None

        return {
            "id": self.id, "plan_id": self.plan_id, "name": self.name, "due": iso(self.due),
            "started": iso(self.started_on), "closed": iso(self.closed_on), "as_of": iso(self.as_of),
            "asked": len(self.replies), "returned": self.returned_count,
            "late": len(self.units_in(ReplyState.LATE)),
            "units": [{"unit": r.unit, "state": self.state(r).value, "sent": iso(r.sent_on), "sent_file": r.sent_file,
                       "returned": iso(r.returned_on), "file": r.returned_file, "rows_changed": r.rows_changed,
                       "returns": r.returns} for r in self.replies],
        }


@dataclass(frozen=True)
class ReplyRate:
    """The open round's reply rate (for the dashboard, issue 19): ``returned`` of ``asked`` units, ``late`` overdue."""

    round_id: int
    name: str
    due: dt.date
    asked: int
    returned: int
    late: int

    @property
    def rate(self) -> float:
        """0.0–1.0; 0.0 for a round that asked nobody."""
        return self.returned / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class RoundStart:
    """What starting a round did: its id, and the name of the open round it closed, if any."""

    round_id: int
    closed_previous: str | None


def default_units(db: Database, plan_id: int) -> list[str]:
    """Every lead unit with open tasks (not 已完成, not in the 回收站), in the units directory's order."""
    open_leads = {task.lead_unit for task in tasks.list_tasks(db, plan_id)
                  if task.lead_unit and task.status is not Status.DONE}
    return [unit.name for unit in units.list_units(db) if unit.name in open_leads]


def start_round(db: Database, plan_id: int, *, name: str, due: dt.date, unit_names: Sequence[str] | None = None
                ) -> RoundStart:
    """Open a round asking ``unit_names`` (default: ``default_units``); an open round of the plan is closed first.

    Raises:
        UserError: no such plan; empty name; a unit not in the units directory (all are named);
            no unit to ask. Nothing is written then.
    """
    get_plan(db, plan_id)
    name = name.strip()
    if not name:
        raise UserError("报送轮次名称不能为空。")
    wanted = list(dict.fromkeys(u.strip() for u in (unit_names if unit_names is not None
                                                     else default_units(db, plan_id)) if u.strip()))
    directory = _directory(db)
    unknown = [unit for unit in wanted if unit not in directory]
    if unknown:
        raise UserError(f"单位目录中没有：{'、'.join(unknown)}；请先在“设置 → 单位目录”中添加，或检查名称。")
    if not wanted:
        raise UserError("没有要报送的单位：本方案没有未完成任务的牵头单位，请指定报送单位。")
    asked = list(dict.fromkeys(directory[unit] for unit in wanted))  # an alias and its unit are one unit
    ids = {unit.name: unit.id for unit in units.list_units(db)}
    with db.atomic():
        previous = rounds.open_round(db, plan_id)
        if previous is not None:
            rounds.close_round(db, previous.id)
        round_id = rounds.insert_round(db, plan_id=plan_id, name=name, due_date=due.isoformat(),
                                       units=[(ids[unit], unit) for unit in asked])
    return RoundStart(round_id, previous.name if previous else None)


def close_round(db: Database, round_id: int) -> None:
    """End a round (结束本轮): it is kept, but imports and exports no longer count towards it."""
    with db.atomic():
        _round(db, round_id)
        rounds.close_round(db, round_id)


def list_rounds(db: Database, plan_id: int) -> list[RoundSummary]:
    """The plan's rounds, newest first (rounds are never deleted)."""
    get_plan(db, plan_id)
    summaries = []
    for row in rounds.list_rounds(db, plan_id):
        asked = rounds.round_units(db, row.id)
        summaries.append(RoundSummary(row.id, row.name, dt.date.fromisoformat(row.due_date), _day(row.started_at),
                                      _day(row.closed_at), len(asked), sum(1 for u in asked if u["first_return"])))
    return summaries


def round_status(db: Database, round_id: int, *, today: dt.date) -> RoundStatus:
    """Every unit asked with its reply, states as of ``today``.

    Raises:
        UserError: no round with that id.
    """
    row = _round(db, round_id)
    replies = tuple(UnitReply(unit=u["name"], sent_on=_day(u["sent_at"]), sent_file=u["sent_file"],
                              returned_on=_day(u["first_return"]), returned_file=u["last_file"] or "",
                              rows_changed=u["last_rows"], returns=u["returns"])
                    for u in rounds.round_units(db, round_id))
    return RoundStatus(row.id, row.plan_id, row.name, dt.date.fromisoformat(row.due_date), _day(row.started_at),
                       _day(row.closed_at), today, replies)


def open_round_name(db: Database, plan_id: int) -> str | None:
    """The name of the plan's open round, or None."""
    row = rounds.open_round(db, plan_id)
    return row.name if row else None


def open_round_status(db: Database, plan_id: int, *, today: dt.date) -> RoundStatus | None:
    row = rounds.open_round(db, plan_id)
    return round_status(db, row.id, today=today) if row else None


def open_round_reply_rate(db: Database, plan_id: int, *, today: dt.date) -> ReplyRate | None:
    """The open round's reply rate, or None when the plan has no open round (dashboard seam, issue 19)."""
    status = open_round_status(db, plan_id, today=today)
    if status is None:
        return None
    return ReplyRate(status.id, status.name, status.due, len(status.replies), status.returned_count,
                     len(status.units_in(ReplyState.LATE)))


def record_sent(db: Database, plan_id: int, files: Mapping[str, Path | str], *, sent_at: dt.datetime) -> list[str]:
    """Record the per-unit files just exported (unit name → file) as sent for the plan's open round.

    Units the round did not ask are ignored; returns the units recorded (none without an open round).
    Joins the caller's transaction when there is one.
    """
    with db.atomic():
        row = rounds.open_round(db, plan_id)
        if row is None:
            return []
        positions = _positions(db, row.id)
        sent = {positions[unit]: Path(path).name for unit, path in files.items() if unit in positions}
        rounds.mark_sent(db, row.id, sent, sent_at.isoformat(timespec="seconds"))
    return [unit for unit in files if unit in positions]


def record_returns(db: Database, plan_id: int, change_set: ChangeSet, files: Sequence[LedgerFile]) -> list[str]:
    """Count each file of an import (applied, or changing nothing) as its unit's return for the open round.

    Each return keeps the date, the file name and the rows it changed (0 for "no progress").
    A file whose unit cannot be told for sure, or that the round did not ask, is not counted.
    Joins the caller's transaction when there is one.

    Returns:
        One line per file for the user (what was counted, or why not); empty without an open round.
    """
    if change_set.errors:
        return []
    by_name = {file.file: file for file in files}
    notes = []
    with db.atomic():
        row = rounds.open_round(db, plan_id)
        if row is None:
            return []
        positions = _positions(db, row.id)
        directory = _directory(db)
        for file_name in change_set.files:
            unit, doubt = returned_unit(file_name, by_name.get(file_name), positions, directory)
            if unit is None:
                notes.append(f"“{file_name}”{doubt}，未计入报送轮次“{row.name}”。")
                continue
            changed = _rows_changed(change_set, file_name)
            rounds.add_return(db, row.id, positions[unit], file_name=file_name, rows_changed=changed)
            notes.append(f"已记为{unit}在“{row.name}”中的报送（{file_name}，变更 {changed} 行）。")
    return notes


def returned_unit(file_name: str, file: LedgerFile | None, asked: Mapping[str, int],
                  directory: Mapping[str, str]) -> tuple[str | None, str]:
    """Which asked unit a returned file is from, or (None, why not).

    The unit its 台账信息 sheet records (导出单位, written by export by unit) decides; a file
    without one is told by the one lead unit of all its rows and by its name ``<unit>.xlsx``
    as export by unit writes it. When those tell and disagree, nothing is guessed.
    """
    recorded = directory.get(file.unit, file.unit) if file is not None and file.unit else ""
    leads = {directory.get(str(record.values.get("lead") or "").strip(), str(record.values.get("lead") or "").strip())
             for record in (file.records if file else ()) if not record.failed}
    leads.discard("")
    by_rows = recorded or (next(iter(leads)) if len(leads) == 1 else None)
    stem = Path(file_name).stem
    by_name = next((unit for unit in asked if safe_file_name(unit, "") == stem), None)
    if by_rows and by_name and by_rows != by_name:
        return None, f"的文件名是{by_name}，但任务的牵头单位都是{by_rows}，无法确定是哪个单位的报送"
    unit = by_rows or by_name
    if unit is None:
        why = "的任务有多个牵头单位，文件名也不是某个报送单位" if len(leads) > 1 else "无法确定是哪个单位的报送"
        return None, why
    if unit not in asked:
        return None, f"是{unit}的台账，但{unit}不在本轮报送单位中"
    return unit, ""


def _rows_changed(change_set: ChangeSet, file_name: str) -> int:
    """Distinct rows of the file that add a task, change a field or add progress."""
    places = [change.where for change in (*change_set.new_tasks, *change_set.updates, *change_set.progress)]
    return len({(where.sheet, where.row) for where in places if where.file == file_name})


def _directory(db: Database) -> dict[str, str]:
    """Every unit name and alias → the unit's current name."""
    names = dict(units.alias_names(db))
    names.update({unit.name: unit.name for unit in units.list_units(db)})
    return names


def _positions(db: Database, round_id: int) -> dict[str, int]:
    return {u["name"]: u["position"] for u in rounds.round_units(db, round_id)}


def _round(db: Database, round_id: int) -> rounds.RoundRow:
    row = rounds.get_round(db, round_id)
    if row is None:
        raise UserError(f"没有编号为 {round_id} 的报送轮次；可用 rounds 命令查看已有轮次。")
    return row


def _day(text: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(text).date() if text else None
