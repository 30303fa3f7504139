from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Guide


class GuideSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Guide.objects.published().only("slug", "last_reviewed", "updated_at")

    def lastmod(self, guide):
        return guide.updated_at


class StaticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["home", "guides:list"]

    def location(self, name):
        return reverse(name)
