"""When the parser joins lines: a hard-wrapped text is told from a clean one, and a page break joins
only a sentence it cut. (The PDF-style re-wrap of the seeds is in test_policy_text.py.)"""

import pytest

from planner.domain.policy_text import parse_policy

# Every line a whole paragraph, all of about one width; most end their sentence, but a third do
# not (headings of items that carry on in the next line), as in a hand-typed 工作要点.
SHORT_LINES = """某省推进示范区建设的实施意见
各市人民政府，省政府各部门：
一、总体要求
（一）指导思想。坚持稳中求进。
推动高质量发展，建设示范区。
（二）主要目标。取得明显成效。
二、重点任务
（三）加快产业升级和结构调整
培育一批龙头企业，完善链条。
（四）强化要素保障和用地用能
统筹用地用能，保障重点项目。
某省人民政府办公厅办公室
2025年3月10日"""

# Few lines end a sentence (lists without full stops), the short ones share a width, and the long
# ones run well past it: no printed page wrapped these.
UNPUNCTUATED_LIST = """某省推进示范区建设的实施意见
各市人民政府，省政府各部门：
一、总体要求
（一）指导思想
坚持稳中求进工作总基调，推动高质量发展，建设示范区
（二）主要目标
到2027年示范区建设取得明显成效，产业结构持续优化
二、重点任务
（三）加快产业升级
培育龙头企业集群发展壮大
建设产业链协同创新平台
（四）强化要素保障
统筹用地用能指标保障项目
优先保障重点项目建设需要
完善投融资机制拓宽渠道。
某省人民政府办公厅
2025年3月10日"""


def paragraphs(text):
    return [item.paragraphs for item in parse_policy(text).items]


def test_lines_that_mostly_end_their_sentence_stay_paragraphs_though_they_share_a_width():
    assert paragraphs(SHORT_LINES) == [
        ("指导思想。坚持稳中求进。", "推动高质量发展，建设示范区。"), ("主要目标。取得明显成效。",),
        ("加快产业升级和结构调整", "培育一批龙头企业，完善链条。"), ("强化要素保障和用地用能", "统筹用地用能，保障重点项目。")]
    assert parse_policy(SHORT_LINES).signature == ("某省人民政府办公厅办公室", "2025年3月10日")


def test_lines_of_one_width_with_longer_lines_past_it_stay_paragraphs():
    assert paragraphs(UNPUNCTUATED_LIST) == [
        ("指导思想", "坚持稳中求进工作总基调，推动高质量发展，建设示范区"),
        ("主要目标", "到2027年示范区建设取得明显成效，产业结构持续优化"),
        ("加快产业升级", "培育龙头企业集群发展壮大", "建设产业链协同创新平台"),
        ("强化要素保障", "统筹用地用能指标保障项目", "优先保障重点项目建设需要", "完善投融资机制拓宽渠道。")]


PAGED = """某省人民政府办公厅关于推进示范区建设的实施意见
各市人民政府，省政府各部门：
一、总体要求
（一）指导思想。坚持稳中求进工作总基调，推动

- 1 -
\f高质量发展。
（二）主要目标
\f
到2027年，示范区建设取得明显成效。
二、重点任务
（三）加快产业升级。培育一批龙头企业。
\f推动产业链条延伸，形成集群。
（四）强化要素保障。统筹用地、用能指标，优先
\f（五）加强组织领导。各地要建立工作机制。
2025年3月10日"""


def test_a_page_break_joins_only_a_sentence_it_cut():
    assert paragraphs(PAGED) == [
        ("指导思想。坚持稳中求进工作总基调，推动高质量发展。",),  # cut mid-sentence: one paragraph
        ("主要目标", "到2027年，示范区建设取得明显成效。"),  # a heading line does not run on
        ("加快产业升级。培育一批龙头企业。", "推动产业链条延伸，形成集群。"),  # the sentence had ended
        ("强化要素保障。统筹用地、用能指标，优先",),  # the next page opens an item: nothing is guessed
        ("加强组织领导。各地要建立工作机制。",)]


# A 16-pt 公文 page wraps at 25 characters: a two-page document is half 版头, 文号, signature,
# 版记 and table rows, shorter lines that must not hide the wrap; its table rows and its 抄送
# line are as wide as the text, yet lines of their own.
SHORT_WRAPPED = """某省人民政府办公厅文件
某政办发〔2025〕12号
某省人民政府办公厅
关于推进示范区建设的实施意见
各市人民政府，省政府各部门：
为推进示范区建设，经省政府同意，现提出如下意见。
一、总体要求
（一）指导思想。坚持稳中求进工作总基调，推动高质量
发展。
（二）主要目标。到2027年，示范区建设取得明显成
效，主要指标见下表。
序号 指标名称 牵头单位 配合单位 完成时限 备注栏目
1 示范区数量 省发展改革委 省财政厅 2027年底前
二、重点任务
（三）加快产业升级。培育一批龙头企业，完善产业链
条。
（四）强化要素保障。统筹用地、用能指标，优先保障重
点项目。
三、保障措施
（五）加强组织领导。各地要建立工作机制，明确责任分
工。
某省人民政府办公厅
2025年3月10日
抄送：省委各部门，省人大常委会办公厅，省政协办公厅。
某省人民政府办公厅 2025年3月11日印发"""


def test_a_short_wrapped_document_is_rejoined_but_its_table_rows_and_banji_stay_lines():
    document = parse_policy(SHORT_WRAPPED)

    assert [item.text for item in document.items] == [
        "指导思想。坚持稳中求进工作总基调，推动高质量发展。",
        "主要目标。到2027年，示范区建设取得明显成效，主要指标见下表。\n"
        "序号 指标名称 牵头单位 配合单位 完成时限 备注栏目\n1示范区数量 省发展改革委 省财政厅2027年底前",
        "加快产业升级。培育一批龙头企业，完善产业链条。",
        "强化要素保障。统筹用地、用能指标，优先保障重点项目。",
        "加强组织领导。各地要建立工作机制，明确责任分工。",
    ]
    assert document.signature[-2] == "抄送：省委各部门，省人大常委会办公厅，省政协办公厅。"


@pytest.mark.parametrize("kind", ["实施意见", "工作要点", "实施方案"])
def test_a_title_that_fills_the_line_ends_before_the_recipients(kind):
    text = SHORT_WRAPPED.replace("某省人民政府办公厅\n关于", "某省人民政府办公厅关于", 1).replace("实施意见", kind, 1)

    document = parse_policy(text)

    assert document.title == f"某省人民政府办公厅关于推进示范区建设的{kind}"
    assert document.recipients == "各市人民政府，省政府各部门："


def test_a_wrap_inside_a_word_that_leaves_yi_at_the_line_start_is_no_chapter():
    text = SHORT_WRAPPED.replace(
        "（三）加快产业升级。培育一批龙头企业，完善产业链\n条。",
        "（三）加快产业升级。坚持按照建设全国大市场统\n一、开放、竞争、有序的市场体系要求，推动京津冀\n协同发展。")

    document = parse_policy(text)

    assert [chapter.title for chapter in document.chapters] == ["总体要求", "重点任务", "保障措施"]
    assert document.items[2].text == "加快产业升级。坚持按照建设全国大市场统一、开放、竞争、有序的市场体系要求，推动京津冀协同发展。"
    assert document.warnings == ()
