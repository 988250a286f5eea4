"""Stored tasks: bulk insert with codes, units in order, progress history, soft delete."""

import datetime as dt

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.storage import tasks


def item_id(document, number):
    return next(item.id for item in document.items if item.number == number)


def test_bulk_insert_numbers_tasks_per_item_and_keeps_units_in_order(stored):
    db, plan, document = stored
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=item_id(document, 4), content="推动融入京津冀协同发展", lead_unit="省发展改革委",
                support_units=("省财政厅", "省自然资源厅"), deadline_phrase="2020年底前",
                deadline_date=dt.date(2020, 12, 31)),
        NewTask(item_id=item_id(document, 4), content="对接长江经济带发展", lead_unit="省发展改革委",
                support_units=("省交通运输厅",)),
        NewTask(item_id=item_id(document, 21), content="落实养老保险全国统筹", lead_unit="省人力资源社会保障厅",
                status=Status.IN_PROGRESS, percent=40,
                progress=(ProgressEntry(date=dt.date(2025, 3, 1), text="已制定方案", status=Status.IN_PROGRESS,
                                        percent=40),)),
    ])
    stored_tasks = tasks.list_tasks(db, plan.id)
    assert [t.id for t in stored_tasks] == ids
    assert [t.code for t in stored_tasks] == ["4.1", "4.2", "21.1"]
    first = stored_tasks[0]
    assert first.lead_unit == "省发展改革委"
    assert first.support_units == ("省财政厅", "省自然资源厅")
    assert (first.deadline_phrase, first.deadline_date) == ("2020年底前", dt.date(2020, 12, 31))
    assert len({t.uid for t in stored_tasks}) == 3
    history = tasks.list_progress(db, ids[2])
    assert [(e.date, e.text, e.status, e.percent) for e in history] == [
        (dt.date(2025, 3, 1), "已制定方案", Status.IN_PROGRESS, 40)]
    # Units named on tasks join the directory.
    names = {r["name"] for r in db.query("SELECT name FROM units")}
    assert {"省发展改革委", "省财政厅", "省人力资源社会保障厅"} <= names
    # Codes continue after the highest used, deleted tasks included.
    tasks.soft_delete_task(db, ids[1])
    [later] = tasks.insert_tasks(db, plan.id, [NewTask(item_id=item_id(document, 4), content="第三项")])
    assert tasks.get_task(db, later).code == "4.3"


def test_a_deleted_task_keeps_its_history_and_can_be_restored(stored):
    db, plan, document = stored
    [task_id] = tasks.insert_tasks(db, plan.id, [NewTask(
        item_id=item_id(document, 1), content="学习贯彻", progress=(
            ProgressEntry(date=dt.date(2025, 1, 5), text="已学习"),))])
    tasks.soft_delete_task(db, task_id)
    assert tasks.list_tasks(db, plan.id) == []
    assert [t.id for t in tasks.list_tasks(db, plan.id, include_deleted=True)] == [task_id]
    assert [e.text for e in tasks.list_progress(db, task_id)] == ["已学习"]
    tasks.restore_task(db, task_id)
    assert [t.id for t in tasks.list_tasks(db, plan.id)] == [task_id]


def test_a_failing_bulk_insert_leaves_nothing_behind(stored):
    db, plan, document = stored
    bad = NewTask(item_id=item_id(document, 2), content="进度超出范围", percent=150)
    try:
        tasks.insert_tasks(db, plan.id, [NewTask(item_id=item_id(document, 2), content="正常任务",
                                                 lead_unit="省新设单位"), bad])
    except Exception:
        pass
    assert tasks.list_tasks(db, plan.id, include_deleted=True) == []
    assert not list(db.query("SELECT 1 FROM units WHERE name = '省新设单位'"))


def test_unit_names_are_trimmed_deduplicated_and_resolved_through_aliases(stored):
    db, plan, document = stored
    from planner.storage import units

    units.add_units(db, ["省发展改革委", "省自然资源厅"])
    units.add_aliases(db, {"省发改委": "省发展改革委"})
    before = len(units.list_units(db))
    [task_id] = tasks.insert_tasks(db, plan.id, [NewTask(
        item_id=item_id(document, 6), content="陆海统筹", lead_unit=" 省发改委",
        support_units=("省自然资源厅", "省自然资源厅 ", "省发展改革委", ""))])
    task = tasks.get_task(db, task_id)
    assert task.lead_unit == "省发展改革委"
    assert task.support_units == ("省自然资源厅",)
    assert len(units.list_units(db)) == before


def test_a_whole_plan_read_gives_the_same_tasks_as_reading_each_in_outline_order(stored):
    """list_tasks builds a whole plan's Tasks without their __init__ and sorts them itself."""
    import dataclasses

    db, plan, document = stored
    later_item, earlier_item = item_id(document, 21), item_id(document, 4)
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=later_item, content="后面条目的任务", lead_unit="省人力资源社会保障厅",
                support_units=("省财政厅",)),
        NewTask(item_id=earlier_item, content="前面条目的任务", lead_unit="省发展改革委",
                support_units=("省自然资源厅", "省财政厅", "省交通运输厅"), deadline_phrase="2026年底前",
                deadline_date=dt.date(2026, 12, 31), status=Status.IN_PROGRESS, percent=30, note="备注"),
        NewTask(item_id=earlier_item, content="前面条目的第二项")])
    db.execute("UPDATE tasks SET sort_order = -1 WHERE id = ?", [ids[2]])  # moved up within its item
    listed = tasks.list_tasks(db, plan.id)
    assert [t.id for t in listed] == [ids[2], ids[1], ids[0]]  # item order, then position in the item
    assert listed == [tasks.get_task(db, task_id) for task_id in (ids[2], ids[1], ids[0])]
    assert listed[1].support_units == ("省自然资源厅", "省财政厅", "省交通运输厅")  # in the order given
    assert hash(listed[1]) == hash(tasks.get_task(db, ids[1]))
    assert dataclasses.replace(listed[1], percent=40).percent == 40
    assert repr(listed[1]) == repr(tasks.get_task(db, ids[1]))
    # One item's read (through the index) agrees with the whole plan's.
    assert tasks.list_tasks(db, plan.id, item_id=earlier_item) == listed[:2]
