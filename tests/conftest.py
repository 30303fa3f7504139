import gc
import os
import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from guides.loading import load
from guides.models import Category, Guide

from .snapshots import empty, import_once


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """`make test` runs modules in parallel (pytest-xdist, --dist loadgroup): each module's tests
    stay on one worker, so its module-scoped data (real_wages, read_only_site...) is made once and
    no other test runs beside it in that worker's database. A module that shares something outside
    its database with another (the private Redis) names a group of its own: xdist_group("redis").
    A module joins that group by itself when it holds test_page_cache's REDIS_URL or any of its
    tests uses the `page_cache` fixture (run against Redis too): a flush there reaches every
    tracking client, whichever database it reads."""
    shares_redis = {
        item.module
        for item in items
        if hasattr(item.module, "REDIS_URL") or "page_cache" in getattr(item, "fixturenames", ())
    }
    for item in items:
        if not item.get_closest_marker("xdist_group"):
            group = "redis" if item.module in shares_redis else item.module.__name__
            item.add_marker(pytest.mark.xdist_group(group))


class LongestFirst:
    """The longest groups first, each group's tests in the order pytest-django gave them
    (scripts/test.sh keeps this order with --no-loadscope-reorder). xdist sent groups in order of
    their number of tests, and pytest-django puts live-server tests last: the run ended with one
    worker busy for a minute (the README's commands, the browser modules) and the others idle."""

    # Roughly how long a test of each mark takes; any other test, about a second.
    SECONDS = {"heavy": 45, "browser": 8}

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        groups = {}
        for item in items:
            groups.setdefault(item.get_closest_marker("xdist_group").args[0], []).append(item)
        items[:] = [
            item
            for group in sorted(groups.values(), key=self.estimated_seconds, reverse=True)
            for item in group
        ]

    def estimated_seconds(self, items):
        return sum(
            max(
                (self.SECONDS[m.name] for m in item.iter_markers() if m.name in self.SECONDS),
                default=1,
            )
            for item in items
        )


def pytest_configure(config):
    config.pluginmanager.register(LongestFirst(), "longest-first")


def pytest_collection_finish(session):
    """What collection imported (Django, the apps, every test module: some 150,000 objects) lives
    for the whole run. Frozen, it is no longer scanned by each full garbage collection: on five
    modules in 3 workers, collections took 12 s instead of 22 s of 120 s."""
    gc.freeze()


