"""Which tags a write bumps: the receivers that apps.py connects to every content model."""

from guides.models import Category, Guide

from .versions import GUIDES, SITE, bump, guide_tag


def tags_for(instance):
    """The tags whose pages show this row."""
    if isinstance(instance, Guide):
        guide_ids = {instance.pk}
    elif isinstance(instance, Category):
        guide_ids = set(instance.guides.values_list("pk", flat=True))
    elif getattr(instance, "guide_id", None):
        guide_ids = {instance.guide_id}
    else:
        return [SITE]
    # Guides that list these as related show their titles and summaries.
    guide_ids |= set(
        Guide.related_roles.through.objects.filter(to_guide__in=guide_ids).values_list(
            "from_guide", flat=True
        )
    )
    return [GUIDES, *(guide_tag(pk) for pk in guide_ids)]


def content_saved(sender, instance, **kwargs):
    bump(*tags_for(instance))


def relations_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_"):
        # pk_set: the guides on the other side, which may no longer be related after a removal.
        bump(*tags_for(instance), *(guide_tag(pk) for pk in pk_set or ()))
