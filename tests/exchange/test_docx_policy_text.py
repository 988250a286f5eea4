"""Word files as offices send them: automatic list numbers, text boxes, and formats we cannot read."""

import docx
import pytest
from docx.oxml import parse_xml

from planner.errors import UserError
from planner.exchange.docx_numbering import chinese_counting, format_number
from planner.exchange.policy_file import read_policy_file, read_policy_text
from tests.conftest import ROOT

TEXTS = ROOT / "tests" / "fixtures" / "texts"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def level(ilvl, fmt, text, *, start=1, restart=None, suffix="nothing", style=None):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + (f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else "")
            + f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>')


def make_docx(path, levels, paragraphs, *, nums=(("1", ""),), styles=()):
    """A .docx whose abstractNum 1 has ``levels``; ``nums`` are (numId, lvlOverride XML) pointing at it;
    ``paragraphs`` are (text, numId, ilvl) or (text, None, style id)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {NS} w:abstractNumId="1">{"".join(levels)}</w:abstractNum>'))
    for num_id, override in nums:
        numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="1"/>{override}</w:num>'))
    for style_id, num_id in styles:
        document.styles.element.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'))
    for text, num_id, ilvl in paragraphs:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        elif ilvl is not None:
            paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {NS} w:val="{ilvl}"/>'))
    document.save(path)
    return path


CHINESE_LEVELS = [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）", restart=0)]
OUTLINE = [("总体要求", "1", 0), ("指导思想。", "1", 1), ("主要目标。", "1", 1), ("重点任务", "1", 0),
           ("加快产业升级。", "1", 1), ("保障措施", "1", 0), ("加强组织领导。", "1", 1)]


def test_the_example_file_shows_the_numbers_word_draws():
    lines = read_policy_text(TEXTS / "docx_auto_numbering.docx").splitlines()
    assert lines[3:8] == ["一、总体要求", "（一）指导思想。坚持稳中求进工作总基调，推动高质量发展。",
                          "（二）主要目标。到2027年，示范区建设取得明显成效。", "二、重点任务",
                          "（三）加快产业升级。培育一批龙头企业，完善产业链条。"]
    assert lines[10] == "（五）加强组织领导。各地要建立工作机制，明确责任分工。"


def test_a_level_with_lvlrestart_0_never_restarts(tmp_path):
    path = make_docx(tmp_path / "a.docx", CHINESE_LEVELS, OUTLINE)
    assert read_policy_text(path).splitlines() == [
        "一、总体要求", "（一）指导思想。", "（二）主要目标。", "二、重点任务", "（三）加快产业升级。", "三、保障措施",
        "（四）加强组织领导。"]


def test_a_level_without_lvlrestart_restarts_after_each_higher_level(tmp_path):
    levels = [level(0, "chineseCountingThousand", "%1、"), level(1, "chineseCountingThousand", "（%2）")]
    path = make_docx(tmp_path / "a.docx", levels, OUTLINE)
    assert read_policy_text(path).splitlines() == [
        "一、总体要求", "（一）指导思想。", "（二）主要目标。", "二、重点任务", "（一）加快产业升级。", "三、保障措施",
        "（一）加强组织领导。"]


def test_start_values_decimal_labels_and_a_tab_suffix(tmp_path):
    levels = [level(0, "decimal", "%1.", start=3, suffix="tab"), level(1, "decimal", "%1.%2", suffix="space")]
    path = make_docx(tmp_path / "a.docx", levels, [("甲", "1", 0), ("乙", "1", 1), ("丙", "1", 1), ("丁", "1", 0)])
    assert read_policy_text(path).splitlines() == ["3. 甲", "3.1 乙", "3.2 丙", "4. 丁"]


def test_lists_sharing_a_definition_continue_and_a_start_override_restarts(tmp_path):
    restart = '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride>'
    path = make_docx(tmp_path / "a.docx", CHINESE_LEVELS,
                     [("甲。", "1", 1), ("乙。", "2", 1), ("丙。", "3", 1), ("丁。", "3", 1), ("戊。", "1", 1)],
                     nums=(("1", ""), ("2", ""), ("3", restart)))
    assert read_policy_text(path).splitlines() == ["（一）甲。", "（二）乙。", "（一）丙。", "（二）丁。", "（三）戊。"]


def test_a_level_redefined_in_a_num_override_is_drawn_its_way(tmp_path):
    redefined = f'<w:lvlOverride w:ilvl="1">{level(1, "decimal", "%2.", suffix="nothing")}</w:lvlOverride>'
    path = make_docx(tmp_path / "a.docx", CHINESE_LEVELS, [("甲。", "1", 1), ("乙。", "2", 1)],
                     nums=(("1", ""), ("2", redefined)))
    assert read_policy_text(path).splitlines() == ["（一）甲。", "2.乙。"]


def test_a_style_bound_to_a_list_numbers_its_paragraphs_and_num_id_0_removes_numbering(tmp_path):
    path = make_docx(tmp_path / "a.docx", CHINESE_LEVELS,
                     [("总体要求", None, "ChapterHeading"), ("正文。", "0", 0), ("重点任务", None, "ChapterHeading")],
                     styles=(("ChapterHeading", "1"),))
    assert read_policy_text(path).splitlines() == ["一、总体要求", "正文。", "二、重点任务"]


def test_an_unknown_number_format_is_drawn_in_digits_with_a_warning(tmp_path):
    path = make_docx(tmp_path / "a.docx", [level(0, "hebrew1", "%1、")], [("甲", "1", 0)])
    source = read_policy_file(path)
    assert source.text == "1、甲"
    assert source.warnings == ("“a.docx”：Word 自动编号格式“hebrew1”无法识别，已按阿拉伯数字显示。",)


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (25, "chineseCountingThousand", "二十五"), (101, "chineseCountingThousand", "一百零一"),
    (3, "decimalEnclosedCircleChinese", "③"), (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"),
    (28, "lowerLetter", "bb"), (7, "decimalZero", "07"),
])
def test_number_formats(value, fmt, text):
    assert format_number(value, fmt) == text


def test_chinese_counting_of_round_hundreds():
    assert (chinese_counting(100), chinese_counting(120)) == ("一百", "一百二十")


def test_text_boxes_are_read_once_in_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于推进示范区建设的实施意见")
    anchor = document.add_paragraph()

    def box(text):
        return f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    # As Word writes a shape: the DrawingML text box, and a VML copy of it for old readers.
    anchor._p.append(parse_xml(
        f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box("一、总体要求")}'
        f'</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box("一、总体要求")}</v:textbox>'
        f'</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    document.add_paragraph("（一）指导思想。坚持稳中求进。")
    document.save(tmp_path / "pdf2word.docx")
    lines = [line for line in read_policy_text(tmp_path / "pdf2word.docx").splitlines() if line]
    assert lines == ["关于推进示范区建设的实施意见", "一、总体要求", "（一）指导思想。坚持稳中求进。"]


@pytest.mark.parametrize(("name", "advice"), [
    ("意见.doc", "另存为 .docx（Word 文档）或 PDF"),
    ("意见.wps", "在 WPS 中打开"),
    ("意见.ofd", "OFD 阅读器"),
    ("意见.odt", "另存为 .docx（Word 文档）或 PDF"),
    ("意见.rtf", "在 Word 或 WPS 中打开"),
])
def test_formats_we_cannot_read_say_how_to_get_a_docx_or_pdf(tmp_path, name, advice):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserError) as raised:
        read_policy_text(path)
    assert name in raised.value.message and advice in raised.value.message


def test_hidden_text_is_not_read(tmp_path):
    # A drafter's note formatted as hidden (字体 → 隐藏): Word neither shows nor prints it.
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:t>（三）加快产业升级。</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:rPr><w:vanish/></w:rPr><w:t>【内部备注：此处待定】</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>培育龙头企业。</w:t></w:r>'))
    document.save(tmp_path / "隐藏.docx")
    assert read_policy_text(tmp_path / "隐藏.docx") == "（三）加快产业升级。培育龙头企业。"


def test_an_old_word_file_renamed_to_docx_is_told_as_such(tmp_path):
    path = tmp_path / "意见.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserError, match="“意见.docx”其实是旧版 Word"):
        read_policy_text(path)


def test_tracked_changes_read_as_accepted_and_hyperlinks_keep_their_text(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:ins {NS} w:id="1" w:author="a"><w:r><w:t>（一）指导思想。</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {NS} w:id="2" w:author="a"><w:r><w:delText>删去的话。</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:moveFrom {NS} w:id="3" w:author="a"><w:r><w:t>移走的话。</w:t></w:r></w:moveFrom>'))
    paragraph._p.append(parse_xml(f'<w:hyperlink {NS}><w:r><w:t>见附件。</w:t></w:r></w:hyperlink>'))
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:br w:type="page"/><w:t>坚持稳中求进。</w:t></w:r>'))
    document.save(tmp_path / "修订.docx")
    assert read_policy_text(tmp_path / "修订.docx") == "（一）指导思想。见附件。坚持稳中求进。"
