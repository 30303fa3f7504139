from django.core.management.base import BaseCommand, CommandError

from guides.loading import LoadError, load


class Command(BaseCommand):
    help = (
        "Load guide fixtures (default: everything in fixtures/). Validates every file first and "
        "writes nothing if anything is wrong; loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="JSON files or folders (default: fixtures/)")

    def handle(self, *args, paths, **options):
        try:
            created, updated, unchanged = load(paths)
        except LoadError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was written."
            ) from None
        self.stdout.write(
            f"Guides: {len(created)} created, {len(updated)} updated, {len(unchanged)} unchanged."
        )
