"""A policy page copied from a government website: page lines dropped, metadata read, other texts untouched."""

import datetime as dt

import pytest

from planner.domain.policy_text import parse_policy
from planner.domain.web_page import strip_web_page


def test_the_metadata_table_is_read_whatever_its_spacing():
    page = strip_web_page([
        "索  引  号：000014349/2025-00012\t主题分类：城乡建设",
        "发文机关：某省人民政府\t成文日期：2025年03月10日",
        "标\u3000\u3000题：某省人民政府关于推进示范区建设的意见",
        "发文字号：某政发〔2025〕3号  发布日期：2025-03-15",
        "一、总体要求",
        "【字体：大 中 小】 打印本页",
    ])
    assert page.lines == ["一、总体要求"]
    assert len(page.dropped) == 5
    meta = page.metadata
    assert (meta.title, meta.issuer, meta.doc_number) == ("某省人民政府关于推进示范区建设的意见", "某省人民政府", "某政发〔2025〕3号")
    assert (meta.written_on, meta.published_on) == (dt.date(2025, 3, 10), dt.date(2025, 3, 15))


def test_a_policy_that_mentions_a_page_word_once_keeps_every_line():
    lines = ["一、总体要求", "（一）办好展会。主办单位：省商务厅。", "（二）打印本页材料。"]
    page = strip_web_page(lines)
    assert page.lines == lines and page.dropped == ()


def test_the_title_comes_from_the_table_only_when_the_text_has_none():
    text = ("发文机关：国务院办公厅\t成文日期：2025年03月10日\n标　　题：国务院办公厅关于某事的意见\n"
            "打印本页 关闭窗口\n为做好工作，提出如下意见。\n一、总体要求\n（一）指导思想。坚持稳中求进。")
    document = parse_policy(text)
    assert document.title == "国务院办公厅关于某事的意见"
    assert document.date == dt.date(2025, 3, 10)
    assert document.preamble == ("为做好工作，提出如下意见。",)


def test_a_table_copied_cell_by_cell_a_repeated_headline_and_other_page_lines():
    lines = ["首页 > 政策 > 国务院文件", "国务院办公厅关于某事的意见", "索 引 号：", "000014349/2025-00012", "发文机关：",
             "国务院办公厅", "标　　题：", "国务院办公厅关于某事的意见", "成文日期：", "2025年03月10日",
             "字号：[ 大 中 小 ]", "国务院办公厅关于某事的意见", "国办发〔2025〕12号", "一、总体要求",
             "上一篇：关于另一事的通知", "下一篇：关于又一事的通知", "附件下载：", "示范区名单.pdf"]
    page = strip_web_page(lines)
    assert page.lines == ["国务院办公厅关于某事的意见", "国办发〔2025〕12号", "一、总体要求"]
    assert len(page.dropped) == 15
    meta = page.metadata
    assert (meta.title, meta.issuer, meta.written_on) == ("国务院办公厅关于某事的意见", "国务院办公厅", dt.date(2025, 3, 10))


def test_a_blank_keyword_field_does_not_take_the_title_below_it():
    page = strip_web_page(["发文机关：国务院办公厅", "主  题  词：", "国务院办公厅关于某事的意见", "【字体：大 中 小】", "一、总体要求"])
    assert page.lines == ["国务院办公厅关于某事的意见", "一、总体要求"]


def test_a_headline_said_twice_above_the_text_is_kept_once_without_a_table():
    page = strip_web_page(["当前位置：首页 > 政策", "关于某事的意见", "【字体：大 中 小】 打印本页", "关于某事的意见",
                           "一、总体要求", "（一）关于某事的意见", "（二）关于某事的意见"])
    assert page.lines == ["关于某事的意见", "一、总体要求", "（一）关于某事的意见", "（二）关于某事的意见"]


def _parse_fixture(name):
    from planner.domain.text_decoding import decode_text
    from tests.conftest import ROOT

    path = ROOT / "tests" / "fixtures" / "texts" / name
    return parse_policy(decode_text(path.read_bytes(), name=name))


