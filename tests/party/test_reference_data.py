"""The rule set of 124-QĐ/TW is put back after migrate, and a partial migrate that has not
reached the party app's tables yet does not fail on it."""

import pytest
from django.db.migrations.state import ProjectState

from mandate.party.models import RatingRuleSet
from mandate.party.reference import RULES, ensure_reference_data


@pytest.mark.django_db
def test_missing_rule_set_is_put_back():
    RatingRuleSet.objects.filter(code=RULES["code"]).delete()
    ensure_reference_data(sender=None)
    assert RatingRuleSet.objects.filter(code=RULES["code"]).exists()


@pytest.mark.django_db
def test_a_partial_migrate_without_the_party_app_passes():
    before = RatingRuleSet.objects.count()
    ensure_reference_data(sender=None, apps=ProjectState().apps)  # no party models in this state
    assert RatingRuleSet.objects.count() == before


@pytest.mark.django_db
def test_elections_milestones_skip_a_partial_migrate_too():
    from mandate.elections.models import LegalMilestone
    from mandate.elections.reference import ensure_reference_data as ensure_milestones

    before = LegalMilestone.objects.count()
    ensure_milestones(sender=None, apps=ProjectState().apps)
    assert LegalMilestone.objects.count() == before
