"""Small factories: real rows in the real database, with only what a test cares about.

Tests build the guides they need here; only tests about the shipped content read fixtures/.
"""

import datetime
import itertools
import json

from django.db.models import CharField, IntegerField, TextField
from django.utils.text import capfirst

from guides.indexing import index
from guides.models import Category, ChangeNote, Guide, SalaryBand, markdown_fields
from guides.sections import CHANGE_LOG, LISTS, RELATIONS

_numbers = itertools.count(1)

# Values a list's rows need beyond their required text, to meet the models' constraints.
ROW_VALUES = {
    "salary_bands": lambda position: {
        "data_year": 2024,
        "low": 40_000 + position,
        "median": 60_000 + position,
        "high": 90_000 + position,
    },
    "day_blocks": lambda position: {
        "start": datetime.time(8 + position % 12),
        "end": datetime.time(9 + position % 12),
    },
}


def make_category(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Test category {number}")
    fields.setdefault("slug", f"test-category-{number}")
    return Category.objects.create(**fields)


def make_guide(median_pay=None, **fields):
    """A published guide with nothing optional filled in (and one salary band if `median_pay`)."""
    number = next(_numbers)
    fields.setdefault("title", f"Test occupation {number}")
    fields.setdefault("slug", f"test-occupation-{number}")
    fields.setdefault("summary", "A test occupation used by the test suite.")
    fields.setdefault("status", Guide.Status.PUBLISHED)
    if "category" not in fields:
        fields["category"] = make_category()
    guide = Guide.objects.create(**fields)
    if median_pay is not None:
        SalaryBand.objects.create(
            guide=guide, label="Median pay", source="A survey", data_year=2024, median=median_pay
        )
    index([guide.pk])
    return guide


def row_values(part, position):
    """A valid row for any list of guides.sections: required text and numbers made up, the rest
    left empty, plus ROW_VALUES for the lists whose constraints need more."""
    values = {}
    for field in part.fields:
        if field.blank or field.has_default():
            continue
        if field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, CharField | TextField):
            text = f"{capfirst(field.verbose_name)} {position} of {part.key}"
            values[field.name] = text[: field.max_length]
        elif isinstance(field, IntegerField):
            values[field.name] = position
    return {**values, **ROW_VALUES.get(part.key, lambda _: {})(position)}


def fill_guide(guide, items=3, skip=()):
    """Give a guide `items` rows in every list of every section (but the keys in `skip`), as many
    related guides and change notes, and text in every Markdown field, so that every section
    shows."""
    for part in LISTS:
        if part.key not in skip:
            part.model.objects.bulk_create(
                part.new(guide=guide, position=position, **row_values(part, position))
                for position in range(items)
            )
    for part in RELATIONS:
        getattr(guide, part.relation).add(
            *(make_guide(category=guide.category) for _ in range(items))
        )
    ChangeNote.objects.bulk_create(
        ChangeNote(guide=guide, note=f"Change {number} of {CHANGE_LOG.key}")
        for number in range(items)
    )
    for field in markdown_fields(Guide):
        setattr(guide, field.name, f"Some *{field.name}* text.")
    guide.save()
    index([guide.pk])
    return guide


