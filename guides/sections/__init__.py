"""The sections of a guide's page, in page order: each one declared once, here.

A section has an anchor, a heading, a template (templates/guides/sections/<template>.html) and the
parts that hold its content:
- `Field`: a field of the guide row (prose or a figure);
- `Children`: a child model's rows, in order (salary bands, FAQs, ...);
- `Items`: one kind of plain text list item (responsibilities, pros, ...);
- `Related`: other guides;
- `ChangeLog`: the guide's published change notes (history, not content: no fixture key, inline
  or revision).

Everything else is derived from this list: the page's table of contents, body and prefetches
(guides.page), the fixture format's keys, reader, validator and exporter (guides.fixture_format),
the admin's fieldsets, inlines and their order and its completeness column (guides.admin,
sections_filled()), what a guide's revision follows (guides.revisions), the Editors
group's permissions (guides.editors) and which lists search reads (guides.search).

To add a section: its entry here, the model change with its migration, and its template.
"""

from django.db.models import Value

from ..models import (
    FAQ,
    CareerTier,
    CaseStudy,
    Certification,
    ChangeNote,
    DayBlock,
    ListItem,
    SalaryBand,
    SkillGroup,
    Source,
    TechTool,
)
from ..salary_chart import band_charts
from .parts import ChangeLog, Children, Field, Items, Related, Section

# Parts that other code reads by name (the headline pay, structured data, search).
SALARY_BANDS = Children(
    SalaryBand,
    "salary_bands",
    shown_as=band_charts,
    layout=(
        (
            None,
            {
                "fields": [
                    ("label", "kind"),
                    ("country", "currency", "period"),
                    ("source", "source_url", "data_year"),
                ]
            },
        ),
        ("Range and median", {"fields": [("low", "median", "high")]}),
        ("Percentiles", {"fields": [("p10", "p25", "p75", "p90")]}),
        (
            "Career stage figures",
            {"fields": [("entry", "mid", "senior", "top_10_from"), "tier_basis"]},
        ),
        (None, {"fields": ["note"]}),
    ),
)
RESPONSIBILITIES = Items(ListItem.Kind.RESPONSIBILITY, "responsibilities", search_weight="B")
TECH_SKILLS = Items(ListItem.Kind.TECH_SKILL, "tech_skills", search_weight="C")
SOFT_SKILLS = Items(ListItem.Kind.SOFT_SKILL, "soft_skills", search_weight="C")
CERTIFICATIONS = Children(Certification, "certifications")
CHANGE_LOG = ChangeLog(ChangeNote, "changes")

SECTIONS = [
    Section(
        "at-a-glance",
        "At a glance",
        "glance",
        (Field("market_demand_note"),),
        always=True,
        edit=(
            "entry_education",
            ("work_experience", "on_the_job_training"),
            ("remote_work", "market_demand"),
            "market_demand_note",
        ),
    ),
    Section("salary", "Salary", "salary", (SALARY_BANDS,)),
    Section("core-functions", "Core functions", "prose", (Field("core_functions"),)),
    Section("responsibilities", "Key responsibilities", "list", (RESPONSIBILITIES,)),
    Section("work-setting", "Work setting", "prose", (Field("work_setting"),)),
    Section("tech-stack", "Tech stack", "tech_stack", (Children(TechTool, "tech_stack"),)),
    Section(
        "skills",
        "Skills and qualifications",
        "skills",
        (Field("education_level"), TECH_SKILLS, SOFT_SKILLS, CERTIFICATIONS),
    ),
    Section("path", "Path into the career", "prose", (Field("career_entry"),)),
    Section("education", "Required education", "prose", (Field("required_education"),)),
    Section("career-path", "Career path tiers", "tiers", (Children(CareerTier, "career_tiers"),)),
    Section("global-outlook", "Global outlook", "prose", (Field("global_outlook"),)),
    Section(
        "job-market",
        "The job market today",
        "job_market",
        (Field("role_challenges"), Field("growth_paths"), Field("industry_trends")),
    ),
    Section("day-in-the-life", "A day in the life", "day", (Children(DayBlock, "day_blocks"),)),
    Section(
        "work-life-balance",
        "Work-life balance and stress",
        "balance",
        (Field("work_life_balance"),),
        always=True,
        edit=(("stress_level", "balance_rating"), "work_life_balance"),
    ),
    Section("skill-map", "Skill map", "skill_map", (Children(SkillGroup, "skill_map"),)),
    Section(
        "pros-cons",
        "Pros and cons",
        "pros_cons",
        (Items(ListItem.Kind.PRO, "pros"), Items(ListItem.Kind.CON, "cons")),
    ),
    Section(
        "mistakes", "Common beginner mistakes", "list", (Items(ListItem.Kind.MISTAKE, "mistakes"),)
    ),
    Section("advice", "Advice", "list", (Items(ListItem.Kind.ADVICE, "advice"),)),
    Section("case-studies", "Case studies", "case_studies", (Children(CaseStudy, "case_studies"),)),
    Section("portfolio", "Portfolio tips", "prose", (Field("portfolio_tips"),)),
    Section(
        "outlook",
        "Job outlook and related roles",
        "outlook",
        (Field("growth_percent"), Field("employment"), Related("related_roles")),
        edit=(
            ("growth_percent", "growth_period", "growth_label"),
            ("growth_source", "growth_source_url", "growth_year"),
            ("employment", "employment_year", "employment_change"),
            "related_roles",
        ),
    ),
    Section("faq", "Frequently asked questions", "faq", (Children(FAQ, "faqs"),)),
    Section("sources", "Sources and references", "sources", (Children(Source, "sources"),)),
    Section("changes", "What changed", "changes", (CHANGE_LOG,)),
]

PARTS = [part for section in SECTIONS for part in section.parts]
# The guide's lists of rows (Children and Items), in page order, and its relations to other guides.
LISTS = [part for part in PARTS if isinstance(part, Children | Items)]
RELATIONS = [part for part in PARTS if isinstance(part, Related)]
# One relation per child model (every Items part shares ListItem's), in page order.
LIST_RELATIONS = list(dict.fromkeys(part.relation for part in LISTS))


def sections_filled():
    """How many sections of its page a guide shows, as SQL for annotating guides (no query per
    row): `Guide.objects.annotate(sections_filled=sections_filled())`."""
    return sum((section.shown_expression() for section in SECTIONS), Value(0))
