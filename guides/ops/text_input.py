"""Refuse request text that no page can use, before any view can hand it to PostgreSQL or int().

NUL: PostgreSQL's text types cannot hold it (U+0000): psycopg raises DataError for any query that
passes one, so `/occupations/?q=%00` was a 500. Django's form fields refuse NUL, but views and the
API read query values and URL parts directly, and every new view would have to remember. This
middleware covers every view, the API and the admin: the path, query keys and values, form
fields, cookies (a quoted cookie may spell NUL as \\000, and the session cookie is looked up in
the database) and headers (django-axes stores some). Refused with a 400, not stripped: no link,
form or browser sends a NUL, so a request with one is a mistake or a probe, and silently dropping
the character would answer another question than the one asked ("data%00scientist" is not
"datascientist"). The 400 says what was wrong.

Overlong paths: gunicorn refuses request lines over 4,094 bytes, so in production no longer path
reaches the site; refusing them here too makes every server agree, and keeps a 10,000-digit id
away from int() (which refuses more than 4,300 digits: a 500 in django-reversion's recover page).
"""

from django.http import JsonResponse
from django.shortcuts import render

from guides.api.schemas import Error

NUL = "\x00"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_PATH = 4094  # gunicorn's limit_request_line


def _has_nul(pairs):
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


def where_nul(request):
    """The part of the request that holds a NUL, in words, or None."""
    if NUL in request.path_info:
        return "the address"
    if _has_nul(request.GET.lists()):
        return "the query string"
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return "a cookie"
    if any(NUL in value for key, value in request.META.items() if key.startswith("HTTP_")):
        return "a header"
    is_form = request.method == "POST" and request.content_type in FORMS
    if is_form and _has_nul(request.POST.lists()):
        return "the form"
    return None


def refuse(request, status, problem):
    if request.path_info.startswith("/api/"):
        response = JsonResponse(Error(detail=problem).model_dump(), status=status)
    else:
        response = render(request, "400.html", {"problem": problem}, status=status)
    response["Cache-Control"] = "no-cache"
    return response


class RefuseUnusableInputMiddleware:
    """Before the page cache and every view: nothing with a NUL or an overlong path gets further."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.path_info) > MAX_PATH:
            return refuse(request, 414, f"This address is longer than {MAX_PATH:,} characters.")
        where = where_nul(request)
        if where is not None:
            problem = f"There is a NUL character (%00) in {where}. No page uses one: remove it."
            return refuse(request, 400, problem)
        return self.get_response(request)
