"""Which unit's return a 台账 is, and what a row for another unit's task says (services.ledger_file_unit)."""

import pytest

from planner.domain.model import Task
from planner.exchange.xlsx_import import LedgerFile, LedgerRecord
from planner.services.change_set import Location
from planner.services.ledger_file_unit import file_unit, new_task_lead_problem, other_units_row

UNITS = {"省财政厅", "省发展改革委", "省教育厅"}
ALIASES = {"财政厅": "省财政厅"}


def ledger(*leads, unit="", title="") -> LedgerFile:
    records = tuple(LedgerRecord("回执.xlsx", "任务台账", row, {"lead": lead} if lead else {}, {"lead": "D"})
                    for row, lead in enumerate(leads, start=4))
    return LedgerFile("回执.xlsx", "任务台账", unit=unit, title=title, records=records)


def unit_of(file: LedgerFile) -> str:
    return file_unit(file, plan_name="实施方案", unit_names=UNITS, lead_of=lambda name: ALIASES.get(name, name))


@pytest.mark.parametrize(("file", "unit"), [
    (ledger("省发展改革委", "省教育厅", unit="省财政厅"), "省财政厅"),  # 台账信息's 导出单位 decides
    (ledger("省发展改革委", "省教育厅", title="实施方案（省财政厅）"), "省财政厅"),  # an older export's title
    (ledger("省财政厅", "财政厅", "省财政厅"), "省财政厅"),  # one lead (an alias counted as its unit)
    (ledger(*["省财政厅"] * 4, "省发展改革委"), "省财政厅"),  # 4 of 5 rows: that unit's, one row another's
    (ledger(*["省财政厅"] * 3, "省发展改革委", "省教育厅"), ""),  # 3 of 5: a whole 台账
    (ledger("省财政厅", "省发展改革委"), ""),
    (ledger("省财政厅"), ""),  # a single row tells nothing
    (ledger("", ""), ""),
])
def test_a_files_unit_comes_from_its_export_or_from_one_lead_on_nearly_every_row(file, unit):
    assert unit_of(file) == unit


TASK_12 = Task(id=7, uid="u-12", plan_id=2, item_id=1, code="1.2", content="研究制定区域协调发展新机制实施方案",
               lead_unit="省发展改革委")
WHERE = Location("回执.xlsx", "任务台账", 9, "C")


def test_a_row_for_another_units_task_is_quoted_as_the_file_has_it():
    row = LedgerRecord("回执.xlsx", "任务台账", 9, {"code": "1.2", "content": TASK_12.content}, {"content": "C"})
    conflict = other_units_row(row, TASK_12, unit="省财政厅", where=WHERE)
    assert conflict.line() == ("待确认：“回执.xlsx”，工作表“任务台账”，第 9 行 C 列的行（“研究制定区域协调发展新机制实施方案”）"
                               "是由省发展改革委牵头的任务 1.2，不在省财政厅的台账中，该行未导入")


def test_a_row_copied_with_another_tasks_hidden_id_quotes_its_own_text_and_names_that_task():
    row = LedgerRecord("回执.xlsx", "任务台账", 9, {"uid": "u-12", "code": "20.9", "content": "开展县级财政运行监测"},
                       {"content": "C"})
    conflict = other_units_row(row, TASK_12, unit="省财政厅", where=WHERE)
    assert conflict.proposed == ("开展县级财政运行监测",)
    assert conflict.reason == ("隐藏的任务标识指向由省发展改革委牵头的任务 1.2（“研究制定区域协调发展新机制实施方案”），"
                               "不在省财政厅的台账中")


def test_a_new_task_in_a_units_file_must_be_led_by_that_unit():
    assert new_task_lead_problem("省财政厅", "省财政厅") == ""
    assert new_task_lead_problem("省教育厅", "") == ""  # a whole 台账 may add any unit's task
    assert new_task_lead_problem("", "省财政厅") == ""  # no lead written: the task is the file's
    assert "不是本文件的单位“省财政厅”" in new_task_lead_problem("省教育厅", "省财政厅")
