"""Pausing Python's cyclic garbage collector while a large import builds its objects."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is switched back on (if it was on) afterwards.

    Reading, comparing and applying a 20,000-row return creates about a million small objects,
    none of them in reference cycles (reference counting frees them). With the collector on,
    each burst of allocations makes it walk every live object again: a fifth of the import's
    time (issue 13's benchmark, tests/perf/bench_xlsx.py). Garbage in cycles made meanwhile is
    collected by a later full collection. The switch is process-wide: another thread
    allocating meanwhile only has its collections deferred too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            resume_collection()


def resume_collection() -> None:
    """Switch the collector back on, the objects made while it was off moved to the oldest generation.

    What survives a pause (the files read, the change set; the window's objects after start-up)
    would otherwise be walked at once by the next collection of the youngest generation, and
    again as it ages; freeze then unfreeze moves it there without a walk, to be collected as
    old objects are. (A freeze kept from earlier is released too: one mechanism for the process.)
    """
    gc.freeze()
    gc.unfreeze()
    gc.enable()


def without_gc(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a bulk use case so that it runs under gc_paused()."""
    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with gc_paused():
            return function(*args, **kwargs)
    return wrapper
