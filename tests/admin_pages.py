"""Helpers for driving the guide admin as an editor's browser would, without a browser."""

from django.urls import reverse


def change_url(guide):
    return reverse("admin:guides_guide_change", args=[guide.pk])


def form_data(response):
    """Everything the rendered admin form would submit, main form and every inline, with a change
    note typed in (required when the guide is published)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = field.prepare_value(form[name].value())
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    data.setdefault("change_note", "Edited by a test.")
    return data


def open_form(client, guide):
    response = client.get(change_url(guide))
    assert response.status_code == 200
    return form_data(response)


def save(client, guide, **changes):
    """Open the guide's form, change what is given (form field names) and save; the response."""
    data = {**open_form(client, guide), **changes, "_continue": "1"}
    return client.post(change_url(guide), data)
