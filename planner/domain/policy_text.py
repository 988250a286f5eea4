"""The policy-text parser: plain text (clean or extracted from PDF) to a Document outline."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from planner.domain.char_folding import fold_compatibility_characters
from planner.domain.chinese_dates import WRITTEN_DATE, WRITTEN_MONTH, YEAR_DIGITS, parse_written_date
from planner.domain.invisible_characters import drop_invisible_characters
from planner.domain.letter_spacing import unspace_lines
from planner.domain.model import Chapter, Document, Item
from planner.domain.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int, int_to_chinese
from planner.domain.private_use import private_use_warnings
from planner.domain.web_page import is_page_line, strip_web_page
from planner.errors import UserError

_N = CHINESE_NUMERAL_CHARS
_WS = " \t\u3000\u00a0\ufeff\u200b"

# Spaces inside the number (一 、, （ 一 ）) are tolerated: a heading left letter-spaced by a
# PDF must still be found, not silently read as text of the item above it.
# A full stop after the numeral (一．总体要求, 二.重点任务) is a common slip for 、; it is still a heading.
_CHAPTER = re.compile(rf"^([{_N}]{{1,3}}) ?(?:、|[．.](?!\d))\s*(.*)$")
_ITEM = re.compile(rf"^[（(] ?([{_N}]{{1,3}}) ?[）)]\s*(.*)$")
# 1. 2. (or 1．/1、) items: read as the items only in a text that has 一、 chapters and no （一） item.
_DECIMAL_ITEM = re.compile(r"^(\d{1,2}) ?(?:[.．、](?!\d))\s*(.+)$")
# Page numbers as PDF extraction leaves them: — 9 —, —9—, - 9 -, 第9页 are always
# page numbers; a bare 9 only where the layout says so (see _is_page_number).
_DECORATED_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$")
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_PAGE_BREAK = "\f"
# Lines that always begin a paragraph, even after a full-width line.
_PARAGRAPH_START = re.compile(
    rf"^(?:[{_N}]{{1,3}}、|[（(][{_N}]{{1,3}}[）)]|——|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|附件)")
# 附件, 附件2, 附件一：…, 附件 重点任务分工表, 附件1.… — but not 附件所列… inside a sentence.
_ATTACHMENT = re.compile(rf"^附件\s*[\d{_N}]{{0,3}}\s*(?:[:：.．、 ].{{0,80}})?$")
# A date line alone (the 成文日期 in any of the forms chinese_dates.WRITTEN_DATE knows), perhaps in brackets.
_DATE_ONLY = re.compile(rf"^[（(]?\s*({WRITTEN_DATE})\s*[）)]?$")
# The issuing organ and the date on one line, as a right-aligned signature often extracts.
_ORGAN_END = "(?:人民政府|政府|办公厅|办公室|委员会|党委|党组|厅|局|委|部|院|署|办)"
_DATED_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff（）() 、]{{1,40}}{_ORGAN_END} ?({WRITTEN_DATE})$")
# The 版记 at the foot of an official document (GB/T 9704-2012 §7.4): 抄送 and the 印发 line.
_DISTRIBUTION = re.compile(rf"^(?:抄送|抄报|分送)\s*[:：]|^.{{0,40}}[{YEAR_DIGITS}]{{4}}年.{{1,6}}日\s*印发$")
# The red header (版头) above the 文号: 某某人民政府办公厅文件.
_RED_HEADER = re.compile(r"^[\u4e00-\u9fff（）()、 ]{2,40}文件$")
# Above it (GB/T 9704-2012 §7.2.1–7.2.3): the copy number (份号), secrecy and urgency marks.
_HEADER_MARK = re.compile(r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.{0,12})?|特急|加急|特提|平急|急件)$")
_BRACKET_NOTE = re.compile(r"^[（(]此件.{1,20}[）)]$")
# The contact line a notice may carry under its date: （联系人：张三；联系电话：0371-12345678）.
_CONTACT_NOTE = re.compile(r"^[（(]?\s*(?:联系人|联系电话|联系方式|咨询电话)\s*[:：].{1,80}$")
# A signature's date without the day (2025年3月): it ends the document, but names no day.
_MONTH_ONLY = re.compile(rf"^[（(]?\s*{WRITTEN_MONTH}\s*[）)]?$")
_DATELINE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:社|报|网|台)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电")
# A 上行文 has its 签发人 on the 文号's line (GB/T 9704-2012 §7.2.6); a copy may give it a line of its own.
_SIGNER = r"签发人\s*[:：]\s*[\u4e00-\u9fff、 ]{2,20}"
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*[号號]"
                         rf"(?:\s*{_SIGNER})?$")
_SIGNER_LINE = re.compile(rf"^{_SIGNER}$")
_LABEL = re.compile(rf"^附件\s*[\d{_N}]{{0,3}}$")
_CLOSING = re.compile(r"^(?:本(?:意见|方案|实施方案|通知|办法|规定|细则|计划|决定)|各(?:地区|地|部门|省|市|级|有关)"
                      r"|请各|以上|此外，各)")
_SENTENCE_MARKS = "。，；："
_SENTENCE_ENDS = ("。", "；", "：", ":", "！", "？", "）", ")", "”")
_FULL_STOPS = ("。", "！", "？", "；", "”")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d"
_SPACE_BETWEEN_CJK_AND_ASCII = re.compile(rf"(?<=[{_CJK}])\s+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])\s+(?=[{_CJK}])")

MAX_TITLE_LINE = 40
MAX_HEADING = 30


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
    paragraphs = _paragraphs(text, lines_are_paragraphs=lines_are_paragraphs)
    if not paragraphs:
        raise UserError("文本是空的，没有可以识别的内容。")
    body_start = _find_body_start(paragraphs)
    if body_start is None:
        raise UserError("未能识别文件结构：没有找到“一、”形式的部分标题，也没有找到“（一）”形式的条目。"
                        "请确认这是一份按“一、（一）”编号的政策文件。")
    header = _parse_header(paragraphs[:body_start])
    notice_signature = _take_notice_signature(header)
    body, trailer = _split_trailer(paragraphs[body_start:])
    chapters, closing, warnings = _parse_body(body)
    meta = page.metadata
    warnings += private_use_warnings(chapters, other_parts={
        "标题": [header.title], "正文前的段落": header.preamble, "结尾段落": closing, "附件": trailer.attachment})
    date = header.date or _first_date(trailer.signature) or meta.written_on or _first_date(notice_signature)
    if date is None:
        warnings += _dayless_date_warnings(trailer.signature)
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


def heading_of(first_paragraph: str) -> str:
    """An item's heading: the whole line if it is only a title, else the short phrase before 。.

    Empty when the item opens with one long sentence.
    """
    text = first_paragraph.strip()
    if not any(mark in text.rstrip("。：:") for mark in _SENTENCE_MARKS) and len(text) <= MAX_TITLE_LINE:
        return text.rstrip("。：:")
    head, sep, _ = text.partition("。")
    if sep and len(head) <= MAX_HEADING and "，" not in head and "；" not in head:
        return head
    return ""


_ORGAN = re.compile(rf"^[\u4e00-\u9fff（）()、 ]{{1,40}}{_ORGAN_END}$")


def is_document_part(line: str, *, next_line: str = "") -> bool:
    """Whether ``line`` is a part of an official document that is not policy text.

    The 成文日期 line, (此件公开发布), 抄送 and 印发 lines, a 文号, the red header, a web
    page's lines, and an issuing organ standing above a date line (``next_line``) or alone at
    the very end of a text (GB/T 9704-2012 §7.3.5; gov.cn page layout).
    """
    line = line.strip()
    if (_DATE_ONLY.match(line) or _DATED_SIGNATURE.match(line) or _BRACKET_NOTE.match(line) or _DISTRIBUTION.match(line)
            or _DOC_NUMBER.match(line) or _RED_HEADER.match(line) or is_page_line(line)):
        return True
    return bool(_ORGAN.match(line)) and (next_line == "" or bool(_DATE_ONLY.match(next_line.strip())))


# --- lines to paragraphs -------------------------------------------------------------


def _clean_line(line: str) -> str:
    line = line.strip(_WS + "\r\n\f\v")
    line = re.sub(rf"[{_WS}]+", " ", line)
    return _SPACE_BETWEEN_CJK_AND_ASCII.sub("", line)


# Below U+2E80 but set a full cell wide by a Chinese font (GB/T 15834-2011 punctuation).
_FULL_WIDTH_MARKS = frozenset("“”‘’—…")


def _width(line: str) -> float:
    # Half-width characters take half a cell on a printed page.
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _FULL_WIDTH_MARKS else 1.0 for ch in line)


def _paragraphs(text: str, *, lines_are_paragraphs: bool = False) -> list[str]:
    """The text's paragraphs, layout removed.

    With ``lines_are_paragraphs`` every non-blank line is one paragraph, kept as it is. Otherwise
    hard-wrapped lines (PDF extraction) are rejoined when the text is wrapped (see _wrap_width),
    page numbers and form feeds are dropped, and a sentence a page break cut in two is made whole.
    """
    raw = re.split(r"\r\n|[\r\n\v\u2028\u2029\x85]", text.replace("\f", "\n\f\n"))
    tokens: list[str | None] = []  # None marks a blank line, _PAGE_BREAK a form feed
    for line in raw:
        cleaned = _clean_line(line)
        tokens.append(_PAGE_BREAK if line == "\f" else cleaned or None)
    if lines_are_paragraphs:
        return [token for token in tokens if token and token != _PAGE_BREAK]
    wrapped = _wrap_width([t for t in tokens if t and t != _PAGE_BREAK and not _BARE_NUMBER.match(t)])
    lines, after_furniture = _drop_page_furniture(tokens, wrapped is not None)
    wrap_width = wrapped
    if wrap_width is None:
        return _rejoin_page_breaks(lines, after_furniture)
    # When nearly every line is followed by a blank one, blanks are layout, not breaks.
    blanks_are_noise = _blank_gap_ratio(lines) >= 0.5
    paragraphs: list[str] = []
    current: list[str] = []  # the lines of the paragraph being rebuilt
    for line in lines:
        if line is None:
            if not blanks_are_noise and current:
                paragraphs.append(_join_lines(current))
                current = []
            continue
        if current and not _continues(current[-1], line, wrap_width):
            paragraphs.append(_join_lines(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(_join_lines(current))
    return paragraphs


def _drop_page_furniture(tokens: list[str | None], wrapped: bool) -> tuple[list[str | None], set[int]]:
    """Remove page numbers and form feeds, with the blank lines around them.

    A bare number is a page number when the text is hard-wrapped or the number
    stands alone between blank lines or page breaks; in clean text a line such
    as 2025 is content and stays.

    Returns the remaining tokens and the indexes (into them) of the tokens that
    directly follow removed furniture, i.e. the first line of a new page.
    """
    def blank(index: int) -> bool:
        return index < 0 or index >= len(tokens) or tokens[index] in (None, _PAGE_BREAK)

    furniture = set()
    for index, token in enumerate(tokens):
        if token == _PAGE_BREAK or (token and _DECORATED_PAGE_NUMBER.match(token)):
            furniture.add(index)
        elif token and _BARE_NUMBER.match(token) and (wrapped or (blank(index - 1) and blank(index + 1))):
            furniture.add(index)
    for index in sorted(furniture):
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(tokens) and tokens[neighbour] is None:
                furniture.add(neighbour)
                neighbour += step
    kept: list[str | None] = []
    after_furniture: set[int] = set()
    for index, token in enumerate(tokens):
        if index in furniture:
            continue
        if index > 0 and index - 1 in furniture:
            after_furniture.add(len(kept))
        kept.append(token)
    return kept, after_furniture


def _rejoin_page_breaks(lines: list[str | None], after_furniture: set[int]) -> list[str]:
    """The lines of a text that is not hard-wrapped, each a paragraph, except that a line cut off
    by a page break (it stops mid-sentence: 培育一批龙头 | — 2 — | 企业，…) goes on after it."""
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if line is None:
            continue
        if index in after_furniture and paragraphs and _cut_by_page_break(paragraphs[-1], line):
            paragraphs[-1] = _join_lines([paragraphs[-1], line])
        else:
            paragraphs.append(line)
    return paragraphs


def _cut_by_page_break(before: str, after: str) -> bool:
    """Whether ``before`` (the last line of a page) and ``after`` (the first of the next) are one
    sentence: ``before`` is running text that stops without a sentence end, ``after`` does not
    open a paragraph. A heading or title line (short, no sentence marks) never runs on."""
    return (not before.endswith(_SENTENCE_ENDS) and not _is_title_line(before)
            and not _PARAGRAPH_START.match(after) and not _DATE_ONLY.match(after))


def _continues(previous: str, line: str, wrap_width: float) -> bool:
    """Whether ``line`` carries on the paragraph whose last line is ``previous``."""
    if _width(previous) < wrap_width - 3:
        return False  # a short line ends its paragraph
    if _DATE_ONLY.match(line):
        return False
    if _PARAGRAPH_START.match(line) and not _cut_before_chapter_like(previous, line, wrap_width):
        return False
    # The lines above the body (GB/T 9704-2012 §7.2–7.3): a title, a 文号 and a 主送 line each
    # stand alone, though a title at 16 pt can fill the line (…实施意见 | 各市人民政府，…：).
    if _DOC_NUMBER.match(previous) or _DOC_NUMBER.match(line):
        return False
    if _ENDS_TITLE.search(previous) and not any(mark in previous for mark in _SENTENCE_MARKS):
        return False
    # A table row (its cells apart: 2 制定… 省发展改革委 2025年6月底前) or a 版记 line (抄送：…。)
    # is a line of its own however wide.
    if _is_table_row(previous) or _is_table_row(line) or _DISTRIBUTION.match(line):
        return False
    if _DISTRIBUTION.match(previous) and previous.endswith("。"):
        return False
    return not _DATE_ONLY.match(previous) and not _LABEL.match(previous)


def _cut_before_chapter_like(previous: str, line: str, wrap_width: float) -> bool:
    """A wrap inside a word that leaves 一、 at the line start (按照建设统 | 一、开放、竞争、有序的…):
    ``previous`` is running text cut after a Chinese character, and ``line`` a full line of
    running text; a chapter heading follows a paragraph's end, and is short or a line of its own."""
    running_text = any(mark in previous for mark in "，。；") and "\u4e00" <= previous[-1] <= "\u9fff"
    return running_text and bool(_CHAPTER.match(line)) and _width(line) >= wrap_width - 3 and "，" in line


