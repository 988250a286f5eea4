"""Stored documents: the source fields of m006, the list with plan counts, finding the same document."""

import datetime as dt
from dataclasses import replace

from sqlite_utils import Database

from planner.domain.policy_text import parse_policy
from planner.storage import database, documents, plans
from planner.storage.migrations import migrations

TEXT = "某省人民政府办公厅文件\n某政办发〔2025〕12号\n关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进。\n"


def test_m006_adds_the_source_columns_to_an_older_database_keeping_its_documents(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m006_document_source_fields")
    old.execute("INSERT INTO documents (uid, title, created_at) VALUES ('u1', '旧文件', '2024-01-01')")
    old.close()
    db = database.open_database(path)
    columns = [row["name"] for row in db.query("PRAGMA table_info(documents)")]
    assert columns[-3:] == ["header_line", "issued_by", "published_on"]
    assert list(db.query("SELECT title, header_line, issued_by, published_on FROM documents")) == [
        {"title": "旧文件", "header_line": "", "issued_by": "", "published_on": None}]


def test_the_red_header_issuer_and_publication_date_are_stored(stored):
    db, _, _ = stored
    document = replace(parse_policy(TEXT), issued_by="某省人民政府办公厅", published_on=dt.date(2025, 3, 15))
    loaded = documents.load_document(db, documents.save_document(db, document))
    assert loaded.header_line == "某省人民政府办公厅文件"
    assert loaded.issuer == "某省人民政府办公厅"
    assert loaded.published_on == dt.date(2025, 3, 15)


def test_the_same_title_and_body_is_found_and_a_changed_body_is_not(stored):
    db, plan, seed = stored
    assert documents.same_document_id(db, replace(seed, id=None, dateline="")) == seed.id
    first = seed.items[0]
    changed_item = replace(first, paragraphs=(first.text + "补充。",))
    changed = replace(seed, chapters=(replace(seed.chapters[0], items=(changed_item, *seed.chapters[0].items[1:])),
                                      *seed.chapters[1:]))
    assert documents.same_document_id(db, changed) is None
    assert documents.same_document_id(db, replace(seed, title="另一个标题")) is None
    [summary] = [s for s in documents.list_documents(db) if s.id == seed.id]
    assert (summary.item_count, summary.plan_count) == (30, 1)
    plans.create_plan(db, document_id=seed.id, name="第二个方案")
    assert [s.plan_count for s in documents.list_documents(db) if s.id == seed.id] == [2]
