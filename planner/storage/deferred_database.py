"""An open, up-to-date plan database whose sqlite-utils wrapper is made when first needed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.storage.planner_database import PlannerDatabase

Parameters = Sequence[Any] | Mapping[str, Any] | None


class DeferredDatabase:
    """A migrated plan database for the window: reads need no library, sqlite-utils loads behind.

    Importing sqlite-utils takes about 70 ms, a sixth of the window's start (click, dateutil,
    pluggy and its patterns), and the first screen only reads. So until ``load()``, a SELECT or
    PRAGMA given to ``execute`` or ``query`` runs on the connection itself: neither opens a
    transaction, so the result is what sqlite-utils would give. Any other statement (a write,
    which sqlite-utils commits at once or rolls back on failure) and every other attribute
    (``atomic``, ``table_names`` …) go to a PlannerDatabase over the same connection, made on
    first use; the window calls ``load_ahead()`` once it is drawn, so no click waits for it. Once
    loaded, everything, reads included, goes through sqlite-utils.

    Only ``database.open_database(..., defer=True)`` makes one, and only for a file whose
    migrations are all applied: a file to migrate, refuse or switch to WAL opens with the
    library at once, the usual way.
    """

    def __init__(self, connection: sqlite3.Connection, loaded: PlannerDatabase | None = None) -> None:
        self.conn = connection
        self._loaded = loaded
        self._closed = False

    def load(self) -> PlannerDatabase:
        """The sqlite-utils Database over this connection, made now if it was not yet."""
        if self._loaded is None:
            from planner.storage.planner_database import PlannerDatabase

            self._loaded = PlannerDatabase(self.conn, execute_plugins=False)
        return self._loaded

    def load_ahead(self) -> None:
        """``load()`` before anything needs it (the window, once drawn); nothing once closed, as
        after File → 打开 another file or the window's end."""
        if not self._closed:
            self.load()

    @property
    def is_loaded(self) -> bool:
        return self._loaded is not None

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        if self._loaded is not None or not _reads(sql):
            return self.load().execute(sql, parameters)
        return self.conn.execute(sql, () if parameters is None else parameters)

    def query(self, sql: str, params: Parameters = None) -> Iterator[dict]:
        """Rows as dicts keyed by column name, as sqlite-utils' ``Database.query`` gives them."""
        if self._loaded is not None or not _reads(sql):
            return self.load().query(sql, params)
        cursor = self.conn.execute(sql, () if params is None else params)
        if cursor.description is None:  # a PRAGMA that sets rather than reads: refused as sqlite-utils refuses it
            raise ValueError("query() can only be used with SQL that returns rows - use execute() for other statements")
        keys = [column[0] for column in cursor.description]
        if len(set(keys)) < len(keys):  # sqlite-utils renames repeated columns (id, id_2): let it
            return self.load().query(sql, params)
        return (dict(zip(keys, row)) for row in cursor)

    def __enter__(self) -> DeferredDatabase:  # ``with db:`` closes it, as sqlite-utils' Database does
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        # Not through __getattr__: a window closed before the library loaded has no need of it.
        self._closed = True
        self.conn.close()

    def __getitem__(self, table: str):  # db["tasks"]: dunders do not pass through __getattr__
        return self.load()[table]

    def __getattr__(self, name: str):
        # Only for what is not defined above: anything else is sqlite-utils' from now on.
        return getattr(self.load(), name)


def _reads(sql: str) -> bool:
    """Whether ``sql`` is a SELECT or PRAGMA by its first word (anything else, say a comment first, is not)."""
    return sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA")
