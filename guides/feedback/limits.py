"""The per-client rate limit of the feedback form, without storing anyone's address.

A client is the HMAC-SHA256 of its address keyed with settings.FEEDBACK_SALT (a secret, so the
hash cannot be reversed by trying all four billion IPv4 addresses). IPv6 clients are counted per
/64 network, which one household or phone usually gets whole. Hashes are kept only for the limit's
window: older ones are blanked, so stored answers cannot be linked to each other afterwards.
"""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from careerguide.client_ip import client_ip

from .models import Feedback

PER_WINDOW = 5  # answers one client may send per window: a handful, more than any reader needs
WINDOW = timedelta(hours=1)


def client_hash(request):
    try:
        address = ipaddress.ip_address(client_ip(request) or "")
    except ValueError:
        address = (
            "unknown"  # no usable address (a misconfigured server): such clients share one limit
        )
    else:
        if address.version == 6:
            address = ipaddress.ip_network(f"{address}/64", strict=False).network_address
    key = settings.FEEDBACK_SALT.encode()
    return hmac.new(key, str(address).encode(), hashlib.sha256).hexdigest()


# pg_advisory_xact_lock's first key: this lock's namespace, so no other advisory lock collides.
LOCK_NAMESPACE = 0x46454544  # "FEED"


def hold_client_lock(client):
    """Serialise one client's answers until the transaction ends, so that each one's count sees
    the answers stored before it: without it, answers posted at once all counted the same rows
    and all passed (15 at once stored 6 and more). An advisory lock on the client's hash, not a
    table lock: other clients never wait. Its second key is 32 bits of the HMAC; two clients
    that share them only wait for each other."""
    key = int(client[:8], 16) - 2**31  # a signed int4
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, key])


def is_limited(client):
    since = timezone.now() - WINDOW
    return Feedback.objects.filter(client_hash=client, created_at__gte=since).count() >= PER_WINDOW


def forget_old_hashes():
    """Blank the hashes the limit no longer needs (cheap: the partial index holds only the hour's)."""
    since = timezone.now() - WINDOW
    Feedback.objects.exclude(client_hash="").filter(created_at__lt=since).update(client_hash="")
