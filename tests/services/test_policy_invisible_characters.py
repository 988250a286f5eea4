"""A policy text with invisible characters imports so that a search finds its words."""

from pathlib import Path

from planner.services import documents
from planner.storage.search import search_item_ids

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"


def test_search_finds_words_that_invisible_characters_split_in_the_file(workspace_db):
    result = documents.import_policy(workspace_db, POLICY / "invisible_chars.txt")
    stored = documents.load_document(workspace_db, result.id)
    assert search_item_ids(workspace_db, result.id, "稳中求进") == [stored.items[0].id]
    assert search_item_ids(workspace_db, result.id, "产业链条") == [stored.items[2].id]
    assert search_item_ids(workspace_db, result.id, "明确责任") == [stored.items[4].id]
    assert any("已去除 5 个不可见字符" in warning for warning in result.warnings)


def test_a_stray_control_character_in_a_heading_is_not_stored(workspace_db):
    result = documents.import_policy(workspace_db, POLICY / "ctrl_one_in_heading.txt")
    stored = documents.load_document(workspace_db, result.id)
    assert stored.items[0].heading == "指导思想"
    assert search_item_ids(workspace_db, result.id, "指导思想") == [stored.items[0].id]
