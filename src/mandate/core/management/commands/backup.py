from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandate.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one .tar archive with a manifest and checksums."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="Archive to write (default: mandate-backup-<time>.tar)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        output = Path(options["output"] or f"mandate-backup-{timezone.now():%Y%m%d-%H%M%S}.tar")
        try:
            manifest = create_backup(output, alias=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{output}: {manifest['db_engine']} database and "
                          f"{len(manifest['files']) - 1} uploaded files")
