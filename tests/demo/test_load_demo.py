import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from mandate.demo.models import DemoDataset
from mandate.documents.models import DirectiveDocument, DocumentState
from mandate.orgs.models import OrgUnit, Succession
from mandate.targets import services as target_services
from mandate.targets.evaluation import evaluate_for_unit
from mandate.targets.models import ReportedValue, Target, ValueState
from mandate.targets.rollups import target_rollups
from mandate.targets.status import Status
from mandate.tasks.models import Task


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
