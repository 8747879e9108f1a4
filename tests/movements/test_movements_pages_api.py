import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user
from mandate.movements import services
from mandate.movements.models import Movement, RegistrationState
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit

TODAY = datetime.date(2023, 3, 1)  # as set by the registration_day fixture


def add_units_with_tasks(tree, movement, n, start):
    """n more communes under the city, each registering 2 tasks, one approved."""
    for i in range(start, start + n):
        unit = create_unit(code=f"commune-{i}", name_vi=f"Xã Số {i}", kind=UnitKind.COMMUNE, parent=tree.city)
        for j in range(2):
            r = services.register_task(actor=None, movement=movement, unit=unit, title=f"Việc {i}.{j}",
                                       deadline=TODAY + datetime.timedelta(days=20 + j), registered_on=TODAY)
            if j == 0:
                services.approve_registration(r, actor=None, decided_on=TODAY)


def counted(client, url):
    client.get(url)
    with QueryCounter() as qc:
        response = client.get(url)
    assert response.status_code == 200
    return qc.count


@pytest.mark.parametrize("page", ["list", "detail", "unit", "api-movements", "api-registrations"])
def test_queries_do_not_grow(client, tree, users, movement, page):
    client.force_login(users["city_approver"])
    urls = {
        "list": reverse("movements:list"),
        "detail": movement.get_absolute_url(),
        "unit": reverse("movements:unit_results", args=[movement.pk, tree.hoang_dong.pk]),
        "api-movements": "/api/v1/movements/",
        "api-registrations": "/api/v1/movement-registrations/",
    }
    add_units_with_tasks(tree, movement, 1, 0)
    hoang_dong = [services.register_task(actor=None, movement=movement, unit=tree.hoang_dong, title=f"HD {i}",
                                         deadline=TODAY + datetime.timedelta(days=5), registered_on=TODAY)
                  for i in range(3)]
    services.approve_registration(hoang_dong[0], actor=None, decided_on=TODAY)
    few = counted(client, urls[page])
    add_units_with_tasks(tree, movement, 14, 1)
    for i in range(2):  # more movements for the list
        services.launch_movement(actor=None, organizer=tree.city, document=movement.document, title=f"M{i}",
                                 registration_deadline=TODAY, eligible_kinds=["commune"])
    for r in movement.registrations.filter(unit=tree.hoang_dong, state=RegistrationState.PENDING)[:2]:
        services.approve_registration(r, actor=None, decided_on=TODAY)
    assert counted(client, urls[page]) == few


