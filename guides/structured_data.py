"""schema.org JSON-LD for guide pages and occupation pages: an Occupation and its BreadcrumbList,
built from what the page shows (the same objects), so the two cannot disagree."""

import json

from django.utils.safestring import mark_safe

from .fixture_format import to_json_value
from .sections import CERTIFICATIONS, RESPONSIBILITIES, SALARY_BANDS, SOFT_SKILLS, TECH_SKILLS

COUNTRY_NAMES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "AU": "Australia"}
DURATIONS = {"annual": "P1Y", "hourly": "PT1H"}
PERCENTILES = {
    "p10": "percentile10",
    "p25": "percentile25",
    "median": "median",
    "p75": "percentile75",
    "p90": "percentile90",
}
# Keep "</script>" and friends out of the data block.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def salary_distribution(band):
    data = {
        "@type": "MonetaryAmountDistribution",
        "name": band.label,
        "currency": band.currency,
        "duration": DURATIONS[band.period],
    }
    for field, key in PERCENTILES.items():
        if getattr(band, field) is not None:
            data[key] = to_json_value(getattr(band, field))
    if band.low is not None:
        data["minValue"] = to_json_value(band.low)
    if band.high is not None:
        data["maxValue"] = to_json_value(band.high)
    return data


def structured_data(page, request):
    guide = page.guide
    url = request.build_absolute_uri(guide.get_absolute_url())
    occupation = {
        "@type": "Occupation",
        "name": guide.title,
        "description": guide.summary,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if guide.last_reviewed:
        occupation["mainEntityOfPage"]["lastReviewed"] = guide.last_reviewed.isoformat()
    if guide.alternative_titles:
        occupation["alternateName"] = guide.alternative_titles
    if guide.occupation_code:
        occupation["occupationalCategory"] = guide.occupation_code.split("; ")
    oews = page.pay.salary_bands if page.pay else []
    bands = oews + [chart.band for chart in page.of(SALARY_BANDS)]
    if bands:
        occupation["estimatedSalary"] = [salary_distribution(band) for band in bands]
        occupation["occupationLocation"] = [
            {"@type": "Country", "name": COUNTRY_NAMES.get(code, code)}
            for code in dict.fromkeys(band.country for band in bands)
        ]
    if guide.entry_education:
        occupation["educationRequirements"] = guide.get_entry_education_display()
    if guide.work_experience:
        occupation["experienceRequirements"] = guide.work_experience
    if page.of(CERTIFICATIONS):
        occupation["qualifications"] = ", ".join(c.name for c in page.of(CERTIFICATIONS))
    if page.of(RESPONSIBILITIES):
        occupation["responsibilities"] = [item.text for item in page.of(RESPONSIBILITIES)]
    skills = page.of(TECH_SKILLS) + page.of(SOFT_SKILLS)
    if skills:
        occupation["skills"] = [item.text for item in skills]
    return script(occupation, breadcrumb_list(page.breadcrumbs, request))


def breadcrumb_list(crumbs, request):
    """A BreadcrumbList of (name, path) pairs."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for number, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def script(*graph):
    """The JSON-LD block, with "</script>" and friends kept out of it whatever the data holds."""
    data = {"@context": "https://schema.org", "@graph": list(graph)}
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def occupation_structured_data(occupation, national, profile, crumbs, request):
    """An occupation page's Occupation: the OEWS national pay, the EP entry requirements and the
    O*NET description, tasks and most important skills, as the page shows them."""
    url = request.build_absolute_uri(occupation.get_absolute_url())
    data = {
        "@type": "Occupation",
        "name": occupation.name,
        "occupationalCategory": occupation.code,
        "occupationLocation": [{"@type": "Country", "name": "United States"}],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if profile.onet:
        data["description"] = profile.onet.description
        if profile.details.alternate_titles:
            data["alternateName"] = profile.details.alternate_titles
    if national:
        label = f"BLS OEWS, {national.release.name}: {occupation.name}"
        data["estimatedSalary"] = [salary_distribution(national.salary_band(label))]
    if profile.projection and profile.projection.education:
        data["educationRequirements"] = profile.projection.education
    if profile.projection and profile.projection.experience not in ("", "None"):
        data["experienceRequirements"] = profile.projection.experience
    if profile.tasks:
        data["responsibilities"] = [task.text for task in profile.tasks]
    if profile.skills or profile.knowledge:
        data["skills"] = [rating.name for rating in profile.skills + profile.knowledge]
    return script(data, breadcrumb_list(crumbs, request))
