"""Suggesting the directory unit an unknown unit name means, by rule and by similarity."""

import pytest

from planner.domain.unit_match import SUGGESTION_THRESHOLD, best_unit, suggest_units

DIRECTORY = ["省财政厅", "省发展改革委", "省卫生健康委", "省自然资源厅", "省商务厅", "省教育厅", "省统计局"]


@pytest.mark.parametrize(("name", "meant", "reason"), [
    ("财政厅", "省财政厅", "省略了“省”"), ("自然资源厅", "省自然资源厅", "省略了“省”"),
    ("省财政局", "省财政厅", "厅、委、局写法不同"), ("发改委", "省发展改革委", "简称"),
    ("卫健委", "省卫生健康委", "简称"), (" 省财政厅", "省财政厅", "写法不同"),
])
def test_near_names_are_matched_by_rule(name, meant, reason):
    first = suggest_units(name, DIRECTORY)[0]
    assert (first.name, first.reason) == (meant, reason)


def test_similarity_offers_close_names_above_the_threshold_only():
    assert SUGGESTION_THRESHOLD == 0.6
    close = suggest_units("省统计厅局", DIRECTORY)
    assert close and close[0].name == "省统计局" and close[0].score >= SUGGESTION_THRESHOLD
    assert suggest_units("新设的办公室", DIRECTORY) == []
    assert best_unit("财政", ["省商务厅"]) is None


def test_suggestions_are_best_first_and_at_most_three():
    found = suggest_units("省厅", ["省财政厅", "省商务厅", "省教育厅", "省科技厅", "省民政厅"])
    assert len(found) <= 3
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


@pytest.mark.parametrize(("typo", "meant"), [("省财正厅", "省财政厅"), ("省水力厅", "省水利厅"), ("省教肓厅", "省教育厅")])
def test_a_one_character_typo_is_offered_the_unit_it_misspells(typo, meant):
    directory = ["省财政厅", "省水利厅", "省教育厅", "省商务厅", "省发展改革委"]
    assert [s.name for s in suggest_units(typo, directory)][:1] == [meant]
