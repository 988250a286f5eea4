"""Word files safe with any text and honest about themselves: controls, properties, read-only and long names,
an empty plan, 分工表 columns measured so 完成时限 and unit names never break."""

import datetime as dt
import os
import stat
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from planner.domain.text_width import text_em
from planner.errors import UserError
from planner.exchange import docx_styles as look
from planner.exchange.docx_export import PlanExportOptions, export_plan, item_heading

from tests.exchange.conftest import TEMPLATE

TITLE = "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"


def export(path, opinion, tasks, **options):
    export_plan(path, template=TEMPLATE, title=TITLE, preamble="", document=opinion, tasks=tasks,
                options=PlanExportOptions(**options), now=dt.datetime(2026, 11, 17, 9, 30))
    return docx.Document(str(path))


def test_a_bel_or_ctrl_z_anywhere_no_longer_fails_the_export_and_never_reaches_the_file(tmp_path, opinion,
                                                                                       plan_tasks):
    tasks = [replace(plan_tasks[0], content="推进\x07区域协调\x1a发展", lead_unit="省发展改革委\x0b",
                     support_units=("省财政厅\x00",), leader="王\x1b志远", deadline_phrase="2026年\x07底前")]
    opinion = replace(opinion, chapters=(replace(opinion.chapters[0], title="总体\x07要求"),) + opinion.chapters[1:])
    export(tmp_path / "a.docx", opinion, tasks, issuer="示范省\x07发展和改革委员会", show_leader=True)
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert not any(chr(c) in xml for c in (0, 7, 0x0b, 0x1a, 0x1b))
    assert "推进区域协调发展。（牵头单位：省发展改革委；配合单位：省财政厅；完成时限：2026年底前）" in xml
    assert "示范省发展和改革委员会" in xml and "一、总体要求" in xml


def test_line_breaks_from_outside_never_become_w_br_in_a_justified_line(tmp_path, opinion, plan_tasks):
    tasks = [replace(task, content=task.content[:8] + "\n" + task.content[8:] + "\r\n") for task in plan_tasks[:5]]
    document = export(tmp_path / "a.docx", opinion, tasks)
    body = [p for p in document.paragraphs if p.style.name in ("公文正文", "一级标题", "二级标题", "三级标题")]
    assert all(p._p.find(f".//{qn('w:br')}") is None for p in body)
    assert any(tasks[0].content.replace("\n", "").replace("\r", "") in p.text for p in body)


def test_an_item_without_a_short_heading_gets_its_number_alone(opinion):
    item = opinion.items[0]
    assert item_heading(replace(item, heading="")) == "（一）"
    assert item_heading(replace(item, heading="建立区域战略统筹机制。")) == "（一）建立区域战略统筹机制"
    assert item_heading(replace(item, heading="很长" * 30)) == "（一）"


def test_file_properties_are_the_documents_own_and_nothing_of_the_template_goes_out(tmp_path, opinion, plan_tasks):
    document = export(tmp_path / "a.docx", opinion, plan_tasks, issuer="示范省发展和改革委员会")
    properties = document.core_properties
    assert properties.title == TITLE and properties.author == "示范省发展和改革委员会"
    assert properties.last_modified_by == "示范省发展和改革委员会"
    assert properties.created == properties.modified == dt.datetime(2026, 11, 17, 9, 30, tzinfo=dt.UTC)
    assert (properties.comments, properties.subject, properties.keywords, properties.revision) == ("", "", "", 1)
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        names = package.namelist()
        everything = b"".join(package.read(name) for name in names).decode("utf-8", "replace")
    assert not [name for name in names if "thumbnail" in name]
    assert "公文格式模板" not in everything and "build_template" not in everything


