from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from ..models import Guide

COMMENT_MAX_LENGTH = 500


class Feedback(models.Model):
    """One reader's answer to "Was this guide useful?". Anonymous: no user, no cookie, no address."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField("useful")
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField("sent", default=timezone.now, db_index=True)
    handled = models.BooleanField(default=False, help_text="An editor has read and dealt with it.")
    # HMAC of the client's address with FEEDBACK_SALT, only for the rate limit; blanked once it
    # is older than the limit's window (limits.py), so it cannot link answers over time.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), COMMENT_MAX_LENGTH),
                name="feedback_comment_max_length",
            )
        ]
        indexes = [
            models.Index(
                fields=["client_hash", "created_at"],
                condition=~models.Q(client_hash=""),
                name="feedback_recent_clients",
            )
        ]

    def __str__(self):
        return f"{'Yes' if self.useful else 'No'} on {self.guide} ({self.created_at:%Y-%m-%d})"


class GuideFeedback(Guide):
    """A guide as the feedback admin lists it: counts, share of "yes" and its comments."""

    class Meta:
        proxy = True
        verbose_name = "feedback by guide"
        verbose_name_plural = "feedback by guide"
