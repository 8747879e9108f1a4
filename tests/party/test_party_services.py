import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.party import queries, services
from mandate.party.models import (
    EventKind,
    MemberEvent,
    MemberRating,
    MemberStatus,
    OrgRating,
    QuotaRefusal,
    RatingRuleSet,
)
from mandate.targets.evaluation import evaluate_targets
from mandate.targets.models import ReportedValue, ValueState

from .conftest import D, member_row


def counts(root, day):
    return {u.code: (u.total, u.probationary) for u in queries.member_counts(root, day)}


def test_counts_at_any_date_come_from_the_events(ptree, members, pusers):
    a1 = members["a1"]
    services.add_members(actor=pusers["cell"], org_unit=ptree.cell_a1, rows=[
        member_row("NEW-1", "Nông Văn Mới", admitted=D(2024, 3, 1), official=None, born=1995)])
    services.transfer_member(a1[0], actor=pusers["committee"], to_unit=ptree.org_b, on=D(2024, 6, 1),
                             decision_number="12-QĐ/ĐU")
    services.record_exit(a1[1], actor=pusers["cell"], kind=EventKind.DECEASED, on=D(2024, 9, 1))
    assert counts(ptree.committee, D(2024, 1, 1)) == {"agencies": (17, 0), "org-a": (12, 0), "org-b": (5, 0)}
    assert counts(ptree.committee, D(2024, 12, 31)) == {"agencies": (17, 1), "org-a": (11, 1), "org-b": (6, 0)}
    # the transferred member's history is kept: two stints, the first closed
    assert [(s.org_unit.code, s.end) for s in a1[0].stints.select_related("org_unit")] == [
        ("cell-a1", D(2024, 6, 1)), ("org-b", None)]
    a1[1].refresh_from_db()
    assert a1[1].status == MemberStatus.DECEASED
    assert queries.admissions_per_year(ptree.committee, 2023, 2024) == {2023: 0, 2024: 1}


def test_import_is_all_or_nothing_with_row_errors(ptree, pusers):
    rows = [member_row("X-1", "Đinh Thị Một"), member_row("X-1", "Trùng Mã"),
            member_row("X-3", "", born=2015)]
    with pytest.raises(ValidationError) as exc:
        services.add_members(actor=pusers["cell"], org_unit=ptree.cell_a1, rows=rows)
    text = " ".join(exc.value.messages)
    assert "Row 2: The member code X-1 appears twice in the file." in text
    assert "Row 3: The full name is missing." in text
    assert not MemberEvent.objects.exists()


def test_a_reporter_of_another_org_cannot_admit(ptree, pusers):
    with pytest.raises(PermissionDenied):
        services.add_members(actor=pusers["org_b"], org_unit=ptree.cell_a1, rows=[member_row("Y-1", "Tô Văn Y")])


def _self_assess_all(campaign, grade="well"):
    for rating in campaign.member_ratings.all():
        services.self_assess(rating, actor=None, grade=grade)


def test_rating_in_order_with_the_quota(ptree, members, pusers):
    campaign = services.open_campaign(actor=pusers["committee"], org_unit=ptree.committee, year=2024)
    group = {r.pk: r for r in campaign.member_ratings.filter(org_unit=ptree.cell_a1)}
    assert len(group) == 12
    ids = sorted(group)
    # the committee cannot decide before the cell proposes, the cell not before self-assessment
    with pytest.raises(ValidationError, match="self-assessment"):
        services.propose_group(campaign, actor=pusers["cell"], org_unit=ptree.cell_a1, grades={ids[0]: "well"})
    _self_assess_all(campaign)
    with pytest.raises(ValidationError, match="has not proposed"):
        services.decide_group(campaign, actor=pusers["committee"], org_unit=ptree.cell_a1, grades={ids[0]: "well"})
    three = {pk: ("excellent" if i < 3 else "well") for i, pk in enumerate(ids)}
    with pytest.raises(ValidationError) as exc:
        services.propose_group(campaign, actor=pusers["cell"], org_unit=ptree.cell_a1, grades=three)
    assert exc.value.messages == ["3 excellent of 12 rated well or better: at most 2."]
    assert not MemberRating.objects.exclude(proposed_grade="").exists()
    refusal = QuotaRefusal.objects.get()
    assert (refusal.excellent, refusal.well_or_better, refusal.allowed) == (3, 12, 2)
    two = {pk: ("excellent" if i < 2 else "well") for i, pk in enumerate(ids)}
    assert services.propose_group(campaign, actor=pusers["cell"], org_unit=ptree.cell_a1, grades=two) == 12
    # the cell may not decide; the committee may
    with pytest.raises(PermissionDenied):
        services.decide_group(campaign, actor=pusers["cell"], org_unit=ptree.cell_a1, grades=two)
    with pytest.raises(ValidationError, match="at most 2"):
        services.decide_group(campaign, actor=pusers["committee"], org_unit=ptree.cell_a1, grades=three)
    services.decide_group(campaign, actor=pusers["committee"], org_unit=ptree.cell_a1, grades=two)
    rows = {r.unit.code: r for r in queries.rating_results(campaign, ptree.committee)}
    assert rows["agencies"].counts == {"excellent": 2, "well": 10, "completed": 0, "not_completed": 0}
    assert rows["org-a"].rated == 12 and "org-b" not in rows


