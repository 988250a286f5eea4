"""Domain objects for the Word exporters: the 2018 opinion with ids, and tasks from the demo data."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain.model import Document, Status, Task
from planner.domain.policy_text import parse_policy

from tests.conftest import RESOURCES, ROOT
from tests.libreoffice import convert

TEMPLATE = ROOT / "templates" / "official.docx"
ITEMS_WITHOUT_TASKS = (5, 17)  # the exporter leaves these out by default


def load_opinion() -> Document:
    """The 2018 opinion as stored: every chapter and item with an id (item id = 100 + number)."""
    document = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))
    chapters = tuple(
        replace(chapter, id=chapter.number,
                items=tuple(replace(item, id=100 + item.number) for item in chapter.items))
        for chapter in document.chapters)
    return replace(document, chapters=chapters, id=1)


@pytest.fixture
def opinion() -> Document:
    return load_opinion()


def make_tasks(document: Document, demo_data, *, skip_items=ITEMS_WITHOUT_TASKS) -> list[Task]:
    """The demo tasks under every item but ``skip_items``, with assorted deadlines and statuses."""
    tasks = []
    phrases = ("2020年底前", "持续推进", "", "2026年6月底前")
    for item in document.items:
        if item.number in skip_items:
            continue
        for spec in demo_data.tasks_by_item[item.number]:
            n = len(tasks)
            phrase = phrases[n % len(phrases)]
            tasks.append(Task(
                id=n + 1, uid=f"u{n}", plan_id=1, item_id=item.id, code=f"{item.number}.{n}",
                content=spec["content"], lead_unit=spec["lead"], support_units=tuple(spec.get("support", ())),
                leader=spec.get("leader", ""), deadline_phrase=phrase,
                deadline_date={"2020年底前": dt.date(2020, 12, 31), "2026年6月底前": dt.date(2026, 6, 30),
                               "": dt.date(2027, 3, 1)}.get(phrase),
                status=list(Status)[n % len(Status)], sort_order=n))
    return tasks


@pytest.fixture
def plan_tasks(opinion, demo_data) -> list[Task]:
    return make_tasks(opinion, demo_data)


def to_pdf(docx_path: Path, folder: Path) -> Path:
    """LibreOffice headless with a private profile, the official fonts aliased to an installed CJK font."""
    return convert(docx_path, folder, "pdf", fonts=True)
