"""manage.py import_wages [--from PATH]: store an OEWS release (by default the bundled May 2025)."""

from django.core.management.base import BaseCommand, CommandError

from guides.wages.importing import import_release
from guides.wages.models import Release
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
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Do nothing when the current release is already stored, with its industries "
            "(for first-run set-up).",
        )

    def handle(self, *args, path=None, if_none=False, verbosity=1, **options):
        def say(line):
            if verbosity:
                self.stdout.write(line)

        current = Release.objects.current() if if_none else None
        if current and current.complete:
            say(f"OEWS {current.name} is already imported; nothing changed.")
            return
        try:
            source = open_source(path)
            say(f"Reading OEWS {source.name} from {source.path}")
            outcome = import_release(source, say)
        except SourceError as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        say(self.style.SUCCESS(outcome))
