"""Importing policy files: encodings, .docx, and every kind of bad file leaving the database as it was."""

import pytest

from planner.errors import UserError
from planner.services import documents
from tests.conftest import RESOURCES

SEED = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
GUIDANCE = (RESOURCES / "policy_regional_strategy_guidance.txt").read_text(encoding="utf-8")


def dump(db) -> list[str]:
    return list(db.conn.iterdump())


@pytest.mark.parametrize(("name", "data"), [
    ("gbk.txt", GUIDANCE.encode("gbk")),
    ("gb18030.txt", GUIDANCE.encode("gb18030")),
    ("bom.txt", GUIDANCE.encode("utf-8-sig")),
    ("utf16.txt", GUIDANCE.encode("utf-16")),
    ("crlf.txt", GUIDANCE.replace("\n", "\r\n").encode("utf-8")),
])
def test_text_files_in_every_common_encoding_import(workspace_db, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = documents.import_policy(workspace_db, path, copy=True)  # the built-in copy is stored already
    assert (result.title, result.chapter_count, result.item_count) == (
        "关于贯彻落实区域发展战略促进区域协调发展的指导意见", 6, 25)
    stored = documents.load_document(workspace_db, result.id)
    assert stored.items[12].heading == "发挥区域规划指导约束作用"


def test_a_docx_imports(workspace_db, tmp_path):
    import docx

    word = docx.Document()
    for line in SEED.splitlines():
        word.add_paragraph(line)
    path = tmp_path / "意见.docx"
    word.save(path)
    result = documents.import_policy(workspace_db, path, copy=True)  # the built-in copy is stored already
    assert (result.chapter_count, result.item_count) == (10, 30)


def test_a_docx_keeps_text_inside_tables_in_reading_order(workspace_db, tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("关于表格测试的意见")
    word.add_paragraph("一、总体要求")
    word.add_paragraph("（一）正文条目。内容。")
    table = word.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "（二）表格中的条目。内容。"
    word.add_paragraph("附件：重点任务分工表")
    tasks_table = word.add_table(rows=2, cols=3)
    for row, values in enumerate([("序号", "重点任务", "牵头单位"), ("1", "编制规划", "省发展改革委")]):
        for column, value in enumerate(values):
            tasks_table.cell(row, column).text = value
    merged = tasks_table.cell(1, 1).merge(tasks_table.cell(1, 2))
    merged.text = "合并后的单元格"
    path = tmp_path / "表格.docx"
    word.save(path)
    document = documents.read_policy(path)
    assert [(i.number, i.heading) for i in document.items] == [(1, "正文条目"), (2, "表格中的条目")]
    assert document.attachment == ("附件：重点任务分工表", "序号", "重点任务", "牵头单位", "1", "合并后的单元格")


def test_a_pasted_text_without_title_is_named(workspace_db):
    result = documents.import_policy_text(workspace_db, "一、总体要求\n（一）推进工作。做好。", title="会议纪要")
    assert result.title == "会议纪要" and result.item_count == 1


BAD_FILES = [
    ("empty.txt", b"", "空的"),
    ("spaces.txt", "  \n\u3000\n".encode(), "空的"),
    ("binary.txt", bytes(range(256)) * 40, "不是文本文件"),
    ("controls.txt", ("\x01\x02\x03文字" * 500).encode("utf-8"), "不是文本文件"),
    ("plain.txt", "这是一段普通的文字。没有任何编号。\n第二段也没有。".encode(), "未能识别文件结构"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip", "不是有效的 Word"),
    ("old.doc", "一、总体要求".encode(), "另存为 .docx"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_get_a_chinese_message_naming_the_file_and_change_nothing(workspace_db, tmp_path, name,
                                                                           data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = dump(workspace_db)
    with pytest.raises(UserError) as caught:
        documents.import_policy(workspace_db, path)
    assert message in caught.value.message
    assert name in caught.value.message
    assert dump(workspace_db) == before


def test_a_20_mb_text_is_refused_before_it_is_read(workspace_db, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    before = dump(workspace_db)
    with pytest.raises(UserError, match="超过政策文件的上限 5 MB"):
        documents.import_policy(workspace_db, path)
    assert dump(workspace_db) == before


def test_a_missing_file_is_named(workspace_db, tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        documents.import_policy(workspace_db, tmp_path / "nowhere.txt")


def test_importing_a_stored_document_again_says_so_and_adds_nothing_unless_a_copy_is_asked(workspace_db, tmp_path):
    path = tmp_path / "指导意见.txt"
    path.write_bytes(GUIDANCE.encode("gbk"))
    before = dump(workspace_db)
    with pytest.raises(documents.DuplicateDocument) as caught:
        documents.import_policy(workspace_db, path)
    builtin_id = caught.value.existing_id
    assert caught.value.message.startswith(
        f"“指导意见.txt”：《关于贯彻落实区域发展战略促进区域协调发展的指导意见》已在数据库中（编号 {builtin_id}）")
    assert dump(workspace_db) == before
    copy = documents.import_policy(workspace_db, path, copy=True)
    assert copy.id != builtin_id
    assert [d.title for d in documents.list_documents(workspace_db)].count(copy.title) == 2


def test_a_pasted_duplicate_is_refused_too_and_a_different_body_is_not_a_duplicate(workspace_db):
    text = "关于测试的意见\n一、总体要求\n（一）推进工作。做好。"
    first = documents.import_policy_text(workspace_db, text)
    with pytest.raises(documents.DuplicateDocument, match=f"《关于测试的意见》已在数据库中（编号 {first.id}）"):
        documents.import_policy_text(workspace_db, text)
    second = documents.import_policy_text(workspace_db, text + "再补充。")
    assert second.id != first.id


def test_the_import_summary_counts_the_dropped_web_page_lines(workspace_db):
    result = documents.import_policy(workspace_db, RESOURCES.parent / "tests" / "fixtures" / "texts" / "govcn_webcopy.txt")
    assert (result.title, result.item_count, result.dropped_count) == ("国务院办公厅关于推进示范区建设的实施意见", 5, 17)
    assert any("已去除网页内容 17 行" in warning for warning in result.warnings)
    stored = documents.load_document(workspace_db, result.id)
    assert stored.issuer == "国务院办公厅" and str(stored.published_on) == "2025-03-15"
    assert stored.signature == ("国务院办公厅", "2025年3月10日", "（此件公开发布）")


def test_a_kangxi_pdf_text_is_stored_folded_so_a_search_finds_its_items(workspace_db):
    from planner.storage.search import search_item_ids

    result = documents.import_policy(workspace_db, RESOURCES.parent / "tests" / "fixtures" / "texts" / "kangxi_radicals.txt")
    stored = documents.load_document(workspace_db, result.id)
    assert stored.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert search_item_ids(workspace_db, result.id, "工作机制") == [stored.items[-1].id]
    assert search_item_ids(workspace_db, result.id, "示范区") == [stored.items[1].id]
