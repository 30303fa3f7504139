"""Where the page cache learns of changes: every save, delete and relation change of a model that
public pages show bumps the versions of the pages showing it (invalidation.tags_for). Writes that
send no signal bump for themselves: `import_wages` (COPY) and bulk creation of guides."""

from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_save, pre_delete

# Apps whose models are shown on public pages. Bookkeeping models are left out below.
CONTENT_APPS = ("guides",)
NOT_CONTENT = ("guides.ContentVersion", "guides.FixtureRecord")


def content_models():
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label not in NOT_CONTENT:
                yield model


class PageCacheConfig(AppConfig):
    name = "guides.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from .invalidation import content_saved, relations_changed

        for model in content_models():
            # pre_delete, not post_delete: a deleted guide's relations must still be readable.
            post_save.connect(content_saved, sender=model, dispatch_uid=f"page_cache_save_{model}")
            pre_delete.connect(content_saved, sender=model, dispatch_uid=f"page_cache_del_{model}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    relations_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"page_cache_m2m_{field}",
                )
