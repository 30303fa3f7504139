"""The admin's "Start a guide from an occupation": pick an occupation (by name or SOC code), see
what the data say about it and O*NET's reference, then create the draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..finding.results import occupation_matches
from ..models import SOC_CODE, Guide
from ..wages.models import Occupation, Release
from .forms import StartForm
from .starting import facts, figures, likely_category, reference, start_guide

PICKER_LIMIT = 30


def start_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    soc = request.GET.get("soc", "").strip()
    query = request.GET.get("q", "").strip()[:100]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Start a guide from an occupation",
        "query": query,
    }
    if not SOC_CODE.fullmatch(soc):
        if soc:
            messages.error(request, f"{soc!r} is not a SOC code (like 47-2111): pick one below.")
        release = Release.objects.current()
        # As the site's search finds them: names, O*NET alternate titles, descriptions.
        matches = Occupation.objects.filter(pk__in=occupation_matches(release, query))
        context["matches"] = list(matches[:PICKER_LIMIT]) if query and release else []
        return TemplateResponse(request, "admin/workflow/start.html", context)
    found = facts(soc)
    if not found.found:
        messages.error(request, f"The data have no detailed occupation {soc}: pick one below.")
        return redirect(reverse("admin:guides_guide_start"))
    form = StartForm(
        request.POST or None, initial={"title": found.title, "category": likely_category(soc)}
    )
    if request.method == "POST" and form.is_valid():
        guide = start_guide(found, request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Started “{guide}” as a draft from {soc}: its figures come from the data. Write its "
            "sections, then submit it for review.",
        )
        return redirect(reverse("admin:guides_guide_change", args=[guide.pk]))
    context.update(
        {
            "found": found,
            "figures": figures(found.projection),
            "reference": reference(soc),
            "form": form,
            "existing": Guide.objects.filter(occupation_code__contains=soc).only("pk", "title"),
        }
    )
    return TemplateResponse(request, "admin/workflow/start.html", context)