def test_member_transferred_during_the_year_is_rated_where_they_are_at_year_end(ptree, members, pusers):
    moved = members["a1"][0]
    services.transfer_member(moved, actor=pusers["committee"], to_unit=ptree.org_b, on=D(2024, 10, 1))
    campaign = services.open_campaign(actor=pusers["committee"], org_unit=ptree.committee, year=2024)
    rating = campaign.member_ratings.get(member=moved)
    assert rating.org_unit == ptree.org_b
    assert campaign.member_ratings.filter(org_unit=ptree.cell_a1).count() == 11
    assert campaign.member_ratings.count() == 17


def test_members_admitted_after_the_reference_day_are_not_rated(ptree, members, pusers):
    services.add_members(actor=None, org_unit=ptree.org_b, rows=[
        member_row("LATE", "Vi Thị Muộn", admitted=D(2025, 1, 5), official=None, born=1999)])
    campaign = services.open_campaign(actor=pusers["committee"], org_unit=ptree.committee, year=2024)
    assert not campaign.member_ratings.filter(member__code="LATE").exists()


def _rate_everyone(campaign, actor, group_grades):
    _self_assess_all(campaign)
    for unit, grades in group_grades.items():
        ids = sorted(campaign.member_ratings.filter(org_unit=unit).values_list("pk", flat=True))
        chosen = {pk: grades[i] for i, pk in enumerate(ids)}
        services.propose_group(campaign, actor=None, org_unit=unit, grades=chosen)
        services.decide_group(campaign, actor=actor, org_unit=unit, grades=chosen)


def test_closing_writes_approved_values_into_the_targets(ptree, members, pusers, seed_targets):
    campaign = services.open_campaign(actor=pusers["committee"], org_unit=ptree.committee, year=2025,
                                      member_target=seed_targets["members"], org_target=seed_targets["orgs"],
                                      four_good_target=seed_targets["four_good"])
    _rate_everyone(campaign, pusers["committee"], {
        ptree.cell_a1: ["excellent", "excellent"] + ["well"] * 10,
        ptree.org_b: ["well", "well", "well", "well", "completed"],
    })
    org_ratings = {r.org_unit.code: r.pk for r in OrgRating.objects.filter(campaign=campaign)}
    assert set(org_ratings) == {"org-a", "cell-a1", "org-b"}
    with pytest.raises(ValidationError, match="no decision yet"):
        services.close_campaign(campaign, actor=pusers["committee"])
    services.rate_organizations(campaign, actor=pusers["committee"], decisions={
        org_ratings["org-a"]: ("well", True), org_ratings["cell-a1"]: ("well", True),
        org_ratings["org-b"]: ("completed", False)})
    day = D(2026, 12, 31)
    before = {row.target.pk: row.status for row in evaluate_targets(seed_targets.values(), day)}
    assert set(before.values()) == {"no_data"}
    services.close_campaign(campaign, actor=pusers["committee"])
    values = {(v.target_id, v.org_unit.code): v.value for v in ReportedValue.objects.select_related("org_unit")}
    assert values[(seed_targets["members"].pk, "org-a")] == 100
    assert values[(seed_targets["members"].pk, "org-b")] == 80
    assert values[(seed_targets["orgs"].pk, "org-b")] == 0
    assert values[(seed_targets["four_good"].pk, "org-a")] == 100
    assert set(ReportedValue.objects.values_list("state", flat=True)) == {ValueState.APPROVED}
    after = {row.target.pk: row.status for row in evaluate_targets(seed_targets.values(), day)}
    # the average of 100 and 80 is below 95 while the term runs: at risk, not achieved
    assert after[seed_targets["members"].pk] == "at_risk"


