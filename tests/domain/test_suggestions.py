"""Breakdown suggestions: sentences and clauses of an item, with lead units from keywords."""

import json

import pytest

from planner.domain.policy_text import parse_policy
from planner.domain.suggestions import split_passages, suggest_tasks
from tests.conftest import RESOURCES

KEYWORDS = [tuple(pair) for pair in json.loads(
    (RESOURCES / "keyword_units.json").read_text(encoding="utf-8"))["keywords"]]
OPINION = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))


def item(number):
    return OPINION.items[number - 1]


def test_item_21_gives_the_three_suggestions_with_their_departments():
    suggestions = suggest_tasks(item(21).text, item(21).heading, KEYWORDS)
    assert [s.lead_unit for s in suggestions] == ["省人力资源社会保障厅", "省医保局", "省教育厅"]
    assert suggestions[0].content == "完善企业职工基本养老保险基金中央调剂制度，尽快实现养老保险全国统筹。"
    assert "义务教育" in suggestions[2].content and "省财政厅" in suggestions[2].support_units


def test_the_heading_sentence_is_not_a_task_and_nothing_else_is_dropped():
    text = item(6).text
    passages = split_passages(text, item(6).heading)
    assert not any(p.rstrip("。") == "推动陆海统筹发展" for p in passages)
    assert "".join(passages) == text.removeprefix("推动陆海统筹发展。")


def test_a_long_sentence_listing_several_actions_is_split_at_its_clauses():
    passages = split_passages(item(4).text, item(4).heading)
    assert "推动河北雄安新区和北京城市副中心建设。" in passages
    assert len(passages) > item(4).text.count("。")


def test_keywords_are_data_handed_in():
    [suggestion] = suggest_tasks("加强海洋经济监测。", "", [("海洋", "省海洋局")])
    assert suggestion.lead_unit == "省海洋局"
    [fallback] = suggest_tasks("做好相关工作。", "", [])
    assert fallback.lead_unit == "省发展改革委"


@pytest.mark.parametrize(("text", "lead"), [
    ("加大对贫困地区的财政转移支付力度。", "省农业农村厅"),
    ("推进交通基础设施互联互通。", "省交通运输厅"),
    ("健全生态保护补偿机制。", "省生态环境厅"),
])
def test_the_earliest_keyword_leads(text, lead):
    assert suggest_tasks(text, "", KEYWORDS)[0].lead_unit == lead


def test_an_item_stored_with_its_signature_proposes_no_signature_date_or_page_line():
    # Items imported by earlier versions may still end with the signature block.
    text = ("加强组织领导。各地要建立工作机制，明确责任分工。某省人民政府办公厅\n二○二五年三月十日\n（此件公开发布）\n"
            "抄送：省委各部门。\n【我要纠错】 责任编辑：王小明")
    assert split_passages(text, "加强组织领导") == ["各地要建立工作机制，明确责任分工。"]
