"""Actions on the selected guides of the change list."""

import io
import zipfile

import reversion
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from ..changelog import note_change, publishing_note
from ..exporting import guides_for_export
from ..fixture_format import dumps, saved_guide_to_data
from ..models import Guide
from ..workflow.models import ReviewStep


@admin.action(description="Publish selected guides", permissions=["publish"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Guide.Status.PUBLISHED, "published")


@admin.action(description="Unpublish selected guides (back to draft)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Guide.Status.DRAFT, "moved back to draft")


def _set_status(modeladmin, request, queryset, status, verb):
    def change(guide):
        # Publishing a draft is a change the public sees: it goes in the change log.
        note = publishing_note(guide) if not guide.is_published else ""
        guide.status = status
        if status == Guide.Status.PUBLISHED and guide.first_published is None:
            guide.first_published = timezone.localdate()
        note_change(guide, note, request.user)

    count = _change_each(request, queryset, change, f"Status: {verb}")
    modeladmin.message_user(request, f"{count} guide(s) {verb}.", messages.SUCCESS)


@admin.action(description="Mark selected guides reviewed today", permissions=["publish"])
def mark_reviewed_today(modeladmin, request, queryset):
    """A publisher vouches for every figure and fact (the page's "Last reviewed"); no save does."""

    def change(guide):
        guide.last_reviewed = timezone.localdate()
        ReviewStep.objects.create(guide=guide, action=ReviewStep.Action.REVIEWED, user=request.user)

    count = _change_each(request, queryset, change, "Marked reviewed")
    modeladmin.message_user(request, f"{count} guide(s) marked reviewed today.", messages.SUCCESS)


def _change_each(request, queryset, change, comment):
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
def export_fixtures(modeladmin, request, queryset):
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
