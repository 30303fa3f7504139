"""The editors' admin: one page per guide holding every section, in the public page's order.

Every save is a revision (django-reversion) holding the guide and all its inlines; a save based on a
form opened before someone else's save is refused; children are ordered by drag and drop.
"""

import io
import zipfile

import reversion
from adminsortable2.admin import SortableAdminBase, SortableStackedInline, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.forms import SimpleArrayField
from django.db import models, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from markdownify.templatetags.markdownify import markdownify
from reversion.admin import VersionAdmin

from .editors import PUBLISH_PERMISSION, publishers_text
from .exporting import guides_for_export
from .fixture_format import dumps, saved_guide_to_data
from .history import revision_diffs
from .models import (
    DATED_AFTER_YEARS,
    FAQ,
    LIST_PROXIES,
    MARKDOWN_FIELDS,
    CareerTier,
    CaseStudy,
    Category,
    Certification,
    DayBlock,
    Guide,
    ListItem,
    SalaryBand,
    SkillGroup,
    Source,
    TechTool,
)
from .search import update_search_vectors


class LinesField(SimpleArrayField):
    """A list of text edited as one item per line (items may contain commas)."""

    def __init__(self, base_field, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(base_field, delimiter="\n", **kwargs)

    def to_python(self, value):
        return super().to_python(
            "\n".join(line.strip() for line in (value or "").splitlines() if line.strip())
        )


class LinesForArrays:
    """Every list-of-text field (ArrayField) is edited as one item per line."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ArrayField):
            return lines_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def lines_formfield(db_field):
    return LinesField(
        db_field.base_field.formfield(),
        required=not db_field.blank,
        label=db_field.verbose_name.capitalize(),
        help_text=db_field.help_text,
    )


class MarkdownTextarea(forms.Textarea):
    """A textarea that admin/markdown-preview.js gives a rendered preview."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 6, "data-markdown-preview": "", **(attrs or {})})


class GuideAdminForm(forms.ModelForm):
    # When the editor opened the form: a save based on an older copy is refused.
    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Guide
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown
        widgets = {name: MarkdownTextarea for name in MARKDOWN_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_at"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Lock the row until this save commits (the admin saves in one transaction): of two
            # simultaneous saves, the second waits here, then sees the first one's timestamp.
            current = (
                Guide.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if current and cleaned.get("opened_at") != current.isoformat():
                latest = reversion.models.Version.objects.get_for_object(self.instance).first()
                who = (
                    latest.revision.user.get_username()
                    if latest and latest.revision.user
                    else "someone else"
                )
                raise forms.ValidationError(
                    "%(who)s saved this guide at %(when)s, after you opened it. Your changes are "
                    "still in the form below but were not saved: open the guide in a new tab to "
                    "see their version, copy across what you need, then reload this page.",
                    code="stale",
                    params={
                        "who": who,
                        "when": timezone.localtime(current).strftime("%H:%M:%S on %d %b %Y"),
                    },
                )
        return cleaned


class OrderedInline(LinesForArrays, SortableTabularInline):
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SalaryBandInline(SortableStackedInline):
    model = SalaryBand
    extra = 0
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("label", "kind"),
                    ("country", "currency", "period"),
                    ("source", "source_url", "data_year"),
                ]
            },
        ),
        ("Range and median", {"fields": [("low", "median", "high")]}),
        ("Percentiles", {"fields": [("p10", "p25", "p75", "p90")]}),
        (
            "Career stage figures",
            {"fields": [("entry", "mid", "senior", "top_10_from"), "tier_basis"]},
        ),
        # adminsortable2 adds the hidden position field only to `fields`, not to `fieldsets`:
        # without it here, a dragged band's new position would never be saved.
        (None, {"fields": ["note", "position"]}),
    ]


def list_inline(proxy):
    return type(f"{proxy.__name__}Inline", (OrderedInline,), {"model": proxy, "fields": ["text"]})


ListInlines = {proxy._default_manager.kind: list_inline(proxy) for proxy in LIST_PROXIES}


class TechToolInline(OrderedInline):
    model = TechTool
    fields = ["name", "examples"]


class CertificationInline(OrderedInline):
    model = Certification
    fields = ["name", "issuer", "url"]


class CareerTierInline(OrderedInline):
    model = CareerTier
    fields = ["title", "years_min", "years_max", "description"]


class DayBlockInline(OrderedInline):
    model = DayBlock
    fields = ["label", "start", "end", "focus", "tasks"]


class SkillGroupInline(OrderedInline):
    model = SkillGroup
    fields = ["kind", "name", "description", "items"]


