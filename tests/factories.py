"""Small factories: real rows in the real database, with only what a test cares about."""

import datetime
import itertools

from guides.models import (
    FAQ,
    CareerTier,
    CaseStudy,
    Category,
    Certification,
    DayBlock,
    Guide,
    ListItem,
    SalaryBand,
    SkillGroup,
    Source,
    TechTool,
    markdown_fields,
)
from guides.search import update_search_vectors

_numbers = itertools.count(1)


def make_category(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Test category {number}")
    fields.setdefault("slug", f"test-category-{number}")
    return Category.objects.create(**fields)


def make_guide(**fields):
    """A published guide with nothing optional filled in."""
    number = next(_numbers)
    fields.setdefault("title", f"Test occupation {number}")
    fields.setdefault("slug", f"test-occupation-{number}")
    fields.setdefault("summary", "A test occupation used by the test suite.")
    fields.setdefault("status", Guide.Status.PUBLISHED)
    if "category" not in fields:
        fields["category"] = make_category()
    guide = Guide.objects.create(**fields)
    update_search_vectors([guide.pk])
    return guide


def fill_guide(guide, items=3):
    """Give a guide `items` entries in every list, so page cost can be compared across sizes."""
    for position in range(items):
        for kind in ListItem.Kind.values:
            ListItem.objects.create(
                guide=guide, kind=kind, position=position, text=f"{kind} {position}"
            )
        TechTool.objects.create(
            guide=guide, position=position, name=f"Tool {position}", examples="Alpha, Beta"
        )
        Certification.objects.create(
            guide=guide, position=position, name=f"Cert {position}", issuer="A board"
        )
        CareerTier.objects.create(
            guide=guide,
            position=position,
            title=f"Tier {position}",
            years_min=position,
            years_max=position + 1,
        )
        DayBlock.objects.create(
            guide=guide,
            position=position,
            label=f"Block {position}",
            start=datetime.time(8, 0),
            end=datetime.time(9, 0),
            focus="Focus",
            tasks=["One", "Two"],
        )
        SkillGroup.objects.create(
            guide=guide,
            position=position,
            kind="foundational",
            name=f"Group {position}",
            items=["A", "B"],
        )
        CaseStudy.objects.create(
            guide=guide,
            position=position,
            title=f"Case {position}",
            body="Body",
            takeaway="Takeaway",
        )
        FAQ.objects.create(
            guide=guide, position=position, question=f"Question {position}?", answer="Answer"
        )
        Source.objects.create(
            guide=guide,
            position=position,
            title=f"Source {position}",
            publisher="Publisher",
            url="https://example.org/",
            year=2024,
        )
        SalaryBand.objects.create(
            guide=guide,
            position=position,
            label=f"Band {position}",
            source="A survey",
            data_year=2024,
            low=40_000 + position,
            median=60_000 + position,
            high=90_000 + position,
        )
        guide.related_roles.add(make_guide(category=guide.category))
    for field in markdown_fields(Guide):
        setattr(guide, field.name, f"Some *{field.name}* text.")
    guide.save()
    return guide
