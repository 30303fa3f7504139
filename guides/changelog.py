"""Writing the public change log (ChangeNote): one place decides when a change reaches it."""

from .models import ChangeNote

PUBLISHED_FIRST = "First published."
PUBLISHED_AGAIN = "Published again."
LOADED = {
    "created": "Published from the editors' source files.",
    "updated": "Updated from the editors' source files.",
    "forced": "Updated from the editors' source files.",
}


def note_change(guide, note, author=None):
    """Record `note` for a saved guide, only if the guide is published: drafts never appear."""
    if guide.is_published and note:
        ChangeNote.objects.create(guide=guide, note=note, author=author)


def publishing_note(guide):
    """The note for publishing a guide (call before its first_published is set)."""
    return PUBLISHED_AGAIN if guide.first_published else PUBLISHED_FIRST
