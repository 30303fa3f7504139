"""Pages of the guide admin beyond Django's own: the Markdown preview and the changes page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from ..history import revision_diffs
from ..markdown import MARKDOWN_MAX_LENGTH, markdown_problem, render_markdown
from ..models import Guide


def preview_markdown(request):
    """The public page's own Markdown rendering, for editors who may change guides."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("guides.change_guide"):
        raise PermissionDenied
    text = request.POST.get("text", "")
    if len(text) > MARKDOWN_MAX_LENGTH:
        return JsonResponse(
            {
                "error": f"Too long to preview: a Markdown field holds at most "
                f"{MARKDOWN_MAX_LENGTH:,} characters and this text has {len(text):,}."
            },
            status=400,
        )
    if problem := markdown_problem(text):
        return JsonResponse({"error": f"Cannot preview: {problem}"}, status=400)
    return JsonResponse({"html": render_markdown(text)})


def changes_view(model_admin, request, object_id):
    """Each saved revision of a guide, as a readable diff against the one before."""
    guide = get_object_or_404(Guide, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, guide):
        return HttpResponse(status=403)
    return TemplateResponse(
        request,
        "admin/guides/guide/changes.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": guide,
            "title": f"Changes to {guide}",
            "revisions": revision_diffs(guide),
        },
    )
