"""The demo data set, loaded once for the whole module (tests/conftest.py: demo_world):
what load_demo prints and leaves, the government side, and what each domain's loader made of
the seeds (meetings and conferences, Party building, elections and the portal). One module,
so that the demo is loaded once for all of them rather than once per domain."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client

from mandate.demo.models import DemoDataset
from mandate.documents.models import DirectiveDocument, DocumentState
from mandate.elections import queries as election_queries
from mandate.elections.models import BodyKind, Candidate, Constituency, Election
from mandate.meetings.models import Conclusion, Conference, Meeting, Outcome
from mandate.meetings.queries import follow_up, submission_rows, visible_items
from mandate.orgs.models import OrgUnit, Succession, UnitKind
from mandate.party import queries as party_queries
from mandate.party.models import CorruptionCase, PartyMember, QuotaRefusal, RatingCampaign
from mandate.portal.models import Publication
from mandate.targets import services as target_services
from mandate.targets.evaluation import evaluate_for_unit, evaluate_targets
from mandate.targets.models import ReportedValue, Target, ValueState
from mandate.targets.rollups import target_rollups
from mandate.targets.status import Status
from mandate.tasks.models import Task
from mandate.tasks.state import TaskState

D = datetime.date


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(demo_loaded):
    """The demo, loaded once for this module (tests/conftest.py: demo_world)."""
    return demo_loaded


def test_load_prints_the_accounts_and_leaves_the_marker(demo):
    for username in ("province-admin", "city-approver", "hoangdong-reporter", "province-viewer"):
        assert username in demo
    assert "mandate-demo" in demo
    assert DemoDataset.objects.count() == 1
    # The other apps' loaders found the foundation's units instead of creating their own.
    assert OrgUnit.objects.filter(name_vi="Xã Hoàng Đồng").count() == 1
    assert OrgUnit.objects.filter(name_vi__startswith="Thành ủy").count() == 1
    assert Task.objects.filter(is_demo=True).exists()
    assert DirectiveDocument.objects.get(number="62-NQ/TU").state == DocumentState.REPLACED


def test_second_run_skips(demo):
    counts = (OrgUnit.objects.count(), ReportedValue.objects.count(), Task.objects.count())
    out = load()
    assert "already loaded" in out
    assert (OrgUnit.objects.count(), ReportedValue.objects.count(), Task.objects.count()) == counts
    assert DemoDataset.objects.count() == 1


def test_province_evaluation_shows_every_status(demo):
    province = OrgUnit.objects.get(code="lang-son")
    statuses = {row.status for row in evaluate_for_unit(province, datetime.date.today())}
    assert statuses == set(Status.ALL)


def test_2023_figures_as_seen_in_2023(demo):
    """Approvals were back-dated: at the end of 2023 the year's figures were mostly not yet approved."""
    city = OrgUnit.objects.get(code="lang-son-city")
    members = Target.objects.get(org_unit=city, indicator__startswith="Kết nạp")
    mid_2023 = evaluate_for_unit(city, datetime.date(2023, 7, 31))
    row = next(r for r in mid_2023 if r.target == members)
    assert row.actual == 17 + 15 + 18 + 14 + 16 + 13 + 11 + 11  # the H1 figures, approved in July
    assert row.status == Status.AT_RISK


def test_demo_password_works_only_while_loaded(demo):
    assert authenticate(username="city-approver", password="mandate-demo") is not None
    DemoDataset.objects.all().delete()
    assert authenticate(username="city-approver", password="mandate-demo") is None


def test_old_units_2023_values_count_under_the_new_wards(demo):
    ky_lua = OrgUnit.objects.get(code="ky-lua")
    assert set(Succession.objects.filter(successor=ky_lua).values_list("predecessor__code", flat=True)) == {
        "hoang-dong", "mai-pha"}
    assert not OrgUnit.objects.get(code="lang-son-city").is_valid_on(datetime.date(2025, 7, 1))
    members = Target.objects.get(indicator__startswith="Kết nạp", period_label="2023")
    rollup = target_rollups([members.pk], datetime.date.today(), ky_lua)[members.pk]
    assert rollup.total == 27 + 21  # Hoang Dong's and Mai Pha's 2023 year figures
    assert rollup.reporting == 2


