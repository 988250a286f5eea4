"""The window's 导入政策文件 on PDF files: Chinese messages only, and the page header left out."""

import logging
import shutil

from planner.services import documents
from tests.conftest import ROOT

POLICY = ROOT / "tests" / "fixtures" / "policy"


def test_a_renamed_word_file_shows_only_the_chinese_refusal(window, tmp_path, caplog):
    path = shutil.copy(POLICY / "docx_renamed.pdf", tmp_path / "意见.pdf")
    window.ask_open_file = lambda caption, filters: path
    count = len(documents.list_documents(window._db))
    with caplog.at_level(logging.DEBUG):
        window.file_menu.import_policy_file()
    assert window.errors == ["文件“意见.pdf”不是有效的 PDF 文件，或文件已损坏。"]
    # pypdf's "invalid pdf header" would reach the terminal through the root logger.
    assert [record.getMessage() for record in caplog.records if record.name.startswith("pypdf")] == []
    assert len(documents.list_documents(window._db)) == count


def test_a_gazette_pdf_is_imported_without_its_running_header(window, tmp_path):
    path = shutil.copy(POLICY / "seed000_footer_slash.pdf", tmp_path / "公报.pdf")
    window.ask_open_file = lambda caption, filters: path
    questions = []
    # Yes to importing a copy of the built-in document it reads as, no to a new plan.
    window.confirm = lambda question: questions.append(question) or "副本" in question
    window.file_menu.import_policy_file()
    assert questions[0].startswith("《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》已在数据库中（编号 ")
    assert questions[1].startswith(
        "已导入《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》：10 个部分，30 个条目。\n"
        "注意：“公报.pdf”：已去除每页重复的页眉页脚“国务院公报 2018 年第 34 号”。")
    stored = documents.load_document(window._db, documents.list_documents(window._db)[-1].id)
    assert [item.number for item in stored.items] == list(range(1, 31))
    assert not [item.number for item in stored.items if "公报" in item.text or "/13" in item.text]
