"""The standard legal schedule of an election of deputies, as data: each step counted in days
from election day (the 2015 Law on the Election of Deputies to the National Assembly and
People's Councils). Administrators may change the numbers or add steps."""

from django.db import migrations

from mandate.elections.reference import LAW, MILESTONES

# The schedule is kept in one place (elections.reference), whose post_migrate handler also puts
# it back after a flush.


def seed(apps, schema_editor):
    LegalMilestone = apps.get_model("elections", "LegalMilestone")
    for order, (vi, en, days, level, article) in enumerate(MILESTONES, start=1):
        LegalMilestone.objects.create(title_vi=vi, title_en=en, days_before=days, responsible_level=level,
                                      legal_basis=f"{article} {LAW}", sort_order=order)


def unseed(apps, schema_editor):
    apps.get_model("elections", "LegalMilestone").objects.filter(
        title_vi__in=[m[0] for m in MILESTONES]).delete()


class Migration(migrations.Migration):
    dependencies = [("elections", "0001_elections_bodies_constituencies_figures")]
    operations = [migrations.RunPython(seed, unseed)]
