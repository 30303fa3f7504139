"""How a guide's fields are edited, and the check that keeps one editor from overwriting another."""

import reversion
from adminsortable2.admin import CustomInlineFormSet
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.forms import SimpleArrayField
from django.db import models
from django.utils import timezone

from ..form_fields import UnixNewlinesField
from ..models import NOTE_MAX_LENGTH, Guide, MarkdownField


class LinesField(SimpleArrayField):
    """A list of text edited as one item per line (items may contain commas)."""

    def __init__(self, base_field, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(base_field, delimiter="\n", **kwargs)

    def to_python(self, value):
        return super().to_python(
            "\n".join(line.strip() for line in (value or "").splitlines() if line.strip())
        )


def lines_formfield(db_field):
    return LinesField(
        db_field.base_field.formfield(),
        required=not db_field.blank,
        label=db_field.verbose_name.capitalize(),
        help_text=db_field.help_text,
    )


class MarkdownTextarea(forms.Textarea):
    """A textarea that admin/markdown-preview.js gives a rendered preview."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 6, "data-markdown-preview": "", **(attrs or {})})


class GuideFormFields:
    """For the guide and every inline: each list-of-text field (ArrayField) is edited one item per
    line, each Markdown field, wherever it is, gets the preview, and text keeps LF line breaks."""

    formfield_overrides = {MarkdownField: {"widget": MarkdownTextarea}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ArrayField):
            return lines_formfield(db_field)
        if isinstance(db_field, models.TextField):
            kwargs["form_class"] = UnixNewlinesField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


NOTE_NEEDED = (
    'This guide is published: say in one line under "What changed" what this save changes for '
    "readers."
)


def needs_note(guide, changed, note):
    """A save that changes a published guide must tell readers what changed (guides.publishing)."""
    return guide.status == Guide.Status.PUBLISHED and changed and not (note or "").strip()


class ListFormSet(CustomInlineFormSet):
    """An inline's rows: changing, adding, removing or reordering them in a published guide needs
    the change note too. Runs after the guide's form, whose status the instance then holds."""

    def clean(self):
        super().clean()
        if needs_note(self.instance, self.has_changed(), self.data.get("change_note")):
            raise forms.ValidationError(NOTE_NEEDED)


class GuideAdminForm(forms.ModelForm):
    restoring = False  # set by GuideAdmin.get_form on the revision and recover pages
    draft_note = ""  # a pending draft's change note (guides.workflow.editing), offered again
    # When the editor opened the form: a save based on an older copy is refused.
    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)
    change_note = forms.CharField(
        label="What changed",
        max_length=NOTE_MAX_LENGTH,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"size": 90}),
        help_text="One line for readers, required when a save changes a published guide: "
        "shown with today's date under \"What changed\" on the guide's page and in the feed, "
        'e.g. "Pay figures updated to the May 2024 survey." Not needed for drafts.',
    )

    class Meta:
        model = Guide
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_at"] = self.instance.updated_at.isoformat()
            if self.draft_note:
                self.initial.setdefault("change_note", self.draft_note)

    def clean(self):
        cleaned = super().clean()
        # The status after this save (read-only for editors without the publish permission); an
        # untouched save changes nothing and needs no note, but a restore changes the page although
        # its form matches the version it restores.
        after = Guide(status=cleaned.get("status", self.instance.status))
        changed = self.restoring or set(self.changed_data) - {"change_note", "opened_at"}
        if needs_note(after, changed, cleaned.get("change_note")):
            self.add_error("change_note", NOTE_NEEDED)
        if self.instance.pk:
            # Lock the row until this save commits (the admin saves in one transaction): of two
            # simultaneous saves, the second waits here, then sees the first one's timestamp.
            current = (
                Guide.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if current and cleaned.get("opened_at") != current.isoformat():
                latest = reversion.models.Version.objects.get_for_object(self.instance).first()
                who = (
                    latest.revision.user.get_username()
                    if latest and latest.revision.user
                    else "someone else"
                )
                raise forms.ValidationError(
                    "%(who)s saved this guide at %(when)s, after you opened it. Your changes are "
                    "still in the form below but were not saved: open the guide in a new tab to "
                    "see their version, copy across what you need, then reload this page.",
                    code="stale",
                    params={
                        "who": who,
                        "when": timezone.localtime(current).strftime("%H:%M:%S on %d %b %Y"),
                    },
                )
        return cleaned
