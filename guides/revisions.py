"""What a revision of a guide holds (django-reversion): the guide and every list of its sections,
so restoring a revision restores its inlines too; never the search columns, which are derived.
Registered once, from GuidesConfig.ready()."""

import reversion

from .models import Category, Guide
from .search import SEARCH_COLUMNS
from .sections import LIST_RELATIONS, LISTS


def register():
    models = dict.fromkeys([*(part.model for part in LISTS), *(part.admin_model for part in LISTS)])
    for model in [*models, Category]:
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Guide):
        reversion.register(Guide, follow=LIST_RELATIONS, exclude=SEARCH_COLUMNS)
