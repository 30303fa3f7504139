import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guides.ops.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a consistent, compressed backup of the whole database (pg_dump, custom format) "
        "into DJANGO_BACKUP_DIR, keeping the newest DJANGO_BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=settings.BACKUP_DIR, help="Where to write it.")
        parser.add_argument("--keep", type=int, default=settings.BACKUP_KEEP)

    def handle(self, *args, dir, keep, **options):
        if keep < 1:
            raise CommandError("--keep must be at least 1: the new backup is always kept.")
        started = time.monotonic()
        try:
            path = create_backup(dir, keep)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size / 1_000_000
        seconds = time.monotonic() - started
        self.stdout.write(f"Backed up to {path} ({size:.1f} MB in {seconds:.1f} s).")
