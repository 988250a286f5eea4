"""已完成 means 100 %: the one rule for the percent that goes with a status set by a person."""

from __future__ import annotations

from planner.domain.model import Status


def percent_with_status(status: Status | None, percent: int | None) -> int | None:
    """The percent to store when a person sets ``status`` and maybe ``percent`` in one step.

    The person's own percent wins; 已完成 without one means 100; otherwise None (the percent
    stays as it is). Used by the table's status cell and by the progress dialog alike. An
    import does not use it: it keeps the file's own figure (see ``done_below_full``).
    """
    if percent is not None:
        return percent
    return 100 if status == Status.DONE else None


def done_below_full(status: Status | None, percent: int | None) -> bool:
    """True when a status of 已完成 comes with a percent under 100 (an import warns, keeps both)."""
    return status == Status.DONE and percent is not None and percent < 100
