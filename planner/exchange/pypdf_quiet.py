"""Keeping pypdf's own English notices (invalid pdf header, EOF marker not found) away from the user.

pypdf reports what it repaired or gave up on through the ``pypdf`` logger and, for deprecations,
through ``warnings`` (https://pypdf.readthedocs.io/en/latest/user/suppress-warnings.html). The
application configures no logging, so Python's last-resort handler would print those records on
stderr, in the terminal of the command line and of the window alike, before our Chinese message.
What the user needs is the outcome (the text, or a UserError in Chinese); the notices are captured
and dropped.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_LOGGER = "pypdf"
# The logger's handlers and the warnings filters are process-wide: one reading at a time changes them.
_LOCK = threading.Lock()


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_pypdf() -> Iterator[list[logging.LogRecord]]:
    """While inside, pypdf logs into the yielded list instead of stderr, and its warnings are dropped."""
    logger = logging.getLogger(_LOGGER)
    handler = _Collected()
    with _LOCK:
        propagate = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", module=r"pypdf(\.|$)")
                yield handler.records
        finally:
            logger.removeHandler(handler)
            logger.propagate = propagate
