"""Occupation pages and the guide's state picker in a real headless Chromium: axe-clean, no
sideways scrolling at 390 px, the map readable in print, the picker working without JavaScript."""

import pytest

from .browser import DESKTOP, PHONE, SCREENSHOTS, needs_chromium
from .test_browser import PageCheck

# These tests only read: the shipped guides and a wage subset are written once for the module.
pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("read_only_site")]


@pytest.mark.parametrize(
    "path, name",
    [
        ("/occupations/11-9111/", "occupation"),
        ("/occupations/11-9111/ca/", "occupation-state"),
        ("/occupations/?q=data", "occupation-list"),
        ("/occupations/27-2011/ny/?sort=-median", "occupation-hourly-state"),
        ("/guides/medical-manager/?state=ca", "guide-with-state"),
    ],
)
@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_occupation_pages_are_accessible_and_fit(browser, live_server, path, name, viewport, size):
    """Every occupation page passes axe with zero violations and never scrolls sideways."""
    check = PageCheck(browser, live_server, viewport)
    check.open(path)
    check.assert_clean(f"{name}-{size}")


def test_map_tiles_are_links_with_names_and_the_table_is_their_text(browser, live_server):
    """Each of the 51 tiles is a link named by its state and median; the table repeats them."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open("/occupations/11-9111/")
    tiles = page.locator(".state-map__svg a")
    assert tiles.count() == 51
    california = page.locator('.state-map__svg a[aria-label="CA, California: median $141,480"]')
    california.click()
    page.wait_for_load_state()
    assert page.url.endswith("/occupations/11-9111/ca/")
    assert "$141,480" in page.locator("h1 + .lede").inner_text()


def test_map_prints_with_its_shades(browser, live_server):
    """In print the map and legend stay, the state picker goes."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open("/occupations/11-9111/")
    page.emulate_media(media="print")
    assert page.locator(".state-map__svg").is_visible()
    assert page.locator(".state-map__legend").is_visible()
    assert not page.locator(".state-picker").is_visible()
    page.pdf(path=SCREENSHOTS / "occupation-11-9111.pdf")


def test_guide_state_picker_works_without_javascript(browser, live_server):
    """Choosing a state on a guide submits a plain GET form and shows that state's band."""
    check = PageCheck(browser, live_server, PHONE)
    page = check.open("/guides/medical-manager/")
    page.select_option("#guide-state", "ca")
    page.locator(".state-picker button").click()
    page.wait_for_load_state()
    assert "state=ca" in page.url
    assert "$141,480" in page.locator("#salary").inner_text()
    assert not check.errors, check.errors
