from django.contrib.sitemaps import Sitemap

from .models import Occupation
from .queries import current_release_id


class OccupationSitemap(Sitemap):
    """Every detailed occupation's page in the current release. Its state pages are left out on
    purpose: some 45,000 addresses, each a slice of the occupation page's own state table, which
    links to them."""

    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Occupation.objects.filter(
            release=current_release_id(),
            level=Occupation.Level.DETAILED,
        ).only("code")
