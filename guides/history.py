"""Readable differences between saved revisions of a guide (django-reversion keeps the revisions)."""

import difflib

from reversion.models import Version

from .models import Guide


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
        for name, value in sorted(fields.items()):
            if name in (
                "id",
                "guide",
                "position",
                "kind",
                "search_vector",
                "search_names",
                "updated_at",
                "created_at",
            ):
                continue
            if value in ("", None, []):
                continue
            lines.append(f"{where} · {name}: {value}")
    return sorted(lines)


def revision_diffs(guide, limit=30):
    """Newest first: each revision with who, when, comment and its diff against the previous one."""
    versions = list(
        Version.objects.get_for_object(guide).select_related("revision__user")[: limit + 1]
    )
    results = []
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        if len(results) == limit:
            break
        new_lines = revision_lines(newer.revision)
        old_lines = revision_lines(older.revision) if older else []
        diff = [
            line
            for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]
        results.append({"revision": newer.revision, "version": newer, "diff": diff})
    return results
