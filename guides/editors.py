"""The Editors group: add, change, view (and delete list items and drafts) on guide content;
nothing on users, groups or permissions. GuideAdmin refuses to delete published guides for anyone
but an administrator."""

EDITOR_MODELS = [
    "guide",
    "category",
    "salaryband",
    "listitem",
    "techtool",
    "certification",
    "careertier",
    "dayblock",
    "skillgroup",
    "casestudy",
    "faq",
    "source",
    "responsibilityitem",
    "techskillitem",
    "softskillitem",
    "proitem",
    "conitem",
    "mistakeitem",
    "adviceitem",
]
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
