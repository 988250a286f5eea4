"""The Word 实施方案 read back with python-docx: page setup, styles and fonts, body, table, saving."""

import datetime as dt
import os
import subprocess
import sys

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from planner.domain.numerals import int_to_chinese
from planner.domain.title_lines import break_title
from planner.errors import UserError
from planner.exchange import docx_styles as look
from planner.exchange.docx_export import EmptyItems, PlanExportOptions, export_plan, task_paragraph_text

from tests.conftest import ROOT
from tests.exchange.conftest import ITEMS_WITHOUT_TASKS, TEMPLATE

TITLE = "示范省贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"
HEADERS = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def export(tmp_path, opinion, tasks, options=PlanExportOptions(), **kwargs):
    path = tmp_path / "方案.docx"
    count = export_plan(path, template=TEMPLATE, title=TITLE, preamble="", document=opinion, tasks=tasks,
                        options=options, **kwargs)
    return docx.Document(str(path)), count


def east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def latin(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii"))


def test_every_section_is_a4_with_the_official_margins_and_the_attachment_is_landscape(tmp_path, opinion,
                                                                                      plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    assert len(document.sections) == 2
    for section in document.sections:
        assert sorted([round(section.page_width.mm), round(section.page_height.mm)]) == [210, 297]
        margins = [section.top_margin.mm, section.bottom_margin.mm, section.left_margin.mm, section.right_margin.mm]
        assert margins == pytest.approx([37, 35, 28, 26], abs=0.05)
    body, attachment = document.sections
    assert body.orientation == WD_ORIENT.PORTRAIT and round(body.page_width.mm) == 210
    assert attachment.orientation == WD_ORIENT.LANDSCAPE and round(attachment.page_width.mm) == 297


def test_page_numbers_are_dashed_odd_right_even_left_and_run_on_into_the_attachment(tmp_path, opinion,
                                                                                      plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    assert document.settings.odd_and_even_pages_header_footer
    body, attachment = document.sections
    odd, even = body.footer.paragraphs[0], body.even_page_footer.paragraphs[0]
    for paragraph, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert paragraph.alignment == alignment
        assert paragraph.text == "— 1 —"  # the cached value of the PAGE field between the dashes
        assert "PAGE" in paragraph._p.xml and 'w:fldCharType="begin"' in paragraph._p.xml
        assert paragraph.style.name == "公文页码"
        assert east_asia(paragraph.style) == "宋体" and paragraph.style.font.size.pt == 14
    assert attachment.footer.is_linked_to_previous and attachment.even_page_footer.is_linked_to_previous
    for section in document.sections:  # no restart: numbering continues through the attachment
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is None or numbering.get(qn("w:start")) is None


def test_title_body_and_headings_use_the_template_styles_with_east_asian_fonts(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    paragraphs = document.paragraphs  # outside tables, in order
    assert paragraphs[0].style.name == "公文标题"
    assert paragraphs[0].text.split("\n") == list(break_title(TITLE)) == [
        "示范省贯彻落实《中共中央", "国务院关于建立更加有效的", "区域协调发展新机制的意见》实施方案"]
    by_style = {}
    for paragraph in paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph)
    expected = {"公文标题": ("方正小标宋简体", 22), "公文正文": ("仿宋_GB2312", 16),
                "一级标题": ("黑体", 16), "二级标题": ("楷体_GB2312", 16)}
    for name, (font, size) in expected.items():
        style = document.styles[name]
        assert by_style[name], name
        assert east_asia(style) == font and latin(style) == font
        assert style.font.size.pt == size
        assert all(not p.runs or p.runs[0].font.name is None for p in by_style[name])  # look comes from styles
    title, body = document.styles["公文标题"], document.styles["公文正文"]
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.pt == pytest.approx(28.9, abs=0.1)
    assert body.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert fmt.first_line_indent.pt == 32
    third = document.styles["三级标题"]
    assert east_asia(third) == "仿宋_GB2312" and third.font.bold
    assert [p.text for p in by_style["一级标题"]] == [
        f"{int_to_chinese(c.number)}、{c.title}" for c in opinion.chapters]
    assert by_style["一级标题"][0].text == "一、总体要求"


def test_the_font_table_names_windows_fallbacks_for_the_official_fonts(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    fonts = docx.oxml.parse_xml(part.blob)
    alternatives = {font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
                    for font in fonts.findall(qn("w:font")) if font.find(qn("w:altName")) is not None}
    assert alternatives["仿宋_GB2312"] == "仿宋" and alternatives["方正小标宋简体"] == "宋体"
    assert alternatives["楷体_GB2312"] == "楷体" and alternatives["黑体"] == "SimHei"


def test_every_task_appears_once_in_the_body_and_once_in_the_table(tmp_path, opinion, plan_tasks):
    contents = [task.content for task in plan_tasks]
    assert len(set(contents)) == len(contents)
    assert not any(a != b and a in b for a in contents for b in contents)  # so counting below is exact
    document, count = export(tmp_path, opinion, plan_tasks)
    assert count == len(plan_tasks)
    texts = [p.text for p in document.paragraphs]
    (table,) = document.tables
    cells = [cell.text for row in table.rows for cell in row.cells]
    for task in plan_tasks:
        assert sum(text.count(task.content) for text in texts) == 1, task.content
        assert sum(text.count(task.content) for text in cells) == 1, task.content
        assert cells.count(task.content) == 1


def test_tasks_are_numbered_within_items_with_several_and_end_with_the_assignment(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    texts = [p.text for p in document.paragraphs]
    first_item = opinion.items[0].id
    several = [t for t in plan_tasks if t.item_id == first_item]
    alone = [p.text for p in export(tmp_path, opinion, several[:1])[0].paragraphs]
    assert alone[alone.index("（一）" + opinion.items[0].heading) + 1] == task_paragraph_text(several[0], None)
    assert task_paragraph_text(several[0], None).startswith(several[0].content + "。（牵头单位：")
    assert len(several) > 1
    start = texts.index("（一）" + opinion.items[0].heading)
    for number, task in enumerate(several, start=1):
        text = texts[start + number]
        assert text.startswith(f"{number}.{task.content}")
        support = f"；配合单位：{'、'.join(task.support_units)}" if task.support_units else ""
        deadline = f"；完成时限：{task.deadline_phrase or '2027年3月1日'}"
        assert text.endswith(f"（牵头单位：{task.lead_unit}{support}{deadline}）"), text


def test_items_without_tasks_are_left_out_by_default_or_marked(tmp_path, opinion, plan_tasks):
    empty = [item for item in opinion.items if item.number in ITEMS_WITHOUT_TASKS]
    headings = [f"（{int_to_chinese(item.number)}）{item.heading}" for item in empty]
    omitted = [p.text for p in export(tmp_path, opinion, plan_tasks)[0].paragraphs]
    assert not set(headings) & set(omitted)
    assert f"（{int_to_chinese(empty[0].number + 1)}）" in "".join(omitted)
    marked = [p.text for p in export(tmp_path, opinion, plan_tasks,
                                     PlanExportOptions(empty_items=EmptyItems.MARK))[0].paragraphs]
    for heading in headings:
        assert marked[marked.index(heading) + 1] == "本条暂未分解具体任务。"


def test_the_attachment_table_has_its_columns_a_repeated_header_and_chapter_groups(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    texts = [p.text for p in document.paragraphs]
    assert texts[-2:] == ["附件", "重点任务分工表"]
    assert document.paragraphs[-2].style.name == "附件标识"
    assert east_asia(document.styles["附件标识"]) == "黑体"
    assert "附件：重点任务分工表" in texts
    (table,) = document.tables
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == HEADERS
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(header._tr.trPr.findall(qn("w:cantSplit"))) == 1
    assert sum(row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
               for row in table.rows) == 1
    groups = [row.cells[0].text for row in table.rows if len(row._tr.tc_lst) == 1]
    assert groups == [f"{int_to_chinese(c.number)}、{c.title}" for c in opinion.chapters]
    data = [row for row in table.rows[1:] if len(row._tr.tc_lst) == 5]
    assert [row.cells[0].text for row in data] == [str(n) for n in range(1, len(plan_tasks) + 1)]
    first = plan_tasks[0]
    assert [c.text.replace("\n", "") for c in data[0].cells] == [
        "1", first.content, first.lead_unit, "、".join(first.support_units), first.deadline_phrase]
    # Rows of ordinary height are kept whole; every cell is centred vertically.
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in data)
    assert all(cell._tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center" for row in data for cell in row.cells)
    widths = [column.width.mm for column in table.columns]
    assert sum(widths) == pytest.approx(297 - 28 - 26, abs=0.5) and widths[1] == max(widths)
    cell_style = data[0].cells[1].paragraphs[0].style
    assert cell_style.name == "表格文字" and east_asia(cell_style) == "仿宋_GB2312"
    assert cell_style.font.size.pt == 12  # 小四 by default


def test_the_table_sits_in_the_landscape_section(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    body = document.element.body
    children = list(body)
    break_index = next(i for i, child in enumerate(children) if child.find(qn("w:pPr")) is not None
                       and child.find(qn("w:pPr")).find(qn("w:sectPr")) is not None)
    table_index = children.index(document.tables[0]._tbl)
    assert table_index > break_index
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_leader_column_and_table_font_size_are_options(tmp_path, opinion, plan_tasks):
    options = PlanExportOptions(show_leader=True, table_font_size=10.5)
    document, _ = export(tmp_path, opinion, plan_tasks, options)
    (table,) = document.tables
    assert [cell.text for cell in table.rows[0].cells] == [*HEADERS, "分管领导"]
    leaders = [row.cells[5].text for row in table.rows[1:] if len(row._tr.tc_lst) == 6]
    assert leaders == [task.leader for task in plan_tasks]
    assert document.styles["表格文字"].font.size.pt == 10.5


def left_indent_pt(paragraph) -> float:
    return int(paragraph._p.pPr.find(qn("w:ind")).get(qn("w:left"))) / 20


def test_preamble_default_and_signature_laid_out_as_gbt_9704_7_3_5(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks,
                         PlanExportOptions(issuer="示范省发展和改革委员会", date=dt.date(2026, 11, 30)), office="示范省")
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[1] == f"为深入贯彻落实《{opinion.title}》精神，结合示范省实际，制定本实施方案。"
    at = texts.index("示范省发展和改革委员会")
    # 附件说明 one blank line below the body; 署名 one blank line below that; 成文日期 on the next line.
    assert texts[at - 3:at + 2] == ["", "附件：重点任务分工表", "", "示范省发展和改革委员会", "2026年11月30日"]
    issuer, date = paragraphs[at], paragraphs[at + 1]
    assert issuer.style.name == date.style.name == "公文落款"
    assert issuer.paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
    char = 16 - 0.3  # one body character on the 28-character line
    type_area = (210 - 28 - 26) * 72 / 25.4
    # 署名 two characters in from the right (11 characters); the date's first character two characters right of it.
    assert left_indent_pt(issuer) == pytest.approx(type_area - 2 * char - 11 * char, abs=0.1)
    assert left_indent_pt(date) - left_indent_pt(issuer) == pytest.approx(2 * char, abs=0.1)


def test_a_date_longer_than_the_issuer_sits_two_characters_in_and_the_issuer_two_left_of_it(tmp_path, opinion,
                                                                                       plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks, PlanExportOptions(issuer="示范省教育厅",
                                                                          date=dt.date(2026, 11, 30)))
    texts = [p.text for p in document.paragraphs]
    issuer, date = (document.paragraphs[texts.index(text)] for text in ("示范省教育厅", "2026年11月30日"))
    type_area = (210 - 28 - 26) * 72 / 25.4
    date_width = look.body_width_pt("2026年11月30日")
    assert left_indent_pt(date) == pytest.approx(type_area - 2 * 15.7 - date_width, abs=0.1)
    assert left_indent_pt(date) - left_indent_pt(issuer) == pytest.approx(2 * 15.7, abs=0.1)


def test_without_issuer_or_date_there_is_no_signature(tmp_path, opinion, plan_tasks):
    document, _ = export(tmp_path, opinion, plan_tasks)
    assert not [p for p in document.paragraphs if p.style.name == "公文落款"]
    path = tmp_path / "own.docx"
    export_plan(path, template=TEMPLATE, title=TITLE, preamble="本方案的前言。\n\n  第二段。", document=opinion,
                tasks=plan_tasks)
    own = docx.Document(str(path)).paragraphs
    assert [p.text for p in own[1:4]] == ["本方案的前言。", "第二段。", "一、总体要求"]
    assert own[2].style.name == "公文正文"


def test_progress_is_reported_up_to_the_total(tmp_path, opinion, plan_tasks):
    calls = []
    export(tmp_path, opinion, plan_tasks, progress=lambda done, total: calls.append((done, total)))
    totals = {total for _, total in calls}
    assert len(totals) == 1 and calls[-1] == (totals.pop(),) * 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 2 * len(plan_tasks)


def test_a_target_open_in_word_gives_a_chinese_message_and_keeps_the_old_file(tmp_path, opinion, plan_tasks,
                                                                              monkeypatch):
    target = tmp_path / "方案.docx"
    target.write_bytes(b"old")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="正在 Word") as caught:
        export_plan(target, template=TEMPLATE, title=TITLE, preamble="", document=opinion, tasks=plan_tasks)
    assert "方案.docx" in caught.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["方案.docx"]  # no temporary file left behind


def test_a_missing_folder_or_template_is_a_user_error(tmp_path, opinion, plan_tasks):
    with pytest.raises(UserError, match="不存在"):
        export_plan(tmp_path / "nowhere" / "a.docx", template=TEMPLATE, title=TITLE, preamble="",
                    document=opinion, tasks=plan_tasks)
    with pytest.raises(UserError, match="找不到 Word 模板"):
        export_plan(tmp_path / "a.docx", template=tmp_path / "none.docx", title=TITLE, preamble="",
                    document=opinion, tasks=plan_tasks)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="无法读取"):
        export_plan(tmp_path / "a.docx", template=broken, title=TITLE, preamble="", document=opinion,
                    tasks=plan_tasks)
    assert not (tmp_path / "a.docx").exists()


def test_python_docx_is_not_imported_at_start_up():
    code = ("import sys; import planner.cli, planner.services.word, planner.exchange.docx_export; "
            "print('docx' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


def test_a_document_without_chapter_headings_has_items_only(tmp_path, opinion, plan_tasks):
    from dataclasses import replace

    flat = replace(opinion, chapters=(replace(opinion.chapters[0], number=0, title="",
                                              items=tuple(opinion.items)),))
    document, count = export(tmp_path, flat, plan_tasks)
    assert count == len(plan_tasks)
    assert not [p for p in document.paragraphs if p.style.name == "一级标题"]
    assert all(len(row._tr.tc_lst) == 5 for row in document.tables[0].rows)
    assert sum(p.style.name == "二级标题" for p in document.paragraphs) == 30 - len(ITEMS_WITHOUT_TASKS)
