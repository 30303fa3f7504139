"""Integrity lives in the database, mirrored by messages an editor understands."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guides.models import (
    DATED_AFTER_YEARS,
    FAQ,
    CareerTier,
    CaseStudy,
    DayBlock,
    Guide,
    ListItem,
    SalaryBand,
    markdown_fields,
)
from guides.page import GuidePage
from guides.sections import SECTIONS, sections_filled
from guides.wages.headline import headline_pay

from .factories import fill_guide, make_guide

pytestmark = pytest.mark.django_db


def band(guide, **figures):
    return SalaryBand(
        guide=guide, label="Test band", source="Test", **{"data_year": 2024, **figures}
    )


BAD_FIGURES = pytest.mark.parametrize(
    "figures, constraint",
    [
        ({"low": 50_000, "median": 40_000, "high": 90_000}, "salaryband_low_lte_median"),
        ({"low": 10, "median": 95_000, "high": 90_000}, "salaryband_median_lte_high"),
        ({"median": 50_000, "p25": 60_000}, "salaryband_p25_lte_median"),
        (
            {"median": 50_000, "entry": 70_000, "mid": 60_000, "tier_basis": "derived"},
            "salaryband_entry_lte_mid",
        ),
        ({"median": 20_000_000}, "salaryband_median_plausible"),
        ({"median": -5}, "salaryband_median_plausible"),
        ({"low": 10_000}, "salaryband_has_figures"),
        ({"median": 50_000, "entry": 40_000}, "salaryband_tiers_have_basis"),
    ],
)


@BAD_FIGURES
def test_database_rejects_bad_salary_figures(figures, constraint):
    """The database itself refuses out-of-order or implausible pay, whatever wrote it."""
    guide = make_guide()
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        band(guide, **figures).save()
    assert constraint in str(error.value)


@BAD_FIGURES
def test_validation_says_every_constraint_in_words_without_asking_the_database(figures, constraint):
    """Model validation checks a band's figures in Python (clean() and the money validators)
    and asks the database only whether its guide exists and its position is free."""
    guide = make_guide()
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError):
        band(guide, position=0, **figures).full_clean()
    assert len(queries) == 2, [query["sql"] for query in queries]


def test_clean_explains_out_of_order_salary_in_words():
    """An editor is told which figure is wrong and why."""
    guide = make_guide()
    with pytest.raises(ValidationError) as error:
        band(guide, low=70_000, median=105_000, high=100_000).full_clean()
    messages = error.value.message_dict
    assert "High end of range (100,000) must not be below median (105,000)." in messages["high"]


def test_valid_band_passes():
    """The seed's own figures are a valid band."""
    guide = make_guide()
    band(
        guide,
        low=70_000,
        median=105_000,
        high=140_000,
        entry=80_500,
        mid=105_000,
        senior=129_500,
        top_10_from=140_000,
        tier_basis="derived",
    ).full_clean()


def test_tier_years_must_be_in_order():
    """A tier cannot end before it starts; open-ended tiers are allowed."""
    guide = make_guide()
    CareerTier(guide=guide, title="Director", years_min=12, years_max=None).full_clean()
    with pytest.raises(ValidationError) as error:
        CareerTier(guide=guide, title="Oops", years_min=7, years_max=3).full_clean()
    assert "ends (3 years) before it starts (7 years)" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerTier.objects.create(guide=guide, title="Oops", years_min=7, years_max=3)


def test_day_block_must_end_after_it_starts():
    """Time blocks run forwards."""
    guide = make_guide()
    with pytest.raises(IntegrityError), transaction.atomic():
        DayBlock.objects.create(
            guide=guide, label="Backwards", start=datetime.time(12), end=datetime.time(9)
        )


def test_positions_are_unique_within_a_list():
    """Two items cannot share a position in the same list, but other lists are separate.

    The check is deferred to commit (so rows can swap); the test asks for it at once instead."""
    guide = make_guide()
    ListItem.objects.create(guide=guide, kind="pro", position=0, text="One")
    ListItem.objects.create(guide=guide, kind="con", position=0, text="Other list")
    with pytest.raises(IntegrityError), transaction.atomic():
        ListItem.objects.create(guide=guide, kind="pro", position=0, text="Clash")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_slugs_are_unique():
    """Two guides cannot share an address."""
    make_guide(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_guide(slug="same")


def test_growth_must_be_plausible():
    """A growth of 900% is a typo, and the database refuses it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_guide(growth_percent=900)


def test_every_markdown_field_says_it_takes_markdown():
    """Guide prose, FAQ answers and case-study bodies all tell the editor they take Markdown."""
    fields = [
        *markdown_fields(Guide),
        FAQ._meta.get_field("answer"),
        CaseStudy._meta.get_field("body"),
    ]
    assert len(fields) == 15
    for field in fields:
        help_text = field.formfield().help_text
        assert "Markdown:" in help_text and "###" in help_text, field.name
    assert (
        Guide._meta.get_field("overview")
        .formfield()
        .help_text.startswith("The opening paragraphs. Markdown:")
    )


def test_headline_pay_is_the_first_band_with_a_median():
    """A band without a median never becomes the headline, whatever its position."""
    guide = make_guide()
    band(guide, p10=20_000, p90=60_000, position=0).save()
    band(guide, median=45_000, position=1).save()
    band(guide, median=99_000, position=2).save()
    assert Guide.objects.annotate(**headline_pay()).get(pk=guide.pk).headline_median == 45_000


@pytest.mark.parametrize("items", [0, 1])
def test_sections_filled_counts_what_the_page_shows(client, items):
    """The admin's completeness, in SQL, agrees with the page's own sections, section by section."""
    guide = fill_guide(make_guide(), items=items) if items else make_guide()
    guide.role_challenges = "   "  # whitespace is not content, on the page or in the count
    guide.employment = 0  # zero jobs is a figure
    guide.save()
    shown = GuidePage.build(Guide.objects.annotate(**headline_pay()).get(pk=guide.pk)).sections
    counted = (
        Guide.objects.annotate(sections_filled=sections_filled()).get(pk=guide.pk).sections_filled
    )
    assert counted == len(shown)
    assert counted == (len(SECTIONS) if items else 3)  # glance, balance and the outlook


def test_dated_figures_are_those_older_than_the_models_limit():
    """Growth or pay figures more than DATED_AFTER_YEARS old mark a guide dated."""
    old = timezone.now().year - DATED_AFTER_YEARS - 1
    recent = make_guide(growth_year=old + 1)
    undated = make_guide()  # no year at all: not dated (false, not unknown)
    dated_growth = make_guide(growth_year=old)
    dated_pay = make_guide()
    band(dated_pay, median=50_000, data_year=old).save()
    dated = dict(Guide.objects.with_dated_figures().values_list("pk", "has_dated_figures"))
    assert dated == {recent.pk: False, undated.pk: False, dated_growth.pk: True, dated_pay.pk: True}


def test_published_hides_drafts_and_synthetic_guides():
    """One place decides what the public sees."""
    shown = make_guide()
    make_guide(status=Guide.Status.DRAFT)
    make_guide(is_synthetic=True)
    assert list(Guide.objects.published()) == [shown]
