"""Reference data the party app needs in every database: the rule set of Regulation
124-QĐ/TW (``rules.REGULATION_124``, which migration 0002 added first). ``post_migrate``
puts it back after anything that empties the tables without migrating (``flush``,
``load_demo --reset``, a transactional test's cleanup). Only a missing rule set is created,
so an administrator's edits stay."""

from django.apps import apps as global_apps
from django.db import router

from .rules import REGULATION_124

RULES = REGULATION_124


def standard_rule_set(RatingRuleSet=None, using: str = "default"):
    """The 124-QĐ/TW rule set, created if it is missing."""
    RatingRuleSet = RatingRuleSet or global_apps.get_model("party", "RatingRuleSet")
    rule_set, _created = RatingRuleSet.objects.using(using).get_or_create(
        code=RULES["code"], defaults={k: v for k, v in RULES.items() if k != "code"})
    return rule_set


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    try:
        RatingRuleSet = (apps or global_apps).get_model("party", "RatingRuleSet")
    except LookupError:
        return  # a partial migrate (``migrate targets 0005``) before the party app's tables exist
    if router.allow_migrate_model(using, RatingRuleSet):
        standard_rule_set(RatingRuleSet, using)
