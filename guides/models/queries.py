"""Guide queries the site and the admin share: each decides its question in one place, in SQL."""

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
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
        return self.defer(*prose, "html", "search_vector", "search_rank", "search_names")

    def with_headline_pay(self):
        """The headline pay of each guide: the current OEWS national median of its SOC code(s)
        (guides.wages), else its first salary band that has a median."""
        from ..wages.queries import current_year, headline_median

        first = SalaryBand.objects.filter(guide=OuterRef("pk"), median__isnull=False).order_by(
            "position"
        )
        return self.annotate(
            headline_band_id=Subquery(first.values("pk")[:1]),
            oews_median=headline_median(),
            headline_median=Coalesce(
                "oews_median",
                Subquery(first.values("median")[:1]),
                output_field=SalaryBand._meta.get_field("median"),
            ),
            headline_pay_year=Case(
                When(oews_median__isnull=False, then=current_year()),
                default=Subquery(first.values("data_year")[:1]),
            ),
        )

    def with_outlook(self):
        """`projected_growth` and `projected_period`: the current BLS projection of each guide's
        main SOC code (guides.projections), NULL without one; `shown_growth`: that, else the
        guide's own figure, as its card shows it (lists filter and sort by it)."""
        from ..projections import projected

        return self.annotate(
            projected_growth=projected("change_percent"),
            projected_period=projected("release__name"),
            shown_growth=Coalesce("projected_growth", "growth_percent"),
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
