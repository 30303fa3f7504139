"""The review page's forms: one per step, each a plain Django form."""

from django import forms
from django.utils import timezone

from ..models import Category, Guide
from .models import MESSAGE_MAX_LENGTH

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def message_field(label, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=help_text,
    )


class SubmitForm(forms.Form):
    message = message_field(
        "Message to the publishers", help_text="What changed, and anything they should check."
    )


class SendBackForm(forms.Form):
    comment = message_field(
        "What needs to change", required=True, help_text="The editor sees this on the guide."
    )


class ApproveForm(forms.Form):
    message = message_field("Comment (optional)")
    go_live_at = forms.DateTimeField(
        label="Publish at (UTC)",
        required=False,
        widget=WHEN,
        help_text="Leave empty to publish now; publish_scheduled publishes it within a minute of "
        "the time.",
    )
    expire_at = forms.DateTimeField(
        label="Unpublish at (UTC, optional)",
        required=False,
        widget=WHEN,
        help_text="For a guide that should leave the site at a known time.",
    )

    def clean_go_live_at(self):
        when = self.cleaned_data["go_live_at"]
        if when and when <= timezone.now():
            raise forms.ValidationError(
                "That time has passed: choose a later one, or leave it empty to publish now."
            )
        return when


class StartForm(forms.Form):
    """What the data cannot give a new guide: its title as readers search for it, its category
    and a summary in the editor's words."""

    title = forms.CharField(max_length=Guide._meta.get_field("title").max_length)
    category = forms.ModelChoiceField(Category.objects.all())
    summary = forms.CharField(
        max_length=Guide._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="One or two plain sentences for cards, search results and previews.",
    )
