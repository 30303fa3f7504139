from django.core.management.base import BaseCommand

from guides.workflow.scheduling import publish_due


class Command(BaseCommand):
    help = (
        "Publish the approved guides whose time has come and unpublish those past their expiry. "
        "Run it every minute (make run does; see README for cron and systemd). Safe to run twice "
        "at once; does nothing when nothing is due."
    )

    def handle(self, *args, **options):
        published, expired, failed = publish_due()
        for title in published:
            self.stdout.write(f"Published: {title}")
        for title in expired:
            self.stdout.write(f"Unpublished (expired): {title}")
        for title in failed:
            self.stderr.write(f"Not handled (see the log): {title}")
