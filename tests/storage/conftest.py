"""A stored 2018 opinion and an empty plan for it, without the services layer."""

import pytest

from planner.domain.policy_text import parse_policy
from planner.storage import database, documents, plans

from tests.conftest import RESOURCES


@pytest.fixture
def stored(tmp_path):
    """(db, plan, document) with the 2018 opinion saved and one empty plan."""
    db = database.open_database(tmp_path / "store.db")
    text = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
    document_id = documents.save_document(db, parse_policy(text), source_name="seed")
    plan = plans.create_plan(db, document_id=document_id, name="测试方案", year=2025)
    yield db, plan, documents.load_document(db, document_id)
    db.close()
