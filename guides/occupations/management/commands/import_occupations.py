"""manage.py import_occupations [--from FOLDER] [--if-none]: store BLS Employment Projections and
O*NET from the extracts committed in guides/occupations/data/ (or another folder of them)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guides.occupations.importing import import_occupations
from guides.occupations.models import Release
from guides.wages.sources import SourceError


class Command(BaseCommand):
    help = (
        "Import BLS Employment Projections and the O*NET database from the committed extracts "
        "(or --from a folder made by scripts/extract_occupation_data.py). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="folder", metavar="FOLDER", help="A folder of extracts.")
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Do nothing when both datasets have a release stored (for first-run set-up).",
        )

    def handle(self, *args, folder=None, if_none=False, verbosity=1, **options):
        def say(line):
            if verbosity:
                self.stdout.write(line)

        stored = [Release.objects.current(dataset) for dataset in Release.Dataset.values]
        if if_none and all(stored):
            say(f"{' and '.join(map(str, stored))} are already imported; nothing changed.")
            return
        try:
            outcome = import_occupations(folder and Path(folder), say)
        except SourceError as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        say(self.style.SUCCESS(outcome))
