"""The policy-text parser: plain text (clean or extracted from PDF) to a Document outline.

Its steps each have a module: policy_paragraphs (lines to paragraphs), policy_header (above
the body), policy_body (chapters and items), policy_trailer (signature, 附件, 版记), on the
line shapes of policy_patterns. ``heading_of`` is part of this module's interface too.
"""

from __future__ import annotations

import re

from planner.domain.char_folding import fold_compatibility_characters
from planner.domain.invisible_characters import drop_invisible_characters
from planner.domain.letter_spacing import unspace_lines
from planner.domain.model import Document
from planner.domain.policy_body import find_body_start, parse_body
from planner.domain.policy_header import dayless_date_warnings, first_date, parse_header, take_notice_signature
from planner.domain.policy_paragraphs import lines_to_paragraphs
from planner.domain.policy_patterns import DATE_ONLY, DOC_NUMBER, ORGAN, RED_HEADER, ends_a_document, heading_of
from planner.domain.policy_trailer import split_trailer
from planner.domain.private_use import private_use_warnings
from planner.domain.web_page import is_page_line, strip_web_page
from planner.errors import UserError


def parse_policy(text: str, *, lines_are_paragraphs: bool = False) -> Document:
    """Parse a policy text into its outline, keeping every non-layout character.

    ``lines_are_paragraphs``: each line is a paragraph of its source (a Word file's paragraphs
    and table cells), so no line is joined to the next and no number line is taken for a page
    number. Otherwise (plain text, PDF text, pasted text) the parser decides from the text
    whether it is hard-wrapped.

    Raises:
        UserError: the text is empty or has neither 一、 chapters nor （一） items.
    """
    text, notes, page = _prepare(text)
    paragraphs = lines_to_paragraphs(text, lines_are_paragraphs=lines_are_paragraphs)
    if not paragraphs:
        raise UserError("文本是空的，没有可以识别的内容。")
    body_start = find_body_start(paragraphs)
    if body_start is None:
        raise UserError("未能识别文件结构：没有找到“一、”形式的部分标题，也没有找到“（一）”形式的条目。"
                        "请确认这是一份按“一、（一）”编号的政策文件。")
    header = parse_header(paragraphs[:body_start])
    notice_signature = take_notice_signature(header)
    body, trailer = split_trailer(paragraphs[body_start:])
    chapters, closing, warnings = parse_body(body)
    meta = page.metadata
    warnings += private_use_warnings(chapters, other_parts={
        "标题": [header.title], "正文前的段落": header.preamble, "结尾段落": closing, "附件": trailer.attachment})
    date = header.date or first_date(trailer.signature) or meta.written_on or first_date(notice_signature)
    if date is None:
        warnings += dayless_date_warnings(trailer.signature)
    return Document(
        title=header.title or meta.title, chapters=tuple(chapters), date=date, label=header.label,
        dateline=header.dateline, doc_number=header.doc_number or meta.doc_number, date_line=header.date_line,
        recipients=header.recipients, preamble=tuple(header.preamble), closing=tuple(closing),
        signature=tuple(notice_signature + trailer.signature), attachment=tuple(trailer.attachment),
        warnings=tuple(notes + warnings), header_line=header.red_header, issued_by=meta.issuer,
        published_on=meta.published_on, dropped=page.dropped)


def _prepare(text: str):
    """Drop invisible characters, fold compatibility characters, drop a web page's lines, undo letter spacing.

    Returns the text to parse, the notes for the user, and what the web page gave.
    """
    cleaned = drop_invisible_characters(text)
    text, radicals, full_width = fold_compatibility_characters(cleaned.text)
    notes = []
    if cleaned.dropped:
        notes.append(f"已去除 {cleaned.dropped} 个不可见字符（零宽空格、软连字符、控制字符等），它们不显示，却会使搜索找不到文字。")
    if radicals:
        notes.append(f"已将 {radicals} 个部首形式的字符（如 PDF 中的“⼀”“⼯”）转为常用汉字。")
    if full_width:
        notes.append(f"已将 {full_width} 个全角数字或字母转为半角。")
    lines = re.split(r"\r\n|[\r\n\v\u2028\u2029\x85]", text)
    page = strip_web_page(lines)
    if page.dropped:
        notes.append(f"已去除网页内容 {len(page.dropped)} 行（导航、工具栏、信息表、页脚等），未计入正文。")
    lines, spaced = unspace_lines(page.lines)
    if spaced:
        notes.append(f"已去除 {spaced} 行文字中的字符间距（PDF 加宽字距造成的空格）。")
    return "\n".join(lines), notes, page


def is_document_part(line: str, *, next_line: str = "") -> bool:
    """Whether ``line`` is a part of an official document that is not policy text.

    The 成文日期 line, (此件公开发布), 抄送 and 印发 lines, a 文号, the red header, a web
    page's lines, and an issuing organ standing above a date line (``next_line``) or alone at
    the very end of a text (GB/T 9704-2012 §7.3.5; gov.cn page layout).
    """
    line = line.strip()
    if ends_a_document(line) or DOC_NUMBER.match(line) or RED_HEADER.match(line) or is_page_line(line):
        return True
    return bool(ORGAN.match(line)) and (next_line == "" or bool(DATE_ONLY.match(next_line.strip())))
