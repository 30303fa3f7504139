"""The compare page in a real headless Chromium: axe-clean at 390 and 1366 px with no sideways
page scroll, printable, and reached from the catalogue and a guide page without JavaScript."""

import pytest

from .browser import DESKTOP, PHONE, SCREENSHOTS, needs_chromium
from .test_browser import PageCheck

# These tests only read: the shipped guides and a wage subset are written once for the module.
pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("read_only_site")]

# Two guides and an occupation without a guide, all in the browser tests' wage subset.
THREE = "/compare/?c=medical-manager&c=software-developer&c=15-2051"


@pytest.mark.parametrize(
    "path, name",
    [
        (THREE, "compare-three"),
        (f"{THREE}&state=ca", "compare-three-in-california"),
        ("/compare/?c=medical-manager&c=27-2011", "compare-hourly"),
        ("/compare/?c=medical-manager", "compare-choose"),
    ],
)
@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_compare_pages_are_accessible_and_fit(browser, live_server, path, name, viewport, size):
    """Zero axe violations, no sideways page scroll: wide tables scroll in their own box."""
    check = PageCheck(browser, live_server, viewport)
    check.open(path)
    check.assert_clean(f"{name}-{size}")


def test_tables_scroll_inside_their_box_on_a_phone(browser, live_server):
    """At 390 px the facts table is wider than the screen and scrolls within its region."""
    check = PageCheck(browser, live_server, PHONE)
    page = check.open(THREE)
    region = page.locator(".compare-scroll").last
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    assert region.get_attribute("tabindex") == "0"  # keyboard users can scroll it


def test_compare_prints_without_its_controls(browser, live_server):
    """In print the chart and every table column stay; the state picker and links to other
    comparisons go."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open(THREE)
    page.emulate_media(media="print")
    assert page.locator(".compare-chart__svg").is_visible()
    assert not page.locator(".compare__state").is_visible()
    region = page.locator(".compare-scroll").last
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth")
    page.pdf(path=SCREENSHOTS / "compare-three.pdf")


@pytest.mark.parametrize(
    "path, ticked, title",
    [
        ("/guides/?q=manager", ["Medical Manager", "Financial Manager"], "Financial Manager"),
        ("/occupations/", ["Data Scientists", "Actors"], "Data Scientists vs Actors"),
    ],
)
def test_compare_checkboxes_work_without_javascript(browser, live_server, path, ticked, title):
    """Ticking two items in the catalogue or the occupation list and pressing the button opens
    their comparison, with JavaScript off."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + path)
        for name in ticked:
            page.get_by_label(f"Compare {name}", exact=True).check()
        page.get_by_role("button", name="Compare ticked").click()
        page.wait_for_load_state("load")
        assert "/compare/?c=" in page.url
        assert title in page.locator("h1").inner_text()
        assert page.title().startswith("Compare ")
    finally:
        context.close()


def test_compare_button_follows_the_reader_once_a_box_is_ticked(browser, live_server):
    """Until a box is ticked the button waits after the list and covers no card; then it stays
    at the bottom of the window while the reader scrolls on to tick another."""
    check = PageCheck(browser, live_server, PHONE)
    page = check.open("/occupations/")
    bar = page.locator(".compare-bar")
    assert bar.evaluate("bar => getComputedStyle(bar).position") == "static"
    page.get_by_label("Compare Actors", exact=True).check()
    assert bar.evaluate("bar => getComputedStyle(bar).position") == "sticky"
    # Back to the top of the list, whose end (the bar's own place) is then out of sight: the
    # window is made short, as the test data's list is.
    page.set_viewport_size({"width": PHONE["width"], "height": 400})
    bar.evaluate("bar => bar.parentElement.scrollIntoView()")
    page.screenshot(path=SCREENSHOTS / "compare-bar-ticked-phone.png")
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(400, abs=1)  # in sight, at the bottom


def test_guide_page_compare_with_a_related_role(browser, live_server):
    """On a guide, ticking a related role and pressing Compare opens the two side by side."""
    check = PageCheck(browser, live_server, PHONE)
    page = check.open("/guides/medical-manager/")
    page.locator(".compare-with").get_by_label("Registered Nurse").check()
    page.locator(".compare-with").get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Medical Manager vs Registered Nurse"
    assert not check.errors, check.errors