def test_a_provincial_site_page_its_name_breadcrumb_and_footer_out():
    document = _parse_fixture("web_province_site.txt")
    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert document.doc_number == "某政办〔2025〕12号"
    assert document.recipients == "各市、县人民政府，省人民政府各部门："
    assert document.preamble == ("为推进示范区建设，经省政府同意，现提出如下意见。",)
    assert (document.date, document.published_on) == (dt.date(2025, 3, 10), dt.date(2025, 3, 12))
    assert document.signature[:2] == ("某省人民政府办公厅", "2025年3月10日")
    assert {"某省人民政府门户网站", "生成日期：2025-03-12", "主办：某省人民政府办公厅 承办：某省大数据管理局",
            "政府网站找错"} <= set(document.dropped)


def test_the_current_gov_cn_layout_site_name_and_font_size_bar_out():
    document = _parse_fixture("web_govcn_new_layout.txt")
    assert document.title == "国务院办公厅关于推进示范区建设的实施意见"
    assert document.recipients == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert document.preamble == ("为推进示范区建设，经国务院同意，现提出如下意见。",)
    assert document.published_on == dt.date(2025, 3, 15)  # from 来源： 中国政府网 | 2025-03-15 17:30
    assert {"中国政府网", "字号：默认 大 超大 | 打印 | ", "中国政府网微信"} <= set(document.dropped)


def test_a_news_page_carrying_the_full_text_keeps_the_document_not_the_news():
    document = _parse_fixture("web_govcn_xinhua.txt")
    assert document.title == "关于推进示范区建设的意见"
    assert document.issued_by == "中共中央办公厅 国务院办公厅"  # from the headline 中共中央办公厅 国务院办公厅印发《…》
    assert document.preamble == ("为推进示范区建设，现提出如下意见。",)
    assert document.published_on == dt.date(2025, 3, 15)
    assert [len(chapter.items) for chapter in document.chapters] == [2, 2, 1]
    assert not any("新华社" in line or "全文如下" in line for line in document.preamble)


def test_a_word_ending_in_net_inside_the_policy_stays_on_a_web_page():
    page = strip_web_page(["中国政府网", "首页 > 政策", "【字体：大 中 小】", "一、总体要求", "加快建设能源互联网",
                           "（一）指导思想。坚持稳中求进。"])
    assert page.lines == ["一、总体要求", "加快建设能源互联网", "（一）指导思想。坚持稳中求进。"]


@pytest.mark.parametrize(("name", "page_lines"), [
    # 人民网: a >> breadcrumb, 小字号, 点赞 分享, （责编：…）, 推荐阅读, the copyright line.
    ("web_people.txt", {"人民网 >> 时政", "小字号", "点赞 分享", "（责编：赵六、钱七）", "推荐阅读", "人民网版权所有，未经书面授权禁止使用"}),
    # A WeChat article: the account above its dateline, 点击蓝字 关注我们, 编辑/审核, the buttons.
    ("web_wechat.txt", {"某省发布", "某省发布 2025年03月12日 10:00 河南", "点击蓝字 关注我们", "编辑：李四", "审核：王五",
                        "阅读原文", "分享 收藏 点赞 在看"}),
    # A city site: 当前位置：首页 >> …, a 发布日期 line with 【大 中 小】, 分享：.
    ("web_city.txt", {"当前位置：首页 >> 信息公开 >> 政策文件", "分享："}),
])
def test_news_and_wechat_copies_keep_the_document_and_its_signature(name, page_lines):
    document = _parse_fixture(name)
    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert document.doc_number == "某政办发〔2025〕12号"
    assert document.recipients == "各市人民政府，省政府各部门："
    assert document.preamble == ("为推进示范区建设，提出如下意见。",)
    assert document.signature[:2] == ("某省人民政府办公厅", "2025年3月10日")
    assert (document.date, document.published_on) == (dt.date(2025, 3, 10), dt.date(2025, 3, 12))
    assert document.items[-1].text == "加强组织领导。各地要建立工作机制，明确责任分工。"
    assert page_lines <= set(document.dropped)
