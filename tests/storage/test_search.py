"""Full-text search in Chinese: trigram FTS5 from three characters, LIKE below."""

import pytest

from planner.domain.model import NewTask
from planner.storage import tasks
from planner.storage.search import search_item_ids, search_task_ids


@pytest.fixture
def searchable(stored):
    db, plan, document = stored
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=document.items[19].id, content="深化财政事权和支出责任划分改革"),
        NewTask(item_id=document.items[16].id, content="完善生态保护补偿机制"),
        NewTask(item_id=document.items[3].id, content="推动京津冀协同发展，100%覆盖"),
    ])
    return db, plan, document, ids


@pytest.mark.parametrize(("query", "expected"), [
    ("财政", [0]),            # two characters: LIKE fallback
    ("生态", [1]),
    ("财政事权", [0]),        # three or more: FTS5 trigram
    ("生态保护补偿", [1]),
    ("京津冀", [2]),
    ("100%", [2]),            # LIKE wildcards in the query are literal
    ("%", [2]),
    ('"改革', []),            # FTS5 syntax in the query is literal, never an error
    ("财政 OR 生态", []),
    ("交通", []),
    ("", []),
])
def test_task_search_finds_chinese_queries_of_any_length(searchable, query, expected):
    db, plan, _document, ids = searchable
    assert search_task_ids(db, plan.id, query) == [ids[i] for i in expected]


def test_deleted_tasks_are_not_found(searchable):
    db, plan, _document, ids = searchable
    tasks.soft_delete_task(db, ids[0])
    assert search_task_ids(db, plan.id, "财政事权") == []
    assert search_task_ids(db, plan.id, "财政") == []


@pytest.mark.parametrize("query", ["养老保险", "海洋", "财政", "生态", "粮食主产区", "京津冀", "指导思想", "碳"])
def test_item_search_matches_a_plain_substring_scan(stored, query):
    db, _plan, document = stored
    expected = [item.id for item in document.items if query in item.heading or query in item.text]
    assert expected, "the query should occur in the opinion"
    assert search_item_ids(db, document.id, query) == expected


def test_item_search_finds_the_pension_item(stored):
    db, _plan, document = stored
    numbers = {item.id: item.number for item in document.items}
    assert [numbers[i] for i in search_item_ids(db, document.id, "养老保险")] == [21]
