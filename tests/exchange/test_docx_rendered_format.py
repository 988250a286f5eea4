"""Both Word documents as LibreOffice lays them out (PDF read back with poppler): 28 characters × 22 lines,
the title's lines, Chinese dates only — with outside text full of controls, line breaks and ISO dates."""

import datetime as dt
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain.model import ProgressEntry, Status
from planner.domain.progress_report import summarize
from planner.domain.title_lines import break_title
from planner.exchange.builtin import load_demo
from planner.exchange.docx_export import PlanExportOptions, export_plan
from planner.exchange.docx_report import export_report, report_title

from tests.conftest import RESOURCES
from tests.exchange.conftest import TEMPLATE, load_opinion, make_tasks, to_pdf

TITLE = "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"
ISSUER = "示范省发展和改革委员会"
WIDE_ONLY = re.compile(r"^[^\x00-\x7f]+$")  # a line of Chinese text and full-width marks only
HANGING = "，。、；：？！）》”"
ISO_DATE = re.compile(r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}")


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's text lines as pdftotext reads them, without the page number line."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        pages.append([line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)])
    return [page for page in pages if page]


def outside_tasks(opinion):
    """The demo tasks, some with a BEL, a Ctrl-Z, a hard line break, doubled stops and ISO dates."""
    tasks = make_tasks(opinion, load_demo(RESOURCES))
    tasks[0] = replace(tasks[0], content="组织开展《意见》学习\x07宣传解读，将区域协调发展战略\n纳入各级理论学习中心组学习内容。。")
    tasks[1] = replace(tasks[1], deadline_phrase="2026-11-17", deadline_date=dt.date(2026, 11, 17),
                       lead_unit="省发展改革委\x1a")
    tasks[2] = replace(tasks[2], deadline_phrase="", deadline_date=dt.date(2027, 3, 1))
    tasks[3] = replace(tasks[3], content=tasks[3].content + "，2026-06-30前完成")
    return tasks


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    opinion = load_opinion()
    folder = tmp_path_factory.mktemp("plan")
    path = folder / "plan.docx"
    export_plan(path, template=TEMPLATE, title=TITLE, preamble="", document=opinion, tasks=outside_tasks(opinion),
                options=PlanExportOptions(issuer=ISSUER, date=dt.date(2026, 11, 17)))
    return pdf_pages(to_pdf(path, folder))


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    opinion = load_opinion()
    tasks = outside_tasks(opinion)
    history = {task.id: [ProgressEntry(date=dt.date(2026, 3, 1), status=Status.IN_PROGRESS, percent=40,
                                       text="已于2026-03-01召开推进会\n明确分工；\x1a下一步加快推进")]
               for task in tasks[:40]}
    summary = summarize(tasks, history, dt.date(2026, 11, 30))
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report.docx"
    export_report(path, template=TEMPLATE, plan_title=TITLE, document=opinion, summary=summary, issuer=ISSUER,
                  date=dt.date(2026, 12, 1))
    return pdf_pages(to_pdf(path, folder))


def body_pages(pages):
    """Portrait body pages: up to the 附件 label."""
    end = next((i for i, page in enumerate(pages) if page[0] == "附件"), len(pages))
    return pages[:end]


def running_text_pages(which, pages):
    """Body pages of running text only: the report's unit table (single-spaced) sits before its part 三."""
    pages = body_pages(pages)
    if which == "report_pdf":
        pages = pages[next(i for i, page in enumerate(pages) if any(line.startswith("三、") for line in page)):]
    return pages


@pytest.mark.parametrize("which", ["plan_pdf", "report_pdf"])
def test_a_full_body_line_holds_28_characters_and_never_more(which, request):
    lines = [line for page in running_text_pages(which, request.getfixturevalue(which))[1:] for line in page
             if WIDE_ONLY.match(line)]
    # A closing mark may hang past the margin (标点溢出边界, on by default in Word, WPS and LibreOffice).
    lengths = [len(line) - (line[-1] in HANGING and len(line) == 29) for line in lines]
    assert max(lengths) == 28
    # The plan's long task paragraphs fill many lines; the report's are mostly short.
    assert lengths.count(28) >= (len(lengths) // 3 if which == "plan_pdf" else 3)


@pytest.mark.parametrize("which", ["plan_pdf", "report_pdf"])
def test_a_body_page_holds_22_lines(which, request):
    pages = running_text_pages(which, request.getfixturevalue(which))
    counts = [len(page) for page in pages[1:-1]]  # the first has the title, the last is partly empty
    assert max(counts) == 22 and counts.count(22) >= len(counts) // 2


def test_the_plans_title_is_printed_on_the_lines_it_was_broken_into(plan_pdf):
    lines = break_title(TITLE)
    assert [line.replace(" ", "") for line in plan_pdf[0][:len(lines)]] == [line.replace(" ", "") for line in lines]
    assert plan_pdf[0][:3] == ["示范省贯彻落实《中共中央", "国务院关于建立更加有效的", "区域协调发展新机制的意见》实施方案"]


def test_the_reports_title_is_printed_on_the_lines_it_was_broken_into(report_pdf):
    lines = break_title(report_title(ISSUER, load_opinion().title))
    assert len(lines) == 3
    assert [line.replace(" ", "") for line in report_pdf[0][:3]] == [line.replace(" ", "") for line in lines]


@pytest.mark.parametrize("which", ["plan_pdf", "report_pdf"])
def test_no_date_prints_in_iso_form_and_outside_controls_never_show(which, request):
    text = "\n".join(line for page in request.getfixturevalue(which) for line in page)
    assert not ISO_DATE.search(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)


def test_the_plans_iso_deadlines_print_as_chinese_dates_in_the_body_and_the_table(plan_pdf):
    text = re.sub(r"\s+", "", "".join(line for page in plan_pdf for line in page))
    assert text.count("完成时限：2026年11月17日") == 1  # the body's parenthesis
    assert text.count("2026年11月17日") >= 3  # and the 分工表, and the 成文日期
    assert "学习内容。（牵头单位" in text and "学习内容。。" not in text


def test_the_signature_closes_the_body_with_the_date_under_it(plan_pdf, report_pdf):
    body = [line for page in body_pages(plan_pdf) for line in page]
    assert [line.replace(" ", "") for line in body[-2:]] == [ISSUER, "2026年11月17日"]
    assert [line.replace(" ", "") for line in body_pages(report_pdf)[-1][-2:]] == [ISSUER, "2026年12月1日"]
