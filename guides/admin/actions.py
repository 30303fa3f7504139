"""Actions on the selected guides of the change list."""

import io
import zipfile

import reversion
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from .. import publishing
from ..exporting import guides_for_export
from ..fixture_format import dumps, saved_guide_to_data
from ..models import Guide
from ..workflow.models import ReviewStep


@admin.action(description="Publish selected guides", permissions=["publish"])
def publish(modeladmin, request, queryset):
    count = _change_each(request, queryset, publishing.publish, "Status: published")
    modeladmin.message_user(request, f"{count} guide(s) published.", messages.SUCCESS)


@admin.action(description="Unpublish selected guides (back to draft)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    count = _change_each(request, queryset, publishing.unpublish, "Status: moved back to draft")
    modeladmin.message_user(request, f"{count} guide(s) moved back to draft.", messages.SUCCESS)


@admin.action(description="Mark selected guides reviewed today", permissions=["publish"])
def mark_reviewed_today(modeladmin, request, queryset):
    """A publisher vouches for every figure and fact (the page's "Last reviewed"); no save does."""

    def change(guide, user):
        guide.last_reviewed = timezone.localdate()
        guide.save()
        ReviewStep.objects.create(guide=guide, action=ReviewStep.Action.REVIEWED, user=user)

    count = _change_each(request, queryset, change, "Marked reviewed")
    modeladmin.message_user(request, f"{count} guide(s) marked reviewed today.", messages.SUCCESS)


def _change_each(request, queryset, change, comment):
    """`change(guide, user)` each selected guide (it saves), all as one revision."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        guides = list(queryset)
        for guide in guides:
            change(guide, request.user)
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
