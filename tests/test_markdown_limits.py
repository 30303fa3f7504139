"""Markdown that would hold a worker is refused where it is written (the field's validation: the
admin's forms, the fixture loader, the preview), and the slowest text allowed still renders."""

import signal
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from guides.loading import LoadError, plan_load
from guides.markdown import markdown_problem, render_markdown
from guides.markdown_limits import worst_allowed
from guides.models import Guide

from .admin_pages import save
from .factories import guide_file_data, make_full_guide, make_guide, write_guide_file

WORDS = "word " * 3_000  # 15,000 characters: a long paragraph for the scans to run through
REFUSED = {
    "hundreds of unclosed brackets": ("[" * 300 + WORDS, "Too many links and tags"),
    "links whose ( never closes": ("[a](b " * 100 + WORDS, "Too many links and tags"),
    "tags that never close": ("<p " * 100 + WORDS, "Too many links and tags"),
    "a thousand links in one paragraph": ("[a](https://example.org/) " * 700, "Too many links"),
    "quotes nested 21 deep": ("> " * 21 + "deep", "nested 21 levels deep"),
    "lists nested 21 deep": ("".join("    " * n + "- item\n" for n in range(21)), "nested 21"),
}


@contextmanager
def time_limit(seconds):
    """Fail, rather than hang, when the block runs longer (SIGALRM: pytest's main thread)."""

    def expire(signum, frame):
        raise TimeoutError(f"still rendering after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("name", "text"), worst_allowed(), ids=[n for n, _ in worst_allowed()])
def test_the_slowest_markdown_allowed_renders(name, text):
    """Each costly pattern at its bound, at the field's full length, is allowed (so it is
    rendered as Markdown) and renders. How long it takes is measured by `make bench`."""
    assert markdown_problem(text) is None
    with time_limit(5):
        assert render_markdown(text)


@pytest.mark.parametrize(("text", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_pathological_markdown_is_refused_with_a_message(text, message):
    problem = markdown_problem(text)
    assert problem and message in problem
    # Text saved without validation (the shell, a script) is shown as typed, never rendered.
    with time_limit(5):
        html = render_markdown(text)
    assert html.startswith("<p>")
    assert "<a " not in html and "<li>" not in html and "<blockquote>" not in html


@pytest.mark.django_db
def test_the_field_refuses_it():
    guide = make_guide()
    guide.overview = REFUSED["hundreds of unclosed brackets"][0]
    with pytest.raises(ValidationError) as refused:
        guide.clean_fields()
    assert "Too many links and tags" in refused.value.message_dict["overview"][0]


@pytest.mark.django_db
def test_the_admin_form_refuses_it_and_keeps_the_guide(client, editor):
    guide = make_full_guide()
    before = Guide.objects.get(pk=guide.pk).overview
    response = save(client, guide, overview="> " * 21 + "deep")
    assert response.status_code == 200
    assert "nested 21 levels deep" in response.content.decode()
    assert Guide.objects.get(pk=guide.pk).overview == before


@pytest.mark.django_db
def test_the_loader_refuses_it(tmp_path):
    write_guide_file(tmp_path, guide_file_data("midwife", overview="<p " * 100 + WORDS))
    with pytest.raises(LoadError) as error:
        plan_load([tmp_path])
    assert any("Too many links and tags" in str(p) for p in error.value.problems)


@pytest.mark.django_db
def test_the_preview_refuses_it(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="change_guide"))
    url = reverse("admin:guides_guide_preview_markdown")
    response = client.post(url, {"text": "[a](b " * 100 + WORDS})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Cannot preview: Too many links and tags")


def test_a_list_right_after_a_line_is_a_list():
    """As the shipped guides write it (lawyer, paralegal): no blank line before the list."""
    html = render_markdown("Requirements include:\n- a degree;\n- the bar.")
    assert (
        html == "<p>Requirements include:</p>\n<ul>\n<li>a degree;</li>\n<li>the bar.</li>\n</ul>"
    )
