"""Editorial guides use the imported BLS Employment Projections: a guide with a SOC code shows
the current projection of its main occupation (the code with the most jobs, as for its headline
pay) beside its own hand-typed figures, which stay, labelled as the guide's."""

from django.db.models import Subquery

# The template filters import this module, and guides.wages imports them: so its imports wait
# until they are used.


def jobs(thousands):
    """BLS prints employment and openings in thousands with one decimal: 62.1 -> 62100."""
    return None if thousands is None else int((thousands * 1000).to_integral_value())


def guide_projection(occupation_code):
    """The current EP projection of a guide's main SOC code, or None: one query."""
    from .occupations.models import Projection
    from .wages.queries import soc_codes

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
    from .occupations.models import Projection
    from .wages.queries import is_guide_code

    return Subquery(
        Projection.objects.current()
        .filter(is_guide_code("soc"), kind=Projection.Kind.DETAILED)
        .order_by("-employment")
        .values(column)[:1]
    )
