"""The guide fixture format (documented in fixtures/README.md): one JSON file per guide.

`guide_to_data()` is the single definition of the format: the exporter writes it, and the loader compares
a file with it to know whether anything changed. `data_to_objects()` turns a file back into unsaved model
instances, collecting every problem instead of stopping at the first.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from .models import (
    FAQ,
    CareerTier,
    CaseStudy,
    Certification,
    DayBlock,
    Guide,
    ListItem,
    SalaryBand,
    SkillGroup,
    Source,
    TechTool,
)

GUIDE_FIELDS = [
    "slug",
    "title",
    "status",
    "category",
    "occupation_code",
    "alternative_titles",
    "summary",
    "first_published",
    "last_reviewed",
    "overview",
    "growth_percent",
    "growth_period",
    "growth_label",
    "growth_source",
    "growth_source_url",
    "growth_year",
    "employment",
    "employment_year",
    "employment_change",
    "entry_education",
    "work_experience",
    "on_the_job_training",
    "remote_work",
    "market_demand",
    "market_demand_note",
    "stress_level",
    "balance_rating",
    "core_functions",
    "work_setting",
    "education_level",
    "career_entry",
    "required_education",
    "global_outlook",
    "role_challenges",
    "growth_paths",
    "industry_trends",
    "work_life_balance",
    "portfolio_tips",
]


@dataclass(frozen=True)
class ChildList:
    """One list of a guide's children in the file: its key, model and fields (or a ListItem kind)."""

    key: str
    model: type
    fields: tuple = ()
    kind: str = ""

    @property
    def is_text_list(self):
        return self.model is ListItem

    def queryset(self, guide):
        items = getattr(guide, self.model._meta.get_field("guide").related_query_name()).all()
        if self.is_text_list:
            # Filter in Python so a prefetched list_items is reused, not queried again per kind.
            return [item for item in items if item.kind == self.kind]
        return list(items)


def _text_list(key, kind):
    return ChildList(key, ListItem, ("text",), kind)


CHILD_LISTS = [
    ChildList(
        "salary_bands",
        SalaryBand,
        (
            "label",
            "kind",
            "country",
            "currency",
            "period",
            "source",
            "source_url",
            "data_year",
            "low",
            "median",
            "high",
            "p10",
            "p25",
            "p75",
            "p90",
            "entry",
            "mid",
            "senior",
            "top_10_from",
            "tier_basis",
            "note",
        ),
    ),
    _text_list("responsibilities", ListItem.Kind.RESPONSIBILITY),
    ChildList("tech_stack", TechTool, ("name", "examples")),
    _text_list("tech_skills", ListItem.Kind.TECH_SKILL),
    _text_list("soft_skills", ListItem.Kind.SOFT_SKILL),
    ChildList("certifications", Certification, ("name", "issuer", "url")),
    ChildList("career_tiers", CareerTier, ("title", "years_min", "years_max", "description")),
    ChildList("day_blocks", DayBlock, ("label", "start", "end", "focus", "tasks")),
    ChildList("skill_map", SkillGroup, ("kind", "name", "description", "items")),
    _text_list("pros", ListItem.Kind.PRO),
    _text_list("cons", ListItem.Kind.CON),
    _text_list("mistakes", ListItem.Kind.MISTAKE),
    _text_list("advice", ListItem.Kind.ADVICE),
    ChildList("case_studies", CaseStudy, ("title", "body", "takeaway")),
    ChildList("faqs", FAQ, ("question", "answer")),
    ChildList("sources", Source, ("title", "publisher", "url", "year")),
]
CHILD_PREFETCHES = sorted(
    {child.model._meta.get_field("guide").related_query_name() for child in CHILD_LISTS}
)
ALL_KEYS = [*GUIDE_FIELDS, *(child.key for child in CHILD_LISTS), "related_roles"]


def to_json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def guide_to_data(guide, category_slug, children, related_slugs):
    """A guide as a fixture file's data; `children` maps each ChildList key to its items in order."""
    data = {
        name: category_slug if name == "category" else to_json_value(getattr(guide, name))
        for name in GUIDE_FIELDS
    }
    for child in CHILD_LISTS:
        items = children.get(child.key, [])
        if child.is_text_list:
            data[child.key] = [item.text for item in items]
        else:
            data[child.key] = [
                {name: to_json_value(getattr(item, name)) for name in child.fields}
                for item in items
            ]
    # Related roles have no order of their own: files list them sorted, so exports are stable.
    data["related_roles"] = sorted(related_slugs)
    return data


def saved_guide_to_data(guide):
    """The file's content for a saved guide (prefetch with `CHILD_PREFETCHES` to avoid queries)."""
    children = {child.key: child.queryset(guide) for child in CHILD_LISTS}
    related = [other.slug for other in guide.related_roles.all()]
    return guide_to_data(guide, guide.category.slug, children, related)


