"""Publishing a guide: the one way its status changes and the one writer of its public change log.

Called by the admin's change form (GuideAdmin.save_model), its Publish and Unpublish actions,
`load_guides` (guides.loading), and any job that publishes on a schedule. Nothing else sets a
guide's status or writes a ChangeNote (the migration that began the log excepted).

The contract of `publish()` and `unpublish()`:

- **Who.** Changing the status (a guide becoming public, or leaving) needs `may_publish(user)`:
  the `publish_guide` permission, which the Publishers group holds. Saving a change to a guide
  whose status stays as it was needs no more than the caller's own checks (an editor edits a
  published guide). `user=None` is the system (a load, a scheduled job): it is trusted, so a
  scheduler checks the permission of whoever scheduled. A refusal raises PermissionDenied before
  anything is written.
- **What.** `guide.save()`, so every field the caller set on the guide goes with it (the admin
  form's other edits); then, only if the guide is published after the save, one ChangeNote with
  `note` and `user` as its author. `publish` sets the status to published and, when the guide
  becomes public and has no `first_published`, dates it today (`stamp=False` keeps the date the
  caller set: the loader's files carry their own). With no `note`, a guide becoming public gets
  "First published." or, if it was public before, "Published again."; publishing a guide that is
  already public writes nothing. `unpublish` sets the status to draft and writes no note: a
  draft has no public change log.
- **Which transaction.** One `transaction.atomic()` around the save and the note: the caller's if
  one is open (the admin's request, a load), else their own; a note never outlives a rolled-back
  change. A django-reversion revision records the guide: the caller's if one is open (the admin,
  the actions and the loader name their own), else a new one, by `user`, named "Published" or
  "Unpublished".
- **What it bumps.** Saving the guide and its note bumps the page-cache versions of the guide's
  page, of every page that lists guides and of the guides that list it as related
  (guides.page_cache: the model signals wired in its apps.py), at once and again after commit, so
  readers see the change on their next request through every cache. Search data is not touched: the
  status is not searched (public searches filter on it).
"""

import contextlib

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ChangeNote, Guide

PUBLISH_PERMISSION = "guides.publish_guide"
PUBLISHED_FIRST = "First published."
PUBLISHED_AGAIN = "Published again."
# load_guides' notes, by what it did to a published guide (guides.loading).
LOADED = {
    "created": "Published from the editors' source files.",
    "updated": "Updated from the editors' source files.",
    "forced": "Updated from the editors' source files.",
}


def may_publish(user):
    """Whether `user` may change a guide's status (None: the system, which may)."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def publishers():
    """The active users who may publish (superusers included), by username."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="publish_guide")
            | Q(user_permissions__codename="publish_guide")
        )
        .distinct()
        .order_by("username")
    )


def publishers_text():
    """Who may publish, for the messages that tell an editor whom to ask."""
    names = publishers().values_list("username", flat=True)
    return ", ".join(names) or "nobody yet (an administrator can add people to Publishers)"


def publish(guide, user, note=None, *, stamp=True):
    """Make `guide` public with the content it holds, and save it (see the module's contract)."""
    return _save(guide, user, Guide.Status.PUBLISHED, note, stamp, "Published")


def unpublish(guide, user):
    """Save `guide` as a draft, taking it down if it was public (see the module's contract)."""
    return _save(guide, user, Guide.Status.DRAFT, None, False, "Unpublished")


def _save(guide, user, status, note, stamp, comment):
    public = status == Guide.Status.PUBLISHED
    with transaction.atomic(), _revision(user, comment):
        # Locked, so that of two simultaneous publications only the first is "First published."
        before = (
            Guide.objects.select_for_update()
            .filter(pk=guide.pk)
            .values_list("status", flat=True)
            .first()
        )
        was_public = before == Guide.Status.PUBLISHED
        if public != was_public and not may_publish(user):
            raise PermissionDenied("Changing a guide's status needs the publish_guide permission.")
        if public and not was_public:
            if not note:  # decided before the stamp below, which would make every one "again"
                note = PUBLISHED_AGAIN if guide.first_published else PUBLISHED_FIRST
            if stamp and guide.first_published is None:
                guide.first_published = timezone.localdate()
        guide.status = status
        guide.save()
        if public and note:
            ChangeNote.objects.create(guide=guide, note=note, author=user)
    return guide


def _revision(user, comment):
    if reversion.is_active():  # the caller's revision (the admin, a load), which names itself
        return contextlib.nullcontext()
    return _own_revision(user, comment)


@contextlib.contextmanager
def _own_revision(user, comment):
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield
