from django import forms

from ..form_fields import UnixNewlinesField
from .models import COMMENT_MAX_LENGTH


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="Was this guide useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    # LF line breaks, so that the browser's maxlength (which counts a line break as one character)
    # and this limit agree.
    comment = UnixNewlinesField(
        label="What would make it more useful? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "Keep the comment to %(limit_value)d characters (it has %(show_value)d)."
        },
    )
    # The honeypot: hidden from people (CSS) and assistive technology, filled in by form-spam bots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.data.get("website", "").strip())
