"""The whole path as the people take it: an editor starts a guide from /occupations/47-2111/ and
submits it; a publisher is emailed and sends it back; the editor fixes it and submits again; the
publisher schedules it; it is nowhere before its time and everywhere after publish_scheduled."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from guides.models import ChangeNote, Guide
from guides.workflow.models import Editorial, ReviewStep

from .admin_pages import change_url, save, take
from .factories import make_category
from .test_workflow_schedule import in_an_hour, time_passes, where_shown


@pytest.fixture(scope="module")
def electricians(django_db_setup, django_db_blocker, tmp_path_factory, real_occupations):
    """The real OEWS estimates for electricians (47-2111), beside the real EP and O*NET."""
    from guides.wages.models import Estimate, Release
    from guides.wages.sources import open_source
    from guides.wages.testing import write_subset

    path = tmp_path_factory.mktemp("oews") / "electricians.sqlite"
    source = open_source()  # keeps the unpacked copy until the subset is written
    write_subset(source.database_path(), path, ["472111"])
    with django_db_blocker.unblock():
        call_command("import_wages", "--from", str(path), verbosity=0)
    yield
    with django_db_blocker.unblock():
        Estimate.objects.all().delete()
        Release.objects.all().delete()


@pytest.mark.django_db
def test_from_an_occupation_page_to_a_scheduled_publication(
    electricians, people, django_capture_on_commit_callbacks
):
    ed_client, pub_client = people
    trades = make_category(name="Construction trades", slug="construction-trades")
    occupation = ed_client.get("/occupations/47-2111/").content.decode()
    start = "/admin/guides/guide/start/?soc=47-2111"
    assert start in occupation
    assert start not in Client().get("/occupations/47-2111/").content.decode()

    page = ed_client.get(start)
    shown = page.content.decode()
    assert page.context["form"].initial["title"] == "Electricians"
    for text in ("9.5% over 2024-34", "818,700", "Apprenticeship", "O*NET 29.3 Database"):
        assert text in shown, text
    with django_capture_on_commit_callbacks(execute=True):  # as when the request commits
        response = ed_client.post(
            start,
            {
                "title": "Electrician",
                "category": trades.pk,
                "summary": "Electricians wire buildings.",
            },
        )
    guide = Guide.objects.get(slug="electrician")
    assert response.url == change_url(guide)
    assert (guide.status, guide.occupation_code, guide.employment) == ("draft", "47-2111", 818_700)
    assert (guide.growth_percent, guide.growth_period, guide.on_the_job_training) == (
        9.5,
        "2024-34",
        "Apprenticeship",
    )
    assert guide.overview == "" and guide.core_functions == ""
    form = ed_client.get(change_url(guide)).content.decode()
    assert "Still to write:" in form and "Prepare sketches or follow blueprints" in form

    take(ed_client, guide, "submit", message="New guide from the occupation data.")
    assert mail.outbox[-1].to == ["pablo@example.org"]
    assert f"/admin/guides/guide/{guide.pk}/review/" in mail.outbox[-1].body
    take(pub_client, guide, "send_back", comment="Write the overview before it goes out.")
    assert "Write the overview" in ed_client.get(change_url(guide)).content.decode()
    save(ed_client, guide, overview="Electricians install and maintain electrical systems.")
    take(ed_client, guide, "submit", message="Overview written.")
    assert Editorial.objects.get(guide=guide).state == Editorial.State.IN_REVIEW

    take(pub_client, guide, "approve", go_live_at=in_an_hour())
    assert not any(where_shown("electrician", "Electrician").values())
    time_passes(guide)
    call_command("publish_scheduled")
    assert all(where_shown("electrician", "Electrician").values())
    assert ChangeNote.objects.get(guide=guide).note == "First published."
    steps = list(ReviewStep.objects.filter(guide=guide).values_list("action", flat=True))
    assert steps == [
        "published",
        "scheduled",
        "submitted",
        "sent_back",
        "submitted",
        "started",
    ]
