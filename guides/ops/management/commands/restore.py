import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from guides.ops.backups import BackupError, restore_backup

CONFIRMATION = "RESTORE"


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `manage.py backup` (all or nothing), "
        "then invalidate every cached page. Asks for a typed confirmation unless --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup file (careerguide-<time>.dump).")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, file, interactive, **options):
        if interactive:
            database = connection.settings_dict["NAME"]
            self.stdout.write(
                f"This replaces everything in the database {database!r} with {file}: "
                "changes made since that backup are lost."
            )
            if input(f"Type {CONFIRMATION} to go on: ").strip() != CONFIRMATION:
                raise CommandError("Not restored: the confirmation was not typed.")
        started = time.monotonic()
        try:
            restore_backup(file)
        except BackupError as error:
            raise CommandError(f"Not restored, the database is unchanged: {error}") from None
        seconds = time.monotonic() - started
        self.stdout.write(f"Restored {file} in {seconds:.1f} s; every cached page is invalid.")
