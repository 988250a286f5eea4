"""Which task a returned row is: identical content, or a code whose content agrees (threshold 0.9)."""

import pytest

from planner.services.ledger_identity import (
    CONTENT_MATCH_THRESHOLD, TaskIndex, content_similarity, normalise_content)
from tests.exchange.xlsx_factory import sample_task

A = sample_task(1, code="3.1", content="完善省对市县转移支付制度，增强县级财政基本公共服务保障能力", lead_unit="省财政厅")
B = sample_task(2, code="3.10", content="健全生态保护补偿机制，加大对重点生态功能区转移支付力度", lead_unit="省财政厅")
C = sample_task(3, code="1.1", content="组织开展《意见》学习宣传解读工作", lead_unit="省委宣传部")
INDEX = TaskIndex([A, B, C])


def test_the_threshold_is_named_and_a_typo_passes_while_another_task_does_not():
    assert CONTENT_MATCH_THRESHOLD == 0.9
    assert content_similarity(A.content, A.content.replace("增强", "提升")) >= CONTENT_MATCH_THRESHOLD
    assert content_similarity(A.content, B.content) < CONTENT_MATCH_THRESHOLD


def test_identical_normalised_content_is_the_task_whatever_the_code():
    assert INDEX.identify(" " + A.content.replace("，", ",") + "。", "1", unit_uids=None).task == A
    assert normalise_content("甲 乙。") == "甲乙"


def test_a_code_with_agreeing_content_is_the_task():
    assert INDEX.identify(A.content.replace("增强", "提升"), "3.1", unit_uids=None).task == A


def test_a_code_whose_task_has_other_content_is_a_question():
    identity = INDEX.identify("研究制定本省实施方案", "1.1", unit_uids=None)
    assert identity.task is None and "内容不同" in identity.question


def test_a_code_in_a_unit_file_must_name_that_units_task():
    identity = INDEX.identify(C.content.replace("工作", "工做"), "1.1", unit_uids={A.uid, B.uid})
    assert identity.task is None and "不在本单位导出的台账中" in identity.question
    assert INDEX.identify(C.content.replace("工作", "工做"), "1.1", unit_uids={C.uid}).task == C


def test_a_code_that_lost_its_trailing_zero_fitting_two_tasks_is_a_question():
    twin = TaskIndex([A, sample_task(2, code="3.10", content=A.content + "（续）")])
    identity = twin.identify(A.content + "（续", "3.1", unit_uids=None)
    assert identity.task is None and "3.1、3.10" in identity.question


def test_content_close_to_a_task_without_a_code_is_a_question_not_a_new_task():
    identity = INDEX.identify(B.content.replace("加大", "加强"), "", unit_uids=None)
    assert identity.task is None and "相近但不相同" in identity.question
    assert INDEX.identify("全新的任务内容", "", unit_uids=None) == type(identity)()


@pytest.mark.parametrize("code", ["", "7"])
def test_a_row_with_no_content_and_no_known_code_is_new(code):
    assert INDEX.identify("", code, unit_uids=None).task is None


def test_a_close_content_a_few_characters_longer_or_shorter_is_still_found():
    # The length window only leaves out contents too long or short to reach the threshold.
    longer = B.content + "力度"
    shorter = B.content[:-2]
    for text in (longer, shorter):
        assert content_similarity(text, B.content) >= CONTENT_MATCH_THRESHOLD
        assert INDEX.identify(text, "", unit_uids=None).candidates == (B,)
    far = B.content + "并建立" * 3
    assert content_similarity(far, B.content) < CONTENT_MATCH_THRESHOLD
    assert INDEX.identify(far, "", unit_uids=None).task is None
    assert INDEX.identify(far, "", unit_uids=None).candidates == ()
