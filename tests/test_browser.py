"""Pages in a real headless Chromium: accessibility (axe-core), layout at phone and desktop widths,
no third-party requests, no CSP violations. Screenshots land in test-artifacts/screenshots/."""

import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from guides.models import ChangeNote

from .browser import DESKTOP, PHONE, SCREENSHOTS, needs_chromium
from .factories import make_full_guide, make_guide

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]

# Landmark roles as Chromium's accessibility tree names them, and a line of its ARIA snapshot
# (`- search "Search the site":`) giving one landmark's role and accessible name.
LANDMARKS = "banner|complementary|contentinfo|main|navigation|region|search|form"
LANDMARK_LINE = re.compile(rf'^\s*- ({LANDMARKS})(?: "((?:[^"\\]|\\.)*)")?:?\s*$', re.M)


def duplicate_landmarks(page):
    """Landmarks sharing a role and accessible name (named or not). axe 4.12's landmark-unique
    skips forms without a name, so two unnamed search forms pass it; axe 4.14 and screen-reader
    users do not."""
    found = Counter(LANDMARK_LINE.findall(page.locator("body").aria_snapshot()))
    return [landmark for landmark, count in found.items() if count > 1]


class PageCheck:
    """A page opened at a size, recording failed requests and console errors (CSP included)."""

    def __init__(self, browser, live_server, viewport):
        self.page = browser.new_page(viewport=viewport)
        self.live_server = live_server
        self.failed, self.errors, self.foreign = [], [], []
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        self.page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((live_server.url, "data:"))
                else self.foreign.append(request.url)
            ),
        )

    def open(self, path):
        """The page once loaded: its styles, scripts and images, all served by the site (pages
        fetch nothing after that, so waiting for the network to idle added 0.5 s a page)."""
        response = self.page.goto(self.live_server.url + path, wait_until="load")
        assert response.status == 200
        return self.page

    def assert_clean(self, name):
        page = self.page
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        assert not self.failed, self.failed
        assert not self.errors, self.errors
        assert not self.foreign, self.foreign
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling"
        assert not duplicate_landmarks(page), duplicate_landmarks(page)
        results = Axe().run(
            page,
            options={
                # Experimental in axe 4.12, on by default in 4.14: a link's visible text must be
                # part of its accessible name (voice-control users say what they see).
                "rules": {"label-content-name-mismatch": {"enabled": True}},
                # Violations only: the passing nodes of a long page took half its time to report.
                "resultTypes": ["violations"],
                "runOnly": {
                    "type": "tag",
                    "values": [
                        "wcag2a",
                        "wcag2aa",
                        "wcag21a",
                        "wcag21aa",
                        "wcag22aa",
                        "best-practice",
                    ],
                },
            },
        )
        assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def full_guide():
    """A guide with every section filled, shaped like the seed (three salary bands)."""
    return make_full_guide(slug="clinic-manager")


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_full_guide_is_accessible_and_fits(browser, live_server, full_guide, viewport, size):
    """A guide with every section passes axe with zero violations and never scrolls sideways."""
    check = PageCheck(browser, live_server, viewport)
    page = check.open(full_guide.get_absolute_url())
    assert page.locator("h1").count() == 1
    assert page.locator("svg.band__chart").count() == 3
    check.assert_clean(f"guide-full-{size}")


def test_guide_with_every_optional_part_empty_is_accessible(browser, live_server):
    """A bare guide still passes axe: no empty headings, no broken landmarks."""
    guide = make_guide(title="Bare occupation")
    check = PageCheck(browser, live_server, DESKTOP)
    check.open(guide.get_absolute_url())
    check.assert_clean("guide-empty-desktop")


def test_skip_link_and_focus_are_visible(browser, live_server, full_guide):
    """Keyboard users land on the skip link first and it moves focus to the content."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open(full_guide.get_absolute_url())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_print_hides_navigation(browser, live_server, full_guide):
    """The print stylesheet drops navigation and shares, and keeps the figures."""
    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open(full_guide.get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".toc").is_visible()
    assert not page.locator(".share").is_visible()
    assert page.locator("#salary").is_visible()
    page.pdf(path=SCREENSHOTS / "guide-full.pdf")


def test_editor_changes_a_salary_figure_and_sees_it_live(browser, live_server, full_guide):
    """An editor who may publish signs in, previews an FAQ answer's Markdown, edits the
    estimate's median, saves, and the public page shows the new figure. (An editor who may not
    publish saves a draft instead: tests/test_workflow*.py.)"""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("edna", password="a-Long-enough-passw0rd", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
    guide = full_guide

    check = PageCheck(browser, live_server, DESKTOP)
    page = check.open("/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "a-Long-enough-passw0rd")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/change/")
    # An FAQ answer is Markdown too: its preview renders it as the page will.
    page.fill("#id_faqs-0-answer", "Some *new* words")
    page.locator("#id_faqs-0-answer + .markdown-preview-button").click()
    assert page.locator("#id_faqs-0-answer ~ .markdown-preview em").inner_text() == "new"
    page.fill("#id_salary_bands-0-median", "107500")
    page.fill("#id_salary_bands-0-mid", "107500")
    page.fill("#id_change_note", "Estimate's median raised to $107,500.")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .errornote").all_inner_texts()
    assert "was changed successfully" in page.content(), errors
    page.screenshot(path=SCREENSHOTS / "admin-after-save.png")
    page.goto(f"{live_server.url}{guide.get_absolute_url()}")
    assert "$107,500" in page.locator("#at-a-glance").inner_text()
    assert "Estimate's median raised to $107,500." in page.locator("#changes").inner_text()
    assert not check.errors, check.errors


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_change_log_is_accessible_and_fits(browser, live_server, full_guide, viewport, size):
    """The page's "What changed" section and the guide's full change log pass axe at both sizes."""
    ChangeNote.objects.create(
        guide=full_guide,
        note="Pay figures updated to the newest survey, and the salary section "
        "now says which year each figure describes.",
    )
    check = PageCheck(browser, live_server, viewport)
    page = check.open(full_guide.get_absolute_url())
    page.locator("#changes").screenshot(path=SCREENSHOTS / f"changes-section-{size}.png")
    page.click("#changes a[href$='/changes/']")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "What changed in the Clinic Manager guide"
    check.assert_clean(f"changes-page-{size}")
