"""The command line on PDF policy files as users pick them: only Chinese reaches the terminal."""

import json
import shutil

import pytest

from tests.cli_runner import dump, new_database, run
from tests.conftest import ROOT

POLICY = ROOT / "tests" / "fixtures" / "policy"
TITLE = "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见"


@pytest.mark.parametrize("name", ["docx_renamed.pdf", "html_renamed.pdf"])
def test_a_renamed_file_is_refused_with_the_chinese_message_alone(name, tmp_path):
    # pypdf logs "invalid pdf header: b'PK\x03\x04\x14'" and "EOF marker not found" on such files.
    source = shutil.copy(POLICY / name, tmp_path / name)
    message = f"文件“{name}”不是有效的 PDF 文件，或文件已损坏。\n"

    parsed = run("parse-policy", source)
    assert (parsed.returncode, parsed.stdout, parsed.stderr) == (1, "", message)

    db = tmp_path / "plan.db"
    new_database(db)
    before = dump(db)
    imported = run("--db", db, "import-policy", source)
    assert (imported.returncode, imported.stdout, imported.stderr) == (1, "", message)
    assert dump(db) == before


def test_a_gazette_pdf_loses_its_running_header_and_n_of_m_footers(tmp_path):
    # The 2018 opinion as printed with the header 国务院公报 2018 年第 34 号 and the footer 1/13 on
    # every page (the trial's seed000_footer_slash.pdf, made by Word-like layout in LibreOffice).
    source = shutil.copy(POLICY / "seed000_footer_slash.pdf", tmp_path / "公报.pdf")
    result = run("parse-policy", source, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "注意：“公报.pdf”：已去除每页重复的页眉页脚“国务院公报 2018 年第 34 号”。\n"
    outline = json.loads(result.stdout)
    assert outline["title"] == TITLE
    items = [item for chapter in outline["chapters"] for item in chapter["items"]]
    assert [item["number"] for item in items] == list(range(1, 31))
    for item in items:
        assert "公报" not in item["text"] and "/13" not in item["text"], item["number"]
    # Where the page broke, the item reads on as one sentence.
    assert "规范区域开发秩序、推动区域一体化发展中发挥积极作用" in items[2]["text"]
