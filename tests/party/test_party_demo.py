"""The demo data set reproduces seeds 002 and 003 in kind."""

import datetime
import time
from decimal import Decimal

import pytest
from django.core.management import call_command

from mandate.orgs.models import OrgUnit, UnitKind
from mandate.party import queries
from mandate.party.models import CorruptionCase, PartyMember, QuotaRefusal, RatingCampaign
from mandate.targets.evaluation import evaluate_targets
from mandate.targets.models import ReportedValue, Target

D = datetime.date


pytestmark = pytest.mark.django_db


def test_party_demo():
    started = time.perf_counter()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    seconds = time.perf_counter() - started
    agencies = OrgUnit.objects.get(code="lang-son-party-agencies")
    check_organizations(agencies)
    check_admissions(agencies)
    check_ratings(agencies)
    check_term_report(agencies)
    assert seconds < 120


def check_organizations(agencies):
    if True:
        kinds = (UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL)
        on_formation = OrgUnit.objects.valid_on(D(2025, 2, 10)).filter(parent=agencies, kind__in=kinds).count()
        now = OrgUnit.objects.valid_on(D(2026, 1, 1)).filter(parent=agencies, kind__in=kinds).count()
        assert (on_formation, now) == (21, 12)
        formed = {u.code: u.total for u in queries.member_counts(agencies, D(2025, 2, 10))}
        latest = {u.code: u.total for u in queries.member_counts(agencies, D(2026, 1, 1))}
        assert 550 <= formed[agencies.code] < 600
        assert 800 < latest[agencies.code] < 850
        assert PartyMember.objects.filter(is_demo=False).count() == 0


def check_admissions(agencies):
    if True:
        per_year = queries.admissions_per_year(agencies.parent, 2021, 2025)
        assert per_year == {2021: 23, 2022: 24, 2023: 24, 2024: 25, 2025: 24}
        assert queries.admission_targets(agencies, 2025, 2025) == {2025: Decimal("22.0000")}


def check_ratings(agencies):
    if True:
        campaign = RatingCampaign.objects.get(org_unit=agencies, year=2025)
        rows = {r.unit.code: r for r in queries.rating_results(campaign, agencies)}
        below = [code for code, r in rows.items() if code != agencies.code and r.well_share < 95]
        assert below == ["ag-po-court"]
        refusal = QuotaRefusal.objects.get(campaign=campaign)
        assert refusal.excellent == refusal.allowed + 1
        assert RatingCampaign.objects.filter(year=2024).exists()
        values = ReportedValue.objects.filter(target=campaign.member_target, period_label="2025")
        assert values.count() == 12 and set(values.values_list("state", flat=True)) == {"approved"}
        statuses = {r.target.sort_order: r.status for r in evaluate_targets(
            Target.objects.filter(pk__in=[campaign.org_target_id]), D(2026, 2, 1))}
        assert statuses[2] in ("at_risk", "missed")


def check_term_report(agencies):
    if True:
        scope = agencies.parent  # the Provincial Party Committee: provincial and agencies' bodies
        report = queries.term_report(scope, D(2020, 10, 1), D(2025, 9, 30), D(2015, 10, 1))
        lines = {}
        for line in report["inspections"]:
            key = (line.kind, line.subject)
            cur, prev = lines.get(key, (0, 0))
            lines[key] = (cur + line.current, prev + line.previous)
        orgs = lines[("signs_of_violation", "organization")]
        members = lines[("signs_of_violation", "member")]
        assert orgs == (67, 20) and members == (103, 81)
        provincial = {(x.kind, x.subject): x for x in report["inspections"] if x.level == "provincial"}
        assert provincial[("signs_of_violation", "organization")].change == Decimal("262.50")
        totals = queries.case_totals(scope, D(2020, 10, 1), D(2025, 9, 30))
        assert totals == {"cases": 22, "incidents": 3, "defendants": 113, "monitored_cases": 11,
                          "monitored_incidents": 3}
        assert CorruptionCase.objects.filter(opened_on__lt=D(2020, 10, 1)).count() == 15

