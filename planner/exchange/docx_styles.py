"""The official-document (GB/T 9704-2012) look as data: style names, fonts, sizes, margins."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.text_width import text_em

# Chinese font sizes (字号) in points.
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_SMALL_4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号

# 225 mm of type area over 22 lines.
LINE_SPACING_PT = 28.9
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# 28 characters of 3号 need 448 pt; the 156 mm type area is 442.2 pt. Body text is
# condensed by 0.3 pt a character (pitch 15.7 pt: 28 fit, 29 do not). See
# templates/build_template.py for why this and not Word's character grid.
BODY_CHAR_SPACING_PT = -0.3

# A4 and the margins GB/T 9704 gives (天头 37 mm, 订口 28 mm …), in millimetres.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# Where the official fonts are missing (a Windows machine without the GB2312
# fonts installed), Word substitutes the w:altName named in fontTable.xml.
FONT_FALLBACKS = {
    "方正小标宋简体": "宋体",  # SimSun
    "仿宋_GB2312": "仿宋",  # FangSong
    "楷体_GB2312": "楷体",  # KaiTi
    "黑体": "SimHei",
    "宋体": "SimSun",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
}


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style of the template."""

    name: str
    style_id: str
    font: str
    size: float
    bold: bool = False
    align: str = "justify"  # left | center | right | justify
    first_line_chars: int = 2  # first-line indent in characters of the style's size
    right_chars: int = 0  # right indent in characters (成文日期 右空四字)
    exact_spacing: float | None = LINE_SPACING_PT  # None: single line spacing
    outline_level: int | None = None  # 0 = level 1 in Word's navigation pane
    keep_with_next: bool = False
    space_after_lines: float = 0.0  # in lines of LINE_SPACING_PT
    char_spacing: float = 0.0  # points added after every character (negative: condensed)


TITLE = "公文标题"
BODY = "公文正文"
HEADING_1 = "一级标题"  # 一、
HEADING_2 = "二级标题"  # （一）
HEADING_3 = "三级标题"  # 1.
SIGNATURE = "公文落款"
ATTACHMENT_LABEL = "附件标识"
ATTACHMENT_TITLE = "附件标题"
TABLE_TEXT = "表格文字"
TABLE_HEADER = "表格表头"
TABLE_GROUP = "表格分组"
PAGE_NUMBER = "公文页码"

STYLES = (
    StyleSpec(TITLE, "OfficialTitle", "方正小标宋简体", SIZE_2, align="center", first_line_chars=0,
              exact_spacing=36.0, space_after_lines=1),
    StyleSpec(BODY, "OfficialBody", "仿宋_GB2312", SIZE_3, char_spacing=BODY_CHAR_SPACING_PT),
    StyleSpec(HEADING_1, "OfficialHeading1", "黑体", SIZE_3, outline_level=0, keep_with_next=True,
              char_spacing=BODY_CHAR_SPACING_PT),
    StyleSpec(HEADING_2, "OfficialHeading2", "楷体_GB2312", SIZE_3, outline_level=1, keep_with_next=True,
              char_spacing=BODY_CHAR_SPACING_PT),
    StyleSpec(HEADING_3, "OfficialHeading3", "仿宋_GB2312", SIZE_3, bold=True, outline_level=2,
              keep_with_next=True, char_spacing=BODY_CHAR_SPACING_PT),
    # 署名 and 成文日期: each line's left indent is worked out from its text (GB/T 9704 7.3.5).
    StyleSpec(SIGNATURE, "OfficialSignature", "仿宋_GB2312", SIZE_3, align="left", first_line_chars=0,
              char_spacing=BODY_CHAR_SPACING_PT),
    StyleSpec(ATTACHMENT_LABEL, "AttachmentLabel", "黑体", SIZE_3, align="left", first_line_chars=0,
              char_spacing=BODY_CHAR_SPACING_PT),
    StyleSpec(ATTACHMENT_TITLE, "AttachmentTitle", "方正小标宋简体", SIZE_2, align="center",
              first_line_chars=0, exact_spacing=36.0, space_after_lines=0.5),
    StyleSpec(TABLE_TEXT, "TableText", "仿宋_GB2312", SIZE_SMALL_4, align="left", first_line_chars=0,
              exact_spacing=None),
    StyleSpec(TABLE_HEADER, "TableHeader", "黑体", SIZE_SMALL_4, align="center", first_line_chars=0,
              exact_spacing=None),
    StyleSpec(TABLE_GROUP, "TableGroup", "黑体", SIZE_SMALL_4, align="left", first_line_chars=0,
              exact_spacing=None, keep_with_next=True),
    StyleSpec(PAGE_NUMBER, "PageNumber", "宋体", SIZE_4, align="right", first_line_chars=0, exact_spacing=None),
)

TABLE_STYLE = "Table Grid"
# Left and right cell margins of every table, in millimetres (Word's default is 1.9):
# narrower, so a unit name or a date fits the column the widths are measured for.
CELL_MARGIN_MM = 1.4


def body_width_pt(text: str, size: float = SIZE_3, spacing: float = BODY_CHAR_SPACING_PT) -> float:
    """How wide ``text`` prints on one line of a style of ``size`` with ``spacing`` after each character."""
    return text_em(text) * size + spacing * len(text)  # single borders, in python-docx's and Word's default styles
