"""What a load may overwrite. The database is the source of truth once a guide exists: a file wins
only where nobody changed the guide (or category) since the last load, or when forced by name.

Each load records a digest of what it wrote (FixtureRecord); the next load compares the database with
it to tell an editor's change from its own."""

import hashlib
from dataclasses import dataclass, field

from .fixture_format import dumps, guide_to_data
from .models import Category

CATEGORY_FIELDS = ("slug", "name", "description")


def digest(data):
    """A short fingerprint of a guide's or category's data, as the exporter writes it."""
    return hashlib.sha256(dumps(data).encode()).hexdigest()


@dataclass
class LoadReport:
    """What a load did (or, in a dry run, would do), slug by slug."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    forced: list = field(default_factory=list)
    kept: dict = field(default_factory=dict)  # slug -> fields that differ from the file
    deleted: list = field(default_factory=list)  # deleted in the admin, not recreated
    kept_categories: list = field(default_factory=list)
    skipped_related: list = field(default_factory=list)  # (slug, related slug deleted in the admin)

    @property
    def written(self):
        return [*self.created, *self.updated, *self.forced]


def decide(plan, current, recorded, force):
    """What to do with one guide from the files. The database is the source of truth once a guide
    exists: the file wins only where nobody changed the guide since the last load, or when forced."""
    slug = plan.guide.slug
    if current is None:
        return "created" if recorded is None or slug in force else "deleted"
    if current == plan_as_data(plan):
        return "unchanged"
    if slug in force:
        return "forced"
    if recorded == digest(current):
        return "updated"
    return "kept"


def plan_as_data(plan):
    """The file's data as the exporter would write it, so cosmetic differences do not count."""
    return guide_to_data(plan.guide, plan.category_slug, plan.children, plan.related)


def category_data(category):
    return {name: getattr(category, name) for name in CATEGORY_FIELDS}


def category_kept(category, records):
    saved = Category.objects.filter(slug=category.slug).first()
    if saved is None or category_data(saved) == category_data(category):
        return False
    return records.get(f"category:{category.slug}") != digest(category_data(saved))
