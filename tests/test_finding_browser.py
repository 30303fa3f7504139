"""The occupation catalogue, a search with occupations and a compare page with the projections
and O*NET skills, in a real headless Chromium at 390 and 1366 px: axe finds nothing, nothing
scrolls sideways, and the catalogue's filters work as a plain GET form without JavaScript."""

import pytest

from .browser import DESKTOP, PHONE, needs_chromium
from .test_browser import PageCheck

# These tests only read: the shipped guides, a wage subset and the committed projections and
# O*NET are written once for the module (conftest.read_only).
pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.usefixtures("read_only_site", "read_only_occupations"),
]

PAGES = [
    ("/occupations/", "occupation-catalogue"),
    ("/occupations/?strong=on&sort=growth", "occupation-catalogue-strong"),
    ("/guides/?q=CPA", "search-with-occupations"),
    ("/compare/?c=medical-manager&c=15-2051&c=15-1252", "compare-with-projections"),
]


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_catalogue_search_and_compare_are_accessible_and_fit(browser, live_server, viewport, size):
    for path, name in PAGES:
        check = PageCheck(browser, live_server, viewport)
        check.open(path)
        check.assert_clean(f"{name}-{size}")
        check.page.close()


def test_the_catalogue_filters_without_javascript(browser, live_server):
    """Ticking "Strong outlook only" and choosing a sort submits the plain GET form."""
    check = PageCheck(browser, live_server, PHONE)
    page = check.open("/occupations/")
    page.check("#id_strong")
    page.locator(".filters__more summary").click()
    page.select_option("#id_sort", "growth")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "strong=on" in page.url and "sort=growth" in page.url
    rows = page.locator(".occupation-table tbody th a")
    # Of the subset's five occupations, three have a strong outlook (by growth, most first).
    assert rows.all_inner_texts() == [
        "Data Scientists",
        "Medical and Health Services Managers",
        "Software Developers",
    ]
    assert not check.errors, check.errors
