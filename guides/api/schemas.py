"""What the API returns, as pydantic schemas: they validate every response and make the OpenAPI
document. Every response carries the licence block, as a default its schema fills in."""

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from guides.occupations.credits import EP_SOURCE, ONET_ATTRIBUTION, ONET_SOURCE
from guides.wages.pay import SOURCE as OEWS_SOURCE


class DataSource(Schema):
    name: str
    url: str
    terms: str


class Licence(Schema):
    name: str
    url: str
    attribution: str
    sources: list[DataSource]


LICENCE = Licence(
    name="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    attribution=(
        "Guide text and figures: Career Guide, licensed CC BY 4.0; credit “Career Guide” with a "
        "link to the guide. Each guide figure names its own source and year: keep them with it."
    ),
    sources=[
        DataSource(
            name=OEWS_SOURCE,
            url="https://www.bls.gov/oes/",
            terms="Public domain (a U.S. Government work); cite BLS and the release.",
        ),
        DataSource(
            name=EP_SOURCE,
            url="https://www.bls.gov/emp/",
            terms="Public domain (a U.S. Government work); cite BLS and the projection period.",
        ),
        DataSource(name=ONET_SOURCE, url="https://www.onetcenter.org/", terms=ONET_ATTRIBUTION),
    ],
)


class Licensed(Schema):
    licence: Licence = Field(default=LICENCE, description="Terms of reuse of this response.")


class Error(Licensed):
    detail: str = Field(description="What was wrong, in words.")


class Page(Licensed):
    count: int = Field(description="Items in all pages.")
    page: int
    pages: int
    per_page: int
    next: str | None = Field(description="The next page's address, if any.")
    previous: str | None


class CategoryOut(Schema):
    slug: str
    name: str


class GuideSummary(Schema):
    slug: str
    title: str
    summary: str
    category: CategoryOut
    occupation_code: str = Field(description="O*NET-SOC codes joined with “; ”, or empty.")
    median_pay: int | None = Field(
        description="Headline median pay, USD a year: the current OEWS national median of the "
        "guide's main SOC code, else the guide's own first band with a median."
    )
    growth_percent: float | None
    growth_period: str
    market_demand: str
    remote_work: str
    entry_education: str
    last_reviewed: datetime.date | None
    url: str = Field(description="The guide's page.")
    api_url: str


class GuideList(Page):
    results: list[GuideSummary]


class SectionOut(Schema):
    anchor: str = Field(description="The section's anchor on the guide's page.")
    heading: str
    keys: list[str] = Field(description="The keys of `data` (and `html`) this section shows.")


class OccupationLink(Schema):
    code: str
    api_url: str


class GuideDetail(Licensed):
    slug: str
    title: str
    url: str
    median_pay: int | None
    data: dict[str, Any] = Field(
        description="The guide in the fixture format (fixtures/README.md): every field and list, "
        "Markdown as written, empty optional values left out."
    )
    html: dict[str, Any] = Field(
        description="Each Markdown value of `data` rendered to sanitised HTML, under the same key; "
        "for lists, one object per row with its Markdown fields."
    )
    sections: list[SectionOut] = Field(description="The page's sections, in page order.")
    occupations: list[OccupationLink] = Field(description="The guide's SOC codes.")


class ReleaseOut(Schema):
    code: str
    name: str
    year: int
    published: datetime.date | None


class OccupationSummary(Schema):
    code: str
    name: str
    level: str
    national_median: int | None = Field(description="Annual median pay, U.S., USD.")
    national_employment: int | None
    growth_percent: float | None = Field(description="Projected growth, EP (percent).")
    openings_a_year: int | None
    entry_education: str | None
    url: str
    api_url: str


class OccupationList(Page):
    release: ReleaseOut
    results: list[OccupationSummary]


class AreaOut(Schema):
    code: str = Field(description="BLS area code.")
    kind: str
    name: str
    states: list[str]


class Footnote(Schema):
    code: str
    text: str


class Estimate(Schema):
    area: AreaOut
    figures: dict[str, float | int | None] = Field(
        description="The 17 OEWS datatypes; null where BLS published none (see `footnotes`)."
    )
    footnotes: dict[str, Footnote] = Field(description="Why a figure is missing or bounded.")


class ProjectionOut(Schema):
    release: str = Field(description="“EP 2024–34”: BLS Employment Projections.")
    base_year: int
    projected_year: int | None
    employment: int = Field(description="Jobs in the base year, self-employed included.")
    employment_projected: int
    change: int
    change_percent: float
    openings_a_year: int = Field(description="Average openings a year over the decade.")
    openings_from_growth: int
    openings_from_exits: int = Field(description="Workers leaving the labour force.")
    openings_from_transfers: int = Field(description="Workers moving to other occupations.")
    entry_education: str = Field(description="Typical education needed for entry.")
    work_experience: str
    on_the_job_training: str


class TaskOut(Schema):
    text: str
    kind: str | None = Field(description="Core, Supplemental, or null where O*NET rates none.")


class RatingOut(Schema):
    name: str
    importance: float = Field(description="O*NET importance, 1 to 5.")


class EducationShareOut(Schema):
    level: str
    percent: float = Field(description="Share of workers saying the job needs this level.")


class OnetOut(Schema):
    code: str = Field(description="O*NET-SOC code: the SOC code and .00.")
    title: str
    release: str
    description: str
    job_zone: int | None = Field(description="O*NET Job Zone, 1 (little preparation) to 5.")
    job_zone_name: str | None
    tasks: list[TaskOut]
    skills: list[RatingOut] = Field(description="All 35 skills, most important first.")
    knowledge: list[RatingOut]
    ratings_from_specialties: list[str] = Field(
        description="Where O*NET rates only the occupation's specialties, their titles: the "
        "skills and knowledge are then their mean importance."
    )
    education: list[EducationShareOut]
    alternate_titles: list[str]


class OccupationDetail(Licensed):
    code: str
    name: str
    level: str
    parent: str | None = Field(description="The SOC group it belongs to.")
    url: str
    wages_url: str = Field(description="Its wages by area (add ?area=).")
    release: ReleaseOut
    source: str
    national: Estimate | None
    projection: ProjectionOut | None = Field(
        description="BLS Employment Projections for this SOC code; null where BLS projects it "
        "only as part of a group."
    )
    onet: OnetOut | None = Field(description="O*NET's data for this SOC code, if it has any.")


class Wages(Licensed):
    occupation: OccupationSummary
    release: ReleaseOut
    source: str
    estimate: Estimate
