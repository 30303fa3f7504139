from django.db import migrations


def render_existing(apps, schema_editor):
    """Markdown is rendered by django-markdownify now (guides/markdown.py), no longer by cmark:
    saving a row renders it again (RenderedMarkdownField.pre_save), so readers get the new
    renderer's HTML. The deploy that brings this changes guides/*.py, whose fingerprint every
    cached page is validated against (guides/page_cache/release.py), so no page made from the old
    HTML is served after it."""
    for name in ("Guide", "FAQ", "CaseStudy"):
        for row in apps.get_model("guides", name).objects.iterator():
            row.save(update_fields=["html"])


class Migration(migrations.Migration):

    dependencies = [
        ("guides", "0011_search_words"),
    ]

    operations = [migrations.RunPython(render_existing, migrations.RunPython.noop)]
