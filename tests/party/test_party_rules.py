"""The quota of "excellent" grades and the term comparison, on plain values."""

from decimal import Decimal

import pytest

from mandate.party import rules

R124 = rules.RuleSetData.from_json(
    [{"code": "excellent", "well_or_better": True}, {"code": "well", "well_or_better": True},
     {"code": "completed"}, {"code": "not_completed"}],
    "excellent", "20")


@pytest.mark.parametrize("group,allowed", [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1), (9, 1), (10, 2), (12, 2),
                                           (14, 2), (15, 3)])
def test_allowed_excellent_rounds_down(group, allowed):
    assert rules.allowed_excellent(R124, group) == allowed


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_small_groups_cannot_hold_an_excellent_grade_under_124(size):
    result = rules.check_quota(R124, ["excellent"] + ["well"] * (size - 1))
    assert not result.ok
    assert result.allowed == 0


def test_small_group_with_a_minimum_allowance():
    lenient = rules.RuleSetData(grades=R124.grades, excellent="excellent", quota_percent=Decimal(20),
                                minimum_allowed=1)
    assert rules.check_quota(lenient, ["excellent", "well", "completed"]).ok
    assert not rules.check_quota(lenient, ["excellent", "excellent", "well"]).ok
    # never more than the group itself
    assert rules.allowed_excellent(lenient, 0) == 0


def test_tie_at_the_quota_is_accepted_and_one_more_is_refused():
    at_quota = rules.check_quota(R124, ["excellent"] * 2 + ["well"] * 8)
    assert at_quota.ok and at_quota.allowed == 2 and at_quota.excellent == 2
    over = rules.check_quota(R124, ["excellent"] * 3 + ["well"] * 7)
    assert not over.ok


def test_refusal_message_gives_the_figures():
    result = rules.check_quota(R124, ["excellent"] * 3 + ["well"] * 9 + ["completed"] * 2 + [None])
    assert not result.ok
    assert result.message() == "3 excellent of 12 rated well or better: at most 2."


def test_lower_grades_do_not_raise_the_quota():
    assert rules.check_quota(R124, ["excellent"] + ["well"] * 4 + ["completed"] * 20).allowed == 1


def test_rounding_rules_are_data():
    nearest = rules.RuleSetData(grades=R124.grades, excellent="excellent", quota_percent=Decimal(20),
                                rounding="nearest")
    up = rules.RuleSetData(grades=R124.grades, excellent="excellent", quota_percent=Decimal(20), rounding="up")
    assert rules.allowed_excellent(nearest, 12) == 2  # 2.4
    assert rules.allowed_excellent(nearest, 13) == 3  # 2.6
    assert rules.allowed_excellent(up, 11) == 3


def test_points_bands_give_the_grade():
    points = rules.RuleSetData(grades=R124.grades, excellent="excellent", quota_percent=Decimal(20),
                               points_bands=({"grade": "excellent", "min_points": 90},
                                             {"grade": "well", "min_points": 70},
                                             {"grade": "completed", "min_points": 50},
                                             {"grade": "not_completed", "min_points": 0}))
    assert rules.grade_for_points(points, 90) == "excellent"
    assert rules.grade_for_points(points, "89.5") == "well"
    assert rules.grade_for_points(points, 50) == "completed"
    assert rules.grade_for_points(points, 3) == "not_completed"
    assert rules.grade_for_points(R124, 95) is None


@pytest.mark.parametrize("current,previous,change", [
    (67, 20, Decimal("235.00")), (1289, 1002, Decimal("28.64")), (5, 5, Decimal("0.00")),
    (0, 4, Decimal("-100.00")), (3, 0, None), (0, 0, None),
])
def test_percent_change(current, previous, change):
    assert rules.percent_change(current, previous) == change


def test_share():
    assert rules.share(19, 20) == Decimal("95.00")
    assert rules.share(0, 0) is None
