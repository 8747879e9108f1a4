"""load_demo --reset: a real flush, so a test of its own with committed data."""

from io import StringIO

import pytest
from django.core.management import call_command

from mandate.demo.models import DemoDataset
from mandate.elections.models import LegalMilestone
from mandate.elections.reference import MILESTONES
from mandate.orgs.models import OrgUnit
from mandate.party.models import RatingRuleSet
from mandate.targets.models import ReportedValue, ValueState


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_reset_reloads():
    """A real flush (TRUNCATE on PostgreSQL) cannot run inside the test's transaction."""
    load()
    ReportedValue.objects.filter(is_demo=True).delete()
    out = load("--reset")
    assert "loaded in" in out
    assert DemoDataset.objects.count() == 1
    assert ReportedValue.objects.filter(is_demo=True, state=ValueState.APPROVED).count() > 40
    assert OrgUnit.objects.filter(code="lang-son").count() == 1


@pytest.mark.django_db(transaction=True)
def test_flush_keeps_the_reference_data():
    """Rule sets and the legal schedule come back after a flush, as after a migration."""
    call_command("flush", interactive=False, verbosity=0)
    assert RatingRuleSet.objects.filter(code="124-qd-tw").count() == 1
    assert LegalMilestone.objects.count() == len(MILESTONES)
    call_command("flush", interactive=False, verbosity=0)
    assert LegalMilestone.objects.count() == len(MILESTONES)
