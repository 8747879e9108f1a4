import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.core.exceptions import ConflictError
from mandate.projects import services
from mandate.projects.models import InvestmentProject
from mandate.projects.queries import totals

JULY = datetime.date(2023, 7, 1)


def figures(as_of=JULY):
    return {p.name: p for p in InvestmentProject.objects.with_figures(as_of)}


def test_parse_vnd_accepts_separators_and_refuses_decimals():
    assert services.parse_vnd("233.900.000.000", "x") == Decimal("233900000000")
    assert services.parse_vnd("1,500,000", "x") == Decimal(1500000)
    assert services.parse_vnd("1 500 000 đ", "x") == Decimal(1500000)
    with pytest.raises(ValidationError):
        services.parse_vnd("12,5", "x")
    with pytest.raises(ValidationError):
        services.parse_vnd("abc", "x")


def test_totals_and_rate_in_one_query(make_project, users, django_assert_num_queries):
    a = make_project("A", "10.000.000.000")
    b = make_project("B", "30.000.000.000")
    services.record_disbursement(actor=users["admin"], project=a, paid_on=datetime.date(2023, 3, 1),
                                 amount="4.000.000.000")
    services.record_disbursement(actor=users["admin"], project=b, paid_on=datetime.date(2023, 5, 1),
                                 amount="6.000.000.000")
    # After the as-of day: not counted.
    services.record_disbursement(actor=users["admin"], project=b, paid_on=datetime.date(2023, 8, 1),
                                 amount="1.000.000.000")
    rows = InvestmentProject.objects.with_figures(JULY)
    with django_assert_num_queries(1):
        t = totals(rows)
    assert t["count"] == 2
    assert t["planned"] == Decimal("40000000000")
    assert t["disbursed"] == Decimal("10000000000")
    assert t["rate"] == pytest.approx(25.0)
    assert figures()["A"].disbursement_rate == pytest.approx(40.0)


def test_at_risk_rules(make_project, users):
    admin = users["admin"]
    on_track = make_project("on track")
    services.record_disbursement(actor=admin, project=on_track, paid_on=datetime.date(2023, 6, 1),
                                 amount="4.000.000.000")
    behind = make_project("behind")  # half the year gone, 10 % paid: more than 25 points behind
    services.record_disbursement(actor=admin, project=behind, paid_on=datetime.date(2023, 6, 1),
                                 amount="1.000.000.000")
    milestone_late = make_project("milestone overdue")
    services.record_disbursement(actor=admin, project=milestone_late, paid_on=datetime.date(2023, 6, 1),
                                 amount="5.000.000.000")
    services.add_milestone(actor=admin, project=milestone_late, title="Bàn giao mặt bằng",
                           deadline=datetime.date(2023, 6, 15))
    past_due = make_project("past due", started_on=datetime.date(2022, 6, 1),
                            planned_completion=datetime.date(2023, 6, 15))
    services.record_disbursement(actor=admin, project=past_due, paid_on=datetime.date(2023, 6, 1),
                                 amount="9.000.000.000")
    done = make_project("done", started_on=datetime.date(2022, 6, 1), planned_completion=datetime.date(2023, 6, 15))
    services.record_completion(actor=admin, project=done, completed_on=datetime.date(2023, 6, 10))

    f = figures()
    assert not f["on track"].at_risk
    assert f["behind"].disbursement_behind and f["behind"].at_risk
    assert f["milestone overdue"].has_overdue_milestone and f["milestone overdue"].at_risk
    assert f["past due"].completion_overdue and f["past due"].at_risk
    assert f["done"].is_completed and not f["done"].at_risk  # completed: no longer at risk
    assert totals(InvestmentProject.objects.with_figures(JULY))["at_risk"] == 3
    # As of before the milestone's deadline it was not overdue.
    assert not figures(datetime.date(2023, 6, 14))["milestone overdue"].has_overdue_milestone


def test_disbursement_cannot_exceed_planned_capital(make_project, users):
    p = make_project(capital="1.000.000.000")
    services.record_disbursement(actor=users["admin"], project=p, paid_on=datetime.date(2023, 2, 1), amount="900.000.000")
    with pytest.raises(ValidationError) as exc:
        services.record_disbursement(actor=users["admin"], project=p, paid_on=datetime.date(2023, 3, 1),
                                     amount="200.000.000")
    assert "more than its planned capital" in str(exc.value)


def test_roles(make_project, board_users, users):
    p = make_project()
    with pytest.raises(PermissionDenied):  # a reporter of another unit
        services.record_disbursement(actor=users["hd_reporter"], project=p, paid_on=datetime.date(2023, 2, 1),
                                     amount=1000)
    with pytest.raises(PermissionDenied):  # the board's viewer
        services.record_site_clearance(actor=board_users["viewer"], project=p, percent="50", as_of=JULY)
    with pytest.raises(PermissionDenied):  # reporters do not create projects
        services.create_project(actor=board_users["reporter"], investor=p.investor, name="X", plan_year=2023,
                                planned_capital=1, started_on=JULY, planned_completion=datetime.date(2023, 12, 1))
    services.record_disbursement(actor=board_users["reporter"], project=p, paid_on=datetime.date(2023, 2, 1),
                                 amount="1.000")
    services.record_site_clearance(actor=board_users["reporter"], project=p, percent="90,5", as_of=JULY)
    p.refresh_from_db()
    assert p.site_clearance_percent == Decimal("90.5")


def test_clearance_stale_version_and_earlier_date_refused(make_project, board_users):
    p = make_project()
    services.record_site_clearance(actor=board_users["reporter"], project=p, percent="60", as_of=JULY,
                                   expected_version=1)
    with pytest.raises(ConflictError):
        services.record_site_clearance(actor=board_users["reporter"], project=p, percent="70", as_of=JULY,
                                       expected_version=1)
    with pytest.raises(ValidationError) as exc:
        services.record_site_clearance(actor=board_users["reporter"], project=p, percent="70",
                                       as_of=datetime.date(2023, 6, 1), expected_version=2)
    assert "later figure" in str(exc.value)


def test_milestone_state_mirrors_sql(make_project, users):
    p = make_project()
    admin = users["admin"]
    m1 = services.add_milestone(actor=admin, project=p, title="on time", deadline=datetime.date(2023, 5, 1))
    services.complete_milestone(actor=admin, milestone=m1, done_on=datetime.date(2023, 5, 1))
    m2 = services.add_milestone(actor=admin, project=p, title="late", deadline=datetime.date(2023, 5, 1))
    services.complete_milestone(actor=admin, milestone=m2, done_on=datetime.date(2023, 5, 20))
    services.add_milestone(actor=admin, project=p, title="overdue", deadline=datetime.date(2023, 6, 1))
    services.add_milestone(actor=admin, project=p, title="open", deadline=datetime.date(2023, 9, 1))
    states = {m.title: m.state for m in p.milestones.with_state(JULY)}
    assert states == {"on time": "done_on_time", "late": "done_late", "overdue": "overdue", "open": "not_started"}
    for m in p.milestones.with_state(JULY):
        assert m.state_on(JULY) == m.state


def test_history_kept(make_project, users):
    p = make_project()
    services.update_project(p, actor=users["admin"], expected_version=1, planned_capital="12.000.000.000")
    assert p.history.count() == 2
    assert p.history.first().planned_capital == Decimal("12000000000")
