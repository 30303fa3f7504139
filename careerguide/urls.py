from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from guides import views
from guides.page_cache import public_page
from guides.sitemaps import GuideSitemap, StaticSitemap
from guides.wages.sitemaps import OccupationSitemap

sitemaps = {"guides": GuideSitemap, "static": StaticSitemap, "occupations": OccupationSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("guides.urls")),
    path("", include("guides.wages.urls")),
    path("", include("guides.feedback.urls")),
    path("api/v1/", include("guides.api.urls")),
    path("", include("guides.compare.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", public_page(reads=["p"])(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Career Guide editors"
admin.site.site_title = "Career Guide admin"
admin.site.index_title = "Guides and editors"
