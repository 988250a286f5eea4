"""Writing a .docx from the official template: styled paragraphs, fast tables, landscape sections, safe saving.

python-docx is imported inside the functions that need it, so the app starts without it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain.chinese_dates import chinese_date
from planner.domain.outside_text import one_line
from planner.domain.title_lines import break_title
from planner.errors import UserError
from planner.exchange import docx_styles as look
from planner.exchange.atomic_file import write_atomically

__all__ = ["MAX_NAME_LENGTH", "Column", "OfficialDocx", "ProgressCallback", "TableWriter", "chinese_date",
           "report_progress", "save_atomically"]

ProgressCallback = Callable[[int, int], None]  # (done, total)


# The longest file name a folder holds: 255 UTF-16 units on Windows (NTFS), 255 bytes elsewhere.
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class Column:
    """One column of a table: header text, width in millimetres, cell alignment."""

    header: str
    width_mm: float
    align: str = "left"  # left | center

    @property
    def text_width_pt(self) -> float:
        """The width text may take inside a cell: the column less its two cell margins."""
        return (self.width_mm - 2 * look.CELL_MARGIN_MM) * 72 / 25.4


class OfficialDocx:
    """A document opened from the template with its sample body removed, written into by style name."""

    def __init__(self, template: Path, *, table_font_size: float = look.SIZE_SMALL_4):
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        template = Path(template)
        if not template.is_file():
            raise UserError(f"找不到 Word 模板“{template}”，请检查程序安装目录下的 templates 文件夹。")
        try:
            self.document = docx.Document(str(template))
        except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
            raise UserError(f"Word 模板“{template.name}”无法读取（{error}），请恢复或重新生成模板。") from error
        body = self.document.element.body
        for child in list(body):
            if child.tag != _qn("w:sectPr"):
                body.remove(child)
        self._sentinel = body.get_or_add_sectPr()  # always the last child: new blocks go before it
        self._style_ids = {}
        self._paragraphs = {}
        for spec in look.STYLES:
            try:
                self._style_ids[spec.name] = self.document.styles[spec.name].style_id
            except KeyError as error:
                raise UserError(f"Word 模板“{template.name}”缺少样式“{spec.name}”，请重新生成模板。") from error
        from docx.shared import Pt

        for name in (look.TABLE_TEXT, look.TABLE_HEADER, look.TABLE_GROUP):
            self.document.styles[name].font.size = Pt(table_font_size)

    def paragraph(self, text: str, style: str):
        """Append a paragraph in ``style`` at the end of the body, in O(1); return its w:p.

        The text is put on one line, without control characters: a line break
        inside a justified line would stretch it across the page, and XML cannot
        hold most controls. Split text into paragraphs before (outside_text.paragraphs).

        Document.add_paragraph searches the body for its sectPr on every call,
        and python-docx builds each element through slow Python descriptors, so
        a prototype paragraph per style is copied instead (lxml copies in C).
        """
        prototype = self._paragraphs.get(style)
        if prototype is None:
            prototype = self._paragraphs[style] = _prototype_paragraph(self._style_ids[style])
        p = copy.deepcopy(prototype)
        _fill(p, one_line(text))
        self._sentinel.addprevious(p)
        return p

    def title(self, text: str, style: str = look.TITLE, *, new_page: bool = False) -> tuple[str, ...]:
        """Append a centred title broken into lines at its joints (title_lines); return the lines.

        The lines are one paragraph with line breaks: the title is centred, so no
        line is stretched, and its space after comes once. ``new_page``: the title
        starts a new page (page break before it, no empty line left at the top).
        """
        lines = break_title(text)
        p = self.paragraph(lines[0] if lines else "", style)
        if new_page:
            _set_ppr(p, _element("w:pageBreakBefore"))
        for line in lines[1:]:
            run = copy.deepcopy(p.find(_qn("w:r")))
            run.find(_qn("w:t")).text = line
            run.insert(0, _element("w:br"))
            p.append(run)
        return lines

    def addressee(self, text: str):
        """主送机关: flush left (顶格), ending in a full-width colon (GB/T 9704-2012 7.3.2)."""
        p = self.paragraph(one_line(text).strip().rstrip("：:") + "：", look.BODY)
        _indent(p, 0)
        return p

    def keep_with_next(self, p):
        """Keep paragraph ``p`` on the page of the one after it (a closing with its 署名); return it."""
        if p.find(_qn("w:pPr")).find(_qn("w:keepNext")) is None:
            _set_ppr(p, _element("w:keepNext"))
        return p

    def caption(self, text: str):
        """A table's caption above it: centred, in the table header's 黑体, kept with the table."""
        return self.keep_with_next(self.paragraph(text, look.TABLE_HEADER))

    def picture(self, png: bytes, width_mm: float):
        """A centred picture (PNG bytes) ``width_mm`` wide, at most the type area's width, on its own line.

        Raises:
            UserError: the bytes are no picture python-docx can read.
        """
        import io

        from docx.image.exceptions import UnrecognizedImageError
        from docx.shared import Mm
        from docx.text.paragraph import Paragraph

        p = self.paragraph("", look.TABLE_TEXT)
        paragraph = Paragraph(p, self.document._body)
        paragraph.alignment = _alignment("center")
        try:
            paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(min(width_mm, self.text_width_mm())))
        except (UnrecognizedImageError, ValueError, OSError) as error:
            raise UserError(f"图表图片无法插入 Word 文档（{error}）。") from error
        return p

    def signature(self, issuer: str, date: dt.date | None) -> None:
        """署名 and 成文日期 as GB/T 9704-2012 7.3.5.2 places them in a document without a seal.

        One blank line below the body (or the 附件说明); the issuer two characters in
        from the right; the date on the next line, its first character two characters
        right of the issuer's first — unless the date is the longer, then the date sits
        two characters in from the right and the issuer two characters left of it.
        Each line is left-aligned at an indent worked out from the measured text, so
        the first characters line up exactly.
        """
        issuer, text = one_line(issuer).strip(), chinese_date(date) if date else ""
        if not (issuer or text):
            return
        self.keep_with_next(self.paragraph("", look.BODY))
        width = self.text_width_mm() * 72 / 25.4
        char = look.SIZE_3 + look.BODY_CHAR_SPACING_PT
        issuer_width, date_width = look.body_width_pt(issuer), look.body_width_pt(text)
        if date_width > issuer_width:
            date_left = width - 2 * char - date_width
            issuer_left = date_left - 2 * char
        else:
            issuer_left = width - 2 * char - issuer_width
            date_left = issuer_left + 2 * char
        lines = [(line, left) for line, left in ((issuer, issuer_left), (text, date_left)) if line]
        for number, (line, left) in enumerate(lines, start=1):
            p = self.paragraph(line, look.SIGNATURE)
            _indent(p, max(left, 0))
            if number < len(lines):  # the 成文日期 never starts a page without its 署名
                self.keep_with_next(p)

    def describe(self, *, title: str, author: str, now: dt.datetime) -> None:
        """Set the file's properties to this document's own; nothing of the template's is kept.

        Title and author (the office) as given, created and modified ``now``,
        comment, subject, keywords and category empty, revision 1, and no thumbnail.
        """
        properties = self.document.core_properties
        properties.title = one_line(title)
        properties.author = properties.last_modified_by = one_line(author)
        properties.created = properties.modified = now.replace(microsecond=0, tzinfo=None)
        for field in ("comments", "subject", "keywords", "category", "content_status", "identifier", "version"):
            setattr(properties, field, "")
        properties.revision = 1
        package = self.document.part.package
        for key, relationship in list(package.rels.items()):
            if relationship.reltype.endswith("/metadata/thumbnail"):
                del package.rels[key]

    def table(self, columns: Sequence[Column]) -> TableWriter:
        """Append a table whose first row is a header repeated on every page."""
        return TableWriter(self, columns)

    def landscape_section(self) -> None:
        """Start a new page in landscape; page numbers run on from the previous section."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        previous = self.document.sections[-1]
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = previous.page_height, previous.page_width
        numbering = section._sectPr.find(_qn("w:pgNumType"))
        if numbering is not None and numbering.get(_qn("w:start")) is not None:
            del numbering.attrib[_qn("w:start")]

    def text_height_mm(self) -> float:
        section = self.document.sections[-1]
        return (section.page_height - section.top_margin - section.bottom_margin) / 36000

    def text_width_mm(self) -> float:
        section = self.document.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 36000

    def save(self, path: Path) -> None:
        save_atomically(self.document, Path(path))


