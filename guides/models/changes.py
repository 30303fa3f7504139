"""The public change log: one note per published change to a guide."""

from django.conf import settings
from django.db import models
from django.utils import timezone

NOTE_MAX_LENGTH = 160


class ChangeNote(models.Model):
    """What changed in a published guide, when, and (for editors) who changed it.

    Written only when the change reaches the public: an admin save of a published guide (the
    editor's note), publishing a guide, and a load that writes a published guide. History, not
    content: it is not in fixture files, revisions or the editors' inlines."""

    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="change_notes")
    published_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=NOTE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Empty for notes written automatically: by load_guides, or when the log began.",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["guide", "-published_at"], name="changenote_guide_newest")]

    def __str__(self):
        return self.note
