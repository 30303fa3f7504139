"""The guide's change list and change page. Fieldsets and inlines follow guides.sections, so the
admin shows every section in the public page's order."""

from adminsortable2.admin import SortableAdminBase
from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from .. import publishing, revisions
from ..checks import check_saved_guide
from ..models import DATED_AFTER_YEARS, Guide
from ..sections import RELATIONS, SECTIONS, sections_filled
from ..workflow import views as workflow_views
from ..workflow.editing import DraftEditing
from ..workflow.start_view import start_view
from . import views
from .actions import export_fixtures, mark_reviewed_today, publish, unpublish
from .forms import GuideAdminForm, GuideFormFields
from .inlines import SECTION_INLINES
from .publishing import PublishingPermission

IDENTITY_FIELDSET = (
    "Title and summary",
    {
        "fields": [
            "opened_at",
            "title",
            "slug",
            "status",
            "page_link",
            "category",
            "occupation_code",
            "alternative_titles",
            "summary",
            "overview",
            ("first_published", "last_reviewed"),
        ]
    },
)
CHECKS_FIELDSET = ("Content checks", {"fields": ["sections_to_write", "content_checks"]})
CHANGE_NOTE_FIELDSET = ("What changed", {"fields": ["change_note", "recent_changes"]})
RECORD_FIELDSET = ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]})


class DatedFilter(admin.SimpleListFilter):
    title = "figures"
    parameter_name = "dated"

    def lookups(self, request, model_admin):
        return [("yes", "Has dated figures"), ("no", "All figures recent")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(has_dated_figures=self.value() == "yes")
        return queryset


@admin.register(Guide)
class GuideAdmin(
    DraftEditing, PublishingPermission, GuideFormFields, SortableAdminBase, VersionAdmin
):
    form = GuideAdminForm
    list_display = [
        "title",
        "category",
        "status",
        "last_reviewed",
        "completeness",
        "figures_dated",
        "updated_at",
    ]
    list_filter = ["status", "category", "market_demand", "remote_work", DatedFilter]
    search_fields = ["title", "slug", "alternative_titles", "occupation_code", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [part.relation for part in RELATIONS]
    readonly_fields = [
        "page_link",
        "sections_to_write",
        "content_checks",
        "recent_changes",
        "created_at",
        "updated_at",
    ]
    actions = [publish, unpublish, mark_reviewed_today, export_fixtures]
    list_per_page = 50
    save_on_top = True
    # One fieldset per section with guide fields, titled as on the page; lists are inlines.
    fieldsets = [
        CHECKS_FIELDSET,
        IDENTITY_FIELDSET,
        *((s.heading, {"fields": list(s.admin_fields)}) for s in SECTIONS if s.admin_fields),
        CHANGE_NOTE_FIELDSET,
        RECORD_FIELDSET,
    ]
    inlines = SECTION_INLINES

    class Media:
        js = ["admin/markdown-preview.js"]
        css = {"all": ["admin/guides.css"]}

    def reversion_register(self, model, **options):
        # VersionAdmin would register the guide from its inlines; what a revision holds is
        # declared once, in guides.revisions (the search columns left out).
        revisions.register()

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(is_synthetic=False)
            .select_related("category")
            .annotate(sections_filled=sections_filled())
            .with_dated_figures()
        )

    @admin.display(description="Sections filled", ordering="sections_filled")
    def completeness(self, guide):
        return f"{guide.sections_filled} / {len(SECTIONS)}"

    @admin.display(description="Figures", ordering="has_dated_figures")
    def figures_dated(self, guide):
        return f"Dated (over {DATED_AFTER_YEARS} years)" if guide.has_dated_figures else "Recent"

    @admin.display(description="Public page")
    def page_link(self, guide):
        if not guide.pk:
            return "Saved guides get a page."
        label = "View on site" if guide.is_published else "Preview draft (editors only)"
        return format_html('<a href="{}">{}</a>', guide.get_absolute_url(), label)

    @admin.display(description="Findings")
    def content_checks(self, guide):
        """The findings of `check_guides` for this guide as saved (guides.checks)."""
        if not guide.pk:
            return "Checked once the guide is saved."
        findings = check_saved_guide(guide)
        if not findings:
            return "No findings: check_guides finds nothing to fix in this guide."
        return format_html(
            '<ul class="content-checks">{}</ul>',
            format_html_join(
                "",
                '<li class="content-checks__{}"><strong>{}</strong> · {} · {}: {}</li>',
                (
                    (f.severity, f.severity.capitalize(), f.field, f.rule, f.message)
                    for f in findings
                ),
            ),
        )

    @admin.display(description="Earlier notes")
    def recent_changes(self, guide):
        notes = list(guide.change_notes.select_related("author")[:5]) if guide.pk else []
        if not notes:
            return "None yet: notes are written only while the guide is published."
        items = format_html_join(
            "",
            "<li>{} · {} · {}</li>",
            (
                (
                    timezone.localtime(note.published_at).strftime("%d %b %Y %H:%M"),
                    note.author.get_username() if note.author else "automatic",
                    note.note,
                )
                for note in notes
            ),
        )
        listed = format_html('<ul class="change-notes">{}</ul>', items)
        if not guide.is_published:  # a draft has no public change log to link to
            return listed
        return format_html(
            '{}<p><a href="{}">All of them, as the public sees them</a></p>',
            listed,
            reverse("guides:changes", args=[guide.slug]),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.restoring = request.resolver_match.url_name.endswith(("_revision", "_recover"))
        return form

    def save_model(self, request, obj, form, change):
        # The form has set the guide's fields, status included; guides.publishing saves them, with
        # the editor's note when the guide is public after this save.
        if obj.is_published:
            publishing.publish(obj, request.user, form.cleaned_data.get("change_note"))
        else:
            publishing.unpublish(obj, request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Inline-only edits must still move the guide's timestamp (ETag, sitemap, feed); its
        # search data follows from the saves (guides.indexing).
        Guide.objects.filter(pk=form.instance.pk).update(updated_at=timezone.now())

    def get_urls(self):
        return [
            path(
                "preview-markdown/",
                self.admin_site.admin_view(views.preview_markdown),
                name="guides_guide_preview_markdown",
            ),
            path(
                "start/",
                self.admin_site.admin_view(self.start_view),
                name="guides_guide_start",
            ),
            path(
                "<int:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="guides_guide_review",
            ),
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="guides_guide_preview",
            ),
            path(
                "<int:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name="guides_guide_changes",
            ),
            *super().get_urls(),
        ]

    def start_view(self, request):
        return start_view(self, request)

    def review_view(self, request, object_id):
        return workflow_views.review_view(self, request, object_id)

    def preview_view(self, request, object_id):
        return workflow_views.preview_view(self, request, object_id)

    def changes_view(self, request, object_id):
        return views.changes_view(self, request, object_id)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["preview_url"] = reverse("admin:guides_guide_preview_markdown")
        return super().render_change_form(request, context, add, change, form_url, obj)
