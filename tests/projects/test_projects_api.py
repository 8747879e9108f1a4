import datetime

import pytest
from rest_framework.test import APIClient

from mandate.core.testing import QueryCounter
from mandate.projects import services


@pytest.fixture
def api():
    return APIClient()


def test_list_filters_and_figures(api, make_project, users):
    p = make_project("A", "2.000.000.000")
    services.record_disbursement(actor=users["admin"], project=p, paid_on=datetime.date(2023, 3, 1),
                                 amount="500.000.000")
    api.force_authenticate(users["admin"])
    data = api.get("/api/v1/projects/?as_of=2023-07-01").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["planned_capital"] == "2000000000" and row["disbursed"] == "500000000"
    assert row["disbursement_rate"] == 25.0
    assert api.get("/api/v1/projects/?at_risk=true&as_of=2023-02-01").json()["count"] == 0


@pytest.mark.parametrize("endpoint", ["projects", "disbursements", "milestones"])
def test_list_queries_do_not_grow(api, make_project, users, endpoint):
    def seed(n):
        for i in range(n):
            p = make_project(f"P{i}")
            services.record_disbursement(actor=users["admin"], project=p, paid_on=datetime.date(2023, 3, 1), amount=10)
            services.add_milestone(actor=users["admin"], project=p, title="M", deadline=datetime.date(2023, 4, 1))

    api.force_authenticate(users["admin"])
    seed(3)
    with QueryCounter() as few:
        assert api.get(f"/api/v1/{endpoint}/").status_code == 200
    seed(27)
    with QueryCounter() as many:
        assert len(api.get(f"/api/v1/{endpoint}/").json()["results"]) == 30
    assert many.count == few.count


def test_create_and_permissions(api, board, board_users, users):
    payload = {"name": "Chiếu sáng LED", "investor": board.pk, "plan_year": 2023, "planned_capital": "5.000.000.000",
               "started_on": "2023-01-01", "planned_completion": "2023-06-14"}
    api.force_authenticate(board_users["reporter"])
    assert api.post("/api/v1/projects/", payload, format="json").status_code == 403
    api.force_authenticate(board_users["approver"])
    response = api.post("/api/v1/projects/", payload, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    api.force_authenticate(users["hd_reporter"])  # outside the board's subtree
    assert api.get(f"/api/v1/projects/{pk}/").status_code == 404
    assert api.post("/api/v1/disbursements/", {"project": pk, "paid_on": "2023-02-01", "amount": 1},
                    format="json").status_code == 400
    api.force_authenticate(board_users["reporter"])
    response = api.post("/api/v1/disbursements/", {"project": pk, "paid_on": "2023-02-01", "amount": "1.000.000"},
                        format="json")
    assert response.status_code == 201, response.content
    response = api.post(f"/api/v1/projects/{pk}/site-clearance/", {"percent": 95, "as_of": "2023-05-01",
                                                                   "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["site_clearance_percent"] == "95"
    stale = api.post(f"/api/v1/projects/{pk}/site-clearance/", {"percent": 96, "as_of": "2023-05-02",
                                                                "version": 1}, format="json")
    assert stale.status_code == 409


def test_milestone_done_via_api(api, make_project, board_users, users):
    p = make_project()
    m = services.add_milestone(actor=users["admin"], project=p, title="M", deadline=datetime.date(2023, 4, 1))
    api.force_authenticate(board_users["reporter"])
    response = api.post(f"/api/v1/milestones/{m.pk}/done/?as_of=2023-07-01", {"done_on": "2023-04-03", "version": 1},
                        format="json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "done_late"
