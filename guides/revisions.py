"""What a revision of a guide holds (django-reversion): the guide and every child list, so
restoring a revision restores its inlines too. Registered once, from GuidesConfig.ready()."""

import reversion

from .fixture_format import CHILD_LISTS
from .models import LIST_PROXIES, Category, Guide


def register():
    for model in [*{child.model for child in CHILD_LISTS}, *LIST_PROXIES, Category]:
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Guide):
        reversion.register(
            Guide,
            follow=sorted(
                {child.model._meta.get_field("guide").related_query_name() for child in CHILD_LISTS}
            ),
        )
