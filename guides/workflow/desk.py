"""The editors' desk (the admin's index page): what needs attention, panel by panel. Each panel
is two bounded queries, a count and its first entries, whatever the number of guides: the content
checks' findings are read as stored when guides were saved (Editorial.check_errors), never run
here. With 10,000 guides the desk takes 18 queries (tests/test_workflow_desk.py counts them)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from ..models import Guide
from ..occupations.models import Projection
from ..occupations.models import Release as DataRelease
from ..wages.models import Occupation
from ..wages.models import Release as WageRelease
from .models import Editorial

SHOWN = 8
REVIEW_EVERY = datetime.timedelta(days=365)
State = Editorial.State


@dataclass
class Panel:
    key: str
    title: str
    empty: str
    count: int = 0
    entries: list = field(default_factory=list)  # (url, title, detail)
    more: str = ""  # a link to the whole list, where the admin has one


def _editorials(**filters):
    # A draft is a whole guide: only whether there is one is shown.
    pending = ExpressionWrapper(Q(draft__isnull=False), output_field=BooleanField())
    return (
        Editorial.objects.filter(**filters)
        .select_related("guide", "owner")
        .defer("draft", "guide__html", "guide__search_vector", "guide__search_rank")
        .annotate(pending=pending)
    )


def _fill(panel, queryset, entry):
    panel.count = queryset.count()
    panel.entries = [entry(row) for row in queryset[:SHOWN]]
    return panel


def _change(guide):
    return reverse("admin:guides_guide_change", args=[guide.pk])


def _review(guide):
    return reverse("admin:guides_guide_review", args=[guide.pk])


def _when(moment):
    return timezone.localtime(moment).strftime("%d %b %Y %H:%M") if moment else ""


def panels(user):
    may_publish = user.has_perm("guides.publish_guide")
    guides = Guide.objects.filter(is_synthetic=False)
    waiting = _fill(
        Panel(
            "waiting",
            "Waiting for your review" if may_publish else "Waiting for a publisher's review",
            "Nothing waits for review.",
        ),
        _editorials(state=State.IN_REVIEW).order_by("guide__title"),
        lambda e: (_review(e.guide), e.guide.title, f"submitted by {e.owner or 'someone'}"),
    )
    mine = _fill(
        Panel("drafts", "My drafts", "You have no drafts in progress."),
        _editorials(state=State.EDITING, owner=user)
        .filter(Q(draft__isnull=False) | Q(guide__status=Guide.Status.DRAFT))
        .order_by("guide__title"),
        lambda e: (
            _change(e.guide),
            e.guide.title,
            "changes to a published guide" if e.pending else "draft",
        ),
    )
    sent_back = _fill(
        Panel("sent-back", "Sent back to me", "Nothing has been sent back to you."),
        _editorials(state=State.SENT_BACK, owner=user).order_by("guide__title"),
        lambda e: (_change(e.guide), e.guide.title, "see the publisher's comment"),
    )
    scheduled = _fill(
        Panel("scheduled", "Scheduled", "Nothing is scheduled."),
        _editorials()
        .filter(Q(state=State.SCHEDULED) | Q(expire_at__isnull=False))
        .order_by("go_live_at", "expire_at"),
        lambda e: (
            _review(e.guide),
            e.guide.title,
            f"goes live {_when(e.go_live_at)}"
            if e.state == State.SCHEDULED
            else f"leaves {_when(e.expire_at)}",
        ),
    )
    cutoff = timezone.localdate() - REVIEW_EVERY
    overdue = _fill(
        Panel(
            "overdue",
            "Not reviewed for over a year",
            "Every published guide was reviewed this year.",
        ),
        guides.filter(status=Guide.Status.PUBLISHED)
        .filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True))
        .order_by("last_reviewed", "title")
        .only("pk", "title", "last_reviewed"),
        lambda g: (_change(g), g.title, f"last reviewed {g.last_reviewed or 'never'}"),
    )
    changed = _fill(
        Panel(
            "data",
            "Figures changed in the latest data release",
            "No guide's figures changed since its last review.",
        ),
        data_changed(guides).order_by("title").only("pk", "title", "occupation_code"),
        lambda g: (_change(g), g.title, g.occupation_code),
    )
    failing = _fill(
        Panel("checks", "Failing content checks", "No guide fails a content check."),
        _editorials(check_errors__gt=0, guide__is_synthetic=False).order_by(
            "-check_errors", "guide__title"
        ),
        lambda e: (_change(e.guide), e.guide.title, f"{e.check_errors} error(s)"),
    )
    feedback = _fill(
        Panel("feedback", "Reader feedback to handle", "No reader comment waits."),
        Guide.objects.annotate(
            open=Count("feedback", filter=Q(feedback__handled=False) & ~Q(feedback__comment=""))
        )
        .filter(open__gt=0)
        .order_by("-open", "title")
        .only("pk", "title"),
        lambda g: (
            reverse("admin:feedback_guidefeedback_change", args=[g.pk]),
            g.title,
            f"{g.open} comment(s)",
        ),
    )
    feedback.more = reverse("admin:feedback_guidefeedback_changelist")
    return [waiting, sent_back, mine, scheduled, failing, changed, overdue, feedback]


def data_changed(guides):
    """Guides whose data-backed figures changed with a data release newer than their last review:
    their projection (growth, jobs) is not the current BLS Employment Projections', or their
    occupation's OEWS median changed between the two newest wage releases. One query."""
    code = Substr(OuterRef("occupation_code"), 1, 7)
    changed = Q(pk__in=[])
    ep = DataRelease.objects.current(DataRelease.Dataset.PROJECTIONS)
    if ep is not None:
        current = Projection.objects.filter(release=ep, soc=code, kind=Projection.Kind.DETAILED)
        # Not both equal: EP prints jobs in thousands, the guide counts them.
        differs = current.annotate(jobs=F("employment") * 1000).exclude(
            change_percent=OuterRef("growth_percent"), jobs=OuterRef("employment")
        )
        guides = guides.annotate(ep_differs=Exists(differs))
        changed |= Q(ep_differs=True) & _reviewed_before(ep.imported_at)
    newest = list(WageRelease.objects.newest_first()[:2])
    if len(newest) == 2:

        def median(release):
            return Subquery(
                Occupation.objects.filter(release=release, code=code).values("national_median")[:1]
            )

        guides = guides.annotate(median_now=median(newest[0]), median_before=median(newest[1]))
        changed |= (
            Q(median_now__isnull=False, median_before__isnull=False)
            & ~Q(median_now=F("median_before"))
            & _reviewed_before(newest[0].imported_at)
        )
    return guides.exclude(occupation_code="").filter(changed)


def _reviewed_before(moment):
    return Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=timezone.localdate(moment))
