"""make bench: server time of search, the filtered catalogue and the occupation pages at 10,000
synthetic guides, the time to import the bundled OEWS wage release and the occupation data (EP and
O*NET), then throughput through gunicorn.
Both use the project's Redis, as `make run` does, when it starts.

Creates a scratch database beside the project's (never touching it), loads the real guides plus
BENCH_GUIDES synthetic ones, then times requests through Django's full stack in-process (middleware,
view, queries, template; the page cache bypassed, so pages are rendered) and prints median and p95
per scenario, plus the query plan of a search. Then it serves the scratch database with gunicorn
and loads it with wrk: req/s of a static file, the guide page cached and uncached, the catalogue
and a search, each as a ratio to the static file, and latency at 100 connections. This is a
measurement, not a test: it asserts nothing.
"""

import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse
from urllib.request import Request, urlopen

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
    # The occupation page as a guide, first render (goal: at most 40 ms): electricians (O*NET
    # profile, EP, industries), software developers (the most technology), an "All Other".
    "occupation guide (47-2111)": "/occupations/47-2111/",
    "occupation guide (15-1252)": "/occupations/15-1252/",
    "occupation guide (11-9199, All Other)": "/occupations/11-9199/",
    "state page (11-9111 in CA)": "/occupations/11-9111/ca/",
    "state page (11-9111 in TX, by median)": "/occupations/11-9111/tx/?sort=-median",
    "occupation list": "/occupations/",
    "search 'CPA' (an O*NET short title)": "/guides/?q=CPA",
    "occupation catalogue, strong outlook by growth": "/occupations/?strong=on&sort=growth",
    "occupation catalogue, filtered, page 2": (
        "/occupations/?education=Bachelor%27s+degree&pay_min=80000&sort=openings&page=2"
    ),
    "compare with projections and O*NET skills": (
        "/compare/?c=medical-manager&c=registered-nurse&c=15-2051"
    ),
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
    imports = {"import_wages": "the OEWS release", "import_occupations": "EP and O*NET"}
    for command in (
        ["migrate", "-v0"],
        ["load_guides"],
        ["import_wages"],
        ["import_occupations"],
        ["generate_synthetic_guides", str(GUIDES)],
    ):
        print("$ manage.py", " ".join(command), flush=True)
        start = time.perf_counter()
        done = subprocess.run(
            manage + command, env=env, check=True, stdout=subprocess.PIPE, text=True
        )
        if command[0] in imports:
            # Read, checked and COPYed in one transaction (goals: OEWS at most 60 s; the
            # projections and O*NET together at most 60 s). Wall time includes Django's start-up.
            print(
                f"  imported {imports[command[0]]} in {time.perf_counter() - start:.1f} s "
                f"({done.stdout.strip().splitlines()[-1]})",
                flush=True,
            )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def timings(client, path, first_render):
    """median, p95 and max milliseconds of REQUESTS requests, after 10 to warm up. A first render
    starts with nothing kept: the site-wide version is bumped before each request (untimed), so
    neither the page nor any part kept of it (a guide's HTML, the filters) is reused. (A query
    string no request repeats no longer does that: pages drop the parameters they do not read.)"""
    from guides.page_cache import SITE, bump

    for _ in range(10):
        assert client.get(path).status_code == 200
    times = []
    for _ in range(REQUESTS):
        if first_render:
            bump(SITE)
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return f"{statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f}"


