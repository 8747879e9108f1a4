"""The database cache's table (CACHES in settings: the database unless REDIS_URL is set), so
every app server shares one cache without another service to run."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
