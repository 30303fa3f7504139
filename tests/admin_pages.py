"""Helpers for driving the guide admin as an editor's browser would, without a browser."""

from django.contrib.auth.models import Group, User
from django.test import Client, TestCase
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


def person(name, *groups):
    """(user, signed-in client) for a staff member of these groups, with an email address."""
    user = User.objects.create_user(name, email=f"{name}@example.org", is_staff=True)
    user.groups.add(*(Group.objects.get(name=group) for group in groups))
    client = Client()
    client.force_login(user)
    return user, client


def review_url(guide):
    return reverse("admin:guides_guide_review", args=[guide.pk])


def take(client, guide, step, **fields):
    """Take a review step as its form does; emails go after commit, as they would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(review_url(guide), {"step": step, **fields}, follow=True)