def measure():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from guides.models import Guide
    from guides.search import search
    from guides.wages.headline import headline_pay

    setup_test_environment()  # lets Client run without ALLOWED_HOSTS changes
    gc.freeze()  # as a gunicorn worker does once the project is imported (gunicorn.conf.py)
    assert connection.settings_dict["NAME"] == "careerguide_bench", "not the scratch database"
    rendering = Client()
    # A session cookie bypasses the page cache, and timings() bumps the site-wide version before
    # each request, so nothing kept is reused: every request is a first render.
    rendering.cookies["sessionid"] = "bench"
    print(
        f"\n{Guide.objects.count()} guides in the database {connection.settings_dict['NAME']}, "
        f"cache {os.environ.get('REDIS_URL') or 'per process'}; "
        f"{REQUESTS} requests per scenario after 10 warm-up requests.\n"
    )
    print(f"{'rendered every time':42} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, path in SCENARIOS.items():
        print(f"{name:42} {timings(rendering, path, first_render=True)}")
    print(f"\n{'served from the page cache (anonymous)':42} {'median ms':>10} {'p95 ms':>8}")
    for name, path in SCENARIOS.items():
        if name.startswith("search"):
            print(f"{name:42} {timings(Client(), path, first_render=False)}")

    queryset = search(Guide.objects.published().annotate(**headline_pay()), "nurce")[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("\nQuery plan of search 'nurce' (first page):\n" + plan)
    used = [name for name in ("guide_search_vector_gin",) if name in plan]
    print("\nGIN indexes used:", ", ".join(used) or "none")

    from guides.markdown_limits import render_milliseconds, worst_allowed

    print(f"\n{'Markdown allowed at its slowest (an editor save)':50} {'median ms':>10}")
    for name, text in worst_allowed():
        print(f"{name:50} {render_milliseconds(text):10.0f}")


# Throughput: wrk against gunicorn. A session cookie bypasses the page cache (as for a signed-in
# reader, whose guide page HTML is still rendered once per version). wrk cannot make every request
# a first render (pages drop a query string they do not read, and nothing bumps the versions
# between its requests): the in-process timings above measure first renders.
BENCH_PORT = int(os.environ.get("BENCH_PORT", "8099"))
SECONDS = os.environ.get("BENCH_SECONDS", "3")
# This machine's speed drifts by a factor of two from one run to the next (shared cores), and
# within a run: each request is run ROUNDS times, each between two runs of the static file, and
# the median of those rounds' ratios is given with their range.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LONG_SECONDS = os.environ.get("BENCH_LONG_SECONDS", "60")
UNCACHED = "Cookie: sessionid=bench"
THROUGHPUT = [
    ("guide page, cached", "/guides/medical-manager/", None),
    ("guide page, signed in", "/guides/medical-manager/", UNCACHED),
    ("home, cached", "/", None),
    ("catalogue, cached", "/guides/", None),
    ("catalogue, uncached", "/guides/", UNCACHED),
    ("search 'nurse', cached", "/guides/?q=nurse", None),
    ("search 'nurse', uncached", "/guides/?q=nurse", UNCACHED),
]


def wrk(path, header=None, connections=16, seconds=SECONDS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-H", "Accept-Encoding: br, gzip"]
    if header:
        command += ["-H", header]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{BENCH_PORT}{path}"], capture_output=True, text=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", out)
    return rate, out, errors.group(0) if errors else "none"


def site_env(url):
    """The scratch database with the bench settings, and the project's Redis as `make run` has it
    (its database 1, emptied), when it starts."""
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="careerguide.settings.bench")
    redis = ["bash", str(ROOT / "scripts/redis.sh")]
    if "REDIS_URL" not in env and subprocess.run([*redis, "start"], env=env).returncode == 0:
        env["REDIS_URL"] = subprocess.check_output([*redis, "url", "1"], text=True).strip()
        socket = ROOT / ".local" / "redis" / "redis.sock"
        subprocess.run(["redis-cli", "-s", str(socket), "-n", "1", "flushdb"], check=False)
    return env


def wire_sizes(path):
    """The cached page's size as sent for each Accept-Encoding (goal: at most 16 KB)."""
    sizes = []
    for encoding in ("br", "gzip", "identity"):
        request = Request(f"http://127.0.0.1:{BENCH_PORT}{path}")
        request.add_header("Accept-Encoding", encoding)
        with urlopen(request) as response:
            sizes.append(f"{len(response.read()) / 1024:.1f} KB {encoding}")
    return ", ".join(sizes)


def throughput(url):
    if not shutil.which("wrk") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install wrk)...")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        print("\nNo wrk: install it (sudo apt-get install wrk) for the throughput run.")
        return
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    env = dict(site_env(url), PORT=str(BENCH_PORT))
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "careerguide.wsgi", "--config", "gunicorn.conf.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if (
                subprocess.run(["curl", "-fs", f"http://127.0.0.1:{BENCH_PORT}/healthz"]).returncode
                == 0
            ):
                break
            time.sleep(0.2)
        print(f"\nThroughput through gunicorn ({env.get('REDIS_URL') or 'per-process cache'}),")
        print(
            f"wrk -t2 -c16 -d{SECONDS}s, {ROUNDS} rounds each between two runs of the static file;"
            " medians, and the range of the rounds' ratios:\n"
        )
        print(f"{'request':30} {'req/s':>6} {'static':>7} {'ratio':>6} {'range':>11}  errors")
        for name, path, header in [("static CSS (WhiteNoise)", static, None), *THROUGHPUT]:
            wrk(path, header, seconds="2")  # warm-up: fills the cache
            bases, rates, problems = [wrk(static)[0]], [], set()
            for _ in range(ROUNDS):
                rate, _, errors = wrk(path, header)
                rates.append(rate)
                problems.add(errors)
                bases.append(wrk(static)[0])
            # A round's ratio: its rate against the static runs on either side of it.
            ratios = [
                rate / (((before + after) / 2) or 1)
                for rate, before, after in zip(rates, bases, bases[1:], strict=False)
            ]
            errors = "; ".join(sorted(problems - {"none"})) or "none"
            print(
                f"{name:30} {statistics.median(rates):6.0f} {statistics.median(bases):7.0f}"
                f" {statistics.median(ratios):6.2f} {min(ratios):5.2f}-{max(ratios):<5.2f}  {errors}"
            )
        print(f"\nThe seed guide on the wire: {wire_sizes(THROUGHPUT[0][1])}")
        _, out, errors = wrk(THROUGHPUT[0][1], connections=100, seconds=LONG_SECONDS)
        print(f"\nCached guide page, 100 connections for {LONG_SECONDS} s (errors: {errors}):")
        print(out[out.index("Latency Distribution") :].split("\n\n")[0])
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    if "--measure-here" in sys.argv:
        measure()
        sys.exit()
    url, admin_url = scratch_url()
    if "--measure-only" not in sys.argv:
        prepare(url, admin_url)
    if "--throughput-only" not in sys.argv:
        # Measure in a fresh interpreter: this one has imported the settings, and with them the
        # project's own database, before DATABASE_URL could name the scratch one.
        subprocess.run([sys.executable, __file__, "--measure-here"], env=site_env(url), check=True)
    throughput(url)
