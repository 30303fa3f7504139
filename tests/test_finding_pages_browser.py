"""Home, search, catalogue and category pages in a real headless Chromium (test_browser.PageCheck):
axe-clean, no sideways scrolling, no CSP violations, at phone and desktop widths."""

import pytest

from .browser import DESKTOP, PHONE, needs_chromium
from .factories import make_catalogue
from .test_browser import PageCheck

# These tests only read: the catalogue is written once for the module (conftest.read_only).
pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("catalogue")]


@pytest.fixture(scope="module")
def catalogue(read_only, django_db_blocker):
    with django_db_blocker.unblock():
        make_catalogue()


@pytest.mark.parametrize(
    "path, name",
    [
        ("/", "home"),
        ("/guides/?q=nurce", "search"),
        ("/guides/?category=healthcare&sort=pay", "catalogue"),
        ("/categories/technology/", "category"),
    ],
)
@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_finding_pages_are_accessible_and_fit(browser, live_server, path, name, viewport, size):
    """Home, search, catalogue and category pages pass axe at both sizes."""
    check = PageCheck(browser, live_server, viewport)
    check.open(path)
    check.assert_clean(f"{name}-{size}")
