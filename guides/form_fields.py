"""Form fields that the admin's forms and the readers' forms share."""

from django import forms


class UnixNewlinesField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; the guides (and their fixture files) use LF.
    Without this, saving an untouched form would change every multi-line field."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")
