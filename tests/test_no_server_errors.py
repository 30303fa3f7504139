"""No input reaches a 5xx: the NUL bytes of issue 22 get a 400 that says why, and a property-based
walk of every URL pattern in the URLconf (read from get_resolver(), so a new route is covered
without editing this file) with generated path and query values finds no server error."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ISSUE_URLS = [
    "/compare/?c=medical-manager&c=registered-nurse%00",
    "/occupations/?q=%00",
    "/occupations/?q=data%00scientist",
    "/api/v1/guides/%00",
    "/api/v1/guides/medical-manager%00",
    "/api/v1/occupations?q=%00",
]


def routes(patterns=None, prefix=""):
    """Every URL pattern as one regular expression, the way Django's reverse() assembles them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, regex)
        else:
            yield regex


# (format string, parameter names) for each pattern: "guides/%(slug)s/", ["slug"].
ROUTES = [normalize(regex)[0] for regex in routes()]

# Values that reach real rows, so the walk goes past the 404s; the site fixture makes them exist
# (and adds the admin's object ids). Parameters of other names draw from all of them.
REAL = {
    "slug": ["walk-guide", "walk-category"],
    "soc": ["11-9111", "119111"],
    "state": ["ca", "nh", "us"],
    "app_label": ["guides", "feedback", "wages", "auth", "axes"],
}
# Query parameters the views and the admin read, beside generated names.
NAMES = ["q", "c", "state", "page", "per_page", "sort", "category", "demand", "remote"]
NAMES += ["education", "pay_min", "pay_max", "growth_min", "area", "level", "o", "p", "e"]
# Sent as they are, not encoded: broken, overlong and surrogate UTF-8, stray percent signs.
ODD_ESCAPES = ["%", "%0", "%zz", "%00", "%ff", "%c0%80", "%ed%a0%80", "%f0%28%8c", "%%", "%25%00"]
LONG = 10_000


def encoded(text):
    return quote(text, safe="")


values = st.one_of(
    st.sampled_from([value for real in REAL.values() for value in real]),
    st.text(max_size=30).map(encoded),  # any code point, NUL and newlines included
    st.sampled_from(ODD_ESCAPES),
    st.tuples(st.sampled_from(REAL["slug"]), st.sampled_from(ODD_ESCAPES)).map("".join),
    st.sampled_from(["x", "é", "中", "\x00", "9"]).map(lambda char: encoded(char * LONG)),
)
queries = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), values), values), max_size=4)

# The same hostile value everywhere at once: each route gets these whatever Hypothesis draws.
HOSTILE = ["a%00b", "9" * LONG, "%c0%80%ff%"]


def address(route, path_value, query):
    template, names = route
    path = "/" + template % {name: path_value(name) for name in names}
    return path + ("?" + "&".join(f"{key}={value}" for key, value in query) if query else "")


def request(client, method, route, path_value, query):
    url = address(route, path_value, query)
    if method == "POST":
        path, _, body = url.partition("?")
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.generic(method, url)
    assert response.status_code < 500, f"{method} {url[:300]} gave {response.status_code}"
    return response


@pytest.fixture
def clients(db):
    anonymous = Client()
    admin = Client()
    admin.force_login(User.objects.get(username="walker"))
    return {"anonymous": anonymous, "admin": admin}


@pytest.mark.parametrize("url", ISSUE_URLS)
def test_the_issues_nul_urls_get_a_400_that_says_why(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character (%00)" in response.content.decode()
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert response.json()["licence"]


@pytest.mark.parametrize(
    "where, kwargs",
    [
        ("a cookie", {"headers": {"Cookie": 'sessionid="abc\\000defghijk"'}}),
        ("a header", {"headers": {"User-Agent": "probe\x00"}}),
    ],
)
def test_nul_in_cookies_and_headers_is_refused(client, where, kwargs):
    response = client.get("/guides/", **kwargs)
    assert response.status_code == 400
    assert f"NUL character (%00) in {where}" in response.content.decode()


def test_nul_in_a_form_is_refused_even_where_no_form_field_checks(client):
    response = client.post("/admin/login/", {"username": "a\x00", "password": "b"})
    assert response.status_code == 400
    assert "in the form" in response.content.decode()


@pytest.mark.parametrize("route", ROUTES, ids=[template for template, _ in ROUTES])
def test_no_route_answers_5xx_to_any_path_or_query(sample_site, clients, route):
    every_real = [*sample_site, *(value for real in REAL.values() for value in real)]

    def path_value(name):
        real = st.sampled_from(REAL.get(name, every_real))
        return st.one_of(real, real, real, values)  # mostly real rows, so views do their work

    for value in HOSTILE:
        for client in clients.values():
            request(client, "GET", route, lambda name, v=value: v, [(n, value) for n in NAMES])

    @settings(
        max_examples=6,
        deadline=None,
        derandomize=True,  # the same examples every run: a failure in CI reproduces locally
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        who=st.sampled_from(list(clients)),
        method=st.sampled_from(["GET", "HEAD", "POST"]),
        path_values=st.fixed_dictionaries({name: path_value(name) for name in route[1]}),
        query=queries,
    )
    def walk(who, method, path_values, query):
        request(clients[who], method, route, path_values.__getitem__, query)

    walk()


def test_an_address_longer_than_gunicorn_accepts_is_refused_with_414(client):
    response = client.get("/admin/guides/category/recover/" + "9" * 5000 + "/")
    assert response.status_code == 414
    assert "longer than 4,094 characters" in response.content.decode()
