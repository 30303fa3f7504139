"""`make test` runs each module's tests on one pytest-xdist worker, and the modules that share the
private Redis together (tests/conftest.py). pytest-xdist carries a test's group in its id; had that
been lost (as it is with pytest 9.2, pytest-xdist#1386), the groups would be ignored without a word:
Redis modules would flush each other's pages and module-scoped data would be made on every worker."""

import pytest


def test_this_module_runs_as_one_group(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run with --dist loadgroup (make test runs it so)")
    assert request.node.nodeid.endswith("@tests.test_parallel_groups")
