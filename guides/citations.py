"""Facts about citations that the page and the content checks (guides.checks) share: which host
a named source publishes on, and when a projection period ends."""

import re

from django.utils import timezone

# Sources whose pages we cite often, by a phrase of their name, and the one host their figures are
# cited from. Archive captures and mirrors (webharvest.gov, stats.bls.gov, ...) are not citable:
# readers should land on the publisher's own current address.
SOURCE_HOSTS = {
    "Bureau of Labor Statistics": "www.bls.gov",
    "BLS": "www.bls.gov",
    "O*NET": "www.onetonline.org",
    "Census Bureau": "www.census.gov",
}
_SOURCE_NAMES = [
    (re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), name, host)
    for name, host in SOURCE_HOSTS.items()
]
_PERIOD = re.compile(r"^(\d{4})\s*[-–]\s*(\d{2}|\d{4})$")


def named_source(text):
    """(name, host) of the first known source `text` names, or None."""
    for pattern, name, host in _SOURCE_NAMES:
        if pattern.search(text or ""):
            return name, host
    return None


def period_years(period):
    """ "2014-24" -> (2014, 2024); "2022–2032" -> (2022, 2032); None when it is not a period."""
    match = _PERIOD.match((period or "").strip())
    if not match:
        return None
    start, end = int(match[1]), match[2]
    if len(end) == 2:
        end = start - start % 100 + int(end)
        end += 100 if end < start else 0
    else:
        end = int(end)
    return (start, end) if end > start else None


def ended_in(period):
    """The end year of a projection period that has ended, else None. A period ends with its
    last year: "2014-24" has ended once 2025 begins."""
    years = period_years(period)
    if years and years[1] < timezone.now().year:
        return years[1]
    return None