# The end of a title naming itself (关于推进示范区建设的实施意见): nothing runs on after it.
_ENDS_TITLE = re.compile(r"关于.+的.{0,6}(?:意见|通知|方案|办法|规定|决定|规划|纲要|计划|细则|批复|通报|报告|函|措施"
                         r"|要点|条例|规则|指引|清单|通告|公告)$")
_CELL_GAP = re.compile(r"(?<=[\u3400-\u9fff）)]) (?=[\u3400-\u9fff（(])")


def _is_table_row(line: str) -> bool:
    """Two gaps at least between Chinese words: a row of cells (a single gap is 中共中央 国务院)."""
    return len(_CELL_GAP.findall(line)) >= 2


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # Chinese lines join without a space; only two Latin words need one.
        if text[-1].isascii() and text[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            text += " "
        text += line
    return text


def _wrap_width(lines: list[str]) -> float | None:
    """The printed line width when the text is hard-wrapped, else None.

    Hard-wrapped (a PDF's text layer): most lines have one width, the page's, cut mid-sentence,
    and hardly any line is longer. A text whose lines mostly end their sentence, or whose long
    lines do not share one width, is made of whole paragraphs and is not wrapped.
    """
    long_lines = [line for line in lines if _width(line) >= 8]
    widths = [_width(line) for line in long_lines]
    if len(widths) < 8:
        return None
    # One line per paragraph: most lines end a sentence; a hard wrap ends only a paragraph's last.
    if sum(1 for line in long_lines if line.endswith(_SENTENCE_ENDS)) > len(long_lines) / 2:
        return None
    counts = Counter(round(w) for w in widths)
    best_width, best_count, best_share = 0, 0, False
    for width in counts:
        if width > 60:
            continue  # no printed page holds more than ~40 Chinese characters a line
        in_window = sum(c for w, c in counts.items() if width - 3 <= w <= width + 1)
        # Half of the lines of text at least: lines under half the width are a paragraph's last,
        # or the 版头, 文号, signature and table rows that a short document at 16 pt is half made of.
        text_lines = sum(c for w, c in counts.items() if w >= width / 2)
        share = in_window >= max(6, 0.5 * text_lines)
        if (share, in_window, width) > (best_share, best_count, best_width):
            best_width, best_count, best_share = width, in_window, share
    if not best_share:
        return None
    # A wrap is the longest a line can be: beyond it only the odd title or table row. Short
    # paragraphs of a clean text may agree on a width, but then its long paragraphs run past it.
    if sum(1 for w in widths if w > best_width + 1) > best_count / 3:
        return None
    # Lines of a clean text can be of one length too (short items, one a line), but each ends
    # its sentence; a hard wrap cuts sentences anywhere.
    full = [line for line in lines if best_width - 3 <= _width(line) <= best_width + 1]
    if sum(1 for line in full if not line.endswith(_SENTENCE_ENDS)) < len(full) / 3:
        return None
    return float(best_width)


def _blank_gap_ratio(lines: list[str | None]) -> float:
    gaps = blank_gaps = 0
    previous_was_content = False
    seen_blank = False
    for line in lines:
        if line is None:
            seen_blank = True
            continue
        if previous_was_content:
            gaps += 1
            blank_gaps += seen_blank
        previous_was_content, seen_blank = True, False
    return blank_gaps / gaps if gaps else 0.0


# --- the header above the body --------------------------------------------------------


@dataclass
class _Header:
    title: str = ""
    label: str = ""
    dateline: str = ""
    doc_number: str = ""
    date_line: str = ""
    recipients: str = ""
    red_header: str = ""
    date: dt.date | None = None
    preamble: list[str] = field(default_factory=list)


def _parse_header(paragraphs: list[str]) -> _Header:
    header = _Header()
    title_lines: list[str] = []
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index]
        if not title_lines and not header.label and _LABEL.match(line):
            header.label = line
        elif not title_lines and not header.doc_number and (
                _HEADER_MARK.match(line) or (not header.red_header.endswith("文件") and _is_red_header(paragraphs, index))):
            header.red_header = "\n".join(filter(None, [header.red_header, line]))
        elif not header.dateline and _DATELINE.match(line):
            header.dateline = line
        elif not header.doc_number and _DOC_NUMBER.match(line):
            header.doc_number = line
        elif header.doc_number and not title_lines and "签发人" not in header.doc_number and _SIGNER_LINE.match(line):
            header.doc_number = f"{header.doc_number} {line}"  # as when both share the line
        elif not header.date_line and _DATE_ONLY.match(line):
            header.date_line = line
            header.date = _parse_date(line)
        elif title_lines and not header.recipients and _is_recipients(line):
            header.recipients = line
        elif not header.date_line and not header.recipients and (_is_title_line(line) or _is_long_title(line)):
            title_lines.append(line)
        else:
            break
        index += 1
    header.title = "".join(title_lines)
    header.preamble = paragraphs[index:]
    return header


