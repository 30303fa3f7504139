from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Guide


class LatestGuidesFeed(Feed):
    feed_type = Atom1Feed
    title = "Career Guide: new and updated guides"
    link = reverse_lazy("guides:list")
    subtitle = "Career guides as they are published and reviewed, every figure cited."

    def items(self):
        return Guide.objects.published().select_related("category").order_by("-updated_at")[:30]

    def item_title(self, guide):
        return guide.title

    def item_description(self, guide):
        return guide.summary

    def item_updateddate(self, guide):
        return guide.updated_at

    def item_pubdate(self, guide):
        return guide.created_at

    def item_categories(self, guide):
        return [guide.category.name]