class CaseStudyInline(SortableStackedInline):
    model = CaseStudy
    extra = 0
    fields = ["title", "body", "takeaway"]


class FAQInline(SortableStackedInline):
    model = FAQ
    extra = 0
    fields = ["question", "answer"]


class SourceInline(OrderedInline):
    model = Source
    fields = ["title", "publisher", "url", "year"]


# Sections of the public page a guide can fill, for the change list's completeness figure.
COMPLETENESS_TEXT = [name for name in MARKDOWN_FIELDS if name != "market_demand_note"]
COMPLETENESS_CHILDREN = [
    SalaryBand,
    TechTool,
    Certification,
    CareerTier,
    DayBlock,
    SkillGroup,
    CaseStudy,
    FAQ,
    Source,
]
COMPLETENESS_TOTAL = len(COMPLETENESS_TEXT) + len(COMPLETENESS_CHILDREN) + len(ListItem.Kind)


def completeness():
    """How many sections are filled, as one SQL expression (no query per row)."""
    parts = [
        Case(When(~Q(**{name: ""}), then=Value(1)), default=Value(0)) for name in COMPLETENESS_TEXT
    ]
    parts += [
        Case(
            When(Exists(model.objects.filter(guide=OuterRef("pk"))), then=Value(1)),
            default=Value(0),
        )
        for model in COMPLETENESS_CHILDREN
    ]
    parts += [
        Case(
            When(Exists(ListItem.objects.filter(guide=OuterRef("pk"), kind=kind)), then=Value(1)),
            default=Value(0),
        )
        for kind in ListItem.Kind.values
    ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def dated_figures():
    cutoff = timezone.now().year - DATED_AFTER_YEARS
    return Q(growth_year__lt=cutoff) | Exists(
        SalaryBand.objects.filter(guide=OuterRef("pk"), data_year__lt=cutoff)
    )


class DatedFilter(admin.SimpleListFilter):
    title = "figures"
    parameter_name = "dated"

    def lookups(self, request, model_admin):
        return [("yes", "Has dated figures"), ("no", "All figures recent")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(dated_figures())
        if self.value() == "no":
            return queryset.exclude(dated_figures())
        return queryset


@admin.register(Guide)
class GuideAdmin(LinesForArrays, SortableAdminBase, VersionAdmin):
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
    autocomplete_fields = ["related_roles"]
    readonly_fields = ["page_link", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "mark_reviewed_today", "export_fixtures"]
    list_per_page = 50
    save_on_top = True
    fieldsets = [
        (
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
        ),
        (
            "Headline figures",
            {
                "fields": [
                    ("growth_percent", "growth_period", "growth_label"),
                    ("growth_source", "growth_source_url", "growth_year"),
                    ("employment", "employment_year", "employment_change"),
                    "entry_education",
                    ("work_experience", "on_the_job_training"),
                    ("remote_work", "market_demand"),
                    "market_demand_note",
                ]
            },
        ),
        ("What the work is", {"fields": ["core_functions", "work_setting"]}),
        (
            "Skills, education and path",
            {
                "fields": [
                    "education_level",
                    "career_entry",
                    "required_education",
                ]
            },
        ),
        (
            "Outlook and the job market",
            {
                "fields": [
                    "global_outlook",
                    "role_challenges",
                    "growth_paths",
                    "industry_trends",
                ]
            },
        ),
        (
            "Work-life balance",
            {"fields": [("stress_level", "balance_rating"), "work_life_balance"]},
        ),
        ("Portfolio and related roles", {"fields": ["portfolio_tips", "related_roles"]}),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]
    # In the public page's order.
    inlines = [
        SalaryBandInline,
        ListInlines["responsibility"],
        TechToolInline,
        ListInlines["tech_skill"],
        ListInlines["soft_skill"],
        CertificationInline,
        CareerTierInline,
        DayBlockInline,
        SkillGroupInline,
        ListInlines["pro"],
        ListInlines["con"],
        ListInlines["mistake"],
        ListInlines["advice"],
        CaseStudyInline,
        FAQInline,
        SourceInline,
    ]

    class Media:
        js = ["admin/markdown-preview.js"]
        css = {"all": ["admin/guides.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(is_synthetic=False)
            .select_related("category")
            .annotate(
                sections_filled=completeness(),
                has_dated=Case(
                    When(dated_figures(), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
            )
        )

    @admin.display(description="Sections filled", ordering="sections_filled")
    def completeness(self, guide):
        return f"{guide.sections_filled} / {COMPLETENESS_TOTAL}"

    @admin.display(description="Figures", ordering="has_dated")
    def figures_dated(self, guide):
        return f"Dated (over {DATED_AFTER_YEARS} years)" if guide.has_dated else "Recent"

    @admin.display(description="Public page")
    def page_link(self, guide):
        if not guide.pk:
            return "Saved guides get a page."
        label = "View on site" if guide.is_published else "Preview draft (editors only)"
        return format_html('<a href="{}">{}</a>', guide.get_absolute_url(), label)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        # Editors may delete drafts that were never published; anything else needs a publisher.
        if obj is not None and obj.was_ever_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        guide = get_object_or_404(Guide, pk=object_id)
        history = reverse("admin:guides_guide_history", args=[guide.pk])
        return self._unless_status_would_change(
            request, version_id, guide.status, history
        ) or super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        return self._unless_status_would_change(
            request, version_id, Guide.Status.DRAFT, reverse("admin:guides_guide_changelist")
        ) or super().recover_view(request, version_id, extra_context)

    def _unless_status_would_change(self, request, version_id, status, back):
        """Restoring a revision writes its status too: from an editor, only the current one."""
        version = get_object_or_404(reversion.models.Version, pk=version_id)
        if self.has_publish_permission(request) or version.field_dict["status"] == status:
            return None
        self.message_user(
            request,
            f"That version is {version.field_dict['status']}; restoring it would change what the "
            f"public sees, which needs a publisher ({publishers_text()}).",
            messages.ERROR,
        )
        return redirect(back)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not self.has_publish_permission(request):
            return [*fields, "status"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.has_publish_permission(request):
            form.publishing_note = (
                f"Publishing needs the Publishers group. Who can publish: {publishers_text()}. "
                "Save your changes, then ask one of them."
            )
        return form

    def save_model(self, request, obj, form, change):
        if obj.is_published and obj.first_published is None:
            obj.first_published = timezone.localdate()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Inline-only edits must still move the guide's timestamp (ETag, sitemap, feed) and
        # refresh its search data.
        Guide.objects.filter(pk=form.instance.pk).update(updated_at=timezone.now())
        update_search_vectors([form.instance.pk])

    @admin.action(description="Publish selected guides", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Guide.Status.PUBLISHED, "published")

    @admin.action(description="Unpublish selected guides (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Guide.Status.DRAFT, "moved back to draft")

    def _set_status(self, request, queryset, status, verb):
        def change(guide):
            guide.status = status
            if status == Guide.Status.PUBLISHED and guide.first_published is None:
                guide.first_published = timezone.localdate()

        count = self._change_each(request, queryset, change, f"Status: {verb}")
        self.message_user(request, f"{count} guide(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Mark selected guides reviewed today", permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        def change(guide):
            guide.last_reviewed = timezone.localdate()

        count = self._change_each(request, queryset, change, "Marked reviewed")
        self.message_user(request, f"{count} guide(s) marked reviewed today.", messages.SUCCESS)

    def _change_each(self, request, queryset, change, comment):
        """Apply `change` to each selected guide and save them all as one revision."""
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            guides = list(queryset)
            for guide in guides:
                change(guide)
                guide.save()
        return len(guides)

    @admin.action(description="Download selected guides as fixture files", permissions=["view"])
    def export_fixtures(self, request, queryset):
        guides = list(guides_for_export(Guide.objects.filter(pk__in=queryset.values("pk"))))
        if len(guides) == 1:
            response = HttpResponse(
                dumps(saved_guide_to_data(guides[0])),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{guides[0].slug}.json"'
            return response
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for guide in guides:
                archive.writestr(f"guides/{guide.slug}.json", dumps(saved_guide_to_data(guide)))
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="guides.zip"'
        return response

    def get_urls(self):
        return [
            path(
                "preview-markdown/",
                self.admin_site.admin_view(self.preview_markdown),
                name="guides_guide_preview_markdown",
            ),
            path(
                "<int:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name="guides_guide_changes",
            ),
            *super().get_urls(),
        ]

    def preview_markdown(self, request):
        """The public page's own Markdown rendering, for the editor's preview."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return JsonResponse({"html": str(markdownify(request.POST.get("text", "")))})

    def changes_view(self, request, object_id):
        """Each saved revision of a guide, as a readable diff against the one before."""
        guide = get_object_or_404(Guide, pk=object_id)
        if not self.has_view_or_change_permission(request, guide):
            return HttpResponse(status=403)
        return TemplateResponse(
            request,
            "admin/guides/guide/changes.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": guide,
                "title": f"Changes to {guide}",
                "revisions": revision_diffs(guide),
            },
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["preview_url"] = reverse("admin:guides_guide_preview_markdown")
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Category)
class CategoryAdmin(VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
