"""A policy text published as PDF: its text layer gives the same outline as the clean text."""

import pytest

from planner.domain.policy_text import parse_policy
from planner.errors import UserError
from planner.exchange.policy_file import read_policy_text
from tests.conftest import RESOURCES, ROOT
from tests.exchange.conftest import to_pdf

SEED = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def opinion_pdf(tmp_path_factory):
    """The 2018 opinion typeset by LibreOffice, as a PDF with hard-wrapped lines and page breaks."""
    import docx

    folder = tmp_path_factory.mktemp("pdf")
    word = docx.Document()
    for line in SEED.splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(folder / "意见.docx")
    return to_pdf(folder / "意见.docx", folder)


def test_a_pdf_gives_the_same_outline_and_item_texts_as_the_clean_text(opinion_pdf):
    from_pdf, clean = parse_policy(read_policy_text(opinion_pdf)), parse_policy(SEED)
    assert (from_pdf.title, from_pdf.date) == (clean.title, clean.date)
    assert [(c.number, c.title) for c in from_pdf.chapters] == [(c.number, c.title) for c in clean.chapters]
    assert [(i.number, i.heading) for i in from_pdf.items] == [(i.number, i.heading) for i in clean.items]
    assert ["".join(i.paragraphs) for i in from_pdf.items] == ["".join(i.paragraphs) for i in clean.items]


def test_a_broken_pdf_is_refused_with_its_name(tmp_path):
    path = tmp_path / "损坏.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(UserError, match="“损坏.pdf”不是有效的 PDF"):
        read_policy_text(path)


def test_a_pdf_without_a_text_layer_is_explained(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "扫描件.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UserError, match="没有可提取的文字"):
        read_policy_text(path)


@pytest.fixture(scope="module")
def short_pdf(tmp_path_factory):
    import docx

    folder = tmp_path_factory.mktemp("short")
    word = docx.Document()
    for line in ("关于推进示范区建设的实施意见", "一、总体要求", "（一）指导思想。坚持稳中求进工作总基调。",
                 "（二）主要目标。示范区建设取得明显成效。"):
        word.add_paragraph(line)
    word.save(folder / "short.docx")
    return to_pdf(folder / "short.docx", folder)


def encrypted_copy(source, target, *, user_password):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    writer.write(target)
    return target


def test_an_aes_encrypted_pdf_without_an_open_password_is_read(short_pdf, tmp_path):
    # Published PDFs are often encrypted only against printing or copying: they open without a password.
    path = encrypted_copy(short_pdf, tmp_path / "加密.pdf", user_password="")
    document = parse_policy(read_policy_text(path))
    assert document.title == "关于推进示范区建设的实施意见"
    assert [i.heading for i in document.items] == ["指导思想", "主要目标"]


def test_a_pdf_that_needs_a_password_to_open_is_refused_with_its_own_message(short_pdf, tmp_path):
    path = encrypted_copy(short_pdf, tmp_path / "密码.pdf", user_password="1234")
    with pytest.raises(UserError) as raised:
        read_policy_text(path)
    assert raised.value.message.startswith("PDF 文件“密码.pdf”设有打开密码，无法读取其中的文字")


def test_private_use_glyph_codes_are_an_undecodable_text_layer():
    from planner.domain.text_decoding import is_undecodable_text_layer

    assert is_undecodable_text_layer("\ue001\ue002\ue003一、总体要求\ue004\ue005")
    assert is_undecodable_text_layer("Page 1 of 2\nabc def")  # no Chinese at all
    assert not is_undecodable_text_layer("一、总体要求\n（一）指导思想。\f— 2 —")


CONTROL = (ROOT / "tests" / "fixtures" / "texts" / "kangxi_clean_control.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=["headings", "everything"])
def expanded_pdf(request, tmp_path_factory):
    """The example typeset with expanded character spacing (字符间距 加宽 10 pt) on the title and
    headings only, or on every line: pypdf then extracts 一 、 总 体 要 求."""
    import docx
    from docx.oxml.ns import qn

    folder = tmp_path_factory.mktemp(request.param)
    word = docx.Document()
    for line in CONTROL.splitlines():
        run = word.add_paragraph().add_run(line)
        if request.param == "everything" or line[:2] in ("一、", "二、", "三、") or line.endswith("实施意见"):
            run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:spacing"), {qn("w:val"): "200"}))
    word.save(folder / "spaced.docx")
    return to_pdf(folder / "spaced.docx", folder)


def test_a_pdf_set_with_expanded_spacing_keeps_its_chapters_and_title(expanded_pdf):
    text = read_policy_text(expanded_pdf)
    assert "一 、 总 体 要 求" in text  # what the text layer really holds
    document = parse_policy(text)
    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert [c.title for c in document.chapters] == ["总体要求", "重点任务", "保障措施"]
    assert [len(c.items) for c in document.chapters] == [2, 2, 1]
    assert document.items[-1].text == "加强组织领导。各地要建立工作机制，明确责任分工。"
    assert document.signature == ("某省人民政府办公厅", "2025年3月10日")
    assert any("字符间距" in warning for warning in document.warnings)
