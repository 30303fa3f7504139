"""BLS Occupational Employment and Wage Statistics (OEWS): releases, areas, occupations, industries,
the cross-industry estimates of each release and its national estimates by industry.

Every row belongs to one release, so a new release is added beside the old ones and the newest is
shown (`Release.objects.current()`). The rows are written only by `manage.py import_wages`.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

# OEWS datatype code -> the Estimate field that holds it (oe.datatype, 17 datatypes).
DATATYPE_FIELDS = {
    "01": "employment",
    "02": "employment_rse",
    "03": "hourly_mean",
    "04": "annual_mean",
    "05": "wage_rse",
    "06": "hourly_p10",
    "07": "hourly_p25",
    "08": "hourly_median",
    "09": "hourly_p75",
    "10": "hourly_p90",
    "11": "annual_p10",
    "12": "annual_p25",
    "13": "annual_median",
    "14": "annual_p75",
    "15": "annual_p90",
    "16": "jobs_per_1000",
    "17": "location_quotient",
}
ALL_OCCUPATIONS = "00-0000"


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-year", "-code")

    def current(self):
        """The release the site shows: the newest imported, or None before the first import."""
        return self.newest_first().first()


class Release(models.Model):
    code = models.CharField(max_length=10, unique=True, help_text='BLS release code, "2025A01".')
    name = models.CharField(max_length=40, help_text='"May 2025": the month the data describe.')
    year = models.PositiveSmallIntegerField()
    published = models.DateField(null=True, blank=True, help_text="BLS publication date.")
    source = models.CharField(max_length=300, help_text="What was imported.")
    checksums = models.JSONField(default=dict, help_text="SHA-256 of each source file.")
    footnotes = models.JSONField(default=dict, help_text="BLS footnote code -> text.")
    top_hourly = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, help_text="Top-coding threshold, per hour."
    )
    top_annual = models.PositiveIntegerField(null=True, help_text="Top-coding threshold, a year.")
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-code"]

    def __str__(self):
        return f"OEWS {self.name}"

    @property
    def complete(self):
        """False for a release imported before industries were (it is imported again)."""
        return self.industries.exists()


class Area(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "N", "National"
        STATE = "S", "State"
        METRO = "M", "Metropolitan or nonmetropolitan area"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=7)
    kind = models.CharField(max_length=1, choices=Kind)
    fips = models.CharField("state FIPS code", max_length=2)
    name = models.CharField(max_length=200)
    # The states an area lies in, as postal codes: a metro area can span several
    # ("Boston-Cambridge-Newton, MA-NH"), so its state pages all list it.
    states = ArrayField(models.CharField(max_length=2), default=list)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["release", "code"], name="wages_area_unique_code")
        ]

    def __str__(self):
        return self.name

    @property
    def postal(self):
        """A state's lowercase postal code, as in its URLs."""
        return self.states[0].lower() if self.kind == self.Kind.STATE else ""

    @property
    def is_nonmetro(self):
        return self.name.endswith("nonmetropolitan area")


