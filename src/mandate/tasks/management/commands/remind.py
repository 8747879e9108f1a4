import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from mandate.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = ("Send each unit a digest of its overdue tasks and those due within N days, by email to its "
            "members and as in-app notifications. At most once per unit and day: safe to run from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Remind of tasks due within this many days (7).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send nothing.")
        parser.add_argument("--date", help="Remind as of this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args, days, dry_run, date, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        try:
            as_of = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be written YYYY-MM-DD.") from None
        with translation.override(settings.LANGUAGE_CODE):
            run = send_reminders(as_of=as_of, days=days, dry_run=dry_run)
        verb = "would remind" if dry_run else "reminded"
        for digest in run.sent:
            self.stdout.write(f"{verb} {digest.unit.code}: {len(digest.overdue)} overdue, "
                              f"{len(digest.due_soon)} due soon, {len(digest.recipients)} recipient(s)")
        for digest in run.skipped_already_sent:
            self.stdout.write(f"already reminded today: {digest.unit.code}")
        self.stdout.write(self.style.SUCCESS(
            f"{as_of.isoformat()}: {len(run.sent)} unit(s) {verb}, {len(run.skipped_already_sent)} already reminded."))
