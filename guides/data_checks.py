"""Content checks against the imported data: a guide's hand-typed growth, jobs, change in jobs
and entry education, compared with the current BLS Employment Projections row of its main SOC
code (guides.projections). The page shows the data's figures, and the guide's own beside them
labelled, so a disagreement is a warning: the editor should correct or remove the typed figure.
"""

from decimal import Decimal

from .citations import period_years
from .projections import jobs

# BLS rounds job counts to the nearest hundred, and a percentage to its last shown digit.
COUNT_ROUNDING = 50


def _period(projection):
    return f"{projection.release.year}-{str(projection.release.end_year)[-2:]}"


def data_findings(data, projection):
    """(field, rule, message) for each hand-typed figure that disagrees with `projection`."""
    if projection is None:
        return
    source = f"BLS Employment Projections {projection.release.name.removeprefix('EP ')}"
    period = data.get("growth_period") or "period not stated"
    growth = data.get("growth_percent")
    if growth is not None:
        percent = Decimal(str(growth))
        tolerance = Decimal("0.5") if percent % 1 == 0 else Decimal("0.05")
        if abs(percent - projection.change_percent) > tolerance:
            yield (
                "growth_percent",
                f"{growth}% ({period}) differs from {source}'s {projection.change_percent}% for "
                f"{projection.soc}, which the page shows beside it.",
            )
    same_period = period_years(data.get("growth_period")) == period_years(_period(projection))
    change = data.get("employment_change")
    if change is not None and (
        not same_period or abs(change - jobs(projection.change)) > COUNT_ROUNDING
    ):
        yield (
            "employment_change",
            f"a change of {change:,} jobs ({period}) differs from {source}'s "
            f"{jobs(projection.change):,}.",
        )
    typed = data.get("employment")
    if typed is not None and (
        data.get("employment_year") != projection.release.year
        or abs(typed - jobs(projection.employment)) > COUNT_ROUNDING
    ):
        yield (
            "employment",
            f"{typed:,} jobs in {data.get('employment_year') or 'a year not stated'} differs from "
            f"{source}'s {jobs(projection.employment):,} in {projection.release.year}.",
        )
    education = data.get("entry_education")
    if education and education != projection.education:
        yield (
            "entry_education",
            f'"{education}" differs from {source}\'s "{projection.education}".',
        )
