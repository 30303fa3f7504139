from django.urls import path, re_path

from guides.page_cache import public_page

from . import views
from .api import api

app_name = "api"

# Our index, document and docs first (kept by the page cache like every endpoint: api.py); then
# ninja's endpoints; then a JSON 404 for the rest.
urlpatterns = [
    path("", public_page(reads=())(views.index), name="index"),
    path("openapi.json", public_page(reads=())(views.openapi), name="openapi"),
    path("docs", public_page(reads=())(views.docs), name="docs"),
    *api.urls[0],
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
