"""Reply states and 催报 lines: late only after the reply-by day itself."""

import datetime as dt

from planner.domain.rounds import ReplyState, UnitReply, reminder_line

DUE = dt.date(2026, 12, 10)


def test_a_unit_is_late_only_from_the_day_after_the_reply_by_date():
    waiting = UnitReply("省财政厅")
    assert waiting.state(DUE, DUE) is ReplyState.WAITING
    assert waiting.state(DUE, DUE + dt.timedelta(days=1)) is ReplyState.LATE
    late_reply = UnitReply("省财政厅", returned_on=DUE + dt.timedelta(days=5), returns=1)
    assert late_reply.state(DUE, DUE + dt.timedelta(days=9)) is ReplyState.RETURNED


def test_the_reminder_line_says_how_long_is_left_or_how_late_it_is():
    unit = UnitReply("省教育厅")
    assert reminder_line("十一月报送", unit, DUE, dt.date(2026, 12, 7)) == \
        "省教育厅：十一月报送，报送期限2026年12月10日，还有3天，尚未报送"
    assert "今天截止" in reminder_line("十一月报送", unit, DUE, DUE)
    assert "已逾期2天" in reminder_line("十一月报送", unit, DUE, dt.date(2026, 12, 12))
