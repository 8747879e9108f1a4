"""Many values of one unit and period in one call (POST /api/v1/reported-values/batch/):
the entry grid's rules per value, the ones that pass saved even when others are refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandate.targets.models import ReportedValue, ValueState
from mandate.targets.services import create_target, enter_value

URL = "/api/v1/reported-values/batch/"


def batch(client, unit, period, values, submit=False):
    return client.post(URL, {"org_unit": unit.pk, "period": period, "submit": submit, "values": values},
                       format="json")


def stored(unit, period):
    return {rv.target_id: rv for rv in ReportedValue.objects.filter(org_unit=unit, period_label=period)}


def test_drafts_in_one_call_with_vietnamese_numbers(api, tree, users, season):
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2", [
        {"target": season["members"].pk, "value": "22"},
        {"target": season["well"].pk, "value": "92,5"},
        {"target": season["excellent"].pk, "value": 21.5},
    ])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["detail"] == "All 3 values saved."
    assert [(v["target"]["id"], v["value"], v["state"]) for v in body["saved"]] == [
        (season["members"].pk, "22", "draft"), (season["well"].pk, "92.5", "draft"),
        (season["excellent"].pk, "21.5", "draft")]
    assert body["errors"] == []
    assert {pk: rv.value for pk, rv in stored(tree.hoang_dong, "2023-H2").items()} == {
        season["members"].pk: 22, season["well"].pk: 92.5, season["excellent"].pk: 21.5}


def test_refused_values_do_not_stop_the_others(api, tree, users, season):
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2", [
        {"target": season["members"].pk, "value": "nhiều"},
        {"target": season["well"].pk, "value": "80"},
        {"target": season["excellent"].pk, "value": "85"},  # a part above its whole
    ])
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "1 values saved; 2 need attention."
    errors = {e["target"]: e["messages"] for e in body["errors"]}
    assert errors[season["members"].pk] == ["Enter a number, for example 1.234,5 or 12,5."]
    assert len(errors[season["excellent"].pk]) == 1
    assert [v["target"]["id"] for v in body["saved"]] == [season["well"].pk]
    assert set(stored(tree.hoang_dong, "2023-H2")) == {season["well"].pk}


def test_far_from_last_needs_a_note_to_submit(api, tree, users, season):
    client = api(users["hd_reporter"])
    far = {"target": season["members"].pk, "value": "200"}
    response = batch(client, tree.hoang_dong, "2023-H2", [far])
    assert response.status_code == 200
    assert response.json()["warnings"][0]["target"] == season["members"].pk  # a draft, with a warning
    value = stored(tree.hoang_dong, "2023-H2")[season["members"].pk]
    response = batch(client, tree.hoang_dong, "2023-H2", [{**far, "version": value.version}], submit=True)
    assert response.status_code == 400
    assert stored(tree.hoang_dong, "2023-H2")[season["members"].pk].state == ValueState.DRAFT
    response = batch(client, tree.hoang_dong, "2023-H2",
                     [{**far, "version": value.version, "note": "Đợt kết nạp lớn dịp 3/2"}], submit=True)
    assert response.status_code == 200, response.content
    assert response.json()["saved"][0]["state"] == "submitted"


def test_a_saved_value_changes_only_with_its_version(api, tree, users, season):
    client = api(users["hd_reporter"])
    batch(client, tree.hoang_dong, "2023-H2", [{"target": season["members"].pk, "value": 21}])
    value = stored(tree.hoang_dong, "2023-H2")[season["members"].pk]
    response = batch(client, tree.hoang_dong, "2023-H2", [{"target": season["members"].pk, "value": 23}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["messages"] == [
        "Hoang Dong commune already has a value for 2023-H2 (draft). Send its version (1) to change it."]
    response = batch(client, tree.hoang_dong, "2023-H2",
                     [{"target": season["members"].pk, "value": 23, "version": value.version + 5}])
    assert response.status_code == 400
    assert stored(tree.hoang_dong, "2023-H2")[season["members"].pk].value == 21
    response = batch(client, tree.hoang_dong, "2023-H2",
                     [{"target": season["members"].pk, "value": 23, "version": value.version}])
    assert response.status_code == 200
    assert (response.json()["saved"][0]["value"], response.json()["saved"][0]["version"]) == ("23", 2)


def test_only_a_reporter_of_the_unit_and_only_its_targets(api, tree, users, more_users, season, mp_target):
    values = [{"target": season["members"].pk, "value": 22}]
    # A unit outside the caller's subtree reads as not existing; a viewer may not enter.
    response = batch(api(users["hd_reporter"]), tree.mai_pha, "2023-H2", values)
    assert response.status_code == 400
    assert "org_unit" in response.json()["errors"]
    assert batch(api(more_users["hd_viewer"]), tree.hoang_dong, "2023-H2", values).status_code == 403
    assert batch(api(), tree.hoang_dong, "2023-H2", values).status_code in (401, 403)
    # Another unit's target is refused without naming it.
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2",
                     [{"target": mp_target.pk, "value": 1}, {"target": 10**9, "value": 1}])
    assert response.status_code == 400
    messages = [m for e in response.json()["errors"] for m in e["messages"]]
    assert messages == ["This target is not assigned to Hoang Dong commune for 2023-H2."] * 2
    assert stored(tree.hoang_dong, "2023-H2") == {}


def test_malformed_batches_are_refused_whole(api, tree, users, season):
    client = api(users["hd_reporter"])
    entry = {"target": season["members"].pk, "value": 22}
    response = batch(client, tree.hoang_dong, "2023-H2", [entry, entry])
    assert response.status_code == 400
    assert response.json()["errors"]["values"] == ["Each target may appear only once in a batch."]
    response = batch(client, tree.hoang_dong, "nửa cuối năm", [entry])
    assert response.json()["errors"]["period"][0].startswith("Write the period as a year (2023)")
    response = batch(client, tree.hoang_dong, "2023-H2", [{**entry, "value": True}])
    assert response.status_code == 400
    assert batch(client, tree.hoang_dong, "2023-H2", []).status_code == 400
    assert stored(tree.hoang_dong, "2023-H2") == {}


def test_messages_in_vietnamese(api, tree, users, season):
    client = api(users["hd_reporter"])
    response = client.post(URL, {"org_unit": tree.hoang_dong.pk, "period": "2023-H2",
                                 "values": [{"target": 10**9, "value": 1}]},
                           format="json", HTTP_ACCEPT_LANGUAGE="vi")
    body = response.json()
    assert body["errors"][0]["messages"][0].startswith("Chỉ tiêu này")
    assert "cần xem lại" in body["detail"]


def test_new_values_are_saved_in_statements_that_do_not_grow(api, tree, users, plan):
    """One set-based read for the batch, and the new values and their history rows in one
    INSERT each, however many values the batch holds."""
    own = [create_target(actor=users["admin"], document=plan, org_unit=tree.hoang_dong, indicator=f"Chỉ tiêu {i}",
                         unit_of_measure="lượt", value=100, period="2023") for i in range(6)]
    client = api(users["hd_reporter"])

    def measure(targets, period):
        with CaptureQueriesContext(connection) as ctx:
            response = batch(client, tree.hoang_dong, period, [{"target": t.pk, "value": 5} for t in targets],
                             submit=True)
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries)

    two, four, six = measure(own[:2], "2023-01"), measure(own[:4], "2023-02"), measure(own, "2023-03")
    assert two == four == six
    assert ReportedValue.objects.filter(org_unit=tree.hoang_dong, period_label="2023-03").count() == 6


def test_each_value_of_a_batch_has_its_history(api, tree, users, season):
    batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2",
          [{"target": season["members"].pk, "value": 22}, {"target": season["well"].pk, "value": 91}], submit=True)
    for rv in stored(tree.hoang_dong, "2023-H2").values():
        (record,) = rv.history.all()
        assert (record.history_type, record.history_user, record.state) == ("+", users["hd_reporter"], "submitted")


def test_a_value_entered_meanwhile_refuses_only_itself(api, tree, users, season, monkeypatch):
    """Between the batch's read and its insert, another reporter enters one of its values:
    the insert is refused as a whole, then the batch saves its values one at a time."""
    from mandate.reporting import services

    real = services.current_values

    def read_then_someone_enters(*args, **kwargs):
        found = real(*args, **kwargs)
        enter_value(actor=users["hd_reporter"], target=season["well"], org_unit=tree.hoang_dong, period="2023-H2",
                    value=90)
        return found

    monkeypatch.setattr(services, "current_values", read_then_someone_enters)
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2",
                     [{"target": season["members"].pk, "value": 22}, {"target": season["well"].pk, "value": 91},
                      {"target": season["excellent"].pk, "value": 30}])
    assert response.status_code == 400, response.json()
    body = response.json()
    assert [e["target"] for e in body["errors"]] == [season["well"].pk]
    assert "already has a value for 2023-H2" in body["errors"][0]["messages"][0]
    values = {pk: rv.value for pk, rv in stored(tree.hoang_dong, "2023-H2").items()}
    assert values == {season["members"].pk: 22, season["well"].pk: 90, season["excellent"].pk: 30}


def test_approvers_hear_once_of_a_submitted_batch(api, tree, users, plan):
    from django.utils import translation

    from mandate.accounts.models import Notification

    own = [create_target(actor=users["admin"], document=plan, org_unit=tree.hoang_dong, indicator=f"Chỉ tiêu {i}",
                         unit_of_measure="lượt", value=100, period="2023") for i in range(3)]
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-06",
                     [{"target": t.pk, "value": 5} for t in own], submit=True)
    assert response.status_code == 200
    told = Notification.objects.filter(user=users["city_approver"])
    assert [n.event for n in told] == ["values_submitted"]
    with translation.override("en"):
        assert told[0].title == "Waiting for your approval: 3 values of Hoang Dong commune, 2023-06"
    with translation.override("vi"):
        assert told[0].title.startswith("Chờ bạn phê duyệt: 3 số liệu của Xã Hoàng Đồng")
    assert api(users["city_approver"]).get(told[0].url).status_code == 200
    # Drafts tell nobody.
    batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-07", [{"target": own[0].pk, "value": 5}])
    assert told.count() == 1


def test_a_number_out_of_range_is_refused_by_the_value_rules(api, tree, users, season):
    """The bound of 10^15 is the value's own rule (``to_decimal``), whatever the number came
    as: text typed in the grid, or a JSON number in a batch."""
    from django.core.exceptions import ValidationError

    from mandate.reporting.services import save_entry
    from mandate.targets.periods import parse_period

    with pytest.raises(ValidationError) as refused:
        save_entry(actor=users["hd_reporter"], unit=tree.hoang_dong, p=parse_period("2023-H2"),
                   target=season["members"], raw_value="10.000.000.000.000.000")
    assert refused.value.messages == ["Enter a number below 1.000.000.000.000.000 (10^15)."]
    response = batch(api(users["hd_reporter"]), tree.hoang_dong, "2023-H2",
                     [{"target": season["members"].pk, "value": 10**16}, {"target": season["well"].pk, "value": 91}])
    assert response.status_code == 400
    assert response.json()["errors"] == [{"target": season["members"].pk,
                                          "messages": ["Enter a number below 1.000.000.000.000.000 (10^15)."]}]
    assert set(stored(tree.hoang_dong, "2023-H2")) == {season["well"].pk}
