from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandate.core.backup import BackupError, read_and_verify, restore_backup


class Command(BaseCommand):
    help = ("Replace the database and the uploaded files with those of a `mandate backup` archive, "
            "after checking every checksum. Stop the application first.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", default="default")
        parser.add_argument("--check", action="store_true", help="Only verify the archive; change nothing.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the data.")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist")
        try:
            if options["check"]:
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    manifest = read_and_verify(archive, Path(tmp))
                self.stdout.write(f"{archive}: valid, {len(manifest['files'])} members, created {manifest['created']}")
                return
            if not options["yes"]:
                answer = input("This replaces the database and all uploaded files. Type 'yes' to go on: ")
                if answer.strip().lower() != "yes":
                    raise CommandError("restore cancelled")
            manifest = restore_backup(archive, alias=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {manifest['db_engine']} database and "
                          f"{len(manifest['files']) - 1} uploaded files from {manifest['created']}")
