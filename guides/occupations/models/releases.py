"""Releases of the occupation datasets, kept side by side as the wage releases are
(guides/wages/models.py): each import adds one, and the site shows the newest of each dataset."""

from django.db import models
from django.db.models import Subquery


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-year", "-code")

    def current(self, dataset):
        """The release of `dataset` the site shows: the newest imported, or None before any."""
        return self.filter(dataset=dataset).newest_first().first()

    def current_id(self, dataset):
        """The current release's id as a subquery, so a lookup by code is one SQL statement."""
        return Subquery(self.filter(dataset=dataset).newest_first().values("pk")[:1])


class Release(models.Model):
    class Dataset(models.TextChoices):
        PROJECTIONS = "ep", "BLS Employment Projections"
        ONET = "onet", "O*NET database"

    dataset = models.CharField(max_length=4, choices=Dataset)
    code = models.CharField(max_length=10, help_text='"2024-34" (EP), "29.3" (O*NET).')
    name = models.CharField(max_length=40, help_text='"EP 2024–34", "O*NET 29.3".')
    year = models.PositiveSmallIntegerField(
        help_text="EP: the base year (2024); O*NET: the year of the release (2025)."
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="EP: the year projected to (2034)."
    )
    month = models.CharField(max_length=20, blank=True, help_text='O*NET: "May 2025".')
    source = models.CharField(max_length=300, help_text="What was imported.")
    checksums = models.JSONField(default=dict, help_text="SHA-256 of each extract.")
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["dataset", "-year", "-code"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "code"], name="occupations_release_unique")
        ]

    def __str__(self):
        return self.name


class CurrentQuerySet(models.QuerySet):
    """Rows of the current release of the model's DATASET."""

    def current(self):
        return self.filter(release=Release.objects.current_id(self.model.DATASET))
