"""One definition of "the tasks of a unit" (``queries.tasks_of_unit``): on the demo data
set, the inbox, the list, its Excel export, the leader's table, the chart and the API give
the same totals for every demo account, today and on a past day."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from mandate.accounts.access import membership_of
from mandate.orgs.models import OrgUnit
from mandate.tasks.state import TaskState

ACCOUNTS = ["province-admin", "city-approver", "hoangdong-reporter", "province-viewer"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--no-input", verbosity=0)


def _totals(client, unit_pk, as_of: str) -> dict:
    q = {"as_of": as_of, "unit": unit_pk}
    listing = client.get(reverse("tasks:list"), q).context
    leader = client.get(reverse("tasks:leader"), q).context
    inbox = client.get(reverse("tasks:inbox"), q).context
    workbook = load_workbook(io.BytesIO(client.get(reverse("tasks:export"), q).content))
    api = client.get("/api/v1/tasks/", {"as_of": as_of, "unit": unit_pk, "limit": 1000}).json()
    day = datetime.date.fromisoformat(as_of)
    window_start = leader["bars"][0].month
    done_in_window = sum(1 for t in listing["page"].paginator.object_list
                         if t.done_at and window_start <= t.done_at <= day)
    return {
        "list": (listing["counts"]["assigned"], listing["counts"]["overdue"]),
        "leader": (leader["total"].assigned, leader["total"].overdue),
        "leader rows": (sum(r.assigned for r in leader["rows"]), sum(r.overdue for r in leader["rows"])),
        "inbox": (inbox["box"].counts["assigned"], len(inbox["box"].overdue)),
        "export": (workbook.active.max_row - 1,
                   sum(1 for row in workbook.active.iter_rows(min_row=2, values_only=True)
                       if row[11] == str(dict(__import__("mandate.tasks.models", fromlist=["State"]).State.choices)
                                          [TaskState.OVERDUE]))),
        "api": (api["count"], sum(1 for t in api["results"] if t["state"] == TaskState.OVERDUE)),
        "chart": sum(b.on_time + b.late for b in leader["bars"]),
        "done in window": done_in_window,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", ["2026-11-30", "2024-06-30"])
@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_page_counts_the_same_tasks(demo, client, username, as_of):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    unit = membership_of(user).org_unit
    units = [unit] + list(OrgUnit.objects.filter(parent=unit).valid_on(datetime.date.fromisoformat(as_of))[:2])
    for u in units:
        t = _totals(client, u.pk, as_of)
        expected = t["list"]
        for name in ("leader", "leader rows", "inbox", "export", "api"):
            assert t[name] == expected, (username, u.code, as_of, name, t)
        assert t["chart"] == t["done in window"], (username, u.code, as_of, t)


@pytest.mark.django_db
def test_the_approver_and_the_reporter_have_tasks_today(demo, client):
    from django.contrib.auth import get_user_model

    for username in ("city-approver", "hoangdong-reporter"):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        leader = client.get(reverse("tasks:leader"), {"as_of": "2026-11-30"}).context
        assert leader["total"].assigned > 0, username