class Occupation(models.Model):
    class Level(models.IntegerChoices):
        MAJOR = 0, "Major group"
        MINOR = 1, "Minor group"
        BROAD = 2, "Broad occupation"
        DETAILED = 3, "Detailed occupation"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="occupations")
    code = models.CharField("SOC code", max_length=7, help_text="2018 SOC, e.g. 11-9111.")
    name = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(choices=Level)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    # Copied from the national estimate at import, so a list of guides can filter and sort by
    # pay with one index lookup per guide instead of a join per guide.
    national_median = models.PositiveIntegerField(null=True, help_text="Annual median, U.S.")
    national_employment = models.PositiveIntegerField(null=True, help_text="Jobs, U.S.")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["release", "code"], name="wages_occupation_unique_code")
        ]
        # Searches look occupations up by the typed text anywhere in the name (trigram index;
        # guides.finding.results). Their words are in finding.OccupationEntry now, so the
        # name-words index is unused; dropping it is left to the next wages migration.
        indexes = [
            GinIndex(SearchVector("name", config="english"), name="occupation_name_words"),
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="occupation_name_trgm"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("wages:occupation", kwargs={"soc": self.code})

    @property
    def bls_url(self):
        """BLS's own page for the occupation in its current release."""
        return f"https://www.bls.gov/oes/current/oes{self.code.replace('-', '')}.htm"


def _hourly():
    return models.DecimalField(max_digits=7, decimal_places=2, null=True)


def _annual():
    return models.PositiveIntegerField(null=True)


def _ratio(digits, places):
    return models.DecimalField(max_digits=digits, decimal_places=places, null=True)


class Figures(models.Model):
    """The 17 OEWS datatypes of one estimate. A figure BLS did not publish is NULL, and `footnotes`
    keeps BLS's footnote code for it (field name -> code), so the page can say why: not released,
    top-coded, hourly only."""

    employment = models.PositiveIntegerField(null=True)
    employment_rse = _ratio(5, 1)
    hourly_mean = _hourly()
    annual_mean = _annual()
    wage_rse = _ratio(5, 1)
    hourly_p10 = _hourly()
    hourly_p25 = _hourly()
    hourly_median = _hourly()
    hourly_p75 = _hourly()
    hourly_p90 = _hourly()
    annual_p10 = _annual()
    annual_p25 = _annual()
    annual_median = _annual()
    annual_p75 = _annual()
    annual_p90 = _annual()
    jobs_per_1000 = _ratio(9, 3)
    location_quotient = _ratio(8, 2)
    footnotes = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class Estimate(Figures):
    """One occupation in one area, all industries."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="estimates")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="estimates")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="estimates")

    class Meta:
        ordering = ["area", "occupation"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "area"], name="wages_estimate_unique_cell"
            )
        ]
        indexes = [models.Index(fields=["area", "occupation"], name="wages_estimate_area_idx")]

    def __str__(self):
        return f"{self.occupation} in {self.area}"


class Industry(models.Model):
    """An OEWS industry: BLS's NAICS-based codes and groupings. The levels overlap (a sector holds
    its 3-digit industries), so a list of the industries employing an occupation takes one level."""

    class Level(models.IntegerChoices):
        ALL = 0, "Cross-industry"
        OWNERSHIP = 1, "Ownership (private, or all government)"
        SECTOR = 2, "NAICS sector, or level of government"
        SUBSECTOR = 3, "NAICS 3-digit industry"
        GROUP = 4, "NAICS 4-digit industry (or BLS's group of them)"
        DETAILED = 5, "NAICS 5- or 6-digit industry"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="industries")
    code = models.CharField(max_length=6, help_text='BLS code: "622000", "31--34", "3250A1".')
    name = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(choices=Level)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "industries"
        constraints = [
            models.UniqueConstraint(fields=["release", "code"], name="wages_industry_unique_code")
        ]

    def __str__(self):
        return self.name


class IndustryEstimateQuerySet(models.QuerySet):
    def top_employers(self, occupation, level=Industry.Level.SUBSECTOR):
        """The industries of one `level` employing the occupation, most jobs first."""
        return (
            self.filter(occupation=occupation, industry__level=level, employment__isnull=False)
            .select_related("industry")
            .order_by("-employment", "industry__name")
        )


class IndustryEstimate(Figures):
    """One occupation in one industry, nationally (BLS publishes no industry estimates for states
    and metro areas). No `jobs_per_1000` or `location_quotient`: BLS computes them for areas only."""

    # Read by occupation (the unique constraint's index leads with it); a release's rows are
    # deleted in one statement that scans the table. Fewer indexes: a faster COPY.
    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="industry_estimates", db_index=False
    )
    industry = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="estimates")
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="industry_estimates", db_index=False
    )

    objects = IndustryEstimateQuerySet.as_manager()

    class Meta:
        ordering = ["occupation_id", "industry_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "industry"], name="wages_industry_estimate_unique_cell"
            )
        ]

    def __str__(self):
        return f"{self.occupation} in {self.industry}"
