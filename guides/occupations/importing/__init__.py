"""Writing the occupation datasets into PostgreSQL: `import_occupations(folder)`.

One transaction for both datasets: a failure anywhere (a damaged extract, a lost connection) leaves
the database as it was. Every extract is checked against SHA256SUMS before anything is written. A
release already stored from the same files is left alone; the same release from other files
replaces it; any other release is added beside the earlier ones (the newest is shown).
"""

import time

from django.db import connection, transaction

from guides.finding.index import rebuild as rebuild_search
from guides.page_cache import SITE, bump

from ..extracts import FOLDER, checksums
from ..models import (
    AlternateTitle,
    EducationLevel,
    EducationShare,
    JobZone,
    OnetOccupation,
    Projection,
    Rating,
    RelatedOccupation,
    Release,
    Task,
    Technology,
)
from .onet import Onet
from .projections import Projections

DATASETS = [Projections, Onet]
DETAILS = [Task, Rating, Technology, AlternateTitle, RelatedOccupation, EducationShare]


def import_occupations(folder=None, say=print):
    """Store the extracts in `folder` (by default the committed ones); return the outcome."""
    folder = FOLDER if folder is None else folder
    started = time.monotonic()
    outcomes = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")  # the site's limit is for pages
            # One import at a time: a second one waits here, then finds the releases stored.
            cursor.execute("LOCK TABLE occupations_release IN SHARE ROW EXCLUSIVE MODE")
        sums = {dataset: checksums(folder, dataset.files) for dataset in DATASETS}
        for dataset in DATASETS:
            source = dataset(folder)
            existing = Release.objects.filter(dataset=source.dataset, code=source.code).first()
            if existing and existing.checksums == sums[dataset]:
                outcomes.append(
                    f"{existing.name} is already imported (same files); nothing changed."
                )
                continue
            if existing:
                say(f"{existing.name} is stored from other files; replacing it.")
                delete_release(existing)
            release = Release.objects.create(
                dataset=source.dataset,
                code=source.code,
                name=source.name,
                source=str(folder),
                checksums=sums[dataset],
                **source.release_fields(),
            )
            source.store(release, say)
            outcomes.append(f"Imported {release.name}.")
        if any(outcome.startswith("Imported") for outcome in outcomes):
            _analyze()
            rebuild_search()  # search reads O*NET's titles and descriptions
            bump(SITE)  # occupation pages, guides and lists show these figures
    return " ".join([*outcomes, f"({time.monotonic() - started:.1f} s)"])


def delete_release(release):
    """Remove a release (replaced, or a test's): its details with one DELETE each rather than Django's row-by-row cascade."""
    with connection.cursor() as cursor:
        for model in DETAILS:
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE occupation_id IN "
                f"(SELECT id FROM {OnetOccupation._meta.db_table} WHERE release_id = %s)",
                [release.pk],
            )
    release.delete()


def _analyze():
    """Give the planner the new row counts at once, in this transaction (autovacuum may take a
    minute), as the wage import does."""
    with connection.cursor() as cursor:
        for model in [Release, Projection, JobZone, EducationLevel, OnetOccupation, *DETAILS]:
            cursor.execute(f"ANALYZE {model._meta.db_table}")
