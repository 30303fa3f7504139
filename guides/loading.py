"""Load guide fixtures into the database: validate everything first, then write in one transaction.

Used by `manage.py load_guides` and `check_guides`, and by the tests.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.db import transaction

from .fixture_format import (
    CHILD_LISTS,
    CHILD_PREFETCHES,
    Problem,
    data_to_objects,
    dumps,
    guide_to_data,
    saved_guide_to_data,
    validate_objects,
)
from .models import Category, FixtureRecord, Guide
from .search import update_search_vectors

DEFAULT_FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CATEGORY_FIELDS = ("slug", "name", "description")


class LoadError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the fixtures")


def expand_paths(paths):
    """Files to read: the JSON files named, or found in the folders named (default fixtures/)."""
    files = []
    for path in [Path(p) for p in paths] or [DEFAULT_FIXTURES]:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json"))
        else:
            files.append(path)
    return files


def read_json(path, problems):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(str(path), "-", "-", "file not found"))
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), "-", "-", f"not UTF-8 text ({error.reason})"))
    except json.JSONDecodeError as error:
        problems.append(
            Problem(
                str(path),
                "-",
                "-",
                f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            )
        )
    return None


def read_categories(path, data, problems):
    categories = []
    entries = data.get("categories")
    if not isinstance(entries, list):
        problems.append(Problem(str(path), "-", "categories", "must be a list"))
        return categories
    for index, entry in enumerate(entries):
        where = f"categories[{index}]"
        if (
            not isinstance(entry, dict)
            or set(entry) - set(CATEGORY_FIELDS)
            or not entry.get("slug")
            or not entry.get("name")
        ):
            problems.append(
                Problem(
                    str(path),
                    "-",
                    where,
                    "needs slug and name (and optionally description), nothing else",
                )
            )
            continue
        categories.append(Category(**entry))
    return categories


def plan_load(paths=()):
    """Read and validate every file. Returns (categories, plans); raises LoadError listing all problems."""
    problems, categories, plans = [], [], []
    for path in expand_paths(paths):
        data = read_json(path, problems)
        if data is None:
            continue
        if isinstance(data, dict) and "categories" in data:
            categories += read_categories(path, data, problems)
            continue
        plan, found = data_to_objects(str(path), data)
        problems += found
        if plan is not None:
            plans.append(plan)

    known_categories = {c.slug for c in categories} | set(
        Category.objects.values_list("slug", flat=True)
    )
    existing = dict(Guide.objects.values_list("slug", "pk"))
    seen = {}
    for plan in plans:
        slug = plan.guide.slug
        if slug in seen:
            problems.append(
                Problem(plan.path, slug, "slug", f"the same slug is also used by {seen[slug]}")
            )
        seen[slug] = plan.path
        if plan.category_slug and plan.category_slug not in known_categories:
            problems.append(
                Problem(plan.path, slug, "category", f"unknown category '{plan.category_slug}'")
            )
        problems += validate_objects(plan, existing.get(slug))
    known_guides = set(seen) | set(existing)
    for plan in plans:
        for related in plan.related_slugs:
            if related not in known_guides:
                problems.append(
                    Problem(
                        plan.path,
                        plan.guide.slug,
                        "related_roles",
                        f"no guide with slug '{related}'",
                    )
                )
            elif related == plan.guide.slug:
                problems.append(
                    Problem(
                        plan.path,
                        plan.guide.slug,
                        "related_roles",
                        "a guide cannot be related to itself",
                    )
                )
    if problems:
        raise LoadError(problems)
    return categories, plans


def digest(data):
    """A short fingerprint of a guide's or category's data, as the exporter writes it."""
    return hashlib.sha256(dumps(data).encode()).hexdigest()


def saved_data(slugs):
    """The current data of the saved guides with these slugs, by slug (one query per child list)."""
    guides = (
        Guide.objects.select_related("category")
        .prefetch_related(*CHILD_PREFETCHES, "related_roles")
        .filter(slug__in=slugs)
    )
    return {guide.slug: saved_guide_to_data(guide) for guide in guides}


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


@transaction.atomic
def load(paths=(), force=(), dry_run=False):
    """Validate every file, decide per guide (see `decide`), then write in one transaction.

    Raises LoadError for invalid files, and for forced slugs that no file holds."""
    categories, plans = plan_load(paths)
    unknown = sorted(set(force) - {plan.guide.slug for plan in plans})
    if unknown:
        raise LoadError(
            [Problem("-", slug, "--force", "no fixture file holds this guide") for slug in unknown]
        )
    slugs = [plan.guide.slug for plan in plans]
    # Serialise with other loads and with admin saves (which lock their guide's row), so nothing an
    # editor saves while the load runs is overwritten unseen.
    list(Guide.objects.select_for_update().filter(slug__in=slugs).values_list("pk"))
    records = dict(FixtureRecord.objects.values_list("key", "digest"))
    current = saved_data(slugs)
    report = LoadReport()
    for plan in plans:
        slug = plan.guide.slug
        action = decide(plan, current.get(slug), records.get(f"guide:{slug}"), set(force))
        if action == "kept":
            fixture = plan_as_data(plan)
            report.kept[slug] = [k for k in fixture if fixture[k] != current[slug].get(k)]
        else:
            getattr(report, action).append(slug)
    writes = [plan for plan in plans if plan.guide.slug in report.written]
    if dry_run:
        report.kept_categories = [c.slug for c in categories if _category_kept(c, records)]
        transaction.set_rollback(True)
        return report
    _keep_editors_versions(report.forced)
    with reversion.create_revision():
        reversion.set_comment("Loaded from fixture files")
        report.kept_categories = _write_categories(categories, records)
        _write_guides(writes, report)
    # Every loaded guide's search data, changed or not: it follows the code's weighting, which a
    # deploy may change. This moves no timestamp, so an unchanged guide stays unchanged.
    update_search_vectors(list(Guide.objects.filter(slug__in=slugs).values_list("pk", flat=True)))
    unchanged = [plan.guide.slug for plan in plans if plan.guide.slug in report.unchanged]
    _record({**saved_data(report.written), **{slug: current[slug] for slug in unchanged}})
    return report


def _keep_editors_versions(slugs):
    """Before --force overwrites a guide, store its current state as a revision to restore."""
    for guide in Guide.objects.filter(slug__in=slugs):
        with reversion.create_revision():
            reversion.set_comment("Editor's version, kept before load_guides --force overwrote it")
            reversion.add_to_revision(guide)


def _category_data(category):
    return {name: getattr(category, name) for name in CATEGORY_FIELDS}


def _category_kept(category, records):
    saved = Category.objects.filter(slug=category.slug).first()
    if saved is None or _category_data(saved) == _category_data(category):
        return False
    return records.get(f"category:{category.slug}") != digest(_category_data(saved))


def _write_categories(categories, records):
    """Create new categories; update one only if nobody renamed or re-described it since."""
    kept = []
    for category in categories:
        if _category_kept(category, records):
            kept.append(category.slug)
            continue
        Category.objects.update_or_create(
            slug=category.slug,
            defaults={"name": category.name, "description": category.description},
        )
        FixtureRecord.objects.update_or_create(
            key=f"category:{category.slug}", defaults={"digest": digest(_category_data(category))}
        )
    return kept


def _write_guides(plans, report):
    category_ids = dict(Category.objects.values_list("slug", "pk"))
    existing = dict(
        Guide.objects.filter(slug__in=[p.guide.slug for p in plans]).values_list("slug", "pk")
    )
    for plan in plans:
        guide = plan.guide
        guide.pk = existing.get(guide.slug)
        guide._state.adding = guide.pk is None
        guide.category_id = category_ids[plan.category_slug]
        if guide.pk:
            # Keep the creation time; children are replaced wholesale so removed items disappear.
            guide.created_at = Guide.objects.values_list("created_at", flat=True).get(pk=guide.pk)
            for child in CHILD_LISTS:
                child.model.objects.filter(guide=guide).delete()
        guide.save()
        for child in CHILD_LISTS:
            for instance in plan.children.get(child.key, []):
                instance.guide = guide
        for model, objects in children_by_model(plan).items():
            model.objects.bulk_create(objects)

    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    for plan in plans:
        related = [slug for slug in plan.related_slugs if slug in guide_ids]
        report.skipped_related += [
            (plan.guide.slug, s) for s in plan.related_slugs if s not in guide_ids
        ]
        plan.guide.related_roles.set([guide_ids[slug] for slug in related])
    for plan in plans:
        reversion.add_to_revision(plan.guide)


def _record(data_by_slug):
    for slug, data in data_by_slug.items():
        FixtureRecord.objects.update_or_create(
            key=f"guide:{slug}", defaults={"digest": digest(data)}
        )


def children_by_model(plan):
    grouped = {}
    for child in CHILD_LISTS:
        grouped.setdefault(child.model, []).extend(plan.children.get(child.key, []))
    return grouped


def plan_as_data(plan):
    """The file's data as the exporter would write it, so cosmetic differences do not count."""
    return guide_to_data(plan.guide, plan.category_slug, plan.children, plan.related_slugs)
