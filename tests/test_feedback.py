"""'Was this useful?': the form on the guide page, the endpoint it posts to, the rate limit, the
honeypot, and no cookies anywhere (guides/feedback)."""

import hashlib
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guides.feedback.limits import PER_WINDOW, WINDOW
from guides.feedback.models import Feedback
from guides.models import Guide

from .factories import make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return make_guide(slug="clinic-manager", title="Clinic Manager")


@pytest.fixture
def reader():
    """An anonymous browser that enforces CSRF as the real site does."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")


def send(client, guide, **data):
    data.setdefault("useful", "yes")
    return client.post(reverse("feedback:submit", args=[guide.slug]), data)


def test_guide_page_ends_with_the_form_and_sets_no_cookie(reader, guide):
    response = reader.get(guide.get_absolute_url())
    html = response.content.decode()
    assert 'action="/guides/clinic-manager/feedback/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert html.index('id="feedback"') > html.index('class="guide-body"')
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_a_draft_preview_has_no_form(client, editor, guide):
    Guide.objects.filter(pk=guide.pk).update(status=Guide.Status.DRAFT)
    response = client.get(guide.get_absolute_url())
    assert response.status_code == 200
    assert 'id="feedback"' not in response.content.decode()


def test_an_answer_is_stored_with_guide_and_time_then_thanked_without_cookies(reader, guide):
    before = timezone.now()
    response = send(reader, guide, useful="no", comment="Needs\r\nmore on night shifts.")
    assert response.status_code == 303
    assert response["Location"] == "/guides/clinic-manager/feedback/thanks/"
    assert not response.cookies
    feedback = Feedback.objects.get()
    assert (feedback.guide, feedback.useful, feedback.handled) == (guide, False, False)
    assert feedback.comment == "Needs\nmore on night shifts."
    assert before <= feedback.created_at <= timezone.now()

    thanks = reader.get(response["Location"])
    assert thanks.status_code == 200
    assert not thanks.cookies
    assert 'href="/guides/clinic-manager/"' in thanks.content.decode()
    assert 'content="noindex"' in thanks.content.decode()


def test_no_address_is_stored_only_a_salted_hash(reader, guide, settings):
    send(reader, guide)
    stored = Feedback.objects.get().client_hash
    assert len(stored) == 64
    assert "203.0.113.7" not in str(Feedback.objects.values().get())
    assert stored != hashlib.sha256(b"203.0.113.7").hexdigest()  # keyed, not a plain hash
    settings.FEEDBACK_SALT = "another salt"
    send(reader, guide)
    assert Feedback.objects.exclude(client_hash=stored).count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"useful": ""}, "Choose yes or no."),
        ({"useful": "maybe"}, "Select a valid choice."),
        ({"comment": "x" * 501}, "Keep the comment to 500 characters (it has 501)."),
        # Refused before the form sees it (guides/ops/text_input.py): no browser sends a NUL.
        ({"comment": "null\x00byte"}, "There is a NUL character (%00) in the form."),
    ],
)
def test_bad_input_is_explained_and_nothing_stored(reader, guide, data, message):
    response = send(reader, guide, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not response.cookies
    assert not Feedback.objects.exists()


def test_500_characters_with_line_breaks_fit_as_the_browser_counts_them(reader, guide):
    """The textarea's maxlength counts a line break as one character; browsers send two."""
    comment = "\r\n".join(["x" * 99] * 5) + "x"  # 496 + 4 line breaks: 500 for the browser
    assert send(reader, guide, comment=comment).status_code == 303
    assert len(Feedback.objects.get().comment) == 500


def test_the_database_refuses_a_longer_comment(guide):
    with pytest.raises(IntegrityError, match="feedback_comment_max_length"):
        Feedback.objects.create(guide=guide, useful=True, comment="x" * 501)


def test_the_honeypot_thanks_a_bot_and_stores_nothing(reader, guide):
    response = send(reader, guide, website="https://spam.example")
    assert response.status_code == 303
    assert not Feedback.objects.exists()


def test_unknown_or_draft_guides_and_get_requests_are_refused(reader, guide):
    draft = make_guide(status=Guide.Status.DRAFT)
    assert send(reader, draft).status_code == 404
    assert reader.post("/guides/no-such-guide/feedback/", {"useful": "yes"}).status_code == 404
    assert reader.get(f"/guides/{draft.slug}/feedback/thanks/").status_code == 404
    assert reader.get(reverse("feedback:submit", args=[guide.slug])).status_code == 405
    assert not Feedback.objects.exists()


def test_a_client_may_send_a_handful_an_hour(reader, guide):
    for _ in range(PER_WINDOW):
        assert send(reader, guide).status_code == 303
    refused = send(reader, guide)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "already sent 5 answers in the last hour" in refused.content.decode()
    assert Feedback.objects.count() == PER_WINDOW

    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.1")
    assert send(other, guide).status_code == 303

    # An hour later the client may answer again.
    Feedback.objects.update(created_at=timezone.now() - WINDOW - timedelta(seconds=1))
    assert send(reader, guide).status_code == 303


def test_an_ipv6_client_is_counted_per_64_network(guide):
    for host in range(PER_WINDOW):
        send(Client(REMOTE_ADDR=f"2001:db8:1:2::{host + 1:x}"), guide)
    assert send(Client(REMOTE_ADDR="2001:db8:1:2:ffff::9"), guide).status_code == 429
    assert send(Client(REMOTE_ADDR="2001:db8:1:3::1"), guide).status_code == 303


def test_behind_a_proxy_the_forwarded_client_is_counted(guide, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(PER_WINDOW):
        send(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"), guide)
    assert (
        send(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"), guide).status_code
        == 429
    )
    assert (
        send(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10"), guide).status_code
        == 303
    )


def test_hashes_are_forgotten_once_the_limit_no_longer_needs_them(reader, guide):
    send(reader, guide)
    Feedback.objects.update(created_at=timezone.now() - WINDOW - timedelta(minutes=1))
    send(Client(REMOTE_ADDR="198.51.100.1"), guide)
    old, new = Feedback.objects.order_by("created_at")
    assert old.client_hash == ""
    assert new.client_hash != ""
