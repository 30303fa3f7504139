"""The API's view of an occupation's BLS Employment Projections and O*NET data: what
/api/v1/occupations/{soc} adds to its pay."""

from django.db.models import OuterRef, Prefetch, Subquery

from guides.projections import jobs

# O*NET rates 35 skills and 33 knowledge areas for each occupation; the API returns them all,
# most important first, so a client can apply its own threshold.


def projection_out(projection):
    """The EP row as published, employment in jobs (BLS prints thousands)."""
    if projection is None:
        return None
    return {
        "release": projection.release.name,
        "base_year": projection.release.year,
        "projected_year": projection.release.end_year,
        "employment": jobs(projection.employment),
        "employment_projected": jobs(projection.employment_projected),
        "change": jobs(projection.change),
        "change_percent": float(projection.change_percent),
        "openings_a_year": jobs(projection.openings),
        "openings_from_growth": jobs(projection.growth_openings),
        "openings_from_exits": jobs(projection.exits),
        "openings_from_transfers": jobs(projection.transfers),
        "entry_education": projection.education,
        "work_experience": projection.experience,
        "on_the_job_training": projection.training,
    }


def onet_out(onet):
    """The O*NET occupation with the same SOC code (its .00 row), or None."""
    if onet is None:
        return None
    ratings = {"skill": [], "knowledge": []}
    for rating in onet.ratings.all():
        ratings[rating.domain].append(
            {
                "name": rating.name,
                "importance": float(rating.importance),
                "level": float(rating.level),
            }
        )
    return {
        "code": onet.code,
        "title": onet.title,
        "release": onet.release.name,
        "description": onet.description,
        "job_zone": onet.job_zone.zone if onet.job_zone else None,
        "job_zone_name": onet.job_zone.short_name if onet.job_zone else None,
        "tasks": [{"text": task.text, "kind": task.kind or None} for task in onet.tasks.all()],
        "skills": ratings["skill"],
        "knowledge": ratings["knowledge"],
        "education": [
            {"level": share.level.name, "percent": float(share.percent)}
            for share in onet.education_shares.all()
        ],
        "alternate_titles": [title.title for title in onet.alternate_titles.all()],
    }


def projection_of(column):
    """A subquery for a list of occupations: one column of each one's current projection."""
    from guides.occupations.models import Projection

    rows = Projection.objects.current().filter(soc=OuterRef("code"))
    return Subquery(rows.values(column)[:1])


def occupation_data(soc):
    """(the current EP projection, the current O*NET occupation) for a SOC code: five queries."""
    from guides.occupations.models import OnetOccupation, Projection, Rating

    projection = Projection.objects.current().filter(soc=soc).select_related("release").first()
    onet = (
        OnetOccupation.objects.current()
        .filter(code=f"{soc}.00")
        .select_related("release", "job_zone")
        .prefetch_related(
            "tasks",
            Prefetch("ratings", Rating.objects.order_by("domain", "-importance", "name")),
            "education_shares__level",
            "alternate_titles",
        )
        .first()
    )
    return projection, onet
