"""Editorial guides use the imported BLS Employment Projections: a guide with a SOC code shows
the current projection of its main occupation (the code with the most jobs, as for its headline
pay) beside its own hand-typed figures, which stay, labelled as the guide's."""

from django.db.models import Subquery
from django.db.models.functions import Coalesce

from .occupations.models import Projection
from .wages.headline import is_guide_code
from .wages.queries import soc_codes


def jobs(thousands):
    """BLS prints employment and openings in thousands with one decimal: 62.1 -> 62100."""
    return None if thousands is None else int((thousands * 1000).to_integral_value())


def guide_projection(occupation_code):
    """The current EP projection of a guide's main SOC code, or None: one query."""
    codes = soc_codes(occupation_code)
    if not codes:
        return None
    return (
        Projection.objects.current()
        .filter(soc__in=codes, kind=Projection.Kind.DETAILED)
        .select_related("release")
        .order_by("-employment")
        .first()
    )


def projected(column):
    """For annotating guides: one column of the current projection of each guide's main SOC code
    (NULL without one). One index lookup a guide."""
    return Subquery(
        Projection.objects.current()
        .filter(is_guide_code("soc"), kind=Projection.Kind.DETAILED)
        .order_by("-employment")
        .values(column)[:1]
    )


def outlook():
    """The annotations of each guide's outlook, for the caller to add (`annotate(**outlook())`):
    `projected_growth` and `projected_period`, the current BLS projection of its main SOC code
    (NULL without one); `shown_growth`, that, else the guide's own figure, as its card shows it
    (lists filter and sort by it)."""
    return {
        "projected_growth": projected("change_percent"),
        "projected_period": projected("release__name"),
        "shown_growth": Coalesce("projected_growth", "growth_percent"),
    }
