"""Everything the guide page shows, built once per request from prefetched rows.

The sections list drives both the table of contents and the page body, so a section that is empty is
left out of both. Salary chart geometry is computed here, not in templates.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from .models import Guide, ListItem, SalaryBand
from .wages.queries import guide_pay


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    template: str
    present: object  # callable(GuidePage) -> bool

    @property
    def template_name(self):
        return f"guides/sections/{self.template}.html"


def _text(*names):
    return lambda page: any(getattr(page.guide, name).strip() for name in names)


def _list(*kinds):
    return lambda page: any(page.lists[kind] for kind in kinds)


def _children(name):
    return lambda page: bool(getattr(page, name))


SECTIONS = [
    Section("at-a-glance", "At a glance", "glance", lambda page: True),
    Section("salary", "Salary", "salary", lambda page: bool(page.bands) or bool(page.pay)),
    Section("core-functions", "Core functions", "prose", _text("core_functions")),
    Section("responsibilities", "Key responsibilities", "list", _list("responsibility")),
    Section("work-setting", "Work setting", "prose", _text("work_setting")),
    Section("tech-stack", "Tech stack", "tech_stack", _children("tech_stack")),
    Section(
        "skills",
        "Skills and qualifications",
        "skills",
        lambda page: (
            _text("education_level")(page)
            or _list("tech_skill", "soft_skill")(page)
            or bool(page.certifications)
        ),
    ),
    Section("path", "Path into the career", "prose", _text("career_entry")),
    Section("education", "Required education", "prose", _text("required_education")),
    Section("career-path", "Career path tiers", "tiers", _children("tiers")),
    Section("global-outlook", "Global outlook", "prose", _text("global_outlook")),
    Section(
        "job-market",
        "The job market today",
        "job_market",
        _text("role_challenges", "growth_paths", "industry_trends"),
    ),
    Section("day-in-the-life", "A day in the life", "day", _children("day_blocks")),
    Section("work-life-balance", "Work-life balance and stress", "balance", lambda page: True),
    Section("skill-map", "Skill map", "skill_map", _children("skill_groups")),
    Section("pros-cons", "Pros and cons", "pros_cons", _list("pro", "con")),
    Section("mistakes", "Common beginner mistakes", "list", _list("mistake")),
    Section("advice", "Advice", "list", _list("advice")),
    Section("case-studies", "Case studies", "case_studies", _children("case_studies")),
    Section("portfolio", "Portfolio tips", "prose", _text("portfolio_tips")),
    Section(
        "outlook",
        "Job outlook and related roles",
        "outlook",
        lambda page: (
            page.guide.growth_percent is not None
            or bool(page.related)
            or page.guide.employment is not None
        ),
    ),
    Section("faq", "Frequently asked questions", "faq", _children("faqs")),
    Section("sources", "Sources and references", "sources", _children("sources")),
]

# Which field or list each single-purpose section template shows.
SECTION_CONTENT = {
    "core-functions": "core_functions",
    "work-setting": "work_setting",
    "path": "career_entry",
    "education": "required_education",
    "global-outlook": "global_outlook",
    "portfolio": "portfolio_tips",
    "responsibilities": "responsibility",
    "mistakes": "mistake",
    "advice": "advice",
}


def page_prefetches():
    """Everything the page shows beyond the guide row: one query per list, whatever its length."""
    return [
        "salary_bands",
        "list_items",
        "tech_stack",
        "certifications",
        "career_tiers",
        "day_blocks",
        "skill_groups",
        "case_studies",
        "faqs",
        "sources",
        Prefetch(
            "related_roles",
            queryset=Guide.objects.published()
            .select_related("category")
            .only("slug", "title", "summary", "category__name", "category__slug"),
        ),
    ]


@dataclass
class BandChart:
    """One salary band placed on a shared scale; x positions are percentages of the chart width."""

    band: SalaryBand
    scale_min: Decimal
    scale_max: Decimal

    def x(self, value):
        if value is None:
            return None
        span = self.scale_max - self.scale_min
        return round(float((value - self.scale_min) / span * 100), 2) if span else 50.0

    @property
    def range_bar(self):
        """The widest measured span: low to high, else 10th to 90th percentile."""
        band = self.band
        low = band.low if band.low is not None else band.p10
        high = band.high if band.high is not None else band.p90
        if low is None or high is None:
            return None
        return {"x": self.x(low), "width": round(self.x(high) - self.x(low), 2)}

    @property
    def middle_bar(self):
        band = self.band
        if band.p25 is None or band.p75 is None:
            return None
        return {"x": self.x(band.p25), "width": round(self.x(band.p75) - self.x(band.p25), 2)}

    @property
    def median_x(self):
        return self.x(self.band.median)

    @property
    def median_anchor(self):
        x = self.median_x
        return "start" if x < 15 else "end" if x > 85 else "middle"

    @property
    def tiers(self):
        band = self.band
        return [
            {"letter": letter, "label": label, "value": value, "x": self.x(value)}
            for letter, label, value in (
                ("E", "Entry", band.entry),
                ("M", "Mid", band.mid),
                ("S", "Senior", band.senior),
            )
            if value is not None
        ]

    @property
    def rows(self):
        """The band's figures as (label, value) rows for the table beside the chart."""
        band = self.band
        rows = [
            ("Low end of range", band.low),
            ("10th percentile", band.p10),
            ("25th percentile", band.p25),
            ("Median", band.median),
            ("75th percentile", band.p75),
            ("90th percentile", band.p90),
            ("High end of range", band.high),
            ("Entry level", band.entry),
            ("Mid level", band.mid),
            ("Senior level", band.senior),
            ("Top 10% from", band.top_10_from),
        ]
        return [(label, value) for label, value in rows if value is not None]


