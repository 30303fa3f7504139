"""Everything the guide page shows, built once per request from prefetched rows.

The section registry (guides.sections) drives both the table of contents and the page body, so a
section that is empty is left out of both.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import prefetch_related_objects
from django.urls import reverse

from .finding.catalogue import average_growth
from .models import Guide
from .projections import guide_projection
from .sections import CHANGE_LOG, LIST_RELATIONS, PARTS, RELATIONS, SALARY_BANDS, SECTIONS
from .wages.queries import guide_pay


def page_prefetches():
    """Everything the page shows beyond the guide row: one query per list, whatever its length."""
    return [*LIST_RELATIONS, *(part.page_prefetch for part in RELATIONS), CHANGE_LOG.page_prefetch]


def scale(name, choices, value):
    """A labelled scale such as Low / Medium / High with the guide's value marked."""
    values = list(choices.values)
    position = values.index(value) + 1 if value in values else 0
    return {
        "name": name,
        "value": choices(value).label if position else "Not rated",
        "position": position,
        "total": len(values),
        "steps": [
            {"label": label, "on": number <= position, "current": number == position}
            for number, label in enumerate(choices.labels, start=1)
        ],
    }


def breadcrumbs(guide):
    """(name, path) from the home page to a guide."""
    return [
        ("Home", reverse("home")),
        ("Guides", reverse("guides:list")),
        (guide.category.name, guide.category.get_absolute_url()),
        (guide.title, guide.get_absolute_url()),
    ]


@dataclass
class GuidePage:
    """A guide's page. Derived parts are cached properties: templates read them several times."""

    guide: Guide
    content: dict  # every section part's key -> its content (guides.sections)
    pay: object = None  # guides.wages.queries.GuidePay: the current OEWS release's figures
    projection: object = None  # the current BLS Employment Projections row of its main SOC code

    @classmethod
    def build(cls, guide, state=None):
        """`guide` must be annotated with headline_pay() (guides.wages.headline); its children are fetched here if needed.
        `state` (a postal code) adds that state's OEWS pay beside the national figures."""
        prefetch_related_objects([guide], *page_prefetches())
        content = {part.key: part.content(guide) for part in PARTS}
        return cls(
            guide=guide,
            content=content,
            pay=guide_pay(guide.occupation_code, state),
            projection=guide_projection(guide.occupation_code),
        )

    def of(self, part):
        """The content of one part of a section, e.g. `page.of(RESPONSIBILITIES)`."""
        return self.content[part.key]

    @cached_property
    def headline_band(self):
        """The band chosen by headline_pay(), which the view's query applies."""
        if self.pay:
            return self.pay.salary_bands[0]
        return next(
            (
                chart.band
                for chart in self.of(SALARY_BANDS)
                if chart.band.pk == self.guide.headline_band_id
            ),
            None,
        )

    @cached_property
    def breadcrumbs(self):
        """(name, path) from the home page to this guide: the visible trail and the JSON-LD."""
        return breadcrumbs(self.guide)

    @cached_property
    def sections(self):
        return [
            {"section": section, "content": section.content_of(self.content)}
            for section in SECTIONS
            # The salary section also shows a guide's pay from the current OEWS release, the
            # outlook section its projection.
            if section.shown(self.content)
            or (self.pay and SALARY_BANDS in section.parts)
            or (self.projection and section.anchor == "outlook")
        ]

    @cached_property
    def projection_period(self):
        """ "2024–34", from the projection's release ("EP 2024–34")."""
        return self.projection.release.name.removeprefix("EP ") if self.projection else ""

    @cached_property
    def average_growth(self):
        """The all-occupation growth of the projection shown (3.1% for 2024–34)."""

        return average_growth() if self.projection else None

    @cached_property
    def scales(self):
        guide = self.guide
        return {
            "demand": scale("Market demand", Guide.Demand, guide.market_demand),
            "stress": scale("Stress level", Guide.Stress, guide.stress_level),
            "balance": scale("Work-life balance", Guide.Balance, guide.balance_rating),
        }
