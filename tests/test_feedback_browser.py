"""The "Was this useful?" form in a real Chromium: axe-clean at phone and desktop widths, strict
CSP (no console errors), and answering it leaves no cookie in the browser."""

import pytest

from guides.feedback.models import Feedback

from . import test_browser
from .browser import DESKTOP, PHONE, SCREENSHOTS, needs_chromium
from .factories import make_full_guide

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_reader_answers_and_is_thanked_without_cookies(browser, live_server, viewport, size):
    guide = make_full_guide(slug="clinic-manager")
    check = test_browser.PageCheck(browser, live_server, viewport)
    page = check.open(guide.get_absolute_url())
    assert not page.locator("#id_website").is_visible()  # the honeypot
    page.locator("#feedback").screenshot(path=SCREENSHOTS / f"feedback-form-{size}.png")

    # Sent without an answer: the page explains, keeps the comment, and is accessible too.
    page.fill("#id_comment", "More about night shifts, please.")
    page.click("#feedback button[type=submit]")
    page.wait_for_load_state()
    assert "Choose yes or no." in page.locator("#feedback").inner_text()
    assert page.input_value("#id_comment") == "More about night shifts, please."
    check.failed.clear()  # the 400 response itself counts as a console error
    check.errors.clear()
    check.assert_clean(f"feedback-problem-{size}")

    page.check("#id_useful_0")
    page.click("#feedback button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Thank you"
    check.assert_clean(f"feedback-thanks-{size}")
    assert page.context.cookies() == []
    assert Feedback.objects.get().comment == "More about night shifts, please."

    page.click("text=Back to the Clinic Manager guide")
    assert page.url == live_server.url + guide.get_absolute_url()
