"""When the parser joins lines: a hard-wrapped text is told from a clean one, and a page break joins
only a sentence it cut. (The PDF-style re-wrap of the seeds is in test_policy_text.py.)"""

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
