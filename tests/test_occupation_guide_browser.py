"""The occupation page as a guide in a real headless Chromium: axe finds nothing on electricians,
registered nurses and the occupation list at 390 and 1366 px, nothing scrolls sideways, and the
page prints without its pickers and with every task (screenshots in test-artifacts/)."""

import pytest
from django.core.management import call_command

from .browser import DESKTOP, PHONE, SCREENSHOTS, needs_chromium
from .test_browser import PageCheck

# These tests only read: the data is written once for the module (conftest.read_only).
pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.usefixtures("data")]


@pytest.fixture(scope="module")
def subset(tmp_path_factory):
    """The real OEWS release cut down to electricians, registered nurses and a few of their
    related occupations (lighting technicians, plumbers, nurse practitioners)."""
    from guides.wages.sources import open_source
    from guides.wages.testing import write_subset

    source = open_source()
    path = tmp_path_factory.mktemp("oews") / "subset.sqlite"
    occupations = ["472111", "291141", "274015", "472152", "291171"]
    return write_subset(source.database_path(), path, occupations)


@pytest.fixture(scope="module")
def data(read_only, django_db_blocker, subset, read_only_occupations):
    with django_db_blocker.unblock():
        call_command("import_wages", "--from", str(subset), verbosity=0)


def test_occupation_guides_and_the_list_are_accessible_and_fit(browser, live_server):
    """Zero axe violations (label-content-name-mismatch and unique landmarks included), no
    sideways scrolling, on both occupation pages and the list, at phone and desktop widths."""
    for path, name in [
        ("/occupations/47-2111/", "guide-47-2111"),
        ("/occupations/29-1141/", "guide-29-1141"),
        ("/occupations/", "occupation-list"),
    ]:
        for viewport, size in [(PHONE, "phone"), (DESKTOP, "desktop")]:
            check = PageCheck(browser, live_server, viewport)
            check.open(path)
            check.assert_clean(f"{name}-{size}")
            check.page.close()


def test_the_rest_of_the_tasks_opens_without_javascript_and_prints(browser, live_server):
    """The tasks past the first six are one click away in a <details>; in print they show."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open("/occupations/47-2111/")
    last_task = page.locator("#what details .tasks li").last
    assert not last_task.is_visible()
    page.locator("#what details summary").first.click()
    assert last_task.is_visible()
    page.reload()
    page.emulate_media(media="print")
    assert last_task.is_visible()
    assert not page.locator(".page-contents").is_visible()
    page.pdf(path=SCREENSHOTS / "occupation-guide-47-2111.pdf")
