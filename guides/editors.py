"""The Editors group: add, change, view (and delete list items and drafts) on guide content, that
is guides, categories and every model of a section (guides.sections); nothing on users, groups or
permissions. The Publishers group adds `publish_guide`: changing a guide's status and deleting a
guide that has ever been published (GuideAdmin enforces both). An editor who may publish is in both
groups."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .sections import LISTS

EDITOR_MODELS = list(
    dict.fromkeys(
        [
            "guide",
            "category",
            *(part.model._meta.model_name for part in LISTS),
            *(part.admin_model._meta.model_name for part in LISTS),
        ]
    )
)
EDITOR_PERMISSIONS = [
    f"{action}_{model}" for model in EDITOR_MODELS for action in ("add", "change", "view", "delete")
]
# Reader feedback (guides.feedback): read it, mark it handled, delete spam; nobody adds any.
FEEDBACK_PERMISSIONS = [
    "view_feedback",
    "change_feedback",
    "delete_feedback",
    "view_guidefeedback",
    "change_guidefeedback",
]


def grant_editor_permissions(group_model, permission_model):
    """Create the group if needed and give it exactly the editors' permissions (idempotent).

    Takes the models as arguments so the data migration can pass its historical ones."""
    editors, _ = group_model.objects.get_or_create(name="Editors")
    editors.permissions.set(
        permission_model.objects.filter(
            Q(content_type__app_label="guides", codename__in=EDITOR_PERMISSIONS)
            | Q(content_type__app_label="feedback", codename__in=FEEDBACK_PERMISSIONS)
        )
    )
    return editors


def grant_publisher_permissions(group_model, permission_model):
    """Create the Publishers group if needed, holding exactly `publish_guide` (idempotent)."""
    publishers, _ = group_model.objects.get_or_create(name="Publishers")
    publishers.permissions.set(
        permission_model.objects.filter(content_type__app_label="guides", codename="publish_guide")
    )
    return publishers


def grant_group_permissions(group_model, permission_model):
    grant_editor_permissions(group_model, permission_model)
    grant_publisher_permissions(group_model, permission_model)


def ensure_groups(sender, **kwargs):
    """Keep the Editors and Publishers groups after a database flush (tests), as migrations made
    them: connected to post_migrate by the apps that add permissions (guides, guides.feedback)."""
    grant_group_permissions(Group, Permission)
