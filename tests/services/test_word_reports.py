"""The 进展情况报告, 催办单 and 情况通报 through the services, for a plan built here with tasks on the boundary dates;
every figure checked against what the database holds."""

import datetime as dt

import docx
import pytest
from docx.oxml.ns import qn

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.errors import UserError
from planner.exchange.docx_report import ReportTexts
from planner.services import documents, plans, tasks, word

from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "official.docx"
AS_OF = dt.date(2026, 6, 30)  # a Tuesday
ISSUER = "示范省发展和改革委员会"


@pytest.fixture
def built(workspace_db):
    """(db, plan id): seven tasks around 30 June 2026; two created on 1 July, one of them with older progress."""
    db = workspace_db
    document = documents.list_documents(db)[0]
    plan = plans.create_plan(db, document.id, office="示范省", name="示范省实施方案", year=2026)
    plans.set_issuer(db, plan.id, ISSUER)
    item = documents.load_document(db, document.id).items[0].id

    def new(content, lead, deadline, status=Status.IN_PROGRESS, progress=()):
        return NewTask(item_id=item, content=content, lead_unit=lead, deadline_phrase="",
                       deadline_date=deadline, status=status, progress=tuple(progress))

    ids = tasks.bulk_create_tasks(db, plan.id, [
        new("逾期一天的任务", "省财政厅", dt.date(2026, 6, 29)),
        new("当天到期已完成的任务", "省财政厅", AS_OF, Status.DONE,
            [ProgressEntry(date=AS_OF, text="已完成", status=Status.DONE, percent=100)]),
        new("三十天后到期的任务", "省发展改革委", dt.date(2026, 7, 30), Status.NOT_STARTED),
        new("三十一天后到期的任务", "省发展改革委", dt.date(2026, 7, 31), Status.DELAYED),
        new("年初到期仍滞后的任务", "省教育厅", dt.date(2026, 1, 15), Status.DELAYED),
        new("七月才建的任务", "省教育厅", None, Status.NOT_STARTED),
        new("七月补录的任务", "省教育厅", None, Status.IN_PROGRESS,
            [ProgressEntry(date=dt.date(2026, 6, 20), text="六月已启动", status=Status.IN_PROGRESS)]),
    ])
    # Created on 1 July: the day after the report date (the test sets the stored creation time).
    db.execute(f"UPDATE tasks SET created_at = '2026-07-01T09:00:00' WHERE id IN ({ids[5]}, {ids[6]})")
    db.execute(f"UPDATE tasks SET created_at = '2026-06-30T23:59:59' WHERE id NOT IN ({ids[5]}, {ids[6]})")
    return db, plan.id


COUNTED = """
    SELECT t.*, u.name AS lead FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id
    WHERE t.plan_id = :plan AND t.deleted_at IS NULL
      AND (substr(t.created_at, 1, 10) <= :day
           OR EXISTS (SELECT 1 FROM progress_entries p WHERE p.task_id = t.id AND p.entry_date <= :day))"""


def status_on(db, task_id, day) -> str:
    """The status on ``day`` as the database has it: the newest entry by then that set one, else the task's own
    (unless a later entry set one: then 未启动)."""
    row = next(db.query("SELECT status FROM progress_entries WHERE task_id = ? AND status IS NOT NULL "
                        "AND entry_date <= ? ORDER BY entry_date DESC, id DESC LIMIT 1", [task_id, day]), None)
    if row:
        return row["status"]
    later = db.execute("SELECT count(*) FROM progress_entries WHERE task_id = ? AND status IS NOT NULL",
                       [task_id]).fetchone()[0]
    return "未启动" if later else db.execute("SELECT status FROM tasks WHERE id = ?", [task_id]).fetchone()[0]


