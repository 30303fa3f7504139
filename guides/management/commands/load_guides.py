from django.core.management.base import BaseCommand, CommandError

from guides.loading import LoadError, load


class Command(BaseCommand):
    help = (
        "Load guide fixtures (default: everything in fixtures/). Validates every file first and "
        "writes nothing if anything is wrong. Guides changed or deleted in the admin since the last "
        "load are kept as they are unless named with --force; loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="JSON files or folders (default: fixtures/)")
        parser.add_argument(
            "--force",
            nargs="+",
            default=[],
            metavar="SLUG",
            help="Overwrite these guides from their files even if edited or deleted in the admin "
            "(the editor's version is kept as a revision in the guide's history).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what a load would do; write nothing."
        )

    def handle(self, *args, paths, force, dry_run, verbosity, **options):
        try:
            report = load(paths, force=force, dry_run=dry_run)
        except LoadError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was written."
            ) from None
        would = "would be " if dry_run else ""
        for verb, slugs in [
            ("created", report.created),
            ("updated", report.updated),
            ("overwritten (--force)", report.forced),
        ]:
            for slug in slugs if verbosity > 1 or dry_run else []:
                self.stdout.write(f"  {slug}: {would}{verb}")
        for slug, fields in report.kept.items():
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {slug}: changed in the admin since the last load "
                    f"(differs from its file in: {', '.join(fields)}).\n"
                    "  To bring the edits into the fixtures: manage.py export_guides\n"
                    f"  To overwrite them with the file: manage.py load_guides --force {slug} "
                    "(the editor's version stays in the guide's history)"
                )
            )
        for slug in report.deleted:
            self.stdout.write(
                self.style.WARNING(
                    f"Not recreated {slug}: deleted in the admin since the last load. "
                    f"manage.py load_guides --force {slug} recreates it."
                )
            )
        for slug in report.kept_categories:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept category {slug}: changed in the admin since the last load "
                    "(manage.py export_guides brings the change into fixtures/categories.json)."
                )
            )
        for slug, related in report.skipped_related:
            self.stdout.write(f"  {slug}: related role '{related}' skipped (no such guide now)")
        if verbosity == 0:
            return
        self.stdout.write(
            ("Dry run, nothing written. " if dry_run else "")
            + f"Guides: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.forced)} overwritten, {len(report.unchanged)} unchanged, "
            f"{len(report.kept)} kept as edited, {len(report.deleted)} not recreated."
        )
