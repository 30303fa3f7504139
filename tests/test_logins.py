"""Login throttling (django-axes): passwords cannot be guessed without limit, and nobody else
pays for one account being attacked."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from careerguide.client_ip import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "the-Right-passw0rd"
ATTACKER = "203.0.113.66"


@pytest.fixture
def editor():
    return User.objects.create_user("eddie", password=PASSWORD, is_staff=True)


def log_in(client, username, password, address=ATTACKER, **headers):
    client.logout()
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def lock_out(client, username="eddie", address=ATTACKER, **headers):
    """Five wrong passwords: four answered by the form, the fifth by the lockout page."""
    for attempt in range(4):
        response = log_in(client, username, f"guess-{attempt}", address, **headers)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    return log_in(client, username, "guess-4", address, **headers)


def test_five_failures_lock_the_account_for_that_address(client, editor):
    response = lock_out(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in is paused" in html and "eddie" in html and "15 minutes" in html
    assert "Traceback" not in html


def test_the_right_password_is_refused_while_locked(client, editor):
    lock_out(client)
    response = log_in(client, "eddie", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_other_users_and_other_addresses_are_unaffected(client, editor):
    User.objects.create_user("olga", password=PASSWORD, is_staff=True)
    lock_out(client)
    assert logged_in(log_in(client, "olga", PASSWORD))  # another user, same address
    assert logged_in(log_in(client, "eddie", PASSWORD, address="198.51.100.7"))  # same user


def test_axes_reset_lifts_every_lockout(client, editor):
    lock_out(client)
    call_command("axes_reset", verbosity=0)
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_the_lockout_ends_after_15_minutes(client, editor):
    lock_out(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert log_in(client, "eddie", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_attempts_while_locked_do_not_extend_the_lockout(client, editor):
    lock_out(client)
    locked_at = AccessAttempt.objects.get().attempt_time
    log_in(client, "eddie", "another-guess")
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_lockouts_are_listed_in_the_admin_without_passwords(client, editor):
    lock_out(client)
    client.force_login(User.objects.create_superuser("root", password="x"))
    html = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "eddie" in html and ATTACKER in html
    assert "guess-" not in AccessAttempt.objects.get().post_data


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(client, editor):
    """Without DJANGO_TRUSTED_PROXIES, a made-up X-Forwarded-For changes nothing."""
    lock_out(client, HTTP_X_FORWARDED_FOR="192.0.2.1")
    response = log_in(client, "eddie", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert response.status_code == 429


def test_behind_trusted_proxies_the_forwarded_client_is_counted(client, editor, settings):
    """Behind one proxy (REMOTE_ADDR is the proxy), the client is the last forwarded address;
    a client that prepends its own entries is still counted by the address the proxy saw."""
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    lock_out(client, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1, " + ATTACKER)
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    spoofed = log_in(
        client, "eddie", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.9, " + ATTACKER
    )
    assert spoofed.status_code == 429
    assert logged_in(log_in(client, "eddie", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),  # fewer hops than proxies: only the peer is known
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
