"""The kinds of thing a section of the guide page is made of, and the section itself.

Each part knows where its content lives, how the page reads it (`content`), whether it holds any
(`filled` in Python, `filled_condition` in SQL) and, for lists, how its rows are made and queried.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import ClassVar

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When

from ..models import LIST_PROXIES, Guide, ListItem, MarkdownField


@dataclass(frozen=True)
class Field:
    """A field of the guide row; its fixture key is its name."""

    name: str

    @property
    def key(self):
        return self.name

    def content(self, guide):
        """A Markdown field's content is its HTML, rendered when the guide was saved."""
        if isinstance(Guide._meta.get_field(self.name), MarkdownField):
            return guide.html.get(self.name, "")
        return getattr(guide, self.name)

    def filled(self, content):
        return bool(content.strip()) if isinstance(content, str) else content is not None

    def filled_condition(self):
        if Guide._meta.get_field(self.name).null:
            return Q(**{f"{self.name}__isnull": False})
        return ~Q(**{f"{self.name}__regex": r"^\s*$"})


class _Rows:
    """A list of a guide's child rows: shared by Children and Items."""

    model: ClassVar[type]
    search_weight = ""  # Items may be searched (guides.search)

    @property
    def relation(self):
        """The guide's accessor for these rows (the model's `related_name`)."""
        return self.model._meta.get_field("guide").related_query_name()

    def filled(self, content):
        return bool(content)

    def filled_condition(self):
        return Exists(self.rows(OuterRef("pk")))


@dataclass(frozen=True)
class Children(_Rows):
    """A child model's rows. `shown_as` turns them into what the template gets; `layout` gives the
    admin's fieldsets for a stacked inline (models with Markdown fields are stacked too)."""

    model: type
    key: str
    shown_as: Callable = list
    layout: tuple = ()

    @property
    def admin_model(self):
        return self.model

    @property
    def fields(self):
        """The fields a fixture entry holds, in the model's order."""
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.editable and field.name not in ("id", "guide", "position")
        ]

    def new(self, **values):
        return self.model(**values)

    def rows(self, guide):
        return self.model.objects.filter(guide=guide)

    def items(self, guide):
        return list(getattr(guide, self.relation).all())

    def content(self, guide):
        return self.shown_as(self.items(guide))


@dataclass(frozen=True)
class Items(_Rows):
    """The items of one ListItem kind; `search_weight` ("B" or "C") puts them in search."""

    kind: str
    key: str
    search_weight: str = ""
    model: ClassVar[type] = ListItem

    @property
    def admin_model(self):
        return LIST_PROXIES[self.kind]

    @property
    def fields(self):
        return [ListItem._meta.get_field("text")]

    def new(self, **values):
        return ListItem(kind=self.kind, **values)

    def rows(self, guide):
        return ListItem.objects.filter(guide=guide, kind=self.kind)

    def items(self, guide):
        # Filter in Python: every kind shares one prefetched query of the guide's list items.
        return [item for item in getattr(guide, self.relation).all() if item.kind == self.kind]

    content = items


@dataclass(frozen=True)
class Related:
    """Other guides, referred to by slug in fixture files; the page shows the published ones."""

    relation: str

    @property
    def key(self):
        return self.relation

    @property
    def name(self):
        """The guide's field that holds the relation, as a Field part's `name` is its field."""
        return self.relation

    @property
    def page_prefetch(self):
        """The page lists published guides only."""
        return Prefetch(
            self.relation,
            queryset=Guide.objects.published()
            .select_related("category")
            .only("slug", "title", "summary", "category__name", "category__slug"),
        )

    def content(self, guide):
        return list(getattr(guide, self.relation).all())

    def filled(self, content):
        return bool(content)

    def filled_condition(self):
        reverse = Guide._meta.get_field(self.relation).related_query_name()
        return Exists(Guide.objects.published().filter(**{reverse: OuterRef("pk")}))


@dataclass(frozen=True)
class ChangeLog:
    """A guide's published change notes, the newest `shown` of them. History the database keeps,
    not content: it has no fixture key, admin inline or revision."""

    model: type
    key: str
    shown: int = 5

    @property
    def relation(self):
        return self.model._meta.get_field("guide").related_query_name()

    @property
    def page_prefetch(self):
        # A sliced prefetch must land in an attribute of its own (not the related manager).
        return Prefetch(
            self.relation, queryset=self.model.objects.all()[: self.shown], to_attr=self.key
        )

    def content(self, guide):
        """Needs `page_prefetch` (GuidePage.build applies it)."""
        return getattr(guide, self.key)

    def filled(self, content):
        return bool(content)

    def filled_condition(self):
        return Exists(self.model.objects.filter(guide=OuterRef("pk")))


@dataclass(frozen=True)
class Section:
    """`always`: shown even when its parts are empty. `edit`: the admin's layout of its guide
    fields (rows as tuples), when not simply its Field and Related parts one per line."""

    anchor: str
    heading: str
    template: str
    parts: tuple = ()
    always: bool = False
    edit: tuple = ()

    @property
    def template_name(self):
        return f"guides/sections/{self.template}.html"

    @property
    def admin_fields(self):
        return self.edit or tuple(p.name for p in self.parts if isinstance(p, Field | Related))

    def shown(self, content):
        """`content` maps every part's key to its content (GuidePage.content)."""
        return self.always or any(part.filled(content[part.key]) for part in self.parts)

    def content_of(self, content):
        """What the template gets as `content`: its one part's content, else a dict by key."""
        if len(self.parts) == 1:
            return content[self.parts[0].key]
        return {part.key: content[part.key] for part in self.parts}

    def shown_expression(self):
        """1 when the page shows this section, else 0, as SQL."""
        if self.always:
            return Value(1)
        condition = reduce(or_, (part.filled_condition() for part in self.parts))
        return Case(When(condition, then=Value(1)), default=Value(0))
