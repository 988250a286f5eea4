"""The shapes of a policy text's lines (GB/T 9704-2012 parts, numbering, dates), shared by the parser's steps."""

from __future__ import annotations

import re

from planner.domain.chinese_dates import WRITTEN_DATE, WRITTEN_MONTH, YEAR_DIGITS
from planner.domain.numerals import CHINESE_NUMERAL_CHARS


NUMERALS = CHINESE_NUMERAL_CHARS
SPACES = " \t\u3000\u00a0\ufeff\u200b"

# Spaces inside the number (一 、, （ 一 ）) are tolerated: a heading left letter-spaced by a
# PDF must still be found, not silently read as text of the item above it.
# A full stop after the numeral (一．总体要求, 二.重点任务) is a common slip for 、; it is still a heading.
CHAPTER = re.compile(rf"^([{NUMERALS}]{{1,3}}) ?(?:、|[．.](?!\d))\s*(.*)$")
ITEM = re.compile(rf"^[（(] ?([{NUMERALS}]{{1,3}}) ?[）)]\s*(.*)$")
# 1. 2. (or 1．/1、) items: read as the items only in a text that has 一、 chapters and no （一） item.
DECIMAL_ITEM = re.compile(r"^(\d{1,2}) ?(?:[.．、](?!\d))\s*(.+)$")
# Page numbers as PDF extraction leaves them: — 9 —, —9—, - 9 -, 第9页 are always
# page numbers; a bare 9 only where the layout says so (see _is_page_number).
DECORATED_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$")
BARE_NUMBER = re.compile(r"^\d{1,4}$")
PAGE_BREAK = "\f"
# Lines that always begin a paragraph, even after a full-width line.
PARAGRAPH_START = re.compile(
    rf"^(?:[{NUMERALS}]{{1,3}}、|[（(][{NUMERALS}]{{1,3}}[）)]|——|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|附件)")
# 附件, 附件2, 附件一：…, 附件 重点任务分工表, 附件1.… — but not 附件所列… inside a sentence.
ATTACHMENT = re.compile(rf"^附件\s*[\d{NUMERALS}]{{0,3}}\s*(?:[:：.．、 ].{{0,80}})?$")
# A date line alone (the 成文日期 in any of the forms chinese_dates.WRITTEN_DATE knows), perhaps in brackets.
DATE_ONLY = re.compile(rf"^[（(]?\s*({WRITTEN_DATE})\s*[）)]?$")
# The issuing organ and the date on one line, as a right-aligned signature often extracts.
ORGAN_END = "(?:人民政府|政府|办公厅|办公室|委员会|党委|党组|厅|局|委|部|院|署|办)"
DATED_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff（）() 、]{{1,40}}{ORGAN_END} ?({WRITTEN_DATE})$")
# The 版记 at the foot of an official document (GB/T 9704-2012 §7.4): 抄送 and the 印发 line.
DISTRIBUTION = re.compile(rf"^(?:抄送|抄报|分送)\s*[:：]|^.{{0,40}}[{YEAR_DIGITS}]{{4}}年.{{1,6}}日\s*印发$")
# The red header (版头) above the 文号: 某某人民政府办公厅文件.
RED_HEADER = re.compile(r"^[\u4e00-\u9fff（）()、 ]{2,40}文件$")
# Above it (GB/T 9704-2012 §7.2.1–7.2.3): the copy number (份号), secrecy and urgency marks.
HEADER_MARK = re.compile(r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.{0,12})?|特急|加急|特提|平急|急件)$")
BRACKET_NOTE = re.compile(r"^[（(]此件.{1,20}[）)]$")
# The contact line a notice may carry under its date: （联系人：张三；联系电话：0371-12345678）.
CONTACT_NOTE = re.compile(r"^[（(]?\s*(?:联系人|联系电话|联系方式|咨询电话)\s*[:：].{1,80}$")
# A signature's date without the day (2025年3月): it ends the document, but names no day.
MONTH_ONLY = re.compile(rf"^[（(]?\s*{WRITTEN_MONTH}\s*[）)]?$")
DATELINE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:社|报|网|台)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电")
# A 上行文 has its 签发人 on the 文号's line (GB/T 9704-2012 §7.2.6); a copy may give it a line of its own.
SIGNER = r"签发人\s*[:：]\s*[\u4e00-\u9fff、 ]{2,20}"
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*[号號]"
                         rf"(?:\s*{SIGNER})?$")
SIGNER_LINE = re.compile(rf"^{SIGNER}$")
LABEL = re.compile(rf"^附件\s*[\d{NUMERALS}]{{0,3}}$")
CLOSING = re.compile(r"^(?:本(?:意见|方案|实施方案|通知|办法|规定|细则|计划|决定)|各(?:地区|地|部门|省|市|级|有关)"
                      r"|请各|以上|此外，各)")
SENTENCE_MARKS = "。，；："
SENTENCE_ENDS = ("。", "；", "：", ":", "！", "？", "）", ")", "”")
FULL_STOPS = ("。", "！", "？", "；", "”")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d"
SPACE_BETWEEN_CJK_AND_ASCII = re.compile(rf"(?<=[{CJK}])\s+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])\s+(?=[{CJK}])")

MAX_TITLE_LINE = 40
MAX_HEADING = 30



def heading_of(first_paragraph: str) -> str:
    """An item's heading: the whole line if it is only a title, else the short phrase before 。.

    Empty when the item opens with one long sentence.
    """
    text = first_paragraph.strip()
    if not any(mark in text.rstrip("。：:") for mark in SENTENCE_MARKS) and len(text) <= MAX_TITLE_LINE:
        return text.rstrip("。：:")
    head, sep, _ = text.partition("。")
    if sep and len(head) <= MAX_HEADING and "，" not in head and "；" not in head:
        return head
    return ""


ORGAN = re.compile(rf"^[\u4e00-\u9fff（）()、 ]{{1,40}}{ORGAN_END}$")


def ends_a_document(line: str) -> bool:
    """Whether ``line`` is one of the lines that close an official document: the 成文日期 (alone or
    after the issuing organ), a (此件…) note, an 抄送 or 印发 line (GB/T 9704-2012 §7.3.5, §7.4)."""
    return bool(DATE_ONLY.match(line) or DATED_SIGNATURE.match(line) or BRACKET_NOTE.match(line)
                or DISTRIBUTION.match(line))
