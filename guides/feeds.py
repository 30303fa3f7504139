"""The site-wide Atom feed: the public change log of every published guide.

Every entry is one change note, newest first. A new guide enters the feed through the note that
publishing it writes ("Published"), so the feed needs no second kind of entry and a reader sees
new guides and changes to old ones in the one order they happened. Notes of guides that are not
published now (unpublished since) are left out."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import ChangeNote, Guide

FEED_ENTRIES = 30


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Career Guide: new and updated guides"
    link = reverse_lazy("guides:list")
    subtitle = "Each guide as it is published, and every change to it since, every figure cited."

    def items(self):
        return (
            ChangeNote.objects.filter(guide__in=Guide.objects.published())
            .select_related("guide__category")
            .order_by("-published_at", "-pk")[:FEED_ENTRIES]
        )

    def item_title(self, change):
        return f"{change.guide.title}: {change.note}"

    def item_description(self, change):
        return change.guide.summary

    def item_link(self, change):
        return f"{reverse('guides:changes', args=[change.guide.slug])}#change-{change.pk}"

    def item_updateddate(self, change):
        return change.published_at

    def item_pubdate(self, change):
        return change.published_at

    def item_categories(self, change):
        return [change.guide.category.name]
