from django.db import migrations

EDITOR_MODELS = [
    "guide", "category", "salaryband", "listitem", "techtool", "certification", "careertier",
    "dayblock", "skillgroup", "casestudy", "faq", "source", "responsibilityitem", "techskillitem",
    "softskillitem", "proitem", "conitem", "mistakeitem", "adviceitem",
]


def create_editors(apps, schema_editor):
    """Editors add, change and view all guide content. They may delete list items and drafts
    (GuideAdmin refuses to delete published guides for anyone but an administrator), and have no
    permission on users, groups or permissions."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS
                 for action in ("add", "change", "view", "delete")]
    codenames += ["view_version", "view_revision"]
    editors.permissions.set(Permission.objects.filter(
        content_type__app_label__in=["guides", "reversion"], codename__in=codenames))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0002_list_item_proxies"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
