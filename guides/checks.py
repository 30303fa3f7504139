"""Content checks: slips a careful reader would notice, found in a guide's data as the fixture
format writes it (guides.fixture_format), so fixture files, the database (`check_guides --db`) and
the admin's guide page all get the same findings.

Rules (errors fail `check_guides`; warnings are shown and do not):
- placeholder (error): a value that is a placeholder, e.g. "See How to Become One" (a link label
  on BLS pages), "TBD" or "N/A", instead of a value or an empty field;
- figures-disagree (error): growth, jobs and change in jobs shown together must describe one
  projection: the change over the jobs count is the growth rate, within the rounding of each
  figure, and the jobs are counted in the period's base year;
- url (error): a cited address must be a plain https:// address (no credentials, port, query or
  fragment, nothing after a page's file name) and, for a source in citations.SOURCE_HOSTS, on
  that source's own host;
- period (error): a growth period that is not a period such as "2023-33";
- projection-ended (warning): a projection period that has ended (the page says so), unless the
  guide's SOC code has a current BLS projection, which the page then shows instead;
- data-disagrees (warning): a hand-typed growth, change in jobs, jobs count or entry education
  that differs from the current BLS projection of the guide's main SOC code (guides.data_checks);
- dated (warning): a figure whose data year is older than DATED_AFTER_YEARS (the page says so).
A question-shaped FAQ whose answer does not answer it is left to editors.
"""

import string
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from .citations import ended_in, named_source, period_years
from .data_checks import data_findings
from .fixture_format import PREFETCHES, saved_guide_to_data
from .models import DATED_AFTER_YEARS, Guide, is_dated
from .projections import guide_projection

ERROR, WARNING = "error", "warning"
PLACEHOLDERS = {
    "see how to become one",
    "see how to become",
    "tbd",
    "tba",
    "tbc",
    "todo",
    "to do",
    "to be determined",
    "to be confirmed",
    "n/a",
    "na",
    "placeholder",
    "xxx",
    "coming soon",
    "lorem ipsum",
}
_TRIM = string.punctuation + string.whitespace + "…–—“”‘’"
# Keys whose values are identifiers or choices, not text a reader reads.
NOT_TEXT = {
    "slug",
    "status",
    "category",
    "related_roles",
    "country",
    "currency",
    "url",
    "source_url",
}
# Each key holding a cited address, with the keys beside it that may name its source.
URL_KEYS = {
    "growth_source_url": ("growth_source",),
    "source_url": ("source",),
    "url": ("publisher", "issuer", "title", "name"),
}
PAGE_ENDINGS = (".htm", ".html", ".php", ".asp", ".aspx", ".pdf", ".xlsx")
# BLS rounds job counts to the nearest hundred, and a percentage to its last shown digit.
COUNT_ROUNDING = 50


@dataclass(frozen=True)
class Finding:
    guide: str
    field: str
    rule: str
    severity: str
    message: str

    def __str__(self):
        return f"{self.severity}: guide '{self.guide}': {self.field}: {self.rule}: {self.message}"


def check_guide(data, projection_of=None):
    """Every finding for one guide's fixture-format data, in field order. `projection_of` (a SOC
    code string -> its current projection or None, e.g. guides.projections.guide_projection)
    adds the checks against the imported data; without it they are skipped."""
    slug = data.get("slug") or "?"
    projection = projection_of(data.get("occupation_code")) if projection_of else None
    found = [
        *_placeholders(data),
        *_figures(data),
        *_urls(data),
        *_period(data, projection),
        *_dated(data),
        *(
            (field, "data-disagrees", WARNING, message)
            for field, message in data_findings(data, projection)
        ),
    ]
    return [
        Finding(slug, field, rule, severity, message) for field, rule, severity, message in found
    ]


def check_saved_guide(guide):
    """The findings for a guide in the database (the admin's guide page)."""
    saved = Guide.objects.select_related("category").prefetch_related(*PREFETCHES).get(pk=guide.pk)
    return check_guide(saved_guide_to_data(saved), guide_projection)


def _walk(value, path=""):
    """(path, text) for every text value, e.g. ("salary_bands[0].note", "...")."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def _key(path):
    return path.rsplit(".", 1)[-1].split("[", 1)[0]


def _placeholders(data):
    for path, text in _walk(data):
        if _key(path) in NOT_TEXT or not text.strip():
            continue
        words = text.strip(_TRIM).lower()
        if not words or words in PLACEHOLDERS or "lorem ipsum" in words:
            yield (
                path,
                "placeholder",
                ERROR,
                f'"{text}" is a placeholder, not a value: give the value, or leave the field '
                'empty so that the page says "Not stated".',
            )


def _figures(data):
    growth, jobs, change = (
        data.get("growth_percent"),
        data.get("employment"),
        data.get("employment_change"),
    )
    if change is not None and not data.get("growth_period"):
        yield (
            "employment_change",
            "figures-disagree",
            ERROR,
            "a change in jobs needs the projection period it covers (growth_period).",
        )
    if None in (growth, jobs, change) or jobs <= COUNT_ROUNDING:
        return
    lowest = Decimal(change - COUNT_ROUNDING) * 100 / (jobs + COUNT_ROUNDING)
    highest = Decimal(change + COUNT_ROUNDING) * 100 / (jobs - COUNT_ROUNDING)
    half_digit = Decimal("0.5") if Decimal(str(growth)) % 1 == 0 else Decimal("0.05")
    if not lowest - half_digit <= Decimal(str(growth)) <= highest + half_digit:
        implied = Decimal(change) * 100 / jobs
        yield (
            "growth_percent",
            "figures-disagree",
            ERROR,
            f"{growth}% growth does not match a change of {change:,} on {jobs:,} jobs "
            f"({implied:.1f}%): the figures come from different projections.",
        )
    years = period_years(data.get("growth_period"))
    if years and data.get("employment_year") not in (None, years[0]):
        yield (
            "employment_year",
            "figures-disagree",
            ERROR,
            f"jobs are counted in {data['employment_year']}, but the projection "
            f"{data['growth_period']} starts from {years[0]}.",
        )


def _urls(data):
    for path, url in _walk(data):
        key = _key(path)
        if key not in URL_KEYS or not url:
            continue
        owner = data if "." not in path else _entry(data, path)
        names = (named_source(owner.get(name)) for name in URL_KEYS[key])
        problem = _url_problem(url, next((found for found in names if found), None))
        if problem:
            yield path, "url", ERROR, f"{url} {problem}"


def _entry(data, path):
    """The list entry a dotted path points into, e.g. data["sources"][2] for "sources[2].url"."""
    list_key, rest = path.split("[", 1)
    return data[list_key][int(rest.split("]", 1)[0])]


def _url_problem(url, named):
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "is not an https:// address."
    if parts.username or parts.password or parts.port:
        return "is not a plain address (it carries a user name, password or port)."
    if parts.query or parts.fragment:
        return "has a query or fragment: cite the page's plain address."
    segments = parts.path.split("/")
    if any(segment.lower().endswith(PAGE_ENDINGS) for segment in segments[:-1]):
        return "continues after a page's file name, so it is not a usable public page."
    if named and parts.hostname != named[1]:
        return f"is not on {named[1]}, the host of the {named[0]} it cites."
    return ""


def _period(data, projection):
    period = data.get("growth_period")
    if not period:
        return
    if period_years(period) is None:
        yield "growth_period", "period", ERROR, f'"{period}" is not a period such as "2023-33".'
    elif ended_in(period) and projection is None:
        yield (
            "growth_period",
            "projection-ended",
            WARNING,
            f"the projection period {period} ended in {ended_in(period)}; "
            "the page says so, but newer projections should replace it.",
        )


def _dated(data):
    years = [
        ("growth_year", data.get("growth_year")),
        ("employment_year", data.get("employment_year")),
    ]
    years += [
        (f"salary_bands[{index}].data_year", band.get("data_year"))
        for index, band in enumerate(data.get("salary_bands", []))
    ]
    for path, year in years:
        if is_dated(year):
            yield (
                path,
                "dated",
                WARNING,
                f"figures from {year} are more than {DATED_AFTER_YEARS} years old.",
            )
