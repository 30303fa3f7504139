"""Career guides and everything a guide page shows.

Integrity lives in the database as named constraints; each is mirrored by a `clean()` message that an
editor understands, so the admin and the fixture loader report problems before the database would.
Which model holds which section of the page is declared once, in guides.sections.
"""

from .changes import NOTE_MAX_LENGTH, ChangeNote
from .children import (
    FAQ,
    CareerTier,
    CaseStudy,
    Certification,
    DayBlock,
    SkillGroup,
    Source,
    TechTool,
)
from .fields import (
    DATED_AFTER_YEARS,
    GROWTH_PERCENT_MAX,
    GROWTH_PERCENT_MIN,
    MARKDOWN_MAX_LENGTH,
    MONEY_MAX,
    ONET_SOC_CODE,
    SOC_CODE,
    MarkdownField,
    is_dated,
    markdown_fields,
)
from .guide import Category, Guide
from .lists import LIST_PROXIES, ListItem
from .records import ContentVersion, FixtureRecord
from .salary import MONEY_FIGURES, SalaryBand
from .search import GuideCode, SearchWord

__all__ = [
    "DATED_AFTER_YEARS",
    "FAQ",
    "GROWTH_PERCENT_MAX",
    "GROWTH_PERCENT_MIN",
    "LIST_PROXIES",
    "MARKDOWN_MAX_LENGTH",
    "MONEY_FIGURES",
    "MONEY_MAX",
    "NOTE_MAX_LENGTH",
    "ONET_SOC_CODE",
    "SOC_CODE",
    "CareerTier",
    "CaseStudy",
    "Category",
    "Certification",
    "ChangeNote",
    "ContentVersion",
    "DayBlock",
    "FixtureRecord",
    "Guide",
    "GuideCode",
    "ListItem",
    "MarkdownField",
    "SalaryBand",
    "SearchWord",
    "SkillGroup",
    "Source",
    "TechTool",
    "is_dated",
    "markdown_fields",
]
