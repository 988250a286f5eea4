"""Build templates/official.docx: the GB/T 9704-2012 look as named styles, for Word export.

Run from the repository root: python templates/build_template.py [OUT.docx]
The exporter only uses the styles and the section set up here (page size,
margins, page numbers), so an office can change the look — or put a
letterhead in the header — by editing official.docx in Word. Its body is a
sample of every style; the exporter replaces the body with the plan.

28 characters × 22 lines (GB/T 9704-2012 5.2.2). The 22 lines come from an exact
line spacing of 28.9 pt (225 mm of type area / 22), which Word, WPS and LibreOffice
all honour. The 28 characters are the hard part: at 3号 (16 pt) they need 448 pt and
the type area (210 − 28 − 26 = 156 mm) is 442.2 pt. Word offices usually squeeze
the pitch with a character grid (docGrid type="linesAndChars" and a negative
charSpace), but LibreOffice 7.4 — the only renderer on the build machine — lays
such a grid out at 14 characters a line, and a lines-only grid (type="lines")
makes it snap every table line to 28.9 pt too, so the 分工表 doubles in length.
So the section keeps Word's default "no grid", and the body styles (正文, the
three heading levels, 落款, 附件标识) condense every character by 0.3 pt instead
(w:spacing w:val="-6", in twentieths of a point): a pitch of 15.7 pt, so 28
characters take 439.6 pt and a 29th does not fit; the first line, indented two
characters (32 pt), holds 26. Character spacing is plain run formatting that Word,
WPS and LibreOffice apply alike; settings.xml keeps characterSpacingControl
doNotCompress, so no application squeezes punctuation on its own. The rendered
PDF is checked in tests/exchange/test_docx_pdf.py.

Nothing of the template's own should reach an exported file: it has no
thumbnail and no preview picture is saved; the exporter replaces its document
properties (title, comment, author, dates).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from planner.exchange import docx_styles as look  # noqa: E402

OUT = Path(__file__).resolve().parent / "official.docx"

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
EM_DASH = "\u2014"


def set_fonts(rpr, font: str) -> None:
    """Name ``font`` for East-Asian and Latin text alike; drop theme fonts that would override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def set_defaults(document) -> None:
    """Document defaults: body font and size, Chinese language, no spacing after paragraphs."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, "仿宋_GB2312")
    for tag in ("w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{int(look.SIZE_3 * 2)}"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{int(look.SIZE_3 * 2)}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    normal = document.styles["Normal"]
    normal.font.size = Pt(look.SIZE_3)
    set_fonts(normal.element.get_or_add_rPr(), "仿宋_GB2312")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def add_style(document, spec: look.StyleSpec) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(spec.size)
    style.font.bold = spec.bold
    set_fonts(style.element.get_or_add_rPr(), spec.font)
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.align]
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(look.LINE_SPACING_PT * spec.space_after_lines)
    if spec.exact_spacing:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.exact_spacing)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = False  # official documents fill every line of the type area
    ppr = style.element.get_or_add_pPr()
    if spec.first_line_chars:
        fmt.first_line_indent = Pt(spec.size * spec.first_line_chars)
        # Word measures firstLineChars in hundredths of a character and prefers it.
        ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
    if spec.right_chars:
        fmt.right_indent = Pt(spec.size * spec.right_chars)
        ppr.find(qn("w:ind")).set(qn("w:rightChars"), str(spec.right_chars * 100))
    if spec.char_spacing:
        # Schema order matters to Word: w:spacing comes before w:sz.
        style.element.get_or_add_rPr().insert_element_before(
            parse_xml(f'<w:spacing {nsdecls("w")} w:val="{round(spec.char_spacing * 20)}"/>'),
            "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
            "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout")
    if spec.outline_level is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{spec.outline_level}"/>'))


def set_up_section(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(look.PAGE_WIDTH_MM)
    section.page_height = Mm(look.PAGE_HEIGHT_MM)
    section.top_margin = Mm(look.MARGINS_MM["top"])
    section.bottom_margin = Mm(look.MARGINS_MM["bottom"])
    section.left_margin = Mm(look.MARGINS_MM["left"])
    section.right_margin = Mm(look.MARGINS_MM["right"])
    section.header_distance = Mm(15)
    # The dash line sits 7 mm below the type area (GB/T 9704 7.5): its top 28 mm above the edge.
    section.footer_distance = Mm(22)


def page_number(footer, *, odd: bool) -> None:
    """"— N —" in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
    paragraph = footer.paragraphs[0]
    paragraph.style = look.PAGE_NUMBER
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(look.SIZE_4)
    else:
        fmt.left_indent = Pt(look.SIZE_4)
    paragraph.add_run(f"{EM_DASH} ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
        elif text == " PAGE ":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
        else:
            run.text = text
    paragraph.add_run(f" {EM_DASH}")


def name_fallbacks(document) -> None:
    """fontTable.xml entries with w:altName, so Word substitutes sensibly where a font is missing."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) in look.FONT_FALLBACKS:
            table.remove(font)
    for name, alternative in look.FONT_FALLBACKS.items():
        family = "modern" if "仿宋" in name or "楷" in name else "auto"
        table.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_thumbnail(document) -> None:
    """No thumbnail (python-docx's default template carries one) and none saved by Word later."""
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RT.THUMBNAIL:
            del package.rels[key]
    settings = document.settings.element
    for preview in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(preview)


SAMPLE = (
    (look.TITLE, "××省贯彻落实《××××意见》实施方案"),
    (look.BODY, "为深入贯彻落实《××××意见》精神，结合我省实际，制定本实施方案。"),
    (look.HEADING_1, "一、总体要求"),
    (look.HEADING_2, "（一）指导思想"),
    (look.HEADING_3, "1.三级标题"),
    (look.BODY, "正文段落：3号仿宋_GB2312，固定行距约28.9磅，首行缩进2字符，两端对齐。"
                "（牵头单位：省发展改革委；配合单位：省财政厅；完成时限：2020年底前）"),
    (look.SIGNATURE, "××省发展和改革委员会"),
    (look.SIGNATURE, "2026年1月1日"),
    (look.ATTACHMENT_LABEL, "附件"),
    (look.ATTACHMENT_TITLE, "重点任务分工表"),
    (look.TABLE_HEADER, "表头：黑体小四"),
    (look.TABLE_GROUP, "分组行：黑体小四"),
    (look.TABLE_TEXT, "表格文字：仿宋_GB2312小四"),
)


def build(path: Path = OUT) -> Path:
    document = docx.Document()
    set_defaults(document)
    for spec in look.STYLES:
        add_style(document, spec)
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    set_up_section(section)
    page_number(section.footer, odd=True)
    page_number(section.even_page_footer, odd=False)
    name_fallbacks(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style, text in SAMPLE:
        document.add_paragraph(text, style=style)
    drop_thumbnail(document)
    properties = document.core_properties
    properties.title = "公文格式模板（GB/T 9704-2012）"
    properties.author = properties.last_modified_by = ""
    properties.comments = "由 templates/build_template.py 生成；可在 Word 中修改样式。"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    print(build(parser.parse_args().out))


if __name__ == "__main__":
    main()
