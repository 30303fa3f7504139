"""A guide's headline pay, as annotations a caller adds to its guide queryset:

    Guide.objects.published().annotate(**headline_pay())

The guides' queryset knows nothing of wages; the pages that show pay compose the two.
"""

from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    OuterRef,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from guides.models import SalaryBand

from .models import Occupation, Release
from .queries import current_release_id


def headline_pay():
    """The annotations of each guide's headline pay: the current OEWS national median of its SOC
    code(s) (`oews_median`), else its first salary band that has a median. `headline_median` is
    the figure, `headline_pay_year` its data year and `headline_band_id` that band (guides.page
    shows it when the survey has no figure)."""
    first = SalaryBand.objects.filter(guide=OuterRef("pk"), median__isnull=False).order_by(
        "position"
    )
    return {
        "headline_band_id": Subquery(first.values("pk")[:1]),
        "oews_median": headline_median(),
        "headline_median": Coalesce(
            "oews_median",
            Subquery(first.values("median")[:1]),
            output_field=SalaryBand._meta.get_field("median"),
        ),
        "headline_pay_year": Case(
            When(oews_median__isnull=False, then=current_year()),
            default=Subquery(first.values("data_year")[:1]),
        ),
    }


def current_year():
    """For annotating guides: the current release's data year."""
    return Subquery(Release.objects.newest_first().values("year")[:1])


def is_guide_code(column="code"):
    """For a subquery of guides' annotations: `column` is one of the outer guide's SOC codes
    (O*NET suffixes such as .01 dropped)."""
    codes = Func(
        Func(
            OuterRef("occupation_code"),
            Value(r"\.\d+"),
            Value(""),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        ),
        Value("; "),
        function="string_to_array",
    )
    # column = ANY(the guide's codes)
    return Func(
        F(column),
        codes,
        arg_joiner=" = ANY(",
        template="%(expressions)s)",
        output_field=BooleanField(),
    )


def headline_median():
    """For annotating guides: the current national annual median of the guide's SOC code with
    the most jobs (the occupation the guide is mostly about), or NULL. One index lookup a guide."""
    return Subquery(
        Occupation.objects.filter(is_guide_code(), release=current_release_id())
        .order_by(F("national_employment").desc(nulls_last=True))
        .values("national_median")[:1]
    )