def test_hoangdong_reporter_can_report_and_city_approver_approve(demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    hoang_dong = OrgUnit.objects.get(code="hoang-dong")
    target = Target.objects.get(period_label="2025-H1")
    rv = target_services.enter_value(actor=users.get(username="hoangdong-reporter"), target=target,
                                     org_unit=hoang_dong, period="2025-Q2", value=81, submit=True)
    rv = target_services.approve_value(rv, actor=users.get(username="city-approver"), expected_version=rv.version)
    assert rv.state == ValueState.APPROVED


def test_app_loaders_run_in_their_order():
    from mandate.demo.loader import demo_modules

    modules = demo_modules()
    names = [m.__name__ for m in modules]
    assert "mandate.tasks.demo_data" in names
    orders = [getattr(m, "ORDER", 100) for m in modules]
    assert orders == sorted(orders)


def test_invented_data_is_marked(demo):
    assert not ReportedValue.objects.filter(is_demo=False).exists()
    assert set(Succession.objects.values_list("is_illustrative", flat=True)) == {True}
    assert "demo" in DirectiveDocument.objects.get(number="01-NQ/ĐU").summary
    assert OrgUnit.objects.filter(code="hoang-dong-hoang-thanh", is_illustrative=True).exists()


@pytest.mark.parametrize("username", ["province-admin", "city-approver", "hoangdong-reporter", "province-viewer"])
def test_demo_accounts_log_in_and_browse(demo, client, username):
    """The demo password logs in through the login page's backend and the main pages render
    over the demo data, today and as of mid-2023 (before the 1 July 2025 merger)."""
    from django.urls import reverse

    assert client.login(username=username, password="mandate-demo")
    pages = [reverse("reports:dashboard"), reverse("orgs:tree"), reverse("documents:list"), reverse("targets:values")]
    if username != "hoangdong-reporter":  # the city's plan and targets lie outside Hoang Dong's subtree
        members = Target.objects.get(indicator__startswith="Kết nạp", period_label="2023")
        document = DirectiveDocument.objects.get(number="150-KH/TU")
        pages += [reverse("documents:detail", args=[document.pk]), reverse("targets:detail", args=[members.pk])]
    if username in ("province-admin", "city-approver"):  # allocating is for approvers and administrators
        pages.append(reverse("targets:breakdown", args=[members.pk]))
    for as_of in ("today", "2023-07-31"):
        for url in pages:
            response = client.get(url, {"as_of": as_of})
            assert response.status_code == 200, (url, as_of, response.status_code)


def test_hoangdong_reporter_is_offered_the_2025_target(demo, client):
    """Hoang Dong's reporter, carried to Ky Lua ward by the merger, may still report Hoang
    Dong's share of the city's 2025-H1 target when viewing a day before the merger."""
    from django.urls import reverse

    assert client.login(username="hoangdong-reporter", password="mandate-demo")
    response = client.get(reverse("targets:value_new"), {"as_of": "2025-06-30"})
    assert response.status_code == 200
    offered = response.context["form"].fields["target"].queryset
    assert offered.filter(period_label="2025-H1").exists()
    assert response.context["form"].fields["org_unit"].queryset.filter(code="hoang-dong").exists()


def test_demo_accounts_can_do_their_job_today(demo, client):
    """On today's date the reporter reports for Ky Lua ward (Hoang Dong's successor) and the
    approver, moved to the province, approves it: no empty lists, no closed units."""
    from django.urls import reverse

    from mandate.accounts.models import Membership, MembershipTransfer
    from mandate.demo.foundation import ACCOUNTS

    # The foundation's four accounts (the party and meetings demos add their own, checked there).
    foundation_users = [username for username, _role, _code in ACCOUNTS]
    memberships = Membership.objects.filter(user__username__in=foundation_users)
    assert memberships.count() == len(foundation_users)  # one membership each, none left behind by the move
    units = dict(memberships.values_list("user__username", "org_unit__code"))
    assert units == {"province-admin": "lang-son", "city-approver": "lang-son", "hoangdong-reporter": "ky-lua",
                     "province-viewer": "lang-son"}
    moves = MembershipTransfer.objects.filter(user__username="hoangdong-reporter")
    assert moves.get().succession.predecessor.code == "hoang-dong"

    assert client.login(username="hoangdong-reporter", password="mandate-demo")
    page = client.get(reverse("targets:value_new"), {"as_of": "2026-11-30"})
    assert page.context["no_units"] is None and page.context["unit_notice"] == ""
    form = page.context["form"]
    assert list(form.fields["org_unit"].queryset.values_list("code", flat=True)) == ["ky-lua"]
    target = form.fields["target"].queryset.get(period_label="2026")
    response = client.post(reverse("targets:value_new") + "?as_of=2026-11-30", {
        "target": target.pk, "org_unit": OrgUnit.objects.get(code="ky-lua").pk, "period": "2026-Q3",
        "value": "79,5", "submit": "1"})
    assert response.status_code == 302, response.context["form"].errors
    rv = ReportedValue.objects.get(target=target, org_unit__code="ky-lua")
    assert rv.state == ValueState.SUBMITTED

    client.logout()
    assert client.login(username="city-approver", password="mandate-demo")
    response = client.post(reverse("targets:value_decide", args=[rv.pk]) + "?as_of=2026-11-30",
                           {"action": "approve", "version": rv.version, "comment": ""})
    assert response.status_code == 302
    rv.refresh_from_db()
    assert rv.state == ValueState.APPROVED


def test_a_past_target_of_a_closed_unit_stays_editable(demo, client):
    from django.urls import reverse

    target = Target.objects.get(indicator__startswith="Kết nạp", period_label="2023")
    assert client.login(username="city-approver", password="mandate-demo")
    url = reverse("targets:edit", args=[target.pk]) + "?as_of=2026-11-30"
    form = client.get(url).context["form"]
    assert form["org_unit"].value() == target.org_unit_id
    assert form.fields["org_unit"].queryset.filter(pk=target.org_unit_id).exists()
    data = {name: form[name].value() or "" for name in form.fields}
    data["indicator"] = "Kết nạp đảng viên mới (sửa)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    target.refresh_from_db()
    assert target.indicator.endswith("(sửa)") and target.org_unit.code == "lang-son-city"


def test_hoang_dong_sees_its_allocated_2023_shares(demo):
    hoang_dong = OrgUnit.objects.get(code="hoang-dong")
    rows = {row.target.indicator: row for row in evaluate_for_unit(hoang_dong, datetime.date(2024, 6, 30))}
    villages = rows["Thôn đạt chuẩn thôn kiểu mẫu"]
    assert villages.allocated and villages.status == Status.ACHIEVED
    members = rows["Kết nạp đảng viên mới"]
    assert members.allocated and members.goal_value == 26 and members.actual == 27
    assert members.status == Status.ACHIEVED


# --- Meetings and conferences ------------------------------------------------------------

def test_demo_meetings_and_conference(demo, django_user_model, client):
    m8 = Meeting.objects.get(number=8, held_on=datetime.date(2021, 5, 25))
    outcomes = list(Conclusion.objects.filter(item__meeting=m8).values_list("outcome", flat=True))
    assert outcomes.count(Outcome.CHANGE_ISSUER) == 2
    city = m8.items.get(title__contains="62-NQ/TU")
    assert city.conclusion.outcome == Outcome.RESUBMIT and city.conclusion.resubmit_next_meeting
    revised = city.resubmissions.get()
    assert revised.meeting.number == 9 and revised.issued_document.number == "40-NQ/TU"
    assert m8.notice.number == "195-TB/TU"
    as_of = datetime.date(2026, 11, 30)
    data = follow_up(m8.body, "2020-2025", as_of, django_user_model.objects.get(username="stc-secretary"))
    assert all(n >= 1 for _state, n in data["tasks"]), data["tasks"]
    assert Task.objects.filter(meeting_conclusion__isnull=False, source_document=m8.notice).count() == 5
    # The province viewer is no member: personnel and inspection items stay hidden.
    viewer = django_user_model.objects.get(username="province-viewer")
    assert set(visible_items(viewer).filter(meeting=m8).values_list("kind", flat=True)).isdisjoint(
        {"personnel", "inspection"})
    conference = Conference.objects.get(held_on=datetime.date(2025, 10, 30))
    rows, counts = submission_rows(conference, as_of)
    assert (counts["on_time"], counts["late"], counts["missing"]) == (3, 2, 3)
    client.force_login(django_user_model.objects.get(username="province-admin"))
    for url in [m8.get_absolute_url(), city.get_absolute_url() + "?a=1&b=2", conference.get_absolute_url(),
                f"/meetings/bodies/{m8.body_id}/follow-up/", "/meetings/"]:
        assert client.get(url).status_code == 200, url


# --- Party building -----------------------------------------------------------------------

def test_party_demo(demo):
    agencies = OrgUnit.objects.get(code="lang-son-party-agencies")
    check_organizations(agencies)
    check_admissions(agencies)
    check_ratings(agencies)
    check_term_report(agencies)


def check_organizations(agencies):
    kinds = (UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL)
    on_formation = OrgUnit.objects.valid_on(D(2025, 2, 10)).filter(parent=agencies, kind__in=kinds).count()
    now = OrgUnit.objects.valid_on(D(2026, 1, 1)).filter(parent=agencies, kind__in=kinds).count()
    assert (on_formation, now) == (21, 12)
    formed = {u.code: u.total for u in party_queries.member_counts(agencies, D(2025, 2, 10))}
    latest = {u.code: u.total for u in party_queries.member_counts(agencies, D(2026, 1, 1))}
    assert 550 <= formed[agencies.code] < 600
    assert 800 < latest[agencies.code] < 850
    assert PartyMember.objects.filter(is_demo=False).count() == 0


def check_admissions(agencies):
    per_year = party_queries.admissions_per_year(agencies.parent, 2021, 2025)
    assert per_year == {2021: 23, 2022: 24, 2023: 24, 2024: 25, 2025: 24}
    assert party_queries.admission_targets(agencies, 2025, 2025) == {2025: Decimal("22.0000")}


def check_ratings(agencies):
    campaign = RatingCampaign.objects.get(org_unit=agencies, year=2025)
    rows = {r.unit.code: r for r in party_queries.rating_results(campaign, agencies)}
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
    scope = agencies.parent  # the Provincial Party Committee: provincial and agencies' bodies
    report = party_queries.term_report(scope, D(2020, 10, 1), D(2025, 9, 30), D(2015, 10, 1))
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
    totals = party_queries.case_totals(scope, D(2020, 10, 1), D(2025, 9, 30))
    assert totals == {"cases": 22, "incidents": 3, "defendants": 113, "monitored_cases": 11,
                      "monitored_incidents": 3}
    assert CorruptionCase.objects.filter(opened_on__lt=D(2020, 10, 1)).count() == 15


# --- Elections and the public portal -------------------------------------------------------

@pytest.fixture
def election(demo_loaded):
    return Election.objects.get()


def test_demo_election_has_what_the_issue_asks(election):
    assert election.election_day == datetime.date(2026, 3, 15) and election.is_demo
    provincial = election.bodies.get(kind=BodyKind.PROVINCIAL_COUNCIL)
    rows, _checks = election_queries.constituency_rows(provincial)
    assert len(rows) >= 4 and all(r.candidates_ok for r in rows)
    assert [r.constituency.number for r in rows if r.structure_missed] == [3]
    assert all(u.is_valid_on(election.election_day) for c in Constituency.objects.all() for u in c.units.all())
    assert Candidate.objects.filter(is_demo=False).count() == 0
    counts = {c.constituency.number: c for c in election_queries.constituency_counts(provincial.constituencies.all())}
    assert all(c.complete for c in counts.values())
    assert [n for n, c in counts.items() if c.action == "supplementary"] == [4]
    national = election_queries.constituency_counts(election.bodies.get(kind=BodyKind.NATIONAL_ASSEMBLY).constituencies.all())
    assert not national[0].complete  # still being counted
    assert Publication.objects.filter(kind="results", is_public=True).count() == len(counts)
    batches = election.milestones.values_list("batch", flat=True)
    states = set(Task.objects.filter(batch__in=batches).with_state(datetime.date(2026, 3, 10))
                 .values_list("state", flat=True))
    assert states == {s.value for s in TaskState}


def test_demo_portal_shows_targets_and_results(election):
    client = Client()
    home = client.get("/public/?lang=vi").content.decode()
    assert "150-KH/TU" in home and election.name_vi in home
    page = client.get(f"/public/elections/{election.pk}/?lang=vi").content.decode()
    assert "bầu cử thêm" in page  # constituency 4, in Vietnamese
    assert client.get("/api/v1/public/results/").json()["count"] > 0