def expected(db, plan_id, day: dt.date) -> dict:
    rows = list(db.query(COUNTED, {"plan": plan_id, "day": day.isoformat()}))
    for row in rows:
        row["now"] = status_on(db, row["id"], day.isoformat())
    due = [row for row in rows if row["deadline_date"] and row["deadline_date"] <= day.isoformat()]
    overdue = [row for row in due if row["deadline_date"] < day.isoformat() and row["now"] not in ("已完成", "已暂停")]
    return {"rows": rows, "total": len(rows), "done": sum(r["now"] == "已完成" for r in rows), "due": len(due),
            "due_done": sum(r["now"] == "已完成" for r in due), "overdue": overdue,
            "by_status": {s.value: sum(r["now"] == s.value for r in rows) for s in Status}}


def paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_reports_figures_are_the_databases_on_the_boundary_dates(built, tmp_path):
    db, plan_id = built
    result = word.export_progress_report(db, plan_id, tmp_path / "r.docx", TEMPLATE, AS_OF)
    want = expected(db, plan_id, AS_OF)
    assert want["total"] == 6 and want["due"] == 3 and len(want["overdue"]) == 2  # the plan as designed
    assert result.task_count == want["total"]
    texts = paragraphs(result.path)
    by = want["by_status"]
    assert texts[texts.index("一、总体进展") + 1] == (
        f"截至2026年6月30日，实施方案共分解重点任务{want['total']}项。其中，已完成{by['已完成']}项，推进中{by['推进中']}项，"
        f"未启动{by['未启动']}项，已滞后{by['已滞后']}项，已暂停{by['已暂停']}项，完成率16.7%。")
    assert texts[texts.index("一、总体进展") + 2] == (
        f"按各项任务完成时限，截至2026年6月30日应完成{want['due']}项，实际已完成{want['due_done']}项；"
        f"已超过完成时限仍未完成的{len(want['overdue'])}项。")
    # From the report date (its task is done) to 30 July, the 30th day after; 31 July is not.
    assert texts[texts.index("一、总体进展") + 4] == (
        "今后30天内（2026年6月30日至2026年7月30日）到期的未完成任务1项，涉及省发展改革委（1项）。")
    listed = texts[texts.index("三、逾期未完成任务") + 2:texts.index("四、存在问题")]
    assert [text.split("。")[0][2:] for text in listed] == ["年初到期仍滞后的任务", "逾期一天的任务"]
    assert listed[1].endswith("已逾期1天）") and listed[0].endswith(f"已逾期{(AS_OF - dt.date(2026, 1, 15)).days}天）")
    assert not any("七月才建的任务" in text for text in texts)
    units_table = docx.Document(str(result.path)).tables[0]
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in units_table.rows[1:]}
    for lead in ("省财政厅", "省发展改革委", "省教育厅"):
        mine = [row for row in want["rows"] if row["lead"] == lead]
        assert rows[lead][1:8] == [str(len(mine)), *(str(sum(r["now"] == s for r in mine)) for s in (
            "已完成", "推进中", "未启动", "已滞后", "已暂停")), str(sum(r in want["overdue"] for r in mine))]
    assert rows["省教育厅"][1] == "2"  # the task created later but with June progress is counted
    attachment = docx.Document(str(result.path)).tables[-1]
    assert sum(len(row._tr.tc_lst) == 6 for row in attachment.rows[1:]) == want["total"]


def test_a_report_a_day_later_counts_the_new_task_and_states_the_change_since_the_kept_figures(built, tmp_path):
    db, plan_id = built
    word.export_progress_report(db, plan_id, tmp_path / "r1.docx", TEMPLATE, AS_OF)
    (kept,) = db.query("SELECT as_of, figures FROM report_figures WHERE plan_id = ?", [plan_id])
    assert kept["as_of"] == "2026-06-30" and '"total": 6' in kept["figures"]
    later = word.export_progress_report(db, plan_id, tmp_path / "r2.docx", TEMPLATE, AS_OF + dt.timedelta(days=1))
    want = expected(db, plan_id, AS_OF + dt.timedelta(days=1))
    assert later.task_count == want["total"] == 7
    texts = paragraphs(later.path)
    assert texts[texts.index("一、总体进展") + 3] == (
        "与上次报告（截至2026年6月30日）相比，任务总数增加1项（6项→7项），已完成持平（1项），已滞后持平（2项），"
        "逾期未完成持平（2项）。")  # the task due on 30 June was done that day: not overdue on 1 July
    assert len(want["overdue"]) == 2 and want["done"] == 1
    assert db.execute("SELECT count(*) FROM report_figures WHERE plan_id = ?", [plan_id]).fetchone()[0] == 2


