"""The review screens in a real Chromium at 1366 px: an editor's change to a published guide
saved as a draft and submitted, the publisher's desk and review page, a send-back, and the guide
as the editor then sees it. Screenshots go to test-artifacts/screenshots/."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from .browser import DESKTOP, SCREENSHOTS, needs_chromium
from .factories import make_full_guide, make_guide

pytestmark = [pytest.mark.browser, needs_chromium]
PASSWORD = "a-Long-enough-passw0rd"


def signed_in(browser, live_server, name, *groups):
    user = User.objects.create_user(
        name, email=f"{name}@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(*(Group.objects.get(name=group) for group in groups))
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.server_errors = []
    page.on("response", lambda r: r.status >= 500 and page.server_errors.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.server_errors.append(m.text))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return page


def shot(page, name, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def test_an_editor_submits_a_change_and_a_publisher_sends_it_back(
    browser, live_server, transactional_db
):
    guide = make_full_guide(slug="clinic-manager")
    make_guide(title="Old Guide", slug="old-guide")  # never reviewed: on the desk
    editor = signed_in(browser, live_server, "edna", "Editors")
    editor.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/change/")
    editor.fill("#id_summary", "Clinic managers run the business side of a clinic.")
    editor.fill("#id_change_note", "Summary rewritten.")
    editor.click("input[name=_continue]")
    expect(editor.locator("body")).to_contain_text("Saved as a draft")  # once the next page is in
    editor.click("text=Submit for review")
    editor.fill("#id_message", "Clearer summary; please check the pay figures too.")
    editor.click("button:has-text('Submit for review')")
    expect(editor.locator("body")).to_contain_text("Submitted for review")
    shot(editor, "workflow-review-submitted-1366")

    publisher = signed_in(browser, live_server, "pablo", "Editors", "Publishers")
    publisher.goto(f"{live_server.url}/admin/")
    desk = publisher.locator(".desk__panel--waiting")
    assert "Clinic Manager" in desk.inner_text()
    shot(publisher, "workflow-desk-1366")
    desk.get_by_role("link", name="Clinic Manager").click()
    expect(publisher.locator("body")).to_contain_text("please check the pay figures")
    shot(publisher, "workflow-review-publisher-1366")
    publisher.fill("#id_comment", "The summary should say who they report to.")
    publisher.click("button:has-text('Send back to the editor')")
    expect(publisher.locator("body")).to_contain_text("Sent back to the editor")

    editor.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/change/")
    panel = editor.locator(".review-panel")
    assert "Sent back for changes" in panel.inner_text()
    assert "who they report to" in panel.inner_text()
    shot(editor, "workflow-sent-back-guide-1366", full_page=False)
    editor.goto(f"{live_server.url}/admin/guides/guide/{guide.pk}/preview/")
    assert "Clinic managers run the business side" in editor.content()
    assert not editor.server_errors and not publisher.server_errors
