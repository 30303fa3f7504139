"""The API's docs page in a real headless Chromium: axe-clean, no sideways scrolling, no CSP
violations or third-party requests, at phone and desktop widths."""

import pytest

from .browser import DESKTOP, PHONE, needs_chromium
from .test_browser import PageCheck

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_api_docs_page_is_accessible_and_fits(browser, live_server, viewport, size):
    check = PageCheck(browser, live_server, viewport)
    page = check.open("/api/v1/docs")
    assert page.locator("h1").inner_text().startswith("Career Guide API")
    assert page.locator("section.api-operation").count() == 5
    check.assert_clean(f"api-docs-{size}")
