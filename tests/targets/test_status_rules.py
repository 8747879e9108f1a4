"""status.evaluate, edge by edge (pure Python, no database). See docs/status-rules.md."""

import datetime
from decimal import Decimal as D

import pytest

from mandate.targets.status import ChangeKind, Comparator, Goal, Status, evaluate, expected_now

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
MID = datetime.date(2024, 7, 1)  # 183 of 366 days: half the year
AFTER = datetime.date(2025, 1, 1)


def goal(comparator=Comparator.AT_LEAST, value="100", **kw):
    kw.setdefault("period_start", START)
    kw.setdefault("period_end", END)
    for name in ("value_max", "baseline"):
        if kw.get(name) is not None:
            kw[name] = D(kw[name])
    return Goal(comparator=comparator, value=D(value), **kw)


def test_no_value_is_no_data_before_and_after_the_period():
    assert evaluate(goal(), None, MID) == Status.NO_DATA
    assert evaluate(goal(), None, AFTER) == Status.NO_DATA


@pytest.mark.parametrize("comparator", [Comparator.AT_LEAST, Comparator.EQUAL])
def test_level_reached_is_achieved_even_before_the_end(comparator):
    assert evaluate(goal(comparator), D(100), MID) == Status.ACHIEVED
    assert evaluate(goal(comparator), D(120), AFTER) == Status.ACHIEVED  # "reach" counts going beyond


def test_period_over_below_the_goal_is_missed():
    assert evaluate(goal(), D("99.9"), AFTER) == Status.MISSED


def test_last_day_of_the_period_still_counts_as_running():
    assert evaluate(goal(cumulative=True), D(99), END) == Status.AT_RISK
    assert evaluate(goal(cumulative=True), D(99), END + datetime.timedelta(days=1)) == Status.MISSED


def test_cumulative_count_against_a_line_from_zero():
    g = goal(cumulative=True)
    assert expected_now(g, MID) == D(50)
    assert evaluate(g, D(50), MID) == Status.ON_TRACK
    assert evaluate(g, D("49.9"), MID) == Status.AT_RISK


def test_level_with_baseline_against_a_line_from_the_baseline():
    g = goal(value="90", baseline="80")  # a rate from 80 % to 90 %
    assert expected_now(g, MID) == D(85)
    assert evaluate(g, D(85), MID) == Status.ON_TRACK
    assert evaluate(g, D(84), MID) == Status.AT_RISK


def test_level_without_baseline_and_not_cumulative_is_at_risk_until_met():
    g = goal(value="90")
    assert expected_now(g, MID) is None
    assert evaluate(g, D(89), START) == Status.AT_RISK
    assert evaluate(g, D(90), START) == Status.ACHIEVED


def test_at_most_is_only_kept_once_the_period_is_over():
    g = goal(Comparator.AT_MOST, "5")
    assert evaluate(g, D(3), MID) == Status.ON_TRACK
    assert evaluate(g, D(5), MID) == Status.ON_TRACK
    assert evaluate(g, D(6), MID) == Status.AT_RISK
    assert evaluate(g, D(5), AFTER) == Status.ACHIEVED
    assert evaluate(g, D("5.1"), AFTER) == Status.MISSED


def test_between_reaching_the_lower_bound_or_beyond_is_achieved():
    g = goal(Comparator.BETWEEN, "6.5", value_max="7", baseline="5")
    assert evaluate(g, D("6.5"), AFTER) == Status.ACHIEVED
    assert evaluate(g, D("7.5"), AFTER) == Status.ACHIEVED  # beyond the upper bound, favourably
    assert evaluate(g, D("6.4"), AFTER) == Status.MISSED
    assert evaluate(g, D("5.75"), MID) == Status.ON_TRACK  # line from 5 to 6.5, half way
    assert evaluate(g, D("5.7"), MID) == Status.AT_RISK


def test_decrease_in_percentage_points():
    g = goal(Comparator.DECREASE_BY, "1.5", baseline="4.2", change_kind=ChangeKind.ABSOLUTE)
    assert evaluate(g, D("2.7"), AFTER) == Status.ACHIEVED  # 4.2 → 2.7: 1.5 points
    assert evaluate(g, D("2.8"), AFTER) == Status.MISSED
    assert evaluate(g, D("3.45"), MID) == Status.ON_TRACK  # 0.75 points by mid-year
    assert evaluate(g, D("3.5"), MID) == Status.AT_RISK
    assert evaluate(g, D("5"), AFTER) == Status.MISSED  # went the wrong way


def test_decrease_in_percent_of_the_baseline():
    g = goal(Comparator.DECREASE_BY, "10", baseline="200", change_kind=ChangeKind.RELATIVE)
    assert evaluate(g, D("180"), AFTER) == Status.ACHIEVED  # 20/200 = 10 %
    assert evaluate(g, D("181"), AFTER) == Status.MISSED


def test_increase_relative_against_a_negative_baseline_uses_its_size():
    g = goal(Comparator.INCREASE_BY, "50", baseline="-10", change_kind=ChangeKind.RELATIVE)
    assert evaluate(g, D("-5"), AFTER) == Status.ACHIEVED  # up 5 from -10: 50 % of |−10|


def test_increase_absolute_on_track_and_already_achieved_early():
    g = goal(Comparator.INCREASE_BY, "10", baseline="100")
    assert evaluate(g, D("110"), START) == Status.ACHIEVED
    assert evaluate(g, D("105"), MID) == Status.ON_TRACK
    assert evaluate(g, D("104"), MID) == Status.AT_RISK


def test_change_without_baseline_is_an_error():
    with pytest.raises(ValueError):
        evaluate(goal(Comparator.INCREASE_BY, "10"), D(5), AFTER)
    with pytest.raises(ValueError):
        evaluate(goal(Comparator.DECREASE_BY, "10", baseline="0", change_kind=ChangeKind.RELATIVE), D(5), AFTER)


def test_goal_without_a_period_is_judged_as_running_with_the_whole_line_due():
    g = Goal(comparator=Comparator.AT_LEAST, value=D(10), cumulative=True)
    assert evaluate(g, D(10), AFTER) == Status.ACHIEVED
    assert evaluate(g, D(9), AFTER) == Status.AT_RISK  # never "over", and the whole value is expected


def test_before_the_period_starts_nothing_is_expected_yet():
    g = goal(cumulative=True)
    assert evaluate(g, D(0), datetime.date(2023, 12, 1)) == Status.ON_TRACK


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError):
        evaluate(goal("roughly"), D(1), AFTER)
