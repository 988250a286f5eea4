"""Paragraphs are paragraphs: a Word file's lines are never joined, a clean text is not taken for a
PDF's hard-wrapped lines, and a page break does not cut a sentence (tests/fixtures/policy, README there)."""

import datetime as dt
from pathlib import Path

import pytest

from planner.exchange.policy_file import read_policy_file
from planner.services import documents
from planner.storage.search import search_item_ids

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
T = "某省人民政府办公厅关于推进示范区建设的实施意见"
TABLE = ["指标", "2025年", "2027年", "示范区数量（个）", "5", "10", "产值（亿元）", "100", "200"]


def outline(document):
    return [(c.number, c.title, [(i.number, i.heading) for i in c.items]) for c in document.chapters]


FIVE_ITEMS = [(1, "总体要求", [(1, "指导思想"), (2, "主要目标")]),
              (2, "重点任务", [(3, "加快产业升级"), (4, "强化要素保障")]),
              (3, "保障措施", [(5, "加强组织领导")])]


@pytest.mark.parametrize(("name", "table"), [("manual_full.docx", TABLE), ("mf_no_hf_no_tables.docx", [])])
def test_a_typed_word_file_gives_title_preamble_items_and_signature_as_a_person_sees_them(name, table):
    document = documents.read_policy(POLICY / name)
    assert document.title == T
    assert document.doc_number == "某政办发〔2025〕12号"
    assert document.recipients == "各市人民政府，省政府各部门："
    assert document.preamble == ("为推进示范区建设，提出如下意见。",)
    assert document.date == dt.date(2025, 3, 10)
    assert outline(document) == FIVE_ITEMS
    goals, industry = document.items[1], document.items[2]
    # The table's cells are data: 5, 10, 100, 200 are not page numbers.
    assert goals.paragraphs == ("主要目标。到2027年，示范区建设取得明显成效。", "主要指标见下表。", *table,
                                "上述指标为预期性指标。")
    assert industry.paragraphs == ("加快产业升级。培育一批龙头企业，完善产业链条。", "1.实施龙头企业培育工程。",
                                   "2.建设产业链协同平台。")
    assert document.items[4].text == "加强组织领导。各地要建立工作机制，明确责任分工。"
    assert document.signature == ("某省人民政府办公厅", "2025年3月10日", "（此件公开发布）")
    assert document.attachment[0] == "附件：示范区建设重点任务分工表"
    assert document.warnings == ()


def test_the_attachment_table_of_a_word_file_keeps_every_cell():
    document = documents.read_policy(POLICY / "manual_full.docx")
    assert document.attachment[1:] == (
        "附件", "示范区建设重点任务分工表", "序号", "重点任务", "牵头单位", "完成时限", "一、", "培育龙头企业",
        "省工业和信息化厅", "2026年底前", "（一）", "统筹用地用能指标", "省自然资源厅", "持续推进", "2", "建立工作机制",
        "省发展改革委", "2025年6月底前")


def test_the_word_files_text_saved_as_a_txt_is_not_taken_for_wrapped_lines_either(tmp_path):
    path = tmp_path / "意见.txt"
    path.write_text(read_policy_file(POLICY / "manual_full.docx").text, encoding="utf-8")
    from_txt, from_docx = documents.read_policy(path), documents.read_policy(POLICY / "manual_full.docx")
    assert from_txt.title == T
    assert outline(from_txt) == FIVE_ITEMS
    assert [i.paragraphs for i in from_txt.items] == [i.paragraphs for i in from_docx.items]
    assert (from_txt.preamble, from_txt.signature) == (from_docx.preamble, from_docx.signature)


def test_a_clean_text_with_a_joint_signature_is_read_line_by_line():
    document = documents.read_policy(POLICY / "restart_items_joint_sig.txt")
    assert document.title == "某省发展和改革委员会 某省财政厅关于推进示范区建设的实施方案"
    assert document.recipients == "各市发展改革委、财政局："
    assert document.preamble == ("为推进示范区建设，制定本方案。",)
    assert [[i.heading for i in c.items] for c in document.chapters] == [
        ["指导思想", "主要目标"], ["加快产业升级", "强化要素保障"], ["加强组织领导", "强化督导考核"]]
    assert document.items[1].paragraphs == ("主要目标。到2027年，示范区建设取得明显成效。主要指标如下：",
                                            "1.地区生产总值年均增长6%以上。", "2.研发投入强度达到2.5%。")
    assert document.items[5].text == "强化督导考核。将示范区建设纳入年度考核。"
    assert document.signature == ("某省发展和改革委员会 某省财政厅", "2025年3月10日")


def test_a_sentence_cut_by_a_page_break_is_whole_and_found_by_search(workspace_db):
    result = documents.import_policy(workspace_db, POLICY / "page_break_mid_item.txt")
    stored = documents.load_document(workspace_db, result.id)
    assert outline(stored) == FIVE_ITEMS
    industry = stored.items[2]
    assert industry.paragraphs == ("加快产业升级。培育一批龙头企业，完善产业链条。",)
    assert search_item_ids(workspace_db, result.id, "龙头企业") == [industry_id(workspace_db, result.id, 3)]
    assert all("2" not in item.text for item in stored.items[2:])  # the page number - 2 - is layout


def industry_id(db, document_id, number):
    rows = db.query("SELECT id FROM items WHERE document_id = ? AND number = ?", [document_id, number])
    return next(iter(rows))["id"]