def _is_red_header(paragraphs: list[str], index: int) -> bool:
    """某某文件 directly above the 文号 (one line may sit between: a second issuing organ)."""
    return bool(_RED_HEADER.match(paragraphs[index])) and any(
        _DOC_NUMBER.match(line) for line in paragraphs[index + 1:index + 3])


# A title on one line can run past MAX_TITLE_LINE (关于印发《…》的通知); it still names itself.
_LONG_TITLE = re.compile(r"关于.+的(?:意见|通知|方案|实施方案|办法|规定|决定|规划|纲要|计划|细则|批复|通报|报告|函|指导意见|若干措施)$")
MAX_LONG_TITLE = 100


def _is_long_title(line: str) -> bool:
    return len(line) <= MAX_LONG_TITLE and "。" not in line and "；" not in line and bool(_LONG_TITLE.search(line))


def _is_title_line(line: str) -> bool:
    return len(line) <= MAX_TITLE_LINE and not any(mark in line for mark in _SENTENCE_MARKS)


def _is_recipients(line: str) -> bool:
    return line.endswith(("：", ":")) and "。" not in line and len(line) <= 200


def _parse_date(line: str) -> dt.date | None:
    match = _DATE_ONLY.match(line)
    return parse_written_date(match.group(1)) if match else None


