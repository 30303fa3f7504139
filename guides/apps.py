from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_editors_group(sender, **kwargs):
    """Keep the Editors group after a database flush (tests), as the data migration made it."""
    from django.contrib.auth.models import Group, Permission

    from .editors import grant_editor_permissions

    grant_editor_permissions(Group, Permission)


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Career guides"

    def ready(self):
        from . import revisions

        revisions.register()
        post_migrate.connect(ensure_editors_group, sender=self)
