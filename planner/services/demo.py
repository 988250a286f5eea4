"""The demo plan: realistic tasks under every item of the 2018 opinion, to look around in."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.errors import UserError
from planner.exchange.builtin import BUILTIN_DOCUMENTS, DemoData
from planner.services.tasks import bulk_create_tasks
from planner.storage import documents, plans

if TYPE_CHECKING:
    from sqlite_utils import Database

OPEN_PHRASES = ("持续推进", "长期坚持", "按年度推进")


def create_demo_plan(db: Database, demo: DemoData, *, today: dt.date, seed: int = 2018) -> int:
    """Add a demo plan with 2–4 tasks under each item; return its id.

    Deadlines are placed relative to ``today`` so that some tasks are overdue,
    some due soon and most later; every status occurs, each task has a short
    progress history. One transaction: a failure leaves nothing behind.
    """
    document_id = documents.document_id_by_builtin_key(db, BUILTIN_DOCUMENTS[0][0])
    if document_id is None:
        raise UserError("数据库中没有内置的《意见》文本，无法生成演示方案。")
    document = documents.load_document(db, document_id)
    rng = random.Random(seed)
    with db.atomic():
        plan = plans.create_plan(db, document_id=document_id, office="示范省", year=today.year,
                                 name=f"示范省贯彻落实《{document.title}》实施方案（演示）")
        new_tasks = []
        for item in document.items:
            for spec in demo.tasks_by_item.get(item.number, []):
                new_tasks.append(_demo_task(item.id, spec, demo, rng, today))
        _cover_every_status(new_tasks, demo, today)
        bulk_create_tasks(db, plan.id, new_tasks)
    return plan.id


def _demo_task(item_id: int, spec: dict, demo: DemoData, rng: random.Random, today: dt.date) -> NewTask:
    roll = rng.random()
    if roll < 0.15:
        phrase, due = rng.choice(OPEN_PHRASES), None
        status = rng.choice([Status.IN_PROGRESS, Status.IN_PROGRESS, Status.NOT_STARTED])
    else:
        if roll < 0.32:  # overdue
            due = today - dt.timedelta(days=rng.randint(5, 200))
            status = rng.choice([Status.DELAYED, Status.IN_PROGRESS, Status.DONE, Status.DELAYED])
        elif roll < 0.47:  # due within the 30-day warning window
            due = today + dt.timedelta(days=rng.randint(1, 28))
            status = rng.choice([Status.IN_PROGRESS, Status.IN_PROGRESS, Status.NOT_STARTED])
        else:
            due = today + dt.timedelta(days=rng.randint(35, 560))
            status = rng.choice([Status.NOT_STARTED, Status.IN_PROGRESS, Status.IN_PROGRESS,
                                 Status.DONE, Status.PAUSED])
        phrase, due = _phrase_for(due, rng)
    percent = {Status.NOT_STARTED: 0, Status.DONE: 100}.get(status, rng.randrange(10, 90, 5))
    return NewTask(item_id=item_id, content=spec["content"], lead_unit=spec["lead"],
                   support_units=tuple(spec.get("support", ())), leader=spec.get("leader", ""),
                   deadline_phrase=phrase, deadline_date=due, status=status, percent=percent,
                   progress=_history(status, percent, demo, rng, today))


def _phrase_for(due: dt.date, rng: random.Random) -> tuple[str, dt.date]:
    """A deadline phrase as offices write it, and the date it means."""
    style = rng.random()
    if style < 0.45:
        last = calendar.monthrange(due.year, due.month)[1]
        return f"{due.year}年{due.month}月底前", due.replace(day=last)
    if style < 0.6 and due.month >= 11:
        return f"{due.year}年底前", dt.date(due.year, 12, 31)
    if style < 0.8:
        return f"{due.year}年{due.month}月{due.day}日前", due
    return due.isoformat(), due


def _history(status: Status, percent: int, demo: DemoData, rng: random.Random,
             today: dt.date) -> tuple[ProgressEntry, ...]:
    count = rng.randint(0, 1) if status is Status.NOT_STARTED else rng.randint(1, 3)
    entries = []
    day = today - dt.timedelta(days=rng.randint(2, 20))
    for index in range(count):
        latest = index == 0
        entry_status = status if latest else Status.IN_PROGRESS
        notes = demo.progress_notes.get(entry_status.value) or demo.progress_notes[Status.IN_PROGRESS.value]
        entry_percent = percent if latest else max(0, percent - 15 * index)
        entries.append(ProgressEntry(date=day, text=rng.choice(notes), status=entry_status,
                                     percent=entry_percent, source="演示数据"))
        day -= dt.timedelta(days=rng.randint(15, 60))
    return tuple(reversed(entries))


def _cover_every_status(tasks: list[NewTask], demo: DemoData, today: dt.date) -> None:
    """Make sure each status occurs at least once, so a newcomer sees all of them."""
    present = {task.status for task in tasks}
    for offset, status in enumerate(s for s in Status if s not in present):
        index = (7 + 11 * offset) % len(tasks)
        percent = {Status.NOT_STARTED: 0, Status.DONE: 100}.get(status, 40)
        note = (demo.progress_notes.get(status.value) or ["进展已更新"])[0]
        tasks[index] = replace(tasks[index], status=status, percent=percent,
                               progress=(ProgressEntry(date=today - dt.timedelta(days=3), text=note,
                                                       status=status, percent=percent, source="演示数据"),))
