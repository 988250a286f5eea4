"""holiday_days and plans.count_workdays (migration m010_working_days)."""

import datetime as dt
import sqlite3

import pytest

from planner.domain.workdays import DayKind, HolidayDay
from planner.storage import workdays


def test_the_migration_adds_the_table_and_the_plan_column(stored):
    db, plan, _document = stored
    assert [r["name"] for r in db.query("PRAGMA table_info(holiday_days)")] == ["day", "year", "kind", "name"]
    assert next(db.query("SELECT count_workdays FROM plans WHERE id = ?", [plan.id]))["count_workdays"] == 0
    # The dashboard's per-unit pass reads this index alone.
    assert [r["name"] for r in db.query("PRAGMA index_info(tasks_plan_unit)")] == [
        "plan_id", "deleted_at", "lead_unit_id", "status", "deadline_date"]


def test_a_year_is_replaced_whole_and_read_back_in_date_order(stored):
    db, plan, _document = stored
    workdays.replace_year(db, 2027, [HolidayDay(dt.date(2027, 10, 1), DayKind.HOLIDAY, "国庆节"),
                                     HolidayDay(dt.date(2027, 2, 6), DayKind.WORKDAY, "春节调休")])
    workdays.replace_year(db, 2028, [HolidayDay(dt.date(2028, 1, 1), DayKind.HOLIDAY, "元旦")])
    workdays.replace_year(db, 2027, [HolidayDay(dt.date(2027, 2, 8), DayKind.HOLIDAY, "春节")])
    assert workdays.office_arrangements(db) == {
        2027: [HolidayDay(dt.date(2027, 2, 8), DayKind.HOLIDAY, "春节")],
        2028: [HolidayDay(dt.date(2028, 1, 1), DayKind.HOLIDAY, "元旦")]}


def test_the_kind_and_the_setting_are_checked_by_the_schema(stored):
    db, plan, _document = stored
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO holiday_days (day, year, kind) VALUES ('2027-01-01', 2027, '休息')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE plans SET count_workdays = 2 WHERE id = ?", [plan.id])
    workdays.set_counts_workdays(db, plan.id, True)
    assert workdays.counts_workdays(db, plan.id)
