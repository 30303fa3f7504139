from django.db import migrations

from guides.editors import grant_publisher_permissions


def create_publishers(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the group needs publish_guide now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_publisher_permissions(
        apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    )


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Publishers").delete()


class Migration(migrations.Migration):
    dependencies = [("guides", "0005_load_records_publish_permission_deferred_positions")]

    operations = [migrations.RunPython(create_publishers, remove_publishers)]