def _first_date(lines: list[str]) -> dt.date | None:
    for line in lines:
        dated = _DATED_SIGNATURE.match(line)
        date = _parse_date(dated.group(1) if dated else line)
        if date:
            return date
    return None


def _dayless_date_warnings(signature: list[str]) -> list[str]:
    """A signature dated with a month alone (2025年3月) gives no date: guessing a day would put a
    date on the plan that the document does not state, so the user is told instead."""
    return [f"落款日期“{line}”没有写明哪一日，未取为成文日期，请核对原文后填写。"
            for line in signature if _MONTH_ONLY.match(line)][:1]


def _take_notice_signature(header: _Header) -> list[str]:
    """Take the covering notice's signature out of the preamble and return it.

    关于印发《…方案》的通知 followed by the 方案: the notice's text, its issuing organ(s), its date
    alone on a line and any （此件公开发布） note, then the 方案's own title and preamble. The organ,
    date and note lines are the notice's signature (its date is the document's date when the 方案
    has none of its own); the preamble keeps the notice's text, then the 方案's title and preamble.
    Returns [] (preamble unchanged) when the title is not a 印发 notice or no dated organ is found.
    """
    if "印发" not in header.title:
        return []
    lines = header.preamble
    for index in range(1, len(lines)):
        if (_DATE_ONLY.match(lines[index]) and _is_signature_line(lines[index - 1])) \
                or _DATED_SIGNATURE.match(lines[index]):
            start = index
            while start > 1 and _is_signature_line(lines[start - 1]) and not _DATE_ONLY.match(lines[start - 1]):
                start -= 1
            end = index + 1
            while end < len(lines) and _BRACKET_NOTE.match(lines[end]):
                end += 1
            signature = lines[start:end]
            header.preamble = lines[:start] + lines[end:]
            return signature
    return []


