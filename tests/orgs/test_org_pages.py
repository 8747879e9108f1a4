import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mandate.core.testing import QueryCounter
from mandate.orgs.models import OrgUnit, Succession, UnitKind
from mandate.orgs.services import create_unit, rename_unit, reorganize_merge, reorganize_split, version_token
from mandate.targets.rollups import end_of_day
from mandate.targets.services import (
    approve_value,
    create_target,
    enter_value,
    record_decision_time,
    set_allocation,
)

pytestmark = pytest.mark.django_db
TREE = reverse("orgs:tree")
BEFORE, AFTER = "2025-03-01", "2025-09-01"
JULY_1 = datetime.date(2025, 7, 1)


def _approved(users, target, unit, period, value, reporter):
    rv = enter_value(actor=reporter, target=target, org_unit=unit, period=period, value=value, submit=True)
    rv = approve_value(rv, actor=users["admin"], expected_version=rv.version)
    rv = record_decision_time(rv, decided_at=end_of_day(datetime.date(2024, 1, 10)))


def _codes(response):
    return [u.code for kind, u in response.context["tokens"] if kind == "li"]


def test_tree_as_of_shows_old_units_before_and_merged_ward_after(client, users, tree):
    reorganize_merge(actor=users["admin"], predecessors=[tree.hoang_dong, tree.mai_pha, tree.chi_lang],
                     effective_on=JULY_1, new_unit={"code": "tam-thanh", "name_vi": "Phường Tam Thanh",
                                                    "name_en": "", "kind": UnitKind.WARD,
                                                    "parent": tree.province})
    client.force_login(users["viewer"])
    before = _codes(client.get(TREE, {"as_of": BEFORE}))
    assert before == ["lang-son", "lang-son-city", "hoang-dong", "mai-pha", "chi-lang", "dept-finance"]
    after = client.get(TREE, {"as_of": AFTER})
    assert _codes(after) == ["lang-son", "dept-finance", "tam-thanh"]
    html = after.content.decode().split('data-testid="org-tree"')[1].split("</div>")[0]
    assert html.count('<ul role="group">') == html.count("</ul>") == 2
    assert html.count("<li ") == html.count("</li>") == 3
    assert html.count("<details") == html.count("</details>") == 1  # the province folds open and shut


def test_tree_is_restricted_to_the_subtree(client, users, tree):
    client.force_login(users["hd_reporter"])
    assert _codes(client.get(TREE, {"as_of": BEFORE})) == ["hoang-dong"]


def test_commune_user_cannot_open_another_commune(client, users, tree):
    client.force_login(users["hd_reporter"])
    assert client.get(tree.mai_pha.get_absolute_url()).status_code == 404
    assert client.get(tree.hoang_dong.get_absolute_url()).status_code == 200


def test_unit_page_shows_children_values_shares_and_rollup(client, users, tree, plan):
    t = create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Đảng viên mới",
                      unit_of_measure="đảng viên", value=50, comparator="at_least", period="2023")
    set_allocation(actor=users["admin"], target=t, org_unit=tree.hoang_dong, value=20)
    _approved(users, t, tree.hoang_dong, "2023", 30, users["hd_reporter"])
    _approved(users, t, tree.mai_pha, "2023", 12, users["mp_reporter"])
    client.force_login(users["city_approver"])
    response = client.get(tree.city.get_absolute_url(), {"as_of": BEFORE})
    (row,) = response.context["rows"]
    assert row.actual == 42
    children = {c["unit"].code: c for c in row.children}
    assert children["hoang-dong"]["actual"] == 30 and children["hoang-dong"]["status"] == "achieved"
    assert children["mai-pha"]["actual"] == 12 and children["mai-pha"]["share"] is None
    assert children["chi-lang"]["actual"] is None
    html = response.content.decode()
    assert plan.number in html
    # As the page writes them: the value, the share broken down to the unit, its status.
    assert re.search(r'data-code="hoang-dong"><a href="[^"]+">[^<]+</a>: 30 / 20 <span class="status status-achieved"',
                     html)
    assert re.search(r'data-code="mai-pha"><a href="[^"]+">[^<]+</a>: 12</li>', html)
    assert re.search(r'data-code="chi-lang"><a href="[^"]+">[^<]+</a>: —</li>', html)


def test_values_before_a_merger_count_under_the_successor_page(client, users, tree, plan):
    t = create_target(actor=users["admin"], document=plan, org_unit=tree.province, indicator="Khách du lịch",
                      unit_of_measure="lượt", value=1000, period="2021-2030")
    _approved(users, t, tree.hoang_dong, "2024", 100, users["hd_reporter"])
    _approved(users, t, tree.mai_pha, "2024", 50, users["mp_reporter"])
    ward = reorganize_merge(actor=users["admin"], predecessors=[tree.hoang_dong, tree.mai_pha, tree.chi_lang],
                            effective_on=JULY_1, new_unit={"code": "tam-thanh", "name_vi": "Phường Tam Thanh",
                                                           "name_en": "", "kind": UnitKind.WARD,
                                                           "parent": tree.province})
    client.force_login(users["admin"])
    province = client.get(tree.province.get_absolute_url(), {"as_of": AFTER})
    (row,) = province.context["rows"]
    assert {c["unit"].code: c["actual"] for c in row.children} == {"dept-finance": None, "tam-thanh": 150}
    page = client.get(ward.get_absolute_url(), {"as_of": AFTER}).content.decode()
    assert page.count('data-testid="merged-from"') == 3
    old = client.get(tree.hoang_dong.get_absolute_url(), {"as_of": AFTER})
    html = old.content.decode()
    assert 'data-testid="not-existing"' in html and "?as_of=2025-06-30" in html
    assert 'data-testid="became"' in html


