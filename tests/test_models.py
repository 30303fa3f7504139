"""Integrity lives in the database, mirrored by messages an editor understands."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from guides.models import CareerTier, DayBlock, ListItem, SalaryBand

from .factories import make_guide

pytestmark = pytest.mark.django_db


def band(guide, **figures):
    return SalaryBand(guide=guide, label="Test band", source="Test", data_year=2024, **figures)


@pytest.mark.parametrize(
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
def test_database_rejects_bad_salary_figures(figures, constraint):
    """The database itself refuses out-of-order or implausible pay, whatever wrote it."""
    guide = make_guide()
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        band(guide, **figures).save()
    assert constraint in str(error.value)


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
