"""The feedback rate limit holds under real concurrency: answers posted at once from one address,
each from its own thread and PostgreSQL connection, store exactly the limit."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from guides.feedback.limits import PER_WINDOW
from guides.feedback.models import Feedback

from .factories import make_guide

AT_ONCE = 15


def post_at_once(url, address):
    """AT_ONCE posts released together, each thread already connected to the database."""
    ready = threading.Barrier(AT_ONCE)
    statuses = []

    def post():
        try:
            connection.ensure_connection()
            ready.wait(timeout=30)
            statuses.append(Client(REMOTE_ADDR=address).post(url, {"useful": "yes"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_answers_posted_at_once_from_one_address_store_exactly_the_limit():
    guide = make_guide(slug="busy-guide")
    url = reverse("feedback:submit", args=[guide.slug])
    # Three bursts from three addresses: without the lock, one burst alone sometimes kept to it.
    addresses = ["203.0.113.10", "203.0.113.11", "2001:db8::1"]
    for address in addresses:
        statuses = post_at_once(url, address)
        assert statuses == [303] * PER_WINDOW + [429] * (AT_ONCE - PER_WINDOW), address
    assert Feedback.objects.count() == PER_WINDOW * len(addresses)
