"""``mandate rebuild_rollups``: recompute the maintained rollup tables from the reported values."""

import time

from django.core.management.base import BaseCommand

from mandate.targets.maintenance import rebuild


class Command(BaseCommand):
    help = ("Recompute the latest values and the rollups per unit and period from the reported values "
            "(set-based SQL). The services keep them current; run this after loading data in bulk or "
            "editing the database by hand.")

    def add_arguments(self, parser):
        parser.add_argument("--target", type=int, action="append", dest="targets",
                            help="Only this target id (repeat for several).")
        parser.add_argument("--background", action="store_true",
                            help="Queue it as a background job (mandate.jobs) and print the job's id.")

    def handle(self, *args, targets=None, background=False, **options):
        if background:
            from mandate.jobs.services import enqueue

            job = enqueue("targets.rebuild_rollups", params={"target_ids": targets})
            self.stdout.write(f"Queued job {job.pk}.")
            return
        started = time.perf_counter()
        counts = rebuild(target_ids=targets)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(f"Rollups rebuilt in {elapsed:.1f} s ({summary}).")
