"""The 进展情况报告, 催办单 and 情况通报 as LibreOffice lays them out (PDF read back with poppler): portrait body and
landscape 进展情况表 with its header on every page, one page per 督办通知, the bulletin's ranking and 署名."""

import datetime as dt
import re
import subprocess

import pytest

from planner.domain.model import ProgressEntry, Status
from planner.domain.progress_report import summarize
from planner.domain.reminders import ranking, reminders
from planner.exchange.builtin import load_demo
from planner.exchange.docx_bulletin import export_bulletin
from planner.exchange.docx_reminder import export_reminders
from planner.exchange.docx_report import ReportTexts, export_report

from tests.conftest import RESOURCES
from tests.exchange.conftest import TEMPLATE, load_opinion, make_tasks, to_pdf
from tests.exchange.test_docx_rendered_format import pdf_pages

ISSUER = "示范省发展和改革委员会"
AS_OF = dt.date(2026, 11, 30)
PLAN_TITLE = "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"


def page_sizes(pdf) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, from pdfinfo."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def layout_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout


def squeezed(line: str) -> str:
    return line.replace(" ", "")


@pytest.fixture(scope="module")
def tasks():
    return make_tasks(load_opinion(), load_demo(RESOURCES))


@pytest.fixture(scope="module")
def report(tmp_path_factory, tasks):
    history = {task.id: [ProgressEntry(date=dt.date(2026, 3, 1), status=Status.IN_PROGRESS, percent=40,
                                       text="已召开推进会，明确分工")] for task in tasks[:30]}
    summary = summarize(tasks, history, AS_OF)
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report.docx"
    export_report(path, template=TEMPLATE, plan_title=PLAN_TITLE, document=load_opinion(), summary=summary,
                  issuer=ISSUER, date=dt.date(2026, 12, 1),
                  texts=ReportTexts(recipients="省人民政府", contact_name="张三", contact_phone="0371-12345678"))
    pdf = to_pdf(path, folder)
    return pdf_pages(pdf), page_sizes(pdf), summary, pdf


def test_the_report_body_is_portrait_and_the_progress_table_landscape_with_its_header_on_every_page(report):
    pages, sizes, summary, pdf = report
    first_attachment = next(i for i, page in enumerate(pages) if page[0] == "附件")
    assert all(w < h for w, h in sizes[:first_attachment]) and all(w > h for w, h in sizes[first_attachment:])
    assert len(pages) - first_attachment >= 2
    headers = ["序号", "重点任务", "牵头单位", "完成时限", "状态", "最新进展"]
    layout = layout_text(pdf).split("\f")
    for page in layout[first_attachment + 1:len(pages)]:  # a header row repeated on every following page
        assert next(line for line in page.splitlines() if line.strip()).split() == headers
    text = "".join(squeezed(line) for page in pages[first_attachment:] for line in page)
    assert text.count("暂无进展报送") == summary.total - 30


def test_the_report_reads_as_a_report_from_addressee_to_note(report):
    pages, sizes, summary, pdf = report
    body = [squeezed(line) for page, (width, height) in zip(pages, sizes, strict=True) if width < height
            for line in page]
    assert body[3] == "省人民政府："
    headings = [line for line in body if re.fullmatch(r"[一二三四五]、\S{2,9}", line)]
    assert headings == ["一、总体进展", "二、各牵头单位进展情况", "三、逾期未完成任务", "四、存在问题", "五、下一步工作安排"]
    layout = [line.split() for line in layout_text(pdf).splitlines() if line.strip()]
    caption = next(i for i, line in enumerate(layout)
                   if re.fullmatch(r"表\s*1\s*各牵头单位任务进展情况（截至2026年11月30日）", "".join(line)))
    assert layout[caption + 1] == ["牵头单位", "任务数", "已完成", "推进中", "未启动", "已滞后", "已暂停", "逾期", "完成率"]
    total = next(line for line in layout[caption:] if line[0] == "合计")
    assert total[1] == str(summary.total) and total[5] == str(summary.by_status[Status.DELAYED])
    end = body.index("特此报告。")
    assert body[end:end + 5] == ["特此报告。", "附件：重点任务进展情况表", ISSUER, "2026年12月1日",
                                 "（联系人：张三；联系电话：0371-12345678）"]


@pytest.fixture(scope="module")
def reminder_pages(tmp_path_factory, tasks):
    found = reminders(tasks, today=AS_OF, warning_days=30)
    folder = tmp_path_factory.mktemp("reminder")
    path = folder / "reminder.docx"
    export_reminders(path, template=TEMPLATE, plan_title=PLAN_TITLE, reminders=found, today=AS_OF,
                     reply_by=dt.date(2026, 12, 7), warning_days=30, issuer=ISSUER, date=AS_OF)
    return found, pdf_pages(to_pdf(path, folder))


def test_each_unit_gets_its_notice_on_a_new_page_one_page_unless_its_list_is_long(reminder_pages):
    found, pages = reminder_pages
    notices = [[page] for page in pages if page[0] == "督办通知"]
    assert len(found) >= 5 and len(notices) == len(found)
    at = -1
    for page in pages:  # a page that does not open a notice continues the one before
        if page[0] == "督办通知":
            at += 1
        else:
            assert "督办通知" not in page and at >= 0
            notices[at].append(page)
    for reminder, notice in zip(found, notices, strict=True):
        lines = [squeezed(line) for page in notice for line in page]
        assert lines[:2] == ["督办通知", f"{reminder.unit}："]
        assert lines[-2:] == [ISSUER, "2026年11月30日"]
        assert "于2026年12月7日前" in "".join(lines)
        if len(reminder.tasks) <= 8:
            assert len(notice) == 1
    longest = max(found, key=lambda r: len(r.tasks))
    assert len(longest.tasks) > 8 and len(notices[found.index(longest)]) == 2
    assert len(notices[found.index(longest)][1]) > 2  # the 署名 took some of the list along


@pytest.fixture(scope="module")
def bulletin_pages(tmp_path_factory, tasks):
    summary = summarize(tasks, {}, AS_OF)
    folder = tmp_path_factory.mktemp("bulletin")
    path = folder / "bulletin.docx"
    export_bulletin(path, template=TEMPLATE, plan_title=PLAN_TITLE, summary=summary, ranking=ranking(summary),
                    issuer=ISSUER, date=AS_OF)
    pdf = to_pdf(path, folder)
    return summary, pdf_pages(pdf), pdf


def test_the_bulletin_ranks_every_unit_and_closes_with_the_signature(bulletin_pages):
    summary, pages, path = bulletin_pages
    lines = [squeezed(line) for page in pages for line in page]
    assert "".join(lines[:3]) == f"关于{PLAN_TITLE}推进情况的通报".replace(" ", "")
    assert lines[3] == "各有关单位："
    assert lines[-2:] == [ISSUER, "2026年11月30日"]
    rows = [line.split() for line in layout_text(path).splitlines() if re.match(r"\s*\d+\s+\S+\s+\d+\s+\d+", line)]
    ranked = ranking(summary)
    assert [row[:3] for row in rows] == [[str(r.rank), r.counts.unit, str(r.counts.total)] for r in ranked]
    assert [row[-1] for row in rows][0] == "100%"
