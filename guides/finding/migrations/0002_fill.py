from django.db import migrations


def fill(apps, schema_editor):
    """A database that already holds the imports gets its entries now, not at the next import."""
    from guides.finding.index import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("finding", "0001_initial"),
        ("occupations", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