def make_full_guide(items=4, **fields):
    """A guide shaped like the seed: headline figures with sources, three salary bands (an undated
    estimate with derived tiers, a cited survey median, older survey percentiles) and `items` rows
    in every other list."""
    defaults = {
        "title": "Clinic Manager",
        "occupation_code": "11-9111",
        "alternative_titles": ["Health services manager"],
        "last_reviewed": datetime.date(2026, 1, 15),
        "overview": "Clinic managers *run* clinics.",
        "growth_percent": 18,
        "growth_period": "2023-33",
        "growth_label": "Much faster than average",
        "growth_source": "Test Bureau of Labor Statistics",
        "growth_source_url": "https://example.org/growth",
        "growth_year": 2023,
        "employment": 562_700,
        "employment_year": 2023,
        "employment_change": 160_600,
        "entry_education": Guide.EntryEducation.BACHELOR,
        "remote_work": Guide.RemoteWork.HYBRID,
        "market_demand": Guide.Demand.HIGH,
    }
    guide = make_guide(**{**defaults, **fields})
    SalaryBand.objects.bulk_create(
        [
            SalaryBand(
                guide=guide,
                position=0,
                label="Source guide's estimate",
                kind=SalaryBand.Kind.ESTIMATE,
                source="A career site",
                low=70_000,
                median=105_000,
                high=140_000,
                entry=80_500,
                mid=105_000,
                senior=129_500,
                top_10_from=140_000,
                tier_basis=SalaryBand.TierBasis.DERIVED,
            ),
            SalaryBand(
                guide=guide,
                position=1,
                label="Median pay",
                source="Occupational Outlook Handbook",
                source_url="https://example.org/ooh",
                data_year=2023,
                median=110_680,
            ),
            SalaryBand(
                guide=guide,
                position=2,
                label="Pay distribution",
                source="Wage survey",
                data_year=2019,
                median=100_980,
                p10=58_820,
                p25=76_770,
                p75=133_520,
                p90=189_000,
            ),
        ]
    )
    return fill_guide(guide, items=items, skip=("salary_bands",))


def write_guide_file(folder, data):
    """Write a fixture file (and the categories file it refers to) under `folder`; return its path."""
    (folder / "guides").mkdir(parents=True, exist_ok=True)
    categories = folder / "categories.json"
    if not categories.exists():
        categories.write_text(
            json.dumps({"categories": [{"slug": "test-files", "name": "Test files"}]})
        )
    path = folder / "guides" / f"{data['slug']}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def guide_file_data(slug, **keys):
    """The smallest valid guide file, in the category write_guide_file() provides."""
    return {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "status": "published",
        "category": "test-files",
        "summary": "A guide written by a test.",
        "remote_work": "on-site",
        "market_demand": "medium",
        "stress_level": "moderate",
        "balance_rating": "fair",
        **keys,
    }


def make_catalogue():
    """Three categories and eight published guides with pay, growth, demand and other titles."""
    categories = {
        slug: make_category(name=slug.capitalize(), slug=slug)
        for slug in ("healthcare", "legal", "technology")
    }
    education = Guide.EntryEducation
    rows = [
        (
            "Registered Nurse",
            "healthcare",
            ["Staff nurse"],
            86_070,
            6,
            "high",
            "on-site",
            "BACHELOR",
        ),
        (
            "Medical Manager",
            "healthcare",
            ["Health services manager", "Clinic manager"],
            110_680,
            18,
            "high",
            "hybrid",
            "BACHELOR",
        ),
        ("Pharmacist", "healthcare", [], 136_030, 3, "medium", "on-site", "DOCTORAL"),
        ("Nurse Practitioner", "healthcare", ["APRN"], 126_260, 46, "high", "on-site", "MASTER"),
        ("Speech Pathologist", "healthcare", [], 89_290, 18, "high", "on-site", "MASTER"),
        ("Lawyer", "legal", ["Attorney"], 145_760, 5, "medium", "hybrid", "DOCTORAL"),
        ("Paralegal", "legal", ["Legal assistant"], 60_970, 1, "low", "hybrid", "ASSOCIATE"),
        (
            "Software Developer",
            "technology",
            ["Programmer"],
            132_270,
            17,
            "high",
            "remote-friendly",
            "BACHELOR",
        ),
    ]
    return [
        make_guide(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary=f"{title}s do the work of a {title.lower()}.",
            category=categories[category],
            alternative_titles=other_titles,
            median_pay=pay,
            growth_percent=growth,
            market_demand=demand,
            remote_work=remote,
            entry_education=education[level],
        )
        for title, category, other_titles, pay, growth, demand, remote, level in rows
    ]
