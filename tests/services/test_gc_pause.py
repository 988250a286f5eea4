"""The cyclic collector is paused around a bulk import and restored after it, even on error."""

import gc

import pytest

from planner.services.gc_pause import gc_paused, without_gc


def test_collector_is_off_inside_and_on_again_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_restored_when_the_import_fails():
    @without_gc
    def failing_import():
        assert not gc.isenabled()
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        failing_import()
    assert gc.isenabled()


def test_cycles_made_while_paused_are_still_collected_later():
    class Node:
        pass

    with gc_paused():
        first, second = Node(), Node()
        first.other, second.other = second, first
        alive = len([o for o in gc.get_objects() if isinstance(o, Node)])
        del first, second
    assert alive == 2
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Node)]
