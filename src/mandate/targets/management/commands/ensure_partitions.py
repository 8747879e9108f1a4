"""``mandate ensure_partitions``: the yearly partitions of the value tables (PostgreSQL)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import connection

from mandate.targets.partitions import YEARS_AHEAD, partition_sizes, partition_tables


class Command(BaseCommand):
    help = ("PostgreSQL: make sure reported values and their history are partitioned by year and that "
            f"every year up to {YEARS_AHEAD} years ahead has its partition (rows already in the default "
            "partition move to their year's). Safe to run at any time; run it once a year, or from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--until", type=int, help="The last year to give a partition (default: "
                                                      f"this year + {YEARS_AHEAD}).")
        parser.add_argument("--list", action="store_true", help="Print each partition and its estimated rows.")

    def handle(self, *args, until=None, list=False, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: the embedded database keeps plain tables; nothing to do.")
            return
        if until is not None and not (datetime.date.today().year <= until <= 2100):
            self.stderr.write(f"--until must be a year from {datetime.date.today().year} to 2100.")
            raise SystemExit(2)
        for line in partition_tables(until=until) or ["Every year already has its partition."]:
            self.stdout.write(line)
        if list:
            for table, name, rows in partition_sizes():
                self.stdout.write(f"{table}\t{name}\t{rows}")
