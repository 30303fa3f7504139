"""Career guides and everything a guide page shows.

Integrity lives in the database as named constraints; each is mirrored by a `clean()` message that an
editor understands, so the admin and the fixture loader report problems before the database would.
"""

from itertools import combinations, pairwise

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

# Figures older than this many years carry a visible "dated" note on the page.
DATED_AFTER_YEARS = 5
MONEY_MAX = 10_000_000
money_validators = [MinValueValidator(0), MaxValueValidator(MONEY_MAX)]
year_validators = [MinValueValidator(1950), MaxValueValidator(2100)]
soc_code_validator = RegexValidator(
    r"^\d{2}-\d{4}(\.\d{2})?(; \d{2}-\d{4}(\.\d{2})?)*$",
    "Use an O*NET-SOC code such as 11-9111 (several joined with '; ').",
)


# Salary figures that must rise from left to right wherever present.
PAY_FIGURES_IN_ORDER = ["low", "p10", "p25", "median", "p75", "p90", "high"]
TIER_FIGURES_IN_ORDER = ["entry", "mid", "senior"]
MONEY_FIGURES = [*PAY_FIGURES_IN_ORDER, *TIER_FIGURES_IN_ORDER, "top_10_from"]


def money_field(verbose_name=None, **kwargs):
    """An optional amount of money in a band's currency (whole units or cents)."""
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
        **kwargs,
    )


def is_dated(year):
    return year is not None and year < timezone.now().year - DATED_AFTER_YEARS


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


# The guide's Markdown prose, in page order; shared by the admin (preview widgets, completeness)
# and search (weight C).
MARKDOWN_FIELDS = [
    "overview",
    "market_demand_note",
    "core_functions",
    "work_setting",
    "education_level",
    "career_entry",
    "required_education",
    "global_outlook",
    "role_challenges",
    "growth_paths",
    "industry_trends",
    "work_life_balance",
    "portfolio_tips",
]


class GuideQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the one place that decides it.

        Synthetic benchmark guides never show, except under the bench settings."""
        visible = self.filter(status=Guide.Status.PUBLISHED)
        return visible if settings.SHOW_SYNTHETIC_GUIDES else visible.filter(is_synthetic=False)

    def with_headline_pay(self):
        """The headline pay of each guide: the current OEWS national median of its SOC code(s)
        (guides.wages), else its first salary band that has a median."""
        from .wages.queries import current_year, headline_median

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


class Guide(models.Model):
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
        VARIES = "See How to Become One", "Varies (see the path into the career)"

    # Identity
    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The guide's address: /guides/this-slug/. Lowercase letters, digits and hyphens.",
    )
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
    overview = models.TextField(blank=True, help_text="Markdown. The opening paragraphs.")
    first_published = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The day an editor last checked every figure and fact."
    )

    # Headline figures
    growth_percent = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(-100), MaxValueValidator(500)],
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
        help_text="The BLS 'Typical Entry-Level Education' label.",
    )
    work_experience = models.CharField(max_length=80, blank=True)
    on_the_job_training = models.CharField(max_length=80, blank=True)
    remote_work = models.CharField(max_length=20, choices=RemoteWork, default=RemoteWork.ON_SITE)
    market_demand = models.CharField(max_length=10, choices=Demand, default=Demand.MEDIUM)
    market_demand_note = models.TextField(
        blank=True, help_text="Markdown. Why demand is what it is."
    )
    stress_level = models.CharField(max_length=10, choices=Stress, default=Stress.MODERATE)
    balance_rating = models.CharField(
        "work-life balance", max_length=12, choices=Balance, default=Balance.FAIR
    )

    # Prose, in page order (Markdown)
    core_functions = models.TextField(blank=True)
    work_setting = models.TextField(blank=True)
    education_level = models.TextField(blank=True)
    career_entry = models.TextField("path into the career", blank=True)
    required_education = models.TextField(blank=True)
    global_outlook = models.TextField(blank=True)
    role_challenges = models.TextField(blank=True)
    growth_paths = models.TextField(blank=True)
    industry_trends = models.TextField(blank=True)
    work_life_balance = models.TextField(blank=True)
    portfolio_tips = models.TextField(blank=True)

    related_roles = models.ManyToManyField("self", symmetrical=False, blank=True)
    is_synthetic = models.BooleanField(
        default=False,
        editable=False,
        help_text="Generated for benchmarks; never shown to the public.",
    )
    # Kept current by guides.search.update_search_vectors() after every save and load.
    search_vector = SearchVectorField(null=True, editable=False)
    # The title, summary and responsibilities part of search_vector: small enough to stay inline,
    # so ranking a broad query's thousands of matches never reads the large vector.
    search_rank = SearchVectorField(null=True, editable=False)
    search_names = models.TextField(
        blank=True,
        editable=False,
        help_text="Title and alternative titles, for typo-tolerant search.",
    )
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(growth_percent__gte=-100, growth_percent__lte=500)
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


class Ordered(models.Model):
    """A child of a guide with a position in its list (0 first)."""

    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


def unique_position(model_name, *fields):
    # Checked at commit, not per row: reordering a list (the admin's drag and drop) updates rows one
    # at a time, and two rows swap positions through a moment where they share one.
    return models.UniqueConstraint(
        fields=[*fields, "position"],
        name=f"{model_name}_unique_position",
        deferrable=models.Deferrable.DEFERRED,
        violation_error_message="Two items cannot share a position in the same list.",
    )


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

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="salary_bands")
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


class ListItem(Ordered):
    """One entry of a guide's plain bullet lists; `kind` says which list."""

    class Kind(models.TextChoices):
        RESPONSIBILITY = "responsibility", "Key responsibility"
        TECH_SKILL = "tech_skill", "Tech skill"
        SOFT_SKILL = "soft_skill", "Soft ability"
        PRO = "pro", "Pro"
        CON = "con", "Con"
        MISTAKE = "mistake", "Beginner mistake"
        ADVICE = "advice", "Advice"

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="list_items")
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=400)

    class Meta(Ordered.Meta):
        ordering = ["kind", "position"]
        constraints = [unique_position("listitem", "guide", "kind")]

    def __str__(self):
        return self.text


class TechTool(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="tech_stack")
    name = models.CharField(max_length=150)
    examples = models.CharField(
        max_length=300, blank=True, help_text='Named products, e.g. "Epic, Cerner, Meditech".'
    )

    class Meta(Ordered.Meta):
        verbose_name = "tech stack item"
        constraints = [unique_position("techtool", "guide")]

    def __str__(self):
        return self.name


