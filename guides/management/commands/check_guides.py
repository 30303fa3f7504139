from django.core.management.base import BaseCommand, CommandError

from guides.checks import ERROR, check_guide
from guides.exporting import guides_for_export
from guides.fixture_format import saved_guide_to_data
from guides.load_rules import plan_as_data
from guides.loading import LoadError, plan_load
from guides.projections import guide_projection


class Command(BaseCommand):
    help = (
        "Check guide fixtures (default: everything in fixtures/), or with --db the database's "
        "guides, without writing anything: the file format and the content checks of "
        "guides.checks. Exits non-zero on errors; warnings are listed and do not fail."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="JSON files or folders (default: fixtures/)")
        parser.add_argument(
            "--db", action="store_true", help="check the guides in the database instead of files"
        )

    def handle(self, *args, paths, db, **options):
        if db:
            if paths:
                raise CommandError("Give either --db or paths, not both.")
            guides = [saved_guide_to_data(guide) for guide in guides_for_export()]
            summary = f"{len(guides)} guide(s) in the database"
        else:
            try:
                categories, plans = plan_load(paths)
            except LoadError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"{len(error.problems)} problem(s) found.") from None
            guides = [plan_as_data(plan) for plan in plans]
            summary = f"{len(plans)} guide(s) and {len(categories)} category(ies)"
        # Hand-typed figures are also compared with the imported BLS projections.
        findings = [finding for data in guides for finding in check_guide(data, guide_projection)]
        errors = [finding for finding in findings if finding.severity == ERROR]
        for finding in findings:
            (self.stderr if finding in errors else self.stdout).write(str(finding))
        if errors:
            raise CommandError(
                f"{len(errors)} error(s) and {len(findings) - len(errors)} warning(s) in {summary}."
            )
        self.stdout.write(f"OK: {summary} valid.")
        if findings:
            self.stdout.write(f"{len(findings)} warning(s): see above.")
