"""For GuideAdmin: changes to a published guide are saved as a draft (guides.workflow.drafts) when
the one saving may not publish, and whenever a draft is already pending (everyone then edits the
draft, so an approval never undoes a publisher's edit). Publishers' saves of a guide without a
draft go live as before. The change page shows where the guide stands in review."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import HttpResponseRedirect

from ..models import Guide
from ..sections import SECTIONS
from . import review
from .drafts import draft_applied, guide_data, locked_editorial, store_draft
from .findings import record_findings
from .models import Editorial, ReviewStep
from .starting import reference


class DraftEditing:
    object_history_template = "admin/guides/guide/object_history.html"  # reviews, then revisions

    def _drafting(self, request, guide):
        if guide is None or not guide.is_published:
            return False
        pending = Editorial.objects.filter(guide=guide, draft__isnull=False).exists()
        return pending or (request.method == "POST" and not self.has_publish_permission(request))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        guide = self.get_object(request, object_id) if object_id else None
        if not self._drafting(request, guide):
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            # Locked for a save (held until commit, outside the savepoint): two draft saves take
            # turns, and the second is refused as stale, as two saves of a guide are.
            editorial = locked_editorial(guide)
            request.drafting = editorial
            # Restoring a revision shows that revision, not the pending draft; saved, it becomes
            # the draft.
            restoring = request.resolver_match.url_name.endswith(("_revision", "_recover"))
            with draft_applied(editorial, apply=not restoring):
                response = super().changeform_view(request, object_id, form_url, extra_context)
                saved = request.method == "POST" and isinstance(response, HttpResponseRedirect)
                data = guide_data(Guide.objects.get(pk=guide.pk)) if saved else None
                if hasattr(response, "render"):
                    response.render()  # while the rows hold the draft (inlines read lazily)
            if saved:
                review.changed_after_approval(editorial, request.user)
                store_draft(editorial, data, request.draft_note, request.user)
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # For the desk, once the save has committed: checking is not done holding the guide's
        # lock. (A draft's findings are counted when it is stored.)
        guide = form.instance
        transaction.on_commit(lambda: record_findings([guide]))
        if not guide.is_published:  # "My drafts": whoever last saved one not in review
            Editorial.objects.get_or_create(guide=guide)
            Editorial.objects.filter(guide=guide, state=Editorial.State.EDITING).update(
                owner=request.user
            )

    def save_form(self, request, form, change):
        request.draft_note = form.cleaned_data.get("change_note", "")
        return super().save_form(request, form, change)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Unpublishing is not a change to draft; "Last reviewed" is set by reviews only.
        extra = ["last_reviewed", *(["status"] if getattr(request, "drafting", None) else [])]
        return fields + [name for name in extra if name not in fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        editorial = getattr(request, "drafting", None)
        form.draft_note = editorial.draft_note if editorial else ""
        return form

    def response_change(self, request, obj):
        if not getattr(request, "drafting", None):
            return super().response_change(request, obj)
        self.message_user(
            request,
            "Saved as a draft: readers still see the published guide. Submit it for review when "
            "it is ready.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    @admin.display(description="Sections")
    def sections_to_write(self, guide):
        """What remains to write: the sections the public page would leave out (one query)."""
        if not guide.pk:
            return "Counted once the guide is saved."
        shown = (
            Guide.objects.filter(pk=guide.pk)
            .annotate(**{f"s{n}": s.shown_expression() for n, s in enumerate(SECTIONS)})
            .values(*(f"s{n}" for n in range(len(SECTIONS))))
            .get()
        )
        empty = [s.heading for n, s in enumerate(SECTIONS) if not shown[f"s{n}"]]
        filled = f"{len(SECTIONS) - len(empty)} of {len(SECTIONS)} sections filled"
        return f"{filled}. Still to write: {', '.join(empty)}." if empty else f"{filled}."

    def history_view(self, request, object_id, extra_context=None):
        # The id comes from the URL: a malformed one finds no guide (the admin then redirects).
        guide = self.get_object(request, unquote(object_id))
        steps = ReviewStep.objects.filter(guide=guide).select_related("user") if guide else []
        context = {**(extra_context or {}), "review_steps": steps}
        return super().history_view(request, object_id, context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["editorial"] = getattr(request, "drafting", None) or (
                Editorial.objects.filter(guide=obj).select_related("owner", "approved_by").first()
            )
            context["review_steps"] = list(
                ReviewStep.objects.filter(guide=obj).select_related("user")[:3]
            )
            context["reference"] = reference(obj.occupation_code)
        return super().render_change_form(request, context, add, change, form_url, obj)
