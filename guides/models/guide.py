"""A career guide and its category: the guide row holds the page's single-valued content."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ..citations import ended_in, named_source
from .fields import (
    GROWTH_PERCENT_MAX,
    GROWTH_PERCENT_MIN,
    MarkdownField,
    RenderedMarkdownField,
    is_dated,
    soc_code_validator,
    year_validators,
)
from .queries import GuideQuerySet

# BLS shows a link ("See How to Become One") where it gives no single value: that is no value.
NOT_STATED_HELP = 'Leave empty where the source gives no value; the page says "Not stated".'


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown on the page.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guides:category", kwargs={"slug": self.slug})


class Guide(models.Model):
    """Fields are in the order of a guide's fixture file (guides.fixture_format writes them so)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class RemoteWork(models.TextChoices):
        ON_SITE = "on-site", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE_FRIENDLY = "remote-friendly", "Remote-friendly"

    class Demand(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Stress(models.TextChoices):
        LOW = "low", "Low"
        MODERATE = "moderate", "Moderate"
        HIGH = "high", "High"

    class Balance(models.TextChoices):
        POOR = "poor", "Poor"
        CHALLENGING = "challenging", "Challenging"
        FAIR = "fair", "Fair"
        GOOD = "good", "Good"
        EXCELLENT = "excellent", "Excellent"

    class EntryEducation(models.TextChoices):
        NONE = "", "Not stated"
        NONDEGREE = "Postsecondary nondegree award", "Postsecondary nondegree award"
        ASSOCIATE = "Associate's degree", "Associate's degree"
        BACHELOR = "Bachelor's degree", "Bachelor's degree"
        MASTER = "Master's degree", "Master's degree"
        DOCTORAL = "Doctoral or professional degree", "Doctoral or professional degree"

    # Identity
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The guide's address: /guides/this-slug/. Lowercase letters, digits and hyphens.",
    )
    title = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="guides")
    occupation_code = models.CharField(
        "O*NET-SOC code",
        max_length=80,
        blank=True,
        validators=[soc_code_validator],
        help_text="For example 11-9111; several codes joined with '; '.",
    )
    alternative_titles = ArrayField(
        models.CharField(max_length=120),
        blank=True,
        default=list,
        help_text="Other names people search for, one per line.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two plain sentences for cards, search results and previews.",
    )
    first_published = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The day an editor last checked every figure and fact."
    )
    overview = MarkdownField(blank=True, help_text="The opening paragraphs.")

    # Headline figures
    growth_percent = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(GROWTH_PERCENT_MIN),
            MaxValueValidator(GROWTH_PERCENT_MAX),
        ],
        help_text="Projected employment growth over the period, in percent.",
    )
    growth_period = models.CharField(max_length=20, blank=True, help_text='For example "2023-33".')
    growth_label = models.CharField(
        max_length=80,
        blank=True,
        help_text='The source\'s own words, e.g. "Much faster than average".',
    )
    growth_source = models.CharField(max_length=200, blank=True)
    growth_source_url = models.URLField(max_length=500, blank=True)
    growth_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=year_validators,
        help_text="Data year of the projection (for BLS, the base year of the period).",
    )
    employment = models.PositiveIntegerField(null=True, blank=True, help_text="Number of jobs.")
    employment_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=year_validators
    )
    employment_change = models.IntegerField(
        null=True, blank=True, help_text="Projected change in jobs over the growth period."
    )
    entry_education = models.CharField(
        "typical entry education",
        max_length=40,
        blank=True,
        choices=EntryEducation,
        help_text="The BLS 'Typical Entry-Level Education' label. " + NOT_STATED_HELP,
    )
    work_experience = models.CharField(
        max_length=80,
        blank=True,
        help_text="The BLS 'Work Experience in a Related Occupation' label. " + NOT_STATED_HELP,
    )
    on_the_job_training = models.CharField(
        max_length=80,
        blank=True,
        help_text="The BLS 'On-the-job Training' label. " + NOT_STATED_HELP,
    )
    remote_work = models.CharField(max_length=20, choices=RemoteWork, default=RemoteWork.ON_SITE)
    market_demand = models.CharField(max_length=10, choices=Demand, default=Demand.MEDIUM)
    market_demand_note = MarkdownField(blank=True, help_text="Why demand is what it is.")
    stress_level = models.CharField(max_length=10, choices=Stress, default=Stress.MODERATE)
    balance_rating = models.CharField(
        "work-life balance", max_length=12, choices=Balance, default=Balance.FAIR
    )

    # Prose, in page order
    core_functions = MarkdownField(blank=True)
    work_setting = MarkdownField(blank=True)
    education_level = MarkdownField(blank=True)
    career_entry = MarkdownField("path into the career", blank=True)
    required_education = MarkdownField(blank=True)
    global_outlook = MarkdownField(blank=True)
    role_challenges = MarkdownField(blank=True)
    growth_paths = MarkdownField(blank=True)
    industry_trends = MarkdownField(blank=True)
    work_life_balance = MarkdownField(blank=True)
    portfolio_tips = MarkdownField(blank=True)

    related_roles = models.ManyToManyField("self", symmetrical=False, blank=True)
    is_synthetic = models.BooleanField(
        default=False,
        editable=False,
        help_text="Generated for benchmarks; never shown to the public.",
    )
    # Kept current by guides.indexing after every save and load.
    search_vector = SearchVectorField(null=True, editable=False)
    # The title, summary and responsibilities part of search_vector: small enough to stay inline,
    # so ranking a broad query's thousands of matches never reads the large vector.
    search_rank = SearchVectorField(null=True, editable=False)
    search_names = models.TextField(
        blank=True,
        editable=False,
        help_text="Title and alternative titles, for typo-tolerant search.",
    )
    search_keys = ArrayField(
        models.TextField(),
        default=list,
        editable=False,
        help_text="Its names as a search compares whole names (guides.finding.index.names_sql).",
    )
    html = RenderedMarkdownField()  # the Markdown fields above, rendered when saved
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_guide", "Can publish, unpublish and delete published guides")]
        indexes = [
            GinIndex(fields=["search_vector"], name="guide_search_vector_gin"),
            GinIndex(
                fields=["search_names"], name="guide_search_names_trgm", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "title"], name="guide_status_title_idx"),
            # Starting a guide looks for guides of the same occupation or group by a part of the
            # codes (`contains`, `startswith`): trigrams let that read the index, not every guide.
            # (Occupation pages read the narrow GuideCode table instead.)
            GinIndex(
                fields=["occupation_code"],
                name="guide_occupation_code_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    growth_percent__gte=GROWTH_PERCENT_MIN, growth_percent__lte=GROWTH_PERCENT_MAX
                )
                | Q(growth_percent__isnull=True),
                name="guide_growth_percent_plausible",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guides:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def was_ever_published(self):
        # Publishing sets first_published, and unpublishing keeps it.
        return self.is_published or self.first_published is not None

    @property
    def growth_is_dated(self):
        return is_dated(self.growth_year)

    @property
    def employment_is_dated(self):
        return is_dated(self.employment_year)

    @property
    def growth_period_note(self):
        """Said beside a projection whose period has ended, so that it does not pass for current."""
        year = ended_in(self.growth_period)
        if year is None:
            return ""
        if (named_source(self.growth_source) or ("", ""))[1] == "www.bls.gov":
            return f"Projection period ended in {year}; BLS has published newer projections."
        return f"Projection period ended in {year}; the source may have published newer ones."
