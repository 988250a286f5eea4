"""A policy PDF typeset with a page header and footer: they stay out of the title and the items."""

import logging
import re

import pytest

from planner.domain.policy_text import parse_policy
from planner.errors import UserError
from planner.exchange.policy_file import read_policy_file
from tests.conftest import RESOURCES, ROOT
from tests.exchange.conftest import to_pdf

SEED = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
CLEAN = parse_policy(SEED)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Header text, footer as text pieces and fields, what the footer of page 2 reads as.
LAYOUTS = {
    "red_header_hyphen": ("中共中央 国务院文件", ["- ", "PAGE", " -"]),
    "gazette_slash": ("国务院公报 2018年第34号", ["PAGE", "/", "NUMPAGES"]),
    "red_header_diyiye": ("中共中央 国务院文件", ["第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"]),
}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def headed_pdf(request, tmp_path_factory):
    """The 2018 opinion in 三号 on A4 with the official margins (pages break inside items), a page
    header on every page and a page-number footer made of Word fields."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    header, footer = LAYOUTS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    word = docx.Document()
    word.styles["Normal"].font.size = Pt(16)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    section.header.paragraphs[0].text = header
    paragraph = section.footer.paragraphs[0]
    for piece in footer:
        if piece in ("PAGE", "NUMPAGES"):
            paragraph._p.append(parse_xml(f'<w:fldSimple {W} w:instr="{piece}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        else:
            paragraph.add_run(piece)
    for line in SEED.splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(folder / f"{request.param}.docx")
    return to_pdf(folder / f"{request.param}.docx", folder), header


def test_the_header_and_footer_are_in_no_item_nor_the_title(headed_pdf):
    path, header = headed_pdf
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(path).pages]
    # What the text layer really holds (LibreOffice sets 2018 年 apart).
    assert len(pages) > 5 and all(unspaced(header) in unspaced(page) for page in pages)

    source = read_policy_file(path)
    document = parse_policy(source.text)
    assert (document.title, document.date) == (CLEAN.title, CLEAN.date)
    assert [(i.number, i.heading) for i in document.items] == [(i.number, i.heading) for i in CLEAN.items]
    # Nothing of the page is left in an item, and nothing of the item is lost where a page broke it.
    assert [i.text for i in document.items] == [i.text for i in CLEAN.items]
    assert [unspaced(warning) for warning in source.warnings] == [f"“{path.name}”：已去除每页重复的页眉页脚“{unspaced(header)}”。"]


def unspaced(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_a_page_number_field_alone_is_dropped_without_a_note(tmp_path):
    import docx
    from docx.oxml import parse_xml

    word = docx.Document()
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph._p.append(parse_xml(f'<w:fldSimple {W} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    paragraph.add_run("/")
    paragraph._p.append(parse_xml(f'<w:fldSimple {W} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for line in SEED.splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(tmp_path / "页码.docx")
    source = read_policy_file(to_pdf(tmp_path / "页码.docx", tmp_path))
    assert not re.search(r"^\d+/\d+$", source.text, re.MULTILINE)
    assert source.warnings == ()
    assert [i.text for i in parse_policy(source.text).items] == [i.text for i in CLEAN.items]


@pytest.mark.parametrize("name", ["docx_renamed.pdf", "html_renamed.pdf"])
def test_pypdfs_own_notices_are_not_passed_on_and_its_logger_is_left_as_it_was(name, caplog):
    pypdf_logger = logging.getLogger("pypdf")
    handlers = list(pypdf_logger.handlers)
    with caplog.at_level(logging.DEBUG), pytest.raises(UserError) as raised:
        read_policy_file(ROOT / "tests" / "fixtures" / "policy" / name)
    assert raised.value.message == f"文件“{name}”不是有效的 PDF 文件，或文件已损坏。"
    assert [record for record in caplog.records if record.name.startswith("pypdf")] == []
    assert pypdf_logger.handlers == handlers and pypdf_logger.propagate


def test_a_hostile_pdf_that_trips_a_pypdf_limit_is_refused_as_damaged(monkeypatch, tmp_path):
    # Seen on damaged copies: "Detected loop with self reference for IndirectObject(46, 0, …)".
    import pypdf
    from pypdf.errors import LimitReachedError

    def tripped(self, *args, **kwargs):
        raise LimitReachedError("Maximum /ToUnicode code length exceeded: 24 > 16.")

    monkeypatch.setattr(pypdf.PdfReader, "__init__", tripped)
    path = tmp_path / "环路.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(UserError) as raised:
        read_policy_file(path)
    assert raised.value.message == "文件“环路.pdf”不是有效的 PDF 文件，或文件已损坏。"
