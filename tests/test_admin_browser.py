"""An editor reorders rows with the mouse in a real Chromium, saves, and the new order is kept."""

import pytest
from django.contrib.auth.models import Group, User

from .browser import DESKTOP, SCREENSHOTS, needs_chromium
from .factories import make_full_guide

pytestmark = [pytest.mark.browser, needs_chromium]

PASSWORD = "a-Long-enough-passw0rd"
# (inline prefix, related name, the element adminsortable2 drags a row by)
DRAGGABLE = [
    ("career_tiers", "career_tiers", "tbody tr.has_original td.original p"),
    ("faqs", "faqs", ".inline-related.has_original h3"),
    ("salary_bands", "salary_bands", ".inline-related.has_original h3"),
]


def test_dragging_a_tier_a_faq_and_a_band_saves_the_new_order(
    browser, live_server, transactional_db
):
    """Mouse drag and drop of the second row above the first, in three inlines, then one save."""
    user = User.objects.create_user("dora", password=PASSWORD, is_staff=True)
    # A publisher: their saves of a published guide go live (an editor's wait as a draft).
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
    guide = make_full_guide(slug="clinic-manager")
    before = {
        related: list(getattr(guide, related).values_list("pk", flat=True))
        for _, related, _ in DRAGGABLE
    }
    # Tall enough that two stacked salary bands fit on screen: a drag must not need to scroll.
    context = browser.new_context(viewport={**DESKTOP, "height": 2000})
    page = context.new_page()
    server_errors = []
    page.on("response", lambda r: r.status >= 500 and server_errors.append(r.url))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "dora")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/change/")
    for prefix, _, handle in DRAGGABLE:
        handles = page.locator(f"#{prefix}-group {handle}")
        handles.nth(0).evaluate("element => element.scrollIntoView()")
        handles.nth(1).drag_to(handles.nth(0))
    page.screenshot(path=SCREENSHOTS / "admin-after-drag.png", full_page=False)
    page.fill("#id_change_note", "Tiers, questions and pay bands reordered.")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .errornote").all_inner_texts()
    assert "was changed successfully" in page.content(), errors
    context.close()
    assert not server_errors
    for _, related, _ in DRAGGABLE:
        after = list(getattr(guide, related).values_list("pk", flat=True))
        expected = [before[related][1], before[related][0], *before[related][2:]]
        assert after == expected, related


def test_saving_an_untouched_guide_in_chromium_changes_nothing(
    browser, live_server, transactional_db
):
    """A browser posts textareas with CRLF line breaks; the saved guide must stay byte-identical
    to what was there (else every save looks like an edit to the next load)."""
    from guides.exporting import guides_for_export
    from guides.fixture_format import saved_guide_to_data

    user = User.objects.create_user("sam", password=PASSWORD, is_staff=True)
    # A publisher: their saves of a published guide go live (an editor's wait as a draft).
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
    guide = make_full_guide(slug="clinic-manager", overview="First paragraph.\n\nSecond one.")

    def data():
        return saved_guide_to_data(guides_for_export().get(pk=guide.pk))

    before = data()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "sam")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/change/")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert "was changed successfully" in page.content()
    context.close()
    assert data() == before
