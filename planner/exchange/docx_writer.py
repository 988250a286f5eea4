"""Writing a .docx from the official template: styled paragraphs, fast tables, landscape sections, safe saving.

python-docx is imported inside the functions that need it, so the app starts without it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.errors import UserError
from planner.exchange import docx_styles as look
from planner.exchange.atomic_file import write_atomically

ProgressCallback = Callable[[int, int], None]  # (done, total)


def chinese_date(date: dt.date) -> str:
    """A date as official documents write it: 2026年11月30日."""
    return f"{date.year}年{date.month}月{date.day}日"


@dataclass(frozen=True)
class Column:
    """One column of a table: header text, width in millimetres, cell alignment."""

    header: str
    width_mm: float
    align: str = "left"  # left | center


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

    def paragraph(self, text: str, style: str) -> None:
        """Append a paragraph in ``style`` at the end of the body, in O(1).

        Document.add_paragraph searches the body for its sectPr on every call,
        and python-docx builds each element through slow Python descriptors, so
        a prototype paragraph per style is copied instead (lxml copies in C).
        """
        prototype = self._paragraphs.get(style)
        if prototype is None:
            prototype = self._paragraphs[style] = _prototype_paragraph(self._style_ids[style])
        p = copy.deepcopy(prototype)
        _fill(p, text)
        self._sentinel.addprevious(p)

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
        for grid_column, column in zip(self.table.columns, self._columns, strict=True):
            grid_column.width = Mm(column.width_mm)
        self._width = sum(Mm(column.width_mm) for column in self._columns)
        self._rows = {}
        header = self.row([column.header for column in self._columns], style=look.TABLE_HEADER, center=True)
        header.trPr.append(_element("w:tblHeader"))

    def row(self, texts: Sequence[str], *, style: str = look.TABLE_TEXT, center: bool = False):
        """Append a row of cell texts; columns marked center (and ``center``) are centred.

        The first row of each kind is built through python-docx (each row's cells
        taken once); later rows copy it and only replace the texts.
        """
        key = (style, center)
        prototype = self._rows.get(key)
        if prototype is None:
            prototype = self._rows[key] = self._prototype_row(style, center)
        tr = copy.deepcopy(prototype)
        for p, text in zip(tr.iter(_qn("w:p")), texts, strict=True):
            _fill(p, text)
        self.table._tbl.append(tr)
        return tr

    def _prototype_row(self, style: str, center: bool):
        row = self.table.add_row()
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        style_id = self._owner._style_ids[style]
        for cell, column in zip(row.cells, self._columns, strict=True):
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
        for extra in cells[1:]:
            row._tr.remove(extra)
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        from docx.table import _Cell

        paragraph = _Cell(cells[0], self.table).paragraphs[0]
        paragraph._p.get_or_add_pPr().style = self._owner._style_ids[look.TABLE_GROUP]
        paragraph.add_run(text)
        return row


def save_atomically(document, path: Path) -> None:
    """Save beside ``path`` under a temporary name, then rename it into place.

    Raises:
        UserError: the target is open in Word (PermissionError), or the folder cannot be written.
    """
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
    """Set the text of a prototype's copy: straight into its w:t, or through python-docx for breaks and tabs."""
    run = p.find(_qn("w:r"))
    if "\n" in text or "\t" in text or "\r" in text:
        from docx.text.paragraph import Paragraph

        p.remove(run)
        Paragraph(p, None).add_run(text)  # turns \n into w:br and \t into w:tab
    elif text:
        run.find(_qn("w:t")).text = text
    else:
        p.remove(run)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str):
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def _alignment(name: str):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[name]
