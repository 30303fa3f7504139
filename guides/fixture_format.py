"""The guide fixture format (documented in fixtures/README.md): one JSON file per guide.

Its keys come from the models and the section registry: every editable field of the guide row, in
the model's order (`category` as a slug), then each list of guides.sections in page order, then the
related guides as slugs. Empty optional values are left out, and a missing key reads as empty, so a
new optional field or list changes no existing file.

`guide_to_data()` is the single definition of the format: the exporter writes it, and the loader compares
a file with it to know whether anything changed. `data_to_objects()` turns a file back into unsaved model
instances, collecting every problem instead of stopping at the first.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError

from .models import Guide
from .sections import LIST_RELATIONS, LISTS, RELATIONS, Items

GUIDE_FIELDS = [f for f in Guide._meta.concrete_fields if f.editable and not f.primary_key]
ALL_KEYS = [*(f.name for f in GUIDE_FIELDS), *(p.key for p in LISTS), *(p.key for p in RELATIONS)]
# What saved_guide_to_data() reads beyond the guide row, for prefetch_related().
PREFETCHES = [*LIST_RELATIONS, *(part.relation for part in RELATIONS)]
# One model per list of rows, for replacing a guide's children wholesale.
CHILD_MODELS = list(dict.fromkeys(part.model for part in LISTS))
EMPTY = (None, "", [])


def to_json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _entry(instance, fields, **given):
    """Field name -> JSON value in the model's order, leaving out optional fields that are empty."""
    entry = {}
    for model_field in fields:
        name = model_field.name
        value = given[name] if name in given else to_json_value(getattr(instance, name))
        if value not in EMPTY or not model_field.blank:
            entry[name] = value
    return entry


def guide_to_data(guide, category_slug, children, related):
    """A guide as a fixture file's data. `children` maps each list's key to its items in order,
    `related` each relation's key to slugs; a list or relation left out or empty is not written."""
    data = _entry(guide, GUIDE_FIELDS, category=category_slug)
    for part in LISTS:
        items = children.get(part.key)
        if items:
            data[part.key] = [
                item.text if isinstance(part, Items) else _entry(item, part.fields)
                for item in items
            ]
    for part in RELATIONS:
        # Related guides have no order of their own: files list them sorted, so exports are stable.
        if related.get(part.key):
            data[part.key] = sorted(related[part.key])
    return data


def saved_guide_to_data(guide):
    """The file's content for a saved guide (prefetch with `PREFETCHES` to avoid queries)."""
    children = {part.key: part.items(guide) for part in LISTS}
    related = {part.key: [other.slug for other in part.content(guide)] for part in RELATIONS}
    return guide_to_data(guide, guide.category.slug, children, related)


def dumps(data):
    """The exact bytes of a fixture file: stable key order, two-space indent, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class GuidePlan:
    """A guide read from a file: unsaved objects, ready to write once everything is valid."""

    path: str
    guide: Guide
    category_slug: str
    children: dict = field(default_factory=dict)  # list key -> list of unsaved instances
    related: dict = field(default_factory=dict)  # relation key -> list of guide slugs


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


def _empty(model_field):
    """What a missing key means for a field: the field's own kind of empty."""
    if isinstance(model_field, ArrayField):
        return []
    return "" if model_field.empty_strings_allowed and not model_field.null else None


def _set_fields(instance, values, fields, prefix, problems):
    """Assign values through each field's own conversion, recording what cannot convert."""
    for model_field in fields:
        name = model_field.name
        value = values.get(name)
        if value is None:
            value = _empty(model_field)
        try:
            if isinstance(value, (dict, bool)) or (
                isinstance(value, list) and not isinstance(model_field, ArrayField)
            ):
                raise ValidationError(
                    "has the wrong type (%(type)s)", params={"type": type(value).__name__}
                )
            if isinstance(model_field, ArrayField):
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
    _set_fields(guide, data, [f for f in GUIDE_FIELDS if f.name != "category"], "", raw)
    category_slug = data.get("category") or ""
    plan = GuidePlan(path=path, guide=guide, category_slug=category_slug)
    for part in LISTS:
        entries = data.get(part.key) or []
        if not isinstance(entries, list):
            raw.append((part.key, "must be a list"))
            continue
        objects = []
        for index, entry in enumerate(entries):
            prefix = f"{part.key}[{index}]."
            instance = part.new(position=index)
            if isinstance(part, Items):
                if not isinstance(entry, str) or not entry.strip():
                    raw.append((prefix.rstrip("."), "must be non-empty text"))
                    continue
                instance.text = entry
            else:
                if not _check_keys(entry, [f.name for f in part.fields], prefix, raw):
                    continue
                _set_fields(instance, entry, part.fields, prefix, raw)
            objects.append(instance)
        plan.children[part.key] = objects
    for part in RELATIONS:
        related = data.get(part.key) or []
        if not isinstance(related, list) or not all(isinstance(s, str) for s in related):
            raw.append((part.key, "must be a list of guide slugs"))
        else:
            plan.related[part.key] = related
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
    for part in LISTS:
        for instance in plan.children.get(part.key, []):
            try:
                instance.full_clean(exclude=["guide"])
            except ValidationError as error:
                prefix = f"{part.key}[{instance.position}]"
                problems += [
                    Problem(plan.path, label, f"{prefix}.{f}" if f else prefix, m)
                    for f, m in _messages(error)
                ]
    return problems
