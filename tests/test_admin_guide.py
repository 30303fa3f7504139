"""The guide admin's change list and change page: every section, in page order, editable."""

import re

import pytest
from django.urls import reverse

from guides.admin.guide import GuideAdmin
from guides.models import DATED_AFTER_YEARS, Guide, SalaryBand, markdown_fields
from guides.sections import LISTS, SECTIONS

from .admin_pages import change_url, open_form, save
from .factories import make_full_guide, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return make_full_guide()


def inline_names(response):
    return [inline.opts.verbose_name_plural for inline in response.context["inline_admin_formsets"]]


def test_admin_pages_render_for_an_editor(client, editor, guide):
    """The change list, a full guide, the add form, history and changes open for an editor."""
    for url in (
        reverse("admin:guides_guide_changelist"),
        change_url(guide),
        reverse("admin:guides_guide_add"),
        reverse("admin:guides_guide_history", args=[guide.pk]),
        reverse("admin:guides_guide_changes", args=[guide.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_change_list_counts_the_pages_sections_and_flags_dated_figures(client, editor, guide):
    """'Sections filled' counts sections of the page; dated figures are flagged and filtered."""
    bare = make_guide(title="Bare guide")
    url = reverse("admin:guides_guide_changelist")
    html = client.get(url).content.decode()
    assert f"{len(SECTIONS)} / {len(SECTIONS)}" in html  # the full guide
    assert f"2 / {len(SECTIONS)}" in html  # the bare one: at a glance, work-life balance
    assert f"Dated (over {DATED_AFTER_YEARS} years)" in html  # the full guide's 2019 band
    dated = client.get(url, {"dated": "yes"}).context["cl"].result_list
    recent = client.get(url, {"dated": "no"}).context["cl"].result_list
    assert list(dated) == [guide]
    assert bare in recent and guide not in recent


def test_change_form_holds_every_section_in_page_order(client, editor, guide):
    """Every list of the registry has its inline, in page order, holding the guide's rows."""
    response = client.get(change_url(guide))
    assert inline_names(response) == [
        str(part.admin_model._meta.verbose_name_plural) for part in LISTS
    ]
    assert inline_names(response) == [
        "salary bands",
        "key responsibilities",
        "tech stack items",
        "tech skills",
        "soft abilities",
        "certifications",
        "career tiers",
        "day-in-the-life blocks",
        "skill map groups",
        "pros",
        "cons",
        "beginner mistakes",
        "pieces of advice",
        "case studies",
        "FAQs",
        "sources and references",
    ]
    counts = {
        inline.opts.verbose_name_plural: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert counts["salary bands"] == 3 and counts["key responsibilities"] == 4
    assert counts["FAQs"] == 4


def test_fieldsets_hold_every_editable_field_once():
    """Each guide field is on the form exactly once, under its section's heading."""
    names = [
        name
        for _, options in GuideAdmin.fieldsets
        for row in options["fields"]
        for name in (row if isinstance(row, tuple) else (row,))
    ]
    editable = [f.name for f in Guide._meta.get_fields() if getattr(f, "editable", False)]
    extra = {"opened_at", "page_link", "created_at", "updated_at"}
    extra |= {"sections_to_write", "content_checks", "change_note", "recent_changes"}
    assert sorted(set(names) - extra) == sorted(set(editable) - {"id"})
    assert len(names) == len(set(names))
    headings = [heading for heading, _ in GuideAdmin.fieldsets]
    assert "The job market today" in headings and "Job outlook and related roles" in headings


def test_every_markdown_field_has_the_preview(client, editor, guide):
    """Guide prose, FAQ answers and case-study bodies all get the Markdown preview and help."""
    html = client.get(change_url(guide)).content.decode()
    previewed = re.findall(r'<textarea name="([^"]+)"[^>]*data-markdown-preview', html)
    rows = [*range(4), "__prefix__"]  # the guide's four rows and the blank one to add
    assert sorted(previewed) == sorted(
        [
            *(field.name for field in markdown_fields(Guide)),
            *(f"case_studies-{row}-body" for row in rows),
            *(f"faqs-{row}-answer" for row in rows),
        ]
    )
    assert html.count("Markdown: paragraphs, lists") == len(previewed)


def test_inline_edit_saves_and_shows_on_the_public_page(client, publisher, guide):
    """Changing a salary figure in the inline changes the public page at once."""
    response = save(
        client, guide, **{"salary_bands-0-median": "106000", "salary_bands-0-mid": "106000"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "$106,000" in client.get(guide.get_absolute_url()).content.decode()


def test_inline_only_edit_moves_the_timestamp_and_search(
    client, publisher, guide, django_capture_on_commit_callbacks
):
    """Editing only a list still changes the guide's ETag and what search finds."""
    before = guide.updated_at
    with django_capture_on_commit_callbacks(execute=True):  # as when the admin's request commits
        assert save(client, guide, **{"list_items-0-text": "Steer tankers"}).status_code == 302
    guide.refresh_from_db()
    assert guide.updated_at > before
    assert Guide.objects.filter(search_vector="tankers").get() == guide


def test_invalid_input_is_shown_and_nothing_is_saved(client, editor, guide):
    """A median above the high end and tiers out of order are explained next to the field."""
    data = open_form(client, guide)
    data.update(
        {
            "salary_bands-0-median": "150000",
            "career_tiers-1-years_min": "3",
            "career_tiers-1-years_max": "1",
            "title": "Should not be saved",
        }
    )
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "High end of range (140,000) must not be below median (150,000)." in html
    assert "The experience range ends (1 years) before it starts (3 years)." in html
    guide.refresh_from_db()
    assert guide.title == "Clinic Manager"
    assert SalaryBand.objects.get(guide=guide, position=0).median == 105_000


def test_malformed_url_is_refused(client, editor, guide):
    """A source URL that is not a URL is caught by the form."""
    response = save(client, guide, **{"sources-0-url": "not a url"})
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()


def test_two_items_in_the_same_position_are_refused(client, editor, guide):
    """A duplicated position is an error on the form, not a database crash."""
    data = open_form(client, guide)
    data["faqs-1-position"] = data["faqs-0-position"]
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for position." in response.content.decode()
    assert list(guide.faqs.values_list("position", flat=True)) == list(range(4))


def test_list_fields_are_edited_one_item_per_line(client, publisher, guide):
    """Other titles and a day block's tasks take one item per line, commas and all."""
    response = save(
        client,
        guide,
        alternative_titles="Practice manager\n\n  Head of clinic, outpatients  ",
        **{"day_blocks-0-tasks": "Review rotas\nCall suppliers, then finance"},
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.alternative_titles == ["Practice manager", "Head of clinic, outpatients"]
    assert guide.day_blocks.get(position=0).tasks == [
        "Review rotas",
        "Call suppliers, then finance",
    ]
