import os

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real guides from fixtures/."""
    with django_db_blocker.unblock():
        call_command("load_guides", verbosity=0)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole run."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, FLAGS

    # Playwright's sync API runs an event loop; Django must allow its ORM beside it in tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def guides(transactional_db):
    """Live-server tests flush the database after each test, so load the guides each time."""
    call_command("load_guides", verbosity=0)
