from django.core.management.base import BaseCommand, CommandError

from guides.loading import LoadError, plan_load


class Command(BaseCommand):
    help = "Validate guide fixtures without writing anything (default: everything in fixtures/)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="JSON files or folders (default: fixtures/)")

    def handle(self, *args, paths, **options):
        try:
            categories, plans = plan_load(paths)
        except LoadError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s) found.") from None
        self.stdout.write(f"OK: {len(plans)} guide(s) and {len(categories)} category(ies) valid.")
