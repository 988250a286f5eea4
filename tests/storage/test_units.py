"""The units directory: renaming and merging keep every task linked."""

import pytest

from planner.domain.model import NewTask
from planner.errors import UserError
from planner.storage import tasks, units


def test_renaming_a_unit_keeps_its_tasks_and_remembers_the_old_name(stored):
    db, plan, document = stored
    [task_id] = tasks.insert_tasks(db, plan.id, [NewTask(
        item_id=document.items[0].id, content="任务", lead_unit="省扶贫办", support_units=("省财政厅",))])
    unit_id = units.add_units(db, ["省扶贫办"])["省扶贫办"]
    units.rename_unit(db, unit_id, "省乡村振兴局")
    assert tasks.get_task(db, task_id).lead_unit == "省乡村振兴局"
    alias = next(db.query("SELECT unit_id FROM unit_aliases WHERE alias = '省扶贫办'"))
    assert alias["unit_id"] == unit_id
    with pytest.raises(UserError, match="已存在"):
        units.rename_unit(db, unit_id, "省财政厅")


def test_merging_moves_lead_and_support_links_without_duplicates(stored):
    db, plan, document = stored
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=document.items[0].id, content="甲", lead_unit="省乡村振兴局"),
        NewTask(item_id=document.items[0].id, content="乙", lead_unit="省发展改革委",
                support_units=("省乡村振兴局", "省农业农村厅")),
        NewTask(item_id=document.items[0].id, content="丙", lead_unit="省农业农村厅",
                support_units=("省乡村振兴局",)),
    ])
    name_to_id = units.add_units(db, ["省乡村振兴局", "省农业农村厅"])
    units.merge_units(db, name_to_id["省乡村振兴局"], name_to_id["省农业农村厅"])
    first, second, third = (tasks.get_task(db, i) for i in ids)
    assert first.lead_unit == "省农业农村厅"
    assert second.support_units == ("省农业农村厅",)
    assert third.lead_unit == "省农业农村厅" and third.support_units == ()
    assert "省乡村振兴局" not in [u.name for u in units.list_units(db)]
    assert next(db.query("SELECT unit_id FROM unit_aliases WHERE alias = '省乡村振兴局'"))["unit_id"] == \
        name_to_id["省农业农村厅"]
