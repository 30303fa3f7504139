"""What `publish_scheduled` does: publish each approved guide whose time has come, unpublish each
one past its expiry. Each guide in a transaction of its own, taken with FOR UPDATE SKIP LOCKED, so
two copies running at once (two servers' cron, a slow run overlapping the next) share the work and
never do one guide twice: the row one holds is skipped by the other, and once it commits the guide
no longer matches (its state and times are cleared in the same transaction)."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .. import publishing
from .drafts import DraftError
from .models import Editorial, ReviewStep
from .review import go_live

logger = logging.getLogger(__name__)


def publish_due(now=None):
    """Returns (published, expired, failed): the guides' titles."""
    now = now or timezone.now()
    due = Editorial.objects.filter(state=Editorial.State.SCHEDULED, go_live_at__lte=now)
    expiring = Editorial.objects.filter(expire_at__lte=now).exclude(
        state=Editorial.State.SCHEDULED,
        go_live_at__lte=now,  # it goes live first
    )
    failed = []
    published = _each(due.order_by("go_live_at"), _publish, failed)
    expired = _each(expiring.order_by("expire_at"), _expire, failed)
    return published, expired, failed


def _each(queryset, act, failed):
    done, skip = [], set()
    while True:
        with transaction.atomic():
            editorial = (
                queryset.exclude(pk__in=skip)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("guide", "approved_by")
                .first()
            )
            if editorial is None:
                return done
            try:
                with transaction.atomic():
                    act(editorial)
            except (DraftError, PermissionDenied) as error:
                # Left for a person: the desk lists it as scheduled and overdue.
                logger.error("publish_scheduled could not handle %s: %s", editorial.guide, error)
                skip.add(editorial.pk)
                failed.append(str(editorial.guide))
            else:
                done.append(str(editorial.guide))


def _publish(editorial):
    # Published in the name of the publisher who approved it (the permission is theirs).
    go_live(editorial, editorial.approved_by)
    ReviewStep.objects.create(guide=editorial.guide, action=ReviewStep.Action.PUBLISHED)


def _expire(editorial):
    if editorial.guide.is_published:
        publishing.unpublish(editorial.guide, editorial.approved_by)
        ReviewStep.objects.create(guide=editorial.guide, action=ReviewStep.Action.EXPIRED)
    editorial.expire_at = None
    editorial.save(update_fields=["expire_at"])
