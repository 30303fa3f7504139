"""What a revision of a guide holds (django-reversion): the guide and every list of its sections,
so restoring a revision restores its inlines too; never the search columns or rendered HTML, which
are derived (a restore saves, which derives them again).
Registered once, from GuidesConfig.ready()."""

import reversion

from .indexing import SEARCH_COLUMNS
from .models import Category, Guide
from .models.fields import RenderedMarkdownField
from .sections import LIST_RELATIONS, LISTS


def register():
    models = dict.fromkeys([*(part.model for part in LISTS), *(part.admin_model for part in LISTS)])
    for model in [*models, Category]:
        if not reversion.is_registered(model):
            reversion.register(model, exclude=rendered(model))
    if not reversion.is_registered(Guide):
        reversion.register(
            Guide, follow=LIST_RELATIONS, exclude=[*SEARCH_COLUMNS, *rendered(Guide)]
        )


def rendered(model):
    return [f.name for f in model._meta.fields if isinstance(f, RenderedMarkdownField)]
