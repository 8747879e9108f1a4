import datetime

import pytest
from rest_framework.test import APIClient

from mandate.core.testing import QueryCounter
from mandate.tasks.models import ProgressReport, Task

pytestmark = pytest.mark.django_db
D = datetime.date


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_list_is_subtree_only_with_state_as_of(make_task, users, tree):
    make_task(title="Của Hoàng Đồng", deadline=D(2023, 6, 15))
    make_task(title="Của Mai Phả", lead_unit=tree.mai_pha)
    data = api(users["hd_reporter"]).get("/api/v1/tasks/", {"as_of": "2023-06-16"}).json()
    assert [t["title"] for t in data["results"]] == ["Của Hoàng Đồng"]
    assert data["results"][0]["state"] == "overdue"
    data = api(users["city_approver"]).get("/api/v1/tasks/", {"as_of": "2023-06-15", "state": "not_started"}).json()
    assert data["count"] == 2
    other = Task.objects.get(title="Của Mai Phả")
    assert api(users["hd_reporter"]).get(f"/api/v1/tasks/{other.pk}/").status_code == 404


def test_create_and_assign_many_need_approver(users, tree, plan):
    body = {"title": "Vận động hiến đất mở đường", "lead_unit": tree.hoang_dong.pk, "assigning_unit": tree.city.pk,
            "deadline": "2099-06-15", "source_document": plan.pk, "coordinating_units": [tree.mai_pha.pk]}
    assert api(users["hd_reporter"]).post("/api/v1/tasks/", body, format="json").status_code == 403
    response = api(users["city_approver"]).post("/api/v1/tasks/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["coordinating_units"] == [tree.mai_pha.pk] and response.json()["version"] == 1
    response = api(users["city_approver"]).post("/api/v1/tasks/assign-many/", {
        "title": "Xã đạt chuẩn y tế", "assigning_unit": tree.city.pk, "deadline": "2099-12-31",
        "source_document": plan.pk, "parent": tree.city.pk, "kinds": ["commune", "ward"],
        "assigned_on": "2023-03-01"}, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()) == 3 and len({t["batch"] for t in response.json()}) == 1
    response = api(users["city_approver"]).post("/api/v1/tasks/", {**body, "source_document": None},
                                                format="json")
    assert response.status_code == 400 and "source_note" in response.json()


def test_update_with_stale_version_is_409(make_task, users):
    task = make_task()
    client = api(users["city_approver"])
    assert client.patch(f"/api/v1/tasks/{task.pk}/", {"version": 1, "title": "Mới"}, format="json").status_code == 200
    response = client.patch(f"/api/v1/tasks/{task.pk}/", {"version": 1, "title": "Cũ"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert api(users["hd_reporter"]).patch(f"/api/v1/tasks/{task.pk}/", {"version": 2, "title": "X"},
                                           format="json").status_code == 403


def test_two_reports_on_the_same_version_second_refused(make_task, users, tree, upload):
    task = make_task(coordinating_units=[tree.mai_pha])
    url = f"/api/v1/tasks/{task.pk}/reports/"
    first = api(users["hd_reporter"]).post(url, {"version": 1, "percent": 30, "narrative": "Đợt 1",
                                                 "files": [upload()]}, format="multipart")
    assert first.status_code == 201, first.json()
    assert first.json()["task_version"] == 2 and first.json()["report"]["evidence"][0]["original_name"] == "bien-ban.pdf"
    second = api(users["mp_reporter"]).post(url, {"version": 1, "percent": 50}, format="json")
    assert second.status_code == 409 and "Someone else changed this record" in second.json()["detail"]
    assert api(users["viewer"]).post(url, {"version": 2, "percent": 50}, format="json").status_code == 403
    bad = api(users["hd_reporter"]).post(url, {"version": 2, "percent": 5, "files": [upload("x.exe", b"MZ")]},
                                         format="multipart")
    assert bad.status_code == 400 and "files" in bad.json()
    assert [r["percent"] for r in api(users["viewer"]).get(url).json()] == [30]


def test_extension_request_and_decision(make_task, users):
    task = make_task(deadline=D(2099, 6, 15))
    response = api(users["hd_reporter"]).post(f"/api/v1/tasks/{task.pk}/extensions/", {
        "version": 1, "reason": "Chờ bố trí vốn", "proposed_deadline": "2099-09-30"}, format="json")
    assert response.status_code == 201
    ext = response.json()
    url = f"/api/v1/task-extensions/{ext['id']}/decide/"
    assert api(users["hd_reporter"]).post(url, {"version": 1, "decision": "grant"}, format="json").status_code == 403
    response = api(users["city_approver"]).post(url, {"version": 1, "decision": "grant"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "granted"
    task = api(users["hd_reporter"]).get(f"/api/v1/tasks/{task.pk}/").json()
    assert (task["original_deadline"], task["deadline"]) == ("2099-06-15", "2099-09-30")
    again = api(users["city_approver"]).post(url, {"version": 1, "decision": "refuse", "comment": "x"}, format="json")
    assert again.status_code == 409


@pytest.mark.parametrize("url", ["/api/v1/tasks/", "/api/v1/task-reports/", "/api/v1/task-extensions/"])
def test_api_lists_query_count_does_not_grow(make_task, users, tree, url):
    client = api(users["city_approver"])

    def add(n):
        for i in range(n):
            task = make_task(title=f"Việc {i}", coordinating_units=[tree.mai_pha], deadline=D(2099, 1, 1))
            ProgressReport.objects.create(task=task, org_unit=tree.hoang_dong, percent=10)
            task.extensions.create(reason="r", previous_deadline=task.deadline, proposed_deadline=D(2099, 2, 1))

    add(2)
    with QueryCounter() as few:
        assert client.get(url).status_code == 200
    add(20)
    with QueryCounter() as many:
        response = client.get(url)
    assert response.json()["count"] == 22
    assert many.count == few.count
