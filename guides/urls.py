from django.urls import path

from . import views
from .feeds import ChangesFeed
from .page_cache import public_page

app_name = "guides"

urlpatterns = [
    path("guides/", views.guide_list, name="list"),
    path("guides/feed/", public_page(reads=())(ChangesFeed()), name="feed"),
    path("guides/<slug:slug>/", views.guide_detail, name="detail"),
    path("guides/<slug:slug>/changes/", views.guide_changes, name="changes"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
]