def test_a_read_only_target_is_refused_with_a_message_and_kept(tmp_path, opinion, plan_tasks):
    target = tmp_path / "方案.docx"
    target.write_bytes(b"old")
    target.chmod(stat.S_IREAD)
    try:
        with pytest.raises(UserError, match="只读") as caught:
            export(target, opinion, plan_tasks)
        assert "方案.docx" in caught.value.message
        assert target.read_bytes() == b"old"
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_long_file_name_is_written_and_one_too_long_for_the_folder_is_a_clear_message(tmp_path, opinion,
                                                                                       plan_tasks):
    name = "示范省" * 26 + ".docx"  # 83 characters, 239 bytes: the temporary name beside it must still fit
    document = export(tmp_path / name, opinion, plan_tasks)
    assert document.paragraphs[0].style.name == "公文标题"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    with pytest.raises(UserError, match="文件名过长"):
        export(tmp_path / ("示范省" * 40 + ".docx"), opinion, plan_tasks)


def test_a_plan_without_tasks_has_title_preamble_and_signature_but_no_attachment(tmp_path, opinion):
    document = export(tmp_path / "a.docx", opinion, [], issuer="示范省发展和改革委员会", date=dt.date(2026, 11, 17))
    texts = [p.text for p in document.paragraphs]
    assert texts[-2:] == ["示范省发展和改革委员会", "2026年11月17日"]
    assert not document.tables and "附件：重点任务分工表" not in texts and len(document.sections) == 1


def test_table_columns_hold_every_deadline_and_unit_name_on_one_line(tmp_path, opinion, plan_tasks):
    tasks = [replace(plan_tasks[0], deadline_phrase="2026年12月31日前", deadline_date=dt.date(2026, 12, 31),
                     lead_unit="省人力资源社会保障厅",
                     support_units=("省发展改革委", "省工业和信息化厅", "省住房城乡建设厅", "省人力资源社会保障厅",
                                    "省自然资源厅", "省生态环境厅")), *plan_tasks[1:]]
    # (四号 with ten-character names in every narrow column cannot fit them all; see task_table_columns.)
    for size, leader in ((10.5, True), (12.0, False), (12.0, True)):
        document = export(tmp_path / f"a{size}{leader}.docx", opinion, tasks, table_font_size=size,
                          show_leader=leader)
        table = document.tables[0]
        margin = look.CELL_MARGIN_MM * 2
        usable = [(column.width.mm - margin) * 72 / 25.4 for column in table.columns]
        first = table.rows[2]  # under the header and the first chapter row
        deadline_lines = [p.text for p in first.cells[4].paragraphs]
        assert deadline_lines == ["2026年12月31日前"]
        assert text_em("2026年12月31日前") * size <= usable[4]
        lead = [p.text for p in first.cells[2].paragraphs]
        assert lead == ["省人力资源社会保障厅"] and text_em(lead[0]) * size <= usable[2]
        support = [p.text for p in first.cells[3].paragraphs]
        assert len(support) > 1 and "".join(support) == "、".join(tasks[0].support_units)
        assert all(text_em(line) * size <= usable[3] for line in support)  # each line fits: no name is split
        assert all(line.endswith("、") for line in support[:-1])
        assert usable[1] == max(usable) and table.columns[1].width.mm >= 0.28 * 243


def test_the_temporary_file_name_stays_short_whatever_the_target(tmp_path, monkeypatch, opinion, plan_tasks):
    seen = []
    real = os.replace

    def spy(source, destination):
        seen.append(os.path.basename(source))
        return real(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    export(tmp_path / ("很长的文件名" * 12 + ".docx"), opinion, plan_tasks[:3])
    assert seen and len(seen[0]) < 40


def test_a_row_taller_than_a_page_may_break_across_pages_and_ordinary_rows_stay_whole(tmp_path, opinion,
                                                                                      plan_tasks):
    tasks = [replace(plan_tasks[0], content="完善区域协调发展新机制的各项配套政策并组织实施" * 60), *plan_tasks[1:3]]
    table = export(tmp_path / "a.docx", opinion, tasks).tables[0]
    data = [row for row in table.rows[1:] if len(row._tr.tc_lst) == 5]
    splits = [row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None for row in data]
    assert splits == [True, False, False]
