"""The API's view of an occupation's BLS Employment Projections and O*NET data: what
/api/v1/occupations/{soc} adds to its pay."""

from django.db.models import OuterRef, Subquery

from guides.occupations.models import OnetOccupation, Projection
from guides.occupations.skills import skills_by_soc
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


def onet_out(onet, skills, knowledge):
    """The O*NET occupation with the same SOC code (its .00 row) and the SOC code's ratings
    (guides.occupations.skills: a specialties' average where O*NET rates only those), or None."""
    if onet is None:
        return None

    def ratings(rated):
        return [{"name": name, "importance": float(value)} for name, value in rated.ratings]

    return {
        "code": onet.code,
        "title": onet.title,
        "release": onet.release.name,
        "description": onet.description,
        "job_zone": onet.job_zone.zone if onet.job_zone else None,
        "job_zone_name": onet.job_zone.short_name if onet.job_zone else None,
        "tasks": [{"text": task.text, "kind": task.kind or None} for task in onet.tasks.all()],
        "skills": ratings(skills) if skills else [],
        "knowledge": ratings(knowledge) if knowledge else [],
        "ratings_from_specialties": skills.from_specialties if skills else [],
        "education": [
            {"level": share.level.name, "percent": float(share.percent)}
            for share in onet.education_shares.all()
        ],
        "alternate_titles": [title.title for title in onet.alternate_titles.all()],
    }


def with_projection(occupations):
    """Occupations annotated with their current projection's growth, openings and education."""

    rows = Projection.objects.current().filter(soc=OuterRef("code"))
    return occupations.annotate(
        growth=Subquery(rows.values("change_percent")[:1]),
        openings=Subquery(rows.values("openings")[:1]),
        education=Subquery(rows.values("education")[:1]),
    )


def occupation_data(soc):
    """The current EP projection and O*NET data for a SOC code, as the API shows them (both None
    where the datasets have nothing): eight queries."""

    projection = Projection.objects.current().filter(soc=soc).select_related("release").first()
    onet = (
        OnetOccupation.objects.current()
        .filter(code=f"{soc}.00")
        .select_related("release", "job_zone")
        .prefetch_related("tasks", "education_shares__level", "alternate_titles")
        .first()
    )
    skills = skills_by_soc([soc]).get(soc)
    knowledge = skills_by_soc([soc], "knowledge").get(soc)
    return projection_out(projection), onet_out(onet, skills, knowledge)
