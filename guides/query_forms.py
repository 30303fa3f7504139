"""Forms read from a public page's query string (the guide catalogue, the occupation catalogue)."""

from django import forms


class QueryStringForm(forms.Form):
    """Filters read from a page's query string: every value is validated, a bad one is reported in
    words and ignored, and the rest still applies."""

    def clean_q(self):
        # Control characters (NUL included) can only come from a mangled or hostile URL.
        text = self.cleaned_data["q"]
        return "".join(ch for ch in text if ch.isprintable() or ch == " ").strip()

    @property
    def values(self):
        """The valid part of the query: every field that passed validation."""
        self.is_valid()
        return self.cleaned_data

    @property
    def problems(self):
        """One readable sentence per ignored parameter."""
        self.is_valid()
        return [
            f"{self.fields[name].label}: {' '.join(errors)} This filter was ignored."
            for name, errors in self.errors.items()
        ]


def filters_in_use(values, lookups):
    """{field lookup: value} for each filter of `lookups` ({filter name: field lookup}) that the
    form's `values` hold, for queryset.filter(): a blank choice or an empty box is no filter, while
    0 is one."""
    return {
        lookup: values[name]
        for name, lookup in lookups.items()
        if values.get(name) not in (None, "")
    }
