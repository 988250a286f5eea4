"""Word exports through the services: what is loaded from the database and handed to the exporters."""

import datetime as dt

import docx
import pytest

from planner.domain.model import ProgressEntry, Status
from planner.errors import UserError
from planner.exchange.docx_export import PlanExportOptions
from planner.services import demo, plans, progress, task_edits, tasks, word
from planner.storage import plans as plan_store

from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "official.docx"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def demo_plan(workspace_db, demo_data):
    return plans.get_plan(workspace_db, demo.create_demo_plan(workspace_db, demo_data, today=TODAY))


def table_contents(document) -> list[str]:
    (table,) = document.tables
    return [row.cells[1].text for row in table.rows[1:] if len(row._tr.tc_lst) > 1]


def test_the_plan_export_has_the_plans_title_preamble_and_live_tasks_in_order(workspace_db, demo_plan, tmp_path):
    live = tasks.list_tasks(workspace_db, demo_plan.id)
    task_edits.delete_tasks(workspace_db, [live[3].id])
    plan_store.update_plan(workspace_db, demo_plan.id, preamble="为推动区域协调发展，制定本方案。")
    result = word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "方案.docx", TEMPLATE)
    assert result.path == tmp_path / "方案.docx" and result.task_count == len(live) - 1
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert ["".join(texts[0].split()), texts[1]] == ["".join(demo_plan.name.split()), "为推动区域协调发展，制定本方案。"]
    assert table_contents(document) == [task.content for task in live if task.id != live[3].id]
    assert not any(live[3].content in text for text in texts)


def test_options_override_the_plans_title_and_add_the_leader_column(workspace_db, demo_plan, tmp_path):
    options = PlanExportOptions(title="  示范省实施方案  ", show_leader=True)
    calls = []
    word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "a.docx", TEMPLATE, options,
                          progress=lambda done, total: calls.append(done))
    document = docx.Document(str(tmp_path / "a.docx"))
    assert document.paragraphs[0].text == "示范省实施方案"
    assert document.paragraphs[1].text.startswith("为深入贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》")
    assert document.tables[0].rows[0].cells[5].text == "分管领导"
    assert calls and calls == sorted(calls)


def test_the_progress_report_uses_the_history_up_to_the_date(workspace_db, demo_plan, tmp_path):
    # The demo plan stands for one made on TODAY: its tasks existed on that date.
    workspace_db.execute("UPDATE tasks SET created_at = ?", [f"{TODAY.isoformat()}T08:00:00"])
    first = tasks.list_tasks(workspace_db, demo_plan.id)[0]
    progress.add_progress(workspace_db, first.id, ProgressEntry(date=dt.date(2030, 1, 1), text="未来的进展",
                                                                status=Status.DONE, percent=100))
    result = word.export_progress_report(workspace_db, demo_plan.id, tmp_path / "r.docx", TEMPLATE, TODAY)
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert result.task_count == len(tasks.list_tasks(workspace_db, demo_plan.id))
    assert "".join(texts[0].split()).endswith("进展情况的报告")
    assert texts[texts.index("一、总体进展") + 1].startswith(
        f"截至2026年11月21日，实施方案共分解重点任务{result.task_count}项。")
    cells = [cell.text for row in document.tables[-1].rows for cell in row.cells]
    assert "未来的进展" not in "".join(texts + cells)
    later = word.export_progress_report(workspace_db, demo_plan.id, tmp_path / "r2.docx", TEMPLATE,
                                        dt.date(2030, 1, 1))
    cells = [cell.text for row in docx.Document(str(later.path)).tables[-1].rows for cell in row.cells]
    assert "（2030年1月1日，完成100%）未来的进展。" in cells


def test_unknown_plans_and_non_docx_names_are_user_errors(workspace_db, demo_plan, tmp_path):
    with pytest.raises(UserError, match="没有编号为 999 的实施方案"):
        word.export_plan_docx(workspace_db, 999, tmp_path / "a.docx", TEMPLATE)
    with pytest.raises(UserError, match=r"\.docx"):
        word.export_progress_report(workspace_db, demo_plan.id, tmp_path / "a.pdf", TEMPLATE, TODAY)
    assert not list(tmp_path.glob("a.*"))


