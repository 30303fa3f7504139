"""Load guide fixtures into the database: validate everything first, then write in one transaction.

Used by `manage.py load_guides` and `check_guides`, and by the tests.
"""

import json
from pathlib import Path

import reversion
from django.conf import settings
from django.db import transaction

from . import indexing
from .fixture_format import (
    CHILD_MODELS,
    PREFETCHES,
    Problem,
    data_to_objects,
    saved_guide_to_data,
    validate_objects,
)
from .load_rules import (
    CATEGORY_FIELDS,
    LoadReport,
    category_data,
    category_kept,
    decide,
    digest,
    plan_as_data,
)
from .models import Category, FixtureRecord, Guide
from .publishing import LOADED, publish, unpublish
from .sections import LISTS, RELATIONS
from .workflow.findings import record_findings

DEFAULT_FIXTURES = Path(settings.BASE_DIR) / "fixtures"


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


def saved_data(slugs):
    """The current data of the saved guides with these slugs, by slug (one query per child list)."""
    guides = (
        Guide.objects.select_related("category")
        .prefetch_related(*PREFETCHES)
        .filter(slug__in=slugs)
    )
    return {guide.slug: saved_guide_to_data(guide) for guide in guides}


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
        report.kept_categories = [c.slug for c in categories if category_kept(c, records)]
        transaction.set_rollback(True)
        return report
    _keep_editors_versions(report.forced)
    # Managed by hand: each guide and category is added once, complete (below). Left to the
    # signals, a guide was serialised again at its save and at each change of its related roles.
    with reversion.create_revision(manage_manually=True):
        reversion.set_comment("Loaded from fixture files")
        report.kept_categories = _write_categories(categories, records)
        _write_guides(writes, report)
    # Every loaded guide's search data, changed or not: its list items were bulk-created (no
    # signal reaches guides.indexing), and it follows the code's weighting, which a deploy may
    # change. This moves no timestamp, so an unchanged guide stays unchanged.
    indexing.index(list(Guide.objects.filter(slug__in=slugs).values_list("pk", flat=True)))
    unchanged = [plan.guide.slug for plan in plans if plan.guide.slug in report.unchanged]
    _record({**saved_data(report.written), **{slug: current[slug] for slug in unchanged}})
    record_findings(Guide.objects.filter(slug__in=report.written))  # for the editors' desk
    return report


def _keep_editors_versions(slugs):
    """Before --force overwrites a guide, store its current state as a revision to restore."""
    for guide in Guide.objects.filter(slug__in=slugs):
        with reversion.create_revision():
            reversion.set_comment("Editor's version, kept before load_guides --force overwrote it")
            reversion.add_to_revision(guide)


def _write_categories(categories, records):
    """Create new categories; update one only if nobody renamed or re-described it since."""
    kept = []
    for category in categories:
        if category_kept(category, records):
            kept.append(category.slug)
            continue
        saved, _ = Category.objects.update_or_create(
            slug=category.slug,
            defaults={"name": category.name, "description": category.description},
        )
        reversion.add_to_revision(saved)
        FixtureRecord.objects.update_or_create(
            key=f"category:{category.slug}", defaults={"digest": digest(category_data(category))}
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
            for model in CHILD_MODELS:
                model.objects.filter(guide=guide).delete()
        # The file's status and dates, as written: a load is trusted (user None), and its note
        # says where a published guide's change came from.
        if guide.is_published:
            publish(guide, None, LOADED[_action(guide.slug, report)], stamp=False)
        else:
            unpublish(guide, None)
        for part in LISTS:
            for instance in plan.children.get(part.key, []):
                instance.guide = guide
        for model, objects in children_by_model(plan).items():
            model.objects.bulk_create(objects)

    guide_ids = dict(Guide.objects.values_list("slug", "pk"))
    for plan in plans:
        for part in RELATIONS:
            slugs = plan.related.get(part.key, [])
            report.skipped_related += [(plan.guide.slug, s) for s in slugs if s not in guide_ids]
            getattr(plan.guide, part.relation).set([guide_ids[s] for s in slugs if s in guide_ids])
    for plan in plans:
        reversion.add_to_revision(plan.guide)


def _action(slug, report):
    return next(action for action in LOADED if slug in getattr(report, action))


def _record(data_by_slug):
    for slug, data in data_by_slug.items():
        FixtureRecord.objects.update_or_create(
            key=f"guide:{slug}", defaults={"digest": digest(data)}
        )


def children_by_model(plan):
    grouped = {}
    for part in LISTS:
        grouped.setdefault(part.model, []).extend(plan.children.get(part.key, []))
    return grouped