def test_a_report_that_cannot_be_written_keeps_no_figures(built, tmp_path, monkeypatch):
    import os

    db, plan_id = built
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(UserError, match="正在 Word"):
        word.export_progress_report(db, plan_id, tmp_path / "r.docx", TEMPLATE, AS_OF)
    assert db.execute("SELECT count(*) FROM report_figures").fetchone()[0] == 0


def test_the_texts_typed_for_a_report_are_kept_with_the_plan_and_printed(built, tmp_path):
    db, plan_id = built
    previous = plans.set_report_texts(db, plan_id, recipients="省人民政府\x07", problems="资金不足\n进度偏慢",
                                      next_steps="加强调度", contact_name="张三", contact_phone="0371-1234567")
    assert previous.recipients == ""
    plan = plans.get_plan(db, plan_id)
    assert (plan.recipients, plan.report_problems, plan.report_next_steps, plan.contact_name, plan.contact_phone) == (
        "省人民政府", "资金不足\n进度偏慢", "加强调度", "张三", "0371-1234567")
    texts = ReportTexts(recipients=plan.recipients, problems=plan.report_problems, next_steps=plan.report_next_steps,
                        contact_name=plan.contact_name, contact_phone=plan.contact_phone)
    printed = paragraphs(word.export_progress_report(db, plan_id, tmp_path / "r.docx", TEMPLATE, AS_OF,
                                                     texts=texts, date=AS_OF).path)
    assert printed[1] == "省人民政府："
    assert printed[printed.index("四、存在问题") + 1:printed.index("五、下一步工作安排")] == ["资金不足。", "进度偏慢。"]
    assert "（联系人：张三；联系电话：0371-1234567）" in printed
    # Without texts: the plan's 主送机关 and 联系人, and placeholders for the two parts (as from the command line).
    default = paragraphs(word.export_progress_report(db, plan_id, tmp_path / "d.docx", TEMPLATE, AS_OF).path)
    assert default[1] == "省人民政府：" and "【请在此填写存在的主要问题】" in default


def reminder_pages(path) -> list[list[str]]:
    """The paragraphs of each 督办通知 (a new page at each title) and its table's task column."""
    document = docx.Document(str(path))
    pages = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            text = "".join(t.text for t in block.iter(qn("w:t")))
            if text == "督办通知":
                assert (block.find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None) == bool(pages)
                pages.append([])
            if pages and text:
                pages[-1].append(text)
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in row.iter(qn("w:tc"))]
                pages[-1].append("|".join(cells))
    return pages


def test_reminders_go_to_every_unit_with_overdue_or_soon_due_tasks_with_a_reply_by_date(built, tmp_path):
    db, plan_id = built
    sent = word.export_reminders(db, plan_id, tmp_path / "催办单.docx", TEMPLATE, today=AS_OF)
    assert sent.units == ("省财政厅", "省发展改革委", "省教育厅")
    assert sent.reply_by == dt.date(2026, 7, 7)  # five working days after Tuesday 30 June
    pages = reminder_pages(sent.paths[0])
    assert [page[1] for page in pages] == ["省财政厅：", "省发展改革委：", "省教育厅："]
    finance = pages[0]
    assert finance[2] == ("按照示范省实施方案分工，截至2026年6月30日，贵单位牵头的重点任务中，已超过完成时限仍未完成的1项"
                          "（见下表）。请高度重视，加快推进，并于2026年7月7日前将办理情况和下一步工作安排书面报送"
                          f"{ISSUER}。")
    assert finance[3] == "序号|重点任务|完成时限|状态|逾期或到期"
    assert finance[4] == "1|逾期一天的任务|2026年6月29日|推进中|逾期1天"
    assert finance[5:] == [ISSUER]  # the 署名; no 成文日期 was asked for
    assert pages[1][4] == "1|三十天后到期的任务|2026年7月30日|未启动|30天后到期"
    assert [row.split("|")[1] for row in pages[2][4:] if "|" in row] == ["年初到期仍滞后的任务"]
    assert db.execute("SELECT count(*) FROM report_figures").fetchone()[0] == 0  # a reminder keeps nothing


def test_reminders_for_named_units_one_file_each_and_the_refusals(built, tmp_path):
    db, plan_id = built
    before = db.execute("SELECT count(*), max(updated_at) FROM plans").fetchone()
    sent = word.export_reminders(db, plan_id, tmp_path, TEMPLATE, units=["省教育厅", "省财政厅"], today=AS_OF,
                                 reply_by=dt.date(2026, 7, 3), per_unit_files=True)
    assert [path.name for path in sent.paths] == ["省教育厅-督办通知.docx", "省财政厅-督办通知.docx"]
    assert [len(reminder_pages(path)) for path in sent.paths] == [1, 1]
    assert "并于2026年7月3日前" in reminder_pages(sent.paths[0])[0][2]
    with pytest.raises(UserError, match="省水利厅.*不是本方案任何任务的牵头单位"):
        word.export_reminders(db, plan_id, tmp_path / "x.docx", TEMPLATE, units=["省水利厅"], today=AS_OF)
    with pytest.raises(UserError, match="回复期限"):
        word.export_reminders(db, plan_id, tmp_path / "x.docx", TEMPLATE, today=AS_OF,
                              reply_by=dt.date(2026, 6, 29))
    with pytest.raises(UserError, match="没有单位有逾期"):
        word.export_reminders(db, plan_id, tmp_path / "x.docx", TEMPLATE, today=dt.date(2025, 1, 1))
    assert not (tmp_path / "x.docx").exists()
    assert db.execute("SELECT count(*), max(updated_at) FROM plans").fetchone() == before
    assert word.reminder_units(db, plan_id, AS_OF) == ["省财政厅", "省发展改革委", "省教育厅"]


def test_the_bulletin_ranks_units_by_rate_then_overdue_with_the_databases_figures(built, tmp_path):
    db, plan_id = built
    result = word.export_bulletin(db, plan_id, tmp_path / "通报.docx", TEMPLATE, AS_OF, date=AS_OF)
    want = expected(db, plan_id, AS_OF)
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert "".join(texts[0].split()) == "关于示范省实施方案推进情况的通报"
    assert texts[1] == "各有关单位："
    assert texts[texts.index("一、总体情况") + 1].startswith(f"截至2026年6月30日，实施方案共分解重点任务{want['total']}项。")
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["排名", "牵头单位", "任务数", "已完成", "已滞后", "逾期", "完成率"]
    # 省财政厅 50% (1 of 2); 省发展改革委 and 省教育厅 0%, the first without overdue tasks ranks higher.
    assert [row[:2] for row in rows[1:]] == [["1", "省财政厅"], ["2", "省发展改革委"], ["3", "省教育厅"]]
    for row in rows[1:]:
        mine = [r for r in want["rows"] if r["lead"] == row[1]]
        assert row[2:6] == [str(len(mine)), str(sum(r["now"] == "已完成" for r in mine)),
                            str(sum(r["now"] == "已滞后" for r in mine)), str(sum(r in want["overdue"] for r in mine))]
    assert rows[1][6] == "50%" and rows[3][6] == "0%"
    listed = texts[texts.index("三、逾期未完成任务") + 1:texts.index("四、有关要求")]
    assert [text.split("。")[0][2:] for text in listed] == ["年初到期仍滞后的任务", "逾期一天的任务"]
    assert texts[-2:] == [ISSUER, "2026年6月30日"]
