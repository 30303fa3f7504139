"""The steps of a review, each in one transaction, each recorded as a ReviewStep (who, when, what
they said): an editor submits, a publisher sends back or approves (publishing now or at a time),
and what is approved goes live here, whether at once or from `publish_scheduled`."""

import reversion
from django.db import transaction
from django.utils import timezone

from .. import publishing
from ..models import Guide
from .drafts import guide_data, locked_editorial, store_findings, write_data
from .models import Editorial, ReviewStep
from .notify import tell_editor, tell_publishers

State, Action = Editorial.State, ReviewStep.Action
# The change note when an approved draft's editor left none (a publisher's own draft, say).
DEFAULT_NOTE = "Updated after review."


class ReviewError(Exception):
    """A step that does not apply to the guide as it stands, with a message for the person."""


def has_changes(guide, editorial):
    """Whether there is anything to review: a draft guide, or pending changes to a published one."""
    return not guide.is_published or editorial.has_draft


@transaction.atomic
def submit(guide, user, message, request=None):
    editorial = locked_editorial(guide)
    if editorial.state == State.IN_REVIEW:
        raise ReviewError("This guide is already waiting for review.")
    if not has_changes(guide, editorial):
        raise ReviewError("Nothing to review: the guide is published and has no pending changes.")
    _cancel_schedule(editorial, user)
    editorial.state, editorial.owner = State.IN_REVIEW, user
    editorial.save()
    step = ReviewStep.objects.create(
        guide=guide, action=Action.SUBMITTED, user=user, message=message
    )
    tell_publishers(step, request)


@transaction.atomic
def send_back(guide, user, comment, request=None):
    editorial = locked_editorial(guide)
    if editorial.state != State.IN_REVIEW:
        raise ReviewError("This guide is not waiting for review.")
    if not comment.strip():
        raise ReviewError("Say what needs to change: the editor sees your comment on the guide.")
    editorial.state = State.SENT_BACK
    editorial.save()
    step = ReviewStep.objects.create(
        guide=guide, action=Action.SENT_BACK, user=user, message=comment
    )
    tell_editor(step, editorial.owner, request)


@transaction.atomic
def approve(guide, user, message="", go_live_at=None, expire_at=None):
    """Publish now (go_live_at None or past) or schedule; an expiry may come with either."""
    editorial = locked_editorial(guide)
    if not has_changes(guide, editorial):
        raise ReviewError("Nothing to approve: the guide is published and has no pending changes.")
    now = timezone.now()
    if expire_at and expire_at <= max(now, go_live_at or now):
        raise ReviewError("The expiry must come after the guide goes live.")
    editorial.approved_by, editorial.approved_at, editorial.expire_at = user, now, expire_at
    if go_live_at and go_live_at > now:
        editorial.state, editorial.go_live_at = State.SCHEDULED, go_live_at
        editorial.save()
        ReviewStep.objects.create(guide=guide, action=Action.SCHEDULED, user=user, message=message)
        return
    ReviewStep.objects.create(guide=guide, action=Action.APPROVED, user=user, message=message)
    go_live(editorial, user)


def go_live(editorial, user):
    """Publish what an approved editorial holds: its draft onto the published guide, or the
    unpublished guide itself. "Last reviewed" becomes the day of the approval. Call with the
    editorial locked (locked_editorial, or publish_scheduled's SKIP LOCKED)."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Published after review")
        if editorial.has_draft:
            guide = write_data(editorial.guide_id, editorial.draft)
            note = editorial.draft_note or DEFAULT_NOTE
        else:  # "First published." or "Published again."
            guide, note = Guide.objects.get(pk=editorial.guide_id), None
        guide.last_reviewed = timezone.localdate(editorial.approved_at)
        publishing.publish(guide, user, note)
        reversion.add_to_revision(guide)
    editorial.state, editorial.go_live_at = State.EDITING, None
    editorial.draft, editorial.draft_note, editorial.draft_saved_at = None, "", None
    store_findings(editorial, guide_data(guide))
    editorial.save()
    return guide


@transaction.atomic
def cancel_schedule(guide, user):
    editorial = locked_editorial(guide)
    if editorial.state != State.SCHEDULED:
        raise ReviewError("This guide has no scheduled publication.")
    _cancel_schedule(editorial, user)
    editorial.save()


def _cancel_schedule(editorial, user, why=""):
    """A scheduled approval is of what was approved: a change since, or a resubmission, voids it."""
    if editorial.state == State.SCHEDULED:
        editorial.state, editorial.go_live_at = State.EDITING, None
        ReviewStep.objects.create(
            guide_id=editorial.guide_id, action=Action.WITHDRAWN, user=user, message=why
        )


def changed_after_approval(editorial, user):
    """Called when a draft is saved: the schedule no longer holds what the publisher approved."""
    _cancel_schedule(editorial, user, "The guide was changed after it was approved.")


@transaction.atomic
def mark_reviewed(guide, user):
    """A publisher has checked every figure and fact: the public page's "Last reviewed" moves."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    guide.last_reviewed = timezone.localdate()
    guide.save()
    ReviewStep.objects.create(guide=guide, action=Action.REVIEWED, user=user)
