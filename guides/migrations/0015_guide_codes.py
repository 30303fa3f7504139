import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """A database that already holds guides gets their codes now, not at each guide's next save.
    Through the live models, as finding/0002 does: write_codes stays the one writer of the rows,
    and it reads only columns this migration's state already has (pk, title, occupation_code,
    status, is_synthetic)."""
    from guides.indexing import write_codes
    from guides.models import Guide

    write_codes(list(Guide.objects.values_list("pk", flat=True)))


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0014_occupation_code_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="GuideCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=7)),
                ("title", models.CharField(max_length=120)),
                (
                    "guide",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="soc_codes",
                        to="guides.guide",
                    ),
                ),
            ],
            options={
                "verbose_name": "SOC code on occupation pages",
                "verbose_name_plural": "SOC codes on occupation pages",
                "indexes": [
                    models.Index(
                        fields=["code"],
                        include=("title", "guide"),
                        name="guidecode_code_idx",
                        opclasses=["varchar_pattern_ops"],
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("guide", "code"), name="guidecode_guide_code_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
