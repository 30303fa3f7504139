import os

import pytest
from django.core.management import call_command

# Medical and health services managers (the seed guide), software developers, data scientists,
# actors (hourly pay only) and anesthesiologists (top-coded pay).
BROWSER_OCCUPATIONS = ["119111", "151252", "152051", "272011", "291211"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real guides from fixtures/ and the real bundled
    OEWS release."""
    with django_db_blocker.unblock():
        call_command("load_guides", verbosity=0)
        call_command("import_wages", verbosity=0)


@pytest.fixture(scope="session")
def wages_subset(tmp_path_factory):
    """The real release cut down to the occupations the browser tests visit."""
    from guides.wages.sources import open_source
    from guides.wages.testing import write_subset

    source = open_source()  # keeps the unpacked copy until the subset is written
    path = tmp_path_factory.mktemp("oews") / "subset.sqlite"
    return write_subset(source.database_path(), path, BROWSER_OCCUPATIONS)


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
def guides(transactional_db, wages_subset):
    """Live-server tests flush the database after each test, so load the guides (and a few
    occupations of the real wage release) each time."""
    call_command("load_guides", verbosity=0)
    call_command("import_wages", "--from", str(wages_subset), verbosity=0)
