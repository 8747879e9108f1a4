"""The stamps of changes per unit, and on PostgreSQL the triggers that write them
(targets.status_cache). Nothing but the table on SQLite."""

from django.db import migrations, models


def install_triggers(apps, schema_editor):
    from mandate.targets.status_cache import install

    install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    from mandate.targets.status_cache import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0006_partition_reported_values"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitChangeStamp",
            fields=[
                ("unit_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("stamp", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
