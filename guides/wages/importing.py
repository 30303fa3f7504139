"""Writing a release into PostgreSQL: reference rows with the ORM, estimates with COPY.

One transaction: a failure anywhere (a damaged line, a lost connection) leaves the database as it
was. The same release with the same files again changes nothing; the same release with other files
(BLS re-issued it) replaces it; any other release is added beside the earlier ones.
"""

import json
import time

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from guides.finding.index import rebuild as rebuild_search
from guides.page_cache import SITE, bump

from .models import DATATYPE_FIELDS, Area, Estimate, Industry, IndustryEstimate, Occupation, Release
from .sources import CROSS_INDUSTRY, SourceError, area_states, soc

COPY_BATCH = 5_000
PROGRESS_EVERY = 50_000
FIGURES = [*DATATYPE_FIELDS.values(), "footnotes"]
FIELDS = list(DATATYPE_FIELDS.values())


def import_release(source, say=print):
    """Store `source` (a sources.ReleaseSource); return the one-line outcome."""
    started = time.monotonic()
    with transaction.atomic():
        # One import at a time: a second one waits here, then finds the release already stored.
        with connection.cursor() as cursor:
            # A whole release takes seconds to COPY: the site's per-statement limit is for pages.
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("LOCK TABLE wages_release IN SHARE ROW EXCLUSIVE MODE")
        existing = Release.objects.filter(code=source.code).first()
        if existing and existing.checksums == source.checksums and existing.complete:
            return f"OEWS {existing.name} is already imported (same files); nothing changed."
        if existing:
            why = "other files" if existing.complete else "an import without its industries"
            say(f"OEWS {existing.name} is stored from {why}; replacing it.")
            Estimate.objects.filter(release=existing).delete()
            IndustryEstimate.objects.filter(release=existing).delete()
            existing.delete()
        top_hourly, top_annual = source.top_coded
        release = Release.objects.create(
            code=source.code,
            name=source.name,
            year=source.year,
            published=source.published,
            source=str(source.path),
            checksums=source.checksums,
            footnotes=source.footnotes,
            top_hourly=top_hourly,
            top_annual=top_annual,
        )
        areas = _store_areas(release, source)
        occupations = _store_occupations(release, source)
        industries = _store_industries(release, source)
        say(
            f"OEWS {release.name}: {len(areas):,} areas, {len(occupations):,} occupations, "
            f"{len(industries):,} industries."
        )
        count, by_industry = _copy_estimates(release, source, areas, occupations, industries, say)
        national = Estimate.objects.filter(occupation=OuterRef("pk"), area__kind=Area.Kind.NATIONAL)
        Occupation.objects.filter(release=release).update(
            national_median=Subquery(national.values("annual_median")[:1]),
            national_employment=Subquery(national.values("employment")[:1]),
        )
        _analyze()
        rebuild_search()  # search's occupations are this release's
        bump(SITE)  # every page may show pay: none cached before the release is served again
    seconds = time.monotonic() - started
    return (
        f"Imported OEWS {release.name}: {count:,} estimates and {by_industry:,} national "
        f"estimates by industry in {seconds:.1f} s."
    )


def _analyze():
    """Give the planner the new row counts and value spreads at once, in this transaction: with the
    statistics of a smaller release (autovacuum may not come for a minute), PostgreSQL plans the
    occupation list as nested loops that take 40 times as long and can pass the statement timeout."""
    with connection.cursor() as cursor:
        for model in (Release, Area, Occupation, Estimate, Industry, IndustryEstimate):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _store_areas(release, source):
    rows = Area.objects.bulk_create(
        Area(
            release=release,
            code=code,
            kind=kind,
            fips=fips,
            name=name,
            states=area_states(kind, fips, name),
        )
        for code, kind, fips, name in source.areas
    )
    return {area.code: area.pk for area in rows}


def _store_industries(release, source):
    rows = Industry.objects.bulk_create(
        Industry(release=release, code=code, name=name, level=level)
        for code, name, level in source.industries
    )
    return {industry.code: industry.pk for industry in rows}


def _parent_code(code6, levels):
    """The nearest group above an occupation: the SOC code that shares its leading digits
    ("119111" -> "119000", "151252" -> "151250") and sits at a higher level."""
    for length in (5, 4, 3, 2):
        candidate = code6[:length].ljust(6, "0")
        if candidate != code6 and levels.get(candidate, 9) < levels[code6]:
            return candidate
    return None


def _store_occupations(release, source):
    """Level by level, so each occupation's parent has its id when the occupation is stored."""
    levels = {code6: level for code6, _name, level in source.occupations}
    ids = {}
    for level in Occupation.Level.values:
        created = Occupation.objects.bulk_create(
            Occupation(
                release=release,
                code=soc(code6),
                name=name,
                level=level,
                parent_id=ids.get(_parent_code(code6, levels)),
            )
            for code6, name, own_level in sorted(source.occupations)
            if own_level == level
        )
        ids.update({occupation.code.replace("-", ""): occupation.pk for occupation in created})
    return ids


def _copy_estimates(release, source, areas, occupations, industries, say):
    """Stream every cross-industry cell into wages_estimate with COPY, keeping the national
    estimates by industry for a second COPY (one COPY at a time per connection); return how many
    of each were written."""
    count = 0
    seen_areas, national, by_industry = set(), set(), []
    sql = (
        f"COPY wages_estimate (release_id, area_id, occupation_id, {', '.join(FIGURES)}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        batch = []
        for cell in source.cells():
            if cell.industry != CROSS_INDUSTRY:
                by_industry.append(_line(release, industries[cell.industry], occupations, cell))
                continue
            batch.append(_line(release, areas[cell.area], occupations, cell))
            seen_areas.add(cell.area)
            if cell.kind == Area.Kind.NATIONAL:
                national.add(cell.occupation)
            count += 1
            if len(batch) == COPY_BATCH:
                copy.write("\n".join(batch) + "\n")
                batch = []
            if count % PROGRESS_EVERY == 0:
                say(f"  {count:,} estimates")
        if batch:
            copy.write("\n".join(batch) + "\n")
    _check_complete(source, seen_areas, national)
    sql = (
        f"COPY wages_industryestimate (release_id, industry_id, occupation_id, {', '.join(FIGURES)}) "
        "FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for start in range(0, len(by_industry), COPY_BATCH):
            copy.write("\n".join(by_industry[start : start + COPY_BATCH]) + "\n")
    return count, len(by_industry)


def _line(release, place_id, occupations, cell):
    """A COPY line: the release, the area's or industry's id, the occupation's, its figures."""
    values = [r"\N" if v in (None, "-") else v for v in cell.values]
    ids = [str(release.pk), str(place_id), str(occupations[cell.occupation])]
    notes = "{}"
    if any(cell.notes):  # most cells have none: no dict to build and encode
        notes = json.dumps({FIELDS[i]: note for i, note in enumerate(cell.notes) if note})
    return "\t".join([*ids, *values, notes])


def _check_complete(source, seen_areas, national):
    """A file cut short at a line boundary parses cleanly; what it lost shows as areas with no
    estimates at all, or occupations missing nationally."""
    for code, _kind, _fips, name in source.areas:
        if code not in seen_areas:
            raise SourceError(
                f"{source.path.name}: no estimates for area {code} ({name}); "
                "the file may be truncated."
            )
    for code6, name, _level in source.occupations:
        if code6 not in national:
            raise SourceError(
                f"{source.path.name}: no national estimate for {soc(code6)} ({name}); "
                "the file may be truncated."
            )
