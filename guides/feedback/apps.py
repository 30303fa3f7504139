from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FeedbackConfig(AppConfig):
    name = "guides.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"

    def ready(self):
        from ..editors import ensure_groups  # it uses the models: not before apps are loaded

        # This app's permissions are created after the guides app's post_migrate has set the
        # Editors group's, so set them again once they exist (a fresh database, tests).
        post_migrate.connect(ensure_groups, sender=self)
