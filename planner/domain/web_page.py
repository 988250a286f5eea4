"""A policy page copied from a government website (gov.cn and its provincial copies): page lines out, metadata kept.

A copied page carries navigation, the 索引号/发文机关/成文日期 table, a toolbar (【字体：大 中 小】
打印本页 关闭窗口), share buttons, 【我要纠错】 责任编辑, related headlines and the site footer
(主办单位, 网站标识码, ICP备). None of it is policy text. Lines are only dropped when the text is
recognisably such a page (at least two different page markers), so that a policy which happens
to mention 主办单位 or 打印 keeps every line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NO_SPACE = re.compile(r"[\s\u3000]+")
# The fields of the metadata table gov.cn shows above a document, in any order, one or more a line.
_FIELDS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "有效性",
           "发布机构", "来源", "文号", "公文种类", "时效", "发布时间", "信息来源", "浏览次数", "生效日期", "废止日期",
           "生成日期", "发文日期")
_FIELD = re.compile("(" + "|".join(r"[\s\u3000]*".join(name) for name in
                                   sorted(_FIELDS, key=len, reverse=True)) + r")[\s\u3000]*[:：]")
_TOOLBAR = re.compile(r"字[体号][:：]?[\[【［(（]?大[|｜]?中[|｜]?小|【字体|打印本页|关闭窗口|分享到|扫一扫在手机|我要纠错|责任编辑"
                      r"|收藏本页|【打印|【关闭|用手机扫描|微信扫一扫|^上一篇[:：]|^下一篇[:：]|^【?(?:打印|关闭|返回顶部)】?$"
                      r"|字号[:：]?默认|政府网站找错|分享让更多人看到|点击蓝字|关注我们|阅读原文|^分享[:：]$"
                      # a news or WeChat page's buttons on a line of their own: 小字号, 点赞 分享, 分享 收藏 点赞 在看
                      r"|^(?:[大中小]字号|点赞|分享|收藏|在看|转发|评论|打印)+$")
_FOOTER = re.compile(r"^(?:主办单位|承办单位|运行维护单位|版权所有|网站标识码|联系我们|网站地图|中文域名|Copyright|©)"
                     r"|^(?:主办|承办)[:：]|^[（(]?(?:责编|编辑|审核|校对|监制)[:：]|^.{0,20}版权所有"
                     r"|ICP备|公网安备|网站标识码")
_BREADCRUMB = re.compile(r"^(?:当前位置|当前的位置|您现在的位置|您当前的位置|您所在的位置|您的位置|当前所在位置|所在位置)[:：]"
                         r"|^首页(?:[>＞›»/]|$)"
                         # 人民网 >> 时政: short names joined by >> or », nothing a sentence has
                         r"|^(?:[^，。；>＞»›]{1,12}(?:>>|»|＞＞|›))+[^，。；>＞»›]{1,12}$")
# The site's name above the page (中国政府网, 某省人民政府门户网站) and its account links (中国政府网微信).
_SITE = re.compile(r"^[\u4e00-\u9fff]{1,16}(?:网站|网|网微信|网微博|客户端)$")
# A news page's date and source line: 2025-03-15 17:30 来源： 新华社.
_NEWS_DATELINE = re.compile(r"^\d{4}(?:-|年)\d{1,2}(?:-|月)\d{1,2}日?(?:\d{1,2}:\d{2}(?::\d{2})?)?[|｜]?(?:来源|作者|编辑)[:：]"
                            # a WeChat article's account, date, time and region: 某省发布 2025年03月12日 10:00 河南
                            r"|^[\u4e00-\u9fffA-Za-z]{1,20}\d{4}年\d{1,2}月\d{1,2}日\d{1,2}:\d{2}[\u4e00-\u9fff]{0,4}$")
# 《关于…的意见》全文如下: what comes above it on a news page is the news item, not the document.
_FULL_TEXT_FOLLOWS = re.compile(r"全文如下[。：:]?$")
_NEWS_HEADLINE = re.compile(r"^(?P<issuer>.+?)印发(?:了)?《")
_RELATED = re.compile(r"^(?:相关稿件|相关文件|相关链接|相关解读|相关新闻|相关阅读|延伸阅读|相关政策|推荐阅读|相关推荐|热门推荐)[:：]?$")
_BODY_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
MIN_HEADLINE = 6
# Fields gov.cn often leaves blank: the line below such a label is not its value.
_OFTEN_BLANK = {"主题词", "有效性", "时效", "废止日期"}
_DOWNLOAD = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|et)$|^(?:附件下载|相关附件)[:：]?$", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


# Kinds of line no policy text has; a footer-like 主办单位 or a file name alone does not make a page.
_PAGE_ONLY = {"table", "breadcrumb", "toolbar", "navigation"}


@dataclass(frozen=True)
class PageMetadata:
    """What the 索引号/发文机关/成文日期 table of a copied page says (empty when there was none)."""

    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    written_on: dt.date | None = None  # 成文日期
    published_on: dt.date | None = None  # 发布日期


@dataclass(frozen=True)
class StrippedPage:
    lines: list[str]
    dropped: tuple[str, ...]
    metadata: PageMetadata


def strip_web_page(lines: list[str]) -> StrippedPage:
    """The lines of a copied web page without its page lines, plus its metadata table.

    Text that is not a copied page comes back unchanged, with nothing dropped.
    """
    kinds = [_kind(line) for line in lines]
    found = {kind for kind in kinds if kind and kind != "site"}  # a line like 某某网 alone proves nothing
    if len(found) < 2 or not found & _PAGE_ONLY:
        return StrippedPage(lines, (), PageMetadata())
    body_start = next((index for index, line in enumerate(lines) if _BODY_START.match(line.strip(" \t\u3000"))),
                      len(lines))
    for index in range(body_start, len(lines)):
        if kinds[index] == "site" and not re.search("微信|微博|客户端", lines[index]):
            kinds[index] = ""  # in the text, 某某网 is a word of the policy (能源互联网)
    for index in range(min(body_start, len(lines) - 1)):
        # A WeChat account's name above its dateline (某省发布 / 某省发布 2025年03月12日 10:00).
        name = _NO_SPACE.sub("", lines[index])
        if name and not kinds[index] and kinds[index + 1] == "dateline" and _NO_SPACE.sub("", lines[index + 1]).startswith(name):
            kinds[index] = "site"
    fields: dict[str, str] = {}
    in_related = False
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        key = _NO_SPACE.sub("", line)
        if kind == "related":
            in_related = True
        elif in_related and key and not kind and ("。" in key or len(key) > 60):
            in_related = False  # a sentence: the list of headlines has ended
        elif in_related and key:
            kinds[index] = "related"
        if kind == "table":
            found_fields = _table_fields(line)
            fields.update(found_fields)
            empty = [name for name, value in found_fields.items() if not value and name not in _OFTEN_BLANK]
            # A table copied cell by cell puts each value on the line below its label.
            if empty and index + 1 < len(lines) and not kinds[index + 1] and _NO_SPACE.sub("", lines[index + 1]):
                fields[empty[-1]] = lines[index + 1].strip(" \t\u3000")
                kinds[index + 1] = "table"
    news_issuer = _drop_news_item(lines, kinds, body_start)
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "dateline":
            fields.setdefault("发布时间", line)
    metadata = _metadata(fields, news_issuer)
    _drop_repeated_headline(lines, kinds, metadata.title)
    kept = [line for line, kind in zip(lines, kinds, strict=True) if not kind]
    dropped = tuple(line for line, kind in zip(lines, kinds, strict=True) if kind)
    return StrippedPage(kept, dropped, metadata)


def _drop_news_item(lines: list[str], kinds: list[str], body_start: int) -> str:
    """A news page (新华社…电 近日，…印发了《…》… 《…》全文如下。) above the document: drop it.

    Returns who issued the document when the news headline says (中共中央办公厅 国务院办公厅印发《…》), else "".
    """
    follows = [index for index in range(body_start) if _FULL_TEXT_FOLLOWS.search(_NO_SPACE.sub("", lines[index]))]
    if not follows:
        return ""
    issuer = ""
    for index in range(follows[-1] + 1):
        if not kinds[index] and _NO_SPACE.sub("", lines[index]):
            kinds[index] = "news"
            headline = _NEWS_HEADLINE.match(lines[index].strip(" \t\u3000"))
            if headline and not issuer and len(headline["issuer"]) <= 40 and "，" not in headline["issuer"]:
                issuer = headline["issuer"]
    return issuer


def _drop_repeated_headline(lines: list[str], kinds: list[str], title: str) -> None:
    """The page's headline repeats the document's title above the text: only the last copy is the text's.

    The title is the table's 标题, or else any line said twice before the first 一、/（一）.
    """
    head = []
    for index, line in enumerate(lines):
        if _BODY_START.match(line.strip(" \t\u3000")):
            break
        if not kinds[index]:
            head.append(index)
    texts = [lines[index].strip(" \t\u3000") for index in head]
    for position, index in enumerate(head):
        text = texts[position]
        repeated = text in texts[position + 1:]
        if repeated and (text == title or (not title and len(text) >= MIN_HEADLINE)):
            kinds[index] = "headline"


def is_page_line(line: str) -> bool:
    """Whether one line, on its own, is unmistakably a web page's (toolbar, footer, table, breadcrumb)."""
    return _kind(line) in ("table", "breadcrumb", "toolbar", "footer")


