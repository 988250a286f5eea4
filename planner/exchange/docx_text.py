"""The text of a .docx in reading order: paragraphs with their list labels, tables, text boxes."""

from __future__ import annotations

from planner.exchange.docx_numbering import W, ListNumbering

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Inside a paragraph: parts that are not its visible text.
_SKIPPED = {W + "pPr", W + "rPr", W + "del", W + "delText", W + "moveFrom", W + "instrText", W + "fldData",
            MC + "Fallback"}  # mc:Fallback repeats the mc:Choice shape as VML: read it once


def docx_lines(document) -> tuple[list[str], list[str]]:
    """The lines of a python-docx Document and the warnings met while reading it.

    Each paragraph is one line (a manual line break starts a new one), led by the list label
    Word draws from numbering.xml; a table is read row by row, cell by cell; the paragraphs of
    a text box (w:txbxContent, as PDF-to-Word converters produce) follow the paragraph that
    anchors it.
    """
    numbering = ListNumbering(_numbering_root(document), _styles_root(document))
    lines: list[str] = []
    _blocks(document.element.body, numbering, lines)
    return lines, numbering.warnings


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _styles_root(document):
    try:
        return document.part.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _blocks(container, numbering: ListNumbering, lines: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag == W + "p":
            _paragraph(child, numbering, lines)
        elif tag == W + "tbl":
            for row in child.findall(W + "tr"):
                for cell in row.findall(W + "tc"):
                    _blocks(cell, numbering, lines)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", MC + "AlternateContent", MC + "Choice"):
            _blocks(child, numbering, lines)


def _paragraph(paragraph, numbering: ListNumbering, lines: list[str]) -> None:
    parts: list[str] = []
    boxes: list = []
    _runs(paragraph, parts, boxes)
    lines.extend((numbering.label(paragraph) + "".join(parts)).split("\n"))
    for box in boxes:
        _blocks(box, numbering, lines)


def _runs(element, parts: list[str], boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or (tag == W + "r" and _hidden(child)):
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag == W + "cr" or (tag == W + "br" and child.get(W + "type", "textWrapping") == "textWrapping"):
            parts.append("\n")  # as python-docx: a page or column break is no line of text
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        else:
            _runs(child, parts, boxes)


def _hidden(run) -> bool:
    # Hidden text (字体 → 隐藏, w:vanish; ECMA-376 17.3.2.41) is a drafter's note Word does not
    # show or print: not part of the document.
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in {"false", "0", "off"}
