"""The sqlite-utils Database every write goes through: its outermost ``atomic()`` takes the write lock first."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


class PlannerDatabase(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock before anything else.

    sqlite-utils begins with a plain (deferred) ``BEGIN``: a transaction that reads first and
    writes later then fails at once with "database is locked" when another program wrote in
    between, instead of waiting. ``BEGIN IMMEDIATE`` takes the write lock at the start, so the
    busy timeout applies and a second program waits for the first (issue 18). Nested blocks
    stay savepoints, as in sqlite-utils.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise
