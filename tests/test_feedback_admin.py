"""Reader feedback in the admin, as an editor (Editors group) uses it."""

import csv
import io

import pytest
from django.urls import reverse

from guides.feedback.models import Feedback
from guides.models import Guide

from .factories import make_guide

pytestmark = pytest.mark.django_db

GUIDE_LIST = reverse("admin:feedback_guidefeedback_changelist")
FEEDBACK_LIST = reverse("admin:feedback_feedback_changelist")


@pytest.fixture
def answered():
    """A guide with four answers (three yes), two of them with comments, and one with none."""
    guide = make_guide(title="Clinic Manager", slug="clinic-manager")
    make_guide(title="Unanswered")
    for useful, comment in [(True, ""), (True, "Clear."), (True, ""), (False, "=HYPERLINK(1)")]:
        Feedback.objects.create(guide=guide, useful=useful, comment=comment)
    return guide


def test_guides_are_listed_with_share_of_yes_and_counts(client, editor, answered):
    html = client.get(GUIDE_LIST).content.decode()
    assert "Clinic Manager" in html
    assert "75% yes (3)" in html
    assert '<td class="field-answers">4</td>' in html
    assert '<td class="field-open_comments">2</td>' in html
    assert "Unanswered" not in html  # nothing to read there
    assert client.get(GUIDE_LIST, {"o": "1"}).status_code == 200  # sorted by share


def test_a_guide_lists_its_comments_and_an_editor_marks_one_handled(client, editor, answered):
    updated_at = answered.updated_at
    url = reverse("admin:feedback_guidefeedback_change", args=[answered.pk])
    response = client.get(url)
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.comment for form in formset.forms] == ["=HYPERLINK(1)", "Clear."]

    data = {
        "feedback-TOTAL_FORMS": "2",
        "feedback-INITIAL_FORMS": "2",
        "feedback-MIN_NUM_FORMS": "0",
        "feedback-MAX_NUM_FORMS": "1000",
        "_continue": "1",
    }
    for index, form in enumerate(formset.forms):
        data[f"feedback-{index}-id"] = str(form.instance.pk)
        data[f"feedback-{index}-guide"] = str(answered.pk)
    data["feedback-1-handled"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(Feedback.objects.filter(handled=True).values_list("comment", flat=True)) == [
        "Clear."
    ]
    # Marking comments handled is not an edit of the guide: its page keeps its ETag.
    assert Guide.objects.get(pk=answered.pk).updated_at == updated_at


def test_every_answer_listed_marked_handled_by_action(client, editor, answered):
    assert client.get(FEEDBACK_LIST, {"handled__exact": "0"}).status_code == 200
    ids = list(Feedback.objects.exclude(comment="").values_list("pk", flat=True))
    response = client.post(
        FEEDBACK_LIST, {"action": "mark_handled", "_selected_action": [str(pk) for pk in ids]}
    )
    assert response.status_code == 302
    assert set(Feedback.objects.filter(handled=True).values_list("pk", flat=True)) == set(ids)


def test_csv_export_neutralises_formulas(client, editor, answered):
    ids = [str(pk) for pk in Feedback.objects.values_list("pk", flat=True)]
    response = client.post(FEEDBACK_LIST, {"action": "export_csv", "_selected_action": ids})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="reader-feedback-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 4
    assert {row["guide"] for row in rows} == {"clinic-manager"}
    assert sorted(row["useful"] for row in rows) == ["no", "yes", "yes", "yes"]
    assert "'=HYPERLINK(1)" in [row["comment"] for row in rows]


def test_guide_level_export_holds_the_guides_feedback(client, editor, answered):
    response = client.post(
        GUIDE_LIST, {"action": "export_guides_csv", "_selected_action": [str(answered.pk)]}
    )
    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 4


def test_editors_cannot_add_feedback_or_edit_answers(client, editor, answered):
    assert client.get(reverse("admin:feedback_feedback_add")).status_code == 403
    item = Feedback.objects.get(comment="Clear.")
    client.post(
        reverse("admin:feedback_feedback_change", args=[item.pk]),
        {"comment": "Rewritten", "handled": "on"},
    )
    item.refresh_from_db()
    assert (item.comment, item.handled) == ("Clear.", True)


def test_feedback_is_for_staff_only(client, answered):
    assert client.get(GUIDE_LIST).status_code == 302  # to the login page
