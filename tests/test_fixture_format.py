"""The fixture format: keys from the models and the section registry, empty optional values left
out, missing keys read as empty, and a guide survives the trip to a file and back."""

import json

import pytest

from guides.exporting import export_to
from guides.fixture_format import (
    ALL_KEYS,
    data_to_objects,
    dumps,
    guide_to_data,
    saved_guide_to_data,
    validate_objects,
)
from guides.loading import load
from guides.models import Guide
from guides.sections import LISTS, RELATIONS, SECTIONS

from .factories import make_full_guide, make_guide

pytestmark = pytest.mark.django_db


def read(data, existing_pk=None):
    """A file's data as the loader reads and validates it: (plan, ["key: message", ...])."""
    plan, problems = data_to_objects("test.json", data)
    if plan is not None:
        problems += validate_objects(plan, existing_pk)
    return plan, [f"{p.field}: {p.message}" for p in problems]


def test_keys_follow_the_model_then_the_sections_in_page_order():
    """A file lists the guide's fields, then each section's lists in page order, then relations."""
    list_keys = [part.key for part in LISTS]
    assert ALL_KEYS[: ALL_KEYS.index("portfolio_tips") + 1][:3] == ["slug", "title", "status"]
    assert ALL_KEYS[-len(list_keys) - len(RELATIONS) :] == [
        *list_keys,
        *(part.key for part in RELATIONS),
    ]
    pages_order = [part.key for section in SECTIONS for part in section.parts if part in LISTS]
    assert list_keys == pages_order
    assert "search_vector" not in ALL_KEYS and "is_synthetic" not in ALL_KEYS


def test_exporter_leaves_out_empty_optional_values():
    """A bare guide's file holds its required keys only; a band leaves out the figures it lacks."""
    guide = make_guide(slug="bare", title="Bare", median_pay=50_000)
    data = saved_guide_to_data(Guide.objects.get(pk=guide.pk))
    assert list(data) == [
        "slug",
        "title",
        "status",
        "category",
        "summary",
        "remote_work",
        "market_demand",
        "stress_level",
        "balance_rating",
        "salary_bands",
    ]
    assert data["salary_bands"] == [
        {
            "label": "Median pay",
            "kind": "survey",
            "country": "US",
            "currency": "USD",
            "period": "annual",
            "source": "A survey",
            "data_year": 2024,
            "median": 50_000,
        }
    ]


def test_zero_is_a_value_not_an_empty_one():
    """Growth of 0% is a figure, and is written."""
    guide = make_guide(growth_percent=0, employment_change=0)
    data = saved_guide_to_data(Guide.objects.get(pk=guide.pk))
    assert (data["growth_percent"], data["employment_change"]) == (0, 0)


def test_reader_treats_missing_optional_keys_as_empty():
    """A file with only the required keys reads as a guide with everything optional empty."""
    plan, problems = read(
        {
            "slug": "short",
            "title": "Short",
            "status": "draft",
            "category": "c",
            "summary": "S.",
            "remote_work": "hybrid",
            "market_demand": "low",
            "stress_level": "low",
            "balance_rating": "good",
            "day_blocks": [{"label": "Morning", "start": "08:00", "end": "12:00"}],
        }
    )
    assert problems == []
    assert (plan.guide.growth_percent, plan.guide.overview, plan.guide.alternative_titles) == (
        None,
        "",
        [],
    )
    assert plan.children["day_blocks"][0].tasks == []
    assert plan.children["faqs"] == [] and plan.related == {"related_roles": []}


def test_missing_required_keys_are_reported():
    """Leaving out a key that has no empty value is an error on that key."""
    _, problems = read({"slug": "x", "category": "c", "day_blocks": [{"label": "Morning"}]})
    assert "title: This field cannot be blank." in problems
    assert "remote_work: This field cannot be blank." in problems
    assert "day_blocks[0].start: This field cannot be null." in problems


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("title", ["a list"], "title: has the wrong type (list)"),
        ("growth_percent", {"a": 1}, "growth_percent: has the wrong type (dict)"),
        ("alternative_titles", "one title", "alternative_titles: must be a list of text"),
        ("pros", "not a list", "pros: must be a list"),
        ("pros", ["fine", ""], "pros[1]: must be non-empty text"),
        ("faqs", ["not an object"], "faqs[0]: must be an object"),
        ("faqs", [{"question": "Q?", "answr": "A"}], "faqs[0].answr: is not a known key"),
        ("related_roles", "lawyer", "related_roles: must be a list of guide slugs"),
    ],
)
def test_wrong_shapes_are_named(key, value, message):
    """Each problem names its key and what is wrong, in words."""
    _, problems = read({"slug": "x", "title": "X", "category": "c", key: value})
    assert any(problem.startswith(message) for problem in problems), problems


def test_a_full_guide_survives_a_file_and_back():
    """Every section's content is written and read back as it was."""
    guide = make_full_guide()
    data = saved_guide_to_data(Guide.objects.get(pk=guide.pk))
    assert set(data) == set(ALL_KEYS) - {"first_published", "work_experience"} - {
        "on_the_job_training"
    }
    plan, problems = read(json.loads(dumps(data)), existing_pk=guide.pk)
    assert problems == []
    assert guide_to_data(plan.guide, plan.category_slug, plan.children, plan.related) == data


def test_export_then_load_into_an_empty_database_gives_the_same_files(tmp_path):
    """Exported files load into a fresh database and export again byte for byte."""
    make_full_guide(slug="full")
    first = tmp_path / "first"
    export_to(first)
    Guide.objects.all().delete()
    load([first])
    second = tmp_path / "second"
    export_to(second)
    for path in sorted(first.rglob("*.json")):
        assert (second / path.relative_to(first)).read_bytes() == path.read_bytes(), path.name