def statement_timeout(value):
    """Set the statement timeout of the test database's next connections (the site's is 5 s)."""
    options = connection.settings_dict["OPTIONS"]
    options["options"] = re.sub(
        r"statement_timeout=\S+", f"statement_timeout={value}", options["options"]
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook before it creates the test database (this process's, with the
    pytest-xdist suffix): CREATE and DROP DATABASE can take over 5 s on a busy machine, so the
    test database is made, and dropped, without the site's statement timeout."""
    statement_timeout("0")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's, then the tests run under the site's statement timeout; at the end the
    connections other threads (the live server's) left idle are closed, or the drop would fail."""
    statement_timeout(f"{settings.STATEMENT_TIMEOUT}s")
    connection.close()  # the next one gets the timeout
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    statement_timeout("0")
    connection.close()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: pages cached by another test show other data."""
    cache.clear()


def flush():
    """Empty every table as transactional_db does after a test (tests/database/ makes it quick)."""
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)


@pytest.fixture(scope="module")
def shipped_guides(django_db_setup, django_db_blocker):
    """The guides of fixtures/, for the tests about that content only: loaded once for the module
    that asks, and removed after it (with everything else, as transactional_db ends a test), so
    every other test owns its data."""
    with django_db_blocker.unblock():
        load()
    yield
    with django_db_blocker.unblock():
        flush()


@contextmanager
def no_statement_timeout():
    """As manage.py does for every command: the site's statement timeout is for pages, and
    importing or deleting a whole release (236,799 rows) can outlast it on a busy machine."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


@pytest.fixture(scope="session")
def snapshot_folder(tmp_path_factory):
    """A folder all of this run's workers share (tests/snapshots.py): pytest-xdist gives each
    worker a temporary folder of its own inside the run's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def imported(label, command, folder):
    """App `label`'s real data set, written by `command` once per run (tests/snapshots.py)."""
    with no_statement_timeout():
        import_once(label, lambda: call_command(command, verbosity=0), folder)


@pytest.fixture(scope="module")
def real_wages(django_db_setup, django_db_blocker, snapshot_folder):
    """The real bundled OEWS May 2025 release, for the tests about it: there for the module that
    asks, and removed after it."""
    with django_db_blocker.unblock():
        imported("wages", "import_wages", snapshot_folder)
    yield
    with django_db_blocker.unblock():
        empty("wages")


@pytest.fixture(scope="session")
def wages_subset(tmp_path_factory):
    """The real release cut down to the occupations the browser tests visit: medical and health
    services managers (the seed guide), software developers, data scientists, actors (hourly
    pay only) and anesthesiologists (top-coded pay in some areas)."""
    from guides.wages.sources import open_source
    from guides.wages.testing import write_subset

    source = open_source()  # keeps the unpacked copy until the subset is written
    path = tmp_path_factory.mktemp("oews") / "subset.sqlite"
    occupations = ["119111", "151252", "152051", "272011", "291211"]
    return write_subset(source.database_path(), path, occupations)


@pytest.fixture(scope="module")
def read_only(django_db_setup, django_db_blocker):
    """For a module of live-server tests that only read: what its module-scoped fixtures (each
    asking for this one) write stays for all its tests, rather than being written for each test
    and flushed after each as transactional_db would, and is flushed after the module."""
    yield
    with django_db_blocker.unblock():
        flush()


@pytest.fixture(scope="module")
def read_only_site(read_only, django_db_blocker, wages_subset):
    """The shipped guides and a few occupations of the real wage release (wages_subset), for a
    module of live-server tests that only read them (see read_only)."""
    with django_db_blocker.unblock():
        load()
        call_command("import_wages", "--from", str(wages_subset), verbosity=0)


@pytest.fixture(scope="module")
def read_only_occupations(read_only, django_db_blocker, snapshot_folder):
    """The committed projections and O*NET, for a module of live-server tests that only read
    them (see read_only)."""
    with django_db_blocker.unblock():
        imported("occupations", "import_occupations", snapshot_folder)


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's fixture of this name (replaced here): it gives every live-server test
    transactional_db, except that a test of a read_only module gets its database unblocked
    instead, so that no flush removes the module's data between its tests."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if "read_only" in request.fixturenames:
        blocker = request.getfixturevalue("django_db_blocker")
        blocker.unblock()
        request.addfinalizer(blocker.restore)
    else:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


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


@pytest.fixture
def people(db):
    """Signed-in clients of an editor (edna) and a publisher (pablo), both with email addresses."""
    from .admin_pages import person

    return person("edna", "Editors")[1], person("pablo", "Editors", "Publishers")[1]


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


@pytest.fixture(autouse=True)
def _close_pages(request):
    """After a browser test, its pages close (most tests leave theirs open): twenty long pages
    left open held several GB in Chromium by the end of a worker's run."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


@pytest.fixture(scope="module")
def real_occupations(django_db_setup, django_db_blocker, snapshot_folder):
    """The committed BLS Employment Projections and O*NET extracts, for the tests about them:
    there for the module that asks, and removed after it."""
    with django_db_blocker.unblock():
        imported("occupations", "import_occupations", snapshot_folder)
    yield
    with django_db_blocker.unblock():
        empty("occupations")


@pytest.fixture(scope="module")
def sample_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A published guide ("walk-guide", SOC 11-9111) with a revision and feedback, its category
    ("walk-category"), the sample wage release and a superuser ("walker"): rows for the tests that
    walk every address to reach. Made once for the module that asks, removed after it; yields the
    rows' ids (as the admin's addresses spell them)."""
    import reversion
    from reversion.models import Version

    from guides.feedback.models import Feedback
    from guides.wages.models import Release
    from guides.wages.testing import write_sqlite

    from .factories import make_category, make_full_guide

    with django_db_blocker.unblock(), no_statement_timeout():
        category = make_category(slug="walk-category", name="Walk")
        guide = make_full_guide(slug="walk-guide", category=category)
        with reversion.create_revision():
            guide.save()  # a version for the admin's history and recover pages
        feedback = Feedback.objects.create(guide=guide, useful=True, comment="Clear.")
        sample = write_sqlite(tmp_path_factory.mktemp("oews") / "oews.sqlite")
        call_command("import_wages", "--from", str(sample), verbosity=0)
        walker = User.objects.create_superuser("walker", password="x")
        ids = [guide.pk, category.pk, feedback.pk, walker.pk]
        ids += Version.objects.get_for_object(guide).values_list("pk", flat=True)
    yield [str(pk) for pk in ids]
    with django_db_blocker.unblock(), no_statement_timeout():
        Guide.objects.filter(category__slug="walk-category").delete()  # with its related roles
        Category.objects.filter(slug="walk-category").delete()
        Release.objects.all().delete()
        User.objects.filter(username="walker").delete()