# --- the body: chapters and items ------------------------------------------------------


def _find_body_start(paragraphs: list[str]) -> int | None:
    for index, line in enumerate(paragraphs):
        chapter = _CHAPTER.match(line)
        if chapter and chapter_number(chapter) == 1:
            return index
        item = _ITEM.match(line)
        if item and chinese_to_int(item.group(1)) == 1:
            return index
    return None


def chapter_number(match: re.Match[str]) -> int | None:
    return chinese_to_int(match.group(1))


@dataclass
class _Trailer:
    signature: list[str] = field(default_factory=list)
    attachment: list[str] = field(default_factory=list)


def _split_trailer(paragraphs: list[str]) -> tuple[list[str], _Trailer]:
    """Cut the attachment (after a 附件 marker) and the signature block off the body."""
    trailer = _Trailer()
    end = len(paragraphs)
    for index in range(1, len(paragraphs)):
        if _ATTACHMENT.match(paragraphs[index]):
            trailer.attachment = paragraphs[index:]
            end = index
            break
    start = end
    while start > 1 and _is_signature_line(paragraphs[start - 1]):
        start -= 1
    block = paragraphs[start:end]
    if any(_DATE_ONLY.match(line) or _DATED_SIGNATURE.match(line) or _BRACKET_NOTE.match(line)
           or _DISTRIBUTION.match(line) or _MONTH_ONLY.match(line) for line in block) \
            or _is_undated_signature(block, paragraphs[start - 1]):
        trailer.signature = block
        end = start
    elif trailer.attachment:
        _signature_below_attachment_note(trailer)
    return paragraphs[:end], trailer


