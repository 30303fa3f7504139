from django.urls import path, re_path

from guides.page_cache import public_page

from . import views
from .api import api

app_name = "api"

# Every answer is public data about guides and wages: the page cache keeps successful ones like
# pages (tag: the guide lists, bumped by any guide change; the site tag by a wage import).
cached = public_page()


def cached_pattern(pattern):
    pattern.callback = cached(pattern.callback)
    return pattern


# Our index, document and docs first; then ninja's endpoints; then a JSON 404 for the rest.
urlpatterns = [
    path("", cached(views.index), name="index"),
    path("openapi.json", cached(views.openapi), name="openapi"),
    path("docs", cached(views.docs), name="docs"),
    *(cached_pattern(pattern) for pattern in api.urls[0]),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
