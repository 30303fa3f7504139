"""Schemathesis over the whole API, driven by its OpenAPI document (what /api/v1/openapi.json
serves): generated valid and invalid parameters for every operation, each answer checked against
the document (status codes, content types, schemas, headers) and never a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from guides.api.views import _schema as openapi_document  # what the openapi.json view serves

# Loaded from the view's own function rather than through a request: collection may not touch the
# database (the page cache would), and schemathesis's fixture loader does not run on pytest 9.
# No NUL in generated text: the site refuses it everywhere by design (a 400, guides/ops/text_input.py,
# tested by test_no_server_errors.py), which a document's string type cannot express.
config = schemathesis.Config.from_dict({"generation": {"allow-x00": False}})
schema = schemathesis.openapi.from_dict(openapi_document(), config=config)
schema.app = get_wsgi_application()  # requests go through Django's whole stack, in process


@pytest.fixture
def requests_keep_the_transaction(sample_site, db):
    """Django's WSGI handler closes the database connection around each request, as a server
    must, which would end the test's transaction: Django's test client disconnects the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure in CI reproduces locally
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_to_its_document(requests_keep_the_transaction, case):
    # The guide list's filters are the catalogue form's, documented in words (choices, ranges, a
    # category's slug, which is data the document cannot list) and typed as text: a value the
    # form refuses is a 400 naming it (README: strict parameters) though it fits the type.
    form_checked = case.path == "/api/v1/guides"
    # Plain bodies: the page cache answers repeats compressed when asked, and the test client
    # would not decompress them.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[positive_data_acceptance] if form_checked else [],
    )
