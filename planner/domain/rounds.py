"""报送轮次 as a person reads it: each unit's reply state, and the 催报 line for a unit that has not replied."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from planner.domain.chinese_dates import chinese_date


class ReplyState(enum.Enum):
    """A unit's state in a round; the values are what the window, the CLI and the JSON show."""

    RETURNED = "已报送"
    WAITING = "未报送"
    LATE = "逾期未报"


@dataclass(frozen=True)
class UnitReply:
    """One unit asked in a round: what was sent to it and what came back.

    ``returned_on`` is the first return (a later one does not move the reply date);
    ``returns`` counts every return received, ``rows_changed`` is the rows the latest changed.
    """

    unit: str
    sent_on: dt.date | None = None
    sent_file: str = ""
    returned_on: dt.date | None = None
    returned_file: str = ""
    rows_changed: int | None = None
    returns: int = 0

    def state(self, due: dt.date, today: dt.date) -> ReplyState:
        """已报送 once anything came back; 逾期未报 only after the reply-by day itself has passed."""
        if self.returned_on is not None:
            return ReplyState.RETURNED
        return ReplyState.LATE if today > due else ReplyState.WAITING


def reminder_line(round_name: str, reply: UnitReply, due: dt.date, today: dt.date) -> str:
    """One line of the 催报 list, e.g. ``省财政厅：2026年11月进展报送，报送期限2026年12月10日，已逾期3天，尚未报送``."""
    late = (today - due).days
    when = f"已逾期{late}天" if late > 0 else f"还有{(due - today).days}天" if due > today else "今天截止"
    return f"{reply.unit}：{round_name}，报送期限{chinese_date(due)}，{when}，尚未报送"
