"""Requests answered before the rest of the stack, and a friendly 503 when the database fails."""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

from .views import healthz

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE when statement_timeout stops a query


class HealthCheckMiddleware:
    """Answer /healthz ahead of everything, first in MIDDLEWARE: before the HTTPS redirect, which
    would give a load balancer's plain-HTTP probe a 301, and before host validation, which would
    refuse a probe that sends the balancer's own IP as Host. It says ok or unavailable, nothing else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # OperationalError covers "connection refused", "server closed the connection" and a query
        # cancelled by the statement timeout; InterfaceError a connection that died between
        # requests. Other database errors are bugs.
        if isinstance(exception, (OperationalError, InterfaceError)):
            if getattr(exception.__cause__, "sqlstate", None) == QUERY_CANCELED:
                logger.error("Query cancelled by the statement timeout: %s", request.path)
            else:
                logger.error("Database unavailable: %s", exception)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            response.database_unavailable = True  # the page cache may answer with a stale copy
            return response
        return None
