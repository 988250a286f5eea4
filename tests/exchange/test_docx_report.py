"""The Word 进展情况报告 read back: a 报告's parts in order, figures as of the date, the unit table with 已滞后,
overdue tasks by days, the user's texts or placeholders, 署名 and 附注, the landscape 进展情况表, a chart."""

import datetime as dt
import struct
import zlib

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from planner.domain.model import ProgressEntry, Status
from planner.domain.progress_report import ReportFigures, summarize
from planner.errors import UserError
from planner.exchange.docx_report import ReportTexts, export_report

from tests.exchange.conftest import TEMPLATE

AS_OF = dt.date(2026, 11, 30)
ISSUER = "示范省发展和改革委员会"
DOCUMENT_TITLE = "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见"


def tiny_png(width=4, height=3) -> bytes:
    """A valid RGB PNG of ``width`` × ``height`` pixels, made by hand (no imaging library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write(tmp_path, opinion, summary, **options):
    path = tmp_path / "报告.docx"
    count = export_report(path, template=TEMPLATE, plan_title="示范省实施方案", document=opinion, summary=summary,
                          **options)
    assert count == summary.total
    return docx.Document(str(path))


@pytest.fixture
def summary(plan_tasks):
    first, second = plan_tasks[:2]
    history = {first.id: [ProgressEntry(date=dt.date(2026, 3, 1), text="已印发学习方案", status=Status.IN_PROGRESS,
                                        percent=30),
                          ProgressEntry(date=dt.date(2026, 12, 5), text="年底后的进展", status=Status.DONE)],
               second.id: [ProgressEntry(date=dt.date(2026, 11, 30), text="已形成初稿", percent=60)]}
    return summarize(plan_tasks, history, AS_OF)


@pytest.fixture
def report(tmp_path, opinion, summary):
    texts = ReportTexts(recipients="省人民政府", problems="部分任务进度偏慢。\n资金保障不足", next_steps="加强调度",
                        contact_name="张三", contact_phone="0371-12345678")
    return write(tmp_path, opinion, summary, issuer=ISSUER, date=dt.date(2026, 12, 1), texts=texts)


def body_texts(document) -> list[str]:
    """The portrait body's paragraphs, up to the 附件 label (without the empty one that ends the section)."""
    texts = [p.text for p in document.paragraphs]
    body = texts[:texts.index("附件")]
    assert body[-1] == ""
    return body[:-1]


def test_a_report_has_title_addressee_opening_five_parts_closing_signature_and_note(report):
    texts = body_texts(report)
    assert "".join(texts[0].split()) == f"{ISSUER}关于贯彻落实《{DOCUMENT_TITLE}》进展情况的报告".replace(" ", "")
    assert report.paragraphs[0].style.name == "公文标题"
    assert texts[1] == "省人民政府："
    assert report.paragraphs[1].paragraph_format.first_line_indent == 0  # 主送机关 flush left
    assert texts[2] == "按照示范省实施方案有关工作要求，现将截至2026年11月30日重点任务推进情况报告如下："
    assert [p.text for p in report.paragraphs if p.style.name == "一级标题"] == [
        "一、总体进展", "二、各牵头单位进展情况", "三、逾期未完成任务", "四、存在问题", "五、下一步工作安排"]
    start = texts.index("四、存在问题")
    assert texts[start:start + 6] == ["四、存在问题", "部分任务进度偏慢。", "资金保障不足。", "五、下一步工作安排",
                                      "加强调度。", "特此报告。"]
    assert texts[-7:] == ["特此报告。", "", "附件：重点任务进展情况表", "", ISSUER, "2026年12月1日",
                          "（联系人：张三；联系电话：0371-12345678）"]
    assert [p.style.name for p in report.paragraphs if p.text in (ISSUER, "2026年12月1日")] == ["公文落款"] * 2


def test_without_texts_the_addressee_and_both_parts_are_placeholders_and_no_note(tmp_path, opinion, summary):
    texts = body_texts(write(tmp_path, opinion, summary))
    assert "".join(texts[0].split()) == f"关于贯彻落实《{DOCUMENT_TITLE}》进展情况的报告".replace(" ", "")
    assert texts[1] == "【主送机关】："
    start = texts.index("四、存在问题")
    assert texts[start:start + 5] == ["四、存在问题", "【请在此填写存在的主要问题】", "五、下一步工作安排",
                                      "【请在此填写下一步工作安排】", "特此报告。"]
    assert texts[-1] == "附件：重点任务进展情况表"  # no 署名, date or 附注 was given


