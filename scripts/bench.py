"""make bench: server time of search, the filtered catalogue and the occupation pages at 10,000
synthetic guides, and the time to import the bundled OEWS wage release.

Creates a scratch database beside the project's (never touching it), loads the real guides plus
BENCH_GUIDES synthetic ones, then times requests through Django's full stack in-process (middleware,
view, queries, template) and prints median and p95 per scenario, plus the query plan of a search.
This is a measurement, not a test: it asserts nothing.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GUIDES = int(os.environ.get("BENCH_GUIDES", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
SCENARIOS = {
    "search 'nurse'": "/guides/?q=nurse",
    "search 'nurce' (typo)": "/guides/?q=nurce",
    "search 'helth manager' (typo)": "/guides/?q=helth+manager",
    "search 'software developer'": "/guides/?q=software+developer",
    "search 'manager' (in 95% of guides)": "/guides/?q=manager",
    "search 'xyzzy' (nothing found)": "/guides/?q=xyzzy",
    "search 'budget compliance' + category": "/guides/?q=budget+compliance&category=healthcare",
    "catalogue, filtered and sorted by pay": (
        "/guides/?category=technology&demand=high&pay_min=60000&sort=pay"
    ),
    "catalogue, page 40 by growth": "/guides/?sort=growth&page=40",
    "guide page (seed)": "/guides/medical-manager/",
    "guide page with ?state=ca": "/guides/medical-manager/?state=ca",
    "occupation page (11-9111)": "/occupations/11-9111/",
    "occupation page (15-2051)": "/occupations/15-2051/",
    "state page (11-9111 in CA)": "/occupations/11-9111/ca/",
    "state page (11-9111 in TX, by median)": "/occupations/11-9111/tx/?sort=-median",
    "occupation list": "/occupations/",
}


def scratch_url():
    from careerguide.settings.base import EMBEDDED_DATABASE_URL

    base = os.environ.get("DATABASE_URL") or EMBEDDED_DATABASE_URL
    parts = urlparse(base)
    return urlunparse(parts._replace(path="/careerguide_bench")), base


def prepare(url, admin_url):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS careerguide_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE careerguide_bench")
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="careerguide.settings.bench")
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["load_guides"],
        ["import_wages"],
        ["generate_synthetic_guides", str(GUIDES)],
    ):
        print("$ manage.py", " ".join(command), flush=True)
        start = time.perf_counter()
        subprocess.run(manage + command, env=env, check=True, stdout=subprocess.DEVNULL)
        if command[0] == "import_wages":
            # The whole bundled OEWS release, read, checked and COPYed (goal: at most 60 s).
            print(f"  imported the OEWS release in {time.perf_counter() - start:.1f} s", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def measure():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from guides.models import Guide
    from guides.search import search

    setup_test_environment()  # lets Client run without ALLOWED_HOSTS changes
    client = Client()
    assert connection.settings_dict["NAME"] == "careerguide_bench", "not the scratch database"
    print(
        f"\n{Guide.objects.count()} guides in the scratch database; "
        f"{REQUESTS} requests per scenario after 10 warm-up requests.\n"
    )
    print(f"{'scenario':42} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, path in SCENARIOS.items():
        for _ in range(10):
            assert client.get(path).status_code == 200
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:42} {statistics.median(timings):10.1f} {p95:8.1f} {timings[-1]:8.1f}")

    queryset = search(Guide.objects.published().with_headline_pay(), "nurce")[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("\nQuery plan of search 'nurce' (first page):\n" + plan)
    used = [name for name in ("guide_search_vector_gin",) if name in plan]
    print("\nGIN indexes used:", ", ".join(used) or "none")


if __name__ == "__main__":
    if "--measure-here" in sys.argv:
        measure()
        sys.exit()
    url, admin_url = scratch_url()
    if "--measure-only" not in sys.argv:
        prepare(url, admin_url)
    # Measure in a fresh interpreter: this one has imported the settings, and with them the
    # project's own database, before DATABASE_URL could name the scratch one.
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="careerguide.settings.bench")
    subprocess.run([sys.executable, __file__, "--measure-here"], env=env, check=True)
