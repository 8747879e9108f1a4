"""Fill the maintained rollup tables from the values already in the database.

This calls the same set-based rebuild as ``mandate rebuild_rollups``; it reads only the
reported values' ids, units, targets, periods, states and decision times, and the tree."""

from django.db import migrations


def fill(apps, schema_editor):
    from mandate.targets.maintenance import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [("targets", "0002_maintained_rollups"), ("orgs", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
