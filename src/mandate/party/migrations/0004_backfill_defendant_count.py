"""Every case recorded before 0003 counts its defendants from its defendant rows."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery


def backfill(apps, schema_editor):
    CorruptionCase = apps.get_model("party", "CorruptionCase")
    Defendant = apps.get_model("party", "Defendant")
    counts = (Defendant.objects.filter(case=OuterRef("pk")).order_by().values("case")
              .annotate(n=Count("pk")).values("n")[:1])
    CorruptionCase.objects.filter(defendants__isnull=False).update(defendant_count=Subquery(counts))


class Migration(migrations.Migration):

    dependencies = [
        ("party", "0003_case_defendant_count"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
