from django.urls import path, re_path

from . import views
from .api import api

app_name = "api"

# Our index, document and docs first; then ninja's endpoints; then a JSON 404 for the rest.
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("docs", views.docs, name="docs"),
    *api.urls[0],
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
