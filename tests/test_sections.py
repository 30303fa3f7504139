"""The section registry is complete and consistent: every model and Markdown field of a guide
belongs to a section, and every section can be rendered."""

from django.apps import apps
from django.template.loader import get_template

from guides.models import Guide, markdown_fields
from guides.sections import CHANGE_LOG, LISTS, PARTS, SECTIONS, Field
from guides.sections.parts import Related, Section


def test_anchors_headings_and_keys_are_unique():
    """Each section has its own anchor and heading; each part its own key."""
    for values in (
        [s.anchor for s in SECTIONS],
        [s.heading for s in SECTIONS],
        [p.key for p in PARTS],
    ):
        assert len(values) == len(set(values))


def test_every_section_has_a_template():
    """A section's template exists (templates/guides/sections/<template>.html)."""
    for section in SECTIONS:
        get_template(section.template_name)


def test_every_child_model_of_a_guide_is_a_section_list():
    """A model that belongs to a guide is declared in the registry, so the page, the fixture
    format, the admin and the revisions all know it (the change log, history rather than
    content, is declared as such; what guides/models/search.py holds is derived from the guides
    by guides.indexing, never edited)."""
    declared = {part.model for part in [*LISTS, CHANGE_LOG]}
    for model in apps.get_app_config("guides").get_models():
        fields = [f for f in model._meta.fields if f.is_relation and f.related_model is Guide]
        derived = model.__module__ == "guides.models.search"
        if fields and not model._meta.proxy and not derived:
            assert model in declared, model.__name__


def test_every_markdown_field_but_the_overview_is_in_a_section():
    """The guide's prose shows in a section (the overview opens the page, above them)."""
    in_sections = {part.name for part in PARTS if isinstance(part, Field)}
    for field in markdown_fields(Guide):
        assert field.name in in_sections or field.name == "overview", field.name


def test_a_section_without_its_own_layout_edits_its_fields_and_relations():
    """With no `edit` layout, the admin shows a section's guide fields and relations one per
    line (a relation is named by its accessor: a Related part has no `name`)."""
    section = Section(
        "outlook", "Outlook", "outlook", (Field("growth_percent"), Related("related_roles"))
    )
    assert section.admin_fields == ("growth_percent", "related_roles")
