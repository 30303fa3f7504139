"""Readable differences between saved revisions of a guide (django-reversion keeps the revisions).

A revision holds content only (guides.revisions leaves the search columns out); bookkeeping fields
are not shown either, and related rows are shown by name rather than by id."""

import difflib

from reversion.models import Version

from .models import Guide

# Where a row sits and when it was saved: not content an editor changes.
BOOKKEEPING = ("id", "guide", "position", "kind", "created_at", "updated_at")


def _readable(model_field, value):
    """A value as an editor knows it: related guides and categories by name, not by id."""
    if not model_field.is_relation:
        return value
    ids = value if model_field.many_to_many else [value]
    found = model_field.related_model.objects.in_bulk(ids)
    return ", ".join(sorted(str(found[pk]) if pk in found else f"#{pk} (deleted)" for pk in ids))


def revision_lines(revision):
    """A revision as sorted text lines, one per field of the guide and of each of its children."""
    lines = []
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is None:
            continue
        fields = version.field_dict
        if model is Guide:
            where = "Guide"
        else:
            kind = fields.get("kind")
            name = model._meta.verbose_name.capitalize()
            where = f"{name}{f' ({kind})' if kind else ''} #{fields.get('position', 0)}"
        by_attname = {
            f.attname: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        }
        for attname, value in sorted(fields.items()):
            model_field = by_attname[attname]
            if model_field.name in BOOKKEEPING or value in ("", None, []):
                continue
            lines.append(f"{where} · {model_field.name}: {_readable(model_field, value)}")
    return sorted(lines)


def revision_diffs(guide, limit=30):
    """Newest first: each revision with who, when, comment and its diff against the previous one."""
    versions = list(
        Version.objects.get_for_object(guide).select_related("revision__user")[: limit + 1]
    )
    lines = [revision_lines(version.revision) for version in versions]
    results = []
    for index, newer in enumerate(versions[:limit]):
        old_lines = lines[index + 1] if index + 1 < len(lines) else []
        diff = [
            line
            for line in difflib.unified_diff(old_lines, lines[index], lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]
        results.append({"revision": newer.revision, "version": newer, "diff": diff})
    return results