class TableWriter:
    """Rows appended at the end, each row's cells taken once (table.cell(r, c) rebuilds the grid per call)."""

    def __init__(self, owner: OfficialDocx, columns: Sequence[Column]):
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Mm

        self._owner = owner
        self._columns = tuple(columns)
        self.table = owner.document.add_table(rows=0, cols=len(columns))
        styles = owner.document.styles
        if look.TABLE_STYLE in [style.name for style in styles]:
            self.table.style = styles[look.TABLE_STYLE]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        margin = str(round(look.CELL_MARGIN_MM * 72 / 25.4 * 20))
        margins = _element("w:tblCellMar")
        for side in ("left", "right"):
            margins.append(_element(f"w:{side}", w=margin, type="dxa"))
        self.table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                                    "w:tblPrChange")
        for grid_column, column in zip(self.table.columns, self._columns, strict=True):
            grid_column.width = Mm(column.width_mm)
        self._width = sum(Mm(column.width_mm) for column in self._columns)
        self._rows = {}
        header = self.row([column.header for column in self._columns], style=look.TABLE_HEADER, center=True)
        header.get_or_add_trPr().append(_element("w:tblHeader"))

    def row(self, texts: Sequence[str | Sequence[str]], *, style: str = look.TABLE_TEXT, center: bool = False,
            can_split: bool = False):
        """Append a row of cell texts; columns marked center (and ``center``) are centred.

        A cell given a sequence of strings gets one paragraph each (a list of
        units packed into lines that keep every name whole). Cells are centred
        vertically; a data row may break across pages, so a row taller than a
        page is continued rather than cut off in Word.

        ``can_split`` lets the row break across pages: for a row taller than a
        page, which Word would otherwise cut off; other rows are kept whole.

        The first row of each kind is built through python-docx (each row's cells
        taken once); later rows copy it and only replace the texts.
        """
        key = (style, center, can_split)
        prototype = self._rows.get(key)
        if prototype is None:
            prototype = self._rows[key] = self._prototype_row(style, center, can_split)
        tr = copy.deepcopy(prototype)
        for tc, text in zip(tr.iterchildren(_qn("w:tc")), texts, strict=True):
            p = tc.find(_qn("w:p"))
            if isinstance(text, str):
                _fill(p, one_line(text))
                continue
            lines = [one_line(line) for line in text] or [""]
            for line in lines[1:]:
                extra = copy.deepcopy(p)
                _fill(extra, line)
                tc.append(extra)
            _fill(p, lines[0])
        self.table._tbl.append(tr)
        return tr

    def keep_last_row_with_next(self) -> None:
        """Keep the last row on the page of the paragraph after the table (a 署名 never alone on a page)."""
        rows = self.table._tbl.findall(_qn("w:tr"))
        if len(rows) > 1:
            for p in rows[-1].iter(_qn("w:p")):
                self._owner.keep_with_next(p)

    def _prototype_row(self, style: str, center: bool, can_split: bool):
        row = self.table.add_row()
        if not can_split:
            row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        style_id = self._owner._style_ids[style]
        for cell, column in zip(row.cells, self._columns, strict=True):
            cell._tc.get_or_add_tcPr().append(_element("w:vAlign", val="center"))
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = style_id
            if center or column.align == "center":
                paragraph.alignment = _alignment("center")
            _add_text_run(paragraph._p)
        self.table._tbl.remove(row._tr)
        return row._tr

    def group_row(self, text: str):
        """A row spanning every column, e.g. a chapter heading inside the table."""
        row = self.table.add_row()
        cells = row._tr.tc_lst
        cells[0].grid_span = len(self._columns)
        cells[0].width = self._width
        cells[0].get_or_add_tcPr().append(_element("w:vAlign", val="center"))
        for extra in cells[1:]:
            row._tr.remove(extra)
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        from docx.table import _Cell

        paragraph = _Cell(cells[0], self.table).paragraphs[0]
        paragraph._p.get_or_add_pPr().style = self._owner._style_ids[look.TABLE_GROUP]
        paragraph.add_run(one_line(text))
        return row


