"""BLS Employment Projections: one row per occupation of Table 1.2 with its Table 1.10 split of
openings. Figures are as BLS prints them: employment in thousands, one decimal."""

from django.db import models

from .releases import CurrentQuerySet, Release

ALL_OCCUPATIONS = "00-0000"


def _thousands():
    return models.DecimalField(max_digits=9, decimal_places=1)


def _percent(**options):
    return models.DecimalField(max_digits=5, decimal_places=1, **options)


class Projection(models.Model):
    DATASET = Release.Dataset.PROJECTIONS

    class Kind(models.TextChoices):
        DETAILED = "Line item", "Detailed occupation"
        SUMMARY = "Summary", "Group of occupations"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="projections")
    soc = models.CharField("SOC code", max_length=7, help_text="2018 SOC, e.g. 47-2111.")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind)
    # Table 1.2; employment in thousands: the base year (2024) and the projected year (2034).
    employment = _thousands()
    employment_projected = _thousands()
    change = _thousands()
    change_percent = _percent()
    self_employed_percent = _percent(null=True)  # BLS has no figure for some
    openings = _thousands()  # a year, on average over the decade
    median_wage = models.PositiveIntegerField(null=True, help_text="Annual, base year (OEWS).")
    median_wage_note = models.CharField(
        max_length=20,
        blank=True,
        help_text='As printed when not a number: ">=$239,200" (top-coded), "—".',
    )
    education = models.CharField("typical entry education", max_length=100, blank=True)
    experience = models.CharField(
        "work experience in a related occupation", max_length=100, blank=True
    )
    training = models.CharField("typical on-the-job training", max_length=100, blank=True)
    # Table 1.10: openings = growth (change / 10 years) + exits + transfers, a year, thousands.
    exit_rate = _percent()
    transfer_rate = _percent()
    exits = _thousands()
    transfers = _thousands()

    objects = CurrentQuerySet.as_manager()

    class Meta:
        ordering = ["soc"]
        constraints = [
            models.UniqueConstraint(fields=["release", "soc"], name="occupations_projection_soc")
        ]

    def __str__(self):
        return f"{self.title} ({self.soc}), {self.release}"

    @property
    def growth_openings(self):
        """The part of the yearly openings that new jobs make (the rest replace leavers)."""
        return self.openings - self.exits - self.transfers
