"""The demo elections: what the issue asks of them, loaded with the whole demo."""

import datetime

import pytest
from django.test import Client

from mandate.elections import queries
from mandate.elections.models import BodyKind, Candidate, Constituency, Election
from mandate.portal.models import Publication
from mandate.tasks.models import Task
from mandate.tasks.state import TaskState


@pytest.fixture
def demo(demo_loaded):
    return Election.objects.get()


def test_demo_election_has_what_the_issue_asks(demo):
    assert demo.election_day == datetime.date(2026, 3, 15) and demo.is_demo
    provincial = demo.bodies.get(kind=BodyKind.PROVINCIAL_COUNCIL)
    rows, _checks = queries.constituency_rows(provincial)
    assert len(rows) >= 4 and all(r.candidates_ok for r in rows)
    assert [r.constituency.number for r in rows if r.structure_missed] == [3]
    assert all(u.is_valid_on(demo.election_day) for c in Constituency.objects.all() for u in c.units.all())
    assert Candidate.objects.filter(is_demo=False).count() == 0
    counts = {c.constituency.number: c for c in queries.constituency_counts(provincial.constituencies.all())}
    assert all(c.complete for c in counts.values())
    assert [n for n, c in counts.items() if c.action == "supplementary"] == [4]
    national = queries.constituency_counts(demo.bodies.get(kind=BodyKind.NATIONAL_ASSEMBLY).constituencies.all())
    assert not national[0].complete  # still being counted
    assert Publication.objects.filter(kind="results", is_public=True).count() == len(counts)
    batches = demo.milestones.values_list("batch", flat=True)
    states = set(Task.objects.filter(batch__in=batches).with_state(datetime.date(2026, 3, 10))
                 .values_list("state", flat=True))
    assert states == {s.value for s in TaskState}


def test_demo_portal_shows_targets_and_results(demo):
    client = Client()
    home = client.get("/public/?lang=vi").content.decode()
    assert "150-KH/TU" in home and demo.name_vi in home
    page = client.get(f"/public/elections/{demo.pk}/?lang=vi").content.decode()
    assert "bầu cử thêm" in page  # constituency 4, in Vietnamese
    assert client.get("/api/v1/public/results/").json()["count"] > 0