def save_atomically(document, path: Path) -> None:
    """Save beside ``path`` under a temporary name, then rename it into place.

    Raises:
        UserError: the name is too long for the folder, the target is read-only (it is
            never replaced behind the user's back), it is open in Word (PermissionError),
            or the folder cannot be written.
    """
    if _name_length(path.name) > MAX_NAME_LENGTH:
        raise UserError(f"文件名过长（{len(path.name)} 个字符），系统无法保存，请缩短文件名后重试：{path.name[:30]}…")
    if path.exists() and not _writable(path):
        raise UserError(f"“{path.name}”是只读文件，未被覆盖。请另选文件名，或先在文件属性中取消“只读”后重试。")
    write_atomically(path, document.save, locked_message=(
        f"无法写入“{path.name}”：该文件可能正在 Word 或其他程序中打开，请关闭该文件后重试，或换一个文件名保存。"))


def report_progress(progress: ProgressCallback | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _prototype_paragraph(style_id: str):
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    p.get_or_add_pPr().style = style_id
    _add_text_run(p)
    return p


def _add_text_run(p) -> None:
    """An empty run with a space-preserving w:t for _fill to set."""
    from docx.text.paragraph import Paragraph

    Paragraph(p, None).add_run(" ")


def _fill(p, text: str) -> None:
    """Set the text of a prototype's copy (already on one line, without controls) straight into its w:t."""
    run = p.find(_qn("w:r"))
    if text:
        run.find(_qn("w:t")).text = text
    else:
        p.remove(run)


def _indent(p, left_pt: float) -> None:
    """Left-align ``p`` at ``left_pt`` points, with no first-line or right indent of its style."""
    ppr = p.find(_qn("w:pPr"))
    ind = _element("w:ind", left=str(round(left_pt * 20)), firstLine="0", firstLineChars="0", right="0",
                   rightChars="0")
    ppr.insert_element_before(ind, "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# The children of w:pPr in the order the schema wants them (ECMA-376 CT_PPrBase, then CT_PPr's own).
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_ppr(p, element) -> None:
    """Put a paragraph property (pageBreakBefore, keepNext …) where the schema's order wants it."""
    tag = element.tag.rpartition("}")[2]
    later = _PPR_ORDER[_PPR_ORDER.index(f"w:{tag}") + 1:]
    p.find(_qn("w:pPr")).insert_element_before(element, *later)


def _name_length(name: str) -> int:
    import os

    return len(name.encode("utf-16-le")) // 2 if os.name == "nt" else len(name.encode("utf-8"))


def _writable(path: Path) -> bool:
    """Whether the existing file may be replaced: not marked read-only (Windows attribute or mode bits)."""
    import os
    import stat

    mode = path.stat()
    if getattr(mode, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_READONLY", 0):
        return False
    return os.access(path, os.W_OK) and bool(mode.st_mode & stat.S_IWUSR)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement

    return OxmlElement(tag, {_qn(f"w:{name}"): value for name, value in attributes.items()})


def _alignment(name: str):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[name]
