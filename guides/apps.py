from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_groups(sender, **kwargs):
    """Keep the Editors and Publishers groups after a database flush (tests), as migrations made them."""
    from django.contrib.auth.models import Group, Permission

    from .editors import grant_group_permissions

    grant_group_permissions(Group, Permission)


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Career guides"

    def ready(self):
        from . import revisions

        revisions.register()
        post_migrate.connect(ensure_groups, sender=self)
