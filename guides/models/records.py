"""What the fixture loader remembers between loads (guides.loading)."""

from django.db import models


class FixtureRecord(models.Model):
    """What `load_guides` last wrote for one guide or category: a digest of its data as the exporter
    writes it. A guide whose data no longer matches was changed in the admin, and the next load keeps
    it; a record whose guide is gone means an editor deleted it, and the load does not recreate it."""

    key = models.CharField(
        max_length=200, unique=True, help_text='"guide:<slug>" or "category:<slug>"'
    )
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key


class ContentVersion(models.Model):
    """How often the content behind one page-cache tag has changed (guides.page_cache.versions): the
    per-process cache's source of truth, bumped in the same transaction as the change."""

    tag = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.tag}: {self.value}"
