"""Each guide's names as a search compares whole names (guides.indexing), stored rather than made
for every match of every search."""

import django.contrib.postgres.fields
from django.db import migrations, models

from guides.finding.index import names_sql

FILL = (
    "UPDATE guides_guide SET search_keys = "
    + names_sql("array_prepend(title, alternative_titles)")
)


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0012_rerender_markdown"),
    ]

    operations = [
        migrations.AddField(
            model_name="guide",
            name="search_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(),
                default=list,
                editable=False,
                help_text="Its names as a search compares whole names (guides.finding.index.names_sql).",
                size=None,
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