def _round_to_step(value, rounding):
    """Round a pay figure outwards to a readable step, so the chart's ends are round numbers."""
    step = Decimal(10_000) if value >= 20_000 else Decimal(1_000) if value >= 100 else Decimal(1)
    return (value / step).to_integral_value(rounding=rounding) * step


def band_charts(bands):
    """Bands of the same currency and period share one scale so they can be compared by eye."""
    groups = {}
    for band in bands:
        groups.setdefault((band.currency, band.period), []).append(band)
    scales = {
        key: (
            _round_to_step(min(b.lowest for b in group), ROUND_FLOOR),
            _round_to_step(max(b.highest for b in group), ROUND_CEILING),
        )
        for key, group in groups.items()
    }
    return [BandChart(band, *scales[(band.currency, band.period)]) for band in bands]


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


@dataclass
class GuidePage:
    """A guide's page. Derived parts are cached properties: templates read them several times."""

    guide: Guide
    lists: dict
    bands: list
    tech_stack: list
    certifications: list
    tiers: list
    day_blocks: list
    skill_groups: list
    case_studies: list
    faqs: list
    sources: list
    related: list
    pay: object  # guides.wages.queries.GuidePay: the current OEWS release's figures

    @classmethod
    def build(cls, guide, state=None):
        """`guide` must come from with_headline_pay(); its children are fetched here if needed.
        `state` (a postal code) adds that state's OEWS pay beside the national figures."""
        prefetch_related_objects([guide], *page_prefetches())
        lists = {kind: [] for kind in ListItem.Kind.values}
        for item in guide.list_items.all():
            lists[item.kind].append(item)
        return cls(
            guide=guide,
            lists=lists,
            bands=band_charts(list(guide.salary_bands.all())),
            tech_stack=list(guide.tech_stack.all()),
            certifications=list(guide.certifications.all()),
            tiers=list(guide.career_tiers.all()),
            day_blocks=list(guide.day_blocks.all()),
            skill_groups=list(guide.skill_groups.all()),
            case_studies=list(guide.case_studies.all()),
            faqs=list(guide.faqs.all()),
            sources=list(guide.sources.all()),
            related=list(guide.related_roles.all()),
            pay=guide_pay(guide.occupation_code, state),
        )

    @cached_property
    def headline_band(self):
        """The band chosen by Guide.objects.with_headline_pay(), which the view's query applies."""
        if self.pay:
            return self.pay.salary_bands[0]
        return next(
            (chart.band for chart in self.bands if chart.band.pk == self.guide.headline_band_id),
            None,
        )

    @cached_property
    def breadcrumbs(self):
        """(name, path) from the home page to this guide: the visible trail and the JSON-LD."""
        guide = self.guide
        return [
            ("Home", reverse("home")),
            ("Guides", reverse("guides:list")),
            (guide.category.name, guide.category.get_absolute_url()),
            (guide.title, guide.get_absolute_url()),
        ]

    @cached_property
    def sections(self):
        return [
            {"section": section, "content": self._content(SECTION_CONTENT.get(section.anchor))}
            for section in SECTIONS
            if section.present(self)
        ]

    def _content(self, name):
        if name is None:
            return None
        return self.lists[name] if name in self.lists else getattr(self.guide, name)

    @cached_property
    def scales(self):
        guide = self.guide
        return {
            "demand": scale("Market demand", Guide.Demand, guide.market_demand),
            "stress": scale("Stress level", Guide.Stress, guide.stress_level),
            "balance": scale("Work-life balance", Guide.Balance, guide.balance_rating),
        }

    @cached_property
    def dated_figures(self):
        return any(chart.band.is_dated for chart in self.bands) or self.guide.growth_is_dated
