"""Entering, changing, submitting, approving and returning values through the API."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from mandate.core.testing import QueryCounter
from mandate.targets.models import ReportedValue


def post(client, url, payload):
    return client.post(url, payload, format="json")


def test_enter_change_submit_approve(api, tree, more_users, admissions):
    reporter = api(more_users["hd_reporter"])
    response = post(reporter, "/api/v1/reported-values/", {"target": admissions.pk, "org_unit": tree.hoang_dong.pk,
                                                           "period": "2023", "value": "40,5", "note": "Quý I-III"})
    assert response.status_code == 201, response.content
    value = response.json()
    assert (value["state"], value["value"], value["version"]) == ("draft", "40.5", 1)

    url = f"/api/v1/reported-values/{value['id']}/"
    response = reporter.patch(url, {"version": 1, "value": 45}, format="json")
    assert response.status_code == 200
    assert (response.json()["value"], response.json()["version"]) == ("45", 2)

    response = post(reporter, url + "submit/", {"version": 2})
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_by"]["username"] == "hd-reporter"

    approver = api(more_users["city_approver"])
    response = post(approver, url + "approve/", {"version": 3, "comment": "Đúng số liệu"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["decided_by"]["username"], body["decision_comment"]) == (
        "approved", "city-approver", "Đúng số liệu")
    # The approved value now counts in the target's figure.
    assert approver.get(f"/api/v1/targets/{admissions.pk}/").json()["actual"] == "45"


def test_enter_and_submit_at_once(api, tree, more_users, admissions):
    response = post(api(more_users["hd_reporter"]), "/api/v1/reported-values/",
                    {"target": admissions.pk, "org_unit": tree.hoang_dong.pk, "period": "2023", "value": 12,
                     "submit": True})
    assert response.status_code == 201
    assert response.json()["state"] == "submitted"


def test_service_messages_come_back_per_field(api, tree, more_users, admissions):
    reporter = api(more_users["hd_reporter"])
    base = {"target": admissions.pk, "org_unit": tree.hoang_dong.pk}
    response = post(reporter, "/api/v1/reported-values/", {**base, "period": "năm nay", "value": 1})
    assert response.status_code == 400
    assert response.json()["period"][0].startswith("Write the period as a year (2023)")
    response = post(reporter, "/api/v1/reported-values/", {**base, "period": "2024", "value": 1})
    assert response.json()["errors"] == {"period": ["The period 2024 is outside the target's period 2023."]}
    response = post(reporter, "/api/v1/reported-values/", {**base, "period": "2023", "value": "nhiều"})
    assert response.json()["errors"] == {"value": ["Enter a number, for example 12 or 12.5."]}
    assert post(reporter, "/api/v1/reported-values/", {**base, "period": "2023", "value": 7}).status_code == 201
    response = post(reporter, "/api/v1/reported-values/", {**base, "period": "2023", "value": 8})
    assert response.status_code == 400
    assert response.json()["period"] == ["Hoang Dong commune already has a value for 2023 (draft). Open it to change it."]


def test_return_needs_a_comment_and_reopens_the_value(api, tree, more_users, admissions, submitted):
    value = submitted(admissions, tree.hoang_dong, more_users["hd_reporter"], 120)
    approver = api(more_users["city_approver"])
    url = f"/api/v1/reported-values/{value.pk}/return/"
    response = post(approver, url, {"version": value.version})
    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Say why the value is returned, so the reporter can correct it."]}
    response = post(approver, url, {"version": value.version, "comment": "Thiếu số liệu quý IV"})
    assert response.status_code == 200
    assert response.json()["state"] == "returned"
    # The reporter corrects it and submits again in one call.
    response = api(more_users["hd_reporter"]).patch(f"/api/v1/reported-values/{value.pk}/",
                                                    {"version": 2, "value": 130, "submit": True}, format="json")
    assert (response.status_code, response.json()["state"], response.json()["value"]) == (200, "submitted", "130")


def test_a_stale_edit_is_refused_with_409(api, tree, more_users, admissions):
    reporter = api(more_users["hd_reporter"])
    created = post(reporter, "/api/v1/reported-values/", {"target": admissions.pk, "org_unit": tree.hoang_dong.pk,
                                                          "period": "2023", "value": 1}).json()
    url = f"/api/v1/reported-values/{created['id']}/"
    assert reporter.patch(url, {"version": 1, "value": 2}, format="json").status_code == 200
    response = reporter.patch(url, {"version": 1, "value": 3}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "your copy is version 1, the saved one is version 2" in response.json()["detail"]
    assert ReportedValue.objects.get(pk=created["id"]).value == 2
    # Without a version the change is refused too: nothing is overwritten blindly.
    response = reporter.patch(url, {"value": 4}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_two_approvers_same_version_first_wins(api, tree, more_users, admissions, submitted):
    value = submitted(admissions, tree.hoang_dong, more_users["hd_reporter"], 120)
    url = f"/api/v1/reported-values/{value.pk}/approve/"
    first = post(api(more_users["city_approver"]), url, {"version": value.version})
    second = post(api(more_users["city_approver_2"]), url, {"version": value.version})
    assert first.status_code == 200
    assert second.status_code == 409
    assert "your copy is version 1, the saved one is version 2" in second.json()["detail"]
    value.refresh_from_db()
    assert (value.state, value.decided_by, value.version) == ("approved", more_users["city_approver"], 2)


def test_deciding_an_already_decided_value_says_who_decided(api, tree, more_users, admissions, submitted):
    value = submitted(admissions, tree.hoang_dong, more_users["hd_reporter"], 120)
    post(api(more_users["city_approver"]), f"/api/v1/reported-values/{value.pk}/approve/", {"version": 1})
    response = post(api(more_users["city_approver_2"]), f"/api/v1/reported-values/{value.pk}/return/",
                    {"version": 2, "comment": "Sai"})
    assert response.status_code == 409
    assert response.json()["detail"] == "This value is already approved by city-approver; nothing was changed."


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_the_same_moment(tree, more_users, admissions, submitted):
    """Two approvers press approve at once on the same version: the row lock makes the
    second wait for the first, then see the new version and get 409."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes writers on the whole database; the row lock is tested on PostgreSQL")
    value = submitted(admissions, tree.hoang_dong, more_users["hd_reporter"], 120)
    url = f"/api/v1/reported-values/{value.pk}/approve/"
    barrier = threading.Barrier(2)
    statuses = []

    def approve(user):
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait()
            statuses.append(client.post(url, {"version": 1}, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(more_users[name],)) for name in ("city_approver", "city_approver_2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
    value.refresh_from_db()
    assert (value.state, value.version) == ("approved", 2)


def test_the_answer_to_an_entry_is_what_reading_it_gives(api, tree, more_users, admissions):
    # A new value is answered from the objects it was made from, without reading it back.
    reporter = api(more_users["hd_reporter"])
    created = post(reporter, "/api/v1/reported-values/", {"target": admissions.pk, "org_unit": tree.hoang_dong.pk,
                                                          "period": "2023", "value": "1234,5", "note": "Đợt 1",
                                                          "submit": True})
    assert created.status_code == 201, created.content
    read = reporter.get(f"/api/v1/reported-values/{created.json()['id']}/")
    assert created.json() == read.json()


def test_an_entry_reads_no_values(api, tree, more_users, admissions):
    # The deadline-day path (docs/performance.md): the unique constraint finds a duplicate and
    # the answer is built from the objects at hand, so the value table is only written.
    reporter = api(more_users["hd_reporter"])
    payload = {"target": admissions.pk, "org_unit": tree.hoang_dong.pk, "period": "2023", "value": 3, "submit": True}
    with QueryCounter() as counter:
        assert post(reporter, "/api/v1/reported-values/", payload).status_code == 201
    touching = [q["sql"].split(" ", 1)[0] for q in counter.captured_queries
                if '"targets_reportedvalue"' in q["sql"] or '"targets_historicalreportedvalue"' in q["sql"]]
    assert touching == ["INSERT", "INSERT"]
    duplicate = post(reporter, "/api/v1/reported-values/", payload)
    assert duplicate.json()["period"] == ["Hoang Dong commune already has a value for 2023 (submitted). "
                                          "Open it to change it."]