def signature(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "公文落款"]


def test_the_plans_issuer_signs_both_documents_and_an_explicit_one_wins(workspace_db, demo_plan, tmp_path):
    previous = plans.set_issuer(workspace_db, demo_plan.id, "  示范省发展和改革委员会\x07 ")
    assert previous.issuer == "" and plans.get_plan(workspace_db, demo_plan.id).issuer == "示范省发展和改革委员会"
    result = word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "a.docx", TEMPLATE,
                                   PlanExportOptions(date=dt.date(2026, 11, 17)))
    assert signature(result.path) == ["示范省发展和改革委员会", "2026年11月17日"] and result.notes == ()
    report = word.export_progress_report(workspace_db, demo_plan.id, tmp_path / "r.docx", TEMPLATE, TODAY,
                                         date=dt.date(2026, 11, 21))
    assert signature(report.path) == ["示范省发展和改革委员会", "2026年11月21日"]
    other = word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "b.docx", TEMPLATE,
                                  PlanExportOptions(issuer="示范省人民政府办公厅"))
    assert signature(other.path) == ["示范省人民政府办公厅"]


def test_without_an_issuer_the_file_has_no_signature_and_the_result_says_so(workspace_db, demo_plan, tmp_path):
    plan_store.update_plan(workspace_db, demo_plan.id, office="示范省")
    result = word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "a.docx", TEMPLATE,
                                   PlanExportOptions(date=dt.date(2026, 11, 17)))
    assert signature(result.path) == ["2026年11月17日"]  # never the region 示范省
    assert result.notes == (word.NO_ISSUER_NOTE,)


def test_a_region_name_is_refused_as_issuer_and_the_database_keeps_its_value(workspace_db, demo_plan, tmp_path):
    for region in ("河南省", "郑州市", "广西壮族自治区"):
        with pytest.raises(UserError, match="地区名称"):
            plans.set_issuer(workspace_db, demo_plan.id, region)
        with pytest.raises(UserError, match="地区名称"):
            word.export_plan_docx(workspace_db, demo_plan.id, tmp_path / "a.docx", TEMPLATE,
                                  PlanExportOptions(issuer=region))
    with pytest.raises(UserError, match="不能为空"):
        plans.set_issuer(workspace_db, demo_plan.id, " ")
    assert plans.get_plan(workspace_db, demo_plan.id).issuer == ""
    assert not list(tmp_path.glob("*.docx"))


def test_the_settings_keep_the_issuer_unless_given(workspace_db, demo_plan):
    plans.set_issuer(workspace_db, demo_plan.id, "示范省发展和改革委员会")
    plans.update_settings(workspace_db, demo_plan.id, name="新名称", office="示范省", year=2026, warning_days=10)
    assert plans.get_plan(workspace_db, demo_plan.id).issuer == "示范省发展和改革委员会"
    plans.update_settings(workspace_db, demo_plan.id, name="新名称", office="示范省", year=2026, warning_days=10,
                          issuer="示范省人民政府")
    assert plans.get_plan(workspace_db, demo_plan.id).issuer == "示范省人民政府"


def test_an_empty_plan_is_exported_with_a_note_saying_what_the_file_holds(workspace_db, demo_plan, tmp_path):
    empty = plans.create_plan(workspace_db, demo_plan.document_id, office="示范省", name="空方案")
    assert word.empty_plan_note(workspace_db, demo_plan.id) is None
    note = word.empty_plan_note(workspace_db, empty.id)
    assert "还没有任务" in note and "没有附件分工表" in note
    result = word.export_plan_docx(workspace_db, empty.id, tmp_path / "a.docx", TEMPLATE,
                                   PlanExportOptions(issuer="示范省发展和改革委员会"))
    assert result.task_count == 0 and result.notes == (note,)
    document = docx.Document(str(result.path))
    assert not document.tables and [p.text for p in document.paragraphs][-1] == "示范省发展和改革委员会"
    report = word.export_progress_report(workspace_db, empty.id, tmp_path / "r.docx", TEMPLATE, TODAY,
                                         issuer="示范省发展和改革委员会")
    assert report.notes == (word.empty_plan_note(workspace_db, empty.id, report=True),)
