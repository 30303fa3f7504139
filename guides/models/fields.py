"""What every guide model shares: limits, the Markdown field type, ordered children."""

import re

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..markdown import MARKDOWN_MAX_LENGTH, render_markdown, validate_markdown

# Figures older than this many years carry a visible "dated" note on the page.
DATED_AFTER_YEARS = 5
MONEY_MAX = 10_000_000
GROWTH_PERCENT_MIN, GROWTH_PERCENT_MAX = -100, 500
money_validators = [MinValueValidator(0), MaxValueValidator(MONEY_MAX)]
year_validators = [MinValueValidator(1950), MaxValueValidator(2100)]
# An occupation's SOC code ("11-9111"), by which BLS publishes wages (guides.wages); an O*NET-SOC
# code is one, or one of its O*NET specialisations ("29-1141.01"), paid as that SOC occupation.
SOC_CODE = re.compile(r"\d{2}-\d{4}")
ONET_SOC_CODE = re.compile(rf"{SOC_CODE.pattern}(\.\d{{2}})?")
# A guide's codes: one O*NET-SOC code, or several joined with "; ".
soc_code_validator = RegexValidator(
    rf"^{ONET_SOC_CODE.pattern}(; {ONET_SOC_CODE.pattern})*$",
    "Use an O*NET-SOC code such as 11-9111 (several joined with '; ').",
)
MARKDOWN_HELP = (
    "Markdown: paragraphs, lists, *emphasis* and [links](https://…); headings start at ###."
)


def is_dated(year):
    return year is not None and year < timezone.now().year - DATED_AFTER_YEARS


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


class MarkdownField(models.TextField):
    """Text written in Markdown and rendered, sanitised, on the page.

    One type for every Markdown field: its form field says it takes Markdown, the admin gives it
    a preview (guides.admin.forms) and search weighs a guide's Markdown as its prose."""

    # Checked by the admin's forms and the fixture loader (full_clean); default validators are not
    # part of the field's definition, so the limits need no migration.
    default_validators = [MaxLengthValidator(MARKDOWN_MAX_LENGTH), validate_markdown]

    def formfield(self, **kwargs):
        help_text = f"{self.help_text} {MARKDOWN_HELP}" if self.help_text else MARKDOWN_HELP
        return super().formfield(**{"help_text": help_text, **kwargs})


def markdown_fields(model):
    """The model's Markdown fields, in the model's order."""
    return [field for field in model._meta.fields if isinstance(field, MarkdownField)]


class RenderedMarkdownField(models.JSONField):
    """Every Markdown field of its row as sanitised HTML, by field name: `guide.html.overview`.

    Rendered whenever the row is written (save(), bulk_create(), the admin with its inlines, the
    fixture loader, a restored revision), so a page only reads it. Its values come back marked safe:
    this field is their only writer, and it writes nothing but render_markdown()'s sanitised output.
    Writes that bypass save (QuerySet.update(), bulk_update()) must not change Markdown fields.
    """

    def __init__(self, *args, **kwargs):
        kwargs.update(default=dict, editable=False, blank=True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("default", "editable", "blank"):
            kwargs.pop(fixed, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        rendered = {
            field.name: render_markdown(getattr(model_instance, field.attname))
            for field in markdown_fields(type(model_instance))
        }
        setattr(model_instance, self.attname, rendered)
        return rendered

    def from_db_value(self, value, expression, connection):
        rendered = super().from_db_value(value, expression, connection) or {}
        return {name: mark_safe(html) for name, html in rendered.items()}


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