def test_excellent_organizations_are_capped_too(ptree, members, pusers):
    campaign = services.open_campaign(actor=pusers["committee"], org_unit=ptree.committee, year=2024)
    ids = list(OrgRating.objects.filter(campaign=campaign).values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="1 excellent of 3 rated well or better: at most 0"):
        services.rate_organizations(campaign, actor=pusers["committee"],
                                    decisions={pk: ("excellent" if i == 0 else "well", True)
                                               for i, pk in enumerate(ids)})


def test_points_give_the_self_assessment_grade(ptree, members, pusers):
    points = RatingRuleSet.objects.create(code="points-demo", name="Points", grades=RatingRuleSet.objects.get(
        code="124-qd-tw").grades, excellent="excellent", quota_percent=20,
        points_bands=[{"grade": "excellent", "min_points": 90}, {"grade": "well", "min_points": 70},
                      {"grade": "completed", "min_points": 50}, {"grade": "not_completed", "min_points": 0}])
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024, rule_set=points)
    rating = campaign.member_ratings.first()
    rating = services.self_assess(rating, actor=None, points="75.5")
    assert rating.self_grade == "well"


def test_member_may_self_assess_through_their_linked_account(ptree, members, pusers):
    from mandate.core.testing import make_user

    member = members["b"][0]
    account = make_user("member-b1", ptree.department)
    services.link_user(member, actor=pusers["committee"], user=account)
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    rating = campaign.member_ratings.get(member=member)
    services.self_assess(rating, actor=account, grade="well")
    other = campaign.member_ratings.exclude(member=member).filter(org_unit=ptree.org_b).first()
    with pytest.raises(PermissionDenied):
        services.self_assess(other, actor=account, grade="excellent")


def test_expulsion_ends_the_membership(ptree, members, pusers):
    from mandate.party.models import BodyLevel, DisciplineForm

    member = members["b"][1]
    services.record_discipline(actor=pusers["committee"], body=ptree.committee, level=BodyLevel.DISTRICT,
                               form=DisciplineForm.EXPULSION, subject_member=member, decided_on=D(2024, 5, 2),
                               decision_number="45-QĐ/ĐU")
    member.refresh_from_db()
    assert member.status == MemberStatus.EXPELLED
    assert counts(ptree.committee, D(2024, 6, 1))["org-b"] == (4, 0)
    with pytest.raises(ValidationError, match="Dissolution applies to organizations"):
        services.record_discipline(actor=None, body=ptree.committee, level=BodyLevel.DISTRICT,
                                   form=DisciplineForm.DISSOLUTION, subject_member=members["b"][2],
                                   decided_on=D(2024, 5, 2))


def test_term_report_counts_both_terms_with_zero_previous(ptree, members, pusers):
    from mandate.party.models import BodyLevel, InspectionKind

    def inspect(day, kind, org=None, member=None):
        services.record_inspection(actor=None, body=ptree.inspection, level=BodyLevel.DISTRICT, kind=kind,
                                   subject_org=org, subject_member=member, started_on=day,
                                   ended_on=day + datetime.timedelta(days=10))

    for i in range(3):
        inspect(D(2021, 3, 1 + i), InspectionKind.SIGNS_OF_VIOLATION, org=ptree.org_b)
    inspect(D(2016, 3, 1), InspectionKind.SIGNS_OF_VIOLATION, org=ptree.org_a)
    inspect(D(2022, 3, 1), InspectionKind.REGULAR_SUPERVISION, member=members["a1"][0])
    inspect(D(2019, 3, 1), InspectionKind.REGULAR_INSPECTION, org=ptree.org_a)  # outside the same period
    report = queries.term_report(ptree.committee, D(2020, 10, 1), D(2023, 8, 25), D(2015, 10, 1))
    lines = {(x.kind, x.subject): x for x in report["inspections"]}
    signs = lines[("signs_of_violation", "organization")]
    assert (signs.current, signs.previous, signs.change) == (3, 1, 200)
    supervision = lines[("regular_supervision", "member")]
    assert (supervision.current, supervision.previous, supervision.change) == (1, 0, None)
    assert ("regular_inspection", "organization") not in lines


def test_regulation_124_is_restored_when_the_table_was_emptied(ptree, members):
    RatingRuleSet.objects.all().delete()
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    assert campaign.rule_set.code == "124-qd-tw"
    assert campaign.rule_set.data().well_or_better == {"excellent", "well"}
