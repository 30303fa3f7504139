from pathlib import Path

from django.core.management.base import BaseCommand

from guides.exporting import export_to


class Command(BaseCommand):
    help = (
        "Write every guide (and the categories) to fixture files, in the format load_guides reads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default="fixtures",
            help="Folder to write into (default: fixtures/)",
        )

    def handle(self, *args, directory, **options):
        written = export_to(Path(directory))
        self.stdout.write(f"Wrote {len(written)} file(s) to {directory}.")