def _grow(users, plan, parent, n, prefix):
    for i in range(n):
        unit = create_unit(code=f"{prefix}-{i}", name_vi=f"Thôn {prefix} {i}", kind=UnitKind.VILLAGE, parent=parent)
        t = create_target(actor=users["admin"], document=plan, org_unit=parent, indicator=f"Chỉ tiêu {prefix} {i}",
                          unit_of_measure="hộ", value=10, period="2023")
        set_allocation(actor=users["admin"], target=t, org_unit=unit, value=1)
        _approved(users, t, unit, "2023", i, users["admin"])


def test_tree_and_unit_page_query_counts_do_not_grow(client, users, tree, plan):
    client.force_login(users["admin"])
    _grow(users, plan, tree.department, 3, "a")
    url = tree.department.get_absolute_url()
    with QueryCounter() as small_tree:
        client.get(TREE)
    with QueryCounter() as small_unit:
        client.get(url)
    _grow(users, plan, tree.department, 27, "b")
    with QueryCounter() as big_tree:
        assert len(_codes(client.get(TREE))) == 32
    with QueryCounter() as big_unit:
        response = client.get(url)
    assert len(response.context["rows"]) == 30 and len(response.context["children"]) == 30
    assert big_tree.count == small_tree.count
    assert big_unit.count == small_unit.count, (small_unit.count, big_unit.count)


def test_admin_creates_and_renames_a_unit_and_stale_edit_is_refused(client, users, tree):
    client.force_login(users["admin"])
    response = client.post(reverse("orgs:add", args=[tree.department.pk]),
                           {"code": "phong-ns", "name_vi": "Phòng Ngân sách", "kind": UnitKind.OTHER})
    unit = OrgUnit.objects.get(code="phong-ns")
    assert response.status_code == 302 and unit.parent == tree.department
    stale = version_token(unit)
    rename_unit(unit, actor=users["admin"], name_vi="Phòng Ngân sách tỉnh", name_en="", expected_version=stale)
    response = client.post(reverse("orgs:edit", args=[unit.pk]),
                           {"name_vi": "Tên khác", "name_en": "Other", "version": stale})
    assert response.status_code == 200
    assert "Someone else changed this unit" in response.content.decode()
    assert 'value="Tên khác"' in response.content.decode()
    unit.refresh_from_db()
    assert unit.name_vi == "Phòng Ngân sách tỉnh"


def test_duplicate_code_keeps_the_form(client, users, tree):
    client.force_login(users["admin"])
    response = client.post(reverse("orgs:add", args=[tree.department.pk]),
                           {"code": "mai-pha", "name_vi": "Trùng mã", "kind": UnitKind.OTHER})
    assert response.status_code == 200
    assert "already has the code" in response.content.decode() and "Trùng mã" in response.content.decode()


def test_merge_form_and_split_form(client, users, tree):
    client.force_login(users["admin"])
    response = client.post(reverse("orgs:merge", args=[tree.hoang_dong.pk]) + "?as_of=" + BEFORE, {
        "predecessors": [tree.hoang_dong.pk, tree.mai_pha.pk], "effective_on": "2025-03-10",
        "successor": tree.chi_lang.pk, "legal_basis": "1246/NQ-UBTVQH15"})
    assert response.status_code == 302, response.content.decode()
    assert set(Succession.objects.filter(successor=tree.chi_lang).values_list("predecessor__code", flat=True)) == {
        "hoang-dong", "mai-pha"}
    response = client.post(reverse("orgs:split", args=[tree.department.pk]), {
        "effective_on": "2026-01-01", "new_units": "so-tc-a; Sở A\nso-tc-b; Sở B; Department B"})
    assert response.status_code == 302, response.content.decode()
    assert OrgUnit.objects.get(code="so-tc-b").valid_from == datetime.date(2026, 1, 1)
    tree.department.refresh_from_db()
    assert tree.department.valid_to == datetime.date(2026, 1, 1)


def test_split_form_reports_bad_lines(client, users, tree):
    client.force_login(users["admin"])
    response = client.post(reverse("orgs:split", args=[tree.department.pk]),
                           {"effective_on": "2026-01-01", "new_units": "only-one"})
    assert response.status_code == 200 and "Line 1" in response.content.decode()


def test_reorganizations_need_the_administrator_role(users, tree):
    with pytest.raises(PermissionDenied):
        reorganize_merge(actor=users["city_approver"], predecessors=[tree.hoang_dong, tree.mai_pha],
                         successor=tree.chi_lang, effective_on=datetime.date(2025, 3, 10))
    with pytest.raises(PermissionDenied):
        reorganize_split(actor=users["hd_reporter"], predecessor=tree.hoang_dong, effective_on=JULY_1,
                         new_units=[{"code": "x1", "name_vi": "X1"}, {"code": "x2", "name_vi": "X2"}])
    assert not OrgUnit.objects.filter(code__in=["x1", "x2"]).exists()


def test_admin_lists_units_read_only(client, tree):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="a-Long-test-pass-42"))
    response = client.get("/admin/orgs/orgunit/")
    assert response.status_code == 200 and "Xã Mai Pha" in response.content.decode()
    assert client.get("/admin/orgs/orgunit/add/").status_code == 403
