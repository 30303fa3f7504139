"""One sortable inline per list of a guide's sections, made from guides.sections, in page order."""

from adminsortable2.admin import SortableStackedInline, SortableTabularInline
from django import forms
from django.db import models

from ..models import MarkdownField, markdown_fields
from ..sections import LISTS
from .forms import GuideFormFields, ListFormSet


class OrderedInline(GuideFormFields, SortableTabularInline):
    """Short items, one row each."""

    extra = 0
    formset = ListFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not isinstance(db_field, MarkdownField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class StackedInline(GuideFormFields, SortableStackedInline):
    """Items with many fields or with Markdown, one block each."""

    extra = 0
    formset = ListFormSet


def section_inline(part):
    """The inline for one list: stacked when the registry gives a layout or it holds Markdown."""
    model = part.admin_model
    layout = getattr(part, "layout", ())
    if layout:
        return type(
            f"{model.__name__}Inline",
            (StackedInline,),
            {"model": model, "fieldsets": with_position(layout)},
        )
    base = StackedInline if markdown_fields(model) else OrderedInline
    fields = [field.name for field in part.fields]
    return type(f"{model.__name__}Inline", (base,), {"model": model, "fields": fields})


def with_position(fieldsets):
    """adminsortable2 adds its hidden position field to `fields` but not to `fieldsets`: without it
    in the last fieldset, a dragged row's new position would never be saved."""
    *rest, (name, options) = fieldsets
    return [*rest, (name, {**options, "fields": [*options["fields"], "position"]})]


SECTION_INLINES = [section_inline(part) for part in LISTS]
