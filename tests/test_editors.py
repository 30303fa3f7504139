"""The Editors group: every part of a guide, nothing on accounts, and no deleting what is live."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from guides.sections import LISTS

from .factories import make_guide

pytestmark = pytest.mark.django_db


def test_editors_may_edit_every_list_of_every_section():
    """The group's permissions cover the guide, categories and each section's models."""
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    for part in LISTS:
        for model in {part.model, part.admin_model}:
            for action in ("add", "change", "view", "delete"):
                assert f"{action}_{model._meta.model_name}" in codenames
    assert {"change_guide", "delete_guide", "add_category"} <= codenames
    assert not any(name.endswith(("_user", "_group", "_permission")) for name in codenames)


def test_editors_cannot_manage_users_or_delete_published_guides(client, editor):
    """Editors edit content; they cannot reach users, groups or delete what is live."""
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    guide = make_guide()
    assert client.get(reverse("admin:guides_guide_delete", args=[guide.pk])).status_code == 403


def test_createeditor_makes_an_editor(capsys, monkeypatch):
    """One command makes a staff account in the Editors group, not a superuser."""
    monkeypatch.setenv("NEW_EDITOR_PASSWORD", "a-Long-enough-passw0rd")
    call_command("createeditor", "ada", "--password-from-env", "NEW_EDITOR_PASSWORD")
    user = User.objects.get(username="ada")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert user.check_password("a-Long-enough-passw0rd")
