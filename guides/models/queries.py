"""Guide queries the site and the admin share: each decides its question in one place, in SQL.

Annotations that need more than the guide's own models come from the floors above, composed by the
caller: `annotate(**headline_pay())` (guides.wages.headline), `annotate(sections_filled=
sections_filled())` (guides.sections)."""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from .fields import DATED_AFTER_YEARS, markdown_fields
from .salary import SalaryBand


class GuideQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the one place that decides it.

        Synthetic benchmark guides never show, except under the bench settings."""
        visible = self.filter(status=self.model.Status.PUBLISHED)
        return visible if settings.SHOW_SYNTHETIC_GUIDES else visible.filter(is_synthetic=False)

    def for_lists(self):
        """Without the long columns that no list of guides shows (the Markdown prose, its HTML and
        the search data): PostgreSQL then neither sorts whole guides nor reads their prose from TOAST
        to send it (page 40 of the catalogue by growth, at 10,000 guides: 36 ms, 30 without)."""
        prose = [field.name for field in markdown_fields(self.model)]
        return self.defer(
            *prose, "html", "search_vector", "search_rank", "search_names", "search_keys"
        )

    def with_dated_figures(self):
        """`has_dated_figures`: whether a growth or pay figure is older than DATED_AFTER_YEARS."""
        cutoff = timezone.now().year - DATED_AFTER_YEARS
        # A missing year is not dated: "IS NOT NULL" keeps the answer true or false, never null.
        dated = Q(growth_year__isnull=False, growth_year__lt=cutoff) | Exists(
            SalaryBand.objects.filter(guide=OuterRef("pk"), data_year__lt=cutoff)
        )
        return self.annotate(
            has_dated_figures=ExpressionWrapper(dated, output_field=BooleanField())
        )
