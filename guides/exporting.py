"""Write guides back to fixture files: the exact format load_guides reads (fixtures/README.md)."""

import os
import tempfile

from .fixture_format import PREFETCHES, dumps, saved_guide_to_data
from .models import Category, Guide


def guides_for_export(queryset=None):
    queryset = Guide.objects.filter(is_synthetic=False) if queryset is None else queryset
    return queryset.select_related("category").prefetch_related(*PREFETCHES)


def categories_text():
    entries = [
        {"slug": c.slug, "name": c.name, "description": c.description}
        for c in Category.objects.order_by("slug")
    ]
    return dumps({"categories": entries})


def write_atomically(path, text):
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def export_to(directory, queryset=None):
    written = [directory / "categories.json"]
    write_atomically(written[0], categories_text())
    for guide in guides_for_export(queryset):
        path = directory / "guides" / f"{guide.slug}.json"
        write_atomically(path, dumps(saved_guide_to_data(guide)))
        written.append(path)
    return written
