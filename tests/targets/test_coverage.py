"""Coverage of reporting: partial data is shown beside the status and never makes an
average "achieved" (docs/status-rules.md)."""

import datetime

import pytest

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.targets import services
from mandate.targets import status as rules
from mandate.targets.evaluation import evaluate_targets
from mandate.targets.models import Aggregation, Comparator

D = datetime.date
TODAY = datetime.date.today()


def _report(target, unit, period, value, reporter, approver):
    rv = services.enter_value(actor=reporter, target=target, org_unit=unit, period=period, value=value, submit=True)
    return services.approve_value(rv, actor=approver, expected_version=rv.version)


def test_one_commune_does_not_make_an_average_achieved(tree, users, plan):
    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Online",
                                    unit_of_measure="%", value=80, period="2025-H1",
                                    comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE)
    _report(target, tree.hoang_dong, "2025-Q1", 82, users["hd_reporter"], users["city_approver"])
    row = evaluate_targets([target], TODAY)[0]
    assert row.actual == 82
    assert (row.coverage_reported, row.coverage_expected) == (1, 3)
    assert row.status == rules.Status.ON_TRACK

    _report(target, tree.mai_pha, "2025-Q1", 81, users["mp_reporter"], users["city_approver"])
    chi_lang_reporter = make_user("cl", tree.chi_lang, Role.REPORTER)
    _report(target, tree.chi_lang, "2025-Q1", 90, chi_lang_reporter, users["city_approver"])
    row = evaluate_targets([target], TODAY)[0]
    assert (row.coverage_reported, row.coverage_expected) == (3, 3)
    assert row.status == rules.Status.ACHIEVED


def test_a_sum_already_reaching_the_goal_is_achieved_on_partial_data(tree, users, plan):
    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Members",
                                    unit_of_measure="members", value=50, period="2023",
                                    comparator=Comparator.AT_LEAST, aggregation=Aggregation.SUM)
    _report(target, tree.hoang_dong, "2023", 60, users["hd_reporter"], users["city_approver"])
    row = evaluate_targets([target], TODAY)[0]
    assert (row.coverage_reported, row.coverage_expected) == (1, 3)
    assert row.status == rules.Status.ACHIEVED


@pytest.mark.parametrize("comparator,grow,expected", [
    (rules.Comparator.AT_LEAST, False, rules.Status.ON_TRACK),
    (rules.Comparator.AT_LEAST, True, rules.Status.ACHIEVED),
])
def test_rule_table_for_achieved(comparator, grow, expected):
    goal = rules.Goal(comparator=comparator, value=rules.Decimal(10), period_start=D(2023, 1, 1),
                      period_end=D(2023, 12, 31))
    partial = rules.Coverage(expected=8, reported=2, can_only_grow=grow)
    assert rules.evaluate(goal, rules.Decimal(12), D(2024, 1, 10), partial) == expected
    assert rules.evaluate(goal, rules.Decimal(8), D(2024, 1, 10), partial) == rules.Status.AT_RISK
    assert rules.evaluate(goal, rules.Decimal(12), D(2024, 1, 10),
                          rules.Coverage(expected=8, reported=8)) == rules.Status.ACHIEVED


def test_the_page_shows_the_coverage(tree, users, plan, client):
    from django.urls import reverse

    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Online",
                                    unit_of_measure="%", value=80, period="2025-H1",
                                    comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE)
    _report(target, tree.hoang_dong, "2025-Q1", 82, users["hd_reporter"], users["city_approver"])
    client.force_login(users["admin"])
    html = client.get(reverse("targets:detail", args=[target.pk]), {"as_of": "today"}).content.decode()
    assert "1 of 3 units reported" in html


def test_the_status_chart_counts_what_the_summary_counts(tree, users, plan):
    """The status-over-time chart applies the coverage rule too: one commune of three is not
    an average "achieved", on the as-of day nor at a past year end."""
    from mandate.targets.evaluation import status_counts_over_time, unit_targets
    from mandate.targets.rollups import end_of_day

    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Online",
                                    unit_of_measure="%", value=80, period="2024",
                                    comparator=Comparator.AT_LEAST, aggregation=Aggregation.AVERAGE)
    rv = _report(target, tree.hoang_dong, "2024-H1", 82, users["hd_reporter"], users["city_approver"])
    services.record_decision_time(rv, decided_at=end_of_day(D(2024, 7, 15)))
    day = D(2025, 3, 1)  # the city and its communes close on 1 July 2025
    cards = unit_targets(tree.city, day).status_counts
    assert cards == {rules.Status.ON_TRACK: 1}  # 82 ≥ 80, but 1 of 3 communes reported
    points = dict(status_counts_over_time(tree.city, day, cards))
    assert points[day] == cards
    assert points[D(2024, 12, 31)] == {rules.Status.ON_TRACK: 1}