def _kind(line: str) -> str:
    key = _NO_SPACE.sub("", line)
    if not key:
        return ""
    if _FIELD.match(line.strip(" \t\u3000")):
        return "table"
    if _BREADCRUMB.match(key):
        return "breadcrumb"
    if _TOOLBAR.search(key):
        return "toolbar"
    if _FOOTER.search(key):
        return "footer"
    if _RELATED.match(key):
        return "related"
    if _NEWS_DATELINE.match(key):
        return "dateline"
    if _SITE.match(key) and not re.search("关于|意见|通知|决定|办法|方案", key):
        return "site"
    if _DOWNLOAD.search(key) and len(key) <= 80:
        return "download"
    if _is_navigation(line):
        return "navigation"
    return ""


def _is_navigation(line: str) -> bool:
    """首页 | 简 | 繁 | EN …, or a row of short menu words (国务院 总理 新闻 政策 …)."""
    if line.count("|") + line.count("｜") >= 3:
        return True
    words = line.split()
    return (len(words) >= 5 and all(len(word) <= 4 for word in words)
            and sum(map(len, words)) / len(words) >= 1.5
            and not re.search(r"[，。；：、（）《》“”,.;:()0-9]", line))


def _table_fields(line: str) -> dict[str, str]:
    matches = list(_FIELD.finditer(line))
    fields = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        fields[_NO_SPACE.sub("", match.group(1))] = line[match.end():end].strip(" \t\u3000")
    return fields


def _metadata(fields: dict[str, str], news_issuer: str = "") -> PageMetadata:
    published = next((day for day in map(_date, (fields.get("发布日期", ""), fields.get("发布时间", ""),
                                                 fields.get("来源", ""), fields.get("生成日期", ""))) if day), None)
    return PageMetadata(title=fields.get("标题", ""),
                        issuer=fields.get("发文机关", "") or fields.get("发布机构", "") or news_issuer,
                        doc_number=fields.get("发文字号", "") or fields.get("文号", ""),
                        written_on=_date(fields.get("成文日期", "") or fields.get("发文日期", "")), published_on=published)


def _date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None
