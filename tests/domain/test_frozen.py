"""Values built without their generated __init__ (domain.frozen) behave as the ones built with it."""

import dataclasses
import datetime as dt

import pytest

from planner.domain.frozen import frozen_instance
from planner.domain.model import ProgressEntry, Status


def test_a_value_built_from_its_fields_equals_hashes_prints_and_replaces_as_one_built_normally():
    fields = {"date": dt.date(2026, 11, 28), "text": "已召开推进会", "status": Status.IN_PROGRESS, "percent": 60,
              "source": "导入：回执.xlsx", "id": None}
    built, normal = frozen_instance(ProgressEntry, dict(fields)), ProgressEntry(**fields)
    assert built == normal and hash(built) == hash(normal) and repr(built) == repr(normal)
    assert dataclasses.replace(built, percent=70) == ProgressEntry(**{**fields, "percent": 70})
    assert dataclasses.asdict(built) == dataclasses.asdict(normal)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.percent = 70  # still frozen
