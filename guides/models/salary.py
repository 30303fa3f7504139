"""Salary bands: one cited set of pay figures each, several per guide."""

from itertools import combinations, pairwise

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from .fields import MONEY_MAX, Ordered, is_dated, money_field, unique_position, year_validators

# Salary figures that must rise from left to right wherever present.
PAY_FIGURES_IN_ORDER = ["low", "p10", "p25", "median", "p75", "p90", "high"]
TIER_FIGURES_IN_ORDER = ["entry", "mid", "senior"]
MONEY_FIGURES = [*PAY_FIGURES_IN_ORDER, *TIER_FIGURES_IN_ORDER, "top_10_from"]


class SalaryBand(Ordered):
    class Kind(models.TextChoices):
        SURVEY = "survey", "Survey data"
        ESTIMATE = "estimate", "Estimate"

    class Period(models.TextChoices):
        ANNUAL = "annual", "per year"
        HOURLY = "hourly", "per hour"

    class TierBasis(models.TextChoices):
        NONE = "", "No tier figures"
        SURVEYED = "surveyed", "Surveyed"
        DERIVED = "derived", "Derived from the range"

    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="salary_bands")
    label = models.CharField(max_length=120, help_text='What the band is, e.g. "BLS median pay".')
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.SURVEY)
    country = models.CharField(max_length=2, default="US", help_text="ISO 3166 code, e.g. US.")
    currency = models.CharField(max_length=3, default="USD", help_text="ISO 4217 code, e.g. USD.")
    period = models.CharField(max_length=10, choices=Period, default=Period.ANNUAL)
    source = models.CharField(max_length=200)
    source_url = models.URLField(max_length=500, blank=True)
    data_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=year_validators,
        help_text="The year the figures describe. Leave empty only if the source does not say.",
    )
    low = money_field("low end of range")
    median = money_field()
    high = money_field("high end of range")
    p10 = money_field("10th percentile")
    p25 = money_field("25th percentile")
    p75 = money_field("75th percentile")
    p90 = money_field("90th percentile")
    entry = money_field("entry level")
    mid = money_field("mid level")
    senior = money_field("senior level")
    top_10_from = money_field(
        "top 10% from", help_text="Where the top tenth of earners starts, if known."
    )
    tier_basis = models.CharField(
        max_length=10,
        blank=True,
        choices=TierBasis,
        help_text="Whether entry / mid / senior figures were surveyed or derived from the range.",
    )
    note = models.TextField(blank=True, help_text="Caveats a reader should know (plain text).")

    class Meta(Ordered.Meta):
        constraints = [
            unique_position("salaryband", "guide"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{a}__lte": F(b)})
                    | Q(**{f"{a}__isnull": True})
                    | Q(**{f"{b}__isnull": True}),
                    name=f"salaryband_{a}_lte_{b}",
                )
                for figures in (PAY_FIGURES_IN_ORDER, TIER_FIGURES_IN_ORDER)
                for a, b in combinations(figures, 2)
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": MONEY_MAX})
                    | Q(**{f"{name}__isnull": True}),
                    name=f"salaryband_{name}_plausible",
                )
                for name in MONEY_FIGURES
            ],
            models.CheckConstraint(
                condition=Q(median__isnull=False)
                | Q(low__isnull=False, high__isnull=False)
                | Q(p10__isnull=False, p90__isnull=False),
                name="salaryband_has_figures",
                violation_error_message="Give a median, or both ends of the range.",
            ),
            models.CheckConstraint(
                condition=~Q(tier_basis="")
                | Q(entry__isnull=True, mid__isnull=True, senior__isnull=True),
                name="salaryband_tiers_have_basis",
                violation_error_message="Say whether entry / mid / senior were surveyed or derived.",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.country}, {self.data_year or 'year not stated'})"

    def get_constraints(self):
        """The constraints model validation checks: the unique position only. Each check
        constraint above is also a rule of clean() or of the money validators, which say it in
        words without a query; validating them would ask the database once each (40 queries a
        band). The database still enforces every one."""
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]

    def clean(self):
        """Check the figures rise in order; say which pair is wrong, in words."""
        errors = {}
        for figures in (PAY_FIGURES_IN_ORDER, TIER_FIGURES_IN_ORDER):
            present = [
                (name, getattr(self, name)) for name in figures if getattr(self, name) is not None
            ]
            for (lower, lower_value), (upper, upper_value) in pairwise(present):
                if lower_value > upper_value:
                    errors.setdefault(
                        upper,
                        ValidationError(
                            "%(upper)s (%(upper_value)s) must not be below %(lower)s (%(lower_value)s).",
                            code="out_of_order",
                            params={
                                "upper": self._meta.get_field(upper).verbose_name.capitalize(),
                                "upper_value": f"{upper_value:,.0f}",
                                "lower": self._meta.get_field(lower).verbose_name,
                                "lower_value": f"{lower_value:,.0f}",
                            },
                        ),
                    )
        if (
            self.median is None
            and not (self.low is not None and self.high is not None)
            and not (self.p10 is not None and self.p90 is not None)
        ):
            errors.setdefault(
                "median",
                ValidationError("Give a median, or both ends of the range.", code="no_figures"),
            )
        has_tiers = any(getattr(self, name) is not None for name in TIER_FIGURES_IN_ORDER)
        if has_tiers and not self.tier_basis:
            errors.setdefault(
                "tier_basis",
                ValidationError(
                    "Say whether entry / mid / senior were surveyed or derived from the range.",
                    code="tier_basis_missing",
                ),
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_dated(self):
        return is_dated(self.data_year)

    @property
    def lowest(self):
        return min(v for v in (self.low, self.p10, self.median, self.entry) if v is not None)

    @property
    def highest(self):
        return max(
            v
            for v in (self.high, self.p90, self.top_10_from, self.median, self.senior)
            if v is not None
        )
