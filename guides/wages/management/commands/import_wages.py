"""manage.py import_wages [--from PATH]: store an OEWS release (by default the bundled May 2025)."""

from django.core.management.base import BaseCommand, CommandError

from guides.wages.importing import import_release
from guides.wages.sources import SourceError, open_source


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS release: the bundled one, or --from an OEWS SQLite file (gzipped or "
        "not) or a folder of BLS's oe.* time-series files. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="path",
            metavar="PATH",
            help="An OEWS SQLite file or a folder with oe.area, oe.occupation, oe.industry, "
            "oe.datatype, oe.footnote and oe.data.0.Current.",
        )

    def handle(self, *args, path=None, verbosity=1, **options):
        def say(line):
            if verbosity:
                self.stdout.write(line)

        try:
            source = open_source(path)
            say(f"Reading OEWS {source.name} from {source.path}")
            outcome = import_release(source, say)
        except SourceError as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        self.stdout.write(self.style.SUCCESS(outcome))
