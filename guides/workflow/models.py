"""Where each guide stands with its editors: its review, its pending draft, its schedule, and the
steps of its reviews. Bookkeeping, not content: saving these rows bumps no page (they live outside
the `guides` app, whose writes invalidate pages: guides.page_cache)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..models import NOTE_MAX_LENGTH

MESSAGE_MAX_LENGTH = 2000


class Editorial(models.Model):
    """One row per guide that editors have worked on through the workflow (made when needed)."""

    class State(models.TextChoices):
        EDITING = "editing", "Being edited"
        IN_REVIEW = "in_review", "Waiting for review"
        SENT_BACK = "sent_back", "Sent back to the editor"
        SCHEDULED = "scheduled", "Approved, scheduled"

    guide = models.OneToOneField(
        "guides.Guide", on_delete=models.CASCADE, primary_key=True, related_name="editorial"
    )
    state = models.CharField(max_length=10, choices=State, default=State.EDITING)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor whose work this is: who started, last saved a draft or submitted it.",
    )
    # Changes to a published guide wait here, in the fixture format (guides.fixture_format), until
    # a publisher approves them; readers see the guide's rows meanwhile. Empty: no pending changes
    # (an unpublished guide's rows are its draft).
    draft = models.JSONField(null=True, blank=True)
    draft_note = models.CharField(max_length=NOTE_MAX_LENGTH, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    go_live_at = models.DateTimeField(null=True, blank=True)
    expire_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The content checks' findings (guides.checks) for what editors last saved, kept so that the
    # desk counts failing guides without checking thousands of them per request.
    check_errors = models.PositiveIntegerField(default=0)
    check_warnings = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["state", "owner"], name="editorial_state_owner"),
            models.Index(
                fields=["go_live_at"], name="editorial_go_live", condition=Q(state="scheduled")
            ),
            models.Index(
                fields=["expire_at"], name="editorial_expiry", condition=Q(expire_at__isnull=False)
            ),
            models.Index(
                fields=["check_errors"], name="editorial_failing", condition=Q(check_errors__gt=0)
            ),
        ]

    def __str__(self):
        return f"{self.guide}: {self.get_state_display()}"

    @property
    def has_draft(self):
        return self.draft is not None


class ReviewStep(models.Model):
    """One step of a guide's reviews, shown in its history: who did what, when, and what they said."""

    class Action(models.TextChoices):
        STARTED = "started", "Started from an occupation"
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back"
        APPROVED = "approved", "Approved and published"
        SCHEDULED = "scheduled", "Approved, scheduled"
        WITHDRAWN = "withdrawn", "Schedule cancelled"
        PUBLISHED = "published", "Published as scheduled"
        EXPIRED = "expired", "Unpublished at its expiry"
        REVIEWED = "reviewed", "Marked reviewed"

    guide = models.ForeignKey("guides.Guide", on_delete=models.CASCADE, related_name="review_steps")
    action = models.CharField(max_length=10, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    message = models.TextField(blank=True, max_length=MESSAGE_MAX_LENGTH)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["guide", "-at"], name="reviewstep_guide_newest")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.user or 'the scheduler'}"