# Issuing organs signing together stand side by side or one a line; more lines are not a signature.
MAX_SIGNING_ORGANS = 4


def _is_undated_signature(block: list[str], above: str) -> bool:
    """Whether ``block`` is issuing organs alone after the body's last full sentence (``above``).

    That is a signature whose date is missing: gov.cn pages print the organ without the date, and
    GB/T 9704-2012 §7.3.5 puts it above the date, which a copy may have lost.
    """
    return 0 < len(block) <= MAX_SIGNING_ORGANS and above.endswith(_FULL_STOPS) \
        and all(_ORGAN.match(line) for line in block)


# A numbered line of the 附件说明: 2.示范区名单.
_LIST_LINE = re.compile(r"^\d{1,2}\s*[.．、]")
# The signature follows the 附件说明 within this many lines, or it is not there.
MAX_ATTACHMENT_NOTE = 12


def _signature_below_attachment_note(trailer: _Trailer) -> None:
    """Move the signature block that follows the 附件说明 (GB/T 9704-2012 §7.3.4–7.3.5 order:
    附件：1.… 2.…, then organ and date) out of the attachment, and the 抄送/印发 lines at its end."""
    lines = trailer.attachment
    tail = len(lines)
    while tail > 1 and _DISTRIBUTION.match(lines[tail - 1]):
        tail -= 1
    for index, line in enumerate(lines[1:MAX_ATTACHMENT_NOTE], start=1):
        if _DATE_ONLY.match(line) or _DATED_SIGNATURE.match(line):
            start = index
            while start > 1 and _is_signature_line(lines[start - 1]) and not _LIST_LINE.match(lines[start - 1]) \
                    and not _ATTACHMENT.match(lines[start - 1]):
                start -= 1
            end = index + 1
            while end < tail and _BRACKET_NOTE.match(lines[end]):
                end += 1
            trailer.signature = lines[start:end] + lines[tail:]
            trailer.attachment = lines[:start] + lines[end:tail]
            return
    trailer.signature = lines[tail:]
    trailer.attachment = lines[:tail]


def _is_signature_line(line: str) -> bool:
    """A line of the signature block or 版记: issuing organ, date, (此件公开发布), contact line, 抄送, 印发."""
    if _DATE_ONLY.match(line) or _DATED_SIGNATURE.match(line) or _BRACKET_NOTE.match(line) \
            or _DISTRIBUTION.match(line) or _CONTACT_NOTE.match(line):
        return True
    return len(line) <= 30 and not any(mark in line for mark in _SENTENCE_MARKS + "、") \
        and not _CHAPTER.match(line) and not _ITEM.match(line)


@dataclass
class _OpenChapter:
    number: int
    heading_line: str
    lead: list[str] = field(default_factory=list)
    items: list[tuple[int, list[str]]] = field(default_factory=list)


# A gap this size in the numbering is taken as a typo in the source, not as text.
MAX_NUMBER_SKIP = 3


def _parse_body(paragraphs: list[str]) -> tuple[list[Chapter], list[str], list[str]]:
    """Chapters (with items) and closing paragraphs, plus warnings about the numbering.

    A numbered line that breaks the sequence is never merged silently: a repeated number or a
    jump forward is its own item (a chapter too, when its heading is a title), a number going
    back is text of the item above; either way a warning names the line.
    """
    chapters: list[_OpenChapter] = []
    warnings: list[str] = []
    decimal = _decimal_items(paragraphs)
    if decimal is True:
        warnings.append("本文件没有“（一）”形式的条目，已将各部分下“1.”“2.”形式编号的段落作为条目，请核对。")
    elif decimal is False:
        warnings.append("本文件没有“（一）”形式的条目，已将“一、”各部分作为条目；"
                        "部分中“1.”“2.”形式编号的段落仍为条目正文，请核对。")
    last_item = 0
    inner_list = 0  # the last number of a list numbered back from （一） inside the current item's text
    for line in paragraphs:
        chapter_match = _CHAPTER.match(line)
        if chapter_match and (chapters or last_item == 0):
            previous = chapters[-1].number if chapters else 0
            starts, warning = _chapter_sequence(chapter_match, line, previous)
            if warning:
                warnings.append(warning)
            if starts:
                chapters.append(_OpenChapter(chapter_number(chapter_match) or 0, chapter_match.group(2)))
                inner_list = 0
                continue
        item_match = (_DECIMAL_ITEM if decimal is True else _ITEM).match(line)
        if item_match:
            number = (int(item_match.group(1)) if decimal is True else chinese_to_int(item_match.group(1))) or 0
            current = chapters[-1] if chapters else None
            restarts = number == 1 and (current is None or not current.items)
            if inner_list and number == inner_list + 1 and number != last_item + 1:
                starts, warning = False, (f"条目编号与上文不接续：“{line[:20]}”接续上文正文中的编号，"
                                          "已按上文的正文处理；如它应是单独的条目，请核对原文编号。")
            else:
                starts, warning = _item_sequence(number, last_item, restarts, line)
            inner_list = 0 if starts else number
            if warning:
                warnings.append(warning)
            if starts:
                if current is None:
                    current = _OpenChapter(0, "")
                    chapters.append(current)
                current.items.append((number, [item_match.group(2)] if item_match.group(2) else []))
                last_item = max(last_item, number) if not restarts else number
                continue
        elif _UNREAD_ITEM_NUMBER.match(line):
            warnings.append(f"无法识别条目编号：“{line[:20]}”已按上文的正文处理，请核对原文编号。")
        target = chapters[-1]
        if target.items:
            target.items[-1][1].append(line)
        elif not target.heading_line and not target.lead and _is_title_line(line):
            target.heading_line = line  # the title sits on the line after 一、
        else:
            target.lead.append(line)
    has_items = any(chapter.items for chapter in chapters)
    if not has_items:
        flat, closing = _flat_chapters(chapters)
        return flat, closing, warnings
    closing = _take_closing(chapters[-1])
    return [_close_chapter(chapter) for chapter in chapters], closing, warnings


def _decimal_items(paragraphs: list[str]) -> bool | None:
    """Whether the body's items are numbered 1. 2. under 一、 chapters: None when the question does
    not arise (a （一） item, no 一、 first, no 1. line); False when 1. lines are there but are not
    the items (in fewer than half the chapters: a list inside a chapter's text).

    Read as （一） items are, such a body gets its chapters as the items and the real items as
    their text. The body opens with 一、, has no （一） item, and its first numbered line is 1.
    """
    if not paragraphs or not _CHAPTER.match(paragraphs[0]) or any(_ITEM.match(line) for line in paragraphs):
        return None
    chapters = 0
    numbers: list[int] = []
    with_numbers: set[int] = set()
    for line in paragraphs:
        decimal = _DECIMAL_ITEM.match(line)
        if decimal:
            numbers.append(int(decimal.group(1)))
            with_numbers.add(chapters)
        elif _CHAPTER.match(line):
            chapters += 1
    if not numbers:
        return None
    return len(numbers) >= 2 and numbers[0] == 1 and len(with_numbers) * 2 >= chapters


# An item number the parser cannot read as one: （一百零一）, （二十十）.
_UNREAD_ITEM_NUMBER = re.compile(r"^[（(] ?[一二三四五六七八九十百千零〇两]{1,6} ?[）)]")


