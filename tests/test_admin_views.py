"""The admin's own pages: the Markdown preview."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
PREVIEW = reverse("admin:guides_guide_preview_markdown")


def test_markdown_preview_uses_the_public_rendering(client, editor):
    """The preview is the page's own sanitised Markdown."""
    response = client.post(PREVIEW, {"text": "Some *words* <script>x()</script>"})
    assert response.json()["html"] == "<p>Some <em>words</em> x()</p>"


def test_markdown_preview_is_for_signed_in_staff_and_posts_only(client, editor):
    """A GET is refused; a visitor who is not signed in is sent to the login page."""
    assert client.get(PREVIEW).status_code == 405
    client.logout()
    response = client.post(PREVIEW, {"text": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
