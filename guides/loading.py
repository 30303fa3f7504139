"""Load guide fixtures into the database: validate everything first, then write in one transaction.

Used by `manage.py load_guides` and `check_guides`, and by the tests.
"""

import json
from pathlib import Path

import reversion
from django.conf import settings
from django.db import transaction

from .fixture_format import (
    CHILD_MODELS,
    PREFETCHES,
    Problem,
    data_to_objects,
    guide_to_data,
    saved_guide_to_data,
    validate_objects,
)
from .models import Category, Guide
from .search import update_search_vectors
from .sections import LISTS, RELATIONS

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
        for key, slugs in plan.related.items():
            for related in slugs:
                if related not in known_guides:
                    problems.append(
                        Problem(plan.path, plan.guide.slug, key, f"no guide with slug '{related}'")
                    )
                elif related == plan.guide.slug:
                    problems.append(
                        Problem(
                            plan.path, plan.guide.slug, key, "a guide cannot be related to itself"
                        )
                    )
    if problems:
        raise LoadError(problems)
    return categories, plans


def current_data(slug):
    guide = (
        Guide.objects.select_related("category")
        .prefetch_related(*PREFETCHES)
        .filter(slug=slug)
        .first()
    )
    return None if guide is None else saved_guide_to_data(guide)


@transaction.atomic
def load(paths=()):
    """Validate, then write every changed guide. Returns (created, updated, unchanged) slug lists.

    Each changed guide gets a revision, so an editor can see and undo what a load changed."""
    categories, plans = plan_load(paths)
    with reversion.create_revision():
        reversion.set_comment("Loaded from fixture files")
        return _write(categories, plans)


def _write(categories, plans):
    for category in categories:
        Category.objects.update_or_create(
            slug=category.slug,
            defaults={"name": category.name, "description": category.description},
        )
    category_ids = dict(Category.objects.values_list("slug", "pk"))

    created, updated, unchanged = [], [], []
    changed_guides = []
    for plan in plans:
        guide = plan.guide
        guide.category_id = category_ids[plan.category_slug]
        before = current_data(guide.slug) if guide.pk else None
        if before is not None and before == plan_as_data(plan):
            unchanged.append(guide.slug)
            continue
        (updated if guide.pk else created).append(guide.slug)
        if guide.pk:
            # Keep the creation time; children are replaced wholesale so removed items disappear.
            guide.created_at = Guide.objects.values_list("created_at", flat=True).get(pk=guide.pk)
            for model in CHILD_MODELS:
                model.objects.filter(guide=guide).delete()
        guide.save()
        for part in LISTS:
            for instance in plan.children.get(part.key, []):
                instance.guide = guide
        for model, objects in children_by_model(plan).items():
            model.objects.bulk_create(objects)
        changed_guides.append((guide, plan.related))

    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    for guide, related in changed_guides:
        for part in RELATIONS:
            slugs = related.get(part.key, [])
            getattr(guide, part.relation).set([guide_ids[slug] for slug in slugs])
    # Every loaded guide, changed or not: search data follows the code's weighting, which a deploy
    # may change. This moves no timestamp, so an unchanged guide stays unchanged.
    update_search_vectors([guide_ids[plan.guide.slug] for plan in plans])
    for guide, _ in changed_guides:
        reversion.add_to_revision(guide)
    return created, updated, unchanged


def children_by_model(plan):
    grouped = {}
    for part in LISTS:
        grouped.setdefault(part.model, []).extend(plan.children.get(part.key, []))
    return grouped


def plan_as_data(plan):
    """The file's data as the exporter would write it, so cosmetic differences do not count."""
    return guide_to_data(plan.guide, plan.category_slug, plan.children, plan.related)
