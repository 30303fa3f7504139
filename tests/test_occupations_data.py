"""The committed BLS Employment Projections 2024–34 and O*NET 29.3 extracts, imported, checked
against the cells listed in ../shared/data/occupations-data.md and the source files."""

from decimal import Decimal

import pytest

from guides.occupations.models import (
    ALL_OCCUPATIONS,
    OnetOccupation,
    Projection,
    Rating,
    RelatedOccupation,
    Release,
    Task,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_occupations")]

# SOC: 2024, 2034, change, %, openings (thousands), median wage, education, experience, training
CELLS = {
    "11-9111": ("616.2", "759.1", "142.9", "23.2", "62.1", 117960, "Bachelor's degree", "Less than 5 years", "None"),
    "29-1141": ("3391.0", "3557.1", "166.1", "4.9", "189.1", 93600, "Bachelor's degree", "None", "None"),
    "15-1252": ("1693.8", "1961.4", "267.7", "15.8", "115.2", 133080, "Bachelor's degree", "None", "None"),
    "47-2111": ("818.7", "896.1", "77.4", "9.5", "81.0", 62350, "High school diploma or equivalent", "None", "Apprenticeship"),
    "13-2011": ("1579.8", "1652.6", "72.8", "4.6", "124.2", 81680, "Bachelor's degree", "None", "None"),
}  # fmt: skip


def test_releases_are_named_and_kept():
    assert list(Release.objects.values_list("dataset", "name", "code", "year", "end_year")) == [
        ("ep", "EP 2024–34", "2024-34", 2024, 2034),
        ("onet", "O*NET 29.3", "29.3", 2025, None),
    ]
    assert Release.objects.get(dataset="onet").month == "May 2025"


@pytest.mark.parametrize("soc", CELLS)
def test_projection_cells_are_as_published(soc, django_assert_num_queries):
    with django_assert_num_queries(1):  # the current release's row by SOC: one statement
        row = Projection.objects.current().get(soc=soc)
    *numbers, wage, education, experience, training = CELLS[soc]
    fields = ["employment", "employment_projected", "change", "change_percent", "openings"]
    assert [getattr(row, name) for name in fields] == [Decimal(n) for n in numbers]
    assert (row.median_wage, row.education, row.experience, row.training) == (
        wage,
        education,
        experience,
        training,
    )
    assert row.kind == Projection.Kind.DETAILED


def test_all_occupations_average_growth_is_the_total_row():
    total = Projection.objects.current().get(soc=ALL_OCCUPATIONS)
    assert total.change_percent == Decimal("3.1") and total.kind == Projection.Kind.SUMMARY
    assert total.education == ""  # "—" in a summary row: nothing to show


def test_openings_split_into_growth_and_replacement():
    """Table 1.10, electricians: 81.0 = 27.0 exits + 46.2 transfers + 7.8 from growth."""
    row = Projection.objects.current().get(soc="47-2111")
    assert (row.exits, row.transfers, row.exit_rate, row.transfer_rate) == (
        Decimal("27.0"),
        Decimal("46.2"),
        Decimal("3.2"),
        Decimal("5.4"),
    )
    assert row.growth_openings == Decimal("7.8")


def test_wages_not_a_number_are_kept_as_printed():
    top_coded = Projection.objects.current().filter(median_wage_note=">=$239,200")
    assert top_coded.exists() and not top_coded.filter(median_wage__isnull=False).exists()
    assert Projection.objects.current().filter(median_wage_note="—").exists()


def test_onet_occupation_with_everything_o_net_says():
    electricians = (
        OnetOccupation.objects.current().select_related("job_zone").get(code="47-2111.00")
    )
    assert electricians.soc == "47-2111" and electricians.title == "Electricians"
    assert electricians.description.startswith("Install, maintain, and repair electrical wiring")
    assert electricians.job_zone.zone == 3
    assert electricians.job_zone.short_name == "Medium Preparation Needed"
    assert electricians.interest_code == "RC" and electricians.realistic == Decimal("7.00")
    tasks = electricians.tasks.all()
    assert tasks[0].text.startswith("Prepare sketches or follow blueprints")
    assert tasks[0].kind == Task.Kind.CORE
    skills = electricians.ratings.filter(domain=Rating.Domain.SKILL)
    assert skills.count() == 35 and skills[0].name == "Troubleshooting"
    assert electricians.technologies.filter(hot=True).exists()
    shares = electricians.education_shares.select_related("level")
    assert [(s.level.category, s.percent) for s in shares][:3] == [
        (1, Decimal("2.31")),
        (2, Decimal("30.58")),
        (3, Decimal("61.71")),
    ]
    assert sum(s.percent for s in shares) == Decimal("100.01")  # as O*NET rounds them


def test_alternate_titles_have_short_titles():
    nurses = OnetOccupation.objects.current().get(code="29-1141.00")
    assert nurses.alternate_titles.filter(short_title="RN").exists()


def test_related_occupations_are_ranked_and_mapped_to_soc():
    related = RelatedOccupation.objects.filter(occupation__code="11-1011.00")
    first = related.first()
    assert (first.rank, first.code, first.soc) == (1, "11-1021.00", "11-1021")
    treasurers = related.get(code="11-3031.01")  # a specialty of Financial Managers
    assert treasurers.soc == "11-3031"


def test_counts_match_the_release():
    """occupations-data.md's row counts (skills and knowledge: two lines, IM and LV, per row)."""
    current = OnetOccupation.objects.current()
    assert current.count() == 1016
    assert Task.objects.filter(occupation__in=current).count() == 18796
    assert Rating.objects.filter(occupation__in=current).count() == (61530 + 58014) // 2
    assert Projection.objects.current().filter(kind=Projection.Kind.DETAILED).count() == 832