def test_register_through_page_and_fourth_refused_keeps_input(client, tree, users, movement):
    client.force_login(users["hd_reporter"])
    url = movement.get_absolute_url()
    for i in range(3):
        response = client.post(url, {"action": "register", "unit": tree.hoang_dong.pk, "title": f"Việc {i}",
                                     "deadline": "2023-06-10"})
        assert response.status_code == 302
    response = client.post(url, {"action": "register", "unit": tree.hoang_dong.pk, "title": "Xây nhà văn hóa",
                                 "deadline": "2023-06-10", "expected_result": "Khánh thành"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already registered 3 tasks" in html
    assert 'value="Xây nhà văn hóa"' in html and "Khánh thành" in html
    assert movement.registrations.count() == 3


def test_ineligible_unit_told_why(client, tree, movement):
    department_reporter = make_user("dept", tree.department, Role.REPORTER)
    client.force_login(department_reporter)
    response = client.get(movement.get_absolute_url())
    assert response.status_code == 404  # the department is outside the city: it does not see the movement
    city_reporter = make_user("city-rep", tree.city, Role.REPORTER)
    client.force_login(city_reporter)
    html = client.get(movement.get_absolute_url()).content.decode()
    assert 'data-testid="registration-form"' in html  # may register for its communes and wards


def test_organizer_approves_on_page_and_unit_cannot(client, tree, users, movement, register):
    registration = register(users["hd_reporter"], tree.hoang_dong)
    client.force_login(users["hd_reporter"])
    assert client.post(registration.get_absolute_url(), {"version": 1, "decision": "approve"}).status_code == 403
    client.force_login(users["city_approver"])
    response = client.post(registration.get_absolute_url(), {"version": 1, "decision": "approve"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.task is not None
    html = client.get(registration.get_absolute_url()).content.decode()
    assert 'data-testid="task-link"' in html and 'data-testid="history"' in html
    # A second decision made from the same stale page is refused with an explanation.
    response = client.post(registration.get_absolute_url(), {"version": 1, "decision": "reject", "comment": "x"})
    assert "Someone else changed this record" in response.content.decode()


def test_unit_results_visibility(client, tree, users, movement, register):
    register(users["mp_reporter"], tree.mai_pha)
    client.force_login(users["hd_reporter"])
    assert client.get(reverse("movements:unit_results", args=[movement.pk, tree.mai_pha.pk])).status_code == 404
    client.force_login(users["mp_reporter"])
    html = client.get(reverse("movements:unit_results", args=[movement.pk, tree.mai_pha.pk])).content.decode()
    assert "Mở rộng đường trục thôn" in html


def test_api_register_approve_and_permissions(tree, users, movement):
    api = APIClient()
    api.force_authenticate(users["hd_reporter"])
    payload = {"movement": movement.pk, "unit": tree.hoang_dong.pk, "title": "Rãnh thoát nước", "deadline": "2023-06-10"}
    for _ in range(3):
        assert api.post("/api/v1/movement-registrations/", payload, format="json").status_code == 201
    fourth = api.post("/api/v1/movement-registrations/", payload, format="json")
    assert fourth.status_code == 400 and "at most 3" in fourth.json()["detail"]
    other = api.post("/api/v1/movement-registrations/", {**payload, "unit": tree.mai_pha.pk}, format="json")
    assert other.status_code == 400  # Mai Pha is outside the reporter's subtree
    pk = api.get("/api/v1/movement-registrations/").json()["results"][0]["id"]
    assert api.post(f"/api/v1/movement-registrations/{pk}/approve/", {}, format="json").status_code == 403
    api.force_authenticate(users["city_approver"])
    approved = api.post(f"/api/v1/movement-registrations/{pk}/approve/?as_of=2023-03-01", {"version": 1}, format="json")
    assert approved.status_code == 200 and approved.json()["task_state"] == "not_started"
    again = api.post(f"/api/v1/movement-registrations/{pk}/approve/", {"version": 1}, format="json")
    assert again.status_code == 409
    listed = api.get(f"/api/v1/movements/{movement.pk}/").json()
    assert listed["tasks_registered"] == 3 and listed["tasks_approved"] == 1


def test_api_launch_and_commend(tree, users, plan_129):
    api = APIClient()
    api.force_authenticate(users["hd_reporter"])
    payload = {"title": "Thi đua", "document": plan_129.pk, "organizer": tree.city.pk,
               "registration_deadline": "2023-04-01", "eligible_kinds": ["commune"]}
    assert api.post("/api/v1/movements/", payload, format="json").status_code == 400  # city not visible to them
    api.force_authenticate(users["city_approver"])
    response = api.post("/api/v1/movements/", payload, format="json")
    assert response.status_code == 201, response.content
    movement = Movement.objects.get(pk=response.json()["id"])
    bad = api.post("/api/v1/commendations/", {"movement": movement.pk, "recipient": "Xã Hoàng Đồng",
                                              "kind": "emulation_flag", "level": "city", "awarded_on": "2023-07-01",
                                              "decision_number": "12 QĐ"}, format="json")
    assert bad.status_code == 400 and "decision_number" in bad.json()


def _rules(movement, **changes):
    data = {"title": movement.title, "occasion": movement.occasion, "occasion_date": "2023-04-30",
            "registration_deadline": "2023-03-20", "eligible_kinds": list(movement.eligible_kinds),
            "min_tasks": 1, "max_tasks": 3, "description": "", "version": movement.version}
    data.update(changes)
    return data


def test_organizer_extends_registration_deadline(client, users, movement):
    client.force_login(users["city_approver"])
    url = reverse("movements:edit", args=[movement.pk])
    assert 'data-testid="edit-movement"' in client.get(movement.get_absolute_url()).content.decode()
    response = client.post(url, _rules(movement, registration_deadline="2023-03-25"))
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.registration_deadline == datetime.date(2023, 3, 25)
    assert movement.history.latest().history_user == users["city_approver"]


def test_bad_or_stale_rules_refused_and_input_kept(client, users, movement):
    client.force_login(users["city_approver"])
    url = reverse("movements:edit", args=[movement.pk])
    response = client.post(url, _rules(movement, min_tasks=3, max_tasks=2, title="Tiêu đề đang gõ"))
    assert response.status_code == 200
    assert "cannot be smaller than the minimum" in response.content.decode()
    assert "Tiêu đề đang gõ" in response.content.decode()
    stale = movement.version
    client.post(url, _rules(movement, max_tasks=4))
    response = client.post(url, _rules(movement, max_tasks=5, version=stale))
    assert "Someone else changed this record" in response.content.decode()
    movement.refresh_from_db()
    assert movement.max_tasks == 4


def test_commune_reporter_cannot_change_rules(client, tree, movement, chi_lang_reporter):
    client.force_login(chi_lang_reporter)
    url = reverse("movements:edit", args=[movement.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _rules(movement, max_tasks=9)).status_code == 403
    movement.refresh_from_db()
    assert movement.max_tasks == 3
