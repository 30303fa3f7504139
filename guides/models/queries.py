"""Guide queries the site and the admin share: each decides its question in one place, in SQL."""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery, Value
from django.utils import timezone

from .fields import DATED_AFTER_YEARS
from .salary import SalaryBand


class GuideQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the one place that decides it.

        Synthetic benchmark guides never show, except under the bench settings."""
        visible = self.filter(status=self.model.Status.PUBLISHED)
        return visible if settings.SHOW_SYNTHETIC_GUIDES else visible.filter(is_synthetic=False)

    def with_headline_pay(self):
        """The headline pay of each guide: its first salary band that has a median."""
        first = SalaryBand.objects.filter(guide=OuterRef("pk"), median__isnull=False).order_by(
            "position"
        )
        return self.annotate(
            headline_band_id=Subquery(first.values("pk")[:1]),
            headline_median=Subquery(first.values("median")[:1]),
            headline_pay_year=Subquery(first.values("data_year")[:1]),
        )

    def with_sections_filled(self):
        """`sections_filled`: how many sections of its page each guide shows (no query per row)."""
        from ..sections import SECTIONS  # the section registry is built on these models

        return self.annotate(
            sections_filled=sum((section.shown_expression() for section in SECTIONS), Value(0))
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
