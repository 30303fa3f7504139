"""Email about reviews, through Django's email backend (the console on a developer's machine, SMTP
when DJANGO_EMAIL_HOST is set). Sent after the step commits: a rolled-back step tells nobody, and a
mail server that fails loses the email, never the step (it is logged)."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from ..publishing import publishers

logger = logging.getLogger(__name__)


def _link(path, request):
    return request.build_absolute_uri(path) if request else path


def _send(subject, body, recipients):
    recipients = [address for address in recipients if address]
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except OSError:
            logger.exception("Could not email %s about a review", ", ".join(recipients))

    transaction.on_commit(send)


def tell_publishers(step, request=None):
    """A guide waits for review: every publisher (but the submitter) is told."""
    who = step.user.get_username()
    review = _link(reverse("admin:guides_guide_review", args=[step.guide_id]), request)
    body = (
        f'{who} asks for a review of "{step.guide}".\n\n'
        f"{step.message or '(no message)'}\n\n"
        f"Preview it, then approve or send it back: {review}\n"
    )
    addresses = publishers().exclude(pk=step.user_id).values_list("email", flat=True)
    _send(f"Review requested: {step.guide}", body, addresses)


def tell_editor(step, editor, request=None):
    """A guide is sent back: its editor is told what to change."""
    if editor is None:
        return
    guide = _link(reverse("admin:guides_guide_change", args=[step.guide_id]), request)
    body = (
        f'{step.user.get_username()} sent "{step.guide}" back to you:\n\n{step.message}\n\n'
        f"The comment is shown on the guide: {guide}\n"
    )
    _send(f"Sent back: {step.guide}", body, [editor.email])
