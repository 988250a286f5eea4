"""Telling an item from an 对应条目 cell, and how a change set reads to a person."""

import datetime as dt

import pytest

from planner.domain.deadlines import Deadline
from planner.domain.model import Item, NewTask, ProgressEntry, Status
from planner.services.change_set import (
    ChangeSet, Conflict, FieldUpdate, ImportedProgress, ImportedTask, Location)
from planner.services.ledger_compare import TASK_CODE, item_for_label

ITEMS = {n: Item(number=n, heading=h, paragraphs=(h,), id=100 + n) for n, h in [
    (4, "推动国家重大区域战略融合发展"), (12, "深化区域合作机制"), (25, "建立健全区域政策与其他宏观调控政策联动机制")]}


@pytest.mark.parametrize(("label", "number"), [
    ("（四）推动国家重大区域战略融合发展", 4), ("(四)", 4), ("四", 4), ("4", 4), ("第十二条", 12),
    ("（二十五）", 25), ("25、建立健全", 25), ("深化区域合作机制", 12), ("推动国家重大区域战略融合发展（节选）", 4),
])
def test_an_item_is_told_by_its_number_or_heading(label, number):
    assert item_for_label(label, ITEMS).number == number


@pytest.mark.parametrize("label", ["", "（九）", "其他", "区域"])
def test_an_unknown_item_is_none(label):
    assert item_for_label(label, ITEMS) is None


@pytest.mark.parametrize(("code", "is_code"), [("4.2", True), ("1.10", True), ("30.1", True), ("1", False),
                                                ("2", False), ("4.2.1", False), ("四.2", False)])
def test_only_item_dot_task_is_a_code(code, is_code):
    assert bool(TASK_CODE.fullmatch(code)) is is_code


def test_a_change_set_reads_line_by_line():
    where = Location("财政厅.xlsx", "任务台账", 5, "I")
    change_set = ChangeSet(
        plan_id=1, files=("财政厅.xlsx",),
        new_tasks=(ImportedTask(NewTask(item_id=104, content="新增任务"), 4, where),),
        updates=(FieldUpdate(7, "4.2", "status", Status.IN_PROGRESS, Status.DONE, where),
                 FieldUpdate(8, "4.3", "deadline", Deadline("2025年底前", dt.date(2025, 12, 31)),
                             Deadline("持续推进", None), where)),
        progress=(ImportedProgress(7, "4.2", ProgressEntry(date=dt.date(2025, 3, 1), text="已完成"), where),),
        conflicts=(Conflict(9, "4.4", "note", "甲", ("乙", "丙"), "多个文件填写不一致", (where, where)),),
        unknown_units=("新设局",))
    assert change_set.lines() == [
        "新增任务 1 项，修改字段 2 处，新增进展 1 条，冲突 1 处，错误 0 处",
        "新增任务：（四）新增任务（“财政厅.xlsx”，工作表“任务台账”，第 5 行 I 列）",
        "修改：任务 4.2 的状态：“推进中” → “已完成”",
        "修改：任务 4.3 的完成时限：“2025年底前（2025-12-31）” → “持续推进”",
        "进展：任务 4.2，2025-03-01：已完成",
        "冲突：任务 4.4 的备注（多个文件填写不一致）：本程序中为“甲”，文件中为 “乙”、“丙”"
        "（“财政厅.xlsx”，工作表“任务台账”，第 5 行 I 列；“财政厅.xlsx”，工作表“任务台账”，第 5 行 I 列）",
        "单位目录中没有的单位：新设局",
    ]
    assert change_set.as_json()["unknown_units"] == ["新设局"] and not change_set.is_empty
