"""PostgreSQL's unaccent extension, for search that ignores diacritics (core/search.py).
A no-op on SQLite, where a Python function does the same."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_cache_table")]
    operations = [UnaccentExtension()]
