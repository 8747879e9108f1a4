"""The org tree over the API."""

import datetime

import pytest

from mandate.orgs.models import OrgUnit, UnitKind
from mandate.orgs.services import create_unit, record_merger


@pytest.fixture
def merger(tree):
    """Two villages of Hoang Dong merged into a new one on 1 December 2024."""
    a = create_unit(code="thon-a", name_vi="Thôn Pò Mỏ", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    b = create_unit(code="thon-b", name_vi="Thôn Khòn Khẻ", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
    merged = create_unit(code="thon-ab", name_vi="Thôn Pò Mỏ Khòn Khẻ", kind=UnitKind.VILLAGE,
                         parent=tree.hoang_dong, valid_from=datetime.date(2024, 12, 1),
                         valid_to=datetime.date(2025, 7, 1))
    record_merger(predecessors=[a, b], successor=merged, effective_on=datetime.date(2024, 12, 1),
                  legal_basis="Nghị quyết 1246/NQ-UBTVQH15")
    return a, b, merged


def test_list_by_day(api, more_users, merger):
    a, b, merged = merger
    client = api(more_users["hd_reporter"])
    codes = lambda day: {u["code"] for u in client.get("/api/v1/org-units/", {"valid_on": day}).json()["results"]}  # noqa: E731
    assert codes("2024-06-01") == {"hoang-dong", "thon-a", "thon-b"}
    assert codes("2025-01-01") == {"hoang-dong", "thon-ab"}
    assert codes("2025-08-01") == set()  # the commune closed with the district level on 1 July 2025


def test_unit_with_its_successions(api, more_users, merger):
    a, b, merged = merger
    client = api(more_users["hd_reporter"])
    body = client.get(f"/api/v1/org-units/{merged.pk}/").json()
    assert (body["depth"], body["valid_from"], body["kind"]) == (3, "2024-12-01", "village")
    assert [(s["predecessor"]["code"], s["successor"]["code"], s["kind"], s["effective_on"])
            for s in body["successions"]] == [("thon-a", "thon-ab", "merger", "2024-12-01"),
                                              ("thon-b", "thon-ab", "merger", "2024-12-01")]
    body = client.get(f"/api/v1/org-units/{a.pk}/").json()
    assert [(s["successor"]["code"], s["legal_basis"]) for s in body["successions"]] == [
        ("thon-ab", "Nghị quyết 1246/NQ-UBTVQH15")]
    assert body["valid_to"] == "2024-12-01"


def test_an_administrator_creates_units_below_their_unit(api, tree, more_users):
    payload = {"code": "thon-na-lan", "name_vi": "Thôn Nà Làn", "kind": "village", "parent": tree.mai_pha.pk,
               "valid_from": "2024-01-01"}
    response = api(more_users["city_approver"]).post("/api/v1/org-units/", payload, format="json")
    assert response.status_code == 403
    response = api(more_users["admin"]).post("/api/v1/org-units/", payload, format="json")
    assert response.status_code == 201, response.content
    unit = OrgUnit.objects.get(code="thon-na-lan")
    assert (response.json()["id"], unit.parent, unit.depth) == (unit.pk, tree.mai_pha, 3)
    response = api(more_users["admin"]).post("/api/v1/org-units/", payload, format="json")
    assert response.status_code == 400 and "code" in response.json()


def test_the_service_checks_dates_against_the_parent(api, tree, more_users):
    response = api(more_users["admin"]).post("/api/v1/org-units/", {
        "code": "thon-moi", "name_vi": "Thôn Mới", "kind": "village", "parent": tree.mai_pha.pk,
        "valid_from": "2025-09-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The parent unit no longer exists on that date."


def test_only_a_superuser_creates_a_root(api, more_users):
    response = api(more_users["admin"]).post("/api/v1/org-units/", {
        "code": "tinh-moi", "name_vi": "Tỉnh Mới", "kind": "province", "parent": None}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only a superuser can create a unit at the top of the tree."
