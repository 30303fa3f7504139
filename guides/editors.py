"""The Editors group: add, change, view (and delete list items and drafts) on guide content, that
is guides, categories and every model of a section (guides.sections); nothing on users, groups or
permissions. GuideAdmin refuses to delete published guides for anyone but an administrator."""

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


def grant_editor_permissions(group_model, permission_model):
    """Create the group if needed and give it exactly the editors' permissions (idempotent).

    Takes the models as arguments so the data migration can pass its historical ones."""
    editors, _ = group_model.objects.get_or_create(name="Editors")
    editors.permissions.set(
        permission_model.objects.filter(
            content_type__app_label="guides", codename__in=EDITOR_PERMISSIONS
        )
    )
    return editors