def dumps(data):
    """The exact bytes of a fixture file: stable key order, two-space indent, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class GuidePlan:
    """A guide read from a file: unsaved objects, ready to write once everything is valid."""

    path: str
    data: dict
    guide: Guide
    category_slug: str
    children: dict = field(default_factory=dict)  # ChildList.key -> list of unsaved instances
    related_slugs: list = field(default_factory=list)


@dataclass
class Problem:
    path: str
    guide: str
    field: str
    message: str

    def __str__(self):
        return f"{self.path}: guide '{self.guide}': {self.field}: {self.message}"


def _messages(error):
    """Flatten a ValidationError into (field, message) pairs."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                for message in item.messages:
                    yield ("" if name == "__all__" else name), message
    else:
        for message in error.messages:
            yield "", message


def _set_fields(instance, values, names, prefix, problems):
    """Assign values through each field's own conversion, recording what cannot convert."""
    for name in names:
        model_field = instance._meta.get_field(name)
        value = values.get(name)
        if value is None:
            value = [] if name in ("tasks", "items") else (None if model_field.null else "")
        try:
            if isinstance(value, (dict, bool)) or (
                isinstance(value, list) and not hasattr(model_field, "base_field")
            ):
                raise ValidationError(
                    "has the wrong type (%(type)s)", params={"type": type(value).__name__}
                )
            if hasattr(model_field, "base_field"):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValidationError("must be a list of text")
            elif value not in ("", None):
                value = model_field.to_python(value)
            setattr(instance, name, value)
        except ValidationError as error:
            for _, message in _messages(error):
                problems.append((f"{prefix}{name}", message))


def _check_keys(values, allowed, prefix, problems):
    if not isinstance(values, dict):
        problems.append((prefix.rstrip("."), "must be an object"))
        return False
    for key in values:
        if key not in allowed:
            problems.append((f"{prefix}{key}", "is not a known key (see fixtures/README.md)"))
    return True


def data_to_objects(path, data):
    """Build a GuidePlan from one file's data. Returns (plan or None, [Problem])."""
    slug = data.get("slug") if isinstance(data, dict) else None
    label = slug if isinstance(slug, str) and slug else "?"
    raw = []
    if not _check_keys(data, ALL_KEYS, "", raw):
        return None, [Problem(path, label, f, m) for f, m in raw]
    if not data.get("category"):
        raw.append(("category", "is required (a category slug from fixtures/categories.json)"))

    guide = Guide()
    _set_fields(guide, data, [n for n in GUIDE_FIELDS if n != "category"], "", raw)
    category_slug = data.get("category") or ""
    plan = GuidePlan(path=path, data=data, guide=guide, category_slug=category_slug)
    for child in CHILD_LISTS:
        entries = data.get(child.key) or []
        if not isinstance(entries, list):
            raw.append((child.key, "must be a list"))
            continue
        objects = []
        for index, entry in enumerate(entries):
            prefix = f"{child.key}[{index}]."
            instance = child.model(position=index)
            if child.is_text_list:
                if not isinstance(entry, str) or not entry.strip():
                    raw.append((prefix.rstrip("."), "must be non-empty text"))
                    continue
                instance.kind, instance.text = child.kind, entry
            else:
                if not _check_keys(entry, child.fields, prefix, raw):
                    continue
                _set_fields(instance, entry, child.fields, prefix, raw)
            objects.append(instance)
        plan.children[child.key] = objects
    related = data.get("related_roles") or []
    if not isinstance(related, list) or not all(isinstance(s, str) for s in related):
        raw.append(("related_roles", "must be a list of guide slugs"))
    else:
        plan.related_slugs = related
    return plan, [Problem(path, label, f, m) for f, m in raw]


def validate_objects(plan, existing_pk):
    """Model validation (fields, clean(), constraints) for the guide and every child."""
    problems = []
    label = plan.guide.slug or "?"
    plan.guide.pk = existing_pk
    # An existing guide is being updated, not added: uniqueness checks must not count it twice.
    plan.guide._state.adding = existing_pk is None
    try:
        plan.guide.full_clean(exclude=["category", "search_vector"])
    except ValidationError as error:
        problems += [Problem(plan.path, label, f, m) for f, m in _messages(error)]
    for child in CHILD_LISTS:
        for instance in plan.children.get(child.key, []):
            try:
                instance.full_clean(exclude=["guide"])
            except ValidationError as error:
                prefix = f"{child.key}[{instance.position}]"
                problems += [
                    Problem(plan.path, label, f"{prefix}.{f}" if f else prefix, m)
                    for f, m in _messages(error)
                ]
    return problems