def test_the_overall_figures_rate_due_and_change_since_the_previous_report(report, summary, tmp_path, opinion):
    texts = body_texts(report)
    counts = summary.by_status
    part = texts[texts.index("一、总体进展") + 1:texts.index("二、各牵头单位进展情况")]
    assert part[0] == (
        f"截至2026年11月30日，实施方案共分解重点任务{summary.total}项。其中，已完成{counts[Status.DONE]}项，"
        f"推进中{counts[Status.IN_PROGRESS]}项，未启动{counts[Status.NOT_STARTED]}项，已滞后{counts[Status.DELAYED]}项，"
        f"已暂停{counts[Status.PAUSED]}项，完成率{counts[Status.DONE] * 100 / summary.total:.1f}%。")
    due = [row for row in summary.tasks if row.task.deadline_date and row.task.deadline_date <= AS_OF]
    assert part[1] == (f"按各项任务完成时限，截至2026年11月30日应完成{len(due)}项，"
                       f"实际已完成{sum(row.status is Status.DONE for row in due)}项；"
                       f"已超过完成时限仍未完成的{len(summary.overdue)}项。")
    assert part[2] == "此前未报送过本方案的进展情况报告，本次为首次报告。"
    assert part[3].startswith("今后30天内（2026年11月30日至2026年12月30日）")
    previous = ReportFigures(as_of=dt.date(2026, 10, 31), total=summary.total, overdue=0, due=0, due_done=0,
                             by_status={status: 0 for status in Status})
    again = body_texts(write(tmp_path, opinion, summary, previous=previous))
    assert again[again.index("一、总体进展") + 3].startswith(
        f"与上次报告（截至2026年10月31日）相比，任务总数持平（{summary.total}项），已完成增加{counts[Status.DONE]}项")


def test_the_unit_table_has_its_caption_a_delayed_column_and_completion_rates(report, summary):
    table = report.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["牵头单位", "任务数", "已完成", "推进中", "未启动", "已滞后", "已暂停", "逾期", "完成率"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    caption = table._tbl.getprevious()
    assert "".join(t.text for t in caption.iter(qn("w:t"))) == "表1　各牵头单位任务进展情况（截至2026年11月30日）"
    for row, counts in zip(rows[1:-1], summary.by_unit, strict=True):
        assert row[0] == counts.unit
        assert list(map(int, row[1:8])) == [counts.total, *(counts.by_status[s] for s in (
            Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DELAYED, Status.PAUSED)), counts.overdue]
        assert int(row[1]) == sum(map(int, row[2:7]))
    assert rows[-1][:2] == ["合计", str(summary.total)]
    assert int(rows[-1][5]) == summary.by_status[Status.DELAYED] > 0
    assert rows[-1][8] == f"{summary.by_status[Status.DONE] * 100 / summary.total:.1f}%"
    widths = sum(column.width for column in table.columns)
    section = report.sections[0]
    assert abs(widths - (section.page_width - section.left_margin - section.right_margin)) < 36000  # 1 mm


def test_overdue_tasks_are_listed_longest_overdue_first(report, summary):
    texts = body_texts(report)
    listed = texts[texts.index("三、逾期未完成任务") + 2:texts.index("四、存在问题")]
    assert summary.overdue and len(listed) == len(summary.overdue)
    days = [(AS_OF - row.task.deadline_date).days for row in summary.overdue]
    expected = sorted(zip(days, (row.task for row in summary.overdue)), key=lambda pair: -pair[0])
    for number, (text, (overdue_days, task)) in enumerate(zip(listed, expected, strict=True), start=1):
        assert text.startswith(f"{number}.{task.content}。（牵头单位：{task.lead_unit}；")
        assert text.endswith(f"；已逾期{overdue_days}天）")
    assert days and [int(t.rpartition("已逾期")[2].removesuffix("天）")) for t in listed] == sorted(days, reverse=True)


def test_the_attachment_is_a_landscape_table_of_every_task_with_its_latest_progress(report, summary):
    assert len(report.sections) == 2 and report.sections[1].orientation == WD_ORIENT.LANDSCAPE
    table = report.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == ["序号", "重点任务", "牵头单位", "完成时限", "状态", "最新进展"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:] if len(row._tr.tc_lst) == 6]
    assert [row[0] for row in rows] == [str(n) for n in range(1, summary.total + 1)]
    by_content = {row[1]: row for row in rows}
    first, second, third = (summary.tasks[i].task for i in range(3))
    assert by_content[first.content][5] == "（2026年3月1日，完成30%）已印发学习方案。"
    assert by_content[first.content][4] == f"推进中\n逾期{(AS_OF - first.deadline_date).days}天"  # due 2020
    assert by_content[second.content][5] == "（2026年11月30日，完成60%）已形成初稿。"
    assert by_content[third.content][5] == "暂无进展报送"
    on_time = next(row for row in summary.tasks if not row.overdue and row.status is Status.IN_PROGRESS)
    assert by_content[on_time.task.content][4] == "推进中"
    assert "年底后的进展" not in "".join(cell for row in rows for cell in row)


def test_a_chart_is_placed_after_the_unit_table_when_given(tmp_path, opinion, summary):
    plain = write(tmp_path, opinion, summary)
    assert not plain.inline_shapes
    document = write(tmp_path, opinion, summary, chart_png=tiny_png())
    (shape,) = document.inline_shapes
    table = document.tables[0]._tbl
    after = [element for element in table.itersiblings()][:3]
    assert any(element.find(".//" + qn("w:drawing")) is not None for element in after)
    assert shape.width <= document.sections[0].page_width - document.sections[0].left_margin - (
        document.sections[0].right_margin)
    with pytest.raises(UserError, match="图表图片"):
        write(tmp_path, opinion, summary, chart_png=b"not a picture")


def test_a_locked_report_target_is_a_user_error(tmp_path, opinion, plan_tasks, monkeypatch):
    import os

    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(UserError, match="正在 Word"):
        export_report(tmp_path / "r.docx", template=TEMPLATE, plan_title="方案", document=opinion,
                      summary=summarize(plan_tasks, {}, AS_OF))
