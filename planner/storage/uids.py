"""The uid of a new document, plan or task: what identifies it in every file it travels to."""

from __future__ import annotations


def new_uid() -> str:
    """A random UUID (version 4) as 32 lowercase hex digits.

    uuid is imported at the first new row, not with the storage layer: with the platform
    module it loads, it was 4 ms of the window's start (tests/perf/bench_window.py).
    """
    import uuid

    return uuid.uuid4().hex