def _chapter_sequence(match: re.Match[str], line: str, previous: int) -> tuple[bool, str]:
    """Whether a 一、 line starts a chapter after chapter ``previous``, and the warning it earns.

    The next number always does; a small gap (a typo in the source), a repeated number or a
    jump does when the line is a title (a numbered sentence is more likely a list in the text).
    """
    number = chapter_number(match) or 0
    title_only = _is_title_line(match.group(2))
    if number == previous + 1:
        return True, ""
    if title_only and previous + 1 < number <= previous + 1 + MAX_NUMBER_SKIP:
        if not previous:  # items came first, outside any chapter
            return True, f"部分编号不连续：正文的第一个部分是“{line[:20]}”。"
        return True, f"部分编号不连续：“{_numeral(previous)}、”之后是“{line[:20]}”。"
    if title_only and number == previous:
        return True, f"部分编号重复：“{line[:20]}”与上一部分编号相同，已作为单独的部分，请核对原文。"
    if title_only and number > previous:
        return True, f"部分编号不连续：“{_numeral(previous)}、”之后是“{line[:20]}”，已作为单独的部分，请核对原文。"
    return False, (f"部分编号与上文不接续：“{line[:20]}”在“{_numeral(previous)}、”之后，"
                   "已按上文的正文处理；如它应是单独的部分，请核对原文编号。")


def _item_sequence(number: int, last_item: int, restarts: bool, line: str) -> tuple[bool, str]:
    """Whether a （一） line starts an item after item ``last_item``, and the warning it earns.

    The next number, a restart at （一） in a new chapter and a small gap start one; so do a
    repeated number and a jump, each with a warning. A number going back (a list inside the
    item's text, or a typo) stays text of the item above, with a warning.
    """
    if number == last_item + 1 or restarts:
        return True, ""
    if last_item + 1 < number <= last_item + 1 + MAX_NUMBER_SKIP:
        return True, f"条目编号不连续：“（{_numeral(last_item)}）”之后是“{line[:20]}”。"
    if number == last_item:
        return True, f"条目编号重复：“{line[:20]}”与上一条目编号相同，已作为单独的条目，请核对原文。"
    if number > last_item:
        return True, f"条目编号不连续：“（{_numeral(last_item)}）”之后是“{line[:20]}”，已作为单独的条目，请核对原文。"
    return False, (f"条目编号与上文不接续：“{line[:20]}”在“（{_numeral(last_item)}）”之后，"
                   "已按上文的正文处理；如它应是单独的条目，请核对原文编号。")


def _numeral(number: int) -> str:
    return int_to_chinese(number) if 1 <= number <= 99 else str(number)


def _take_closing(chapter: _OpenChapter) -> list[str]:
    """Paragraphs after the last item that address everyone (各地区各部门要…) close the document."""
    if not chapter.items:
        return []
    paragraphs = chapter.items[-1][1]
    # A heading alone in its paragraph (（五）加强组织领导。) is followed by the item's own text,
    # which may well begin 各地要…: only what comes after that can close the document.
    first = 2 if paragraphs and heading_of(paragraphs[0]) == paragraphs[0].strip().rstrip("。：:") else 1
    for index in range(first, len(paragraphs)):
        if _CLOSING.match(paragraphs[index]):
            closing = paragraphs[index:]
            del paragraphs[index:]
            return closing
    return []


def _close_chapter(chapter: _OpenChapter) -> Chapter:
    items = tuple(_make_item(number, paragraphs) for number, paragraphs in chapter.items)
    return Chapter(number=chapter.number, title=heading_of(chapter.heading_line) or chapter.heading_line,
                   items=items, lead=tuple(chapter.lead), heading_line=chapter.heading_line)


def _make_item(number: int, paragraphs: list[str]) -> Item:
    return Item(number=number, heading=heading_of(paragraphs[0]) if paragraphs else "",
                paragraphs=tuple(paragraphs))


def _flat_chapters(chapters: list[_OpenChapter]) -> tuple[list[Chapter], list[str]]:
    """A text numbered only 一、二、三、 takes its chapters as its items."""
    items = []
    closing: list[str] = []
    for index, chapter in enumerate(chapters):
        paragraphs = ([chapter.heading_line] if chapter.heading_line else []) + chapter.lead
        if index == len(chapters) - 1:
            for cut in range(1, len(paragraphs)):
                if _CLOSING.match(paragraphs[cut]):
                    closing = paragraphs[cut:]
                    paragraphs = paragraphs[:cut]
                    break
        items.append(_make_item(chapter.number, paragraphs))
    return [Chapter(number=0, title="", items=tuple(items))], closing
