"""The exported 实施方案 as LibreOffice lays it out: converted to PDF, read back with poppler."""

import re
import subprocess
from pathlib import Path

import pytest

from planner.domain.numerals import int_to_chinese
from planner.exchange.builtin import load_demo
from planner.exchange.docx_export import export_plan

from tests.conftest import RESOURCES
from tests.exchange.conftest import TEMPLATE, load_opinion, make_tasks, to_pdf

TITLE = "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]  # Chinese may wrap anywhere


def without_page_number(page: str) -> str:
    return re.sub(r"—\d+—", "", page)


def first_attachment_page(pages: list[str]) -> int:
    return next(i for i, page in enumerate(pages) if without_page_number(page).startswith("附件重点任务分工表"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, opinion, plan_tasks):
    tasks = plan_tasks
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "plan.docx"
    export_plan(path, template=TEMPLATE, title=TITLE, preamble="", document=opinion, tasks=tasks)
    pdf = to_pdf(path, folder)
    return opinion, tasks, page_sizes(pdf), page_texts(pdf)


@pytest.fixture(scope="module")
def opinion():
    return load_opinion()


@pytest.fixture(scope="module")
def plan_tasks(opinion):
    return make_tasks(opinion, load_demo(RESOURCES))


def test_the_pdf_holds_the_title_every_chapter_heading_and_every_task(rendered):
    opinion, tasks, sizes, pages = rendered
    pages = [without_page_number(page) for page in pages]  # so text running over a page joins up
    text = "".join(pages)
    assert re.sub(r"\s+", "", TITLE) in text
    for chapter in opinion.chapters:
        assert f"{int_to_chinese(chapter.number)}、{chapter.title}" in text
    attachment = "".join(pages[first_attachment_page(pages):])
    body = text[:len(text) - len(attachment)]
    # In the table the row number, centred vertically, reads between the lines of its task: digits are
    # left out of both sides for the table.
    table = re.sub(r"\d+", "", attachment)
    for task in tasks:
        content = re.sub(r"\s+", "", task.content)
        assert body.count(content) == 1, task.content
        assert table.count(re.sub(r"\d+", "", content)) == 1, task.content


def test_the_body_is_portrait_and_the_attachment_pages_are_landscape(rendered):
    _, _, sizes, pages = rendered
    pages = pages[:len(sizes)]
    first_attachment = first_attachment_page(pages)
    assert first_attachment >= 2
    a4 = pytest.approx((595.3, 841.9), abs=1)
    assert all(size == a4 for size in sizes[:first_attachment])
    assert all((h, w) == a4 for w, h in sizes[first_attachment:])
    assert len(sizes) - first_attachment >= 2  # the table runs over several landscape pages


def test_page_numbers_are_printed_and_continue_through_the_attachment(rendered):
    _, _, sizes, pages = rendered
    for number, page in enumerate(pages[:len(sizes)], start=1):
        assert re.findall(r"—(\d+)—", page) == [str(number)]
