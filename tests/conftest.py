import os

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from reversion.models import Revision

from guides.loading import load
from guides.models import Category, Guide


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: pages cached by another test show other data."""
    cache.clear()


@pytest.fixture(scope="module")
def shipped_guides(django_db_setup, django_db_blocker):
    """The guides of fixtures/, for the tests about that content only: loaded once for the module
    that asks, and removed after it, so every other test owns its data."""
    with django_db_blocker.unblock():
        load()
    yield
    with django_db_blocker.unblock():
        Guide.objects.all().delete()
        Category.objects.all().delete()
        Revision.objects.all().delete()


@pytest.fixture
def editor(client, db):
    """A signed-in member of the Editors group (staff, not a superuser)."""
    user = User.objects.create_user("eddie", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def publisher(editor):
    """The signed-in editor, also in the Publishers group (may publish and unpublish)."""
    editor.groups.add(Group.objects.get(name="Publishers"))
    return editor


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
