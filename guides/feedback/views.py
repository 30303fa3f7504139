"""The endpoint the guide page's feedback form posts to, and the thank-you page.

Why this POST needs no CSRF token (the guide page must set no cookie, and Django's CSRF token
needs one): CSRF protection stops another site from making a visitor's browser act with the
visitor's credentials. This endpoint uses none: it reads no session, cookie or user, and its only
effect is to store one anonymous answer, exactly what anybody can do by sending the form
themselves. A forged submission therefore gains an attacker nothing, and abuse of the endpoint,
forged or not, is bounded by the per-client rate limit and the honeypot. Nothing here may ever
depend on who is signed in; anything that does needs Django's CSRF protection back.
"""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from ..models import Guide
from ..page_cache import public_page
from .forms import FeedbackForm
from .limits import (
    PER_WINDOW,
    WINDOW,
    client_hash,
    forget_old_hashes,
    hold_client_lock,
    is_limited,
)
from .models import Feedback


@csrf_exempt  # safe here: see the module's docstring
@require_POST
def submit(request, slug):
    guide = get_object_or_404(Guide.objects.published(), slug=slug)
    form = FeedbackForm(request.POST)
    thanks = HttpResponseRedirect(reverse("feedback:thanks", args=[slug]), status=303)
    if form.is_bot():
        return thanks  # a bot learns nothing from the answer; nothing is stored
    if not form.is_valid():
        return render(request, "feedback/problem.html", {"guide": guide, "form": form}, status=400)
    client = client_hash(request)
    with transaction.atomic():
        hold_client_lock(client)  # the count and the insert below, one client at a time
        if is_limited(client):
            context = {"guide": guide, "per_window": PER_WINDOW}
            limited = render(request, "feedback/limited.html", context, status=429)
            limited["Retry-After"] = str(int(WINDOW.total_seconds()))
            return limited
        Feedback.objects.create(
            guide=guide,
            useful=form.cleaned_data["useful"],
            comment=form.cleaned_data["comment"],
            client_hash=client,
        )
        forget_old_hashes()
    return thanks


@public_page(reads=())
@require_safe
def thanks(request, slug):
    guide = get_object_or_404(Guide.objects.published(), slug=slug)
    return render(request, "feedback/thanks.html", {"guide": guide})
