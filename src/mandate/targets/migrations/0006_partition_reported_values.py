"""PostgreSQL: reported values and their history become tables partitioned by the year of
period_end (targets.partitions). Nothing happens on SQLite. On a large table this copies
every row once, inside the migration's transaction: plan it for a maintenance window
(docs/deployment.md)."""

from django.db import migrations


def partition(apps, schema_editor):
    from mandate.targets.partitions import partition_tables

    partition_tables(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0005_reported_value_unique_with_period_end"),
    ]

    operations = [
        # Irreversible: going back to plain tables is restoring a backup taken before it.
        migrations.RunPython(partition),
    ]
