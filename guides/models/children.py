"""A guide's ordered lists of structured items (its plain text lists are in lists.py)."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from .fields import MarkdownField, Ordered, RenderedMarkdownField, unique_position, year_validators


class TechTool(Ordered):
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="tech_stack")
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
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=200)
    issuer = models.CharField("issuing body", max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta(Ordered.Meta):
        constraints = [unique_position("certification", "guide")]

    def __str__(self):
        return self.name


class CareerTier(Ordered):
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="career_tiers")
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
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="day_blocks")
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

    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="skill_groups")
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
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    body = MarkdownField()
    html = RenderedMarkdownField()
    takeaway = models.CharField("key takeaway", max_length=400, blank=True)

    class Meta(Ordered.Meta):
        verbose_name_plural = "case studies"
        constraints = [unique_position("casestudy", "guide")]

    def __str__(self):
        return self.title


class FAQ(Ordered):
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = MarkdownField()
    html = RenderedMarkdownField()

    class Meta(Ordered.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        constraints = [unique_position("faq", "guide")]

    def __str__(self):
        return self.question


class Source(Ordered):
    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="sources")
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
