"""The editors' admin: one page per guide holding every section, in the public page's order.

Every save is a revision (django-reversion) holding the guide and all its inlines; a save based on a
form opened before someone else's save is refused; children are ordered by drag and drop.

- guide.py: the guide's change list and change page (fieldsets and inlines from guides.sections)
- forms.py: how fields are edited (lines, Markdown preview) and the stale-save check
- inlines.py: one sortable inline per list of a section
- actions.py: publish, unpublish, mark reviewed, download as fixture files
- views.py: the Markdown preview and the changes page
- category.py: categories
"""

from .category import CategoryAdmin
from .guide import GuideAdmin

__all__ = ["CategoryAdmin", "GuideAdmin"]
