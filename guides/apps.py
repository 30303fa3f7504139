from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Career guides"

    def ready(self):
        # Imported here, not above: they use the models, which exist only once apps are loaded.
        from . import editors, indexing, revisions

        revisions.register()
        indexing.connect()
        post_migrate.connect(editors.ensure_groups, sender=self)
