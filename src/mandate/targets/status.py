"""How a target's status is computed. The rules are written out in docs/status-rules.md.

Pure Python over Decimals: the same function serves the dashboard, the API and tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


class Status:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"
    ALL = (ACHIEVED, ON_TRACK, AT_RISK, MISSED, NO_DATA)


class Comparator:
    EQUAL = "equal"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BETWEEN = "between"
    INCREASE_BY = "increase_by"
    DECREASE_BY = "decrease_by"


class ChangeKind:
    ABSOLUTE = "absolute"  # in the target's unit; for a rate in %, that is percentage points
    RELATIVE = "relative"  # in percent of the baseline


@dataclass(frozen=True)
class Goal:
    comparator: str
    value: Decimal
    value_max: Decimal | None = None
    baseline: Decimal | None = None
    change_kind: str = ChangeKind.ABSOLUTE
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    cumulative: bool = False  # the measured value grows from zero over the period (a count or a sum)


ZERO = Decimal(0)


def change_from_baseline(goal: Goal, actual: Decimal) -> Decimal:
    """How far ``actual`` has moved from the baseline in the goal's direction."""
    if goal.baseline is None:
        raise ValueError("increase/decrease targets need a baseline")
    delta = actual - goal.baseline if goal.comparator == Comparator.INCREASE_BY else goal.baseline - actual
    if goal.change_kind == ChangeKind.RELATIVE:
        if goal.baseline == ZERO:
            raise ValueError("a relative change needs a non-zero baseline")
        return delta * 100 / abs(goal.baseline)
    return delta


def meets(goal: Goal, actual: Decimal) -> bool:
    c = goal.comparator
    if c in (Comparator.EQUAL, Comparator.AT_LEAST):
        return actual >= goal.value
    if c == Comparator.AT_MOST:
        return actual <= goal.value
    if c == Comparator.BETWEEN:
        # Reaching the range, or going beyond it in the favourable (upper) direction.
        return actual >= goal.value
    if c in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        return change_from_baseline(goal, actual) >= goal.value
    raise ValueError(f"unknown comparator {c}")


def elapsed_fraction(goal: Goal, today: datetime.date) -> Decimal:
    if goal.period_start is None or goal.period_end is None:
        return Decimal(1)
    total = (goal.period_end - goal.period_start).days + 1
    done = (today - goal.period_start).days + 1
    return max(ZERO, min(Decimal(1), Decimal(done) / Decimal(total)))


def expected_now(goal: Goal, today: datetime.date) -> Decimal | None:
    """The linear expectation for ``today``, in the goal's own measure, or None when a
    level target has no baseline to interpolate from (it must be met already)."""
    f = elapsed_fraction(goal, today)
    if goal.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        return goal.value * f  # compared with the change achieved so far
    if goal.comparator == Comparator.AT_MOST:
        return None
    start = goal.baseline if goal.baseline is not None else (ZERO if goal.cumulative else None)
    if start is None:
        return None
    return start + (goal.value - start) * f


@dataclass(frozen=True)
class Coverage:
    """How many of the units expected to report on a target have an approved value.

    ``can_only_grow``: the figure is a sum or a count of non-negative values, so the units
    still missing can only raise it (see docs/status-rules.md)."""

    expected: int
    reported: int
    can_only_grow: bool = False

    @property
    def complete(self) -> bool:
        return self.reported >= self.expected


def evaluate(goal: Goal, actual: Decimal | None, today: datetime.date, coverage: Coverage | None = None) -> str:
    """The status of ``goal`` given the ``actual`` figure on ``today``. With ``coverage``
    (a rolled-up figure), partial data never gives a final verdict the missing units could
    overturn: "achieved" needs every expected unit unless the figure can only grow and an
    upper bound is not involved; "missed" becomes "at risk" while units are missing."""
    status = _evaluate(goal, actual, today)
    if coverage is None or coverage.complete or status not in (Status.ACHIEVED, Status.MISSED):
        return status
    if status == Status.ACHIEVED:
        if coverage.can_only_grow and goal.comparator in (Comparator.EQUAL, Comparator.AT_LEAST):
            return status  # the missing units can only add to a figure that already reaches the goal
        return Status.ON_TRACK
    if coverage.can_only_grow and goal.comparator == Comparator.AT_MOST:
        return status  # already over the bound; the missing units can only add
    return Status.AT_RISK


def _evaluate(goal: Goal, actual: Decimal | None, today: datetime.date) -> str:
    if actual is None:
        return Status.NO_DATA
    over = goal.period_end is not None and today > goal.period_end
    if over:
        return Status.ACHIEVED if meets(goal, actual) else Status.MISSED
    if goal.comparator == Comparator.AT_MOST:
        # A bound can only be declared kept once the period is over.
        return Status.ON_TRACK if meets(goal, actual) else Status.AT_RISK
    if meets(goal, actual):
        return Status.ACHIEVED
    expected = expected_now(goal, today)
    if expected is None:
        return Status.AT_RISK
    measured = (
        change_from_baseline(goal, actual)
        if goal.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY)
        else actual
    )
    return Status.ON_TRACK if measured >= expected else Status.AT_RISK
