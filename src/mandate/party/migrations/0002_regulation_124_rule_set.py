"""Regulation 124-QĐ/TW as a rating rule set (data, not code)."""

from django.db import migrations

from mandate.party.rules import REGULATION_124

# The rule set is data kept in one place (party.rules); post_migrate (party.reference) also
# puts it back after a flush.
RULES = REGULATION_124


def add(apps, schema_editor):
    RatingRuleSet = apps.get_model("party", "RatingRuleSet")
    RatingRuleSet.objects.update_or_create(code=RULES["code"], defaults={k: v for k, v in RULES.items() if k != "code"})


def remove(apps, schema_editor):
    apps.get_model("party", "RatingRuleSet").objects.filter(code=RULES["code"], campaigns__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("party", "0001_members_ratings_inspections")]
    operations = [migrations.RunPython(add, remove)]
