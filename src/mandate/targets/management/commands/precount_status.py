"""``mandate precount_status``: count today's statuses ahead, for the first dashboard of the day."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandate.targets.evaluation import precount_status_counts


class Command(BaseCommand):
    help = ("Count the statuses of every unit's targets for the day (today by default) and keep them "
            "in the cache, so that the first dashboard of the day does not count the whole country. "
            "PostgreSQL only (SQLite counts on each page). Run it from cron a few minutes after midnight.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Count as of this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--background", action="store_true",
                            help="Queue it as a background job (mandate.jobs) and print the job's id.")

    def handle(self, *args, date=None, background=False, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be written YYYY-MM-DD.") from None
        if background:
            from mandate.jobs.services import enqueue

            job = enqueue("targets.precount_status", params={"day": day.isoformat()})
            self.stdout.write(f"Queued job {job.pk}.")
            return
        started = time.perf_counter()
        units = precount_status_counts(day)
        elapsed = time.perf_counter() - started
        if not units:
            self.stdout.write("Nothing counted ahead: this database counts the statuses on each page.")
            return
        self.stdout.write(f"{day.isoformat()}: statuses of {units} units counted in {elapsed:.1f} s.")
