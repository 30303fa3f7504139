"""The review page of a guide (submit, send back, approve or schedule) and the draft preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from ..models import Guide
from ..page import GuidePage
from ..wages.headline import headline_pay
from . import review
from .drafts import draft_applied
from .forms import ApproveForm, SendBackForm, SubmitForm
from .models import Editorial, ReviewStep

State = Editorial.State


def review_view(model_admin, request, object_id):
    guide = get_object_or_404(Guide.objects.select_related("category"), pk=object_id)
    if not model_admin.has_change_permission(request, guide):
        raise PermissionDenied
    can_publish = model_admin.has_publish_permission(request)
    editorial = Editorial.objects.select_related("owner", "approved_by").filter(guide=guide).first()
    editorial = editorial or Editorial(guide=guide)
    forms = {
        "submit": SubmitForm(),
        "send_back": SendBackForm(),
        "approve": ApproveForm(),
        "mark_reviewed": Form(),
    }
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in forms or (step != "submit" and not can_publish):
            raise PermissionDenied
        form = type(forms[step])(request.POST)
        forms[step] = form
        if form.is_valid():
            try:
                done = _take(step, guide, request, form.cleaned_data)
            except review.ReviewError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
                return redirect(request.path)
    return TemplateResponse(
        request,
        "admin/workflow/review.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": guide,
            "title": f"Review: {guide}",
            "editorial": editorial,
            "has_changes": review.has_changes(guide, editorial),
            "can_publish": can_publish,
            "forms": forms,
            "steps": ReviewStep.objects.filter(guide=guide).select_related("user"),
        },
    )


def _take(step, guide, request, data):
    """Take one step of the review; what to tell the person who took it."""
    user = request.user
    if step == "submit":
        review.submit(guide, user, data["message"], request)
        return "Submitted for review: the publishers have been emailed."
    if step == "send_back":
        review.send_back(guide, user, data["comment"], request)
        return "Sent back to the editor with your comment."
    if step == "mark_reviewed":
        review.mark_reviewed(guide, user)
        return "Marked reviewed today: the public page says so."
    review.approve(guide, user, data["message"], data["go_live_at"], data["expire_at"])
    if data["go_live_at"]:
        return f"Approved: it goes live at {data['go_live_at']:%Y-%m-%d %H:%M} UTC."
    return "Approved and published."


def preview_view(model_admin, request, object_id):
    """The public page as it would be with the guide's pending changes: rendered inside the
    savepoint that holds them, and never cached."""
    guide = get_object_or_404(Guide, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, guide):
        raise PermissionDenied
    editorial = Editorial.objects.filter(guide=guide).first() or Editorial(guide=guide)
    if not review.has_changes(guide, editorial):
        raise Http404("No pending changes to preview.")
    with draft_applied(editorial):
        shown = Guide.objects.annotate(**headline_pay()).select_related("category").get(pk=guide.pk)
        page = GuidePage.build(shown)
        html = render_to_string(
            "guides/guide_detail.html",
            {"page": page, "guide": shown, "draft_preview": True},
            request,
        )
    response = HttpResponse(html)
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response