class Certification(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=200)
    issuer = models.CharField("issuing body", max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta(Ordered.Meta):
        constraints = [unique_position("certification", "guide")]

    def __str__(self):
        return self.name


class CareerTier(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="career_tiers")
    title = models.CharField(max_length=150)
    years_min = models.PositiveSmallIntegerField("from (years)", validators=[MaxValueValidator(60)])
    years_max = models.PositiveSmallIntegerField(
        "to (years)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text='Leave empty for open-ended, shown as "12+".',
    )
    description = models.TextField(blank=True)

    class Meta(Ordered.Meta):
        constraints = [
            unique_position("careertier", "guide"),
            models.CheckConstraint(
                condition=Q(years_max__isnull=True) | Q(years_min__lte=F("years_max")),
                name="careertier_years_in_order",
                violation_error_message="The experience range must not end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if (
            self.years_max is not None
            and self.years_min is not None
            and self.years_min > self.years_max
        ):
            raise ValidationError(
                {
                    "years_max": ValidationError(
                        "The experience range ends (%(max)s years) before it starts (%(min)s years).",
                        code="years_out_of_order",
                        params={"min": self.years_min, "max": self.years_max},
                    )
                }
            )

    @property
    def years_display(self):
        if self.years_max is None:
            return f"{self.years_min}+ years"
        return f"{self.years_min}–{self.years_max} years"


class DayBlock(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="day_blocks")
    label = models.CharField(max_length=60, help_text='For example "Morning".')
    start = models.TimeField()
    end = models.TimeField()
    focus = models.CharField(max_length=150, blank=True)
    tasks = ArrayField(
        models.CharField(max_length=300), blank=True, default=list, help_text="One task per line."
    )

    class Meta(Ordered.Meta):
        verbose_name = "day-in-the-life block"
        constraints = [
            unique_position("dayblock", "guide"),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="dayblock_start_before_end",
                violation_error_message="A block must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.start:%H:%M}–{self.end:%H:%M})"

    def clean(self):
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValidationError(
                {
                    "end": ValidationError(
                        "The block must end after it starts.", code="end_before_start"
                    )
                }
            )


class SkillGroup(Ordered):
    class Kind(models.TextChoices):
        FOUNDATIONAL = "foundational", "Foundational"
        SPECIALIZATION = "specialization", "Specialization"
        PROFESSIONAL = "professional", "Professional and software"

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="skill_groups")
    kind = models.CharField(max_length=20, choices=Kind)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    items = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="One skill per line, in order.",
    )

    class Meta(Ordered.Meta):
        verbose_name = "skill map group"
        constraints = [unique_position("skillgroup", "guide")]

    def __str__(self):
        return self.name


class CaseStudy(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    takeaway = models.CharField("key takeaway", max_length=400, blank=True)

    class Meta(Ordered.Meta):
        verbose_name_plural = "case studies"
        constraints = [unique_position("casestudy", "guide")]

    def __str__(self):
        return self.title


class FAQ(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")

    class Meta(Ordered.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        constraints = [unique_position("faq", "guide")]

    def __str__(self):
        return self.question


class Source(Ordered):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, validators=year_validators)

    class Meta(Ordered.Meta):
        verbose_name = "source"
        verbose_name_plural = "sources and references"
        constraints = [unique_position("source", "guide")]

    def __str__(self):
        return self.title


class ListItemOfKind(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)

    def deconstruct(self):
        return ("guides.models.ListItemOfKind", (self.kind,), {})


def _list_of_kind(kind, plural):
    """A proxy of ListItem holding one kind, so the admin shows one sortable inline per list."""
    name = "".join(part.capitalize() for part in kind.split("_")) + "Item"
    label = ListItem.Kind(kind).label
    meta = type(
        "Meta",
        (),
        {
            "proxy": True,
            "ordering": ["position"],
            "verbose_name": label.lower(),
            "verbose_name_plural": plural,
        },
    )

    def save(self, *args, **kwargs):
        self.kind = kind
        super(proxy, self).save(*args, **kwargs)

    proxy = type(
        name,
        (ListItem,),
        {
            "__module__": __name__,
            "Meta": meta,
            "objects": ListItemOfKind(kind),
            "save": save,
        },
    )
    return proxy


ResponsibilityItem = _list_of_kind(ListItem.Kind.RESPONSIBILITY, "key responsibilities")
TechSkillItem = _list_of_kind(ListItem.Kind.TECH_SKILL, "tech skills")
SoftSkillItem = _list_of_kind(ListItem.Kind.SOFT_SKILL, "soft abilities")
ProItem = _list_of_kind(ListItem.Kind.PRO, "pros")
ConItem = _list_of_kind(ListItem.Kind.CON, "cons")
MistakeItem = _list_of_kind(ListItem.Kind.MISTAKE, "beginner mistakes")
AdviceItem = _list_of_kind(ListItem.Kind.ADVICE, "pieces of advice")
LIST_PROXIES = [
    ResponsibilityItem,
    TechSkillItem,
    SoftSkillItem,
    ProItem,
    ConItem,
    MistakeItem,
    AdviceItem,
]


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
