"""Publishing is a permission of its own (`publish_guide`, the Publishers group): changing a guide's
status, deleting a guide that has ever been published, and restoring a revision or recovering a
guide whose status differs. Editors without it edit content and save drafts, and are told whom to ask."""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from ..models import Guide
from ..publishing import may_publish, publishers_text


class PublishingPermission:
    """For GuideAdmin: what needs `publish_guide`, enforced wherever the admin can do it."""

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        # Editors may delete drafts that were never published; anything else needs a publisher.
        # Django's bulk delete asks this for every selected guide too.
        if obj is not None and obj.was_ever_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

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
                "Save your changes, then submit them for review (the Review button)."
            )
        return form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        guide = self.get_object(request, unquote(object_id))  # None for an id that is no number
        if guide is None:
            raise Http404(f"No guide with id {object_id!r}.")
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
